//! `sendbench validate`: every problem in each assessment file, for people or programs.

use std::fmt::Write;

use sendbench_core::{Diagnostic, LoadError, Rubric};
use serde_json::json;

use super::{assessment_files, load_checked, print};
use crate::cli::{Format, ValidateArgs};
use crate::diagnostics::render;
use crate::Failure;

/// Checks the files.
pub fn run(rubric: &Rubric, args: &ValidateArgs) -> Result<(), Failure> {
    let mut text = String::new();
    let mut json_files = Vec::new();
    let mut invalid = 0;
    let mut unread = 0;
    let files = assessment_files(&args.files);
    for path in &files {
        let checked = check(rubric, path);
        if checked.not_read {
            unread += 1;
        } else if checked.errors > 0 {
            invalid += 1;
        }
        match args.format {
            Format::Text => text.push_str(&checked.text()),
            Format::Json => json_files.push(checked.json()),
        }
    }
    match args.format {
        Format::Text => {
            if files.len() > 1 {
                let _ = writeln!(
                    text,
                    "{} files checked: {} valid, {invalid} invalid{}",
                    files.len(),
                    files.len() - invalid - unread,
                    if unread > 0 {
                        format!(", {unread} could not be read")
                    } else {
                        String::new()
                    }
                );
            }
            print(&text)?;
        }
        Format::Json => {
            let doc = json!({ "valid": invalid == 0, "files": json_files });
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
    }
    if invalid + unread > 0 {
        Err(Failure::reported())
    } else {
        Ok(())
    }
}

/// One file checked: its problems, or why it could not be read.
struct FileCheck {
    name: String,
    file: Option<sendbench_core::SourceFile>,
    diagnostics: Vec<Diagnostic>,
    /// A file that is not an assessment, or cannot be read.
    problem: Option<String>,
    /// Not a file with problems: a file that could not be read at all.
    not_read: bool,
    errors: usize,
    warnings: usize,
}

/// Reads and checks one file against the rubric.
fn check(rubric: &Rubric, path: &std::path::Path) -> FileCheck {
    let (file, diagnostics, problem, not_read) = match load_checked(rubric, path) {
        Ok(checked) => (checked.file, checked.warnings, None, false),
        Err(LoadError::Invalid { file, diagnostics }) => (Some(*file), diagnostics, None, false),
        Err(other @ LoadError::Io { .. }) => (None, Vec::new(), Some(other.to_string()), true),
        Err(other) => (None, Vec::new(), Some(other.to_string()), false),
    };
    let error_count = diagnostics.iter().filter(|d| d.is_error()).count();
    FileCheck {
        name: path.display().to_string(),
        errors: error_count + usize::from(problem.is_some()),
        warnings: diagnostics.len() - error_count,
        file,
        diagnostics,
        problem,
        not_read,
    }
}

impl FileCheck {
    /// Each problem shown at its place in the file, then the verdict.
    fn text(&self) -> String {
        let mut text = String::new();
        if let Some(problem) = &self.problem {
            let _ = writeln!(text, "error: {problem}");
        }
        text.push_str(&render(self.file.as_ref(), &self.diagnostics));
        let name = &self.name;
        if self.not_read {
            let _ = writeln!(text, "{name}: NOT READ\n");
        } else {
            let verdict = if self.errors > 0 { "INVALID" } else { "valid" };
            let counts = counts(self.errors, self.warnings);
            let _ = writeln!(text, "{name}: {verdict} ({counts})\n");
        }
        text
    }

    /// The file's entry in the JSON report.
    fn json(self) -> serde_json::Value {
        let mut located: Vec<_> = (self.diagnostics.iter())
            .map(|d| d.locate(self.file.as_ref()))
            .collect::<Vec<_>>();
        if let Some(problem) = self.problem {
            let mut d = Diagnostic::error("unreadable", problem).locate(None);
            d.file = Some(self.name.clone());
            located.push(d);
        }
        json!({
            "file": self.name,
            "valid": self.errors == 0,
            "errors": self.errors,
            "warnings": self.warnings,
            "diagnostics": located,
        })
    }
}

fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
