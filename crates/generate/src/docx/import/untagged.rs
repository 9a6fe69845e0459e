//! Forms whose fields lost their tags: LibreOffice 7.4 drops tags, titles and the
//! showing-placeholder flag when it saves. Each field is then placed by where it sits (which
//! table, recognised by its headings or by the labels the toolkit writes in its cells, which
//! row and which cell), and the import says so; and since 7.4 also moves the line breaks out
//! of multi-line answers, it names the answers to check.

use std::collections::BTreeMap;

use sendbench_core::{Assessment, Rubric};

use super::assemble::is_toolkit_tag;
use super::reader::{Layout, Read, TableText};
use super::words::squash;

/// Gives untagged controls the tags they were made with, with a warning; `true` if any was
/// placed so.
pub(super) fn place(read: &mut Read, rubric: &Rubric, warnings: &mut Vec<String>) -> bool {
    if read.controls.is_empty() || read.controls.iter().any(|c| is_toolkit_tag(&c.tag)) {
        return false;
    }
    let found = infer_tags(read, rubric);
    if found > 0 {
        warnings.push(format!(
            "the form fields had lost their tags (LibreOffice 7.4 and some other editors drop them on saving), \
             so {found} of {} fields were placed by where they sit in the form; check the result",
            read.controls.len()
        ));
    }
    found > 0
}

/// Gives untagged controls the tags they were made with, from where they sit. Returns how
/// many were placed.
fn infer_tags(read: &mut Read, rubric: &Rubric) -> usize {
    // Counts controls already seen in each cell, for cells holding several (judgement,
    // evidence, shared-with-families).
    let mut seen_in_cell: BTreeMap<(usize, usize, usize), usize> = BTreeMap::new();
    let mut placed = 0;
    for c in read.controls.iter_mut() {
        let Some(place) = c.place else {
            continue;
        };
        let nth = {
            let n = seen_in_cell.entry(place).or_insert(0);
            *n += 1;
            *n - 1
        };
        if let Some(tag) = tag_at(&read.layout, place, nth, rubric) {
            c.tag = tag;
            placed += 1;
        }
    }
    placed
}

/// The tag of the `nth` control in cell `(t, r, cell)`, from the labels around it.
fn tag_at(
    layout: &Layout,
    (t, r, cell): (usize, usize, usize),
    nth: usize,
    rubric: &Rubric,
) -> Option<String> {
    let table = layout.tables.get(t)?;
    let row = table.rows.get(r)?;
    let header: Vec<String> = table
        .rows
        .first()
        .map(|h| h.iter().map(|x| squash(x)).collect())
        .unwrap_or_default();
    let first = row.first().map(|x| squash(x)).unwrap_or_default();
    if let Some((o, s)) = rubric.strand_by_code(&first).map(|s| (s.outcome, s.strand)) {
        let field = ["judgement", "evidence", "public"].get(nth)?;
        return Some(format!("outcomes.{}.strands.{}.{field}", o.id, s.id));
    }
    if let Some(tag) = checklist_tag(&first, cell, rubric) {
        return Some(tag);
    }
    if let Some(tag) = participant_tag(table, r, cell, rubric) {
        return Some(tag);
    }
    if header.first().map(String::as_str) == Some("Outcome")
        && header.len() == rubric.action_plan.columns.len() + 2
    {
        let i = r.saturating_sub(1);
        return match cell {
            0 => Some(format!("action_plan.{i}.outcome")),
            c if c == header.len() - 1 => Some(format!("action_plan.{i}.due")),
            c => rubric
                .action_plan
                .columns
                .get(c - 1)
                .map(|col| format!("action_plan.{i}.{}", col.id)),
        };
    }
    if header == ["What", "Date"] {
        let i = r.saturating_sub(1);
        let field = if cell == 0 { "event" } else { "date" };
        return Some(format!("review.key_dates.{i}.{field}"));
    }
    if t == 0 {
        return detail_tag(&first, rubric);
    }
    box_tag(table, rubric)
}

/// A duty's row, by its text (with or without the "Duty N:" the form numbers it by).
fn checklist_tag(first: &str, cell: usize, rubric: &Rubric) -> Option<String> {
    let (_, item) = rubric.checklist.items.iter().enumerate().find(|(n, i)| {
        let text = squash(&i.text);
        first == text || first == format!("Duty {}: {text}", n + 1)
    })?;
    match cell {
        1 => Some(format!("checklist.{}.status", item.id)),
        2 => Some(format!("checklist.{}.evidence", item.id)),
        _ => None,
    }
}

/// A person's row, by the role named in its second cell: the n-th row of a role is the
/// n-th person in it.
fn participant_tag(table: &TableText, r: usize, cell: usize, rubric: &Rubric) -> Option<String> {
    let name = squash(table.rows.get(r)?.get(1)?);
    let role = rubric.participants.roles.iter().find(|x| x.name == name)?;
    let index = table.rows[..r]
        .iter()
        .filter(|x| x.get(1).map(|n| squash(n)) == Some(role.name.clone()))
        .count();
    match cell {
        0 => Some(format!("participants.{}.involved", role.id)),
        2 => Some(format!("participants.{}.{index}.title", role.id)),
        3 => Some(format!("participants.{}.{index}.name", role.id)),
        4 => Some(format!("participants.{}.{index}.date", role.id)),
        _ => None,
    }
}

/// The school's details, by the labels the rubric gives them.
fn detail_tag(first: &str, rubric: &Rubric) -> Option<String> {
    let labels = &rubric.introduction.labels;
    [
        (&labels.name, "school.name"),
        (&labels.urn, "school.urn"),
        (&labels.area, "school.area"),
        (&labels.academic_year, "review.academic_year"),
        (&labels.date, "review.date"),
    ]
    .into_iter()
    .find(|(label, _)| squash(label) == first)
    .map(|(_, tag)| tag.to_owned())
}

/// A Notes or Actions box: its heading says which field of which outcome.
fn box_tag(table: &TableText, rubric: &Rubric) -> Option<String> {
    rubric.outcomes.iter().find_map(|o| {
        rubric
            .outcome_fields
            .iter()
            .find(|f| table.heading == format!("{} (Outcome {})", f.heading, o.id))
            .map(|f| format!("outcomes.{}.{}", o.id, f.id))
    })
}

/// LibreOffice 7.4, which drops the tags, also moves the line breaks out of a multi-line
/// answer, so its lines run together: a warning naming the answers to check.
pub(super) fn line_break_warning(assessment: &Assessment, warnings: &mut Vec<String>) {
    const SHOWN: usize = 12;
    let mut fields: Vec<String> = Vec::new();
    for o in &assessment.outcomes {
        for j in o.strands.iter().filter(|j| !j.evidence.is_empty()) {
            fields.push(format!("evidence {}{}", o.outcome, j.strand));
        }
        for f in o.fields.iter().filter(|f| !f.text.is_empty()) {
            fields.push(format!("{} of outcome {}", f.id, o.outcome));
        }
    }
    for c in assessment
        .checklist
        .iter()
        .filter(|c| !c.evidence.is_empty())
    {
        fields.push(format!("evidence for duty {}", c.item));
    }
    if fields.is_empty() {
        return;
    }
    let more = fields.len().saturating_sub(SHOWN);
    fields.truncate(SHOWN);
    let mut list = fields.join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    warnings.push(format!(
        "a form saved by LibreOffice 7.4 (whose tags are gone) may also have lost the line breaks inside answers, running their lines together; check these answers: {list}"
    ));
}
