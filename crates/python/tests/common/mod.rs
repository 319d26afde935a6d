//! Running snippets for the tests that compare Eddy with CPython.

#![allow(dead_code)]

use eddy_python::interp::Budget;

/// Runs `src` as a whole program (no batches, no files).
pub fn run(src: &str) -> eddy_python::RunOutput {
    eddy_python::run("snippet.py", src, 0, Box::new(|_| None))
}

/// [`run`], with the program's functions lowered before they run (the product's default) or
/// all of them on the tree walker: the snippets hold for both.
pub fn run_lowered(src: &str, lower_functions: bool) -> eddy_python::RunOutput {
    let budget = Budget {
        lower_functions,
        ..Budget::default()
    };
    eddy_python::run_with_budget("snippet.py", src, 0, Box::new(|_| None), budget)
}

/// `src` prints exactly `expected` and ends without an error.
pub fn same_stdout(src: &str, expected: &str) {
    for lowered in [true, false] {
        let out = run_lowered(src, lowered);
        assert_eq!(
            out.error, None,
            "lowered: {lowered}; stderr:\n{}",
            out.stderr
        );
        assert_eq!(
            out.stdout, expected,
            "\nlowered: {lowered}; program:\n{src}"
        );
    }
}

/// `src` prints `stdout`, then stops with an uncaught error whose traceback names the `frames`
/// (line and function, outermost first, as CPython prints them) and ends with `last`.
pub fn same_error(src: &str, stdout: &str, last: &str, frames: &[(u32, &str)]) {
    same_error_lowered(src, stdout, last, frames, true);
    same_error_lowered(src, stdout, last, frames, false);
}

fn same_error_lowered(src: &str, stdout: &str, last: &str, frames: &[(u32, &str)], lowered: bool) {
    let out = run_lowered(src, lowered);
    let src = format!("(lowered: {lowered})\n{src}");
    assert_eq!(out.stdout, stdout, "\nprogram:\n{src}");
    assert_eq!(
        out.stderr.trim_end().lines().last(),
        Some(last),
        "stderr:\n{}",
        out.stderr
    );
    let named: Vec<(u32, String)> = out
        .stderr
        .lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix("File \"snippet.py\", line ")?;
            let (line, func) = rest.split_once(", in ")?;
            Some((line.parse().ok()?, func.to_string()))
        })
        .collect();
    let expected: Vec<(u32, String)> = frames.iter().map(|(l, f)| (*l, f.to_string())).collect();
    assert_eq!(named, expected, "stderr:\n{}", out.stderr);
    let error = out.error.expect("an error");
    assert_eq!(error.message, last);
    assert!(
        frames.iter().any(|(l, _)| *l == error.line),
        "the error's line {} is not in the traceback",
        error.line
    );
}
