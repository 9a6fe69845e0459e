//! The record of what was published, kept beside the outputs (`.sendbench-published.json`)
//! so the next run over the same years can say when the two publications side by side give
//! away schools that changed (a late or corrected return), and withhold what would
//! (`--withhold-changed`). See [`sendbench_core::PublishedRecord`].

use std::path::{Path, PathBuf};

use sendbench_core::{Publication, PublishedRecord};

use crate::write::write_atomic;

/// The record's file name, in the output folder.
pub const RECORD_FILE: &str = ".sendbench-published.json";

/// The record kept in `dir`, if there is one. A record that cannot be read is an error, not
/// ignored: without it a re-issue could give a late school's judgements away unwarned.
pub fn read_record(dir: &Path) -> Result<Option<PublishedRecord>, String> {
    let path = dir.join(RECORD_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let bytes = crate::intake::read_limited(&path, PublishedRecord::MAX_BYTES)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| unreadable(&path, "it is not UTF-8 text"))?;
    PublishedRecord::from_json(&text)
        .map(Some)
        .map_err(|e| unreadable(&path, &e))
}

fn unreadable(path: &Path, why: &str) -> String {
    format!(
        "{} cannot be read ({why}): it records what was published before, so that a re-issue can be checked against it; restore it, or delete it if no figures from this folder were ever published",
        path.display()
    )
}

/// Keeps what `publication` shows in `dir`'s record, beside what was published before.
pub fn write_record(
    dir: &Path,
    earlier: Option<PublishedRecord>,
    publication: &Publication,
    every_year: bool,
) -> Result<PathBuf, String> {
    let record = earlier
        .unwrap_or_default()
        .merged(publication.record(every_year));
    let path = dir.join(RECORD_FILE);
    write_atomic(&path, record.to_json().as_bytes(), true).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The warnings a re-issue gives: each table's year whose figures, beside the earlier
/// publication recorded in `dir`, give away schools that changed, with what to do.
pub fn revision_warnings(publication: &Publication, dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = publication
        .revisions
        .iter()
        .map(|r| {
            format!(
                "{} (the earlier publication is recorded in {}); to re-issue safely, run again with --withhold-changed, which withholds every figure that would differ from it, or keep the late returns for a later, dated revision",
                r.describe(),
                dir.join(RECORD_FILE).display()
            )
        })
        .collect();
    if publication.withheld_as_changed > 0 {
        out.push(format!(
            "--withhold-changed: {} withheld because {} would differ from the earlier publication",
            sendbench_core::words::count(
                publication.withheld_as_changed,
                "strand or duty figure",
                "strand and duty figures"
            ),
            if publication.withheld_as_changed == 1 {
                "it"
            } else {
                "they"
            }
        ));
    }
    out
}
