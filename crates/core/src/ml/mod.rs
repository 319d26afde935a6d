//! Streaming ML exactly as Spark does it (SEMANTICS G): `StreamingLinearRegressionWithSGD`,
//! `StreamingLogisticRegressionWithSGD` and `StreamingKMeans`, one file each, with Spark's
//! update rules in Spark's floating-point order, PySpark's predictions, and numpy's
//! `RandomState` for `setRandomCenters`.
//!
//! In a pipeline a model is shared by its nodes (`trainOn`, `predictOn`, `predictOnValues`,
//! each naming the model's id). The models live in the engine's running state, a [`Models`]
//! table: an engine clone (a snapshot) carries them, so stepping back restores them. The
//! engine hands the table to `predictOn` nodes while it generates a batch, before any job
//! runs, so batch `i` predicts with the model trained on batches `0..i-1` (G2); `trainOn`
//! jobs update it in registration order (A4).
//!
//! Parameters are validated linfa-style: `check()` returns every problem at once. Spark
//! itself refuses bad SGD parameters only when a batch trains (that `trainOn` job fails);
//! Eddy does the same, with Spark's message.

mod blas;
mod kmeans;
mod linear_regression;
mod logistic_regression;
mod random;
mod sgd;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use blas::np_dot;
pub use kmeans::{KMeansModel, KMeansParams, StreamingKMeans};
pub use linear_regression::{
    LinearRegressionModel, LinearRegressionParams, StreamingLinearRegressionWithSGD,
};
pub use logistic_regression::{
    LogisticRegressionModel, LogisticRegressionParams, StreamingLogisticRegressionWithSGD,
};
pub use random::RandomState;
pub use sgd::SgdRun;

pub use crate::report::{ModelReport, Training};

use crate::operator::{OpContext, OpError, Operator, Output};
use crate::spec::{NodeSpec, OpSpec};
use crate::{Batch, BatchTime, Value};

/// A parameter problem, as `check()` reports it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{param}: {message}")]
pub struct ParamError {
    /// The parameter, by its PySpark name.
    pub param: &'static str,
    /// What is wrong, in Spark's words where Spark has them.
    pub message: String,
}

impl ParamError {
    fn new(param: &'static str, message: impl Into<String>) -> Self {
        ParamError {
            param,
            message: message.into(),
        }
    }
}

/// Scala's `s"$x"` of a double (Java's `Double.toString`): `0.0`, `-1.0`, `1.0E-5`.
fn java_double(x: f64) -> String {
    let a = x.abs();
    if x == 0.0 || !x.is_finite() || (1e-3..1e7).contains(&a) {
        return match crate::value::float_repr(x).as_str() {
            "inf" => "Infinity".into(),
            "-inf" => "-Infinity".into(),
            "nan" => "NaN".into(),
            s => s.into(),
        };
    }
    let s = format!("{x:e}");
    let (m, e) = s.split_once('e').expect("{:e} has an exponent");
    let m = if m.contains('.') {
        m.to_string()
    } else {
        format!("{m}.0")
    };
    format!("{m}E{e}")
}

/// `Ok` when there is no problem: `check()` reports every problem at once (linfa's way).
fn problems_or_ok(problems: Vec<ParamError>) -> Result<(), Vec<ParamError>> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// A regression's `check()`: its parameters' problems, and weights that
/// `setInitialWeights` must have set.
fn check_regression(
    params: Result<(), Vec<ParamError>>,
    weights: &[f64],
) -> Result<(), Vec<ParamError>> {
    let mut problems = params.err().unwrap_or_default();
    if weights.is_empty() {
        problems.push(ParamError::new(
            "initialWeights",
            "Model must be initialized using setInitialWeights",
        ));
    }
    problems_or_ok(problems)
}

/// The optimizer's requirements (`GradientDescent` setters), in the order PySpark's
/// `trainRegressionModel` sets them.
fn check_sgd(
    num_iterations: i64,
    reg_param: f64,
    step_size: f64,
    fraction: f64,
    tol: f64,
) -> Result<(), Vec<ParamError>> {
    let mut problems = Vec::new();
    if num_iterations < 0 {
        problems.push(ParamError::new(
            "numIterations",
            format!("Number of iterations must be nonnegative but got {num_iterations}"),
        ));
    }
    if reg_param.is_nan() || reg_param < 0.0 {
        problems.push(ParamError::new(
            "regParam",
            format!(
                "Regularization parameter must be nonnegative but got {}",
                java_double(reg_param)
            ),
        ));
    }
    if step_size.is_nan() || step_size <= 0.0 {
        problems.push(ParamError::new(
            "stepSize",
            format!(
                "Initial step size must be positive but got {}",
                java_double(step_size)
            ),
        ));
    }
    if !(fraction > 0.0 && fraction <= 1.0) {
        problems.push(ParamError::new(
            "miniBatchFraction",
            format!(
                "Fraction for mini-batch SGD must be in range (0, 1] but got {}",
                java_double(fraction)
            ),
        ));
    }
    if !(0.0..=1.0).contains(&tol) {
        problems.push(ParamError::new(
            "convergenceTol",
            format!(
                "Convergence tolerance must be in range [0, 1] but got {}",
                java_double(tol)
            ),
        ));
    }
    problems_or_ok(problems)
}

/// The first problem as the exception Spark's `require` throws.
fn spark_requirement(problems: Vec<ParamError>) -> OpError {
    let first = problems.into_iter().next().map(|p| p.message);
    OpError(format!(
        "IllegalArgumentException: requirement failed: {}",
        first.unwrap_or_default()
    ))
}

/// The points of a training batch, partition by partition, as `(label, features)`: every
/// record must be a `LabeledPoint` (PySpark checks the first; the others fail to convert).
fn labeled_partitions(batch: &Batch) -> Result<sgd::Points<'_>, OpError> {
    batch
        .partitions
        .iter()
        .map(|p| {
            p.iter()
                .map(|r| match r {
                    Value::LabeledPoint(lp) => Ok((lp.label, &lp.features[..])),
                    other => Err(OpError(format!(
                        "TypeError: data should be an RDD of LabeledPoint, but got {}",
                        other.python_class()
                    ))),
                })
                .collect()
        })
        .collect()
}

/// `BLAS.dot`'s requirement: every point has as many features as there are weights.
fn check_sizes(parts: &sgd::Points<'_>, weights: usize) -> Result<(), OpError> {
    match parts.iter().flatten().find(|(_, x)| x.len() != weights) {
        Some((_, x)) => Err(OpError(format!(
            "IllegalArgumentException: requirement failed: BLAS.dot(x: Vector, y: Vector) was \
             given Vectors with non-matching sizes: x.size = {}, y.size = {weights}",
            x.len()
        ))),
        None => Ok(()),
    }
}

impl Training {
    fn sgd(points: usize, run: SgdRun) -> Self {
        Training {
            points,
            loss: run.loss,
            iterations: run.iterations,
            converged: run.converged,
            ..Training::default()
        }
    }
}

/// A streaming model of a pipeline: the algorithm, its parameters and its latest model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[allow(clippy::large_enum_variant)]
pub enum StreamingModel {
    /// `StreamingLinearRegressionWithSGD`.
    StreamingLinearRegressionWithSGD(StreamingLinearRegressionWithSGD),
    /// `StreamingLogisticRegressionWithSGD`.
    StreamingLogisticRegressionWithSGD(StreamingLogisticRegressionWithSGD),
    /// `StreamingKMeans`.
    StreamingKMeans(StreamingKMeans),
}

impl StreamingModel {
    /// PySpark's class name.
    pub fn name(&self) -> &'static str {
        match self {
            StreamingModel::StreamingLinearRegressionWithSGD(_) => {
                "StreamingLinearRegressionWithSGD"
            }
            StreamingModel::StreamingLogisticRegressionWithSGD(_) => {
                "StreamingLogisticRegressionWithSGD"
            }
            StreamingModel::StreamingKMeans(_) => "StreamingKMeans",
        }
    }

    /// Every problem of the parameters and the initial model, at once.
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        match self {
            StreamingModel::StreamingLinearRegressionWithSGD(m) => m.check(),
            StreamingModel::StreamingLogisticRegressionWithSGD(m) => m.check(),
            StreamingModel::StreamingKMeans(m) => m.check(),
        }
    }

    /// What PySpark refuses before the streams start: a model without initial weights or
    /// centres (`trainOn`/`predictOn` raise `ValueError`).
    pub fn check_initialized(&self) -> Result<(), String> {
        let problem = self
            .check()
            .err()
            .into_iter()
            .flatten()
            .find(|p| matches!(p.param, "initialWeights" | "centers"));
        match problem {
            Some(p) => Err(format!("ValueError: {}", p.message)),
            None => Ok(()),
        }
    }

    /// One batch of `trainOn`: `None` when the algorithm skips the batch (an empty batch for
    /// the linear models).
    pub fn train_on(&mut self, batch: &Batch) -> Result<Option<Training>, OpError> {
        match self {
            StreamingModel::StreamingLinearRegressionWithSGD(m) => m.train_on(batch),
            StreamingModel::StreamingLogisticRegressionWithSGD(m) => m.train_on(batch),
            StreamingModel::StreamingKMeans(m) => m.train_on(batch).map(Some),
        }
    }

    /// `latestModel().predict(x)`.
    pub fn predict(&self, x: &Value) -> Result<Value, OpError> {
        match self {
            StreamingModel::StreamingLinearRegressionWithSGD(m) => m.predict(x),
            StreamingModel::StreamingLogisticRegressionWithSGD(m) => m.predict(x),
            StreamingModel::StreamingKMeans(m) => m.predict(x),
        }
    }

    /// `predictOn` (`values = false`) or `predictOnValues` of one batch.
    pub fn predict_batch(&self, batch: &Batch, values: bool) -> Result<Batch, OpError> {
        batch.try_map_partitions(|p| {
            p.iter()
                .map(|r| {
                    if values {
                        let (k, v) = r.pair()?;
                        Ok(Value::tuple([k, self.predict(&v)?]))
                    } else {
                        self.predict(r)
                    }
                })
                .collect()
        })
    }

    /// The model as a report shows it, with what training did this batch.
    pub fn report(&self, id: u32, training: Option<Training>) -> ModelReport {
        let mut r = ModelReport {
            model: id,
            algorithm: self.name().to_string(),
            weights: Vec::new(),
            intercept: 0.0,
            centers: Vec::new(),
            cluster_weights: Vec::new(),
            training,
        };
        match self {
            StreamingModel::StreamingLinearRegressionWithSGD(m) => {
                r.weights = m.model.weights.clone();
                r.intercept = m.model.intercept;
            }
            StreamingModel::StreamingLogisticRegressionWithSGD(m) => {
                r.weights = m.model.weights.clone();
                r.intercept = m.model.intercept;
            }
            StreamingModel::StreamingKMeans(m) => {
                r.centers = m.model.centers.clone();
                r.cluster_weights = m.model.cluster_weights.clone();
            }
        }
        r
    }
}

/// The model a streaming-ML node names, if it is one.
pub fn node_model(op: &OpSpec) -> Option<(u32, &StreamingModel)> {
    match op {
        OpSpec::TrainOn { model, algorithm }
        | OpSpec::PredictOn { model, algorithm }
        | OpSpec::PredictOnValues { model, algorithm } => Some((*model, algorithm)),
        _ => None,
    }
}

/// The engine's streaming models, by id: part of its running state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Models {
    slots: BTreeMap<u32, (StreamingModel, Option<Training>)>,
}

impl Models {
    /// The models of a pipeline, from its nodes: every node of a model must describe it the
    /// same way, and it must have initial weights or centres. Errors name the node.
    pub fn from_nodes(nodes: &[NodeSpec]) -> Result<Models, (usize, String)> {
        let mut models = Models::default();
        for (i, node) in nodes.iter().enumerate() {
            let Some((id, algorithm)) = node_model(&node.op) else {
                continue;
            };
            algorithm.check_initialized().map_err(|e| (i, e))?;
            match models.slots.get(&id) {
                Some((first, _)) if first != algorithm => {
                    return Err((
                        i,
                        format!("model {id} is described differently here than in its first node"),
                    ))
                }
                Some(_) => {}
                None => {
                    models.slots.insert(id, (algorithm.clone(), None));
                }
            }
        }
        Ok(models)
    }

    /// The model `id`, as it is now.
    pub fn get(&self, id: u32) -> Option<&StreamingModel> {
        self.slots.get(&id).map(|(m, _)| m)
    }

    /// The model `id`, to change it between batches (a setter called while the streams run).
    pub fn get_mut(&mut self, id: u32) -> Option<&mut StreamingModel> {
        self.slots.get_mut(&id).map(|(m, _)| m)
    }

    /// The models with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &StreamingModel)> + '_ {
        self.slots.iter().map(|(id, (m, _))| (*id, m))
    }

    /// Whether the pipeline has no models.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Trains model `id` on one batch (a `trainOn` job).
    pub fn train(&mut self, id: u32, batch: &Batch) -> Result<(), OpError> {
        let Some((model, training)) = self.slots.get_mut(&id) else {
            return Err(OpError(format!("no streaming model {id}")));
        };
        if let Some(t) = model.train_on(batch)? {
            *training = Some(t);
        }
        Ok(())
    }

    /// Every model's report after a batch, with what training did in it (which is then
    /// forgotten).
    pub fn take_reports(&mut self) -> Vec<ModelReport> {
        self.slots
            .iter_mut()
            .map(|(id, (m, t))| m.report(*id, t.take()))
            .collect()
    }
}

/// `model.trainOn(stream)`: an output operation; its job trains the engine's model with the
/// batch (SEMANTICS G1, G3).
#[derive(Clone, Debug)]
pub struct TrainOn {
    id: u32,
    own: StreamingModel,
}

impl TrainOn {
    /// Trains model `id`; outside an engine (without its models) it trains its own copy of
    /// `model`.
    pub fn new(id: u32, model: StreamingModel) -> Self {
        TrainOn { id, own: model }
    }
}

impl Output for TrainOn {
    fn run(&mut self, _: BatchTime, input: &Batch, _: &mut OpContext<'_>) -> Result<(), OpError> {
        self.own.train_on(input).map(drop)
    }

    fn run_with_models(
        &mut self,
        _: BatchTime,
        input: &Batch,
        models: &mut Models,
        _: &mut OpContext<'_>,
    ) -> Result<(), OpError> {
        models.train(self.id, input)
    }
}

/// `model.predictOn(stream)` and `model.predictOnValues(stream)`: each record (or each pair's
/// value) becomes the prediction of the model as it is when the batch is generated (G2).
#[derive(Clone, Debug)]
pub struct PredictOn {
    id: u32,
    own: StreamingModel,
    values: bool,
}

impl PredictOn {
    /// Predicts with model `id` (outside an engine, with `model`); `values` for
    /// `predictOnValues`.
    pub fn new(id: u32, model: StreamingModel, values: bool) -> Self {
        PredictOn {
            id,
            own: model,
            values,
        }
    }
}

impl Operator for PredictOn {
    fn compute(
        &mut self,
        _: BatchTime,
        inputs: &[Option<&Batch>],
        _: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        inputs[0]
            .map(|b| self.own.predict_batch(b, self.values))
            .transpose()
    }

    fn compute_with_models(
        &mut self,
        _: BatchTime,
        inputs: &[Option<&Batch>],
        models: &Models,
        _: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        let model = models.get(self.id).unwrap_or(&self.own);
        inputs[0]
            .map(|b| model.predict_batch(b, self.values))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn doubles_print_as_java_prints_them() {
        assert_eq!(java_double(0.0), "0.0");
        assert_eq!(java_double(-1.0), "-1.0");
        assert_eq!(java_double(1e-5), "1.0E-5");
        assert_eq!(java_double(2.5e10), "2.5E10");
        assert_eq!(java_double(0.5), "0.5");
    }

    #[test]
    fn check_reports_every_problem_at_once() {
        let m = StreamingModel::StreamingLinearRegressionWithSGD(
            StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
                step_size: 0.0,
                num_iterations: -1,
                mini_batch_fraction: 2.0,
                convergence_tol: 1.5,
            }),
        );
        let problems = m.check().unwrap_err();
        let names: Vec<&str> = problems.iter().map(|p| p.param).collect();
        assert_eq!(
            names,
            [
                "numIterations",
                "stepSize",
                "miniBatchFraction",
                "convergenceTol",
                "initialWeights"
            ]
        );
        assert_eq!(
            m.check_initialized(),
            Err("ValueError: Model must be initialized using setInitialWeights".into())
        );
    }

    #[test]
    fn models_round_trip_through_json() {
        let mut k = StreamingKMeans::new(KMeansParams::default());
        k.set_initial_centers(vec![vec![0.0, 1.0]], vec![2.0]);
        let m = StreamingModel::StreamingKMeans(k);
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.starts_with(r#"{"type":"StreamingKMeans","params":{"k":2"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<StreamingModel>(&json).unwrap(), m);
    }
}
