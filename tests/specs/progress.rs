//! A school's progress since its last review: `report --previous` shows the governors each
//! strand's movement, the duties that changed and last year's actions followed up; families a
//! short summary in plain words; and `build` pairs a school's reviews from two years itself.

use std::path::Path;

use crate::util::{html_text, pdf_text, root, sendbench};

/// Oakfield's 2024/25 review, made from its 2025/26 one: 1a a level lower (so it is up now),
/// 1l a level higher (so it is down now), 1b not judged (newly judged now), one duty partly
/// met (met now), and two actions: one completed, one due in March 2026 and never completed.
fn last_year() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/oakfield-primary-2024-25.toml"))
        .expect("fixture")
}

/// The governors', parents' and SEN information reports' text, as PDFs (`format` "pdf") or
/// web pages ("html").
fn report_all(dir: &Path, previous: &Path, format: &str) -> [String; 3] {
    let out = dir.join(format!("reports-{format}"));
    sendbench(&[
        "report",
        root()
            .join("examples/schools/oakfield-primary.toml")
            .to_str()
            .expect("utf-8"),
        "--all",
        "--previous",
        previous.to_str().expect("utf-8"),
        "--format",
        format,
        "-o",
        out.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    ["governors", "parents", "sen-info"].map(|a| {
        let file = out.join(format!("oakfield-primary-school-{a}.{format}"));
        if format == "html" {
            html_text(&file)
        } else {
            pdf_text(&file)
        }
    })
}

#[test]
fn each_audience_is_told_the_progress_since_the_last_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let previous = dir.path().join("oakfield-2024-25.toml");
    std::fs::write(&previous, last_year()).expect("write");
    // The same in the PDFs and in the web pages made from the same data.
    for format in ["pdf", "html"] {
        let [governors, parents, sen_info] = report_all(dir.path(), &previous, format);
        told_the_progress(&governors, &parents, &sen_info);
    }
}

fn told_the_progress(governors: &str, parents: &str, sen_info: &str) {
    for text in [
        "Since the last review",
        "Since the 2024/25 review, 1 strand improved, 1 strand fell and 31 strands stayed the same; 1 strand was judged for the first time.",
        "1a: ▲ up from Emerging, now Expected",
        "1l: ▼ down from Expected, now Emerging",
        "1b: ● new: not judged last year, now Expected",
        "Outcome 1: 1 up, 1 down, 12 no change, 1 newly judged",
        "Then (2024/25) Now",
        "Partly met Met",
        "1 of 2 actions completed, 1 overdue",
        "completed 20 November 2025",
        "overdue: due 31 March 2026, not marked completed",
        // Beside the strand itself, too.
        "Since the 2024/25 review: ▲ up from Emerging",
    ] {
        assert!(governors.contains(text), "governors: {text:?} in\n{governors:.3000}");
    }
    for text in [
        "What has changed since last year",
        "Since the 2024/25 review, 1 part got better, 1 part went down and 31 parts stayed the same; 1 part was judged for the first time.",
        "This part got better:",
        "This part went down:",
        "Last year we planned 2 actions. 1 of them is done.",
    ] {
        assert!(parents.contains(text), "parents: {text:?} in\n{parents:.3000}");
    }
    // Families are not given the governors' lists of codes and duties.
    assert!(!parents.contains("▲"), "{parents:.2000}");
    assert!(!parents.contains("overdue"), "{parents:.2000}");
    assert!(
        sen_info.contains("Progress. Since the 2024/25 review, 1 strand improved, 1 strand fell and 31 strands stayed the same; 1 strand was judged for the first time."),
        "{sen_info:.2000}"
    );
}

#[test]
fn build_pairs_a_schools_reviews_from_two_years() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(input.join("2024-25")).expect("mkdir");
    std::fs::create_dir_all(input.join("2025-26")).expect("mkdir");
    std::fs::write(input.join("2024-25/oakfield.toml"), last_year()).expect("write");
    std::fs::copy(
        root().join("examples/schools/oakfield-primary.toml"),
        input.join("2025-26/oakfield.toml"),
    )
    .expect("copy");
    let out = dir.path().join("out");
    sendbench(&[
        "build",
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--quiet",
    ])
    .expect_code(0);
    let schools = out.join("schools");
    let mut names: Vec<String> = std::fs::read_dir(&schools)
        .expect("schools")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-governors.pdf"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    let (older, newer): (Vec<_>, Vec<_>) = names
        .iter()
        .map(|n| pdf_text(&schools.join(n)))
        .partition(|t| t.contains("2024/25") && !t.contains("2025/26"));
    assert_eq!((older.len(), newer.len()), (1, 1), "{names:?}");
    assert!(
        newer[0].contains("Since the 2024/25 review, 1 strand improved"),
        "{:.2000}",
        newer[0]
    );
    assert!(!older[0].contains("Since the last review"));
    // The latest review has the plain file name; the earlier one carries its year.
    assert!(
        pdf_text(&schools.join("oakfield-primary-school-governors.pdf"))
            .contains("academic year 2025/26")
    );
    assert!(
        pdf_text(&schools.join("oakfield-primary-school-2024-25-governors.pdf"))
            .contains("academic year 2024/25")
    );
}

/// The parents' summary's counts read as sentences when there is only one of a thing.
#[test]
fn one_action_and_one_judged_part_are_told_in_the_singular() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Last year's plan held one action, never completed.
    let text = last_year();
    let plan = text.find("[[action_plan]]").expect("plan");
    let previous = dir.path().join("previous.toml");
    std::fs::write(
        &previous,
        format!(
            "{}[[action_plan]]\noutcome = \"4\"\ntarget = \"Audit the accessibility plan.\"\ndue = 2026-03-31\n",
            &text[..plan]
        ),
    )
    .expect("write");
    for format in ["pdf", "html"] {
        let [_, parents, _] = report_all(dir.path(), &previous, format);
        assert!(
            parents.contains("Last year we planned 1 action. It is not done yet."),
            "{format}: {parents:.3000}"
        );
    }
    // A review begun: one part judged, at Expected.
    let blank = dir.path().join("one.toml");
    sendbench(&[
        "new",
        "--school",
        "One Strand School",
        "-o",
        blank.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    let begun = std::fs::read_to_string(&blank).expect("blank").replacen(
        "[outcomes.1.strands.a]\njudgement = \"\"",
        "[outcomes.1.strands.a]\njudgement = \"expected\"",
        1,
    );
    std::fs::write(&blank, begun).expect("write");
    for (format, read) in [
        ("pdf", pdf_text as fn(&Path) -> String),
        ("html", html_text),
    ] {
        let out = dir.path().join(format!("one.{format}"));
        sendbench(&[
            "report",
            blank.to_str().expect("utf-8"),
            "--audience",
            "parents",
            "--format",
            format,
            "-o",
            out.to_str().expect("utf-8"),
        ])
        .expect_code(0);
        let parents = read(&out);
        assert!(
            parents
                .contains("So far we have judged 1 of the 34 parts. It is at Expected or better."),
            "{format}: {parents:.3000}"
        );
    }
}

/// "Last year" is said only of the review from the year before; a review from two years
/// before is named by its year, and one from the same year or later is refused.
#[test]
fn the_earlier_review_is_named_by_its_year_unless_it_is_last_years() {
    let dir = tempfile::tempdir().expect("tempdir");
    let older = dir.path().join("oakfield-2023-24.toml");
    std::fs::write(
        &older,
        last_year().replace("academic_year = \"2024/25\"", "academic_year = \"2023/24\""),
    )
    .expect("write");
    for format in ["pdf", "html"] {
        let [governors, parents, _] = report_all(dir.path(), &older, format);
        for text in [
            "The 2023/24 review's action plan, followed up",
            "1b: ● new: not judged in the 2023/24 review, now Expected",
        ] {
            assert!(
                governors.contains(text),
                "{format}: {text:?} in {governors:.3000}"
            );
        }
        for text in [
            "What has changed since our 2023/24 review",
            "At our 2023/24 review we planned 2 actions.",
        ] {
            assert!(
                parents.contains(text),
                "{format}: {text:?} in {parents:.3000}"
            );
        }
        assert!(!parents.contains("last year"), "{format}: {parents:.3000}");
        assert!(
            !governors.contains("last year"),
            "{format}: {governors:.3000}"
        );
    }

    let later = dir.path().join("oakfield-2026-27.toml");
    std::fs::write(
        &later,
        last_year().replace("academic_year = \"2024/25\"", "academic_year = \"2026/27\""),
    )
    .expect("write");
    let run = sendbench(&[
        "report",
        root()
            .join("examples/schools/oakfield-primary.toml")
            .to_str()
            .expect("utf-8"),
        "--audience",
        "parents",
        "--previous",
        later.to_str().expect("utf-8"),
        "-o",
        dir.path().join("no.pdf").to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains(
            "it is the school's review of 2026/27, not an earlier one than 2025/26: give the review before this one"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("no.pdf").exists());
}

/// Another school's review is never shown as this school's previous one: another URN is
/// refused; without a URN in both, another name is refused unless `--renamed` says the
/// school was renamed.
#[test]
fn another_schools_review_is_refused_as_the_previous_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let current = root().join("examples/schools/oakfield-primary.toml");
    let run_with = |previous: &std::path::Path, extra: &[&str]| {
        let out = dir.path().join("out.pdf");
        let _ = std::fs::remove_file(&out);
        let mut args = vec![
            "report",
            current.to_str().expect("utf-8"),
            "--audience",
            "parents",
            "--previous",
            previous.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        (sendbench(&args), out)
    };
    let other = dir.path().join("ashgrove.toml");
    std::fs::write(
        &other,
        last_year()
            .replace("Oakfield Primary School", "Ashgrove Primary School")
            .replace("urn = \"117234\"", "urn = \"117999\""),
    )
    .expect("write");
    let (run, out) = run_with(&other, &[]);
    let run = run.expect_code(1);
    assert!(
        run.stderr.contains("it is the review of URN 117999 (Ashgrove Primary School), not of Oakfield Primary School (URN 117234): give this school's own earlier review"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    let (run, _) = run_with(&other, &["--renamed"]);
    run.expect_code(1);

    // Without a URN: another name is another school, unless the school was renamed.
    let no_urn = dir.path().join("no-urn.toml");
    std::fs::write(
        &no_urn,
        last_year()
            .replace("Oakfield Primary School", "Oakfield Infant School")
            .replace("urn = \"117234\"\n", ""),
    )
    .expect("write");
    let (run, out) = run_with(&no_urn, &[]);
    let run = run.expect_code(1);
    assert!(
        run.stderr.contains("it is the review of Oakfield Infant School, not Oakfield Primary School, and without a URN in both there is no telling that they are one school: if the school was renamed, say so with --renamed"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    let (run, out) = run_with(&no_urn, &["--renamed"]);
    run.expect_code(0);
    assert!(out.exists());
}

/// A school renamed between its reviews (matched by URN) is told so beside the comparison.
#[test]
fn a_renamed_school_is_told_its_earlier_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let previous = dir.path().join("oakfield-infant.toml");
    std::fs::write(
        &previous,
        last_year().replace("Oakfield Primary School", "Oakfield Infant School"),
    )
    .expect("write");
    for format in ["pdf", "html"] {
        let [governors, parents, _] = report_all(dir.path(), &previous, format);
        for text in [&governors, &parents] {
            assert!(
                text.contains(
                    "Since the 2024/25 review (when the school was named Oakfield Infant School),"
                ),
                "{format}: {text:.2000}"
            );
        }
    }
}

/// A previous review made against another version of the rubric, whose checklist had no
/// such duty, is not read as having left it unanswered (which the table would show as a
/// duty newly met).
#[test]
fn a_duty_the_previous_rubric_did_not_have_is_not_shown_as_unanswered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = last_year().replacen("version = \"1\"", "version = \"0\"", 1);
    // The older checklist had no "inform parents" duty.
    let start = text.find("[checklist.inform-parents]").expect("duty");
    let end = start + text[start..].find("\n\n").expect("end of the duty") + 2;
    let text = format!("{}{}", &text[..start], &text[end..]);
    let previous = dir.path().join("older-rubric.toml");
    std::fs::write(&previous, text).expect("write");
    for format in ["pdf", "html"] {
        let [governors, _, _] = report_all(dir.path(), &previous, format);
        assert!(
            governors.contains("not in that review's checklist"),
            "{format}: {governors:.4000}"
        );
    }
}
