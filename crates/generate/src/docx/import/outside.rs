//! The typed-outside finder: text typed in the form where no field holds it.
//!
//! The toolkit is deterministic, so what it writes outside its fields is known: the form
//! made again from what was read. Each cell and paragraph of the filled form is compared,
//! word by word, with its counterpart in that fresh form; words the toolkit does not write
//! were typed by someone. Typed beside a free-text field, in its cell, they are added to the
//! field; anywhere else they are named in a warning with a quote and the place a reader
//! finds them at (the row of the filled form, not of the fresh one).

use std::collections::{HashMap, HashSet};

use sendbench_core::{AcademicYear, Assessment, ColumnKind, FieldText, Rubric};

use super::assemble::{checklist_mut, judgement_mut, outcome_review};
use super::reader::{Layout, Read, TableText};
use super::words::{extra_words, quote, squash, words_not_in, COMPARISON_BUDGET};

/// Most pieces of text typed outside the fields that are each named in a warning.
const OUTSIDE_SHOWN: usize = 10;

/// Whether a tag names a free-text field whose cell [`stray_text`] reads whole (text typed
/// beside the field in its cell is added to it).
pub(super) fn is_free_text(tag: &str, rubric: &Rubric) -> bool {
    tag.ends_with(".evidence")
        || (tag.starts_with("outcomes.") && tag.split('.').count() == 3)
        || (tag.starts_with("action_plan.")
            && rubric
                .action_plan
                .columns
                .iter()
                .any(|c| c.kind == ColumnKind::Text && tag.ends_with(&format!(".{}", c.id))))
}

/// Whether the form is a next-year toolkit, and from which review: it says so in a
/// paragraph of its own ("This form was started from the 2024/25 review. …"), which a
/// fresh form must say too for its text to be the form's.
pub(super) fn carried_forward_from(layout: &Layout) -> Option<Option<AcademicYear>> {
    const START: &str = "This form was started from ";
    layout.paragraphs.iter().find_map(|p| {
        let text = squash(&p.text);
        let from = text.strip_prefix(START)?.split(". ").next()?;
        Some(
            from.strip_prefix("the ")
                .and_then(|f| f.strip_suffix(" review"))
                .and_then(AcademicYear::parse),
        )
    })
}

fn cell_text(layout: &Layout, place: Option<(usize, usize, usize)>) -> Option<&str> {
    let (t, r, c) = place?;
    layout
        .tables
        .get(t)?
        .rows
        .get(r)?
        .get(c)
        .map(String::as_str)
}

/// Text typed in a form cell beside a free-text field rather than in it (after the Notes
/// box's field, below the evidence field) is added to that cell's field, with a warning
/// saying where it was found, rather than lost. A cell holding two copies of one field is
/// read once.
pub(super) fn stray_text(
    read: &Read,
    fresh: &Read,
    rubric: &Rubric,
    assessment: &mut Assessment,
    warnings: &mut Vec<String>,
) {
    let mut seen = HashSet::new();
    for c in read
        .controls
        .iter()
        .filter(|c| is_free_text(&c.tag, rubric))
    {
        if !seen.insert((c.tag.as_str(), c.place)) {
            continue;
        }
        let Some(theirs) = cell_text(&read.layout, c.place) else {
            continue;
        };
        let ours = fresh
            .controls
            .iter()
            .find(|f| f.tag == c.tag)
            .and_then(|f| cell_text(&fresh.layout, f.place))
            .unwrap_or_default();
        let extra = words_not_in(theirs, ours);
        if extra.is_empty() {
            continue;
        }
        match field_of(assessment, &c.tag) {
            Some(field) => {
                if !field.is_empty() {
                    field.push('\n');
                }
                field.push_str(&extra);
                warnings.push(format!(
                    "text typed beside the form field `{}` rather than in it was added to it: {extra:?}",
                    c.tag
                ));
            }
            None => warnings.push(format!(
                "text typed beside the form field `{}` rather than in it could not be placed, so it is not in the assessment; copy it into the field: {extra:?}",
                c.tag
            )),
        }
    }
}

/// The text of the free-text field a tag names, creating the entry if the form left it empty.
fn field_of<'a>(a: &'a mut Assessment, tag: &str) -> Option<&'a mut String> {
    let parts: Vec<&str> = tag.split('.').collect();
    match parts.as_slice() {
        ["outcomes", outcome, "strands", strand, "evidence"] => {
            Some(&mut judgement_mut(a, outcome, strand).evidence)
        }
        ["outcomes", outcome, field] => {
            let review = outcome_review(a, outcome);
            let i = match review.fields.iter().position(|f| f.id == *field) {
                Some(i) => i,
                None => {
                    review.fields.push(FieldText {
                        id: (*field).to_owned(),
                        text: String::new(),
                    });
                    review.fields.len() - 1
                }
            };
            Some(&mut review.fields[i].text)
        }
        ["checklist", item, "evidence"] => Some(&mut checklist_mut(a, item).evidence),
        // An action plan cell typed beside: its row is not known once copies are merged, so
        // it is reported, not placed.
        _ => None,
    }
}

/// Warnings for text typed where no field can hold it, at most [`OUTSIDE_SHOWN`] of them
/// and then how many more.
#[derive(Default)]
struct Found {
    warnings: Vec<String>,
    more: usize,
}

impl Found {
    fn note(&mut self, warning: String) {
        if self.warnings.len() < OUTSIDE_SHOWN {
            self.warnings.push(warning);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            self.warnings.push(format!(
                "and {} more piece(s) of text typed outside the form's fields were not imported either",
                self.more
            ));
        }
        self.warnings
    }
}

/// Text typed in the form where no field is (in a descriptor or label cell, in a heading,
/// in a paragraph between tables or at the end) is not part of the assessment: one warning
/// for each piece, quoting it and saying where it is. Cells holding a free-text field are
/// left to [`stray_text`], which adds what was typed beside the field to it.
pub(super) fn text_outside_fields(read: &Read, fresh: &Read, rubric: &Rubric) -> Vec<String> {
    let mut found = Found::default();
    // Words compared side by side, in all: a hostile document cannot make this slow.
    let mut budget = COMPARISON_BUDGET;
    let matched = match_tables(&read.layout, &fresh.layout);
    let cells = Cells::new(read, fresh, rubric);
    for (t, table) in read.layout.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let theirs: Vec<&str> = text.split_whitespace().collect();
                if theirs.is_empty() || cells.free.contains(&(t, r, c)) {
                    continue;
                }
                let ours = matched[t].map(|ft| cells.fresh_text(&fresh.layout, ft, (t, r), c));
                let Some(ours) = ours else {
                    found.note(typed("in a table added to the form", &[theirs]));
                    continue;
                };
                if squash(ours) == squash(text) {
                    continue;
                }
                let ours: Vec<&str> = ours.split_whitespace().collect();
                let extra = extra_words(&theirs, &ours, &mut budget);
                if !extra.is_empty() {
                    let place = describe_cell(table, r, c, cells.tags(t, r), rubric);
                    found.note(typed(&format!("in {place}"), &extra));
                }
            }
        }
    }
    paragraphs_outside(read, fresh, &matched, &mut budget, &mut found);
    found.finish()
}

fn typed(place: &str, extra: &[Vec<&str>]) -> String {
    format!("text typed {place} was not imported: \"{}\"", quote(extra))
}

/// Paragraphs between tables: the toolkit's own anywhere in the form are its own; any
/// other is compared with the fresh paragraphs between the same tables.
fn paragraphs_outside(
    read: &Read,
    fresh: &Read,
    matched: &[Option<usize>],
    budget: &mut usize,
    found: &mut Found,
) {
    let ours_anywhere: HashSet<String> = fresh
        .layout
        .paragraphs
        .iter()
        .map(|p| squash(&p.text))
        .collect();
    for p in &read.layout.paragraphs {
        let theirs: Vec<&str> = p.text.split_whitespace().collect();
        if theirs.is_empty() || ours_anywhere.contains(&squash(&p.text)) {
            continue;
        }
        let gap = match p.after_tables {
            0 => Some(0),
            n => matched.get(n - 1).copied().flatten().map(|t| t + 1),
        };
        let candidates = if *budget == 0 { 1 } else { usize::MAX };
        let extra = fresh
            .layout
            .paragraphs
            .iter()
            .filter(|f| gap.is_none_or(|g| f.after_tables == g))
            .take(candidates)
            .map(|f| {
                let ours: Vec<&str> = f.text.split_whitespace().collect();
                let extra = extra_words(&theirs, &ours, budget);
                // Typed into one of the form's paragraphs, it keeps most of that paragraph's
                // words; a paragraph of its own shares a few ("the", "of") by chance, and is
                // typed whole.
                let typed: usize = extra.iter().map(Vec::len).sum();
                if (theirs.len() - typed) * 2 < ours.len() {
                    vec![theirs.clone()]
                } else {
                    extra
                }
            })
            .min_by_key(|e| e.iter().map(Vec::len).sum::<usize>())
            .unwrap_or_else(|| vec![theirs.clone()]);
        if extra.is_empty() {
            continue;
        }
        let place = body_place(&p.below, p.after_tables, read.layout.tables.len());
        found.note(format!(
            "text typed outside the form's fields was not imported: \"{}\" ({place})",
            quote(&extra)
        ));
    }
}

/// Where a paragraph between tables is, for a person.
pub(super) fn body_place(below: &str, after_tables: usize, tables: usize) -> String {
    if after_tables == tables && tables > 0 {
        "at the end of the form".to_owned()
    } else if below.is_empty() {
        "at the start of the form".to_owned()
    } else {
        format!("below {below}")
    }
}

/// Tables are matched in order: one for one when the form has as many as a fresh one,
/// otherwise by caption (or, without one, by heading and header row).
fn match_tables(read: &Layout, fresh: &Layout) -> Vec<Option<usize>> {
    let same_table = |a: &TableText, b: &TableText| {
        if !a.caption.is_empty() && !b.caption.is_empty() {
            a.caption == b.caption
        } else {
            a.heading == b.heading
                && a.rows.first().map(|r| squash(&r.join(" ")))
                    == b.rows.first().map(|r| squash(&r.join(" ")))
        }
    };
    if read.tables.len() == fresh.tables.len() {
        return (0..read.tables.len()).map(Some).collect();
    }
    let mut next = 0;
    read.tables
        .iter()
        .map(|t| {
            let i = next
                + fresh
                    .tables
                    .get(next..)?
                    .iter()
                    .position(|f| same_table(t, f))?;
            next = i + 1;
            Some(i)
        })
        .collect()
}

/// The cells of the filled form: which hold a free-text field, the tags in each row, and
/// for a row, the fresh form's row that matches it.
struct Cells<'a> {
    free: HashSet<(usize, usize, usize)>,
    tags: HashMap<(usize, usize), Vec<(usize, &'a str)>>,
    /// The fresh form's (table, row) of each tag, first seen.
    fresh_rows: HashMap<&'a str, (usize, usize)>,
    /// Rows in each of the filled form's tables and the fresh form's.
    read_rows: Vec<usize>,
}

impl<'a> Cells<'a> {
    fn new(read: &'a Read, fresh: &'a Read, rubric: &Rubric) -> Self {
        let mut tags: HashMap<(usize, usize), Vec<(usize, &str)>> = HashMap::new();
        let mut free = HashSet::new();
        for c in &read.controls {
            if let Some((t, r, cell)) = c.place {
                tags.entry((t, r)).or_default().push((cell, c.tag.as_str()));
                if is_free_text(&c.tag, rubric) {
                    free.insert((t, r, cell));
                }
            }
        }
        let mut fresh_rows = HashMap::new();
        for c in fresh.controls.iter().filter(|c| !c.tag.is_empty()) {
            if let Some((t, r, _)) = c.place {
                fresh_rows.entry(c.tag.as_str()).or_insert((t, r));
            }
        }
        Cells {
            free,
            tags,
            fresh_rows,
            read_rows: read.layout.tables.iter().map(|t| t.rows.len()).collect(),
        }
    }

    fn tags(&self, t: usize, r: usize) -> &[(usize, &'a str)] {
        self.tags
            .get(&(t, r))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// What the fresh form has in cell `c` of the row matching the filled form's row
    /// `(t, r)`: the row holding the same fields (a copied row matches the row it was copied
    /// from, wherever the copy sits); without fields, the header row, or the same row when
    /// no row was added; otherwise nothing, so every word counts as typed.
    fn fresh_text<'f>(
        &self,
        fresh: &'f Layout,
        ft: usize,
        (t, r): (usize, usize),
        c: usize,
    ) -> &'f str {
        let table = &fresh.tables[ft];
        let by_tag = self
            .tags(t, r)
            .iter()
            .find_map(|(_, tag)| self.fresh_rows.get(tag))
            .filter(|(tt, _)| *tt == ft)
            .map(|(_, fr)| *fr);
        let same_rows = self.read_rows.get(t) == Some(&table.rows.len());
        let row = by_tag.or(if r == 0 || same_rows { Some(r) } else { None });
        row.and_then(|fr| table.rows.get(fr))
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    }
}

/// Where a cell of the filled form is, for a person: the field in it, or the strand, duty or
/// field whose row it labels or describes, or its row of its table.
pub(super) fn describe_cell(
    table: &TableText,
    row: usize,
    cell: usize,
    tags: &[(usize, &str)],
    rubric: &Rubric,
) -> String {
    if let Some((_, tag)) = tags.iter().find(|(c, _)| *c == cell) {
        return format!("the cell of the field `{tag}`, outside the field,");
    }
    let named = squash(if table.caption.is_empty() {
        &table.heading
    } else {
        &table.caption
    });
    let Some((_, tag)) = tags.first() else {
        return if row == 0 {
            format!("the header row of the table \"{named}\"")
        } else {
            format!("row {} of the table \"{named}\"", row + 1)
        };
    };
    let column = table
        .rows
        .first()
        .and_then(|h| h.get(cell))
        .map(|h| squash(h))
        .unwrap_or_default();
    let parts: Vec<&str> = tag.split('.').collect();
    match parts.as_slice() {
        ["outcomes", o, "strands", s, _] => match cell {
            0 => format!("the label cell of strand {o}{s}"),
            c => match rubric.levels.get(c - 1) {
                Some(level) => format!("the descriptor cell of strand {o}{s} ({})", level.name),
                None => format!("a cell of the row of strand {o}{s}"),
            },
        },
        ["checklist", item, _] => match rubric.checklist.items.iter().position(|i| i.id == *item) {
            Some(n) => format!("the label cell of duty {}", n + 1),
            None => format!("a cell of the row of duty {item}"),
        },
        ["participants", role, rest @ ..] => {
            let name = rubric
                .participants
                .roles
                .iter()
                .find(|x| x.id == *role)
                .map_or(*role, |x| x.name.as_str());
            let n = rest
                .first()
                .and_then(|i| i.parse::<usize>().ok())
                .map_or(1, |i| i + 1);
            format!("the \"{column}\" cell of {name} row {n}")
        }
        ["school", _] | ["review", _] => format!("the label cell of the field `{tag}`"),
        _ => format!("the \"{column}\" cell of the row of the field `{tag}`"),
    }
}
