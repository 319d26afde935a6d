//! `pyspark.mllib`: `LabeledPoint`, `Vectors`/`DenseVector`, and the streaming models
//! `StreamingLinearRegressionWithSGD`, `StreamingLogisticRegressionWithSGD` and
//! `StreamingKMeans` (SEMANTICS G), on the core's [`eddy_core::ml`].
//!
//! A model object is the PySpark object: its setters change its parameters and initial
//! model, and `trainOn`/`predictOn`/`predictOnValues` add pipeline nodes that name the model
//! by an id (the first free one when the object first adds a node). Until `ssc.start()` a
//! setter rewrites those nodes; afterwards it changes the engine's model between batches.
//! `latestModel()` reads the engine's model as the last batch left it; inside a batch (a
//! `foreachRDD` body) as the batch's earlier jobs left it.
//!
//! Values: a `LabeledPoint`, a `DenseVector`, a `numpy.float64` and a float64 `numpy.ndarray`
//! are engine values ([`Value::LabeledPoint`], [`Value::Vector`], [`Value::NpFloat`],
//! [`Value::NdArray`]), so they cross into records and print as PySpark and numpy 2 print
//! them.
//!
//! Known differences, all where Spark's own output is not reproducible or Eddy is stricter:
//! - `print(kmeans.latestModel())` prints `StreamingKMeansModel(centers=[...],
//!   clusterWeights=[...])` where PySpark prints an object address (SEMANTICS H2).
//! - Weights given as ints (`setInitialCenters(c, [1, 1])`, `setRandomCenters(2, 1, 42)`)
//!   are floats in Eddy; Spark fails the update (`ClassCastException`) or prints `np.int64`.
//! - A `LogisticRegressionModel` from `latestModel()` is a snapshot: its `setThreshold` does
//!   not change the predictions of `predictOn` (in PySpark it does until the next batch trains).

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::Arc;

use eddy_core::ml::{
    node_model, KMeansParams, LinearRegressionModel, LinearRegressionParams,
    LogisticRegressionModel, LogisticRegressionParams, StreamingKMeans,
    StreamingLinearRegressionWithSGD, StreamingLogisticRegressionWithSGD, StreamingModel,
};
use eddy_core::value::{LabeledPoint, NdArray};
use eddy_core::{OpSpec, Value};

use super::{DStream, Rdd};
use crate::builtins::{arg_or_kw, as_float, as_int};
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{Module, Native, Obj};

/// The `pyspark.mllib.*` modules.
pub fn module(name: &str) -> Option<Obj> {
    let b = Obj::Builtin;
    let (name, attrs): (&'static str, Vec<(&'static str, Obj)>) = match name {
        "pyspark.mllib" => ("pyspark.mllib", Vec::new()),
        // The few numpy functions MLlib examples use (float64 arrays only).
        "numpy" => (
            "numpy",
            vec![
                ("array", b("pyspark.mllib.numpy.array")),
                ("asarray", b("pyspark.mllib.numpy.array")),
                ("float64", b("pyspark.mllib.numpy.float64")),
                ("dot", b("pyspark.mllib.numpy.dot")),
                ("zeros", b("pyspark.mllib.numpy.zeros")),
            ],
        ),
        "pyspark.mllib.regression" => (
            "pyspark.mllib.regression",
            vec![
                ("LabeledPoint", b("pyspark.mllib.regression.LabeledPoint")),
                (
                    "StreamingLinearRegressionWithSGD",
                    b("pyspark.mllib.regression.StreamingLinearRegressionWithSGD"),
                ),
                (
                    "LinearRegressionModel",
                    b("pyspark.mllib.regression.LinearRegressionModel"),
                ),
            ],
        ),
        "pyspark.mllib.classification" => (
            "pyspark.mllib.classification",
            vec![
                (
                    "StreamingLogisticRegressionWithSGD",
                    b("pyspark.mllib.classification.StreamingLogisticRegressionWithSGD"),
                ),
                (
                    "LogisticRegressionModel",
                    b("pyspark.mllib.classification.LogisticRegressionModel"),
                ),
            ],
        ),
        "pyspark.mllib.clustering" => (
            "pyspark.mllib.clustering",
            vec![
                (
                    "StreamingKMeans",
                    b("pyspark.mllib.clustering.StreamingKMeans"),
                ),
                (
                    "StreamingKMeansModel",
                    b("pyspark.mllib.clustering.StreamingKMeansModel"),
                ),
            ],
        ),
        "pyspark.mllib.linalg" => (
            "pyspark.mllib.linalg",
            vec![
                ("Vectors", Obj::Native(Rc::new(Vectors))),
                ("DenseVector", b("pyspark.mllib.linalg.DenseVector")),
            ],
        ),
        _ => return None,
    };
    Some(Obj::Module(Rc::new(Module { name, attrs })))
}

/// Keyword names a constructor accepts: anything else is Python's `TypeError`.
fn check_kwargs(func: &str, kwargs: &Kwargs, known: &[&str]) -> Result<(), Exc> {
    match kwargs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        Some((k, _)) => Err(Exc::type_error(format!(
            "{func}() got an unexpected keyword argument '{k}'"
        ))),
        None => Ok(()),
    }
}

/// `_convert_to_vector(x)`.
fn vector(x: &Obj) -> Result<Arc<[f64]>, Exc> {
    let v = x.to_value().map_err(|_| {
        Exc::type_error(format!(
            "Cannot convert type <class '{}'> into Vector",
            x.type_name()
        ))
    })?;
    v.to_vector().map_err(Exc::from)
}

/// `float(x)` of a number or a numeric string.
fn float(x: &Obj, what: &str) -> Result<f64, Exc> {
    match x {
        Obj::Str(s) => s.trim().parse::<f64>().map_err(|_| {
            Exc::new(
                "ValueError",
                format!("could not convert string to float: {}", x.repr()),
            )
        }),
        other => as_float(other, what),
    }
}

fn vector_obj(v: Arc<[f64]>) -> Obj {
    Obj::Data(Value::Vector(v))
}

fn array_obj(a: NdArray) -> Obj {
    Obj::Data(Value::NdArray(Arc::new(a)))
}

/// Calls a `pyspark.mllib` constructor by qualified name.
pub fn call(interp: &Interp, name: &str, args: Vec<Obj>, kwargs: Kwargs) -> Result<Obj, Exc> {
    let a = |i: usize, kw: &str| arg_or_kw(&args, &kwargs, i, kw);
    let short = name.rsplit('.').next().unwrap_or(name);
    let need = |i: usize, kw: &str| {
        a(i, kw).ok_or_else(|| {
            Exc::type_error(format!(
                "{short}.__init__() missing 1 required positional argument: '{kw}'"
            ))
        })
    };
    match name {
        "pyspark.mllib.regression.LabeledPoint" => {
            check_kwargs(short, &kwargs, &["label", "features"])?;
            let label = float(need(0, "label")?, "LabeledPoint")?;
            let features = vector(need(1, "features")?)?;
            Ok(Obj::Data(Value::LabeledPoint(Arc::new(LabeledPoint {
                label,
                features,
            }))))
        }
        "pyspark.mllib.linalg.DenseVector" => Ok(vector_obj(vector(need(0, "ar")?)?)),
        "pyspark.mllib.numpy.array" => numpy_array(interp, need(0, "object")?),
        "pyspark.mllib.numpy.float64" => Ok(Obj::Data(Value::NpFloat(
            a(0, "x").map_or(Ok(0.0), |x| float(x, "float64"))?,
        ))),
        "pyspark.mllib.numpy.dot" => {
            let (x, y) = (vector(need(0, "a")?)?, vector(need(1, "b")?)?);
            if x.len() != y.len() {
                return Err(Exc::new(
                    "ValueError",
                    format!(
                        "shapes ({},) and ({},) not aligned: {} (dim 0) != {} (dim 0)",
                        x.len(),
                        y.len(),
                        x.len(),
                        y.len()
                    ),
                ));
            }
            Ok(Obj::Data(Value::NpFloat(eddy_core::ml::np_dot(&x, &y))))
        }
        "pyspark.mllib.numpy.zeros" => {
            let n = as_int(need(0, "shape")?, "zeros")?.max(0) as usize;
            Ok(array_obj(NdArray::vector(vec![0.0; n])))
        }
        "pyspark.mllib.regression.StreamingLinearRegressionWithSGD" => {
            check_kwargs(
                short,
                &kwargs,
                &[
                    "stepSize",
                    "numIterations",
                    "miniBatchFraction",
                    "convergenceTol",
                ],
            )?;
            let d = LinearRegressionParams::default();
            let params = LinearRegressionParams {
                step_size: a(0, "stepSize").map_or(Ok(d.step_size), |x| float(x, short))?,
                num_iterations: a(1, "numIterations")
                    .map_or(Ok(d.num_iterations), |x| as_int(x, short))?,
                mini_batch_fraction: a(2, "miniBatchFraction")
                    .map_or(Ok(d.mini_batch_fraction), |x| float(x, short))?,
                convergence_tol: a(3, "convergenceTol")
                    .map_or(Ok(d.convergence_tol), |x| float(x, short))?,
            };
            Ok(Algo::obj(StreamingModel::StreamingLinearRegressionWithSGD(
                StreamingLinearRegressionWithSGD::new(params),
            )))
        }
        "pyspark.mllib.classification.StreamingLogisticRegressionWithSGD" => {
            check_kwargs(
                short,
                &kwargs,
                &[
                    "stepSize",
                    "numIterations",
                    "miniBatchFraction",
                    "regParam",
                    "convergenceTol",
                ],
            )?;
            let d = LogisticRegressionParams::default();
            let params = LogisticRegressionParams {
                step_size: a(0, "stepSize").map_or(Ok(d.step_size), |x| float(x, short))?,
                num_iterations: a(1, "numIterations")
                    .map_or(Ok(d.num_iterations), |x| as_int(x, short))?,
                mini_batch_fraction: a(2, "miniBatchFraction")
                    .map_or(Ok(d.mini_batch_fraction), |x| float(x, short))?,
                reg_param: a(3, "regParam").map_or(Ok(d.reg_param), |x| float(x, short))?,
                convergence_tol: a(4, "convergenceTol")
                    .map_or(Ok(d.convergence_tol), |x| float(x, short))?,
            };
            Ok(Algo::obj(
                StreamingModel::StreamingLogisticRegressionWithSGD(
                    StreamingLogisticRegressionWithSGD::new(params),
                ),
            ))
        }
        "pyspark.mllib.clustering.StreamingKMeans" => {
            check_kwargs(short, &kwargs, &["k", "decayFactor", "timeUnit"])?;
            let d = KMeansParams::default();
            let time_unit = match a(2, "timeUnit") {
                None => d.time_unit,
                Some(Obj::Str(s)) if matches!(&**s, "batches" | "points") => s.to_string(),
                Some(other) => {
                    return Err(Exc::new(
                        "ValueError",
                        format!(
                            "timeUnit should be 'batches' or 'points', got {}.",
                            other.to_str()
                        ),
                    ))
                }
            };
            let params = KMeansParams {
                k: a(0, "k").map_or(Ok(d.k), |x| as_int(x, short))?,
                decay_factor: a(1, "decayFactor")
                    .map_or(Ok(d.decay_factor), |x| float(x, short))?,
                time_unit,
            };
            Ok(Algo::obj(StreamingModel::StreamingKMeans(
                StreamingKMeans::new(params),
            )))
        }
        "pyspark.mllib.regression.LinearRegressionModel" => {
            let mut m = StreamingLinearRegressionWithSGD::new(Default::default());
            m.model = LinearRegressionModel {
                weights: vector(need(0, "weights")?)?.to_vec(),
                intercept: float(need(1, "intercept")?, short)?,
            };
            Ok(ModelObj::obj(
                StreamingModel::StreamingLinearRegressionWithSGD(m),
            ))
        }
        "pyspark.mllib.classification.LogisticRegressionModel" => {
            let mut m = StreamingLogisticRegressionWithSGD::new(Default::default());
            let mut model = LogisticRegressionModel::new(vector(need(0, "weights")?)?.to_vec());
            model.intercept = float(need(1, "intercept")?, short)?;
            model.num_features = as_int(need(2, "numFeatures")?, short)?.max(0) as usize;
            if as_int(need(3, "numClasses")?, short)? != 2 {
                return Err(Exc::new(
                    "NotImplementedError",
                    "Eddy supports binary logistic regression only (numClasses=2)",
                ));
            }
            m.model = model;
            Ok(ModelObj::obj(
                StreamingModel::StreamingLogisticRegressionWithSGD(m),
            ))
        }
        "pyspark.mllib.clustering.StreamingKMeansModel" => {
            let algo = Algo::detached(StreamingModel::StreamingKMeans(StreamingKMeans::new(
                KMeansParams::default(),
            )));
            algo.set_centers(
                need(0, "clusterCenters")?.clone(),
                need(1, "clusterWeights")?,
                interp,
            )?;
            Ok(Obj::Native(Rc::new(KMeansView {
                algo,
                interp: interp.spark.weak_interp(),
            })))
        }
        _ => Err(Exc::new(
            "NotImplementedError",
            format!("Eddy does not support {name} yet"),
        )),
    }
}

/// `numpy.array(x)` of numbers (1-D) or of equally long rows of numbers (2-D), as float64.
fn numpy_array(interp: &Interp, x: &Obj) -> Result<Obj, Exc> {
    let items = interp.iterate(x)?;
    let is_number = |o: &Obj| {
        matches!(
            o,
            Obj::Int(_) | Obj::Float(_) | Obj::Bool(_) | Obj::Data(Value::NpFloat(_))
        )
    };
    if items.iter().all(is_number) {
        return Ok(array_obj(NdArray::vector(vector(x)?.to_vec())));
    }
    let rows: Vec<Vec<f64>> = items
        .iter()
        .map(|r| vector(r).map(|v| v.to_vec()))
        .collect::<Result<_, _>>()?;
    if rows.windows(2).any(|w| w[0].len() != w[1].len()) {
        return Err(Exc::new(
            "ValueError",
            "setting an array element with a sequence. The requested array has an \
             inhomogeneous shape after 1 dimensions.",
        ));
    }
    Ok(array_obj(NdArray::matrix(&rows)))
}

/// An attribute of an MLlib or numpy value (`point.label`, `point.features`, `v.size`,
/// `a.shape`).
pub fn attr(obj: &Obj, name: &str) -> Option<Obj> {
    let Obj::Data(v) = obj else {
        return None;
    };
    Some(match (v, name) {
        (Value::LabeledPoint(p), "label") => Obj::Float(p.label),
        (Value::LabeledPoint(p), "features") => vector_obj(p.features.clone()),
        (Value::Vector(x), "size") => Obj::Int(x.len() as i64),
        (Value::Vector(x), "values" | "array") => array_obj(NdArray::vector(x.to_vec())),
        (Value::NdArray(a), "shape") => {
            Obj::tuple(a.shape.iter().map(|n| Obj::Int(*n as i64)).collect())
        }
        (Value::NdArray(a), "ndim") => Obj::Int(a.shape.len() as i64),
        (Value::NdArray(a), "size") => Obj::Int(a.data.len() as i64),
        (Value::NpFloat(f), "real") => Obj::Data(Value::NpFloat(*f)),
        _ => return None,
    })
}

/// Whether an MLlib or numpy value has method `name`.
pub fn has_method(obj: &Obj, name: &str) -> bool {
    match obj {
        Obj::Data(Value::Vector(_)) => matches!(
            name,
            "dot" | "squared_distance" | "toArray" | "norm" | "numNonzeros" | "tolist"
        ),
        Obj::Data(Value::NdArray(_)) => matches!(name, "tolist" | "sum" | "mean"),
        Obj::Data(Value::NpFloat(_)) => matches!(name, "item" | "is_integer"),
        _ => false,
    }
}

/// numpy's `add.reduce` of float64s: pairwise, eight accumulators per block of up to 128.
fn np_sum(a: &[f64]) -> f64 {
    if a.len() < 8 {
        return a.iter().fold(0.0, |s, x| s + x);
    }
    if a.len() <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&a[..8]);
        let whole = a.len() - a.len() % 8;
        for chunk in a[8..whole].chunks_exact(8) {
            for j in 0..8 {
                r[j] += chunk[j];
            }
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for x in &a[whole..] {
            res += x;
        }
        return res;
    }
    let mut n2 = a.len() / 2;
    n2 -= n2 % 8;
    np_sum(&a[..n2]) + np_sum(&a[n2..])
}

fn floats(x: &[f64]) -> Obj {
    Obj::list(x.iter().map(|f| Obj::Float(*f)).collect())
}

/// Calls a method of an MLlib or numpy value.
pub fn method(obj: &Obj, name: &str, args: &[Obj]) -> Result<Obj, Exc> {
    let np = |f: f64| Obj::Data(Value::NpFloat(f));
    let other = || {
        args.first()
            .ok_or_else(|| Exc::type_error(format!("{name}() missing 1 required argument")))
    };
    match obj {
        Obj::Data(Value::Vector(v)) => match name {
            "dot" | "squared_distance" => {
                let o = vector(other()?)?;
                if o.len() != v.len() {
                    return Err(Exc::new("AssertionError", "dimension mismatch"));
                }
                Ok(np(if name == "dot" {
                    eddy_core::ml::np_dot(v, &o)
                } else {
                    let d: Vec<f64> = v.iter().zip(o.iter()).map(|(a, b)| a - b).collect();
                    eddy_core::ml::np_dot(&d, &d)
                }))
            }
            "toArray" => Ok(array_obj(NdArray::vector(v.to_vec()))),
            "tolist" => Ok(floats(v)),
            "numNonzeros" => Ok(Obj::Int(v.iter().filter(|x| **x != 0.0).count() as i64)),
            "norm" => {
                let p = as_float(other()?, "norm")?;
                Ok(np(if p == 2.0 {
                    eddy_core::ml::np_dot(v, v).sqrt()
                } else if p == 1.0 {
                    np_sum(&v.iter().map(|x| x.abs()).collect::<Vec<_>>())
                } else if p.is_infinite() && p > 0.0 {
                    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
                } else {
                    np_sum(&v.iter().map(|x| x.abs().powf(p)).collect::<Vec<_>>()).powf(1.0 / p)
                }))
            }
            _ => Err(no_method(obj, name)),
        },
        Obj::Data(Value::NdArray(a)) => match name {
            "tolist" => Ok(match a.shape.len() {
                1 => floats(&a.data),
                _ => Obj::list(
                    a.items()
                        .iter()
                        .map(|row| method(&Obj::Data(row.clone()), "tolist", &[]))
                        .collect::<Result<_, _>>()?,
                ),
            }),
            "sum" => Ok(np(np_sum(&a.data))),
            "mean" => Ok(np(np_sum(&a.data) / a.data.len() as f64)),
            _ => Err(no_method(obj, name)),
        },
        Obj::Data(Value::NpFloat(f)) => match name {
            "item" => Ok(Obj::Float(*f)),
            "is_integer" => Ok(Obj::Bool(f.fract() == 0.0)),
            _ => Err(no_method(obj, name)),
        },
        _ => Err(no_method(obj, name)),
    }
}

fn no_method(obj: &Obj, name: &str) -> Exc {
    Exc::new(
        "AttributeError",
        format!("'{}' object has no attribute '{name}'", obj.type_name()),
    )
}

/// `pyspark.mllib.linalg.Vectors`.
struct Vectors;

impl Native for Vectors {
    fn type_name(&self) -> &'static str {
        "type"
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "dense" | "zeros" | "squared_distance" | "norm" | "sparse"
        )
    }

    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        name: &str,
        args: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        match name {
            "dense" => match args.as_slice() {
                [one] if !matches!(one, Obj::Int(_) | Obj::Float(_) | Obj::Bool(_)) => {
                    Ok(vector_obj(vector(one)?))
                }
                many => Ok(vector_obj(vector(&Obj::list(many.to_vec()))?)),
            },
            "zeros" => {
                let n = as_int(args.first().unwrap_or(&Obj::Int(0)), "zeros")?;
                Ok(vector_obj(vec![0.0; n.max(0) as usize].into()))
            }
            "sparse" => Err(Exc::new(
                "NotImplementedError",
                "Eddy supports dense vectors only (Vectors.dense)",
            )),
            "squared_distance" | "norm" => {
                let [v, rest @ ..] = args.as_slice() else {
                    return Err(Exc::type_error(format!(
                        "{name}() missing 1 required argument"
                    )));
                };
                method(&vector_obj(vector(v)?), name, rest)
            }
            _ => Err(no_method(&Obj::Native(self), name)),
        }
    }

    fn repr(&self) -> String {
        "<class 'pyspark.mllib.linalg.Vectors'>".into()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A streaming model object: `StreamingLinearRegressionWithSGD`,
/// `StreamingLogisticRegressionWithSGD` or `StreamingKMeans`.
struct Algo {
    st: RefCell<AlgoState>,
}

struct AlgoState {
    /// Parameters and initial model (and, for a detached `StreamingKMeansModel`, the model).
    model: StreamingModel,
    /// Whether `setInitialWeights`/`setInitialCenters`/`setRandomCenters` ran.
    initialized: bool,
    /// The id its pipeline nodes name, once it has one.
    id: Option<u32>,
    /// Those nodes.
    nodes: Vec<usize>,
    /// K-means: `centers` and `clusterWeights` as PySpark holds them before the first update
    /// (the objects the program gave, or numpy's from `setRandomCenters`).
    init_centers: Obj,
    init_weights: Obj,
}

impl Algo {
    fn detached(model: StreamingModel) -> Rc<Algo> {
        Rc::new(Algo {
            st: RefCell::new(AlgoState {
                model,
                initialized: false,
                id: None,
                nodes: Vec::new(),
                init_centers: Obj::None,
                init_weights: Obj::None,
            }),
        })
    }

    fn obj(model: StreamingModel) -> Obj {
        Obj::Native(Algo::detached(model))
    }

    fn is_kmeans(&self) -> bool {
        matches!(self.st.borrow().model, StreamingModel::StreamingKMeans(_))
    }

    /// The model as it is now: the engine's after the last batch once the streams run.
    fn current(&self, interp: &Interp) -> StreamingModel {
        let st = self.st.borrow();
        if let (Some(id), Some(models)) = (st.id, interp.spark.models()) {
            if let Some(m) = models.get(id) {
                return m.clone();
            }
        }
        st.model.clone()
    }

    /// Applies a setter: to the object, and to its nodes before the start or to the
    /// engine's model between batches.
    fn apply(&self, interp: &Interp, f: impl Fn(&mut StreamingModel)) -> Result<(), Exc> {
        let (id, model, nodes) = {
            let mut st = self.st.borrow_mut();
            f(&mut st.model);
            (st.id, st.model.clone(), st.nodes.clone())
        };
        let Some(id) = id else {
            return Ok(());
        };
        let changed = interp.spark.update_models(|models| {
            if let Some(m) = models.get_mut(id) {
                f(m);
            }
        });
        if changed.is_some() {
            return Ok(());
        }
        interp
            .spark
            .with_spec(|spec, _| {
                for n in &nodes {
                    if let Some(
                        OpSpec::TrainOn { algorithm, .. }
                        | OpSpec::PredictOn { algorithm, .. }
                        | OpSpec::PredictOnValues { algorithm, .. },
                    ) = spec.nodes.get_mut(*n).map(|n| &mut n.op)
                    {
                        *algorithm = model.clone();
                    }
                }
                Ok(())
            })
            .map_err(|_| {
                Exc::new(
                    "NotImplementedError",
                    "Eddy cannot change a streaming model while a batch runs",
                )
            })
    }

    /// `setInitialCenters(centers, weights)`.
    fn set_centers(&self, centers: Obj, weights: &Obj, interp: &Interp) -> Result<(), Exc> {
        let rows: Vec<Vec<f64>> = interp
            .iterate(&centers)?
            .iter()
            .map(|c| vector(c).map(|v| v.to_vec()))
            .collect::<Result<_, _>>()?;
        let weight_objs = interp.iterate(weights)?;
        let ws: Vec<f64> = weight_objs
            .iter()
            .map(|w| as_float(w, "setInitialCenters"))
            .collect::<Result<_, _>>()?;
        // The model's arrays need equally long centers and a weight for each (the JVM fails
        // the first batch otherwise).
        if rows.windows(2).any(|w| w[0].len() != w[1].len()) {
            return Err(Exc::new(
                "ValueError",
                "setInitialCenters: the centers must all have the same dimension",
            ));
        }
        if ws.len() < rows.len() {
            return Err(Exc::new(
                "ValueError",
                format!(
                    "setInitialCenters: {} centers but {} weights",
                    rows.len(),
                    ws.len()
                ),
            ));
        }
        {
            let mut st = self.st.borrow_mut();
            st.initialized = true;
            st.init_centers = centers;
            st.init_weights = Obj::list(weight_objs);
        }
        self.apply(interp, |m| {
            if let StreamingModel::StreamingKMeans(k) = m {
                k.set_initial_centers(rows.clone(), ws.clone());
            }
        })
    }

    /// `trainOn`, `predictOn`, `predictOnValues`: PySpark's `_validate`, then a node.
    fn add_node(&self, interp: &Interp, name: &str, stream: &Obj) -> Result<Obj, Exc> {
        let kmeans = self.is_kmeans();
        let input = DStream::id_of(stream);
        let not_stream = || {
            let what = format!("<class '{}'>", stream.type_name());
            Exc::type_error(if kmeans {
                format!("Expected dstream to be of type DStream, got type {what}")
            } else {
                format!("dstream should be a DStream object, got {what}")
            })
        };
        let uninitialized = || {
            Exc::new(
                "ValueError",
                if kmeans {
                    "Initial centers should be set either by setInitialCenters or \
                     setRandomCenters."
                } else {
                    "Model must be initialized using setInitialWeights"
                },
            )
        };
        let initialized = self.st.borrow().initialized;
        let input = if kmeans {
            if !initialized {
                return Err(uninitialized());
            }
            input.map_err(|_| not_stream())?
        } else {
            let input = input.map_err(|_| not_stream())?;
            if !initialized {
                return Err(uninitialized());
            }
            input
        };
        let id = match self.st.borrow().id {
            Some(id) => id,
            None => interp.spark.with_spec(|spec, _| {
                Ok(spec
                    .nodes
                    .iter()
                    .filter_map(|n| node_model(&n.op))
                    .map(|(id, _)| id + 1)
                    .max()
                    .unwrap_or(0))
            })?,
        };
        let algorithm = self.st.borrow().model.clone();
        let op = match name {
            "trainOn" => OpSpec::TrainOn {
                model: id,
                algorithm,
            },
            "predictOn" => OpSpec::PredictOn {
                model: id,
                algorithm,
            },
            _ => OpSpec::PredictOnValues {
                model: id,
                algorithm,
            },
        };
        let node = DStream::add(interp, &[input], op)?;
        let mut st = self.st.borrow_mut();
        st.id = Some(id);
        st.nodes.push(DStream::id_of(&node)? as usize);
        Ok(if name == "trainOn" { Obj::None } else { node })
    }
}

const LINEAR_METHODS: &[&str] = &[
    "setInitialWeights",
    "trainOn",
    "predictOn",
    "predictOnValues",
    "latestModel",
];

const KMEANS_METHODS: &[&str] = &[
    "setK",
    "setDecayFactor",
    "setHalfLife",
    "setInitialCenters",
    "setRandomCenters",
    "trainOn",
    "predictOn",
    "predictOnValues",
    "latestModel",
];

impl Native for Algo {
    fn type_name(&self) -> &'static str {
        self.st.borrow().model.name()
    }

    fn get_attr(&self, name: &str) -> Option<Obj> {
        let st = self.st.borrow();
        Some(match (&st.model, name) {
            (StreamingModel::StreamingLinearRegressionWithSGD(m), _) => match name {
                "stepSize" => Obj::Float(m.params.step_size),
                "numIterations" => Obj::Int(m.params.num_iterations),
                "miniBatchFraction" => Obj::Float(m.params.mini_batch_fraction),
                "convergenceTol" => Obj::Float(m.params.convergence_tol),
                _ => return None,
            },
            (StreamingModel::StreamingLogisticRegressionWithSGD(m), _) => match name {
                "stepSize" => Obj::Float(m.params.step_size),
                "numIterations" => Obj::Int(m.params.num_iterations),
                "miniBatchFraction" => Obj::Float(m.params.mini_batch_fraction),
                "regParam" => Obj::Float(m.params.reg_param),
                "convergenceTol" => Obj::Float(m.params.convergence_tol),
                _ => return None,
            },
            (StreamingModel::StreamingKMeans(m), "_k") => Obj::Int(m.params.k),
            (StreamingModel::StreamingKMeans(m), "_decayFactor") => {
                Obj::Float(m.params.decay_factor)
            }
            (StreamingModel::StreamingKMeans(m), "_timeUnit") => {
                Obj::str(m.params.time_unit.as_str())
            }
            _ => return None,
        })
    }

    fn has_method(&self, name: &str) -> bool {
        if self.is_kmeans() {
            KMEANS_METHODS.contains(&name)
        } else {
            LINEAR_METHODS.contains(&name)
        }
    }

    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let a = |i: usize, kw: &str| arg_or_kw(&args, &kwargs, i, kw);
        let need = |i: usize, kw: &str| {
            a(i, kw).ok_or_else(|| {
                Exc::type_error(format!(
                    "{name}() missing 1 required positional argument: '{kw}'"
                ))
            })
        };
        let me = Obj::Native(self.clone());
        match name {
            "trainOn" | "predictOn" | "predictOnValues" => {
                self.add_node(interp, name, need(0, "dstream")?)
            }
            "latestModel" => {
                if !self.st.borrow().initialized {
                    return Ok(Obj::None);
                }
                if self.is_kmeans() {
                    Ok(Obj::Native(Rc::new(KMeansView {
                        algo: self.clone(),
                        interp: interp.spark.weak_interp(),
                    })))
                } else {
                    Ok(ModelObj::obj(self.current(interp)))
                }
            }
            "setInitialWeights" => {
                let w = vector(need(0, "initialWeights")?)?.to_vec();
                self.st.borrow_mut().initialized = true;
                self.apply(interp, |m| match m {
                    StreamingModel::StreamingLinearRegressionWithSGD(m) => {
                        m.set_initial_weights(w.clone());
                    }
                    StreamingModel::StreamingLogisticRegressionWithSGD(m) => {
                        m.set_initial_weights(w.clone());
                    }
                    StreamingModel::StreamingKMeans(_) => {}
                })?;
                Ok(me)
            }
            "setK" => {
                let k = as_int(need(0, "k")?, name)?;
                self.apply(interp, |m| {
                    if let StreamingModel::StreamingKMeans(m) = m {
                        m.set_k(k);
                    }
                })?;
                Ok(me)
            }
            "setDecayFactor" => {
                let d = float(need(0, "decayFactor")?, name)?;
                self.apply(interp, |m| {
                    if let StreamingModel::StreamingKMeans(m) = m {
                        m.set_decay_factor(d);
                    }
                })?;
                Ok(me)
            }
            "setHalfLife" => {
                let h = float(need(0, "halfLife")?, name)?;
                if h == 0.0 {
                    return Err(Exc::new("ZeroDivisionError", "float division by zero"));
                }
                let unit = need(1, "timeUnit")?.to_str();
                self.apply(interp, |m| {
                    if let StreamingModel::StreamingKMeans(m) = m {
                        m.set_half_life(h, &unit);
                    }
                })?;
                Ok(me)
            }
            "setInitialCenters" => {
                self.set_centers(need(0, "centers")?.clone(), need(1, "weights")?, interp)?;
                Ok(me)
            }
            "setRandomCenters" => {
                let dim = as_int(need(0, "dim")?, name)?;
                let weight = float(need(1, "weight")?, name)?;
                let seed = as_int(need(2, "seed")?, name)?;
                let seed = u32::try_from(seed)
                    .map_err(|_| Exc::new("ValueError", "Seed must be between 0 and 2**32 - 1"))?;
                if dim < 0 {
                    return Err(Exc::new(
                        "ValueError",
                        "negative dimensions are not allowed",
                    ));
                }
                let mut k = match &self.st.borrow().model {
                    StreamingModel::StreamingKMeans(m) => m.clone(),
                    _ => return Err(no_method(&me, name)),
                };
                k.set_random_centers(dim as usize, weight, seed);
                let (centers, weights) = (k.model.centers.clone(), k.model.cluster_weights);
                {
                    let mut st = self.st.borrow_mut();
                    st.initialized = true;
                    st.init_centers = array_obj(NdArray::matrix(&centers));
                    st.init_weights = Obj::list(
                        weights
                            .iter()
                            .map(|w| Obj::Data(Value::NpFloat(*w)))
                            .collect(),
                    );
                }
                let ws = weights.clone();
                self.apply(interp, |m| {
                    if let StreamingModel::StreamingKMeans(m) = m {
                        m.set_initial_centers(centers.clone(), ws.clone());
                    }
                })?;
                Ok(me)
            }
            _ => Err(no_method(&me, name)),
        }
    }

    fn repr(&self) -> String {
        format!(
            "<pyspark.mllib.{}.{} object>",
            if self.is_kmeans() {
                "clustering"
            } else if self.type_name().contains("Logistic") {
                "classification"
            } else {
                "regression"
            },
            self.type_name()
        )
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A linear model as `latestModel()` returns it: `LinearRegressionModel` or
/// `LogisticRegressionModel`, a snapshot (PySpark makes a new one per batch).
struct ModelObj {
    model: RefCell<StreamingModel>,
}

impl ModelObj {
    fn obj(model: StreamingModel) -> Obj {
        Obj::Native(Rc::new(ModelObj {
            model: RefCell::new(model),
        }))
    }
}

impl Native for ModelObj {
    fn type_name(&self) -> &'static str {
        match &*self.model.borrow() {
            StreamingModel::StreamingLogisticRegressionWithSGD(_) => "LogisticRegressionModel",
            _ => "LinearRegressionModel",
        }
    }

    fn get_attr(&self, name: &str) -> Option<Obj> {
        Some(match (&*self.model.borrow(), name) {
            (StreamingModel::StreamingLinearRegressionWithSGD(m), "weights") => {
                vector_obj(m.model.weights.as_slice().into())
            }
            (StreamingModel::StreamingLinearRegressionWithSGD(m), "intercept") => {
                Obj::Float(m.model.intercept)
            }
            (StreamingModel::StreamingLogisticRegressionWithSGD(m), _) => match name {
                "weights" => vector_obj(m.model.weights.as_slice().into()),
                "intercept" => Obj::Float(m.model.intercept),
                "numFeatures" => Obj::Int(m.model.num_features as i64),
                "numClasses" => Obj::Int(m.model.num_classes as i64),
                "threshold" => m.model.threshold.map_or(Obj::None, Obj::Float),
                _ => return None,
            },
            _ => return None,
        })
    }

    fn has_method(&self, name: &str) -> bool {
        match &*self.model.borrow() {
            StreamingModel::StreamingLogisticRegressionWithSGD(_) => {
                matches!(name, "predict" | "setThreshold" | "clearThreshold")
            }
            _ => name == "predict",
        }
    }

    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        name: &str,
        args: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        let threshold = |t: Option<f64>| {
            if let StreamingModel::StreamingLogisticRegressionWithSGD(m) =
                &mut *self.model.borrow_mut()
            {
                m.model.threshold = t;
            }
            Ok(Obj::None)
        };
        match name {
            "predict" => {
                let x = args
                    .first()
                    .ok_or_else(|| Exc::type_error("predict() missing 1 required argument: 'x'"))?;
                let v = x.to_value()?;
                Ok(Obj::from_value(
                    &self.model.borrow().predict(&v).map_err(Exc::from)?,
                ))
            }
            "setThreshold" => threshold(Some(as_float(
                args.first().unwrap_or(&Obj::None),
                "setThreshold",
            )?)),
            "clearThreshold" => threshold(None),
            _ => Err(no_method(&Obj::Native(self.clone()), name)),
        }
    }

    fn repr(&self) -> String {
        match &*self.model.borrow() {
            StreamingModel::StreamingLinearRegressionWithSGD(m) => m.model.repr(),
            StreamingModel::StreamingLogisticRegressionWithSGD(m) => m.model.repr(),
            StreamingModel::StreamingKMeans(_) => "<StreamingKMeansModel>".into(),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `StreamingKMeans.latestModel()`: PySpark updates this one object in place every batch, so
/// it reads the model live.
struct KMeansView {
    algo: Rc<Algo>,
    interp: Weak<Interp>,
}

impl KMeansView {
    fn model(&self) -> eddy_core::ml::KMeansModel {
        let m = match self.interp.upgrade() {
            Some(interp) => self.algo.current(&interp),
            None => self.algo.st.borrow().model.clone(),
        };
        match m {
            StreamingModel::StreamingKMeans(k) => k.model,
            _ => unreachable!("a k-means view is made for k-means only"),
        }
    }
}

impl Native for KMeansView {
    fn type_name(&self) -> &'static str {
        "StreamingKMeansModel"
    }

    fn get_attr(&self, name: &str) -> Option<Obj> {
        let m = self.model();
        let st = self.algo.st.borrow();
        Some(match name {
            "centers" | "clusterCenters"
                if m.updates == 0 && !matches!(st.init_centers, Obj::None) =>
            {
                st.init_centers.clone()
            }
            "centers" | "clusterCenters" => array_obj(NdArray::matrix(&m.centers)),
            "clusterWeights" if m.updates == 0 && !matches!(st.init_weights, Obj::None) => {
                st.init_weights.clone()
            }
            "clusterWeights" => Obj::list(
                m.cluster_weights
                    .iter()
                    .map(|w| Obj::Data(Value::NpFloat(*w)))
                    .collect(),
            ),
            "k" => Obj::Int(m.centers.len() as i64),
            _ => return None,
        })
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "predict" | "update")
    }

    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let a = |i: usize, kw: &str| arg_or_kw(&args, &kwargs, i, kw);
        match name {
            "predict" => {
                let x = a(0, "x")
                    .ok_or_else(|| Exc::type_error("predict() missing 1 required argument: 'x'"))?;
                let v = x.to_value()?;
                Ok(Obj::from_value(
                    &self.model().predict(&v).map_err(Exc::from)?,
                ))
            }
            "update" => {
                if self.algo.st.borrow().id.is_some() {
                    return Err(Exc::new(
                        "NotImplementedError",
                        "Eddy updates a model that a pipeline trains only through trainOn",
                    ));
                }
                let missing = |kw: &str| {
                    Exc::type_error(format!(
                        "update() missing 1 required positional argument: '{kw}'"
                    ))
                };
                let data = a(0, "data").ok_or_else(|| missing("data"))?;
                let batch = Rdd::of(data)
                    .map_err(|_| {
                        Exc::type_error(format!(
                            "Data should be of an RDD, got <class '{}'>.",
                            data.type_name()
                        ))
                    })?
                    .batch
                    .clone();
                let decay = float(
                    a(1, "decayFactor").ok_or_else(|| missing("decayFactor"))?,
                    name,
                )?;
                let unit = a(2, "timeUnit")
                    .ok_or_else(|| missing("timeUnit"))?
                    .to_str();
                let mut st = self.algo.st.borrow_mut();
                if let StreamingModel::StreamingKMeans(k) = &mut st.model {
                    k.model.update(&batch, decay, &unit).map_err(Exc::from)?;
                }
                drop(st);
                let _ = interp;
                Ok(Obj::Native(self))
            }
            _ => Err(no_method(&Obj::Native(self.clone()), name)),
        }
    }

    fn repr(&self) -> String {
        let m = self.model();
        let centers: Vec<String> = m
            .centers
            .iter()
            .map(|c| Value::list(c.iter().map(|x| Value::Float(*x)).collect::<Vec<_>>()).repr())
            .collect();
        let weights = Value::list(
            m.cluster_weights
                .iter()
                .map(|x| Value::Float(*x))
                .collect::<Vec<_>>(),
        );
        format!(
            "StreamingKMeansModel(centers=[{}], clusterWeights={})",
            centers.join(", "),
            weights.repr()
        )
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Inside a batch's job (a `foreachRDD` body), `latestModel()` reads the models as the
/// batch's earlier jobs left them.
pub(super) fn publish_models(session: &super::Session, models: &eddy_core::ml::Models) {
    session.state.borrow_mut().models = Some(models.clone());
}

/// For the exporter: the import a model's class needs.
pub fn export_import(model: &StreamingModel) -> String {
    let module = match model {
        StreamingModel::StreamingLinearRegressionWithSGD(_) => "regression",
        StreamingModel::StreamingLogisticRegressionWithSGD(_) => "classification",
        StreamingModel::StreamingKMeans(_) => "clustering",
    };
    format!("from pyspark.mllib.{module} import {}", model.name())
}

/// For the exporter: the lines that make model `id` (`m{id} = ...` and its initial model).
pub fn export_model(id: u32, model: &StreamingModel) -> String {
    let f = eddy_core::value::float_repr;
    let list =
        |xs: &[f64]| Value::list(xs.iter().map(|x| Value::Float(*x)).collect::<Vec<_>>()).repr();
    match model {
        StreamingModel::StreamingLinearRegressionWithSGD(m) => {
            let p = &m.params;
            format!(
                "m{id} = StreamingLinearRegressionWithSGD(stepSize={}, numIterations={}, \
                 miniBatchFraction={}, convergenceTol={})\nm{id}.setInitialWeights({})\n",
                f(p.step_size),
                p.num_iterations,
                f(p.mini_batch_fraction),
                f(p.convergence_tol),
                list(&m.model.weights)
            )
        }
        StreamingModel::StreamingLogisticRegressionWithSGD(m) => {
            let p = &m.params;
            format!(
                "m{id} = StreamingLogisticRegressionWithSGD(stepSize={}, numIterations={}, \
                 miniBatchFraction={}, regParam={}, convergenceTol={})\n\
                 m{id}.setInitialWeights({})\n",
                f(p.step_size),
                p.num_iterations,
                f(p.mini_batch_fraction),
                f(p.reg_param),
                f(p.convergence_tol),
                list(&m.model.weights)
            )
        }
        StreamingModel::StreamingKMeans(m) => {
            let p = &m.params;
            let centers: Vec<String> = m.model.centers.iter().map(|c| list(c)).collect();
            format!(
                "m{id} = StreamingKMeans(k={}, decayFactor={}, timeUnit={})\n\
                 m{id}.setInitialCenters([{}], {})\n",
                p.k,
                f(p.decay_factor),
                Value::str(p.time_unit.as_str()).repr(),
                centers.join(", "),
                list(&m.model.cluster_weights)
            )
        }
    }
}
