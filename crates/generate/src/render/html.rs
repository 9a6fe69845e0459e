//! Web pages: a document's view as accessible HTML, for a school's website or a Local Offer,
//! rendered by minijinja from the templates in `templates/html/` (embedded; a `.html` or
//! `.css` file of the same name in [`HtmlOptions::templates`] replaces the built-in one).
//! Templates ending `.html` escape every value they show, so user text is always text. A page
//! stands alone: no script, no request to any other address (the stylesheet is inline, fonts
//! are the reader's system fonts, charts are inline SVG with their figures also in a table).
//! A fragment is the body only, in a `<section class="sendbench-report">` with its styles
//! scoped under that class, for pasting into a website's editor; every id starts with a
//! prefix of its own document's ([`id_prefix`]), so fragments side by side never share
//! one. Same input, same bytes.
//! Replaced templates are rendered in the sandbox, within its limits, as replaced Typst
//! templates are.

use std::path::PathBuf;
use std::sync::Arc;

use minijinja::{context, AutoEscape, Environment, UndefinedBehavior, Value};
use serde::{Deserialize, Serialize};

use super::sandbox::{Request, Sandbox, SandboxError};
use super::{Format, ReadError, RenderError, Renderer};
use crate::view::View;

/// The templates built into the binary, by file name.
pub const TEMPLATES: [(&str, &str); 8] = [
    ("base.html", include_str!("../../templates/html/base.html")),
    (
        "macros.html",
        include_str!("../../templates/html/macros.html"),
    ),
    ("style.css", include_str!("../../templates/html/style.css")),
    (
        "sen-info.html",
        include_str!("../../templates/html/sen-info.html"),
    ),
    (
        "parents.html",
        include_str!("../../templates/html/parents.html"),
    ),
    (
        "governors.html",
        include_str!("../../templates/html/governors.html"),
    ),
    ("area.html", include_str!("../../templates/html/area.html")),
    (
        "county.html",
        include_str!("../../templates/html/county.html"),
    ),
];

/// A whole page or a fragment to paste into another page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// A complete, self-contained page (`<!DOCTYPE html>` to `</html>`).
    #[default]
    Page,
    /// The body only: a `<style>` scoped to the section's class, then the
    /// `<section class="sendbench-report">`; headings start at `<h2>`, as the host page has
    /// its own `<h1>`.
    Fragment,
}

/// How to make web pages.
#[derive(Clone, Default)]
pub struct HtmlOptions {
    /// A folder whose `.html` and `.css` files replace the built-in templates of the same
    /// name.
    pub templates: Option<PathBuf>,
    /// A whole page, or a fragment to paste into another.
    pub form: Form,
    /// The longest a page with replaced templates may take in the sandbox
    /// (the PDF's default if `None`).
    pub time_limit: Option<std::time::Duration>,
    /// Where pages with replaced templates are made, within the limits; without one, here.
    pub sandbox: Option<Arc<dyn Sandbox>>,
}

impl std::fmt::Debug for HtmlOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlOptions")
            .field("templates", &self.templates)
            .field("form", &self.form)
            .field("sandbox", &self.sandbox.is_some())
            .finish()
    }
}

/// Why a page could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum HtmlError {
    /// A template folder could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A template has an error (with its name and line).
    #[error("the page template has errors:\n{}", .0.join("\n"))]
    Template(Vec<String>),
    /// A replaced template ran past a limit and was stopped.
    #[error("{what}\n  hint: {hint}")]
    Limit {
        /// Which limit, and the template.
        what: String,
        /// What to do.
        hint: String,
    },
}

/// One page to render: its template, every template, its data and form, all it needs, so
/// it can be sent to a sandbox and made there as here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageJob {
    /// The template, by file name (`parents.html`).
    pub template: String,
    /// Every template, by file name.
    pub sources: Vec<(String, String)>,
    /// The view's data, as JSON.
    pub data: String,
    /// Whether it is a fragment.
    pub fragment: bool,
}

/// Makes web pages: templates are loaded once and shared (`HtmlRenderer` is `Sync`).
pub struct HtmlRenderer {
    env: Environment<'static>,
    sources: Vec<(String, String)>,
    replaced: bool,
    form: Form,
    time_limit: std::time::Duration,
    sandbox: Option<Arc<dyn Sandbox>>,
}

impl std::fmt::Debug for HtmlRenderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlRenderer").finish_non_exhaustive()
    }
}

impl HtmlRenderer {
    /// The built-in templates, with any `.html` or `.css` file in `options.templates`
    /// replacing the one of the same name.
    pub fn new(options: &HtmlOptions) -> Result<HtmlRenderer, HtmlError> {
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
            .collect();
        let mut replaced = false;
        if let Some(dir) = &options.templates {
            for (name, text) in super::templates_in(dir, &["html", "css"])? {
                replaced = true;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(entry) => entry.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let mut renderer = HtmlRenderer::with_sources(sources)?;
        renderer.replaced = replaced;
        renderer.form = options.form;
        renderer.time_limit = options.time_limit.unwrap_or(super::pdf::DEFAULT_TIME_LIMIT);
        renderer.sandbox = options.sandbox.clone();
        Ok(renderer)
    }

    /// A renderer over these templates, for whole pages, rendering here.
    pub fn with_sources(sources: Vec<(String, String)>) -> Result<HtmlRenderer, HtmlError> {
        let mut env = Environment::new();
        // Escaping is decided by the template's name: on for `.html`, off for `.css`.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        // Strings are escaped for HTML text and attributes (`&`, `<`, `>`, `"`, `'`), and no
        // more: minijinja's own formatter also escapes `/`, valid but leaving "2025&#x2f;26"
        // in the source a school pastes into its website's editor.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) if state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
                write_escaped(out, text).map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write")
                })
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        // A misspelt field is an error, not an empty string quietly left out.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        for (name, text) in &sources {
            env.add_template_owned(name.clone(), text.clone())
                .map_err(|e| template_error(&e))?;
        }
        Ok(HtmlRenderer {
            env,
            sources,
            replaced: false,
            form: Form::Page,
            time_limit: super::pdf::DEFAULT_TIME_LIMIT,
            sandbox: None,
        })
    }

    /// This renderer making `form` (a whole page or a fragment).
    pub fn with_form(mut self, form: Form) -> HtmlRenderer {
        self.form = form;
        self
    }

    /// A view as a page (or fragment, as the options say). Same input, same bytes.
    pub fn page(&self, view: &View) -> Result<String, HtmlError> {
        let template = format!("{}.html", view.template);
        let fragment = self.form == Form::Fragment;
        match (&self.sandbox, self.replaced) {
            (Some(sandbox), true) => {
                let data = serde_json::to_string(&view.data)
                    .map_err(|e| HtmlError::Template(vec![e.to_string()]))?;
                let job = PageJob {
                    template,
                    sources: self.sources.clone(),
                    data,
                    fragment,
                };
                self.sandboxed(sandbox.as_ref(), job)
            }
            _ => self.render_here(&template, Value::from_serialize(&view.data), fragment),
        }
    }

    /// A page job made here (what a sandbox does with one).
    pub fn page_here(&self, job: &PageJob) -> Result<String, HtmlError> {
        let data: serde_json::Value = serde_json::from_str(&job.data)
            .map_err(|e| HtmlError::Template(vec![e.to_string()]))?;
        self.render_here(&job.template, Value::from_serialize(&data), job.fragment)
    }

    fn sandboxed(&self, sandbox: &dyn Sandbox, job: PageJob) -> Result<String, HtmlError> {
        let template = job.template.clone();
        let limit = |what: String, hint: &str| HtmlError::Limit {
            what,
            hint: hint.to_owned(),
        };
        match sandbox.run(&Request::Html(job), self.time_limit) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| HtmlError::Template(vec![format!("{template}: not UTF-8")])),
            Err(SandboxError::Failed(json)) => Err(serde_json::from_slice(&json).unwrap_or_else(
                |_| HtmlError::Template(vec![format!("{template}: the sandbox failed without a reason")]),
            )),
            Err(SandboxError::Time(t)) => Err(limit(
                format!("{template}: the page took longer than {} s and was stopped", t.as_secs()),
                "your template is probably stuck in a loop; fix it, or give more time with --time-limit SECONDS",
            )),
            Err(SandboxError::Memory) => Err(limit(
                format!(
                    "{template}: the page needed more than the memory limit{} and was stopped",
                    sandbox.memory_limit_mb().map(|mb| format!(" of {mb} MB")).unwrap_or_default()
                ),
                "your template is probably building something huge; fix it, or allow more memory with --memory-limit MB",
            )),
            Err(SandboxError::Process(why)) => {
                Err(HtmlError::Template(vec![format!("{template}: {why}")]))
            }
        }
    }

    fn render_here(&self, name: &str, data: Value, fragment: bool) -> Result<String, HtmlError> {
        // Heading elements by level: a fragment starts at h2, under its host page's h1.
        let h: Vec<String> = (1..=5)
            .map(|n| format!("h{}", if fragment { n + 1 } else { n }))
            .collect();
        let ids = id_prefix(name, &data);
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&e))?;
        let mut html = template
            .render(context! {
                ids => ids,
                data => data,
                fragment => fragment,
                h => h,
                generator => concat!("sendbench ", env!("CARGO_PKG_VERSION")),
            })
            .map_err(|e| template_error(&e))?;
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Ok(html)
    }
}

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError> {
        self.page(view)
            .map(String::into_bytes)
            .map_err(|e| RenderError {
                format: Format::Html,
                source: Box::new(e),
            })
    }

    fn templates(&self) -> &[(String, String)] {
        &self.sources
    }
}

/// What every id in a document starts with: `sb-`, the document's kind and eight hex digits
/// of a hash of its data (`sb-parents-1a2b3c4d-`), so two fragments pasted into one page (a
/// federation's site: two schools, or one school's two summaries) never share an id, and the
/// same document always gets the same ids (same input, same bytes).
fn id_prefix(template: &str, data: &Value) -> String {
    let kind: String = template
        .trim_end_matches(".html")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    // FNV-1a: small, stable across releases and platforms (unlike std's hasher).
    let mut hash: u32 = 0x811c_9dc5;
    let json = serde_json::to_string(data).unwrap_or_default();
    for byte in template.bytes().chain([0]).chain(json.bytes()) {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format!("sb-{kind}-{hash:08x}-")
}

/// `text` as HTML text or an attribute's value, in either quotes.
fn write_escaped(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.write_str(&rest[..at])?;
        out.write_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)
}

/// A minijinja error with the template, line and what went wrong, as the PDF's are told.
fn template_error(e: &minijinja::Error) -> HtmlError {
    let mut message = match (e.name(), e.line()) {
        (Some(name), Some(line)) => format!("{name}:{line}: error: {}", e.kind()),
        (Some(name), None) => format!("{name}: error: {}", e.kind()),
        _ => format!("error: {}", e.kind()),
    };
    if let Some(detail) = e.detail() {
        message.push_str(&format!(": {detail}"));
    }
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        message.push_str(&format!("\n  caused by: {inner}"));
        source = inner.source();
    }
    HtmlError::Template(vec![message])
}
