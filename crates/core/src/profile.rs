//! The judgement profile: how many strands of each outcome sit at each level, which are not
//! yet judged, and how the statutory checklist stands. It is what `summary` prints and what
//! reports chart.

use serde::Serialize;

use crate::assessment::{Assessment, ChecklistStatus};
use crate::rubric::Rubric;

/// An assessment's profile against its rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// One entry per rubric outcome, in rubric order.
    pub outcomes: Vec<OutcomeProfile>,
    /// The statutory checklist's answers, counted.
    pub checklist: ChecklistTally,
}

/// One outcome's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeProfile {
    /// The outcome's id.
    pub outcome: String,
    /// Strands judged at each level, in the rubric's level order.
    pub counts: Vec<usize>,
    /// Ids of strands not yet judged.
    pub not_judged: Vec<String>,
}

impl OutcomeProfile {
    /// Strands judged.
    pub fn judged(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// The statutory checklist, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ChecklistTally {
    /// Items met.
    pub met: usize,
    /// Items partly met.
    pub partly_met: usize,
    /// Items not met.
    pub not_met: usize,
    /// Items not yet answered.
    pub unanswered: usize,
}

impl Assessment {
    /// Counts the judgements per outcome and level, and the checklist's answers. Entries the
    /// rubric does not know are ignored (validation reports them).
    pub fn profile(&self, rubric: &Rubric) -> Profile {
        let outcomes = rubric
            .outcomes
            .iter()
            .map(|outcome| {
                let mut counts = vec![0; rubric.levels.len()];
                let mut not_judged = Vec::new();
                for strand in &outcome.strands {
                    let level = self
                        .judgement(&outcome.id, &strand.id)
                        .and_then(|j| j.level.as_deref())
                        .and_then(|l| rubric.level_index(l));
                    match level {
                        Some(i) => counts[i] += 1,
                        None => not_judged.push(strand.id.clone()),
                    }
                }
                OutcomeProfile {
                    outcome: outcome.id.clone(),
                    counts,
                    not_judged,
                }
            })
            .collect();
        let mut checklist = ChecklistTally::default();
        for item in &rubric.checklist.items {
            match self.checklist_answer(&item.id).and_then(|a| a.status) {
                Some(ChecklistStatus::Met) => checklist.met += 1,
                Some(ChecklistStatus::PartlyMet) => checklist.partly_met += 1,
                Some(ChecklistStatus::NotMet) => checklist.not_met += 1,
                None => checklist.unanswered += 1,
            }
        }
        Profile {
            outcomes,
            checklist,
        }
    }
}
