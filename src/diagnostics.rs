//! Turns the libraries' diagnostics into text for people (source line, caret, hint) or JSON
//! for programs. This is the one place that decides how problems look at the terminal.
//!
//! Output stays small and safe whatever the file: at most `MAX_DIAGNOSTICS` problems a file
//! (the library caps them), each showing only a window of its source line around the
//! problem (a whole file on one line once printed 3.4 GB), with control characters shown as
//! placeholders so the terminal obeys none of them.

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use sendbench_core::{Diagnostic, LoadError, Severity, SourceFile};

/// How much of a source line is shown on either side of a problem, in bytes (about as many
/// characters in most text).
const CONTEXT: usize = 60;

/// Renders diagnostics against their file as terminal text.
pub fn render(file: Option<&SourceFile>, diagnostics: &[Diagnostic]) -> String {
    let name = file.map_or("<assessment>", SourceFile::name);
    let text = file.map_or_else(String::new, |f| placeholders(f.text()));
    let config = Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let mut report = Report::new(severity).with_code(d.code);
        let mut notes = Vec::new();
        let mut window = Window::new(name, &text);
        match d.span.filter(|_| file.is_some()) {
            Some(span) => {
                report = report.with_message(d.message.clone());
                let mut labels = vec![Label::primary((), window.show(span.range()))];
                for (span, note) in &d.related {
                    labels.push(
                        Label::secondary((), window.show(span.range())).with_message(note.clone()),
                    );
                }
                report = report.with_labels(labels);
            }
            None => {
                // Without a span codespan prints no file name: say which file it is.
                report = report.with_message(format!("{name}: {}", d.message));
            }
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        report = report.with_notes(notes);
        // Writing to a String cannot fail except on a span outside the text, which the
        // library never produces; fall back to the one-line form if it ever does.
        if term::emit_to_string(&mut out, &config, &window, &report).is_err() {
            out.push_str(&format!("{}\n", d.locate(file)));
        }
    }
    // Messages quote what the file says: escape any control character left in them.
    crate::terminal::safe(&out).into_owned()
}

/// Renders a load failure: every diagnostic, or the I/O problem.
pub fn render_load_error(error: &LoadError) -> String {
    match error {
        LoadError::Invalid { file, diagnostics } => render(Some(file), diagnostics),
        other => crate::terminal::safe(&format!("error: {other}\n")).into_owned(),
    }
}

/// Renders a return the intake could not use: every problem in place for a TOML file, else
/// one line naming the file.
pub fn render_return_error(path: &std::path::Path, error: &sendbench_batch::ReturnError) -> String {
    match error {
        sendbench_batch::ReturnError::Invalid {
            file: Some(file),
            diagnostics,
        } => render(Some(file), diagnostics),
        sendbench_batch::ReturnError::Invalid {
            file: None,
            diagnostics,
        } => render(None, diagnostics).replace("<assessment>", &path.display().to_string()),
        other => {
            crate::terminal::safe(&format!("error: {}: {other}\n", path.display())).into_owned()
        }
    }
}

/// `text` with each control character (but line feed and tab) replaced by a placeholder of
/// the same length in bytes, so every position in the file still points at the same place.
fn placeholders(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                match c.len_utf8() {
                    1 => '?',
                    // U+FFFD is three bytes and U+00BF two: the widths of C1 controls.
                    _ => '¿',
                }
            } else {
                c
            }
        })
        .collect()
}

/// The file as codespan sees it for one diagnostic: each line shown is cut to a window
/// around the parts of it the diagnostic points at; line and column numbers stay the file's.
struct Window<'a> {
    name: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
    /// Per line index, the part of it to show.
    clips: HashMap<usize, Range<usize>>,
}

impl<'a> Window<'a> {
    fn new(name: &'a str, text: &'a str) -> Window<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Window {
            name,
            text,
            line_starts,
            clips: HashMap::new(),
        }
    }

    fn line_of(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    fn full_line(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        start..end.max(start)
    }

    fn floor(&self, mut i: usize) -> usize {
        i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    fn ceil(&self, mut i: usize) -> usize {
        i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    /// Makes the lines of `range` show around it, and returns the range to label: the same,
    /// unless it runs past what is shown of a long line.
    fn show(&mut self, range: Range<usize>) -> Range<usize> {
        let start = self.floor(range.start);
        let end = self.ceil(range.end.max(start));
        let (first, last) = (self.line_of(start), self.line_of(end));
        let line = self.full_line(first);
        let from = self.floor(start.saturating_sub(CONTEXT).max(line.start));
        let limit = if first == last { end } else { start };
        let to = self.ceil((limit.max(start) + CONTEXT).min(line.end).max(from));
        self.widen(first, from..to);
        let mut label_end = end;
        if first == last {
            label_end = label_end.min(to);
        } else {
            let line = self.full_line(last);
            let from = self.floor(end.saturating_sub(CONTEXT).max(line.start));
            let to = self.ceil((end + CONTEXT).min(line.end).max(from));
            self.widen(last, from..to);
        }
        start..label_end.max(start)
    }

    fn widen(&mut self, line: usize, range: Range<usize>) {
        let clip = self.clips.entry(line).or_insert(range.clone());
        clip.start = clip.start.min(range.start);
        clip.end = clip.end.max(range.end);
    }
}

impl<'a> Files<'a> for Window<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_of(byte_index))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        if line_index >= self.line_starts.len() {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: self.line_starts.len() - 1,
            });
        }
        Ok(self
            .clips
            .get(&line_index)
            .cloned()
            .unwrap_or_else(|| self.full_line(line_index)))
    }

    /// The column in the whole line, not in the window shown.
    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let line = self.full_line(line_index);
        let byte = self.floor(byte_index.clamp(line.start, line.end));
        Ok(self.text[line.start..byte].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_on_a_long_line_shows_a_window_of_it_and_the_true_column() {
        let long = format!("name = \"{}\u{7}{}\"\n", "a".repeat(5000), "b".repeat(5000));
        let file = SourceFile::new("t.toml", long.clone());
        let at = long.find('\u{7}').unwrap_or_default();
        let d =
            Diagnostic::error("unprintable", "bad").at(Some(sendbench_core::Span::new(at, at + 1)));
        let text = render(Some(&file), &[d]);
        assert!(text.len() < 1000, "{} bytes", text.len());
        assert!(text.contains("t.toml:1:5009"), "{text}");
        assert!(!text.contains('\u{7}'));
    }
}
