//! `sendbench toolkit`: the fillable Word toolkit, blank or pre-filled.

use sendbench_core::Rubric;

use super::load_assessment;
use crate::cli::ToolkitArgs;
use crate::output::write_file;
use crate::Failure;

/// Writes the toolkit.
pub fn run(rubric: &Rubric, args: &ToolkitArgs) -> Result<(), Failure> {
    let assessment = match &args.assessment {
        Some(path) => Some(load_assessment(rubric, path)?.0),
        None => None,
    };
    let docx = match (&assessment, args.next_year) {
        (Some(last), true) => sendbench_generate::docx::next_year_toolkit(rubric, last),
        _ => sendbench_generate::docx::toolkit(rubric, assessment.as_ref()),
    };
    write_file(&args.output, &docx, args.force)?;
    let what = match (&assessment, args.next_year) {
        (Some(_), true) => "next year's toolkit, carried forward from this review,",
        (Some(_), false) => "pre-filled toolkit",
        (None, _) => "blank toolkit",
    };
    eprintln!(
        "Wrote the {what} {} ({} KB)",
        args.output.display(),
        docx.len().div_ceil(1024)
    );
    Ok(())
}
