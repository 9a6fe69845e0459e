//! The area's open data (`area::tidy`): several geographies in one set of files, the
//! metadata EES reads them with, the GSS symbols; and the XLSX's Excel tables.

use std::io::Read;

use sendbench_core::{
    AcademicYear, AreaBenchmark, AreaOptions, Assessment, ChecklistAnswer, ChecklistStatus,
    Judgement, OutcomeReview, Return, Rubric, RubricRef, School,
};
use sendbench_generate::area::{tidy, Geography, TidyFiles, TidyOptions, TOTAL};

/// A return from school `name` in `year` judging the given strands ("1a", level id) and
/// meeting the duty "senco".
fn school(rubric: &Rubric, name: &str, year: i16, judgements: &[(&str, &str)]) -> Return {
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        school: School {
            name: name.to_owned(),
            urn: None,
            area: None,
        },
        ..Assessment::default()
    };
    a.review.academic_year = Some(AcademicYear { start: year });
    for (code, level) in judgements {
        let (outcome, strand) = code.split_at(1);
        if a.outcomes.iter().all(|o| o.outcome != outcome) {
            a.outcomes.push(OutcomeReview {
                outcome: outcome.to_owned(),
                ..OutcomeReview::default()
            });
        }
        if let Some(o) = a.outcomes.iter_mut().find(|o| o.outcome == outcome) {
            o.strands.push(Judgement {
                strand: strand.to_owned(),
                level: Some((*level).to_owned()),
                ..Judgement::default()
            });
        }
    }
    a.checklist.push(ChecklistAnswer {
        item: "senco".to_owned(),
        status: Some(ChecklistStatus::Met),
        evidence: String::new(),
    });
    Return::new(a, format!("{name} {year}"))
}

fn bench(rubric: &Rubric, returns: &[Return], threshold: Option<u32>) -> AreaBenchmark {
    let (mut bench, _) = AreaBenchmark::build(rubric, returns, AreaOptions::default(), false)
        .expect("the returns aggregate");
    if let Some(n) = threshold {
        bench.suppress_below(n).expect("a threshold of 3 or more");
    }
    bench
}

/// A CSV file as its header and rows.
struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn of(bytes: &[u8]) -> Csv {
        let mut reader = csv::Reader::from_reader(bytes);
        let header = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
            .collect();
        Csv { header, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    /// The cells of `columns` in the one row matching every `(column, value)` of `key`.
    fn get(&self, key: &[(&str, &str)], columns: &[&str]) -> Vec<&str> {
        let rows: Vec<&Vec<String>> = self
            .rows
            .iter()
            .filter(|r| key.iter().all(|(c, v)| r[self.column(c)] == *v))
            .collect();
        assert_eq!(rows.len(), 1, "one row for {key:?}");
        columns
            .iter()
            .map(|c| rows[0][self.column(c)].as_str())
            .collect()
    }

    /// The metadata's rows by col_name.
    fn meta(&self, name: &str) -> Option<&Vec<String>> {
        self.rows.iter().find(|r| r[0] == name)
    }
}

/// A county of five schools in 2025/26 (three in North, two in South) and one in 2024/25
/// (in South): the county as Total, North by name.
fn county(rubric: &Rubric) -> (AreaBenchmark, AreaBenchmark) {
    let north = vec![
        school(
            rubric,
            "Alder",
            2025,
            &[("1a", "expected"), ("1b", "emerging")],
        ),
        school(rubric, "Birch", 2025, &[("1a", "expected")]),
        school(rubric, "Cedar", 2025, &[("1a", "exemplary")]),
    ];
    let mut all = north.clone();
    all.extend([
        school(rubric, "Damson", 2025, &[("1a", "emerging")]),
        school(rubric, "Elm", 2025, &[("1a", "expected")]),
        school(rubric, "Elm", 2024, &[("1a", "emerging")]),
    ]);
    (bench(rubric, &all, None), bench(rubric, &north, None))
}

const FIGURES: [&str; 9] = [
    "schools",
    "respondents",
    "not_judged",
    "emerging",
    "expected",
    "exemplary",
    "expected_or_better_percent",
    "below_expected",
    "disclosure",
];

#[test]
fn two_geographies_give_rows_for_both_and_a_year_one_lacks_is_not_available() {
    let rubric = Rubric::builtin();
    let (whole, north) = county(&rubric);
    let files = tidy(
        &[
            Geography {
                local_area: TOTAL,
                bench: &whole,
            },
            Geography {
                local_area: "North",
                bench: &north,
            },
        ],
        &rubric,
        &TidyOptions {
            la_name: "Hertfordshire".into(),
            old_la_code: "919".into(),
            new_la_code: "E10000015".into(),
            region_code: "E12000006".into(),
            region_name: "East of England".into(),
        },
    );
    let strands = Csv::of(&files.strands);
    let n = rubric.strands().count();
    // Two years, two geographies, every strand.
    assert_eq!(strands.rows.len(), 2 * 2 * n);
    // Oldest year first, then the geographies in the order given.
    assert_eq!(strands.rows[0][0], "202425");
    assert_eq!(strands.rows[0][10], "Total");
    assert_eq!(strands.rows[n][10], "North");
    assert_eq!(
        strands.rows[0][..13],
        [
            "202425",
            "Academic year",
            "Local authority",
            "E92000001",
            "England",
            "E12000006",
            "East of England",
            "919",
            "E10000015",
            "Hertfordshire",
            "Total",
            "1",
            "1a"
        ]
    );
    let row = |year: &str, area: &str, strand: &str| {
        strands.get(
            &[
                ("time_period", year),
                ("local_area", area),
                ("strand", strand),
            ],
            &FIGURES,
        )
    };
    // 2025/26, the county: 1a 1 Emerging, 3 Expected, 1 Exemplary of 5: 80% at Expected or
    // better.
    assert_eq!(
        row("202526", "Total", "1a"),
        ["5", "5", "0", "1", "3", "1", "80", "1", "full"]
    );
    // North: 2 Expected, 1 Exemplary of 3.
    assert_eq!(
        row("202526", "North", "1a"),
        ["3", "3", "0", "0", "2", "1", "100", "0", "full"]
    );
    // 1b: judged by one school in North, of three.
    assert_eq!(
        row("202526", "North", "1b"),
        ["3", "1", "2", "1", "0", "0", "0", "1", "full"]
    );
    // 2024/25: the county's one school; North has no return that year: no schools, and
    // its figures not available.
    assert_eq!(
        row("202425", "Total", "1a"),
        ["1", "1", "0", "1", "0", "0", "0", "1", "full"]
    );
    assert_eq!(
        row("202425", "North", "1a"),
        ["0", "x", "x", "x", "x", "x", "x", "x", "x"]
    );

    // local_area now has two values: a filter in the metadata.
    let meta = Csv::of(&files.strands_meta);
    let area = meta.meta("local_area").expect("local_area listed");
    assert_eq!(area[1], "Filter");
    assert_eq!(meta.meta("strand").expect("strand")[7], "outcome");
    // A grouping filter is listed as a filter too, as the EES screener asks
    // (check_meta_fil_grp_is_fil warns otherwise).
    let outcome = meta.meta("outcome").expect("the grouping filter listed");
    assert_eq!(
        (outcome[1].as_str(), outcome[2].as_str()),
        ("Filter", "Outcome")
    );

    // The checklist: the same geographies and years, a row per duty.
    let checklist = Csv::of(&files.checklist);
    assert_eq!(checklist.rows.len(), 2 * 2 * rubric.checklist.items.len());
    let duty = |year: &str, area: &str, id: &str| {
        checklist.get(
            &[("time_period", year), ("local_area", area), ("duty", id)],
            &[
                "schools",
                "answered",
                "unanswered",
                "met",
                "met_percent",
                "not_fully_met_percent",
            ],
        )
    };
    assert_eq!(
        duty("202526", "North", "senco"),
        ["3", "3", "0", "3", "100", "0"]
    );
    assert_eq!(
        duty("202526", "Total", "local-offer"),
        ["5", "0", "5", "0", "z", "z"]
    );
    assert_eq!(
        duty("202425", "North", "senco"),
        ["0", "x", "x", "x", "x", "x"]
    );
    let meta = Csv::of(&files.checklist_meta);
    assert_eq!(
        meta.meta("local_area").expect("local_area listed")[1],
        "Filter"
    );
    assert_eq!(meta.meta("duty").expect("duty listed")[1], "Filter");
}

#[test]
fn withheld_figures_are_c_and_a_percentage_of_no_respondents_is_z() {
    let rubric = Rubric::builtin();
    // 1a: 1 Emerging, 4 Expected: a small split with a threshold of 3, so withheld. 1b: 4
    // Expected, 1 Exemplary: a small level but not a small side, so the headline only.
    let returns: Vec<Return> = (0..5)
        .map(|i| {
            let a = if i == 0 { "emerging" } else { "expected" };
            let b = if i == 0 { "exemplary" } else { "expected" };
            school(
                &rubric,
                &format!("School {i}"),
                2025,
                &[("1a", a), ("1b", b)],
            )
        })
        .collect();
    let whole = bench(&rubric, &returns, Some(3));
    let files = tidy(
        &[Geography {
            local_area: TOTAL,
            bench: &whole,
        }],
        &rubric,
        &TidyOptions::default(),
    );
    let strands = Csv::of(&files.strands);
    let row = |strand: &str| {
        strands.get(
            &[("strand", strand)],
            &[
                "respondents",
                "not_judged",
                "emerging",
                "expected",
                "exemplary",
                "emerging_percent",
                "expected_percent",
                "exemplary_percent",
                "expected_or_better",
                "expected_or_better_percent",
                "below_expected",
                "below_expected_percent",
                "disclosure",
            ],
        )
    };
    assert_eq!(
        row("1a"),
        ["5", "0", "c", "c", "c", "c", "c", "c", "c", "c", "c", "c", "withheld"]
    );
    assert_eq!(
        row("1b"),
        ["5", "0", "0", "c", "c", "0", "c", "c", "5", "100", "0", "0", "headline"]
    );
    // 1c: nobody judged it: counts of 0, every percentage z (not applicable).
    assert_eq!(
        row("1c"),
        ["0", "5", "0", "0", "0", "z", "z", "z", "0", "z", "0", "z", "full"]
    );
    // The geography columns are empty without TidyOptions; local_area is Total and, with
    // one value, not in the metadata.
    assert_eq!(strands.rows[0][5..11], ["", "", "", "", "", "Total"]);
    let meta = Csv::of(&files.strands_meta);
    assert!(meta.meta("local_area").is_none());
    assert_eq!(
        meta.meta("expected_or_better_percent").expect("listed")[1..6],
        [
            "Indicator",
            "% of respondents judging the strand Expected or better",
            "Percentage of respondents by judgement",
            "%",
            "0"
        ]
    );
}

#[test]
fn the_files_are_named_for_ees_and_the_same_input_gives_the_same_bytes() {
    let rubric = Rubric::builtin();
    let (whole, _) = county(&rubric);
    let make = || {
        tidy(
            &[Geography {
                local_area: TOTAL,
                bench: &whole,
            }],
            &rubric,
            &TidyOptions::default(),
        )
    };
    let (a, b) = (make(), make());
    assert_eq!(a, b);
    let files = a.into_files();
    assert!(files[0].starts_with(b"time_period,"), "no byte-order mark");
    assert!(files[1].starts_with(b"col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\r\n"));
    assert_eq!(
        TidyFiles::names("area"),
        [
            "area.csv",
            "area.meta.csv",
            "area_checklist.csv",
            "area_checklist.meta.csv"
        ]
    );
}

/// The XLSX's data sheets hold Excel tables (header row, filter buttons, a light style),
/// under the title and description rows.
#[test]
fn the_workbook_sheets_are_excel_tables() {
    let rubric = Rubric::builtin();
    let (whole, _) = county(&rubric);
    let bytes = sendbench_generate::area::xlsx(&whole, &rubric, "Test").expect("a workbook");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut tables = Vec::new();
    for i in 1.. {
        let Ok(mut file) = zip.by_name(&format!("xl/tables/table{i}.xml")) else {
            break;
        };
        let mut xml = String::new();
        file.read_to_string(&mut xml).expect("UTF-8");
        tables.push(xml);
    }
    let names: Vec<&str> = tables
        .iter()
        .map(|xml| {
            let start = xml.find(" name=\"").expect("a name") + 7;
            &xml[start..start + xml[start..].find('"').expect("closed")]
        })
        .collect();
    assert_eq!(
        names,
        [
            "Notes",
            "Strands_2024_25",
            "Strands_2025_26",
            "Checklist",
            "Schools",
            "Comparison"
        ]
    );
    let strands = &tables[2];
    // Header in row 4, one row per strand below it, with filter buttons and a light style.
    let last = 4 + rubric.strands().count();
    assert!(
        strands.contains(&format!("ref=\"A4:P{last}\"")),
        "{strands}"
    );
    assert!(strands.contains(&format!("<autoFilter ref=\"A4:P{last}\"/>")));
    assert!(strands.contains("<tableColumn id=\"1\" name=\"Outcome\"/>"));
    assert!(strands.contains("<tableColumn id=\"7\" name=\"respondents\"/>"));
    assert!(strands.contains("name=\"TableStyleLight1\""));
    for xml in &tables {
        assert!(xml.contains("showRowStripes=\"1\""));
    }
    // Title and description stay in A1 and A2, above the table.
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(
        sendbench_generate::area::xlsx(&whole, &rubric, "Test").expect("a workbook"),
    ))
    .expect("opens");
    use calamine::Reader;
    let sheet = book.worksheet_range("Strands 2025-26").expect("sheet");
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&calamine::Data::String("Test: strands, 2025/26".into()))
    );
    assert_eq!(
        sheet.get_value((3, 0)),
        Some(&calamine::Data::String("Outcome".into()))
    );
}
