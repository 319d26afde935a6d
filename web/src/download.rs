//! Saving text as a file from the page: the CSV of outputs, the program as a PySpark file.

use std::cell::RefCell;

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

/// Starts the browser's download of `text` as `name` (of type `mime`), keeping the object URL
/// alive in `keep` (until the next download) so the browser can still read it.
pub fn download(
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
