//! Turns the libraries' diagnostics into text for people (source line, caret, hint) or JSON
//! for programs. This is the one place that decides how problems look at the terminal.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use sendbench_core::{Diagnostic, LoadError, Severity, SourceFile};

/// Renders diagnostics against their file as terminal text.
pub fn render(file: Option<&SourceFile>, diagnostics: &[Diagnostic]) -> String {
    let (name, text) = match file {
        Some(f) => (f.name(), f.text()),
        None => ("<assessment>", ""),
    };
    let files = SimpleFile::new(name, text);
    let config = Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
        };
        let mut report = Report::new(severity).with_code(d.code);
        let mut notes = Vec::new();
        match d.span.filter(|_| file.is_some()) {
            Some(span) => {
                report = report.with_message(d.message.clone());
                let mut labels = vec![Label::primary((), span.range())];
                for (span, note) in &d.related {
                    labels.push(Label::secondary((), span.range()).with_message(note.clone()));
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
        if term::emit_to_string(&mut out, &config, &files, &report).is_err() {
            out.push_str(&format!("{}\n", d.locate(file)));
        }
    }
    out
}

/// Renders a load failure: every diagnostic, or the I/O problem.
pub fn render_load_error(error: &LoadError) -> String {
    match error {
        LoadError::Invalid { file, diagnostics } => render(Some(file), diagnostics),
        other => format!("error: {other}\n"),
    }
}

/// Renders a return the intake could not use: every problem in place for a TOML file, else
/// one line naming the file.
pub fn render_return_error(path: &std::path::Path, error: &sendbench_build::ReturnError) -> String {
    match error {
        sendbench_build::ReturnError::Invalid {
            file: Some(file),
            diagnostics,
        } => render(Some(file), diagnostics),
        sendbench_build::ReturnError::Invalid {
            file: None,
            diagnostics,
        } => render(None, diagnostics).replace("<assessment>", &path.display().to_string()),
        other => format!("error: {}: {other}\n", path.display()),
    }
}
