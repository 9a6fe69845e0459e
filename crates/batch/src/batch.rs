//! The whole-area build: for every school in an input folder, the governors', parents' and
//! SEN-information reports and next year's pre-filled toolkit; the blank toolkit; the area
//! report (PDF, XLSX, CSV); and an `index.json` saying what was made from what, with the
//! intake report.
//!
//! A document is remade whenever anything it is made from changed: the input's content (not
//! its file time), the set of inputs (for the area report), the rubric, the templates and
//! fonts, the options, or sendbench itself. What each document was made from is kept as a
//! fingerprint in a manifest in the output folder. Documents of inputs that are gone are
//! removed, as is a document whose remaking failed, so `index.json` is always true to the
//! files on disk. One build at a time may write to an output folder (a lock says so).
//!
//! Work runs on every core, sharing one report engine; each file is written whole by a
//! writer thread, so an interrupted run leaves no partial file. One bad input or failed
//! document never stops the others, nor the area's CSV and XLSX.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use sendbench_core::words::count;
use sendbench_core::{
    AreaBenchmark, AreaError, AreaOptions, Completeness, Publication, PublicationOptions, Return,
    Rubric,
};
use sendbench_generate::jobs::{file_stem, next_year_toolkit_name, Document, InputFile, SchoolJob};
use sendbench_generate::render::{Format, RenderError, RenderOptions, Renderer};
use sendbench_generate::view::{AreaReport, Audience, View};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::county::{CountyBenchmarks, CountySettings};
use crate::intake::{hex, portable, source, Intake, IntakeOptions, INDEX_FILE};
use crate::whole::WholeReturns;
use crate::write::{remove_stale_temporaries, write_atomic, WriteError};

pub use crate::manifest::MANIFEST_FILE;
use crate::manifest::{Manifest, Written};
/// The lock file that keeps two builds out of one output folder.
pub const LOCK_FILE: &str = ".sendbench-lock";

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The folder of returns.
    pub input: PathBuf,
    /// Where the documents go (made if missing; never read as input).
    pub output: PathBuf,
    /// Remake every document, up to date or not.
    pub force: bool,
    /// Documents made at once (default: one per core).
    pub jobs: Option<usize>,
    /// Templates, fonts and limits for the PDFs and web pages.
    pub report: RenderOptions,
    /// Strength and development thresholds for the area report.
    pub area: AreaOptions,
    /// Small-number suppression for the area report (GSS `c`).
    pub suppress_below: Option<u32>,
    /// The area report's title (default: the area's name and year).
    pub title: Option<String>,
    /// How the data were collected, for the area report's cover.
    pub collection: Option<String>,
    /// Refuse duplicates and URN or name conflicts rather than warn.
    pub strict: bool,
    /// What the columns of survey exports hold, where their headers do not say.
    pub columns: Option<crate::sheet::ColumnMap>,
    /// The local authority columns of the area's open data (`area/area.csv` and the rest).
    pub tidy: sendbench_generate::area::TidyOptions,
    /// The officer's options for the collection (title and how it was collected, where the
    /// fields above do not say; schools asked per area; the county's name).
    pub collection_options: crate::county::CollectionOptions,
    /// Also split the returns by local area: each area's report beside the county's
    /// figures, and the county's overview, in `areas/`.
    pub by_area: bool,
    /// Count in the area figures only the schools that returned in every year.
    pub every_year: bool,
    /// Withhold every area figure that would differ from the publication recorded in the
    /// output folder (the safe re-issue after a late or corrected return).
    pub withhold_changed: bool,
}

/// What the build tells its caller as it goes (for a progress bar).
#[derive(Debug)]
pub enum BuildEvent<'a> {
    /// The plan: documents to make now, and those already up to date.
    Planned {
        /// Documents to make.
        to_make: usize,
        /// Documents already up to date.
        up_to_date: usize,
    },
    /// One document made (and written) or failed.
    Finished {
        /// What it is ("Oakfield Primary School (governors)").
        label: &'a str,
        /// `Err` with why, if it failed.
        error: Option<&'a str>,
    },
}

/// One input or document that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFailure {
    /// The input path, or the document's label.
    pub what: String,
    /// Why.
    pub error: String,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildSummary {
    /// Every file found in the input, and what became of it.
    pub intake: Intake,
    /// Each school used: its completeness, in the order of `intake.received`.
    pub completeness: Vec<Completeness>,
    /// Documents made.
    pub made: usize,
    /// Documents already up to date.
    pub up_to_date: usize,
    /// Documents removed: of inputs no longer there, or whose remaking failed.
    pub removed: usize,
    /// Inputs that could not be used and documents that could not be made.
    pub failures: Vec<BuildFailure>,
    /// What a person should check: duplicates, unfinished reviews, figures resting on few
    /// schools or revealing a school's judgement.
    pub warnings: Vec<String>,
    /// Stopped early (Ctrl-C): documents written are whole; run again for the rest.
    pub interrupted: bool,
    /// The index written.
    pub index: PathBuf,
}

/// Why a build could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input folder is missing or not a folder.
    #[error("the input {0} is not a folder: give the folder that holds the returns")]
    NoInput(PathBuf),
    /// The output folder could not be made.
    #[error("cannot create the output folder {path}: {source}")]
    Output {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Another build holds the output folder.
    #[error("another sendbench build is writing to {0}; wait for it to finish, or give another output folder")]
    Locked(PathBuf),
    /// With `strict`: duplicates or conflicts.
    #[error("returns conflict, and --strict refuses to choose:\n  {}", .0.join("\n  "))]
    Strict(Vec<String>),
    /// The options cannot be used (a suppression threshold too small to protect anything).
    #[error("{0}")]
    Options(String),
    /// A renderer could not start (a template folder or font that cannot be read).
    #[error("{0}")]
    Engine(#[from] RenderError),
    /// The index or manifest could not be written.
    #[error("{0}")]
    Write(#[from] WriteError),
}

/// A file name from a school's name (see [`file_stem`]).
pub fn slug(name: &str) -> String {
    file_stem(name)
}

/// One document (or pair of documents) to make.
#[derive(Debug, Clone, Copy)]
enum Job {
    Report(usize, Audience),
    Toolkit(usize),
    BlankToolkit,
    /// The area's XLSX and CSV: no fonts needed, so a PDF failure never stops them.
    AreaData,
    AreaPdf,
    /// Every local area's documents and the county's overview (`--by area`).
    County,
}

/// A job with its outputs (relative to the output folder) and fingerprint.
struct Planned {
    job: Job,
    outputs: Vec<String>,
    fingerprint: String,
}

/// Runs the build. `interrupt` is polled between documents (set it from a Ctrl-C handler);
/// `events` hears of progress.
pub fn build(
    rubric: &Rubric,
    options: &BuildOptions,
    interrupt: &AtomicBool,
    events: &(dyn Fn(BuildEvent<'_>) + Sync),
) -> Result<BuildSummary, BuildError> {
    let out = &options.output;
    let lock = open_output(options)?;
    let intake = read_returns(rubric, options)?;
    // Every document in every format: a PDF and a web page.
    let renderers = sendbench_generate::render::renderers(&Format::ALL, &options.report)?;
    let (mut warnings, mut failures) = intake_findings(&intake);
    let completeness: Vec<Completeness> = intake.received.iter().map(|r| r.completeness).collect();
    // What the figures are made from, made once for the years' check and the figures.
    let returns: Vec<Return> = (intake.received.iter())
        .map(|r| Return::new(r.assessment.clone(), r.source()))
        .collect();
    warnings.extend(check_years(options, &returns)?);

    // The area's figures, worked out once: every warning `area` would give is given here.
    let earlier = crate::published::read_record(out).map_err(BuildError::Options)?;
    let mut figures = Figures::of(
        rubric,
        returns,
        options,
        earlier.clone(),
        (&mut warnings, &mut failures),
    )?;
    let previous = previous_reviews(&intake);
    let mut plan = plan(
        rubric,
        options,
        &renderers,
        &intake,
        &previous,
        figures.area.is_some(),
        &figures.title,
    );
    if let Some(c) = &figures.county {
        let job = county_job(rubric, options, &renderers, &intake, c, &figures.settings);
        plan.insert(0, job);
    }
    let context = figures.context(rubric, &renderers, &intake, &previous, options);
    let made = make_documents(&plan, options, &context, interrupt, events);
    failures.extend(made.failures);
    // What the area's documents publish, for the next run to check a re-issue against.
    let published = (figures.publication.take())
        .filter(|_| !interrupt.load(Ordering::SeqCst))
        .map(|p| crate::published::write_record(out, earlier, &p, options.every_year));
    let index = write_build_files(
        out,
        &plan,
        &made.manifest,
        published,
        (&intake, &completeness),
        &mut failures,
    );
    drop(lock);
    Ok(BuildSummary {
        intake,
        completeness,
        made: made.made,
        up_to_date: made.up_to_date,
        removed: made.removed,
        failures,
        warnings,
        interrupted: interrupt.load(Ordering::SeqCst),
        index,
    })
}

/// What [`build_area_in_memory`] made.
#[derive(Debug)]
pub struct AreaBuild {
    /// Every file given, and what became of it.
    pub intake: Intake,
    /// The documents made, each named by its path in a build's output folder
    /// (`area/area.pdf`, `areas/county.pdf`).
    pub documents: Vec<Document>,
    /// What a person should check (as [`BuildSummary::warnings`]).
    pub warnings: Vec<String>,
    /// Inputs that could not be used and documents that could not be made.
    pub failures: Vec<BuildFailure>,
}

/// The area's documents of a build (its report as PDF and web page, its spreadsheet and
/// open data; with `by_area` every local area's and the county's), made from files given as
/// bytes, in memory and on this thread: the build for a caller with no file system and no
/// threads (a web page). The same returns and options give the same files, byte for byte,
/// under the same names, as [`build`] writes. `progress` hears of each document before it is
/// made (done so far, how many, what).
pub fn build_area_in_memory(
    rubric: &Rubric,
    files: &[InputFile<'_>],
    options: &BuildOptions,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<AreaBuild, BuildError> {
    let intake = Intake::from_files(files, rubric, options.columns.as_ref());
    if options.strict && !intake.warnings.is_empty() {
        return Err(BuildError::Strict(intake.warnings.clone()));
    }
    let renderers = sendbench_generate::render::renderers(&Format::ALL, &options.report)?;
    let (mut warnings, mut failures) = intake_findings(&intake);
    let returns: Vec<Return> = (intake.received.iter())
        .map(|r| Return::new(r.assessment.clone(), r.source()))
        .collect();
    warnings.extend(check_years(options, &returns)?);
    let figures = Figures::of(
        rubric,
        returns,
        options,
        None,
        (&mut warnings, &mut failures),
    )?;
    let formats: Vec<&str> = renderers.iter().map(|r| r.format().extension()).collect();
    let base = || base_fingerprint(rubric, Some(&renderers), options);
    let mut plan: Vec<Planned> = Vec::new();
    if figures.area.is_some() {
        plan.extend(area_jobs(
            options,
            &intake,
            &figures.title,
            &formats,
            (base(), base()),
        ));
    }
    if let Some(c) = &figures.county {
        plan.push(county_job(
            rubric,
            options,
            &renderers,
            &intake,
            c,
            &figures.settings,
        ));
    }
    let context = figures.context(rubric, &renderers, &intake, &[], options);
    let mut documents = Vec::new();
    for (done, planned) in plan.iter().enumerate() {
        progress(done, plan.len(), &context.label(planned.job));
        match context.make(planned.job) {
            Ok(made) => documents.extend((planned.outputs.iter().zip(made)).map(
                |(name, bytes)| Document {
                    name: name.clone(),
                    bytes,
                },
            )),
            Err(error) => failures.push(BuildFailure {
                what: context.label(planned.job),
                error,
            }),
        }
    }
    progress(plan.len(), plan.len(), "done");
    Ok(AreaBuild {
        intake,
        documents,
        warnings,
        failures,
    })
}

/// Every file in the input folder (never the output folder), read against the rubric; with
/// `strict`, duplicates and conflicts stop the build.
fn read_returns(rubric: &Rubric, options: &BuildOptions) -> Result<Intake, BuildError> {
    // Only what the figures need is held of each return; a school's documents read its
    // file again, so memory stays flat however many schools there are.
    let intake = Intake::read_for_figures(
        &IntakeOptions {
            inputs: vec![options.input.clone()],
            exclude: vec![options.output.clone()],
            columns: options.columns.clone(),
        },
        rubric,
    );
    if options.strict && !intake.warnings.is_empty() {
        return Err(BuildError::Strict(intake.warnings.clone()));
    }
    Ok(intake)
}

/// The title, how the data were collected and the county's name: from the command line's
/// options, else the officer's options file, else the rubric.
fn county_settings(rubric: &Rubric, options: &BuildOptions) -> CountySettings {
    CountySettings::new(
        rubric,
        options.collection_options.clone(),
        options.title.clone(),
        options.collection.clone(),
        options.tidy.clone(),
    )
}

/// Makes the output folders and takes the lock that keeps other builds out of them (held
/// until the returned file is dropped); clears temporaries a killed run left.
fn open_output(options: &BuildOptions) -> Result<std::fs::File, BuildError> {
    if !options.input.is_dir() {
        return Err(BuildError::NoInput(options.input.clone()));
    }
    let out = &options.output;
    let mut dirs = vec![out.clone(), out.join("schools"), out.join("area")];
    if options.by_area {
        dirs.push(out.join(AREAS_DIR));
    }
    for dir in dirs {
        std::fs::create_dir_all(&dir).map_err(|source| BuildError::Output {
            path: dir.clone(),
            source,
        })?;
    }
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(LOCK_FILE))
        .map_err(|source| BuildError::Output {
            path: out.join(LOCK_FILE),
            source,
        })?;
    if lock.try_lock().is_err() {
        return Err(BuildError::Locked(out.clone()));
    }
    // A run killed outright (power cut, SIGKILL) may leave temporary files: they are hidden,
    // never mistaken for output, and cleared here (never through a link out of the folder).
    remove_stale_temporaries(out);
    Ok(lock)
}

/// What the intake found for a person to check (warnings, notes, unfinished reviews and each
/// return's own warnings) and the inputs that cannot be used.
fn intake_findings(intake: &Intake) -> (Vec<String>, Vec<BuildFailure>) {
    let mut warnings = intake.warnings.clone();
    warnings.extend(intake.notes.iter().cloned());
    let failures: Vec<BuildFailure> = intake
        .invalid()
        .map(|(entry, error)| BuildFailure {
            what: source(&entry.path, entry.place.as_deref()),
            error: error.to_string(),
        })
        .collect();
    for r in &intake.received {
        if let Some(left) = r.completeness.remaining() {
            warnings.push(format!(
                "{}: the review is not finished ({left}); its reports are marked as drafts",
                r.source()
            ));
        }
    }
    for r in &intake.received {
        for w in &r.warnings {
            warnings.push(format!("{}: {w}", r.source()));
        }
    }
    (warnings, failures)
}

/// A title or options naming a year no return is for would publish that year's documents
/// over other years' data: stop before anything is made.
fn check_years(options: &BuildOptions, returns: &[Return]) -> Result<Vec<String>, BuildError> {
    crate::county::check_collection(
        &options.collection_options,
        options.title.as_deref(),
        options.collection.as_deref(),
        returns,
    )
    .map_err(BuildError::Options)
}

/// What making the documents came to.
struct Made {
    made: usize,
    up_to_date: usize,
    removed: usize,
    failures: Vec<BuildFailure>,
    /// What the manifest will say of every output.
    manifest: Manifest,
}

/// Removes what is no longer planned, makes what is out of date (on every core) and keeps
/// the manifest true to what is on disk.
fn make_documents(
    plan: &[Planned],
    options: &BuildOptions,
    context: &Context<'_>,
    interrupt: &AtomicBool,
    events: &(dyn Fn(BuildEvent<'_>) + Sync),
) -> Made {
    let out = &options.output;
    let old = Manifest::read(out);
    let planned: HashSet<&String> = plan.iter().flat_map(|p| &p.outputs).collect();
    // Documents of inputs that are gone: removed, so nothing on disk claims a school that
    // is no longer in the returns.
    let removed = (old.outputs.keys())
        .filter(|path| !planned.contains(path))
        .filter(|path| remove_output(out, path))
        .count();
    // Up to date: made from what it would be made from now, and on disk as it was written
    // (a file cut short or changed by hand since is made again).
    let up_to_date = |p: &Planned| {
        !options.force && (p.outputs.iter()).all(|o| old.is_current(out, o, &p.fingerprint))
    };
    let todo: Vec<&Planned> = plan.iter().filter(|p| !up_to_date(p)).collect();
    let skipped = plan.len() - todo.len();
    events(BuildEvent::Planned {
        to_make: todo.len(),
        up_to_date: skipped,
    });
    // What the manifest will say: what was up to date, then what is made now.
    let manifest: Mutex<BTreeMap<String, Written>> = Mutex::new(
        plan.iter()
            .filter(|p| up_to_date(p))
            .flat_map(|p| p.outputs.iter())
            .filter_map(|o| Some((o.clone(), old.outputs.get(o)?.clone())))
            .collect(),
    );
    let failures: Mutex<Vec<BuildFailure>> = Mutex::new(Vec::new());
    let made = AtomicUsize::new(0);
    run_jobs(&todo, options, context, interrupt, &|planned, result| {
        let label = context.label(planned.job);
        let error = result.err();
        events(BuildEvent::Finished {
            label: &label,
            error: error.as_deref(),
        });
        match error {
            None => {
                made.fetch_add(1, Ordering::SeqCst);
                // What was written, looked at before taking the lock: the lock is held only
                // to insert.
                let written: Vec<(String, Written)> = (planned.outputs.iter())
                    .filter_map(|o| {
                        Some((o.clone(), Written::on_disk(out, o, &planned.fingerprint)?))
                    })
                    .collect();
                if let Ok(mut m) = manifest.lock() {
                    m.extend(written);
                }
            }
            Some(error) => {
                // An out-of-date document left in place would be listed as if it were
                // current: remove it.
                for o in &planned.outputs {
                    remove_output(out, o);
                }
                if let Ok(mut f) = failures.lock() {
                    let what = context.source(planned.job);
                    f.push(BuildFailure { what, error });
                }
            }
        }
    });
    let mut manifest = Manifest {
        outputs: manifest.into_inner().unwrap_or_default(),
    };
    keep_interrupted(&mut manifest, &old, &planned, out);
    Made {
        made: made.into_inner(),
        up_to_date: skipped,
        removed,
        failures: failures.into_inner().unwrap_or_default(),
        manifest,
    }
}

/// A document not made this time because of an interruption keeps its old entry while the
/// file on disk is still what that entry says was written.
fn keep_interrupted(
    manifest: &mut Manifest,
    old: &Manifest,
    planned: &HashSet<&String>,
    out: &Path,
) {
    for (path, written) in &old.outputs {
        if planned.contains(path)
            && !manifest.outputs.contains_key(path)
            && old.is_current(out, path, &written.from)
        {
            manifest.outputs.insert(path.clone(), written.clone());
        }
    }
}

/// The files about the build: the manifest, the record of what was published (if one was
/// written) and the index. Each failure to write one is told with the rest, so a full disk
/// still ends with the summary of what was made. Returns the index's path.
fn write_build_files(
    out: &Path,
    plan: &[Planned],
    manifest: &Manifest,
    published: Option<Result<PathBuf, String>>,
    (intake, completeness): (&Intake, &[Completeness]),
    failures: &mut Vec<BuildFailure>,
) -> PathBuf {
    let note = |failures: &mut Vec<BuildFailure>, what: &str, result: Result<(), String>| {
        if let Err(error) = result {
            failures.push(BuildFailure {
                what: what.to_owned(),
                error,
            });
        }
    };
    let write = |path: &Path, text: &str| {
        write_atomic(path, text.as_bytes(), true).map_err(|e| e.to_string())
    };
    note(
        failures,
        MANIFEST_FILE,
        write(&out.join(MANIFEST_FILE), &manifest.to_json()),
    );
    if let Some(written) = published {
        note(failures, crate::published::RECORD_FILE, written.map(|_| ()));
    }
    let index = out.join(INDEX_FILE);
    let doc = index_json(out, plan, intake, completeness, failures);
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    note(failures, INDEX_FILE, write(&index, &text));
    index
}

/// The area's figures and what its documents are titled and made with.
struct Figures {
    /// The publication, for the record of what was published.
    publication: Option<Publication>,
    /// The area's figures as published.
    area: Option<AreaBenchmark>,
    /// With `--by area`, each local area's and the county's.
    county: Option<CountyBenchmarks>,
    settings: CountySettings,
    title: String,
}

impl Figures {
    /// The figures from the returns (see [`area_figures`]), titled as the options say.
    fn of(
        rubric: &Rubric,
        returns: Vec<Return>,
        options: &BuildOptions,
        earlier: Option<sendbench_core::PublishedRecord>,
        found: (&mut Vec<String>, &mut Vec<BuildFailure>),
    ) -> Result<Figures, BuildError> {
        let (publication, county) = area_figures(rubric, returns, options, earlier, found)?;
        let area = publication.as_ref().map(|p| p.whole.clone());
        let settings = county_settings(rubric, options);
        let title = (settings.title.clone())
            .or_else(|| Some(area.as_ref()?.default_title(rubric)))
            .unwrap_or_default();
        Ok(Figures {
            publication,
            area,
            county,
            settings,
            title,
        })
    }

    /// What the workers making the documents share.
    fn context<'a>(
        &'a self,
        rubric: &'a Rubric,
        renderers: &'a [Box<dyn Renderer>],
        intake: &'a Intake,
        previous: &'a [Option<usize>],
        options: &'a BuildOptions,
    ) -> Context<'a> {
        Context {
            rubric,
            renderers,
            intake,
            area: self.area.as_ref(),
            title: &self.title,
            collection: self.settings.collection.as_deref(),
            tidy: &options.tidy,
            county: self.county.as_ref().map(|c| (c, &self.settings)),
            previous,
            eligible: (self.area.as_ref()).and_then(|a| options.collection_options.eligible_for(a)),
            whole: WholeReturns::new(intake, rubric),
        }
    }
}

/// The area's figures from the schools' returns, as `area` publishes them, with every
/// warning it gives; with `--by area` the county's too. A publication that cannot be made is
/// a failure of the area report, and the rest of the build goes on.
fn area_figures(
    rubric: &Rubric,
    returns: Vec<Return>,
    options: &BuildOptions,
    earlier: Option<sendbench_core::PublishedRecord>,
    (warnings, failures): (&mut Vec<String>, &mut Vec<BuildFailure>),
) -> Result<(Option<Publication>, Option<CountyBenchmarks>), BuildError> {
    if returns.is_empty() {
        return Ok((None, None));
    }
    let publication_options = PublicationOptions {
        area: options.area,
        strict: options.strict,
        suppress_below: options.suppress_below,
        every_year: options.every_year,
        earlier,
        withhold_changed: options.withhold_changed,
    };
    let publication = match Publication::build(rubric, &returns, &publication_options) {
        Err(e @ AreaError::Threshold(_)) => return Err(BuildError::Options(e.to_string())),
        Err(e) => {
            failures.push(BuildFailure {
                what: "area report".to_owned(),
                error: e.to_string(),
            });
            return Ok((None, None));
        }
        Ok(publication) => publication,
    };
    warnings.extend(crate::published::revision_warnings(
        &publication,
        &options.output,
    ));
    if options.every_year {
        warnings.push(format!(
            "only schools that returned in every year are counted in the area figures: {} left out",
            count(publication.left_out, "school", "schools")
        ));
    }
    let county = if options.by_area {
        CountyBenchmarks::of(publication.clone())
            .map_err(|error| {
                failures.push(BuildFailure {
                    what: "local areas' reports".to_owned(),
                    error,
                })
            })
            .ok()
    } else {
        None
    };
    match &county {
        // The county's warnings include the whole's, named as the county's.
        Some(c) => warnings.extend(c.warnings.iter().cloned()),
        None => warnings.extend(whole_warnings(&publication)),
    }
    Ok((Some(publication), county))
}

/// The whole's warnings, for a build that is not split by area: duplicates and returns
/// without a year, strands every school judged the same side, years on few schools.
fn whole_warnings(publication: &Publication) -> Vec<String> {
    let whole = &publication.whole;
    (publication.notices.iter().map(|n| n.message.clone()))
        .chain(whole.disclosure_warnings())
        .chain(whole.reliability_warnings().into_iter().map(|n| n.message))
        .collect()
}

/// Removes a document the build made earlier, if it is a regular file inside the output
/// folder (never anything else, whatever the manifest says).
fn remove_output(out: &Path, relative: &str) -> bool {
    let path = Path::new(relative);
    if path.is_absolute()
        || path
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return false;
    }
    let full = out.join(path);
    std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file())
        && std::fs::remove_file(&full).is_ok()
}

/// What every document depends on: sendbench, the rubric, and (for PDFs) the templates and
/// fonts in use.
fn base_fingerprint(
    rubric: &Rubric,
    renderers: Option<&[Box<dyn Renderer>]>,
    options: &BuildOptions,
) -> Sha256 {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(serde_json::to_vec(rubric).unwrap_or_default());
    if let Some(renderers) = renderers {
        for (path, text) in renderers.iter().flat_map(|r| r.templates()) {
            h.update(path);
            h.update([0]);
            h.update(text);
            h.update([0]);
        }
        // Fonts: each file's name, size and time, which change when a font is replaced.
        for dir in &options.report.pdf.font_dirs {
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| {
                    let meta = e.metadata().ok();
                    format!(
                        "{:?} {:?} {:?}",
                        e.file_name(),
                        meta.as_ref().map(|m| m.len()),
                        meta.and_then(|m| m.modified().ok())
                    )
                })
                .collect();
            files.sort();
            h.update(files.join("\n"));
        }
    }
    h
}

fn finish(mut h: Sha256, parts: &[&str]) -> String {
    for p in parts {
        h.update(p);
        h.update([0]);
    }
    hex(&h.finalize())
}

/// Every document to make, with its outputs and fingerprint. File names are the school's
/// name, made unique by academic year, then URN, then a number, in the order returns were
/// found (by path).
fn plan(
    rubric: &Rubric,
    options: &BuildOptions,
    renderers: &[Box<dyn Renderer>],
    intake: &Intake,
    previous: &[Option<usize>],
    with_area: bool,
    title: &str,
) -> Vec<Planned> {
    // Every document is made in every format, so every renderer's templates are in every
    // fingerprint.
    let html_base = base_fingerprint(rubric, Some(renderers), options);
    let formats: Vec<&str> = renderers.iter().map(|r| r.format().extension()).collect();
    let docx_base = base_fingerprint(rubric, None, options);
    let stem_of = file_stems(intake);
    let mut plan = Vec::new();
    for (i, r) in intake.received.iter().enumerate() {
        let a = &r.assessment;
        let stem = &stem_of[i];
        for audience in Audience::ALL {
            // Each report also as a web page: the families' ones for the school's website,
            // the governors' one to read on a phone or with a screen reader.
            let outputs = (formats.iter())
                .map(|ext| format!("schools/{stem}-{}.{ext}", audience.id()))
                .collect();
            plan.push(Planned {
                job: Job::Report(i, audience),
                outputs,
                // The previous review's content too: its progress is in the report.
                fingerprint: finish(
                    html_base.clone(),
                    &[
                        "report",
                        audience.id(),
                        &r.digest,
                        previous[i].map_or("", |p| intake.received[p].digest.as_str()),
                    ],
                ),
            });
        }
        plan.push(Planned {
            job: Job::Toolkit(i),
            outputs: vec![format!("schools/{}", next_year_toolkit_name(stem, a))],
            fingerprint: finish(docx_base.clone(), &["toolkit", &r.digest]),
        });
    }
    plan.push(Planned {
        job: Job::BlankToolkit,
        outputs: vec!["blank-toolkit.docx".to_owned()],
        fingerprint: finish(docx_base.clone(), &["blank toolkit"]),
    });
    if with_area {
        // The area report is the longest single job: first in the queue, so the other
        // workers make schools' documents meanwhile rather than wait for it at the end.
        let area = area_jobs(options, intake, title, &formats, (html_base, docx_base));
        plan.splice(0..0, area);
    }
    plan
}

/// Each return's file stem. A school's latest review gets the plain name, so adding last
/// year's return never moves a published file's name onto the older review; earlier years
/// (and other schools of the same name) get the year, then the URN, then a number.
fn file_stems(intake: &Intake) -> Vec<String> {
    let mut order: Vec<usize> = (0..intake.received.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(intake.received[i].year()), i));
    let mut stems: HashSet<String> = HashSet::new();
    let mut stem_of: Vec<String> = vec![String::new(); intake.received.len()];
    for &i in &order {
        let r = &intake.received[i];
        let a = &r.assessment;
        let mut stem = file_stem(&a.school.name);
        if stems.contains(&stem) {
            // The same school in another year (or another school of the same name).
            if let Some(year) = r.year() {
                stem = format!("{stem}-{}", file_stem(&year.to_string()));
            }
            if stems.contains(&stem) {
                if let Some(urn) = &a.school.urn {
                    stem = format!("{stem}-{}", file_stem(urn));
                }
            }
            let base = stem.clone();
            let mut n = 2;
            while stems.contains(&stem) {
                stem = format!("{base}-{n}");
                n += 1;
            }
        }
        stems.insert(stem.clone());
        stem_of[i] = stem;
    }
    stem_of
}

/// The area report (PDF and page) and the area's data (XLSX and open data), with their
/// fingerprints: the set of returns read and the options that shape the figures.
fn area_jobs(
    options: &BuildOptions,
    intake: &Intake,
    title: &str,
    formats: &[&str],
    (html_base, docx_base): (Sha256, Sha256),
) -> [Planned; 2] {
    let inputs = returns_read(intake);
    let settings = format!(
        "{:?} {:?} {title:?} {:?}",
        options.area, options.suppress_below, options.collection
    );
    let tidy = format!("{:?}", options.tidy);
    [
        Planned {
            job: Job::AreaPdf,
            outputs: (formats.iter())
                .map(|ext| format!("area/area.{ext}"))
                .collect(),
            fingerprint: finish(html_base, &["area pdf", &settings, &inputs]),
        },
        Planned {
            job: Job::AreaData,
            outputs: std::iter::once("area.xlsx".to_owned())
                .chain(sendbench_generate::area::TidyFiles::names("area"))
                .map(|name| format!("area/{name}"))
                .collect(),
            fingerprint: finish(docx_base, &["area data", &settings, &tidy, &inputs]),
        },
    ]
}

/// Every return read and what it held, one per line in a fixed order: what the area's
/// documents are made from, for their fingerprints.
fn returns_read(intake: &Intake) -> String {
    let mut inputs: Vec<String> = intake
        .received
        .iter()
        .map(|r| format!("{} {}", r.source(), r.digest))
        .collect();
    inputs.sort();
    inputs.join("\n")
}

/// For each return, the same school's review from the latest earlier year among the returns
/// (the same school by URN, else by name, as duplicates are found), so its reports show the
/// progress since.
fn previous_reviews(intake: &Intake) -> Vec<Option<usize>> {
    let received = &intake.received;
    // Each return's URN and normalised name, worked out once, and the returns holding each
    // (so a county's thousands of returns are not each compared with every other).
    let keys: Vec<(Option<&str>, String)> = received
        .iter()
        .map(|r| {
            let school = &r.assessment.school;
            (
                school
                    .urn
                    .as_deref()
                    .map(str::trim)
                    .filter(|u| !u.is_empty()),
                sendbench_core::normalise_name(&school.name),
            )
        })
        .collect();
    let mut by_urn: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (urn, name)) in keys.iter().enumerate() {
        if let Some(urn) = urn {
            by_urn.entry(urn).or_default().push(i);
        }
        by_name.entry(name).or_default().push(i);
    }
    // The same school: the same URN, or the same name.
    let same_school = |i: usize| -> Vec<usize> {
        let (urn, name) = &keys[i];
        let mut found: Vec<usize> = (urn.and_then(|u| by_urn.get(u)).into_iter().flatten())
            .chain(by_name.get(name.as_str()).into_iter().flatten())
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    };
    received
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let year = r.year()?;
            (same_school(i).into_iter())
                .filter(|&j| received[j].year().is_some_and(|y| y < year))
                .max_by_key(|&j| received[j].year())
        })
        .collect()
}

/// The folder of the local areas' documents (`--by area`).
pub const AREAS_DIR: &str = "areas";

/// The job making every local area's documents and the county overview: its outputs are
/// known before it runs (from the areas' names), so the manifest and index can list them.
fn county_job(
    rubric: &Rubric,
    options: &BuildOptions,
    renderers: &[Box<dyn Renderer>],
    intake: &Intake,
    county: &CountyBenchmarks,
    settings: &CountySettings,
) -> Planned {
    let inputs = returns_read(intake);
    let about = format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        options.area,
        options.suppress_below,
        options.every_year,
        settings.name,
        settings.title,
        settings.collection,
        settings.options,
        settings.tidy
    );
    Planned {
        job: Job::County,
        outputs: crate::county::file_names(
            county,
            &renderers.iter().map(|r| r.format()).collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|name| format!("{AREAS_DIR}/{name}"))
        .collect(),
        fingerprint: finish(
            base_fingerprint(rubric, Some(renderers), options),
            &["county", &about, &inputs],
        ),
    }
}

/// What the workers share.
struct Context<'a> {
    rubric: &'a Rubric,
    renderers: &'a [Box<dyn Renderer>],
    intake: &'a Intake,
    area: Option<&'a AreaBenchmark>,
    title: &'a str,
    collection: Option<&'a str>,
    tidy: &'a sendbench_generate::area::TidyOptions,
    county: Option<(&'a CountyBenchmarks, &'a CountySettings)>,
    /// Schools asked in the area, for the area report's response rate.
    eligible: Option<u32>,
    /// Per return, the same school's previous review among the returns, if any.
    previous: &'a [Option<usize>],
    /// The returns read whole again for the school jobs, the last few kept.
    whole: WholeReturns<'a>,
}

impl Context<'_> {
    fn label(&self, job: Job) -> String {
        let name = |i: usize| &self.intake.received[i].assessment.school.name;
        match job {
            Job::Report(i, audience) => format!("{} ({})", name(i), audience.id()),
            Job::Toolkit(i) => format!("{} (toolkit)", name(i)),
            Job::BlankToolkit => "blank toolkit".to_owned(),
            Job::AreaData => "area report (XLSX and CSV)".to_owned(),
            Job::AreaPdf => "area report (PDF)".to_owned(),
            Job::County => "local areas' reports and the county overview".to_owned(),
        }
    }

    /// The input a job's documents are made from, for failures: "returns/oak.toml
    /// (governors)".
    fn source(&self, job: Job) -> String {
        let path = |i: usize| portable(&self.intake.received[i].path);
        match job {
            Job::Report(i, audience) => format!("{} ({})", path(i), audience.id()),
            Job::Toolkit(i) => format!("{} (toolkit)", path(i)),
            other => self.label(other),
        }
    }

    /// Makes one job's documents, in the order of its outputs.
    fn make(&self, job: Job) -> Result<Vec<Vec<u8>>, String> {
        let received = |i: usize| self.whole.get(i);
        let area = || self.area.ok_or_else(|| "no area figures".to_owned());
        match job {
            Job::Report(i, audience) => {
                let renderers: Vec<&dyn Renderer> =
                    self.renderers.iter().map(|r| r.as_ref()).collect();
                // The same school's earlier return among the returns: found, so it is the
                // same school and an earlier year by construction.
                let previous = self.previous[i].map(received).transpose()?;
                let job = SchoolJob {
                    audiences: &[audience],
                    renderers: &renderers,
                    previous: previous.as_deref().map(|p| ("", p)),
                    renamed: true,
                    ..SchoolJob::default()
                };
                let documents =
                    sendbench_generate::jobs::school_documents(self.rubric, &*received(i)?, &job)
                        .map_err(|e| e.to_string())?;
                Ok(documents.into_iter().map(|d| d.bytes).collect())
            }
            Job::Toolkit(i) => Ok(vec![sendbench_generate::docx::next_year_toolkit(
                self.rubric,
                &*received(i)?,
            )]),
            Job::BlankToolkit => Ok(vec![sendbench_generate::docx::toolkit(self.rubric, None)]),
            Job::AreaData => {
                let bench = area()?;
                let xlsx = sendbench_generate::area::xlsx(bench, self.rubric, self.title)
                    .map_err(|e| e.to_string())?;
                use sendbench_generate::area::{tidy, Geography, TOTAL};
                let whole = [Geography {
                    local_area: TOTAL,
                    bench,
                }];
                let files = tidy(&whole, self.rubric, self.tidy);
                Ok(std::iter::once(xlsx).chain(files.into_files()).collect())
            }
            Job::County => {
                let (benches, settings) = self
                    .county
                    .ok_or_else(|| "no local areas' figures".to_owned())?;
                Ok(
                    crate::county::documents(self.rubric, benches, settings, self.renderers)?
                        .into_iter()
                        .map(|(_, bytes)| bytes)
                        .collect(),
                )
            }
            Job::AreaPdf => {
                let report = AreaReport {
                    title: self.title,
                    collection: self.collection,
                    eligible: self.eligible,
                    ..AreaReport::default()
                };
                let view = View::area(self.rubric, area()?, &report).map_err(|e| e.to_string())?;
                (self.renderers.iter())
                    .map(|r| r.render(&view).map_err(|e| e.to_string()))
                    .collect()
            }
        }
    }
}

/// Makes the jobs on worker threads (one per core unless told otherwise) and writes their
/// documents on one writer thread; `done` hears of each job once it is written or failed.
fn run_jobs(
    todo: &[&Planned],
    options: &BuildOptions,
    context: &Context<'_>,
    interrupt: &AtomicBool,
    done: &(dyn Fn(&Planned, Result<(), String>) + Sync),
) {
    let threads = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let out = &options.output;
    // Our own threads take documents from the queue one at a time. (Not a rayon pool: Typst
    // parallelises inside a document on rayon's global pool, and a rayon worker waiting on
    // that inner work would steal and start another whole document on the same stack.)
    let next = AtomicUsize::new(0);
    // Documents are made on worker threads and written by one writer thread: each file is
    // flushed to disk before it is renamed into place (so a power cut cannot leave an empty
    // document), which waits a few milliseconds a file, and a worker waiting on the disk
    // would leave its core idle. The queue is short, so memory stays flat.
    let (to_writer, writes) = std::sync::mpsc::sync_channel::<(&Planned, Vec<Vec<u8>>)>(16);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (planned, documents) in writes {
                let result = planned
                    .outputs
                    .iter()
                    .zip(&documents)
                    .try_for_each(|(path, bytes)| write_atomic(&out.join(path), bytes, true))
                    .map_err(|e| e.to_string());
                done(planned, result);
            }
        });
        for _ in 0..threads.min(todo.len().max(1)) {
            let to_writer = to_writer.clone();
            let worker = || {
                let to_writer = to_writer;
                loop {
                    if interrupt.load(Ordering::SeqCst) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(planned) = todo.get(i) else {
                        break;
                    };
                    match context.make(planned.job) {
                        Ok(documents) => {
                            if let Err(e) = to_writer.send((planned, documents)) {
                                done(e.0 .0, Err("the writer thread stopped".to_owned()));
                            }
                        }
                        Err(e) => done(planned, Err(e)),
                    }
                }
            };
            // Typst's layout recurses deeply on nested content: give workers the stack a
            // main thread has rather than the 2 MiB default for spawned threads.
            let spawned = std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(scope, worker);
            if let Err(e) = spawned {
                if let Some(first) = todo.first() {
                    done(first, Err(format!("cannot start a worker thread: {e}")));
                }
            }
        }
        // The writer stops when every worker has dropped its sender.
        drop(to_writer);
    });
}

/// A school's completeness in the index: its counts (as `Completeness` serialises them),
/// whether it is complete, and the sentence every report prints.
fn completeness_json(c: &Completeness) -> serde_json::Value {
    let mut v = serde_json::to_value(c).unwrap_or_default();
    v["complete"] = c.is_complete().into();
    v["summary"] = c.to_string().into();
    v
}

/// `index.json`: each school with its input, completeness and the documents on disk made
/// from it; the area report and blank toolkit if on disk; what failed; and the intake
/// report. Paths use forward slashes, relative to the index. The fields in the order
/// written.
#[derive(serde::Serialize)]
struct Index<'a> {
    schools: SchoolEntries<'a>,
    area: Vec<&'a String>,
    areas: Vec<&'a String>,
    blank_toolkit: Option<&'a String>,
    failed: Vec<serde_json::Value>,
    intake: serde_json::Value,
}

/// The index's list of schools, each made as JSON only as it is written: for all of
/// England, held whole as JSON values, the list was a third of a rerun's memory.
struct SchoolEntries<'a> {
    received: &'a [crate::intake::Received],
    completeness: &'a [Completeness],
    /// Each school's documents on disk, by its place in `received`.
    outputs: Vec<Vec<&'a String>>,
}

impl serde::Serialize for SchoolEntries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entries = (self.received.iter().zip(self.completeness))
            .zip(&self.outputs)
            .map(|((r, c), outputs)| {
                let a = &r.assessment;
                json!({
                    "input": r.source(),
                    "school": a.school.name,
                    "urn": a.school.urn,
                    "academic_year": r.year().map(|y| y.to_string()),
                    "completeness": completeness_json(c),
                    "outputs": outputs,
                })
            });
        serializer.collect_seq(entries)
    }
}

fn index_json<'a>(
    out: &Path,
    plan: &'a [Planned],
    intake: &'a Intake,
    completeness: &'a [Completeness],
    failures: &[BuildFailure],
) -> Index<'a> {
    let exists = |o: &String| out.join(o).is_file();
    let outputs_of = |matches: &dyn Fn(Job) -> bool| -> Vec<&'a String> {
        plan.iter()
            .filter(|p| matches(p.job))
            .flat_map(|p| p.outputs.iter().filter(|o| exists(o)))
            .collect()
    };
    // Each school's outputs, gathered in one pass over the plan (not a pass per school).
    let mut outputs: Vec<Vec<&String>> = vec![Vec::new(); intake.received.len()];
    for p in plan {
        if let Job::Report(i, _) | Job::Toolkit(i) = p.job {
            outputs[i].extend(p.outputs.iter().filter(|o| exists(o)));
        }
    }
    let blank = outputs_of(&|job| matches!(job, Job::BlankToolkit));
    Index {
        schools: SchoolEntries {
            received: &intake.received,
            completeness,
            outputs,
        },
        area: outputs_of(&|job| matches!(job, Job::AreaPdf | Job::AreaData)),
        areas: outputs_of(&|job| matches!(job, Job::County)),
        blank_toolkit: blank.first().copied(),
        failed: (failures.iter())
            .map(|f| json!({ "input": f.what, "error": f.error }))
            .collect(),
        intake: intake.to_json(),
    }
}
