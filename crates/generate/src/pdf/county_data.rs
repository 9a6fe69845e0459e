//! What the county overview templates (`county.typ`, `county.html`) receive: every local area's % at the
//! strength levels per strand, side by side with the county's, for one academic year, with
//! the number of schools behind each figure. Figures come through the core's `published_*`
//! methods, so what the small-numbers rule withholds arrives as "c", never as a number.

use sendbench_core::{AreaBenchmark, Figure, Rubric, StrandFigures, YearBenchmark};
use serde::Serialize;

use crate::area;

/// One local area's benchmark, named.
#[derive(Debug, Clone, Copy)]
pub struct LocalArea<'a> {
    /// Its name ("DSPL 1").
    pub name: &'a str,
    /// Its figures, under the same small-numbers rule as the county's.
    pub bench: &'a AreaBenchmark,
    /// Schools asked in it, for the response rate.
    pub eligible: Option<u32>,
}

/// What the county overview says about itself, beyond its figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct CountyReport<'a> {
    /// The title, on the cover and every page.
    pub title: &'a str,
    /// The county's name.
    pub name: &'a str,
    /// How the data were collected, in the officer's words.
    pub collection: Option<&'a str>,
    /// Schools asked in the whole county.
    pub eligible: Option<u32>,
    /// Whether `eligible` counts only the schools of the local areas (the sum of the
    /// options' `[eligible]`), so the schools naming no area are not in the response rate.
    pub eligible_in_areas_only: bool,
    /// Returns of the latest year that named no area: in the county's figures, in no area's.
    pub no_area: usize,
}

#[derive(Serialize)]
pub struct CountyData {
    title: String,
    name: String,
    rubric_title: String,
    year: String,
    n: u32,
    taking_part: String,
    /// The opening paragraph of "At a glance": who returned, the returns naming no area, the
    /// areas with no report this year.
    at_a_glance: String,
    collection: String,
    strong_label: String,
    threshold: Option<u32>,
    areas: Vec<AreaHead>,
    outcomes: Vec<OutcomeRows>,
}

#[derive(Serialize)]
struct AreaHead {
    name: String,
    /// Its schools this year (0 when it has none this year).
    n: u32,
    taking_part: String,
}

#[derive(Serialize)]
struct OutcomeRows {
    id: String,
    title: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    code: String,
    county: Cell,
    areas: Vec<Cell>,
    /// The row in words, for the chart's alternative text.
    words: String,
}

#[derive(Serialize, Clone)]
struct Cell {
    /// For the chart: `none` where withheld, not judged, or the area has no return.
    percent: Option<u32>,
    /// "87%", "c" or "—".
    text: String,
    /// "40 of 46" (at the strength levels, of respondents), or empty.
    count: String,
}

fn cell(s: Option<&StrandFigures>) -> Cell {
    let Some(s) = s else {
        return Cell {
            percent: None,
            text: "—".into(),
            count: "no return".into(),
        };
    };
    match (s.published_strong_percent(), s.published_strong()) {
        (Figure::Value(p), Figure::Value(k)) => Cell {
            percent: Some(p),
            text: format!("{p}%"),
            count: format!("{k} of {}", s.respondents),
        },
        (Figure::Withheld, _) | (_, Figure::Withheld) => Cell {
            percent: None,
            text: "c".into(),
            count: format!("{} judged", s.respondents),
        },
        _ => Cell {
            percent: None,
            text: "—".into(),
            count: "none judged".into(),
        },
    }
}

/// The county's schools taking part, for the cover: "46 schools", "46 of the 52 eligible
/// schools (88%)", or with a response rate over the local areas only, "46 schools (43 of the
/// 48 eligible schools in its local areas, 90%)".
fn county_taking_part(n: u32, report: &CountyReport<'_>) -> String {
    let k = report.no_area as u32;
    match report.eligible {
        Some(e) if report.eligible_in_areas_only && k > 0 && e >= n - k && e > 0 => format!(
            "{} ({} of the {e} eligible {} in its local areas, {}%)",
            sendbench_core::words::count(n as usize, "school", "schools"),
            n - k,
            if e == 1 { "school" } else { "schools" },
            sendbench_core::percent(n - k, e).unwrap_or(0)
        ),
        eligible => taking_part(n, eligible),
    }
}

/// The opening of "At a glance": who returned, what the returns naming no area count in, and
/// which areas have no report this year.
fn at_a_glance(year: &YearBenchmark, report: &CountyReport<'_>, none_now: &[String]) -> String {
    let (name, k) = (report.name, report.no_area);
    let mut out = format!(
        "{} returned the benchmark for {} across {name}",
        county_taking_part(year.school_count(), report),
        year.year
    );
    if k > 0 {
        out.push_str(&format!(
            "; {} of them named no local area, so {} in {name}'s figures and in no area's",
            k,
            if k == 1 { "it counts" } else { "they count" }
        ));
    }
    out.push_str(&format!(
        ". Each area's own report shows its figures with {name}'s beside them"
    ));
    if !none_now.is_empty() {
        out.push_str(&format!(
            " ({} returned nothing for {}, so {} no report this year)",
            sendbench_core::words::and_list(none_now),
            year.year,
            if none_now.len() == 1 {
                "it has"
            } else {
                "they have"
            }
        ));
    }
    out.push_str("; this overview sets every area side by side.");
    out
}

/// "46 schools", or "46 of the 52 eligible schools (88%)".
pub fn taking_part(n: u32, eligible: Option<u32>) -> String {
    let schools = sendbench_core::words::count(n as usize, "school", "schools");
    match eligible {
        Some(e) if e >= n && e > 0 => format!(
            "{n} of the {e} eligible {} ({}%)",
            if e == 1 { "school" } else { "schools" },
            sendbench_core::percent(n, e).unwrap_or(0)
        ),
        _ => schools,
    }
}

impl CountyData {
    /// The overview of `county`'s latest year beside each area's figures for that year; an
    /// error when no return gives a year to report on.
    pub fn new(
        county: &AreaBenchmark,
        areas: &[LocalArea<'_>],
        rubric: &Rubric,
        report: &CountyReport<'_>,
    ) -> Result<CountyData, super::ReportError> {
        let year = county.latest().ok_or_else(|| {
            super::ReportError::Pdf(vec![
                "no return gives an academic year, so there is no year to report on".into(),
            ])
        })?;
        let area_years: Vec<Option<&YearBenchmark>> = areas
            .iter()
            .map(|a| a.bench.years.iter().find(|y| y.year == year.year))
            .collect();
        let none_now: Vec<String> = (areas.iter().zip(&area_years))
            .filter(|(_, y)| y.is_none_or(|y| y.school_count() == 0))
            .map(|(a, _)| a.name.to_owned())
            .collect();
        let outcomes = rubric
            .outcomes
            .iter()
            .map(|o| OutcomeRows {
                id: o.id.clone(),
                title: o.title.clone(),
                rows: year
                    .strands
                    .iter()
                    .filter(|s| s.outcome == o.id)
                    .map(|s| {
                        let find = |y: &YearBenchmark| {
                            y.strands
                                .iter()
                                .find(|x| x.outcome == s.outcome && x.strand == s.strand)
                                .cloned()
                        };
                        let cells: Vec<Cell> = area_years
                            .iter()
                            .map(|y| cell(y.and_then(find).as_ref()))
                            .collect();
                        let county_cell = cell(Some(s));
                        let words = std::iter::once(format!(
                            "{} {} ({})",
                            report.name, county_cell.text, county_cell.count
                        ))
                        .chain(
                            areas
                                .iter()
                                .zip(&cells)
                                .map(|(a, c)| format!("{} {} ({})", a.name, c.text, c.count)),
                        )
                        .collect::<Vec<_>>()
                        .join(", ");
                        Row {
                            code: s.code(),
                            county: county_cell,
                            areas: cells,
                            words: format!("{}: {words}", s.code()),
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(CountyData {
            title: report.title.to_owned(),
            name: report.name.to_owned(),
            rubric_title: rubric.title.clone(),
            year: year.year.to_string(),
            n: year.school_count(),
            taking_part: county_taking_part(year.school_count(), report),
            at_a_glance: at_a_glance(year, report, &none_now),
            collection: report
                .collection
                .map(str::to_owned)
                .unwrap_or_else(|| area::collection_sentence(year, rubric)),
            strong_label: area::strong_label(county),
            threshold: county.suppression_threshold,
            areas: areas
                .iter()
                .zip(&area_years)
                .map(|(a, y)| {
                    let n = y.map_or(0, |y| y.school_count());
                    AreaHead {
                        name: a.name.to_owned(),
                        n,
                        taking_part: taking_part(n, a.eligible),
                    }
                })
                .collect(),
            outcomes,
        })
    }
}
