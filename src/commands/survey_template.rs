//! `sendbench survey-template`: the collection sheet for a county's survey, and the
//! question list for an online form.

use sendbench_core::Rubric;
use sendbench_generate::survey::{self, SurveyOptions};

use crate::cli::SurveyTemplateArgs;
use crate::output::write_all;
use crate::Failure;

/// Writes the sheet (and the questions), both or neither.
pub fn run(rubric: &Rubric, args: &SurveyTemplateArgs) -> Result<(), Failure> {
    let options = SurveyOptions {
        areas: args.areas.clone(),
        rows: args.rows,
    };
    let xlsx = survey::template(rubric, &options)
        .map_err(|e| Failure::message(format!("error: cannot make the collection sheet: {e}")))?;
    let questions = survey::questions(rubric, &options);
    let mut files: Vec<(&std::path::Path, &[u8])> = vec![(args.output.as_path(), &xlsx)];
    if let Some(path) = &args.questions {
        files.push((path.as_path(), questions.as_bytes()));
    }
    write_all(&files, args.force)?;
    eprintln!(
        "Wrote the collection sheet {} ({} strands, {} duties, {} rows ready)",
        args.output.display(),
        rubric.strands().count(),
        rubric.checklist.items.len(),
        args.rows
    );
    if let Some(path) = &args.questions {
        eprintln!(
            "Wrote the questions for an online form to {}",
            path.display()
        );
    }
    Ok(())
}
