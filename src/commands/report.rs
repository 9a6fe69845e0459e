//! `sendbench report`: typeset PDF reports for governors, parents and the SEN information
//! report, optionally beside the area's figures.

use sendbench_core::Rubric;

use super::{load_assessment, read_returns};
use crate::cli::{AudienceArg, ReportArgs, ReportFormat};
use crate::output::write_all;
use crate::Failure;

/// Makes the reports.
pub fn run(rubric: &Rubric, args: &ReportArgs) -> Result<(), Failure> {
    use sendbench_generate::html::{Form, Pages};
    use sendbench_generate::pdf::{Audience, Engine};
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
        Some(path) => {
            let (previous, warnings) = sendbench_batch::intake::read_previous(path, rubric)
                .map_err(|e| Failure::message(format!("error: {e}")))?;
            for w in warnings {
                eprintln!("warning: {}", crate::terminal::safe(&w));
            }
            sendbench_core::check_previous(&previous, &assessment, args.renamed).map_err(|e| {
                Failure::message(format!(
                    "error: {} cannot be shown as the previous review of {}: {e}",
                    path.display(),
                    args.file.display()
                ))
            })?;
            Some(previous)
        }
    };
    if let Some(left) = assessment.profile(rubric).completeness().remaining() {
        eprintln!(
            "warning: {}: the review is not finished ({left}); the report says so on every page, marked as a draft",
            args.file.display()
        );
    }
    let html = args.format == ReportFormat::Html;
    if args.fragment && !html {
        return Err(Failure::message(
            "error: --fragment is for web pages: add --format html",
        ));
    }
    if html && args.pdfa {
        return Err(Failure::message(
            "error: --pdfa is for PDFs: leave it out with --format html",
        ));
    }
    let engine =
        Engine::new(&args.pdf.options(args.pdfa)).map_err(|e| Failure::message(e.to_string()))?;
    let pages = if html {
        Some(Pages::new(&args.pdf.options(false)).map_err(|e| Failure::message(e.to_string()))?)
    } else {
        None
    };
    let form = if args.fragment {
        Form::Fragment
    } else {
        Form::Page
    };
    let audiences: Vec<Audience> = match args.audience {
        Some(AudienceArg::Governors) => vec![Audience::Governors],
        Some(AudienceArg::Parents) => vec![Audience::Parents],
        Some(AudienceArg::SenInfo) => vec![Audience::SenInfo],
        None => Audience::ALL.to_vec(),
    };
    if let Some(dir) = &args.emit_source {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::message(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
        let files = engine
            .files(rubric, &assessment, audiences[0])
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
            audiences[0].id(),
            dir.display()
        );
        return Ok(());
    }
    // With --compare: the area's figures for the school's academic year (else the latest).
    let mut another_version = false;
    let area_bench = match &args.compare {
        None => None,
        Some(inputs) => {
            let columns = super::load_columns(args.columns.as_deref(), rubric)?;
            let (_, returns) = read_returns(rubric, inputs, false, columns)?;
            // The area may count an earlier version of this very review.
            if let Some(other) = returns.iter().find(|r| r.differs_from(&assessment)) {
                eprintln!(
                    "warning: the area's figures count {}, a return from this school that judges differently from {}: the report says an earlier return is counted, not this review",
                    crate::terminal::safe(&other.source),
                    args.file.display()
                );
                another_version = true;
            }
            // The figures `area` publishes from the same returns, under the same rules: the
            // school's own local area's as `area --by area` shows them when the returns name
            // several areas, else the whole's.
            let options = sendbench_core::PublicationOptions {
                suppress_below: args.suppress_below,
                ..Default::default()
            };
            let publication = sendbench_core::Publication::build(rubric, &returns, &options)
                .map_err(|e| Failure::message(e.to_string()))?;
            for n in &publication.notices {
                eprintln!("warning: {}", n.message);
            }
            let bench = compared_table(publication, &assessment);
            for w in bench.reliability_warnings() {
                eprintln!("warning: {}", w.message);
            }
            Some(bench)
        }
    };
    let area_year = area_bench.and_then(|mut bench| {
        let school_year = assessment.review.academic_year.or(assessment
            .review
            .date
            .map(sendbench_core::AcademicYear::containing));
        let i = bench
            .years
            .iter()
            .position(|y| Some(y.year) == school_year)
            .unwrap_or(bench.years.len().saturating_sub(1));
        (!bench.years.is_empty()).then(|| bench.years.swap_remove(i))
    });
    let default_name = |audience: Audience| {
        format!(
            "{}-{}.{}",
            sendbench_batch::slug(&assessment.school.name),
            audience.id(),
            if html { "html" } else { "pdf" }
        )
    };
    if args.all {
        let dir = args
            .output
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        std::fs::create_dir_all(&dir).map_err(|e| {
            Failure::message(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
    }
    // Every report is made before any is written, and all are written or none: a second
    // report failing (or already existing) never leaves the first behind alone.
    let mut made = Vec::new();
    for audience in audiences {
        let path = match (&args.output, args.all) {
            (Some(dir), true) => dir.join(default_name(audience)),
            (Some(file), false) => file.clone(),
            (None, _) => std::path::PathBuf::from(default_name(audience)),
        };
        sendbench_batch::write::check_writable(&path, args.force)
            .map_err(|e| Failure::message(e.to_string()))?;
        let beside = sendbench_generate::pdf::Beside {
            area: area_year.as_ref(),
            previous: previous.as_ref(),
            area_counts_another_version: another_version,
        };
        let pdf = match &pages {
            Some(pages) => pages
                .report(rubric, &assessment, audience, &beside, form)
                .map(String::into_bytes),
            None => engine.report_beside(rubric, &assessment, audience, &beside),
        }
        .map_err(|e| Failure::message(format!("{}: {e}", args.file.display())))?;
        made.push((audience, path, pdf));
    }
    let files: Vec<(&std::path::Path, &[u8])> = made
        .iter()
        .map(|(_, path, pdf)| (path.as_path(), pdf.as_slice()))
        .collect();
    write_all(&files, args.force)?;
    for (audience, path, pdf) in &made {
        eprintln!(
            "Wrote the {} report {} ({} KB)",
            audience.id(),
            path.display(),
            pdf.len().div_ceil(1024)
        );
    }
    Ok(())
}

/// The table a school's report is compared with: its own local area's when the returns name
/// more than one area and one of them is the school's, else the whole.
fn compared_table(
    publication: sendbench_core::Publication,
    school: &sendbench_core::Assessment,
) -> sendbench_core::AreaBenchmark {
    let mine = school
        .school
        .area
        .as_deref()
        .map(sendbench_core::normalise_name);
    let own = (publication.areas.len() > 1)
        .then(|| {
            (publication.areas.into_iter())
                .find(|(name, _)| Some(sendbench_core::normalise_name(name)) == mine)
        })
        .flatten();
    own.map_or(publication.whole, |(_, bench)| bench)
}
