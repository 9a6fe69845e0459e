//! Web pages: the SEN information summary, the parents' summary, the governors' report, the
//! area benchmark and the county overview as accessible HTML, for a school's website or a Local Offer.
//!
//! Each page is made from exactly the data its PDF is made from (`pdf::data`, the one place
//! deciding what each audience may see), rendered by minijinja from the templates in
//! `templates/html/` (embedded; a `.html` or `.css` file of the same name in the `--templates`
//! folder replaces the built-in one). Templates ending `.html` escape every value they show,
//! so user text is always text. A page stands alone: no script, no request to any other
//! address (the stylesheet is inline, fonts are the reader's system fonts, charts are inline
//! SVG with their figures also in a table). A fragment is the body only, in a
//! `<section class="sendbench-report">` with its styles scoped under that class, for pasting
//! into a website's editor. Same input, same bytes.

use minijinja::{context, AutoEscape, Environment, UndefinedBehavior, Value};
use sendbench_core::{AreaBenchmark, Assessment, Rubric};

use crate::pdf::{
    AreaReport, Audience, Beside, CountyReport, LocalArea, ReportError, ReportOptions,
};

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

/// Makes web pages: templates are loaded once and shared (`Pages` is `Sync`).
pub struct Pages {
    env: Environment<'static>,
    sources: Vec<(String, String)>,
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl Pages {
    /// The built-in templates, with any `.html` or `.css` file in `options.templates`
    /// replacing the one of the same name (other options are for PDFs only).
    pub fn new(options: &ReportOptions) -> Result<Pages, ReportError> {
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
            .collect();
        if let Some(dir) = &options.templates {
            for (name, bytes) in crate::pdf::files_with(dir, &["html", "css"])? {
                let text = String::from_utf8(bytes).map_err(|_| ReportError::Io {
                    path: dir.join(&name),
                    message: "not UTF-8 text".into(),
                })?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(entry) => entry.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
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
        Ok(Pages { env, sources })
    }

    /// The templates in use, by file name, built-in or overridden: what a build's
    /// fingerprint of its pages includes, so a changed template remakes them.
    pub fn templates(&self) -> &[(String, String)] {
        &self.sources
    }

    /// One school's report for `audience` as HTML, from the same data its PDF is made from.
    pub fn report(
        &self,
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
        beside: &Beside<'_>,
        form: Form,
    ) -> Result<String, ReportError> {
        let data = crate::pdf::report_data(rubric, assessment, audience, false, beside);
        self.render(
            &format!("{}.html", audience.id()),
            Value::from_serialize(&data),
            form,
        )
    }

    /// The area benchmark as HTML, from the same data as its PDF (the small-numbers rule
    /// travels in `bench`).
    pub fn area(
        &self,
        rubric: &Rubric,
        bench: &AreaBenchmark,
        report: &AreaReport<'_>,
        form: Form,
    ) -> Result<String, ReportError> {
        let data = crate::pdf::area_data(rubric, bench, report)?;
        self.render("area.html", Value::from_serialize(&data), form)
    }

    /// The county overview as HTML, from the same data as its PDF: every local area beside
    /// the county for the latest year.
    pub fn county(
        &self,
        rubric: &Rubric,
        county: &AreaBenchmark,
        areas: &[LocalArea<'_>],
        report: &CountyReport<'_>,
        form: Form,
    ) -> Result<String, ReportError> {
        let data = crate::pdf::CountyData::new(county, areas, rubric, report)?;
        self.render("county.html", Value::from_serialize(&data), form)
    }

    fn render(&self, name: &str, data: Value, form: Form) -> Result<String, ReportError> {
        let fragment = form == Form::Fragment;
        // Heading elements by level: a fragment starts at h2, under its host page's h1.
        let h: Vec<String> = (1..=5)
            .map(|n| format!("h{}", if fragment { n + 1 } else { n }))
            .collect();
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&e))?;
        let mut html = template
            .render(context! {
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
fn template_error(e: &minijinja::Error) -> ReportError {
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
    ReportError::Template(vec![message])
}
