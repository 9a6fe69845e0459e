//! The area benchmark: many schools' returns aggregated, per academic year, into the figures a
//! local area publishes. For each strand, how many schools judged it at each level, how many
//! did not judge it, and the percentages of the schools that did (the respondents); per
//! outcome, the areas of strength and for development; the statutory checklist across the
//! area; the contributing schools. Exact, repeatable arithmetic in place of hand tallies.
//!
//! Rounding: every percentage is a count divided by the strand's respondents, rounded to a
//! whole number with halves going to the even number. So the same count of the same number of
//! respondents always shows the same percentage wherever it appears, and the two headline
//! figures, "% at strength levels" (Expected + Exemplary) and "% below" (Emerging), always
//! add up to exactly 100. The percentages of the separate levels are rounded the same way and
//! may add up to 99 or 101.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assessment::{AcademicYear, Assessment, ChecklistStatus};
use crate::rubric::Rubric;

/// One school's return, with where it came from (for messages).
#[derive(Debug, Clone)]
pub struct Return {
    /// The assessment.
    pub assessment: Assessment,
    /// The file it was read from.
    pub source: String,
}

impl Return {
    /// A return keeping only what aggregation reads (judgements, checklist statuses, school,
    /// dates): evidence, notes, people and source positions are dropped, so thousands of
    /// returns fit in little memory.
    pub fn new(mut assessment: Assessment, source: impl Into<String>) -> Return {
        assessment.spans = Default::default();
        assessment.participants.clear();
        assessment.action_plan.clear();
        assessment.review.key_dates.clear();
        for answer in &mut assessment.checklist {
            answer.evidence = String::new();
        }
        for outcome in &mut assessment.outcomes {
            outcome.fields.clear();
            for j in &mut outcome.strands {
                j.evidence = String::new();
            }
        }
        Return {
            assessment,
            source: source.into(),
        }
    }
}

/// Options that shape the published report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaOptions {
    /// Most strands listed as strengths per outcome.
    pub strengths: usize,
    /// Least % at strength levels for a strand to be listed as a strength.
    pub strength_threshold: u32,
    /// Most strands listed for development per outcome.
    pub developments: usize,
    /// Least % below the strength levels for a strand to be listed for development.
    pub development_threshold: u32,
}

impl Default for AreaOptions {
    /// Defaults that give a report like the DSPL 9 one: up to five strengths of at least
    /// 85%, up to three areas for development of at least 15%.
    fn default() -> Self {
        AreaOptions {
            strengths: 5,
            strength_threshold: 85,
            developments: 3,
            development_threshold: 15,
        }
    }
}

/// Something the person aggregating should know about the returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaNotice {
    /// `duplicate`, `no-year`, `other-rubric`.
    pub code: &'static str,
    /// What happened, naming the files.
    pub message: String,
}

/// The aggregate for every academic year found in the returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaBenchmark {
    /// The rubric's level names, lowest first.
    pub levels: Vec<String>,
    /// Index of the lowest level that counts as a strength.
    pub strength_from: usize,
    /// One entry per academic year, oldest first.
    pub years: Vec<YearBenchmark>,
}

/// One academic year's aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearBenchmark {
    /// The academic year.
    pub year: AcademicYear,
    /// Contributing schools, alphabetical, each once.
    pub schools: Vec<String>,
    /// Every strand, in rubric order.
    pub strands: Vec<StrandFigures>,
    /// Per outcome, the strands listed as strengths and for development.
    pub outcomes: Vec<OutcomeHighlights>,
    /// The statutory checklist across the area, in rubric order.
    pub checklist: Vec<DutyFigures>,
}

/// One strand's figures for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrandFigures {
    /// Outcome id.
    pub outcome: String,
    /// Strand id.
    pub strand: String,
    /// Schools judging it at each level.
    pub counts: Vec<u32>,
    /// Schools that did not judge it.
    pub not_judged: u32,
    /// Schools that judged it.
    pub respondents: u32,
    /// Percent of respondents at each level, `None` with no respondents.
    pub percents: Option<Vec<u32>>,
    /// Schools at strength levels (e.g. Expected and Exemplary).
    pub strong: u32,
    /// Percent of respondents at strength levels.
    pub strong_percent: Option<u32>,
    /// Schools below the strength levels (e.g. Emerging).
    pub below: u32,
    /// Percent of respondents below the strength levels.
    pub below_percent: Option<u32>,
    /// Small numbers: the counts and percentages must not be published (see
    /// [`AreaBenchmark::suppress_below`]).
    pub suppressed: bool,
}

impl StrandFigures {
    /// `1a`.
    pub fn code(&self) -> String {
        format!("{}{}", self.outcome, self.strand)
    }
}

/// An outcome's strengths and areas for development, as indexes into the year's strands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeHighlights {
    /// Outcome id.
    pub outcome: String,
    /// Strands with the highest % at strength levels, highest first.
    pub strengths: Vec<usize>,
    /// Strands with the highest % below the strength levels, highest first.
    pub developments: Vec<usize>,
}

/// One strand year on year (see [`AreaBenchmark::comparison`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrandComparison {
    /// Outcome id.
    pub outcome: String,
    /// Strand id.
    pub strand: String,
    /// % at strength levels per year, oldest first.
    pub percents: Vec<Option<u32>>,
    /// Whether each year's figures are suppressed.
    pub suppressed: Vec<bool>,
    /// Latest minus previous, in percentage points.
    pub change: Option<i64>,
}

impl StrandComparison {
    /// `1a`.
    pub fn code(&self) -> String {
        format!("{}{}", self.outcome, self.strand)
    }
}

/// One statutory duty across the area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyFigures {
    /// Item id.
    pub item: String,
    /// Schools meeting it.
    pub met: u32,
    /// Schools partly meeting it.
    pub partly_met: u32,
    /// Schools not meeting it.
    pub not_met: u32,
    /// Schools that did not answer.
    pub unanswered: u32,
    /// Small numbers: the counts must not be published.
    pub suppressed: bool,
}

/// Why returns cannot be aggregated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    /// A return answers another rubric.
    #[error("{file} answers the rubric {found}, not {expected}: returns made against another rubric version cannot be added together")]
    OtherRubric {
        /// The file.
        file: String,
        /// What it answers.
        found: String,
        /// The rubric in use.
        expected: String,
    },
    /// With `strict`, a school appears twice in one year.
    #[error("{0}")]
    Duplicate(String),
    /// Nothing to aggregate.
    #[error("no returns to aggregate")]
    Empty,
}

/// `part` as a whole-number percentage of `whole`, halves to even (see the module notes);
/// `None` when `whole` is 0.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let (scaled, whole) = (u64::from(part) * 100, u64::from(whole));
    let (floor, rem) = (scaled / whole, scaled % whole);
    let up = match (2 * rem).cmp(&whole) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => floor % 2 == 1,
        std::cmp::Ordering::Less => false,
    };
    u32::try_from(floor + u64::from(up)).ok()
}

/// A school's name reduced for matching: case, punctuation, "&"/"and" and spacing ignored.
pub fn normalise_name(name: &str) -> String {
    let lowered = name
        .to_lowercase()
        .replace('&', " and ")
        .replace(['’', '\''], "");
    lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl AreaBenchmark {
    /// Aggregates returns. Duplicates within a year (same URN, else same normalised name) are
    /// counted once, the latest review winning, with a notice naming both files, or an
    /// error when `strict`. Returns without an academic year (or review date to infer one
    /// from) are left out with a notice.
    pub fn build(
        rubric: &Rubric,
        returns: &[Return],
        options: AreaOptions,
        strict: bool,
    ) -> Result<(AreaBenchmark, Vec<AreaNotice>), AreaError> {
        if returns.is_empty() {
            return Err(AreaError::Empty);
        }
        let mut notices = Vec::new();
        let mut by_year: BTreeMap<AcademicYear, Vec<&Return>> = BTreeMap::new();
        let mut seen: BTreeMap<AcademicYear, std::collections::HashMap<String, usize>> =
            BTreeMap::new();
        for r in returns {
            let a = &r.assessment;
            if a.rubric.id != rubric.id || a.rubric.version != rubric.version {
                return Err(AreaError::OtherRubric {
                    file: r.source.clone(),
                    found: format!("{} version {}", a.rubric.id, a.rubric.version),
                    expected: format!("{} version {}", rubric.id, rubric.version),
                });
            }
            let Some(year) = a
                .review
                .academic_year
                .or(a.review.date.map(AcademicYear::containing))
            else {
                notices.push(AreaNotice {
                    code: "no-year",
                    message: format!(
                        "{} has no academic year or review date, so it was left out",
                        r.source
                    ),
                });
                continue;
            };
            let list = by_year.entry(year).or_default();
            // Where each school already is in this year's list, so duplicates are found in
            // constant time however many returns there are.
            let index = seen.entry(year).or_default();
            let key = school_key(a);
            match index.get(&key).copied() {
                None => {
                    index.insert(key, list.len());
                    list.push(r);
                }
                Some(i) => {
                    let other = list[i];
                    let message = format!(
                        "{} appears twice in {year}: {} and {}; counted once, using the later review ({})",
                        a.school.name,
                        other.source,
                        r.source,
                        if a.review.date > other.assessment.review.date { &r.source } else { &other.source }
                    );
                    if strict {
                        return Err(AreaError::Duplicate(message));
                    }
                    notices.push(AreaNotice {
                        code: "duplicate",
                        message,
                    });
                    if a.review.date > other.assessment.review.date {
                        list[i] = r;
                    }
                }
            }
        }
        let years = by_year
            .into_iter()
            .map(|(year, list)| year_benchmark(rubric, year, &list, options))
            .collect();
        Ok((
            AreaBenchmark {
                levels: rubric.levels.iter().map(|l| l.name.clone()).collect(),
                strength_from: rubric.strength_from,
                years,
            },
            notices,
        ))
    }
}

impl AreaBenchmark {
    /// Marks for suppression every strand and checklist row with a count from 1 to `n - 1`,
    /// and leaves suppressed strands out of the strengths and areas for development
    /// (the GSS small-numbers rule, shown as `c`). The whole row is suppressed, not just the
    /// small cell: a row's counts add up to the number of schools, which is published, so any
    /// one cell could be worked out from the others by subtraction.
    pub fn suppress_below(&mut self, n: u32) {
        let small = |c: u32| c > 0 && c < n;
        for year in &mut self.years {
            for s in &mut year.strands {
                s.suppressed = s.counts.iter().chain([&s.not_judged]).any(|&c| small(c));
            }
            for d in &mut year.checklist {
                d.suppressed = [d.met, d.partly_met, d.not_met, d.unanswered]
                    .into_iter()
                    .any(small);
            }
            // Listing a suppressed strand as a strength (or for development) would say roughly
            // what its hidden figures are: leave it out of the lists.
            let strands = &year.strands;
            for h in &mut year.outcomes {
                h.strengths.retain(|&i| !strands[i].suppressed);
                h.developments.retain(|&i| !strands[i].suppressed);
            }
        }
    }

    /// Year on year: for each strand, the % at strength levels in every year (oldest first)
    /// and the change from the previous year to the latest, in percentage points. Empty with
    /// fewer than two years; suppressed figures are marked and give no change.
    pub fn comparison(&self) -> Vec<StrandComparison> {
        let Some(first) = self.years.first().filter(|_| self.years.len() > 1) else {
            return Vec::new();
        };
        first
            .strands
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let percents: Vec<Option<u32>> = self
                    .years
                    .iter()
                    .map(|y| y.strands[i].strong_percent)
                    .collect();
                let suppressed: Vec<bool> =
                    self.years.iter().map(|y| y.strands[i].suppressed).collect();
                let n = percents.len();
                let change = match (percents[n - 2], percents[n - 1]) {
                    _ if suppressed[n - 2] || suppressed[n - 1] => None,
                    (Some(a), Some(b)) => Some(i64::from(b) - i64::from(a)),
                    _ => None,
                };
                StrandComparison {
                    outcome: s.outcome.clone(),
                    strand: s.strand.clone(),
                    percents,
                    suppressed,
                    change,
                }
            })
            .collect()
    }

    /// Published cells that would show every named school's judgement: a strand where every
    /// contributing school judged it and all of them sit on one side of the strength line
    /// (100% at Expected or above, or 100% below), with the list of schools published beside it.
    pub fn disclosure_warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for year in &self.years {
            let n = year.schools.len() as u32;
            let codes: Vec<String> = year
                .strands
                .iter()
                .filter(|s| {
                    !s.suppressed && s.not_judged == 0 && n > 0 && (s.strong == n || s.below == n)
                })
                .map(StrandFigures::code)
                .collect();
            if !codes.is_empty() {
                out.push(format!(
                    "{}: {} strand(s) ({}) were judged the same side of {} by every contributing school, so with the school list published each school's judgement is known; consider publishing these strands without figures, or without the list of schools",
                    year.year,
                    codes.len(),
                    codes.join(", "),
                    self.levels[self.strength_from]
                ));
            }
        }
        out
    }
}

fn school_key(a: &Assessment) -> String {
    match &a.school.urn {
        Some(urn) => format!("urn:{}", urn.trim()),
        None => format!("name:{}", normalise_name(&a.school.name)),
    }
}

fn year_benchmark(
    rubric: &Rubric,
    year: AcademicYear,
    returns: &[&Return],
    options: AreaOptions,
) -> YearBenchmark {
    let mut schools: Vec<String> = returns
        .iter()
        .map(|r| r.assessment.school.name.clone())
        .collect();
    schools.sort_by_key(|s| normalise_name(s));
    let total = returns.len() as u32;
    let strands: Vec<StrandFigures> = rubric
        .strands()
        .map(|s| {
            let mut counts = vec![0u32; rubric.levels.len()];
            for r in returns {
                let level = r
                    .assessment
                    .judgement(&s.outcome.id, &s.strand.id)
                    .and_then(|j| j.level.as_deref())
                    .and_then(|l| rubric.level_index(l));
                if let Some(i) = level {
                    counts[i] += 1;
                }
            }
            let respondents: u32 = counts.iter().sum();
            let percents = counts
                .iter()
                .map(|&c| percent(c, respondents))
                .collect::<Option<Vec<u32>>>();
            let strong: u32 = counts[rubric.strength_from..].iter().sum();
            let below = respondents - strong;
            StrandFigures {
                outcome: s.outcome.id.clone(),
                strand: s.strand.id.clone(),
                not_judged: total - respondents,
                respondents,
                strong,
                strong_percent: percent(strong, respondents),
                below,
                below_percent: percent(below, respondents),
                percents,
                counts,
                suppressed: false,
            }
        })
        .collect();
    let outcomes = rubric
        .outcomes
        .iter()
        .map(|o| {
            let mine: Vec<usize> = strands
                .iter()
                .enumerate()
                .filter(|(_, s)| s.outcome == o.id)
                .map(|(i, _)| i)
                .collect();
            let pick = |value: &dyn Fn(&StrandFigures) -> Option<u32>,
                        count: &dyn Fn(&StrandFigures) -> u32,
                        threshold: u32,
                        most: usize| {
                let mut chosen: Vec<usize> = mine
                    .iter()
                    .copied()
                    .filter(|&i| value(&strands[i]).is_some_and(|p| p >= threshold && p > 0))
                    .collect();
                // Highest percentage first; then more schools; then rubric order.
                chosen.sort_by(|&a, &b| {
                    value(&strands[b])
                        .cmp(&value(&strands[a]))
                        .then(count(&strands[b]).cmp(&count(&strands[a])))
                        .then(a.cmp(&b))
                });
                chosen.truncate(most);
                chosen
            };
            let strengths = pick(
                &|s| s.strong_percent,
                &|s| s.strong,
                options.strength_threshold,
                options.strengths,
            );
            // With low thresholds a strand could qualify as both; a strength is not also
            // listed for development.
            let mut developments = pick(
                &|s| s.below_percent,
                &|s| s.below,
                options.development_threshold,
                options.developments + strengths.len(),
            );
            developments.retain(|i| !strengths.contains(i));
            developments.truncate(options.developments);
            OutcomeHighlights {
                outcome: o.id.clone(),
                strengths,
                developments,
            }
        })
        .collect();
    let checklist = rubric
        .checklist
        .items
        .iter()
        .map(|item| {
            let mut d = DutyFigures {
                item: item.id.clone(),
                met: 0,
                partly_met: 0,
                not_met: 0,
                unanswered: 0,
                suppressed: false,
            };
            for r in returns {
                match r
                    .assessment
                    .checklist_answer(&item.id)
                    .and_then(|x| x.status)
                {
                    Some(ChecklistStatus::Met) => d.met += 1,
                    Some(ChecklistStatus::PartlyMet) => d.partly_met += 1,
                    Some(ChecklistStatus::NotMet) => d.not_met += 1,
                    None => d.unanswered += 1,
                }
            }
            d
        })
        .collect();
    YearBenchmark {
        year,
        schools,
        strands,
        outcomes,
        checklist,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complementary_percentages_add_up_to_exactly_100() {
        for whole in 1..200u32 {
            for part in 0..=whole {
                let (a, b) = (percent(part, whole), percent(whole - part, whole));
                assert_eq!(a.zip(b).map(|(a, b)| a + b), Some(100), "{part}/{whole}");
            }
        }
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn rounding_is_to_the_nearest_with_halves_to_even() {
        assert_eq!(percent(45, 46), Some(98)); // 97.8
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(12)); // 12.5
        assert_eq!(percent(7, 8), Some(88)); // 87.5
        assert_eq!(percent(3, 8), Some(38)); // 37.5
    }

    #[test]
    fn names_match_whatever_their_punctuation() {
        assert_eq!(
            normalise_name("St Mary's C of E  Primary"),
            normalise_name("st marys c of e primary")
        );
        assert_eq!(
            normalise_name("Watford Field School (Infant & Nursery)"),
            "watford field school infant and nursery"
        );
    }
}
