//! Reads a filled toolkit back into an assessment. Controls are found by their tags; the text
//! of a control is gathered across the runs Word splits it into, with line breaks and tabs,
//! and a control still showing its placeholder counts as empty (text typed over the
//! placeholder, which may leave the control flagged as showing it, is kept). Text typed
//! outside any control is not part of the assessment, so each piece of it is named in a
//! warning.
//!
//! A DOCX is untrusted input: the zip and the XML are read with limits on sizes and counts,
//! document type declarations (the door to entity expansion) are refused, and every failure
//! is an [`ImportError`], never a panic.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read};

use jiff::civil::Date;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use sendbench_core::{
    AcademicYear, ActionRow, Assessment, Cell, CellValue, ChecklistAnswer, ChecklistStatus,
    ColumnKind, FieldText, Judgement, KeyDate, OutcomeReview, Participant, Rubric, RubricRef,
};

use super::wml::{
    is_placeholder, placeholder, CHOICE_PLACEHOLDER, DATE_PLACEHOLDER, TEXT_PLACEHOLDER,
};

/// Largest DOCX accepted, compressed.
const MAX_DOCX_BYTES: u64 = 64 * 1024 * 1024;
/// Largest XML part read, uncompressed: a toolkit's document.xml is well under 2 MB.
const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;
/// Most zip entries accepted.
const MAX_ENTRIES: usize = 2_000;
/// Most content controls read.
const MAX_CONTROLS: usize = 100_000;

/// Why a DOCX could not be read as a toolkit.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a zip archive at all.
    #[error("this is not a Word document (DOCX files are zip archives, and this is not one): {0}")]
    NotZip(String),
    /// Another kind of file (an old .doc, a PDF, an .odt), saying what to do.
    #[error("this is not a Word document (.docx): {0}")]
    OtherFormat(String),
    /// A zip, but not a Word document.
    #[error("this zip archive is not a Word document: it has no word/document.xml")]
    NotWord,
    /// Two entries with one name: different programs would read different documents.
    #[error("the archive holds {0} twice, so different programs would show different forms; it is damaged or has been tampered with: open it in Word and save it again, or ask for it again")]
    DuplicateEntry(String),
    /// Too big, or decompresses to too much: a zip bomb or not a toolkit.
    #[error("{0}")]
    TooLarge(String),
    /// The document's XML is broken or uses features a toolkit never has.
    #[error("the document's XML cannot be read at byte {position}: {message}")]
    Xml {
        /// Byte offset in word/document.xml.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// A Word document, but not a toolkit.
    #[error("this Word document is not a SEND benchmark toolkit: it has no toolkit form fields (make one with `sendbench toolkit`)")]
    NotAToolkit,
    /// A toolkit for another rubric.
    #[error("this toolkit was made for the rubric {found}, not {expected}; use --rubric with that rubric's file")]
    OtherRubric {
        /// The rubric the document names.
        found: String,
        /// The rubric in use.
        expected: String,
    },
}

/// An assessment read from a toolkit, with notes on how it was read.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The assessment.
    pub assessment: Assessment,
    /// Things the user should know (fields that could not be placed, a fallback used).
    pub warnings: Vec<String>,
}

/// What one content control holds.
#[derive(Debug, Clone, Default, PartialEq)]
struct Control {
    tag: String,
    /// The control's title (`w:alias`), from which the toolkit made its placeholder.
    alias: String,
    kind: Kind,
    placeholder: bool,
    checked: Option<bool>,
    full_date: Option<String>,
    items: Vec<(String, String)>,
    text: String,
    /// Where it sits: (table, row, cell) among the body's top-level tables.
    place: Option<(usize, usize, usize)>,
}

/// The form's tables as read, for finding fields by position when tags were lost: each
/// table's preceding heading, and the plain text (outside controls) of each of its cells;
/// and the plain text of the paragraphs between tables, for finding text typed there.
#[derive(Debug, Default)]
struct Layout {
    tables: Vec<TableText>,
    paragraphs: Vec<ParagraphText>,
}

#[derive(Debug, Default)]
struct TableText {
    heading: String,
    /// The table's caption (`w:tblCaption`), empty if it has none.
    caption: String,
    /// Each cell's text outside controls, its paragraphs on lines of their own (the text of
    /// a table inside a cell goes to that cell).
    rows: Vec<Vec<String>>,
}

/// A paragraph of the body outside tables: its text outside controls, how many tables come
/// before it, and what is just above it (`the heading "Key dates"`, `the table "…"`).
#[derive(Debug, Default)]
struct ParagraphText {
    text: String,
    after_tables: usize,
    below: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Text,
    Checkbox,
    DropDown,
    Date,
}

/// Reads a filled (or blank) toolkit made from `rubric`.
pub fn import(docx: &[u8], rubric: &Rubric) -> Result<Imported, ImportError> {
    if docx.len() as u64 > MAX_DOCX_BYTES {
        return Err(ImportError::TooLarge(format!(
            "the file is {} MB; a toolkit is well under 5 MB",
            docx.len() / 1_000_000
        )));
    }
    if let Some(what) = other_format(docx) {
        return Err(ImportError::OtherFormat(what.to_owned()));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| ImportError::NotZip(e.to_string()))?;
    // The zip library keeps one entry per name; the archive may hold more (Word would read
    // one, `unzip` another). Count the central directory's own entries.
    if central_directory_entries(docx).is_some_and(|n| n > zip.len() as u64) {
        let mut seen = std::collections::HashSet::new();
        let name = raw_entry_names(docx)
            .into_iter()
            .find(|n| !seen.insert(n.clone()))
            .unwrap_or_else(|| "an entry".to_owned());
        return Err(ImportError::DuplicateEntry(name));
    }
    if zip.len() > MAX_ENTRIES {
        return Err(ImportError::TooLarge(format!(
            "the archive has {} entries; a Word document has a few dozen",
            zip.len()
        )));
    }
    let Some(document) = read_part(&mut zip, "word/document.xml")? else {
        // An OpenDocument file is a zip too, naming itself in a `mimetype` entry.
        let odf = read_part(&mut zip, "mimetype")?
            .is_some_and(|m| m.starts_with("application/vnd.oasis.opendocument"));
        return Err(if odf {
            ImportError::OtherFormat("it is an OpenDocument (.odt) file: in LibreOffice use File > Save As, choose Word 2007-365 (.docx) and Keep Current Format, then import that file".into())
        } else {
            ImportError::NotWord
        });
    };
    if let Some(core) = read_part(&mut zip, "docProps/core.xml")? {
        check_rubric(&core, rubric)?;
    }
    let (mut controls, layout) = controls(&document)?;
    let mut warnings = Vec::new();
    let mut untagged = false;
    if !controls.iter().any(|c| is_toolkit_tag(&c.tag)) && !controls.is_empty() {
        let found = infer_tags(&mut controls, &layout, rubric);
        untagged = found > 0;
        if found > 0 {
            warnings.push(format!(
                "the form fields had lost their tags (LibreOffice 7.4 and some other editors drop them on saving), \
                 so {found} of {} fields were placed by where they sit in the form; check the result",
                controls.len()
            ));
        }
    }
    let mut assessment = assemble(&controls, rubric, &mut warnings)?;
    // The form as the toolkit would make it from what was read: whatever the filled form
    // holds outside its fields beyond this was typed by someone.
    let fresh = super::toolkit_with(
        rubric,
        Some(&assessment),
        super::ToolkitOptions {
            carried_forward: carried_forward_from(&layout),
        },
    );
    if let Some((fresh_controls, fresh_layout)) =
        read_fresh_document(&fresh).and_then(|d| self::controls(&d).ok())
    {
        stray_text(
            &controls,
            &layout,
            (&fresh_controls, &fresh_layout),
            rubric,
            &mut assessment,
            &mut warnings,
        );
        warnings.extend(text_outside_fields(
            &controls,
            &layout,
            (&fresh_controls, &fresh_layout),
            rubric,
        ));
    }
    clean_text(&mut assessment, &mut warnings);
    if untagged {
        // LibreOffice 7.4, which drops the tags, also moves the line breaks out of a
        // multi-line answer, so its lines run together: say which answers to check.
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
        if !fields.is_empty() {
            const SHOWN: usize = 12;
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
    }
    Ok(Imported {
        assessment,
        warnings,
    })
}

/// Text typed in a form cell beside a free-text field rather than in it (after the Notes
/// box's field, below the evidence field) is found by comparing each such cell with the
/// same cell of a form freshly made from what was read: words the form itself does not
/// have there were typed by someone. They are added to that cell's field, with a warning
/// saying where they were found, rather than lost.
fn stray_text(
    read: &[Control],
    layout: &Layout,
    (fresh_controls, fresh_layout): (&[Control], &Layout),
    rubric: &Rubric,
    assessment: &mut Assessment,
    warnings: &mut Vec<String>,
) {
    let cell_text = |layout: &Layout, place: Option<(usize, usize, usize)>| -> Option<String> {
        let (t, r, c) = place?;
        layout.tables.get(t)?.rows.get(r)?.get(c).cloned()
    };
    for c in read.iter().filter(|c| is_free_text(&c.tag, rubric)) {
        let Some(theirs) = cell_text(layout, c.place) else {
            continue;
        };
        let ours = fresh_controls
            .iter()
            .find(|f| f.tag == c.tag)
            .and_then(|f| cell_text(fresh_layout, f.place))
            .unwrap_or_default();
        let extra = words_not_in(&theirs, &ours);
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

fn read_fresh_document(docx: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).ok()?;
    read_part(&mut zip, "word/document.xml").ok().flatten()
}

/// Whether a tag names a free-text field whose cell [`stray_text`] reads whole (text typed
/// beside the field in its cell is added to it).
fn is_free_text(tag: &str, rubric: &Rubric) -> bool {
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
fn carried_forward_from(layout: &Layout) -> Option<Option<AcademicYear>> {
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

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Most pieces of text typed outside the fields that are each named in a warning.
const OUTSIDE_SHOWN: usize = 10;
/// How much of a piece of text a warning quotes, in characters.
const QUOTE_CHARS: usize = 80;

/// Text typed in the form where no field is (in a descriptor or label cell, in a heading,
/// in a paragraph between tables or at the end) is not part of the assessment: one warning
/// for each piece, quoting it and saying where it is. What the toolkit itself writes there
/// is known from a form freshly made from what was read (the toolkit is deterministic), so
/// each cell and paragraph is compared, word by word, with its fresh counterpart: words the
/// toolkit does not write were typed. Cells holding a free-text field are left to
/// [`stray_text`], which adds what was typed beside the field to it.
fn text_outside_fields(
    read: &[Control],
    layout: &Layout,
    (fresh_controls, fresh): (&[Control], &Layout),
    rubric: &Rubric,
) -> Vec<String> {
    // The first few pieces, each in a warning of its own, and how many more there are.
    let mut found: Vec<String> = Vec::new();
    let mut more = 0usize;
    let note = |found: &mut Vec<String>, more: &mut usize, warning: String| {
        if found.len() < OUTSIDE_SHOWN {
            found.push(warning);
        } else {
            *more += 1;
        }
    };
    // Words compared side by side, in all: a hostile document cannot make this slow.
    let mut budget = COMPARISON_BUDGET;
    let typed = |place: String, extra: &[Vec<&str>]| {
        format!("text typed {place} was not imported: \"{}\"", quote(extra))
    };

    // Tables are matched in order: one for one when the form has as many as a fresh one,
    // otherwise by caption (or, without one, by heading and header row).
    let same_table = |a: &TableText, b: &TableText| {
        if !a.caption.is_empty() && !b.caption.is_empty() {
            a.caption == b.caption
        } else {
            a.heading == b.heading
                && a.rows.first().map(|r| squash(&r.join(" ")))
                    == b.rows.first().map(|r| squash(&r.join(" ")))
        }
    };
    let matched: Vec<Option<usize>> = if layout.tables.len() == fresh.tables.len() {
        (0..layout.tables.len()).map(Some).collect()
    } else {
        let mut next = 0;
        layout
            .tables
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
    };

    let free_cells: HashSet<(usize, usize, usize)> = read
        .iter()
        .filter(|c| is_free_text(&c.tag, rubric))
        .filter_map(|c| c.place)
        .collect();
    let mut fresh_tags: HashMap<(usize, usize), Vec<(usize, &str)>> = HashMap::new();
    for c in fresh_controls {
        if let Some((t, r, cell)) = c.place {
            fresh_tags
                .entry((t, r))
                .or_default()
                .push((cell, c.tag.as_str()));
        }
    }

    for (t, table) in layout.tables.iter().enumerate() {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let theirs: Vec<&str> = text.split_whitespace().collect();
                if theirs.is_empty() || free_cells.contains(&(t, r, c)) {
                    continue;
                }
                let Some(ft) = matched[t] else {
                    note(
                        &mut found,
                        &mut more,
                        typed("in a table added to the form".into(), &[theirs]),
                    );
                    continue;
                };
                let fresh_table = &fresh.tables[ft];
                let cell_of = |r: usize| fresh_table.rows.get(r).and_then(|row| row.get(c));
                // The same cell of the fresh form first; then the same column of its other
                // rows (a row copied in Word moves those below it down).
                if cell_of(r).is_some_and(|ours| squash(ours) == squash(text)) {
                    continue;
                }
                let mut best: Option<(usize, Vec<Vec<&str>>)> = None;
                let rows =
                    std::iter::once(r).chain((0..fresh_table.rows.len()).filter(|&x| x != r));
                for fr in rows {
                    if budget == 0 && best.is_some() {
                        break;
                    }
                    let Some(ours) = cell_of(fr) else { continue };
                    let ours: Vec<&str> = ours.split_whitespace().collect();
                    let extra = extra_words(&theirs, &ours, &mut budget);
                    let count: usize = extra.iter().map(Vec::len).sum();
                    if best
                        .as_ref()
                        .is_none_or(|(_, b)| count < b.iter().map(Vec::len).sum())
                    {
                        best = Some((fr, extra));
                    }
                    if count == 0 {
                        break;
                    }
                }
                let (fr, extra) = best.unwrap_or((r, vec![theirs]));
                if extra.is_empty() {
                    continue;
                }
                let tags = fresh_tags
                    .get(&(ft, fr))
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let place = describe_cell(fresh_table, fr, c, tags, rubric);
                note(&mut found, &mut more, typed(format!("in {place}"), &extra));
            }
        }
    }

    // Paragraphs between tables: the toolkit's own anywhere in the form are its own; any
    // other is compared with the fresh paragraphs between the same tables.
    let ours_anywhere: HashSet<String> = fresh.paragraphs.iter().map(|p| squash(&p.text)).collect();
    for p in &layout.paragraphs {
        let theirs: Vec<&str> = p.text.split_whitespace().collect();
        if theirs.is_empty() || ours_anywhere.contains(&squash(&p.text)) {
            continue;
        }
        let gap = match p.after_tables {
            0 => Some(0),
            n => matched.get(n - 1).copied().flatten().map(|t| t + 1),
        };
        let candidates = if budget == 0 { 1 } else { usize::MAX };
        let extra = fresh
            .paragraphs
            .iter()
            .filter(|f| gap.is_none_or(|g| f.after_tables == g))
            .take(candidates)
            .map(|f| {
                let ours: Vec<&str> = f.text.split_whitespace().collect();
                extra_words(&theirs, &ours, &mut budget)
            })
            .min_by_key(|e| e.iter().map(Vec::len).sum::<usize>())
            .unwrap_or_else(|| vec![theirs.clone()]);
        if extra.is_empty() {
            continue;
        }
        let place = if p.after_tables == layout.tables.len() {
            "at the end of the form".to_owned()
        } else if p.below.is_empty() {
            "at the start of the form".to_owned()
        } else {
            format!("below {}", p.below)
        };
        note(
            &mut found,
            &mut more,
            format!(
                "text typed outside the form's fields was not imported: \"{}\" ({place})",
                quote(&extra)
            ),
        );
    }

    if more > 0 {
        found.push(format!(
            "and {more} more piece(s) of text typed outside the form's fields were not imported either"
        ));
    }
    found
}

/// Where a cell of the form is, for a person: the field in it, or the strand, duty or field
/// whose row it labels or describes.
fn describe_cell(
    table: &TableText,
    row: usize,
    cell: usize,
    tags: &[(usize, &str)],
    rubric: &Rubric,
) -> String {
    if let Some((_, tag)) = tags.iter().find(|(c, _)| *c == cell) {
        return format!("the cell of the field `{tag}`, outside the field,");
    }
    let named = if table.caption.is_empty() {
        &table.heading
    } else {
        &table.caption
    };
    let Some((_, tag)) = tags.first() else {
        return if row == 0 {
            format!("the header row of the table \"{}\"", squash(named))
        } else {
            format!("a cell of the table \"{}\"", squash(named))
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

/// Most pairs of words [`extra_words`] compares side by side in one call; beyond, it
/// compares more cheaply.
const MOST_COMPARED: usize = 4_000_000;
/// Most pairs of words compared side by side in one import (a form with text typed in
/// every cell needs well under a million); beyond, each piece is compared once, cheaply.
const COMPARISON_BUDGET: usize = 50_000_000;

/// The words of `theirs` that are not in `ours`, kept in order (a longest common
/// subsequence of words), as runs of consecutive words: what was typed in a cell or
/// paragraph beyond what the form put there. Words the form has and `theirs` lacks
/// (deleted) are not typed, so they do not count.
fn extra_words<'a>(theirs: &[&'a str], ours: &[&str], budget: &mut usize) -> Vec<Vec<&'a str>> {
    let (n, m) = (theirs.len(), ours.len());
    let mut matched = vec![false; n];
    // A word of `theirs` that is one of the form's with something typed onto it: that part.
    let mut partial: Vec<Option<&'a str>> = vec![None; n];
    let pairs = n.saturating_mul(m);
    if pairs <= MOST_COMPARED && pairs <= *budget {
        *budget -= pairs;
        // lcs[i][j]: the longest common run of theirs[i..] and ours[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * width + j] = if theirs[i] == ours[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            let both = lcs[(i + 1) * width + j + 1];
            if theirs[i] == ours[j] {
                matched[i] = true;
                i += 1;
                j += 1;
            } else if both == lcs[i * width + j] && !ours[j].is_empty() {
                // Typed straight after (or before) one of the form's words, without a
                // space: only what was added is typed.
                if let Some(rest) = theirs[i].strip_prefix(ours[j]) {
                    partial[i] = Some(rest);
                } else if let Some(rest) = theirs[i].strip_suffix(ours[j]) {
                    partial[i] = Some(rest);
                }
                if partial[i].is_some() {
                    i += 1;
                    j += 1;
                    continue;
                }
                if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                    i += 1;
                } else {
                    j += 1;
                }
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    } else {
        // Too long to compare word by word: a word the form has as often counts as its own.
        *budget = budget.saturating_sub(n + m);
        let mut left: HashMap<&str, usize> = HashMap::new();
        for w in ours {
            *left.entry(w).or_default() += 1;
        }
        for (i, w) in theirs.iter().enumerate() {
            if let Some(k) = left.get_mut(w).filter(|k| **k > 0) {
                *k -= 1;
                matched[i] = true;
            }
        }
    }
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut in_run = false;
    for ((word, matched), partial) in theirs.iter().zip(matched).zip(partial) {
        let word = partial.unwrap_or(word);
        if matched {
            in_run = false;
        } else {
            if !in_run {
                runs.push(Vec::new());
                in_run = true;
            }
            if let Some(run) = runs.last_mut() {
                run.push(word);
            }
        }
    }
    runs
}

/// Runs of typed words as a warning quotes them: separated by " … ", cut to
/// [`QUOTE_CHARS`] characters.
fn quote(runs: &[Vec<&str>]) -> String {
    shorten(
        &runs
            .iter()
            .map(|r| r.join(" "))
            .collect::<Vec<_>>()
            .join(" … "),
    )
}

/// Text cut to [`QUOTE_CHARS`] characters, ending in "…" if it was cut.
fn shorten(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(QUOTE_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The words of `theirs` left when the words of `ours` are taken out in order: what was
/// typed in a cell beyond what the form put there.
fn words_not_in(theirs: &str, ours: &str) -> String {
    let ours: Vec<&str> = ours.split_whitespace().collect();
    let mut next = 0;
    let mut extra = Vec::new();
    for word in theirs.split_whitespace() {
        if ours.get(next) == Some(&word) {
            next += 1;
        } else {
            extra.push(word);
        }
    }
    extra.join(" ")
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

/// What a file that is not a zip is, from its first bytes, with what to do; `None` if it may
/// be a zip. People send what they have: an old .doc renamed, a PDF, an OpenDocument file.
fn other_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.is_empty() {
        return Some("the file is empty (0 bytes): it may not have finished saving or downloading; ask for it again");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some("it is an old Word 97-2003 document (.doc), whatever its name says: open it in Word and use File > Save As > Word Document (.docx), then import that file");
    }
    if bytes.starts_with(b"%PDF-") {
        return Some("it is a PDF, not a Word document: a PDF of the form cannot be read back; ask the school for the Word file (.docx) they filled in");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("it is a Rich Text (.rtf) file: open it in Word and use File > Save As > Word Document (.docx), then import that file");
    }
    None
}

/// The number of entries the archive's end-of-central-directory record declares (its
/// ZIP64 record where there is one); `None` if it cannot be found.
fn central_directory_entries(bytes: &[u8]) -> Option<u64> {
    let eocd = find_last(bytes, b"PK\x05\x06")?;
    let total = u16::from_le_bytes(bytes.get(eocd + 10..eocd + 12)?.try_into().ok()?);
    if total != 0xFFFF {
        return Some(u64::from(total));
    }
    // ZIP64: the locator just before points at the ZIP64 record.
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
        return None;
    }
    let at = u64::from_le_bytes(bytes.get(locator + 8..locator + 16)?.try_into().ok()?);
    let at = usize::try_from(at).ok()?;
    let total = bytes.get(at + 32..at + 40)?;
    Some(u64::from_le_bytes(total.try_into().ok()?))
}

/// The names in the central directory, in order, duplicates and all.
fn raw_entry_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(i) = bytes
        .get(at..)
        .and_then(|rest| rest.windows(4).position(|w| w == b"PK\x01\x02"))
    {
        let header = at + i;
        let len = bytes
            .get(header + 28..header + 30)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        if let Some(name) = bytes.get(header + 46..header + 46 + len) {
            names.push(String::from_utf8_lossy(name).into_owned());
        }
        at = header + 4;
    }
    names
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Every text field of an imported assessment, cleaned of characters no document can
/// carry ([`sendbench_core::text`]): what Word users paste is not their fault, so it is
/// mended with a warning naming the field, not refused.
fn clean_text(a: &mut Assessment, warnings: &mut Vec<String>) {
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

/// Reads one part, bounded: the size the archive declares is not trusted.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::NotZip(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::NotZip(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(ImportError::TooLarge(format!(
            "{name} decompresses to more than {} MB: this is not a toolkit (or it is a zip bomb)",
            MAX_PART_BYTES / 1_000_000
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| ImportError::Xml {
            position: e.utf8_error().valid_up_to() as u64,
            message: "not UTF-8".into(),
        })
}

/// The toolkit names its rubric in the document properties (`dc:subject`).
fn check_rubric(core: &str, rubric: &Rubric) -> Result<(), ImportError> {
    let Some(start) = core.find("<dc:subject>") else {
        return Ok(());
    };
    let rest = &core[start + "<dc:subject>".len()..];
    let Some(end) = rest.find("</dc:subject>") else {
        return Ok(());
    };
    let subject = unescape(&rest[..end]);
    let Some((id, version)) = subject.split_once(" version ") else {
        return Ok(());
    };
    if id != rubric.id || version != rubric.version {
        return Err(ImportError::OtherRubric {
            found: format!("{id} version {version}"),
            expected: format!("{} version {}", rubric.id, rubric.version),
        });
    }
    Ok(())
}

/// XML text or an attribute value with its entity and character references resolved (by
/// quick-xml, as for element text); left as written if a reference is malformed.
fn unescape(text: &str) -> String {
    quick_xml::escape::unescape(text).map_or_else(|_| text.to_owned(), |t| t.into_owned())
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| unescape(&a.value))
}

fn xml_error(reader: &Reader<&[u8]>, message: impl Into<String>) -> ImportError {
    ImportError::Xml {
        position: reader.buffer_position(),
        message: message.into(),
    }
}

/// Every content control in document order, with what it holds.
fn controls(document: &str) -> Result<(Vec<Control>, Layout), ImportError> {
    let mut reader = Reader::from_str(document);
    reader.config_mut().trim_text(false);
    let mut out: Vec<Control> = Vec::new();
    // The control being read, its nesting depth, and whether we are in its properties or
    // content.
    let mut current: Option<Control> = None;
    let mut sdt_depth = 0usize;
    let mut in_pr = false;
    let mut in_content = false;
    let mut in_t = false;
    let mut paragraphs_in_content = 0usize;
    let mut layout = Layout::default();
    let mut table_depth = 0usize;
    let mut in_plain_t = false;
    let (mut para_style, mut para_text, mut last_heading) =
        (String::new(), String::new(), String::new());
    // The last heading, title or table, for saying where a paragraph is.
    let mut landmark = String::new();
    // Inside `mc:Fallback`, which repeats for old readers what `mc:Choice` holds.
    let mut fallback_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(&reader, e.to_string()))?;
        match event {
            Event::DocType(_) => {
                return Err(xml_error(
                    &reader,
                    "it declares a document type, which Word documents never do",
                ));
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let opens = matches!(event, Event::Start(_));
                let name = e.name();
                let name = name.as_ref();
                match name {
                    "w:tbl" if opens => {
                        table_depth += 1;
                        if table_depth == 1 {
                            layout.tables.push(TableText {
                                heading: last_heading.clone(),
                                ..TableText::default()
                            });
                        }
                    }
                    "w:tr" if opens && table_depth == 1 => {
                        if let Some(t) = layout.tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "w:tc" if opens && table_depth == 1 => {
                        if let Some(row) = layout.tables.last_mut().and_then(|t| t.rows.last_mut())
                        {
                            row.push(String::new());
                        }
                    }
                    "w:p" if opens && current.is_none() => {
                        para_style.clear();
                        para_text.clear();
                    }
                    "w:pStyle" if current.is_none() => {
                        para_style = attr(e, "w:val").unwrap_or_default()
                    }
                    "w:tblCaption" if table_depth == 1 && current.is_none() => {
                        if let Some(t) = layout.tables.last_mut() {
                            t.caption = attr(e, "w:val").unwrap_or_default();
                        }
                    }
                    "mc:Fallback" if opens => fallback_depth += 1,
                    "w:t" if opens && current.is_none() => in_plain_t = fallback_depth == 0,
                    "w:tab" | "w:br" | "w:cr" if current.is_none() && fallback_depth == 0 => {
                        push_plain(" ", &mut para_text, &mut layout, table_depth)
                    }
                    "w:sdt" if opens => {
                        sdt_depth += 1;
                        if sdt_depth == 1 {
                            let place = (table_depth >= 1)
                                .then(|| {
                                    let t = layout.tables.len().checked_sub(1)?;
                                    let rows = &layout.tables[t].rows;
                                    let r = rows.len().checked_sub(1)?;
                                    Some((t, r, rows[r].len().checked_sub(1)?))
                                })
                                .flatten();
                            current = Some(Control {
                                place,
                                ..Control::default()
                            });
                            paragraphs_in_content = 0;
                        }
                    }
                    "w:sdtPr" if sdt_depth == 1 && opens => in_pr = true,
                    "w:sdtContent" if sdt_depth == 1 && opens => in_content = true,
                    _ => {}
                }
                let Some(c) = current.as_mut() else { continue };
                if in_pr && sdt_depth == 1 {
                    match name {
                        "w:tag" => c.tag = attr(e, "w:val").unwrap_or_default(),
                        "w:alias" => c.alias = attr(e, "w:val").unwrap_or_default(),
                        "w:showingPlcHdr" => {
                            c.placeholder =
                                attr(e, "w:val").is_none_or(|v| v != "0" && v != "false")
                        }
                        "w14:checkbox" => c.kind = Kind::Checkbox,
                        "w14:checked" => {
                            c.checked = attr(e, "w14:val").map(|v| v == "1" || v == "true")
                        }
                        "w:dropDownList" | "w:comboBox" => c.kind = Kind::DropDown,
                        "w:listItem" => {
                            let display = attr(e, "w:displayText").unwrap_or_default();
                            let value = attr(e, "w:value").unwrap_or_else(|| display.clone());
                            c.items.push((display, value));
                        }
                        "w:date" => {
                            c.kind = Kind::Date;
                            c.full_date = attr(e, "w:fullDate");
                        }
                        _ => {}
                    }
                } else if in_content {
                    match name {
                        "w:t" => in_t = opens,
                        "w:tab" => c.text.push('\t'),
                        "w:br" | "w:cr" => c.text.push('\n'),
                        "w:p" => {
                            // A block-level control holds paragraphs: separate them by line breaks.
                            if paragraphs_in_content > 0 {
                                c.text.push('\n');
                            }
                            paragraphs_in_content += 1;
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_plain_t => {
                let text = t.xml10_content();
                push_plain(&text, &mut para_text, &mut layout, table_depth);
            }
            Event::GeneralRef(r) if in_plain_t => {
                let name = r.xml10_content();
                // Outside the fields, an unknown reference is left out, not an error.
                if let Some(ch) = resolve_reference(&name) {
                    push_plain(
                        ch.encode_utf8(&mut [0; 4]),
                        &mut para_text,
                        &mut layout,
                        table_depth,
                    );
                }
            }
            Event::Text(t) if in_t => {
                if let Some(c) = current.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let Some(c) = current.as_mut() {
                    let name = r.xml10_content();
                    match resolve_reference(&name) {
                        Some(ch) => c.text.push(ch),
                        None => return Err(xml_error(&reader, format!("unknown entity &{name};"))),
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => {
                    in_t = false;
                    in_plain_t = false;
                }
                "w:tbl" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        landmark = match layout.tables.last().map(|t| squash(&t.caption)) {
                            Some(caption) if !caption.is_empty() => {
                                format!("the table \"{}\"", shorten(&caption))
                            }
                            _ => "a table".to_owned(),
                        };
                    }
                }
                "mc:Fallback" => fallback_depth = fallback_depth.saturating_sub(1),
                "w:p" if current.is_none() => {
                    if table_depth >= 1 {
                        // A cell's paragraphs on lines of their own.
                        if let Some(cell) = last_cell(&mut layout) {
                            cell.push('\n');
                        }
                    } else if !para_text.trim().is_empty() {
                        layout.paragraphs.push(ParagraphText {
                            text: para_text.clone(),
                            after_tables: layout.tables.len(),
                            below: landmark.clone(),
                        });
                    }
                    if para_style.starts_with("Heading") {
                        last_heading = para_text.trim().to_owned();
                    }
                    if para_style.starts_with("Heading") || para_style == "Title" {
                        landmark = format!("the heading \"{}\"", shorten(&squash(&para_text)));
                    }
                }
                "w:sdtPr" if sdt_depth == 1 => in_pr = false,
                "w:sdtContent" if sdt_depth == 1 => in_content = false,
                "w:sdt" => {
                    sdt_depth = sdt_depth.saturating_sub(1);
                    if sdt_depth == 0 {
                        if let Some(c) = current.take() {
                            if out.len() >= MAX_CONTROLS {
                                return Err(ImportError::TooLarge(
                                    "the document has too many form fields to be a toolkit".into(),
                                ));
                            }
                            out.push(c);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, layout))
}

/// Text outside controls: added to its paragraph and, in a table, to its cell.
fn push_plain(text: &str, para_text: &mut String, layout: &mut Layout, table_depth: usize) {
    para_text.push_str(text);
    if table_depth >= 1 {
        if let Some(cell) = last_cell(layout) {
            cell.push_str(text);
        }
    }
}

/// The cell being read: the last of the last row of the last table.
fn last_cell(layout: &mut Layout) -> Option<&mut String> {
    layout
        .tables
        .last_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|r| r.last_mut())
}

/// The five predefined XML entities and numeric character references.
fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            char::from_u32(code)
        }
    }
}

impl Control {
    /// The control's text, or empty if it still shows its placeholder.
    fn value(&self) -> String {
        if self.placeholder {
            return self.typed_over_placeholder();
        }
        // LibreOffice 7.4 drops the showing-placeholder flag (and renames the style) but keeps
        // the placeholder's words, which nobody types as an answer.
        if is_placeholder(&self.text) {
            return String::new();
        }
        self.text.clone()
    }

    /// The text of a control flagged as showing its placeholder (`w:showingPlcHdr`): empty
    /// if it is the placeholder the toolkit wrote for it (made again from its title) or
    /// Word's own, otherwise typed. Word keeps the flag when text is typed over the
    /// placeholder in Design Mode, and other editors and scripts fill a control without
    /// clearing it; so the flag alone says nothing. The placeholder's words, if they are
    /// still there beside what was typed, are not part of the answer.
    fn typed_over_placeholder(&self) -> String {
        let start = match self.kind {
            Kind::DropDown => CHOICE_PLACEHOLDER,
            Kind::Date => DATE_PLACEHOLDER,
            Kind::Text | Kind::Checkbox => TEXT_PLACEHOLDER,
        };
        let ours = placeholder(start, &self.alias);
        let text = if !self.alias.is_empty() && self.text.contains(&ours) {
            self.text.replacen(&ours, "", 1).trim().to_owned()
        } else {
            self.text.clone()
        };
        if text.trim().is_empty() || is_placeholder(&text) {
            String::new()
        } else {
            text
        }
    }

    fn is_checked(&self) -> bool {
        self.checked
            .unwrap_or_else(|| self.text.contains('\u{2612}') || self.text.contains('\u{2611}'))
    }

    /// The stored value of a drop-down: the list item whose display text is shown.
    fn choice(&self) -> Option<String> {
        let shown = self.value();
        let shown = shown.trim();
        if shown.is_empty() {
            return None;
        }
        let found = self
            .items
            .iter()
            .find(|(display, _)| display == shown)
            .map(|(_, value)| value.clone());
        Some(found.unwrap_or_else(|| shown.to_owned()))
    }

    fn date(&self) -> Result<Option<Date>, String> {
        let shown = self.value();
        if shown.trim().is_empty() {
            return Ok(None);
        }
        if let Some(full) = &self.full_date {
            if let Some(date) = full.get(..10).and_then(|d| d.parse::<Date>().ok()) {
                return Ok(Some(date));
            }
        }
        parse_shown_date(shown.trim()).map(Some).ok_or(shown)
    }
}

/// Dates as a British reader types them: 12/06/2026, 12-6-2026, 2026-06-12.
fn parse_shown_date(text: &str) -> Option<Date> {
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    if let [d, m, y] = parts.as_slice() {
        let year: i16 = y.parse().ok()?;
        let year = if year < 100 { 2000 + year } else { year };
        return Date::new(year, m.parse().ok()?, d.parse().ok()?).ok();
    }
    None
}

/// Builds the assessment from tagged controls.
fn assemble(
    controls: &[Control],
    rubric: &Rubric,
    warnings: &mut Vec<String>,
) -> Result<Assessment, ImportError> {
    let tagged: Vec<&Control> = controls.iter().filter(|c| !c.tag.is_empty()).collect();
    let ours = tagged.iter().filter(|c| is_toolkit_tag(&c.tag)).count();
    if ours == 0 {
        return Err(ImportError::NotAToolkit);
    }
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        ..Assessment::default()
    };
    // Rows are keyed by (row number in the form, copy): a row copied in Word (to get a
    // seventh action, a fifth governor) repeats its tags, and the repeat becomes the next
    // copy of that row, kept just after it, rather than overwriting it.
    let mut copies = Copies::default();
    let mut key_dates: BTreeMap<(usize, usize), KeyDate> = BTreeMap::new();
    let mut people: BTreeMap<(usize, usize, usize), Participant> = BTreeMap::new();
    let mut involved: Vec<String> = Vec::new();
    let mut rows: BTreeMap<(usize, usize), ActionRow> = BTreeMap::new();
    let mut unknown = Vec::new();

    let date_of = |c: &Control, warnings: &mut Vec<String>| match c.date() {
        Ok(d) => d,
        Err(text) => {
            warnings.push(format!(
                "`{}` holds {text:?}, which is not a date; it was left empty",
                c.tag
            ));
            None
        }
    };

    for c in &tagged {
        let parts: Vec<&str> = c.tag.split('.').collect();
        match parts.as_slice() {
            ["school", "name"] => a.school.name = c.value().trim().to_owned(),
            ["school", "urn"] => a.school.urn = non_empty(c.value()),
            ["school", "area"] => a.school.area = non_empty(c.value()),
            ["review", "academic_year"] => {
                let text = c.value();
                a.review.academic_year = AcademicYear::parse(&text);
                if a.review.academic_year.is_none() && !text.trim().is_empty() {
                    warnings.push(format!("the academic year {text:?} is not one (write it as 2025/26); it was left empty"));
                }
            }
            ["review", "date"] => a.review.date = date_of(c, warnings),
            ["review", "key_dates", i, field] => {
                let Ok(i) = i.parse::<usize>() else { continue };
                let copy = copies.of("review.key_dates", 0, i, field);
                let entry = key_dates.entry((i, copy)).or_insert(KeyDate {
                    event: String::new(),
                    date: None,
                });
                match *field {
                    "event" => entry.event = c.value(),
                    "date" => entry.date = date_of(c, warnings),
                    _ => unknown.push(c.tag.clone()),
                }
            }
            ["participants", role, "involved"] => {
                if c.is_checked() {
                    involved.push((*role).to_owned());
                }
            }
            ["participants", role, i, field] => {
                let Some(role_index) = rubric.participants.roles.iter().position(|r| r.id == *role)
                else {
                    unknown.push(c.tag.clone());
                    continue;
                };
                let Ok(i) = i.parse::<usize>() else { continue };
                let copy = copies.of("participants", role_index, i, field);
                let p = people
                    .entry((role_index, i, copy))
                    .or_insert_with(|| Participant {
                        role: (*role).to_owned(),
                        ..Participant::default()
                    });
                match *field {
                    "title" => p.title = non_empty(c.value()),
                    "name" => p.name = non_empty(c.value()),
                    "date" => p.date = date_of(c, warnings),
                    _ => unknown.push(c.tag.clone()),
                }
            }
            ["checklist", item, field] => {
                let answer = checklist_mut(&mut a, item);
                match *field {
                    "status" => {
                        answer.status = c.choice().as_deref().and_then(ChecklistStatus::parse)
                    }
                    "evidence" => answer.evidence = c.value(),
                    _ => unknown.push(c.tag.clone()),
                }
            }
            ["outcomes", outcome, "strands", strand, field] => {
                let j = judgement_mut(&mut a, outcome, strand);
                match *field {
                    "judgement" => j.level = c.choice(),
                    "evidence" => j.evidence = c.value(),
                    "public" => j.public = c.is_checked(),
                    _ => unknown.push(c.tag.clone()),
                }
            }
            ["outcomes", outcome, field] => {
                let text = c.value();
                outcome_review(&mut a, outcome).fields.push(FieldText {
                    id: (*field).to_owned(),
                    text,
                });
            }
            ["action_plan", i, field] => {
                let Ok(i) = i.parse::<usize>() else { continue };
                let copy = copies.of("action_plan", 0, i, field);
                let row = rows.entry((i, copy)).or_default();
                match *field {
                    "outcome" => row.outcome = c.choice(),
                    "due" => row.due = date_of(c, warnings),
                    column => {
                        let kind = rubric
                            .action_plan
                            .columns
                            .iter()
                            .find(|col| col.id == column)
                            .map(|col| col.kind);
                        let value = match (kind, c.kind) {
                            (Some(ColumnKind::Date), Kind::Date) => {
                                date_of(c, warnings).map(CellValue::Date)
                            }
                            _ => non_empty(c.value()).map(CellValue::Text),
                        };
                        if let Some(value) = value {
                            row.cells.push(Cell {
                                column: column.to_owned(),
                                value,
                            });
                        }
                    }
                }
            }
            _ => unknown.push(c.tag.clone()),
        }
    }

    a.review.key_dates = key_dates
        .into_values()
        .filter(|k| !k.event.trim().is_empty() || k.date.is_some())
        .collect();
    let filled: Vec<Participant> = people
        .into_values()
        .filter(|p| p.name.is_some() || p.title.is_some() || p.date.is_some())
        .collect();
    for role in &rubric.participants.roles {
        let mut theirs: Vec<Participant> = filled
            .iter()
            .filter(|p| p.role == role.id)
            .cloned()
            .collect();
        if theirs.is_empty() && involved.contains(&role.id) {
            // Ticked, with nobody named: the group took part.
            theirs.push(Participant {
                role: role.id.clone(),
                ..Participant::default()
            });
        }
        a.participants.extend(theirs);
    }
    a.action_plan = rows
        .into_values()
        .filter(|r| r.outcome.is_some() || r.due.is_some() || !r.cells.is_empty())
        .collect();
    // Strands left blank in the form are not yet judged: drop entries with nothing in them,
    // as a hand-written file would not list them either.
    for review in &mut a.outcomes {
        review
            .strands
            .retain(|j| j.level.is_some() || !j.evidence.is_empty() || j.public);
        review.fields.retain(|f| !f.text.is_empty());
    }
    a.outcomes
        .retain(|o| !o.strands.is_empty() || !o.fields.is_empty());
    a.checklist
        .retain(|x| x.status.is_some() || !x.evidence.is_empty());
    warnings.extend(copies.warnings(rubric));
    if !unknown.is_empty() {
        warnings.push(format!(
            "{} form field(s) this rubric does not have were ignored: {}",
            unknown.len(),
            unknown.join(", ")
        ));
    }
    Ok(a)
}

/// Which copy of a form row a field belongs to: the first time a row's field is seen it is
/// the row itself (copy 0); seen again, the row was copied in Word, and the field starts (or
/// belongs to) the next copy.
#[derive(Default)]
struct Copies {
    /// Per (table, group, row): the fields seen in the current copy, and that copy's number.
    current: HashMap<(&'static str, usize, usize), (HashSet<String>, usize)>,
}

impl Copies {
    fn of(&mut self, table: &'static str, group: usize, row: usize, field: &str) -> usize {
        let (seen, copy) = self.current.entry((table, group, row)).or_default();
        if !seen.insert(field.to_owned()) {
            *copy += 1;
            seen.clear();
            seen.insert(field.to_owned());
        }
        *copy
    }

    /// A warning for each row copied, saying it was read as an extra row.
    fn warnings(&self, rubric: &Rubric) -> Vec<String> {
        let mut out: Vec<String> = self
            .current
            .iter()
            .filter(|(_, (_, copies))| *copies > 0)
            .map(|((table, group, row), (_, copies))| {
                let what = match *table {
                    "action_plan" => format!("action plan row {}", row + 1),
                    "review.key_dates" => format!("key date row {}", row + 1),
                    _ => format!(
                        "the {} row {}",
                        rubric.participants.roles.get(*group).map_or("participant", |r| r.name.as_str()),
                        row + 1
                    ),
                };
                format!(
                    "{what} was copied in the form {copies} time(s); each copy was read as a row of its own, after it"
                )
            })
            .collect();
        out.sort();
        out
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// The judgement of a strand, added (empty) if there is none yet.
fn judgement_mut<'a>(a: &'a mut Assessment, outcome: &str, strand: &str) -> &'a mut Judgement {
    let review = outcome_review(a, outcome);
    let i = match review.strands.iter().position(|j| j.strand == strand) {
        Some(i) => i,
        None => {
            review.strands.push(Judgement {
                strand: strand.to_owned(),
                ..Judgement::default()
            });
            review.strands.len() - 1
        }
    };
    &mut review.strands[i]
}

/// The answer to a checklist item, added (empty) if there is none yet.
fn checklist_mut<'a>(a: &'a mut Assessment, item: &str) -> &'a mut ChecklistAnswer {
    let i = match a.checklist.iter().position(|x| x.item == item) {
        Some(i) => i,
        None => {
            a.checklist.push(ChecklistAnswer {
                item: item.to_owned(),
                ..ChecklistAnswer::default()
            });
            a.checklist.len() - 1
        }
    };
    &mut a.checklist[i]
}

fn outcome_review<'a>(a: &'a mut Assessment, outcome: &str) -> &'a mut OutcomeReview {
    match a.outcomes.iter().position(|o| o.outcome == outcome) {
        Some(i) => &mut a.outcomes[i],
        None => {
            a.outcomes.push(OutcomeReview {
                outcome: outcome.to_owned(),
                ..OutcomeReview::default()
            });
            let last = a.outcomes.len() - 1;
            &mut a.outcomes[last]
        }
    }
}

fn is_toolkit_tag(tag: &str) -> bool {
    [
        "school.",
        "review.",
        "participants.",
        "checklist.",
        "outcomes.",
        "action_plan.",
    ]
    .iter()
    .any(|p| tag.starts_with(p))
}

/// Gives untagged controls the tags they were made with, from where they sit: which table
/// (recognised by its headings or by the labels the toolkit writes in its cells), which row
/// and which cell. Returns how many were placed.
fn infer_tags(controls: &mut [Control], layout: &Layout, rubric: &Rubric) -> usize {
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    // Counts controls already seen in each cell, for cells holding several (judgement,
    // evidence, shared-with-families).
    let mut seen_in_cell: BTreeMap<(usize, usize, usize), usize> = BTreeMap::new();
    let mut placed = 0;
    for c in controls.iter_mut() {
        let Some((t, r, cell)) = c.place else {
            continue;
        };
        let nth = {
            let n = seen_in_cell.entry((t, r, cell)).or_insert(0);
            *n += 1;
            *n - 1
        };
        let Some(table) = layout.tables.get(t) else {
            continue;
        };
        let row = &table.rows[r];
        let header = table
            .rows
            .first()
            .map(|h| h.iter().map(|x| squash(x)).collect::<Vec<_>>())
            .unwrap_or_default();
        let first = row.first().map(|x| squash(x)).unwrap_or_default();
        let tag = if let Some((o, s)) = rubric.strand_by_code(&first).map(|s| (s.outcome, s.strand))
        {
            let field = ["judgement", "evidence", "public"].get(nth).copied();
            field.map(|f| format!("outcomes.{}.strands.{}.{f}", o.id, s.id))
        } else if let Some(item) = rubric
            .checklist
            .items
            .iter()
            .find(|i| squash(&i.text) == first)
        {
            match cell {
                1 => Some(format!("checklist.{}.status", item.id)),
                2 => Some(format!("checklist.{}.evidence", item.id)),
                _ => None,
            }
        } else if let Some(role) = row.get(1).and_then(|n| {
            rubric
                .participants
                .roles
                .iter()
                .find(|x| x.name == squash(n))
        }) {
            // The n-th row of a role is the n-th person in it.
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
        } else if header.first().map(String::as_str) == Some("Outcome")
            && header.len() == rubric.action_plan.columns.len() + 2
        {
            let i = r.saturating_sub(1);
            match cell {
                0 => Some(format!("action_plan.{i}.outcome")),
                c if c == header.len() - 1 => Some(format!("action_plan.{i}.due")),
                c => rubric
                    .action_plan
                    .columns
                    .get(c - 1)
                    .map(|col| format!("action_plan.{i}.{}", col.id)),
            }
        } else if header == ["What", "Date"] {
            let i = r.saturating_sub(1);
            Some(format!(
                "review.key_dates.{i}.{}",
                if cell == 0 { "event" } else { "date" }
            ))
        } else if t == 0 {
            // The school's details, by the labels the rubric gives them.
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
        } else {
            // A Notes or Actions box: its heading says which field of which outcome.
            rubric.outcomes.iter().find_map(|o| {
                rubric
                    .outcome_fields
                    .iter()
                    .find(|f| table.heading == format!("{} (Outcome {})", f.heading, o.id))
                    .map(|f| format!("outcomes.{}.{}", o.id, f.id))
            })
        };
        if let Some(tag) = tag {
            c.tag = tag;
            placed += 1;
        }
    }
    placed
}
