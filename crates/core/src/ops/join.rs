//! `stream.join(other)`, `leftOuterJoin`, `rightOuterJoin`, `fullOuterJoin`.

use serde::{Deserialize, Serialize};

use crate::operator::{OpContext, OpError, Operator};
use crate::shuffle::tagged_groups;
use crate::{Batch, BatchTime, Value};

/// Which join (the four share PySpark's `_do_python_join`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum JoinKind {
    /// `join`: keys on both sides.
    Inner,
    /// `leftOuterJoin`: every left key; `None` where the right has none.
    LeftOuter,
    /// `rightOuterJoin`: every right key; `None` where the left has none.
    RightOuter,
    /// `fullOuterJoin`: every key of either side.
    FullOuter,
}

impl JoinKind {
    /// PySpark's method name.
    pub fn name(self) -> &'static str {
        match self {
            JoinKind::Inner => "join",
            JoinKind::LeftOuter => "leftOuterJoin",
            JoinKind::RightOuter => "rightOuterJoin",
            JoinKind::FullOuter => "fullOuterJoin",
        }
    }
}

/// Joins two keyed streams batch by batch. PySpark tags each side's values, groups the union
/// by key into `numPartitions` hash partitions, and emits `(k, (v, w))` for every pair of a
/// key's left and right values (`None` standing in for a missing side in outer joins).
///
/// ```
/// use eddy_core::ops::{Join, JoinKind};
/// use eddy_core::{Batch, Value};
/// let kv = |k: &str, v: Value| Value::tuple([Value::from(k), v]);
/// let left = Batch::single(vec![kv("a", Value::Int(1)), kv("b", Value::Int(2))]);
/// let right = Batch::single(vec![kv("a", Value::from("x"))]);
/// let out = Join::new(JoinKind::LeftOuter, 2).apply(&left, &right).unwrap();
/// let mut printed: Vec<String> = out.records().map(|r| r.to_string()).collect();
/// printed.sort();
/// assert_eq!(printed, ["('a', (1, 'x'))", "('b', (2, None))"]);
/// ```
#[derive(Clone, Debug)]
pub struct Join {
    kind: JoinKind,
    partitions: usize,
}

impl Join {
    /// A join of `kind` into `partitions` partitions.
    pub fn new(kind: JoinKind, partitions: usize) -> Self {
        Join { kind, partitions }
    }

    /// `left.join(right)` (or the outer join) of one batch.
    pub fn apply(&self, left: &Batch, right: &Batch) -> Result<Batch, OpError> {
        let grouped = tagged_groups(&[left, right], self.partitions)?;
        let partitions = grouped
            .into_iter()
            .map(|part| {
                let mut out = Vec::new();
                for (key, mut sides) in part {
                    let mut ws = sides.pop().unwrap_or_default();
                    let mut vs = sides.pop().unwrap_or_default();
                    let (left_outer, right_outer) = match self.kind {
                        JoinKind::Inner => (false, false),
                        JoinKind::LeftOuter => (true, false),
                        JoinKind::RightOuter => (false, true),
                        JoinKind::FullOuter => (true, true),
                    };
                    if left_outer && ws.is_empty() {
                        ws.push(Value::None);
                    }
                    if right_outer && vs.is_empty() {
                        vs.push(Value::None);
                    }
                    for v in &vs {
                        for w in &ws {
                            let pair = Value::tuple([v.clone(), w.clone()]);
                            out.push(Value::tuple([key.clone(), pair]));
                        }
                    }
                }
                out
            })
            .collect();
        Ok(Batch { partitions })
    }
}

impl Operator for Join {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        match (inputs[0], inputs[1]) {
            (Some(l), Some(r)) => self.apply(l, r).map(Some),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn kv(k: &str, v: i64) -> Value {
        Value::tuple([Value::from(k), Value::Int(v)])
    }

    fn printed(kind: JoinKind, left: Vec<Value>, right: Vec<Value>) -> Vec<String> {
        let out = Join::new(kind, 2)
            .apply(&Batch::parallelize(left, 2), &Batch::parallelize(right, 2))
            .unwrap();
        let mut printed: Vec<String> = out.records().map(|r| r.to_string()).collect();
        printed.sort();
        printed
    }

    #[test]
    fn inner_join_pairs_every_value_of_a_key() {
        let got = printed(
            JoinKind::Inner,
            vec![kv("a", 1), kv("a", 2)],
            vec![kv("a", 3), kv("b", 4)],
        );
        assert_eq!(got, ["('a', (1, 3))", "('a', (2, 3))"]);
    }

    #[test]
    fn outer_joins_fill_the_missing_side_with_none() {
        let (l, r) = (vec![kv("a", 1)], vec![kv("b", 2)]);
        assert_eq!(
            printed(JoinKind::RightOuter, l.clone(), r.clone()),
            ["('b', (None, 2))"]
        );
        assert_eq!(
            printed(JoinKind::FullOuter, l, r),
            ["('a', (1, None))", "('b', (None, 2))"]
        );
    }

    #[test]
    fn empty_sides_join_to_nothing() {
        assert!(printed(JoinKind::Inner, vec![], vec![kv("a", 1)]).is_empty());
    }
}
