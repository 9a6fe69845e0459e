//! The intake of returns: what an officer's returns folder really holds, accounted for file
//! by file. Folders are walked (links followed, loops detected, each file read once however
//! many ways it is reached); Office lock files, hidden and Mac resource files, rubrics, other
//! kinds of file, the build's own output and earlier output folders are skipped with the
//! reason; every return is read (TOML or a filled Word toolkit) and checked against the
//! rubric; and the same school sent twice for one year is counted once, with a message that
//! names both files and says which is kept and why. Every file found ends in exactly one
//! [`Fate`], so the counts add up to the files received.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::files::FileError;
use crate::sheet::{self, ColumnMap, SheetError};
use sendbench_core::{
    group_schools, normalise_name, AcademicYear, Assessment, Diagnostic, Rubric, SchoolId,
    SourceFile,
};
use sendbench_generate::jobs::InputFile;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The largest file read as a return. A filled toolkit is well under 1 MB and a TOML return
/// far less; the limit is checked before reading, so a huge or endless file costs nothing.
pub const MAX_RETURN_BYTES: u64 = 64 * 1024 * 1024;

/// The file a build writes in its output folder to say what it made; a folder holding one is
/// an earlier build's output, never returns.
pub const INDEX_FILE: &str = "index.json";

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct IntakeOptions {
    /// Folders (read with their sub-folders) and files.
    pub inputs: Vec<PathBuf>,
    /// Folders never read: the build's own output.
    pub exclude: Vec<PathBuf>,
    /// What the columns of survey exports and spreadsheets hold, where their headers do not
    /// say (see [`ColumnMap`]).
    pub columns: Option<ColumnMap>,
}

/// One return read and checked.
#[derive(Debug, Clone)]
pub struct Received {
    /// The file it came from.
    pub path: PathBuf,
    /// Where in the file, for a row of a spreadsheet: `Returns row 12`.
    pub place: Option<String>,
    /// When a survey response was completed, if its sheet says: which of a school's two
    /// responses on one day is the later.
    pub submitted: Option<jiff::civil::DateTime>,
    /// The assessment, validated and normalised.
    pub assessment: Assessment,
    /// SHA-256 of the file's bytes (hex): what the file held when it was read.
    pub digest: String,
    /// What is left to judge in it (worked out once, against the rubric).
    pub completeness: sendbench_core::Completeness,
    /// What reading it noticed (a form saved by LibreOffice 7.4, say).
    pub warnings: Vec<String>,
    /// Whether `assessment` holds only what the figures need (read by
    /// [`Intake::read_for_figures`]); [`Received::full`] reads the rest again.
    pub figures_only: bool,
}

impl Received {
    /// The whole assessment, for a school's documents: as held, or read again from its file
    /// when only the figures were kept. A file changed since it was first read is refused,
    /// so a school's documents never mix two versions of its return.
    pub fn full(&self, rubric: &Rubric) -> Result<std::borrow::Cow<'_, Assessment>, String> {
        if !self.figures_only {
            return Ok(std::borrow::Cow::Borrowed(&self.assessment));
        }
        let changed = || {
            format!(
                "{} changed while the build was running; run the build again",
                portable(&self.path)
            )
        };
        match read_return(&self.path, rubric) {
            Ok(again) if again.digest == self.digest => {
                Ok(std::borrow::Cow::Owned(again.assessment))
            }
            _ => Err(changed()),
        }
    }

    /// This return with only what the figures need (see [`Assessment::keep_figures_only`]).
    /// A row of a survey export keeps everything: it cannot be read again on its own.
    fn keep_figures_only(mut self) -> Received {
        if self.place.is_none() {
            self.assessment.keep_figures_only();
            self.figures_only = true;
        }
        self
    }

    /// The file, and the row for a spreadsheet's: `returns.xlsx (Returns row 12)`.
    pub fn source(&self) -> String {
        source(&self.path, self.place.as_deref())
    }

    /// The academic year the return is for: its own, or the one its review date falls in.
    pub fn year(&self) -> Option<AcademicYear> {
        let review = &self.assessment.review;
        review
            .academic_year
            .or(review.date.map(AcademicYear::containing))
    }
}

/// Why a file found is not read as a return.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skip {
    /// `~$name.docx`: Word's lock file, there while the document is open.
    #[error("an Office lock file (Word or Excel keeps one while the document is open)")]
    LockFile,
    /// `.~lock.name.docx#`: LibreOffice's lock file.
    #[error("a LibreOffice lock file (kept while the document is open)")]
    LibreOfficeLock,
    /// `._name`: a Mac's resource file (AppleDouble), made when copying to a shared drive.
    #[error("a Mac resource file (AppleDouble, made when copying from a Mac)")]
    AppleDouble,
    /// A hidden file or folder.
    #[error("hidden")]
    Hidden,
    /// Neither TOML, a Word document nor a spreadsheet.
    #[error("not a return (returns are .toml assessments, filled .docx toolkits, or .csv and .xlsx survey exports)")]
    OtherKind,
    /// A spreadsheet with no column for a strand of the rubric, and none whose answers are
    /// level names.
    #[error("a spreadsheet with no column for a strand of the rubric and no column of level names, so not returns (if it is, `sendbench columns FILE -o columns.toml` shows how its columns are read and writes a column map to finish)")]
    OtherSheet,
    /// A spreadsheet row with no answers.
    #[error("a row with no answers")]
    EmptyRow,
    /// A rubric file.
    #[error("a rubric, not a return")]
    Rubric,
    /// A TOML file that is neither a return nor a rubric.
    #[error("a TOML file that is not a return (it names no rubric and no school)")]
    NotAReturn,
    /// A toolkit with no school and nothing filled in.
    #[error("a blank toolkit (no school name and nothing judged)")]
    BlankToolkit,
    /// The output folder of the build reading this input.
    #[error("the output folder of this build")]
    OutputFolder,
    /// A folder with an `index.json` from an earlier build.
    #[error(
        "an earlier sendbench output folder (it holds index.json); its documents are not returns"
    )]
    EarlierOutput,
    /// A file already read by another path (through a link).
    #[error("the same file as {0} (reached again through a link)")]
    SameFile(PathBuf),
    /// A link back to a folder being read.
    #[error("a link back to {0}, which is already being read (a loop)")]
    LinkLoop(PathBuf),
}

/// Why a return could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ReturnError {
    /// The file could not be read.
    #[error("cannot read it: {}", describe_io(.0))]
    Unreadable(std::io::Error),
    /// Nothing in it (0 bytes): not finished saving or uploading.
    #[error("the file is empty (0 bytes): it may not have finished saving or uploading; ask for it again")]
    Empty,
    /// Over the limit for its kind (size, limit).
    #[error("it is {:.1} MB; a return is far smaller (the limit is {} MB)", *.0 as f64 / 1_000_000.0, .1 / (1024 * 1024))]
    TooLarge(u64, u64),
    /// Not UTF-8 text (for a TOML return).
    #[error("{0}")]
    NotText(String),
    /// A Word file that is not a filled toolkit.
    #[error("{0}")]
    Import(String),
    /// Made against another rubric or version.
    #[error("it answers the rubric {found}, not {expected}; returns made against another rubric cannot be added together")]
    OtherRubric {
        /// What it answers.
        found: String,
        /// The rubric in use.
        expected: String,
    },
    /// The school's name is empty though something was filled in.
    #[error("the school's name is empty; fill in the school's name and send it again")]
    NoSchoolName,
    /// A spreadsheet that cannot be read as returns: its columns, or the file itself.
    #[error("{0}")]
    Sheet(#[from] SheetError),
    /// A spreadsheet row whose cells are not what their columns hold, each named.
    #[error("{}", .0.join("; "))]
    Cells(Vec<String>),
    /// Problems found by validation.
    #[error("{}", summarise(.diagnostics))]
    Invalid {
        /// The file, to show each problem in place (a TOML return); `None` for a toolkit.
        file: Option<Box<SourceFile>>,
        /// Every problem, errors first.
        diagnostics: Vec<Diagnostic>,
    },
}

/// An I/O error for people: a file open in Word or Excel on Windows says so.
fn describe_io(e: &std::io::Error) -> String {
    if crate::write::in_use(e) {
        "it is open in another program (Word or Excel?); close it there and run again".to_owned()
    } else {
        e.to_string()
    }
}

/// "2 problem(s): line 3: ...; line 9: ..." in one line, for lists and `index.json`.
fn summarise(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    const SHOWN: usize = 3;
    let mut line = format!(
        "{} problem(s): {}",
        errors.len(),
        errors
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    );
    if errors.len() > SHOWN {
        line.push_str(&format!("; and {} more", errors.len() - SHOWN));
    }
    line
}

/// What became of one file (or folder) found.
#[derive(Debug)]
pub enum Fate {
    /// Read and counted: `Intake::received[index]`.
    Used(usize),
    /// The same school's return for the same year as another file, the one counted.
    Duplicate {
        /// The return counted instead: its file, and row for a spreadsheet's.
        kept: String,
        /// Why that one.
        reason: String,
    },
    /// Not a return.
    Skipped(Skip),
    /// A return that cannot be used.
    Invalid(ReturnError),
}

impl Fate {
    /// `used`, `duplicate`, `skipped` or `invalid`.
    pub fn kind(&self) -> &'static str {
        match self {
            Fate::Used(_) => "used",
            Fate::Duplicate { .. } => "duplicate",
            Fate::Skipped(_) => "skipped",
            Fate::Invalid(_) => "invalid",
        }
    }

    /// Why, in words; empty for a file used.
    pub fn reason(&self) -> String {
        match self {
            Fate::Used(_) => String::new(),
            Fate::Duplicate { kept, reason } => format!("duplicate of {kept}: {reason}"),
            Fate::Skipped(skip) => skip.to_string(),
            Fate::Invalid(e) => e.to_string(),
        }
    }
}

/// A file or folder found (or a row of a spreadsheet), and what became of it.
#[derive(Debug)]
pub struct Entry {
    /// Where it was found.
    pub path: PathBuf,
    /// For a row of a spreadsheet, which: `Returns row 12`.
    pub place: Option<String>,
    /// Whether it is a folder (skipped whole) rather than a file.
    pub folder: bool,
    /// What became of it.
    pub fate: Fate,
}

/// Everything found in the inputs, and the returns to use.
#[derive(Debug, Default)]
pub struct Intake {
    /// Every file and skipped folder found, in the order found (sorted by name).
    pub entries: Vec<Entry>,
    /// The returns to use, one per school and year.
    pub received: Vec<Received>,
    /// What a person should check: every duplicate and every conflict between URN and name,
    /// naming both files and which is kept. `--strict` refuses when there are any.
    pub warnings: Vec<String>,
    /// What a person should know about spreadsheets read: the survey tool's columns left
    /// out, rows with no answers.
    pub notes: Vec<String>,
}

/// The intake in numbers; `files - sheets + rows == used + duplicates + skipped + invalid`
/// (a spreadsheet's rows are counted in its place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Files found (folders skipped whole are not counted; their files were not read).
    pub files: usize,
    /// Spreadsheets read as rows of returns.
    pub sheets: usize,
    /// Rows of those spreadsheets read as returns.
    pub rows: usize,
    /// Returns counted.
    pub used: usize,
    /// Returns not counted because the same school's return for the year is.
    pub duplicates: usize,
    /// Files that are not returns.
    pub skipped: usize,
    /// Returns that cannot be used.
    pub invalid: usize,
    /// Folders skipped whole.
    pub folders_skipped: usize,
}

impl Intake {
    /// Walks `options.inputs`, classifies and reads every file, and settles duplicates.
    pub fn read(options: &IntakeOptions, rubric: &Rubric) -> Intake {
        Intake::read_keeping(options, rubric, false)
    }

    /// As [`Intake::read`], keeping of each return read from its own file only what the
    /// area's figures need: memory stays flat in the number of schools (a few kilobytes
    /// each), and [`Received::full`] reads a return again when a document needs all of it.
    pub fn read_for_figures(options: &IntakeOptions, rubric: &Rubric) -> Intake {
        Intake::read_keeping(options, rubric, true)
    }

    fn read_keeping(options: &IntakeOptions, rubric: &Rubric, figures_only: bool) -> Intake {
        let mut walk = Walk::new(options);
        for input in &options.inputs {
            walk.input(input);
        }
        let Walk { found, .. } = walk;
        let mut returns = read_returns(&found, rubric, figures_only).into_iter();
        let mut intake = Intake::default();
        let mut candidates: Vec<(usize, Received)> = Vec::new();
        for (path, folder, outcome) in found {
            if matches!(outcome, Found::Read) && is_sheet_path(&path) {
                let rows = read_sheet(&path, rubric, options.columns.as_ref());
                intake.record_sheet(&mut candidates, path, folder, rows);
                continue;
            }
            let read = match outcome {
                Found::Skip(skip) => Err(Unusable::Skip(skip)),
                Found::Read => {
                    (returns.next().flatten()).unwrap_or_else(|| read_return(&path, rubric))
                }
                Found::Error(e) => Err(Unusable::Invalid(ReturnError::Unreadable(e))),
            };
            intake.record(&mut candidates, path, None, folder, read);
        }
        intake.settle(candidates);
        intake
    }

    /// The intake of files given as names and bytes, with no file system: what a web page
    /// holds after a person drops files or a folder on it. Each file is judged by its name
    /// (lock files, hidden files and other kinds skipped with the reason, as in a folder),
    /// read within the same limits, and the same school sent twice settled by the same rule;
    /// the files are taken in name order, as a folder's are. Every return is kept whole.
    pub fn from_files(
        files: &[InputFile<'_>],
        rubric: &Rubric,
        columns: Option<&ColumnMap>,
    ) -> Intake {
        let mut order: Vec<&InputFile<'_>> = files.iter().collect();
        order.sort_by(|a, b| a.name.cmp(b.name));
        let mut intake = Intake::default();
        let mut candidates: Vec<(usize, Received)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for file in order {
            let path = PathBuf::from(file.name);
            let given = if seen.insert(file.name) {
                check_given(&path, file.bytes, false)
            } else {
                Err(Unusable::Skip(Skip::SameFile(path.clone())))
            };
            match given {
                Err(unusable) => intake.record(&mut candidates, path, None, false, Err(unusable)),
                Ok(()) if is_sheet_path(&path) => {
                    let rows = sheet_from_bytes(&path, file.bytes, rubric, columns);
                    intake.record_sheet(&mut candidates, path, false, rows);
                }
                Ok(()) => {
                    let read = return_from_bytes(&path, file.bytes.to_vec(), rubric);
                    intake.record(&mut candidates, path, None, false, read);
                }
            }
        }
        intake.settle(candidates);
        intake
    }

    /// Records a file (or a row of a sheet) and what became of it; a return read is a
    /// candidate until duplicates are settled.
    fn record(
        &mut self,
        candidates: &mut Vec<(usize, Received)>,
        path: PathBuf,
        place: Option<String>,
        folder: bool,
        read: Result<Received, Unusable>,
    ) {
        let fate = match read {
            Ok(received) => {
                candidates.push((self.entries.len(), received));
                // Settled once every return is read.
                Fate::Used(usize::MAX)
            }
            Err(Unusable::Skip(skip)) => Fate::Skipped(skip),
            Err(Unusable::Invalid(e)) => Fate::Invalid(e),
        };
        self.entries.push(Entry {
            path,
            place,
            folder,
            fate,
        });
    }

    /// Records a sheet: each row as a return (or why not), with the sheet's notes; or the
    /// whole file as unusable.
    fn record_sheet(
        &mut self,
        candidates: &mut Vec<(usize, Received)>,
        path: PathBuf,
        folder: bool,
        rows: Result<SheetRows, Unusable>,
    ) {
        match rows {
            Ok((rows, notes)) => {
                self.notes.extend(
                    notes
                        .into_iter()
                        .map(|n| format!("{}: {n}", portable(&path))),
                );
                for (place, row) in rows {
                    self.record(candidates, path.clone(), Some(place), false, row);
                }
            }
            Err(unusable) => self.record(candidates, path, None, folder, Err(unusable)),
        }
    }

    /// Settles the same school sent twice: each candidate used or a duplicate of the one
    /// kept.
    fn settle(&mut self, candidates: Vec<(usize, Received)>) {
        let (decisions, warnings) = settle_duplicates(&candidates);
        for ((entry, received), decision) in candidates.into_iter().zip(decisions) {
            self.entries[entry].fate = match decision {
                Decision::Keep => {
                    self.received.push(received);
                    Fate::Used(self.received.len() - 1)
                }
                Decision::Drop { kept, reason } => Fate::Duplicate { kept, reason },
            };
        }
        self.warnings = warnings;
    }

    /// The intake in numbers.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        let mut sheets: HashSet<&Path> = HashSet::new();
        for e in &self.entries {
            if e.folder {
                c.folders_skipped += 1;
                continue;
            }
            if e.place.is_some() {
                c.rows += 1;
                if sheets.insert(&e.path) {
                    c.files += 1;
                    c.sheets += 1;
                }
            } else {
                c.files += 1;
            }
            match e.fate {
                Fate::Used(_) => c.used += 1,
                Fate::Duplicate { .. } => c.duplicates += 1,
                Fate::Skipped(_) => c.skipped += 1,
                Fate::Invalid(_) => c.invalid += 1,
            }
        }
        c
    }

    /// The files (and spreadsheet rows) that cannot be used, with where and why.
    pub fn invalid(&self) -> impl Iterator<Item = (&Entry, &ReturnError)> {
        self.entries.iter().filter_map(|e| match &e.fate {
            Fate::Invalid(error) => Some((e, error)),
            _ => None,
        })
    }

    /// The intake report as JSON: the counts and every file with its fate.
    pub fn to_json(&self) -> serde_json::Value {
        let files: Vec<serde_json::Value> = self
            .entries
            .iter()
            .map(|e| {
                let mut v = serde_json::json!({
                    "path": portable(&e.path),
                    "fate": e.fate.kind(),
                });
                if let Some(place) = &e.place {
                    v["row"] = place.clone().into();
                }
                if e.folder {
                    v["folder"] = true.into();
                }
                match &e.fate {
                    Fate::Used(i) => {
                        let a = &self.received[*i].assessment;
                        v["school"] = a.school.name.clone().into();
                        v["year"] = self.received[*i].year().map(|y| y.to_string()).into();
                    }
                    Fate::Duplicate { kept, reason } => {
                        v["kept"] = kept.clone().into();
                        v["reason"] = reason.clone().into();
                    }
                    other => v["reason"] = other.reason().into(),
                }
                v
            })
            .collect();
        serde_json::json!({
            "counts": self.counts(),
            "files": files,
            "warnings": self.warnings,
            "notes": self.notes,
        })
    }

    /// One line for people: "Read 48 files: 44 returns used, 1 duplicate, 2 skipped, 1
    /// invalid."
    pub fn summary(&self) -> String {
        let c = self.counts();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let rows = if c.sheets > 0 {
            format!(
                " ({} of {})",
                plural(c.rows, "row", "rows"),
                plural(c.sheets, "spreadsheet", "spreadsheets")
            )
        } else {
            String::new()
        };
        let mut line = format!(
            "Read {}{rows}: {} used, {}, {} skipped, {} invalid",
            plural(c.files, "file", "files"),
            plural(c.used, "return", "returns"),
            plural(c.duplicates, "duplicate", "duplicates"),
            c.skipped,
            c.invalid
        );
        if c.folders_skipped > 0 {
            line.push_str(&format!(
                "; {} skipped whole",
                plural(c.folders_skipped, "folder", "folders")
            ));
        }
        line.push('.');
        line
    }
}

/// The files in `dir` and its sub-folders that the intake would read as returns (not
/// lock files, hidden files, other kinds, or earlier output folders), without reading them:
/// for commands that check files one by one.
pub fn returns_in(dir: &Path) -> Vec<PathBuf> {
    let mut walk = Walk::new(&IntakeOptions::default());
    walk.input(dir);
    walk.found
        .into_iter()
        .filter(|(_, folder, found)| !folder && matches!(found, Found::Read))
        .map(|(path, _, _)| path)
        .collect()
}

pub use crate::files::{hex, portable};

/// What the walk decided about a path before reading it.
enum Found {
    Read,
    Skip(Skip),
    Error(std::io::Error),
}

/// The walk over the inputs: every path found once, in name order.
struct Walk {
    exclude: Vec<PathBuf>,
    /// Canonical paths of files already found, and where.
    seen: HashMap<PathBuf, PathBuf>,
    found: Vec<(PathBuf, bool, Found)>,
}

impl Walk {
    fn new(options: &IntakeOptions) -> Walk {
        Walk {
            exclude: options
                .exclude
                .iter()
                .filter_map(|p| p.canonicalize().ok())
                .collect(),
            seen: HashMap::new(),
            found: Vec::new(),
        }
    }

    fn input(&mut self, input: &Path) {
        if !input.is_dir() {
            // A file named on the command line is read whatever its name, unless it is
            // a lock file or the like, which is never a return.
            let found = match classify_name(input) {
                Some(skip) if !matches!(skip, Skip::OtherKind) => Found::Skip(skip),
                _ => match std::fs::metadata(input) {
                    Ok(_) => Found::Read,
                    Err(e) => Found::Error(e),
                },
            };
            self.file(input.to_owned(), found);
            return;
        }
        let mut walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(next) = walker.next() {
            let entry = match next {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(Path::to_owned).unwrap_or_default();
                    let found = match e.loop_ancestor() {
                        Some(ancestor) => Found::Skip(Skip::LinkLoop(ancestor.to_owned())),
                        None => Found::Error(
                            e.into_io_error()
                                .unwrap_or_else(|| std::io::Error::other("cannot be read")),
                        ),
                    };
                    let folder = matches!(found, Found::Skip(Skip::LinkLoop(_)));
                    self.found.push((path, folder, found));
                    continue;
                }
            };
            let path = entry.path().to_owned();
            if entry.file_type().is_dir() {
                if entry.depth() == 0 {
                    continue;
                }
                let skip = self.skip_folder(&path);
                if let Some(skip) = skip {
                    walker.skip_current_dir();
                    self.found.push((path, true, Found::Skip(skip)));
                }
                continue;
            }
            let found = match classify_name(&path) {
                Some(skip) => Found::Skip(skip),
                None => Found::Read,
            };
            self.file(path, found);
        }
    }

    /// Why a folder is not read at all, if it is not.
    fn skip_folder(&self, path: &Path) -> Option<Skip> {
        let canonical = path.canonicalize().ok();
        if canonical
            .as_ref()
            .is_some_and(|c| self.exclude.iter().any(|x| x == c))
        {
            return Some(Skip::OutputFolder);
        }
        let name = path.file_name()?.to_string_lossy();
        if name.starts_with('.') {
            return Some(Skip::Hidden);
        }
        if is_build_output(path) {
            return Some(Skip::EarlierOutput);
        }
        None
    }

    /// Records a file, once: a second path to the same file is noted as such.
    fn file(&mut self, path: PathBuf, found: Found) {
        let found = match (found, path.canonicalize()) {
            (Found::Read, Ok(canonical)) => match self.seen.get(&canonical) {
                Some(first) => Found::Skip(Skip::SameFile(first.clone())),
                None => {
                    self.seen.insert(canonical, path.clone());
                    Found::Read
                }
            },
            (found, _) => found,
        };
        self.found.push((path, false, found));
    }
}

/// Whether a folder is a sendbench build's output: it holds the index a build writes.
fn is_build_output(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join(INDEX_FILE)) else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("schools").is_some() && v.get("blank_toolkit").is_some())
}

/// Why a file is not a return, judged by its name alone; `None` to read it.
fn classify_name(path: &Path) -> Option<Skip> {
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with("~$") {
        return Some(Skip::LockFile);
    }
    if name.starts_with(".~lock.") {
        return Some(Skip::LibreOfficeLock);
    }
    if name.starts_with("._") {
        return Some(Skip::AppleDouble);
    }
    if name.starts_with('.') {
        return Some(Skip::Hidden);
    }
    match extension(path).as_deref() {
        Some("toml" | "docx") => None,
        Some(e) if sheet::is_sheet(e) => None,
        _ => Some(Skip::OtherKind),
    }
}

/// A file's extension in lower case: `COPY.TOML` is a TOML file.
fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// Why a file read is not used.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    /// It is not a return (a rubric, a blank toolkit, another kind of file).
    #[error("it is not a return: {0}")]
    Skip(Skip),
    /// It is a return that cannot be used.
    #[error("{0}")]
    Invalid(ReturnError),
}

/// One file read as a return, from its name and bytes, exactly as the intake reads each
/// return (the same limits, checks and normalising): a school's own review, in a web page.
pub fn read_return_file(file: InputFile<'_>, rubric: &Rubric) -> Result<Received, Unusable> {
    let path = PathBuf::from(file.name);
    // A file chosen on its own is read whatever its name, as one named on the command line.
    check_given(&path, file.bytes, true)?;
    return_from_bytes(&path, file.bytes.to_vec(), rubric)
}

/// Reads one return, from TOML or a filled toolkit (DOCX), validated against the rubric and
/// normalised. Files that turn out not to be returns (a rubric, a blank toolkit) are skips,
/// not errors.
/// Every single-school return among `found` (not the sheets, which are read in turn), read
/// on every core: a county's thousands of files are read in the time a few hundred take on
/// one. The results are in the order of `found`'s returns, so what follows is the same
/// whatever the number of cores.
fn read_returns(
    found: &[(PathBuf, bool, Found)],
    rubric: &Rubric,
    figures_only: bool,
) -> Vec<Option<Result<Received, Unusable>>> {
    let paths: Vec<&Path> = (found.iter())
        .filter(|(path, _, outcome)| matches!(outcome, Found::Read) && !is_sheet_path(path))
        .map(|(path, _, _)| path.as_path())
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len().max(1));
    // Each worker takes the next path and keeps what it read with its position.
    let read: Vec<(usize, Result<Received, Unusable>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = paths.get(i) else { break mine };
                        let mut one = read_return(path, rubric);
                        if figures_only {
                            one = one.map(Received::keep_figures_only);
                        }
                        mine.push((i, one));
                    }
                })
            })
            .collect();
        (workers.into_iter())
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut slots: Vec<Option<Result<Received, Unusable>>> = paths.iter().map(|_| None).collect();
    for (i, one) in read {
        slots[i] = Some(one);
    }
    slots
}

fn read_return(path: &Path, rubric: &Rubric) -> Result<Received, Unusable> {
    // A TOML return is refused past its own, smaller limit before a byte is read.
    let bytes = read_limited(path, read_limit(path)).map_err(Unusable::Invalid)?;
    return_from_bytes(path, bytes, rubric)
}

/// Whether a file given as bytes is read: not a lock file or the like (nor, unless
/// `any_name`, another kind of file), and within the limit for its kind.
fn check_given(path: &Path, bytes: &[u8], any_name: bool) -> Result<(), Unusable> {
    match classify_name(path) {
        Some(Skip::OtherKind) if any_name => {}
        Some(skip) => return Err(Unusable::Skip(skip)),
        None => {}
    }
    let limit = read_limit(path);
    if bytes.len() as u64 > limit {
        return Err(Unusable::Invalid(ReturnError::TooLarge(
            bytes.len() as u64,
            limit,
        )));
    }
    Ok(())
}

/// The most bytes read of a file of this kind: a filled toolkit or a survey export may be
/// large, a TOML return is far smaller.
fn read_limit(path: &Path) -> u64 {
    match extension(path).as_deref() {
        Some("docx") => MAX_RETURN_BYTES,
        Some(e) if sheet::is_sheet(e) => sheet::MAX_FILE_BYTES,
        _ => sendbench_core::MAX_FILE_BYTES,
    }
}

/// One return from its file's bytes (TOML or a filled toolkit, by the name's extension),
/// checked and normalised as every return is.
fn return_from_bytes(path: &Path, bytes: Vec<u8>, rubric: &Rubric) -> Result<Received, Unusable> {
    let invalid = Unusable::Invalid;
    let docx = extension(path).as_deref() == Some("docx");
    if bytes.is_empty() {
        return Err(invalid(ReturnError::Empty));
    }
    let digest = hex(&Sha256::digest(&bytes));
    let (mut assessment, warnings) = if docx {
        read_docx_return(&bytes, rubric)?
    } else {
        (
            read_toml_return(&path.display().to_string(), bytes, rubric)?,
            Vec::new(),
        )
    };
    // Where each value sat in its file is only for reporting problems, which reading has
    // done: dropped, it no longer holds most of a school's memory while thousands are held.
    assessment.spans = Default::default();
    if assessment.school.name.trim().is_empty() {
        return Err(invalid(ReturnError::NoSchoolName));
    }
    Ok(Received {
        path: path.to_owned(),
        place: None,
        submitted: None,
        completeness: assessment.profile(rubric).completeness(),
        assessment,
        digest,
        warnings,
        figures_only: false,
    })
}

/// A filled Word toolkit: imported, checked and normalised, with the import's warnings. A
/// blank toolkit (no school, nothing judged) is skipped, not refused.
fn read_docx_return(bytes: &[u8], rubric: &Rubric) -> Result<(Assessment, Vec<String>), Unusable> {
    let invalid = Unusable::Invalid;
    let imported = sendbench_generate::docx::import(bytes, rubric)
        .map_err(|e| invalid(ReturnError::Import(e.to_string())))?;
    let mut a = imported.assessment;
    if a.school.name.trim().is_empty() {
        let judged = a.profile(rubric).completeness();
        return Err(if judged.strands_not_judged == judged.strands {
            Unusable::Skip(Skip::BlankToolkit)
        } else {
            invalid(ReturnError::NoSchoolName)
        });
    }
    let errors: Vec<Diagnostic> = (a.validate(rubric).into_iter())
        .filter(|d| d.is_error())
        .collect();
    if !errors.is_empty() {
        return Err(invalid(ReturnError::Invalid {
            file: None,
            diagnostics: errors,
        }));
    }
    a.normalize(rubric);
    Ok((a, imported.warnings))
}

/// A TOML return, read and checked against the rubric. Other TOML files (a rubric, a file
/// naming no rubric and no school) are skipped; a return for another rubric is refused.
fn read_toml_return(name: &str, bytes: Vec<u8>, rubric: &Rubric) -> Result<Assessment, Unusable> {
    let invalid = Unusable::Invalid;
    let file = sendbench_core::source_from_bytes(name, bytes)
        .map_err(|e| invalid(ReturnError::NotText(e)))?;
    if looks_like_rubric(file.text()) {
        return Err(Unusable::Skip(Skip::Rubric));
    }
    let (parsed, _) = Assessment::parse(&file);
    if let Some(found) = parsed.as_ref().filter(|a| a.rubric.id.is_empty()) {
        // No rubric named and no school: some other TOML file (a return missing its first
        // line still names its school, and is reported as invalid).
        if found.school.name.trim().is_empty() {
            return Err(Unusable::Skip(Skip::NotAReturn));
        }
    }
    if let Some(found) = parsed.filter(|a| {
        !a.rubric.id.is_empty() && (a.rubric.id != rubric.id || a.rubric.version != rubric.version)
    }) {
        return Err(invalid(ReturnError::OtherRubric {
            found: format!("{} version {}", found.rubric.id, found.rubric.version),
            expected: format!("{} version {}", rubric.id, rubric.version),
        }));
    }
    match Assessment::from_source(file, rubric) {
        Ok(checked) => Ok(checked.value),
        Err(sendbench_core::LoadError::Invalid { file, diagnostics }) => {
            Err(invalid(ReturnError::Invalid {
                file: Some(file),
                diagnostics,
            }))
        }
        Err(other) => Err(invalid(ReturnError::NotText(other.to_string()))),
    }
}

/// `returns.xlsx (Returns row 12)`, or the path alone for a file that is one return.
pub fn source(path: &Path, place: Option<&str>) -> String {
    match place {
        Some(place) => format!("{} ({place})", portable(path)),
        None => portable(path),
    }
}

fn is_sheet_path(path: &Path) -> bool {
    extension(path).is_some_and(|e| sheet::is_sheet(&e))
}

/// A spreadsheet's rows, each as a return (or why not), with what a person should know
/// about the sheet; or why the file as a whole is not used.
type SheetRows = (Vec<(String, Result<Received, Unusable>)>, Vec<String>);

/// Reads a survey export or spreadsheet: every row with answers becomes a return, checked
/// as any other.
fn read_sheet(
    path: &Path,
    rubric: &Rubric,
    map: Option<&ColumnMap>,
) -> Result<SheetRows, Unusable> {
    let bytes = read_limited(path, sheet::MAX_FILE_BYTES).map_err(Unusable::Invalid)?;
    sheet_from_bytes(path, &bytes, rubric, map)
}

/// A survey export's or spreadsheet's rows from its bytes (see [`read_sheet`]).
fn sheet_from_bytes(
    path: &Path,
    bytes: &[u8],
    rubric: &Rubric,
    map: Option<&ColumnMap>,
) -> Result<SheetRows, Unusable> {
    if bytes.is_empty() {
        return Err(Unusable::Invalid(ReturnError::Empty));
    }
    let read = sheet::read(path, bytes, rubric, map)
        .map_err(|e| Unusable::Invalid(ReturnError::Sheet(e)))?
        .ok_or(Unusable::Skip(Skip::OtherSheet))?;
    let rows = read
        .rows
        .into_iter()
        .map(|row| {
            let result = match row.result {
                Err(problems) => Err(Unusable::Invalid(ReturnError::Cells(problems))),
                Ok(found) => received_from_row(path, &row.place, found, rubric),
            };
            (row.place, result)
        })
        .collect();
    Ok((rows, read.notes))
}

fn received_from_row(
    path: &Path,
    place: &str,
    found: sheet::RowReturn,
    rubric: &Rubric,
) -> Result<Received, Unusable> {
    let mut assessment = found.assessment;
    if assessment.school.name.trim().is_empty() {
        return Err(Unusable::Invalid(ReturnError::NoSchoolName));
    }
    let errors: Vec<Diagnostic> = assessment
        .validate(rubric)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    if !errors.is_empty() {
        return Err(Unusable::Invalid(ReturnError::Invalid {
            file: None,
            diagnostics: errors,
        }));
    }
    assessment.normalize(rubric);
    // A row's own fingerprint (of its cells): its documents are remade when it changes, not
    // when any other row of the sheet does.
    Ok(Received {
        path: path.to_owned(),
        place: Some(place.to_owned()),
        submitted: found.submitted,
        completeness: assessment.profile(rubric).completeness(),
        assessment,
        digest: found.digest,
        warnings: found.warnings,
        figures_only: false,
    })
}

/// Whether TOML text is a rubric: it declares levels and outcomes. (A quick look for the
/// `[[levels]]` table first, so returns are not parsed twice.)
fn looks_like_rubric(text: &str) -> bool {
    text.contains("[[levels]]")
        && text
            .parse::<toml::Table>()
            .map(|t| t.contains_key("levels") && t.contains_key("outcomes"))
            .unwrap_or(false)
}

/// Reads a file whole, refusing anything over [`MAX_RETURN_BYTES`] before reading it, and
/// reading at most one byte more whatever the file claims (a device or pipe may claim 0).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReturnError> {
    read_limited(path, MAX_RETURN_BYTES)
}

/// [`read_bounded`] with another limit.
pub(crate) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReturnError> {
    crate::files::read_limited(path, limit).map_err(|e| match e {
        FileError::Io(e) => ReturnError::Unreadable(e),
        FileError::NotAFile => ReturnError::NotText(e.to_string()),
        FileError::TooLarge(size, limit) => ReturnError::TooLarge(size, limit),
    })
}

/// Whether a return is kept or which one it duplicates.
enum Decision {
    Keep,
    Drop { kept: String, reason: String },
}

/// Groups the returns into schools per year: two returns are the same school when their
/// URNs are equal or their names are (case, punctuation, "&"/"and" aside), unless both the
/// other identifier and the local area differ (two schools of one name, or a URN typed
/// wrong, in different areas: counted as two, with a message). Where the URN
/// points to one school and the name to another, the name wins: a mistyped URN that happens
/// to be another school's must not take that school out of the count. In each group the
/// latest review is kept; on a tie, the more complete one; then the first by file name.
/// Returns a decision per candidate and a message for each school sent more than once and
/// each disagreement between URNs and names.
fn settle_duplicates(candidates: &[(usize, Received)]) -> (Vec<Decision>, Vec<String>) {
    // Which returns are the same school: the one rule, in core, that aggregation uses too.
    let ids: Vec<SchoolId> = candidates
        .iter()
        .map(|(_, r)| SchoolId::of(&r.assessment))
        .collect();
    let grouping = group_schools(&ids);
    let mut messages = grouping_messages(candidates, &grouping);
    let mut decisions: Vec<Decision> = candidates.iter().map(|_| Decision::Keep).collect();
    for members in &grouping.groups {
        let year = ids[members[0]].year;
        let best = best_of(candidates, members);
        let kept = &candidates[best].1;
        for &m in members.iter().filter(|&&m| m != best) {
            let (decision, message) = dropped(kept, &candidates[m].1, year);
            messages.push(message);
            decisions[m] = decision;
        }
    }
    (decisions, messages)
}

/// What the same-school rule told apart or matched by name, for a person to check.
fn grouping_messages(
    candidates: &[(usize, Received)],
    grouping: &sendbench_core::SchoolGroups,
) -> Vec<String> {
    let mut messages = Vec::new();
    for apart in &grouping.told_apart {
        let (r, other) = (&candidates[apart.this].1, &candidates[apart.other].1);
        messages.push(format!(
            "{} and {} share a {} but give different {} and local areas ({} and {}): counted as two schools; check that both are right",
            r.source(),
            other.source(),
            apart.shared,
            if apart.shared == "name" { "URNs" } else { "names" },
            r.assessment.school.area.as_deref().unwrap_or_default(),
            other.assessment.school.area.as_deref().unwrap_or_default(),
        ));
    }
    for &(this, other) in &grouping.urn_elsewhere {
        let (r, other) = (&candidates[this].1, &candidates[other].1);
        messages.push(format!(
            "{} gives URN {}, which {} gives for {}; it is counted as {} by its name: check its URN",
            r.source(),
            urn_of(r).unwrap_or_default(),
            other.source(),
            other.assessment.school.name,
            r.assessment.school.name,
        ));
    }
    messages
}

/// The return kept of one school's returns for a year: the latest review, then the latest
/// submission, then the most judged.
fn best_of(candidates: &[(usize, Received)], members: &[usize]) -> usize {
    *members
        .iter()
        .max_by(|&&a, &&b| {
            let (ra, rb) = (&candidates[a].1, &candidates[b].1);
            ra.assessment
                .review
                .date
                .cmp(&rb.assessment.review.date)
                .then(later_submission(ra, rb))
                .then(left_to_judge(rb).cmp(&left_to_judge(ra)))
                // Of two rows of one sheet, the later row (a school's second go); else the
                // first by file name: `max_by` keeps the last maximum, so compare the other
                // way round.
                .then(if ra.path == rb.path && ra.place.is_some() {
                    a.cmp(&b)
                } else {
                    b.cmp(&a)
                })
        })
        .unwrap_or(&members[0])
}

/// Why a return of a school already counted is dropped, and what the person is told.
fn dropped(kept: &Received, dropped: &Received, year: Option<AcademicYear>) -> (Decision, String) {
    let year = year.map_or_else(
        || "with no academic year".to_owned(),
        |y| format!("for {y}"),
    );
    if kept.digest == dropped.digest && kept.place.is_none() && dropped.place.is_none() {
        // The same file twice (a download saved again as "name (1).docx"): nothing to
        // choose between.
        let message = format!(
            "{} and {} are identical copies of {}'s return {year}; counted once",
            kept.source(),
            dropped.source(),
            kept.assessment.school.name,
        );
        let decision = Decision::Drop {
            kept: kept.source(),
            reason: "an identical copy".to_owned(),
        };
        return (decision, message);
    }
    let reason = why_kept(kept, dropped);
    let mut message = format!(
        "{} was sent twice {year}: {} ({}) and {} ({}); counted once, using {}: {reason}",
        kept.assessment.school.name,
        kept.source(),
        describe(kept),
        dropped.source(),
        describe(dropped),
        kept.source(),
    );
    match (urn_of(kept), urn_of(dropped)) {
        (Some(a), Some(b)) if a != b => message.push_str(&format!(
            "; their URNs differ ({a} and {b}): check which is right"
        )),
        (Some(_), None) | (None, Some(_)) => message.push_str("; only one of them gives a URN"),
        _ => {}
    }
    if normalise_name(&kept.assessment.school.name)
        != normalise_name(&dropped.assessment.school.name)
    {
        message.push_str(&format!(
            "; their names differ ({:?} and {:?})",
            kept.assessment.school.name, dropped.assessment.school.name
        ));
    }
    let decision = Decision::Drop {
        kept: kept.source(),
        reason,
    };
    (decision, message)
}

fn urn_of(r: &Received) -> Option<&str> {
    r.assessment
        .school
        .urn
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
}

/// Strands and duties still to judge: fewer is more complete.
fn left_to_judge(r: &Received) -> usize {
    r.completeness.strands_not_judged + r.completeness.duties_unanswered
}

fn review_date(r: &Received) -> String {
    match r.assessment.review.date {
        Some(d) => format!("reviewed {}", d.strftime("%-d %B %Y")),
        None => "no review date".to_owned(),
    }
}

/// "URN 117234, reviewed 12 June 2026".
fn describe(r: &Received) -> String {
    match urn_of(r) {
        Some(urn) => format!("URN {urn}, {}", review_date(r)),
        None => format!("no URN, {}", review_date(r)),
    }
}

/// Of two returns with the same review date, which survey response was completed later
/// (`Equal` unless both say).
fn later_submission(a: &Received, b: &Received) -> std::cmp::Ordering {
    match (a.submitted, b.submitted) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => std::cmp::Ordering::Equal,
    }
}

/// Why `kept` is counted rather than `dropped`, in words that hold in every case.
fn why_kept(kept: &Received, dropped: &Received) -> String {
    if kept.assessment.review.date > dropped.assessment.review.date {
        "it is the later review".to_owned()
    } else if later_submission(kept, dropped).is_gt() {
        format!(
            "both have the same review date, and it was completed later ({} against {})",
            kept.submitted
                .map(|t| t.strftime("%H:%M").to_string())
                .unwrap_or_default(),
            dropped
                .submitted
                .map(|t| t.strftime("%H:%M").to_string())
                .unwrap_or_default()
        )
    } else if left_to_judge(kept) < left_to_judge(dropped) {
        "both have the same review date, and it is the more complete".to_owned()
    } else {
        if kept.path == dropped.path && kept.place.is_some() {
            "both have the same review date and are as complete as each other; it is the later row of the sheet".to_owned()
        } else {
            "both have the same review date and are as complete as each other; it is the first by file name".to_owned()
        }
    }
}
