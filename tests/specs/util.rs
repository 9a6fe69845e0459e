//! Small helpers for the command-line tests: run the built binary, read fixtures.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sendbench_pdf_text::Document;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The result of one run of `sendbench`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Panics with both streams unless the exit code is `code`.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// Runs `sendbench` with these arguments in the repository root.
pub fn sendbench(args: &[&str]) -> Run {
    sendbench_in(&root(), args)
}

/// Runs `sendbench` in a directory.
pub fn sendbench_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_sendbench"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("sendbench runs");
    Run::from(output)
}

/// Collapses runs of white space, for comparing text whose line breaks differ.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A PDF file opened for reading (by `sendbench-pdf-text`, in Rust); a file that is missing
/// or cannot be read panics with the reason.
pub fn pdf(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Document::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of a PDF as a reader gets it (as `pdftotext` reads it), white space collapsed.
/// A PDF that cannot be read panics: it never gives empty text under which an assertion
/// that something is absent would pass.
pub fn pdf_text(path: &Path) -> String {
    let text = pdf(path)
        .text()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    squash(&text)
}

/// The text of a web page as a reader gets it: tags dropped (inline ones without a trace,
/// others as a space), the entities sendbench writes decoded, white space collapsed, so the
/// same sentence can be looked for in a page and in its PDF.
pub fn html_text(path: &Path) -> String {
    const INLINE: [&str; 6] = ["strong", "em", "b", "i", "span", "a"];
    let html = std::fs::read_to_string(path).expect("the page");
    let body = &html[html
        .find("<body")
        .or_else(|| html.find("<section"))
        .unwrap_or(0)..];
    let mut text = String::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let name: String = rest[start + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.to_ascii_lowercase().as_str()) {
            text.push(' ');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    squash(&text)
}
