//! The names file the Web Worker fetches (`static/data/unicode-names.txt`) against the compiled
//! table: it can never drift from it, and with it the wasm build's `character` answers as the
//! native one.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use unicode_names2::file::{self, Names};
use unicode_names2::{character, hosted, name};

const WRITE: &str = "cargo test -p unicode_names2 --test names_file -- --ignored";

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../static/data/unicode-names.txt")
}

#[test]
fn the_committed_names_file_is_what_the_compiled_table_gives() {
    let committed = std::fs::read_to_string(path()).unwrap_or_default();
    // Not assert_eq!: a diff of two 1 MB strings helps nobody.
    assert!(
        committed == file::write(),
        "static/data/unicode-names.txt is not what the compiled table gives: run `{WRITE}`"
    );
}

/// Writes `static/data/unicode-names.txt` from the compiled table.
#[test]
#[ignore = "writes static/data/unicode-names.txt"]
fn write_the_names_file() {
    std::fs::write(path(), file::write()).unwrap();
    println!("wrote {}", path().display());
}

thread_local! {
    static NAMES: Names = Names::parse(&file::write()).unwrap();
}

fn from_the_file(name: &str) -> Result<Option<char>, String> {
    Ok(NAMES.with(|names| names.get(name)))
}

/// Every name the compiled table gives a character, every name and alias in the file, and
/// names that are not quite names.
fn spellings() -> Vec<String> {
    let mut names: Vec<String> = (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter_map(|c| Some(name(c)?.to_string()))
        .collect();
    for line in file::write().lines().filter(|l| !l.starts_with('#')) {
        names.push(line.split_once(' ').unwrap().1.to_string());
    }
    let mut spellings = Vec::new();
    for n in names {
        spellings.push(n.to_ascii_lowercase());
        spellings.push(format!("{n} "));
        spellings.push(n[..n.len() - 1].to_string());
        spellings.push(n);
    }
    let long = "X".repeat(200);
    for odd in ["", " ", "x", "öäå", "SPAACE", "LATIN SMALL LETTER", &long] {
        spellings.push(odd.to_string());
    }
    for odd in [
        "HANGUL SYLLABLE ",
        "HANGUL SYLLABLE BLAH",
        "HANGUL SYLLABLE GAX",
    ] {
        spellings.push(odd.to_string());
    }
    for odd in ["", "4E0", "4e00", "2A6FF", "123456", "EFGH", "20000 "] {
        spellings.push(format!("CJK UNIFIED IDEOGRAPH-{odd}"));
    }
    spellings
}

#[test]
fn with_the_file_hosted_character_answers_as_the_compiled_table() {
    hosted::set_lookup(from_the_file);
    let spellings = spellings();
    assert!(spellings.len() > 4 * 150_000, "{}", spellings.len());
    let mut prefix_matches = Vec::new();
    for n in &spellings {
        let (compiled, hosted) = (character(n), hosted::character(n));
        if compiled == hosted {
            continue;
        }
        // Upstream's `character` checks that the name its perfect hash picks is a prefix of
        // the one asked, not all of it: a few names a letter longer or shorter than a real one
        // come out as that one's character (CPython says "unknown Unicode character name").
        // The file holds real names only, so the hosted lookup says `None`, as CPython.
        let real = compiled
            .and_then(name)
            .map(|r| r.to_string())
            .unwrap_or_default();
        let upper = n.to_ascii_uppercase();
        assert!(
            hosted.is_none() && !real.is_empty() && upper.starts_with(&real) && upper != real,
            "{n:?}: compiled {compiled:?}, hosted {hosted:?}"
        );
        prefix_matches.push(n.as_str());
    }
    prefix_matches.sort_unstable();
    prefix_matches.dedup();
    assert!(prefix_matches.len() < 10, "{prefix_matches:?}");
    assert_eq!(hosted::table_error(), None);
}

#[test]
fn every_name_and_alias_resolves_alike_in_any_case() {
    hosted::set_lookup(from_the_file);
    for line in file::write().lines().filter(|l| !l.starts_with('#')) {
        let n = line.split_once(' ').unwrap().1;
        for spelled in [n.to_string(), n.to_ascii_lowercase()] {
            assert_eq!(
                hosted::character(&spelled),
                character(&spelled),
                "{spelled}"
            );
            assert!(character(&spelled).is_some(), "{spelled}");
        }
    }
}

#[test]
fn the_file_holds_names_and_aliases_but_no_derived_names() {
    let names = NAMES.with(Names::clone);
    assert_eq!(names.get("BULLET"), Some('•'));
    assert_eq!(names.get("LATIN SMALL LETTER E WITH ACUTE"), Some('é'));
    assert_eq!(names.get("NEW LINE"), Some('\n')); // an alias
    assert_eq!(names.get("HANGUL SYLLABLE GA"), None);
    assert_eq!(names.get("CJK UNIFIED IDEOGRAPH-4E00"), None);
    assert!(names.len() > 40_000, "{}", names.len());
}
