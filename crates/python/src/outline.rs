//! What the playground's operator palette and Inputs panel need to know about a program's text,
//! found by parsing it (not running it): where `ssc.start()` is, whether it checkpoints, what it
//! imports from `operator`, and the queues whose batches are written out in the program.
//!
//! It lives here, beside the parser, and runs in the Web Worker: the page only splices text at
//! the places an [`Outline`] names ([`crate::compose`]), so the page's bundle carries no parser.

use ruff_python_ast::{Expr, Number, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// A byte range of the program text, `start..end`.
pub type Span = (usize, usize);

/// The places in a program that the palette and the Inputs panel write at.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Outline {
    /// The program's syntax error, if it has one (then nothing else is filled in).
    pub error: Option<String>,
    /// The name the `StreamingContext(...)` is bound to at the top level (`ssc`).
    pub context: Option<String>,
    /// Where the line after the statement making the `StreamingContext` starts: where an
    /// `ssc.checkpoint(...)` line goes.
    pub after_context: Option<usize>,
    /// Whether the program calls `checkpoint(...)` on its streaming context.
    pub checkpoint: bool,
    /// Where the line of the top-level `ssc.start()` starts.
    pub start: Option<usize>,
    /// Where the line of the first top-level import starts (where a new import goes).
    pub first_import: Option<usize>,
    /// The top-level `from operator import …` statement and the names it imports.
    pub operator_import: Option<(Span, Vec<String>)>,
    /// Every name the program binds or imports at the top level (new streams must not reuse
    /// one).
    pub names: Vec<String>,
    /// The `N` of every top-level `sleep(N)` with an int literal (the program's clock).
    pub sleeps: Vec<(Span, i64)>,
    /// The program's `queueStream`s, in the order they appear.
    pub queues: Vec<Queue>,
    /// Top-level names set to a number (`rate = 10`): the knobs of a generator or a data set's
    /// batching, which the Inputs panel lets the user change.
    pub settings: Vec<Setting>,
}

/// `name = number` at the top level of a program.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Setting {
    /// The name.
    pub name: String,
    /// The number's literal.
    pub span: Span,
    /// Its source text.
    pub value: String,
    /// The comment after it on its line, if any (`orders per batch`).
    pub comment: Option<String>,
}

/// One `queueStream(...)` call of the program.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Queue {
    /// The stream's name, when the call is bound to one (`left = ssc.queueStream(...)`).
    pub name: Option<String>,
    /// The call's line (1-based).
    pub line: u32,
    /// Its batches, when the program writes them out as a list.
    pub batches: Option<QueueBatches>,
    /// Otherwise, why they cannot be edited outside the program. (Two options rather than a
    /// `Result`: the page decodes this, and serde's `Result` costs it ~4 KB of code.)
    pub locked: Option<String>,
}

/// Batches written out in the program as a list literal, one element per batch.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QueueBatches {
    /// The list literal, brackets included.
    pub span: Span,
    /// Each element's source text on one line.
    pub rows: Vec<String>,
    /// How an element is written back: `{}`, or `sc.parallelize({})` when the literal is a list
    /// of `parallelize` calls (then the rows are their arguments).
    pub wrap: String,
    /// The expression that makes an element a batch, when it is not just the element
    /// (`sc.parallelize(t.splitlines())` for `for t in texts`): shown to the user.
    pub via: Option<String>,
    /// The indentation of the line the literal starts on.
    pub indent: String,
}

/// The outline of `text`.
pub fn outline(text: &str) -> Outline {
    let module = match ruff_python_parser::parse_module(text) {
        Ok(p) => p.into_syntax(),
        Err(e) => {
            return Outline {
                error: Some(format!("SyntaxError: {}", e.error)),
                ..Outline::default()
            }
        }
    };
    let body = &module.body;
    let slice = |r: TextRange| &text[r.start().to_usize()..r.end().to_usize()];
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_after = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    let mut out = Outline::default();
    for stmt in body {
        match stmt {
            Stmt::Assign(a) => {
                if let ([Expr::Name(n)], Expr::NumberLiteral(v)) = (&*a.targets, &*a.value) {
                    let span = (v.range.start().to_usize(), v.range.end().to_usize());
                    let rest = &text[span.1..line_after(span.1)];
                    let comment = (rest.trim_start().strip_prefix('#'))
                        .map(|c| c.trim().to_string())
                        .filter(|c| !c.is_empty());
                    out.settings.push(Setting {
                        name: n.id.to_string(),
                        span,
                        value: slice(v.range).to_string(),
                        comment,
                    });
                }
                for t in &a.targets {
                    if let Expr::Name(n) = t {
                        out.names.push(n.id.to_string());
                        if call_name(&a.value) == Some("StreamingContext") {
                            out.context = Some(n.id.to_string());
                            out.after_context = Some(line_after(a.range.end().to_usize()));
                        }
                    }
                }
            }
            Stmt::Import(i) => {
                out.first_import
                    .get_or_insert(line_start(i.range.start().to_usize()));
                for alias in &i.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    let top = bound.id.split('.').next().unwrap_or_default();
                    out.names.push(top.to_string());
                }
            }
            Stmt::ImportFrom(i) => {
                out.first_import
                    .get_or_insert(line_start(i.range.start().to_usize()));
                let names: Vec<String> = (i.names.iter())
                    .map(|a| a.asname.as_ref().unwrap_or(&a.name).id.to_string())
                    .collect();
                out.names.extend(names.iter().cloned());
                let module = i.module.as_ref().map(|m| m.id.as_str());
                if module == Some("operator") && i.level == 0 && out.operator_import.is_none() {
                    let plain = i.names.iter().all(|a| a.asname.is_none());
                    if plain && !slice(i.range).contains(['(', '\\', '\n']) {
                        let span = (i.range.start().to_usize(), i.range.end().to_usize());
                        out.operator_import = Some((span, names));
                    }
                }
            }
            Stmt::FunctionDef(f) => out.names.push(f.name.id.to_string()),
            Stmt::ClassDef(c) => out.names.push(c.name.id.to_string()),
            Stmt::For(f) => {
                if let Expr::Name(n) = &*f.target {
                    out.names.push(n.id.to_string());
                }
            }
            Stmt::Expr(e) => {
                if let Expr::Call(call) = &*e.value {
                    let ctx = out.context.as_deref();
                    if let Expr::Attribute(at) = &*call.func {
                        let on_context =
                            matches!(&*at.value, Expr::Name(n) if Some(n.id.as_str()) == ctx);
                        match at.attr.id.as_str() {
                            "start" if on_context && out.start.is_none() => {
                                out.start = Some(line_start(call.range().start().to_usize()));
                            }
                            "checkpoint" if on_context => out.checkpoint = true,
                            _ => {}
                        }
                    }
                    if call_name(&e.value) == Some("sleep") {
                        if let [Expr::NumberLiteral(n)] = &*call.arguments.args {
                            if let Number::Int(i) = &n.value {
                                if let Some(v) = i.as_i64() {
                                    let span =
                                        (n.range.start().to_usize(), n.range.end().to_usize());
                                    out.sleeps.push((span, v));
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out.names.sort();
    out.names.dedup();
    for (i, stmt) in body.iter().enumerate() {
        let mut calls = Vec::new();
        match stmt {
            Stmt::Assign(a) => queue_calls(&a.value, &mut calls),
            Stmt::Expr(e) => queue_calls(&e.value, &mut calls),
            _ => {}
        }
        let bound = match stmt {
            Stmt::Assign(a) => match (&*a.targets, &*a.value) {
                ([Expr::Name(n)], Expr::Call(c)) if is_queue_call(c) => Some(n.id.to_string()),
                _ => None,
            },
            _ => None,
        };
        for call in calls {
            let line = 1 + text[..call.start].matches('\n').count() as u32;
            let batches = match &call.queue {
                Some(q) => batches(text, q, &body[..i]),
                None => Err("the queue is not given to queueStream as its first argument".into()),
            };
            let (batches, locked) = match batches {
                Ok(b) => (Some(b), None),
                Err(why) => (None, Some(why)),
            };
            out.queues.push(Queue {
                name: bound.clone(),
                line,
                batches,
                locked,
            });
        }
    }
    out
}

/// A `queueStream(...)` call found in a statement: where it starts and its queue argument.
struct QueueCall {
    start: usize,
    queue: Option<Expr>,
}

/// The `queueStream(...)` calls in `e`: the expression itself, the calls its method chain and
/// arguments hold (`ssc.queueStream(q).map(f)`, `model.trainOn(ssc.queueStream(q))`). A small
/// walk of its own: ruff's full visitor, instantiated here, cost the worker ~15 KB of code.
fn queue_calls(e: &Expr, out: &mut Vec<QueueCall>) {
    match e {
        Expr::Call(c) => {
            if is_queue_call(c) {
                let queue = (c.arguments.args.first())
                    .or_else(|| c.arguments.find_keyword("rdds").map(|k| &k.value))
                    .cloned();
                out.push(QueueCall {
                    start: c.range().start().to_usize(),
                    queue,
                });
            }
            queue_calls(&c.func, out);
            for a in &*c.arguments.args {
                queue_calls(a, out);
            }
            for k in &*c.arguments.keywords {
                queue_calls(&k.value, out);
            }
        }
        Expr::Attribute(a) => queue_calls(&a.value, out),
        _ => {}
    }
}

fn is_queue_call(c: &ruff_python_ast::ExprCall) -> bool {
    matches!(&*c.func, Expr::Attribute(a) if a.attr.id.as_str() == "queueStream")
}

/// `f` of a call `f(...)` or `m.f(...)`.
fn call_name(e: &Expr) -> Option<&str> {
    match e {
        Expr::Call(c) => match &*c.func {
            Expr::Name(n) => Some(n.id.as_str()),
            Expr::Attribute(a) => Some(a.attr.id.as_str()),
            _ => None,
        },
        _ => None,
    }
}

/// `x.parallelize(arg)` with one argument: the callee's text and the argument.
fn parallelize<'e>(text: &str, e: &'e Expr) -> Option<(String, &'e Expr)> {
    let Expr::Call(c) = e else { return None };
    let Expr::Attribute(a) = &*c.func else {
        return None;
    };
    match (&*c.arguments.args, c.arguments.keywords.is_empty()) {
        ([arg], true) if a.attr.id.as_str() == "parallelize" => {
            let r = c.func.range();
            Some((
                text[r.start().to_usize()..r.end().to_usize()].to_string(),
                arg,
            ))
        }
        _ => None,
    }
}

/// The batches of the queue `q`, which `before` (the top-level statements before the call's)
/// may bind.
fn batches(text: &str, q: &Expr, before: &[Stmt]) -> Result<QueueBatches, String> {
    let src = |e: &Expr| text[e.range().start().to_usize()..e.range().end().to_usize()].to_string();
    match q {
        Expr::List(list) => {
            let calls: Option<Vec<(String, &Expr)>> =
                list.elts.iter().map(|e| parallelize(text, e)).collect();
            match calls {
                Some(calls) if !calls.is_empty() && calls.iter().all(|c| c.0 == calls[0].0) => {
                    let args: Vec<&Expr> = calls.iter().map(|c| c.1).collect();
                    literal(
                        text,
                        list.range,
                        &args,
                        format!("{}({{}})", calls[0].0),
                        None,
                    )
                }
                _ => {
                    let elts: Vec<&Expr> = list.elts.iter().collect();
                    literal(text, list.range, &elts, "{}".into(), None)
                }
            }
        }
        Expr::ListComp(comp) => {
            let [g] = &*comp.generators else {
                return Err(format!("the batches come from `{}`", src(q)));
            };
            if !g.ifs.is_empty() || g.is_async {
                return Err(format!("the batches come from `{}`", src(q)));
            }
            let via = match (&*comp.elt, parallelize(text, &comp.elt)) {
                (e, _) if same_name(e, &g.target) => None,
                (_, Some((_, arg))) if same_name(arg, &g.target) => None,
                _ => Some(src(&comp.elt)),
            };
            elements(text, &g.iter, before, via)
        }
        Expr::Name(n) => match binding(n.id.as_str(), before) {
            Some(Bound::Value(v)) => match v {
                Expr::List(l) if l.elts.is_empty() => {
                    // `q = []` then `for x in xs: q += [sc.parallelize(x)]` (the seed programs).
                    let Some((iter, via)) = filled_by_loop(text, n.id.as_str(), before) else {
                        return Err(format!(
                            "the queue `{}` is filled by code Eddy cannot follow",
                            n.id
                        ));
                    };
                    elements(text, iter, before, via)
                }
                other => batches(text, other, before),
            },
            _ => Err(format!("`{}` is not a list written in the program", n.id)),
        },
        other => Err(format!("the batches come from `{}`", src(other))),
    }
}

fn same_name(a: &Expr, b: &Expr) -> bool {
    matches!((a, b), (Expr::Name(x), Expr::Name(y)) if x.id == y.id)
}

/// The batches that are the elements of `iter` (a list literal, or a name bound to one).
fn elements(
    text: &str,
    iter: &Expr,
    before: &[Stmt],
    via: Option<String>,
) -> Result<QueueBatches, String> {
    let src = |e: &Expr| text[e.range().start().to_usize()..e.range().end().to_usize()].to_string();
    match iter {
        Expr::List(l) => {
            let elts: Vec<&Expr> = l.elts.iter().collect();
            literal(text, l.range, &elts, "{}".into(), via)
        }
        Expr::Name(n) => match binding(n.id.as_str(), before) {
            Some(Bound::Value(Expr::List(l))) => {
                let elts: Vec<&Expr> = l.elts.iter().collect();
                literal(text, l.range, &elts, "{}".into(), via)
            }
            _ => Err(format!(
                "the batches come from `{}`, which is not a list written in the program",
                n.id
            )),
        },
        other => Err(format!(
            "the batches come from `{}`, not a list written in the program",
            src(other)
        )),
    }
}

/// The rows of a list literal's elements.
fn literal(
    text: &str,
    range: TextRange,
    elts: &[&Expr],
    wrap: String,
    via: Option<String>,
) -> Result<QueueBatches, String> {
    let rows = elts
        .iter()
        .map(|e| {
            let r = e.range();
            one_line(&text[r.start().to_usize()..r.end().to_usize()]).ok_or_else(|| {
                "a batch spans lines with comments or long strings: edit it in the program"
                    .to_string()
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let start = range.start().to_usize();
    let line = &text[text[..start].rfind('\n').map_or(0, |i| i + 1)..start];
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    Ok(QueueBatches {
        span: (start, range.end().to_usize()),
        rows,
        wrap,
        via,
        indent,
    })
}

enum Bound<'a> {
    Value(&'a Expr),
}

/// The value of the last top-level `name = value` in `before`.
fn binding<'a>(name: &str, before: &'a [Stmt]) -> Option<Bound<'a>> {
    before.iter().rev().find_map(|s| match s {
        Stmt::Assign(a) => match &*a.targets {
            [Expr::Name(n)] if n.id.as_str() == name => Some(Bound::Value(&a.value)),
            _ => None,
        },
        _ => None,
    })
}

/// `for x in xs: q += [e]` or `q.append(e)` in `before`: `xs`, and `e` when it is not
/// `x` or `sc.parallelize(x)`.
fn filled_by_loop<'a>(
    text: &str,
    queue: &str,
    before: &'a [Stmt],
) -> Option<(&'a Expr, Option<String>)> {
    before.iter().rev().find_map(|s| {
        let Stmt::For(f) = s else { return None };
        let [stmt] = &*f.body else { return None };
        let added: &Expr = match stmt {
            Stmt::AugAssign(a) if matches!(&*a.target, Expr::Name(n) if n.id.as_str() == queue) => {
                match &*a.value {
                    Expr::List(l) if l.elts.len() == 1 => &l.elts[0],
                    _ => return None,
                }
            }
            Stmt::Expr(e) => match &*e.value {
                Expr::Call(c) => match (&*c.func, &*c.arguments.args) {
                    (Expr::Attribute(a), [arg])
                        if a.attr.id.as_str() == "append"
                            && matches!(&*a.value, Expr::Name(n) if n.id.as_str() == queue) =>
                    {
                        arg
                    }
                    _ => return None,
                },
                _ => return None,
            },
            _ => return None,
        };
        let plain = same_name(added, &f.target)
            || parallelize(text, added).is_some_and(|(_, arg)| same_name(arg, &f.target));
        let r = added.range();
        let via = (!plain).then(|| text[r.start().to_usize()..r.end().to_usize()].to_string());
        Some((&*f.iter, via))
    })
}

/// `src` on one line: line breaks (and the indentation after them) outside strings become one
/// space, or nothing next to a bracket. `None` when it holds a comment or a triple-quoted string.
pub fn one_line(src: &str) -> Option<String> {
    if !src.contains('\n') {
        return Some(src.to_string());
    }
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.get(i));
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '#' => return None,
                '\'' | '"' => {
                    if chars.get(i) == Some(&c) && chars.get(i + 1) == Some(&c) {
                        return None;
                    }
                    quote = Some(c);
                    out.push(c);
                }
                '\\' if chars.get(i) == Some(&'\n') => {}
                '\n' => {
                    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                        i += 1;
                    }
                    let trimmed = out.trim_end().len();
                    out.truncate(trimmed);
                    let open = out.ends_with(['[', '(', '{']);
                    let close = chars.get(i).is_some_and(|c| matches!(c, ']' | ')' | '}'));
                    if close && out.ends_with(',') {
                        out.pop();
                    }
                    if !open && !close {
                        out.push(' ');
                    }
                }
                _ => out.push(c),
            },
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_A: &str = include_str!("../../../static/presets/seed_a_reduce_add.py");
    const JOIN: &str = include_str!("../../../static/presets/join_two_streams.py");
    const ORDERS: &str = include_str!("../../../static/presets/orders_top5_clients.py");
    const WINDOW: &str = include_str!("../../../static/presets/window_4_slide_2.py");
    const WORDS: &str = include_str!("../../../static/presets/wordcount_text_batches.py");

    #[test]
    fn the_seed_programs_queue_filled_by_a_loop_is_their_literal_list() {
        let o = outline(SEED_A);
        assert_eq!(o.context.as_deref(), Some("ssc"));
        assert!(!o.checkpoint);
        assert_eq!(&SEED_A[o.start.unwrap()..][..12], "ssc.start()\n");
        assert_eq!(o.operator_import.as_ref().unwrap().1, ["add"]);
        assert_eq!(o.sleeps.iter().map(|s| s.1).collect::<Vec<_>>(), [7]);
        let q = o.queues[0].batches.as_ref().unwrap();
        assert_eq!(o.queues[0].name.as_deref(), Some("inputStream"));
        assert_eq!(
            q.rows,
            [
                "[1, 2, 3]",
                "[0]",
                "[4, 4, 4]",
                "[0, 0, 0, 25]",
                "[1, -1, 10]"
            ]
        );
        assert_eq!(q.wrap, "{}");
        assert!(q.via.is_none());
        assert!(SEED_A[q.span.0..q.span.1].starts_with("[\n    [1, 2, 3],"));
    }

    #[test]
    fn literal_lists_of_parallelize_calls_are_rows_of_their_arguments() {
        let o = outline(JOIN);
        let names: Vec<_> = o.queues.iter().map(|q| q.name.as_deref()).collect();
        assert_eq!(names, [Some("left"), Some("right")]);
        let q = o.queues[1].batches.as_ref().unwrap();
        assert_eq!(q.wrap, "sc.parallelize({})");
        assert_eq!(q.rows[0], r#"[("a", "x"), ("b", "y"), ("b", "z")]"#);
    }

    #[test]
    fn multi_line_batches_are_shown_on_one_line() {
        let o = outline(ORDERS);
        let q = o.queues[0].batches.as_ref().unwrap();
        assert_eq!(q.rows.len(), 4);
        assert!(q.rows[0].starts_with("['2016-03-22 20:25:28,1,80,EPE,710,51.00,B', '2016"));
        assert!(q.rows[0].ends_with(",52.50,S']"), "{}", q.rows[0]);
        assert_eq!(q.rows[2], "[]");
        assert!(o.checkpoint);
    }

    #[test]
    fn computed_queues_say_where_their_batches_come_from() {
        let o = outline(WINDOW);
        let e = o.queues[0].locked.as_ref().unwrap();
        assert!(e.contains("range(1, 8)"), "{e}");
        let o = outline(WORDS);
        let q = o.queues[0].batches.as_ref().unwrap();
        assert_eq!(q.via.as_deref(), Some("sc.parallelize(t.splitlines())"));
    }

    #[test]
    fn one_line_keeps_strings_and_drops_breaks_next_to_brackets() {
        assert_eq!(
            one_line("[\n  'a,\\n b',\n  'c'\n]").unwrap(),
            "['a,\\n b', 'c']"
        );
        assert_eq!(one_line("[1,  # one\n 2]"), None);
        assert_eq!(one_line("['''a\nb''']"), None);
    }

    #[test]
    fn numbers_set_at_the_top_level_are_settings_with_their_comments() {
        let o = outline("rate = 10  # orders per batch\nseed = 7\nx = [1]\ndef f():\n    y = 2\n");
        let s: Vec<_> = (o.settings.iter())
            .map(|s| (s.name.as_str(), s.value.as_str(), s.comment.as_deref()))
            .collect();
        assert_eq!(
            s,
            [
                ("rate", "10", Some("orders per batch")),
                ("seed", "7", None)
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_all_an_outline_says() {
        let o = outline("x = (\n");
        assert!(o.error.unwrap().starts_with("SyntaxError"));
        assert!(o.queues.is_empty());
    }
}
