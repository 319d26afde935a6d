//! Running a whole PySpark program under SEMANTICS §I: parse, interpret the top level (which
//! builds the pipeline and, through `sleep`/`awaitTermination`/`stop`, runs its batches on the
//! virtual clock), then run whatever batches remain up to the limit.

use std::rc::Rc;

use eddy_core::PipelineSpec;
use ruff_python_ast::{Expr, ModModule};
use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};
use ruff_text_size::TextSize;

use crate::interp::{Budget, Exc, FileReader, Interp};
use crate::nesting;
use crate::obj::Obj;
use crate::pyspark::Session;
use crate::source::Source;

/// What a program run produced.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunOutput {
    /// What the program printed: pprint blocks and `print` lines, in order (SEMANTICS §I).
    pub stdout: String,
    /// What a Python run would write to stderr: failed jobs, and the traceback or syntax
    /// error that stopped the program.
    pub stderr: String,
    /// The error that stopped the program, if one did, with its line and column.
    pub error: Option<ProgramError>,
    /// The pipeline the program built.
    pub pipeline: Option<PipelineSpec>,
    /// Where each batch's output starts in `stdout` (bytes): the playground reveals the output
    /// batch by batch. What the program prints after batch `i` and before batch `i + 1` counts
    /// with batch `i + 1`.
    pub batch_starts: Vec<usize>,
    /// What the engine reported for each batch (records per node, windows, state).
    pub reports: Vec<eddy_core::StepReport>,
    /// The program's virtual file system at the end: what `saveAsTextFiles` and the program
    /// wrote, path → bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The program's top-level names bound to DStreams at its end, with their nodes, by node:
    /// what the operator palette offers as inputs.
    #[serde(default)]
    pub streams: Vec<(String, u32)>,
}

/// An error that stopped a program, located in its source.
#[derive(Clone, Debug, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("line {line}, column {column}: {message}")]
pub struct ProgramError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// `SyntaxError: …`, `NameError: …`.
    pub message: String,
}

/// A hint for Python 2 code, which the tutorials this tool serves often still contain.
fn python2_hint(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    if t.starts_with("print ") && !t.starts_with("print (") || t == "print" {
        return Some("Python 2's print statement: write print(...)");
    }
    if t.contains("lambda (") {
        return Some(
            "Python 3 removed tuple parameters: write `lambda kv: ...` and use kv[0], kv[1]",
        );
    }
    if t.starts_with("except ") && t.contains(',') && !t.contains('(') {
        return Some("Python 2's `except E, e`: write `except E as e`");
    }
    if t.bytes()
        .zip(t.bytes().skip(1))
        .any(|(a, b)| a.is_ascii_digit() && (b == b'L' || b == b'l'))
    {
        return Some("Python 2's long literal (1L): write 1");
    }
    None
}

/// The error for a `"\N{NAME}"` whose name could not be looked up because the table of names
/// could not be loaded (`why`: in the browser, where the Web Worker fetches it), instead of
/// Ruff's "Got unexpected unicode", which would say that no character has that name.
fn unloaded_name(text: &str, error: &ParseError, why: Option<String>) -> Option<String> {
    let ParseErrorType::Lexical(LexicalErrorType::UnicodeError) = error.error else {
        return None;
    };
    let (start, end) = (
        error.location.start().to_usize(),
        error.location.end().to_usize(),
    );
    // Ruff's range for an unknown name is the name between `\N{` and `}`.
    if !text.get(..start)?.ends_with("\\N{") {
        return None;
    }
    let name = text.get(start..end)?;
    Some(format!(
        "SyntaxError: (unicode error) \\N{{{name}}}: the table of Unicode character names could not be loaded ({})",
        why?
    ))
}

/// A file that arrives in the program's file system just before batch `batch` (0-based) is
/// generated: what a user drops into a directory a `textFileStream` watches.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Arrival {
    /// The batch it arrives before.
    pub batch: u64,
    /// Its path (`input/orders-1.csv`).
    pub path: String,
    /// Its contents.
    pub data: Vec<u8>,
}

/// Runs `text` (named `name` in tracebacks) for at most `batches` batches, reading files with
/// `files`.
pub fn run(name: &str, text: &str, batches: u64, files: FileReader) -> RunOutput {
    run_with_arrivals(name, text, batches, files, Vec::new())
}

/// [`run`] under other step budgets than the product's (the fuzz targets' small ones).
pub fn run_with_budget(
    name: &str,
    text: &str,
    batches: u64,
    files: FileReader,
    budget: Budget,
) -> RunOutput {
    run_program(name, text, batches, files, Vec::new(), budget, None)
}

/// The syntax error [`run`] would stop `text` with, without running it.
pub fn syntax_error(text: &str) -> Option<ProgramError> {
    parse(&Source::new("<check>", text)).err()
}

/// Parses a program as [`run`] does: nesting too deep for the interpreter is a syntax error
/// (crate::nesting), checked before Ruff's parser sees the text and again on its AST.
fn parse(source: &Source) -> Result<ModModule, ProgramError> {
    let text = source.text.as_str();
    let located = |at: usize, message: String| {
        let (line, column) = source.line_col(TextSize::new(at as u32));
        ProgramError {
            line,
            column,
            message,
        }
    };
    if u32::try_from(text.len()).is_err() {
        return Err(located(
            0,
            "SyntaxError: the program is larger than 4 GB".into(),
        ));
    }
    let too_deep = |d: nesting::TooDeep| located(d.at, format!("{}: {}", d.class, d.message));
    nesting::check(text).map_err(too_deep)?;
    let module = match ruff_python_parser::parse_module(text) {
        Ok(p) => p.into_syntax(),
        Err(e) => {
            let mut error = located(
                e.location.start().to_usize(),
                format!("SyntaxError: {}", e.error),
            );
            let line_text = source.line_text(error.line).unwrap_or("");
            if let Some(message) = unloaded_name(text, &e, unicode_names2::table_error()) {
                error.message = message;
            } else if let Some(h) = python2_hint(line_text) {
                error.message = format!("SyntaxError: {h}");
            }
            return Err(error);
        }
    };
    nesting::check_ast(module.body.iter().map(nesting::Node::Stmt)).map_err(too_deep)?;
    Ok(module)
}

/// [`run`], with files arriving between batches.
pub fn run_with_arrivals(
    name: &str,
    text: &str,
    batches: u64,
    files: FileReader,
    arrivals: Vec<Arrival>,
) -> RunOutput {
    run_program(
        name,
        text,
        batches,
        files,
        arrivals,
        Budget::default(),
        None,
    )
}

/// [`run_with_arrivals`], timing each batch with the host's `clock`
/// (`std::time::Instant` natively, `performance.now()` in a browser): each report's
/// `timings` says where the batch's time went. The output is the same as without it.
pub fn run_timed(
    name: &str,
    text: &str,
    batches: u64,
    files: FileReader,
    arrivals: Vec<Arrival>,
    clock: eddy_core::Clock,
) -> RunOutput {
    run_program(
        name,
        text,
        batches,
        files,
        arrivals,
        Budget::default(),
        Some(clock),
    )
}

fn run_program(
    name: &str,
    text: &str,
    batches: u64,
    files: FileReader,
    arrivals: Vec<Arrival>,
    budget: Budget,
    clock: Option<eddy_core::Clock>,
) -> RunOutput {
    let source = Rc::new(Source::new(name, text));
    let module = match parse(&source) {
        Ok(m) => m,
        Err(error) => {
            let (line, column) = (error.line, error.column);
            let line_text = source.line_text(line).unwrap_or("");
            let stderr = format!(
                "  File \"{name}\", line {line}\n    {}\n    {}^\n{}\n",
                line_text.trim_start(),
                " ".repeat(
                    (column as usize)
                        .saturating_sub(1 + line_text.len() - line_text.trim_start().len())
                ),
                error.message
            );
            return RunOutput {
                stderr,
                error: Some(error),
                ..RunOutput::default()
            };
        }
    };
    let interp = Rc::new(Interp::new(source.clone(), files, Session::new(batches)));
    interp.set_budget(budget);
    interp.spark.attach(&interp);
    *interp.spark.clock.borrow_mut() = clock;
    *interp.spark.arrivals.borrow_mut() = arrivals
        .into_iter()
        .map(|a| (a.batch, a.path, a.data))
        .collect();
    let result = interp.exec_block(&module.body, &interp.globals.clone());
    let mut out = RunOutput::default();
    match result {
        Ok(_) => interp.spark.finish(&interp),
        Err(e) => {
            let e = e.leave(&Rc::from("<module>"));
            let line = e.trace.last().map_or(1, |f| f.line);
            out.error = Some(ProgramError {
                line,
                column: 1,
                message: e.to_string(),
            });
            out.stderr.push_str(&e.traceback(name, &source));
        }
    }
    out.stdout = interp.take_output();
    let errors = interp.spark.errors.borrow().join("\n");
    if !errors.is_empty() {
        out.stderr = format!("{errors}\n{}", out.stderr);
    }
    out.pipeline = interp.spark.spec();
    out.files = interp.spark.files();
    out.batch_starts = interp.spark.marks.borrow().clone();
    out.reports = interp.spark.reports.borrow().clone();
    out.streams = streams(&interp);
    interp.globals.clear();
    out
}

/// The module's names bound to DStreams, by node then name (a hash map's order must not leak).
fn streams(interp: &Interp) -> Vec<(String, u32)> {
    let mut streams: Vec<(String, u32)> = (interp.globals.bindings().into_iter())
        .filter_map(|(name, obj)| {
            let node = crate::pyspark::DStream::id_of(&obj).ok()?;
            (!name.starts_with('_')).then(|| (name.to_string(), node))
        })
        .collect();
    streams.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    streams
}

impl Interp {
    /// Compiles a function from its source alone (`lambda x: x * 2`) in an interpreter of its
    /// own: what pipelines from the operator picker carry.
    pub fn compile_function(source: &str) -> Result<(Rc<Interp>, Obj), Exc> {
        let too_deep =
            |d: nesting::TooDeep| Exc::new(d.class, format!("{} in `{source}`", d.message));
        nesting::check(source).map_err(too_deep)?;
        let parsed = ruff_python_parser::parse_expression(source)
            .map_err(|e| Exc::new("SyntaxError", format!("{} in `{source}`", e.error)))?;
        let expr: &Expr = parsed.expr();
        nesting::check_ast([nesting::Node::Expr(expr)]).map_err(too_deep)?;
        if !matches!(expr, Expr::Lambda(_) | Expr::Name(_) | Expr::Attribute(_)) {
            return Err(Exc::new(
                "SyntaxError",
                format!("`{source}` is not a function (write a lambda)"),
            ));
        }
        let interp = Rc::new(Interp::new(
            Rc::new(Source::new("<lambda>", source)),
            Box::new(|_| None),
            Session::new(0),
        ));
        interp.spark.attach(&interp);
        let globals = interp.globals.clone();
        let f = interp.eval(expr, &globals)?;
        Ok((interp, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> ParseError {
        ruff_python_parser::parse_module(text).expect_err("a syntax error")
    }

    #[test]
    fn a_name_the_table_could_not_be_loaded_for_says_so() {
        // Natively the table is compiled in and knows every name: a name it does not know
        // stands for one the browser could not look up.
        let missing = "x = 1\nprint(\"a\\N{BULLET X}\")\n";
        let why = Some("GET data/unicode-names.txt: 404".to_string());
        assert_eq!(
            unloaded_name(missing, &error_of(missing), why).as_deref(),
            Some("SyntaxError: (unicode error) \\N{BULLET X}: the table of Unicode character names could not be loaded (GET data/unicode-names.txt: 404)")
        );
    }

    #[test]
    fn an_unknown_name_or_another_unicode_error_keeps_ruffs_message() {
        let unknown = "print(\"\\N{NO SUCH CHARACTER}\")\n";
        assert_eq!(unloaded_name(unknown, &error_of(unknown), None), None);
        let why = Some("GET data/unicode-names.txt: 404".to_string());
        let bad_escape = "print(\"\\u12\")\n";
        assert_eq!(unloaded_name(bad_escape, &error_of(bad_escape), why), None);
    }
}
