//! `pyspark.mllib.classification.StreamingLogisticRegressionWithSGD`: per non-empty batch,
//! `numIterations` of full-batch gradient descent on the logistic loss with Spark's
//! `SquaredL2Updater` (`regParam`, default 0.0), no intercept. Labels must be 0 or 1 (Spark's
//! `binaryLabelValidator`); predictions are `1` when the probability is above 0.5, else `0`.

use serde::{Deserialize, Serialize};

use super::linear_regression::linear_margin;
use super::sgd::{self, Logistic, SgdSettings, Updater};
use super::{check_sgd, check_sizes, labeled_partitions, ParamError, Training};
use crate::operator::OpError;
use crate::{Batch, Value};

/// The parameters of `StreamingLogisticRegressionWithSGD(stepSize=0.1, numIterations=50,
/// miniBatchFraction=1.0, regParam=0.0, convergenceTol=0.001)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogisticRegressionParams {
    /// `stepSize`: the first step; iteration `i` steps `stepSize / sqrt(i)`.
    pub step_size: f64,
    /// `numIterations` per batch.
    pub num_iterations: i64,
    /// `miniBatchFraction`: the share of each batch's points used per iteration.
    pub mini_batch_fraction: f64,
    /// `regParam`: the L2 penalty.
    pub reg_param: f64,
    /// `convergenceTol`: stop when the weights move less than this (relative).
    pub convergence_tol: f64,
}

impl Default for LogisticRegressionParams {
    fn default() -> Self {
        LogisticRegressionParams {
            step_size: 0.1,
            num_iterations: 50,
            mini_batch_fraction: 1.0,
            reg_param: 0.0,
            convergence_tol: 0.001,
        }
    }
}

impl LogisticRegressionParams {
    /// Every problem Spark's optimizer would refuse, at once.
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        check_sgd(
            self.num_iterations,
            self.reg_param,
            self.step_size,
            self.mini_batch_fraction,
            self.convergence_tol,
        )
    }

    fn settings(&self) -> SgdSettings {
        SgdSettings {
            step_size: self.step_size,
            num_iterations: self.num_iterations.max(0) as usize,
            reg_param: self.reg_param,
            mini_batch_fraction: self.mini_batch_fraction,
            convergence_tol: self.convergence_tol,
        }
    }
}

/// `pyspark.mllib.classification.LogisticRegressionModel` (binary).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogisticRegressionModel {
    /// The weights.
    pub weights: Vec<f64>,
    /// The intercept (0.0: the streaming model has none).
    pub intercept: f64,
    /// `numFeatures`.
    pub num_features: usize,
    /// `numClasses` (2).
    pub num_classes: usize,
    /// `threshold`: 0.5, or `None` after `clearThreshold()` (predictions are probabilities).
    pub threshold: Option<f64>,
}

impl LogisticRegressionModel {
    /// A binary model with threshold 0.5.
    pub fn new(weights: Vec<f64>) -> Self {
        LogisticRegressionModel {
            num_features: weights.len(),
            weights,
            intercept: 0.0,
            num_classes: 2,
            threshold: Some(0.5),
        }
    }

    /// `model.predict(x)`: `1 if sigmoid(w·x + b) > threshold else 0`, or the probability
    /// (a `float`) without a threshold.
    pub fn predict(&self, x: &Value) -> Result<Value, OpError> {
        let margin = linear_margin(&self.weights, self.intercept, x)?;
        let prob = if margin > 0.0 {
            1.0 / (1.0 + (-margin).exp())
        } else {
            let e = margin.exp();
            e / (1.0 + e)
        };
        Ok(match self.threshold {
            None => Value::Float(prob),
            Some(t) => Value::Int(i64::from(prob > t)),
        })
    }

    /// `repr(model)`, as PySpark prints it.
    pub fn repr(&self) -> String {
        let threshold = match self.threshold {
            Some(t) => crate::value::float_repr(t),
            None => "None".into(),
        };
        format!(
            "pyspark.mllib.LogisticRegressionModel: intercept = {}, numFeatures = {}, \
             numClasses = {}, threshold = {threshold}",
            crate::value::float_repr(self.intercept),
            self.num_features,
            self.num_classes
        )
    }
}

/// `StreamingLogisticRegressionWithSGD`: its parameters and its latest model.
///
/// ```
/// use eddy_core::ml::{LogisticRegressionParams, StreamingLogisticRegressionWithSGD};
/// use eddy_core::value::LabeledPoint;
/// use eddy_core::{Batch, Value};
/// let mut m = StreamingLogisticRegressionWithSGD::new(LogisticRegressionParams::default());
/// m.set_initial_weights(vec![0.0]);
/// let point = |y: f64, x: f64| Value::LabeledPoint(LabeledPoint::new(y, vec![x]).into());
/// m.train_on(&Batch::parallelize(vec![point(1.0, 1.0), point(0.0, -1.0)], 2)).unwrap();
/// assert!(m.latest_model().weights[0] > 0.0);
/// assert_eq!(m.predict(&Value::list(vec![Value::Float(2.0)])).unwrap(), Value::Int(1));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StreamingLogisticRegressionWithSGD {
    /// The parameters.
    pub params: LogisticRegressionParams,
    /// The latest model.
    pub model: LogisticRegressionModel,
}

impl StreamingLogisticRegressionWithSGD {
    /// The algorithm with `params` and no weights yet.
    pub fn new(params: LogisticRegressionParams) -> Self {
        StreamingLogisticRegressionWithSGD {
            params,
            model: LogisticRegressionModel::new(Vec::new()),
        }
    }

    /// `setInitialWeights(w)`: `LogisticRegressionModel(w, 0, len(w), 2)`.
    pub fn set_initial_weights(&mut self, weights: impl Into<Vec<f64>>) -> &mut Self {
        self.model = LogisticRegressionModel::new(weights.into());
        self
    }

    /// `latestModel()`.
    pub fn latest_model(&self) -> &LogisticRegressionModel {
        &self.model
    }

    /// All problems at once: the parameters' and a missing initial model.
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        super::check_regression(self.params.check(), &self.model.weights)
    }

    /// The body of `trainOn`'s job for one batch: nothing for an empty batch, else
    /// `LogisticRegressionWithSGD.train(rdd, numIterations, stepSize, miniBatchFraction,
    /// latest weights, regParam=regParam, convergenceTol=convergenceTol)`.
    pub fn train_on(&mut self, batch: &Batch) -> Result<Option<Training>, OpError> {
        if batch.is_empty() {
            return Ok(None);
        }
        let parts = labeled_partitions(batch)?;
        self.params.check().map_err(super::spark_requirement)?;
        let num_features = parts.iter().flatten().next().map_or(0, |(_, x)| x.len());
        if parts.iter().flatten().any(|(y, _)| *y != 0.0 && *y != 1.0) {
            return Err(OpError("SparkException: Input validation failed.".into()));
        }
        check_sizes(&parts, self.model.weights.len())?;
        let run = sgd::run_mini_batch_sgd(
            &parts,
            &Logistic,
            Updater::SquaredL2,
            &self.params.settings(),
            &self.model.weights,
        );
        let mut model = LogisticRegressionModel::new(run.weights.clone());
        model.num_features = num_features;
        self.model = model;
        Ok(Some(Training::sgd(batch.len(), run)))
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

    /// By hand, one iteration from w = 0 on (y=1, x=[2]) and (y=0, x=[-1]): sigmoid(0) = 0.5,
    /// gradients (0.5 - 1) * 2 = -1 and (0.5 - 0) * -1 = -0.5, mean -0.75; with stepSize 1
    /// and regParam 0.1, w = (1 - 0.1) * 0 + 0.75.
    #[test]
    fn one_step_by_hand() {
        let mut m = StreamingLogisticRegressionWithSGD::new(LogisticRegressionParams {
            step_size: 1.0,
            num_iterations: 1,
            reg_param: 0.1,
            ..Default::default()
        });
        m.set_initial_weights(vec![0.0]);
        let t = m
            .train_on(&Batch::parallelize(
                vec![point(1.0, &[2.0]), point(0.0, &[-1.0])],
                2,
            ))
            .unwrap()
            .unwrap();
        assert_eq!(m.latest_model().weights, vec![0.75]);
        // Loss at w = 0: log(2) per point.
        assert_eq!(t.loss, vec![std::f64::consts::LN_2]);
        assert_eq!(
            m.predict(&Value::list(vec![Value::Float(1.0)])),
            Ok(Value::Int(1))
        );
        assert_eq!(
            m.predict(&Value::list(vec![Value::Float(-1.0)])),
            Ok(Value::Int(0))
        );
    }

    #[test]
    fn labels_must_be_zero_or_one() {
        let mut m = StreamingLogisticRegressionWithSGD::new(LogisticRegressionParams::default());
        m.set_initial_weights(vec![0.0]);
        let err = m
            .train_on(&Batch::single(vec![point(2.0, &[1.0])]))
            .unwrap_err();
        assert_eq!(err.0, "SparkException: Input validation failed.");
    }

    #[test]
    fn without_a_threshold_predictions_are_probabilities() {
        let mut model = LogisticRegressionModel::new(vec![0.0]);
        model.threshold = None;
        assert_eq!(
            model.predict(&Value::list(vec![Value::Float(3.0)])),
            Ok(Value::Float(0.5))
        );
        assert_eq!(
            LogisticRegressionModel::new(vec![1.0, 2.0]).repr(),
            "pyspark.mllib.LogisticRegressionModel: intercept = 0.0, numFeatures = 2, \
             numClasses = 2, threshold = 0.5"
        );
    }
}
