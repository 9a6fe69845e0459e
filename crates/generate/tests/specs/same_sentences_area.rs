//! An area's report and a county's overview say the same in their PDF as on their web page,
//! as a school's report does (see [`crate::same_sentences`], whose reading and comparing
//! this shares): the examples' area as `build` makes it; the examples over three years
//! (year on year, years of few schools); an area of a synthetic county beside the county,
//! suppressed below 3 (figures withheld, splits shown alone, a response rate); one school a
//! year, every figure withheld; and the synthetic county's overview of its local areas (one
//! with no return this year, returns naming no area).

use sendbench_core::{AcademicYear, AreaBenchmark, Assessment, Return, Rubric};
use sendbench_generate::render::html::{HtmlOptions, HtmlRenderer};
use sendbench_generate::render::pdf::{PdfOptions, PdfRenderer};
use sendbench_generate::view::{AreaReport, County, CountyReport, LocalArea, View};

use crate::same_sentences::{
    furniture, html_blocks, load, missing, pdf_lines, pieces, root, SCHOOLS,
};

/// The example `i` (of the three, in turn) as school `k` of a synthetic county: its own
/// name and URN, in `area`, for the year starting `start`, with some strands judged at
/// another level and some not judged, so that figures vary from strand to strand and some
/// counts are small.
fn synthetic(rubric: &Rubric, k: usize, area: Option<&str>, start: i16) -> Return {
    let mut a: Assessment = load(
        &root()
            .join("examples/schools")
            .join(SCHOOLS[k % SCHOOLS.len()]),
        rubric,
    );
    a.school.name = format!("School {k:02}");
    a.school.urn = Some(format!("{}", 200_000 + k));
    a.school.area = area.map(str::to_owned);
    a.review.academic_year = Some(AcademicYear { start });
    let levels: Vec<String> = rubric.levels.iter().map(|l| l.id.clone()).collect();
    for (j, s) in a
        .outcomes
        .iter_mut()
        .flat_map(|o| o.strands.iter_mut())
        .enumerate()
    {
        let turn = k * 7 + j * 3 + start as usize;
        if turn.is_multiple_of(13) {
            s.level = None;
        } else if turn.is_multiple_of(4) {
            s.level = Some(levels[(k + j) % levels.len()].clone());
        }
    }
    Return::new(a, format!("school-{k:02}-{start}"))
}

fn bench(rubric: &Rubric, returns: &[Return], suppress: Option<u32>) -> AreaBenchmark {
    let mut bench = AreaBenchmark::build(rubric, returns, Default::default(), false)
        .expect("bench")
        .0;
    if let Some(n) = suppress {
        bench.suppress_below(n).expect("suppress");
    }
    bench
}

/// The examples' returns for the year starting `start`, from those numbered in `which`.
fn examples(rubric: &Rubric, which: &[usize], start: i16) -> Vec<Return> {
    which
        .iter()
        .map(|&i| {
            let mut a = load(&root().join("examples/schools").join(SCHOOLS[i]), rubric);
            a.review.academic_year = Some(AcademicYear { start });
            Return::new(a, format!("{}-{start}", SCHOOLS[i]))
        })
        .collect()
}

const AREAS: [&str; 4] = ["DSPL 1", "DSPL 2", "DSPL 3", "DSPL 4"];

/// A county of 60 schools a year over two years: 18 in each of three areas, the fourth
/// area returning only in the first year, and 6 returns naming no area.
fn county_returns(rubric: &Rubric) -> Vec<Return> {
    let mut out = Vec::new();
    for start in [2024, 2025] {
        for k in 0..60 {
            let area = match k {
                0..=53 => Some(AREAS[k % 3]),
                _ if start == 2024 => Some(AREAS[3]),
                _ => None,
            };
            out.push(synthetic(rubric, k, area, start));
        }
    }
    out
}

fn in_area(returns: &[Return], area: &str) -> Vec<Return> {
    returns
        .iter()
        .filter(|r| r.assessment.school.area.as_deref() == Some(area))
        .cloned()
        .collect()
}

/// Every area case: (what it is, the view).
fn area_views(rubric: &Rubric) -> Vec<(String, View)> {
    let mut out = Vec::new();
    let mut area = |name: &str, bench: &AreaBenchmark, report: &AreaReport<'_>| {
        let view = View::area(rubric, bench, report).expect("area view");
        out.push((name.to_owned(), view));
    };
    let examples_bench = bench(rubric, &examples(rubric, &[0, 1, 2], 2025), None);
    let title = examples_bench.default_title(rubric);
    area(
        "the examples' area",
        &examples_bench,
        &AreaReport {
            title: &title,
            ..AreaReport::default()
        },
    );
    let mut years = examples(rubric, &[0, 1], 2023);
    years.extend(examples(rubric, &[0, 1, 2], 2024));
    years.extend(examples(rubric, &[1, 2], 2025));
    area(
        "the examples over three years",
        &bench(rubric, &years, None),
        &AreaReport {
            title: "Three years",
            collection: Some("Asked in June each year."),
            ..AreaReport::default()
        },
    );
    let returns = county_returns(rubric);
    let county = bench(rubric, &returns, Some(3));
    let one = bench(rubric, &in_area(&returns, AREAS[0]), Some(3));
    area(
        "a synthetic area beside its county, suppressed below 3",
        &one,
        &AreaReport {
            title: "DSPL 1 SEND benchmark 2025/26",
            collection: None,
            eligible: Some(21),
            county: Some(County {
                name: "Testshire",
                bench: &county,
            }),
        },
    );
    let mut alone = examples(rubric, &[0], 2024);
    alone.extend(examples(rubric, &[0], 2025));
    area(
        "one school a year, every figure withheld",
        &bench(rubric, &alone, Some(3)),
        &AreaReport {
            title: "Withheld",
            ..AreaReport::default()
        },
    );
    out
}

/// The synthetic county's overview of its four areas.
fn county_view(rubric: &Rubric) -> (String, View) {
    let returns = county_returns(rubric);
    let county = bench(rubric, &returns, Some(3));
    let benches: Vec<AreaBenchmark> = AREAS
        .iter()
        .map(|a| bench(rubric, &in_area(&returns, a), Some(3)))
        .collect();
    let areas: Vec<LocalArea<'_>> = AREAS
        .iter()
        .zip(&benches)
        .map(|(name, bench)| LocalArea {
            name,
            bench,
            eligible: Some(20),
        })
        .collect();
    let report = CountyReport {
        title: "Testshire: local areas 2025/26",
        name: "Testshire",
        collection: None,
        eligible: Some(80),
        eligible_in_areas_only: true,
        no_area: 6,
    };
    let view = View::county(rubric, &county, &areas, &report).expect("county view");
    ("the synthetic county's overview".to_owned(), view)
}

#[test]
fn every_area_report_and_county_overview_says_the_same_in_its_pdf_as_on_its_page() {
    let rubric = Rubric::builtin();
    let pdf_renderer = PdfRenderer::new(&PdfOptions::default()).expect("pdf");
    let html_renderer = HtmlRenderer::new(&HtmlOptions::default()).expect("html");
    let mut views = area_views(&rubric);
    views.push(county_view(&rubric));
    let mut problems = Vec::new();
    for (name, view) in &views {
        let furniture = furniture(view);
        let lines = pdf_lines(&pdf_renderer.pdf(view).expect("pdf"), &furniture);
        let blocks = html_blocks(&html_renderer.page(view).expect("page"), &furniture);
        let compared = pieces(&lines).len() + pieces(&blocks).len();
        assert!(compared > 50, "{name}: only {compared} pieces compared");
        for p in missing(&lines, &blocks) {
            problems.push(format!("{name}: only in the PDF: {p:?}"));
        }
        for p in missing(&blocks, &lines) {
            problems.push(format!("{name}: only on the page: {p:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} pieces differ:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
