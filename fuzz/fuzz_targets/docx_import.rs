//! DOCX import on any bytes (zip archives, broken XML, bombs): never a panic, a hang or
//! unbounded memory; what it imports is a valid assessment or a clear error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sendbench_core::Rubric;

fuzz_target!(|bytes: &[u8]| {
    let rubric = Rubric::builtin();
    if let Ok(imported) = sendbench_generate::docx::import(bytes, &rubric) {
        // Whatever was read carries no character a document cannot hold.
        let text = sendbench_core::write_assessment(
            &imported.assessment,
            &rubric,
            sendbench_core::SkeletonOptions { comments: false },
        );
        assert!(
            !text.chars().any(|c| sendbench_core::is_unprintable(c) && c != '\n'),
            "import let an unprintable character through"
        );
    }
});
