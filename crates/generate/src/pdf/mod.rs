//! PDF reports, typeset by Typst running inside the binary: the governors' full benchmark,
//! the parents' plain-language summary, and the short summary for the SEN information
//! report. Templates are `.typ` files in `templates/report/` (embedded; a directory given
//! with `--templates` overrides any of them); the assessment reaches them as data in a
//! virtual `data.json`, never as Typst source, so user text is always just text.

pub(crate) mod area_data;
mod county_data;
pub(crate) mod data;
mod world;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sendbench_core::{Assessment, Rubric};
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

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
    include_bytes!("../../templates/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../templates/fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../templates/fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../templates/fonts/DejaVuSans.ttf"),
];

/// The templates built into the binary, by file name.
pub const TEMPLATES: [(&str, &str); 6] = [
    ("area.typ", include_str!("../../templates/report/area.typ")),
    (
        "county.typ",
        include_str!("../../templates/report/county.typ"),
    ),
    (
        "components.typ",
        include_str!("../../templates/report/components.typ"),
    ),
    (
        "governors.typ",
        include_str!("../../templates/report/governors.typ"),
    ),
    (
        "parents.typ",
        include_str!("../../templates/report/parents.typ"),
    ),
    (
        "sen-info.typ",
        include_str!("../../templates/report/sen-info.typ"),
    ),
];

/// Who a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The full benchmark, for governors.
    Governors,
    /// A plain-language summary for families: no names, no evidence unless marked public.
    Parents,
    /// One or two pages for the school's SEN information report.
    SenInfo,
}

impl Audience {
    /// Every audience.
    pub const ALL: [Audience; 3] = [Audience::Governors, Audience::Parents, Audience::SenInfo];

    /// The name used on the command line and in file names.
    pub fn id(self) -> &'static str {
        match self {
            Audience::Governors => "governors",
            Audience::Parents => "parents",
            Audience::SenInfo => "sen-info",
        }
    }

    /// Whether this audience is the public or families: no names, no notes, no checklist
    /// evidence, a strand's evidence only where marked `public`.
    pub fn is_private(self) -> bool {
        self != Audience::Governors
    }

    /// What the document is, for its title (shown by PDF readers and screen readers).
    pub fn document_title(self) -> &'static str {
        match self {
            Audience::Governors => "SEND benchmark report for governors",
            Audience::Parents => "SEND review summary for families",
            Audience::SenInfo => "SEND benchmark summary for the SEN information report",
        }
    }

    fn template(self) -> String {
        format!("{}.typ", self.id())
    }
}

/// The most pages one document may have unless told otherwise: the longest built-in report
/// (an area of 2,000 schools) has under 60, so a thousand means a template has run away.
pub const DEFAULT_MAX_PAGES: usize = 1000;

/// The longest one document may take unless told otherwise. A report takes well under a
/// second; a custom template stuck in a loop would otherwise run until killed.
pub const DEFAULT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// How to make reports.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// A directory whose `.typ` files replace the built-in templates of the same name.
    pub templates: Option<PathBuf>,
    /// Directories with extra fonts (.ttf, .otf), for scripts the built-in fonts lack.
    pub font_dirs: Vec<PathBuf>,
    /// Also conform to PDF/A-3a, with data attached: the governors' report carries the
    /// assessment it was made from; the family-facing reports carry only their own filtered
    /// data (`data.json`: no names, only public evidence).
    pub pdfa: bool,
    /// The most pages a document may have ([`DEFAULT_MAX_PAGES`] if `None`).
    pub max_pages: Option<usize>,
    /// The longest a document may take ([`DEFAULT_TIME_LIMIT`] if `None`).
    pub time_limit: Option<std::time::Duration>,
}

/// What a school's report is shown beside, beyond the school's own review.
#[derive(Debug, Clone, Copy, Default)]
pub struct Beside<'a> {
    /// One year of an area benchmark: each strand's area figures (governors only).
    pub area: Option<&'a sendbench_core::YearBenchmark>,
    /// The school's previous review: progress since it.
    pub previous: Option<&'a Assessment>,
    /// The area's figures count a return from this school that judges differently from
    /// this review (an earlier version of it): the report says so, not that this review is
    /// among those counted.
    pub area_counts_another_version: bool,
}

/// What an area report says about itself, beyond its figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct AreaReport<'a> {
    /// The title: on the cover, every page's header and the PDF's document title
    /// (`AreaBenchmark::default_title` makes one naming the area and year).
    pub title: &'a str,
    /// How the data were collected, in the officer's words, in place of the cover's
    /// sentence made from the returns ("Self-reviews by 46 schools against …, dated …").
    pub collection: Option<&'a str>,
    /// How many schools were asked to return it: the first page gives the response rate.
    pub eligible: Option<u32>,
    /// The whole county, whose figure each strand shows beside the area's.
    pub county: Option<County<'a>>,
}

pub(crate) use county_data::CountyData;
pub use county_data::{CountyReport, LocalArea};

/// The larger area (a county) an area's report is compared with.
#[derive(Debug, Clone, Copy)]
pub struct County<'a> {
    /// Its name, as the report says it ("Hertfordshire").
    pub name: &'a str,
    /// Its figures, under the same small-numbers rule as the area's.
    pub bench: &'a sendbench_core::AreaBenchmark,
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A template directory or font could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Typst reported errors in a template.
    #[error("the report template has errors:\n{}", .0.join("\n"))]
    Template(Vec<String>),
    /// A template ran past a limit (time or pages): stopped, never left to run until killed.
    #[error("{what}\n  hint: {hint}")]
    Limit {
        /// Which limit, and the template.
        what: String,
        /// What to do.
        hint: &'static str,
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

/// How often a waiting engine checks whether the memory limit was reached.
const MEMORY_POLL: std::time::Duration = std::time::Duration::from_millis(20);

/// The memory limit in force, for messages ("2048 MB").
fn memory_limit_text() -> String {
    match sendbench_memory::limit() {
        Some(bytes) => format!("{} MB", bytes / (1 << 20)),
        None => "the system".to_owned(),
    }
}

/// Makes reports: fonts, templates and Typst's standard library are loaded once and shared
/// by every report made, on any number of threads (`Engine` is `Sync`).
pub struct Engine {
    shared: Arc<Shared>,
    sources: Vec<(String, String)>,
    pdfa: bool,
    max_pages: usize,
    time_limit: std::time::Duration,
    /// Set when a document ran past the time or memory limit: its thread cannot be stopped,
    /// so no further document is started beside it (with the same templates it would run
    /// away too).
    stuck: std::sync::atomic::AtomicBool,
}

/// Documents made since Typst's caches were last freed.
static MADE: AtomicUsize = AtomicUsize::new(0);

impl Engine {
    /// An engine with the built-in templates and fonts, plus what `options` adds.
    pub fn new(options: &ReportOptions) -> Result<Engine, ReportError> {
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(name, text)| (format!("/{name}"), (*text).to_owned()))
            .collect();
        if let Some(dir) = &options.templates {
            for (path, text) in read_templates(dir)? {
                match sources.iter_mut().find(|(name, _)| *name == path) {
                    Some(entry) => entry.1 = text,
                    None => sources.push((path, text)),
                }
            }
        }
        let fonts = if options.font_dirs.is_empty() {
            Fonts::embedded()
        } else {
            let mut files: Vec<typst::foundations::Bytes> = EMBEDDED_FONTS
                .iter()
                .map(|b| typst::foundations::Bytes::new(*b))
                .collect();
            for dir in &options.font_dirs {
                files.extend(
                    read_fonts(dir)?
                        .into_iter()
                        .map(typst::foundations::Bytes::new),
                );
            }
            Arc::new(Fonts::new(files))
        };
        Ok(Engine {
            shared: Arc::new(Shared::new(fonts, &sources)),
            sources,
            pdfa: options.pdfa,
            max_pages: options.max_pages.unwrap_or(DEFAULT_MAX_PAGES),
            time_limit: options.time_limit.unwrap_or(DEFAULT_TIME_LIMIT),
            stuck: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The templates in use, by virtual path, built-in or overridden: what a build's
    /// fingerprint of its documents includes, so a changed template remakes them.
    pub fn templates(&self) -> &[(String, String)] {
        &self.sources
    }

    /// The files a report is compiled from: every template and `data.json` (and, with PDF/A,
    /// the governors' `assessment.toml`), as paths in the virtual project and their contents. Writing them
    /// to a folder lets template authors run `typst compile` on them directly.
    pub fn files(
        &self,
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
    ) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
        let mut files: Vec<(String, Vec<u8>)> = self
            .sources
            .iter()
            .map(|(path, text)| (path.clone(), text.clone().into_bytes()))
            .collect();
        files.extend(self.data_files(rubric, assessment, audience, true, &Beside::default())?);
        Ok(files)
    }

    /// `data.json` (pretty for people to read, compact for the compiler) and, with PDF/A,
    /// the governors' report's attachment, the assessment. A family-facing report attaches
    /// `data.json` itself, which holds only what its audience may see.
    fn data_files(
        &self,
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
        pretty: bool,
        beside: &Beside<'_>,
    ) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
        let data = report_data(rubric, assessment, audience, self.pdfa, beside);
        let json = if pretty {
            serde_json::to_vec_pretty(&data)
        } else {
            serde_json::to_vec(&data)
        };
        let json = json.map_err(|e| ReportError::Pdf(vec![e.to_string()]))?;
        let mut files = vec![("/data.json".to_owned(), json)];
        if self.pdfa && !audience.is_private() {
            // The assessment travels inside the governors' PDF (PDF/A-3 allows attachments).
            let toml = sendbench_core::write_assessment(
                assessment,
                rubric,
                sendbench_core::SkeletonOptions { comments: false },
            );
            files.push(("/assessment.toml".to_owned(), toml.into_bytes()));
        }
        Ok(files)
    }

    /// Typesets one report as PDF. Same input, same bytes.
    pub fn report(
        &self,
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
    ) -> Result<Vec<u8>, ReportError> {
        self.report_beside(rubric, assessment, audience, &Beside::default())
    }

    /// Typesets one report, showing beside each strand how the area judged it (one year of
    /// an area benchmark). Only the governors' report shows the comparison.
    pub fn report_compared(
        &self,
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
        area: Option<&sendbench_core::YearBenchmark>,
    ) -> Result<Vec<u8>, ReportError> {
        self.report_beside(
            rubric,
            assessment,
            audience,
            &Beside {
                area,
                previous: None,
                area_counts_another_version: false,
            },
        )
    }

    /// Typesets one report with what it is shown beside: the area's figures (the
    /// governors' report only) and the school's previous review (its progress, as each
    /// audience may see it).
    pub fn report_beside(
        &self,
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
        beside: &Beside<'_>,
    ) -> Result<Vec<u8>, ReportError> {
        let files = self.data_files(rubric, assessment, audience, false, beside)?;
        // A fixed identifier and the review's date make the output repeatable.
        let date = assessment.review.date;
        let ident = format!(
            "sendbench/{}/{}/{}",
            audience.id(),
            assessment.school.name,
            date.map(|d| d.to_string()).unwrap_or_default()
        );
        self.compile(
            &format!("/{}", audience.template()),
            &files,
            date,
            ident,
            self.pdfa,
        )
    }

    /// Typesets the area benchmark report (`area.typ`) as PDF, titled `title`. The
    /// small-numbers rule travels in `bench` (see `AreaBenchmark::suppress_below`); a
    /// `suppress_below` threshold the benchmark has not had applied is applied here, so the
    /// report never shows less protection than asked for.
    pub fn area_report(
        &self,
        rubric: &Rubric,
        bench: &sendbench_core::AreaBenchmark,
        title: &str,
        suppress_below: Option<u32>,
    ) -> Result<Vec<u8>, ReportError> {
        let suppressed;
        let bench = match suppress_below {
            Some(n) if bench.suppression_threshold != Some(n) => {
                let mut copy = bench.clone();
                copy.suppress_below(n)
                    .map_err(|e| ReportError::Pdf(vec![e.to_string()]))?;
                suppressed = copy;
                &suppressed
            }
            _ => bench,
        };
        self.area_report_with(
            rubric,
            bench,
            &AreaReport {
                title,
                ..AreaReport::default()
            },
        )
    }

    /// Typesets the area benchmark report (`area.typ`) as PDF, as `report` says.
    pub fn area_report_with(
        &self,
        rubric: &Rubric,
        bench: &sendbench_core::AreaBenchmark,
        report: &AreaReport<'_>,
    ) -> Result<Vec<u8>, ReportError> {
        let data = area_data(rubric, bench, report)?;
        let json = serde_json::to_vec(&data).map_err(|e| ReportError::Pdf(vec![e.to_string()]))?;
        self.compile(
            "/area.typ",
            &[("/data.json".to_owned(), json)],
            None,
            format!("sendbench/area/{}", report.title),
            false,
        )
    }

    /// Typesets the county overview (`county.typ`, A4 landscape): every local area's figures
    /// beside the county's for the county's latest year.
    pub fn county_report(
        &self,
        rubric: &Rubric,
        county: &sendbench_core::AreaBenchmark,
        areas: &[LocalArea<'_>],
        report: &CountyReport<'_>,
    ) -> Result<Vec<u8>, ReportError> {
        let data = county_data::CountyData::new(county, areas, rubric, report)?;
        let json = serde_json::to_vec(&data).map_err(|e| ReportError::Pdf(vec![e.to_string()]))?;
        self.compile(
            "/county.typ",
            &[("/data.json".to_owned(), json)],
            None,
            format!("sendbench/county/{}", report.title),
            false,
        )
    }

    /// Compiles `main` with these data files and exports tagged PDF (PDF/UA-1, and PDF/A-3a
    /// when asked), within the time and page limits. Typst cannot be interrupted, so the
    /// work runs on a thread of its own and is abandoned if it runs past the time limit or
    /// reaches the memory limit (`sendbench_memory`, where the program installs it) (a
    /// command then ends, and with it the thread); a panic inside Typst becomes an error.
    fn compile(
        &self,
        main: &str,
        files: &[(String, Vec<u8>)],
        date: Option<jiff::civil::Date>,
        ident: String,
        pdfa: bool,
    ) -> Result<Vec<u8>, ReportError> {
        let template = main.trim_start_matches('/').to_owned();
        if let Some(earlier) = self.stopped() {
            return Err(ReportError::Limit {
                what: format!("not made: an earlier document {earlier} and was stopped"),
                hint: "a custom template is probably stuck in a loop or building something huge; fix it, or raise the limit (--time-limit SECONDS, --memory-limit MB)",
            });
        }
        let shared = self.shared.clone();
        let (main, files) = (main.to_owned(), files.to_vec());
        let max_pages = self.max_pages;
        let (sender, receiver) = std::sync::mpsc::channel();
        // Typst's layout recurses deeply on nested content: the stack a main thread has.
        let spawned = std::thread::Builder::new()
            .name("typst".into())
            .stack_size(8 << 20)
            .spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    Engine::compile_here(&shared, &main, &files, date, ident, pdfa, max_pages)
                }));
                let _ = sender.send(result);
            });
        let thread = match spawned {
            Ok(thread) => thread,
            Err(e) => {
                return Err(ReportError::Pdf(vec![format!(
                    "cannot start a thread: {e}"
                )]))
            }
        };
        // Wait in short steps, to notice at once a thread made to wait at the memory limit.
        let deadline = std::time::Instant::now() + self.time_limit;
        let outcome = loop {
            let now = std::time::Instant::now();
            if now >= deadline {
                break None;
            }
            match receiver.recv_timeout((deadline - now).min(MEMORY_POLL)) {
                Ok(outcome) => {
                    // It has sent its result and is ending: wait for it, so no thread
                    // outlives its document (one stopped at a limit is left behind).
                    let _ = thread.join();
                    break Some(outcome);
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if sendbench_memory::exceeded() => {
                    self.stuck.store(true, Ordering::SeqCst);
                    return Err(ReportError::Limit {
                        what: format!(
                            "{template}: the report needed more than the memory limit of {} and was stopped",
                            memory_limit_text()
                        ),
                        hint: "a custom template is probably building something huge (a list of billions of items, say); fix it, or allow more memory with --memory-limit MB",
                    });
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(ReportError::Pdf(vec![format!(
                        "{template}: the thread making the report ended without a result"
                    )]))
                }
            }
        };
        match outcome {
            Some(Ok(result)) => result,
            Some(Err(panic)) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "no message".to_owned());
                Err(ReportError::Template(vec![format!(
                    "{template}: Typst stopped with an internal error ({message}); the template asks for something it cannot do, such as a list of billions of items"
                )]))
            }
            None => {
                self.stuck.store(true, Ordering::SeqCst);
                Err(ReportError::Limit {
                    what: format!(
                        "{template}: the report took longer than {} s and was stopped",
                        self.time_limit.as_secs()
                    ),
                    hint: "a custom template is probably stuck in a loop; fix it, or give more time with --time-limit SECONDS",
                })
            }
        }
    }

    /// Why no more documents are started, if an earlier one was stopped at a limit: its
    /// thread cannot be ended, and with the same templates the next would run away too.
    fn stopped(&self) -> Option<String> {
        if sendbench_memory::exceeded() {
            Some(format!(
                "needed more than the memory limit of {}",
                memory_limit_text()
            ))
        } else if self.stuck.load(Ordering::SeqCst) {
            Some(format!(
                "ran past the time limit of {} s",
                self.time_limit.as_secs()
            ))
        } else {
            None
        }
    }

    /// The compilation itself, on the current thread.
    fn compile_here(
        shared: &Shared,
        main: &str,
        files: &[(String, Vec<u8>)],
        date: Option<jiff::civil::Date>,
        ident: String,
        pdfa: bool,
        max_pages: usize,
    ) -> Result<Vec<u8>, ReportError> {
        // Every few documents, trim what earlier documents left in Typst's caches.
        if MADE.fetch_add(1, Ordering::SeqCst) + 1 >= DOCUMENTS_BETWEEN_EVICTIONS {
            MADE.store(0, Ordering::SeqCst);
            comemo::evict(EVICTION_AGE);
        }
        let world = ReportWorld::new(shared, main, files, date);
        let compiled = typst::compile::<PagedDocument>(&world);
        let document = compiled
            .output
            .map_err(|errors| ReportError::Template(describe(&world, &errors)))?;
        if document.pages().len() > max_pages {
            return Err(ReportError::Limit {
                what: format!(
                    "{}: the report has {} pages, more than the limit of {max_pages}",
                    main.trim_start_matches('/'),
                    document.pages().len()
                ),
                hint: "a custom template may be repeating itself; fix it, or allow more pages with --max-pages N",
            });
        }
        let mut standards = vec![PdfStandard::Ua_1];
        if pdfa {
            standards.push(PdfStandard::A_3a);
        }
        let standards = PdfStandards::new(&standards)
            .map_err(|e| ReportError::Pdf(vec![e.message().to_string()]))?;
        let timestamp = date
            .and_then(|d| {
                typst::foundations::Datetime::from_ymd(
                    i32::from(d.year()),
                    d.month() as u8,
                    d.day() as u8,
                )
            })
            .map(Timestamp::new_utc);
        let options = PdfOptions {
            ident: Smart::Custom(ident),
            timestamp,
            standards,
            tagged: true,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|errors| {
            // Typst reports each run of unshowable text; gather the characters into one
            // message that says what to do.
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
                ReportError::Pdf(describe(&world, &errors))
            } else {
                ReportError::MissingGlyphs { characters }
            }
        })
    }

    /// Frees all of Typst's memoisation caches now. The engine trims them by itself every
    /// few documents; call this to give the memory back sooner (after the last report of a
    /// batch, say), when no document is being made on another thread.
    pub fn free_caches() {
        comemo::evict(0);
        MADE.store(0, Ordering::SeqCst);
    }
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

/// What a school's report of `audience` is made from, already filtered for that audience
/// (see `data.rs`): the one constructor both the PDF and the HTML reports use, so both
/// show an audience exactly the same things. `attach` says whether PDF/A attaches data.
pub(crate) fn report_data(
    rubric: &Rubric,
    assessment: &Assessment,
    audience: Audience,
    attach: bool,
    beside: &Beside<'_>,
) -> data::ReportData {
    let progress = beside
        .previous
        .map(|p| sendbench_core::Progress::compare(p, assessment, rubric));
    data::ReportData::new(
        rubric,
        assessment,
        audience,
        attach,
        beside.area,
        beside.area_counts_another_version,
        progress.as_ref(),
    )
}

/// What the area report is made from, for the PDF and the HTML page alike; an error when
/// no return gives a year to report on.
pub(crate) fn area_data(
    rubric: &Rubric,
    bench: &sendbench_core::AreaBenchmark,
    report: &AreaReport<'_>,
) -> Result<area_data::AreaData, ReportError> {
    area_data::AreaData::new(bench, rubric, report).ok_or_else(|| {
        ReportError::Pdf(vec![
            "no return gives an academic year, so there is no year to report on".into(),
        ])
    })
}

/// Every file in `dir` whose extension (lower-cased) is one of `extensions`, sorted by name
/// so results do not depend on the order the file system lists them in.
pub(crate) fn files_with(
    dir: &Path,
    extensions: &[&str],
) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    let io = |path: &Path, e: std::io::Error| ReportError::Io {
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

fn read_templates(dir: &Path) -> Result<Vec<(String, String)>, ReportError> {
    files_with(dir, &["typ"])?
        .into_iter()
        .map(|(name, bytes)| {
            String::from_utf8(bytes)
                .map(|text| (format!("/{name}"), text))
                .map_err(|_| ReportError::Io {
                    path: dir.join(&name),
                    message: "not UTF-8 text".into(),
                })
        })
        .collect()
}

fn read_fonts(dir: &Path) -> Result<Vec<Vec<u8>>, ReportError> {
    Ok(files_with(dir, &["ttf", "otf", "ttc", "otc"])?
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect())
}
