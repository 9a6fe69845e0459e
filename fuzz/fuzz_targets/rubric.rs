//! The rubric reader on any text: never a panic; a rubric that loads has safe ids and makes
//! a toolkit that imports back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sendbench_core::Rubric;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(rubric) = Rubric::from_toml("fuzz.toml", text) {
        assert!(sendbench_core::is_safe_id(&rubric.id), "unsafe id {:?}", rubric.id);
        let docx = sendbench_generate::docx::toolkit(&rubric, None);
        let imported = sendbench_generate::docx::import(&docx, &rubric);
        assert!(imported.is_ok(), "a rubric's own blank toolkit is refused: {imported:?}");
    }
});
