//! The action plan (every column for the governors; for families only each row's target and
//! when it is due, as "Done", the date, "Late: it was due by ..." or "No date set yet") and
//! the key dates the school set itself.

use sendbench_core::{Assessment, CellValue, ColumnKind};
use serde::Serialize;

use super::{long_date, Review};

/// One row of the action plan.
#[derive(Serialize)]
pub(super) struct ActionData {
    pub outcome: Option<String>,
    pub due: Option<String>,
    pub completed: bool,
    /// The first text column (the target), for summaries.
    pub target: String,
    /// Families' "By when": "Done", the due date, "Late: it was due by ..." or "No date
    /// set yet".
    pub by_when: String,
    /// Every column's text, for the governors' full table; always empty for families.
    pub cells: Vec<String>,
}

/// Every row of the action plan the audience sees: families are shown each action by its
/// target, so a row without one (a blank line to them) is left out (`validate` warns).
pub(super) fn actions(r: &Review<'_>) -> Vec<ActionData> {
    let rubric = r.rubric;
    let first_text = rubric.action_plan.target_column();
    r.a.action_plan
        .iter()
        .map(|row| {
            let cell_text = |id: &str| match row.cell(id) {
                Some(CellValue::Date(d)) => long_date(*d),
                Some(CellValue::Text(t)) => t.clone(),
                None => String::new(),
            };
            let completed = rubric
                .action_plan
                .columns
                .iter()
                .any(|c| c.kind == ColumnKind::Date && row.cell(&c.id).is_some());
            let due = row.due.map(long_date);
            // Not done by the date it was due, as of the review: never shown to families
            // as if it were still to come.
            let overdue = !completed && row.due.zip(r.a.review.date).is_some_and(|(d, on)| d < on);
            ActionData {
                outcome: row.outcome.clone(),
                by_when: match &due {
                    _ if completed => "Done".to_owned(),
                    Some(d) if overdue => format!("Late: it was due by {d}"),
                    Some(d) => d.clone(),
                    None => "No date set yet".to_owned(),
                },
                due,
                completed,
                target: first_text.map(cell_text).unwrap_or_default(),
                // Who is responsible, resources and evaluation are for staff.
                cells: if r.private {
                    Vec::new()
                } else {
                    rubric
                        .action_plan
                        .columns
                        .iter()
                        .map(|c| cell_text(&c.id))
                        .collect()
                },
            }
        })
        .filter(|a| !r.private || !a.target.trim().is_empty())
        .collect()
}

/// The dates the school set itself, under their heading.
#[derive(Serialize)]
pub(super) struct KeyDates {
    heading: &'static str,
    /// In date order, undated last; otherwise in the school's order.
    pub items: Vec<KeyDateData>,
}

#[derive(Serialize)]
pub(super) struct KeyDateData {
    date: Option<String>,
    event: String,
    /// As printed: "7 July 2026: Full governing body", "7 July 2026" (no event), "Full
    /// governing body (no date set)".
    text: String,
}

impl KeyDates {
    pub fn new(a: &Assessment) -> KeyDates {
        // In date order, undated last; the sort is stable, so otherwise in the school's
        // order.
        let mut dates: Vec<&sendbench_core::KeyDate> = a
            .review
            .key_dates
            .iter()
            .filter(|k| !k.event.trim().is_empty() || k.date.is_some())
            .collect();
        dates.sort_by_key(|k| (k.date.is_none(), k.date));
        let items = dates
            .into_iter()
            .map(|k| {
                let date = k.date.map(long_date);
                let event = k.event.trim();
                KeyDateData {
                    text: match &date {
                        Some(d) if event.is_empty() => d.clone(),
                        Some(d) => format!("{d}: {event}"),
                        None => format!("{event} (no date set)"),
                    },
                    date,
                    event: k.event.clone(),
                }
            })
            .collect();
        KeyDates {
            heading: "Key dates",
            items,
        }
    }
}
