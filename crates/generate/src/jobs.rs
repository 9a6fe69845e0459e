//! One call per user job, bytes in and documents out, with no file system and no threads of
//! its own: the command line, the whole-area build and a web page call these alike, so no
//! caller repeats a rule (the previous review's checks, the file names, what each audience
//! gets) and the same input gives the same bytes wherever it runs.
//!
//! - [`school_documents`]: a school's reports for each audience in each format asked, beside
//!   its previous review and its area's figures, and next year's pre-filled toolkit.
//! - [`read_previous`]: a school's previous review from its file's bytes (TOML or a filled
//!   Word toolkit), read as far as it matches the rubric.
//! - The toolkit and its import are [`crate::docx::toolkit`], [`crate::docx::next_year_toolkit`]
//!   and [`crate::docx::import`], which already take and give bytes.

use sendbench_core::{Assessment, PreviousProblem, Rubric, YearBenchmark};

use crate::render::{RenderError, Renderer};
use crate::view::{Audience, Beside, View};

/// An input file: its name (for messages and its kind) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    /// Its name or path, as the person knows it.
    pub name: &'a str,
    /// Its contents.
    pub bytes: &'a [u8],
}

/// A document made, with the file name a build gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its file name (`oakfield-primary-school-parents.pdf`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Why a job made nothing.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The previous review given cannot be shown as this school's.
    #[error("{name} cannot be shown as the previous review: {problem}")]
    Previous {
        /// The previous review's file.
        name: String,
        /// Why not.
        problem: PreviousProblem,
    },
    /// A document could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// The most characters a file name's stem from a school's name keeps: a file system allows
/// 255 bytes a name, and a stem of letters beyond ASCII takes two to four bytes each, with the
/// year, URN and document added after it.
const MAX_STEM: usize = 60;

/// A file name's stem from a school's name: letters, digits and hyphens, shortened at a word
/// to at most 60 characters (names that then clash are told apart by the caller, as any two
/// schools of one name are).
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    if out.chars().count() > MAX_STEM {
        let cut: String = out.chars().take(MAX_STEM).collect();
        out = match cut.rfind('-') {
            Some(at) if at > MAX_STEM / 2 => cut[..at].to_owned(),
            _ => cut,
        };
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "school".to_owned()
    } else {
        out
    }
}

/// What a school's documents are made with, beyond its review.
#[derive(Default)]
pub struct SchoolJob<'a> {
    /// The audiences whose reports are made.
    pub audiences: &'a [Audience],
    /// The formats, by their renderers.
    pub renderers: &'a [&'a dyn Renderer],
    /// The school's previous review: each report shows the progress since it.
    pub previous: Option<(&'a str, &'a Assessment)>,
    /// The person says the previous review is this school's under an earlier name (needed
    /// only when the two do not both give a URN).
    pub renamed: bool,
    /// One year of the area's figures, shown beside each strand (the governors' report).
    pub area: Option<&'a YearBenchmark>,
    /// The area's figures count an earlier version of this very review.
    pub area_counts_another_version: bool,
    /// Also make next year's toolkit, pre-filled from this review.
    pub next_year_toolkit: bool,
    /// The stem of the documents' file names (else from the school's name).
    pub stem: Option<&'a str>,
}

/// A school's documents: each audience's report in each format (in that order), then next
/// year's toolkit if asked. A previous review of another school, or of the same or a later
/// year, is refused before anything is made.
pub fn school_documents(
    rubric: &Rubric,
    assessment: &Assessment,
    job: &SchoolJob<'_>,
) -> Result<Vec<Document>, JobError> {
    if let Some((name, previous)) = job.previous {
        sendbench_core::check_previous(previous, assessment, job.renamed).map_err(|problem| {
            JobError::Previous {
                name: name.to_owned(),
                problem,
            }
        })?;
    }
    let stem = job
        .stem
        .map_or_else(|| file_stem(&assessment.school.name), str::to_owned);
    let beside = Beside {
        area: job.area,
        previous: job.previous.map(|(_, p)| p),
        area_counts_another_version: job.area_counts_another_version,
    };
    let mut documents = Vec::new();
    for &audience in job.audiences {
        let view = View::school(rubric, assessment, audience, &beside);
        for renderer in job.renderers {
            documents.push(Document {
                name: format!("{stem}-{}.{}", audience.id(), renderer.format().extension()),
                bytes: renderer.render(&view)?,
            });
        }
    }
    if job.next_year_toolkit {
        documents.push(Document {
            name: next_year_toolkit_name(&stem, assessment),
            bytes: crate::docx::next_year_toolkit(rubric, assessment),
        });
    }
    Ok(documents)
}

/// Next year's toolkit's file name: the stem and the year it is for
/// (`oakfield-primary-school-toolkit-2026-27.docx`).
pub fn next_year_toolkit_name(stem: &str, assessment: &Assessment) -> String {
    // Named for the year it is for, so it is not mistaken for this year's review.
    let year = assessment
        .next_academic_year()
        .map(|y| format!("-{}", y.to_string().replace('/', "-")))
        .unwrap_or_default();
    format!("{stem}-toolkit{year}.docx")
}

/// A school's previous review from its file (a TOML assessment or a filled toolkit). A
/// review made against another version of the rubric is read as far as it goes (what does
/// not match is shown as such in the report), with a warning saying so; a file that is not a
/// review at all is an error. Returns the review and the warnings.
pub fn read_previous(
    file: InputFile<'_>,
    rubric: &Rubric,
) -> Result<(Assessment, Vec<String>), String> {
    let name = file.name;
    let docx = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if docx {
        let imported =
            crate::docx::import(file.bytes, rubric).map_err(|e| format!("{name}: {e}"))?;
        return Ok((imported.assessment, imported.warnings));
    }
    let source = sendbench_core::source_from_bytes(name, file.bytes.to_vec())
        .map_err(|e| format!("{name}: {e}"))?;
    match Assessment::from_source(source.clone(), rubric) {
        Ok(checked) => Ok((checked.value, Vec::new())),
        Err(sendbench_core::LoadError::Invalid { diagnostics, .. }) => {
            let (parsed, _) = Assessment::parse(&source);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            match parsed {
                Some(a) if !a.school.name.trim().is_empty() => {
                    let warning = format!(
                        "{name}: {} against this rubric (made against rubric {} version {}); compared as far as it matches, and strands that cannot be matched are shown as such",
                        sendbench_core::words::count(errors, "problem", "problems"),
                        a.rubric.id, a.rubric.version
                    );
                    Ok((a, vec![warning]))
                }
                _ => Err(format!(
                    "{name} is not a review that can be compared: `sendbench validate {name}` lists its problems"
                )),
            }
        }
        Err(other) => Err(format!("{name}: {other}")),
    }
}
