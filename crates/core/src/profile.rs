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

/// How far a review has got: what is still to be judged. A review with anything left is a
/// draft, and every document made from it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Completeness {
    /// Strands not yet judged.
    pub strands_not_judged: usize,
    /// Strands in the rubric.
    pub strands: usize,
    /// Statutory duties not yet answered.
    pub duties_unanswered: usize,
    /// Duties in the rubric's checklist.
    pub duties: usize,
}

impl Completeness {
    /// Every strand judged and every duty answered.
    pub fn is_complete(&self) -> bool {
        self.strands_not_judged == 0 && self.duties_unanswered == 0
    }

    /// What is left, in words: "8 of 34 strands and 4 of 9 duties not yet judged"; `None`
    /// when the review is complete.
    pub fn remaining(&self) -> Option<String> {
        let strands = format!(
            "{} of {} strand{}",
            self.strands_not_judged,
            self.strands,
            if self.strands == 1 { "" } else { "s" }
        );
        let duties = format!(
            "{} of {} dut{}",
            self.duties_unanswered,
            self.duties,
            if self.duties == 1 { "y" } else { "ies" }
        );
        match (self.strands_not_judged > 0, self.duties_unanswered > 0) {
            (false, false) => None,
            (true, false) => Some(format!("{strands} not yet judged")),
            (false, true) => Some(format!("{duties} not yet judged")),
            (true, true) => Some(format!("{strands} and {duties} not yet judged")),
        }
    }
}

impl std::fmt::Display for Completeness {
    /// "Draft: 8 of 34 strands and 4 of 9 duties not yet judged", or "Complete: all 34
    /// strands and 9 duties judged".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.remaining() {
            Some(left) => write!(f, "Draft: {left}"),
            None => write!(
                f,
                "Complete: all {} strands and {} duties judged",
                self.strands, self.duties
            ),
        }
    }
}

impl Profile {
    /// What is left to judge.
    pub fn completeness(&self) -> Completeness {
        let c = self.checklist;
        Completeness {
            strands_not_judged: self.outcomes.iter().map(|o| o.not_judged.len()).sum(),
            strands: self
                .outcomes
                .iter()
                .map(|o| o.judged() + o.not_judged.len())
                .sum(),
            duties_unanswered: c.unanswered,
            duties: c.met + c.partly_met + c.not_met + c.unanswered,
        }
    }
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
