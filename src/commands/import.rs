//! `sendbench import`: a filled Word toolkit read back into an assessment file.

use sendbench_core::{write_assessment, Assessment, Rubric, SkeletonOptions};

use crate::cli::ImportArgs;
use crate::diagnostics::{render, render_load_error};
use crate::output::emit;
use crate::Failure;

/// Imports the toolkit.
pub fn run(rubric: &Rubric, args: &ImportArgs) -> Result<(), Failure> {
    let name = args.file.display().to_string();
    // Bounded before reading, and never from a device or pipe.
    let bytes = sendbench_batch::intake::read_bounded(&args.file).map_err(|e| {
        Failure::message(crate::terminal::safe(&format!("cannot read {name}: {e}")).into_owned())
    })?;
    let imported = sendbench_generate::docx::import(&bytes, rubric)
        .map_err(|e| Failure::message(format!("{name}: {e}")))?;
    for warning in &imported.warnings {
        eprintln!("warning: {name}: {}", crate::terminal::safe(warning));
    }
    let text = write_assessment(&imported.assessment, rubric, SkeletonOptions::default());
    // Check what was read as `validate` would, so problems show now, against the DOCX's name.
    let source_name = match &args.output.output {
        Some(path) => path.display().to_string(),
        None => format!("{name} (imported)"),
    };
    let (problems, findings) = match Assessment::from_toml(&source_name, &text, rubric) {
        // Valid, perhaps with warnings (strands not yet judged, a row with no target): the
        // same ones `validate` gives for the file, so nobody needs to run it to see them.
        Ok(checked) => (None, render(checked.file.as_ref(), &checked.warnings)),
        Err(e) => (Some(render_load_error(&e)), String::new()),
    };
    emit(&args.output, text.as_bytes())?;
    eprint!("{findings}");
    if let Some(problems) = problems {
        eprint!("{problems}");
        return Err(Failure::message(format!(
            "the form was read, but what it holds is not valid yet (see above); fix it in Word and import again, or edit {}",
            args.output.output.as_ref().map_or("the output".to_owned(), |p| p.display().to_string())
        )));
    }
    if let Some(path) = &args.output.output {
        eprintln!(
            "Wrote {}. Check it with: sendbench validate {}",
            path.display(),
            path.display()
        );
    }
    Ok(())
}
