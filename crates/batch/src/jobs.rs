//! The jobs of a school and of an officer, from files given as bytes, with no file system
//! and no threads: what a web page runs (`crates/web`). Each is the command line's and the
//! build's own code, called the same way, so the same input gives the same files, byte for
//! byte and under the same names, as `sendbench build` writes.
//!
//! - [`school_job`]: a school's review (a filled toolkit or a TOML assessment), and
//!   optionally its previous review, to its governors', parents' and SEN information
//!   documents as PDF, web page and fragment, next year's toolkit and the blank toolkit.
//! - [`crate::batch::build_area_in_memory`]: many returns or a survey export to the area's
//!   publication (or every local area's and the county's).
//! - [`zip`]: documents as one zip file, each under its name.

use std::io::Write;

use sendbench_core::{Assessment, Rubric};
use sendbench_generate::jobs::{school_documents, Document, InputFile, JobError, SchoolJob};
use sendbench_generate::render::html::Form;
use sendbench_generate::render::{Format, RenderError, RenderOptions, Renderer};
use sendbench_generate::view::Audience;

use crate::batch::slug;
use crate::intake::{read_return_file, Received, ReturnError, Unusable};

/// What a school's job made and what a person should know of its review.
#[derive(Debug)]
pub struct SchoolOutput {
    /// The school's name.
    pub school: String,
    /// What is left to judge, if the review is unfinished: its reports are drafts.
    pub draft: Option<String>,
    /// What reading the review noticed, each with its place where it has one.
    pub warnings: Vec<String>,
    /// Each audience's report as PDF then web page (named as `build` names them), each
    /// audience's fragment (`…-parents-fragment.html`), next year's toolkit and the blank
    /// toolkit.
    pub documents: Vec<Document>,
}

/// Why a school's job made nothing.
#[derive(Debug, thiserror::Error)]
pub enum SchoolJobError {
    /// The review cannot be read or is not valid: each problem, in its place.
    #[error("{name} cannot be used: {}", .problems.join("\n"))]
    Review {
        /// The file.
        name: String,
        /// Each problem (`oak.toml:12:5: error: … help: …`).
        problems: Vec<String>,
    },
    /// The previous review cannot be shown beside this one.
    #[error(transparent)]
    Job(#[from] JobError),
    /// A renderer could not start.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// A school's documents from its review's file, read as the build reads a return, beside
/// its previous review if given (which must be the same school's, from an earlier year).
pub fn school_job(
    rubric: &Rubric,
    review: InputFile<'_>,
    previous: Option<InputFile<'_>>,
) -> Result<SchoolOutput, SchoolJobError> {
    let received = read_review(review, rubric)?;
    let previous: Option<(&str, Assessment)> = match previous {
        Some(p) => Some((p.name, read_review(p, rubric)?.assessment)),
        None => None,
    };
    let assessment = &received.assessment;
    let stem = slug(&assessment.school.name);
    let options = RenderOptions::default();
    let renderers = sendbench_generate::render::renderers(&Format::ALL, &options)?;
    let mut job = SchoolJob {
        audiences: &Audience::ALL,
        renderers: &renderers.iter().map(|r| r.as_ref()).collect::<Vec<_>>(),
        previous: previous.as_ref().map(|(name, p)| (*name, p)),
        stem: Some(&stem),
        next_year_toolkit: false,
        ..SchoolJob::default()
    };
    let mut documents = school_documents(rubric, assessment, &job)?;
    // The fragment of each audience's page, to paste into the school's website.
    let mut fragment_options = RenderOptions::default();
    fragment_options.html.form = Form::Fragment;
    let fragment = Format::Html.renderer(&fragment_options)?;
    let fragments: [&dyn Renderer; 1] = [fragment.as_ref()];
    job.renderers = &fragments;
    job.next_year_toolkit = true;
    for mut document in school_documents(rubric, assessment, &job)? {
        if let Some(page) = document.name.strip_suffix(".html") {
            document.name = format!("{page}-fragment.html");
        }
        documents.push(document);
    }
    documents.push(Document {
        name: "blank-toolkit.docx".to_owned(),
        bytes: sendbench_generate::docx::toolkit(rubric, None),
    });
    Ok(SchoolOutput {
        school: assessment.school.name.clone(),
        draft: received.completeness.remaining(),
        warnings: review_warnings(review, &received, rubric),
        documents,
    })
}

/// A review read as the intake reads a return; every problem in its place if it cannot be.
fn read_review(file: InputFile<'_>, rubric: &Rubric) -> Result<Received, SchoolJobError> {
    read_return_file(file, rubric).map_err(|unusable| SchoolJobError::Review {
        name: file.name.to_owned(),
        problems: match unusable {
            Unusable::Invalid(ReturnError::Invalid {
                file: source,
                diagnostics,
            }) => (diagnostics.iter())
                .filter(|d| d.is_error())
                .map(|d| {
                    let mut located = d.locate(source.as_deref());
                    located.file.get_or_insert_with(|| file.name.to_owned());
                    located.to_string()
                })
                .collect(),
            other => vec![other.to_string()],
        },
    })
}

/// What reading the review noticed: the import's warnings, and what validation warns of
/// (a name in text families see, a date outside its year) but the parts not yet judged,
/// which the draft line says.
fn review_warnings(file: InputFile<'_>, received: &Received, rubric: &Rubric) -> Vec<String> {
    let mut warnings = received.warnings.clone();
    let source = std::str::from_utf8(file.bytes)
        .ok()
        .filter(|_| !file.name.to_lowercase().ends_with(".docx"))
        .map(|text| sendbench_core::SourceFile::new(file.name, text));
    let diagnostics = match &source {
        // A TOML review: checked again with its places, to point at each line.
        Some(source) => Assessment::from_source(source.clone(), rubric)
            .map(|checked| checked.warnings)
            .unwrap_or_default(),
        None => received.assessment.validate(rubric),
    };
    warnings.extend(
        (diagnostics.iter())
            .filter(|d| !d.is_error() && !matches!(d.code, "not-judged" | "not-answered"))
            .map(|d| {
                let mut located = d.locate(source.as_ref());
                located.file.get_or_insert_with(|| file.name.to_owned());
                located.to_string()
            }),
    );
    warnings
}

/// Documents as one zip file, each under its name, stored with a fixed date so the same
/// documents give the same bytes.
pub fn zip(documents: &[Document]) -> Result<Vec<u8>, std::io::Error> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for document in documents {
        out.start_file(document.name.as_str(), options)
            .map_err(std::io::Error::other)?;
        out.write_all(&document.bytes)?;
    }
    Ok(out.finish().map_err(std::io::Error::other)?.into_inner())
}
