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

/// A survey-export fixture of the batch crate (`crates/batch/tests/fixtures/surveys/`).
fn export(name: &str) -> std::path::PathBuf {
    crate::util::root()
        .join("crates/batch/tests/fixtures/surveys")
        .join(name)
}

#[test]
fn columns_says_how_each_column_is_read_and_writes_a_map_to_finish() {
    let dir = tempfile::tempdir().expect("tempdir");
    let google = export("google-forms-grid.csv");
    let run = sendbench(&["columns", google.to_str().expect("utf-8")]).expect_code(0);
    assert!(
        run.stdout
            .starts_with("Sheet google-forms-grid: a Google Forms export; header in row 1\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\"Locality\"") && run.stdout.contains("the area (by its wording)"),
        "{}",
        run.stdout
    );
    // Invented wording: every strand and duty is not placed, each named by its column and
    // said to hold levels or statuses; -o writes the map with those lines to fill in.
    let invented = export("invented-wording.csv");
    let map = dir.path().join("columns.toml");
    let run = sendbench(&[
        "columns",
        invented.to_str().expect("utf-8"),
        "-o",
        map.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    assert!(
        run.stdout
            .contains("NOT PLACED: matches nothing in the rubric; its answers are level names"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!(
            "Wrote the column map {}: fill in the 43 lines marked # not placed, then give it with --columns",
            map.display()
        )),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&map).expect("map");
    assert_eq!(text.matches("= \"\"").count(), 43, "{text}");
    assert!(text.contains("\nheader_row = 1\n"), "{text}");
    assert!(
        text.contains("\"Which town is your school in?\" = \"area\""),
        "{text}"
    );
    // Given unfinished, the map says which lines are still to do.
    let run = sendbench(&[
        "area",
        invented.to_str().expect("utf-8"),
        "--columns",
        map.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains("\"Do teachers adapt their lessons for pupils with additional needs?\": not placed yet: write what the column holds"),
        "{}",
        run.stderr
    );
    // An existing map is only replaced with --force.
    sendbench(&[
        "columns",
        invented.to_str().expect("utf-8"),
        "-o",
        map.to_str().expect("utf-8"),
    ])
    .expect_code(1);
}

#[test]
fn a_folder_with_this_years_export_unreadable_fails_and_names_it() {
    let folder = export("year-folder");
    let run = sendbench(&["area", folder.to_str().expect("utf-8")]).expect_code(1);
    assert!(
        run.stderr
            .contains("Read 3 files (21 rows of 2 spreadsheets): 21 returns used, 0 duplicates, 0 skipped, 1 invalid."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("returns-2025-26.xlsx"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Returns!F1: the header \"Provision area 1\" matches nothing in the rubric"),
        "{}",
        run.stderr
    );
    let out = tempfile::tempdir().expect("tempdir");
    let run = sendbench(&[
        "build",
        folder.to_str().expect("utf-8"),
        "-o",
        out.path().to_str().expect("utf-8"),
        "--quiet",
    ]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("returns-2025-26.xlsx"),
        "{}",
        run.stderr
    );
}

#[test]
fn options_and_column_maps_are_bounded_and_never_read_from_a_device() {
    let schools = crate::util::root().join("examples/schools");
    let schools = schools.to_str().expect("utf-8");
    for (flag, what) in [
        ("--options", "the options file"),
        ("--columns", "the column map"),
    ] {
        let started = std::time::Instant::now();
        let run = sendbench(&["area", schools, flag, "/dev/zero"]).expect_code(1);
        assert!(started.elapsed().as_secs() < 10);
        assert!(
            run.stderr.contains(&format!(
                "error: cannot read {what} /dev/zero: /dev/zero is not a text file: it is not a regular file"
            )),
            "{}",
            run.stderr
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("options.toml");
    std::fs::write(&big, vec![b'#'; 5 * 1024 * 1024]).expect("write");
    let run =
        sendbench(&["area", schools, "--options", big.to_str().expect("utf-8")]).expect_code(1);
    assert!(run.stderr.contains("the limit is 4 MB"), "{}", run.stderr);
}

#[test]
fn odd_characters_in_the_options_are_named_with_the_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = dir.path().join("area-options.toml");
    std::fs::write(
        &options,
        "county = \"Hertfordshire\"\ntitle = \"Herts\\u0007 SEND benchmark\"\n[eligible]\n\"DSPL\\u0000 9\" = 5\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let run = sendbench(&[
        "area",
        "examples/schools",
        "--by",
        "area",
        "-o",
        out.to_str().expect("utf-8"),
        "--options",
        options.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains(&format!(
            "error: the options file {} has problems:\n  line 2: title holds U+0007 (a control character), which no document can carry: take it out\n  line 4: the area name \"DSPL\\0 9\" holds U+0000 (a control character), which no document can carry: take it out",
            options.display()
        )),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing made");
}

#[test]
fn a_title_naming_a_year_no_return_is_for_is_an_error() {
    let run = sendbench(&[
        "area",
        "examples/schools",
        "--title",
        "DSPL 9 SEND benchmark 2026/27",
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains("error: the title names 2026/27, but no return is for 2026/27 (the returns are for 2025/26): a file of 2026/27's returns may not have been read (see the files above), or the title is wrong"),
        "{}",
        run.stderr
    );
    sendbench(&[
        "area",
        "examples/schools",
        "--title",
        "DSPL 9 SEND benchmark 2025/26",
    ])
    .expect_code(0);
}
