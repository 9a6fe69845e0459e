//! `sendbench area`: cohorts of schools with known judgements, and the exact figures the CSV
//! and the summary must show for them.

mod util;

use std::path::Path;

use util::sendbench;

/// Writes a minimal return: school, URN, year, review date and some strand judgements.
fn school(
    dir: &Path,
    file: &str,
    name: &str,
    urn: &str,
    year: &str,
    date: &str,
    judgements: &[(&str, &str)],
) {
    let mut text = format!(
        "rubric = {{ id = \"hertfordshire-send-benchmark\", version = \"1\" }}\n[school]\nname = \"{name}\"\nurn = \"{urn}\"\n\
         [review]\nacademic_year = \"{year}\"\ndate = {date}\n[checklist.senco]\nstatus = \"met\"\n"
    );
    for (strand, level) in judgements {
        let (outcome, id) = strand.split_at(1);
        text.push_str(&format!(
            "[outcomes.{outcome}.strands.{id}]\njudgement = \"{level}\"\nevidence = \"x\"\n"
        ));
    }
    std::fs::write(dir.join(file), text).expect("write");
}

/// The CSV as rows of cells, keyed by "year strand".
fn csv_rows(path: &Path) -> (Vec<String>, std::collections::HashMap<String, Vec<String>>) {
    let text = std::fs::read_to_string(path).expect("csv");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let mut rows = std::collections::HashMap::new();
    for line in lines {
        // The descriptor is the last, quoted cell; the figures before it have no commas.
        let cells: Vec<String> = line.splitn(header.len(), ',').map(str::to_owned).collect();
        rows.insert(format!("{} {}", cells[0], cells[2]), cells);
    }
    (header, rows)
}

fn cohort(dir: &Path) {
    school(
        dir,
        "a.toml",
        "Alder Primary",
        "100001",
        "2025/26",
        "2026-06-01",
        &[("1a", "expected"), ("1c", "exemplary")],
    );
    school(
        dir,
        "b.toml",
        "Birch Primary",
        "100002",
        "2025/26",
        "2026-06-02",
        &[("1a", "expected"), ("1c", "emerging")],
    );
    school(
        dir,
        "c.toml",
        "Cedar Academy",
        "100003",
        "2025/26",
        "2026-06-03",
        &[("1a", "expected")],
    );
    school(
        dir,
        "d.toml",
        "Damson Infants",
        "100004",
        "2025/26",
        "2026-06-04",
        &[("1a", "emerging")],
    );
}

#[test]
fn counts_respondents_and_percentages_are_exact() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    let csv = dir.path().join("out/area.csv");
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    let run = sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "--csv",
        &csv.to_string_lossy(),
    ])
    .expect_code(0);
    let (header, rows) = csv_rows(&csv);
    assert_eq!(
        header[3..8],
        [
            "Emerging (schools)",
            "Expected (schools)",
            "Exemplary (schools)",
            "not judged (schools)",
            "respondents"
        ]
    );
    // 1a: 1 Emerging, 3 Expected of 4 respondents.
    assert_eq!(
        rows["2025/26 1a"][3..15],
        ["1", "3", "0", "0", "4", "25", "75", "0", "3", "75", "1", "25"]
    );
    // 1c: judged by 2 of 4 schools; percentages are of those 2.
    assert_eq!(
        rows["2025/26 1c"][3..15],
        ["1", "0", "1", "2", "2", "50", "0", "50", "1", "50", "1", "50"]
    );
    // 1b: nobody judged it: no percentages, rather than 0%.
    assert_eq!(
        rows["2025/26 1b"][3..15],
        ["0", "0", "0", "4", "0", "", "", "", "0", "", "0", ""]
    );
    assert_eq!(rows.len(), 34, "one row per strand");
    assert!(
        run.stdout.contains("Academic year 2025/26: 4 schools"),
        "{}",
        run.stdout
    );
    // 75% is below the default strength threshold (85%); 25% Emerging is an area to develop.
    assert!(
        run.stdout
            .contains("to develop (Emerging): 1c    50% (1 of 2)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("to develop (Emerging): 1a    25% (1 of 4)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(
        "Contributing schools: Alder Primary, Birch Primary, Cedar Academy, Damson Infants"
    ));
}

#[test]
fn a_school_twice_in_a_year_counts_once_with_a_warning_or_fails_with_strict() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    // Alder again, later and with another judgement: the later return wins.
    school(
        dir.path(),
        "a-resubmitted.toml",
        "Alder Primary School",
        "100001",
        "2025/26",
        "2026-07-01",
        &[("1a", "exemplary")],
    );
    let csv = dir.path().join("area.csv");
    let inputs: Vec<String> = ["a.toml", "a-resubmitted.toml", "b.toml", "c.toml", "d.toml"]
        .iter()
        .map(|f| dir.path().join(f).to_string_lossy().into_owned())
        .collect();
    let mut args: Vec<&str> = vec!["area"];
    args.extend(inputs.iter().map(String::as_str));
    let csv_s = csv.to_string_lossy().into_owned();
    args.extend(["--csv", &csv_s]);
    let run = sendbench(&args).expect_code(0);
    assert!(
        run.stderr.contains("appears twice in 2025/26"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a.toml") && run.stderr.contains("a-resubmitted.toml"),
        "{}",
        run.stderr
    );
    let (_, rows) = csv_rows(&csv);
    assert_eq!(rows["2025/26 1a"][3..8], ["1", "2", "1", "0", "4"]);

    args.push("--strict");
    args.push("--force");
    let run = sendbench(&args).expect_code(1);
    assert!(run.stderr.contains("appears twice"), "{}", run.stderr);
}

#[test]
fn several_years_are_kept_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    school(
        dir.path(),
        "a-2024.toml",
        "Alder Primary",
        "100001",
        "2024/25",
        "2025-06-01",
        &[("1a", "emerging")],
    );
    let csv = dir.path().join("area.csv");
    let run = sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "--csv",
        &csv.to_string_lossy(),
    ])
    .expect_code(0);
    let (_, rows) = csv_rows(&csv);
    assert_eq!(rows["2024/25 1a"][3..8], ["1", "0", "0", "0", "1"]);
    assert_eq!(rows["2025/26 1a"][3..8], ["1", "3", "0", "0", "4"]);
    assert_eq!(rows.len(), 68);
    assert!(
        run.stdout.find("2024/25") < run.stdout.find("2025/26"),
        "oldest year first"
    );
}

#[test]
fn returns_for_another_rubric_are_refused() {
    let run = sendbench(&[
        "area",
        "examples/schools/oakfield-primary.toml",
        "examples/other-rubric/little-acorns.toml",
    ])
    .expect_code(1);
    assert!(
        run.stderr
            .contains("little-acorns.toml answers the rubric northshire-early-years-inclusion"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_spreadsheet_reads_back_with_the_same_numbers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    school(
        dir.path(),
        "a-2024.toml",
        "Alder Primary",
        "100001",
        "2024/25",
        "2025-06-01",
        &[("1a", "emerging")],
    );
    let xlsx = dir.path().join("area.xlsx");
    let xlsx_s = xlsx.to_string_lossy().into_owned();
    sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "--xlsx",
        &xlsx_s,
        "--title",
        "Test area",
    ])
    .expect_code(0);
    let first = std::fs::read(&xlsx).expect("xlsx");
    sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "--xlsx",
        &xlsx_s,
        "--title",
        "Test area",
        "--force",
    ])
    .expect_code(0);
    assert_eq!(
        first,
        std::fs::read(&xlsx).expect("xlsx"),
        "same input, same bytes"
    );

    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("opens");
    assert_eq!(
        book.sheet_names(),
        [
            "Notes",
            "Strands 2024-25",
            "Strands 2025-26",
            "Checklist",
            "Schools",
            "Comparison"
        ]
    );
    let sheet = book.worksheet_range("Strands 2025-26").expect("sheet");
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String("Test area: strands, 2025/26".into())),
        "title in A1"
    );
    assert_eq!(
        sheet.get_value((3, 1)),
        Some(&Data::String("Strand".into())),
        "one header row"
    );
    // Row 5 (index 4) is strand 1a: 1 Emerging, 3 Expected, 0 Exemplary, 0 not judged, 4 respondents.
    let row: Vec<&Data> = (0..8)
        .map(|c| sheet.get_value((4, c)).expect("cell"))
        .collect();
    assert_eq!(row[1], &Data::String("1a".into()));
    assert_eq!(
        row[2..7],
        [
            &Data::Float(1.0),
            &Data::Float(3.0),
            &Data::Float(0.0),
            &Data::Float(0.0),
            &Data::Float(4.0)
        ]
    );
    // 1b: no respondents, so the percentage cells are empty.
    assert!(
        matches!(sheet.get_value((5, 7)), None | Some(Data::Empty)),
        "{:?}",
        sheet.get_value((5, 7))
    );
    let comparison = book.worksheet_range("Comparison").expect("comparison");
    // 1a: 0% Expected+Exemplary in 2024/25, 75% in 2025/26: +75 points.
    let cells: Vec<&Data> = (2..5)
        .map(|c| comparison.get_value((4, c)).expect("cell"))
        .collect();
    assert_eq!(
        cells,
        [&Data::Float(0.0), &Data::Float(75.0), &Data::Float(75.0)]
    );
}

#[test]
fn the_area_pdf_shows_the_figures_as_the_published_report_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    school(
        dir.path(),
        "a-2024.toml",
        "Alder Primary",
        "100001",
        "2024/25",
        "2025-06-01",
        &[("1a", "emerging")],
    );
    let pdf = dir.path().join("area.pdf");
    sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "-o",
        &pdf.to_string_lossy(),
        "--title",
        "Test Area Benchmark",
    ])
    .expect_code(0);
    let text = util::pdf_text(&pdf);
    assert!(text.contains("Test Area Benchmark"));
    assert!(
        text.contains("Academic year 2025/26: 4 schools"),
        "{text:.400}"
    );
    // Areas for development in outcome 1: 1c 50% (1 of 2), 1a 25% (1 of 4).
    assert!(
        text.contains("1c Whole school systems")
            || text.contains("1c The culture for learning is limited"),
        "{text:.2000}"
    );
    assert!(
        text.contains("50% (1)") && text.contains("25% (1)"),
        "{text:.3000}"
    );
    // Year on year: 1a from 0% to 75% at Expected or above.
    assert!(text.contains("1a 0% 75% +75"), "{text}");
    assert!(text.contains("Alder Primary, Birch Primary, Cedar Academy, Damson Infants"));
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo");
    assert!(String::from_utf8_lossy(&info.stdout).contains("Tagged:          yes"));
}

#[test]
fn small_numbers_are_suppressed_in_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    let out = tempfile::tempdir().expect("tempdir");
    let (csv, xlsx, pdf) = (
        out.path().join("a.csv"),
        out.path().join("a.xlsx"),
        out.path().join("a.pdf"),
    );
    let run = sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "--suppress-below",
        "2",
        "--csv",
        &csv.to_string_lossy(),
        "--xlsx",
        &xlsx.to_string_lossy(),
        "-o",
        &pdf.to_string_lossy(),
    ])
    .expect_code(0);
    let (_, rows) = csv_rows(&csv);
    // 1a has one Emerging school: the whole row is "c" (any cell would reveal it by subtraction).
    assert!(
        rows["2025/26 1a"][3..15].iter().all(|c| c == "c"),
        "{:?}",
        rows["2025/26 1a"]
    );
    // 1b has no small count (0 and 4): published.
    assert_eq!(rows["2025/26 1b"][3..8], ["0", "0", "0", "4", "0"]);
    // A suppressed strand is not listed as a strength or for development (that would hint
    // at its figures); 1a would otherwise be listed for development (25%).
    assert!(!run.stdout.contains(": 1a "), "{}", run.stdout);

    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("opens");
    let sheet = book.worksheet_range("Strands 2025-26").expect("sheet");
    assert_eq!(sheet.get_value((4, 2)), Some(&Data::String("c".into())));

    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("shows \"c\" in place of all its figures")
            || text.contains("shows “c” in place of all its figures"),
        "{text:.1500}"
    );
}

#[test]
fn a_school_report_can_show_the_area_beside_each_strand() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    let pdf = dir.path().join("oak.pdf");
    sendbench(&[
        "report",
        "examples/schools/oakfield-primary.toml",
        "--audience",
        "governors",
        "--compare",
        &dir.path().to_string_lossy(),
        "-o",
        &pdf.to_string_lossy(),
    ])
    .expect_code(0);
    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("(4 schools' returns for 2025/26)"),
        "{text:.1200}"
    );
    // 1a across the cohort: 1 Emerging, 3 Expected of 4.
    assert!(
        text.contains(
            "Area 2025/26 (4 schools judged it): 25% Emerging, 75% Expected, 0% Exemplary"
        ),
        "{text:.3000}"
    );
    // 1b: nobody in the cohort judged it.
    assert!(text.contains("Area 2025/26 (0 schools judged it): no school judged it"));
}
