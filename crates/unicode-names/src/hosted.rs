//! [`character`] without a compiled-in table: the names Unicode derives from the code point
//! (`HANGUL SYLLABLE …`, `CJK UNIFIED IDEOGRAPH-…`) in code, as upstream's `character` reads
//! them, and every other name from a lookup the host installs ([`set_lookup`]). It is
//! `unicode_names2::character` in wasm32; natively it is here for tests, which check it
//! against the compiled table (natively `set_lookup` changes nothing but this module's
//! [`character`]).
//!
//! The lookup and the last failure are per thread: a Web Worker's, or a test's.

use crate::generated::MAX_NAME_LENGTH;
use crate::{is_cjk_unified_ideograph, jamo, CJK_UNIFIED_IDEOGRAPH_PREFIX, HANGUL_SYLLABLE_PREFIX};
use std::cell::{Cell, RefCell};

/// A host's names table: the character called `name` (upper case, as the table spells names;
/// neither Hangul syllables nor CJK unified ideographs, which [`character`] answers itself),
/// `Ok(None)` if no character has that name, or `Err(why)` if the table could not be consulted
/// (say, it could not be fetched).
pub type Lookup = fn(&str) -> Result<Option<char>, String>;

/// What [`table_error`] says when no lookup is installed.
pub const NO_LOOKUP: &str = "no Unicode names table is installed";

thread_local! {
    static LOOKUP: Cell<Option<Lookup>> = const { Cell::new(None) };
    static TABLE_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs this thread's names table, which [`character`] asks from now on.
pub fn set_lookup(lookup: Lookup) {
    LOOKUP.with(|l| l.set(Some(lookup)));
}

/// Why this thread's last consulted names table failed ([`Lookup`]'s `Err`, or [`NO_LOOKUP`]),
/// or `None` if the last consultation answered. [`character`] gives `None` both for an unknown
/// name and for a table it could not consult: this tells them apart, so a host can say the
/// table could not be loaded rather than that the name is unknown.
pub fn table_error() -> Option<String> {
    TABLE_ERROR.with(|e| e.borrow().clone())
}

/// The character called `name`, case-insensitively, or `None` if there is none or the names
/// table could not be consulted ([`table_error`]). Answers as upstream's `character` does: the
/// same names, the same upper-casing of ASCII letters, the same limit on the name's length.
pub fn character(name: &str) -> Option<char> {
    // Upstream upper-cases into a buffer of the longest name's length plus one and gives
    // `None` for a longer name.
    if name.len() > MAX_NAME_LENGTH + 1 {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    if let Some(answer) = derived(upper.as_bytes()) {
        return answer;
    }
    let answer = match LOOKUP.with(Cell::get) {
        Some(lookup) => lookup(&upper),
        None => Err(NO_LOOKUP.to_string()),
    };
    let (found, error) = match answer {
        Ok(found) => (found, None),
        Err(why) => (None, Some(why)),
    };
    TABLE_ERROR.with(|e| *e.borrow_mut() = error);
    found
}

/// `Some(answer)` if `name` (upper case) starts as a name derived from the code point does: no
/// other name starts so, so the answer is final (upstream's `character`, which checks it).
fn derived(name: &[u8]) -> Option<Option<char>> {
    if let Some(remaining) = name.strip_prefix(HANGUL_SYLLABLE_PREFIX.as_bytes()) {
        let (choseong, remaining) = jamo::slice_shift_choseong(remaining);
        let (jungseong, remaining) = jamo::slice_shift_jungseong(remaining);
        let (jongseong, remaining) = jamo::slice_shift_jongseong(remaining);
        return Some(match (choseong, jungseong, jongseong, remaining) {
            (Some(choseong), Some(jungseong), Some(jongseong), b"") => {
                char::from_u32(0xac00 + (choseong * 21 + jungseong) * 28 + jongseong)
            }
            _ => None,
        });
    }
    if let Some(digits) = name.strip_prefix(CJK_UNIFIED_IDEOGRAPH_PREFIX.as_bytes()) {
        return Some(cjk_unified_ideograph(digits));
    }
    None
}

/// The CJK unified ideograph of these (upper-case) hex digits, if it is one.
fn cjk_unified_ideograph(digits: &[u8]) -> Option<char> {
    if digits.len() > 5 {
        return None;
    }
    let mut v = 0u32;
    for &c in digits {
        v = match c {
            b'0'..=b'9' => (v << 4) | (c - b'0') as u32,
            b'A'..=b'F' => (v << 4) | (c - b'A' + 10) as u32,
            _ => return None,
        }
    }
    char::from_u32(v).filter(|&ch| is_cjk_unified_ideograph(ch))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Result<Option<char>, String> {
        Ok(match name {
            "BULLET" => Some('•'),
            "NEW LINE" => Some('\n'),
            _ => None,
        })
    }

    fn unreachable_table(_: &str) -> Result<Option<char>, String> {
        Err("GET data/unicode-names.txt: 404".to_string())
    }

    #[test]
    fn without_a_lookup_only_derived_names_resolve() {
        assert_eq!(character("HANGUL SYLLABLE GA"), Some('\u{ac00}'));
        assert_eq!(table_error(), None);
        assert_eq!(character("cjk unified ideograph-4e00"), Some('\u{4e00}'));
        assert_eq!(character("BULLET"), None);
        assert_eq!(table_error().as_deref(), Some(NO_LOOKUP));
    }

    #[test]
    fn names_are_upper_cased_before_the_lookup_sees_them() {
        set_lookup(table);
        assert_eq!(character("Bullet"), Some('•'));
        assert_eq!(character("new line"), Some('\n'));
        assert_eq!(character("SNOWMAN"), None);
        assert_eq!(table_error(), None);
    }

    #[test]
    fn a_failing_lookup_is_told_apart_from_an_unknown_name() {
        set_lookup(unreachable_table);
        assert_eq!(character("BULLET"), None);
        assert_eq!(
            table_error().as_deref(),
            Some("GET data/unicode-names.txt: 404")
        );
        // Derived names need no table.
        assert_eq!(character("HANGUL SYLLABLE HIH"), Some('\u{d7a3}'));
        set_lookup(table);
        assert_eq!(character("BULLET"), Some('•'));
        assert_eq!(table_error(), None);
    }

    #[test]
    fn derived_names_answer_without_asking_the_lookup() {
        set_lookup(unreachable_table);
        assert_eq!(character("HANGUL SYLLABLE BLAH"), None);
        assert_eq!(character("CJK UNIFIED IDEOGRAPH-2A6FF"), None);
        assert_eq!(character("CJK UNIFIED IDEOGRAPH-123456"), None);
        assert_eq!(table_error(), None);
    }
}
