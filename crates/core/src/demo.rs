//! Built-in pipelines that need no program text: the walking skeleton's demo.

use crate::func::{Builtin, FuncSpec};
use crate::spec::{NodeSpec, OpSpec, PipelineSpec};
use crate::{Duration, Value};

/// Seed (a): a queue of five int lists, `reduce(add).pprint()` and `pprint()` of the raw
/// batches, one-second batches — `seed_a_reduce_add.py` of the conformance set.
pub fn seed_reduce_add() -> PipelineSpec {
    let data: [&[i64]; 5] = [&[1, 2, 3], &[0], &[4, 4, 4], &[0, 0, 0, 25], &[1, -1, 10]];
    let batches = data
        .iter()
        .map(|d| d.iter().copied().map(Value::Int).collect())
        .collect();
    let node = NodeSpec::new;
    PipelineSpec {
        checkpoint_dir: None,
        batch_interval: Duration::from_secs_f64(1.0),
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
                OpSpec::Reduce {
                    func: FuncSpec::Builtin(Builtin::Add),
                },
            ),
            node(&[1], OpSpec::Pprint { num: 10 }),
            node(&[0], OpSpec::Pprint { num: 10 }),
        ],
    }
}
