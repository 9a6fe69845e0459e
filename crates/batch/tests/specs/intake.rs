//! The intake of a returns folder as it really arrives: every file found is accounted for,
//! lock files and the like are skipped with the reason, links never loop or count a school
//! twice, and the same school sent twice is counted once with a message that names both
//! files and says which is kept and why.

use std::path::{Path, PathBuf};

use sendbench_batch::intake::{Fate, Intake, IntakeOptions, Skip};
use sendbench_core::Rubric;

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools")
        .join(name);
    std::fs::read_to_string(path).expect("example")
}

fn oakfield() -> String {
    example("oakfield-primary.toml")
}

/// Writes `text` to `dir/name`, making folders as needed.
fn put(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    path
}

fn read(dir: &Path) -> Intake {
    Intake::read(
        &IntakeOptions {
            inputs: vec![dir.to_owned()],
            exclude: Vec::new(),
            columns: None,
        },
        &Rubric::builtin(),
    )
}

/// The fate of the file whose path ends with `name`.
fn fate<'a>(intake: &'a Intake, name: &str) -> &'a Fate {
    &intake
        .entries
        .iter()
        .find(|e| e.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} not found in {:#?}", intake.entries))
        .fate
}

/// A return for another school: Oakfield's text with its name and URN changed.
fn school(name: &str, urn: Option<&str>) -> String {
    let text = oakfield().replace("Oakfield Primary School", name);
    match urn {
        Some(urn) => text.replace("urn = \"117234\"", &format!("urn = \"{urn}\"")),
        None => text.replace("urn = \"117234\"\n", ""),
    }
}

#[test]
fn lock_files_mac_files_hidden_files_and_other_kinds_are_skipped_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "oakfield.toml", &oakfield());
    put(dir.path(), "~$kfield.docx", "lock");
    put(dir.path(), ".~lock.oakfield.docx#", "lock");
    put(dir.path(), "._oakfield.toml", "\0\u{5}\u{16}\u{7}");
    put(dir.path(), ".DS_Store", "x");
    put(dir.path(), "notes.pdf", "%PDF-1.7");
    put(
        dir.path(),
        "COPY.TOML",
        &school("Birch Primary", Some("100001")),
    );
    let intake = read(dir.path());
    assert!(matches!(
        fate(&intake, "~$kfield.docx"),
        Fate::Skipped(Skip::LockFile)
    ));
    assert!(matches!(
        fate(&intake, ".~lock.oakfield.docx#"),
        Fate::Skipped(Skip::LibreOfficeLock)
    ));
    assert!(matches!(
        fate(&intake, "._oakfield.toml"),
        Fate::Skipped(Skip::AppleDouble)
    ));
    assert!(matches!(
        fate(&intake, ".DS_Store"),
        Fate::Skipped(Skip::Hidden)
    ));
    assert!(matches!(
        fate(&intake, "notes.pdf"),
        Fate::Skipped(Skip::OtherKind)
    ));
    // An upper-case extension is still a return.
    assert!(matches!(fate(&intake, "COPY.TOML"), Fate::Used(_)));
    let c = intake.counts();
    assert_eq!(
        (c.files, c.used, c.skipped, c.invalid, c.duplicates),
        (7, 2, 5, 0, 0)
    );
    assert_eq!(
        intake.summary(),
        "Read 7 files: 2 returns used, 0 duplicates, 5 skipped, 0 invalid."
    );
}

#[test]
fn a_rubric_a_blank_toolkit_and_other_toml_are_not_returns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rubric = Rubric::builtin();
    put(dir.path(), "rubric.toml", Rubric::builtin_source());
    put(dir.path(), "Cargo.toml", "[package]\nname = \"x\"\n");
    std::fs::write(
        dir.path().join("blank.docx"),
        sendbench_generate::docx::toolkit(&rubric, None),
    )
    .expect("write");
    let intake = read(dir.path());
    let r = fate(&intake, "rubric.toml");
    assert!(matches!(r, Fate::Skipped(Skip::Rubric)), "{r:?}");
    assert!(matches!(
        fate(&intake, "Cargo.toml"),
        Fate::Skipped(Skip::NotAReturn)
    ));
    assert!(matches!(
        fate(&intake, "blank.docx"),
        Fate::Skipped(Skip::BlankToolkit)
    ));
    assert_eq!(intake.received.len(), 0);
}

#[test]
fn invalid_returns_are_reported_with_their_problems_and_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "typo.toml",
        &oakfield().replace("\"expected\"", "\"expeted\""),
    );
    put(
        dir.path(),
        "other.toml",
        &oakfield().replace("version = \"1\"", "version = \"9\""),
    );
    put(dir.path(), "word.docx", "not a zip at all");
    let intake = read(dir.path());
    let typo = fate(&intake, "typo.toml");
    assert!(matches!(typo, Fate::Invalid(_)), "{typo:?}");
    assert!(
        typo.reason().contains("did you mean Expected?"),
        "{}",
        typo.reason()
    );
    assert!(fate(&intake, "other.toml").reason().contains("version 9"));
    assert!(matches!(fate(&intake, "word.docx"), Fate::Invalid(_)));
    assert_eq!(intake.counts().invalid, 3);
    assert_eq!(intake.invalid().count(), 3);
}

#[test]
fn the_output_folder_and_earlier_output_folders_are_never_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "oakfield.toml", &oakfield());
    // This build's output, inside its input.
    put(dir.path(), "published/schools/x.toml", &oakfield());
    // Last year's output, copied in with the returns.
    put(
        dir.path(),
        "2024-25/index.json",
        r#"{"schools": [], "blank_toolkit": "blank-toolkit.docx"}"#,
    );
    put(dir.path(), "2024-25/schools/y.toml", &school("Birch", None));
    let intake = Intake::read(
        &IntakeOptions {
            inputs: vec![dir.path().to_owned()],
            exclude: vec![dir.path().join("published")],
            columns: None,
        },
        &Rubric::builtin(),
    );
    assert!(matches!(
        fate(&intake, "published"),
        Fate::Skipped(Skip::OutputFolder)
    ));
    assert!(matches!(
        fate(&intake, "2024-25"),
        Fate::Skipped(Skip::EarlierOutput)
    ));
    assert_eq!(intake.received.len(), 1);
    let c = intake.counts();
    assert_eq!((c.files, c.folders_skipped), (1, 2));
}

#[cfg(unix)]
#[test]
fn links_back_into_the_folder_neither_loop_nor_count_a_school_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns/oakfield.toml", &oakfield());
    std::os::unix::fs::symlink(dir.path().join("returns"), dir.path().join("returns/again"))
        .expect("link");
    std::os::unix::fs::symlink(dir.path().join("returns"), dir.path().join("returns/loop"))
        .expect("link");
    let intake = read(&dir.path().join("returns"));
    assert_eq!(intake.received.len(), 1, "{:#?}", intake.entries);
    assert!(matches!(
        fate(&intake, "again"),
        Fate::Skipped(Skip::LinkLoop(_))
    ));
    assert!(matches!(
        fate(&intake, "loop"),
        Fate::Skipped(Skip::LinkLoop(_))
    ));
}

#[cfg(unix)]
#[test]
fn a_file_reached_twice_through_a_link_is_read_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "a/oakfield.toml", &oakfield());
    std::fs::create_dir(dir.path().join("b")).expect("mkdir");
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b/shortcut")).expect("link");
    let intake = read(dir.path());
    assert_eq!(intake.received.len(), 1);
    assert!(matches!(
        fate(&intake, "b/shortcut/oakfield.toml"),
        Fate::Skipped(Skip::SameFile(_))
    ));
}

#[test]
fn the_same_school_with_and_without_a_urn_is_one_school() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "a.toml", &oakfield());
    put(
        dir.path(),
        "b.toml",
        &school("Oakfield Primary School", None).replace("2026-06-19", "2026-06-20"),
    );
    let intake = read(dir.path());
    assert_eq!(intake.received.len(), 1);
    assert!(matches!(fate(&intake, "b.toml"), Fate::Used(_)));
    match fate(&intake, "a.toml") {
        Fate::Duplicate { kept, reason } => {
            assert!(kept.ends_with("b.toml"));
            assert_eq!(reason, "it is the later review");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(intake.warnings.len(), 1, "{:?}", intake.warnings);
    let w = &intake.warnings[0];
    assert!(
        w.contains("Oakfield Primary School was sent twice for 2025/26"),
        "{w}"
    );
    assert!(w.contains("(URN 117234, reviewed 19 June 2026)"), "{w}");
    assert!(w.contains("(no URN, reviewed 20 June 2026)"), "{w}");
    assert!(w.contains("only one of them gives a URN"), "{w}");
}

#[test]
fn a_mistyped_urn_that_is_another_schools_does_not_remove_that_school() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "a-oakfield.toml", &oakfield());
    put(
        dir.path(),
        "b-birch.toml",
        &school("Birch Primary School", Some("100001")),
    );
    // Oakfield again, later, with Birch's URN typed by mistake.
    put(
        dir.path(),
        "c-oakfield-again.toml",
        &oakfield()
            .replace("urn = \"117234\"", "urn = \"100001\"")
            .replace("2026-06-19", "2026-06-30"),
    );
    let intake = read(dir.path());
    let names: Vec<&str> = intake
        .received
        .iter()
        .map(|r| r.assessment.school.name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Birch Primary School"));
    assert!(matches!(fate(&intake, "b-birch.toml"), Fate::Used(_)));
    assert!(matches!(
        fate(&intake, "c-oakfield-again.toml"),
        Fate::Used(_)
    ));
    assert!(matches!(
        fate(&intake, "a-oakfield.toml"),
        Fate::Duplicate { .. }
    ));
    let all = intake.warnings.join("\n");
    assert!(
        all.contains("c-oakfield-again.toml gives URN 100001, which")
            && all.contains("b-birch.toml gives for Birch Primary School; it is counted as Oakfield Primary School by its name: check its URN"),
        "{all}"
    );
    assert!(
        all.contains("their URNs differ (100001 and 117234)"),
        "{all}"
    );
}

#[test]
fn a_tie_on_date_says_so_and_keeps_the_more_complete_then_the_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Two versions of one review: the same date, as complete, one word different.
    put(dir.path(), "a.toml", &oakfield());
    put(
        dir.path(),
        "b.toml",
        &oakfield().replacen("evidence = \"", "evidence = \"Also: ", 1),
    );
    let intake = read(dir.path());
    match fate(&intake, "b.toml") {
        Fate::Duplicate { kept, reason } => {
            assert!(kept.ends_with("a.toml"));
            assert_eq!(
                reason,
                "both have the same review date and are as complete as each other; it is the first by file name"
            );
        }
        other => panic!("{other:?}"),
    }
    // The second file is more complete than an unfinished first one.
    let dir = tempfile::tempdir().expect("tempdir");
    let unfinished = oakfield().replacen("judgement = \"expected\"", "judgement = \"\"", 1);
    put(dir.path(), "a.toml", &unfinished);
    put(dir.path(), "b.toml", &oakfield());
    let intake = read(dir.path());
    match fate(&intake, "a.toml") {
        Fate::Duplicate { kept, reason } => {
            assert!(kept.ends_with("b.toml"));
            assert_eq!(
                reason,
                "both have the same review date, and it is the more complete"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_school_in_two_years_is_two_returns_not_a_duplicate() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "2025.toml", &oakfield());
    put(
        dir.path(),
        "2024.toml",
        &oakfield()
            .replace("2025/26", "2024/25")
            .replace("2026-06-19", "2025-06-19"),
    );
    let intake = read(dir.path());
    assert_eq!(intake.received.len(), 2);
    assert!(intake.warnings.is_empty(), "{:?}", intake.warnings);
}

#[test]
fn the_report_accounts_for_every_file_in_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "a.toml", &oakfield());
    put(dir.path(), "b.toml", &oakfield());
    put(dir.path(), "~$a.docx", "lock");
    put(dir.path(), "bad.toml", "not = [toml");
    let intake = read(dir.path());
    let json = intake.to_json();
    let files = json["files"].as_array().expect("files");
    assert_eq!(files.len(), 4);
    let c = &json["counts"];
    assert_eq!(c["files"], 4);
    assert_eq!(
        c["used"].as_u64().unwrap_or(0)
            + c["duplicates"].as_u64().unwrap_or(0)
            + c["skipped"].as_u64().unwrap_or(0)
            + c["invalid"].as_u64().unwrap_or(0),
        4
    );
    let fates: Vec<&str> = files
        .iter()
        .map(|f| f["fate"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(fates, ["used", "duplicate", "invalid", "skipped"]);
    assert_eq!(files[1]["kept"], format!("{}/a.toml", dir.path().display()));
}

#[test]
fn two_schools_sharing_a_name_or_a_urn_in_different_areas_are_two_schools() {
    let dir = tempfile::tempdir().expect("tempdir");
    // (file, school, URN, area)
    for (file, name, urn, area) in [
        // One name, another URN, another area: a different school of the same name.
        ("beacon.toml", "Beacon Hill School", "117654", "DSPL 9"),
        (
            "beacon-north.toml",
            "Beacon Hill School",
            "200001",
            "DSPL 3",
        ),
        // One URN (typed wrong), another name, another area.
        ("riverside.toml", "Riverside Academy", "137845", "DSPL 9"),
        ("dale-view.toml", "Dale View Primary", "137845", "DSPL 2"),
        // The same name and URN in another area is still one school sent twice.
        (
            "beacon-again.toml",
            "Beacon Hill School",
            "117654",
            "DSPL 4",
        ),
    ] {
        let text =
            school(name, Some(urn)).replace("area = \"DSPL 9\"", &format!("area = \"{area}\""));
        put(dir.path(), file, &text);
    }
    let intake = read(dir.path());
    let names: Vec<&str> = intake
        .received
        .iter()
        .map(|r| r.assessment.school.name.as_str())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}\n{:?}", intake.warnings);
    let all = intake.warnings.join("\n");
    assert!(
        all.contains("beacon-north.toml and")
            && all.contains("share a name but give different URNs and local areas (DSPL 3 and"),
        "{all}"
    );
    assert!(
        all.contains("dale-view.toml share a URN but give different names and local areas (DSPL 9 and DSPL 2): counted as two schools"),
        "{all}"
    );
    assert!(all.contains("Beacon Hill School was sent twice"), "{all}");
}

#[test]
fn an_empty_file_of_any_kind_is_invalid_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "oakfield.toml", &oakfield());
    for name in ["zero.toml", "zero.csv", "zero.xlsx", "zero.docx"] {
        put(dir.path(), name, "");
    }
    let intake = read(dir.path());
    for name in ["zero.toml", "zero.csv", "zero.xlsx", "zero.docx"] {
        match fate(&intake, name) {
            Fate::Invalid(e) => assert!(e.to_string().contains("the file is empty"), "{name}: {e}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(intake.received.len(), 1);
}

#[test]
fn identical_copies_are_said_to_be_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "oakfield.toml", &oakfield());
    put(dir.path(), "oakfield (1).toml", &oakfield());
    let intake = read(dir.path());
    assert_eq!(intake.received.len(), 1);
    let all = intake.warnings.join("\n");
    assert!(
        all.contains(
            "are identical copies of Oakfield Primary School's return for 2025/26; counted once"
        ),
        "{all}"
    );
    assert!(!all.contains("sent twice"), "{all}");
}

#[test]
fn read_for_the_figures_a_return_holds_its_judgements_and_reads_its_text_again_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = put(dir.path(), "oakfield.toml", &oakfield());
    let rubric = Rubric::builtin();
    let options = IntakeOptions {
        inputs: vec![dir.path().to_owned()],
        exclude: Vec::new(),
        columns: None,
    };
    let whole = Intake::read(&options, &rubric);
    let slim = Intake::read_for_figures(&options, &rubric);
    let (whole, slim) = (&whole.received[0], &slim.received[0]);
    // The figures are the same; the free text is not held.
    assert_eq!(whole.completeness, slim.completeness);
    let levels = |a: &sendbench_core::Assessment| -> Vec<Option<String>> {
        (a.outcomes.iter())
            .flat_map(|o| o.strands.iter().map(|j| j.level.clone()))
            .collect()
    };
    assert_eq!(levels(&whole.assessment), levels(&slim.assessment));
    assert!(whole.assessment.outcomes[0].strands[0].evidence.len() > 10);
    assert!(slim.assessment.outcomes[0].strands[0].evidence.is_empty());
    assert!(slim.assessment.participants.is_empty() && slim.assessment.action_plan.is_empty());
    // A document asks for the whole return: read again, it is the same as read whole.
    assert_eq!(*slim.full(&rubric).expect("full"), whole.assessment);
    assert_eq!(*whole.full(&rubric).expect("full"), whole.assessment);
    // Changed since it was read: refused, never a mix of two versions.
    std::fs::write(
        &path,
        oakfield().replace("Oakfield Primary", "Oakfield Primary Academy"),
    )
    .expect("write");
    let error = slim.full(&rubric).expect_err("changed");
    assert!(
        error.contains("oakfield.toml changed while the build was running; run the build again"),
        "{error}"
    );
}
