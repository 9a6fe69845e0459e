//! A report template that would use more memory than the limit is stopped with a clear
//! error: the process neither aborts nor grows past the limit. Its own test binary, because
//! the allocator is global and the limit, once reached, holds for the rest of the process.

use sendbench_core::{Assessment, Rubric};
use sendbench_generate::pdf::{Audience, Engine, ReportError, ReportOptions};

#[global_allocator]
static ALLOCATOR: sendbench_memory::Limited = sendbench_memory::Limited;

#[test]
fn a_template_that_grows_past_the_memory_limit_is_stopped_with_a_clear_error() {
    sendbench_memory::exempt_this_thread();
    let rubric = Rubric::builtin();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools/oakfield-primary.toml");
    let assessment: Assessment = Assessment::load(&path, &rubric).expect("valid").value;
    let dir = tempfile::tempdir().expect("tempdir");
    // A list that doubles forty times: a trillion items, reached a step at a time.
    std::fs::write(
        dir.path().join("parents.typ"),
        "#let a = (0,)\n#for i in range(40) { a = a + a }\n#a.len()\n",
    )
    .expect("write");
    let engine = Engine::new(&ReportOptions {
        templates: Some(dir.path().to_owned()),
        ..ReportOptions::default()
    })
    .expect("engine");

    // The built-in templates work within the limit.
    let limit = sendbench_memory::allocated() + (256 << 20);
    sendbench_memory::set_limit(Some(limit));
    let pdf = engine
        .report(&rubric, &assessment, Audience::Governors)
        .expect("the governors' report is made within 256 MB");
    assert!(pdf.starts_with(b"%PDF-"));

    let started = std::time::Instant::now();
    let e = engine
        .report(&rubric, &assessment, Audience::Parents)
        .expect_err("stopped");
    assert!(matches!(e, ReportError::Limit { .. }), "{e}");
    let message = e.to_string();
    assert!(
        message.contains("parents.typ: the report needed more than the memory limit of"),
        "{message}"
    );
    assert!(message.contains("--memory-limit MB"), "{message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(sendbench_memory::exceeded());
    assert!(sendbench_memory::allocated() <= limit);

    // Nothing more is started beside the stopped document.
    let again = engine
        .report(&rubric, &assessment, Audience::Governors)
        .expect_err("refused");
    assert!(
        again
            .to_string()
            .contains("an earlier document needed more than the memory limit"),
        "{again}"
    );
}
