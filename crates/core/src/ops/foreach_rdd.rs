//! `stream.foreachRDD(func)`.

use crate::func::RddFunc;
use crate::operator::{OpContext, OpError, Output};
use crate::{Batch, BatchTime};

/// An output operation: each batch that has an RDD, calls `func` with it as a job, after the
/// batch's RDDs are generated and in registration order with the other outputs (SEMANTICS
/// A4). What it prints goes to the batch's console; what it returns is ignored.
///
/// ```
/// use eddy_core::spec::OpSpec;
/// use eddy_core::func::FuncSpec;
/// let op = OpSpec::ForeachRdd { func: FuncSpec::Python { source: "lambda rdd: print(rdd.count())".into(), id: None } };
/// assert!(op.is_output());
/// assert_eq!(serde_json::to_value(&op).unwrap()["op"], "foreachRDD");
/// ```
#[derive(Clone, Debug)]
pub struct ForeachRdd {
    f: RddFunc,
}

impl ForeachRdd {
    /// Runs `f` each batch.
    pub fn new(f: RddFunc) -> Self {
        ForeachRdd { f }
    }
}

impl Output for ForeachRdd {
    fn run(
        &mut self,
        time: BatchTime,
        input: &Batch,
        cx: &mut OpContext<'_>,
    ) -> Result<(), OpError> {
        self.f.call(time, &[input], cx).map(|_| ())
    }

    fn run_with_models(
        &mut self,
        time: BatchTime,
        input: &Batch,
        models: &mut crate::ml::Models,
        cx: &mut OpContext<'_>,
    ) -> Result<(), OpError> {
        self.f
            .call_with_models(time, &[input], models, cx)
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::rc::Rc;

    use super::*;
    use crate::ops::transform::tests::Echo;
    use crate::{Duration, Value, Vfs};

    fn run(input: &Batch) -> Vec<String> {
        let mut op = ForeachRdd::new(Rc::new(Echo {
            label: "each",
            give_none: false,
        }));
        let (mut out, mut vfs) = (Vec::new(), Vfs::default());
        let mut cx = OpContext {
            parallelism: 2,
            interval: Duration(1000),
            batch: 2,
            out: &mut out,
            vfs: &mut vfs,
        };
        op.run(BatchTime(3000), input, &mut cx).unwrap();
        out
    }

    #[test]
    fn an_empty_rdd_still_runs_the_function() {
        assert_eq!(run(&Batch::parallelize(vec![], 2)), ["each 3000 0"]);
    }

    #[test]
    fn one_record_is_seen_with_the_batch_time() {
        assert_eq!(run(&Batch::single(vec![Value::Int(5)])), ["each 3000 1"]);
    }
}
