//! `stream.transformWith(func, other)`.

use crate::func::RddFunc;
use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime};

/// Runs a driver-side function on the RDDs of two streams at the same time and takes the RDD
/// it returns (PySpark's `PythonTransformed2DStream`). A stream without an RDD at that time
/// is passed as an empty RDD; as with [`Transform`](super::Transform), the function runs when
/// the batch is generated (SEMANTICS A5) and returning `None` leaves no RDD.
///
/// ```
/// use eddy_core::spec::OpSpec;
/// use eddy_core::func::FuncSpec;
/// let op = OpSpec::TransformWith { func: FuncSpec::Python { source: "lambda a, b: a.union(b)".into(), id: None } };
/// assert_eq!(op.arity(), 2..=2);
/// assert_eq!(serde_json::to_value(&op).unwrap()["op"], "transformWith");
/// ```
#[derive(Clone, Debug)]
pub struct TransformWith {
    f: RddFunc,
}

impl TransformWith {
    /// Transforms with `f`.
    pub fn new(f: RddFunc) -> Self {
        TransformWith { f }
    }
}

impl Operator for TransformWith {
    fn compute(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        let empty = Batch::empty();
        let left = inputs.first().copied().flatten().unwrap_or(&empty);
        let right = inputs.get(1).copied().flatten().unwrap_or(&empty);
        self.f.call(time, &[left, right], cx)
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

    fn run(inputs: &[Option<&Batch>]) -> (Option<Batch>, Vec<String>) {
        let mut op = TransformWith::new(Rc::new(Echo {
            label: "w",
            give_none: false,
        }));
        let (mut out, mut vfs) = (Vec::new(), Vfs::default());
        let mut cx = OpContext {
            parallelism: 2,
            interval: Duration(1000),
            batch: 0,
            out: &mut out,
            vfs: &mut vfs,
        };
        let got = op.compute(BatchTime(2000), inputs, &mut cx).unwrap();
        (got, out)
    }

    #[test]
    fn both_rdds_reach_the_function_in_order() {
        let a = Batch::single(vec![Value::Int(1)]);
        let b = Batch::single(vec![Value::Int(2), Value::Int(3)]);
        let (got, out) = run(&[Some(&a), Some(&b)]);
        assert_eq!(got, Some(a));
        assert_eq!(out, ["w 2000 1,2"]);
    }

    #[test]
    fn a_missing_rdd_is_passed_as_an_empty_one() {
        let b = Batch::single(vec![Value::Int(2)]);
        let (got, out) = run(&[None, Some(&b)]);
        assert_eq!(got, Some(Batch::empty()));
        assert_eq!(out, ["w 2000 0,1"]);
    }

    #[test]
    fn two_empty_batches_still_call_the_function() {
        let (_, out) = run(&[None, None]);
        assert_eq!(out, ["w 2000 0,0"]);
    }

    #[test]
    fn a_transform_with_that_raises_fails_every_output_of_the_batch() {
        use crate::ops::transform::tests::engine::{engine, pprint, printed, py, queue};
        use crate::OpSpec;
        let mut e = engine(vec![
            (&[], queue(&[&[1], &[2]])),
            (&[], queue(&[&[], &[3]])),
            (&[0], pprint()),
            (
                &[0, 1],
                OpSpec::TransformWith {
                    func: py("first_or_fail"),
                },
            ),
            (&[3], pprint()),
        ]);
        let failed = e.step();
        assert_eq!(failed.console, "generating 1000\n");
        assert_eq!(failed.errors.len(), 1);
        let error = failed.errors[0].to_string();
        assert!(
            error.starts_with("batch 0, transformWith (node 3): ValueError"),
            "{error}"
        );
        let next = e.step();
        assert!(next.errors.is_empty());
        assert_eq!(printed(&next.console), [vec!["2"], vec!["2"]]);
    }
}
