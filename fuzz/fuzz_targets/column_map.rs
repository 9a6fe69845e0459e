//! A column map (`--columns columns.toml`) on any bytes: read as the CLI reads it (bytes to
//! text by `source_from_bytes`, then `ColumnMap::from_toml`), never a panic; every problem
//! names its line; a map that loads is then used to read a real survey export, which must
//! not panic either.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sendbench_batch::{sheet, ColumnMap};
use sendbench_core::Rubric;

static RUBRIC: LazyLock<Rubric> = LazyLock::new(Rubric::builtin);

// An export whose questions only a column map can place, so a loaded map is exercised.
const EXPORT: &[u8] =
    include_bytes!("../../crates/batch/tests/fixtures/surveys/invented-wording.csv");

fuzz_target!(|bytes: &[u8]| {
    let Ok(file) = sendbench_core::source_from_bytes("columns.toml", bytes.to_vec()) else {
        return;
    };
    match ColumnMap::from_toml(file.text(), &RUBRIC) {
        Ok(map) => {
            let path = Path::new("invented-wording.csv");
            let _ = sheet::read(path, EXPORT, &RUBRIC, Some(&map));
            let _ = sheet::explain(path, EXPORT, &RUBRIC, Some(&map)).map(|e| e.column_map());
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "refused with no problem");
            for p in &problems {
                assert!(p.starts_with("line "), "a problem without its line: {p}");
            }
        }
    }
});
