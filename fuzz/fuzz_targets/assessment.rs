//! The assessment reader on any bytes: never a panic, a bounded number of diagnostics, and
//! every diagnostic located inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sendbench_core::{Assessment, LoadError, Rubric};

fuzz_target!(|bytes: &[u8]| {
    let rubric = Rubric::builtin();
    let Ok(file) = sendbench_core::source_from_bytes("fuzz.toml", bytes.to_vec()) else {
        return;
    };
    let len = file.text().len();
    match Assessment::from_source(file, &rubric) {
        Ok(checked) => {
            // A valid assessment validates again the same way and writes back out.
            let text = sendbench_core::write_assessment(
                &checked.value,
                &rubric,
                sendbench_core::SkeletonOptions { comments: false },
            );
            assert!(!text.is_empty());
        }
        Err(LoadError::Invalid { file, diagnostics }) => {
            assert!(diagnostics.len() <= sendbench_core::MAX_DIAGNOSTICS + 1);
            for d in &diagnostics {
                if let Some(span) = d.span {
                    assert!(span.range().end <= len, "span past the end: {d:?}");
                    let _ = file.location(span.range().start);
                }
            }
        }
        Err(_) => {}
    }
});
