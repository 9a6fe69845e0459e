//! The domain of the SEND Benchmark and Planning Tool: rubrics, assessments, validation,
//! profiles and area aggregation. Knows nothing of Word or PDF.
//!
//! A [`Rubric`] is read from TOML (the default one is built in); an [`Assessment`] is read
//! and checked against it, with every problem reported at once:
//!
//! ```
//! use sendbench_core::{Assessment, Rubric};
//!
//! let rubric = Rubric::builtin();
//! assert_eq!(rubric.strands().count(), 34);
//!
//! let text = r#"
//! rubric = { id = "hertfordshire-send-benchmark", version = "1" }
//! [school]
//! name = "Oakfield Primary School"
//! [review]
//! date = 2026-06-12
//! [outcomes.1.strands.a]
//! judgement = "Expected"
//! evidence = "Lesson visits in spring term."
//! "#;
//! let checked = Assessment::from_toml("oakfield.toml", text, &rubric).expect("valid");
//! // Level names are normalised to the rubric's ids.
//! assert_eq!(checked.value.judgement("1", "a").unwrap().level.as_deref(), Some("expected"));
//! // Unfinished work is a warning, not an error.
//! assert!(checked.warnings.iter().any(|w| w.code == "not-judged"));
//!
//! // The profile counts strands per level, per outcome; the next step is the descriptor
//! // one level up.
//! let profile = checked.value.profile(&rubric);
//! assert_eq!(profile.outcomes[0].counts, vec![0, 1, 0]);
//! let strand = &rubric.outcomes[0].strands[0];
//! let (level, next) = rubric.next_step(strand, 1).unwrap();
//! assert_eq!(level.name, "Exemplary");
//! assert!(next.starts_with("High quality teaching is always differentiated"));
//! ```

mod area;
mod assessment;
mod diagnostic;
mod disclosure;
mod profile;
mod progress;
mod publication;
mod read;
mod rubric;
mod schema;
mod schools;
mod skeleton;
mod source;
pub mod text;
mod validate;
pub mod words;

use std::path::{Path, PathBuf};

pub use area::{
    percent, AreaBenchmark, AreaError, AreaNotice, AreaOptions, Contributor, DutyFigures, Figure,
    LeftOut, LeftOutReason, OutcomeHighlights, Return, StrandComparison, StrandFigures,
    WithheldSummary, YearBenchmark, FEW_SCHOOLS, MIN_SUPPRESSION,
};
pub use assessment::{
    AcademicYear, ActionRow, Assessment, Cell, CellValue, ChecklistAnswer, ChecklistStatus,
    FieldText, Judgement, KeyDate, OutcomeReview, Participant, Review, RubricRef, School,
};
pub use diagnostic::{did_you_mean, Diagnostic, LocatedDiagnostic, Severity, MAX_DIAGNOSTICS};
pub use disclosure::{Disclosure, Protected};
pub use profile::{ChecklistTally, Completeness, OutcomeProfile, Profile};
pub use progress::{
    check_previous, is_earlier, ActionFollowUp, ActionState, DutyChange, Movement, PreviousProblem,
    Progress, StrandMove, Tally, COMPLETED_COLUMN,
};
pub use publication::{
    withhold_changed, NoArea, Publication, PublicationOptions, PublishedRecord, PublishedYear,
    Revision,
};
pub use read::SpanMap;
pub use rubric::{
    ActionPlanLayout, Checklist, ChecklistItem, Column, ColumnKind, DetailLabels, Guidance,
    Introduction, Level, Outcome, OutcomeField, Participants, Role, Rubric, Strand, StrandRef,
};
pub use schema::assessment_schema;
pub use schools::{group_schools, normalise_name, SchoolGroups, SchoolId, ToldApart};
pub use skeleton::{toml_basic_string, write_assessment, SkeletonOptions};
pub use source::{Location, SourceFile, Span};
pub use text::{is_safe_id, is_unprintable, SYMBOL_BULLET};

/// TOML files (assessments, rubrics) larger than this are refused before reading: a real
/// assessment is under 100 KB and one with every field full a few hundred, while parsing
/// megabytes of junk costs memory many times its size (the parser's tokens).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A value read from a file that passed validation, with the warnings it raised.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    /// The value.
    pub value: T,
    /// Warnings (nothing that stopped it being used).
    pub warnings: Vec<Diagnostic>,
    /// The file it came from, for locating the warnings.
    pub file: Option<SourceFile>,
}

/// Why a rubric or assessment could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{path} is not a text file: {detail}")]
    NotText {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// The file was read but has problems; all of them are listed.
    #[error("{} has {} problem(s)", file.name(), diagnostics.iter().filter(|d| d.is_error()).count())]
    Invalid {
        /// The file, for locating the problems.
        file: Box<SourceFile>,
        /// Every problem found, errors and warnings.
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads a file as UTF-8 text for parsing, refusing binary and oversized files with a clear
/// message rather than a parse error about byte 0.
pub fn read_source(path: &Path) -> Result<SourceFile, LoadError> {
    use std::io::Read;
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let not_text = |detail: String| LoadError::NotText {
        path: path.to_owned(),
        detail,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(not_text("it is a directory".into()));
    }
    if !meta.is_file() {
        // A device or pipe (/dev/zero, say) may never end: never read one.
        return Err(not_text(
            "it is not a regular file (a device or pipe); give a saved file, or - for standard input".into(),
        ));
    }
    let too_big = |bytes: u64| {
        not_text(format!(
            "it is {:.1} MB; assessment and rubric files are far smaller (the limit is {} MB)",
            bytes as f64 / 1_000_000.0,
            MAX_FILE_BYTES / (1024 * 1024)
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    // Read at most one byte past the limit whatever the size claimed (a file may grow).
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let name = path.display().to_string();
    source_from_bytes(&name, bytes).map_err(not_text)
}

/// Turns bytes into a source file, explaining where the first byte that is not UTF-8 is.
pub fn source_from_bytes(name: &str, bytes: Vec<u8>) -> Result<SourceFile, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "it is {:.1} MB; assessment and rubric files are far smaller (the limit is {} MB)",
            bytes.len() as f64 / 1_000_000.0,
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err("it looks like a Word or zip file; give the TOML assessment (use `sendbench import` for a filled toolkit)".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if let Some(pos) = text.find('\0') {
                let loc = SourceFile::new(name, text.clone()).location(pos);
                return Err(format!(
                    "it contains a NUL byte at line {}, column {}: is it a binary file?",
                    loc.line, loc.column
                ));
            }
            Ok(SourceFile::new(name, text))
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let loc = SourceFile::new(name, prefix.clone()).location(prefix.len());
            Err(format!(
                "byte {valid} (line {}, column {}) is not UTF-8; save the file as UTF-8 text",
                loc.line, loc.column
            ))
        }
    }
}
