//! Validation reports every problem in a file at once, each at the right line and column,
//! with a hint a school can act on; unfinished work is a warning, never an error; and no input
//! whatever makes it panic.

use sendbench_core::{Assessment, Diagnostic, LoadError, Rubric, Severity, SourceFile};

fn problems(name: &str, text: &str) -> (SourceFile, Vec<Diagnostic>) {
    match Assessment::from_toml(name, text, &Rubric::builtin()) {
        Ok(checked) => (checked.file.expect("file"), checked.warnings),
        Err(LoadError::Invalid { file, diagnostics }) => (*file, diagnostics),
        Err(other) => panic!("unexpected error: {other}"),
    }
}

/// (code, line, column) of every error, in order.
fn errors_at(file: &SourceFile, diagnostics: &[Diagnostic]) -> Vec<(&'static str, usize, usize)> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let at = d
                .span
                .map(|s| file.location(s.start))
                .expect("every error here has a place");
            (d.code, at.line, at.column)
        })
        .collect()
}

fn find<'a>(diagnostics: &'a [Diagnostic], code: &str, path: &str) -> &'a Diagnostic {
    diagnostics
        .iter()
        .find(|d| d.code == code && d.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("no {code} at {path} in {diagnostics:#?}"))
}

#[test]
fn every_problem_is_reported_at_its_line_and_column() {
    let (file, diagnostics) = problems(
        "many-problems.toml",
        include_str!("../fixtures/many-problems.toml"),
    );
    assert_eq!(
        errors_at(&file, &diagnostics),
        [
            ("wrong-type", 5, 7),         // urn = 117234
            ("unknown-key", 6, 1),        // colour
            ("bad-academic-year", 9, 17), // "2025/27"
            ("not-a-date", 10, 8),        // "15/06/2026"
            ("duplicate", 16, 1),         // second [[participants]] Ann Lee
            ("unknown-id", 21, 8),        // role = "headteacher"
            ("bad-status", 24, 10),       // status = "mostly"
            ("unknown-id", 26, 12),       // [checklist.sennco]
            ("unknown-level", 30, 13),    // judgement = "exemplery"
            ("unknown-id", 32, 21),       // [outcomes.1.strands.z]
            ("unknown-id", 35, 11),       // [outcomes.6...]
            ("unknown-id", 39, 1),        // notse
            ("not-a-date", 43, 13),       // completed = "next July"
            ("unknown-id", 44, 1),        // owner
        ]
    );
}

#[test]
fn hints_suggest_what_was_meant() {
    let (_, d) = problems(
        "many-problems.toml",
        include_str!("../fixtures/many-problems.toml"),
    );
    let help = |code, path| find(&d, code, path).help.clone().unwrap_or_default();
    assert_eq!(
        help("unknown-level", "outcomes.1.strands.a.judgement"),
        "did you mean Exemplary?"
    );
    assert_eq!(
        help("unknown-id", "checklist.sennco"),
        "did you mean \"senco\"?"
    );
    assert_eq!(
        help("unknown-id", "participants[2].role"),
        "did you mean \"head-teacher\"?"
    );
    assert_eq!(
        help("unknown-id", "outcomes.2.notse"),
        "did you mean \"notes\"?"
    );
    assert_eq!(
        help("not-a-date", "review.date"),
        "write dates as YYYY-MM-DD: did you mean 2026-06-15?"
    );
    assert!(help("unknown-id", "outcomes.6").contains("1, 2, 3, 4, 5"));
    assert!(help("bad-status", "checklist.senco.status").contains("met"));
    assert!(help("wrong-type", "school.urn").contains("quotes"));
}

#[test]
fn the_offending_text_is_quoted() {
    let (file, d) = problems(
        "many-problems.toml",
        include_str!("../fixtures/many-problems.toml"),
    );
    let located = find(&d, "unknown-level", "outcomes.1.strands.a.judgement").locate(Some(&file));
    assert_eq!(located.found.as_deref(), Some("\"exemplery\""));
    assert_eq!((located.line, located.column), (Some(30), Some(13)));
    assert_eq!(located.file.as_deref(), Some("many-problems.toml"));
}

#[test]
fn all_toml_syntax_errors_are_reported_with_their_place() {
    let (file, d) = problems(
        "syntax-errors.toml",
        include_str!("../fixtures/syntax-errors.toml"),
    );
    assert!(d.iter().all(|d| d.code == "toml-syntax"), "{d:#?}");
    let lines: Vec<usize> = d
        .iter()
        .filter_map(|d| d.span)
        .map(|s| file.location(s.start).line)
        .collect();
    assert!(lines.contains(&4), "unclosed string on line 4: {d:#?}");
    assert!(lines.contains(&7), "impossible date on line 7: {d:#?}");
}

#[test]
fn a_rubric_mismatch_is_an_error_that_says_what_to_do() {
    let text = "rubric = { id = \"hertfordshire-send-benchmark\", version = \"0\" }\n[school]\nname = \"X\"\n";
    let (file, d) = problems("old.toml", text);
    let e = find(&d, "rubric-mismatch", "rubric.version");
    assert_eq!(file.location(e.span.expect("span").start).line, 1);
    assert!(e.help.as_deref().unwrap_or_default().contains("--rubric"));

    let text = "rubric = { id = \"another-area\", version = \"1\" }\n[school]\nname = \"X\"\n";
    let (_, d) = problems("other.toml", text);
    assert!(find(&d, "rubric-mismatch", "rubric.id")
        .message
        .contains("another-area"));
}

#[test]
fn an_unfinished_assessment_is_valid_with_warnings() {
    let text = "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n\
                [school]\nname = \"Half Done School\"\n[review]\ndate = 2026-06-01\n\
                [outcomes.1.strands.a]\njudgement = \"expected\"\nevidence = \"\"\n\
                [outcomes.1.strands.b]\njudgement = \"\"\n";
    let checked = Assessment::from_toml("half.toml", text, &Rubric::builtin()).expect("valid");
    assert!(checked
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning));
    let not_judged = checked
        .warnings
        .iter()
        .find(|w| w.code == "not-judged")
        .expect("not-judged");
    assert!(
        not_judged
            .message
            .starts_with("33 of 34 strands not yet judged: 1b, 1c"),
        "{}",
        not_judged.message
    );
    assert!(checked
        .warnings
        .iter()
        .any(|w| w.code == "no-evidence" && w.message.contains("1a")));
    assert!(checked
        .warnings
        .iter()
        .any(|w| w.code == "not-answered" && w.message.starts_with("9 of 9")));
}

#[test]
fn an_empty_file_is_said_to_be_empty() {
    for text in ["", "\n  \r\n"] {
        let (_, d) = problems("empty.toml", text);
        let codes: Vec<&str> = d.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
        assert_eq!(codes, ["empty-file"], "{text:?}");
    }
}

#[test]
fn missing_essentials_are_errors() {
    let (_, d) = problems("empty.toml", "# A review not yet begun.\n");
    let codes: Vec<(&str, Option<&str>)> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.path.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("missing-key", Some("rubric")),
            ("missing-key", Some("school"))
        ]
    );
}

#[test]
fn odd_files_give_errors_not_panics() {
    let rubric = Rubric::builtin();
    let long = "x".repeat(2_000_000);
    let inputs: Vec<String> = vec![
        String::new(),
        "\u{feff}".into(),
        "[[[".into(),
        "= = =".into(),
        "rubric = 1\nschool = []\noutcomes = \"x\"\nchecklist = 3\naction_plan = {}\nparticipants = [1, 2]\n".into(),
        "[outcomes.1]\nstrands = 7\n".into(),
        "[outcomes.1.strands.a]\njudgement = []\npublic = \"yes\"\n".into(),
        format!("[school]\nname = \"{long}\"\n"),
        "a = \"\u{0}\"".into(),
        "[review]\ndate = 2026-06-12T10:00:00Z\nacademic_year = 2025\n".into(),
        "x".repeat(100_000),
        "[".repeat(10_000),
        "a = ".to_owned() + &"[".repeat(10_000),
    ];
    for text in inputs {
        let result = Assessment::from_toml("odd.toml", &text, &rubric);
        assert!(result.is_err(), "accepted: {:.60}", text);
    }
}

#[test]
fn byte_order_mark_and_windows_line_ends_are_accepted() {
    let text = "\u{feff}rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\r\n[school]\r\nname = \"Windows Primary\"\r\n[outcomes.1.strands.a]\r\njudgement = \"Expectd\"\r\n";
    let (file, d) = problems("crlf.toml", text);
    let e = find(&d, "unknown-level", "outcomes.1.strands.a.judgement");
    let at = file.location(e.span.expect("span").start);
    assert_eq!((at.line, at.column), (5, 13));
    assert_eq!(e.help.as_deref(), Some("did you mean Expected?"));
}

#[test]
fn binary_and_non_utf8_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[school]\nname = \"Caf\xe9 School\"\n").expect("write");
    let err = Assessment::load(&latin1, &Rubric::builtin()).expect_err("not UTF-8");
    assert!(err.to_string().contains("line 2, column 12"), "{err}");

    let zip = dir.path().join("toolkit.toml");
    std::fs::write(&zip, b"PK\x03\x04rest of a zip").expect("write");
    let err = Assessment::load(&zip, &Rubric::builtin()).expect_err("zip");
    assert!(err.to_string().contains("sendbench import"), "{err}");

    let err =
        Assessment::load(dir.path().join("missing.toml"), &Rubric::builtin()).expect_err("missing");
    assert!(err.to_string().contains("missing.toml"), "{err}");
}

/// The start of every valid assessment file in these tests.
const HEAD: &str = "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n";

#[test]
fn characters_no_document_can_show_are_refused_where_they_are_and_named() {
    let rubric = Rubric::builtin();
    for (c, written) in [
        ('\u{7}', "\u{7}"),
        ('\u{1b}', "\u{1b}"),
        ('\u{7f}', "\u{7f}"),
        ('\u{FFFE}', "\u{FFFE}"),
        ('\u{E000}', "\u{E000}"),
        ('\u{F0B7}', "\u{F0B7}"),
    ] {
        let text = format!("{HEAD}[school]\nname = \"Oak{written}field\"\n");
        let Err(LoadError::Invalid { file, diagnostics }) =
            Assessment::from_toml("t.toml", &text, &rubric)
        else {
            panic!("U+{:04X} was accepted", c as u32);
        };
        // Written as itself, a control character is also a TOML syntax error; either way
        // the message names it.
        let d = diagnostics
            .iter()
            .find(|d| d.code == "unprintable" || d.code == "toml-syntax")
            .expect("an error");
        assert!(
            d.message.contains(&format!("U+{:04X}", c as u32)),
            "{}",
            d.message
        );
        // Pointed at the character itself: line 3, after `name = "Oak`.
        let at = d.span.map(|s| file.location(s.start));
        assert_eq!(at.map(|l| (l.line, l.column)), Some((3, 12)), "{c:?}");
    }
    // Written as an escape, it is found all the same, and the value is pointed at.
    let text = format!("{HEAD}[school]\nname = \"Oak\\u0007field\"\n");
    let Err(LoadError::Invalid { diagnostics, .. }) =
        Assessment::from_toml("t.toml", &text, &rubric)
    else {
        panic!("an escaped bell was accepted");
    };
    assert!(diagnostics.iter().any(|d| d.message.contains("U+0007")));
    // The Symbol-font bullet gets its own advice.
    let text = format!(
        "{HEAD}[school]\nname = \"X\"\n[outcomes.1.strands.a]\nevidence = \"\u{F0B7} one\"\n"
    );
    let Err(LoadError::Invalid { diagnostics, .. }) =
        Assessment::from_toml("t.toml", &text, &rubric)
    else {
        panic!("a Symbol-font bullet was accepted");
    };
    let d = diagnostics
        .iter()
        .find(|d| d.code == "unprintable")
        .expect("error");
    assert!(d.help.as_deref().is_some_and(|h| h.contains("•")), "{d:?}");
}

#[test]
fn a_file_with_old_mac_line_ends_is_read_with_one_warning() {
    let rubric = Rubric::builtin();
    let text = format!(
        "{HEAD}[school]\rname = \"Oakfield\"\r[outcomes.1.strands.a]\rjudgement = \"expected\"\r"
    )
    .replace('\n', "\r");
    let checked =
        Assessment::from_toml("t.toml", &text, &rubric).expect("read despite CR line ends");
    assert_eq!(checked.value.school.name, "Oakfield");
    let d: Vec<_> = checked
        .warnings
        .iter()
        .filter(|d| d.code == "line-ends")
        .collect();
    assert_eq!(d.len(), 1);
    assert!(d[0]
        .help
        .as_deref()
        .is_some_and(|h| h.contains("LF or CRLF")));
}

#[test]
fn problems_are_capped_per_file_with_the_rest_counted() {
    let rubric = Rubric::builtin();
    // 300 participants with a role the rubric does not have, each a problem.
    let mut text = format!("{HEAD}[school]\nname = \"X\"\n");
    for i in 0..300 {
        text.push_str(&format!(
            "[[participants]]\nrole = \"wizard\"\nname = \"P{i}\"\n"
        ));
    }
    let Err(LoadError::Invalid { diagnostics, .. }) =
        Assessment::from_toml("t.toml", &text, &rubric)
    else {
        panic!("invalid");
    };
    assert_eq!(diagnostics.len(), sendbench_core::MAX_DIAGNOSTICS + 1);
    let last = diagnostics.last().expect("summary");
    assert_eq!(last.code, "more");
    assert!(last.message.starts_with("and 2"), "{}", last.message);
}

#[test]
fn a_rubric_id_must_be_safe() {
    let source = Rubric::builtin_source();
    for bad in ["", "../../etc/passwd", "two words", "#set page(width: 1pt)"] {
        let text = source.replacen(
            "id = \"hertfordshire-send-benchmark\"",
            &format!("id = {bad:?}"),
            1,
        );
        let Err(LoadError::Invalid { diagnostics, .. }) = Rubric::from_toml("r.toml", &text) else {
            panic!("the rubric id {bad:?} was accepted");
        };
        assert!(
            diagnostics
                .iter()
                .any(|d| d.code == "bad-id" || d.code == "missing-key"),
            "{bad:?}: {diagnostics:#?}"
        );
    }
    // A NUL in a descriptor is refused too, so `new` can never write a file that fails.
    let text = source.replacen("Use of effective", "Use of\u{0} effective", 1);
    assert!(Rubric::from_toml("r.toml", &text).is_err());
}

#[test]
fn one_line_fields_refuse_line_breaks_and_lose_the_spaces_at_their_ends() {
    let rubric = Rubric::builtin();
    let text = format!("{HEAD}[school]\nname = \"Oakfield\\nPrimary\"\n");
    let Err(LoadError::Invalid { diagnostics, .. }) =
        Assessment::from_toml("t.toml", &text, &rubric)
    else {
        panic!("a line break in the school's name was accepted");
    };
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "one-line" && d.path.as_deref() == Some("school.name")));
    let text = format!("{HEAD}[school]\nname = \"  Oakfield Primary \"\n");
    let a = Assessment::from_toml("t.toml", &text, &rubric)
        .expect("valid")
        .value;
    assert_eq!(a.school.name, "Oakfield Primary");
}
