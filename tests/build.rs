//! `sendbench build`: every document for every school, an index, only what is out of date on
//! a second run, and bad inputs reported without stopping the rest.

mod util;

use std::path::Path;

use util::sendbench;

fn copy_examples(dir: &Path) {
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        std::fs::copy(
            util::root().join("examples/schools").join(name),
            dir.join(name),
        )
        .expect("copy");
    }
}

/// The README's main job: `sendbench build examples/schools -o out`.
#[test]
fn the_main_job_builds_every_document_for_the_example_schools_and_an_index() {
    let out = tempfile::tempdir().expect("tempdir");
    let run = sendbench(&[
        "build",
        &util::root().join("examples/schools").to_string_lossy(),
        "-o",
        &out.path().to_string_lossy(),
    ])
    .expect_code(0);
    assert!(
        run.stderr
            .contains("3 schools: 14 documents made, 0 up to date, 0 failed"),
        "{}",
        run.stderr
    );
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("index.json")).expect("index"))
            .expect("JSON");
    let schools = index["schools"].as_array().expect("schools");
    assert_eq!(schools.len(), 3);
    for school in schools {
        let outputs = school["outputs"].as_array().expect("outputs");
        assert_eq!(outputs.len(), 4);
        for o in outputs {
            let path = out.path().join(o.as_str().expect("path"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                bytes.starts_with(b"%PDF-") || bytes.starts_with(b"PK\x03\x04"),
                "{}",
                path.display()
            );
        }
    }
    // Names come from the school; next year's toolkit says which year it is for.
    let oakfield = out.path().join("schools");
    for name in [
        "oakfield-primary-school-governors.pdf",
        "oakfield-primary-school-parents.pdf",
        "oakfield-primary-school-sen-info.pdf",
        "oakfield-primary-school-toolkit-2026-27.docx",
    ] {
        assert!(oakfield.join(name).exists(), "{name}");
    }
    let governors = util::pdf_text(&oakfield.join("oakfield-primary-school-governors.pdf"));
    assert!(governors.contains("Oakfield Primary School"), "{governors}");
    for area in [
        "area/area.pdf",
        "area/area.xlsx",
        "area/area.csv",
        "blank-toolkit.docx",
    ] {
        assert!(out.path().join(area).exists(), "{area}");
    }
    let csv = std::fs::read_to_string(out.path().join("area/area.csv")).expect("csv");
    assert!(csv.contains("1a"), "{csv}");
    // Nothing half-written is left behind.
    let leftovers: Vec<_> = walk(out.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".sendbench-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Next year's toolkit starts from this year's review: the same school, participants and
/// judgements to revisit, for the following academic year, with no review date yet.
#[test]
fn next_years_toolkit_is_pre_filled_from_this_years_review() {
    let out = build_examples_quietly();
    let toolkit = out
        .path()
        .join("schools/oakfield-primary-school-toolkit-2026-27.docx");
    let imported = out.path().join("next.toml");
    sendbench(&[
        "import",
        &toolkit.to_string_lossy(),
        "-o",
        &imported.to_string_lossy(),
    ])
    .expect_code(0);
    let next = std::fs::read_to_string(&imported).expect("imported");
    let this = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("example");
    assert!(next.contains("academic_year = \"2026/27\""), "{next}");
    assert!(
        !next.contains("2026-06-19"),
        "the review date is cleared: {next}"
    );
    assert!(next.contains("Oakfield Primary School"), "{next}");
    let judgements = |text: &str| text.matches("judgement = \"expected\"").count();
    assert!(judgements(&this) > 0);
    assert_eq!(judgements(&next), judgements(&this), "{next}");
}

/// Documents are ordinary files: readable as any other file the user makes (not private to
/// the user, as temporary files are made).
#[cfg(unix)]
#[test]
fn documents_get_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let out = build_examples_quietly();
    let umask = {
        // The test runner's umask, read back from a file it makes.
        let probe = out.path().join("probe");
        std::fs::write(&probe, b"").expect("probe");
        0o666
            & !std::fs::metadata(&probe)
                .expect("probe")
                .permissions()
                .mode()
            & 0o777
    };
    for path in walk(out.path())
        .into_iter()
        .filter(|p| !p.ends_with("probe"))
    {
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask, "{}", path.display());
    }
}

/// `sendbench build examples/schools -o TEMPDIR --quiet`, which must succeed.
fn build_examples_quietly() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    sendbench(&[
        "build",
        &util::root().join("examples/schools").to_string_lossy(),
        "-o",
        &out.path().to_string_lossy(),
        "--quiet",
    ])
    .expect_code(0);
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_second_run_rebuilds_only_what_is_out_of_date() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let args = [
        "build",
        &input.path().to_string_lossy(),
        "-o",
        &out.path().to_string_lossy(),
    ]
    .map(String::from);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sendbench(&args).expect_code(0);
    let again = sendbench(&args).expect_code(0);
    assert!(
        again.stderr.contains("0 documents made, 14 up to date"),
        "{}",
        again.stderr
    );
    // A newer input: its four documents and the area report are made again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = std::fs::read_to_string(input.path().join("oakfield-primary.toml")).expect("read");
    std::fs::write(input.path().join("oakfield-primary.toml"), text).expect("touch");
    let third = sendbench(&args).expect_code(0);
    assert!(
        third.stderr.contains("5 documents made, 9 up to date"),
        "{}",
        third.stderr
    );
    let mut forced = args.clone();
    forced.push("--force");
    assert!(sendbench(&forced)
        .expect_code(0)
        .stderr
        .contains("14 documents made"));
}

#[test]
fn a_bad_input_is_reported_and_the_rest_are_built() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    std::fs::write(input.path().join("broken.toml"), "[school\nname = ").expect("write");
    let run = sendbench(&[
        "build",
        &input.path().to_string_lossy(),
        "-o",
        &out.path().to_string_lossy(),
        "--quiet",
    ])
    .expect_code(1);
    assert!(run.stderr.contains("broken.toml"), "{}", run.stderr);
    assert!(out
        .path()
        .join("schools/oakfield-primary-school-governors.pdf")
        .exists());
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("index.json")).expect("index"))
            .expect("JSON");
    assert_eq!(
        index["failed"][0]["input"]
            .as_str()
            .map(|s| s.ends_with("broken.toml")),
        Some(true)
    );
}

#[test]
fn schools_with_the_same_name_get_different_files() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let oak = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("read");
    std::fs::write(input.path().join("a.toml"), &oak).expect("write");
    std::fs::write(
        input.path().join("b.toml"),
        oak.replace("urn = \"117234\"", "urn = \"999999\""),
    )
    .expect("write");
    sendbench(&[
        "build",
        &input.path().to_string_lossy(),
        "-o",
        &out.path().to_string_lossy(),
        "--quiet",
    ])
    .expect_code(0);
    assert!(out
        .path()
        .join("schools/oakfield-primary-school-governors.pdf")
        .exists());
    assert!(out
        .path()
        .join("schools/oakfield-primary-school-999999-governors.pdf")
        .exists());
}

#[test]
fn a_build_stopped_with_ctrl_c_leaves_only_whole_files_and_resumes() {
    interrupted_build_leaves_only_whole_files_and_resumes("-INT");
}

#[test]
fn a_build_stopped_with_kill_leaves_only_whole_files_and_resumes() {
    interrupted_build_leaves_only_whole_files_and_resumes("-TERM");
}

/// Starts a build, sends it `signal` part-way, and checks what it left and that a second
/// run completes it.
fn interrupted_build_leaves_only_whole_files_and_resumes(signal: &str) {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    // Temporary files from a run that was killed outright are cleared.
    std::fs::create_dir_all(out.path().join("schools")).expect("mkdir");
    std::fs::write(
        out.path().join("schools/.sendbench-stale.tmp"),
        b"half a PDF",
    )
    .expect("write");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_sendbench"))
        .args([
            "build",
            &input.path().to_string_lossy(),
            "-o",
            &out.path().to_string_lossy(),
            "--jobs",
            "1",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill");
    let output = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(1) {
        assert!(stderr.contains("interrupted"), "{stderr}");
    }
    for path in walk(out.path()) {
        let name = path.to_string_lossy().into_owned();
        assert!(!name.contains(".sendbench-"), "left behind: {name}");
        if name.ends_with(".pdf") {
            let bytes = std::fs::read(&path).expect("read");
            assert!(
                bytes.starts_with(b"%PDF-")
                    && bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF"),
                "{name} is whole"
            );
        }
    }
    let resumed = sendbench(&[
        "build",
        &input.path().to_string_lossy(),
        "-o",
        &out.path().to_string_lossy(),
    ])
    .expect_code(0);
    assert!(resumed.stderr.contains("0 failed"), "{}", resumed.stderr);
    assert!(out.path().join("area/area.pdf").exists());
}
