//! A deterministic in-memory file system owned by the engine: what `saveAsTextFiles` writes
//! and `textFileStream` reads.
//!
//! The engine never touches the real disk (it runs in the browser too). Files live in a
//! [`BTreeMap`] from normalised path to contents, so listings come out in name order on every
//! platform; directories are implied by the paths under them. Every write is stamped with a
//! logical clock and with the number of batches that had run, which is how a file stream knows
//! which files are new (SEMANTICS F4). The CLI copies the tree to a real directory
//! ([`Vfs::files`]); the UI lists and downloads it. The file system is part of
//! [`Engine`](crate::Engine)'s state, so stepping back restores it.
//!
//! ```
//! use eddy_core::vfs::Vfs;
//! let mut fs = Vfs::default();
//! fs.write_text("out/counts-1000/part-00000", "('a', 1)\n");
//! fs.write_text("out/counts-1000/_SUCCESS", "");
//! assert_eq!(fs.read_text("./out//counts-1000/part-00000").as_deref(), Some("('a', 1)\n"));
//! assert_eq!(fs.list_dir("out"), ["counts-1000/"]);
//! assert!(fs.is_dir("out/counts-1000"));
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// One file: its bytes and when it arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VfsFile {
    /// The contents (shared: snapshots of the engine do not copy them).
    pub data: Arc<[u8]>,
    /// The file system's logical clock when the file was last written (1 for the first write).
    pub stamp: u64,
    /// How many batches had been generated when the file was last written: a file written
    /// with `batch == i` is read by a `textFileStream` in batch `i`.
    pub batch: u64,
}

/// The in-memory file system. See the [module documentation](self).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vfs {
    files: BTreeMap<String, VfsFile>,
    /// Stamps handed out so far.
    clock: u64,
    /// The clock when the engine started: files written before are "already there".
    started: u64,
    /// Batches generated so far (kept up to date by the engine).
    batch: u64,
}

/// The canonical form of a path: no `.`, no empty components, `..` resolved, no trailing
/// `/`; a leading `/` is kept.
///
/// ```
/// use eddy_core::vfs::normalize;
/// assert_eq!(normalize("./a//b/../c/"), "a/c");
/// assert_eq!(normalize("/tmp/x"), "/tmp/x");
/// ```
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

impl Vfs {
    /// Writes (or replaces) the file at `path`.
    pub fn write(&mut self, path: &str, data: impl Into<Arc<[u8]>>) {
        self.clock += 1;
        let file = VfsFile {
            data: data.into(),
            stamp: self.clock,
            batch: self.batch,
        };
        self.files.insert(normalize(path), file);
    }

    /// Writes (or replaces) a text file.
    pub fn write_text(&mut self, path: &str, text: &str) {
        self.write(path, text.as_bytes());
    }

    /// Adds a file between batches, as a user drops a file into a watched directory: the
    /// next batch's `textFileStream` on its directory reads it.
    pub fn add_file(&mut self, path: &str, text: &str) {
        self.write_text(path, text);
    }

    /// Removes a file; whether it existed.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files.remove(&normalize(path)).is_some()
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&VfsFile> {
        self.files.get(&normalize(path))
    }

    /// The bytes of the file at `path`.
    pub fn read(&self, path: &str) -> Option<&[u8]> {
        self.get(path).map(|f| &*f.data)
    }

    /// The text of the file at `path` (invalid UTF-8 replaced by U+FFFD, as Spark's decoder
    /// would).
    pub fn read_text(&self, path: &str) -> Option<Cow<'_, str>> {
        self.read(path).map(String::from_utf8_lossy)
    }

    /// Whether a file is at `path`.
    pub fn exists(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Whether `path` is a directory: some file lies under it.
    pub fn is_dir(&self, path: &str) -> bool {
        let dir = dir_prefix(path);
        self.files
            .range(dir.clone()..)
            .next()
            .is_some_and(|(p, _)| p.starts_with(&dir))
    }

    /// Every file whose path starts with `prefix` (a plain string prefix), in path order.
    pub fn list(&self, prefix: &str) -> impl Iterator<Item = (&str, &VfsFile)> + '_ {
        let prefix = prefix.to_string();
        self.files
            .range(prefix.clone()..)
            .take_while(move |(p, _)| p.starts_with(&prefix))
            .map(|(p, f)| (p.as_str(), f))
    }

    /// The files directly in directory `dir`, in name order: `(name, file)`.
    pub fn files_in(&self, dir: &str) -> Vec<(&str, &VfsFile)> {
        let prefix = dir_prefix(dir);
        self.list(&prefix)
            .filter_map(|(p, f)| {
                let name = &p[prefix.len()..];
                (!name.contains('/')).then_some((name, f))
            })
            .collect()
    }

    /// The entries of directory `dir` in name order: file names, and sub-directory names
    /// ending in `/`.
    pub fn list_dir(&self, dir: &str) -> Vec<String> {
        let prefix = dir_prefix(dir);
        let mut out: Vec<String> = Vec::new();
        for (p, _) in self.list(&prefix) {
            let rest = &p[prefix.len()..];
            let entry = match rest.find('/') {
                Some(i) => &rest[..=i],
                None => rest,
            };
            if out.last().map(String::as_str) != Some(entry) {
                out.push(entry.to_string());
            }
        }
        out
    }

    /// All files in path order: what the CLI writes to disk and the UI shows.
    pub fn files(&self) -> impl Iterator<Item = (&str, &VfsFile)> + '_ {
        self.files.iter().map(|(p, f)| (p.as_str(), f))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The logical clock: stamps handed out so far.
    pub fn clock(&self) -> u64 {
        self.clock
    }

    /// The clock when the engine started: files with a stamp up to it were there before the
    /// streams started, and a file stream ignores them (SEMANTICS F4).
    pub fn started_at(&self) -> u64 {
        self.started
    }

    /// Marks the start of the streams (the engine does this when it is built; a host that
    /// writes the files a program wrote before `ssc.start()` marks it again after them).
    pub fn mark_start(&mut self) {
        self.started = self.clock;
    }

    /// Tells the file system how many batches have been generated.
    pub(crate) fn set_batch(&mut self, batch: u64) {
        self.batch = batch;
    }
}

/// `dir` normalised, with a trailing `/` (empty for the root of relative paths).
fn dir_prefix(dir: &str) -> String {
    let d = normalize(dir);
    if d.is_empty() || d == "/" {
        d
    } else {
        format!("{d}/")
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn listing_is_in_name_order_with_implied_directories() {
        let mut fs = Vfs::default();
        fs.write_text("d/b.txt", "b");
        fs.write_text("d/a.txt", "a");
        fs.write_text("d/sub/c.txt", "c");
        fs.write_text("dx/other", "");
        assert_eq!(fs.list_dir("d"), ["a.txt", "b.txt", "sub/"]);
        let names: Vec<&str> = fs.files_in("d/").iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
        assert!(!fs.is_dir("d/a.txt"));
        assert!(!fs.is_dir("nothing"));
    }

    #[test]
    fn writes_are_stamped_in_order_and_rewrites_restamp() {
        let mut fs = Vfs::default();
        fs.write_text("a", "1");
        fs.set_batch(3);
        fs.write_text("b", "2");
        fs.write_text("a", "3");
        assert_eq!(fs.get("a").map(|f| (f.stamp, f.batch)), Some((3, 3)));
        assert_eq!(fs.get("b").map(|f| (f.stamp, f.batch)), Some((2, 3)));
        assert!(fs.remove("a"));
        assert!(!fs.remove("a"));
        assert_eq!(fs.len(), 1);
    }

    #[test]
    fn an_empty_file_system_lists_nothing() {
        let fs = Vfs::default();
        assert!(fs.is_empty());
        assert!(fs.list_dir("").is_empty());
        assert_eq!(fs.read("x"), None);
    }

    #[test]
    fn invalid_utf8_reads_as_replacement_characters() {
        let mut fs = Vfs::default();
        fs.write("bin", vec![b'a', 0xff]);
        assert_eq!(fs.read_text("bin").as_deref(), Some("a\u{fffd}"));
    }
}
