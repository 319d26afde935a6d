//! `stream.transform(func)`.

use crate::func::RddFunc;
use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime};

/// Runs a driver-side function on each RDD and takes the RDD it returns. Spark calls it when
/// the batch is generated (SEMANTICS A5), before any output job, so what it prints comes
/// first in the batch's console. A function that returns `None` leaves the stream without an
/// RDD at that time (PySpark wraps the result in `Option`), so outputs print nothing for it.
///
/// ```
/// use std::rc::Rc;
/// use eddy_core::func::RddFunction;
/// use eddy_core::operator::{OpContext, OpError, Operator};
/// use eddy_core::{ops::Transform, Batch, BatchTime, Duration, Value, Vfs};
///
/// /// `lambda rdd: rdd.glom()`, written in Rust.
/// #[derive(Debug)]
/// struct Glom;
/// impl RddFunction for Glom {
///     fn call(&self, _t: BatchTime, rdds: &[&Batch], cx: &mut OpContext<'_>)
///         -> Result<Option<Batch>, OpError> {
///         cx.out.push("glomming".into());
///         Ok(Some(Batch::single(rdds[0].partitions.iter().cloned().map(Value::list).collect())))
///     }
/// }
/// let (mut out, mut vfs) = (Vec::new(), Vfs::default());
/// let mut cx = OpContext { parallelism: 2, interval: Duration(1000), batch: 0, out: &mut out, vfs: &mut vfs };
/// let input = Batch::parallelize(vec![Value::Int(1)], 2);
/// let got = Transform::new(Rc::new(Glom)).compute(BatchTime(1000), &[Some(&input)], &mut cx);
/// assert_eq!(got.unwrap().unwrap().records().map(|r| r.to_string()).collect::<Vec<_>>(), ["[]", "[1]"]);
/// assert_eq!(out, ["glomming"]);
/// ```
#[derive(Clone, Debug)]
pub struct Transform {
    f: RddFunc,
}

impl Transform {
    /// Transforms with `f`.
    pub fn new(f: RddFunc) -> Self {
        Transform { f }
    }
}

impl Operator for Transform {
    fn compute(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        match inputs[0] {
            Some(batch) => self.f.call(time, &[batch], cx),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::rc::Rc;

    use super::*;
    use crate::func::RddFunction;
    use crate::{Duration, Value, Vfs};

    /// An RDD function written in Rust: prints a line naming the batch and returns the first
    /// input (or `None` when told to).
    #[derive(Debug)]
    pub(crate) struct Echo {
        pub(crate) label: &'static str,
        pub(crate) give_none: bool,
    }

    impl RddFunction for Echo {
        fn call(
            &self,
            time: BatchTime,
            rdds: &[&Batch],
            cx: &mut OpContext<'_>,
        ) -> Result<Option<Batch>, OpError> {
            let sizes: Vec<String> = rdds.iter().map(|b| b.len().to_string()).collect();
            cx.out
                .push(format!("{} {} {}", self.label, time.0, sizes.join(",")));
            Ok((!self.give_none).then(|| rdds[0].clone()))
        }
    }

    fn run(op: &mut Transform, input: Option<&Batch>) -> (Option<Batch>, Vec<String>) {
        let (mut out, mut vfs) = (Vec::new(), Vfs::default());
        let mut cx = OpContext {
            parallelism: 2,
            interval: Duration(1000),
            batch: 0,
            out: &mut out,
            vfs: &mut vfs,
        };
        let got = op.compute(BatchTime(1000), &[input], &mut cx).unwrap();
        (got, out)
    }

    #[test]
    fn an_empty_batch_is_passed_to_the_function() {
        let mut op = Transform::new(Rc::new(Echo {
            label: "t",
            give_none: false,
        }));
        let (got, out) = run(&mut op, Some(&Batch::parallelize(vec![], 2)));
        assert_eq!(got.map(|b| b.partitions.len()), Some(2));
        assert_eq!(out, ["t 1000 0"]);
    }

    #[test]
    fn no_input_rdd_means_no_call_and_no_rdd() {
        let mut op = Transform::new(Rc::new(Echo {
            label: "t",
            give_none: false,
        }));
        assert_eq!(run(&mut op, None), (None, vec![]));
    }

    #[test]
    fn returning_none_leaves_no_rdd() {
        let mut op = Transform::new(Rc::new(Echo {
            label: "t",
            give_none: true,
        }));
        let (got, out) = run(&mut op, Some(&Batch::single(vec![Value::Int(1)])));
        assert_eq!(got, None);
        assert_eq!(out.len(), 1);
    }
}
