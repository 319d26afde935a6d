//! Writing a queue's batches back into the program: the Inputs panel's rows replace the list
//! literal they came from, and the program's clock grows to run every batch.

use super::{apply, error, ComposeError, Edit};
use crate::outline::{Outline, QueueBatches};

/// Whether `row` can stand as one Python expression on one line, as far as can be told without
/// parsing it: not empty, brackets that pair, strings that close. (The run reports anything
/// else at its line.)
pub fn check_row(row: &str) -> Result<(), String> {
    let row = row.trim();
    if row.is_empty() {
        return Err("empty: write a Python value, e.g. [1, 2, 3]".into());
    }
    let mut open: Vec<char> = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '[' | '(' | '{' => open.push(c),
                ']' | ')' | '}' => {
                    let want = match c {
                        ']' => '[',
                        ')' => '(',
                        _ => '{',
                    };
                    if open.pop() != Some(want) {
                        return Err(format!("`{c}` closes nothing"));
                    }
                }
                '\n' => return Err("one line, please".into()),
                '#' => return Err("no comments here".into()),
                _ => {}
            },
        }
    }
    if let Some(q) = quote {
        return Err(format!("a string is not closed (add {q})"));
    }
    if let Some(c) = open.pop() {
        let close = match c {
            '[' => ']',
            '(' => ')',
            _ => '}',
        };
        return Err(format!("`{c}` is not closed (add {close})"));
    }
    Ok(())
}

/// The list literal for `rows`, one per line under `indent`.
fn literal(q: &QueueBatches, rows: &[String]) -> String {
    if rows.is_empty() {
        return "[]".into();
    }
    let mut out = String::from("[\n");
    for row in rows {
        let item = q.wrap.replace("{}", row.trim());
        out.push_str(&format!("{}    {item},\n", q.indent));
    }
    out.push_str(&q.indent);
    out.push(']');
    out
}

/// `source` with the batches of its queue number `queue` (in [`Outline::queues`]) replaced by
/// `rows`. When there are more batches than the program runs, its `# batches: N` header and its
/// `sleep(N)` grow to run them all.
pub fn set_queue(
    source: &str,
    outline: &Outline,
    queue: usize,
    rows: &[String],
) -> Result<String, ComposeError> {
    let Some(q) = outline.queues.get(queue) else {
        return error("the program has no such queue (run it again)");
    };
    let Some(batches) = &q.batches else {
        return Err(ComposeError(q.locked.clone().unwrap_or_default()));
    };
    for (i, row) in rows.iter().enumerate() {
        check_row(row).map_err(|e| ComposeError(format!("batch {}: {e}", i + 1)))?;
    }
    let mut edits: Vec<Edit> = vec![(batches.span, literal(batches, rows))];
    let header = crate::golden::header(source);
    let wanted = rows.len() as u64;
    // The header is the comment lines the program starts with (as `golden::header` reads it).
    let mut at = 0;
    let mut line = None;
    for l in source.split_inclusive('\n') {
        if !l.starts_with('#') {
            break;
        }
        if l.starts_with("# batches:") {
            line = Some((at, at + l.trim_end().len()));
            break;
        }
        at += l.len();
    }
    if let (Some(line), true) = (line, header.batches < wanted) {
        edits.push((line, format!("# batches: {wanted}")));
        for (span, n) in &outline.sleeps {
            if *n as u64 == header.batches {
                edits.push((*span, wanted.to_string()));
            }
        }
    }
    Ok(apply(source, edits))
}

/// `source` with its settings ([`Outline::settings`]) set to `values`, one per setting, each a
/// number.
pub fn set_settings(
    source: &str,
    outline: &Outline,
    values: &[String],
) -> Result<String, ComposeError> {
    let mut edits: Vec<Edit> = Vec::new();
    for (s, v) in outline.settings.iter().zip(values) {
        let v = v.trim();
        if !is_number(v) {
            return error(format!("{}: a number, e.g. {}", s.name, s.value));
        }
        if v != s.value {
            edits.push((s.span, v.to_string()));
        }
    }
    Ok(apply(source, edits))
}

/// Whether `v` is a Python int or float literal, optionally negative (`10`, `-2`, `0.5`,
/// `1e-3`), told by its characters: parsing floats would carry float parsing into the page.
fn is_number(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let int = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (int(a) || a.is_empty()) && (int(b) || b.is_empty()) && !(a.is_empty() && b.is_empty())
        }
        None => int(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| int(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}
