//! The data sets bundled with the playground, as programs open them (`open("data/…")`).
//! Attribution: `static/data/README.md` and each data set's `ATTRIBUTION.md`.
//!
//! They are served beside the page (trunk copies `static/data` to `data/`) and fetched the first
//! time a program opens one, not compiled into the worker: SML2010 alone is 135 KB gzip that
//! every visitor would download for one preset. Programs read files synchronously, and the
//! worker may block (it is not the page's thread), so the fetch is a synchronous request.

use std::cell::RefCell;
use std::collections::HashMap;

/// The path of every bundled file, as programs open it.
pub const FILES: &[&str] = &["data/sml2010/NEW-DATA-1.T15.txt"];

thread_local! {
    /// Files fetched already: a program re-run does not fetch them again.
    static FETCHED: RefCell<HashMap<&'static str, String>> = RefCell::new(HashMap::new());
    /// The page's URL, which data paths are relative to: a worker runs from a `blob:` URL,
    /// against which no relative path resolves.
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Sets the page's URL (`document.baseURI`) that data paths resolve against.
pub fn set_base(url: &str) {
    BASE.with(|b| *b.borrow_mut() = Some(url.to_string()));
}

/// Gives a bundled file's text without fetching it: for component tests, whose test server
/// does not serve `static/data`. Unknown paths are ignored.
pub fn preload(path: &str, text: &str) {
    if let Some(known) = FILES.iter().copied().find(|p| *p == path) {
        FETCHED.with(|f| f.borrow_mut().insert(known, text.to_string()));
    }
}

/// The page's URL, on the page's own thread.
pub fn page_base() -> Option<String> {
    web_sys::window()?.document()?.base_uri().ok().flatten()
}

/// The bundled file at `path` (relative, `./` allowed), or `None` if there is no such file or
/// it could not be fetched (the program then gets Python's `FileNotFoundError`).
pub fn read(path: &str) -> Option<String> {
    let path = path.trim_start_matches("./");
    let known = FILES.iter().copied().find(|p| *p == path)?;
    if let Some(text) = FETCHED.with(|f| f.borrow().get(known).cloned()) {
        return Some(text);
    }
    let text = fetch_text(known).ok()?;
    FETCHED.with(|f| f.borrow_mut().insert(known, text.clone()));
    Some(text)
}

/// `GET path`, relative to the page, synchronously: its text, or why not (`GET url: …`).
pub fn fetch_text(path: &str) -> Result<String, String> {
    let url = match BASE.with(|b| b.borrow().clone()).or_else(page_base) {
        Some(base) => web_sys::Url::new_with_base(path, &base)
            .map_err(|e| format!("{path}: {}", shown(e)))?
            .href(),
        None => path.to_string(),
    };
    let failed = |why: String| format!("GET {url}: {why}");
    let request = web_sys::XmlHttpRequest::new().map_err(|e| failed(shown(e)))?;
    request
        .open_with_async("GET", &url, false)
        .map_err(|e| failed(shown(e)))?;
    request.send().map_err(|e| failed(shown(e)))?;
    match request.status().map_err(|e| failed(shown(e)))? {
        200 => request
            .response_text()
            .map_err(|e| failed(shown(e)))?
            .ok_or_else(|| failed("no text".to_string())),
        status => Err(failed(format!("HTTP {status}"))),
    }
}

/// A JavaScript exception as a message.
fn shown(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}
