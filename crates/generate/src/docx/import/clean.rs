//! Mending text no document can carry: what Word users paste (a Symbol-font bullet, a
//! control character) is not their fault, so it is cleaned out of every text field of an
//! imported assessment with a warning naming the field, not refused.

use sendbench_core::Assessment;

/// Every text field of an imported assessment, cleaned of characters no document can
/// carry ([`sendbench_core::text`]): what Word users paste is not their fault, so it is
/// mended with a warning naming the field, not refused.
pub(super) fn clean_text(a: &mut Assessment, warnings: &mut Vec<String>) {
    let mut fields: Vec<(String, &mut String)> = Vec::new();
    fields.push(("the school's name".into(), &mut a.school.name));
    if let Some(urn) = a.school.urn.as_mut() {
        fields.push(("the URN".into(), urn));
    }
    if let Some(area) = a.school.area.as_mut() {
        fields.push(("the area".into(), area));
    }
    for (i, k) in a.review.key_dates.iter_mut().enumerate() {
        fields.push((format!("key date {}", i + 1), &mut k.event));
    }
    for (i, p) in a.participants.iter_mut().enumerate() {
        if let Some(name) = p.name.as_mut() {
            fields.push((format!("participant {}'s name", i + 1), name));
        }
        if let Some(title) = p.title.as_mut() {
            fields.push((format!("participant {}'s job title", i + 1), title));
        }
    }
    for c in &mut a.checklist {
        fields.push((format!("the evidence for duty {}", c.item), &mut c.evidence));
    }
    for o in &mut a.outcomes {
        for f in &mut o.fields {
            fields.push((format!("{} of outcome {}", f.id, o.outcome), &mut f.text));
        }
        for j in &mut o.strands {
            fields.push((
                format!("the evidence for strand {}{}", o.outcome, j.strand),
                &mut j.evidence,
            ));
        }
    }
    for (i, row) in a.action_plan.iter_mut().enumerate() {
        for cell in &mut row.cells {
            if let sendbench_core::CellValue::Text(t) = &mut cell.value {
                fields.push((format!("action {} ({})", i + 1, cell.column), t));
            }
        }
    }
    for (what, text) in fields {
        let (clean, changed) = sendbench_core::text::clean(text);
        if changed.is_empty() {
            continue;
        }
        *text = clean;
        let list: Vec<String> = changed
            .iter()
            .map(|&c| {
                if c == sendbench_core::SYMBOL_BULLET {
                    format!("{} became •", sendbench_core::text::describe(c))
                } else {
                    format!("{} was removed", sendbench_core::text::describe(c))
                }
            })
            .collect();
        warnings.push(format!(
            "{what} held characters a document cannot show: {}",
            list.join("; ")
        ));
    }
}
