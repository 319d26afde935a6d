//! Python exceptions as the interpreter raises and catches them, with the frames they passed
//! through so a traceback can name the program's lines.

use std::fmt;
use std::rc::Rc;

/// One traceback entry: a line of the program and the function it was in.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// 1-based line.
    pub line: u32,
    /// `<module>`, a `def`'s name, or `<lambda>`.
    pub func: Rc<str>,
}

/// A raised Python exception. Boxed: every evaluation returns `Result<Obj, Exc>`, and a
/// one-pointer error keeps that result small on the interpreter's hot path.
#[derive(Clone, Debug, PartialEq)]
pub struct Exc(Box<ExcInfo>);

/// What an [`Exc`] holds (its fields are reached through `Deref`: `e.kind`, `e.msg`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExcInfo {
    /// The class name: `ValueError`, `ZeroDivisionError`, ….
    pub kind: Rc<str>,
    /// The message (`str(e)`).
    pub msg: String,
    /// Frames from the innermost outwards.
    pub trace: Vec<Frame>,
    /// The line where it was raised in the current frame, not yet pushed to `trace`.
    pub line: Option<u32>,
    /// Budget exhaustion: no `except` may catch it.
    pub fatal: bool,
}

impl Exc {
    /// A new exception of class `kind`.
    pub fn new(kind: &str, msg: impl Into<String>) -> Self {
        Exc(Box::new(ExcInfo {
            kind: kind.into(),
            msg: msg.into(),
            trace: Vec::new(),
            line: None,
            fatal: false,
        }))
    }

    /// A `TypeError`.
    pub fn type_error(msg: impl Into<String>) -> Self {
        Exc::new("TypeError", msg)
    }

    /// Marks it uncatchable.
    pub fn fatal(mut self) -> Self {
        self.fatal = true;
        self
    }

    /// Records the line of the statement it came through, if it has none for this frame yet.
    pub fn at(mut self, line: u32) -> Self {
        if self.line.is_none() {
            self.line = Some(line);
        }
        self
    }

    /// Closes the current frame (function `func`) as the exception leaves it.
    pub fn leave(mut self, func: &Rc<str>) -> Self {
        if let Some(line) = self.line.take() {
            self.trace.push(Frame {
                line,
                func: func.clone(),
            });
        }
        self
    }

    /// Whether `except <class>` catches it.
    pub fn is_instance(&self, class: &str) -> bool {
        !self.fatal && is_subclass(&self.kind, class)
    }

    /// A Python-style traceback naming `file` and the program's lines.
    pub fn traceback(&self, file: &str, source: &crate::source::Source) -> String {
        let mut out = String::from("Traceback (most recent call last):\n");
        for f in self.trace.iter().rev() {
            out.push_str(&format!(
                "  File \"{file}\", line {}, in {}\n",
                f.line, f.func
            ));
            if let Some(text) = source.line_text(f.line) {
                out.push_str(&format!("    {}\n", text.trim()));
            }
        }
        out.push_str(&self.to_string());
        out.push('\n');
        out
    }
}

impl std::ops::Deref for Exc {
    type Target = ExcInfo;
    fn deref(&self) -> &ExcInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Exc {
    fn deref_mut(&mut self) -> &mut ExcInfo {
        &mut self.0
    }
}

impl fmt::Display for Exc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.msg.is_empty() {
            f.write_str(&self.kind)
        } else {
            write!(f, "{}: {}", self.kind, self.msg)
        }
    }
}

impl Exc {
    /// The exception Python prints as `Kind: message` (the form the core's errors take), or
    /// one of class `fallback` carrying the whole text when it has no such form.
    pub fn from_printed(text: &str, fallback: &str) -> Exc {
        match text.split_once(": ") {
            Some((kind, msg)) if !kind.is_empty() && !kind.contains(' ') => Exc::new(kind, msg),
            _ => Exc::new(fallback, text),
        }
    }
}

impl From<eddy_core::value::ValueError> for Exc {
    fn from(e: eddy_core::value::ValueError) -> Self {
        Exc::from_printed(&e.to_string(), "TypeError")
    }
}

/// An engine operator's error inside the driver (an RDD operation): its Python exception, the
/// program line the engine appended left out. Errors that are not Python's are Spark's own.
impl From<eddy_core::operator::OpError> for Exc {
    fn from(e: eddy_core::operator::OpError) -> Self {
        let head = e.0.rsplit_once(" (line ").map_or(e.0.as_str(), |(h, _)| h);
        Exc::from_printed(head, "Py4JJavaError")
    }
}

/// The exception classes the subset knows, with their bases.
pub const CLASSES: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("ValueError", "Exception"),
    ("TypeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("AttributeError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("AssertionError", "Exception"),
    ("MemoryError", "Exception"),
    ("OSError", "Exception"),
    ("IOError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("SyntaxError", "Exception"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
];

fn is_subclass(kind: &str, class: &str) -> bool {
    let mut k = kind;
    loop {
        if k == class {
            return true;
        }
        match CLASSES.iter().find(|(name, _)| *name == k) {
            Some((_, base)) if !base.is_empty() => k = base,
            // Unknown classes (user-raised names) are Exceptions.
            None if class == "Exception" || class == "BaseException" => return true,
            _ => return false,
        }
    }
}
