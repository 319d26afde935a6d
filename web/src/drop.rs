//! Input files: text or CSV files dropped on the panel (or picked) become batches of a
//! `textFileStream("input")`, one file per batch in the order given. Files are read
//! asynchronously, with their progress shown, so a large file never freezes the page.

use std::rc::Rc;

use gloo_file::futures::read_as_text;
use gloo_file::File;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// Props of [`DropFiles`].
#[derive(Properties, PartialEq)]
pub struct DropProps {
    /// The files dropped so far: `(name, text)`.
    pub files: Rc<Vec<(String, String)>>,
    /// Sent with all the files, read, in order.
    pub on_files: Callback<Vec<(String, String)>>,
}

/// Reads `files` in order, reporting progress, then sends them.
fn read_all(
    files: Vec<File>,
    progress: UseStateHandle<Option<String>>,
    done: Callback<Vec<(String, String)>>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let total = files.len();
        let mut out = Vec::with_capacity(total);
        for (i, f) in files.into_iter().enumerate() {
            progress.set(Some(format!(
                "reading {} ({} of {total}, {} KB)…",
                f.name(),
                i + 1,
                f.size() / 1024
            )));
            match read_as_text(&f).await {
                Ok(text) => out.push((f.name(), text)),
                Err(e) => {
                    progress.set(Some(format!("could not read {}: {e}", f.name())));
                    return;
                }
            }
        }
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
                    { for props.files.iter().enumerate().map(|(i, (name, text))| html! {
                        <li>{ format!("batch {}: input/{name} — {} lines", i + 1, text.lines().count()) }</li>
                    }) }
                </ol>
            }
        </section>
    }
}
