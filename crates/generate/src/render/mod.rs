//! Renderers: each lays a document's [`View`] out in one format, from templates that
//! compose no prose of their own (the view has every sentence). One trait, so the batch, the
//! county's documents and the command line loop over the renderers asked for instead of
//! naming formats: adding a format is a module implementing [`Renderer`] and one line in
//! [`Format`].
//!
//! - [`pdf`]: tagged PDF (PDF/UA-1, optionally PDF/A-3a) typeset by Typst inside the binary.
//! - [`html`]: accessible web pages and fragments, by minijinja.
//! - [`sandbox`]: documents made with a person's own templates, in a process of their own,
//!   within time and memory limits.

pub mod html;
pub mod pdf;
pub mod sandbox;

use std::path::{Path, PathBuf};

use crate::view::View;

/// A format a document can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A tagged PDF.
    Pdf,
    /// A web page (or a fragment of one).
    Html,
}

impl Format {
    /// Every format, in the order documents list them.
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Html];

    /// The file extension of this format's documents.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// The options of every renderer.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// For PDFs.
    pub pdf: pdf::PdfOptions,
    /// For web pages.
    pub html: html::HtmlOptions,
}

impl Format {
    /// The renderer of this format, made with `options`: the one place formats are listed.
    pub fn renderer(self, options: &RenderOptions) -> Result<Box<dyn Renderer>, RenderError> {
        let failed = |source: Box<dyn std::error::Error + Send + Sync>| RenderError {
            format: self,
            source,
        };
        Ok(match self {
            Format::Pdf => {
                Box::new(pdf::PdfRenderer::new(&options.pdf).map_err(|e| failed(Box::new(e)))?)
            }
            Format::Html => {
                Box::new(html::HtmlRenderer::new(&options.html).map_err(|e| failed(Box::new(e)))?)
            }
        })
    }
}

/// The renderers of `formats`, in that order.
pub fn renderers(
    formats: &[Format],
    options: &RenderOptions,
) -> Result<Vec<Box<dyn Renderer>>, RenderError> {
    formats.iter().map(|f| f.renderer(options)).collect()
}

/// A failure to render, with the format it happened in.
#[derive(Debug, thiserror::Error)]
#[error("{source}")]
pub struct RenderError {
    /// The format.
    pub format: Format,
    /// What went wrong, as the renderer's own error.
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

/// Lays a view out in one format.
pub trait Renderer: Send + Sync {
    /// The format it makes.
    fn format(&self) -> Format;

    /// The document's bytes.
    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError>;

    /// The templates it uses, by name, built-in or replaced: what a build's fingerprint of
    /// its documents includes, so a changed template remakes them.
    fn templates(&self) -> &[(String, String)];
}

/// Why a folder of templates or fonts cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("cannot read {path}: {message}")]
pub struct ReadError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// Every file in `dir` whose extension (lower-cased) is one of `extensions`, sorted by name
/// so results do not depend on the order the file system lists them in.
pub(crate) fn files_with(
    dir: &Path,
    extensions: &[&str],
) -> Result<Vec<(String, Vec<u8>)>, ReadError> {
    let io = |path: &Path, e: std::io::Error| ReadError {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let path = entry.map_err(|e| io(dir, e))?.path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if extensions.contains(&ext.as_str()) {
            let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, bytes));
        }
    }
    out.sort();
    Ok(out)
}

/// Every template in `dir` with one of `extensions`, as UTF-8 text, by file name.
pub(crate) fn templates_in(
    dir: &Path,
    extensions: &[&str],
) -> Result<Vec<(String, String)>, ReadError> {
    files_with(dir, extensions)?
        .into_iter()
        .map(|(name, bytes)| {
            String::from_utf8(bytes)
                .map(|text| (name.clone(), text))
                .map_err(|_| ReadError {
                    path: dir.join(&name),
                    message: "not UTF-8 text".into(),
                })
        })
        .collect()
}
