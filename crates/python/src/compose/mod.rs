//! Writing PySpark programs from the playground's operator palette and Inputs panel. The program
//! text stays the source of truth: a palette choice becomes a line of PySpark inserted before
//! `ssc.start()` (with the import or checkpoint it needs), an edited queue is written back over
//! its list literal, and a new pipeline is a whole program. Every program written here runs on
//! real PySpark as well as on Eddy.
//!
//! These functions only splice text at the places an [`Outline`] names; they do not parse, so
//! the page can call them without carrying the parser (the worker makes the outline).

pub mod catalog;
mod queue;
mod skeleton;

use std::fmt::Write;

use eddy_core::Duration;

use crate::outline::Outline;
pub use catalog::{operation, Choice, Kind, Operation, Param, GROUPS, OPERATIONS};
pub use queue::{check_row, set_queue, set_settings};
pub use skeleton::{skeleton, Source};

/// Why the palette cannot write what was asked, said so the user can fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ComposeError(pub String);

fn error<T>(message: impl Into<String>) -> Result<T, ComposeError> {
    Err(ComposeError(message.into()))
}

/// One palette choice: `name = input.operation(args)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The input stream's name.
    pub input: String,
    /// The operation's PySpark name.
    pub operation: String,
    /// One value per parameter of the operation, as typed (`""` leaves an optional one out).
    pub args: Vec<String>,
    /// The new stream's name (unused for output operations).
    pub name: String,
    /// Also print the new stream (`name.pprint()`).
    pub pprint: bool,
    /// How long one slide of the input stream is: window parameters count these.
    pub unit: Duration,
}

/// Seconds as a Python literal (`3`, `1.5`, `0.25`), from whole milliseconds: decimal digits,
/// with no float formatting (which would pull the engine's float printing into the page).
pub fn secs(d: Duration) -> String {
    let ms = d.millis();
    let (sign, ms) = if ms < 0 { ("-", -ms) } else { ("", ms) };
    if ms % 1000 == 0 {
        return format!("{sign}{}", ms / 1000);
    }
    let fraction = format!("{:03}", ms % 1000);
    format!("{sign}{}.{}", ms / 1000, fraction.trim_end_matches('0'))
}

/// `text` as a Python string literal, quoted as Python's `repr` quotes it.
fn string_literal(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's keywords, which cannot name a stream.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Whether `name` can be a new top-level name of the program.
pub fn check_name(name: &str, outline: &Outline) -> Result<(), ComposeError> {
    let mut chars = name.chars();
    let first = chars.next();
    if !first.is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        || !chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
    {
        return error(format!(
            "`{name}` is not a Python name: use letters, digits and _, not starting with a digit"
        ));
    }
    if KEYWORDS.contains(&name) {
        return error(format!("`{name}` is a Python keyword"));
    }
    if outline.names.iter().any(|n| n == name) {
        return error(format!("the program already uses the name `{name}`"));
    }
    Ok(())
}

/// A name for a new stream from `base` that the program does not use yet.
pub fn fresh_name(base: &str, outline: &Outline) -> String {
    let taken = |n: &str| outline.names.iter().any(|m| m == n);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}{i}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}

/// The operator functions a palette choice may name bare, which `from operator import` brings.
const OPERATOR_NAMES: &[&str] = &["add", "sub", "mul"];

/// The text of one argument.
fn argument(
    p: &Param,
    value: &str,
    unit: Duration,
    streams: &[String],
) -> Result<String, ComposeError> {
    Ok(match p.kind {
        Kind::Func(_) => {
            check_row(value).map_err(|e| ComposeError(format!("{}: {e}", p.label)))?;
            value.to_string()
        }
        Kind::Stream => {
            if !streams.iter().any(|s| s == value) {
                return error(format!("{}: pick one of the program's streams", p.label));
            }
            value.to_string()
        }
        Kind::Slides => match value.parse::<i64>() {
            Ok(n) if n >= 1 => secs(Duration(unit.millis().saturating_mul(n))),
            _ => return error(format!("{}: a whole number of batches, 1 or more", p.label)),
        },
        Kind::Int => match value.parse::<i64>() {
            Ok(n) if n >= 1 => n.to_string(),
            _ => return error(format!("{}: a whole number, 1 or more", p.label)),
        },
        Kind::Text => string_literal(value),
    })
}

/// The call `input.operation(args)` for `step`.
pub fn call(step: &Step, streams: &[String]) -> Result<String, ComposeError> {
    let Some(op) = operation(&step.operation) else {
        return error(format!("no DStream operation `{}`", step.operation));
    };
    if !streams.contains(&step.input) {
        return error(format!("`{}` is not a stream of the program", step.input));
    }
    let mut positional: Vec<String> = Vec::new();
    let mut pending_none = 0;
    let mut keywords: Vec<String> = Vec::new();
    for (i, p) in op.params.iter().enumerate() {
        let value = step.args.get(i).map_or("", |s| s.trim());
        if value.is_empty() {
            if !p.optional {
                return error(format!("{}: required", p.label));
            }
            if !p.keyword {
                pending_none += 1;
            }
            continue;
        }
        let text = argument(p, value, step.unit, streams)?;
        if p.keyword {
            keywords.push(format!("{}={text}", p.name));
        } else {
            positional.extend(std::iter::repeat_n("None".to_string(), pending_none));
            pending_none = 0;
            positional.push(text);
        }
    }
    // `pprint(10)` is `pprint()`.
    if op.name == "pprint" && positional == ["10"] {
        positional.clear();
    }
    positional.extend(keywords);
    Ok(format!(
        "{}.{}({})",
        step.input,
        op.name,
        positional.join(", ")
    ))
}

/// The line printing the stream `name` of `op` each batch: `name.pprint()`, through
/// [`Operation::print_as`] when Spark would print its values as an object's address.
pub fn print_line(op: &Operation, name: &str) -> String {
    match op.print_as {
        Some(through) => format!("{name}.{through}.pprint()"),
        None => format!("{name}.pprint()"),
    }
}

/// An edit of the program text: replace `span` with `text`.
type Edit = ((usize, usize), String);

/// Applies edits that do not overlap, from the last to the first so spans stay right. (A
/// handful of edits: picked by a scan, not sorted, which keeps sorting code out of the page.)
fn apply(source: &str, mut edits: Vec<Edit>) -> String {
    let mut out = source.to_string();
    while let Some(last) = (0..edits.len()).max_by_key(|&i| edits[i].0) {
        let ((a, b), text) = edits.swap_remove(last);
        out.replace_range(a..b, &text);
    }
    out
}

/// Where text inserted "before `at`" goes: after the last line that is not blank before it,
/// so the new lines join the program's pipeline rather than sit after its blank line.
fn before_blank_lines(source: &str, at: usize) -> usize {
    let mut pos = at;
    while pos > 0 {
        let prev_start = source[..pos - 1].rfind('\n').map_or(0, |i| i + 1);
        if source[prev_start..pos].trim().is_empty() {
            pos = prev_start;
        } else {
            break;
        }
    }
    pos
}

/// The edits adding `from operator import name`.
fn import_operator(source: &str, outline: &Outline, names: &[&str], edits: &mut Vec<Edit>) {
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            !outline
                .operator_import
                .as_ref()
                .is_some_and(|(_, have)| have.iter().any(|h| h == n))
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    match &outline.operator_import {
        Some((span, have)) => {
            // In alphabetical order, as the presets write them (a few names: inserted in place).
            let mut all: Vec<&str> = Vec::new();
            for name in have.iter().map(String::as_str).chain(missing) {
                if let Err(at) = all.binary_search(&name) {
                    all.insert(at, name);
                }
            }
            edits.push((*span, format!("from operator import {}", all.join(", "))));
        }
        None => {
            // Before the first import, else after the header comments.
            let at = outline.first_import.unwrap_or_else(|| {
                let mut at = 0;
                for line in source.split_inclusive('\n') {
                    if !line.starts_with('#') {
                        break;
                    }
                    at += line.len();
                }
                at
            });
            edits.push((
                (at, at),
                format!("from operator import {}\n", missing.join(", ")),
            ));
        }
    }
}

/// `source` with `step` added before its `ssc.start()`, with `from operator import …` and
/// `ssc.checkpoint("checkpoint")` when the step needs them. `streams` are the program's stream
/// names (from its last run).
pub fn add_step(
    source: &str,
    outline: &Outline,
    streams: &[String],
    step: &Step,
) -> Result<String, ComposeError> {
    if let Some(e) = &outline.error {
        return error(format!("fix the program first: {e}"));
    }
    let (Some(context), Some(start)) = (&outline.context, outline.start) else {
        return error(
            "the palette adds lines before the program's `ssc.start()`, and this program has \
             none at its top level: add one, or start a new pipeline",
        );
    };
    let Some(op) = operation(&step.operation) else {
        return error(format!("no DStream operation `{}`", step.operation));
    };
    let call = call(step, streams)?;
    let mut lines = String::new();
    if op.output {
        writeln!(lines, "{call}").ok();
    } else {
        check_name(&step.name, outline)?;
        writeln!(lines, "{} = {call}", step.name).ok();
        if step.pprint {
            writeln!(lines, "{}", print_line(op, &step.name)).ok();
        }
    }
    let at = before_blank_lines(source, start);
    let mut edits: Vec<Edit> = vec![((at, at), lines)];
    let named: Vec<&str> = (op.params.iter().zip(&step.args))
        .filter(|(p, _)| matches!(p.kind, Kind::Func(_)))
        .filter_map(|(_, a)| OPERATOR_NAMES.iter().copied().find(|n| a.trim() == *n))
        .collect();
    import_operator(source, outline, &named, &mut edits);
    if op.needs_checkpoint(&step.args) && !outline.checkpoint {
        let at = outline.after_context.unwrap_or(start);
        edits.push(((at, at), format!("{context}.checkpoint(\"checkpoint\")\n")));
    }
    Ok(apply(source, edits))
}

#[cfg(test)]
mod tests;
