//! A program's text with its line index: byte offsets from the parser become the 1-based
//! lines and columns that errors and tracebacks show.

use ruff_text_size::{TextRange, TextSize};

/// A program's source.
#[derive(Debug)]
pub struct Source {
    /// The file name tracebacks show.
    pub name: String,
    /// The text.
    pub text: String,
    line_starts: Vec<u32>,
}

impl Source {
    /// Indexes `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        Source {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, at: TextSize) -> u32 {
        self.line_starts.partition_point(|&s| s <= at.to_u32()) as u32
    }

    /// The 1-based (line, column) of a byte offset; columns count characters.
    pub fn line_col(&self, at: TextSize) -> (u32, u32) {
        let line = self.line_of(at);
        let start = self.line_starts[line as usize - 1] as usize;
        let end = (at.to_u32() as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(0, |s| s.chars().count()) as u32 + 1;
        (line, col)
    }

    /// The text of a 1-based line.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let start = *self.line_starts.get(line as usize - 1)? as usize;
        let end = self
            .line_starts
            .get(line as usize)
            .map_or(self.text.len(), |&e| e as usize);
        self.text
            .get(start..end)
            .map(|s| s.trim_end_matches(['\n', '\r']))
    }

    /// The text of a range.
    pub fn slice(&self, range: TextRange) -> &str {
        self.text
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or("")
    }
}
