//! Python's `"\N{NAME}"` in the Web Worker. Ruff's parser resolves names with `unicode_names2`,
//! which in wasm carries no table (crates/unicode-names: it was a third of the worker) and asks
//! the lookup [`install`]ed here. The first name a program spells that is not derived from its
//! code point fetches `data/unicode-names.txt` (served beside the page as the data sets are:
//! [`crate::data`]), once for the worker's life. A failed fetch is not kept: the program's
//! error says the table could not be loaded and why, and the next run asks again.

use std::cell::OnceCell;
use unicode_names2::file::Names;

/// The names file, relative to the page (trunk copies `static/data` to `data/`).
pub const PATH: &str = "data/unicode-names.txt";

thread_local! {
    /// The names, once fetched.
    static NAMES: OnceCell<Names> = const { OnceCell::new() };
}

/// Makes `"\N{NAME}"` look names up in the names file on this thread (the worker's).
pub fn install() {
    unicode_names2::hosted::set_lookup(lookup);
}

fn lookup(name: &str) -> Result<Option<char>, String> {
    NAMES.with(|names| {
        if names.get().is_none() {
            let loaded = load()?;
            // Nothing else fills it meanwhile: the fetch is synchronous.
            names.get_or_init(|| loaded);
        }
        Ok(names.get().and_then(|n| n.get(name)))
    })
}

fn load() -> Result<Names, String> {
    let text = crate::data::fetch_text(PATH)?;
    Names::parse(&text).map_err(|e| format!("{PATH}: {e}"))
}
