//! The reports' sentences say what is true of the review they are made from, in the same
//! words in the PDF and in the web page: no date made up for an action with none, no one
//! taking part left out, a finished judgement not called unfinished, the singular for one
//! thing, no dangling colon, and a chart's alternative text in its own report's words.

use std::path::{Path, PathBuf};

use crate::util::{html_text, pdf_text, root, sendbench};

/// Oakfield's example assessment, as text to edit.
fn oakfield() -> String {
    std::fs::read_to_string(root().join("examples/schools/oakfield-primary.toml")).expect("example")
}

/// `text` with `from` replaced (once), which must be there.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the assessment");
    text.replacen(from, to, 1)
}

/// `text` with its participants replaced by `participants` (TOML, possibly empty).
fn with_participants(text: &str, participants: &str) -> String {
    let start = text.find("[[participants]]").expect("participants");
    let end = text.find("[checklist.principles]").expect("checklist");
    format!("{}{participants}{}", &text[..start], &text[end..])
}

/// Oakfield with strands judged differently: each code ("1l") given this level.
fn judged(text: &str, levels: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (code, level) in levels {
        let (outcome, strand) = code.split_at(1);
        let heading = format!("[outcomes.{outcome}.strands.{strand}]\njudgement = \"");
        let at = text.find(&heading).expect("strand") + heading.len();
        let end = at + text[at..].find('"').expect("closing quote");
        text.replace_range(at..end, level);
    }
    text
}

/// The reports made from one assessment (and, if given, last year's).
struct Reports {
    dir: tempfile::TempDir,
}

impl Reports {
    /// Writes `assessment` (and `previous`) and makes every audience's report in both formats.
    fn make(assessment: &str, previous: Option<&str>) -> Reports {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("school.toml");
        std::fs::write(&input, assessment).expect("write");
        let previous_path = dir.path().join("previous.toml");
        if let Some(previous) = previous {
            std::fs::write(&previous_path, previous).expect("write");
        }
        for format in ["pdf", "html"] {
            let out = dir.path().join(format);
            let mut args = vec![
                "report",
                input.to_str().expect("utf-8"),
                "--all",
                "--format",
                format,
                "-o",
                out.to_str().expect("utf-8"),
            ];
            if previous.is_some() {
                args.extend(["--previous", previous_path.to_str().expect("utf-8")]);
            }
            sendbench(&args).expect_code(0);
        }
        Reports { dir }
    }

    fn file(&self, audience: &str, format: &str) -> PathBuf {
        self.dir
            .path()
            .join(format)
            .join(format!("oakfield-primary-school-{audience}.{format}"))
    }

    /// The text of one audience's report in each format: `[("pdf", text), ("html", text)]`.
    fn texts(&self, audience: &str) -> [(&'static str, String); 2] {
        [
            ("pdf", pdf_text(&self.file(audience, "pdf"))),
            ("html", html_text(&self.file(audience, "html"))),
        ]
    }

    /// Asserts that every audience's report, in both formats, says each of `says` and none
    /// of `not`.
    fn check(&self, audience: &str, says: &[&str], not: &[&str]) {
        for (format, text) in self.texts(audience) {
            for s in says {
                assert!(
                    text.contains(s),
                    "{audience} {format}: {s:?} missing from\n{text}"
                );
            }
            for s in not {
                assert!(
                    !text.contains(s),
                    "{audience} {format}: {s:?} printed in\n{text}"
                );
            }
        }
    }
}

/// The alternative texts of a PDF's figures (Typst writes them as plain literal strings).
fn pdf_alt_texts(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("pdf");
    let raw = String::from_utf8_lossy(&bytes);
    raw.match_indices("/Alt(")
        .map(|(at, _)| {
            let rest = &raw[at + 5..];
            // The string ends at the first unbalanced, unescaped `)`.
            let mut depth = 0;
            let mut end = rest.len();
            let mut escaped = false;
            for (i, c) in rest.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '(' => depth += 1,
                    ')' if depth == 0 => {
                        end = i;
                        break;
                    }
                    ')' => depth -= 1,
                    _ => {}
                }
            }
            rest[..end].replace("\\(", "(").replace("\\)", ")")
        })
        .collect()
}

/// The accessible names (`aria-label`) of a web page's charts.
fn html_aria_labels(path: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(path).expect("page");
    html.match_indices("aria-label=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').expect("closing quote")].to_owned()
        })
        .collect()
}

/// Finding 1: An action with no due date is not said to be due "This year" in the parents' plan.
#[test]
fn an_action_with_no_due_date_has_no_date_set_yet() {
    let text = edit(&oakfield(), "due = 2027-03-26\n", "");
    let reports = Reports::make(&text, None);
    reports.check(
        "parents",
        &["entry and exit data and is evaluated for impact each term. No date set yet"],
        &["This year"],
    );
}

/// Finding 2: The governors' table counts the people in a role who have no name, as the SEN
/// information report does.
#[test]
fn people_without_a_name_are_counted_among_those_who_took_part() {
    let one = edit(&oakfield(), "name = \"Kamal Hussain\"\n", "");
    let reports = Reports::make(&one, None);
    reports.check(
        "governors",
        &["Parent/Carer Mrs Leanne Doherty and 1 other"],
        &[],
    );
    reports.check("sen-info", &["Parent/Carer (2)"], &[]);

    // A third parent, also unnamed.
    let two = edit(
        &one,
        "[checklist.principles]",
        "[[participants]]\nrole = \"parent-carer\"\n\n[checklist.principles]",
    );
    let reports = Reports::make(&two, None);
    reports.check(
        "governors",
        &["Parent/Carer Mrs Leanne Doherty and 2 others"],
        &[],
    );
    reports.check("sen-info", &["Parent/Carer (3)"], &[]);
}

/// Finding 3: Every part judged but a duty not answered: parents are told so, not that the parts are
/// still being looked at.
#[test]
fn every_part_judged_with_a_duty_unanswered_is_told_truly() {
    let text = edit(
        &oakfield(),
        "[checklist.disability-access]\nstatus = \"partly-met\"",
        "[checklist.disability-access]\nstatus = \"\"",
    );
    let reports = Reports::make(&text, None);
    reports.check(
        "parents",
        &[
            "We have judged all 34 parts. We are still checking 1 of the 9 legal duties.",
            "We put 31 of the 34 parts at Expected or better.",
        ],
        &["We have not finished our review yet", "So far we have"],
    );
    reports.check(
        "sen-info",
        &["so far we have judged 34 of the 34 strands and answered 8 of the 9 statutory duties"],
        &[],
    );
}

/// Finding 4: No one recorded as taking part: the SEN information report says so in both formats.
#[test]
fn no_one_taking_part_is_said_in_words() {
    let text = with_participants(&oakfield(), "");
    let reports = Reports::make(&text, None);
    for audience in ["sen-info", "parents", "governors"] {
        reports.check(
            audience,
            &["Who took part No one is recorded as taking part yet."],
            &["Who took part ."],
        );
    }
}

/// 5 and 10. With no strand below Expected, the SEN information report lists the action
/// plan's targets, the completed one marked done; the parents' summary says "all 34 parts".
#[test]
fn completed_targets_are_marked_done_and_all_parts_are_all() {
    let text = judged(
        &oakfield(),
        &[("1l", "expected"), ("1o", "expected"), ("2d", "expected")],
    );
    let reports = Reports::make(&text, None);
    reports.check(
        "sen-info",
        &[
            "The targets in our action plan:",
            "Families see what has changed as a result of the SEND parent survey. (done)",
        ],
        // The others are still to do.
        &["with its impact measured. (done)"],
    );
    reports.check(
        "parents",
        &["We put all 34 parts at Expected or better."],
        &["We put 34 of the 34 parts"],
    );
}

/// Finding 6: A key date with no event is printed as the date alone, in every audience's report.
#[test]
fn a_key_date_with_no_event_has_no_dangling_colon() {
    let text = edit(
        &oakfield(),
        "event = \"Full governing body: SEND action plan and accessibility plan 2026-29\"",
        "event = \"\"",
    );
    let reports = Reports::make(&text, None);
    for audience in ["governors", "parents", "sen-info"] {
        reports.check(
            audience,
            &[
                "9 June 2026: Benchmarking meeting",
                "7 July 2026 Who took part",
            ],
            &["7 July 2026:"],
        );
    }
}

/// Finding 7: The SEN information report's charts are described in its own words (outcomes and
/// strands), in the PDF's alternative text as in the page's; the parents' in theirs.
#[test]
fn chart_descriptions_use_each_reports_own_words() {
    let reports = Reports::make(&oakfield(), None);
    let outcome = "Outcome 1: 2 Emerging, 11 Expected, 2 Exemplary (of 15 strands).";
    let theme = "Theme 1: 2 Emerging, 11 Expected, 2 Exemplary (of 15 parts).";
    for (audience, says, not) in [
        ("sen-info", outcome, "Theme"),
        ("parents", theme, "strands)."),
    ] {
        let alts = pdf_alt_texts(&reports.file(audience, "pdf"));
        assert!(
            alts.iter().any(|a| a == says),
            "{audience} pdf: {says:?} not in {alts:#?}"
        );
        assert!(
            !alts.iter().any(|a| a.contains(not)),
            "{audience} pdf: {not:?} in {alts:#?}"
        );
        let labels = html_aria_labels(&reports.file(audience, "html"));
        assert!(
            labels.iter().any(|a| a == says),
            "{audience} html: {says:?} not in {labels:#?}"
        );
    }
    // The visible words under the chart agree.
    reports.check(
        "sen-info",
        &["Outcome 1:", "2 Emerging, 11 Expected, 2 Exemplary."],
        &["Theme 1:"],
    );
}

/// Last year's review: `this_year`'s, a year earlier, with strands `levels` judged as given
/// and `actions` as its action plan (TOML).
fn last_year(this_year: &str, levels: &[(&str, &str)], actions: &str) -> String {
    let text = this_year;
    let plan = text.find("[[action_plan]]").expect("action plan");
    let text = text[..plan]
        .replace("academic_year = \"2025/26\"", "academic_year = \"2024/25\"")
        .replacen("date = 2026-06-19", "date = 2025-06-20", 1);
    format!("{}{actions}", judged(&text, levels))
}

/// Finding 8: The governors' follow-up of last year's plan: "0 of 1 action completed".
#[test]
fn one_action_followed_up_is_one_action() {
    let previous = last_year(
        &oakfield(),
        &[],
        "[[action_plan]]\noutcome = \"4\"\ntarget = \"Audit the accessibility plan.\"\ndue = 2026-03-31\n",
    );
    let reports = Reports::make(&oakfield(), Some(&previous));
    reports.check(
        "governors",
        &["action plan, followed up: 0 of 1 action completed, 1 overdue"],
        &["1 actions"],
    );
}

/// Finding 9: One of a thing is told in the singular in the parents' summary: one group taking
/// part, one part strongest, one to get better at, one part up and one down.
#[test]
fn one_of_a_thing_is_told_in_the_singular() {
    // One Exemplary (1d) and one Emerging (1l) part; the SENCO alone took part.
    let text = judged(
        &oakfield(),
        &[
            ("1j", "expected"),
            ("2g", "expected"),
            ("3b", "expected"),
            ("5b", "expected"),
            ("1o", "expected"),
            ("2d", "expected"),
        ],
    );
    let text = with_participants(
        &text,
        "[[participants]]\nrole = \"senco\"\nname = \"Mr Daniel Osei\"\n\n",
    );
    // Last year 1a was a level lower and 1c a level higher.
    let previous = last_year(&text, &[("1a", "emerging"), ("1c", "exemplary")], "");
    let reports = Reports::make(&text, Some(&previous));
    reports.check(
        "parents",
        &[
            "This group took part: SENCO.",
            "This part is our strongest (in plain words):",
            "We want to get better at this part (in plain words):",
            "This part got better:",
            "This part went down:",
        ],
        &[
            "These groups",
            "These parts are our strongest",
            "at these parts",
            "These parts got better",
            "These parts went down",
        ],
    );

    // More than one of each stays plural.
    let previous = last_year(
        &oakfield(),
        &[
            ("1a", "emerging"),
            ("1b", "emerging"),
            ("1c", "exemplary"),
            ("1e", "exemplary"),
        ],
        "",
    );
    let reports = Reports::make(&oakfield(), Some(&previous));
    reports.check(
        "parents",
        &[
            "These groups took part: Head Teacher, SENCO,",
            "These parts are our strongest (in plain words):",
            "We want to get better at these parts (in plain words):",
            "These parts got better:",
            "These parts went down:",
        ],
        &["This group", "This part"],
    );
}

/// An action with no target is no blank line in the families' plan; the governors still see
/// it, and `validate` says it is left out of the families' summaries.
#[test]
fn an_action_without_a_target_is_left_out_of_the_families_plan() {
    let text = format!(
        "{}\n[[action_plan]]\noutcome = \"4\"\nactions = \"Order new signage.\"\ndue = 2027-02-13\n",
        oakfield()
    );
    let reports = Reports::make(&text, None);
    reports.check("parents", &[], &["13 February 2027"]);
    reports.check("sen-info", &[], &["13 February 2027"]);
    reports.check(
        "governors",
        &["Order new signage.", "13 February 2027"],
        &[],
    );
    let file = reports.dir.path().join("school.toml");
    let run = sendbench(&["validate", file.to_str().expect("utf-8")]);
    assert!(
        run.stderr
            .contains("an action plan row has no target: the families' summaries leave it out")
            || run
                .stdout
                .contains("an action plan row has no target: the families' summaries leave it out"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

/// A finished review with every part at Expected or better and no plan says so, not that
/// its priorities are still to be set.
#[test]
fn a_finished_review_with_nothing_below_expected_and_no_plan_says_so() {
    let text = oakfield();
    let text = &text[..text.find("[[action_plan]]").expect("plan")];
    let text = judged(
        text,
        &[("1l", "expected"), ("1o", "expected"), ("2d", "expected")],
    );
    let reports = Reports::make(&text, None);
    reports.check(
        "parents",
        &["Every part is at Expected or better. We have not written a plan of actions."],
        &["We have not set our priorities yet."],
    );
    reports.check(
        "sen-info",
        &["No strand is below Expected, and no action plan is recorded."],
        &["No priorities recorded yet."],
    );
}

/// An action not done by its due date, as of the review, is late: families are never shown
/// a past date as if the action were still to come.
#[test]
fn an_action_past_its_date_is_told_to_families_as_late() {
    let text = edit(&oakfield(), "due = 2027-03-26\n", "due = 2026-03-20\n");
    let reports = Reports::make(&text, None);
    reports.check(
        "parents",
        &["evaluated for impact each term. Late: it was due by 20 March 2026"],
        &["evaluated for impact each term. 20 March 2026"],
    );
}

/// A review with every part judged and none at the strength level says so truly and kindly,
/// not "What we do well: We put 0 of the 34 parts at Expected or better".
#[test]
fn a_review_with_every_part_emerging_says_where_it_starts_from() {
    let rubric = sendbench_core::Rubric::builtin();
    let codes: Vec<String> = rubric.strands().map(|s| s.code()).collect();
    let levels: Vec<(&str, &str)> = codes.iter().map(|c| (c.as_str(), "emerging")).collect();
    let reports = Reports::make(&judged(&oakfield(), &levels), None);
    reports.check(
        "parents",
        &[
            "Where we are starting from",
            "None of the 34 parts is at Expected or better yet. This review shows where we are starting from.",
        ],
        &["What we do well", "We put 0 of the 34 parts"],
    );
}

/// A name typed into text families see (a key date, evidence marked public, a target) is
/// warned of by `validate` and by `report`, with its place.
#[test]
fn a_participants_name_in_text_families_see_is_warned_of() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = edit(
        &oakfield(),
        "target = \"Families see what has changed",
        "target = \"Mrs Whitfield makes sure families see what has changed",
    );
    let path = dir.path().join("named.toml");
    std::fs::write(&path, text).expect("write");
    let validate = sendbench(&["validate", path.to_str().expect("utf-8")]).expect_code(0);
    let report = sendbench(&[
        "report",
        path.to_str().expect("utf-8"),
        "--audience",
        "parents",
        "-o",
        dir.path().join("parents.pdf").to_str().expect("utf-8"),
    ])
    .expect_code(0);
    for run in [&validate, &report] {
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(
            out.contains("warning[name-in-family-text]: `action_plan[3].target` names Mrs Rachel Whitfield, who is listed as taking part")
                && out.contains("write the role instead"),
            "{out}"
        );
    }
    // Surnames that are also words are not names when written in lower case.
    let plain = edit(
        &oakfield(),
        "target = \"Families see",
        "target = \"Families in the hall see",
    );
    std::fs::write(&path, plain).expect("write");
    let run = sendbench(&["validate", path.to_str().expect("utf-8")]).expect_code(0);
    assert!(
        !run.stdout.contains("name-in-family-text"),
        "{}",
        run.stdout
    );
}
