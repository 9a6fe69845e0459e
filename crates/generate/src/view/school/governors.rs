//! The governors' report's own sentences: what the review is and how far it has got, the
//! lines over the strengths and priorities, the labels of each strand's entry, the
//! checklist's section and the action plan's table.

use serde::Serialize;

use super::checklist::ChecklistText;
use super::text::{Section, TableText};
use super::{Parts, Review};

#[derive(Serialize)]
pub(super) struct GovernorsText {
    /// "About this review".
    about: Section,
    /// The summary's heading and the lines over its strengths and priorities.
    summary: Summary,
    /// The statutory checklist's section.
    pub checklist: ChecklistText,
    /// The labels in each strand's entry.
    strand: StrandLabels,
    /// The action plan's section.
    plan: Plan,
}

#[derive(Serialize)]
struct Summary {
    heading: &'static str,
    strengths: StrandList,
    priorities: StrandList,
}

/// A list of strands under its heading, with the line over it.
#[derive(Serialize)]
struct StrandList {
    heading: &'static str,
    lead: String,
    /// "None recorded.", under the line when the list is empty.
    none: &'static str,
}

#[derive(Serialize)]
struct StrandLabels {
    evidence: &'static str,
    area: &'static str,
    /// "Since the 2024/25 review:", beside a previous review.
    since: Option<String>,
    /// After the descriptor of a strand at the highest level.
    top: &'static str,
}

#[derive(Serialize)]
struct Plan {
    heading: String,
    /// "No actions have been planned yet."; `None` when some have.
    none: Option<&'static str>,
    table: TableText,
    /// Each row as printed, its outcome first and its due date last ("—" for none).
    rows: Vec<Vec<String>>,
}

impl GovernorsText {
    pub fn new(r: &Review<'_>, parts: &Parts<'_>) -> GovernorsText {
        let levels: Vec<String> = r.rubric.levels.iter().map(|l| l.name.clone()).collect();
        let top = levels.last().cloned().unwrap_or_default();
        GovernorsText {
            about: about(r, parts, &levels),
            summary: Summary {
                heading: "Summary",
                strengths: StrandList {
                    heading: "Strengths",
                    lead: format!("Strands judged at the highest level ({top}):"),
                    none: "None recorded.",
                },
                priorities: StrandList {
                    heading: "Priorities",
                    lead: format!(
                        "Strands judged below {}, with the next step:",
                        r.strength_level()
                    ),
                    none: "None recorded.",
                },
            },
            checklist: ChecklistText::governors(r, parts.tally),
            strand: StrandLabels {
                evidence: "Evidence:",
                area: "Compared with the area:",
                since: parts
                    .progress
                    .map(|p| format!("Since the {} review:", p.previous)),
                top: "Judged at the highest level.",
            },
            plan: plan(r, parts),
        }
    }
}

/// "About this review": what the report is, how far the review has got, and what the
/// area's figures beside it are.
fn about(r: &Review<'_>, parts: &Parts<'_>, levels: &[String]) -> Section {
    let state = match r.unfinished() {
        None => "Every strand has been judged and every statutory duty answered.".to_owned(),
        Some(left) => format!(
            "The review is not finished: {left}, so the figures below are not the school's final view."
        ),
    };
    let mut paragraphs = vec![format!(
        "This report sets out the school's review of its provision for children and young people with special educational needs and disabilities (SEND), made against the {}. Each strand of practice is judged, on a best-fit basis, as one of: {}. {state}",
        r.rubric.title,
        levels.join(", ")
    )];
    if let Some(with) = &parts.compared_with {
        paragraphs.push(format!(
            "Beside each strand's judgement, this report shows how schools across the area judged it ({with}), as percentages of the schools that judged the strand."
        ));
    }
    Section {
        heading: "About this review".to_owned(),
        paragraphs,
    }
}

/// The action plan's table: every column, the outcome first and the due date last.
fn plan(r: &Review<'_>, parts: &Parts<'_>) -> Plan {
    let heading = r.rubric.action_plan.heading.clone();
    let mut columns = vec!["Outcome".to_owned()];
    columns.extend(
        r.rubric
            .action_plan
            .columns
            .iter()
            .map(|c| c.heading.clone()),
    );
    columns.push("Due by".to_owned());
    let dash = || "—".to_owned();
    Plan {
        none: parts
            .action_plan
            .is_empty()
            .then_some("No actions have been planned yet."),
        table: TableText {
            caption: heading.clone(),
            columns,
        },
        rows: parts
            .action_plan
            .iter()
            .map(|a| {
                let mut row = vec![a.outcome.clone().unwrap_or_else(dash)];
                row.extend(a.cells.iter().cloned());
                row.push(a.due.clone().unwrap_or_else(dash));
                row
            })
            .collect(),
        heading,
    }
}
