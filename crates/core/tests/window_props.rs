//! Differential's `reduce_reference` idea: the incremental (inverse) window path must agree
//! with recomputing the window, except for the keys Spark leaves at zero (SEMANTICS C4).
#![cfg(not(target_arch = "wasm32"))]

use eddy_core::func::{Builtin, FuncSpec};
use eddy_core::{Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};
use proptest::prelude::*;

fn pipeline(batches: &[Vec<(u8, i64)>], window: i64, slide: i64, inverse: bool) -> PipelineSpec {
    let batches = batches
        .iter()
        .map(|b| {
            b.iter()
                .map(|(k, v)| {
                    Value::tuple(vec![Value::from(format!("k{k}").as_str()), Value::Int(*v)])
                })
                .collect()
        })
        .collect();
    let node = NodeSpec::new;
    PipelineSpec {
        checkpoint_dir: Some("checkpoint".into()),
        batch_interval: Duration(1000),
        parallelism: 2,
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
            node(
                &[0],
                OpSpec::ReduceByKeyAndWindow {
                    func: FuncSpec::Builtin(Builtin::Add),
                    inv_func: inverse.then_some(FuncSpec::Builtin(Builtin::Sub)),
                    window_duration: Duration(window * 1000),
                    slide_duration: Some(Duration(slide * 1000)),
                    num_partitions: None,
                    filter_func: None,
                },
            ),
            node(&[1], OpSpec::Pprint { num: 100_000 }),
        ],
    }
}

/// Each batch's printed records, sorted, with the zero-valued ones dropped when asked.
fn run(spec: PipelineSpec, batches: u64, drop_zeros: bool) -> Vec<Vec<String>> {
    let mut engine = Engine::new(spec).unwrap();
    (0..batches)
        .map(|_| {
            let console = engine.step().console;
            let mut records: Vec<String> = console
                .lines()
                .filter(|l| l.starts_with('('))
                .filter(|l| !(drop_zeros && l.ends_with(", 0)")))
                .map(str::to_owned)
                .collect();
            records.sort();
            records
        })
        .collect()
}

proptest! {
    #[test]
    fn incremental_windows_equal_recomputed_windows_but_for_zero_keys(
        batches in prop::collection::vec(
            prop::collection::vec((0u8..6, -50i64..50), 0..8), 1..12),
        slide in 1i64..3,
        slides_per_window in 5i64..8,
        extra in 0u64..6,
    ) {
        let window = slide * slides_per_window;
        let n = batches.len() as u64 + extra;
        let incremental = run(pipeline(&batches, window, slide, true), n, true);
        let recomputed = run(pipeline(&batches, window, slide, false), n, true);
        prop_assert_eq!(incremental, recomputed);
    }

    #[test]
    fn below_five_slides_the_inverse_is_never_used(
        batches in prop::collection::vec(
            prop::collection::vec((0u8..6, -50i64..50), 0..8), 1..10),
        window in 1i64..5,
    ) {
        let n = batches.len() as u64 + 4;
        let with_inverse = run(pipeline(&batches, window, 1, true), n, false);
        let without = run(pipeline(&batches, window, 1, false), n, false);
        prop_assert_eq!(with_inverse, without);
    }
}
