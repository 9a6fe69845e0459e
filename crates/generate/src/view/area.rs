//! What the area report template receives: the area benchmark with the rubric's text
//! attached, as one `data.json`. Every figure comes through the core's `published_*`
//! methods, so counts withheld for small numbers never reach it: they arrive as `none`
//! (a count) or "c" (text), and the sentences around the lists are made by
//! [`crate::area`], the same words the terminal prints.

use sendbench_core::{AreaBenchmark, Disclosure, Figure, Rubric, StrandFigures};
use serde::Serialize;

use super::AreaReport;
use crate::area::{self, List, ListNotes};

/// What an area report shows: its figures and every sentence about them.
#[derive(Serialize)]
pub struct AreaData {
    title: String,
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
    summary: SummaryData,
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
struct SummaryData {
    /// "46 schools", or "46 of 52 eligible schools (88%)".
    taking_part: String,
    /// The strengths listed across the outcomes, highest first: "1a: 98% (45 of 46)".
    strengths: Vec<String>,
    /// "and 7 more at 100%", when strengths beyond those shown tie with the last.
    strengths_tied: Option<String>,
    /// How many strengths there are in all (more than shown when `strengths` is cut).
    strengths_total: usize,
    developments: Vec<String>,
    developments_tied: Option<String>,
    developments_total: usize,
    /// The year compared with, if there is one.
    previous: Option<String>,
    /// The largest rises and falls in the % at strength levels since `previous`.
    rises: Vec<String>,
    rises_tied: Option<String>,
    falls: Vec<String>,
    falls_tied: Option<String>,
    /// How many strands' change could be worked out (published in both years).
    compared: usize,
    /// Why no strength or area for development is listed when none is: "withheld" (every
    /// strand's figures are), "unjudged" (no school judged any strand), else none (the
    /// outcome sections say which reached a threshold, and why they are not listed).
    none_listed_because: Option<&'static str>,
}

#[derive(Serialize)]
struct TrendOutcome {
    id: String,
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
}

/// How many of each headline list the first page shows (more when they tie with the last).
const HEADLINES: usize = 5;
/// How many rises and falls the first page shows (more when they tie).
const CHANGES: usize = 3;

/// The first `k` of `items` (already in order), and when items after them tie with the
/// k-th, how many: "and 7 more at 100%" (the tie's value put in words by `label`), so a
/// list cut at its limit never hides that others share its last value.
fn first_k<K: PartialEq>(
    items: &[(K, String)],
    k: usize,
    label: impl Fn(&K) -> String,
) -> (Vec<String>, Option<String>) {
    let shown: Vec<String> = items.iter().take(k).map(|(_, t)| t.clone()).collect();
    let tied = match items.get(k.wrapping_sub(1)) {
        Some((last, _)) if k > 0 => items[k..].iter().filter(|(key, _)| key == last).count(),
        _ => 0,
    };
    let more = (tied > 0).then(|| {
        let at = items
            .get(k - 1)
            .map(|(key, _)| label(key))
            .unwrap_or_default();
        format!("and {tied} more {at}")
    });
    (shown, more)
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
}

#[derive(Serialize)]
struct OutcomeData {
    id: String,
    title: String,
    strands: Vec<StrandData>,
    strengths: Vec<StrandData>,
    developments: Vec<StrandData>,
    strength_notes: NotesData,
    development_notes: NotesData,
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
    /// Descriptors at the strength levels (Expected, Exemplary) and below (Emerging).
    strong_descriptors: Vec<String>,
    below_descriptors: Vec<String>,
    /// The county's "87% (390 of 448)" for the same strand and year, when compared.
    county_text: Option<String>,
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

impl AreaData {
    /// The template's data for `bench`'s latest year, titled `title`; `collection` replaces
    /// the cover's sentence on how the data were collected. `None` with no year to report.
    pub fn new(
        bench: &AreaBenchmark,
        rubric: &Rubric,
        report: &AreaReport<'_>,
    ) -> Option<AreaData> {
        let (title, collection) = (report.title, report.collection);
        let year = bench.latest()?;
        let levels = &bench.levels;
        let county_year = report
            .county
            .and_then(|c| c.bench.years.iter().find(|y| y.year == year.year));
        let strand = |s: &StrandFigures| {
            let descriptors = rubric
                .outcome(&s.outcome)
                .and_then(|o| o.strand(&s.strand))
                .map(|st| st.descriptors.clone())
                .unwrap_or_default();
            let split = bench.strength_from.min(descriptors.len());
            let total = s.respondents + s.not_judged;
            let judged = match s.disclosure {
                Disclosure::Full => levels
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
                " ({} of {total} schools judged it)",
                s.respondents
            ));
            StrandData {
                code: s.code(),
                disclosure: match s.disclosure {
                    Disclosure::Full => "full",
                    Disclosure::Headline => "headline",
                    Disclosure::Withheld => "withheld",
                },
                counts: (0..levels.len())
                    .map(|i| count(s.published_count(i)))
                    .collect(),
                strong: count(s.published_strong()),
                below: count(s.published_below()),
                not_judged: s.not_judged,
                respondents: s.respondents,
                strong_text: area::strong_share(s),
                below_text: area::below_share(s),
                words,
                strong_descriptors: descriptors[split..].to_vec(),
                below_descriptors: descriptors[..split].to_vec(),
                county_text: county_year.and_then(|y| {
                    y.strands
                        .iter()
                        .find(|c| c.outcome == s.outcome && c.strand == s.strand)
                        .map(area::strong_share)
                }),
            }
        };
        let outcomes = year
            .outcomes
            .iter()
            .map(|h| OutcomeData {
                id: h.outcome.clone(),
                title: rubric
                    .outcome(&h.outcome)
                    .map(|o| o.title.clone())
                    .unwrap_or_default(),
                strands: year
                    .strands
                    .iter()
                    .filter(|s| s.outcome == h.outcome)
                    .map(strand)
                    .collect(),
                strengths: h
                    .strengths
                    .iter()
                    .map(|&i| strand(&year.strands[i]))
                    .collect(),
                developments: h
                    .developments
                    .iter()
                    .map(|&i| strand(&year.strands[i]))
                    .collect(),
                strength_notes: area::list_notes(bench, year, h, List::Strengths).into(),
                development_notes: area::list_notes(bench, year, h, List::Developments).into(),
            })
            .collect();
        let checklist = year
            .checklist
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
            .collect();
        let comparison: Vec<ComparisonRow> = bench
            .comparison()
            .into_iter()
            .map(|c| {
                let last = c.percents.len() - 1;
                let change = match c.change {
                    Some(0) => "no change".to_owned(),
                    Some(d) if d > 0 => format!("+{d}"),
                    Some(d) => format!("−{}", -d),
                    None if c.percents[last - 1].is_withheld()
                        || c.percents[last].is_withheld() =>
                    {
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
            .collect();
        let changes = bench.comparison();
        let summary = summary(bench, year, &changes, report.eligible);
        let trend = trend(bench, &changes);
        Some(AreaData {
            summary,
            county: report.county.and_then(|c| {
                county_year.map(|y| CountyHead {
                    name: c.name.to_owned(),
                    n: y.school_count(),
                })
            }),
            trend,
            title: title.to_owned(),
            rubric_title: rubric.title.clone(),
            short_title: rubric.short_title.clone(),
            levels: levels.clone(),
            strength_from: bench.strength_from,
            strong_and: levels[bench.strength_from..].join(" and "),
            strong_label: area::strong_label(bench),
            below_label: area::below_label(bench),
            year: year.year.to_string(),
            n: year.school_count(),
            collection: collection
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
            any_headline: year
                .strands
                .iter()
                .any(|s| s.disclosure == Disclosure::Headline),
            any_withheld: year
                .strands
                .iter()
                .any(|s| s.disclosure == Disclosure::Withheld),
            example: year
                .strands
                .iter()
                .find(|s| s.disclosure == Disclosure::Full && s.respondents > 0)
                .map(|s| ExampleData {
                    share: area::strong_share(s),
                    strong: s.strong,
                    respondents: s.respondents,
                    total: s.respondents + s.not_judged,
                }),
            reliability: bench
                .reliability_warnings()
                .into_iter()
                .map(|w| w.message)
                .collect(),
            schools: year.schools.clone(),
            outcomes,
            checklist,
            years: bench
                .years
                .iter()
                .map(|y| YearHead {
                    year: y.year.to_string(),
                    n: y.school_count(),
                    few: y.is_few(),
                })
                .collect(),
            any_change_on_few: comparison
                .iter()
                .any(|c| c.change.ends_with("(few schools)")),
            comparison,
            few_schools: sendbench_core::FEW_SCHOOLS,
            rubric: LevelsData {
                levels: levels.clone(),
            },
        })
    }
}

/// Per outcome, each strand's % at strength levels per year.
fn trend(
    bench: &AreaBenchmark,
    comparison: &[sendbench_core::StrandComparison],
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
            code: c.code(),
            points,
            words,
        };
        match out.last_mut().filter(|o| o.id == c.outcome) {
            Some(o) => o.rows.push(row),
            None => out.push(TrendOutcome {
                id: c.outcome.clone(),
                rows: vec![row],
            }),
        }
    }
    out
}

/// The first page's summary of the latest year.
fn summary(
    bench: &AreaBenchmark,
    year: &sendbench_core::YearBenchmark,
    comparison: &[sendbench_core::StrandComparison],
    eligible: Option<u32>,
) -> SummaryData {
    let taking_part = super::county::taking_part(year.school_count(), eligible);
    // Every strand listed in an outcome's section, highest percentage first; a strand is in
    // one list at most (one reaching both thresholds is listed for development only).
    let listed = |pick: &dyn Fn(&sendbench_core::OutcomeHighlights) -> &Vec<usize>,
                  percent: &dyn Fn(&StrandFigures) -> Option<u32>,
                  text: &dyn Fn(&StrandFigures) -> String| {
        let mut items: Vec<(u32, String, String)> = year
            .outcomes
            .iter()
            .flat_map(|h| pick(h).iter())
            .map(|&i| &year.strands[i])
            .map(|s| {
                (
                    percent(s).unwrap_or(0),
                    s.code(),
                    format!("{}: {}", s.code(), text(s)),
                )
            })
            .collect();
        items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let total = items.len();
        let keyed: Vec<(u32, String)> = items.into_iter().map(|(p, _, t)| (p, t)).collect();
        let (shown, tied) = first_k(&keyed, HEADLINES, |p| format!("at {p}%"));
        (shown, tied, total)
    };
    let (strengths, strengths_tied, strengths_total) = listed(
        &|h| &h.strengths,
        &|s| s.published_strong_percent().value(),
        &area::strong_share,
    );
    let (developments, developments_tied, developments_total) = listed(
        &|h| &h.developments,
        &|s| s.published_below_percent().value(),
        &area::below_share,
    );
    let previous =
        (bench.years.len() > 1).then(|| bench.years[bench.years.len() - 2].year.to_string());
    let mut changes: Vec<(i64, String, String)> = comparison
        .iter()
        .filter_map(|c| {
            let d = c.change?;
            let last = c.percents.len() - 1;
            let from = c.percents[last - 1].value()?;
            let to = c.percents[last].value()?;
            let few = if c.change_on_few { ", few schools" } else { "" };
            let sign = if d > 0 { "+" } else { "−" };
            Some((
                d,
                c.code(),
                format!(
                    "{}: {sign}{} points, from {from}% to {to}%{few}",
                    c.code(),
                    d.abs()
                ),
            ))
        })
        .collect();
    let compared = changes.len();
    changes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let rises: Vec<(i64, String)> = changes
        .iter()
        .filter(|c| c.0 > 0)
        .map(|c| (c.0, c.2.clone()))
        .collect();
    let mut falls: Vec<(i64, String)> = changes
        .iter()
        .filter(|c| c.0 < 0)
        .map(|c| (c.0, c.2.clone()))
        .collect();
    falls.sort_by_key(|f| f.0);
    let points = |d: &i64| format!("of {}{} points", if *d > 0 { "+" } else { "−" }, d.abs());
    let (rises, rises_tied) = first_k(&rises, CHANGES, points);
    let (falls, falls_tied) = first_k(&falls, CHANGES, points);
    let none_listed_because = if year.strands.iter().all(|s| s.respondents == 0) {
        Some("unjudged")
    } else if year
        .strands
        .iter()
        .filter(|s| s.respondents > 0)
        .all(|s| s.disclosure == sendbench_core::Disclosure::Withheld)
    {
        Some("withheld")
    } else {
        None
    };
    SummaryData {
        none_listed_because,
        taking_part,
        strengths,
        strengths_tied,
        strengths_total,
        developments,
        developments_tied,
        developments_total,
        previous,
        rises,
        rises_tied,
        falls,
        falls_tied,
        compared,
    }
}
