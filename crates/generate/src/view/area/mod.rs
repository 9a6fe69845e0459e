//! An area benchmark's report as its templates receive it (`area.typ`, `area.html`): the
//! area's figures for its latest year with the rubric's text attached, and every heading,
//! lead-in, label, caption, chart word and sentence the report prints, written here once so
//! the PDF and the web page say the same. Every figure comes through the core's
//! `published_*` methods, so counts withheld for small numbers never reach it: they arrive
//! as `none` (a count) or "c" (text). The sentences around the lists are made by
//! [`crate::area`], the same words the terminal prints.
//!
//! By subject: [`summary`] (the first page, "At a glance"), [`text`] (what the figures are,
//! the checklist, year on year, the contributing schools, the charts' words); this module
//! the figures of each outcome and strand and the charts' alternative text.

mod summary;
mod text;

use sendbench_core::{
    AreaBenchmark, Disclosure, Figure, OutcomeHighlights, Rubric, StrandComparison, StrandFigures,
    YearBenchmark,
};
use serde::Serialize;

use super::words::{self, Cover, Furniture, TableText};
use super::AreaReport;
use crate::area::{self, List, ListNotes};

/// What an area report shows: its figures and every sentence about them.
#[derive(Serialize)]
pub struct AreaData {
    title: String,
    /// What only one format prints: the PDF's running header and page numbers, the web
    /// page's credit line and the captions of its tables and figures.
    furniture: Furniture,
    cover: Cover,
    /// Every sentence that is not about one outcome.
    text: text::AreaText,
    /// The figures, each outcome's and strand's words with them, and the names the
    /// sentences are made of (custom templates may still compose their own from these).
    #[serde(flatten)]
    figures: Figures,
}

/// An area report's figures, by outcome, strand, duty and year.
#[derive(Serialize)]
struct Figures {
    rubric_title: String,
    short_title: String,
    levels: Vec<String>,
    strength_from: usize,
    /// "Expected and Exemplary", for headings.
    strong_and: String,
    /// "Expected or Exemplary", for sentences.
    strong_label: String,
    /// "Emerging".
    below_label: String,
    /// The year reported on (the latest).
    year: String,
    /// Its number of schools.
    n: u32,
    /// How the data were collected, for the cover.
    collection: String,
    options: OptionsData,
    /// The small-numbers threshold in force, if any.
    threshold: Option<u32>,
    /// What it withheld this year, in a sentence.
    suppression: Option<String>,
    /// Whether any strand shows only its headline split, or nothing (for the chart's key).
    any_headline: bool,
    any_withheld: bool,
    /// A real figure to explain the notation with, from the first strand published in full.
    example: Option<ExampleData>,
    /// Years resting on few schools, in sentences.
    reliability: Vec<String>,
    schools: Vec<String>,
    outcomes: Vec<OutcomeData>,
    checklist: Vec<DutyData>,
    /// Every year, oldest first, with its number of schools (year on year).
    years: Vec<YearHead>,
    /// Per strand, the % at strength levels in each year (empty with one year).
    comparison: Vec<ComparisonRow>,
    /// Whether a change rests on a year of few respondents.
    any_change_on_few: bool,
    few_schools: u32,
    /// The rubric's levels again, where the shared components look for them.
    rubric: LevelsData,
    /// The first page: who took part, the headlines, the biggest changes.
    summary: summary::SummaryData,
    /// The county each strand is compared with, if any.
    county: Option<CountyHead>,
    /// Per outcome, each strand's % at strength levels in every year (the chart year on
    /// year; empty with one year).
    trend: Vec<TrendOutcome>,
}

#[derive(Serialize)]
struct CountyHead {
    name: String,
    /// Its schools in the year reported on.
    n: u32,
}

#[derive(Serialize)]
struct TrendOutcome {
    id: String,
    /// "Outcome 1", over the chart in the PDF.
    label: String,
    /// The web page's caption of the chart.
    caption: String,
    /// The chart's alternative text in the PDF: every strand's figures in words.
    alt: String,
    rows: Vec<TrendRow>,
}

#[derive(Serialize)]
struct TrendRow {
    code: String,
    /// Per year, oldest first: the % at strength levels, `none` where withheld or no
    /// school judged it.
    points: Vec<Option<u32>>,
    /// The same in words, for the chart's alternative text.
    words: String,
    /// The web page's name for the strand's track: "Strand 1a: 2024/25 80%, 2025/26 85%.".
    label: String,
}

#[derive(Serialize)]
struct ExampleData {
    /// "89% (42 of 47)".
    share: String,
    strong: u32,
    respondents: u32,
    /// Respondents and not judged together: the year's number of schools.
    total: u32,
}

#[derive(Serialize)]
struct OptionsData {
    strengths: usize,
    strength_threshold: u32,
    developments: usize,
    development_threshold: u32,
}

#[derive(Serialize)]
struct LevelsData {
    levels: Vec<String>,
}

#[derive(Serialize)]
struct YearHead {
    year: String,
    n: u32,
    few: bool,
    /// "2024/25 (46 schools)", in the chart's key.
    label: String,
}

#[derive(Serialize)]
struct OutcomeData {
    id: String,
    title: String,
    /// "Outcome 1: Providing high quality provision …".
    heading: String,
    /// The words of its chart.
    chart: OutcomeChart,
    strands: Vec<StrandData>,
    strengths: Vec<StrandData>,
    developments: Vec<StrandData>,
    strength_notes: NotesData,
    development_notes: NotesData,
    /// The heading and table of each list.
    strength_list: ListText,
    development_list: ListText,
}

/// The words of an outcome's chart.
#[derive(Serialize)]
struct OutcomeChart {
    /// The PDF's alternative text: every strand's figures in words.
    alt: String,
    /// The key: every level, and the other swatches the chart draws.
    key: Vec<text::KeyItem>,
    /// The web page's table of the chart's figures.
    figures: TableText,
}

/// A list of strengths or areas for development: its heading and table.
#[derive(Serialize)]
struct ListText {
    heading: String,
    table: TableText,
}

#[derive(Serialize)]
struct NotesData {
    empty: Option<String>,
    notes: Vec<String>,
}

impl From<ListNotes> for NotesData {
    fn from(n: ListNotes) -> NotesData {
        NotesData {
            empty: n.empty,
            notes: n.notes,
        }
    }
}

#[derive(Serialize, Clone)]
struct StrandData {
    code: String,
    /// `full`, `headline` or `withheld`.
    disclosure: &'static str,
    /// Schools at each level, `none` where withheld.
    counts: Vec<Option<u32>>,
    /// The same as printed: a number, or "c" where withheld.
    counts_text: Vec<String>,
    /// Schools at strength levels and below them, `none` where withheld.
    strong: Option<u32>,
    below: Option<u32>,
    not_judged: u32,
    respondents: u32,
    /// "98% (45 of 46)", or "c".
    strong_text: String,
    below_text: String,
    /// The chart's words for this strand (alternative text).
    words: String,
    /// The web page's name for its bar: "Strand 1a: …; Hertfordshire 87% (40 of 46).".
    label: String,
    /// Beside its bar: "45 of 46 judged".
    judged: String,
    /// Descriptors at the strength levels (Expected, Exemplary) and below (Emerging).
    strong_descriptors: Vec<String>,
    below_descriptors: Vec<String>,
    /// The county's "87% (390 of 448)" for the same strand and year, when compared.
    county_text: Option<String>,
    /// The same as printed beside the bar: "—" when the county has no figure.
    county_shown: String,
}

#[derive(Serialize)]
struct DutyData {
    text: String,
    /// Each a number or "c".
    met: String,
    partly_met: String,
    not_met: String,
    not_fully_met: String,
    unanswered: u32,
}

#[derive(Serialize)]
struct ComparisonRow {
    code: String,
    /// Per year: "85% (34 of 40)", "c" or "no school judged it".
    cells: Vec<String>,
    /// "+5", "−9", "no change", "c" or "—", with "(few schools)" when it rests on few.
    change: String,
}

fn count(f: Figure) -> Option<u32> {
    f.value()
}

fn cell(f: Figure) -> String {
    match f {
        Figure::Value(v) => v.to_string(),
        Figure::Empty => "—".to_owned(),
        Figure::Withheld => "c".to_owned(),
    }
}

/// What every strand's figures are read against: the benchmark, the rubric, the county.
struct Context<'a> {
    bench: &'a AreaBenchmark,
    rubric: &'a Rubric,
    year: &'a YearBenchmark,
    county: Option<(&'a str, &'a YearBenchmark)>,
}

impl Context<'_> {
    /// The figures of one strand, with its descriptors and the county's figure.
    fn strand(&self, s: &StrandFigures) -> StrandData {
        let levels = &self.bench.levels;
        let descriptors = self
            .rubric
            .outcome(&s.outcome)
            .and_then(|o| o.strand(&s.strand))
            .map(|st| st.descriptors.clone())
            .unwrap_or_default();
        let split = self.bench.strength_from.min(descriptors.len());
        let words = self.strand_words(s);
        let county_text = self.county.and_then(|(_, y)| {
            y.strands
                .iter()
                .find(|c| c.outcome == s.outcome && c.strand == s.strand)
                .map(area::strong_share)
        });
        let label = match (self.county, &county_text) {
            // The words open with the strand's code ("1a: …"): said once.
            (Some((name, _)), Some(t)) => format!("Strand {words}; {name} {t}."),
            _ => format!("Strand {words}."),
        };
        let counts: Vec<Option<u32>> = (0..levels.len())
            .map(|i| count(s.published_count(i)))
            .collect();
        StrandData {
            code: s.code(),
            disclosure: match s.disclosure {
                Disclosure::Full => "full",
                Disclosure::Headline => "headline",
                Disclosure::Withheld => "withheld",
            },
            counts_text: counts
                .iter()
                .map(|c| c.map_or_else(|| "c".to_owned(), |c| c.to_string()))
                .collect(),
            counts,
            strong: count(s.published_strong()),
            below: count(s.published_below()),
            not_judged: s.not_judged,
            respondents: s.respondents,
            strong_text: area::strong_share(s),
            below_text: area::below_share(s),
            judged: format!(
                "{} of {} judged",
                s.respondents,
                s.respondents + s.not_judged
            ),
            words,
            label,
            strong_descriptors: descriptors[split..].to_vec(),
            below_descriptors: descriptors[..split].to_vec(),
            county_shown: county_text.clone().unwrap_or_else(|| "—".to_owned()),
            county_text,
        }
    }

    /// A strand's figures in words: "1a: 0 Emerging, 12 Expected, 3 Exemplary, 1 not
    /// judged (15 of 16 schools judged it)".
    fn strand_words(&self, s: &StrandFigures) -> String {
        let bench = self.bench;
        let judged = match s.disclosure {
            Disclosure::Full => bench
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{} {l}", s.counts[i]))
                .collect::<Vec<_>>()
                .join(", "),
            Disclosure::Headline => format!(
                "{} {}, {} {}; the separate levels are withheld (c)",
                s.strong,
                area::strong_label(bench),
                s.below,
                area::below_label(bench)
            ),
            Disclosure::Withheld => format!(
                "{} judged it, figures withheld (c) to protect small numbers",
                s.respondents
            ),
        };
        let mut words = format!("{}: {judged}", s.code());
        if s.not_judged > 0 {
            words.push_str(&format!(", {} not judged", s.not_judged));
        }
        words.push_str(&format!(
            " ({} of {} schools judged it)",
            s.respondents,
            s.respondents + s.not_judged
        ));
        words
    }

    /// One outcome: its chart, every strand, and its two lists with their notes.
    fn outcome(&self, h: &OutcomeHighlights, chart: &text::ChartWords) -> OutcomeData {
        let year = self.year;
        let figures: Vec<&StrandFigures> = year
            .strands
            .iter()
            .filter(|s| s.outcome == h.outcome)
            .collect();
        let strands: Vec<StrandData> = figures.iter().map(|s| self.strand(s)).collect();
        let pick = |list: &[usize]| -> Vec<StrandData> {
            list.iter()
                .map(|&i| self.strand(&year.strands[i]))
                .collect()
        };
        let title = self
            .rubric
            .outcome(&h.outcome)
            .map(|o| o.title.clone())
            .unwrap_or_default();
        OutcomeData {
            heading: format!("Outcome {}: {title}", h.outcome),
            chart: OutcomeChart {
                alt: self.chart_alt(&h.outcome, &strands),
                key: text::key(
                    &self.bench.levels,
                    self.bench.strength_from,
                    &figures,
                    chart,
                ),
                figures: self.figures_table(&h.outcome, chart),
            },
            strength_list: self.list_text(&h.outcome, List::Strengths),
            development_list: self.list_text(&h.outcome, List::Developments),
            id: h.outcome.clone(),
            title,
            strands,
            strengths: pick(&h.strengths),
            developments: pick(&h.developments),
            strength_notes: area::list_notes(self.bench, year, h, List::Strengths).into(),
            development_notes: area::list_notes(self.bench, year, h, List::Developments).into(),
        }
    }

    /// The PDF's alternative text for an outcome's chart.
    fn chart_alt(&self, outcome: &str, strands: &[StrandData]) -> String {
        let each: Vec<String> = strands
            .iter()
            .map(|s| match (self.county, &s.county_text) {
                (Some((name, _)), Some(t)) => format!("{}; {name} {t}", s.words),
                _ => s.words.clone(),
            })
            .collect();
        format!(
            "Chart of outcome {outcome}: schools at each level per strand, out of {}. {}.",
            self.year.school_count(),
            each.join("; ")
        )
    }

    /// The web page's table of an outcome's chart figures.
    fn figures_table(&self, outcome: &str, chart: &text::ChartWords) -> TableText {
        let mut columns = vec!["Strand".to_owned()];
        columns.extend(self.bench.levels.iter().cloned());
        columns.push("Not judged".to_owned());
        // Beside the county's figure, the area's is called what the PDF's chart calls it.
        match self.county {
            Some((name, _)) => columns.extend([chart.here.clone(), name.to_owned()]),
            None => columns.push(area::strong_label(self.bench)),
        }
        TableText::new(
            format!(
                "Outcome {outcome}: schools at each level per strand, out of {}",
                self.year.school_count()
            ),
            columns,
        )
    }

    /// The heading and table words of an outcome's list.
    fn list_text(&self, outcome: &str, list: List) -> ListText {
        let bench = self.bench;
        let strong_and = bench.levels[bench.strength_from..].join(" and ");
        let below = area::below_label(bench);
        let (heading, descriptors) = match list {
            List::Strengths => (
                format!("Areas of strength ({} combined)", strong_and.to_lowercase()),
                format!("Descriptors ({strong_and})"),
            ),
            List::Developments => (
                format!("Areas for development ({})", below.to_lowercase()),
                format!("Descriptor ({below})"),
            ),
        };
        ListText {
            table: TableText::new(
                format!("{heading}, outcome {outcome}"),
                vec!["Strand".to_owned(), descriptors, "% (schools)".to_owned()],
            ),
            heading,
        }
    }
}

impl AreaData {
    /// The template's data for `bench`'s latest year, titled and described by `report`.
    /// `None` with no year to report.
    pub fn new(
        bench: &AreaBenchmark,
        rubric: &Rubric,
        report: &AreaReport<'_>,
    ) -> Option<AreaData> {
        let year = bench.latest()?;
        let county_year = report
            .county
            .and_then(|c| c.bench.years.iter().find(|y| y.year == year.year));
        let cx = Context {
            bench,
            rubric,
            year,
            county: report.county.zip(county_year).map(|(c, y)| (c.name, y)),
        };
        let figures = Figures::new(&cx, report);
        let text = figures.text(&cx);
        Some(AreaData {
            furniture: furniture(
                report.title,
                &rubric.title,
                year,
                &text,
                &figures.outcomes,
                &figures.trend,
            ),
            cover: Cover {
                kicker: rubric.title.clone(),
                title: report.title.to_owned(),
                subtitle: format!(
                    "{}: {}",
                    words::academic_year(&figures.year),
                    words::schools(figures.n)
                ),
                collection: figures.collection.clone(),
            },
            title: report.title.to_owned(),
            text,
            figures,
        })
    }
}

impl Figures {
    /// The figures of `cx`'s year, with the outcomes' and strands' words.
    fn new(cx: &Context<'_>, report: &AreaReport<'_>) -> Figures {
        let (bench, rubric, year) = (cx.bench, cx.rubric, cx.year);
        let changes = bench.comparison();
        let comparison = comparison_rows(&changes);
        let (strong_label, below_label) = (area::strong_label(bench), area::below_label(bench));
        let chart = text::chart(&strong_label, &below_label);
        let any = |d: Disclosure| year.strands.iter().any(|s| s.disclosure == d);
        Figures {
            summary: summary::summary(bench, year, &changes, report.eligible),
            county: cx.county.map(|(name, y)| CountyHead {
                name: name.to_owned(),
                n: y.school_count(),
            }),
            trend: trend(bench, &changes, &strong_label),
            rubric_title: rubric.title.clone(),
            short_title: rubric.short_title.clone(),
            levels: bench.levels.clone(),
            strength_from: bench.strength_from,
            strong_and: bench.levels[bench.strength_from..].join(" and "),
            strong_label,
            below_label,
            year: year.year.to_string(),
            n: year.school_count(),
            collection: report
                .collection
                .map(str::to_owned)
                .unwrap_or_else(|| area::collection_sentence(year, rubric)),
            options: OptionsData {
                strengths: bench.options.strengths,
                strength_threshold: bench.options.strength_threshold,
                developments: bench.options.developments,
                development_threshold: bench.options.development_threshold,
            },
            threshold: bench.suppression_threshold,
            suppression: area::suppression_note(bench, year),
            any_headline: any(Disclosure::Headline),
            any_withheld: any(Disclosure::Withheld),
            example: example(year),
            reliability: bench
                .reliability_warnings()
                .into_iter()
                .map(|w| w.message)
                .collect(),
            schools: year.schools.clone(),
            outcomes: year
                .outcomes
                .iter()
                .map(|h| cx.outcome(h, &chart))
                .collect(),
            checklist: duties(year, rubric),
            years: bench.years.iter().map(YearHead::of).collect(),
            any_change_on_few: comparison
                .iter()
                .any(|c| c.change.ends_with("(few schools)")),
            comparison,
            few_schools: sendbench_core::FEW_SCHOOLS,
            rubric: LevelsData {
                levels: bench.levels.clone(),
            },
        }
    }

    /// Every sentence that is not about one outcome.
    fn text(&self, cx: &Context<'_>) -> text::AreaText {
        let of = text::Of {
            bench: cx.bench,
            year: cx.year,
            rubric_title: &self.rubric_title,
            strong_label: &self.strong_label,
            below_label: &self.below_label,
            example: self
                .example
                .as_ref()
                .map(|e| (e.share.clone(), e.strong, e.respondents, e.total)),
        };
        let glance = self.summary.glance(&summary::GlanceOf {
            short_title: &self.short_title,
            year: &self.year,
            strong_label: &self.strong_label,
            county: self.county.as_ref().map(|c| (c.name.as_str(), c.n)),
        });
        text::AreaText {
            glance: text::Glance {
                heading: "At a glance",
                items: glance,
            },
            about: text::about(&of),
            checklist: text::checklist(&of),
            years: text::years(&of, self.any_change_on_few),
            contributing: text::contributing(&of),
            chart: text::chart(&self.strong_label, &self.below_label),
        }
    }
}

impl YearHead {
    fn of(y: &YearBenchmark) -> YearHead {
        YearHead {
            year: y.year.to_string(),
            n: y.school_count(),
            few: y.is_few(),
            label: text::year_label(y),
        }
    }
}

/// What only one format prints: the PDF's header and page number, and the web page's
/// credit line and the captions of its tables and figures.
fn furniture(
    title: &str,
    rubric_title: &str,
    year: &YearBenchmark,
    text: &text::AreaText,
    outcomes: &[OutcomeData],
    trend: &[TrendOutcome],
) -> Furniture {
    let credit = format!(
        "Made with sendbench from {}' self-reviews against the {}.",
        words::schools(year.school_count()),
        rubric_title
    );
    let mut f = Furniture::new(title, &year.year.to_string(), credit);
    for o in outcomes {
        f.web_only.push(o.chart.figures.caption.clone());
        f.web_only.push(o.strength_list.table.caption.clone());
        f.web_only.push(o.development_list.table.caption.clone());
    }
    f.web_only.extend(trend.iter().map(|t| t.caption.clone()));
    f.web_only.push(text.checklist.table.caption.clone());
    f.web_only
        .extend(text.years.as_ref().map(|y| y.table.caption.clone()));
    f
}

/// A real figure to explain the notation with: the first strand published in full.
fn example(year: &YearBenchmark) -> Option<ExampleData> {
    year.strands
        .iter()
        .find(|s| s.disclosure == Disclosure::Full && s.respondents > 0)
        .map(|s| ExampleData {
            share: area::strong_share(s),
            strong: s.strong,
            respondents: s.respondents,
            total: s.respondents + s.not_judged,
        })
}

/// Each statutory duty across the area, as published.
fn duties(year: &YearBenchmark, rubric: &Rubric) -> Vec<DutyData> {
    year.checklist
        .iter()
        .map(|d| DutyData {
            text: rubric
                .checklist
                .text_of(&d.item)
                .unwrap_or_default()
                .to_owned(),
            met: cell(d.published_met()),
            partly_met: cell(d.published_partly_met()),
            not_met: cell(d.published_not_met()),
            not_fully_met: cell(d.published_not_fully_met()),
            unanswered: d.unanswered,
        })
        .collect()
}

/// Per strand, its share in every year and the change since the year before.
fn comparison_rows(comparison: &[StrandComparison]) -> Vec<ComparisonRow> {
    comparison
        .iter()
        .map(|c| {
            let last = c.percents.len() - 1;
            let change = match c.change {
                Some(0) => "no change".to_owned(),
                Some(d) if d > 0 => format!("+{d}"),
                Some(d) => format!("−{}", -d),
                None if c.percents[last - 1].is_withheld() || c.percents[last].is_withheld() => {
                    "c".to_owned()
                }
                None => "—".to_owned(),
            };
            let change = if c.change_on_few {
                format!("{change} (few schools)")
            } else {
                change
            };
            ComparisonRow {
                code: c.code(),
                cells: c
                    .percents
                    .iter()
                    .zip(&c.counts)
                    .zip(&c.respondents)
                    .map(|((&p, &n), &r)| area::share(p, n, r))
                    .collect(),
                change,
            }
        })
        .collect()
}

/// Per outcome, each strand's % at strength levels per year, with the chart's words.
fn trend(
    bench: &AreaBenchmark,
    comparison: &[StrandComparison],
    strong_label: &str,
) -> Vec<TrendOutcome> {
    let mut out: Vec<TrendOutcome> = Vec::new();
    for c in comparison {
        let points: Vec<Option<u32>> = c.percents.iter().map(|p| p.value()).collect();
        let words = bench
            .years
            .iter()
            .zip(&c.percents)
            .map(|(y, p)| match p {
                Figure::Value(v) => format!("{} {v}%", y.year),
                Figure::Withheld => format!("{} c", y.year),
                Figure::Empty => format!("{} not judged", y.year),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let row = TrendRow {
            label: format!("Strand {}: {words}.", c.code()),
            code: c.code(),
            points,
            words,
        };
        match out.last_mut().filter(|o| o.id == c.outcome) {
            Some(o) => o.rows.push(row),
            None => out.push(TrendOutcome {
                id: c.outcome.clone(),
                label: format!("Outcome {}", c.outcome),
                caption: format!(
                    "Outcome {}: the percentage at {strong_label} per strand, year on year",
                    c.outcome
                ),
                alt: String::new(),
                rows: vec![row],
            }),
        }
    }
    for t in &mut out {
        let rows: Vec<String> = t
            .rows
            .iter()
            .map(|r| format!("{}: {}", r.code, r.words))
            .collect();
        t.alt = format!(
            "Chart of outcome {}, year on year: the percentage at {strong_label} per strand. {}.",
            t.id,
            rows.join("; ")
        );
    }
    out
}
