//! What the area report template receives: the area benchmark with the rubric's text
//! attached, as one `data.json`. Counts suppressed for small numbers never reach it.

use sendbench_core::{AreaBenchmark, Rubric, StrandFigures};
use serde::Serialize;

#[derive(Serialize)]
pub struct AreaData {
    title: String,
    rubric_title: String,
    short_title: String,
    levels: Vec<String>,
    strength_from: usize,
    strong_label: String,
    below_label: String,
    /// Oldest first; the template reports on the last and compares with the others.
    years: Vec<YearData>,
    /// Per strand, the % at strength levels in each year (for year on year).
    comparison: Vec<ComparisonRow>,
    /// The rubric's levels again, where the shared components look for them.
    rubric: LevelsData,
    /// The small-numbers threshold in force, if any.
    suppress_below: Option<u32>,
}

#[derive(Serialize)]
struct LevelsData {
    levels: Vec<String>,
}

#[derive(Serialize)]
struct YearData {
    year: String,
    schools: Vec<String>,
    outcomes: Vec<OutcomeData>,
    checklist: Vec<DutyData>,
}

#[derive(Serialize)]
struct OutcomeData {
    id: String,
    title: String,
    strands: Vec<StrandData>,
    strengths: Vec<StrandData>,
    developments: Vec<StrandData>,
}

#[derive(Serialize, Clone)]
struct StrandData {
    code: String,
    counts: Vec<u32>,
    not_judged: u32,
    respondents: u32,
    strong: u32,
    strong_percent: Option<u32>,
    below: u32,
    below_percent: Option<u32>,
    /// Counts too small to publish: the template shows `c`.
    suppressed: bool,
    /// Descriptors at the strength levels (Expected, Exemplary) and below (Emerging).
    strong_descriptors: Vec<String>,
    below_descriptors: Vec<String>,
}

#[derive(Serialize)]
struct DutyData {
    text: String,
    met: u32,
    partly_met: u32,
    not_met: u32,
    unanswered: u32,
    suppressed: bool,
}

#[derive(Serialize)]
struct ComparisonRow {
    code: String,
    percents: Vec<Option<u32>>,
    change: Option<i64>,
    suppressed: Vec<bool>,
}

impl AreaData {
    pub fn new(
        bench: &AreaBenchmark,
        rubric: &Rubric,
        title: &str,
        suppress_below: Option<u32>,
    ) -> AreaData {
        let strand = |s: &StrandFigures| {
            let descriptors = rubric
                .outcome(&s.outcome)
                .and_then(|o| o.strand(&s.strand))
                .map(|st| st.descriptors.clone())
                .unwrap_or_default();
            let split = bench.strength_from.min(descriptors.len());
            StrandData {
                code: s.code(),
                counts: s.counts.clone(),
                not_judged: s.not_judged,
                respondents: s.respondents,
                strong: s.strong,
                strong_percent: s.strong_percent,
                below: s.below,
                below_percent: s.below_percent,
                suppressed: s.suppressed,
                strong_descriptors: descriptors[split..].to_vec(),
                below_descriptors: descriptors[..split].to_vec(),
            }
        };
        let years = bench
            .years
            .iter()
            .map(|y| YearData {
                year: y.year.to_string(),
                schools: y.schools.clone(),
                outcomes: y
                    .outcomes
                    .iter()
                    .map(|h| OutcomeData {
                        id: h.outcome.clone(),
                        title: rubric
                            .outcome(&h.outcome)
                            .map(|o| o.title.clone())
                            .unwrap_or_default(),
                        strands: y
                            .strands
                            .iter()
                            .filter(|s| s.outcome == h.outcome)
                            .map(strand)
                            .collect(),
                        strengths: h.strengths.iter().map(|&i| strand(&y.strands[i])).collect(),
                        developments: h
                            .developments
                            .iter()
                            .map(|&i| strand(&y.strands[i]))
                            .collect(),
                    })
                    .collect(),
                checklist: y
                    .checklist
                    .iter()
                    .map(|d| DutyData {
                        text: rubric
                            .checklist
                            .items
                            .iter()
                            .find(|i| i.id == d.item)
                            .map(|i| i.text.clone())
                            .unwrap_or_default(),
                        met: d.met,
                        partly_met: d.partly_met,
                        not_met: d.not_met,
                        unanswered: d.unanswered,
                        suppressed: d.suppressed,
                    })
                    .collect(),
            })
            .collect();
        let comparison = bench
            .comparison()
            .into_iter()
            .map(|c| ComparisonRow {
                code: c.code(),
                percents: c.percents,
                change: c.change,
                suppressed: c.suppressed,
            })
            .collect();
        AreaData {
            title: title.to_owned(),
            rubric_title: rubric.title.clone(),
            short_title: rubric.short_title.clone(),
            levels: bench.levels.clone(),
            strength_from: bench.strength_from,
            strong_label: bench.levels[bench.strength_from..].join(" and "),
            below_label: bench.levels[..bench.strength_from].join(" or "),
            years,
            comparison,
            rubric: LevelsData {
                levels: bench.levels.clone(),
            },
            suppress_below,
        }
    }
}
