//! Running snippets for the tests that compare Eddy with CPython.

#![allow(dead_code)]

/// Runs `src` as a whole program (no batches, no files).
pub fn run(src: &str) -> eddy_python::RunOutput {
    eddy_python::run("snippet.py", src, 0, Box::new(|_| None))
}

/// `src` prints exactly `expected` and ends without an error.
pub fn same_stdout(src: &str, expected: &str) {
    let out = run(src);
    assert_eq!(out.error, None, "stderr:\n{}", out.stderr);
    assert_eq!(out.stdout, expected, "\nprogram:\n{src}");
}

/// `src` prints `stdout`, then stops with an uncaught error whose traceback names the `frames`
/// (line and function, outermost first, as CPython prints them) and ends with `last`.
pub fn same_error(src: &str, stdout: &str, last: &str, frames: &[(u32, &str)]) {
    let out = run(src);
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
