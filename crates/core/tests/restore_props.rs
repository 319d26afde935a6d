//! Snapshot, restore, continue gives exactly the uninterrupted run, for random pipelines.
#![cfg(not(target_arch = "wasm32"))]

use eddy_core::func::{Builtin, FuncSpec};
use eddy_core::{Duration, Engine, NodeId, NodeSpec, OpSpec, PipelineSpec, Timeline, Value};
use proptest::prelude::*;

const ADD: FuncSpec = FuncSpec::Builtin(Builtin::Add);
const SUB: FuncSpec = FuncSpec::Builtin(Builtin::Sub);

fn secs(s: i64) -> Duration {
    Duration(s * 1000)
}

/// A stage of a random keyed pipeline; every stage keeps `(key, int)` records.
fn stage() -> impl Strategy<Value = OpSpec> {
    prop_oneof![
        Just(OpSpec::ReduceByKey {
            func: ADD,
            num_partitions: None
        }),
        (1i64..4, 1i64..3).prop_map(|(w, s)| OpSpec::Window {
            window_duration: secs(w * s),
            slide_duration: Some(secs(s)),
        }),
        (1i64..8).prop_map(|w| OpSpec::ReduceByKeyAndWindow {
            func: ADD,
            inv_func: Some(SUB),
            window_duration: secs(w),
            slide_duration: None,
            num_partitions: None,
            filter_func: None,
        }),
        Just(OpSpec::Repartition { num_partitions: 3 }),
    ]
}

fn pipeline(batches: Vec<Vec<(u8, i64)>>, stages: Vec<OpSpec>) -> PipelineSpec {
    let batches = batches
        .into_iter()
        .map(|b| {
            b.into_iter()
                .map(|(k, v)| Value::tuple(vec![Value::Int(k.into()), Value::Int(v)]))
                .collect()
        })
        .collect();
    let mut nodes = vec![NodeSpec {
        inputs: vec![],
        op: OpSpec::QueueStream {
            batches,
            one_at_a_time: true,
            default: None,
            partition_sizes: None,
        },
    }];
    for op in stages {
        let last = NodeId(nodes.len() as u32 - 1);
        nodes.push(NodeSpec {
            inputs: vec![last],
            op,
        });
        nodes.push(NodeSpec {
            inputs: vec![last],
            op: OpSpec::Count,
        });
    }
    // Print every stream: the last stage and each stage's count.
    let streams: Vec<u32> = (0..nodes.len() as u32).collect();
    for s in streams {
        nodes.push(NodeSpec {
            inputs: vec![NodeId(s)],
            op: OpSpec::Pprint { num: 1000 },
        });
    }
    PipelineSpec {
        batch_interval: secs(1),
        parallelism: 2,
        checkpoint_dir: Some("checkpoint".into()),
        nodes,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn restore_then_continue_equals_the_uninterrupted_run(
        batches in prop::collection::vec(prop::collection::vec((0u8..5, -9i64..9), 0..6), 1..8),
        stages in prop::collection::vec(stage(), 1..4),
        total in 1u64..80,
        back_to in 0u64..80,
    ) {
        let spec = pipeline(batches, stages);
        let Ok(engine) = Engine::new(spec) else {
            // A random window that is not a multiple of its parent's slide: Spark refuses it too.
            return Ok(());
        };
        let mut straight = Timeline::new(engine.clone());
        straight.seek(total);
        let mut scrubbed = Timeline::new(engine);
        scrubbed.seek(total);
        scrubbed.seek(back_to.min(total));
        scrubbed.seek(total);
        let text = |t: &Timeline| t.reports().iter().map(|r| r.console.clone()).collect::<Vec<_>>();
        prop_assert_eq!(text(&scrubbed), text(&straight));
        // And the restored engine continues exactly like the uninterrupted one.
        prop_assert_eq!(scrubbed.step().console.clone(), straight.step().console.clone());
    }
}
