//! The names table as a text file, which a host without the compiled table (the Web Worker)
//! fetches and hands to [`crate::hosted`]: Eddy serves it as `static/data/unicode-names.txt`.
//!
//! Lines starting with `#` are comments. Every other line is `DELTA NAME`: the code point minus
//! the previous line's (the first line's minus 0), in hex, a space and the name, in code point
//! order, each code point's name before its aliases (`NameAliases.txt`). Deltas rather than
//! code points make the file 161 KB gzip instead of 251 KB. It holds every name the compiled
//! table's `character` resolves (names and aliases), except the names derived from the code
//! point, which [`crate::hosted`] resolves in code (`HANGUL SYLLABLE …`,
//! `CJK UNIFIED IDEOGRAPH-…`).
//!
//! `cargo test -p unicode_names2 --test names_file -- --ignored` writes it from the compiled
//! table ([`write()`]); the same test file's normal test fails if the committed file differs.

use std::collections::HashMap;

/// A names table read from the file: names (upper case) to characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    by_name: HashMap<Box<str>, char>,
}

impl Names {
    /// Reads the file's text, or says which line is not a `DELTA NAME` line (or that there
    /// is no name at all: a server may answer a missing file with a page of its own).
    pub fn parse(text: &str) -> Result<Names, String> {
        let mut by_name = HashMap::new();
        let mut code = 0u32;
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| format!("line {}: {what}: {line:.80}", i + 1);
            let (delta, name) = line
                .split_once(' ')
                .ok_or_else(|| bad("not `DELTA NAME`"))?;
            let delta = u32::from_str_radix(delta, 16).map_err(|_| bad("not a hex delta"))?;
            code = code
                .checked_add(delta)
                .filter(|&c| c <= 0x10ffff)
                .ok_or_else(|| bad("beyond U+10FFFF"))?;
            let c = char::from_u32(code).ok_or_else(|| bad("a surrogate"))?;
            let spelled =
                |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'-';
            if name.is_empty() || !name.bytes().all(spelled) {
                return Err(bad("not a character name"));
            }
            if by_name.insert(Box::from(name), c).is_some() {
                return Err(bad("a name given twice"));
            }
        }
        if by_name.is_empty() {
            return Err("no character names in it".to_string());
        }
        Ok(Names { by_name })
    }

    /// The character called `name` (upper case, as the file spells names).
    pub fn get(&self, name: &str) -> Option<char> {
        self.by_name.get(name).copied()
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether there is no name (never, for a parsed file).
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// The file, from the compiled table: every name and alias whose `character` is some
/// character, except the names derived from the code point.
#[cfg(not(target_arch = "wasm32"))]
pub fn write() -> String {
    use crate::{character, name, CJK_UNIFIED_IDEOGRAPH_PREFIX, HANGUL_SYLLABLE_PREFIX};

    let derived = |n: &str| {
        n.starts_with(HANGUL_SYLLABLE_PREFIX) || n.starts_with(CJK_UNIFIED_IDEOGRAPH_PREFIX)
    };
    // (character, is an alias, name): names first, then aliases, each in order.
    let mut entries: Vec<(char, bool, String)> = Vec::new();
    let names = (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter_map(|c| Some((false, name(c)?.to_string())));
    let aliases = crate::compiled::ALIASES
        .keys()
        .map(|alias| (true, String::from_utf8_lossy(alias).into_owned()));
    for (alias, n) in names.chain(aliases) {
        if derived(&n) {
            continue;
        }
        if let Some(c) = character(&n) {
            entries.push((c, alias, n));
        }
    }
    entries.sort();
    let mut out = String::from(
        "# Unicode 16.0 character names and aliases, as unicode_names2 1.3.0 resolves them in\n\
         # Python's \"\\N{NAME}\" (Unicode data licence: static/data/README.md). Each line:\n\
         # the code point minus the previous line's, in hex, a space, the name. Written by\n\
         # `cargo test -p unicode_names2 --test names_file -- --ignored` (crates/unicode-names).\n",
    );
    let mut previous = 0u32;
    for (c, _, n) in entries {
        out.push_str(&format!("{:x} {n}\n", c as u32 - previous));
        previous = c as u32;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_deltas_from_the_previous_code_point() {
        let names = Names::parse("# comment\n\n7 BELL\n0 ALERT\n19 SPACE\n").unwrap();
        assert_eq!(names.get("BELL"), Some('\u{7}'));
        assert_eq!(names.get("ALERT"), Some('\u{7}'));
        assert_eq!(names.get("SPACE"), Some(' '));
        assert_eq!(names.get("space"), None);
        assert_eq!(names.len(), 3);
    }

    #[test]
    fn a_page_that_is_not_the_file_is_an_error_naming_its_line() {
        let html = "<!doctype html>\n<html lang=\"en\">\n";
        assert_eq!(
            Names::parse(html),
            Err("line 1: not a hex delta: <!doctype html>".to_string())
        );
        assert_eq!(
            Names::parse("# only comments\n"),
            Err("no character names in it".to_string())
        );
        assert!(Names::parse("BULLET\n")
            .unwrap_err()
            .contains("not `DELTA NAME`"));
        assert!(Names::parse("20 space\n")
            .unwrap_err()
            .contains("not a character name"));
        assert!(Names::parse("110000 X\n")
            .unwrap_err()
            .contains("beyond U+10FFFF"));
        assert!(Names::parse("d800 X\n").unwrap_err().contains("surrogate"));
        assert!(Names::parse("20 A\n0 A\n").unwrap_err().contains("twice"));
    }
}
