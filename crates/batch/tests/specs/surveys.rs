//! Survey exports as the tools really write them: the fixtures in `tests/fixtures/surveys/`,
//! written from how each tool lays out its export without reading sendbench's readers, each
//! with its truth beside it (`FILE.expected.json`). Each is read as it comes, with no column
//! map, and what comes out must be its truth exactly: every school's details, level, status
//! and evidence, the rows that are not returns left out, and the counts per academic year,
//! area, strand and duty.

use std::path::{Path, PathBuf};

use sendbench_batch::intake::{Fate, Intake, IntakeOptions, Received};
use sendbench_batch::ColumnMap;
use sendbench_core::{
    normalise_name, ChecklistStatus, Publication, PublicationOptions, Return, Rubric,
};
use serde_json::{json, Map, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/surveys")
}

/// A fixture's truth.
fn truth(name: &str) -> Value {
    let path = fixtures().join(format!("{name}.expected.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("the truth is JSON")
}

fn intake(inputs: Vec<PathBuf>, columns: Option<ColumnMap>) -> Intake {
    Intake::read(
        &IntakeOptions {
            inputs,
            exclude: Vec::new(),
            columns,
        },
        &Rubric::builtin(),
    )
}

/// A status as the truth writes it.
fn status(s: ChecklistStatus) -> &'static str {
    match s {
        ChecklistStatus::Met => "met",
        ChecklistStatus::PartlyMet => "partly-met",
        ChecklistStatus::NotMet => "not-met",
    }
}

/// One group's counts, as the truth writes them.
fn group_counts(returns: &[&Received], rubric: &Rubric) -> Value {
    let mut strands = Map::new();
    for s in rubric.strands() {
        let mut levels = json!({"emerging": 0, "expected": 0, "exemplary": 0, "not_judged": 0});
        for r in returns {
            let level = r
                .assessment
                .judgement(&s.outcome.id, &s.strand.id)
                .and_then(|j| j.level.clone())
                .unwrap_or_else(|| "not_judged".to_owned());
            levels[&level] = json!(levels[&level].as_u64().unwrap_or(0) + 1);
        }
        strands.insert(s.code(), levels);
    }
    let mut duties = Map::new();
    for item in &rubric.checklist.items {
        let mut statuses = json!({"met": 0, "partly-met": 0, "not-met": 0, "not_answered": 0});
        for r in returns {
            let key = r
                .assessment
                .checklist
                .iter()
                .find(|c| c.item == item.id)
                .and_then(|c| c.status)
                .map_or("not_answered", status);
            statuses[key] = json!(statuses[key].as_u64().unwrap_or(0) + 1);
        }
        duties.insert(item.id.clone(), statuses);
    }
    json!({"schools": returns.len(), "strands": strands, "duties": duties})
}

/// The counts of what was read, per academic year, then over all areas and per area (as
/// the county report splits them: "DSPL 4" and "dspl 4" are one area).
fn counts(intake: &Intake) -> Value {
    let rubric = Rubric::builtin();
    let mut years: Vec<String> = intake
        .received
        .iter()
        .filter_map(|r| r.year().map(|y| y.to_string()))
        .collect();
    years.sort();
    years.dedup();
    let mut out = Map::new();
    for year in years {
        let of_year: Vec<&Received> = intake
            .received
            .iter()
            .filter(|r| r.year().map(|y| y.to_string()) == Some(year.clone()))
            .collect();
        let mut groups = Map::new();
        groups.insert("(all)".into(), group_counts(&of_year, &rubric));
        // The areas as the county's publication names them ("DSPL 4" and "dspl 4" one).
        let returns: Vec<Return> = of_year
            .iter()
            .map(|r| Return::new(r.assessment.clone(), r.source()))
            .collect();
        let publication = Publication::build(&rubric, &returns, &PublicationOptions::default())
            .expect("the returns publish");
        let area_of = |r: &Received| {
            r.assessment
                .school
                .area
                .as_deref()
                .map(normalise_name)
                .filter(|k| !k.is_empty())
        };
        for (area, _) in &publication.areas {
            let key = normalise_name(area);
            let group: Vec<&Received> = of_year
                .iter()
                .copied()
                .filter(|r| area_of(r).as_deref() == Some(key.as_str()))
                .collect();
            groups.insert(area.clone(), group_counts(&group, &rubric));
        }
        let none: Vec<&Received> = of_year
            .iter()
            .copied()
            .filter(|r| area_of(r).is_none())
            .collect();
        if !none.is_empty() {
            groups.insert("(none)".into(), group_counts(&none, &rubric));
        }
        out.insert(year, Value::Object(groups));
    }
    Value::Object(out)
}

/// The first place two JSON values differ, for a message that says where.
fn difference(path: &str, got: &Value, want: &Value) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => {
                        if let Some(d) = difference(&format!("{path}.{k}"), gv, wv) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}.{k}: missing, want {wv}")),
                }
            }
            g.keys()
                .find(|k| !w.contains_key(*k))
                .map(|k| format!("{path}.{k}: not in the truth"))
        }
        _ if got == want => None,
        _ => Some(format!("{path}: got {got}, want {want}")),
    }
}

/// The received return read from a row (`Sheet1 row 12`).
fn at_row<'a>(intake: &'a Intake, place: &str) -> Option<&'a Received> {
    intake
        .received
        .iter()
        .find(|r| r.place.as_deref() == Some(place))
}

/// Checks every return the truth gives against what was read from its row.
fn assert_returns(intake: &Intake, truth: &Value, sheet: &str) {
    let rubric = Rubric::builtin();
    let empty = Vec::new();
    for want in truth["returns"].as_array().unwrap_or(&empty) {
        let row = want["row"].as_u64().expect("a row");
        let place = format!("{sheet} row {row}");
        let entry = intake
            .entries
            .iter()
            .find(|e| e.place.as_deref() == Some(place.as_str()))
            .unwrap_or_else(|| panic!("{place}: not read at all"));
        if want["counted"] == json!(false) {
            assert!(
                matches!(entry.fate, Fate::Duplicate { .. }),
                "{place}: should give way to a later response: {:?}",
                entry.fate
            );
            continue;
        }
        let got = at_row(intake, &place)
            .unwrap_or_else(|| panic!("{place}: not used: {}", entry.fate.reason()));
        let a = &got.assessment;
        let area = want
            .get("area_as_written")
            .unwrap_or(&want["area"])
            .as_str()
            .map(str::to_owned);
        assert_eq!(
            a.school.name,
            want["school"].as_str().unwrap_or(""),
            "{place}"
        );
        assert_eq!(a.school.urn.as_deref(), want["urn"].as_str(), "{place}");
        assert_eq!(a.school.area, area, "{place}");
        assert_eq!(
            got.year().map(|y| y.to_string()).as_deref(),
            want["academic_year"].as_str(),
            "{place}"
        );
        if let Some(date) = want["review_date"].as_str() {
            assert_eq!(
                a.review.date.map(|d| d.to_string()).as_deref(),
                Some(date),
                "{place}"
            );
        }
        if let Some(submitted) = want["submitted"].as_str() {
            assert_eq!(
                got.submitted.map(|d| d.to_string()).as_deref(),
                Some(submitted),
                "{place}"
            );
        }
        for s in rubric.strands() {
            let level = a
                .judgement(&s.outcome.id, &s.strand.id)
                .and_then(|j| j.level.clone());
            assert_eq!(
                level.as_deref(),
                want["strands"][s.code()].as_str(),
                "{place}: strand {}",
                s.code()
            );
            let evidence = a
                .judgement(&s.outcome.id, &s.strand.id)
                .map(|j| j.evidence.as_str())
                .filter(|e| !e.is_empty());
            assert_eq!(
                evidence,
                want["evidence"][s.code()].as_str(),
                "{place}: strand {}'s evidence",
                s.code()
            );
        }
        for item in &rubric.checklist.items {
            let got = a
                .checklist
                .iter()
                .find(|c| c.item == item.id)
                .and_then(|c| c.status)
                .map(status);
            assert_eq!(
                got,
                want["duties"][&item.id].as_str(),
                "{place}: duty {}",
                item.id
            );
        }
    }
    for not in truth["not_returns"].as_array().unwrap_or(&empty) {
        let place = format!("{sheet} row {}", not["row"]);
        assert!(
            at_row(intake, &place).is_none(),
            "{place} is not a return ({}) but was used",
            not["reason"]
        );
    }
}

/// Reads one fixture as it comes and checks it against its truth: no file invalid, every
/// return and every count exactly as the truth says.
fn assert_reads_as_its_truth(name: &str) -> Intake {
    let truth = truth(name);
    let read = intake(vec![fixtures().join(name)], None);
    let problems: Vec<String> = read
        .invalid()
        .map(|(e, error)| format!("{:?}: {error}", e.place))
        .collect();
    assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    let sheet = truth["format"]["sheet"].as_str().map_or_else(
        || {
            name.rsplit_once('.')
                .map_or(name, |(stem, _)| stem)
                .to_owned()
        },
        str::to_owned,
    );
    assert_returns(&read, &truth, &sheet);
    let got = counts(&read);
    if let Some(d) = difference("counts", &got, &truth["counts"]) {
        panic!("{name}: {d}\nnotes: {:#?}", read.notes);
    }
    read
}

#[test]
fn a_microsoft_forms_export_reads_as_its_truth() {
    let read = assert_reads_as_its_truth("microsoft-forms.xlsx");
    assert!(
        read.notes
            .iter()
            .any(|n| n.contains("read as a Microsoft Forms export")),
        "{:?}",
        read.notes
    );
}

#[test]
fn a_google_forms_export_with_grids_reads_as_its_truth() {
    let read = assert_reads_as_its_truth("google-forms-grid.csv");
    // The coordinator's test response names a school and answers nothing: not a return.
    assert!(
        read.notes.iter().any(|n| n.contains("row 9 (\"TEST\")")),
        "{:?}",
        read.notes
    );
}

#[test]
fn a_surveymonkey_export_with_matrices_reads_as_its_truth_as_csv_and_as_xlsx() {
    assert_reads_as_its_truth("surveymonkey-matrix.csv");
    assert_reads_as_its_truth("surveymonkey-matrix.xlsx");
}

#[test]
fn smart_survey_exports_read_as_their_truth_however_questions_are_numbered() {
    assert_reads_as_its_truth("smart-survey.csv");
    assert_reads_as_its_truth("smart-survey-q-dot.csv");
    assert_reads_as_its_truth("smart-survey-q-colon.csv");
}

#[test]
fn a_qualtrics_export_with_three_header_rows_reads_as_its_truth() {
    let read = assert_reads_as_its_truth("qualtrics.csv");
    assert!(
        read.notes
            .iter()
            .any(|n| n.contains("row 4 (the survey tool marks it \"Survey Preview\"")),
        "{:?}",
        read.notes
    );
}

#[test]
fn a_hand_kept_workbook_with_a_title_and_a_totals_row_reads_as_its_truth() {
    let read = assert_reads_as_its_truth("hand-kept-dspl3.xlsx");
    let notes = read.notes.join("\n");
    assert!(notes.contains("its header is in row"), "{notes}");
    assert!(notes.contains("row 22 (\"Total\")"), "{notes}");
    // The workbook's other sheet is said to be passed over.
    assert!(
        notes.contains("sheet Contacts: no strand column and no column of level names, so not returns and not read"),
        "{notes}"
    );
}

/// The counts a truth gives for a set of files' years (a folder's truth gives them whole).
fn counts_of_years(truth: &Value, years: &[&str]) -> Value {
    Value::Object(
        years
            .iter()
            .map(|y| ((*y).to_owned(), truth["counts"][*y].clone()))
            .collect(),
    )
}

#[test]
fn an_unreadable_export_of_this_year_is_invalid_and_named_never_skipped() {
    let truth = truth("year-folder");
    let read = intake(vec![fixtures().join("year-folder")], None);
    let (entry, error) = read.invalid().next().expect("this year's file is invalid");
    assert_eq!(read.invalid().count(), 1);
    assert!(entry.path.ends_with("returns-2025-26.xlsx"), "{entry:?}");
    assert_eq!(entry.place, None, "the file as a whole");
    // Named by its headers and cells, each said to be almost certainly a strand or duty.
    let message = error.to_string();
    assert!(
        message
            .contains("Returns!F1: the header \"Provision area 1\" matches nothing in the rubric"),
        "{message}"
    );
    assert!(message.contains("its answers are level names"), "{message}");
    assert!(message.contains("its answers are statuses"), "{message}");
    assert!(message.contains("`sendbench columns "), "{message}");
    assert_eq!(read.counts().skipped, 0, "{:#?}", read.to_json());
    // The other two years are read exactly.
    let got = counts(&read);
    if let Some(d) = difference(
        "counts",
        &got,
        &counts_of_years(&truth, &["2023/24", "2024/25"]),
    ) {
        panic!("{d}");
    }
}

#[test]
fn invented_wording_needs_a_column_map_and_then_reads_as_its_truth() {
    let name = "invented-wording.csv";
    let truth = truth(name);
    let path = fixtures().join(name);
    // Without a map: an error naming each header it cannot place, with its cell.
    let read = intake(vec![path.clone()], None);
    let (_, error) = read.invalid().next().expect("refused without a map");
    let message = error.to_string();
    assert!(
        message.contains("invented-wording!F1: the header \"Do teachers adapt their lessons for pupils with additional needs?\" matches nothing in the rubric"),
        "{message}"
    );
    // With the map the fixture comes with: its truth exactly.
    let map = ColumnMap::load(
        &fixtures().join("invented-wording.columns.toml"),
        &Rubric::builtin(),
    )
    .expect("the fixture's map");
    let read = intake(vec![path], Some(map));
    assert_eq!(read.invalid().count(), 0, "{:#?}", read.to_json());
    assert_returns(&read, &truth, "invented-wording");
    if let Some(d) = difference("counts", &counts(&read), &truth["counts"]) {
        panic!("{d}");
    }
}

#[test]
fn the_map_sendbench_columns_writes_once_filled_in_reads_invented_wording_exactly() {
    let name = "invented-wording.csv";
    let truth = truth(name);
    let path = fixtures().join(name);
    let rubric = Rubric::builtin();
    let explanation =
        sendbench_batch::sheet::explain_file(&path, &rubric, None).expect("explained");
    let written = explanation.column_map();
    // The officer fills in only the lines marked "# not placed": the strands and duties.
    let intended = truth["intended_mapping"].as_object().expect("mapping");
    let mut filled = String::new();
    let mut to_fill = 0;
    for line in written.lines() {
        if !line.contains("# not placed") || !line.contains("= \"\"") {
            filled.push_str(line);
            filled.push('\n');
            continue;
        }
        to_fill += 1;
        let header = line
            .split(" = ")
            .next()
            .and_then(|k| serde_json::from_str::<String>(k).ok())
            .expect("a quoted header");
        let target = intended[&header].as_str().expect("the truth places it");
        let meaning = if rubric.strand_by_code(target).is_some() {
            format!("strand {target}")
        } else {
            format!("duty {target}")
        };
        filled.push_str(&line.replacen("= \"\"", &format!("= \"{meaning}\""), 1));
        filled.push('\n');
    }
    assert_eq!(to_fill, 34 + 9, "{written}");
    let map = ColumnMap::from_toml(&filled, &rubric).expect("the filled map reads");
    let read = intake(vec![path], Some(map));
    assert_eq!(read.invalid().count(), 0, "{:#?}", read.to_json());
    assert_returns(&read, &truth, "invented-wording");
    if let Some(d) = difference("counts", &counts(&read), &truth["counts"]) {
        panic!("{d}");
    }
}

#[test]
fn an_area_spelt_two_ways_is_one_and_an_options_area_no_return_names_is_said() {
    let name = "options-mismatch.csv";
    let truth = truth(name);
    let read = assert_reads_as_its_truth(name);
    let returns: Vec<Return> = read
        .received
        .iter()
        .map(|r| Return::new(r.assessment.clone(), r.source()))
        .collect();
    let publication =
        Publication::build(&Rubric::builtin(), &returns, &PublicationOptions::default())
            .expect("the returns publish");
    let names: Vec<&str> = publication.areas.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["DSPL 4", "Hertsmere", "Welwyn Hatfield"]);
    assert_eq!(
        sendbench_batch::county::spelling_warnings(&returns),
        ["the area \"DSPL 4\" is spelt 2 ways in the returns (\"DSPL 4\" in 6 returns, \"dspl 4\" in 2 returns): it is published as \"DSPL 4\""]
    );
    let options = sendbench_batch::CollectionOptions::load(
        &fixtures().join(truth["options_file"].as_str().expect("options")),
    )
    .expect("options");
    assert_eq!(
        sendbench_batch::county::option_warnings(&options, &returns),
        ["the options give schools asked in \"Welwyn and Hatfield\", but no return names that area, so no response rate is shown for it: did you mean \"Welwyn Hatfield\"?"]
    );
}
