//! The jobs a web page runs, from files given as bytes: they read files as the intake reads
//! a folder, and make the very files `build` writes, under the same names, byte for byte.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use sendbench_batch::intake::{Fate, Intake, IntakeOptions};
use sendbench_batch::jobs::{school_job, zip, SchoolJobError};
use sendbench_batch::{build, build_area_in_memory, BuildOptions};
use sendbench_core::Rubric;
use sendbench_generate::jobs::InputFile;

fn example(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools")
        .join(name);
    std::fs::read(path).expect("example")
}

/// Every file a build wrote under `dir`, by its path inside the output folder.
fn written(out: &Path, dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(out.join(dir))
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = format!("{dir}/{}", p.file_name().expect("name").to_string_lossy());
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// The build of a folder holding these files, into `out`.
fn build_of(files: &[(&str, Vec<u8>)], options: BuildOptions) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    let input = root.path().join("returns");
    for (name, bytes) in files {
        let path = input.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
    let options = BuildOptions {
        input,
        output: root.path().join("out"),
        ..options
    };
    build(
        &Rubric::builtin(),
        &options,
        &AtomicBool::new(false),
        &|_| {},
    )
    .expect("built");
    root
}

fn inputs<'a>(files: &'a [(&'a str, Vec<u8>)]) -> Vec<InputFile<'a>> {
    files
        .iter()
        .map(|(name, bytes)| InputFile { name, bytes })
        .collect()
}

#[test]
fn files_given_as_bytes_are_accounted_for_as_a_folder_of_them_is() {
    let oak = example("oakfield-primary.toml");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("oakfield-primary.toml", oak.clone()),
        ("oakfield-primary (1).toml", oak),
        ("~$oakfield.docx", b"lock".to_vec()),
        ("notes.txt", b"call the head".to_vec()),
        ("riverside-academy.toml", example("riverside-academy.toml")),
        ("empty.toml", Vec::new()),
    ];
    let root = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in &files {
        std::fs::write(root.path().join(name), bytes).expect("write");
    }
    let rubric = Rubric::builtin();
    let folder = Intake::read(
        &IntakeOptions {
            inputs: vec![root.path().to_owned()],
            ..IntakeOptions::default()
        },
        &rubric,
    );
    let given = Intake::from_files(&inputs(&files), &rubric, None);
    let fates = |intake: &Intake| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = (intake.entries.iter())
            .map(|e| {
                let name = e
                    .path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                (name, e.fate.kind().to_owned())
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(fates(&given), fates(&folder));
    assert_eq!(given.counts(), folder.counts());
    assert_eq!(
        given.summary(),
        "Read 6 files: 2 returns used, 1 duplicate, 2 skipped, 1 invalid."
    );
    // Of two identical copies, the first by name is kept, as in a folder.
    assert!(matches!(
        given.entries.iter().find(|e| e.path.ends_with("oakfield-primary.toml")).map(|e| &e.fate),
        Some(Fate::Duplicate { reason, .. }) if reason == "an identical copy"
    ));
}

#[test]
fn a_schools_job_makes_the_files_build_writes_for_it_and_its_fragments() {
    let oak = example("oakfield-primary.toml");
    let built = build_of(
        &[("oakfield-primary.toml", oak.clone())],
        BuildOptions::default(),
    );
    let out = built.path().join("out");
    let rubric = Rubric::builtin();
    let made = school_job(
        &rubric,
        InputFile {
            name: "oakfield-primary.toml",
            bytes: &oak,
        },
        None,
    )
    .expect("made");
    assert_eq!(made.school, "Oakfield Primary School");
    assert_eq!(made.draft, None);
    let names: Vec<&str> = made.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "oakfield-primary-school-governors.pdf",
            "oakfield-primary-school-governors.html",
            "oakfield-primary-school-parents.pdf",
            "oakfield-primary-school-parents.html",
            "oakfield-primary-school-sen-info.pdf",
            "oakfield-primary-school-sen-info.html",
            "oakfield-primary-school-governors-fragment.html",
            "oakfield-primary-school-parents-fragment.html",
            "oakfield-primary-school-sen-info-fragment.html",
            "oakfield-primary-school-toolkit-2026-27.docx",
            "blank-toolkit.docx",
        ]
    );
    let mut from_build = written(&out, "schools");
    from_build.push((
        "blank-toolkit.docx".to_owned(),
        std::fs::read(out.join("blank-toolkit.docx")).expect("blank"),
    ));
    for (name, bytes) in &from_build {
        let name = name.trim_start_matches("schools/");
        let ours = made.documents.iter().find(|d| d.name == name);
        assert!(
            ours.is_some_and(|d| &d.bytes == bytes),
            "{name} differs from build's"
        );
    }
    // A fragment is the page's body with its styles, not a whole page.
    let fragment = &made.documents[7].bytes;
    assert!(!String::from_utf8_lossy(fragment).contains("<html"));
}

#[test]
fn a_review_that_is_not_valid_is_refused_with_each_problem_on_its_line() {
    let text = String::from_utf8(example("oakfield-primary.toml"))
        .expect("text")
        .replacen("judgement = \"expected\"", "judgement = \"brilliant\"", 1);
    let line = text
        .lines()
        .position(|l| l.contains("brilliant"))
        .expect("line")
        + 1;
    let error = school_job(
        &Rubric::builtin(),
        InputFile {
            name: "oak.toml",
            bytes: text.as_bytes(),
        },
        None,
    )
    .expect_err("refused");
    let SchoolJobError::Review { name, problems } = &error else {
        panic!("{error}")
    };
    assert_eq!(name, "oak.toml");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("oak.toml:{line}:")) && p.contains("brilliant")),
        "{problems:#?}"
    );
}

#[test]
fn a_previous_review_of_another_school_is_refused_before_anything_is_made() {
    let error = school_job(
        &Rubric::builtin(),
        InputFile {
            name: "oakfield-primary.toml",
            bytes: &example("oakfield-primary.toml"),
        },
        Some(InputFile {
            name: "riverside-academy.toml",
            bytes: &example("riverside-academy.toml"),
        }),
    )
    .expect_err("refused");
    assert!(
        error
            .to_string()
            .starts_with("riverside-academy.toml cannot be shown as the previous review"),
        "{error}"
    );
}

#[test]
fn the_area_in_memory_makes_the_files_build_writes_under_the_same_names() {
    let files: Vec<(&str, Vec<u8>)> = [
        "beacon-hill-special.toml",
        "oakfield-primary.toml",
        "riverside-academy.toml",
    ]
    .into_iter()
    .map(|n| (n, example(n)))
    .collect();
    let options = BuildOptions {
        suppress_below: Some(3),
        ..BuildOptions::default()
    };
    let built = build_of(&files, options.clone());
    let rubric = Rubric::builtin();
    let mut told = Vec::new();
    let made = build_area_in_memory(
        &rubric,
        &inputs(&files),
        &options,
        &mut |done, total, what| told.push(format!("{done}/{total} {what}")),
    )
    .expect("made");
    let ours: Vec<(String, Vec<u8>)> = (made.documents.iter())
        .map(|d| (d.name.clone(), d.bytes.clone()))
        .collect();
    let mut sorted = ours.clone();
    sorted.sort();
    assert_eq!(sorted, written(&built.path().join("out"), "area"));
    assert_eq!(made.intake.counts().used, 3);
    assert_eq!(
        told.first().map(String::as_str),
        Some("0/2 area report (PDF)")
    );
    assert_eq!(told.last().map(String::as_str), Some("2/2 done"));
    // The zip holds each file under its name, the same bytes every time.
    let zipped = zip(&made.documents).expect("zip");
    assert_eq!(zipped, zip(&made.documents).expect("zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).expect("a zip");
    assert_eq!(archive.len(), ours.len());
    for (name, bytes) in &ours {
        let mut entry = archive.by_name(name).expect("in the zip");
        let mut read = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut read).expect("read");
        assert_eq!(&read, bytes, "{name}");
    }
}
