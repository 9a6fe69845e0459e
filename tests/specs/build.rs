//! `sendbench build`: every document for every school, an index, only what is out of date on
//! a second run, and bad inputs reported without stopping the rest.

use crate::util;
use std::path::Path;

use crate::util::sendbench;

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
        run.stderr.contains(
            "3 returns: 15 documents made, 0 up to date, 0 old files removed, 0 documents failed"
        ),
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
        // Three PDFs, each with its web page, and next year's toolkit.
        assert_eq!(outputs.len(), 7);
        for o in outputs {
            let path = out.path().join(o.as_str().expect("path"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                bytes.starts_with(b"%PDF-")
                    || bytes.starts_with(b"PK\x03\x04")
                    || bytes.starts_with(b"<!DOCTYPE html>"),
                "{}",
                path.display()
            );
        }
    }
    // Each school's completeness is recorded, and the unfinished one is warned about.
    let beacon = schools
        .iter()
        .find(|s| s["school"] == "Beacon Hill School")
        .expect("Beacon Hill in the index");
    assert_eq!(beacon["completeness"]["complete"], false);
    assert_eq!(beacon["completeness"]["strands_not_judged"], 8);
    assert_eq!(beacon["completeness"]["duties_unanswered"], 4);
    assert_eq!(
        beacon["completeness"]["summary"],
        "Draft: 8 of 34 strands and 4 of 9 duties not yet judged"
    );
    let oak = schools
        .iter()
        .find(|s| s["school"] == "Oakfield Primary School")
        .expect("Oakfield in the index");
    assert_eq!(oak["completeness"]["complete"], true);
    assert!(
        run.stderr.contains(
            "beacon-hill-special.toml: the review is not finished (8 of 34 strands and 4 of 9 duties not yet judged)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("the review is not finished").count(), 1);
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
        "area/area.meta.csv",
        "area/area_checklist.csv",
        "area/area_checklist.meta.csv",
        "blank-toolkit.docx",
    ] {
        assert!(out.path().join(area).exists(), "{area}");
    }
    // The open data: a row per year and strand for the whole area (Total), its metadata
    // beside it; index.json lists all four files.
    let csv = std::fs::read_to_string(out.path().join("area/area.csv")).expect("csv");
    assert!(csv.starts_with("time_period,"), "{csv}");
    assert!(
        csv.contains(
            "\r\n202526,Academic year,Local authority,E92000001,England,,,,,,Total,1,1a,3,"
        ),
        "{csv}"
    );
    let meta = std::fs::read_to_string(out.path().join("area/area.meta.csv")).expect("meta");
    assert!(meta.starts_with("col_name,col_type,label,"), "{meta}");
    let listed = index["area"].clone();
    for name in [
        "area/area.csv",
        "area/area.meta.csv",
        "area/area_checklist.csv",
        "area/area_checklist.meta.csv",
    ] {
        assert!(
            listed
                .as_array()
                .expect("area")
                .iter()
                .any(|o| o.as_str() == Some(name)),
            "{name} in {listed}"
        );
    }
    // Nothing half-written is left behind.
    let leftovers: Vec<_> = walk(out.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
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
        again.stderr.contains("0 documents made, 15 up to date"),
        "{}",
        again.stderr
    );
    // A file saved again unchanged (a newer time, the same content) changes nothing.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = std::fs::read_to_string(input.path().join("oakfield-primary.toml")).expect("read");
    std::fs::write(input.path().join("oakfield-primary.toml"), &text).expect("touch");
    let same = sendbench(&args).expect_code(0);
    assert!(
        same.stderr.contains("0 documents made, 15 up to date"),
        "{}",
        same.stderr
    );
    // A changed input: its four documents and the area report (PDF, and XLSX with CSV) are
    // made again, whatever the file's time says.
    std::fs::write(
        input.path().join("oakfield-primary.toml"),
        text.replace("Learning walks", "Learning walks and visits"),
    )
    .expect("change");
    let third = sendbench(&args).expect_code(0);
    assert!(
        third.stderr.contains("6 documents made, 9 up to date"),
        "{}",
        third.stderr
    );
    let mut forced = args.clone();
    forced.push("--force");
    assert!(sendbench(&forced)
        .expect_code(0)
        .stderr
        .contains("15 documents made"));
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
fn one_schools_reviews_from_two_years_get_different_files() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let oak = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("read");
    std::fs::write(input.path().join("a.toml"), &oak).expect("write");
    std::fs::write(
        input.path().join("b.toml"),
        oak.replace("2025/26", "2024/25").replace("2026-", "2025-"),
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
        .join("schools/oakfield-primary-school-2024-25-governors.pdf")
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
    // Stopped part-way: exit code 130, as a shell reports an interrupted command; or it had
    // already finished.
    match output.status.code() {
        Some(130) => assert!(stderr.contains("interrupted"), "{stderr}"),
        Some(0) => {}
        other => panic!("exit code {other:?}: {stderr}"),
    }
    for path in walk(out.path()) {
        let name = path.to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {name}");
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
    assert!(
        resumed.stderr.contains("0 documents failed"),
        "{}",
        resumed.stderr
    );
    assert!(out.path().join("area/area.pdf").exists());
}

/// `build IN -o OUT` with any further arguments; the run, whatever its exit code.
fn build(input: &Path, out: &Path, more: &[&str]) -> util::Run {
    let mut args = vec![
        "build".to_owned(),
        input.to_string_lossy().into_owned(),
        "-o".to_owned(),
        out.to_string_lossy().into_owned(),
    ];
    args.extend(more.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sendbench(&args)
}

fn index(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("index.json")).expect("index")).expect("JSON")
}

/// Every path the index lists exists, and the area report's schools are the index's.
fn assert_index_is_true_to_disk(out: &Path) {
    let index = index(out);
    let mut listed: Vec<String> = Vec::new();
    for school in index["schools"].as_array().expect("schools") {
        for o in school["outputs"].as_array().expect("outputs") {
            listed.push(o.as_str().expect("path").to_owned());
        }
    }
    for o in index["area"].as_array().expect("area") {
        listed.push(o.as_str().expect("path").to_owned());
    }
    for path in &listed {
        assert!(!path.contains('\\'), "{path}: paths use forward slashes");
        assert!(out.join(path).is_file(), "{path} is listed but not on disk");
    }
    let counts = &index["intake"]["counts"];
    let n = |k: &str| counts[k].as_u64().unwrap_or(0);
    assert_eq!(
        n("files"),
        n("used") + n("duplicates") + n("skipped") + n("invalid")
    );
    let schools = index["schools"].as_array().map_or(0, Vec::len);
    assert_eq!(n("used") as usize, schools);
    // The returns counted are the schools in every area output (one year here).
    if out.join("area/area.xlsx").is_file() {
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = calamine::open_workbook(out.join("area/area.xlsx")).expect("xlsx");
        let sheet = book.worksheet_range("Schools").expect("Schools sheet");
        let listed = sheet
            .rows()
            .filter(|r| {
                // Rows of the table: an academic year ("2025/26") in the first column.
                r.first().is_some_and(|c| {
                    let c = c.to_string();
                    c.len() == 7 && c.as_bytes()[4] == b'/'
                })
            })
            .count();
        assert_eq!(listed, schools, "schools in the XLSX");
    }
    if out.join("area/area.pdf").is_file() {
        let text = util::pdf_text(&out.join("area/area.pdf"));
        let thanks = if schools == 1 {
            "Thank you to the 1 school that".to_owned()
        } else {
            format!("Thank you to the {schools} schools")
        };
        assert!(text.contains(&thanks), "schools in the PDF: {text}");
    }
}

#[test]
fn an_output_folder_inside_the_input_is_never_read_back() {
    let nest = tempfile::tempdir().expect("tempdir");
    copy_examples(nest.path());
    let published = nest.path().join("published");
    for _ in 0..3 {
        let run = build(nest.path(), &published, &[]).expect_code(0);
        assert!(run.stderr.contains("3 returns:"), "{}", run.stderr);
    }
    assert_eq!(
        index(&published)["schools"].as_array().map(Vec::len),
        Some(3)
    );
    // Last year's output folder copied in with this year's returns is skipped too.
    let later = tempfile::tempdir().expect("tempdir");
    let run = build(nest.path(), later.path(), &[]).expect_code(0);
    assert!(run.stderr.contains("3 returns:"), "{}", run.stderr);
    let files = index(later.path())["intake"]["files"].clone();
    let published_entry = files
        .as_array()
        .expect("files")
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/published"))
        })
        .expect("the earlier output folder is listed")
        .clone();
    assert_eq!(published_entry["fate"], "skipped");
    assert!(
        published_entry["reason"]
            .as_str()
            .is_some_and(|r| r.contains("earlier sendbench output folder")),
        "{published_entry}"
    );
    assert_index_is_true_to_disk(&published);
}

#[test]
fn lock_files_and_mac_files_are_skipped_and_counted() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    std::fs::write(input.path().join("~$kfield-primary.docx"), b"lock").expect("write");
    std::fs::write(
        input.path().join("._oakfield-primary.toml"),
        b"\x00\x05\x16\x07",
    )
    .expect("write");
    std::fs::write(input.path().join("Thumbs.db"), b"x").expect("write");
    let run = build(input.path(), out.path(), &[]).expect_code(0);
    assert!(
        run.stderr
            .contains("Read 6 files: 3 returns used, 0 duplicates, 3 skipped, 0 invalid."),
        "{}",
        run.stderr
    );
    assert_index_is_true_to_disk(out.path());
}

#[test]
fn a_deleted_return_takes_its_documents_and_its_place_in_the_area_report_with_it() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    build(input.path(), out.path(), &[]).expect_code(0);
    std::fs::remove_file(input.path().join("riverside-academy.toml")).expect("remove");
    let run = build(input.path(), out.path(), &[]).expect_code(0);
    assert!(
        run.stderr
            // Its three PDFs, their three web pages and its toolkit.
            .contains("2 returns: 2 documents made, 9 up to date, 7 old files removed, 0 documents failed"),
        "{}",
        run.stderr
    );
    assert!(!out
        .path()
        .join("schools/riverside-academy-governors.pdf")
        .exists());
    let area = util::pdf_text(&out.path().join("area/area.pdf"));
    assert!(!area.contains("Riverside"), "{area}");
    let csv = std::fs::read_to_string(out.path().join("area/area.csv")).expect("csv");
    assert!(!csv.contains("Riverside"));
    assert_index_is_true_to_disk(out.path());
}

/// A second return for the same school (same name, another URN: a conflict the intake warns
/// about) added with an older file time, and sorting first: it is the one kept (same date,
/// as complete, first by file name), and the documents and index say so, whatever the file
/// times.
#[test]
fn a_return_added_with_an_older_file_time_is_followed_truly() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let oak = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("read");
    std::fs::write(input.path().join("b.toml"), &oak).expect("write");
    build(input.path(), out.path(), &["--quiet"]).expect_code(0);
    // Another Oakfield Primary School (another URN), sorting first, with an old file time.
    let other = input.path().join("a.toml");
    std::fs::write(&other, oak.replace("urn = \"117234\"", "urn = \"999999\"")).expect("write");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&other)
        .and_then(|f| f.set_modified(old))
        .expect("set time");
    build(input.path(), out.path(), &["--quiet"]).expect_code(0);
    let index = index(out.path());
    assert_eq!(
        index["schools"][0]["input"],
        format!("{}/a.toml", input.path().display())
    );
    assert_eq!(index["schools"][0]["urn"], "999999");
    assert!(index["intake"]["warnings"][0]
        .as_str()
        .is_some_and(|w| w.contains("their URNs differ (999999 and 117234)")));
    for school in index["schools"].as_array().expect("schools") {
        let urn = school["urn"].as_str().expect("urn");
        let governors = school["outputs"]
            .as_array()
            .expect("outputs")
            .iter()
            .filter_map(|o| o.as_str())
            .find(|o| o.ends_with("-governors.pdf"))
            .expect("governors' report");
        let text = util::pdf_text(&out.path().join(governors));
        assert!(
            text.contains(&format!("URN {urn}")),
            "{governors} is not from URN {urn}"
        );
    }
    assert_index_is_true_to_disk(out.path());
}

#[test]
fn a_changed_template_remakes_the_documents_made_with_it() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let templates = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let sen_info = util::root().join("crates/generate/templates/report/sen-info.typ");
    let text = std::fs::read_to_string(&sen_info).expect("template");
    std::fs::write(templates.path().join("sen-info.typ"), &text).expect("write");
    let t = templates.path().to_string_lossy().into_owned();
    build(input.path(), out.path(), &["--templates", &t]).expect_code(0);
    std::fs::write(
        templates.path().join("sen-info.typ"),
        format!("{text}\n#text[A line the trust added]\n"),
    )
    .expect("write");
    let run = build(input.path(), out.path(), &["--templates", &t]).expect_code(0);
    // Every PDF depends on every template (they share components): 3 x 3 reports and the
    // area PDF; toolkits, XLSX and CSV do not.
    assert!(
        run.stderr.contains("10 documents made, 5 up to date"),
        "{}",
        run.stderr
    );
    let pdf = util::pdf_text(
        &out.path()
            .join("schools/oakfield-primary-school-sen-info.pdf"),
    );
    assert!(pdf.contains("A line the trust added"), "{pdf}");
}

#[test]
fn two_builds_cannot_write_to_one_output_folder_at_once() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let first = std::process::Command::new(env!("CARGO_BIN_EXE_sendbench"))
        .args([
            "build",
            &input.path().to_string_lossy(),
            "-o",
            &out.path().to_string_lossy(),
            "--jobs",
            "1",
            "--quiet",
        ])
        .spawn()
        .expect("starts");
    // Wait until the first has the lock.
    for _ in 0..100 {
        if out.path().join(".sendbench-lock").exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    let second = build(input.path(), out.path(), &[]);
    let first = first.wait_with_output().expect("waits");
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(
        second
            .stderr
            .contains("another sendbench build is writing to"),
        "{}",
        second.stderr
    );
    assert_index_is_true_to_disk(out.path());
}

#[test]
fn a_school_whose_name_needs_another_font_does_not_stop_the_area_spreadsheets() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let oak = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("read");
    std::fs::write(
        input.path().join("oak-tree.toml"),
        oak.replace("Oakfield Primary School", "橡树 Primary School")
            .replace("urn = \"117234\"", "urn = \"123456\""),
    )
    .expect("write");
    let run = build(input.path(), out.path(), &[]).expect_code(1);
    assert!(run.stderr.contains("--font-path"), "{}", run.stderr);
    assert!(out.path().join("area/area.xlsx").is_file());
    assert!(out.path().join("area/area.csv").is_file());
    assert!(out.path().join("area/area_checklist.meta.csv").is_file());
    assert!(!out.path().join("area/area.pdf").exists());
    let failed = index(out.path())["failed"].clone();
    let inputs: Vec<&str> = failed
        .as_array()
        .expect("failed")
        .iter()
        .filter_map(|f| f["input"].as_str())
        .collect();
    assert!(
        inputs
            .iter()
            .any(|i| i.ends_with("oak-tree.toml (governors)")),
        "{inputs:?}"
    );
    assert!(inputs.contains(&"area report (PDF)"), "{inputs:?}");
    assert_index_is_true_to_disk(out.path());
}

#[cfg(unix)]
#[test]
fn clearing_stale_temporary_files_never_follows_a_link_out_of_the_output_folder() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let precious = elsewhere.path().join(".sendbench-someone-elses.tmp");
    std::fs::write(&precious, b"not ours").expect("write");
    std::os::unix::fs::symlink(elsewhere.path(), out.path().join("shortcut")).expect("link");
    build(input.path(), out.path(), &["--quiet"]).expect_code(0);
    assert!(
        precious.exists(),
        "a file outside the output folder was deleted"
    );
}

#[test]
fn build_gives_every_warning_area_gives_and_strict_refuses_duplicates() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let area = sendbench(&["area", &input.path().to_string_lossy()]).expect_code(0);
    let run = build(input.path(), out.path(), &[]).expect_code(0);
    for line in area.stderr.lines().filter(|l| l.starts_with("warning:")) {
        assert!(
            run.stderr.contains(line),
            "build lacks: {line}\n{}",
            run.stderr
        );
    }
    // A second version of Oakfield's review (one word different), sent as well.
    let text = std::fs::read_to_string(input.path().join("oakfield-primary.toml")).expect("read");
    std::fs::write(
        input.path().join("oakfield-copy.toml"),
        text.replacen("evidence = \"", "evidence = \"Also: ", 1),
    )
    .expect("write");
    let run = build(input.path(), out.path(), &[]).expect_code(0);
    assert!(
        run.stderr
            .contains("Oakfield Primary School was sent twice for 2025/26"),
        "{}",
        run.stderr
    );
    let strict = build(input.path(), out.path(), &["--strict"]).expect_code(1);
    assert!(strict.stderr.contains("--strict"), "{}", strict.stderr);
}

#[test]
fn build_has_the_area_options() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    build(
        input.path(),
        out.path(),
        &[
            "--title",
            "Our Area SEND Benchmark",
            "--suppress-below",
            "3",
            "--strength-threshold",
            "80",
            "--quiet",
        ],
    )
    .expect_code(0);
    let pdf = util::pdf_text(&out.path().join("area/area.pdf"));
    assert!(pdf.contains("Our Area SEND Benchmark"), "{pdf}");
    let csv = std::fs::read_to_string(out.path().join("area/area.csv")).expect("csv");
    assert!(csv.contains(",c,"), "suppressed cells: {csv}");
}

#[cfg(unix)]
#[test]
fn links_in_the_returns_folder_neither_loop_nor_count_a_school_twice() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    std::os::unix::fs::symlink(input.path(), input.path().join("back")).expect("link");
    std::os::unix::fs::symlink(input.path(), input.path().join("again")).expect("link");
    let run = build(input.path(), out.path(), &[]).expect_code(0);
    assert!(run.stderr.contains("3 returns:"), "{}", run.stderr);
    assert_index_is_true_to_disk(out.path());
}

/// The open data's local authority columns come from --la-name, --la-code and
/// --old-la-code; changing them remakes the area's XLSX and CSV files, and nothing else.
#[test]
fn the_local_authority_fills_the_open_data_and_a_change_remakes_only_it() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    let la = |code: &str| {
        build(
            input.path(),
            out.path(),
            &[
                "--la-name",
                "Hertfordshire",
                "--la-code",
                code,
                "--old-la-code",
                "919",
            ],
        )
    };
    la("E10000015").expect_code(0);
    let row = |name: &str| {
        std::fs::read_to_string(out.path().join("area").join(name))
            .expect("csv")
            .lines()
            .nth(1)
            .expect("a row")
            .to_owned()
    };
    assert!(
        row("area.csv").starts_with(
            "202526,Academic year,Local authority,E92000001,England,,,919,E10000015,Hertfordshire,Total,1,1a,"
        ),
        "{}",
        row("area.csv")
    );
    assert!(
        row("area_checklist.csv").starts_with(
            "202526,Academic year,Local authority,E92000001,England,,,919,E10000015,Hertfordshire,Total,principles,"
        ),
        "{}",
        row("area_checklist.csv")
    );
    let again = la("E10000016").expect_code(0);
    assert!(
        again.stderr.contains("1 document made, 14 up to date"),
        "{}",
        again.stderr
    );
    assert!(row("area.csv").contains(",919,E10000016,Hertfordshire,"));
    assert_index_is_true_to_disk(out.path());
}

#[test]
fn one_return_is_counted_in_the_singular() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        util::root().join("examples/schools/oakfield-primary.toml"),
        input.path().join("oakfield-primary.toml"),
    )
    .expect("copy");
    let run = build(input.path(), out.path(), &[]).expect_code(0);
    assert!(
        run.stderr.contains("\n1 return: 7 documents made"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("1 returns"), "{}", run.stderr);
}

/// A document cut short or changed by hand since the build wrote it is not up to date: the
/// manifest records what was written, and the next run makes it again.
#[test]
fn a_damaged_document_is_made_again_not_reported_up_to_date() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    copy_examples(input.path());
    build(input.path(), out.path(), &[]).expect_code(0);
    let pdf = out
        .path()
        .join("schools/oakfield-primary-school-parents.pdf");
    let whole = std::fs::read(&pdf).expect("pdf");
    std::fs::write(&pdf, &whole[..whole.len() / 2]).expect("cut short");
    let page = out.path().join("area/area.html");
    let text = std::fs::read_to_string(&page).expect("page");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&page, text.replace("DSPL 9", "DSPL 8")).expect("edit by hand");
    let again = build(input.path(), out.path(), &[]).expect_code(0);
    // The parents' PDF and page are one job; the area's PDF and page another.
    assert!(
        again.stderr.contains("2 documents made, 13 up to date"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read(&pdf).expect("pdf"), whole);
    assert_eq!(std::fs::read_to_string(&page).expect("page"), text);
}

/// A school name longer than a file system allows in a file name is shortened at a word,
/// and its documents are made.
#[test]
fn a_very_long_school_name_gives_shortened_file_names() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let long = "The Very Long Named Church of England Voluntary Aided Primary School and Nursery of Saint Bartholomew the Apostle in the Parish of Little Wittenham-on-the-Marsh Federation with Extended Provision for Children";
    let text = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("example")
        .replace("Oakfield Primary School", long);
    std::fs::write(input.path().join("long.toml"), text).expect("write");
    build(input.path(), out.path(), &[]).expect_code(0);
    let names: Vec<String> = std::fs::read_dir(out.path().join("schools"))
        .expect("schools")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 7, "{names:?}");
    for name in &names {
        assert!(name.len() < 100, "{name}");
        assert!(
            name.starts_with("the-very-long-named-church-of-england"),
            "{name}"
        );
    }
}
