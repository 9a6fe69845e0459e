//! A county's survey from the command line: `survey-template` makes the collection sheet
//! and the question list, and `area` reads the sheet filled in (or a form tool's export),
//! naming a bad cell by its reference, settling an unplaceable column with `--columns`.

use std::io::Read;

use crate::util::sendbench;

/// The text of one part of a zip package.
fn part(path: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", path.display()))
        .read_to_string(&mut text)
        .expect("read");
    text
}

#[test]
fn survey_template_writes_a_collection_sheet_with_drop_downs_and_a_question_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("returns.xlsx");
    let questions = dir.path().join("questions.txt");
    let run = sendbench(&[
        "survey-template",
        "-o",
        xlsx.to_str().expect("utf-8"),
        "--questions",
        questions.to_str().expect("utf-8"),
        "--area",
        "DSPL 1",
        "--area",
        "DSPL 2",
        "--rows",
        "40",
    ])
    .expect_code(0);
    assert!(
        run.stderr.contains("34 strands, 9 duties, 40 rows ready"),
        "{}",
        run.stderr
    );
    let workbook = part(&xlsx, "xl/workbook.xml");
    assert!(workbook.contains("name=\"Instructions\""));
    assert!(workbook.contains("name=\"Returns\""));
    let returns = part(&xlsx, "xl/worksheets/sheet2.xml");
    // The levels and the statuses as drop-downs over the 40 rows, the areas too.
    assert!(
        returns.contains("<formula1>\"Emerging,Expected,Exemplary\"</formula1>"),
        "{returns}"
    );
    assert!(returns.contains("<formula1>\"Met,Partly met,Not met\"</formula1>"));
    assert!(returns.contains("<formula1>\"DSPL 1,DSPL 2\"</formula1>"));
    assert!(
        returns.contains("sqref=\"F2:AM41\""),
        "strands F to AM, rows 2 to 41"
    );
    // Headers frozen: the header row and the school's name stay in view.
    assert!(
        returns.contains("<pane xSplit=\"1\" ySplit=\"1\""),
        "{returns}"
    );
    // Each strand's descriptors in a note on its header.
    let notes = part(&xlsx, "xl/comments1.xml");
    assert!(notes
        .contains("Emerging: Use of effective differentiation is inconsistent across the school."));
    let text = std::fs::read_to_string(&questions).expect("questions");
    assert!(text.contains("6. 1a. Which of these fits your school best?"));
    assert!(text.contains("   - Exemplary: High quality teaching is always differentiated"));
    assert!(text.contains("   - DSPL 2"));
    // Both or neither: an existing file stops the run before either is written.
    std::fs::remove_file(&xlsx).expect("rm");
    sendbench(&[
        "survey-template",
        "-o",
        xlsx.to_str().expect("utf-8"),
        "--questions",
        questions.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(!xlsx.exists());
}

#[test]
fn area_reads_survey_exports_and_names_a_bad_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let returns = dir.path().join("Returns.csv");
    std::fs::write(
        &returns,
        "School name,URN,Academic year,1a,1b\r\n\
         Oakfield,117234,2025/26,Expected,Exemplary\r\n\
         Riverside,140001,2025/26,Expected,Expeted\r\n",
    )
    .expect("write");
    let csv = dir.path().join("area.csv");
    let run = sendbench(&[
        "area",
        returns.to_str().expect("utf-8"),
        "--csv",
        csv.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(
        run.stderr
            .contains("Returns.csv (Returns row 3): Returns!E3: \"Expeted\" is not a level; did you mean Expected?"),
        "{}",
        run.stderr
    );
    assert!(!csv.exists(), "no figures from part of an area");

    std::fs::write(
        &returns,
        "School name,URN,Academic year,1a,Provision map\r\n\
         Oakfield,117234,2025/26,Expected,Exemplary\r\n\
         Riverside,140001,2025/26,Emerging,Expected\r\n",
    )
    .expect("write");
    let run = sendbench(&["area", returns.to_str().expect("utf-8")]).expect_code(1);
    assert!(
        run.stderr
            .contains("Returns!E1: the header \"Provision map\" matches nothing"),
        "{}",
        run.stderr
    );
    let map = dir.path().join("columns.toml");
    std::fs::write(&map, "[columns]\n\"Provision map\" = \"strand 1b\"\n").expect("write");
    let run = sendbench(&[
        "area",
        returns.to_str().expect("utf-8"),
        "--columns",
        map.to_str().expect("utf-8"),
        "--csv",
        csv.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    assert!(
        run.stderr
            .contains("Read 1 file (2 rows of 1 spreadsheet): 2 returns used"),
        "{}",
        run.stderr
    );
    let figures = std::fs::read_to_string(&csv).expect("csv");
    // 1b: one Exemplary, one Expected: both at Expected or above.
    let line = figures
        .lines()
        .find(|l| l.contains(",1b,"))
        .expect("a row for 1b");
    assert!(line.contains(",2,"), "{line}");

    // A map with a mistake says what and where.
    std::fs::write(&map, "[columns]\n\"Provision map\" = \"strand 9z\"\n").expect("write");
    let run = sendbench(&[
        "area",
        returns.to_str().expect("utf-8"),
        "--columns",
        map.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains("the rubric has no strand \"9z\""),
        "{}",
        run.stderr
    );
}
