//! Outcomes and strands: each strand with its judgement, descriptor, evidence (for families
//! only where public), next step, the area's figures beside it and its movement since the
//! previous review; each outcome's profile chart in words; and the strengths and priorities
//! drawn from them. Families get each strand in the rubric's plain words as well.

use sendbench_core::{Outcome, Strand, YearBenchmark};
use serde::Serialize;

use super::text::TableText;
use super::Review;

/// A strand as the report shows it.
#[derive(Serialize, Clone)]
pub(super) struct StrandData {
    code: String,
    outcome: String,
    /// "Strand 1a".
    heading: String,
    /// Index of the level, `None` if not yet judged.
    pub level: Option<usize>,
    /// The level's name, or "Not yet judged".
    level_name: String,
    descriptor: String,
    evidence: String,
    next_level: Option<String>,
    next_step: Option<String>,
    /// "Next step (Expected):", with a next step.
    next_label: Option<String>,
    /// With a comparison: how the area judged this strand, in words.
    area: Option<String>,
    /// With last year's review: "▲ up from Emerging" (governors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    movement: Option<String>,
    /// Family audiences only: the strand in plain English, where the rubric has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<FamilyStrand>,
}

impl StrandData {
    /// Whether the strand's evidence is shown (families: only where marked public).
    pub fn evidence(&self) -> Option<&str> {
        (!self.evidence.trim().is_empty()).then_some(self.evidence.as_str())
    }

    /// "Strand 1a".
    pub fn heading(&self) -> &str {
        &self.heading
    }
}

/// A strand as family-facing reports word it: the rubric's plain English where it has
/// some, else the descriptor, saying which.
#[derive(Serialize, Clone)]
pub(super) struct FamilyStrand {
    /// What the strand is about, in plain English; `None` if the rubric does not say.
    pub about: Option<String>,
    /// The level judged, in plain English, else its descriptor; `None` if not judged.
    pub level: Option<String>,
    /// Whether `level` is the plain wording (not the descriptor).
    level_plain: bool,
    /// The level above, in plain English, else its descriptor; `None` at the top level.
    pub next: Option<String>,
    /// Whether `next` is the plain wording.
    next_plain: bool,
}

/// The area's figures a school's report is shown beside.
pub(super) struct AreaBeside<'a> {
    area: Option<&'a YearBenchmark>,
    /// Whether this school's return is among those counted.
    included: bool,
    /// Whether what is counted is an earlier version of this review.
    another_version: bool,
}

impl<'a> AreaBeside<'a> {
    pub fn new(
        area: Option<&'a YearBenchmark>,
        a: &sendbench_core::Assessment,
        another_version: bool,
    ) -> AreaBeside<'a> {
        AreaBeside {
            area,
            included: area.is_some_and(|y| y.includes(a)),
            another_version,
        }
    }

    /// What the school is compared with: "3 schools' returns for 2025/26, this school's
    /// among them".
    pub fn compared_with(&self) -> Option<String> {
        let y = self.area?;
        Some(format!(
            "{} for {}, {}",
            match y.school_count() {
                1 => "1 school's return".to_owned(),
                n => format!("{n} schools' returns"),
            },
            y.year,
            match (self.included, self.another_version) {
                (true, false) => "this school's among them",
                (true, true) => "an earlier return from this school among them, not this review",
                (false, _) => "not including this school's",
            }
        ))
    }

    /// How the area judged a strand, under the same small-numbers rule as the area report
    /// (figures withheld there are withheld here), with the denominator behind every
    /// percentage and whether this school's own return is among those counted.
    fn text(&self, rubric: &sendbench_core::Rubric, code: &str) -> Option<String> {
        let year = self.area?;
        let s = year.strands.iter().find(|s| s.code() == code)?;
        let who = match s.respondents {
            0 => "no school".to_owned(),
            1 => "1 school".to_owned(),
            n => format!("{n} schools"),
        };
        let lead = format!(
            "Area {}, {who} judged it, {}",
            year.year,
            match (self.included, self.another_version) {
                (true, false) => "this school's return included",
                (true, true) =>
                    "an earlier return from this school included in place of this review",
                (false, _) => "this school's return not included",
            }
        );
        if s.respondents == 0 {
            return Some(lead);
        }
        if s.disclosure == sendbench_core::Disclosure::Withheld {
            return Some(format!(
                "{lead}: figures withheld (c) to protect small numbers"
            ));
        }
        Some(format!("{lead}: {}", figures(rubric, s)))
    }
}

/// A strand's published figures: each level's percentage and count, or where the split of
/// one side is withheld, that side's together and a note saying so.
fn figures(rubric: &sendbench_core::Rubric, s: &sendbench_core::StrandFigures) -> String {
    let r = s.respondents;
    let mut parts = Vec::new();
    let mut hidden = Vec::new();
    for side in [
        0..rubric.strength_from,
        rubric.strength_from..rubric.levels.len(),
    ] {
        let names: Vec<&str> = rubric.levels[side.clone()]
            .iter()
            .map(|l| l.name.as_str())
            .collect();
        if side.clone().all(|i| !s.published_count(i).is_withheld()) {
            for i in side {
                // With respondents, a published level has its percentage.
                parts.push(format!(
                    "{}% {} ({} of {r})",
                    s.published_percent(i),
                    rubric.levels[i].name,
                    s.published_count(i)
                ));
            }
        } else {
            let (p, n) = if side.start == 0 {
                (s.published_below_percent(), s.published_below())
            } else {
                (s.published_strong_percent(), s.published_strong())
            };
            parts.push(format!("{p}% {} ({n} of {r})", names.join(" or ")));
            hidden.push(names.join(" and "));
        }
    }
    let mut text = parts.join(", ");
    for names in hidden {
        text.push_str(&format!(
            "; the split between {names} is withheld (c) to protect small numbers"
        ));
    }
    text
}

/// One outcome: its strands, its profile, and (for the governors) its notes and actions.
#[derive(Serialize)]
pub(super) struct OutcomeData {
    id: String,
    title: String,
    /// The governors' heading over the outcome's strands: "Outcome 1: title".
    heading: String,
    counts: Vec<usize>,
    not_judged: usize,
    strands: Vec<StrandData>,
    /// The notes and actions (the rubric's outcome fields); empty for families.
    fields: Vec<FieldData>,
    /// Family audiences only: the title in plain English, else the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    family_title: Option<String>,
    /// The outcome's profile chart in words.
    chart: Chart,
}

#[derive(Serialize)]
struct FieldData {
    heading: String,
    text: String,
}

/// An outcome's profile chart: its label, its title and its figures in words (shown under
/// the bar, and as the chart's alternative text).
#[derive(Serialize)]
struct Chart {
    /// "Outcome 1", "Theme 1".
    label: String,
    /// The outcome's title as the audience reads it.
    title: String,
    /// "2 Emerging, 11 Expected, 2 Exemplary", with "1 not yet judged" where any is.
    words: String,
    /// "Theme 1: 2 Emerging, 11 Expected, 2 Exemplary (of 15 parts)."
    alt: String,
}

/// The words of the profile charts: their key and the web page's table of their figures.
#[derive(Serialize)]
pub(super) struct ChartText {
    /// Each level's name, lowest first, then what a bar not yet judged is.
    key: Vec<String>,
    /// The table repeating the charts' figures (the web page's only).
    pub figures: TableText,
}

impl ChartText {
    pub fn new(r: &Review<'_>) -> ChartText {
        let mut key: Vec<String> = r.rubric.levels.iter().map(|l| l.name.clone()).collect();
        key.push("Not yet judged".to_owned());
        let caption = if r.audience == super::Audience::Parents {
            "How many parts of each theme are at each level"
        } else {
            "Strands at each level, per outcome"
        };
        let mut columns = vec![r.words.outcome.to_owned()];
        columns.extend(key.iter().cloned());
        ChartText {
            key,
            figures: TableText {
                caption: caption.to_owned(),
                columns,
            },
        }
    }
}

/// Every outcome, and the strengths and priorities among their strands.
pub(super) struct Outcomes {
    pub outcomes: Vec<OutcomeData>,
    /// Strands at the highest level.
    pub strengths: Vec<StrandData>,
    /// Strands below the strength level.
    pub priorities: Vec<StrandData>,
    /// Strands not yet judged.
    pub not_judged: usize,
}

impl Outcomes {
    pub fn new(
        r: &Review<'_>,
        beside: &AreaBeside<'_>,
        progress: Option<&sendbench_core::Progress>,
    ) -> Outcomes {
        let rubric = r.rubric;
        let top = rubric.levels.len() - 1;
        let mut out = Outcomes {
            outcomes: Vec::new(),
            strengths: Vec::new(),
            priorities: Vec::new(),
            not_judged: 0,
        };
        for (outcome, p) in rubric.outcomes.iter().zip(&r.profile.outcomes) {
            let strands: Vec<StrandData> = outcome
                .strands
                .iter()
                .map(|s| strand(r, outcome, s, beside, progress))
                .collect();
            for s in &strands {
                match s.level {
                    Some(l) if l == top => out.strengths.push(s.clone()),
                    Some(l) if l < rubric.strength_from => out.priorities.push(s.clone()),
                    _ => {}
                }
            }
            out.not_judged += p.not_judged.len();
            out.outcomes.push(outcome_data(r, outcome, p, strands));
        }
        out
    }
}

fn outcome_data(
    r: &Review<'_>,
    outcome: &Outcome,
    p: &sendbench_core::OutcomeProfile,
    strands: Vec<StrandData>,
) -> OutcomeData {
    let review = r.a.outcome(&outcome.id);
    let fields = if r.private {
        Vec::new()
    } else {
        r.rubric
            .outcome_fields
            .iter()
            .map(|f| FieldData {
                heading: f.heading.clone(),
                text: review.map_or("", |o| o.field(&f.id)).to_owned(),
            })
            .collect()
    };
    let family_title = r.private.then(|| {
        outcome
            .plain
            .clone()
            .unwrap_or_else(|| outcome.title.clone())
    });
    let label = r.words.outcome_label(&outcome.id);
    let mut words: Vec<String> = r
        .rubric
        .levels
        .iter()
        .zip(&p.counts)
        .map(|(l, n)| format!("{n} {}", l.name))
        .collect();
    if !p.not_judged.is_empty() {
        words.push(format!("{} not yet judged", p.not_judged.len()));
    }
    let words = words.join(", ");
    let total = p.counts.iter().sum::<usize>() + p.not_judged.len();
    OutcomeData {
        id: outcome.id.clone(),
        title: outcome.title.clone(),
        heading: format!("Outcome {}: {}", outcome.id, outcome.title),
        counts: p.counts.clone(),
        not_judged: p.not_judged.len(),
        strands,
        fields,
        chart: Chart {
            alt: format!(
                "{label}: {words} (of {total} {}).",
                r.words.strand_noun(total)
            ),
            title: family_title
                .clone()
                .unwrap_or_else(|| outcome.title.clone()),
            label,
            words,
        },
        family_title,
    }
}

/// One strand of `outcome` as the audience sees it.
fn strand(
    r: &Review<'_>,
    outcome: &Outcome,
    strand: &Strand,
    beside: &AreaBeside<'_>,
    progress: Option<&sendbench_core::Progress>,
) -> StrandData {
    let rubric = r.rubric;
    let code = format!("{}{}", outcome.id, strand.id);
    let j = r.a.judgement(&outcome.id, &strand.id);
    let level = j
        .and_then(|j| j.level.as_deref())
        .and_then(|l| rubric.level_index(l));
    let next = level.and_then(|i| rubric.next_step(strand, i));
    let evidence = match j {
        Some(j) if !r.private || j.public => j.evidence.clone(),
        _ => String::new(),
    };
    let movement = progress.filter(|_| !r.private).and_then(|p| {
        let s = p.strands.iter().find(|s| s.code == code)?;
        Some(format!("{} {}", s.movement.symbol(), p.words(s)))
    });
    StrandData {
        heading: format!("Strand {code}"),
        outcome: outcome.id.clone(),
        level,
        level_name: level.map_or_else(
            || "Not yet judged".to_owned(),
            |i| rubric.levels[i].name.clone(),
        ),
        descriptor: level
            .map(|i| strand.descriptors[i].clone())
            .unwrap_or_default(),
        evidence,
        next_level: next.map(|(l, _)| l.name.clone()),
        next_step: next.map(|(_, text)| text.to_owned()),
        next_label: next.map(|(l, _)| format!("Next step ({}):", l.name)),
        area: beside.text(rubric, &code),
        movement,
        family: r.private.then(|| family_strand(strand, level, next)),
        code,
    }
}

/// `strand` in plain words where the rubric has them, else its descriptors.
fn family_strand(
    strand: &Strand,
    level: Option<usize>,
    next: Option<(&sendbench_core::Level, &str)>,
) -> FamilyStrand {
    let plain_next = level.and_then(|i| strand.plain_level(i + 1));
    FamilyStrand {
        about: strand.plain.clone(),
        level: level.map(|i| {
            strand
                .plain_level(i)
                .unwrap_or(&strand.descriptors[i])
                .to_owned()
        }),
        level_plain: level.and_then(|i| strand.plain_level(i)).is_some(),
        next: plain_next.or(next.map(|(_, text)| text)).map(str::to_owned),
        next_plain: plain_next.is_some(),
    }
}
