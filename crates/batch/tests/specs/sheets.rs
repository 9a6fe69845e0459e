//! Survey exports and spreadsheets as they really arrive: a Microsoft Forms workbook, a
//! SurveyMonkey CSV with two header rows and US dates, Excel's own CSV in Windows-1252 with
//! semicolons, a school that sent the form twice, a misspelt level, a column nobody can
//! place, and the collection sheet sendbench makes filled in and read back.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use sendbench_batch::intake::{Fate, Intake, IntakeOptions, Skip};
use sendbench_batch::{ColumnMap, ReturnError};
use sendbench_core::{Assessment, ChecklistStatus, Rubric};

fn read(dir: &Path, columns: Option<ColumnMap>) -> Intake {
    Intake::read(
        &IntakeOptions {
            inputs: vec![dir.to_owned()],
            exclude: Vec::new(),
            columns,
        },
        &Rubric::builtin(),
    )
}

fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The level a school's return gives a strand (by code, `1a`).
fn level(a: &Assessment, code: &str) -> Option<String> {
    let (outcome, strand) = code.split_at(1);
    a.judgement(outcome, strand).and_then(|j| j.level.clone())
}

fn school<'a>(intake: &'a Intake, name: &str) -> &'a Assessment {
    &intake
        .received
        .iter()
        .find(|r| r.assessment.school.name == name)
        .unwrap_or_else(|| panic!("{name} not read: {:#?}", intake.to_json()))
        .assessment
}

/// Every strand code of the built-in rubric, in order.
fn codes() -> Vec<String> {
    Rubric::builtin().strands().map(|s| s.code()).collect()
}

/// A workbook as Microsoft Forms exports one: the form's own columns, then a column per
/// question, headed by the question's text; times as real Excel dates.
/// One school's row: name, URN, area, the answer to every strand, and the completion time
/// (year, month, day, hour, minute).
type FormsRow<'a> = (&'a str, &'a str, &'a str, &'a str, (u16, u8, u8, u16, u8));

fn microsoft_forms(schools: &[FormsRow<'_>]) -> Vec<u8> {
    let rubric = Rubric::builtin();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1").expect("name");
    let when = Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    let mut headers: Vec<String> = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "School name",
        "URN",
        "Local area or cluster",
    ]
    .map(String::from)
    .to_vec();
    for s in rubric.strands() {
        headers.push(format!(
            "{}. Which of these fits your school best?",
            s.code()
        ));
    }
    for item in &rubric.checklist.items {
        headers.push(item.text.clone());
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("header");
    }
    for (i, (name, urn, area, answer, (y, m, d, hh, mm))) in schools.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).expect("id");
        let t = ExcelDateTime::from_ymd(*y, *m, *d)
            .and_then(|t| t.and_hms(*hh, *mm, 0))
            .expect("time");
        ws.write_datetime_with_format(r, 1, &t, &when)
            .expect("start");
        ws.write_datetime_with_format(r, 2, &t, &when).expect("end");
        ws.write_string(r, 3, "anonymous").expect("email");
        ws.write_string(r, 5, *name).expect("name");
        ws.write_number(r, 6, urn.parse::<f64>().expect("urn"))
            .expect("urn");
        ws.write_string(r, 7, *area).expect("area");
        for c in 8..8 + rubric.strands().count() {
            ws.write_string(r, c as u16, *answer).expect("level");
        }
        let first_duty = 8 + rubric.strands().count();
        for c in first_duty..first_duty + rubric.checklist.items.len() {
            ws.write_string(r, c as u16, "Met").expect("duty");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn a_microsoft_forms_export_is_read_as_one_return_per_school() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Answers as the form gives them: the option's whole text, or a level in any case.
    let descriptor = "Expected: High quality teaching is regularly differentiated, personalised and responsive to the views and experiences of children and young people with SEND.";
    put(
        dir.path(),
        "SEND benchmark 2026(1-3).xlsx",
        &microsoft_forms(&[
            (
                "Oakfield Primary School",
                "117234",
                "DSPL 9",
                "exemplary",
                (2026, 6, 12, 14, 3),
            ),
            (
                "Riverside Academy",
                "140001",
                "DSPL 9",
                "EMERGING",
                (2026, 6, 13, 9, 0),
            ),
            (
                "Beacon Hill",
                "117999",
                "DSPL 2",
                descriptor,
                (2026, 7, 1, 16, 45),
            ),
        ]),
    );
    let intake = read(dir.path(), None);
    let counts = intake.counts();
    assert_eq!(
        (
            counts.files,
            counts.sheets,
            counts.rows,
            counts.used,
            counts.invalid
        ),
        (1, 1, 3, 3, 0),
        "{:#?}",
        intake.to_json()
    );
    assert_eq!(
        intake.summary(),
        "Read 1 file (3 rows of 1 spreadsheet): 3 returns used, 0 duplicates, 0 skipped, 0 invalid."
    );
    let oak = school(&intake, "Oakfield Primary School");
    assert_eq!(oak.school.urn.as_deref(), Some("117234"));
    assert_eq!(oak.school.area.as_deref(), Some("DSPL 9"));
    // No date column: the completion time is the review's date, and gives its year.
    assert_eq!(
        oak.review.date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-12")
    );
    for code in codes() {
        assert_eq!(level(oak, &code).as_deref(), Some("exemplary"), "{code}");
    }
    assert!(oak
        .checklist
        .iter()
        .all(|c| c.status == Some(ChecklistStatus::Met)));
    assert_eq!(oak.checklist.len(), 9);
    assert_eq!(
        level(school(&intake, "Riverside Academy"), "5c").as_deref(),
        Some("emerging")
    );
    // "Expected: <descriptor>" is the Expected option, whichever strand it answers.
    assert_eq!(
        level(school(&intake, "Beacon Hill"), "2a").as_deref(),
        Some("expected")
    );
    // Each row is placed in the file, and the form's own columns are said to be left out.
    let place = intake.received[0].place.as_deref();
    assert_eq!(place, Some("Sheet1 row 2"));
    assert!(
        intake.notes.iter().any(|n| n.contains(
            "left out, as a survey tool's own columns: \"ID\", \"Start time\", \"Email\", \"Name\""
        )),
        "{:?}",
        intake.notes
    );
}

#[test]
fn a_surveymonkey_csv_with_two_header_rows_and_us_dates_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let codes = codes();
    let mut first = vec![
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
        "School name",
        "URN",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    // The codes written as people write them.
    first.extend(
        codes
            .iter()
            .map(|c| format!("Outcome {} {}", &c[..1], &c[1..])),
    );
    let mut second = vec![String::new(); 9];
    second.extend(std::iter::repeat_n("Response".to_owned(), 2 + codes.len()));
    let mut text = format!("{}\r\n{}\r\n", first.join(","), second.join(","));
    for (id, end, name, level) in [
        (
            "114",
            "06/13/2026 02:15:00 PM",
            "Oakfield Primary School",
            "Expected",
        ),
        (
            "115",
            "07/01/2026 09:05:00 AM",
            "\"Hill, Dale and Vale\"",
            "Emerging",
        ),
    ] {
        let mut row = vec![
            id.to_owned(),
            "4321".into(),
            end.into(),
            end.into(),
            "10.0.0.1".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            name.into(),
            String::new(),
        ];
        row.extend(std::iter::repeat_n(level.to_owned(), codes.len()));
        text.push_str(&row.join(","));
        text.push_str("\r\n");
    }
    put(dir.path(), "Sheet_1.csv", text.as_bytes());
    let intake = read(dir.path(), None);
    assert_eq!(intake.counts().used, 2, "{:#?}", intake.to_json());
    let oak = school(&intake, "Oakfield Primary School");
    // Month first: SurveyMonkey's US export, told apart by its AM/PM times.
    assert_eq!(
        oak.review.date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-13")
    );
    assert_eq!(level(oak, "3b").as_deref(), Some("expected"));
    let hill = school(&intake, "Hill, Dale and Vale");
    assert_eq!(
        hill.review.date.map(|d| d.to_string()).as_deref(),
        Some("2026-07-01")
    );
    assert_eq!(intake.received[0].place.as_deref(), Some("Sheet_1 row 3"));
}

#[test]
fn excels_own_csv_in_windows_1252_with_semicolons_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    // "St Mary’s" with Windows-1252's right single quote (0x92), as Excel saves "CSV" on an
    // English Windows; semicolons, as it does where the comma is the decimal mark.
    let mut bytes =
        b"School name;URN;1a;1b\r\nSt Mary\x92s C of E;119000;Expected;Exemplary\r\n".to_vec();
    bytes.extend_from_slice(b";;;\r\n");
    put(dir.path(), "returns.csv", &bytes);
    let intake = read(dir.path(), None);
    assert_eq!(intake.counts().used, 1, "{:#?}", intake.to_json());
    let mary = school(&intake, "St Mary’s C of E");
    assert_eq!(level(mary, "1b").as_deref(), Some("exemplary"));
}

#[test]
fn a_misspelt_level_is_an_error_naming_its_cell_and_the_other_rows_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "Returns.csv",
        b"School name,URN,Academic year,1a,1b,1c\n\
          Oakfield,117234,2025/26,Expected,Expected,Expected\n\
          Riverside,140001,2025/26,Expected,Expeted,Banana\n",
    );
    let intake = read(dir.path(), None);
    let counts = intake.counts();
    assert_eq!((counts.rows, counts.used, counts.invalid), (2, 1, 1));
    let (entry, error) = intake.invalid().next().expect("one invalid row");
    assert_eq!(entry.place.as_deref(), Some("Returns row 3"));
    let message = error.to_string();
    assert!(
        message.contains("Returns!E3: \"Expeted\" is not a level; did you mean Expected?"),
        "{message}"
    );
    assert!(
        message.contains(
            "Returns!F3: \"Banana\" is not a level: the levels are Emerging, Expected, Exemplary"
        ),
        "{message}"
    );
}

#[test]
fn a_column_that_matches_nothing_is_an_error_until_a_column_map_settles_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.csv",
        b"Setting,1a,Provision mapping,Comments for the LA\n\
          Oakfield,Expected,Exemplary,\n",
    );
    let intake = read(dir.path(), None);
    let (entry, error) = intake.invalid().next().expect("the sheet is refused");
    assert_eq!(entry.place, None);
    assert!(matches!(error, ReturnError::Sheet(_)));
    let message = error.to_string();
    assert!(
        message
            .contains("returns!C1: the header \"Provision mapping\" matches nothing in the rubric"),
        "{message}"
    );
    // It is a strand by its answers, and how to settle it is said.
    assert!(
        message.contains(
            "its answers are level names (\"Exemplary\" in C2), so it is almost certainly a strand"
        ),
        "{message}"
    );
    assert!(message.contains("`sendbench columns "), "{message}");
    // A column with a header but no answers anywhere is no problem.
    assert!(!message.contains("Comments for the LA"), "{message}");

    let map = ColumnMap::from_toml(
        "[columns]\n\"Provision mapping\" = \"strand 1c\"\n",
        &Rubric::builtin(),
    )
    .expect("map");
    // A contact list beside the export, which the column map does not speak of: skipped as
    // another sheet, not refused for its headers.
    std::fs::write(
        dir.path().join("contacts.csv"),
        "school,notes
Oak,call back
",
    )
    .expect("write");
    let intake = read(dir.path(), Some(map));
    assert_eq!(intake.counts().used, 1, "{:#?}", intake.to_json());
    assert_eq!(intake.counts().invalid, 0, "{:#?}", intake.to_json());
    assert_eq!(intake.counts().skipped, 1, "{:#?}", intake.to_json());
    assert_eq!(
        level(school(&intake, "Oakfield"), "1c").as_deref(),
        Some("exemplary")
    );
}

#[test]
fn a_column_map_names_every_problem_in_it() {
    let problems = ColumnMap::from_toml(
        "sheet = \"Form1\"\ncolour = 3\n[columns]\nA = \"strand 9z\"\nB = \"duty nothing\"\nC = \"favourite\"\nD = \"school\"\n",
        &Rubric::builtin(),
    )
    .expect_err("problems");
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("no strand \"9z\"")));
    assert!(problems.iter().any(|p| p.contains("no duty \"nothing\"")));
    assert!(problems
        .iter()
        .any(|p| p.contains("\"favourite\" is not a column's meaning")));
    assert!(problems
        .iter()
        .any(|p| p.contains("\"colour\" is not a setting")));
}

#[test]
fn two_columns_for_one_strand_are_an_error_naming_both_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.csv",
        b"School name,1a,1 a\nOakfield,Expected,Emerging\n",
    );
    let intake = read(dir.path(), None);
    let (_, error) = intake.invalid().next().expect("refused");
    assert!(
        error
            .to_string()
            .contains("returns!B1 and returns!C1: both columns hold strand 1a's level"),
        "{error}"
    );
}

#[test]
fn a_school_that_sent_the_form_twice_is_counted_once_using_its_later_response() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "responses.csv",
        b"Completion time,School name,URN,1a\n\
          12/06/2026 09:12,Oakfield Primary School,117234,Emerging\n\
          12/06/2026 14:03,Oakfield Primary,117234,Exemplary\n\
          ,,,\n\
          13/06/2026 10:00,Riverside Academy,140001,Expected\n",
    );
    let intake = read(dir.path(), None);
    let counts = intake.counts();
    assert_eq!(
        (counts.used, counts.duplicates),
        (2, 1),
        "{:#?}",
        intake.to_json()
    );
    let oak = school(&intake, "Oakfield Primary");
    assert_eq!(level(oak, "1a").as_deref(), Some("exemplary"));
    let dropped = intake
        .entries
        .iter()
        .find(|e| matches!(e.fate, Fate::Duplicate { .. }))
        .expect("a duplicate");
    assert_eq!(dropped.place.as_deref(), Some("responses row 2"));
    let reason = dropped.fate.reason();
    assert!(
        reason.contains("duplicate of responses.csv (responses row 3)")
            || reason.contains("responses.csv (responses row 3)"),
        "{reason}"
    );
    assert!(
        reason.contains("completed later (14:03 against 09:12)"),
        "{reason}"
    );
    assert!(
        intake
            .warnings
            .iter()
            .any(|w| w.contains("Oakfield Primary was sent twice")),
        "{:?}",
        intake.warnings
    );
}

#[test]
fn a_spreadsheet_that_is_not_returns_is_skipped_with_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "SENCO contacts.csv",
        b"School name,SENCO,Email\nOakfield,Ms Green,green@example.org\n",
    );
    let intake = read(dir.path(), None);
    let entry = &intake.entries[0];
    assert!(
        matches!(entry.fate, Fate::Skipped(Skip::OtherSheet)),
        "{entry:?}"
    );
    assert!(entry
        .fate
        .reason()
        .contains("no column for a strand of the rubric"));
}

#[test]
fn a_response_started_and_left_empty_is_noted_not_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.csv",
        b"ID,Start time,School name,1a\n1,12/06/2026 09:00,Oakfield,Expected\n2,12/06/2026 09:30,,\n",
    );
    let intake = read(dir.path(), None);
    assert_eq!(intake.counts().used, 1);
    assert!(
        intake
            .notes
            .iter()
            .any(|n| n.contains("a row with no answers") && n.contains("row 3")),
        "{:?}",
        intake.notes
    );
}

#[test]
fn an_old_excel_workbook_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.xlsx",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest",
    );
    let intake = read(dir.path(), None);
    let (_, error) = intake.invalid().next().expect("refused");
    assert!(
        error
            .to_string()
            .contains("save it as an Excel Workbook (.xlsx)"),
        "{error}"
    );
}

#[test]
fn a_stray_cell_far_from_the_data_is_read_cell_by_cell_not_as_billions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "School name").expect("w");
    ws.write_string(0, 1, "1a").expect("w");
    ws.write_string(1, 0, "Oakfield").expect("w");
    ws.write_string(1, 1, "Expected").expect("w");
    ws.write_string(1_048_575, 16_383, "x").expect("w");
    put(
        dir.path(),
        "returns.xlsx",
        &wb.save_to_buffer().expect("xlsx"),
    );
    let intake = read(dir.path(), None);
    let (_, error) = intake.invalid().next().expect("refused");
    // The bound passed, and the cell that passed it.
    assert!(
        error.to_string().starts_with(
            "Sheet1!XFD1048576 holds a value, beyond the 20050 rows a sheet of returns may have"
        ),
        "{error}"
    );
}

/// The collection sheet sendbench makes, its header row read back as Excel shows it.
fn template_headers() -> Vec<String> {
    use calamine::{Data, Reader};
    let rubric = Rubric::builtin();
    let bytes = sendbench_generate::survey::template(
        &rubric,
        &sendbench_generate::survey::SurveyOptions {
            areas: vec!["DSPL 1".into(), "DSPL 2".into()],
            rows: 50,
        },
    )
    .expect("template");
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
    assert_eq!(book.sheet_names(), ["Instructions", "Returns"]);
    let range = book.worksheet_range("Returns").expect("Returns");
    range
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

#[test]
fn the_collection_sheet_filled_in_reads_back_without_a_column_map() {
    let rubric = Rubric::builtin();
    let headers = template_headers();
    assert_eq!(headers.len(), 5 + 34 + 9);
    assert_eq!(headers[0], "School name");
    assert!(
        headers[5].starts_with("1a. High quality teaching"),
        "{}",
        headers[5]
    );
    // Filled in by a script: a row per school, as an officer would collect them.
    let levels = ["Emerging", "Expected", "Exemplary"];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Returns").expect("name");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("h");
    }
    for i in 0..12u32 {
        let r = i + 1;
        ws.write_string(r, 0, format!("School {i:02}"))
            .expect("name");
        ws.write_number(r, 1, f64::from(110_000 + i)).expect("urn");
        ws.write_string(r, 2, if i % 2 == 0 { "DSPL 1" } else { "DSPL 2" })
            .expect("area");
        ws.write_string(r, 3, "2025/26").expect("year");
        let date = ExcelDateTime::from_ymd(2026, 6, 1 + i as u8).expect("date");
        ws.write_datetime(r, 4, &date).expect("date");
        for s in 0..34u32 {
            ws.write_string(r, 5 + s as u16, levels[((i + s) % 3) as usize])
                .expect("level");
        }
        for d in 0..9u32 {
            let status = ChecklistStatus::ALL[((i + d) % 3) as usize].label();
            ws.write_string(r, 39 + d as u16, status).expect("duty");
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.xlsx",
        &wb.save_to_buffer().expect("xlsx"),
    );
    let intake = read(dir.path(), None);
    assert_eq!(intake.counts().used, 12, "{:#?}", intake.to_json());
    assert!(intake.notes.is_empty(), "{:?}", intake.notes);
    for (i, r) in intake.received.iter().enumerate() {
        let a = &r.assessment;
        assert_eq!(a.school.name, format!("School {i:02}"));
        assert_eq!(
            a.review.academic_year.map(|y| y.to_string()).as_deref(),
            Some("2025/26")
        );
        assert_eq!(a.review.date.map(|d| d.day()), Some(1 + i as i8));
        for (s, strand) in rubric.strands().enumerate() {
            let want = levels[(i + s) % 3].to_lowercase();
            assert_eq!(
                level(a, &strand.code()).as_deref(),
                Some(want.as_str()),
                "{} {}",
                a.school.name,
                strand.code()
            );
        }
        assert_eq!(r.completeness.remaining(), None);
    }
}

#[test]
fn the_question_list_pasted_into_a_form_gives_an_export_that_reads_back() {
    let rubric = Rubric::builtin();
    let text = sendbench_generate::survey::questions(&rubric, &Default::default());
    // Each question's text, as a form tool would head its column.
    let questions: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            n.parse::<u32>().ok().map(|_| rest.to_owned())
        })
        .collect();
    assert_eq!(questions.len(), 5 + 34 + 9);
    let mut csv = String::from("ID,Start time,Completion time,Email,Name,");
    csv.push_str(
        &questions
            .iter()
            .map(|q| format!("\"{}\"", q.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(","),
    );
    csv.push('\n');
    // The options as the form gives them back: "Expected: <the descriptor>".
    let mut row = vec![
        "1".to_owned(),
        String::new(),
        "2026-06-12T14:00:00".into(),
        String::new(),
        String::new(),
    ];
    row.extend([
        "Oakfield".to_owned(),
        "117234".into(),
        "DSPL 9".into(),
        "2025/26".into(),
        String::new(),
    ]);
    for s in rubric.strands() {
        row.push(format!("\"Exemplary: {}\"", s.strand.descriptors[2]));
    }
    row.extend(std::iter::repeat_n("Partly met".to_owned(), 9));
    csv.push_str(&row.join(","));
    csv.push('\n');
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "form.csv", csv.as_bytes());
    let intake = read(dir.path(), None);
    assert_eq!(intake.counts().used, 1, "{:#?}", intake.to_json());
    let oak = school(&intake, "Oakfield");
    assert!(codes()
        .iter()
        .all(|c| level(oak, c).as_deref() == Some("exemplary")));
    assert!(oak
        .checklist
        .iter()
        .all(|c| c.status == Some(ChecklistStatus::PartlyMet)));
    assert_eq!(
        oak.review.date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-12")
    );
}

#[test]
fn each_date_column_is_read_in_its_own_order() {
    // SurveyMonkey writes its End Date month first; the school typed its review date day
    // first: in one sheet, each column is read its own way.
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "Sheet_1.csv",
        b"Respondent ID,End Date,School name,Date of review,1a\r\n\
          ,,Open-Ended Response,Open-Ended Response,Response\r\n\
          1,04/28/2026 08:39:50 AM,Oakfield,28/04/2026,Expected\r\n\
          2,05/03/2026 01:05:00 PM,Riverside,03/05/2026,Expected\r\n",
    );
    let intake = read(dir.path(), None);
    assert_eq!(intake.counts().used, 2, "{:#?}", intake.to_json());
    let oak = school(&intake, "Oakfield");
    assert_eq!(
        oak.review.date.map(|d| d.to_string()).as_deref(),
        Some("2026-04-28")
    );
    let river = &intake.received[1];
    assert_eq!(
        river
            .assessment
            .review
            .date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-05-03")
    );
    assert_eq!(
        river.submitted.map(|t| t.to_string()).as_deref(),
        Some("2026-05-03T13:05:00")
    );
}
