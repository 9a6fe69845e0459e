//! `sendbench report`: typeset PDF reports for governors, parents and the SEN information
//! report, optionally beside the area's figures.

use sendbench_batch::compare::Compared;
use sendbench_core::{Assessment, Rubric};
use sendbench_generate::jobs::{school_documents, Document, InputFile, JobError, SchoolJob};
use sendbench_generate::render::pdf::PdfRenderer;
use sendbench_generate::render::Format;
use sendbench_generate::view::{Audience, View};

use super::{load_assessment, read_returns};
use crate::cli::{AudienceArg, ReportArgs, ReportFormat};
use crate::output::write_all;
use crate::Failure;

/// Makes the reports: everything read and checked, every report made, then all written or
/// none.
pub fn run(rubric: &Rubric, args: &ReportArgs) -> Result<(), Failure> {
    let (assessment, warnings, file) = load_assessment(rubric, &args.file)?;
    // What `validate` would warn of, but the unfinished parts (the draft line below says how
    // many): a name in text families see, a date outside its year, a row without a target.
    let told: Vec<_> = warnings
        .into_iter()
        .filter(|w| !matches!(w.code, "not-judged" | "not-answered"))
        .collect();
    if !told.is_empty() {
        eprint!("{}", crate::diagnostics::render(file.as_ref(), &told));
    }
    let previous = match &args.previous {
        None => None,
        Some(path) => Some(read_previous(rubric, path)?),
    };
    if let Some(left) = assessment.profile(rubric).completeness().remaining() {
        eprintln!(
            "warning: {}: the review is not finished ({left}); the report says so on every page, marked as a draft",
            args.file.display()
        );
    }
    let format = check_format(args)?;
    let audiences: Vec<Audience> = match args.audience {
        Some(AudienceArg::Governors) => vec![Audience::Governors],
        Some(AudienceArg::Parents) => vec![Audience::Parents],
        Some(AudienceArg::SenInfo) => vec![Audience::SenInfo],
        None => Audience::ALL.to_vec(),
    };
    if let Some(dir) = &args.emit_source {
        return emit_source(rubric, args, &assessment, audiences[0], dir);
    }
    let compared = compared(rubric, args, &assessment)?;
    let options = args.pdf.render_options(args.pdfa, args.fragment);
    let renderer = format
        .renderer(&options)
        .map_err(|e| Failure::message(e.to_string()))?;
    let job = SchoolJob {
        audiences: &audiences,
        renderers: &[renderer.as_ref()],
        previous: previous.as_ref().map(|p| (args.previous_name(), p)),
        renamed: args.renamed,
        area: compared.as_ref().and_then(|c| c.year.as_ref()),
        area_counts_another_version: compared
            .as_ref()
            .is_some_and(|c| c.another_version.is_some()),
        ..SchoolJob::default()
    };
    let documents = school_documents(rubric, &assessment, &job).map_err(|e| match e {
        JobError::Previous { .. } => Failure::message(format!("error: {e}")),
        e => Failure::message(format!("{}: {e}", args.file.display())),
    })?;
    write_reports(args, &audiences, documents)
}

/// The format asked for, or why the options cannot be used together.
fn check_format(args: &ReportArgs) -> Result<Format, Failure> {
    let html = args.format == ReportFormat::Html;
    if args.fragment && !html {
        return Err(Failure::usage(
            "error: --fragment is for web pages: add --format html",
        ));
    }
    if html && args.pdfa {
        return Err(Failure::usage(
            "error: --pdfa is for PDFs: leave it out with --format html",
        ));
    }
    Ok(if html { Format::Html } else { Format::Pdf })
}

/// The school's previous review, read from its file (bounded) with its warnings printed.
fn read_previous(rubric: &Rubric, path: &std::path::Path) -> Result<Assessment, Failure> {
    let name = path.display().to_string();
    let bytes = sendbench_batch::intake::read_bounded(path)
        .map_err(|e| Failure::message(format!("error: {name}: {e}")))?;
    let file = InputFile {
        name: &name,
        bytes: &bytes,
    };
    let (previous, warnings) = sendbench_generate::jobs::read_previous(file, rubric)
        .map_err(|e| Failure::message(format!("error: {e}")))?;
    for w in warnings {
        eprintln!("warning: {}", crate::terminal::safe(&w));
    }
    Ok(previous)
}

/// With --compare: the area's figures beside the school's, as the area publishes them.
fn compared(
    rubric: &Rubric,
    args: &ReportArgs,
    assessment: &Assessment,
) -> Result<Option<Compared>, Failure> {
    let Some(inputs) = &args.compare else {
        return Ok(None);
    };
    let columns = super::load_columns(args.columns.as_deref(), rubric)?;
    let returns = read_returns(rubric, inputs, false, columns)?;
    let compared =
        sendbench_batch::compare::compare(rubric, &returns, assessment, args.suppress_below)
            .map_err(|e| Failure::message(e.to_string()))?;
    if let Some(other) = &compared.another_version {
        eprintln!(
            "warning: the area's figures count {}, a return from this school that judges differently from {}: the report says an earlier return is counted, not this review",
            crate::terminal::safe(other),
            args.file.display()
        );
    }
    for w in &compared.warnings {
        eprintln!("warning: {w}");
    }
    Ok(Some(compared))
}

/// `--emit-source DIR`: the templates and data of one report, for template authors.
fn emit_source(
    rubric: &Rubric,
    args: &ReportArgs,
    assessment: &Assessment,
    audience: Audience,
    dir: &std::path::Path,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::message(format!("cannot create the folder {}: {e}", dir.display()))
    })?;
    let pdf = PdfRenderer::new(&args.pdf.options(args.pdfa))
        .map_err(|e| Failure::message(e.to_string()))?;
    let view = View::school(rubric, assessment, audience, &Default::default());
    let files = pdf
        .files(&view)
        .map_err(|e| Failure::message(e.to_string()))?;
    let paths: Vec<std::path::PathBuf> = files
        .iter()
        .map(|(path, _)| dir.join(path.trim_start_matches('/')))
        .collect();
    let writes: Vec<(&std::path::Path, &[u8])> = paths
        .iter()
        .zip(&files)
        .map(|(path, (_, bytes))| (path.as_path(), bytes.as_slice()))
        .collect();
    write_all(&writes, args.force)?;
    eprintln!(
        "Wrote the templates and data for the {} report to {}",
        audience.id(),
        dir.display()
    );
    Ok(())
}

/// Writes the reports made (one per audience, in that order): to `-o FILE` for one, into
/// `-o DIR` with `--all` (by the names `build` gives them), or to standard output for `-o -`.
/// All or none.
fn write_reports(
    args: &ReportArgs,
    audiences: &[Audience],
    documents: Vec<Document>,
) -> Result<(), Failure> {
    if args.output.as_deref() == Some(std::path::Path::new("-")) && !args.all {
        let document = documents
            .into_iter()
            .next()
            .ok_or_else(|| Failure::message("error: no report made"))?;
        return crate::output::emit(
            &crate::cli::Output {
                output: None,
                force: false,
            },
            &document.bytes,
        );
    }
    if args.all {
        let dir = args
            .output
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        std::fs::create_dir_all(&dir).map_err(|e| {
            Failure::message(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
    }
    let paths: Vec<std::path::PathBuf> = documents
        .iter()
        .map(|d| match (&args.output, args.all) {
            (Some(dir), true) => dir.join(&d.name),
            (Some(file), false) => file.clone(),
            (None, _) => std::path::PathBuf::from(&d.name),
        })
        .collect();
    let files: Vec<(&std::path::Path, &[u8])> = paths
        .iter()
        .zip(&documents)
        .map(|(path, d)| (path.as_path(), d.bytes.as_slice()))
        .collect();
    write_all(&files, args.force)?;
    for ((audience, path), d) in audiences.iter().zip(&paths).zip(&documents) {
        eprintln!(
            "Wrote the {} report {} ({} KB)",
            audience.id(),
            path.display(),
            d.bytes.len().div_ceil(1024)
        );
    }
    Ok(())
}
