//! A cheap scan of a program's text, before it is parsed, that rejects nesting deeper than the
//! interpreter can walk (SyntaxError at the line and column where it goes too deep).
//!
//! Ruff's parser has no nesting limit: natively it grows its stack (`stacker`), in wasm it
//! cannot, and the AST it builds is walked by recursive code everywhere after it (the
//! interpreter's `eval`, about 1.5 KB of native stack per level in a release build and much
//! more in debug, and even `Drop`). `-(-(-(…)))`, `[[[…]]]`, `1+1+…+1`, `f()()()`, `a.b.c…` and
//! `lambda: lambda: …` all nest the AST one level per operator, so the scan counts operators as
//! well as brackets: it over-estimates the AST's depth (`a + b * c` counts 2) and never
//! under-estimates it, since strings (f-strings with their replacement fields included) and
//! comments are skipped exactly as Python's tokenizer skips them. CPython stops at 200 nested
//! brackets and 100 levels of indentation; so does Eddy, and at 200 levels of operators too.

/// The most nested brackets and operators one expression may have.
pub const MAX_NESTING: u32 = 200;
/// The most levels of indentation (CPython's limit).
pub const MAX_INDENT: usize = 100;

/// Where a program nests too deeply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooDeep {
    /// The byte offset.
    pub at: usize,
    /// `SyntaxError`, or `IndentationError`.
    pub class: &'static str,
    /// What is too deep.
    pub message: &'static str,
}

#[derive(Clone, Copy)]
enum Kind {
    /// A logical line (or an expression compiled on its own).
    Line,
    /// Inside `(`, `[` or `{`, closed by the byte given.
    Bracket(u8),
    /// A string literal: its quote, whether it is triple-quoted, whether it has replacement
    /// fields (`f"…"`, `t"…"`).
    Str {
        quote: u8,
        triple: bool,
        interp: bool,
    },
    /// A replacement field of an f-string (`{…}`); `spec` once past its `:` (format spec).
    Field { spec: bool, triple: bool },
}

#[derive(Clone, Copy)]
struct Frame {
    kind: Kind,
    /// The nesting where it starts.
    depth: u32,
    /// Operators since the last `,` in it: each nests the AST one level deeper.
    ops: u32,
}

impl Frame {
    fn new(kind: Kind, depth: u32) -> Self {
        Frame {
            kind,
            depth,
            ops: 0,
        }
    }

    fn level(&self) -> u32 {
        self.depth.saturating_add(self.ops)
    }
}

fn too_deep(at: usize, message: &'static str) -> TooDeep {
    let class = if message == TOO_MANY_INDENTS {
        "IndentationError"
    } else {
        "SyntaxError"
    };
    TooDeep { at, class, message }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Checks a module's (or an expression's) text.
pub fn check(text: &str) -> Result<(), TooDeep> {
    let s = text.as_bytes();
    let mut stack = vec![Frame::new(Kind::Line, 0)];
    let mut indents: Vec<usize> = vec![0];
    let mut i = 0;
    let mut line_start = true;
    while i < s.len() {
        let top = *stack.last().expect("the line frame is never popped");
        let b = s[i];
        match top.kind {
            Kind::Str {
                quote,
                triple,
                interp,
            } => {
                if b == b'\\' {
                    i += 2;
                } else if b == quote && (!triple || s[i..].starts_with(&[quote; 3])) {
                    stack.pop();
                    i += if triple { 3 } else { 1 };
                } else if (b == b'\n' || b == b'\r') && !triple {
                    // Unterminated: the parser reports it.
                    stack.pop();
                } else if interp && b == b'{' {
                    if s.get(i + 1) == Some(&b'{') {
                        i += 2;
                    } else {
                        let depth = top.depth.saturating_add(1);
                        if depth > MAX_NESTING {
                            return Err(too_deep(i, NESTED_F_STRINGS));
                        }
                        stack.push(Frame::new(
                            Kind::Field {
                                spec: false,
                                triple,
                            },
                            depth,
                        ));
                        i += 1;
                    }
                } else {
                    i += 1;
                }
                continue;
            }
            Kind::Field { spec: true, triple } => {
                // A format spec is text, with replacement fields of its own.
                let below = stack.len().checked_sub(2).map(|j| stack[j].kind);
                match b {
                    b'{' => {
                        let depth = top.depth.saturating_add(1);
                        if depth > MAX_NESTING {
                            return Err(too_deep(i, NESTED_F_STRINGS));
                        }
                        stack.push(Frame::new(
                            Kind::Field {
                                spec: false,
                                triple,
                            },
                            depth,
                        ));
                        i += 1;
                    }
                    b'}' => {
                        stack.pop();
                        i += 1;
                    }
                    b'\n' | b'\r' if !triple => {
                        stack.pop();
                    }
                    _ => match below {
                        // The string's own quote ends it (unterminated field).
                        Some(Kind::Str { quote, .. }) if b == quote => {
                            stack.pop();
                        }
                        _ => i += 1,
                    },
                }
                continue;
            }
            _ => {}
        }
        // Code: a logical line, brackets, or a replacement field's expression.
        if line_start {
            line_start = false;
            let mut width = 0;
            let mut j = i;
            while j < s.len() && matches!(s[j], b' ' | b'\t' | b'\x0c') {
                width = if s[j] == b'\t' {
                    (width / 8 + 1) * 8
                } else {
                    width + 1
                };
                j += 1;
            }
            i = j;
            if j < s.len() && !matches!(s[j], b'\n' | b'\r' | b'#') {
                while indents.last().is_some_and(|&w| w > width) {
                    indents.pop();
                }
                if indents.last().is_none_or(|&w| w < width) {
                    indents.push(width);
                }
                if indents.len() > MAX_INDENT {
                    return Err(too_deep(j, TOO_MANY_INDENTS));
                }
            }
            continue;
        }
        let frame = stack.last_mut().expect("the line frame is never popped");
        match b {
            b'\n' | b'\r' => {
                if stack.len() == 1 {
                    stack[0].ops = 0;
                    line_start = true;
                }
                i += 1;
            }
            b'\\' => {
                // A line continuation (or a stray backslash: the parser reports it).
                i += 1;
                if s.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if s.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'#' => {
                while i < s.len() && !matches!(s[i], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                let depth = frame.level().saturating_add(1);
                if depth > MAX_NESTING {
                    let brackets = stack
                        .iter()
                        .filter(|f| matches!(f.kind, Kind::Bracket(_)))
                        .count();
                    let message = if brackets as u32 >= MAX_NESTING {
                        NESTED_BRACKETS
                    } else {
                        NESTED_TOO_DEEPLY
                    };
                    return Err(too_deep(i, message));
                }
                let close = match b {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                stack.push(Frame::new(Kind::Bracket(close), depth));
                i += 1;
            }
            b')' | b']' | b'}' => {
                match frame.kind {
                    Kind::Bracket(close) if close == b => {
                        stack.pop();
                    }
                    Kind::Field { .. } if b == b'}' => {
                        stack.pop();
                    }
                    // A stray closer: the parser reports it; counting on is safe.
                    _ => {}
                }
                // What was closed is an operand that a call or a subscript may nest in.
                if let Some(outer) = stack.last_mut() {
                    if matches!(
                        outer.kind,
                        Kind::Line | Kind::Bracket(_) | Kind::Field { .. }
                    ) {
                        outer.ops = outer.ops.saturating_add(1);
                    }
                }
                i += 1;
            }
            b':' if matches!(frame.kind, Kind::Field { .. }) && s.get(i + 1) != Some(&b'=') => {
                if let Kind::Field { triple, .. } = frame.kind {
                    frame.kind = Kind::Field { spec: true, triple };
                }
                i += 1;
            }
            b',' | b';' => {
                frame.ops = 0;
                i += 1;
            }
            b'\'' | b'"' => {
                let triple = s[i..].starts_with(&[b; 3]);
                let depth = frame.level();
                stack.push(Frame::new(
                    Kind::Str {
                        quote: b,
                        triple,
                        interp: false,
                    },
                    depth,
                ));
                i += if triple { 3 } else { 1 };
            }
            b'0'..=b'9' => i = skip_number(s, i),
            b'.' if s.get(i + 1).is_some_and(u8::is_ascii_digit) => i = skip_number(s, i),
            _ if is_word_byte(b) => {
                let start = i;
                while i < s.len() && is_word_byte(s[i]) {
                    i += 1;
                }
                let word = &s[start..i];
                if let Some(&q @ (b'\'' | b'"')) = s.get(i) {
                    let prefix = word.to_ascii_lowercase();
                    const PREFIXES: [&[u8]; 11] = [
                        b"r", b"u", b"b", b"br", b"rb", b"f", b"fr", b"rf", b"t", b"tr", b"rt",
                    ];
                    if PREFIXES.contains(&prefix.as_slice()) {
                        let triple = s[i..].starts_with(&[q; 3]);
                        let interp = prefix.contains(&b'f') || prefix.contains(&b't');
                        let depth = frame.level();
                        stack.push(Frame::new(
                            Kind::Str {
                                quote: q,
                                triple,
                                interp,
                            },
                            depth,
                        ));
                        i += if triple { 3 } else { 1 };
                        continue;
                    }
                }
                if matches!(word, b"not" | b"lambda" | b"if" | b"else" | b"await") {
                    frame.ops = frame.ops.saturating_add(1);
                    if frame.level() > MAX_NESTING {
                        return Err(too_deep(start, NESTED_TOO_DEEPLY));
                    }
                }
            }
            b'<' | b'>' if s.get(i + 1) == Some(&b) => {
                frame.ops = frame.ops.saturating_add(1);
                if frame.level() > MAX_NESTING {
                    return Err(too_deep(i, NESTED_TOO_DEEPLY));
                }
                i += 2;
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' | b'~' | b'.' => {
                frame.ops = frame.ops.saturating_add(1);
                if frame.level() > MAX_NESTING {
                    return Err(too_deep(i, NESTED_TOO_DEEPLY));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

const NESTED_TOO_DEEPLY: &str =
    "expression nested too deeply (Eddy allows 200 levels of brackets and operators)";
const NESTED_BRACKETS: &str = "too many nested parentheses";
const NESTED_F_STRINGS: &str = "too many nested f-strings";
const TOO_MANY_INDENTS: &str = "too many levels of indentation";

/// Skips a number literal (`12`, `1_000`, `1.5e-3`, `0x1F`, `2j`) starting at `i`, and no more:
/// `1if x else 2` is `1`, `if`, `x`, `else`, `2`.
fn skip_number(s: &[u8], mut i: usize) -> usize {
    let digits = |mut i: usize, ok: fn(&u8) -> bool| {
        while s.get(i).is_some_and(|c| ok(c) || *c == b'_') {
            i += 1;
        }
        i
    };
    if s[i] == b'0' && s.get(i + 1).is_some_and(|c| b"xXoObB".contains(c)) {
        return digits(i + 2, u8::is_ascii_hexdigit);
    }
    i = digits(i, u8::is_ascii_digit);
    if s.get(i) == Some(&b'.') {
        i = digits(i + 1, u8::is_ascii_digit);
    }
    if s.get(i).is_some_and(|c| matches!(c, b'e' | b'E')) {
        let j = if s.get(i + 1).is_some_and(|c| matches!(c, b'+' | b'-')) {
            i + 2
        } else {
            i + 1
        };
        if s.get(j).is_some_and(u8::is_ascii_digit) {
            i = digits(j, u8::is_ascii_digit);
        }
    }
    if s.get(i).is_some_and(|c| matches!(c, b'j' | b'J')) {
        i += 1;
    }
    i
}

/// The deepest statements, expressions and patterns may nest in a parsed program: what
/// [`check`] lets through, with room to spare. Only a gap in [`check`] could reach it (the
/// fuzz targets assert that none does); it keeps the interpreter safe all the same.
pub const MAX_AST_DEPTH: u32 = MAX_NESTING + MAX_INDENT as u32 + 16;

/// Checks that the AST of `body` (or of one expression) nests at most [`MAX_AST_DEPTH`]
/// deep, walking no deeper than that itself.
pub fn check_ast<'a>(body: impl IntoIterator<Item = Node<'a>>) -> Result<(), TooDeep> {
    use ruff_python_ast::visitor::Visitor;
    let mut walk = Depth {
        depth: 0,
        deepest: None,
    };
    for node in body {
        match node {
            Node::Stmt(s) => walk.visit_stmt(s),
            Node::Expr(e) => walk.visit_expr(e),
        }
    }
    match walk.deepest {
        None => Ok(()),
        Some(at) => Err(TooDeep {
            at: at.to_usize(),
            class: "SyntaxError",
            message: NESTED_TOO_DEEPLY,
        }),
    }
}

/// A root for [`check_ast`].
#[derive(Clone, Copy)]
pub enum Node<'a> {
    /// A statement of a module.
    Stmt(&'a ruff_python_ast::Stmt),
    /// An expression compiled on its own.
    Expr(&'a ruff_python_ast::Expr),
}

struct Depth {
    depth: u32,
    deepest: Option<ruff_text_size::TextSize>,
}

impl Depth {
    fn enter(&mut self, at: ruff_text_size::TextSize, walk: impl FnOnce(&mut Self)) {
        if self.deepest.is_some() {
            return;
        }
        if self.depth >= MAX_AST_DEPTH {
            self.deepest = Some(at);
            return;
        }
        self.depth += 1;
        walk(self);
        self.depth -= 1;
    }
}

impl<'a> ruff_python_ast::visitor::Visitor<'a> for Depth {
    fn visit_stmt(&mut self, stmt: &'a ruff_python_ast::Stmt) {
        use ruff_text_size::Ranged;
        self.enter(stmt.start(), |v| {
            ruff_python_ast::visitor::walk_stmt(v, stmt)
        });
    }

    fn visit_expr(&mut self, expr: &'a ruff_python_ast::Expr) {
        use ruff_text_size::Ranged;
        self.enter(expr.start(), |v| {
            ruff_python_ast::visitor::walk_expr(v, expr)
        });
    }

    fn visit_pattern(&mut self, pattern: &'a ruff_python_ast::Pattern) {
        use ruff_text_size::Ranged;
        self.enter(pattern.start(), |v| {
            ruff_python_ast::visitor::walk_pattern(v, pattern)
        });
    }
}
