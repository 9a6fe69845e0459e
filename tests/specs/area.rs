//! `sendbench area`: cohorts of schools with known judgements, and the exact figures the CSV
//! and the summary must show for them.

use crate::util;
use std::path::Path;

use crate::util::sendbench;

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

/// A CSV file of the open data as its header and rows (no cell of these holds a comma).
struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn read(path: &Path) -> Csv {
        let text = std::fs::read_to_string(path).expect("csv");
        let mut lines = text
            .lines()
            .map(|l| l.split(',').map(str::to_owned).collect());
        let header: Vec<String> = lines.next().expect("header");
        let rows: Vec<Vec<String>> = lines.collect();
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{row:?}");
        }
        Csv { header, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }
}

/// The strands file's figures, in the order the tests list them: the counts at each level,
/// not judged, respondents, the percentages at each level, then at Expected or better and
/// below it, count and percentage, and the disclosure.
const FIGURES: [&str; 13] = [
    "emerging",
    "expected",
    "exemplary",
    "not_judged",
    "respondents",
    "emerging_percent",
    "expected_percent",
    "exemplary_percent",
    "expected_or_better",
    "expected_or_better_percent",
    "below_expected",
    "below_expected_percent",
    "disclosure",
];

/// The strands file (`--csv FILE`) as [`FIGURES`] per row, keyed by "time_period strand"
/// ("202526 1a"); every row is the whole area's (`local_area` Total).
fn csv_rows(path: &Path) -> (Csv, std::collections::HashMap<String, Vec<String>>) {
    let csv = Csv::read(path);
    let (year, area, strand) = (
        csv.column("time_period"),
        csv.column("local_area"),
        csv.column("strand"),
    );
    let figures: Vec<usize> = FIGURES.iter().map(|f| csv.column(f)).collect();
    let mut rows = std::collections::HashMap::new();
    for row in &csv.rows {
        assert_eq!(row[area], "Total");
        let key = format!("{} {}", row[year], row[strand]);
        let cells: Vec<String> = figures.iter().map(|&c| row[c].clone()).collect();
        assert!(
            rows.insert(key, cells).is_none(),
            "one row per year and strand"
        );
    }
    (csv, rows)
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
    let (file, rows) = csv_rows(&csv);
    // The open data standard's time and geography columns, then the filters.
    assert_eq!(
        file.header[..16],
        [
            "time_period",
            "time_identifier",
            "geographic_level",
            "country_code",
            "country_name",
            "region_code",
            "region_name",
            "old_la_code",
            "new_la_code",
            "la_name",
            "local_area",
            "outcome",
            "strand",
            "schools",
            "respondents",
            "not_judged"
        ]
    );
    assert_eq!(
        file.rows[0][..14],
        [
            "202526",
            "Academic year",
            "Local authority",
            "E92000001",
            "England",
            "",
            "",
            "",
            "",
            "",
            "Total",
            "1",
            "1a",
            "4"
        ]
    );
    // 1a: 1 Emerging, 3 Expected of 4 respondents.
    assert_eq!(
        rows["202526 1a"],
        ["1", "3", "0", "0", "4", "25", "75", "0", "3", "75", "1", "25", "full"]
    );
    // 1c: judged by 2 of 4 schools; percentages are of those 2.
    assert_eq!(
        rows["202526 1c"],
        ["1", "0", "1", "2", "2", "50", "0", "50", "1", "50", "1", "50", "full"]
    );
    // 1b: nobody judged it: no percentages, rather than 0%: z, not applicable.
    assert_eq!(
        rows["202526 1b"],
        ["0", "0", "0", "4", "0", "z", "z", "z", "0", "z", "0", "z", "full"]
    );
    assert_eq!(rows.len(), 34, "one row per strand");
    // The checklist beside it: every school met "senco"; no school answered the others.
    let checklist = Csv::read(&dir.path().join("out/area_checklist.csv"));
    let duty = |id: &str, columns: &[&str]| -> Vec<String> {
        let row = checklist
            .rows
            .iter()
            .find(|r| r[checklist.column("duty")] == id)
            .unwrap_or_else(|| panic!("a row for {id}"));
        columns
            .iter()
            .map(|c| row[checklist.column(c)].clone())
            .collect()
    };
    let figures = [
        "schools",
        "answered",
        "unanswered",
        "met",
        "partly_met",
        "not_met",
        "not_fully_met",
        "met_percent",
        "not_fully_met_percent",
        "disclosure",
    ];
    assert_eq!(
        duty("senco", &figures),
        ["4", "4", "0", "4", "0", "0", "0", "100", "0", "full"]
    );
    assert_eq!(
        duty("local-offer", &figures),
        ["4", "0", "4", "0", "0", "0", "0", "z", "z", "full"]
    );
    assert_eq!(checklist.rows.len(), 9, "one row per duty");
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
        run.stderr
            .contains("Alder Primary School was sent twice for 2025/26")
            && run.stderr.contains("counted once, using")
            && run.stderr.contains("it is the later review"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a.toml") && run.stderr.contains("a-resubmitted.toml"),
        "{}",
        run.stderr
    );
    let (_, rows) = csv_rows(&csv);
    assert_eq!(rows["202526 1a"][..5], ["1", "2", "1", "0", "4"]);

    args.push("--strict");
    args.push("--force");
    let run = sendbench(&args).expect_code(1);
    assert!(
        run.stderr.contains("--strict refuses to choose") && run.stderr.contains("sent twice"),
        "{}",
        run.stderr
    );
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
    let (file, rows) = csv_rows(&csv);
    assert_eq!(rows["202425 1a"][..5], ["1", "0", "0", "0", "1"]);
    assert_eq!(rows["202526 1a"][..5], ["1", "3", "0", "0", "4"]);
    assert_eq!(rows.len(), 68);
    // Each year's rows say how many schools that year's benchmark has.
    let (year, schools) = (file.column("time_period"), file.column("schools"));
    for row in &file.rows {
        let n = if row[year] == "202425" { "1" } else { "4" };
        assert_eq!(row[schools], n, "{row:?}");
    }
    assert!(
        run.stdout.find("Academic year 2024/25") < run.stdout.find("Academic year 2025/26"),
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
            .contains("little-acorns.toml: it answers the rubric northshire-early-years-inclusion"),
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
    // 1a: 0% Expected+Exemplary in 2024/25 (0 of 1), 75% in 2025/26 (3 of 4): +75 points,
    // resting on fewer than 10 respondents.
    let cells: Vec<&Data> = (2..10)
        .map(|c| comparison.get_value((4, c)).expect("cell"))
        .collect();
    assert_eq!(
        cells,
        [
            &Data::Float(0.0),
            &Data::Float(0.0),
            &Data::Float(1.0),
            &Data::Float(75.0),
            &Data::Float(3.0),
            &Data::Float(4.0),
            &Data::Float(75.0),
            &Data::String("yes".into())
        ]
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
        text.contains("50% (1 of 2)") && text.contains("25% (1 of 4)"),
        "{text:.3000}"
    );
    // Year on year: 1a from 0% to 75% at Expected or above, each with its denominator, the
    // change marked as resting on few schools; each year's heading gives its schools.
    assert!(
        text.contains("1a 0% (0 of 1) 75% (3 of 4) +75 (few schools)"),
        "{text}"
    );
    assert!(
        text.contains("2024/25 (1 school) 2025/26 (4 schools)"),
        "{text}"
    );
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
        "3",
        "--csv",
        &csv.to_string_lossy(),
        "--xlsx",
        &xlsx.to_string_lossy(),
        "-o",
        &pdf.to_string_lossy(),
    ])
    .expect_code(0);
    let (_, rows) = csv_rows(&csv);
    // 1a has one Emerging school, so its split (1 below Expected, 3 at or above) is small:
    // every judgement figure is "c"; not judged (0) and respondents (4) are still shown.
    assert_eq!(
        rows["202526 1a"],
        ["c", "c", "c", "0", "4", "c", "c", "c", "c", "c", "c", "c", "withheld"],
        "{:?}",
        rows["202526 1a"]
    );
    // 1b has no small count (0 and 4): published.
    assert_eq!(
        rows["202526 1b"],
        ["0", "0", "0", "4", "0", "z", "z", "z", "0", "z", "0", "z", "full"]
    );
    // A suppressed strand is not listed as a strength or for development (that would hint
    // at its figures); 1a would otherwise be listed for development (25%).
    assert!(!run.stdout.contains(": 1a "), "{}", run.stdout);

    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("opens");
    let sheet = book.worksheet_range("Strands 2025-26").expect("sheet");
    assert_eq!(sheet.get_value((4, 2)), Some(&Data::String("c".into())));

    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("A count from 1 to 2 could identify a school, so it is never shown"),
        "{text:.2500}"
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
        text.contains("(4 schools' returns for 2025/26, not including this school's)"),
        "{text:.1200}"
    );
    // 1a across the cohort: 1 Emerging, 3 Expected of 4, each with its denominator.
    assert!(
        text.contains(
            "Area 2025/26, 4 schools judged it, this school's return not included: 25% Emerging (1 of 4), 75% Expected (3 of 4), 0% Exemplary (0 of 4)"
        ),
        "{text:.3000}"
    );
    // 1b: nobody in the cohort judged it.
    assert!(
        text.contains("Area 2025/26, no school judged it, this school's return not included"),
        "{text:.3000}"
    );
}

/// Writes `n` returns for 2025/26 (URNs 300000 up, area "DSPL 9"): for each `(strand,
/// [emerging, expected, exemplary])` the first schools judge it at those levels in turn and
/// the rest leave it unjudged; other strands are not judged.
fn crafted(dir: &Path, n: usize, rows: &[(&str, [usize; 3])]) {
    let levels = ["emerging", "expected", "exemplary"];
    for i in 0..n {
        let mut text = format!(
            "rubric = {{ id = \"hertfordshire-send-benchmark\", version = \"1\" }}\n[school]\nname = \"School {i}\"\nurn = \"{}\"\narea = \"DSPL 9\"\n\
             [review]\nacademic_year = \"2025/26\"\ndate = 2026-06-{:02}\n[checklist.senco]\nstatus = \"met\"\n",
            300_000 + i,
            1 + i % 28
        );
        for (strand, counts) in rows {
            let mut k = i;
            let level = counts.iter().enumerate().find_map(|(l, &c)| {
                if k < c {
                    Some(levels[l])
                } else {
                    k -= c;
                    None
                }
            });
            if let Some(level) = level {
                let (outcome, id) = strand.split_at(1);
                text.push_str(&format!(
                    "[outcomes.{outcome}.strands.{id}]\njudgement = \"{level}\"\nevidence = \"x\"\n"
                ));
            }
        }
        std::fs::write(dir.join(format!("s{i:03}.toml")), text).expect("write");
    }
}

/// The PDF's text in the order it was laid out (`pdftotext -raw`), white space collapsed:
/// a chart row's code, segments and label stay together, whatever their baselines.
fn pdf_text_raw(path: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is needed for these tests (apt-get install poppler-utils)");
    util::squash(&String::from_utf8_lossy(&output.stdout))
}

/// The part of `text` from `from` up to `to` (or the end).
fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} in {text}"));
    let rest = &text[start..];
    &rest[..rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |e| e + from.len())]
}

/// Runs `area` on `dir` with `extra` arguments, writing CSV, XLSX and PDF into `out`.
fn area_run(dir: &Path, out: &Path, extra: &[&str]) -> (util::Run, String) {
    let (csv, xlsx, pdf) = (out.join("a.csv"), out.join("a.xlsx"), out.join("a.pdf"));
    let dir_s = dir.to_string_lossy().into_owned();
    let (csv_s, xlsx_s, pdf_s) = (
        csv.to_string_lossy().into_owned(),
        xlsx.to_string_lossy().into_owned(),
        pdf.to_string_lossy().into_owned(),
    );
    let mut args = vec![
        "area", &dir_s, "--csv", &csv_s, "--xlsx", &xlsx_s, "-o", &pdf_s, "--force",
    ];
    args.extend(extra);
    let run = sendbench(&args).expect_code(0);
    let text = pdf_text_raw(&pdf);
    (run, text)
}

#[test]
fn when_every_figure_is_withheld_the_first_page_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    // Two schools under a threshold of 3: every judged strand withheld.
    crafted(dir.path(), 2, &[("1a", [0, 2, 0]), ("5b", [1, 1, 0])]);
    let (_, text) = area_run(dir.path(), out.path(), &["--suppress-below", "3"]);
    let glance = section(&text, "At a glance", "About these figures");
    assert_eq!(
        glance
            .matches("none is listed: every judged strand’s figures are withheld to protect small numbers.")
            .count(),
        2,
        "{glance}"
    );
    assert!(!glance.contains("the outcome sections say why"), "{glance}");
    // The thresholds are met by the percentages as printed: the rule says so.
    assert!(text.contains("each percentage as it is shown here, rounded to a whole number"));
}

#[test]
fn an_outcome_nobody_judged_says_so_rather_than_that_no_strand_reached_a_threshold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    // Unfinished reviews: only outcome 5 judged by anyone.
    crafted(dir.path(), 4, &[("5a", [0, 4, 0]), ("5b", [1, 3, 0])]);
    let (run, text) = area_run(dir.path(), out.path(), &[]);
    let said = "No school judged any strand in this outcome, so none can be listed.";
    let outcome1 = section(&text, "Outcome 1:", "Outcome 2:");
    assert_eq!(outcome1.matches(said).count(), 2, "{outcome1}");
    assert!(
        !outcome1.contains("No strand reached the threshold"),
        "{outcome1}"
    );
    // Outcome 5 was judged: its lists say what the figures say.
    let outcome5 = section(&text, "Outcome 5:", "Statutory checklist");
    assert!(!outcome5.contains(said), "{outcome5}");
    let stdout = util::squash(&run.stdout);
    assert!(
        section(&stdout, "Outcome 1", "Outcome 2").contains(said),
        "{stdout}"
    );
}

#[test]
fn a_strand_reaching_both_thresholds_is_listed_for_development_and_the_strengths_say_so() {
    // The published DSPL 9 report's 5c: 46 schools, 7 Emerging (15%), 39 at Expected or
    // Exemplary (85%). And outcome 4, where 4a is the same case and nothing else is judged:
    // its strengths must not say that no strand reached the threshold.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    crafted(
        dir.path(),
        46,
        &[
            ("5a", [0, 46, 0]),
            ("5b", [0, 40, 6]),
            ("5c", [7, 30, 9]),
            ("4a", [7, 30, 9]),
        ],
    );
    let (run, text) = area_run(dir.path(), out.path(), &[]);
    let said = "Strand 5c reached 85% (39 of 46) at Expected or Exemplary but is listed as an area for development instead, as 15% (7 of 46) judged it Emerging.";
    let stdout = util::squash(&run.stdout);
    assert!(stdout.contains(said), "{stdout}");
    assert!(
        run.stdout
            .contains("to develop (Emerging): 5c    15% (7 of 46)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("strength (Expected or Exemplary): 5c"));
    assert!(text.contains(said), "{text}");
    // In the PDF, 5c is in outcome 5's areas for development, not its strengths.
    let outcome5 = section(&text, "Outcome 5:", "Statutory checklist");
    let strengths = section(outcome5, "Areas of strength", "Areas for development");
    let developments = section(outcome5, "Areas for development", "Statutory checklist");
    assert!(
        strengths.contains("5a") && !strengths.contains("5c The SEN"),
        "{strengths}"
    );
    assert!(developments.contains("5c") && developments.contains("15% (7 of 46)"));
    // Outcome 4: nothing listed as a strength, and the sentence says why, never that no
    // strand reached the threshold.
    let outcome4 = section(&text, "Outcome 4:", "Outcome 5:");
    assert!(
        outcome4.contains("No strand is listed as a strength."),
        "{outcome4}"
    );
    assert!(
        !outcome4.contains("No strand reached the threshold for a strength"),
        "{outcome4}"
    );
    assert!(outcome4.contains("Strand 4a reached 85% (39 of 46)"));
    let terminal4 = section(&stdout, "Outcome 4", "Outcome 5");
    assert!(
        terminal4.contains("No strand is listed as a strength."),
        "{terminal4}"
    );
    assert!(!terminal4.contains("No strand reached the threshold for a strength"));
    // The rule is in the report and the help.
    assert!(text.contains(
        "A strand that reaches both is listed as an area for development, not as a strength"
    ));
    let help = sendbench(&["area", "--help"]).expect_code(0);
    assert!(
        util::squash(&help.stdout)
            .contains("A strand reaching both is an area for development, never a strength"),
        "{}",
        help.stdout
    );
}

#[test]
fn strands_tying_at_the_limit_are_all_listed_and_those_beyond_it_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    // Outcome 2: six strands at 100%, more than the limit of 5. Outcome 1: three strands at
    // 95%, 95%, 90% with --strengths 1 below: 1a and 1b tie at the limit, 1c is beyond it.
    let mut rows: Vec<(&str, [usize; 3])> = ["2a", "2b", "2c", "2d", "2e", "2f"]
        .iter()
        .map(|&s| (s, [0, 20, 0]))
        .collect();
    rows.extend([("1a", [1, 19, 0]), ("1b", [1, 10, 9]), ("1c", [2, 18, 0])]);
    crafted(dir.path(), 20, &rows);
    let (run, text) = area_run(dir.path(), out.path(), &[]);
    let ties = "6 strands are listed, more than the limit of 5, because every strand with the same percentage as the last within the limit (100%) is listed.";
    assert!(util::squash(&run.stdout).contains(ties), "{}", run.stdout);
    assert!(text.contains(ties), "{text}");
    for s in ["2a", "2b", "2c", "2d", "2e", "2f"] {
        assert!(
            run.stdout.contains(&format!(
                "strength (Expected or Exemplary): {s}   100% (20 of 20)"
            )),
            "{}",
            run.stdout
        );
    }

    let (run, text) = area_run(
        dir.path(),
        out.path(),
        &["--strengths", "1", "--development-threshold", "50"],
    );
    let beyond = "3 strands reached the threshold; the 2 highest are listed. Not listed: 1c, 90% (18 of 20).";
    assert!(util::squash(&run.stdout).contains(beyond), "{}", run.stdout);
    assert!(text.contains(beyond), "{text}");
    assert!(text.contains("2 strands are listed, more than the limit of 1"));
}

#[test]
fn withheld_and_headline_strands_follow_the_same_rule_in_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    crafted(
        dir.path(),
        46,
        &[
            // 2 Emerging: the split itself is small, so nothing is shown (it would be a
            // 96% strength).
            ("1a", [2, 44, 0]),
            // 2 Exemplary: only the split 6 / 40 is shown.
            ("1b", [6, 38, 2]),
            ("1c", [7, 30, 9]),
        ],
    );
    let (run, text) = area_run(dir.path(), out.path(), &["--suppress-below", "5"]);
    let (_, rows) = csv_rows(&out.path().join("a.csv"));
    assert_eq!(
        rows["202526 1a"],
        ["c", "c", "c", "0", "46", "c", "c", "c", "c", "c", "c", "c", "withheld"]
    );
    assert_eq!(
        rows["202526 1b"],
        ["6", "c", "c", "0", "46", "13", "c", "c", "40", "87", "6", "13", "headline"]
    );
    assert_eq!(rows["202526 1c"][12], "full");
    // Strands 1d to 1o (no school judged them) have nothing small: full, with zeros.
    assert_eq!(rows["202526 1d"][..5], ["0", "0", "0", "46", "0"]);

    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(out.path().join("a.xlsx")).expect("opens");
    let sheet = book.worksheet_range("Strands 2025-26").expect("sheet");
    let row: Vec<Data> = (2..16)
        .map(|c| sheet.get_value((5, c)).cloned().unwrap_or(Data::Empty))
        .collect();
    let c = || Data::String("c".into());
    let f = Data::Float;
    assert_eq!(
        row,
        [
            f(6.0),
            c(),
            c(),
            f(0.0),
            f(46.0),
            f(13.0),
            c(),
            c(),
            f(40.0),
            f(87.0),
            f(6.0),
            f(13.0),
            Data::String("headline".into()),
            sheet.get_value((5, 15)).cloned().unwrap_or(Data::Empty),
        ]
    );
    let notes = book.worksheet_range("Notes").expect("notes");
    assert!(notes
        .rows()
        .any(|r| r.first() == Some(&Data::String("disclosure".into()))));

    // The terminal and the PDF say what was withheld and why.
    let note = "To protect small numbers (fewer than 5 schools), 7 counts are withheld and shown as c: 1 strand shows only the Expected-or-better split; 1 strand shows no judgement counts.";
    assert!(util::squash(&run.stdout).contains(note), "{}", run.stdout);
    assert!(text.contains(note), "{text:.4000}");
    // 1a is in no list, and the lists say so rather than "no strand reached the threshold".
    assert!(!run.stdout.contains(": 1a "), "{}", run.stdout);
    let strengths = section(
        &text,
        "Areas of strength (expected",
        "Areas for development (",
    );
    assert!(
        strengths.contains(
            "Strand 1a is not considered, as its figures are withheld to protect small numbers."
        ),
        "{strengths}"
    );
    // The chart shows c for 1a and no number: its row reads "1a c 46 of 46 judged".
    let outcome1 = section(&text, "Outcome 1:", "Areas of strength");
    assert!(outcome1.contains("1a c 46 of 46 judged"), "{outcome1}");
    assert!(
        !text.contains("44 of 46") && !text.contains("96%"),
        "{text}"
    );
    // 1b: two segments, 6 and 40, keyed as the split.
    assert!(outcome1.contains("1b 6 40 46 of 46 judged"), "{outcome1}");
    assert!(outcome1.contains("Expected or Exemplary (split withheld)"));
    assert!(outcome1.contains("c: figures withheld"));
}

#[test]
fn a_threshold_below_3_is_refused() {
    let run = sendbench(&["area", "examples/schools", "--suppress-below", "2"]).expect_code(2);
    assert!(run.stderr.contains("--suppress-below"), "{}", run.stderr);
}

#[test]
fn years_of_few_schools_are_warned_about_and_their_changes_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    crafted(dir.path(), 46, &[("1a", [6, 40, 0])]);
    // One stray 2019/20 return.
    school(
        dir.path(),
        "stray.toml",
        "Stray School",
        "399999",
        "2019/20",
        "2020-06-01",
        &[("1a", "expected")],
    );
    let (run, text) = area_run(dir.path(), out.path(), &[]);
    assert!(
        run.stderr
            .contains("warning: 2019/20: only 1 school returned the benchmark, so every percentage is that one school's judgement (0% or 100%)"),
        "{}",
        run.stderr
    );
    assert!(text.contains("Read with care."), "{text:.3000}");
    assert!(text.contains("2019/20: only 1 school returned the benchmark"));
    // The change from 100% of 1 school to 87% of 46 is shown marked, never bare.
    assert!(
        text.contains("1a 100% (1 of 1) 87% (40 of 46) −13 (few schools)"),
        "{text}"
    );
    assert!(text.contains("2019/20 (1 school) 2025/26 (46 schools) Change since 2019/20"));
    // Below the threshold the stray year is withheld: no change at all.
    let (run, text) = area_run(dir.path(), out.path(), &["--suppress-below", "5"]);
    assert!(
        run.stderr.contains(
            "warning: 2019/20: only 1 school returned the benchmark, fewer than the small-numbers threshold (5)"
        ),
        "{}",
        run.stderr
    );
    assert!(text.contains("1a c 87% (40 of 46) c"), "{text}");
}

#[test]
fn the_title_and_cover_name_the_area_year_and_collection() {
    let out = tempfile::tempdir().expect("tempdir");
    let pdf = out.path().join("a.pdf");
    let pdf_s = pdf.to_string_lossy().into_owned();
    let run = sendbench(&["area", "examples/schools", "-o", &pdf_s]).expect_code(0);
    assert!(
        run.stdout.starts_with("DSPL 9 SEND benchmark 2025/26\n"),
        "{}",
        run.stdout
    );
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo");
    assert!(
        String::from_utf8_lossy(&info.stdout)
            .contains("Title:           DSPL 9 SEND benchmark 2025/26"),
        "{}",
        String::from_utf8_lossy(&info.stdout)
    );
    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("Self-reviews by 3 schools against the Hertfordshire Schools’ SEND Benchmark and Planning Tool, dated 19 June to 3 July 2026."),
        "{text:.1000}"
    );
    // For assistive technology: headings, tables with header rows, and no text outside a
    // paragraph (a lead-in kept with its table is still a paragraph).
    let structure = std::process::Command::new("pdfinfo")
        .arg("-struct")
        .arg(&pdf)
        .output()
        .expect("pdfinfo");
    let structure = String::from_utf8_lossy(&structure.stdout);
    assert!(
        structure.contains("H1 \"About these figures\""),
        "{structure}"
    );
    assert!(structure.contains("THead"));
    let loose: Vec<&str> = structure
        .lines()
        .filter(|l| l.starts_with("  Span"))
        .collect();
    assert!(loose.is_empty(), "text outside any paragraph: {loose:?}");
    let said = "Returned to the DSPL 9 office by email in June and July 2026.";
    sendbench(&[
        "area",
        "examples/schools",
        "-o",
        &pdf_s,
        "--force",
        "--collection",
        said,
    ])
    .expect_code(0);
    let text = util::pdf_text(&pdf);
    assert!(text.contains(said), "{text:.1000}");
    assert!(!text.contains("Self-reviews by 3 schools"));
}

#[test]
fn a_school_report_compares_under_the_same_rule_and_says_if_it_is_included() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    std::fs::copy(
        "examples/schools/oakfield-primary.toml",
        dir.path().join("oakfield.toml"),
    )
    .expect("copy");
    let pdf = dir.path().join("oak.pdf");
    let pdf_s = pdf.to_string_lossy().into_owned();
    let dir_s = dir.path().to_string_lossy().into_owned();
    // The governors' report beside the area in `dir`, with `extra` arguments.
    let governors = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "examples/schools/oakfield-primary.toml",
            "--audience",
            "governors",
            "--compare",
            &dir_s,
            "-o",
            &pdf_s,
            "--force",
        ];
        args.extend(extra);
        sendbench(&args).expect_code(0)
    };
    governors(&["--suppress-below", "3"]);
    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("(5 schools' returns for 2025/26, this school's among them)"),
        "{text:.1500}"
    );
    // 1a: 1 Emerging, 3 Expected from the cohort and Oakfield's own: a small split, withheld.
    assert!(
        text.contains("Area 2025/26, 5 schools judged it, this school's return included: figures withheld (c) to protect small numbers"),
        "{text:.4000}"
    );
    // Without the threshold, the same strand in full, with denominators.
    governors(&[]);
    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("Area 2025/26, 5 schools judged it, this school's return included: 20% Emerging (1 of 5)"),
        "{text:.4000}"
    );
    // The area holding an earlier version of this review (1a judged Exemplary there): the
    // report does not claim this review is among those counted.
    let earlier = std::fs::read_to_string("examples/schools/oakfield-primary.toml")
        .expect("example")
        .replacen(
            "[outcomes.1.strands.a]\njudgement = \"expected\"",
            "[outcomes.1.strands.a]\njudgement = \"exemplary\"",
            1,
        );
    std::fs::write(dir.path().join("oakfield.toml"), earlier).expect("write");
    let run = governors(&[]);
    assert!(
        run.stderr
            .contains("a return from this school that judges differently from"),
        "{}",
        run.stderr
    );
    let text = util::pdf_text(&pdf);
    assert!(
        text.contains("an earlier return from this school among them, not this review)"),
        "{text:.1500}"
    );
    assert!(
        text.contains("Area 2025/26, 5 schools judged it, an earlier return from this school included in place of this review"),
        "{text:.4000}"
    );
    assert!(
        !text.contains("this school's return included"),
        "{text:.4000}"
    );
    // --suppress-below needs --compare.
    sendbench(&[
        "report",
        "examples/schools/oakfield-primary.toml",
        "--audience",
        "governors",
        "--suppress-below",
        "3",
    ])
    .expect_code(2);
}

#[test]
fn the_open_data_is_four_files_utf8_without_a_byte_order_mark_with_crlf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("area.csv");
    sendbench(&[
        "area",
        "examples/schools",
        "--csv",
        &csv.to_string_lossy(),
        "--la-name",
        "Kingston upon Hull, City of",
        "--la-code",
        "e06000010",
        "--old-la-code",
        "810",
    ])
    .expect_code(0);
    for (name, first) in [
        ("area.csv", "time_period,"),
        ("area.meta.csv", "col_name,col_type,"),
        ("area_checklist.csv", "time_period,"),
        ("area_checklist.meta.csv", "col_name,col_type,"),
    ] {
        let bytes = std::fs::read(dir.path().join(name)).expect(name);
        let text = String::from_utf8(bytes).expect("UTF-8");
        // No byte-order mark: the first column is time_period to every reader.
        assert!(text.starts_with(first), "{name}: {}", &text[..40]);
        let lines = text.split("\r\n").count();
        assert_eq!(
            text.matches('\n').count(),
            lines - 1,
            "{name}: every line ends CRLF"
        );
        assert!(text.ends_with("\r\n"));
    }
    // The local authority, as EES lists it (a name with a comma is quoted; the code is
    // upper case).
    let text = std::fs::read_to_string(&csv).expect("csv");
    let row = text.lines().nth(1).expect("a row");
    assert!(
        row.starts_with(
            "202526,Academic year,Local authority,E92000001,England,,,810,E06000010,\"Kingston upon Hull, City of\",Total,1,1a,3,"
        ),
        "{row}"
    );
    // A code in the wrong form is refused before anything is read.
    let run = sendbench(&["area", "examples/schools", "--la-code", "919"]).expect_code(2);
    assert!(run.stderr.contains("E10000015"), "{}", run.stderr);
    let run = sendbench(&["area", "examples/schools", "--old-la-code", "E10000015"]).expect_code(2);
    assert!(run.stderr.contains("three digits"), "{}", run.stderr);
}

/// Each metadata file lists exactly its data file's filters with two values or more and
/// every indicator, with the types and units EES reads; a filter with one value (here
/// local_area, only Total) is left out, and outcome is named as strand's grouping, not
/// listed.
#[test]
fn the_metadata_lists_every_filter_and_indicator_of_its_data_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    cohort(dir.path());
    let csv = dir.path().join("area.csv");
    sendbench(&[
        "area",
        &dir.path().to_string_lossy(),
        "--csv",
        &csv.to_string_lossy(),
    ])
    .expect_code(0);
    let observational = [
        "time_period",
        "time_identifier",
        "geographic_level",
        "country_code",
        "country_name",
        "region_code",
        "region_name",
        "old_la_code",
        "new_la_code",
        "la_name",
    ];
    for (data, meta, filters) in [
        (
            "area.csv",
            "area.meta.csv",
            vec![("outcome", ""), ("strand", "outcome")],
        ),
        (
            "area_checklist.csv",
            "area_checklist.meta.csv",
            vec![("duty", "")],
        ),
    ] {
        let data = Csv::read(&dir.path().join(data));
        let meta = Csv::read(&dir.path().join(meta));
        assert_eq!(
            meta.header,
            [
                "col_name",
                "col_type",
                "label",
                "indicator_grouping",
                "indicator_unit",
                "indicator_dp",
                "filter_hint",
                "filter_grouping_column"
            ]
        );
        assert_eq!(data.header[..10], observational);
        let listed: Vec<&str> = meta.rows.iter().map(|r| r[0].as_str()).collect();
        let grouping: Vec<&str> = meta
            .rows
            .iter()
            .map(|r| r[7].as_str())
            .filter(|g| !g.is_empty())
            .collect();
        let single: Vec<&str> = data.header[10..]
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let c = 10 + i;
                data.rows.iter().all(|r| r[c] == data.rows[0][c])
            })
            .map(|(_, h)| h.as_str())
            .collect();
        // Every column after the time and geography is listed (a grouping filter too, as
        // the EES screener asks), or a filter with one value; nothing else is listed.
        for h in &data.header[10..] {
            let found = listed.contains(&h.as_str());
            assert!(
                found || (h == "local_area" && single.contains(&"local_area")),
                "{h}: listed {listed:?}"
            );
        }
        assert!(
            grouping.iter().all(|g| listed.contains(g)),
            "{grouping:?} listed"
        );
        assert!(listed.iter().all(|c| data.header.iter().any(|h| h == c)));
        for row in &meta.rows {
            let (name, kind, label) = (&row[0], &row[1], &row[2]);
            assert!(!label.is_empty(), "{name} has a label");
            match filters.iter().find(|(f, _)| f == name) {
                Some((_, group)) => {
                    assert_eq!(kind, "Filter", "{name}");
                    assert_eq!(row[7], *group, "{name}");
                    assert_eq!(row[4..6], ["", ""], "{name}: no unit or dp for a filter");
                }
                None => {
                    assert_eq!(kind, "Indicator", "{name}");
                    assert_eq!(row[6..8], ["", ""], "{name}: no hint or grouping");
                    let unit = if name.ends_with("_percent") { "%" } else { "" };
                    assert_eq!(row[4], unit, "{name}");
                    let dp = if name == "disclosure" { "" } else { "0" };
                    assert_eq!(row[5], dp, "{name}");
                }
            }
        }
        // Labels are distinct (EES refuses duplicates).
        let mut labels: Vec<&str> = meta.rows.iter().map(|r| r[2].as_str()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), meta.rows.len());
        // No indicator cell is empty: a number, c, z or x.
        for (i, h) in data.header.iter().enumerate() {
            if listed.contains(&h.as_str()) && !filters.iter().any(|(f, _)| f == h) {
                for row in &data.rows {
                    let cell = &row[i];
                    assert!(
                        cell.parse::<u32>().is_ok()
                            || ["c", "z", "x", "full", "headline", "withheld"]
                                .contains(&cell.as_str()),
                        "{h}: {cell:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn text_too_long_for_an_excel_cell_is_cut_and_says_so_and_nothing_is_half_written() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    let name = format!("Oakfield {}", "Primary ".repeat(5000));
    let text = std::fs::read_to_string(util::root().join("examples/schools/oakfield-primary.toml"))
        .expect("example")
        .replace("Oakfield Primary School", name.trim());
    std::fs::write(dir.path().join("oak.toml"), text).expect("write");
    let xlsx = dir.path().join("area.xlsx");
    let csv = dir.path().join("area.csv");
    sendbench(&[
        "area",
        &dir.path().join("oak.toml").to_string_lossy(),
        "--xlsx",
        &xlsx.to_string_lossy(),
        "--csv",
        &csv.to_string_lossy(),
    ])
    .expect_code(0);
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let schools = book.worksheet_range("Schools").expect("sheet");
    let cell = schools
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .find(|c| c.starts_with("Oakfield"))
        .expect("the school");
    assert!(cell.chars().count() <= 32_767);
    assert!(
        cell.ends_with("at most 32,767 characters)"),
        "{}",
        &cell[cell.len() - 80..]
    );
}
