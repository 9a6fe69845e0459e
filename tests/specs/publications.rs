//! Every figure true beside every other: the county exactly the sum of its areas in every
//! year (a mistyped URN included), the returns naming no area told per year, options that
//! cannot apply refused, and a re-issue after a late return warned of and made safe.

use std::collections::HashMap;
use std::path::Path;

use crate::util::sendbench;

const STRANDS: [&str; 6] = ["1a", "1b", "1c", "2a", "2b", "3a"];
const LEVELS: [&str; 3] = ["emerging", "expected", "exemplary"];

/// One return: its school, URN, area (if any), year and level per strand of `STRANDS`.
struct School<'a> {
    name: &'a str,
    urn: &'a str,
    area: Option<&'a str>,
    year: i16,
    levels: [usize; 6],
}

fn write(dir: &Path, s: &School<'_>) {
    let mut text = format!(
        "rubric = {{ id = \"hertfordshire-send-benchmark\", version = \"1\" }}\n[school]\nname = \"{}\"\nurn = \"{}\"\n",
        s.name, s.urn
    );
    if let Some(area) = s.area {
        text.push_str(&format!("area = \"{area}\"\n"));
    }
    text.push_str(&format!(
        "[review]\nacademic_year = \"{}/{:02}\"\ndate = {}-06-10\n",
        s.year,
        (s.year + 1) % 100,
        s.year + 1
    ));
    for (code, &level) in STRANDS.iter().zip(&s.levels) {
        let (outcome, strand) = code.split_at(1);
        text.push_str(&format!(
            "[outcomes.{outcome}.strands.{strand}]\njudgement = \"{}\"\nevidence = \"x\"\n",
            LEVELS[level]
        ));
    }
    let file = format!("{}-{}.toml", s.name.replace(' ', "-"), s.year);
    std::fs::write(dir.join(file), text).expect("write");
}

/// The open data's strand rows: (year, local area, strand) to [emerging, expected,
/// exemplary, respondents].
fn rows(csv: &Path) -> HashMap<(String, String, String), [String; 4]> {
    let text = std::fs::read_to_string(csv).expect("csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let keys = [col("time_period"), col("local_area"), col("strand")];
    let wanted = [
        col("emerging"),
        col("expected"),
        col("exemplary"),
        col("respondents"),
    ];
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .map(|r| {
            (
                (
                    r[keys[0]].to_owned(),
                    r[keys[1]].to_owned(),
                    r[keys[2]].to_owned(),
                ),
                wanted.map(|i| r[i].to_owned()),
            )
        })
        .collect()
}

fn run_area(input: &Path, out: &Path, extra: &[&str]) -> crate::util::Run {
    let mut args = vec![
        "area",
        input.to_str().expect("utf-8"),
        "--by",
        "area",
        "-o",
        out.to_str().expect("utf-8"),
        "--force",
    ];
    args.extend_from_slice(extra);
    sendbench(&args)
}

#[test]
fn a_mistyped_urn_in_another_area_leaves_the_county_the_sum_of_its_areas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(&input).expect("mkdir");
    // Beech Hill (DSPL 2) gives Ashgrove's URN (DSPL 1) by mistake; two years, and a school
    // naming no area in each.
    let schools = [
        ("Ashgrove Primary", "100001", Some("DSPL 1")),
        ("Birch Infants", "100002", Some("DSPL 1")),
        ("Cedar Juniors", "100003", Some("DSPL 1")),
        ("Beech Hill School", "100001", Some("DSPL 2")),
        ("Dale Academy", "100005", Some("DSPL 2")),
        ("Elm Tree School", "100006", Some("DSPL 2")),
        ("Nowhere Academy", "100007", None),
    ];
    for year in [2024, 2025] {
        for (i, (name, urn, area)) in schools.iter().enumerate() {
            let levels = [0, 1, 2, 0, 1, 2].map(|l| (l + i + year as usize) % 3);
            write(
                &input,
                &School {
                    name,
                    urn,
                    area: *area,
                    year,
                    levels,
                },
            );
        }
    }
    let out = dir.path().join("out");
    let run = run_area(&input, &out, &[]).expect_code(0);
    assert!(
        run.stderr
            .contains("share a URN but give different names and local areas"),
        "{}",
        run.stderr
    );
    for contradiction in ["appears twice", "sent twice", "counted once"] {
        assert!(
            !run.stderr.contains(contradiction),
            "{contradiction}: {}",
            run.stderr
        );
    }
    let rows = rows(&out.join("county.csv"));
    for year in ["202425", "202526"] {
        for strand in STRANDS {
            let get = |area: &str| {
                rows[&(year.to_owned(), area.to_owned(), strand.to_owned())]
                    .clone()
                    .map(|c| c.parse::<u32>().expect("a count"))
            };
            let (total, a, b) = (get("Total"), get("DSPL 1"), get("DSPL 2"));
            // Nowhere Academy is the one return naming no area: one more school.
            assert_eq!(total[3], a[3] + b[3] + 1, "{year} {strand}");
            assert_eq!(total[3], 7, "{year} {strand}: every school counted");
        }
    }
    // The returns naming no area are told for each year, with the year.
    for year in ["2024/25", "2025/26"] {
        assert!(
            run.stderr.contains(&format!(
                "{year}: 1 return names no local area: it counts in the county's figures and in no area's (Nowhere Academy)"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_overview_counts_the_returns_naming_no_area_in_its_own_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(&input).expect("mkdir");
    // Three schools named no area last year, one this year.
    for (name, urn, area, year) in [
        ("North One", "1", Some("North"), 2024),
        ("North One", "1", Some("North"), 2025),
        ("South One", "2", Some("South"), 2024),
        ("South One", "2", Some("South"), 2025),
        ("Lost A", "3", None, 2024),
        ("Lost B", "4", None, 2024),
        ("Lost C", "5", None, 2024),
        ("Lost A", "3", None, 2025),
    ] {
        write(
            &input,
            &School {
                name,
                urn,
                area,
                year,
                levels: [1; 6],
            },
        );
    }
    let out = dir.path().join("out");
    let run = run_area(&input, &out, &[]).expect_code(0);
    assert!(run
        .stderr
        .contains("2024/25: 3 returns name no local area: they count"));
    let page = std::fs::read_to_string(out.join("county-overview.html")).expect("page");
    assert!(
        page.contains("3 schools returned the benchmark for 2025/26 across Hertfordshire; 1 of them named no local area, so it counts"),
        "{page}"
    );
    assert!(!page.contains("3 of them named no local area"), "{page}");
}

#[test]
fn one_file_options_under_by_area_are_refused_not_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(&input).expect("mkdir");
    write(
        &input,
        &School {
            name: "North One",
            urn: "1",
            area: Some("North"),
            year: 2025,
            levels: [1; 6],
        },
    );
    let out = dir.path().join("out");
    for flag in ["--csv", "--xlsx", "--html"] {
        let file = dir.path().join("one-file");
        let run = run_area(&input, &out, &[flag, file.to_str().expect("utf-8")]).expect_code(2);
        assert!(
            run.stderr.contains(&format!("error: {flag} names one file, but --by area writes each area's and the county's files into")),
            "{}",
            run.stderr
        );
        assert!(!out.exists(), "nothing written");
    }
}

/// Twelve schools in two areas, judgements varied enough that most figures are published
/// at a threshold of 3.
fn county(dir: &Path, late: bool) {
    let mut schools: Vec<(String, String, &str)> = (0..12)
        .map(|i| {
            (
                format!("School {i}"),
                format!("{}", 130_000 + i),
                if i % 2 == 0 { "North" } else { "South" },
            )
        })
        .collect();
    if late {
        schools.push(("Late Arrival Primary".into(), "139999".into(), "North"));
    }
    for (i, (name, urn, area)) in schools.iter().enumerate() {
        let levels = if name.starts_with("Late") {
            [0, 2, 0, 2, 0, 2]
        } else {
            [i % 3, (i / 3) % 3, 1, 2, (i + 1) % 3, 1]
        };
        write(
            dir,
            &School {
                name,
                urn,
                area: Some(area),
                year: 2025,
                levels,
            },
        );
    }
}

#[test]
fn a_reissue_after_a_late_return_is_warned_of_and_can_withhold_what_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    std::fs::create_dir_all(&first).expect("mkdir");
    std::fs::create_dir_all(&second).expect("mkdir");
    county(&first, false);
    county(&second, true);
    let out = dir.path().join("published");
    let threshold = ["--suppress-below", "3"];
    run_area(&first, &out, &threshold).expect_code(0);
    let before = rows(&out.join("county.csv"));
    assert!(out.join(".sendbench-published.json").is_file());

    // The re-issue with the late return: warned, naming the school and the safe choice.
    let run = run_area(&second, &out, &threshold).expect_code(0);
    assert!(
        run.stderr.contains("2025/26: the earlier publication counted 12 schools and this one 13 (added: Late Arrival Primary)")
            && run.stderr.contains("so side by side the two give away the changed schools' own judgements")
            && run.stderr.contains("run again with --withhold-changed"),
        "{}",
        run.stderr
    );

    // Put the first publication back, then re-issue safely.
    run_area(&first, &out, &threshold).expect_code(0);
    let run = run_area(
        &second,
        &out,
        &["--suppress-below", "3", "--withhold-changed"],
    )
    .expect_code(0);
    assert!(
        !run.stderr.contains("give away the changed schools"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--withhold-changed:"), "{}", run.stderr);
    let after = rows(&out.join("county.csv"));
    // Side by side, nothing of the late school can be had: every count published in both
    // is the same count.
    let mut compared = 0;
    for (key, now) in &after {
        let Some(then) = before.get(key) else {
            continue;
        };
        for level in 0..3 {
            if let (Ok(a), Ok(b)) = (then[level].parse::<u32>(), now[level].parse::<u32>()) {
                assert_eq!(a, b, "{key:?} level {level}: {then:?} then, {now:?} now");
                compared += 1;
            }
        }
    }
    // And the late school's area and the county withhold the strands it moved.
    let total_1a = &after[&("202526".to_owned(), "Total".to_owned(), "1a".to_owned())];
    assert_eq!(total_1a[0], "c", "{total_1a:?}");
    assert!(compared > 0, "some figures are still published in both");
}

/// North's 1a is published on its own rule but withheld beside the county (South's small
/// count would be the county less North); a North school's report compared with the whole
/// county's returns shows North's figures as `area --by area` publishes them.
#[test]
fn a_schools_report_compared_with_the_county_shows_its_area_as_published() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(&input).expect("mkdir");
    // 1a: North 3 Emerging, 3 Expected; South 1 Emerging, 3 Expected, 3 Exemplary.
    let north = [0, 0, 0, 1, 1, 1];
    let south = [0, 1, 1, 1, 2, 2, 2];
    for (i, l) in north.iter().enumerate() {
        let name = format!("North {i}");
        let urn = format!("{}", 140_000 + i);
        write(
            &input,
            &School {
                name: &name,
                urn: &urn,
                area: Some("North"),
                year: 2025,
                levels: [*l, 1, 1, 1, 1, 1],
            },
        );
    }
    for (i, l) in south.iter().enumerate() {
        let name = format!("South {i}");
        let urn = format!("{}", 150_000 + i);
        write(
            &input,
            &School {
                name: &name,
                urn: &urn,
                area: Some("South"),
                year: 2025,
                levels: [*l, 1, 1, 1, 1, 1],
            },
        );
    }
    let out = dir.path().join("out");
    run_area(&input, &out, &["--suppress-below", "3"]).expect_code(0);
    let published = rows(&out.join("county.csv"));
    let north_1a = &published[&("202526".to_owned(), "North".to_owned(), "1a".to_owned())];
    assert_eq!(
        north_1a[..3],
        ["c", "c", "c"].map(String::from),
        "{north_1a:?}"
    );
    let report = dir.path().join("north-0.pdf");
    sendbench(&[
        "report",
        input.join("North-0-2025.toml").to_str().expect("utf-8"),
        "--audience",
        "governors",
        "--compare",
        input.to_str().expect("utf-8"),
        "--suppress-below",
        "3",
        "-o",
        report.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    let text = crate::util::pdf_text(&report);
    assert!(
        text.contains("Area 2025/26, 6 schools judged it, this school's return included: figures withheld (c) to protect small numbers"),
        "{text}"
    );
}

/// Where the county is at 100% at Expected or better, every area is too, withheld or not:
/// the county's warning says so.
#[test]
fn a_county_at_one_hundred_percent_warns_that_withheld_areas_are_given_away() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("returns");
    std::fs::create_dir_all(&input).expect("mkdir");
    for (i, area) in ["Big", "Big", "Big", "Big", "Big", "Tiny", "Tiny"]
        .iter()
        .enumerate()
    {
        let name = format!("School {i}");
        let urn = format!("{}", 160_000 + i);
        write(
            &input,
            &School {
                name: &name,
                urn: &urn,
                area: Some(area),
                year: 2025,
                levels: [1, 1, 1, 2, 1, 0],
            },
        );
    }
    let out = dir.path().join("out");
    let run = run_area(&input, &out, &["--suppress-below", "3"]).expect_code(0);
    assert!(
        run.stderr.contains("the county: 2025/26: across the county, 1a, 1b, 1c, 2a and 2b are at 100% Expected or better, so every local area is too, and an area's withheld figure for them is given away by the county's")
            && run.stderr.contains("the county: 2025/26: across the county, 3a is at 0% Expected or better, so every local area is too"),
        "{}",
        run.stderr
    );
}
