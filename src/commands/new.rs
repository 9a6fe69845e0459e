//! `sendbench new`: a blank assessment to fill in.

use sendbench_core::{write_assessment, AcademicYear, Assessment, Rubric, School, SkeletonOptions};

use crate::cli::NewArgs;
use crate::output::emit;
use crate::Failure;

/// Writes the skeleton.
pub fn run(rubric: &Rubric, args: &NewArgs) -> Result<(), Failure> {
    if args.school.trim().is_empty() {
        return Err(Failure::message(
            "the school's name is empty: give it with --school \"Name\"",
        ));
    }
    let academic_year = match &args.year {
        None => None,
        Some(text) => Some(AcademicYear::parse(text).ok_or_else(|| {
            Failure::message(format!(
                "{text:?} is not an academic year: write it as 2025/26"
            ))
        })?),
    };
    let mut assessment = Assessment {
        school: School {
            name: args.school.trim().to_owned(),
            urn: args.urn.clone(),
            area: args.area.clone(),
        },
        ..Assessment::default()
    };
    assessment.review.academic_year = academic_year;
    let text = write_assessment(
        &assessment,
        rubric,
        SkeletonOptions {
            comments: !args.no_comments,
        },
    );
    emit(&args.output, text.as_bytes())?;
    if let Some(path) = &args.output.output {
        eprintln!(
            "Wrote {} ({} strands to judge). Check it with: sendbench validate {}",
            path.display(),
            rubric.strands().count(),
            path.display()
        );
    }
    Ok(())
}
