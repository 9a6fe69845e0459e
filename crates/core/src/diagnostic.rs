//! Problems found in a rubric or an assessment, each pointing at where it is and saying what
//! to do about it. Everything that reads a file collects all of its problems before giving
//! up, so a school fixes its file in one pass rather than one error at a time.

use std::fmt;

use serde::Serialize;

use crate::source::{SourceFile, Span};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used until it is fixed.
    Error,
    /// The file can be used, but something is missing or looks wrong.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, with where it is, what was found and a hint for fixing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case name for the kind of problem (`unknown-level`), for scripts.
    pub code: &'static str,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The TOML key path it concerns (`outcomes.1.strands.a.judgement`), where there is one.
    pub path: Option<String>,
    /// Where in the file, when the value came from a file.
    pub span: Option<Span>,
    /// What to do about it.
    pub help: Option<String>,
    /// Other places that explain this one (the first of two duplicates, say).
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            path: None,
            span: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// A new warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points the diagnostic at a span.
    pub fn at(mut self, span: impl Into<Option<Span>>) -> Self {
        self.span = span.into();
        self
    }

    /// Names the key path concerned.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place.
    pub fn related(mut self, span: Option<Span>, note: impl Into<String>) -> Self {
        if let Some(span) = span {
            self.related.push((span, note.into()));
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic resolved against its file: line, column and the offending text, ready
    /// to print or to serialise as JSON.
    pub fn locate(&self, file: Option<&SourceFile>) -> LocatedDiagnostic {
        let (start, end, found) = match (file, self.span) {
            (Some(file), Some(span)) => {
                let found = file.slice(span);
                // Long values (a page of evidence) are cut so that messages stay readable.
                let found = if found.chars().count() > 80 {
                    let cut: String = found.chars().take(77).collect();
                    format!("{cut}...")
                } else {
                    found.to_owned()
                };
                (
                    Some(file.location(span.start)),
                    Some(file.location(span.end)),
                    Some(found),
                )
            }
            _ => (None, None, None),
        };
        LocatedDiagnostic {
            file: file.map(|f| f.name().to_owned()),
            severity: self.severity,
            code: self.code,
            message: self.message.clone(),
            path: self.path.clone(),
            line: start.map(|l| l.line),
            column: start.map(|l| l.column),
            end_line: end.map(|l| l.line),
            end_column: end.map(|l| l.column),
            found,
            help: self.help.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// A [`Diagnostic`] with its position worked out, as printed by `validate --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedDiagnostic {
    /// The file's name, if the value came from a file.
    pub file: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// Kind of problem.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// The TOML key path.
    pub path: Option<String>,
    /// 1-based line of the start.
    pub line: Option<usize>,
    /// 1-based column of the start, in characters.
    pub column: Option<usize>,
    /// 1-based line of the end.
    pub end_line: Option<usize>,
    /// 1-based column just past the end.
    pub end_column: Option<usize>,
    /// The offending text, shortened if long.
    pub found: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl fmt::Display for LocatedDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line, self.column) {
            (Some(file), Some(line), Some(column)) => write!(f, "{file}:{line}:{column}: ")?,
            (Some(file), _, _) => write!(f, "{file}: ")?,
            _ => {}
        }
        write!(f, "{}: {}", self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The most problems reported for one file. A file with more is not one with many small
/// slips but the wrong file, or one mangled on the way (a 12 KB file with old Mac line ends
/// once gave 3,999): the first problems say what is wrong, and output stays small whatever
/// the file.
pub const MAX_DIAGNOSTICS: usize = 50;

/// Keeps the first [`MAX_DIAGNOSTICS`] (in the order given) and, if any were left out, adds
/// one saying how many, so the count is never hidden.
pub fn cap(diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.len() <= MAX_DIAGNOSTICS {
        return;
    }
    let rest = diagnostics.split_off(MAX_DIAGNOSTICS);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let message = format!(
        "and {} more problem(s) not shown ({errors} error(s), {} warning(s))",
        rest.len(),
        rest.len() - errors
    );
    let help = "fix the problems above and check the file again; so many usually means the wrong file, or one damaged on the way";
    diagnostics.push(if errors > 0 {
        Diagnostic::error("more", message).help(help)
    } else {
        Diagnostic::warning("more", message).help(help)
    });
}

/// Orders diagnostics for reading: errors first, then in file order (those without a place
/// last), so the most useful line is at the top.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.severity, d.span.map_or(usize::MAX, |s| s.start)));
}

/// Suggests the closest of `candidates` to a mistyped `word`, if one is close enough to be
/// what was meant ("exemplery" gives "exemplary"; "banana" gives nothing).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let levels = ["emerging", "expected", "exemplary"];
        assert_eq!(did_you_mean("exemplery", levels), Some("exemplary"));
        assert_eq!(did_you_mean("Expectd", levels), Some("expected"));
        assert_eq!(did_you_mean("banana", levels), None);
    }
}
