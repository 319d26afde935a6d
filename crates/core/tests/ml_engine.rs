//! Streaming models in the engine (SEMANTICS G): predictions lag training by one batch, the
//! models are part of the snapshot (step back, seek), reports carry what a UI charts, and a
//! pipeline with models round-trips through JSON.

// Under wasm32 these run in headless Chromium too.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use eddy_core::ml::{
    KMeansParams, LinearRegressionParams, StreamingKMeans, StreamingLinearRegressionWithSGD,
    StreamingModel,
};
use eddy_core::value::LabeledPoint;
use eddy_core::{Duration, Engine, NodeId, NodeSpec, OpSpec, PipelineSpec, Timeline, Value};

fn point(y: f64, x: &[f64]) -> Value {
    Value::LabeledPoint(LabeledPoint::new(y, x.to_vec()).into())
}

fn linear() -> StreamingModel {
    let mut m = StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
        step_size: 0.5,
        num_iterations: 3,
        ..Default::default()
    });
    m.set_initial_weights(vec![0.0]);
    StreamingModel::StreamingLinearRegressionWithSGD(m)
}

/// Training batches of `y = 2x`, a test queue of `("x=1", [1.0])` every batch; trainOn, then
/// predictOnValues printed.
fn pipeline(train: Vec<Vec<Value>>) -> PipelineSpec {
    let test = vec![Value::tuple(vec![
        Value::from("x=1"),
        Value::list(vec![Value::Float(1.0)]),
    ])];
    let node = NodeSpec::new;
    PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: None,
        nodes: vec![
            node(
                &[],
                OpSpec::QueueStream {
                    batches: train,
                    one_at_a_time: true,
                    default: None,
                    partition_sizes: None,
                },
            ),
            node(
                &[],
                OpSpec::QueueStream {
                    batches: vec![],
                    one_at_a_time: true,
                    default: Some(test),
                    partition_sizes: None,
                },
            ),
            node(
                &[0],
                OpSpec::TrainOn {
                    model: 0,
                    algorithm: linear(),
                },
            ),
            node(
                &[1],
                OpSpec::PredictOnValues {
                    model: 0,
                    algorithm: linear(),
                },
            ),
            node(&[3], OpSpec::Pprint { num: 10 }),
        ],
    }
}

fn train_batches() -> Vec<Vec<Value>> {
    (0..4)
        .map(|i| {
            (1..=4)
                .map(|k| {
                    let x = f64::from(i * 4 + k) / 10.0;
                    point(2.0 * x, &[x])
                })
                .collect()
        })
        .collect()
}

fn weights(engine: &Engine) -> Vec<f64> {
    match engine.models().get(0) {
        Some(StreamingModel::StreamingLinearRegressionWithSGD(m)) => m.model.weights.clone(),
        other => panic!("not a linear model: {other:?}"),
    }
}

#[test]
fn batch_i_predicts_with_the_model_trained_on_batches_before_it() {
    let mut engine = Engine::new(pipeline(train_batches())).unwrap();
    let first = engine.step();
    // Batch 0 predicts with the initial weights [0.0].
    assert!(
        first.console.contains("('x=1', np.float64(0.0))"),
        "{}",
        first.console
    );
    let after_0 = weights(&engine);
    assert!(after_0[0] > 0.0);
    let second = engine.step();
    let want = format!("('x=1', {})", Value::NpFloat(after_0[0]).repr());
    assert!(second.console.contains(&want), "{}", second.console);
}

#[test]
fn reports_carry_weights_losses_and_iterations() {
    let mut engine = Engine::new(pipeline(train_batches())).unwrap();
    let report = engine.step();
    let [m] = report.models.as_slice() else {
        panic!("one model: {:?}", report.models)
    };
    assert_eq!(m.model, 0);
    assert_eq!(m.algorithm, "StreamingLinearRegressionWithSGD");
    assert_eq!(m.weights, weights(&engine));
    let t = m.training.as_ref().expect("trained in batch 0");
    assert_eq!((t.points, t.iterations, t.loss.len()), (4, 3, 3));
    // After the queue drains, batches are empty: the linear model skips them.
    for _ in 0..4 {
        engine.step();
    }
    let idle = engine.step();
    assert_eq!(idle.models[0].training, None);
    assert_eq!(idle.models[0].weights, weights(&engine));
}

#[test]
fn stepping_back_restores_the_model() {
    let mut timeline = Timeline::new(Engine::new(pipeline(train_batches())).unwrap());
    let mut consoles = Vec::new();
    for _ in 0..4 {
        consoles.push(timeline.step().console.clone());
    }
    let at_4 = weights(timeline.engine());
    timeline.seek(1);
    let at_1 = weights(timeline.engine());
    assert_ne!(at_1, at_4);
    for console in &consoles[1..] {
        assert_eq!(&timeline.step().console, console);
    }
    assert_eq!(weights(timeline.engine()), at_4);
}

#[test]
fn a_clone_is_a_snapshot_of_the_models() {
    let mut engine = Engine::new(pipeline(train_batches())).unwrap();
    engine.step();
    let snapshot = engine.clone();
    engine.step();
    assert_ne!(weights(&snapshot), weights(&engine));
    let mut replay = snapshot.clone();
    replay.step();
    assert_eq!(weights(&replay), weights(&engine));
}

#[test]
fn kmeans_updates_every_batch_even_empty_ones() {
    let mut k = StreamingKMeans::new(KMeansParams {
        k: 2,
        decay_factor: 0.5,
        ..Default::default()
    });
    k.set_initial_centers(vec![vec![0.0], vec![10.0]], vec![4.0, 4.0]);
    let algorithm = StreamingModel::StreamingKMeans(k);
    let v = |x: f64| Value::list(vec![Value::Float(x)]);
    let spec = PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: None,
        nodes: vec![
            NodeSpec::new(
                &[],
                OpSpec::QueueStream {
                    batches: vec![vec![v(1.0), v(9.0)]],
                    one_at_a_time: true,
                    default: None,
                    partition_sizes: None,
                },
            ),
            NodeSpec::new(
                &[0],
                OpSpec::TrainOn {
                    model: 7,
                    algorithm,
                },
            ),
        ],
    };
    let mut engine = Engine::new(spec).unwrap();
    let r = engine.step();
    assert_eq!(r.models[0].cluster_weights, vec![3.0, 3.0]);
    assert_eq!(
        r.models[0].training.as_ref().unwrap().assigned,
        vec![1u64, 1]
    );
    let r = engine.step();
    assert_eq!(r.models[0].cluster_weights, vec![1.5, 1.5]);
    assert_eq!(r.models[0].training.as_ref().unwrap().points, 0);
}

#[test]
fn nodes_of_one_model_must_agree_and_models_need_initial_weights() {
    let mut spec = pipeline(train_batches());
    let mut other = StreamingLinearRegressionWithSGD::new(LinearRegressionParams::default());
    other.set_initial_weights(vec![1.0]);
    spec.nodes[3].op = OpSpec::PredictOnValues {
        model: 0,
        algorithm: StreamingModel::StreamingLinearRegressionWithSGD(other),
    };
    let err = Engine::new(spec).unwrap_err().to_string();
    assert!(err.contains("model 0 is described differently"), "{err}");
    let mut spec = pipeline(train_batches());
    spec.nodes[2].op = OpSpec::TrainOn {
        model: 0,
        algorithm: StreamingModel::StreamingLinearRegressionWithSGD(
            StreamingLinearRegressionWithSGD::new(LinearRegressionParams::default()),
        ),
    };
    let err = Engine::new(spec).unwrap_err().to_string();
    assert!(
        err.contains("Model must be initialized using setInitialWeights"),
        "{err}"
    );
}

#[test]
fn pipelines_with_models_round_trip_through_json() {
    let spec = pipeline(train_batches());
    let json = serde_json::to_string(&spec).unwrap();
    assert!(json.contains(r#""op":"trainOn","model":0"#), "{json}");
    assert!(json.contains(r#""op":"predictOnValues""#), "{json}");
    let back: PipelineSpec = serde_json::from_str(&json).unwrap();
    assert_eq!(back, spec);
    assert_eq!(back.nodes[2].op.name(), "trainOn");
    assert!(back.nodes[2].op.is_output());
    assert_eq!(back.nodes[3].inputs, vec![NodeId(1)]);
}
