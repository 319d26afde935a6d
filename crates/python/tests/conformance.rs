//! Every conformance program (`tests/conformance/*.py` and `../shared/conformance/*.py`) run
//! through Eddy and compared with the output real PySpark printed for it (the `.spark.txt`
//! beside it, made by the reference harness, `tests/harness`).
//!
//! Programs Eddy cannot run yet are listed in `tests/conformance/KNOWN_GAPS` with the reason;
//! the test fails if one of them starts passing, so the list only shrinks.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eddy_python::golden;
use eddy_python::interp::Budget;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dirs() -> Vec<PathBuf> {
    let shared = std::env::var_os("EDDY_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    vec![root().join("tests/conformance"), shared.join("conformance")]
}

fn known_gaps() -> BTreeMap<String, String> {
    std::fs::read_to_string(root().join("tests/conformance/KNOWN_GAPS"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            l.split_once(':')
                .map(|(n, why)| (n.trim().to_string(), why.trim().to_string()))
        })
        .collect()
}

/// Runs the program at `path` as its golden's header says, with its functions lowered (the
/// product's default) or all on the tree walker.
fn run_at(path: &Path, lower_functions: bool) -> Result<eddy_python::RunOutput, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let header = golden::header(&text);
    let dir = path.parent().unwrap().to_path_buf();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let budget = Budget {
        lower_functions,
        ..Budget::default()
    };
    Ok(eddy_python::run_with_budget(
        &name,
        &text,
        header.batches,
        Box::new(move |p| std::fs::read_to_string(dir.join(p)).ok()),
        budget,
    ))
}

fn run_program(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let golden_path = path.with_extension("spark.txt");
    let expected = std::fs::read_to_string(&golden_path)
        .map_err(|_| format!("no golden {}", golden_path.display()))?;
    let header = golden::header(&text);
    let out = run_at(path, true)?;
    // A program that stops with an exception: the harness keeps Python's traceback after the
    // output, its frames without their source lines.
    let mut printed = out.stdout.clone();
    if let Some(at) = out.stderr.find("Traceback (most recent call last):") {
        for line in out.stderr[at..].lines().filter(|l| !l.starts_with("    ")) {
            printed.push_str(line);
            printed.push('\n');
        }
    }
    golden::compare(&expected, &printed, header.ordered).map_err(|e| {
        let stderr: Vec<&str> = out.stderr.lines().take(6).collect();
        format!("{e}\n  stderr: {}", stderr.join("\n          "))
    })
}

/// Every conformance program, by name.
fn programs() -> BTreeMap<String, PathBuf> {
    let mut programs = BTreeMap::new();
    for dir in dirs() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "py") {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                // A program in both places runs once, from the project's own copy.
                programs.entry(name).or_insert(p);
            }
        }
    }
    assert!(
        !programs.is_empty(),
        "no conformance programs in {:?}",
        dirs()
    );
    programs
}

#[test]
fn every_conformance_program_prints_what_pyspark_printed() {
    let gaps = known_gaps();
    let programs = programs();
    let mut failures = Vec::new();
    let mut passed = 0;
    for (name, path) in &programs {
        match (run_program(path), gaps.get(name)) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => failures.push(format!(
                "{name} now matches Spark: remove it from tests/conformance/KNOWN_GAPS"
            )),
            (Err(_), Some(_)) => {}
            (Err(e), None) => failures.push(format!("{name}: {e}")),
        }
    }
    eprintln!(
        "conformance: {passed} of {} programs match PySpark; {} known gaps",
        programs.len(),
        gaps.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Lowering functions (`interp/compile`) changes nothing a program prints: every program,
/// the known gaps too, prints the same with all its functions on the tree walker.
#[test]
fn every_conformance_program_prints_the_same_on_the_tree_walker() {
    let mut differ = Vec::new();
    for (name, path) in programs() {
        let (lowered, walked) = (run_at(&path, true).unwrap(), run_at(&path, false).unwrap());
        if (&lowered.stdout, &lowered.stderr) != (&walked.stdout, &walked.stderr) {
            differ.push(format!(
                "{name}:\n  lowered stderr: {}\n  tree walker stderr: {}",
                lowered.stderr, walked.stderr
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
