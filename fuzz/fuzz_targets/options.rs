//! A collection's options file (`build --by area --options options.toml`) on any bytes:
//! read as the CLI reads it (bytes to text by `source_from_bytes`, then
//! `CollectionOptions::from_toml`), never a panic; every problem names its line; options
//! that load are checked against no returns as a run checks them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sendbench_batch::{county, CollectionOptions};

fuzz_target!(|bytes: &[u8]| {
    let Ok(file) = sendbench_core::source_from_bytes("options.toml", bytes.to_vec()) else {
        return;
    };
    match CollectionOptions::from_toml(file.text()) {
        Ok(options) => {
            let _ = county::option_warnings(&options, &[]);
            let _ = county::check_collection(&options, None, None, &[]);
            let areas: Vec<&str> = options.eligible.keys().map(String::as_str).collect();
            let _ = options.eligible_overall(&areas);
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "refused with no problem");
            for p in &problems {
                assert!(p.starts_with("line "), "a problem without its line: {p}");
            }
        }
    }
});
