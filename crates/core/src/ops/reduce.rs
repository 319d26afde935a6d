//! `stream.reduce(f)`.

use crate::func::{binary, Func};
use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Reduces each RDD to one record. PySpark does `map(x → (None, x)).reduceByKey(f, 1)`: each
/// partition is reduced in order, then the partial results are merged in partition order, into
/// a single partition. An empty RDD gives an empty one (SEMANTICS C1).
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use std::rc::Rc;
/// use eddy_core::func::Builtin;
/// use eddy_core::ops::Reduce;
/// use eddy_core::{Batch, Value};
/// let batch = Batch::parallelize(vec![Value::Int(1), Value::Int(2), Value::Int(3)], 2);
/// let sum = Reduce::new(Rc::new(Builtin::Add)).apply(&batch).unwrap();
/// assert_eq!(sum.partitions, [vec![Value::Int(6)]]);
/// ```
#[derive(Clone, Debug)]
pub struct Reduce {
    f: Func,
}

impl Reduce {
    /// Reduces with `f`.
    pub fn new(f: Func) -> Self {
        Reduce { f }
    }
}

impl PerBatch for Reduce {
    /// The reduction of one RDD.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let f = binary(&self.f);
        let mut total: Option<Value> = None;
        for partition in &batch.partitions {
            let mut partial: Option<Value> = None;
            for x in partition {
                partial = Some(match partial {
                    None => x.clone(),
                    Some(acc) => f(acc, x.clone())?,
                });
            }
            if let Some(p) = partial {
                total = Some(match total {
                    None => p,
                    Some(acc) => f(acc, p)?,
                });
            }
        }
        Ok(Batch::single(total.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::rc::Rc;

    use super::*;
    use crate::func::Builtin;

    fn sum(records: Vec<Value>) -> Result<Batch, OpError> {
        Reduce::new(Rc::new(Builtin::Add)).apply(&Batch::parallelize(records, 2))
    }

    #[test]
    fn empty_batch_reduces_to_no_record() {
        assert_eq!(sum(vec![]).unwrap().partitions, [Vec::<Value>::new()]);
    }

    #[test]
    fn one_record_is_its_own_reduction() {
        assert_eq!(
            sum(vec![Value::Int(5)]).unwrap().partitions,
            [vec![Value::Int(5)]]
        );
    }

    #[test]
    fn a_failing_function_is_an_error_not_a_panic() {
        let err = sum(vec![Value::Int(1), Value::from("x")]).unwrap_err();
        assert!(err.0.starts_with("TypeError"), "{err}");
    }
}
