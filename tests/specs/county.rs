//! A county's survey split into its local areas (`area --by area`): every area's report
//! with the county's figure beside its own, the county's overview of every area side by
//! side, open data with each area beside the county's total, exact counts from the
//! spreadsheet, and the response rate from the officer's options file.

use std::collections::HashMap;
use std::path::Path;

use crate::util::{pdf_text, sendbench};

const LEVELS: [&str; 3] = ["Emerging", "Expected", "Exemplary"];

/// The schools of the synthetic county: (name, URN, area).
fn schools() -> Vec<(String, u32, Option<&'static str>)> {
    let mut out = Vec::new();
    for (area, n) in [("DSPL 1", 5), ("DSPL 2", 4), ("DSPL 10", 3)] {
        for i in 0..n {
            out.push((format!("{area} school {i}"), 0, Some(area)));
        }
    }
    out.push(("Nowhere Academy".to_owned(), 0, None));
    for (j, s) in out.iter_mut().enumerate() {
        s.1 = 120_000 + j as u32;
    }
    out
}

/// School `j`'s level for strand number `s` (0-based): a fixed pattern the test can count.
fn level(j: usize, s: usize) -> usize {
    (j * 2 + s) % 3
}

/// The survey export as Microsoft Forms gives it, for 2025/26.
fn export(path: &Path) {
    let codes: Vec<String> = sendbench_core_codes();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let mut headers = vec![
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "School name",
        "URN",
        "Local area or cluster",
        "Academic year",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    headers.extend(
        codes
            .iter()
            .map(|c| format!("{c}. Which of these fits your school best?")),
    );
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("header");
    }
    for (j, (name, urn, area)) in schools().iter().enumerate() {
        let r = 1 + j as u32;
        ws.write_number(r, 0, (j + 1) as f64).expect("id");
        ws.write_string(r, 5, name).expect("name");
        ws.write_number(r, 6, f64::from(*urn)).expect("urn");
        if let Some(area) = area {
            ws.write_string(r, 7, *area).expect("area");
        }
        ws.write_string(r, 8, "2025/26").expect("year");
        for s in 0..codes.len() {
            ws.write_string(r, 9 + s as u16, LEVELS[level(j, s)])
                .expect("level");
        }
    }
    std::fs::write(path, wb.save_to_buffer().expect("xlsx")).expect("write");
}

/// The built-in rubric's strand codes, in order.
fn sendbench_core_codes() -> Vec<String> {
    sendbench_core::Rubric::builtin()
        .strands()
        .map(|s| s.code())
        .collect()
}

/// The open data's rows for strand 1a, by local area: [emerging, expected, exemplary, respondents].
fn strand_rows(csv: &Path, code: &str) -> HashMap<String, [String; 4]> {
    let text = std::fs::read_to_string(csv).expect("csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name} in {header:?}"))
    };
    let (area, strand) = (col("local_area"), col("strand"));
    let wanted = [
        col("emerging"),
        col("expected"),
        col("exemplary"),
        col("respondents"),
    ];
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|r| r[strand] == code)
        .map(|r| (r[area].to_owned(), wanted.map(|i| r[i].to_owned())))
        .collect()
}

#[test]
fn a_county_survey_splits_into_local_areas_with_exact_counts_and_response_rates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("SEND benchmark 2026(1-13).xlsx");
    export(&xlsx);
    let options = dir.path().join("options.toml");
    std::fs::write(
        &options,
        "county = \"Testshire\"\ncollection = \"SENCOs across Testshire were asked to complete the survey in June 2026.\"\n[eligible]\n\"DSPL 1\" = 6\n\"DSPL 2\" = 4\n\"DSPL 10\" = 5\n",
    )
    .expect("write");
    let out = dir.path().join("published");
    let run = sendbench(&[
        "area",
        xlsx.to_str().expect("utf-8"),
        "--by",
        "area",
        "--options",
        options.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    assert!(
        run.stderr.contains("2025/26: 1 return names no local area: it counts in the county's figures and in no area's (Nowhere Academy)"),
        "{}",
        run.stderr
    );
    let mut made: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    for name in [
        "county-overview.pdf",
        "county-overview.html",
        "county.xlsx",
        "county.csv",
        "county.meta.csv",
        "dspl-1.pdf",
        "dspl-1.html",
        "dspl-2.xlsx",
        "dspl-10.csv",
        "dspl-10_checklist.csv",
    ] {
        assert!(made.contains(&name.to_owned()), "{name} in {made:?}");
    }
    // The county's overview (PDF, page), spreadsheet and four open-data files; the same
    // for each of the three areas.
    // And the record of what was published, for checking a re-issue against.
    assert!(made.contains(&".sendbench-published.json".to_owned()));
    assert_eq!(made.len(), 7 + 3 * 7 + 1, "{made:?}");

    // Exact counts for strand 1a (strand number 0), worked out here from the pattern.
    let expected = |members: &[usize]| {
        let mut counts = [0u32; 3];
        for &j in members {
            counts[level(j, 0)] += 1;
        }
        [
            counts[0].to_string(),
            counts[1].to_string(),
            counts[2].to_string(),
            members.len().to_string(),
        ]
    };
    let rows = strand_rows(&out.join("county.csv"), "1a");
    assert_eq!(rows["Total"], expected(&(0..13).collect::<Vec<_>>()));
    assert_eq!(rows["DSPL 1"], expected(&[0, 1, 2, 3, 4]));
    assert_eq!(rows["DSPL 2"], expected(&[5, 6, 7, 8]));
    assert_eq!(rows["DSPL 10"], expected(&[9, 10, 11]));
    assert_eq!(
        rows.len(),
        4,
        "no row for the return naming no area: {rows:?}"
    );
    // An area's own open data: the area beside the county's total, nothing else.
    let rows = strand_rows(&out.join("dspl-10.csv"), "1a");
    assert_eq!(rows.keys().count(), 2);
    assert_eq!(rows["DSPL 10"], expected(&[9, 10, 11]));

    // The overview: the response rate per area and overall, every area's column.
    let overview = pdf_text(&out.join("county-overview.pdf"));
    for text in [
        "Testshire SEND benchmark 2025/26: local areas",
        // The response rate over the areas' eligible schools counts only their schools;
        // the one naming no area is said apart (13 of 15 would mix the two).
        "13 schools (12 of the 15 eligible schools in its local areas, 80%), in 3 local areas",
        "5 of the 6 eligible schools (83%)",
        "4 of the 4 eligible schools (100%)",
        "3 of the 5 eligible schools (60%)",
        "1 of them named no local area, so it counts in Testshire",
        "SENCOs across Testshire were asked to complete the survey in June 2026.",
        "DSPL 1 (5) DSPL 2 (4) DSPL 10 (3)",
        "the navy bar is Testshire, and the tables give every figure",
    ] {
        assert!(
            overview.contains(text),
            "{text:?} in the overview:\n{overview}"
        );
    }
    // An area's report: its response rate, and the county beside each strand.
    let area = pdf_text(&out.join("dspl-10.pdf"));
    assert!(area.contains("DSPL 10 SEND benchmark 2025/26"), "{area}");
    assert!(area.contains("3 of the 5 eligible schools (60%)"), "{area}");
    assert!(
        area.contains("the whole of Testshire, 13 schools"),
        "{area}"
    );
    assert!(
        area.contains("Expected or Exemplary, here Testshire"),
        "{area}"
    );

    // All or nothing: run again and every file is refused before any is replaced.
    let again = sendbench(&[
        "area",
        xlsx.to_str().expect("utf-8"),
        "--by",
        "area",
        "-o",
        out.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(again.stderr.contains("exists"), "{}", again.stderr);
}

#[test]
fn splitting_by_area_needs_a_folder_and_returns_that_name_their_area() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("returns.csv");
    std::fs::write(&csv, "School name,1a\nOak,Expected\n").expect("write");
    let run = sendbench(&["area", csv.to_str().expect("utf-8"), "--by", "area"]).expect_code(2);
    assert!(
        run.stderr.contains("give the folder for them with -o DIR"),
        "{}",
        run.stderr
    );
    let out = dir.path().join("out");
    let run = sendbench(&[
        "area",
        csv.to_str().expect("utf-8"),
        "--by",
        "area",
        "-o",
        out.to_str().expect("utf-8"),
    ])
    .expect_code(1);
    assert!(
        run.stderr.contains("no return names its local area"),
        "{}",
        run.stderr
    );
    assert!(!out.exists() || std::fs::read_dir(&out).expect("dir").next().is_none());
}

#[test]
fn build_by_area_adds_the_local_areas_documents_and_keeps_them_up_to_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::write(
        input.join("survey.csv"),
        "School name,URN,Local area or cluster,Academic year,1a,1b\r\n\
         Oak,100001,North,2025/26,Expected,Emerging\r\n\
         Ash,100002,North,2025/26,Exemplary,Expected\r\n\
         Elm,100003,South,2025/26,Emerging,Expected\r\n",
    )
    .expect("write");
    let out = dir.path().join("published");
    let (i, o) = (input.to_str().expect("utf-8"), out.to_str().expect("utf-8"));
    sendbench(&["build", i, "-o", o, "--by", "area", "--quiet"]).expect_code(0);
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).expect("index"))
            .expect("json");
    let areas: Vec<&str> = index["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(areas.len(), 7 + 2 * 7, "{areas:?}");
    for name in [
        "areas/county-overview.pdf",
        "areas/county-overview.html",
        "areas/north.html",
        "areas/north.pdf",
        "areas/south.xlsx",
        "areas/county.csv",
    ] {
        assert!(areas.contains(&name), "{name} in {areas:?}");
        assert!(out.join(name).is_file(), "{name} on disk");
    }
    let rows = strand_rows(&out.join("areas/county.csv"), "1b");
    assert_eq!(rows["Total"], ["1", "2", "0", "3"].map(String::from));
    assert_eq!(rows["North"], ["1", "1", "0", "2"].map(String::from));
    // Nothing changed: nothing is made again.
    let again = sendbench(&["build", i, "-o", o, "--by", "area"]).expect_code(0);
    assert!(
        again.stderr.contains("0 documents made"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_withheld_area_figure_cannot_be_worked_out_from_the_county_less_the_others() {
    // Area A: 10 schools, one Emerging on 1a (a small count, so A's 1a is withheld). Area B:
    // 20 schools, five Emerging on 1a (published on its own rule). The county's 1a (6
    // Emerging) less B's would give A's away.
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(&input).expect("mkdir");
    // And Area C, which returned last year only.
    for (area, n, emerging, year) in [
        ("Area A", 10, 1, 2025),
        ("Area B", 20, 5, 2025),
        ("Area C", 4, 0, 2024),
    ] {
        for i in 0..n {
            let level = if i < emerging { "emerging" } else { "expected" };
            std::fs::write(
                input.join(format!("{}-{i}.toml", area.replace(' ', "-"))),
                format!(
                    "rubric = {{ id = \"hertfordshire-send-benchmark\", version = \"1\" }}\n\
                     [school]\nname = \"{area} school {i}\"\nurn = \"{}\"\narea = \"{area}\"\n\
                     [review]\nacademic_year = \"{year}/{}\"\ndate = {}-06-10\n\
                     [outcomes.1.strands.a]\njudgement = \"{level}\"\nevidence = \"x\"\n",
                    200_000 + 100 * (area.as_bytes()[5] - b'A') as usize + i,
                    (year + 1) % 100,
                    year + 1
                ),
            )
            .expect("write");
        }
    }
    let out = dir.path().join("out");
    let run = sendbench(&[
        "area",
        input.to_str().expect("utf-8"),
        "--by",
        "area",
        "--suppress-below",
        "3",
        "-o",
        out.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    assert!(
        run.stderr.contains("(secondary suppression)"),
        "{}",
        run.stderr
    );
    let rows: HashMap<String, [String; 4]> = strand_rows(&out.join("county.csv"), "1a");
    assert_eq!(rows["Total"], ["6", "24", "0", "30"].map(String::from));
    assert_eq!(rows["Area A"][..3], ["c", "c", "c"].map(String::from));
    // B's levels are withheld too, so A's cannot be had by subtraction.
    assert_eq!(rows["Area B"][0], "c", "{:?}", rows["Area B"]);
    // B's own report agrees with the open data.
    let b = pdf_text(&out.join("area-b.pdf"));
    assert!(
        b.contains("Strand 1a is not considered, as its figures are withheld"),
        "{b}"
    );
    // The overview counts the areas that returned, names the one that did not, and says
    // how many areas' figures are withheld beside the chart.
    let overview = pdf_text(&out.join("county-overview.pdf"));
    for text in [
        "30 schools, in 2 of the 3 local areas",
        "(Area C returned nothing for 2025/26, so it has no report this year)",
        "1a 2 areas withheld (c)",
    ] {
        assert!(overview.contains(text), "{text:?} in {overview}");
    }
    assert!(!out.join("area-c.pdf").exists());
    let page = std::fs::read_to_string(out.join("county-overview.html")).expect("page");
    assert!(
        page.contains("30 schools, in 2 of the 3 local areas<br>"),
        "{page}"
    );
    assert!(page.contains("<span class=\"sb-aside\">2 areas withheld (c)</span>"));
}
