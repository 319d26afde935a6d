//! `stream.reduce(f)`.

use crate::func::FuncSpec;
use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime, Value};

/// Reduces each RDD to one record. PySpark does `map(x → (None, x)).reduceByKey(f, 1)`: each
/// partition is reduced in order, then the partial results are merged in partition order, into
/// a single partition. An empty RDD gives an empty one (SEMANTICS C1).
///
/// ```
/// use eddy_core::func::{Builtin, FuncSpec};
/// use eddy_core::ops::Reduce;
/// use eddy_core::{Batch, Value};
/// let batch = Batch::parallelize(vec![Value::Int(1), Value::Int(2), Value::Int(3)], 2);
/// let sum = Reduce::new(FuncSpec::Builtin(Builtin::Add)).reduce(&batch).unwrap();
/// assert_eq!(sum.partitions, [vec![Value::Int(6)]]);
/// ```
#[derive(Clone, Debug)]
pub struct Reduce {
    func: FuncSpec,
}

impl Reduce {
    /// Reduces with `func`.
    pub fn new(func: FuncSpec) -> Self {
        Reduce { func }
    }

    /// The reduction of one RDD.
    pub fn reduce(&self, batch: &Batch) -> Result<Batch, OpError> {
        let fold = |acc: Option<Value>, x: &Value| -> Result<Option<Value>, OpError> {
            Ok(Some(match acc {
                None => x.clone(),
                Some(acc) => self.func.call2(&acc, x)?,
            }))
        };
        let mut total = None;
        for partition in &batch.partitions {
            let partial = partition.iter().try_fold(None, fold)?;
            if let Some(partial) = partial {
                total = fold(total, &partial)?;
            }
        }
        Ok(Batch::single(total.into_iter().collect()))
    }
}

impl Operator for Reduce {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        inputs[0].map(|b| self.reduce(b)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::func::Builtin;

    fn sum(records: Vec<Value>) -> Result<Batch, OpError> {
        Reduce::new(FuncSpec::Builtin(Builtin::Add)).reduce(&Batch::parallelize(records, 2))
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
