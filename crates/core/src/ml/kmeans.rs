//! `pyspark.mllib.clustering.StreamingKMeans` (SEMANTICS G3, G4): every batch, empty ones too,
//! `StreamingKMeansModel.update` runs as Spark's Scala does it. Points go to their nearest
//! centre; every cluster weight is discounted by `decayFactor` (per batch, or to the power of
//! the batch's point count with `timeUnit="points"`); each cluster with new points moves
//! toward their mean; a dying cluster (weight below 1e-8 of the largest) takes half of the
//! largest one. Predictions run as PySpark's `KMeansModel.predict` does in Python.

use serde::{Deserialize, Serialize};

use super::{blas, ParamError, RandomState, Training};
use crate::operator::OpError;
use crate::{Batch, Value};

/// The parameters of `StreamingKMeans(k=2, decayFactor=1.0, timeUnit="batches")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KMeansParams {
    /// `k`: the number of clusters `setRandomCenters` draws.
    pub k: i64,
    /// `decayFactor`: how much of the past each batch keeps (1.0 keeps all of it).
    pub decay_factor: f64,
    /// `timeUnit`: `"batches"` or `"points"`.
    pub time_unit: String,
}

impl Default for KMeansParams {
    fn default() -> Self {
        KMeansParams {
            k: 2,
            decay_factor: 1.0,
            time_unit: "batches".into(),
        }
    }
}

impl KMeansParams {
    /// Every problem at once. PySpark checks only `timeUnit`, when the model is made and at
    /// each update; the others make Spark's numbers meaningless.
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut problems = Vec::new();
        if let Err(e) = time_unit(&self.time_unit) {
            problems.push(ParamError::new(
                "timeUnit",
                e.0.trim_start_matches("ValueError: "),
            ));
        }
        if self.decay_factor.is_nan() || self.decay_factor < 0.0 {
            problems.push(ParamError::new(
                "decayFactor",
                format!(
                    "decayFactor must be nonnegative but got {}",
                    self.decay_factor
                ),
            ));
        }
        if self.k < 1 {
            problems.push(ParamError::new(
                "k",
                format!("k must be positive but got {}", self.k),
            ));
        }
        super::problems_or_ok(problems)
    }
}

fn time_unit(unit: &str) -> Result<bool, OpError> {
    match unit {
        "batches" => Ok(false),
        "points" => Ok(true),
        other => Err(OpError(format!(
            "ValueError: timeUnit should be 'batches' or 'points', got {other}."
        ))),
    }
}

/// `pyspark.mllib.clustering.StreamingKMeansModel`: centres and their weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KMeansModel {
    /// `clusterCenters`.
    pub centers: Vec<Vec<f64>>,
    /// `clusterWeights`.
    pub cluster_weights: Vec<f64>,
    /// How many updates have run. Before the first, PySpark's `centers` and `clusterWeights`
    /// are the objects the program gave; after it, a numpy array and `numpy.float64`s.
    #[serde(default)]
    pub updates: u64,
}

impl KMeansModel {
    /// `model.predict(x)` as PySpark's Python `KMeansModel.predict`: the index of the centre
    /// with the smallest `numpy.dot(x - c, x - c)`, the first on ties.
    pub fn predict(&self, x: &Value) -> Result<Value, OpError> {
        let x = x.to_vector()?;
        let mut best = 0;
        let mut best_distance = f64::INFINITY;
        for (i, c) in self.centers.iter().enumerate() {
            if c.len() != x.len() {
                return Err(OpError("AssertionError: dimension mismatch".into()));
            }
            let distance = blas::np_sqdist(&x, c);
            if distance < best_distance {
                best = i;
                best_distance = distance;
            }
        }
        Ok(Value::Int(best as i64))
    }

    /// Spark's `KMeansModel.predict` in Scala (used by `update`): `EuclideanDistanceMeasure.findClosest`,
    /// which skips a centre when the norms alone prove it farther than the best so far.
    fn closest(&self, norms: &[f64], point: &[f64]) -> usize {
        let point_norm = blas::norm2(point);
        let mut best = 0;
        let mut best_distance = f64::INFINITY;
        for (i, (c, norm)) in self.centers.iter().zip(norms).enumerate() {
            let bound = norm - point_norm;
            if bound * bound < best_distance {
                let distance = blas::sqdist(c, point);
                if distance < best_distance {
                    best_distance = distance;
                    best = i;
                }
            }
        }
        best
    }

    /// `StreamingKMeansModel.update(data, decayFactor, timeUnit)` (Scala).
    pub fn update(
        &mut self,
        batch: &Batch,
        decay_factor: f64,
        unit: &str,
    ) -> Result<Training, OpError> {
        let points_unit = time_unit(unit)?;
        let k = self.centers.len();
        let dim = self.centers.first().map_or(0, Vec::len);
        let norms: Vec<f64> = self.centers.iter().map(|c| blas::norm2(c)).collect();
        // aggregateByKey: per partition, per cluster, sum and count in record order; then the
        // partitions' sums added (two partitions: a + b == b + a).
        let mut sums = vec![vec![0.0; dim]; k];
        let mut counts = vec![0u64; k];
        let mut part_sum = vec![vec![0.0; dim]; k];
        let mut part_count = vec![0u64; k];
        let (mut sample, mut sample_clusters) = (Vec::new(), Vec::new());
        for partition in &batch.partitions {
            for s in &mut part_sum {
                s.iter_mut().for_each(|x| *x = 0.0);
            }
            part_count.iter_mut().for_each(|c| *c = 0);
            for record in partition {
                let point = record.to_vector()?;
                if point.len() != dim {
                    return Err(OpError(format!(
                        "IllegalArgumentException: requirement failed: Both vectors should have \
                         same length, found v1 is {dim} while v2 is {}",
                        point.len()
                    )));
                }
                let c = self.closest(&norms, &point);
                if sample.len() < Training::MAX_SAMPLE {
                    let at = |i: usize| point.get(i).copied().unwrap_or(0.0);
                    sample.push([at(0), at(1)]);
                    sample_clusters.push(c as u32);
                }
                blas::axpy(1.0, &point, &mut part_sum[c]);
                part_count[c] += 1;
            }
            for c in 0..k {
                if part_count[c] > 0 {
                    if counts[c] == 0 {
                        sums[c].copy_from_slice(&part_sum[c]);
                    } else {
                        blas::axpy(1.0, &part_sum[c], &mut sums[c]);
                    }
                    counts[c] += part_count[c];
                }
            }
        }
        let total: u64 = counts.iter().sum();
        let discount = if points_unit {
            decay_factor.powf(total as f64)
        } else {
            decay_factor
        };
        for w in &mut self.cluster_weights {
            *w *= discount;
        }
        for c in 0..k {
            let count = counts[c];
            if count == 0 {
                continue;
            }
            let m = count as f64;
            let updated = self.cluster_weights[c] + m;
            let lambda = m / updated.max(1e-16);
            self.cluster_weights[c] = updated;
            let centroid = &mut self.centers[c];
            for x in centroid.iter_mut() {
                *x *= 1.0 - lambda;
            }
            blas::axpy(lambda / m, &sums[c], centroid);
        }
        let split = self.split_dying_cluster();
        self.updates += 1;
        Ok(Training {
            points: total as usize,
            assigned: counts,
            discount,
            split,
            dims: dim,
            sample,
            sample_clusters,
            ..Training::default()
        })
    }

    /// The dying-cluster rule: if the smallest weight is below 1e-8 of the largest (first
    /// argmin and argmax), both get their mean weight and the largest centre is split in two,
    /// `x ± 1e-14 * max(|x|, 1)` per coordinate. Returns `(smallest, largest)` when it fired.
    fn split_dying_cluster(&mut self) -> Option<(usize, usize)> {
        let w = &self.cluster_weights;
        if w.is_empty() {
            return None;
        }
        // Scala's maxBy/minBy keep the first of equal values.
        let (mut largest, mut smallest) = (0, 0);
        for (i, x) in w.iter().enumerate() {
            if *x > w[largest] {
                largest = i;
            }
            if *x < w[smallest] {
                smallest = i;
            }
        }
        let (max, min) = (w[largest], w[smallest]);
        if !matches!(
            min.partial_cmp(&(1e-8 * max)),
            Some(std::cmp::Ordering::Less)
        ) {
            return None;
        }
        let weight = (max + min) / 2.0;
        self.cluster_weights[largest] = weight;
        self.cluster_weights[smallest] = weight;
        let dim = self.centers[largest].len();
        for j in 0..dim {
            let x = self.centers[largest][j];
            let p = 1e-14 * x.abs().max(1.0);
            self.centers[largest][j] = x + p;
            self.centers[smallest][j] = x - p;
        }
        Some((smallest, largest))
    }
}

/// `StreamingKMeans`: its parameters and its latest model.
///
/// ```
/// use eddy_core::ml::{KMeansParams, StreamingKMeans};
/// use eddy_core::{Batch, Value};
/// let mut m = StreamingKMeans::new(KMeansParams { k: 2, ..Default::default() });
/// m.set_initial_centers(vec![vec![0.0], vec![10.0]], vec![1.0, 1.0]);
/// let x = |v: f64| Value::list(vec![Value::Float(v)]);
/// m.train_on(&Batch::parallelize(vec![x(1.0), x(2.0), x(9.0)], 2)).unwrap();
/// // Cluster 0: weight 1 + 2, centre (0 * 1 + 1 + 2) / 3; cluster 1: (10 + 9) / 2.
/// assert_eq!(m.latest_model().centers, vec![vec![1.0], vec![9.5]]);
/// assert_eq!(m.latest_model().cluster_weights, vec![3.0, 2.0]);
/// assert_eq!(m.predict(&x(7.0)).unwrap(), Value::Int(1));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamingKMeans {
    /// The parameters.
    pub params: KMeansParams,
    /// The latest model (no centres until `setInitialCenters` or `setRandomCenters`).
    pub model: KMeansModel,
}

impl StreamingKMeans {
    /// The algorithm with `params` and no centres yet.
    pub fn new(params: KMeansParams) -> Self {
        StreamingKMeans {
            params,
            model: KMeansModel {
                centers: Vec::new(),
                cluster_weights: Vec::new(),
                updates: 0,
            },
        }
    }

    /// `setK(k)`.
    pub fn set_k(&mut self, k: i64) -> &mut Self {
        self.params.k = k;
        self
    }

    /// `setDecayFactor(a)`.
    pub fn set_decay_factor(&mut self, decay_factor: f64) -> &mut Self {
        self.params.decay_factor = decay_factor;
        self
    }

    /// `setHalfLife(halfLife, timeUnit)`: `decayFactor = exp(log(0.5) / halfLife)`.
    pub fn set_half_life(&mut self, half_life: f64, unit: &str) -> &mut Self {
        self.params.time_unit = unit.to_string();
        self.params.decay_factor = ((0.5f64).ln() / half_life).exp();
        self
    }

    /// `setInitialCenters(centers, weights)`.
    pub fn set_initial_centers(&mut self, centers: Vec<Vec<f64>>, weights: Vec<f64>) -> &mut Self {
        self.model = KMeansModel {
            centers,
            cluster_weights: weights,
            updates: 0,
        };
        self
    }

    /// `setRandomCenters(dim, weight, seed)`: `numpy.random.RandomState(seed).randn(k, dim)`
    /// and `k` weights `weight`.
    pub fn set_random_centers(&mut self, dim: usize, weight: f64, seed: u32) -> &mut Self {
        let k = self.params.k.max(0) as usize;
        let draws = RandomState::new(seed).randn(k * dim);
        let centers = draws.chunks(dim.max(1)).map(<[f64]>::to_vec).collect();
        self.set_initial_centers(
            if dim == 0 {
                vec![Vec::new(); k]
            } else {
                centers
            },
            vec![weight; k],
        )
    }

    /// `latestModel()`.
    pub fn latest_model(&self) -> &KMeansModel {
        &self.model
    }

    /// All problems at once: the parameters' and missing centres.
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut problems = self.params.check().err().unwrap_or_default();
        if self.model.centers.is_empty() {
            problems.push(ParamError::new(
                "centers",
                "Initial centers should be set either by setInitialCenters or setRandomCenters.",
            ));
        }
        if self.model.centers.len() != self.model.cluster_weights.len() {
            problems.push(ParamError::new(
                "weights",
                format!(
                    "{} centres but {} weights",
                    self.model.centers.len(),
                    self.model.cluster_weights.len()
                ),
            ));
        }
        super::problems_or_ok(problems)
    }

    /// The body of `trainOn`'s job for one batch (every batch, empty ones too).
    pub fn train_on(&mut self, batch: &Batch) -> Result<Training, OpError> {
        let (decay, unit) = (self.params.decay_factor, self.params.time_unit.clone());
        self.model.update(batch, decay, &unit)
    }

    /// `latestModel().predict(x)`.
    pub fn predict(&self, x: &Value) -> Result<Value, OpError> {
        self.model.predict(x)
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn v(xs: &[f64]) -> Value {
        Value::list(xs.iter().map(|x| Value::Float(*x)).collect::<Vec<_>>())
    }

    fn kmeans(centers: Vec<Vec<f64>>, weights: Vec<f64>, decay: f64) -> StreamingKMeans {
        let mut m = StreamingKMeans::new(KMeansParams {
            k: centers.len() as i64,
            decay_factor: decay,
            ..Default::default()
        });
        m.set_initial_centers(centers, weights);
        m
    }

    /// PySpark's own doctest of `StreamingKMeansModel`: centres [[0, 0], [1, 1]], weights
    /// [1, 1], data [[-0.1, -0.1], [0.1, 0.1], [0.9, 0.9], [1.1, 1.1]], decay 1.0 gives
    /// centres [[0, 0], [1, 1]] and weights [3, 3]; then [[0.2, 0.2], [1.5, 1.5]] with decay 0.0
    /// gives weights [1, 1].
    #[test]
    fn pysparks_doctest() {
        let mut m = kmeans(vec![vec![0.0, 0.0], vec![1.0, 1.0]], vec![1.0, 1.0], 1.0);
        let data = [[-0.1, -0.1], [0.1, 0.1], [0.9, 0.9], [1.1, 1.1]];
        let batch = Batch::parallelize(data.iter().map(|p| v(p)).collect(), 2);
        m.train_on(&batch).unwrap();
        assert_eq!(m.model.cluster_weights, vec![3.0, 3.0]);
        assert_eq!(m.predict(&v(&[-0.1, -0.1])), Ok(Value::Int(0)));
        assert_eq!(m.predict(&v(&[0.9, 0.9])), Ok(Value::Int(1)));
        m.set_decay_factor(0.0);
        let batch = Batch::parallelize(vec![v(&[0.2, 0.2]), v(&[1.5, 1.5])], 2);
        m.train_on(&batch).unwrap();
        assert_eq!(m.model.cluster_weights, vec![1.0, 1.0]);
        assert_eq!(m.model.centers, vec![vec![0.2, 0.2], vec![1.5, 1.5]]);
    }

    /// The report samples the batch's points (two coordinates) with the centre each went to.
    #[test]
    fn training_samples_points_with_their_clusters() {
        let mut m = kmeans(
            vec![vec![0.0, 0.0, 0.0], vec![9.0, 9.0, 9.0]],
            vec![1.0, 1.0],
            1.0,
        );
        let batch = Batch::parallelize(vec![v(&[1.0, 2.0, 3.0]), v(&[8.0, 7.0, 9.0])], 2);
        let t = m.train_on(&batch).unwrap();
        assert_eq!(t.dims, 3);
        assert_eq!(t.sample, vec![[1.0, 2.0], [8.0, 7.0]]);
        assert_eq!(t.sample_clusters, vec![0, 1]);
    }

    /// SEMANTICS G3: an empty batch discounts the weights without moving the centres, and a
    /// dying cluster does not split when all weights are 0 (0 < 1e-8 * 0 is false).
    #[test]
    fn empty_batches_decay_and_zero_weights_do_not_split() {
        let mut m = kmeans(
            vec![vec![0.0], vec![5.0], vec![9.0]],
            vec![0.5, 0.5, 1.0],
            0.0,
        );
        let t = m.train_on(&Batch::parallelize(vec![], 2)).unwrap();
        assert_eq!(m.model.cluster_weights, vec![0.0, 0.0, 0.0]);
        assert_eq!(m.model.centers, vec![vec![0.0], vec![5.0], vec![9.0]]);
        assert_eq!(t.split, None);
    }

    #[test]
    fn a_dying_cluster_takes_half_of_the_largest() {
        let mut m = kmeans(vec![vec![0.0], vec![100.0]], vec![1.0, 1.0], 0.5);
        let mut m2 = m.clone();
        m2.model.cluster_weights = vec![1e-9, 1.0];
        let t = m2
            .train_on(&Batch::parallelize(vec![v(&[100.0])], 2))
            .unwrap();
        // Weights: 5e-10 and 0.5 + 1 = 1.5; 5e-10 < 1.5e-8, so both become (1.5 + 5e-10) / 2.
        let w = (1.5 + 5e-10) / 2.0;
        assert_eq!(m2.model.cluster_weights, vec![w, w]);
        let l = 1.0 / 1.5;
        let c = 100.0 * (1.0 - l) + l * 100.0;
        assert_eq!(m2.model.centers[1][0], c + 1e-14 * c);
        assert_eq!(m2.model.centers[0][0], c - 1e-14 * c);
        assert_eq!(t.split, Some((0, 1)));
        // Without a dying cluster nothing splits.
        let t = m
            .train_on(&Batch::parallelize(vec![v(&[100.0])], 2))
            .unwrap();
        assert_eq!(t.split, None);
    }

    #[test]
    fn points_time_unit_discounts_per_point() {
        let mut m = kmeans(vec![vec![0.0], vec![10.0]], vec![4.0, 4.0], 0.5);
        m.params.time_unit = "points".into();
        m.train_on(&Batch::parallelize(vec![v(&[0.0]), v(&[0.0])], 2))
            .unwrap();
        // discount 0.5^2: cluster 0 = 1 + 2, cluster 1 = 1.
        assert_eq!(m.model.cluster_weights, vec![3.0, 1.0]);
        m.params.time_unit = "hours".into();
        assert_eq!(
            m.train_on(&Batch::empty()).unwrap_err().0,
            "ValueError: timeUnit should be 'batches' or 'points', got hours."
        );
        assert_eq!(m.params.check().unwrap_err().len(), 1);
    }

    #[test]
    fn half_life_sets_the_decay() {
        let mut m = StreamingKMeans::new(KMeansParams::default());
        m.set_half_life(2.0, "points");
        assert_eq!(m.params.decay_factor, (0.5f64.ln() / 2.0).exp());
        assert_eq!(m.params.time_unit, "points");
    }

    /// SEMANTICS G4: seed 42, k = 3, dim = 2.
    #[test]
    fn random_centers_are_numpys() {
        let mut m = StreamingKMeans::new(KMeansParams {
            k: 3,
            ..Default::default()
        });
        m.set_random_centers(2, 1.0, 42);
        assert_eq!(
            m.model.centers,
            vec![
                vec![0.4967141530112327, -0.13826430117118466],
                vec![0.6476885381006925, 1.5230298564080254],
                vec![-0.23415337472333597, -0.23413695694918055]
            ]
        );
        assert_eq!(m.model.cluster_weights, vec![1.0; 3]);
    }
}
