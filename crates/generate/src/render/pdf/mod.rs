//! PDF: a document's view typeset by Typst running inside the binary, tagged PDF/UA-1 (and
//! PDF/A-3a on request). Templates are `.typ` files in `templates/report/` (embedded; a
//! folder given in [`PdfOptions::templates`] replaces any of them); a view reaches them as
//! data in a virtual `data.json`, never as Typst source, so user text is always just text.
//!
//! The built-in templates are trusted and bounded by the inputs' own bounds, so they are
//! typeset here, on the caller's thread (no thread of its own is needed, as in a browser). A
//! replaced template may do anything a program can (loop for ever, ask for a terabyte), and
//! Typst cannot be stopped from outside: with a [`Sandbox`] it is typeset in another process
//! the operating system can end, at the time and memory limits; without one, here.

mod world;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions as TypstPdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::sandbox::{Request, Sandbox, SandboxError};
use super::{Format, ReadError, RenderError, Renderer};
use crate::view::View;
pub use world::Fonts;
use world::{ReportWorld, Shared};

/// How many documents are made between trimming Typst's caches. Typst memoises nearly
/// everything it computes, and little of it is reused from one report to the next, so the
/// caches grow by several megabytes a document: trimming keeps a batch of thousands flat.
const DOCUMENTS_BETWEEN_EVICTIONS: usize = 8;

/// What a trim keeps: work used since the last trim survives it. Typst lays a document out
/// more than once (until page numbers and cross-references settle), each pass reusing the
/// last one's memoised work; clearing everything under a document in progress on another
/// thread made it start over (a third more processor time, and no gain from a second core),
/// and waiting for other threads to finish first left cores idle. With an age of 2, a
/// document in progress keeps its work and only what no document has touched for a whole
/// period goes.
const EVICTION_AGE: usize = 2;

/// Fonts built into the binary (see `templates/fonts/` and its licences).
pub(crate) const EMBEDDED_FONTS: [&[u8]; 6] = [
    include_bytes!("../../../templates/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../templates/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../templates/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../../templates/fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../../templates/fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../../templates/fonts/DejaVuSans.ttf"),
];

/// The templates built into the binary, by file name.
pub const TEMPLATES: [(&str, &str); 6] = [
    (
        "area.typ",
        include_str!("../../../templates/report/area.typ"),
    ),
    (
        "county.typ",
        include_str!("../../../templates/report/county.typ"),
    ),
    (
        "components.typ",
        include_str!("../../../templates/report/components.typ"),
    ),
    (
        "governors.typ",
        include_str!("../../../templates/report/governors.typ"),
    ),
    (
        "parents.typ",
        include_str!("../../../templates/report/parents.typ"),
    ),
    (
        "sen-info.typ",
        include_str!("../../../templates/report/sen-info.typ"),
    ),
];

/// The most pages one document may have unless told otherwise: the longest built-in report
/// (an area of 2,000 schools) has under 60, so a thousand means a template has run away.
pub const DEFAULT_MAX_PAGES: usize = 1000;

/// The longest one document may take unless told otherwise. A report takes well under a
/// second; a custom template stuck in a loop would otherwise run until killed.
pub const DEFAULT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// How to make PDFs.
#[derive(Clone, Default)]
pub struct PdfOptions {
    /// A folder whose `.typ` files replace the built-in templates of the same name.
    pub templates: Option<PathBuf>,
    /// Folders with extra fonts (.ttf, .otf), for scripts the built-in fonts lack.
    pub font_dirs: Vec<PathBuf>,
    /// Also conform to PDF/A-3a, with data attached: the governors' report carries the
    /// assessment it was made from; the family-facing reports carry only their own filtered
    /// data (`data.json`: no names, only public evidence).
    pub pdfa: bool,
    /// The most pages a document may have ([`DEFAULT_MAX_PAGES`] if `None`).
    pub max_pages: Option<usize>,
    /// The longest a document with replaced templates may take ([`DEFAULT_TIME_LIMIT`] if
    /// `None`), in its sandbox.
    pub time_limit: Option<std::time::Duration>,
    /// Where documents with replaced templates are typeset, within the limits: another
    /// process the operating system can end. Without one they are typeset here.
    pub sandbox: Option<Arc<dyn Sandbox>>,
}

impl std::fmt::Debug for PdfOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfOptions")
            .field("templates", &self.templates)
            .field("font_dirs", &self.font_dirs)
            .field("pdfa", &self.pdfa)
            .field("max_pages", &self.max_pages)
            .field("time_limit", &self.time_limit)
            .field("sandbox", &self.sandbox.is_some())
            .finish()
    }
}

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum PdfError {
    /// A template folder or font could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Typst reported errors in a template.
    #[error("the report template has errors:\n{}", .0.join("\n"))]
    Template(Vec<String>),
    /// A template ran past a limit (time, memory or pages): stopped, never left to run.
    #[error("{what}\n  hint: {hint}")]
    Limit {
        /// Which limit, and the template.
        what: String,
        /// What to do.
        hint: String,
    },
    /// The text has characters no available font can show; PDF/UA forbids leaving them out.
    #[error(
        "the built-in fonts cannot show these characters: {}\n  hint: add a font that has them with --font-path DIR (for Chinese, Japanese or Korean names, Noto Sans CJK: Debian's fonts-noto-cjk package, /usr/share/fonts/opentype/noto)",
        name_characters(characters)
    )]
    MissingGlyphs {
        /// The characters, each once.
        characters: String,
    },
    /// The PDF could not be written.
    #[error("the PDF could not be written:\n{}", .0.join("\n"))]
    Pdf(Vec<String>),
}

/// One document to typeset: its templates, data files and settings, all it needs, so it
/// can be sent to a sandbox and typeset there as here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TypesetJob {
    /// The template to compile, by virtual path (`/governors.typ`).
    pub main: String,
    /// Every template, by virtual path.
    pub sources: Vec<(String, String)>,
    /// The data files (`/data.json`, and with PDF/A the governors' `/assessment.toml`).
    pub files: Vec<(String, Vec<u8>)>,
    /// The document's date (`2026-06-19`), for its metadata and `datetime.today()`.
    pub date: Option<String>,
    /// Its identifier, the same every run.
    pub ident: String,
    /// Whether to make PDF/A-3a as well as PDF/UA-1.
    pub pdfa: bool,
    /// The most pages it may have.
    pub max_pages: usize,
    /// Folders of extra fonts.
    pub font_dirs: Vec<PathBuf>,
    /// Whether a template was replaced by a person's own (for what its messages suggest).
    pub custom: bool,
}

/// Typst's world for one set of templates and fonts, shared by every document made with
/// them, on any thread: fonts, templates and Typst's standard library are loaded once.
pub struct Typesetter {
    shared: Shared,
}

impl Typesetter {
    /// A typesetter over these templates (by virtual path) and the embedded fonts with those
    /// in `font_dirs`.
    pub fn new(
        sources: &[(String, String)],
        font_dirs: &[PathBuf],
    ) -> Result<Typesetter, PdfError> {
        Ok(Typesetter {
            shared: Shared::new(fonts(font_dirs)?, sources),
        })
    }

    /// Typesets a job in this process, on a thread with the stack Typst's layout needs where
    /// threads exist; a panic inside Typst becomes an error.
    pub fn typeset_here(&self, job: &TypesetJob) -> Result<Vec<u8>, PdfError> {
        let run = || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| typeset(&self.shared, job)))
        };
        #[cfg(not(target_family = "wasm"))]
        let outcome = std::thread::scope(|scope| {
            // Typst's layout recurses deeply on nested content: the stack a main thread has.
            std::thread::Builder::new()
                .name("typst".into())
                .stack_size(8 << 20)
                .spawn_scoped(scope, run)
                .map_err(|e| PdfError::Pdf(vec![format!("cannot start a thread: {e}")]))
                .map(|t| t.join().unwrap_or_else(Err))
        })?;
        #[cfg(target_family = "wasm")]
        let outcome = run();
        outcome.unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "no message".to_owned());
            Err(PdfError::Template(vec![format!(
                "{}: Typst stopped with an internal error ({message}); the template asks for something it cannot do, such as a list of billions of items",
                job.main.trim_start_matches('/')
            )]))
        })
    }
}

/// Makes PDFs from views (`PdfRenderer` is `Sync`: one serves every thread of a batch).
pub struct PdfRenderer {
    typesetter: Typesetter,
    /// Every template by virtual path (`/governors.typ`), built in or replaced.
    sources: Vec<(String, String)>,
    /// The templates by file name, for [`Renderer::templates`].
    names: Vec<(String, String)>,
    /// Whether any template was replaced: then documents go to the sandbox.
    replaced: bool,
    pdfa: bool,
    max_pages: usize,
    time_limit: std::time::Duration,
    font_dirs: Vec<PathBuf>,
    sandbox: Option<Arc<dyn Sandbox>>,
}

/// Documents made since Typst's caches were last freed.
static MADE: AtomicUsize = AtomicUsize::new(0);

/// The fonts for a run: the embedded ones, plus every font in `dirs`.
fn fonts(dirs: &[PathBuf]) -> Result<Arc<Fonts>, ReadError> {
    if dirs.is_empty() {
        return Ok(Fonts::embedded());
    }
    let mut files: Vec<typst::foundations::Bytes> = EMBEDDED_FONTS
        .iter()
        .map(|b| typst::foundations::Bytes::new(*b))
        .collect();
    for dir in dirs {
        let found = super::files_with(dir, &["ttf", "otf", "ttc", "otc"])?;
        files.extend(
            found
                .into_iter()
                .map(|(_, bytes)| typst::foundations::Bytes::new(bytes)),
        );
    }
    Ok(Arc::new(Fonts::new(files)))
}

impl PdfRenderer {
    /// A renderer with the built-in templates and fonts, plus what `options` adds.
    pub fn new(options: &PdfOptions) -> Result<PdfRenderer, PdfError> {
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| (format!("/{name}"), (*text).to_owned()))
            .collect();
        let mut replaced = false;
        if let Some(dir) = &options.templates {
            for (name, text) in super::templates_in(dir, &["typ"])? {
                let path = format!("/{name}");
                replaced = true;
                match sources.iter_mut().find(|(p, _)| *p == path) {
                    Some(entry) => entry.1 = text,
                    None => sources.push((path, text)),
                }
            }
        }
        let names = sources
            .iter()
            .map(|(p, t)| (p.trim_start_matches('/').to_owned(), t.clone()))
            .collect();
        Ok(PdfRenderer {
            typesetter: Typesetter::new(&sources, &options.font_dirs)?,
            sources,
            names,
            replaced,
            pdfa: options.pdfa,
            max_pages: options.max_pages.unwrap_or(DEFAULT_MAX_PAGES),
            time_limit: options.time_limit.unwrap_or(DEFAULT_TIME_LIMIT),
            font_dirs: options.font_dirs.clone(),
            sandbox: options.sandbox.clone(),
        })
    }

    /// The files a document is compiled from: every template and `data.json` (and, with
    /// PDF/A, the governors' `assessment.toml`), as paths in the virtual project and their
    /// contents. Writing them to a folder lets template authors run `typst compile` on them.
    pub fn files(&self, view: &View) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
        let mut files: Vec<(String, Vec<u8>)> = self
            .sources
            .iter()
            .map(|(path, text)| (path.clone(), text.clone().into_bytes()))
            .collect();
        files.extend(self.data_files(view, true)?);
        Ok(files)
    }

    /// `data.json` (pretty for people to read, compact for the compiler) and, with PDF/A,
    /// the governors' report's attachment, the assessment. A family-facing report attaches
    /// `data.json` itself, which holds only what its audience may see.
    fn data_files(&self, view: &View, pretty: bool) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
        let json_error = |e: serde_json::Error| PdfError::Pdf(vec![e.to_string()]);
        let mut data = serde_json::to_value(&view.data).map_err(json_error)?;
        let school = matches!(view.data, crate::view::Data::School(_));
        if self.pdfa && school {
            let attachment = crate::view::school::AttachmentData::of(view.private);
            data[crate::view::school::ATTACHMENT_KEY] =
                serde_json::to_value(attachment).map_err(json_error)?;
        }
        let json = if pretty {
            serde_json::to_vec_pretty(&data)
        } else {
            serde_json::to_vec(&data)
        };
        let mut files = vec![("/data.json".to_owned(), json.map_err(json_error)?)];
        if let (true, Some(toml)) = (self.pdfa && school, &view.source) {
            // The assessment travels inside the governors' PDF (PDF/A-3 allows attachments).
            files.push(("/assessment.toml".to_owned(), toml.clone().into_bytes()));
        }
        Ok(files)
    }

    /// Typesets a view. Same input, same bytes.
    pub fn pdf(&self, view: &View) -> Result<Vec<u8>, PdfError> {
        let job = TypesetJob {
            main: format!("/{}.typ", view.template),
            sources: self.sources.clone(),
            files: self.data_files(view, false)?,
            date: view.date.map(|d| d.to_string()),
            ident: view.ident.clone(),
            // Only a school's report is made to PDF/A: an area's has nothing to attach.
            pdfa: self.pdfa && matches!(view.data, crate::view::Data::School(_)),
            max_pages: self.max_pages,
            font_dirs: self.font_dirs.clone(),
            custom: self.replaced,
        };
        match (&self.sandbox, self.replaced) {
            (Some(sandbox), true) => self.sandboxed(sandbox.as_ref(), job),
            _ => self.typesetter.typeset_here(&job),
        }
    }

    /// Typesets a job in the sandbox, its failures told as they would be here.
    fn sandboxed(&self, sandbox: &dyn Sandbox, job: TypesetJob) -> Result<Vec<u8>, PdfError> {
        let template = job.main.trim_start_matches('/').to_owned();
        match sandbox.run(&Request::Pdf(job), self.time_limit) {
            Ok(pdf) => Ok(pdf),
            Err(SandboxError::Failed(json)) => {
                Err(serde_json::from_slice(&json).unwrap_or_else(|_| {
                    PdfError::Pdf(vec![format!(
                        "{template}: the sandbox failed without a reason"
                    )])
                }))
            }
            Err(e) => Err(sandbox_limit(&template, e, sandbox)),
        }
    }

    /// Frees all of Typst's memoisation caches now. The renderer trims them by itself every
    /// few documents; call this to give the memory back sooner (after the last document of
    /// a batch, say), when no document is being made on another thread.
    pub fn free_caches() {
        comemo::evict(0);
        MADE.store(0, Ordering::SeqCst);
    }
}

/// A sandboxed document stopped at a limit, or lost with its process, as a message that
/// names the template and what to do.
fn sandbox_limit(template: &str, e: SandboxError, sandbox: &dyn Sandbox) -> PdfError {
    match e {
        SandboxError::Time(limit) => PdfError::Limit {
            what: format!(
                "{template}: the report took longer than {} s and was stopped",
                limit.as_secs()
            ),
            hint: "your template is probably stuck in a loop; fix it, or give more time with --time-limit SECONDS".into(),
        },
        SandboxError::Memory => PdfError::Limit {
            what: format!(
                "{template}: the report needed more than the memory limit{} and was stopped",
                sandbox
                    .memory_limit_mb()
                    .map(|mb| format!(" of {mb} MB"))
                    .unwrap_or_default()
            ),
            hint: "your template is probably building something huge (a list of billions of items, say); fix it, or allow more memory with --memory-limit MB".into(),
        },
        SandboxError::Process(why) => PdfError::Pdf(vec![format!("{template}: {why}")]),
        SandboxError::Failed(_) => PdfError::Pdf(vec![format!(
            "{template}: the sandbox failed without a reason"
        )]),
    }
}

impl Renderer for PdfRenderer {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn render(&self, view: &View) -> Result<Vec<u8>, RenderError> {
        self.pdf(view).map_err(|e| RenderError {
            format: Format::Pdf,
            source: Box::new(e),
        })
    }

    fn templates(&self) -> &[(String, String)] {
        &self.names
    }
}

/// Typesets a job with these shared fonts and templates: Typst's compilation, the page
/// limit, and the export to tagged PDF (PDF/UA-1, and PDF/A-3a when asked).
pub(crate) fn typeset(shared: &Shared, job: &TypesetJob) -> Result<Vec<u8>, PdfError> {
    // Every few documents, trim what earlier documents left in Typst's caches.
    if MADE.fetch_add(1, Ordering::SeqCst) + 1 >= DOCUMENTS_BETWEEN_EVICTIONS {
        MADE.store(0, Ordering::SeqCst);
        comemo::evict(EVICTION_AGE);
    }
    let date = job
        .date
        .as_deref()
        .and_then(|d| d.parse::<jiff::civil::Date>().ok());
    let world = ReportWorld::new(shared, &job.main, &job.files, date);
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled
        .output
        .map_err(|errors| PdfError::Template(describe(&world, &errors)))?;
    if document.pages().len() > job.max_pages {
        return Err(PdfError::Limit {
            what: format!(
                "{}: the report has {} pages, more than the limit of {}",
                job.main.trim_start_matches('/'),
                document.pages().len(),
                job.max_pages
            ),
            hint: if job.custom {
                "your template may be repeating itself; fix it, or allow more pages with --max-pages N".into()
            } else {
                "the document is longer than the limit allows; allow more pages with --max-pages N"
                    .into()
            },
        });
    }
    export(&world, &document, date, job)
}

/// The laid-out document as tagged PDF.
fn export(
    world: &ReportWorld<'_>,
    document: &PagedDocument,
    date: Option<jiff::civil::Date>,
    job: &TypesetJob,
) -> Result<Vec<u8>, PdfError> {
    let mut standards = vec![PdfStandard::Ua_1];
    if job.pdfa {
        standards.push(PdfStandard::A_3a);
    }
    let standards =
        PdfStandards::new(&standards).map_err(|e| PdfError::Pdf(vec![e.message().to_string()]))?;
    let timestamp = date
        .and_then(|d| {
            typst::foundations::Datetime::from_ymd(
                i32::from(d.year()),
                d.month() as u8,
                d.day() as u8,
            )
        })
        .map(Timestamp::new_utc);
    let options = TypstPdfOptions {
        ident: Smart::Custom(job.ident.clone()),
        timestamp,
        standards,
        tagged: true,
        ..TypstPdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        // Typst reports each run of unshowable text; gather the characters into one message
        // that says what to do.
        let mut characters = String::new();
        for e in &errors {
            if let Some(text) = e
                .message
                .split('`')
                .nth(1)
                .filter(|_| e.message.contains("could not be displayed"))
            {
                for c in typst_string(text).chars() {
                    if !characters.contains(c) && !c.is_whitespace() {
                        characters.push(c);
                    }
                }
            }
        }
        if characters.is_empty() {
            PdfError::Pdf(describe(world, &errors))
        } else {
            PdfError::MissingGlyphs { characters }
        }
    })
}

/// The text of a string as Typst's messages quote it (`"a\u{fe}b"`): quotes dropped,
/// escapes undone, so each character can be named by its code point.
fn typst_string(repr: &str) -> String {
    let inner = repr
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(repr);
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let code: String = chars
                    .by_ref()
                    .skip_while(|&c| c == '{')
                    .take_while(|&c| c != '}')
                    .collect();
                if let Some(c) = u32::from_str_radix(&code, 16).ok().and_then(char::from_u32) {
                    out.push(c);
                }
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// "橡 (U+6A61), 树 (U+6811)": each character with its code point, so one that does not
/// show (or shows as something else) can still be found.
fn name_characters(characters: &str) -> String {
    characters
        .chars()
        .map(|c| {
            if c.is_control() {
                format!("U+{:04X}", c as u32)
            } else {
                format!("{c} (U+{:04X})", c as u32)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Turns Typst diagnostics into messages with template file, line and column.
fn describe(world: &ReportWorld<'_>, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
    use typst::World;
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .fold(Vec::<&SourceDiagnostic>::new(), |mut unique, d| {
            // Typst may report one problem once per page; say it once.
            if !unique
                .iter()
                .any(|u| u.message == d.message && u.span == d.span)
            {
                unique.push(d);
            }
            unique
        })
        .into_iter()
        .map(|d| {
            let place = d.span.id().and_then(|id| {
                let source = world.source(id).ok()?;
                let range = world.range(d.span)?;
                let line = source.lines().byte_to_line(range.start)?;
                let column = source.lines().byte_to_column(range.start)?;
                Some(format!(
                    "{}:{}:{}",
                    id.vpath().get_without_slash(),
                    line + 1,
                    column + 1
                ))
            });
            let mut message = match place {
                Some(place) => format!("{place}: error: {}", d.message),
                None => format!("error: {}", d.message),
            };
            for hint in &d.hints {
                message.push_str(&format!("\n  hint: {}", hint.v));
            }
            message
        })
        .collect()
}
