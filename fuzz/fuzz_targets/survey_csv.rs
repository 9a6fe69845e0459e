//! A survey export as CSV on any bytes (any encoding, quoting, delimiter, header layout):
//! `sheet::read` and `sheet::explain`, the functions behind `sendbench area`/`build` and
//! `sendbench columns`, never panic, hang or run away with memory, and every row that cannot
//! be read says why.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sendbench_batch::sheet;
use sendbench_core::Rubric;

// Built once: the rubric is the same for every input, and parsing it each time would
// spend most of the run on it.
static RUBRIC: LazyLock<Rubric> = LazyLock::new(Rubric::builtin);

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("export.csv");
    if let Ok(Some(read)) = sheet::read(path, bytes, &RUBRIC, None) {
        for row in &read.rows {
            if let Err(problems) = &row.result {
                assert!(!problems.is_empty(), "row {} refused with no reason", row.place);
            }
        }
    }
    let _ = sheet::explain(path, bytes, &RUBRIC, None).map(|e| e.text());
});
