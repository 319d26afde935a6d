//! SEMANTICS C6–C8, observed on real PySpark: what the composite window operations print after
//! their input drains.

use eddy_core::func::{Builtin, FuncSpec};
// Under wasm32 these run in headless Chromium too.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
use eddy_core::{Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};

/// Runs `op` over a queue of `batches` for `n` batches; returns each batch's printed records.
fn run(batches: Vec<Vec<Value>>, op: OpSpec, n: u64) -> Vec<Vec<String>> {
    let node = NodeSpec::new;
    let spec = PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: Some("checkpoint".into()),
        nodes: vec![
            node(
                &[],
                OpSpec::QueueStream {
                    batches,
                    one_at_a_time: true,
                    default: None,
                    partition_sizes: None,
                },
            ),
            node(&[0], op),
            node(&[1], OpSpec::Pprint { num: 1000 }),
        ],
    };
    let mut engine = Engine::new(spec).unwrap();
    (0..n)
        .map(|_| {
            let console = engine.step().console;
            let mut records: Vec<String> = console
                .lines()
                .skip(3)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            records.sort();
            records
        })
        .collect()
}

fn ints(n: i64) -> Vec<Vec<Value>> {
    (1..=n)
        .map(|i| vec![Value::Int(i), Value::Int(i)])
        .collect()
}

fn secs(s: i64) -> Duration {
    Duration(s * 1000)
}

#[test]
fn count_by_window_3_1_drains_to_nothing_but_5_1_to_zero() {
    let short = run(
        ints(2),
        OpSpec::CountByWindow {
            window_duration: secs(3),
            slide_duration: Some(secs(1)),
        },
        8,
    );
    assert_eq!(short[0], ["2"]);
    assert_eq!(short[1], ["4"]);
    assert_eq!(short[7], Vec::<String>::new());
    let long = run(
        ints(2),
        OpSpec::CountByWindow {
            window_duration: secs(5),
            slide_duration: Some(secs(1)),
        },
        8,
    );
    assert_eq!(long[1], ["4"]);
    assert_eq!(long[7], ["0"]);
}

#[test]
fn reduce_by_window_6_1_with_inverse_drains_to_zero() {
    let out = run(
        ints(3),
        OpSpec::ReduceByWindow {
            func: FuncSpec::Builtin(Builtin::Add),
            inv_func: Some(FuncSpec::Builtin(Builtin::Sub)),
            window_duration: secs(6),
            slide_duration: Some(secs(1)),
        },
        10,
    );
    assert_eq!(out[2], ["12"]);
    assert_eq!(out[9], ["0"]);
}

#[test]
fn count_by_value_and_window_never_shows_zeros() {
    let out = run(
        ints(2),
        OpSpec::CountByValueAndWindow {
            window_duration: secs(5),
            slide_duration: None,
            num_partitions: None,
        },
        8,
    );
    assert_eq!(out[1], ["(1, 2)", "(2, 2)"]);
    assert_eq!(out[7], Vec::<String>::new());
}

#[test]
fn group_by_key_and_window_keeps_empty_lists_on_the_incremental_path() {
    let kv = |k: &str, v: i64| Value::tuple(vec![Value::from(k), Value::Int(v)]);
    let out = run(
        vec![vec![kv("a", 1)], vec![kv("a", 2), kv("b", 3)]],
        OpSpec::GroupByKeyAndWindow {
            window_duration: secs(5),
            slide_duration: Some(secs(1)),
            num_partitions: None,
        },
        9,
    );
    assert_eq!(out[1], ["('a', [1, 2])", "('b', [3])"]);
    assert_eq!(out[5], ["('a', [2])", "('b', [3])"]);
    assert_eq!(out[8], ["('a', [])", "('b', [])"]);
}

/// SEMANTICS C2: keys whose values all left a window on the incremental path stay at 0, and
/// the report names them; the recompute path never reports any.
#[test]
fn the_report_names_keys_the_inverse_path_keeps_at_zero() {
    let node = NodeSpec::new;
    let pair = |k: &str, v: i64| Value::tuple(vec![Value::from(k), Value::Int(v)]);
    let spec = PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: Some("checkpoint".into()),
        nodes: vec![
            node(
                &[],
                OpSpec::QueueStream {
                    batches: vec![vec![pair("a", 1), pair("b", 2)], vec![pair("b", 3)]],
                    one_at_a_time: true,
                    default: None,
                    partition_sizes: None,
                },
            ),
            node(
                &[0],
                OpSpec::ReduceByKeyAndWindow {
                    func: FuncSpec::Builtin(Builtin::Add),
                    inv_func: Some(FuncSpec::Builtin(Builtin::Sub)),
                    window_duration: secs(5),
                    slide_duration: Some(secs(1)),
                    num_partitions: None,
                    filter_func: None,
                },
            ),
            node(&[1], OpSpec::Pprint { num: 1000 }),
        ],
    };
    let mut engine = Engine::new(spec).unwrap();
    let reports: Vec<_> = (0..7).map(|_| engine.step()).collect();
    // Batch 6: batch 1 left, so 'a' sits at 0; batch 7: batch 2 left too.
    assert!(reports[4].zero_keys.is_empty());
    let z = &reports[5].zero_keys;
    assert_eq!(z.len(), 1);
    assert_eq!((z[0].0 .0, z[0].1.count), (1, 1));
    assert_eq!(z[0].1.keys, ["'a'"]);
    assert_eq!(reports[6].zero_keys[0].1.count, 2);
}
