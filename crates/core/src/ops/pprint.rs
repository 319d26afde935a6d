//! `stream.pprint(num=10)`.

use crate::operator::{OpContext, OpError, Output};
use crate::{Batch, BatchTime};

/// The dashed rule pprint prints around the time.
const RULE: &str = "-------------------------------------------";

/// Prints the first `num` records of each RDD under a time header, `...` if there are more,
/// then an empty line (SEMANTICS F1). An empty RDD prints the header and the empty line.
///
/// ```
/// use eddy_core::{Batch, BatchTime, Value};
/// let batch = Batch::parallelize(vec![Value::Int(1), Value::from("a"), Value::Float(2.0)], 2);
/// let text = eddy_core::ops::Pprint::new(2).lines(BatchTime(1000), &batch).join("\n");
/// assert_eq!(text, "-------------------------------------------\n\
///                   Time: 1970-01-01 00:00:01\n\
///                   -------------------------------------------\n\
///                   1\na\n...\n");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Pprint {
    num: usize,
}

impl Pprint {
    /// Prints at most `num` records per batch.
    pub fn new(num: usize) -> Self {
        Pprint { num }
    }

    /// The lines printed for `batch` at `time`.
    pub fn lines(&self, time: BatchTime, batch: &Batch) -> Vec<String> {
        let mut lines = vec![RULE.to_string(), format!("Time: {time}"), RULE.to_string()];
        // PySpark takes num + 1 records to know whether to print the ellipsis.
        let mut records = batch.records().take(self.num + 1);
        lines.extend(records.by_ref().take(self.num).map(|r| r.to_string()));
        if records.next().is_some() {
            lines.push("...".to_string());
        }
        lines.push(String::new());
        lines
    }
}

impl Output for Pprint {
    fn run(
        &mut self,
        time: BatchTime,
        input: &Batch,
        cx: &mut OpContext<'_>,
    ) -> Result<(), OpError> {
        cx.out.extend(self.lines(time, input));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::Value;

    #[test]
    fn empty_batch_prints_header_and_blank_line() {
        let lines = Pprint::new(10).lines(BatchTime(2000), &Batch::parallelize(vec![], 2));
        assert_eq!(lines[1], "Time: 1970-01-01 00:00:02");
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[3], "");
    }

    #[test]
    fn exactly_num_records_prints_no_ellipsis() {
        let batch = Batch::parallelize(vec![Value::Int(1), Value::Int(2)], 2);
        let lines = Pprint::new(2).lines(BatchTime(1000), &batch);
        assert_eq!(&lines[3..], ["1", "2", ""]);
    }
}
