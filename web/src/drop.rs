//! Input files: text or CSV files dropped on the panel (or picked) become batches of a
//! `textFileStream("input")`, one file per batch in the order given.
//!
//! A large file must never freeze the page, so the page never holds a file's text: it reads
//! each file once, a few megabytes at a time (each slice is a short task, with the progress
//! shown between them), to check it is UTF-8 text and count its lines, and hands the worker
//! an object URL of the file, which the worker reads itself (see [`crate::worker`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::futures::read_as_bytes;
use gloo_file::{File, ObjectUrl};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// A dropped file, read through once; its text stays in the browser's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The file's name (it arrives as `input/{name}`).
    pub name: String,
    /// An object URL of the file, for the worker to read.
    pub url: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its lines, as Python's `splitlines` (and `textFileStream`) count them for `\n` ends.
    pub lines: usize,
}

/// Props of [`DropFiles`].
#[derive(Properties, PartialEq)]
pub struct DropProps {
    /// The files dropped so far.
    pub files: Rc<Vec<Dropped>>,
    /// Sent with all the files, read, in order.
    pub on_files: Callback<Vec<Dropped>>,
}

/// Bytes read per slice: small enough that copying and checking one is a few milliseconds.
const SLICE: u64 = 2 << 20;

thread_local! {
    /// The object URLs of the files dropped last: they live until the next drop replaces
    /// them (a run of the older files has been superseded by then).
    static LIVE: RefCell<Vec<ObjectUrl>> = const { RefCell::new(Vec::new()) };
}

/// What reading a file found: its lines, or why it is not text.
#[derive(Debug, Default)]
struct Scan {
    lines: usize,
    /// An incomplete UTF-8 sequence at the end of the slice read so far.
    carry: Vec<u8>,
    last: Option<u8>,
    read: u64,
}

impl Scan {
    /// Takes the next slice: counts its line ends and checks it continues valid UTF-8.
    fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.lines += bytes.iter().filter(|&&b| b == b'\n').count();
        self.last = bytes.last().copied().or(self.last);
        let mut joined = std::mem::take(&mut self.carry);
        joined.extend_from_slice(bytes);
        if let Err(e) = std::str::from_utf8(&joined) {
            if e.error_len().is_some() {
                return Err(format!(
                    "it is not UTF-8 text (byte {})",
                    self.read + e.valid_up_to() as u64 - (joined.len() - bytes.len()) as u64
                ));
            }
            self.carry = joined[e.valid_up_to()..].to_vec();
        }
        self.read += bytes.len() as u64;
        Ok(())
    }

    /// The line count once every slice is in (a last line without `\n` counts too).
    fn finish(self) -> Result<usize, String> {
        if !self.carry.is_empty() {
            return Err("it ends inside a UTF-8 character".into());
        }
        Ok(self.lines + usize::from(self.last.is_some_and(|b| b != b'\n')))
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Reads `files` in order, slice by slice, reporting progress, then sends them.
fn read_all(
    files: Vec<File>,
    progress: UseStateHandle<Option<String>>,
    done: Callback<Vec<Dropped>>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let total = files.len();
        let mut out = Vec::with_capacity(total);
        let mut urls = Vec::with_capacity(total);
        for (i, f) in files.into_iter().enumerate() {
            let (name, size) = (f.name(), f.size());
            let mut scan = Scan::default();
            let mut at = 0;
            let failed = loop {
                progress.set(Some(format!(
                    "reading {name}: {} of {} (file {} of {total})…",
                    megabytes(at),
                    megabytes(size),
                    i + 1
                )));
                if at >= size {
                    break None;
                }
                let end = (at + SLICE).min(size);
                match read_as_bytes(&f.slice(at, end)).await {
                    Ok(bytes) => {
                        if let Err(e) = scan.feed(&bytes) {
                            break Some(e);
                        }
                    }
                    Err(e) => break Some(e.to_string()),
                }
                at = end;
            };
            let lines = match failed.map_or_else(|| scan.finish(), Err) {
                Ok(lines) => lines,
                Err(e) => {
                    progress.set(Some(format!("could not read {name}: {e}")));
                    return;
                }
            };
            let url = ObjectUrl::from(f);
            out.push(Dropped {
                name,
                url: url.to_string(),
                bytes: size,
                lines,
            });
            urls.push(url);
        }
        LIVE.with(|live| *live.borrow_mut() = urls);
        progress.set(None);
        done.emit(out);
    });
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(File::from)
        .collect()
}

/// The input-files panel.
#[function_component(DropFiles)]
pub fn drop_files(props: &DropProps) -> Html {
    let progress = use_state(|| None::<String>);
    let over = use_state(|| false);
    let onchange = {
        let (progress, done) = (progress.clone(), props.on_files.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            read_all(files_of(input.files()), progress.clone(), done.clone());
        })
    };
    let ondrop = {
        let (progress, done, over) = (progress.clone(), props.on_files.clone(), over.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            let files = files_of(e.data_transfer().and_then(|d| d.files()));
            read_all(files, progress.clone(), done.clone());
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    html! {
        <section class={classes!("panel", "drop-panel", (*over).then_some("over"))}
            aria-labelledby="drop-title" {ondrop} {ondragover} {ondragleave}>
            <h2 id="drop-title">{ "Input files" }</h2>
            <p class="hint">{ "Drop text or CSV files here (or pick them): file 1 arrives before batch 1, \
                file 2 before batch 2, … in the directory input/ that textFileStream(\"input\") watches." }</p>
            <input type="file" multiple=true accept=".txt,.csv,text/*" data-testid="drop" {onchange}
                aria-label="Files for textFileStream" />
            if let Some(p) = &*progress {
                <p class="progress" role="status" data-testid="drop-progress">{ p }</p>
            }
            if !props.files.is_empty() {
                <ol class="dropped">
                    { for props.files.iter().enumerate().map(|(i, f)| html! {
                        <li>{ format!("batch {}: input/{} — {} lines, {}", i + 1, f.name, f.lines, megabytes(f.bytes)) }</li>
                    }) }
                </ol>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn scan(slices: &[&[u8]]) -> Result<usize, String> {
        let mut s = Scan::default();
        for b in slices {
            s.feed(b)?;
        }
        s.finish()
    }

    #[test]
    fn lines_are_counted_across_slices_like_splitlines() {
        assert_eq!(scan(&[b"a\nb", b"\nc"]), Ok(3));
        assert_eq!(scan(&[b"a\n", b"b\n"]), Ok(2));
        assert_eq!(scan(&[b""]), Ok(0));
    }

    #[test]
    fn a_character_split_between_slices_is_still_text() {
        let e = "é".as_bytes();
        assert_eq!(scan(&[&[b'x', e[0]], &[e[1], b'\n']]), Ok(1));
        assert!(scan(&[&[b'x', e[0]]]).is_err());
        assert_eq!(
            scan(&[b"ok\n", &[0xff, b'\n']]),
            Err("it is not UTF-8 text (byte 3)".into())
        );
    }
}
