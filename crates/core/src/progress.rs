//! A school's progress from one review to the next: for each strand last year's judgement
//! beside this year's and the movement between them, statutory duties whose status changed,
//! and last year's action plan followed up (completed, carried forward, overdue).
//!
//! Strands are matched by outcome and strand id, so a review made against an earlier
//! version of the rubric still compares; a strand that cannot be matched (in last year's
//! review but not in this rubric, or new in this rubric) is listed as such, never dropped.

use jiff::civil::Date;
use serde::Serialize;

use crate::{AcademicYear, Assessment, CellValue, ChecklistStatus, Rubric};

/// The action plan column that records when an action was completed: a date column with
/// this id (the built-in rubric's "Date completed").
pub const COMPLETED_COLUMN: &str = "completed";

/// How a strand's judgement moved between two reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    /// To a higher level.
    Up,
    /// To a lower level.
    Down,
    /// The same level.
    Same,
    /// Judged now, not last time.
    NewlyJudged,
    /// Judged last time, not now.
    NoLongerJudged,
    /// Judged neither time.
    NeitherJudged,
    /// A strand that last year's review, made against another version of the rubric, does
    /// not have at all.
    NewStrand,
}

impl Movement {
    /// In words for a governor: "up from Emerging", "no change", "new: not judged last year".
    pub fn words(self, before: Option<&str>) -> String {
        self.words_since(before, None)
    }

    /// The same, the earlier review named by `earlier` ("the 2023/24 review") when it is
    /// not last year's: "new: not judged in the 2023/24 review".
    pub fn words_since(self, before: Option<&str>, earlier: Option<&str>) -> String {
        let before = before.unwrap_or("");
        match self {
            Movement::Up => format!("up from {before}"),
            Movement::Down => format!("down from {before}"),
            Movement::Same => "no change".to_owned(),
            Movement::NewlyJudged => match earlier {
                None => "new: not judged last year".to_owned(),
                Some(review) => format!("new: not judged in {review}"),
            },
            Movement::NoLongerJudged => format!("not judged this year (was {before})"),
            Movement::NeitherJudged => "not judged either year".to_owned(),
            Movement::NewStrand => match earlier {
                None => "new: not in last year's review".to_owned(),
                Some(review) => format!("new: not in {review}"),
            },
        }
    }

    /// A symbol beside the words: ▲ up, ▼ down, = same, ● new, ○ not judged.
    pub fn symbol(self) -> &'static str {
        match self {
            Movement::Up => "▲",
            Movement::Down => "▼",
            Movement::Same => "=",
            Movement::NewlyJudged | Movement::NewStrand => "●",
            Movement::NoLongerJudged | Movement::NeitherJudged => "○",
        }
    }
}

/// One strand, last year and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrandMove {
    /// Its outcome's id.
    pub outcome: String,
    /// Its id within the outcome.
    pub strand: String,
    /// "1a".
    pub code: String,
    /// Last year's level (its name), if judged.
    pub before: Option<String>,
    /// This year's level (its name), if judged.
    pub now: Option<String>,
    /// The movement.
    pub movement: Movement,
}

/// One statutory duty whose status differs between the reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyChange {
    /// The checklist item's id.
    pub item: String,
    /// Last year's status, if answered.
    pub before: Option<ChecklistStatus>,
    /// This year's, if answered.
    pub now: Option<ChecklistStatus>,
    /// Whether the earlier review's checklist had the duty: a review made against another
    /// version of the rubric may not, and its "unanswered" is then no answer at all.
    pub in_previous: bool,
}

/// What became of one of last year's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionState {
    /// Marked completed (on a date).
    Completed,
    /// Not completed, and its due date has passed by this review's date.
    Overdue,
    /// Not completed, not yet due (or no due date given).
    Open,
}

/// One of last year's actions, followed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionFollowUp {
    /// Its outcome, if given.
    pub outcome: Option<String>,
    /// What it set out to do (the plan's first column).
    pub target: String,
    /// When it was due.
    pub due: Option<Date>,
    /// When it was completed, from last year's plan or this year's.
    pub completed: Option<Date>,
    /// Whether this year's plan carries it on (the same target).
    pub carried_forward: bool,
    /// What became of it.
    pub state: ActionState,
}

/// A school's progress between two reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The earlier review's academic year, if it says.
    pub previous_year: Option<AcademicYear>,
    /// This review's academic year, if it says.
    pub current_year: Option<AcademicYear>,
    /// The school's name in the earlier review, when it was another (matched by URN).
    pub previous_name: Option<String>,
    /// Every strand of this rubric, in order.
    pub strands: Vec<StrandMove>,
    /// Strands of last year's review this rubric does not have ("6z"), with last year's
    /// level: shown as such, never dropped.
    pub unmatched: Vec<(String, Option<String>)>,
    /// Duties whose status changed.
    pub duties: Vec<DutyChange>,
    /// Last year's actions.
    pub actions: Vec<ActionFollowUp>,
}

/// Movements counted: for a sentence or an outcome's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Strands up.
    pub up: usize,
    /// Strands down.
    pub down: usize,
    /// Strands the same.
    pub same: usize,
    /// Strands judged this year but not last.
    pub newly_judged: usize,
    /// Strands judged last year but not this.
    pub no_longer_judged: usize,
}

impl Progress {
    /// Compares `previous` with `current`, both read against `rubric` (the current one).
    /// Overdue is judged as of the current review's date (no date: nothing is called
    /// overdue, since the day of reading would change the document).
    pub fn compare(previous: &Assessment, current: &Assessment, rubric: &Rubric) -> Progress {
        let level_name = |id: Option<&String>| {
            id.map(|id| {
                rubric
                    .level(id)
                    .map_or_else(|| id.clone(), |l| l.name.clone())
            })
        };
        let rank = |id: &str| rubric.level_index(id);
        let mut strands = Vec::new();
        for s in rubric.strands() {
            let before_judgement = previous
                .outcome(&s.outcome.id)
                .and_then(|o| o.strands.iter().find(|j| j.strand == s.strand.id));
            let before = before_judgement.and_then(|j| j.level.as_ref());
            let now = current
                .judgement(&s.outcome.id, &s.strand.id)
                .and_then(|j| j.level.as_ref());
            let in_previous_rubric =
                before_judgement.is_some() || previous.rubric.version == current.rubric.version;
            let movement = match (before.and_then(|b| rank(b)), now.and_then(|n| rank(n))) {
                (Some(b), Some(n)) if n > b => Movement::Up,
                (Some(b), Some(n)) if n < b => Movement::Down,
                (Some(_), Some(_)) => Movement::Same,
                (None, Some(_)) if !in_previous_rubric => Movement::NewStrand,
                (None, Some(_)) => Movement::NewlyJudged,
                (Some(_), None) => Movement::NoLongerJudged,
                (None, None) if !in_previous_rubric => Movement::NewStrand,
                (None, None) => Movement::NeitherJudged,
            };
            strands.push(StrandMove {
                outcome: s.outcome.id.clone(),
                strand: s.strand.id.clone(),
                code: s.code(),
                before: level_name(before),
                now: level_name(now),
                movement,
            });
        }
        let mut unmatched = Vec::new();
        for o in &previous.outcomes {
            for j in &o.strands {
                let known = rubric
                    .outcome(&o.outcome)
                    .is_some_and(|ro| ro.strand(&j.strand).is_some());
                if !known {
                    unmatched.push((
                        format!("{}{}", o.outcome, j.strand),
                        level_name(j.level.as_ref()),
                    ));
                }
            }
        }
        let duties = rubric
            .checklist
            .items
            .iter()
            .filter_map(|item| {
                let answer = previous.checklist_answer(&item.id);
                let before = answer.and_then(|a| a.status);
                let now = current.checklist_answer(&item.id).and_then(|a| a.status);
                let in_previous =
                    answer.is_some() || previous.rubric.version == current.rubric.version;
                (before != now).then(|| DutyChange {
                    item: item.id.clone(),
                    before,
                    now,
                    in_previous,
                })
            })
            .collect();
        Progress {
            previous_year: previous.review.academic_year,
            current_year: current.review.academic_year,
            previous_name: (crate::normalise_name(&previous.school.name)
                != crate::normalise_name(&current.school.name)
                && !previous.school.name.trim().is_empty())
            .then(|| previous.school.name.trim().to_owned()),
            strands,
            unmatched,
            duties,
            actions: follow_up(previous, current, rubric),
        }
    }

    /// Whether the earlier review is from the academic year just before this one, so that
    /// "last year" is true of it.
    pub fn a_year_before(&self) -> bool {
        matches!((self.previous_year, self.current_year), (Some(a), Some(b)) if a.start + 1 == b.start)
    }

    /// The earlier review as a report names it: `None` when it is last year's (the words
    /// say "last year"), else "the 2023/24 review", or "the last review" with no year.
    pub fn earlier(&self) -> Option<String> {
        (!self.a_year_before()).then(|| match self.previous_year {
            Some(y) => format!("the {y} review"),
            None => "the last review".to_owned(),
        })
    }

    /// One strand's movement in words, the earlier review named as [`Progress::earlier`].
    pub fn words(&self, s: &StrandMove) -> String {
        s.movement
            .words_since(s.before.as_deref(), self.earlier().as_deref())
    }

    /// The strands' movements counted, for one outcome or (with `None`) all.
    pub fn tally(&self, outcome: Option<&str>) -> Tally {
        let mut t = Tally::default();
        for s in self
            .strands
            .iter()
            .filter(|s| outcome.is_none_or(|o| s.outcome == o))
        {
            match s.movement {
                Movement::Up => t.up += 1,
                Movement::Down => t.down += 1,
                Movement::Same => t.same += 1,
                Movement::NewlyJudged => t.newly_judged += 1,
                Movement::NoLongerJudged => t.no_longer_judged += 1,
                Movement::NeitherJudged | Movement::NewStrand => {}
            }
        }
        t
    }
}

/// Whether `previous` is a review from before `current`: by academic year when both give
/// one, else by review date when both give one; `None` when they cannot be told apart.
/// Progress "since" a review from the same year or a later one would be read backwards.
pub fn is_earlier(previous: &Assessment, current: &Assessment) -> Option<bool> {
    match (previous.review.academic_year, current.review.academic_year) {
        (Some(a), Some(b)) => Some(a.start < b.start),
        _ => match (previous.review.date, current.review.date) {
            (Some(a), Some(b)) => Some(a < b),
            _ => None,
        },
    }
}

/// Why a review cannot be shown as a school's previous one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviousProblem {
    /// It is from the same year or a later one: progress "since" it would read backwards.
    #[error("it is the school's review of {previous}, not an earlier one than {current}: give the review before this one")]
    NotEarlier {
        /// The previous review's year (or date).
        previous: String,
        /// This review's.
        current: String,
    },
    /// It gives another URN: another school's review.
    #[error("it is the review of URN {previous_urn} ({previous_name}), not of {current_name} (URN {current_urn}): give this school's own earlier review")]
    OtherUrn {
        /// Its URN and name.
        previous_urn: String,
        /// Its name.
        previous_name: String,
        /// This review's URN.
        current_urn: String,
        /// This review's name.
        current_name: String,
    },
    /// No URN to tell by, and the names differ: another school, unless it was renamed.
    #[error("it is the review of {previous_name}, not {current_name}, and without a URN in both there is no telling that they are one school: if the school was renamed, say so with --renamed")]
    OtherName {
        /// Its name.
        previous_name: String,
        /// This review's name.
        current_name: String,
    },
}

/// Whether `previous` can be shown as `current`'s school's previous review: from an earlier
/// year, and the same school (the same URN; without a URN in both, the same name, unless
/// the person says the school was `renamed`). A school renamed with the same URN is told its
/// earlier name in the report.
pub fn check_previous(
    previous: &Assessment,
    current: &Assessment,
    renamed: bool,
) -> Result<(), PreviousProblem> {
    let urn = |a: &Assessment| {
        a.school
            .urn
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
    };
    match (urn(previous), urn(current)) {
        (Some(p), Some(c)) if p != c => {
            return Err(PreviousProblem::OtherUrn {
                previous_urn: p,
                previous_name: previous.school.name.clone(),
                current_urn: c,
                current_name: current.school.name.clone(),
            })
        }
        (Some(_), Some(_)) => {}
        _ if !renamed
            && crate::normalise_name(&previous.school.name)
                != crate::normalise_name(&current.school.name) =>
        {
            return Err(PreviousProblem::OtherName {
                previous_name: previous.school.name.clone(),
                current_name: current.school.name.clone(),
            })
        }
        _ => {}
    }
    if is_earlier(previous, current) == Some(false) {
        let when = |a: &Assessment| {
            a.review
                .academic_year
                .map(|y| y.to_string())
                .or_else(|| a.review.date.map(|d| d.to_string()))
                .unwrap_or_default()
        };
        return Err(PreviousProblem::NotEarlier {
            previous: when(previous),
            current: when(current),
        });
    }
    Ok(())
}

fn same_target(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !a.trim().is_empty() && norm(a) == norm(b)
}

fn completed_on(row: &crate::ActionRow) -> Option<Date> {
    match row.cell(COMPLETED_COLUMN) {
        Some(CellValue::Date(d)) => Some(*d),
        _ => None,
    }
}

/// Last year's actions, each with what became of it.
fn follow_up(previous: &Assessment, current: &Assessment, rubric: &Rubric) -> Vec<ActionFollowUp> {
    let Some(first) = rubric.action_plan.columns.first() else {
        return Vec::new();
    };
    let as_of = current.review.date;
    previous
        .action_plan
        .iter()
        .filter_map(|row| {
            let target = row.cell(&first.id).map(|v| v.to_string())?;
            if target.trim().is_empty() {
                return None;
            }
            let again = current.action_plan.iter().find(|r| {
                r.cell(&first.id)
                    .is_some_and(|v| same_target(&v.to_string(), &target))
            });
            let completed = completed_on(row).or_else(|| again.and_then(completed_on));
            let state = match (completed, row.due, as_of) {
                (Some(_), _, _) => ActionState::Completed,
                (None, Some(due), Some(as_of)) if due < as_of => ActionState::Overdue,
                _ => ActionState::Open,
            };
            Some(ActionFollowUp {
                outcome: row.outcome.clone(),
                target,
                due: row.due,
                completed,
                carried_forward: again.is_some(),
                state,
            })
        })
        .collect()
}
