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
        let name = path.display().to_string();
        let (file, diagnostics, problem, not_read) = match load_checked(rubric, path) {
            Ok(checked) => (checked.file, checked.warnings, None, false),
            Err(LoadError::Invalid { file, diagnostics }) => {
                (Some(*file), diagnostics, None, false)
            }
            Err(other @ LoadError::Io { .. }) => (None, Vec::new(), Some(other.to_string()), true),
            Err(other) => (None, Vec::new(), Some(other.to_string()), false),
        };
        let errors =
            diagnostics.iter().filter(|d| d.is_error()).count() + usize::from(problem.is_some());
        let warnings = diagnostics.len() - diagnostics.iter().filter(|d| d.is_error()).count();
        if not_read {
            unread += 1;
        } else if errors > 0 {
            invalid += 1;
        }
        match args.format {
            Format::Text => {
                if let Some(problem) = &problem {
                    let _ = writeln!(text, "error: {problem}");
                }
                text.push_str(&render(file.as_ref(), &diagnostics));
                if not_read {
                    // Not a file with problems: a file that could not be read at all.
                    let _ = writeln!(text, "{name}: NOT READ\n");
                } else {
                    let verdict = if errors > 0 { "INVALID" } else { "valid" };
                    let _ = writeln!(text, "{name}: {verdict} ({})\n", counts(errors, warnings));
                }
            }
            Format::Json => {
                let mut located: Vec<_> = diagnostics
                    .iter()
                    .map(|d| d.locate(file.as_ref()))
                    .collect::<Vec<_>>();
                if let Some(problem) = problem {
                    let mut d = Diagnostic::error("unreadable", problem).locate(None);
                    d.file = Some(name.clone());
                    located.push(d);
                }
                json_files.push(json!({
                    "file": name,
                    "valid": errors == 0,
                    "errors": errors,
                    "warnings": warnings,
                    "diagnostics": located,
                }));
            }
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

fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
