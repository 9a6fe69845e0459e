//! Source text and positions: the file a rubric or assessment was read from, byte spans into
//! it, and their translation to the 1-based line and column numbers people see in errors.

use std::fmt;
use std::ops::Range;

/// A byte range in a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from a byte range.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A 1-based line and column. Columns count characters, not bytes, so they match what an
/// editor shows for text with accents or curly quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A named text that spans point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    mac_line_ends: bool,
}

impl SourceFile {
    /// A source file called `name` (usually its path, as the user gave it) with this text.
    ///
    /// A leading UTF-8 byte order mark is dropped: Windows editors add one, and it is not
    /// part of the TOML. Old Mac line ends (a carriage return alone) are read as line
    /// feeds, one byte for one so every position stays the same: TOML allows only LF and
    /// CRLF, and without this a whole file is one line, every problem reported on it
    /// ([`SourceFile::has_mac_line_ends`] says so, for a warning).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let bytes = text.as_bytes();
        let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        let mac_line_ends = (0..bytes.len()).any(lone_cr);
        if mac_line_ends {
            let fixed: Vec<u8> = (0..bytes.len())
                .map(|i| if lone_cr(i) { b'\n' } else { bytes[i] })
                .collect();
            // Replacing one ASCII byte by another keeps the text UTF-8.
            text = String::from_utf8(fixed).unwrap_or_default();
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            mac_line_ends,
        }
    }

    /// Whether the file had old Mac line ends (a carriage return alone), read as line feeds.
    pub fn has_mac_line_ends(&self) -> bool {
        self.mac_line_ends
    }

    /// The file's name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line and column of a byte offset (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        Location {
            line: line_index + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The source text under a span.
    pub fn slice(&self, span: Span) -> &str {
        let start = self.floor_char_boundary(span.start.min(self.text.len()));
        let end = self
            .floor_char_boundary(span.end.min(self.text.len()))
            .max(start);
        &self.text[start..end]
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let file = SourceFile::new("t.toml", "a = 1\nname = “Å”\n");
        assert_eq!(file.location(0), Location { line: 1, column: 1 });
        let quote = file.text().find('Å').unwrap_or_default();
        assert_eq!(file.location(quote), Location { line: 2, column: 9 });
        assert_eq!(file.line(2), "name = “Å”");
    }

    #[test]
    fn old_mac_line_ends_are_read_as_lines_in_place() {
        let file = SourceFile::new("t.toml", "a = 1\rb = 2\r\nc = 3\r");
        assert!(file.has_mac_line_ends());
        assert_eq!(file.text(), "a = 1\nb = 2\r\nc = 3\n");
        assert_eq!(file.line(2), "b = 2");
        assert_eq!(file.location(6), Location { line: 2, column: 1 });
        assert!(!SourceFile::new("t", "a\r\nb\n").has_mac_line_ends());
    }

    #[test]
    fn byte_order_mark_and_crlf_are_harmless() {
        let file = SourceFile::new("t.toml", "\u{feff}a = 1\r\nb = 2\r\n");
        assert_eq!(file.text(), "a = 1\r\nb = 2\r\n");
        assert_eq!(file.line(1), "a = 1");
        assert_eq!(file.location(7), Location { line: 2, column: 1 });
    }
}
