//! `ssc.textFileStream(directory)`.

use std::collections::BTreeMap;

use crate::operator::{OpContext, OpError, Operator};
use crate::vfs::Vfs;
use crate::{Batch, BatchTime, Duration, Value};

/// Spark's `FileInputDStream.MIN_REMEMBER_DURATION`: a file name read is not read again for
/// this long, even if the file is rewritten.
const MIN_REMEMBER: Duration = Duration(60_000);

/// The lines of the files that appeared in a directory of the engine's file system
/// (SEMANTICS F4): batch `i` reads the files written to `directory` (not its sub-directories)
/// after the previous batch was generated and before batch `i` is; files there before the
/// streams started are ignored, as Spark ignores files older than its start. Names starting
/// with `.` or `_` are skipped (Hadoop's hidden-file filter). Files are read in name order;
/// each file's lines (split on `\n` or `\r\n`, no empty last line) are cut into partitions as
/// `sc.parallelize` cuts them (E1), and the files' partitions follow each other.
///
/// Like Spark, it remembers the names it read for 60 seconds of batches (rounded up to whole
/// batches): a file rewritten within that time is not read again.
///
/// Real Spark makes one partition per small file (a Hadoop split); the conformance oracle
/// models a file as a parallelized list, which is what Eddy follows. A batch without new
/// files has an RDD with no partitions, as Spark's empty `UnionRDD`.
///
/// ```
/// use eddy_core::{ops::TextFileStream, BatchTime, Duration, Vfs, Value};
/// let mut vfs = Vfs::default();
/// let mut stream = TextFileStream::new("in".into(), 2);
/// vfs.add_file("in/a.txt", "x\ny\n");
/// let batch = stream.read(&vfs, BatchTime(1000), Duration(1000));
/// assert_eq!(batch.partitions, [vec![Value::from("x")], vec![Value::from("y")]]);
/// assert!(stream.read(&vfs, BatchTime(2000), Duration(1000)).partitions.is_empty()); // nothing new
/// ```
#[derive(Clone, Debug)]
pub struct TextFileStream {
    directory: String,
    parallelism: usize,
    /// The highest file stamp already read (`None` before the first batch).
    seen: Option<u64>,
    /// Names read recently, with the batch time that read them.
    recent: BTreeMap<String, BatchTime>,
}

impl TextFileStream {
    /// Watches `directory`, cutting each file into `parallelism` partitions.
    pub fn new(directory: String, parallelism: usize) -> Self {
        TextFileStream {
            directory,
            parallelism,
            seen: None,
            recent: BTreeMap::new(),
        }
    }

    /// Reads the files that are new since the last read, for the batch at `time` of a
    /// stream with batch interval `interval`.
    pub fn read(&mut self, vfs: &Vfs, time: BatchTime, interval: Duration) -> Batch {
        let seen = self.seen.unwrap_or_else(|| vfs.started_at());
        let b = interval.0.max(1);
        let remember = Duration((MIN_REMEMBER.0 + b - 1) / b * b);
        self.recent.retain(|_, t| *t > time.minus(remember));
        let mut partitions = Vec::new();
        for (name, file) in vfs.files_in(&self.directory) {
            if file.stamp <= seen
                || name.starts_with('.')
                || name.starts_with('_')
                || self.recent.contains_key(name)
            {
                continue;
            }
            self.recent.insert(name.to_string(), time);
            let text = String::from_utf8_lossy(&file.data);
            let lines = text.lines().map(Value::from).collect();
            partitions.extend(Batch::parallelize(lines, self.parallelism).partitions);
        }
        self.seen = Some(vfs.clock());
        Batch { partitions }
    }
}

impl Operator for TextFileStream {
    fn compute(
        &mut self,
        time: BatchTime,
        _inputs: &[Option<&Batch>],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        Ok(Some(self.read(cx.vfs, time, cx.interval)))
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const B: Duration = Duration(1000);

    #[test]
    fn no_new_files_give_an_rdd_without_partitions() {
        let vfs = Vfs::default();
        let mut s = TextFileStream::new("in".into(), 2);
        assert_eq!(s.read(&vfs, BatchTime(1000), B), Batch::empty());
    }

    #[test]
    fn files_there_before_the_start_are_ignored() {
        let mut vfs = Vfs::default();
        vfs.add_file("in/old.txt", "old");
        vfs.mark_start();
        vfs.add_file("in/new.txt", "new");
        let mut s = TextFileStream::new("in".into(), 2);
        let batch = s.read(&vfs, BatchTime(1000), B);
        let lines: Vec<String> = batch.records().map(|r| r.to_string()).collect();
        assert_eq!(lines, ["new"]);
    }

    #[test]
    fn hidden_files_and_subdirectories_are_skipped_and_names_ordered() {
        let mut vfs = Vfs::default();
        vfs.add_file("in/b.txt", "b1\r\nb2");
        vfs.add_file("in/a.txt", "a1\n");
        vfs.add_file("in/.a.txt.crc", "junk");
        vfs.add_file("in/_SUCCESS", "");
        vfs.add_file("in/sub/c.txt", "c");
        let mut s = TextFileStream::new("in/".into(), 2);
        let batch = s.read(&vfs, BatchTime(1000), B);
        let lines: Vec<String> = batch.records().map(|r| r.to_string()).collect();
        assert_eq!(lines, ["a1", "b1", "b2"]);
        // a.txt's one line: [[], [a1]]; b.txt's two: [[b1], [b2]].
        assert_eq!(batch.partitions.len(), 4);
    }

    #[test]
    fn a_rewritten_file_is_read_again_only_after_a_minute() {
        let mut vfs = Vfs::default();
        let mut s = TextFileStream::new("in".into(), 1);
        vfs.add_file("in/a", "1");
        assert_eq!(s.read(&vfs, BatchTime(1000), B).len(), 1);
        vfs.add_file("in/a", "2");
        assert_eq!(s.read(&vfs, BatchTime(2000), B).len(), 0);
        vfs.add_file("in/a", "3");
        let later = s.read(&vfs, BatchTime(61_000), B);
        assert_eq!(later.records().next(), Some(&Value::from("3")));
    }
}
