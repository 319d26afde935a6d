//! `stream.saveAsTextFiles(prefix, suffix=None)`.

use crate::operator::{OpContext, OpError, Output};
use crate::vfs::Vfs;
use crate::{Batch, BatchTime};

/// An output operation writing each batch's RDD as a directory of text files into the
/// engine's file system (SEMANTICS F3): `prefix-<batch time in ms>` (with `.suffix` when a
/// suffix is given, as PySpark's `rddToFileName` builds it), one `part-00000`, `part-00001`, …
/// per partition holding each record's `str()` and a newline, and an empty `_SUCCESS`. Every
/// batch writes one, empty batches too (empty part files). A directory that exists already is
/// left alone, as PySpark ignores Hadoop's `FileAlreadyExistsException`.
///
/// Hadoop's local file system also writes hidden `.part-00000.crc` checksum files; Eddy does
/// not (they are binary and no program reads them).
///
/// ```
/// use eddy_core::{ops::SaveAsTextFiles, Batch, BatchTime, Value, Vfs};
/// let mut vfs = Vfs::default();
/// let batch = Batch::parallelize(vec![Value::from("a"), Value::Int(2), Value::Int(3)], 2);
/// SaveAsTextFiles::new("out/counts".into(), Some("txt".into())).save(&mut vfs, BatchTime(2000), &batch);
/// assert_eq!(vfs.list_dir("out/counts-2000.txt"), ["_SUCCESS", "part-00000", "part-00001"]);
/// assert_eq!(vfs.read_text("out/counts-2000.txt/part-00001").as_deref(), Some("2\n3\n"));
/// ```
#[derive(Clone, Debug)]
pub struct SaveAsTextFiles {
    prefix: String,
    suffix: Option<String>,
}

impl SaveAsTextFiles {
    /// Saves under `prefix`, with an optional `suffix`.
    pub fn new(prefix: String, suffix: Option<String>) -> Self {
        SaveAsTextFiles { prefix, suffix }
    }

    /// PySpark's `rddToFileName(prefix, suffix, time)`.
    pub fn directory(&self, time: BatchTime) -> String {
        match &self.suffix {
            None => format!("{}-{}", self.prefix, time.0),
            Some(s) => format!("{}-{}.{s}", self.prefix, time.0),
        }
    }

    /// Writes the directory for `batch` at `time` (nothing if it exists).
    pub fn save(&self, vfs: &mut Vfs, time: BatchTime, batch: &Batch) {
        let dir = self.directory(time);
        if vfs.is_dir(&dir) || vfs.exists(&dir) {
            return;
        }
        for (i, part) in batch.partitions.iter().enumerate() {
            let mut text = String::new();
            for record in part {
                text.push_str(&record.to_string());
                text.push('\n');
            }
            vfs.write_text(&format!("{dir}/part-{i:05}"), &text);
        }
        vfs.write_text(&format!("{dir}/_SUCCESS"), "");
    }
}

impl Output for SaveAsTextFiles {
    fn run(
        &mut self,
        time: BatchTime,
        input: &Batch,
        cx: &mut OpContext<'_>,
    ) -> Result<(), OpError> {
        self.save(cx.vfs, time, input);
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
    fn an_empty_batch_writes_empty_parts_and_success() {
        let mut vfs = Vfs::default();
        let op = SaveAsTextFiles::new("o".into(), None);
        op.save(&mut vfs, BatchTime(1000), &Batch::parallelize(vec![], 2));
        assert_eq!(
            vfs.list_dir("o-1000"),
            ["_SUCCESS", "part-00000", "part-00001"]
        );
        assert_eq!(vfs.read_text("o-1000/part-00000").as_deref(), Some(""));
    }

    #[test]
    fn an_rdd_without_partitions_writes_only_success() {
        let mut vfs = Vfs::default();
        SaveAsTextFiles::new("o".into(), None).save(&mut vfs, BatchTime(1000), &Batch::empty());
        assert_eq!(vfs.list_dir("o-1000"), ["_SUCCESS"]);
    }

    #[test]
    fn records_print_as_python_str_one_per_line() {
        let mut vfs = Vfs::default();
        let pair = Value::tuple([Value::from("BUYS"), Value::list(vec![Value::from("4")])]);
        SaveAsTextFiles::new("o".into(), None).save(
            &mut vfs,
            BatchTime(500),
            &Batch::single(vec![pair, Value::Float(51.0)]),
        );
        assert_eq!(
            vfs.read_text("o-500/part-00000").as_deref(),
            Some("('BUYS', ['4'])\n51.0\n")
        );
    }

    #[test]
    fn an_existing_directory_is_left_alone() {
        let mut vfs = Vfs::default();
        vfs.write_text("o-1000/mine", "x");
        SaveAsTextFiles::new("o".into(), None).save(
            &mut vfs,
            BatchTime(1000),
            &Batch::single(vec![Value::Int(1)]),
        );
        assert_eq!(vfs.list_dir("o-1000"), ["mine"]);
    }

    #[test]
    fn an_empty_suffix_still_adds_the_dot_as_pyspark_does() {
        let op = SaveAsTextFiles::new("p".into(), Some(String::new()));
        assert_eq!(op.directory(BatchTime(3000)), "p-3000.");
    }
}
