//! `pyspark.mllib.regression.StreamingLinearRegressionWithSGD` (SEMANTICS G1): per non-empty
//! batch, `numIterations` of full-batch gradient descent on the squared error, from the last
//! weights, with Spark's `SimpleUpdater`. It never learns an intercept: PySpark passes the
//! model's intercept `0.0` as the `intercept` flag, so it stays `0.0`.

use serde::{Deserialize, Serialize};

use super::sgd::{self, LeastSquares, SgdSettings, Updater};
use super::{blas, check_sgd, check_sizes, labeled_partitions, ParamError, Training};
use crate::operator::OpError;
use crate::{Batch, Value};

/// The parameters of `StreamingLinearRegressionWithSGD(stepSize=0.1, numIterations=50,
/// miniBatchFraction=1.0, convergenceTol=0.001)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinearRegressionParams {
    /// `stepSize`: the first step; iteration `i` steps `stepSize / sqrt(i)`.
    pub step_size: f64,
    /// `numIterations` per batch.
    pub num_iterations: i64,
    /// `miniBatchFraction`: the share of each batch's points used per iteration.
    pub mini_batch_fraction: f64,
    /// `convergenceTol`: stop when the weights move less than this (relative).
    pub convergence_tol: f64,
}

impl Default for LinearRegressionParams {
    fn default() -> Self {
        LinearRegressionParams {
            step_size: 0.1,
            num_iterations: 50,
            mini_batch_fraction: 1.0,
            convergence_tol: 0.001,
        }
    }
}

impl LinearRegressionParams {
    /// Every problem Spark's optimizer would refuse, at once (it refuses them when a batch
    /// trains, failing that `trainOn` job).
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        check_sgd(
            self.num_iterations,
            0.0,
            self.step_size,
            self.mini_batch_fraction,
            self.convergence_tol,
        )
    }

    fn settings(&self) -> SgdSettings {
        SgdSettings {
            step_size: self.step_size,
            num_iterations: self.num_iterations.max(0) as usize,
            reg_param: 0.0,
            mini_batch_fraction: self.mini_batch_fraction,
            convergence_tol: self.convergence_tol,
        }
    }
}

/// `pyspark.mllib.regression.LinearRegressionModel`: what `latestModel()` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearRegressionModel {
    /// The weights.
    pub weights: Vec<f64>,
    /// The intercept: always `0.0` for the streaming model (SEMANTICS G1).
    pub intercept: f64,
}

impl LinearRegressionModel {
    /// `model.predict(x)`: `weights.dot(x) + intercept`, a `numpy.float64`.
    pub fn predict(&self, x: &Value) -> Result<Value, OpError> {
        Ok(Value::NpFloat(linear_margin(
            &self.weights,
            self.intercept,
            x,
        )?))
    }

    /// `str(model)`: `(weights=[0.1,-0.2], intercept=0.0)`.
    pub fn repr(&self) -> String {
        format!(
            "(weights={}, intercept={})",
            crate::value::vector_str(&self.weights),
            crate::value::float_repr(self.intercept)
        )
    }
}

/// `weights.dot(x) + intercept` as PySpark computes it in a worker (numpy).
pub(crate) fn linear_margin(weights: &[f64], intercept: f64, x: &Value) -> Result<f64, OpError> {
    let x = x.to_vector()?;
    if x.len() != weights.len() {
        return Err(OpError("AssertionError: dimension mismatch".into()));
    }
    Ok(blas::np_dot(weights, &x) + intercept)
}

/// The mean squared error of `weights` (and `intercept`) on the points, each predicted as
/// PySpark's `predict` does (numpy's dot): test-then-train, the batch scored by the model
/// that has not seen it yet. The points are non-empty and sized like `weights`.
fn squared_error_before(parts: &sgd::Points<'_>, weights: &[f64], intercept: f64) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for (label, x) in parts.iter().flatten() {
        let err = blas::np_dot(weights, x) + intercept - label;
        sum += err * err;
        n += 1;
    }
    sum / n.max(1) as f64
}

/// `StreamingLinearRegressionWithSGD`: its parameters and its latest model.
///
/// ```
/// use eddy_core::ml::{LinearRegressionParams, StreamingLinearRegressionWithSGD};
/// use eddy_core::value::LabeledPoint;
/// use eddy_core::{Batch, Value};
/// let mut m = StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
///     step_size: 1.0,
///     num_iterations: 1,
///     ..Default::default()
/// });
/// m.set_initial_weights(vec![0.0]);
/// let point = |y: f64, x: f64| Value::LabeledPoint(LabeledPoint::new(y, vec![x]).into());
/// m.train_on(&Batch::parallelize(vec![point(2.0, 1.0), point(4.0, 2.0)], 2)).unwrap();
/// // g = mean((0 - 2) * 1, (0 - 4) * 2) = -5, so w = 0 - 1 * -5.
/// assert_eq!(m.latest_model().weights, vec![5.0]);
/// assert_eq!(m.predict(&Value::list(vec![Value::Float(2.0)])).unwrap(), Value::NpFloat(10.0));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamingLinearRegressionWithSGD {
    /// The parameters.
    pub params: LinearRegressionParams,
    /// The latest model (the initial weights until a batch trains it).
    pub model: LinearRegressionModel,
}

impl StreamingLinearRegressionWithSGD {
    /// The algorithm with `params` and no weights yet.
    pub fn new(params: LinearRegressionParams) -> Self {
        StreamingLinearRegressionWithSGD {
            params,
            model: LinearRegressionModel {
                weights: Vec::new(),
                intercept: 0.0,
            },
        }
    }

    /// `setInitialWeights(w)`: the model is `LinearRegressionModel(w, 0)`.
    pub fn set_initial_weights(&mut self, weights: impl Into<Vec<f64>>) -> &mut Self {
        self.model = LinearRegressionModel {
            weights: weights.into(),
            intercept: 0.0,
        };
        self
    }

    /// `latestModel()`.
    pub fn latest_model(&self) -> &LinearRegressionModel {
        &self.model
    }

    /// All problems at once: the parameters' and a missing initial model.
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        super::check_regression(self.params.check(), &self.model.weights)
    }

    /// The body of `trainOn`'s job for one batch: nothing for an empty batch, else
    /// `LinearRegressionWithSGD.train(rdd, numIterations, stepSize, miniBatchFraction,
    /// latest weights, intercept=False, convergenceTol)`.
    pub fn train_on(&mut self, batch: &Batch) -> Result<Option<Training>, OpError> {
        if batch.is_empty() {
            return Ok(None);
        }
        let parts = labeled_partitions(batch)?;
        self.params.check().map_err(super::spark_requirement)?;
        check_sizes(&parts, self.model.weights.len())?;
        let mse = squared_error_before(&parts, &self.model.weights, self.model.intercept);
        let run = sgd::run_mini_batch_sgd(
            &parts,
            &LeastSquares,
            Updater::Simple,
            &self.params.settings(),
            &self.model.weights,
        );
        self.model.weights = run.weights.clone();
        self.model.intercept = 0.0;
        Ok(Some(Training {
            mse: Some(mse),
            ..Training::sgd(batch.len(), run)
        }))
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
    use crate::value::LabeledPoint;

    fn point(y: f64, x: &[f64]) -> Value {
        Value::LabeledPoint(LabeledPoint::new(y, x.to_vec()).into())
    }

    fn model(step: f64, iterations: i64) -> StreamingLinearRegressionWithSGD {
        let mut m = StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
            step_size: step,
            num_iterations: iterations,
            ..Default::default()
        });
        m.set_initial_weights(vec![0.0, 0.0]);
        m
    }

    /// The error is the untrained model's on the batch: from w = 0, mean(2², 4²) = 10.
    #[test]
    fn mse_scores_the_batch_with_the_weights_before_the_update() {
        let mut m = StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
            step_size: 1.0,
            num_iterations: 1,
            ..Default::default()
        });
        m.set_initial_weights(vec![0.0]);
        let t = m
            .train_on(&Batch::parallelize(
                vec![point(2.0, &[1.0]), point(4.0, &[2.0])],
                2,
            ))
            .unwrap()
            .unwrap();
        assert_eq!(t.mse, Some(10.0));
        // Now w = 5: errors 3 and 6, mean of squares 22.5.
        let t = m
            .train_on(&Batch::parallelize(
                vec![point(2.0, &[1.0]), point(4.0, &[2.0])],
                2,
            ))
            .unwrap()
            .unwrap();
        assert_eq!(t.mse, Some(22.5));
    }

    /// Batch 0 of seed (e) gives the weights real PySpark printed after it.
    #[test]
    fn seed_e_first_batch_matches_spark_exactly() {
        let data = [
            (1.379, [-0.352, -0.698]),
            (0.935, [0.072, -0.269]),
            (-1.761, [-0.884, 0.015]),
            (0.749, [-0.86, -0.819]),
            (-2.239, [-0.151, 0.654]),
            (-2.15, [0.255, 0.895]),
            (0.944, [0.154, -0.207]),
            (2.695, [0.717, -0.421]),
            (0.837, [-0.711, -0.764]),
            (-1.681, [-0.639, 0.163]),
            (1.304, [0.278, -0.255]),
            (-0.003, [-0.881, -0.588]),
            (1.131, [0.361, -0.145]),
            (1.073, [-0.094, -0.4]),
            (-0.014, [0.589, 0.398]),
            (-2.085, [0.05, 0.75]),
            (2.215, [0.459, -0.424]),
            (-1.873, [-0.164, 0.514]),
            (-1.254, [-0.696, -0.022]),
            (0.638, [0.529, 0.146]),
        ];
        let records = data.iter().map(|(y, x)| point(*y, x)).collect();
        let mut m = model(0.1, 5);
        let t = m
            .train_on(&Batch::parallelize(records, 2))
            .unwrap()
            .unwrap();
        assert_eq!(
            m.latest_model().repr(),
            "(weights=[0.09455528701981676,-0.18503120198698936], intercept=0.0)"
        );
        assert_eq!(t.iterations, 5);
        assert_eq!(t.loss.len(), 5);
        assert!(t.loss.windows(2).all(|w| w[1] < w[0]), "{:?}", t.loss);
    }

    #[test]
    fn an_empty_batch_does_not_train() {
        let mut m = model(0.1, 5);
        assert_eq!(m.train_on(&Batch::parallelize(vec![], 2)), Ok(None));
        assert_eq!(m.latest_model().weights, vec![0.0, 0.0]);
    }

    #[test]
    fn records_must_be_labeled_points_of_the_weights_size() {
        let mut m = model(0.1, 5);
        let bad = Batch::single(vec![Value::tuple([Value::Float(1.0)])]);
        assert_eq!(
            m.train_on(&bad).unwrap_err().0,
            "TypeError: data should be an RDD of LabeledPoint, but got <class 'tuple'>"
        );
        let wide = Batch::single(vec![point(1.0, &[1.0, 2.0, 3.0])]);
        assert_eq!(
            m.train_on(&wide).unwrap_err().0,
            "IllegalArgumentException: requirement failed: BLAS.dot(x: Vector, y: Vector) was \
             given Vectors with non-matching sizes: x.size = 3, y.size = 2"
        );
    }

    #[test]
    fn bad_parameters_fail_the_training_job_as_spark_does() {
        let mut m = model(0.0, -1);
        let err = m
            .train_on(&Batch::single(vec![point(1.0, &[1.0, 2.0])]))
            .unwrap_err();
        assert_eq!(
            err.0,
            "IllegalArgumentException: requirement failed: Number of iterations must be \
             nonnegative but got -1"
        );
        assert_eq!(m.params.check().unwrap_err().len(), 2);
    }

    #[test]
    fn predictions_are_numpy_floats_and_check_the_size() {
        let mut m = model(0.1, 5);
        m.set_initial_weights(vec![0.5, -1.0]);
        let x = Value::list(vec![Value::Float(2.0), Value::Int(1)]);
        assert_eq!(m.predict(&x), Ok(Value::NpFloat(0.0)));
        let short = Value::list(vec![Value::Float(2.0)]);
        assert_eq!(
            m.predict(&short).unwrap_err().0,
            "AssertionError: dimension mismatch"
        );
    }
}
