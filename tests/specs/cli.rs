//! The command line, end to end: what each command prints, writes and exits with.

use crate::util;
use crate::util::{fixture, sendbench, sendbench_in};

const EXAMPLES: [&str; 3] = [
    "examples/schools/oakfield-primary.toml",
    "examples/schools/riverside-academy.toml",
    "examples/schools/beacon-hill-special.toml",
];

#[test]
fn rubric_outline_lists_every_strand_and_the_counts() {
    let run = sendbench(&["rubric"]).expect_code(0);
    assert!(run
        .stdout
        .starts_with("Hertfordshire Schools’ SEND Benchmark and Planning Tool\n"));
    assert!(run
        .stdout
        .contains("5 outcomes, 34 strands, 102 descriptors."));
    for code in ["1a", "1o", "2i", "3d", "4c", "5c"] {
        assert!(
            run.stdout.contains(&format!("\n  {code} ")),
            "{code} missing"
        );
    }
}

#[test]
fn rubric_full_prints_every_descriptor() {
    let run = sendbench(&["rubric", "--full"]).expect_code(0);
    assert_eq!(run.stdout.matches("    Emerging:").count(), 34);
    assert_eq!(run.stdout.matches("    Exemplary:").count(), 34);
    assert!(util::squash(&run.stdout).contains("The SENCO, working with the SLT and governing body, determines the strategic development of SEND policy and provision."));
}

#[test]
fn rubric_toml_prints_a_rubric_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = sendbench(&["rubric", "--toml"]).expect_code(0);
    let copy = dir.path().join("copy.toml");
    std::fs::write(&copy, &run.stdout).expect("write");
    let copy = copy.to_string_lossy().into_owned();
    let outline = sendbench(&["--rubric", &copy, "rubric"]).expect_code(0);
    assert!(outline.stdout.contains("34 strands"));
}

#[test]
fn new_writes_a_skeleton_that_validates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = sendbench_in(
        dir.path(),
        &[
            "new",
            "--school",
            "Oakfield Primary School",
            "--urn",
            "117234",
            "--year",
            "2025/26",
            "-o",
            "oak.toml",
        ],
    )
    .expect_code(0);
    assert!(run.stderr.contains("Wrote oak.toml"));
    let text = std::fs::read_to_string(dir.path().join("oak.toml")).expect("written");
    assert_eq!(text.matches("\n[outcomes.").count(), 34 + 5);
    assert!(text.contains("name = \"Oakfield Primary School\""));
    assert!(text.contains("academic_year = \"2025/26\""));
    let check = sendbench_in(dir.path(), &["validate", "oak.toml"]).expect_code(0);
    assert!(
        check
            .stdout
            .contains("oak.toml: valid (0 errors, 3 warnings)"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("34 of 34 strands not yet judged"));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("oak.toml"), "precious").expect("write");
    let run =
        sendbench_in(dir.path(), &["new", "--school", "Oak", "-o", "oak.toml"]).expect_code(1);
    assert!(
        run.stderr.contains("already exists; use --force"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("oak.toml")).expect("read"),
        "precious"
    );
    sendbench_in(
        dir.path(),
        &["new", "--school", "Oak", "-o", "oak.toml", "--force"],
    )
    .expect_code(0);
    assert!(std::fs::read_to_string(dir.path().join("oak.toml"))
        .expect("read")
        .contains("name = \"Oak\""));
    // Nothing but the target is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn new_prints_to_standard_output_without_o() {
    let run = sendbench(&["new", "--school", "Printed School", "--no-comments"]).expect_code(0);
    assert!(run.stdout.contains("[outcomes.5.strands.c]"));
    assert!(!run.stdout.contains("#   Emerging:"));
}

#[test]
fn the_examples_are_valid() {
    let mut args = vec!["validate"];
    args.extend(EXAMPLES);
    let run = sendbench(&args).expect_code(0);
    assert!(
        run.stdout.contains("3 files checked: 3 valid, 0 invalid"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("examples/schools/oakfield-primary.toml: valid (0 errors, 0 warnings)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("examples/schools/beacon-hill-special.toml: valid (0 errors"),
        "{}",
        run.stdout
    );
}

#[test]
fn validate_shows_line_caret_and_hint_and_exits_1() {
    let path = fixture("typo.toml");
    let run = sendbench(&["validate", &path.to_string_lossy()]).expect_code(1);
    let out = run.stdout;
    assert!(
        out.contains("error[unknown-level]: \"Exemplery\" is not a level of this rubric"),
        "{out}"
    );
    assert!(out.contains("typo.toml:9:13"), "{out}");
    assert!(out.contains("judgement = \"Exemplery\""), "{out}");
    assert!(out.contains("^^^^^^^^^^^"), "{out}");
    assert!(out.contains("help: did you mean Exemplary?"), "{out}");
    assert!(out.contains("INVALID (1 error,"), "{out}");
}

#[test]
fn validate_json_gives_every_problem_with_its_position() {
    let path = fixture("typo.toml");
    let run = sendbench(&[
        "validate",
        "--format",
        "json",
        &path.to_string_lossy(),
        EXAMPLES[0],
    ])
    .expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["valid"], false);
    let first = &doc["files"][0];
    assert_eq!(first["valid"], false);
    let d = &first["diagnostics"][0];
    assert_eq!(d["code"], "unknown-level");
    assert_eq!(d["line"], 9);
    assert_eq!(d["column"], 13);
    assert_eq!(d["found"], "\"Exemplery\"");
    assert_eq!(d["path"], "outcomes.1.strands.a.judgement");
    assert_eq!(doc["files"][1]["valid"], true);
}

#[test]
fn validate_reports_unreadable_files_and_goes_on() {
    let run = sendbench(&["validate", "no-such-file.toml", EXAMPLES[0]]).expect_code(1);
    assert!(run.stdout.contains("no-such-file.toml"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("2 files checked: 1 valid, 0 invalid, 1 could not be read"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_exit_2() {
    sendbench(&["validate"]).expect_code(2);
    sendbench(&["no-such-command"]).expect_code(2);
    sendbench(&["summary", EXAMPLES[0], "--format", "yaml"]).expect_code(2);
}

#[test]
fn every_command_has_help_with_examples() {
    for command in ["rubric", "new", "validate", "summary", "schema"] {
        let run = sendbench(&[command, "--help"]).expect_code(0);
        assert!(
            run.stdout.contains("Examples:"),
            "{command} --help has no examples"
        );
    }
    assert!(sendbench(&["--help"])
        .expect_code(0)
        .stdout
        .contains("Exit codes"));
}

#[test]
fn summary_counts_strands_per_level() {
    let run = sendbench(&["summary", "--format", "json", EXAMPLES[0]]).expect_code(0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let outcomes = doc["profile"]["outcomes"].as_array().expect("outcomes");
    assert_eq!(outcomes.len(), 5);
    let judged: u64 = outcomes
        .iter()
        .flat_map(|o| o["counts"].as_array().expect("counts"))
        .map(|n| n.as_u64().unwrap_or(0))
        .sum();
    assert_eq!(judged, 34, "the primary example judges every strand");

    let text = sendbench(&["summary", EXAMPLES[2]]).expect_code(0).stdout;
    assert!(
        text.starts_with("Beacon Hill School (URN 117654), DSPL 9\n"),
        "{text}"
    );
    assert!(
        text.contains("Emerging   Expected  Exemplary Not judged"),
        "{text}"
    );
    assert!(
        text.contains("Not yet judged: 3c, 3d, 4a, 4b, 4c, 5a, 5b, 5c"),
        "{text}"
    );
}

#[test]
fn summary_of_an_invalid_file_explains_and_exits_1() {
    let path = fixture("typo.toml");
    let run = sendbench(&["summary", &path.to_string_lossy()]).expect_code(1);
    assert!(
        run.stderr.contains("did you mean Exemplary?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is not a valid assessment"),
        "{}",
        run.stderr
    );
}

#[test]
fn another_rubric_is_a_flag_away() {
    let rubric = "examples/other-rubric/rubric.toml";
    let run = sendbench(&[
        "--rubric",
        rubric,
        "summary",
        "examples/other-rubric/little-acorns.toml",
    ])
    .expect_code(0);
    assert!(
        run.stdout
            .contains("Beginning Developing     Secure    Leading Not judged"),
        "{}",
        run.stdout
    );
    let run = sendbench(&["--rubric", rubric, "validate", EXAMPLES[0]]).expect_code(1);
    assert!(run.stdout.contains("rubric-mismatch"), "{}", run.stdout);
}

#[test]
fn a_broken_rubric_file_is_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad-rubric.toml");
    std::fs::write(&path, "[rubric]\nid = \"x\"\n").expect("write");
    let run = sendbench(&["--rubric", &path.to_string_lossy(), "rubric"]).expect_code(1);
    assert!(run.stderr.contains("bad-rubric.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`version` is missing"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cannot be used"), "{}", run.stderr);
}

#[test]
fn schema_lists_the_rubrics_strands_and_levels() {
    let run = sendbench(&["schema"]).expect_code(0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let outcomes = &schema["properties"]["outcomes"]["properties"];
    let strands = outcomes["1"]["properties"]["strands"]["properties"]
        .as_object()
        .expect("strands");
    assert_eq!(strands.len(), 15);
    let levels = &strands["a"]["properties"]["judgement"]["enum"];
    assert!(levels
        .as_array()
        .expect("enum")
        .contains(&serde_json::json!("exemplary")));
    assert_eq!(
        schema["properties"]["rubric"]["properties"]["id"]["const"],
        "hertfordshire-send-benchmark"
    );
}

#[test]
fn toolkit_then_import_gives_back_the_assessment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docx = dir.path().join("oak.docx");
    let toml = dir.path().join("oak.toml");
    let (docx_s, toml_s) = (
        docx.to_string_lossy().into_owned(),
        toml.to_string_lossy().into_owned(),
    );
    let run = sendbench(&["toolkit", "--assessment", EXAMPLES[0], "-o", &docx_s]).expect_code(0);
    assert!(
        run.stderr.contains("Wrote the pre-filled toolkit"),
        "{}",
        run.stderr
    );
    assert!(std::fs::read(&docx)
        .expect("docx")
        .starts_with(b"PK\x03\x04"));
    sendbench(&["toolkit", "--assessment", EXAMPLES[0], "-o", &docx_s]).expect_code(1);
    sendbench(&["import", &docx_s, "-o", &toml_s]).expect_code(0);
    let before = sendbench(&["summary", "--format", "json", EXAMPLES[0]])
        .expect_code(0)
        .stdout;
    let after = sendbench(&["summary", "--format", "json", &toml_s])
        .expect_code(0)
        .stdout;
    assert_eq!(before, after);
}

#[test]
fn import_prints_the_warnings_validate_gives_for_what_it_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    // A form begun: the school named and one strand judged, the rest still to do.
    std::fs::write(
        path("begun.toml"),
        "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n[school]\nname = \"Oak\"\n[outcomes.1.strands.a]\njudgement = \"expected\"\n",
    )
    .expect("write");
    sendbench(&[
        "toolkit",
        "--assessment",
        &path("begun.toml"),
        "-o",
        &path("begun.docx"),
    ])
    .expect_code(0);
    let import =
        sendbench(&["import", &path("begun.docx"), "-o", &path("read.toml")]).expect_code(0);
    let validate = sendbench(&["validate", &path("read.toml")]).expect_code(0);
    let findings: Vec<&str> = validate
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning["))
        .collect();
    assert!(
        findings
            .iter()
            .any(|l| l.starts_with("warning[not-judged]")),
        "{}",
        validate.stdout
    );
    for finding in findings {
        assert!(
            import.stderr.contains(finding),
            "import did not say {finding:?}: {}",
            import.stderr
        );
    }
}

#[test]
fn import_explains_files_that_are_not_toolkits() {
    let run = sendbench(&["import", EXAMPLES[0]]).expect_code(1);
    assert!(run.stderr.contains("not a Word document"), "{}", run.stderr);
    let run = sendbench(&["import", "missing.docx"]).expect_code(1);
    assert!(
        run.stderr.contains("cannot read missing.docx"),
        "{}",
        run.stderr
    );
}

#[test]
fn report_all_writes_three_pdfs_named_after_the_school() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_string_lossy().into_owned();
    let run = sendbench(&["report", EXAMPLES[2], "--all", "-o", &out]).expect_code(0);
    for audience in ["governors", "parents", "sen-info"] {
        let path = dir
            .path()
            .join(format!("beacon-hill-school-{audience}.pdf"));
        assert!(
            std::fs::read(&path).expect("written").starts_with(b"%PDF-"),
            "{}",
            path.display()
        );
        assert!(
            run.stderr.contains(&format!("Wrote the {audience} report")),
            "{}",
            run.stderr
        );
    }
    // Beacon Hill's review is half done: the user is told, once, before anything else.
    assert!(
        run.stderr.starts_with(
            "warning: examples/schools/beacon-hill-special.toml: the review is not finished (8 of 34 strands and 4 of 9 duties not yet judged)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    // A finished review gets no warning.
    let done = sendbench(&["report", EXAMPLES[0], "--all", "-o", &out]).expect_code(0);
    assert!(!done.stderr.contains("warning"), "{}", done.stderr);
    // Existing reports are kept unless --force.
    sendbench(&["report", EXAMPLES[2], "--all", "-o", &out]).expect_code(1);
    sendbench(&["report", EXAMPLES[2], "--all", "-o", &out, "--force"]).expect_code(0);
}

#[test]
fn report_template_errors_are_located_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("parents.typ"),
        "#import \"components.typ\": *\n#nosuchfunction()\n",
    )
    .expect("write");
    let templates = dir.path().to_string_lossy().into_owned();
    let pdf = dir.path().join("p.pdf").to_string_lossy().into_owned();
    let run = sendbench(&[
        "report",
        EXAMPLES[0],
        "--audience",
        "parents",
        "--templates",
        &templates,
        "-o",
        &pdf,
    ])
    .expect_code(1);
    assert!(
        run.stderr
            .contains("parents.typ:2:2: error: unknown variable: nosuchfunction"),
        "{}",
        run.stderr
    );
    assert!(
        !dir.path().join("p.pdf").exists(),
        "no file is written on failure"
    );
    sendbench(&["report", EXAMPLES[0]]).expect_code(2);
}

#[test]
fn a_template_asking_for_more_memory_than_the_limit_is_stopped_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Two billion items at once: about 64 GB, which would abort the program or take the
    // machine's memory.
    std::fs::write(
        dir.path().join("parents.typ"),
        "#range(2000000000).map(x => x + 1).len()\n",
    )
    .expect("write");
    let templates = dir.path().to_string_lossy().into_owned();
    let pdf = dir.path().join("p.pdf").to_string_lossy().into_owned();
    let run = sendbench(&[
        "report",
        EXAMPLES[0],
        "--audience",
        "parents",
        "--templates",
        &templates,
        "--memory-limit",
        "200",
        "-o",
        &pdf,
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains(
            "parents.typ: the report needed more than the memory limit of 200 MB and was stopped"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--memory-limit MB"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!dir.path().join("p.pdf").exists());
}

#[test]
fn report_emit_source_writes_the_templates_and_data_for_template_authors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("src").to_string_lossy().into_owned();
    sendbench(&[
        "report",
        EXAMPLES[0],
        "--audience",
        "parents",
        "--emit-source",
        &out,
    ])
    .expect_code(0);
    for name in [
        "components.typ",
        "governors.typ",
        "parents.typ",
        "sen-info.typ",
    ] {
        assert!(dir.path().join("src").join(name).exists(), "{name}");
    }
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("src/data.json")).expect("data"))
            .expect("JSON");
    assert_eq!(data["school"]["name"], "Oakfield Primary School");
    assert_eq!(data["audience"], "parents");
    assert!(data["participants"]
        .as_array()
        .expect("roles")
        .iter()
        .all(|r| r["people"] == serde_json::json!([])));
}

#[test]
fn validate_and_summary_take_folders_and_standard_input() {
    // A folder: every TOML return in it, lock files and the like left out.
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["oakfield-primary.toml", "riverside-academy.toml"] {
        std::fs::copy(
            util::root().join("examples/schools").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    std::fs::write(dir.path().join("~$kfield.docx"), b"lock").expect("lock file");
    let run = sendbench(&["validate", &dir.path().to_string_lossy()]).expect_code(0);
    assert!(
        run.stdout.contains("2 files checked: 2 valid, 0 invalid"),
        "{}",
        run.stdout
    );
    let run = sendbench(&["summary", &dir.path().to_string_lossy()]).expect_code(0);
    assert!(
        run.stdout.contains("Oakfield Primary School") && run.stdout.contains("Riverside Academy")
    );

    // Standard input, as `-`.
    let text = std::fs::read(util::root().join(EXAMPLES[0])).expect("example");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sendbench"))
        .args(["summary", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&text)
            .expect("write");
    }
    let output = child.wait_with_output().expect("waits");
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(doc["school"]["name"], "Oakfield Primary School");
}

#[test]
fn a_device_is_never_replaced_by_a_document_even_with_force() {
    let run = sendbench(&["new", "--school", "X", "-o", "/dev/null", "--force"]).expect_code(1);
    assert!(
        run.stderr.contains("is not a regular file"),
        "{}",
        run.stderr
    );
    assert!(std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()));
}

#[test]
fn report_all_writes_every_report_or_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().to_string_lossy().into_owned();
    // The parents' report is already there: without --force nothing is written, not even
    // the governors' report that comes before it.
    std::fs::write(
        dir.path().join("oakfield-primary-school-parents.pdf"),
        b"kept",
    )
    .expect("write");
    let run = sendbench(&["report", EXAMPLES[0], "--all", "-o", &out]).expect_code(1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert!(!dir
        .path()
        .join("oakfield-primary-school-governors.pdf")
        .exists());
    assert_eq!(
        std::fs::read(dir.path().join("oakfield-primary-school-parents.pdf")).expect("read"),
        b"kept"
    );
}

/// Runs `sendbench` on a file written with these bytes.
fn run_on_bytes(args: &[&str], name: &str, bytes: &[u8]) -> util::Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let path = path.to_string_lossy().into_owned();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&path);
    sendbench(&all)
}

#[test]
fn ten_megabytes_of_anything_give_a_short_clear_answer() {
    // Random bytes, text with old Mac line ends on every few characters, and one huge line.
    let mut seed: u32 = 7;
    let mut next = || {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 24) as u8
    };
    let random: Vec<u8> = (0..10 << 20).map(|_| next()).collect();
    let alphabet = b"ab=\"[]\r#x ";
    let cr_text: Vec<u8> = (0..10 << 20)
        .map(|_| alphabet[usize::from(next()) % alphabet.len()])
        .collect();
    let mut one_line = b"name = \"".to_vec();
    one_line.extend(std::iter::repeat_n(b'x', 10 << 20));
    for (what, bytes) in [("random", &random), ("cr", &cr_text), ("line", &one_line)] {
        for command in ["validate", "summary", "import", "area"] {
            let name = if command == "import" {
                "x.docx"
            } else {
                "x.toml"
            };
            let run = run_on_bytes(&[command], name, bytes);
            assert_ne!(run.code, 0, "{what} {command}");
            assert!(
                run.stdout.len() + run.stderr.len() < 20_000,
                "{what} {command}: {} bytes of output",
                run.stdout.len() + run.stderr.len()
            );
            if command != "import" {
                // Over the size any assessment reaches: refused before reading, saying so.
                let said = format!("{}{}", run.stdout, run.stderr);
                assert!(said.contains("10.5 MB"), "{what} {command}: {said}");
            }
        }
    }
}

#[test]
fn a_file_with_old_mac_line_ends_is_read_with_a_hint() {
    let text = std::fs::read_to_string(util::root().join(EXAMPLES[0]))
        .expect("example")
        .replace("\r\n", "\n")
        .replace('\n', "\r");
    let run = run_on_bytes(&["validate"], "mac.toml", text.as_bytes()).expect_code(0);
    assert!(run.stdout.contains("old Mac line ends"), "{}", run.stdout);
    assert!(
        run.stdout.contains("valid (0 errors, 1 warning)"),
        "{}",
        run.stdout
    );
}

#[test]
fn devices_and_pipes_are_never_read() {
    let run = sendbench(&["validate", "/dev/zero"]).expect_code(1);
    assert!(run.stdout.contains("not a regular file"), "{}", run.stdout);
    let run = sendbench(&["import", "/dev/zero"]).expect_code(1);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}

#[test]
fn escape_codes_in_a_file_are_shown_never_sent_to_the_terminal() {
    let text = std::fs::read_to_string(util::root().join(EXAMPLES[0]))
        .expect("example")
        .replace(
            "Oakfield Primary School",
            "Oak\u{1b}]0;owned\u{7}field\u{1b}[2J",
        );
    for command in ["validate", "summary"] {
        let run = run_on_bytes(&[command], "x.toml", text.as_bytes()).expect_code(1);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{command}: {all:?}"
        );
        assert!(all.contains("U+001B"), "{command}: {all}");
    }
}

#[test]
fn toolkit_next_year_says_its_answers_are_carried_forward() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docx = dir.path().join("next.docx");
    sendbench(&[
        "toolkit",
        "--assessment",
        EXAMPLES[0],
        "--next-year",
        "-o",
        &docx.to_string_lossy(),
    ])
    .expect_code(0);
    let bytes = std::fs::read(&docx).expect("docx");
    let mut zip = zip_archive(&bytes);
    let xml = zip_part(&mut zip, "word/document.xml");
    assert!(
        xml.contains("This form was started from the 2025/26 review.")
            && xml.contains("carried forward from the 2025/26 review: check each one."),
        "the carried-forward note"
    );
    // It reads back as next year's return, with this year's judgements to revisit.
    let toml = dir.path().join("next.toml");
    sendbench(&[
        "import",
        &docx.to_string_lossy(),
        "-o",
        &toml.to_string_lossy(),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&toml).expect("imported");
    assert!(text.contains("academic_year = \"2026/27\""), "{text}");
    // Without --next-year the form says nothing of the kind.
    let plain = dir.path().join("plain.docx");
    sendbench(&[
        "toolkit",
        "--assessment",
        EXAMPLES[0],
        "-o",
        &plain.to_string_lossy(),
    ])
    .expect_code(0);
    let bytes = std::fs::read(&plain).expect("docx");
    let mut zip = zip_archive(&bytes);
    assert!(!zip_part(&mut zip, "word/document.xml").contains("carried forward"));
}

fn zip_archive(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<&[u8]>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip")
}

fn zip_part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> String {
    use std::io::Read;
    let mut text = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("read");
    text
}

#[test]
fn a_file_that_cannot_be_read_is_not_called_invalid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.toml");
    let missing = missing.to_str().expect("utf-8");
    let run = sendbench(&[
        "validate",
        "examples/schools/oakfield-primary.toml",
        missing,
    ])
    .expect_code(1);
    assert!(
        run.stdout.contains("missing.toml: NOT READ"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("2 files checked: 1 valid, 0 invalid, 1 could not be read"),
        "{}",
        run.stdout
    );
    let run = sendbench(&["summary", missing]).expect_code(1);
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("not a valid assessment"),
        "{}",
        run.stderr
    );
}
