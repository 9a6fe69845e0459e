//! A county's overview as its templates receive it (`county.typ`, `county.html`): every
//! local area's % at the strength levels per strand, side by side with the county's, for
//! one academic year, with the number of schools behind each figure, and every heading,
//! label, caption, chart word and sentence the overview prints, written here once so the
//! PDF and the web page say the same. Figures come through the core's `published_*`
//! methods, so what the small-numbers rule withholds arrives as "c", never as a number.

use sendbench_core::{AreaBenchmark, Figure, Rubric, StrandFigures, YearBenchmark};
use serde::Serialize;

use super::words::{self, Cover, Furniture, Para, TableText};
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

/// What a county overview shows: every area beside the county, and every sentence.
#[derive(Serialize)]
pub struct CountyData {
    title: String,
    /// What only one format prints: the PDF's running header and page numbers, the web
    /// page's credit line and the captions of its tables and figures.
    furniture: Furniture,
    cover: Cover,
    /// The sentences of "At a glance".
    text: CountyText,
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

/// The overview's sentences outside its outcomes.
#[derive(Serialize)]
struct CountyText {
    /// "At a glance".
    heading: &'static str,
    /// The table of the areas and their schools taking part.
    areas: TableText,
    /// "How to read the figures."
    how_to_read: Para,
    /// The chart's key: a circle is a local area, the bar the county.
    key_area: &'static str,
    key_county: String,
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
    /// "Outcome 1: Providing high quality provision …".
    heading: String,
    /// The PDF's alternative text for the chart: every strand's figures in words.
    alt: String,
    /// The web page's caption of the chart.
    caption: String,
    /// The table of every figure: its caption (the web page's) and column headings.
    table: TableText,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    code: String,
    county: Cell,
    areas: Vec<Cell>,
    /// The row in words, for the chart's alternative text.
    words: String,
    /// The same, as the web page names the strand's track.
    label: String,
    /// Beside the track: the lowest and highest area figure ("4 areas: 60% to 95%").
    spread: String,
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
            "; {} of them named no local area, so {} in {name}’s figures and in no area’s",
            k,
            if k == 1 { "it counts" } else { "they count" }
        ));
    }
    out.push_str(&format!(
        ". Each area’s own report shows its figures with {name}’s beside them"
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

/// The lowest and highest area figure of a row in words, how many areas have one, and how
/// many are withheld: "4 areas: 60% to 95%; 1 area withheld (c)".
fn spread(areas: &[Cell]) -> String {
    let known: Vec<u32> = areas.iter().filter_map(|c| c.percent).collect();
    let w = areas.iter().filter(|c| c.text == "c").count();
    let withheld = format!("{} withheld (c)", words::areas(w));
    let (Some(&low), Some(&high)) = (known.iter().min(), known.iter().max()) else {
        return if w > 0 {
            withheld
        } else {
            "no area figure".to_owned()
        };
    };
    let k = known.len();
    let range = if k == 1 {
        format!("one area: {low}%")
    } else if low == high {
        format!("{k} areas: {} {low}%", if k == 2 { "both" } else { "all" })
    } else {
        format!("{k} areas: {low}% to {high}%")
    };
    if w > 0 {
        format!("{range}; {withheld}")
    } else {
        range
    }
}

/// What every row is read against: the county's name, its areas and their year.
struct Rows<'a> {
    name: &'a str,
    areas: &'a [LocalArea<'a>],
    area_years: &'a [Option<&'a YearBenchmark>],
    strong_label: &'a str,
    n: u32,
}

impl Rows<'_> {
    /// One strand: the county's figure and each area's, in cells and in words.
    fn row(&self, s: &StrandFigures) -> Row {
        let find = |y: &YearBenchmark| {
            y.strands
                .iter()
                .find(|x| x.outcome == s.outcome && x.strand == s.strand)
                .cloned()
        };
        let cells: Vec<Cell> = self
            .area_years
            .iter()
            .map(|y| cell(y.and_then(find).as_ref()))
            .collect();
        let county = cell(Some(s));
        let each = std::iter::once(format!("{} {} ({})", self.name, county.text, county.count))
            .chain(
                self.areas
                    .iter()
                    .zip(&cells)
                    .map(|(a, c)| format!("{} {} ({})", a.name, c.text, c.count)),
            )
            .collect::<Vec<_>>()
            .join(", ");
        let words = format!("{}: {each}", s.code());
        Row {
            code: s.code(),
            label: format!("{words}."),
            spread: spread(&cells),
            county,
            areas: cells,
            words,
        }
    }

    /// One outcome: its rows, the chart's words and the table's.
    fn outcome(&self, o: &sendbench_core::Outcome, year: &YearBenchmark) -> OutcomeRows {
        let rows: Vec<Row> = year
            .strands
            .iter()
            .filter(|s| s.outcome == o.id)
            .map(|s| self.row(s))
            .collect();
        let what = format!(
            "the percentage at {} per strand, a circle per local area and a bar for {}",
            self.strong_label, self.name
        );
        let each: Vec<String> = rows
            .iter()
            .map(|r| format!("{}: {} {}, {}", r.code, self.name, r.county.text, r.spread))
            .collect();
        let mut columns = vec!["Strand".to_owned(), format!("{} ({})", self.name, self.n)];
        columns.extend(
            self.areas
                .iter()
                .zip(self.area_years)
                .map(|(a, y)| format!("{} ({})", a.name, y.map_or(0, |y| y.school_count()))),
        );
        OutcomeRows {
            id: o.id.clone(),
            title: o.title.clone(),
            heading: format!("Outcome {}: {}", o.id, o.title),
            alt: format!("Chart of outcome {}: {what}. {}.", o.id, each.join("; ")),
            caption: format!("Outcome {}: {what}", o.id),
            table: TableText::new(
                format!(
                    "Outcome {}: the percentage at {} per strand, {} and each local area (schools behind each figure)",
                    o.id, self.strong_label, self.name
                ),
                columns,
            ),
            rows,
        }
    }
}

/// "How to read the figures."
fn how_to_read(name: &str, year: &str, strong_label: &str, threshold: Option<u32>) -> Para {
    let withheld = threshold.map_or(String::new(), |t| {
        format!(
            "; “c” marks a figure withheld because a count from 1 to {} could identify a school",
            t - 1
        )
    });
    Para::led(
        "How to read the figures.",
        format!(
            "Each figure is the percentage of the schools that judged the strand who put it at {strong_label}, with the count behind it: “87%” over “40 of 46” means 40 of the 46 schools that judged it. “—” means no school in the area judged the strand, or the area has no return for {year}{withheld}. In each chart a circle is an area and the navy bar is {name}, and the tables give every figure, so nothing depends on reading the chart."
        ),
    )
}

/// The cover's line under the title: "Academic year 2025/26: 46 schools, in 3 of the 4
/// local areas".
fn subtitle(year: &str, taking_part: &str, areas: &[AreaHead]) -> String {
    let with = areas.iter().filter(|a| a.n > 0).count();
    let local = |k: usize| sendbench_core::words::count(k, "local area", "local areas");
    let within = if with == areas.len() {
        local(with)
    } else {
        format!("{with} of the {}", local(areas.len()))
    };
    format!("{}: {taking_part}, in {within}", words::academic_year(year))
}

impl AreaHead {
    /// An area's heading: its name and its schools taking part in the year `y` (none
    /// when it has no return that year).
    fn of(a: &LocalArea<'_>, y: Option<&YearBenchmark>) -> AreaHead {
        let n = y.map_or(0, |y| y.school_count());
        AreaHead {
            name: a.name.to_owned(),
            n,
            taking_part: taking_part(n, a.eligible),
        }
    }
}

impl CountyText {
    /// The words of "At a glance" and the charts' key, for `name`'s overview of `year`.
    fn new(name: &str, year: &str, strong_label: &str, threshold: Option<u32>) -> CountyText {
        CountyText {
            heading: "At a glance",
            areas: TableText::new(
                format!("Schools taking part in each local area, {year}"),
                vec!["Local area".to_owned(), "Schools taking part".to_owned()],
            ),
            how_to_read: how_to_read(name, year, strong_label, threshold),
            key_area: "a local area",
            key_county: name.to_owned(),
        }
    }
}

/// What only one format prints: the PDF's header and page number, and the web page's
/// credit line and the captions of its tables and charts.
fn furniture(
    report: &CountyReport<'_>,
    rubric_title: &str,
    year: &str,
    text: &CountyText,
    outcomes: &[OutcomeRows],
) -> Furniture {
    let credit = format!(
        "Made with sendbench from the self-reviews returned across {} against the {rubric_title}.",
        report.name
    );
    let mut furniture = Furniture::new(report.title, year, credit);
    furniture.web_only.push(text.areas.caption.clone());
    for o in outcomes {
        furniture.web_only.push(o.caption.clone());
        furniture.web_only.push(o.table.caption.clone());
    }
    furniture
}

impl CountyData {
    /// The overview of `county`'s latest year beside each area's figures for that year; an
    /// error when no return gives a year to report on.
    pub fn new(
        county: &AreaBenchmark,
        areas: &[LocalArea<'_>],
        rubric: &Rubric,
        report: &CountyReport<'_>,
    ) -> Result<CountyData, super::ViewError> {
        let year = county.latest().ok_or(super::ViewError::NoYear)?;
        let year_text = year.year.to_string();
        let area_years: Vec<Option<&YearBenchmark>> = areas
            .iter()
            .map(|a| a.bench.years.iter().find(|y| y.year == year.year))
            .collect();
        let none_now: Vec<String> = (areas.iter().zip(&area_years))
            .filter(|(_, y)| y.is_none_or(|y| y.school_count() == 0))
            .map(|(a, _)| a.name.to_owned())
            .collect();
        let strong_label = area::strong_label(county);
        let rows = Rows {
            name: report.name,
            areas,
            area_years: &area_years,
            strong_label: &strong_label,
            n: year.school_count(),
        };
        let outcomes: Vec<OutcomeRows> = rubric
            .outcomes
            .iter()
            .map(|o| rows.outcome(o, year))
            .collect();
        let heads: Vec<AreaHead> = areas
            .iter()
            .zip(&area_years)
            .map(|(a, y)| AreaHead::of(a, *y))
            .collect();
        let taking = county_taking_part(year.school_count(), report);
        let collection = report
            .collection
            .map(str::to_owned)
            .unwrap_or_else(|| area::collection_sentence(year, rubric));
        let text = CountyText::new(
            report.name,
            &year_text,
            &strong_label,
            county.suppression_threshold,
        );
        Ok(CountyData {
            furniture: furniture(report, &rubric.title, &year_text, &text, &outcomes),
            cover: Cover {
                kicker: rubric.title.clone(),
                title: report.title.to_owned(),
                subtitle: subtitle(&year_text, &taking, &heads),
                collection: collection.clone(),
            },
            text,
            title: report.title.to_owned(),
            name: report.name.to_owned(),
            rubric_title: rubric.title.clone(),
            year: year_text,
            n: year.school_count(),
            taking_part: taking,
            at_a_glance: at_a_glance(year, report, &none_now),
            collection,
            strong_label,
            threshold: county.suppression_threshold,
            areas: heads,
            outcomes,
        })
    }
}
