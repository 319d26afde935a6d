//! Eddy's `unicode_names2` 1.3.0: the crate of the same name and version (Huon Wilson, Kang
//! Seonghoon, Valentin Lorentz, Jeong YunWon; MIT or Apache-2.0, see `LICENSE-MIT` and
//! `LICENSE-APACHE`; Unicode data under `data/LICENSE-UNICODE`), vendored so that the Web
//! Worker does not carry its names table. The workspace patches crates.io's `unicode_names2`
//! with it (`[patch.crates-io]`); Ruff's parser calls [`character`] for `"\N{NAME}"` escapes.
//!
//! - **Natively** it is upstream's crate: [`character`], [`name`] and [`Name`] answer from the
//!   table compiled in (~0.9 MB of wasm, 0.4 MB gzip), bit for bit as crates.io's 1.3.0.
//! - **In wasm32** no table is compiled in. [`character`] answers the names Unicode derives
//!   from the code point (`HANGUL SYLLABLE …`, `CJK UNIFIED IDEOGRAPH-…`) itself, and asks the
//!   host's [`hosted::set_lookup`] for every other name: the worker fetches
//!   `static/data/unicode-names.txt` ([`mod@file`]) the first time a program spells one.
//!
//! [`hosted`] is compiled natively too, so tests check it against the compiled table name by
//! name (`tests/names_file.rs`).
//!
//! ```
//! # #[cfg(not(target_arch = "wasm32"))] {
//! assert_eq!(unicode_names2::character("bullet"), Some('•'));
//! assert_eq!(unicode_names2::character("HANGUL SYLLABLE GA"), Some('\u{ac00}'));
//! assert_eq!(unicode_names2::character("nonsense"), None);
//! # }
//! ```

#![deny(missing_docs, unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::all)]
mod compiled;
pub mod file;
pub mod hosted;
#[cfg(not(target_arch = "wasm32"))]
mod iter_str;
#[allow(dead_code)]
mod jamo;

#[cfg(not(target_arch = "wasm32"))]
pub use compiled::{character, name, Name};
#[cfg(target_arch = "wasm32")]
pub use hosted::character;

/// Why the names table could not be consulted when [`character`] last asked it, or `None`:
/// always `None` natively (the table is compiled in); in wasm32 [`hosted::table_error`]. A
/// caller that got `None` from [`character`] tells an unknown name from a table that could
/// not be loaded with it.
pub fn table_error() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return hosted::table_error();
    #[cfg(not(target_arch = "wasm32"))]
    None
}

// In wasm only `CJK_IDEOGRAPH_RANGES` is used: the linker leaves the rest of the table out.
#[allow(dead_code)]
#[rustfmt::skip]
#[allow(clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

static HANGUL_SYLLABLE_PREFIX: &str = "HANGUL SYLLABLE ";
static CJK_UNIFIED_IDEOGRAPH_PREFIX: &str = "CJK UNIFIED IDEOGRAPH-";

fn is_cjk_unified_ideograph(ch: char) -> bool {
    generated::CJK_IDEOGRAPH_RANGES
        .iter()
        .any(|&(lo, hi)| lo <= ch && ch <= hi)
}
