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
//!
//! Strengths and areas for development (see [`OutcomeHighlights`]): a strand is a strength
//! when its % at strength levels reaches [`AreaOptions::strength_threshold`], and for
//! development when its % below reaches [`AreaOptions::development_threshold`]. A strand
//! that reaches both is an area for development, never a strength: an area for development
//! must not be hidden behind a good headline. Each list keeps the highest percentages up to
//! its limit, and every strand with the same percentage as the last one kept, so a list may
//! be longer than its limit.
//!
//! Small numbers (see [`AreaBenchmark::suppress_below`] and [`Disclosure`]), as the
//! Government Statistical Service does it: a count from 1 to n-1 is never published, nor any
//! figure it could be worked out from.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::assessment::{AcademicYear, Assessment, ChecklistStatus};
use crate::disclosure::Disclosure;
use crate::rubric::Rubric;
use crate::schools::{group_schools, normalise_name, SchoolId};

/// Below this many schools a year's percentages are fragile: with fewer than 10 schools,
/// one school's judgement moves a percentage by more than 10 points. Such years (and any
/// change from or to them) are flagged by [`AreaBenchmark::reliability_warnings`] and in
/// every output.
pub const FEW_SCHOOLS: u32 = 10;

/// The lowest small-numbers threshold [`AreaBenchmark::suppress_below`] accepts. With 2,
/// only counts of 1 would be withheld, and a reader who knows the rule could work them out:
/// two hidden levels known to add up to 2, one of them withheld for being 1, are 1 and 1
/// (likewise a withheld strand judged by 2 schools). From 3 up, every withheld count could
/// be either of at least two values, whatever else is published.
pub const MIN_SUPPRESSION: u32 = 3;

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
        assessment.keep_figures_only();
        Return {
            assessment,
            source: source.into(),
        }
    }
}

/// Options that shape the published report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AreaOptions {
    /// Most strands listed as strengths per outcome (more when strands tie at the limit).
    pub strengths: usize,
    /// Least % at strength levels for a strand to be listed as a strength.
    pub strength_threshold: u32,
    /// Most strands listed for development per outcome (more when strands tie at the limit).
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

/// Something the person aggregating should know about the returns or the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaNotice {
    /// `duplicate`, `no-year`, `other-rubric`; from [`AreaBenchmark::reliability_warnings`]
    /// `below-threshold` and `few-schools`.
    pub code: &'static str,
    /// What happened, naming the files or the year.
    pub message: String,
}

/// A figure as it may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// The number.
    Value(u32),
    /// Nothing to show: a percentage of no respondents.
    Empty,
    /// Withheld to protect small numbers; shown as `c` (the GSS symbol).
    Withheld,
}

impl Figure {
    /// The number, if published.
    pub fn value(self) -> Option<u32> {
        match self {
            Figure::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Whether it is withheld.
    pub fn is_withheld(self) -> bool {
        self == Figure::Withheld
    }

    fn from_percent(p: Option<u32>) -> Figure {
        p.map_or(Figure::Empty, Figure::Value)
    }
}

impl std::fmt::Display for Figure {
    /// As a table cell: the number, nothing, or `c`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Value(v) => write!(f, "{v}"),
            Figure::Empty => Ok(()),
            Figure::Withheld => f.write_str("c"),
        }
    }
}

impl Serialize for Figure {
    /// A number, `null` (nothing to show) or `"c"` (withheld).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Figure::Value(v) => s.serialize_u32(*v),
            Figure::Empty => s.serialize_none(),
            Figure::Withheld => s.serialize_str("c"),
        }
    }
}

/// The aggregate for every academic year found in the returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaBenchmark {
    /// The rubric's level names, lowest first.
    pub levels: Vec<String>,
    /// Index of the lowest level that counts as a strength.
    pub strength_from: usize,
    /// The options the strengths and areas for development were chosen with.
    pub options: AreaOptions,
    /// The small-numbers threshold applied by [`AreaBenchmark::suppress_below`], if any.
    pub suppression_threshold: Option<u32>,
    /// One entry per academic year, oldest first.
    pub years: Vec<YearBenchmark>,
}

/// A school whose return is counted in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contributor {
    /// The school's name as its return gives it.
    pub name: String,
    /// Its URN, if given.
    pub urn: Option<String>,
    /// The local area its return names, if any.
    pub area: Option<String>,
    /// The date of its review, if given.
    pub reviewed: Option<Date>,
}

/// One academic year's aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearBenchmark {
    /// The academic year.
    pub year: AcademicYear,
    /// Contributing schools' names, alphabetical, each once.
    pub schools: Vec<String>,
    /// Contributing schools, in the order of `schools`.
    pub contributors: Vec<Contributor>,
    /// Every strand, in rubric order.
    pub strands: Vec<StrandFigures>,
    /// Per outcome, the strands listed as strengths and for development.
    pub outcomes: Vec<OutcomeHighlights>,
    /// The statutory checklist across the area, in rubric order.
    pub checklist: Vec<DutyFigures>,
}

/// One strand's figures for a year. The fields hold the true figures, for the person
/// aggregating; outputs must publish them through the `published_*` methods, which apply
/// [`StrandFigures::disclosure`].
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
    /// Index of the lowest strength level (the rubric's), which splits `counts` into the
    /// two sides of the headline figures.
    pub strength_from: usize,
    /// What may be published (see [`AreaBenchmark::suppress_below`]).
    pub disclosure: Disclosure,
}

impl StrandFigures {
    /// `1a`.
    pub fn code(&self) -> String {
        format!("{}{}", self.outcome, self.strand)
    }

    /// Whether the count at `level` may be published: always with full disclosure, never
    /// when withheld, and with only the headline published when the headline already gives
    /// it exactly (it is the only level on its side, or its side has no schools).
    fn level_published(&self, level: usize) -> bool {
        match self.disclosure {
            Disclosure::Full => true,
            Disclosure::Withheld => false,
            Disclosure::Headline => {
                let side = if level < self.strength_from {
                    0..self.strength_from
                } else {
                    self.strength_from..self.counts.len()
                };
                side.len() == 1 || self.counts[side].iter().sum::<u32>() == 0
            }
        }
    }

    /// The count at `level` as it may be published.
    pub fn published_count(&self, level: usize) -> Figure {
        if self.level_published(level) {
            Figure::Value(self.counts[level])
        } else {
            Figure::Withheld
        }
    }

    /// The % of respondents at `level` as it may be published.
    pub fn published_percent(&self, level: usize) -> Figure {
        if self.level_published(level) {
            Figure::from_percent(self.percents.as_ref().map(|p| p[level]))
        } else {
            Figure::Withheld
        }
    }

    /// Schools at strength levels, as it may be published.
    pub fn published_strong(&self) -> Figure {
        self.headline(Figure::Value(self.strong))
    }

    /// % at strength levels, as it may be published.
    pub fn published_strong_percent(&self) -> Figure {
        self.headline(Figure::from_percent(self.strong_percent))
    }

    /// Schools below the strength levels, as it may be published.
    pub fn published_below(&self) -> Figure {
        self.headline(Figure::Value(self.below))
    }

    /// % below the strength levels, as it may be published.
    pub fn published_below_percent(&self) -> Figure {
        self.headline(Figure::from_percent(self.below_percent))
    }

    fn headline(&self, figure: Figure) -> Figure {
        if self.disclosure == Disclosure::Withheld {
            Figure::Withheld
        } else {
            figure
        }
    }

    /// How many of its counts (each level, the two headline totals) are shown as `c`.
    pub fn withheld_counts(&self) -> usize {
        (0..self.counts.len())
            .map(|i| self.published_count(i))
            .chain([self.published_strong(), self.published_below()])
            .filter(|f| f.is_withheld())
            .count()
    }
}

/// Why a strand that reached a list's threshold is not in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOutReason {
    /// (Strengths only.) It also reached the development threshold, so it is an area for
    /// development instead.
    Development,
    /// Lower than the last strand listed, which the list's limit stops at.
    BeyondLimit,
}

/// A strand that reached a list's threshold but is not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// Index into the year's strands.
    pub strand: usize,
    /// Why.
    pub reason: LeftOutReason,
}

/// An outcome's strengths and areas for development, as indexes into the year's strands,
/// with enough to say something true however the lists came out: which strands reached a
/// threshold but are not listed, and why, and which were not considered at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeHighlights {
    /// Outcome id.
    pub outcome: String,
    /// Strands with the highest % at strength levels, highest first.
    pub strengths: Vec<usize>,
    /// Strands with the highest % below the strength levels, highest first.
    pub developments: Vec<usize>,
    /// Strands that reached the strength threshold but are not listed as strengths.
    pub strengths_left_out: Vec<LeftOut>,
    /// Strands that reached the development threshold but are not listed.
    pub developments_left_out: Vec<LeftOut>,
    /// Strands whose figures are withheld ([`Disclosure::Withheld`]), in rubric order. They
    /// are not considered for either list, and whether they reached a threshold is not
    /// recorded: saying so would narrow down, and sometimes give away, the withheld figures
    /// (with 7 respondents, "at least 85% at Expected" means exactly one school below).
    pub withheld: Vec<usize>,
}

/// One strand year on year (see [`AreaBenchmark::comparison`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrandComparison {
    /// Outcome id.
    pub outcome: String,
    /// Strand id.
    pub strand: String,
    /// % at strength levels per year, oldest first, as it may be published.
    pub percents: Vec<Figure>,
    /// Schools at strength levels per year, as it may be published.
    pub counts: Vec<Figure>,
    /// Respondents per year (always published).
    pub respondents: Vec<u32>,
    /// Latest minus the year before, in percentage points; `None` when either is withheld
    /// or had no respondents.
    pub change: Option<i64>,
    /// Whether the change rests on fewer than [`FEW_SCHOOLS`] respondents in either year,
    /// where one school moves a percentage by more than 10 points.
    pub change_on_few: bool,
}

impl StrandComparison {
    /// `1a`.
    pub fn code(&self) -> String {
        format!("{}{}", self.outcome, self.strand)
    }
}

/// One statutory duty across the area. As for strands, outputs publish it through the
/// `published_*` methods.
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
    /// What may be published; the headline split is met against not fully met (partly met
    /// and not met).
    pub disclosure: Disclosure,
}

impl DutyFigures {
    /// Schools that answered.
    pub fn answered(&self) -> u32 {
        self.met + self.partly_met + self.not_met
    }

    /// Schools partly meeting it or not meeting it.
    pub fn not_fully_met(&self) -> u32 {
        self.partly_met + self.not_met
    }

    /// Schools meeting it, as it may be published (met is the whole of its side).
    pub fn published_met(&self) -> Figure {
        self.figure(self.disclosure != Disclosure::Withheld, self.met)
    }

    /// Schools partly meeting it or not meeting it, as it may be published.
    pub fn published_not_fully_met(&self) -> Figure {
        self.figure(
            self.disclosure != Disclosure::Withheld,
            self.not_fully_met(),
        )
    }

    /// Schools partly meeting it, as it may be published.
    pub fn published_partly_met(&self) -> Figure {
        self.figure(self.split_published(), self.partly_met)
    }

    /// Schools not meeting it, as it may be published.
    pub fn published_not_met(&self) -> Figure {
        self.figure(self.split_published(), self.not_met)
    }

    /// Partly met and not met are published in full, or with the headline when both are 0
    /// (the headline's "not fully met" is then 0 and gives them away anyway).
    fn split_published(&self) -> bool {
        match self.disclosure {
            Disclosure::Full => true,
            Disclosure::Headline => self.not_fully_met() == 0,
            Disclosure::Withheld => false,
        }
    }

    fn figure(&self, published: bool, n: u32) -> Figure {
        if published {
            Figure::Value(n)
        } else {
            Figure::Withheld
        }
    }

    /// How many of its counts (met, partly met, not met, not fully met) are shown as `c`.
    pub fn withheld_counts(&self) -> usize {
        [
            self.published_met(),
            self.published_partly_met(),
            self.published_not_met(),
            self.published_not_fully_met(),
        ]
        .into_iter()
        .filter(|f| f.is_withheld())
        .count()
    }
}

/// What small-numbers suppression withheld in one year (see [`YearBenchmark::withheld`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct WithheldSummary {
    /// Counts shown as `c`, strands and duties together.
    pub counts: usize,
    /// Strands showing only the headline split.
    pub headline_strands: usize,
    /// Strands showing no judgement counts.
    pub withheld_strands: usize,
    /// Duties showing only met and not fully met.
    pub headline_duties: usize,
    /// Duties showing no counts but "not answered".
    pub withheld_duties: usize,
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
    /// A whole that is not the sum of its parts: a fault in sendbench, never the returns'.
    #[error("{0}; this is a fault in sendbench: please report it")]
    Inconsistent(String),
    /// A small-numbers threshold too low to protect anything (see [`MIN_SUPPRESSION`]).
    #[error("a small-numbers threshold of {0} cannot protect counts: with the number of schools and respondents published, a hidden pair adding up to 2 that must hold a 1 is 1 and 1; use {MIN_SUPPRESSION} or more")]
    Threshold(u32),
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

impl AreaBenchmark {
    /// Aggregates returns. Duplicates within a year (the same school by the rule of
    /// [`group_schools`]) are counted once, the latest review winning, with a notice naming
    /// both files, or an error when `strict`. Returns without an academic year (or review
    /// date to infer one from) are left out with a notice.
    pub fn build(
        rubric: &Rubric,
        returns: &[Return],
        options: AreaOptions,
        strict: bool,
    ) -> Result<(AreaBenchmark, Vec<AreaNotice>), AreaError> {
        let (kept, notices) = distinct(rubric, returns, strict)?;
        Ok((AreaBenchmark::of_distinct(rubric, &kept, options), notices))
    }

    /// Aggregates returns that are already one per school and year, each with a year.
    pub(crate) fn of_distinct(
        rubric: &Rubric,
        returns: &[&Return],
        options: AreaOptions,
    ) -> AreaBenchmark {
        let mut by_year: BTreeMap<AcademicYear, Vec<&Return>> = BTreeMap::new();
        for r in returns {
            if let Some(year) = year_of(&r.assessment) {
                by_year.entry(year).or_default().push(r);
            }
        }
        AreaBenchmark {
            levels: rubric.levels.iter().map(|l| l.name.clone()).collect(),
            strength_from: rubric.strength_from,
            options,
            suppression_threshold: None,
            years: by_year
                .into_iter()
                .map(|(year, list)| year_benchmark(rubric, year, &list, options))
                .collect(),
        }
    }

    /// Applies the small-numbers rule (Government Statistical Service practice; withheld
    /// figures are shown as `c`) for counts from 1 to `n - 1`, to every strand and duty of
    /// every year, and chooses the strengths and areas for development again from what may
    /// be published.
    ///
    /// - A strand with no level count from 1 to n-1 is published in full ([`Disclosure::Full`]).
    /// - Otherwise, if neither side of the headline split (schools at strength levels, and
    ///   below) is from 1 to n-1, only the split is published ([`Disclosure::Headline`]):
    ///   the two totals and their percentages. The levels within a side are withheld, as
    ///   only their sum is known, so none can be worked out.
    /// - Otherwise nothing about its judgements is published ([`Disclosure::Withheld`]).
    ///
    /// A duty likewise, its split being met against not fully met. Zero is not small. The
    /// number of schools, respondents and "not judged" are always published (they say
    /// whether a school returned, not how it judged itself); with the levels' sum published
    /// as respondents, a single hidden level could be worked out by subtraction, which is why
    /// a side is withheld whole rather than the small cell alone. Withheld strands are left out
    /// of the strengths and areas for development. Applying it again with another `n` starts
    /// from the full figures. `n` below [`MIN_SUPPRESSION`] is refused, as it could not
    /// protect anything.
    pub fn suppress_below(&mut self, n: u32) -> Result<(), AreaError> {
        if n < MIN_SUPPRESSION {
            return Err(AreaError::Threshold(n));
        }
        self.suppression_threshold = Some(n);
        let options = self.options;
        for year in &mut self.years {
            for s in &mut year.strands {
                let (below, above) = s.counts.split_at(s.strength_from);
                s.disclosure = Disclosure::of(below, above, n);
            }
            for d in &mut year.checklist {
                d.disclosure = Disclosure::of(&[d.partly_met, d.not_met], &[d.met], n);
            }
            year.outcomes = highlights(&year.strands, options);
        }
        Ok(())
    }

    /// Works out year `year`'s strengths and areas for development again, after its
    /// disclosures changed.
    pub(crate) fn refresh_highlights(&mut self, year: usize) {
        let options = self.options;
        let y = &mut self.years[year];
        y.outcomes = highlights(&y.strands, options);
    }

    /// The latest year, the one a report is about.
    pub fn latest(&self) -> Option<&YearBenchmark> {
        self.years.last()
    }

    /// A title naming the area and the latest year, for when the person aggregating gives
    /// none: "DSPL 9 SEND benchmark 2025/26" when every return of the latest year names the
    /// same area, else "SEND Benchmark and Planning Tool area benchmark 2025/26" (the
    /// rubric's short title).
    pub fn default_title(&self, rubric: &Rubric) -> String {
        match self.latest() {
            Some(y) => match y.area() {
                Some(area) => format!("{area} SEND benchmark {}", y.year),
                None => format!("{} area benchmark {}", rubric.short_title, y.year),
            },
            None => format!("{} area benchmark", rubric.short_title),
        }
    }

    /// Year on year: for each strand, the % at strength levels in every year (oldest first)
    /// and the change from the previous year to the latest, in percentage points. Empty with
    /// fewer than two years; withheld figures give no change, and a change resting on fewer
    /// than [`FEW_SCHOOLS`] respondents in either year is marked.
    pub fn comparison(&self) -> Vec<StrandComparison> {
        let Some(first) = self.years.first().filter(|_| self.years.len() > 1) else {
            return Vec::new();
        };
        first
            .strands
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let percents: Vec<Figure> = self
                    .years
                    .iter()
                    .map(|y| y.strands[i].published_strong_percent())
                    .collect();
                let respondents: Vec<u32> = self
                    .years
                    .iter()
                    .map(|y| y.strands[i].respondents)
                    .collect();
                let n = percents.len();
                let change = percents[n - 2]
                    .value()
                    .zip(percents[n - 1].value())
                    .map(|(a, b)| i64::from(b) - i64::from(a));
                StrandComparison {
                    outcome: s.outcome.clone(),
                    strand: s.strand.clone(),
                    counts: self
                        .years
                        .iter()
                        .map(|y| y.strands[i].published_strong())
                        .collect(),
                    change,
                    change_on_few: change.is_some()
                        && (respondents[n - 2] < FEW_SCHOOLS || respondents[n - 1] < FEW_SCHOOLS),
                    percents,
                    respondents,
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
            let n = year.school_count();
            let codes: Vec<String> = year
                .strands
                .iter()
                .filter(|s| {
                    s.disclosure != Disclosure::Withheld
                        && s.not_judged == 0
                        && n > 0
                        && (s.strong == n || s.below == n)
                })
                .map(StrandFigures::code)
                .collect();
            if !codes.is_empty() {
                let one = codes.len() == 1;
                out.push(format!(
                    "{}: {} ({}) {} judged the same side of {} by every contributing school, so with the school list published each school's judgement is known; consider publishing {} without figures, or without the list of schools",
                    year.year,
                    crate::words::count(codes.len(), "strand", "strands"),
                    codes.join(", "),
                    if one { "was" } else { "were" },
                    self.levels[self.strength_from],
                    if one { "it" } else { "these strands" },
                ));
            }
        }
        out
    }

    /// Years whose figures rest on too few schools to read as the area's picture: fewer
    /// than the small-numbers threshold (code `below-threshold`), or fewer than
    /// [`FEW_SCHOOLS`] (`few-schools`), where one school moves a percentage by more than 10
    /// points. Every output says so beside the year; `area` and `build` print these.
    pub fn reliability_warnings(&self) -> Vec<AreaNotice> {
        let mut out = Vec::new();
        for year in &self.years {
            let n = year.school_count();
            let schools = crate::words::count(n as usize, "school", "schools");
            match self.suppression_threshold {
                Some(t) if n < t => out.push(AreaNotice {
                    code: "below-threshold",
                    message: format!(
                        "{}: only {schools} returned the benchmark, fewer than the small-numbers threshold ({t}): most of its figures are withheld, and any change from or to it says little",
                        year.year
                    ),
                }),
                _ if n < FEW_SCHOOLS => out.push(AreaNotice {
                    code: "few-schools",
                    message: if n == 1 {
                        format!(
                            "{}: only 1 school returned the benchmark, so every percentage is that one school's judgement (0% or 100%); read them, and any change from or to that year, with care",
                            year.year
                        )
                    } else {
                        format!(
                            "{}: only {schools} returned the benchmark, so one school's judgement moves a percentage by {} points or more; read its percentages, and any change from or to it, with care",
                            year.year,
                            100 / n
                        )
                    },
                }),
                _ => {}
            }
        }
        out
    }
}

impl YearBenchmark {
    /// How many schools' returns are counted.
    pub fn school_count(&self) -> u32 {
        self.contributors.len() as u32
    }

    /// Whether the school that made `a` has its return counted in this year (matched as
    /// duplicates are: by URN, else by normalised name).
    pub fn includes(&self, a: &Assessment) -> bool {
        let id = SchoolId::of(a);
        self.contributors.iter().any(|c| {
            id.same_school(&SchoolId {
                year: Some(self.year),
                name: normalise_name(&c.name),
                urn: c.urn.clone().filter(|u| !u.trim().is_empty()),
                area: c
                    .area
                    .as_deref()
                    .map(normalise_name)
                    .filter(|a| !a.is_empty()),
            })
        })
    }

    /// The local area every contributing return names, if they all name the same one
    /// (compared as school names are, ignoring case and punctuation).
    pub fn area(&self) -> Option<&str> {
        let first = self.contributors.first()?.area.as_deref()?.trim();
        let key = normalise_name(first);
        (!key.is_empty()
            && self
                .contributors
                .iter()
                .all(|c| c.area.as_deref().is_some_and(|a| normalise_name(a) == key)))
        .then_some(first)
    }

    /// The earliest and latest review dates of the contributing returns, and how many
    /// returns give no date.
    pub fn review_dates(&self) -> (Option<(Date, Date)>, usize) {
        let dates: Vec<Date> = self
            .contributors
            .iter()
            .filter_map(|c| c.reviewed)
            .collect();
        let range = dates.iter().min().copied().zip(dates.iter().max().copied());
        (range, self.contributors.len() - dates.len())
    }

    /// Whether fewer than [`FEW_SCHOOLS`] schools contributed.
    pub fn is_few(&self) -> bool {
        self.school_count() < FEW_SCHOOLS
    }

    /// What small-numbers suppression withheld this year.
    pub fn withheld(&self) -> WithheldSummary {
        let mut w = WithheldSummary::default();
        for s in &self.strands {
            w.counts += s.withheld_counts();
            match s.disclosure {
                Disclosure::Full => {}
                Disclosure::Headline => w.headline_strands += 1,
                Disclosure::Withheld => w.withheld_strands += 1,
            }
        }
        for d in &self.checklist {
            w.counts += d.withheld_counts();
            match d.disclosure {
                Disclosure::Full => {}
                Disclosure::Headline => w.headline_duties += 1,
                Disclosure::Withheld => w.withheld_duties += 1,
            }
        }
        w
    }
}

/// The academic year a return is for: its own, else the one its review date falls in.
pub(crate) fn year_of(a: &Assessment) -> Option<AcademicYear> {
    a.review
        .academic_year
        .or(a.review.date.map(AcademicYear::containing))
}

/// The returns that can be aggregated, one per school and year: every return must answer
/// `rubric`; one without a year is left out with a notice; of a school's returns for one
/// year (by [`group_schools`]) the latest review is kept (on a tie, the first), with a
/// notice naming both files, or an error when `strict`.
pub(crate) fn distinct<'a>(
    rubric: &Rubric,
    returns: &'a [Return],
    strict: bool,
) -> Result<(Vec<&'a Return>, Vec<AreaNotice>), AreaError> {
    if returns.is_empty() {
        return Err(AreaError::Empty);
    }
    let mut notices = Vec::new();
    let mut dated: Vec<&Return> = Vec::new();
    for r in returns {
        let a = &r.assessment;
        if a.rubric.id != rubric.id || a.rubric.version != rubric.version {
            return Err(AreaError::OtherRubric {
                file: r.source.clone(),
                found: format!("{} version {}", a.rubric.id, a.rubric.version),
                expected: format!("{} version {}", rubric.id, rubric.version),
            });
        }
        if year_of(a).is_none() {
            notices.push(AreaNotice {
                code: "no-year",
                message: format!(
                    "{} has no academic year or review date, so it was left out",
                    r.source
                ),
            });
        } else {
            dated.push(r);
        }
    }
    let ids: Vec<SchoolId> = dated.iter().map(|r| SchoolId::of(&r.assessment)).collect();
    let mut keep = vec![true; dated.len()];
    for group in group_schools(&ids).groups {
        let mut kept = group[0];
        for &other in &group[1..] {
            let (a, b) = (&dated[kept], &dated[other]);
            let later = b.assessment.review.date > a.assessment.review.date;
            let message = format!(
                "{} appears twice in {}: {} and {}; counted once, using the later review ({})",
                b.assessment.school.name,
                year_of(&b.assessment)
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                a.source,
                b.source,
                if later { &b.source } else { &a.source }
            );
            if strict {
                return Err(AreaError::Duplicate(message));
            }
            notices.push(AreaNotice {
                code: "duplicate",
                message,
            });
            let dropped = if later { kept } else { other };
            keep[dropped] = false;
            if later {
                kept = other;
            }
        }
    }
    let kept = dated
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect();
    Ok((kept, notices))
}

impl Return {
    /// Whether this return is `a`'s school's for `a`'s academic year (the school matched by
    /// URN, else by name, as duplicates are) but judges something differently: an earlier
    /// version of the review, counted in an area's figures in place of `a`.
    pub fn differs_from(&self, a: &Assessment) -> bool {
        let r = &self.assessment;
        let judgements = |a: &Assessment| {
            let mut v: Vec<(String, String, Option<String>)> = a
                .outcomes
                .iter()
                .flat_map(|o| {
                    o.strands
                        .iter()
                        .map(|j| (o.outcome.clone(), j.strand.clone(), j.level.clone()))
                })
                .collect();
            v.sort();
            v
        };
        let statuses = |a: &Assessment| {
            let mut v: Vec<(String, Option<crate::ChecklistStatus>)> = a
                .checklist
                .iter()
                .map(|c| (c.item.clone(), c.status))
                .collect();
            v.sort_by(|x, y| x.0.cmp(&y.0));
            v
        };
        SchoolId::of(r).same_school(&SchoolId::of(a))
            && r.review.academic_year == a.review.academic_year
            && (judgements(r) != judgements(a) || statuses(r) != statuses(a))
    }
}

/// Each outcome's strengths and areas for development, from what may be published (see the
/// module notes for the rules).
fn highlights(strands: &[StrandFigures], options: AreaOptions) -> Vec<OutcomeHighlights> {
    let mut outcomes: Vec<&str> = Vec::new();
    for s in strands {
        if outcomes.last() != Some(&s.outcome.as_str()) {
            outcomes.push(&s.outcome);
        }
    }
    (outcomes.into_iter())
        .map(|outcome| outcome_highlights(strands, outcome, options))
        .collect()
}

/// One outcome's strengths and areas for development, and what was left out and why.
fn outcome_highlights(
    strands: &[StrandFigures],
    outcome: &str,
    options: AreaOptions,
) -> OutcomeHighlights {
    let reaches = |p: Figure, threshold: u32| p.value().is_some_and(|p| p >= threshold && p > 0);
    let mine: Vec<usize> = strands
        .iter()
        .enumerate()
        .filter(|(_, s)| s.outcome == outcome)
        .map(|(i, _)| i)
        .collect();
    let withheld: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&i| strands[i].disclosure == Disclosure::Withheld)
        .collect();
    let for_development = |i: usize| {
        reaches(
            strands[i].published_below_percent(),
            options.development_threshold,
        )
    };
    let (developments, beyond) = pick(
        mine.iter()
            .copied()
            .filter(|&i| for_development(i))
            .collect(),
        &|i| strands[i].below_percent,
        &|i| strands[i].below,
        options.developments,
    );
    let developments_left_out = beyond
        .into_iter()
        .map(|strand| LeftOut {
            strand,
            reason: LeftOutReason::BeyondLimit,
        })
        .collect();
    let reached: Vec<usize> = mine
        .iter()
        .copied()
        .filter(|&i| {
            reaches(
                strands[i].published_strong_percent(),
                options.strength_threshold,
            )
        })
        .collect();
    // An area for development is never hidden behind a strength: a strand reaching
    // both thresholds is for development.
    let mut strengths_left_out: Vec<LeftOut> = reached
        .iter()
        .copied()
        .filter(|&i| for_development(i))
        .map(|strand| LeftOut {
            strand,
            reason: LeftOutReason::Development,
        })
        .collect();
    let (strengths, beyond) = pick(
        reached
            .into_iter()
            .filter(|&i| !for_development(i))
            .collect(),
        &|i| strands[i].strong_percent,
        &|i| strands[i].strong,
        options.strengths,
    );
    strengths_left_out.extend(beyond.into_iter().map(|strand| LeftOut {
        strand,
        reason: LeftOutReason::BeyondLimit,
    }));
    OutcomeHighlights {
        outcome: outcome.to_owned(),
        strengths,
        developments,
        strengths_left_out,
        developments_left_out,
        withheld,
    }
}

/// Orders candidates highest percentage first (then more schools, then rubric order) and
/// keeps `most` of them, and every further one with the same percentage as the last kept:
/// two strands that show the same figure are both listed or both not. Returns the listed and
/// the rest.
fn pick(
    mut candidates: Vec<usize>,
    percent: &dyn Fn(usize) -> Option<u32>,
    count: &dyn Fn(usize) -> u32,
    most: usize,
) -> (Vec<usize>, Vec<usize>) {
    candidates.sort_by(|&a, &b| {
        percent(b)
            .cmp(&percent(a))
            .then(count(b).cmp(&count(a)))
            .then(a.cmp(&b))
    });
    if most == 0 {
        return (Vec::new(), candidates);
    }
    if candidates.len() <= most {
        return (candidates, Vec::new());
    }
    let cut = percent(candidates[most - 1]);
    let keep = most
        + candidates[most..]
            .iter()
            .take_while(|&&i| percent(i) == cut)
            .count();
    let rest = candidates.split_off(keep);
    (candidates, rest)
}

fn year_benchmark(
    rubric: &Rubric,
    year: AcademicYear,
    returns: &[&Return],
    options: AreaOptions,
) -> YearBenchmark {
    let mut contributors: Vec<Contributor> = returns
        .iter()
        .map(|r| {
            let s = &r.assessment.school;
            Contributor {
                name: s.name.clone(),
                urn: s.urn.clone(),
                area: s.area.clone(),
                reviewed: r.assessment.review.date,
            }
        })
        .collect();
    contributors.sort_by_key(|c| normalise_name(&c.name));
    let schools = contributors.iter().map(|c| c.name.clone()).collect();
    let strands: Vec<StrandFigures> = (rubric.strands())
        .map(|s| strand_figures(rubric, s, returns))
        .collect();
    let outcomes = highlights(&strands, options);
    let checklist = (rubric.checklist.items.iter())
        .map(|item| duty_figures(&item.id, returns))
        .collect();
    YearBenchmark {
        year,
        schools,
        contributors,
        strands,
        outcomes,
        checklist,
    }
}

/// One strand's figures in a year: how many schools judged it at each level, and how many
/// at or above the level a strength starts from.
fn strand_figures(rubric: &Rubric, s: crate::StrandRef<'_>, returns: &[&Return]) -> StrandFigures {
    let total = returns.len() as u32;
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
        strength_from: rubric.strength_from,
        disclosure: Disclosure::Full,
    }
}

/// One statutory duty's figures in a year: met, partly met, not met and unanswered.
fn duty_figures(item: &str, returns: &[&Return]) -> DutyFigures {
    let mut d = DutyFigures {
        item: item.to_owned(),
        met: 0,
        partly_met: 0,
        not_met: 0,
        unanswered: 0,
        disclosure: Disclosure::Full,
    };
    for r in returns {
        match r.assessment.checklist_answer(item).and_then(|x| x.status) {
            Some(ChecklistStatus::Met) => d.met += 1,
            Some(ChecklistStatus::PartlyMet) => d.partly_met += 1,
            Some(ChecklistStatus::NotMet) => d.not_met += 1,
            None => d.unanswered += 1,
        }
    }
    d
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
}
