//! Saving text as a file from the page: the CSV of outputs, the program as a PySpark file.

use std::cell::RefCell;

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A file to save: its name, type and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// The name the browser suggests (`outputs.csv`).
    pub name: String,
    /// Its MIME type (`text/csv;charset=utf-8`).
    pub mime: &'static str,
    /// Its contents.
    pub text: String,
}

/// Props of [`DownloadButton`].
#[derive(Properties, PartialEq)]
pub struct DownloadProps {
    /// The button's `data-testid`.
    pub testid: AttrValue,
    /// Its label.
    pub label: AttrValue,
    /// Its tooltip: what the file holds.
    pub title: AttrValue,
    /// Its CSS class.
    #[prop_or_default]
    pub class: Classes,
    /// Whether there is nothing to save yet.
    #[prop_or_default]
    pub disabled: bool,
    /// Makes the file when the button is pressed (not on every render).
    pub file: Callback<(), File>,
}

/// A button that saves the file [`DownloadProps::file`] makes, saying beside it if it could not.
#[function_component(DownloadButton)]
pub fn download_button(props: &DownloadProps) -> Html {
    let keep = use_mut_ref(|| None::<ObjectUrl>);
    let problem = use_state(|| None::<String>);
    let onclick = {
        let (file, problem) = (props.file.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            let f = file.emit(());
            problem.set(download(&f.text, &f.name, f.mime, &keep).err());
        })
    };
    html! {
        <>
            <button class={props.class.clone()} data-testid={props.testid.clone()} {onclick}
                disabled={props.disabled} title={props.title.clone()}>
                { props.label.clone() }
            </button>
            if let Some(p) = &*problem {
                <span class="error-inline" role="alert">{ format!("could not download: {p}") }</span>
            }
        </>
    }
}

/// Starts the browser's download of `text` as `name` (of type `mime`), keeping the object URL
/// alive in `keep` (until the next download) so the browser can still read it.
fn download(
    text: &str,
    name: &str,
    mime: &str,
    keep: &RefCell<Option<ObjectUrl>>,
) -> Result<(), String> {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a = document
        .create_element("a")
        .map_err(|_| "cannot create a link")?;
    a.set_attribute("href", &url)
        .and_then(|()| a.set_attribute("download", name))
        .map_err(|_| "cannot set the link")?;
    a.dyn_into::<web_sys::HtmlElement>()
        .map_err(|_| "not an HTML element")?
        .click();
    keep.replace(Some(url));
    Ok(())
}
