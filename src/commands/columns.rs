//! `sendbench columns`: how every column of a survey export is read (strand, duty, school
//! detail, the tool's own column, or not placed), which row is the header and which survey
//! tool was recognised; with `-o`, a complete column map to finish where it says
//! `# not placed`.

use sendbench_core::Rubric;

use super::print;
use crate::cli::ColumnsArgs;
use crate::output::write_file;
use crate::Failure;

/// Prints how the export's columns are read, and writes the column map if asked.
pub fn run(rubric: &Rubric, args: &ColumnsArgs) -> Result<(), Failure> {
    let map = super::load_columns(args.columns.as_deref(), rubric)?;
    let explanation = sendbench_batch::sheet::explain_file(&args.export, rubric, map.as_ref())
        .map_err(|e| {
            Failure::message(crate::terminal::safe(&format!("error: {e}")).into_owned())
        })?;
    print(&explanation.text())?;
    let unplaced = explanation.unplaced();
    match &args.output {
        Some(path) => {
            write_file(path, explanation.column_map().as_bytes(), args.force)?;
            eprintln!(
                "Wrote the column map {}{}",
                path.display(),
                match unplaced {
                    0 => ": every column is placed".to_owned(),
                    1 => ": fill in the 1 line marked # not placed, then give it with --columns".to_owned(),
                    n => format!(": fill in the {n} lines marked # not placed, then give it with --columns"),
                }
            );
        }
        None if unplaced > 0 => eprintln!(
            "{unplaced} column(s) with answers not placed: `sendbench columns {} -o columns.toml` writes a column map to fill in",
            crate::terminal::safe(&args.export.display().to_string())
        ),
        None => {}
    }
    Ok(())
}
