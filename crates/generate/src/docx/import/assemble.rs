//! Assembly: the controls, by tag, into an assessment.
//!
//! A field can be in the form more than once: Word copies a control with its tag when a
//! paragraph, row or box is copied (and gives the copy a new id, which import does not
//! read). Rows of the repeating tables (key dates, people, actions) are read as extra rows,
//! just after the one they were copied from. Any other field present twice comes back
//! whole: the texts of a text field joined in order, with a warning; one answer given alike
//! in every copy is that answer; two different answers for one single-answer field (a
//! strand's level, a duty's status, a date) are an error naming both, never one of them
//! chosen in silence.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use sendbench_core::{
    AcademicYear, ActionRow, Assessment, Cell, CellValue, ChecklistAnswer, ChecklistStatus,
    ColumnKind, FieldText, Judgement, KeyDate, OutcomeReview, Participant, Rubric, RubricRef,
};

use super::control::{Control, DateValue, Kind};
use super::ImportError;

/// Whether a tag is one of the toolkit's.
pub(super) fn is_toolkit_tag(tag: &str) -> bool {
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

/// Builds the assessment from tagged controls.
pub(super) fn assemble(
    controls: &[Control],
    rubric: &Rubric,
    warnings: &mut Vec<String>,
) -> Result<Assessment, ImportError> {
    let tagged: Vec<&Control> = controls.iter().filter(|c| !c.tag.is_empty()).collect();
    if !tagged.iter().any(|c| is_toolkit_tag(&c.tag)) {
        return Err(ImportError::NotAToolkit);
    }
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        ..Assessment::default()
    };
    let mut rows = Rows::default();
    let mut fields = Fields::default();
    for c in tagged {
        if !rows.add(c, rubric, warnings) {
            fields.add(c);
        }
    }
    let mut conflicts = Vec::new();
    for (tag, copies) in &fields.groups {
        let mut field = Field {
            a: &mut a,
            rubric,
            warnings: &mut *warnings,
            conflicts: &mut conflicts,
        };
        if !field.apply(tag, copies, &mut rows.involved) {
            rows.unknown.push(tag.clone());
        }
    }
    if !conflicts.is_empty() {
        return Err(ImportError::Conflicting(named_first(conflicts, "field")));
    }
    rows.finish(&mut a, rubric, warnings);
    tidy(&mut a);
    Ok(a)
}

/// The controls of fields that are not rows, grouped by tag in the order first seen.
#[derive(Default)]
struct Fields<'a> {
    groups: Vec<(String, Vec<&'a Control>)>,
    index: HashMap<String, usize>,
}

impl<'a> Fields<'a> {
    fn add(&mut self, c: &'a Control) {
        match self.index.get(&c.tag) {
            Some(&i) => self.groups[i].1.push(c),
            None => {
                self.index.insert(c.tag.clone(), self.groups.len());
                self.groups.push((c.tag.clone(), vec![c]));
            }
        }
    }
}

/// One field's copies read into the assessment.
struct Field<'x> {
    a: &'x mut Assessment,
    rubric: &'x Rubric,
    warnings: &'x mut Vec<String>,
    conflicts: &'x mut Vec<String>,
}

impl Field<'_> {
    /// Reads a field's copies; `false` if the tag is not one of this rubric's fields.
    fn apply(&mut self, tag: &str, copies: &[&Control], involved: &mut Vec<String>) -> bool {
        let parts: Vec<&str> = tag.split('.').collect();
        match parts.as_slice() {
            ["school", "name"] => self.a.school.name = self.one_text(tag, copies).trim().to_owned(),
            ["school", "urn"] => self.a.school.urn = non_empty(self.one_text(tag, copies)),
            ["school", "area"] => self.a.school.area = non_empty(self.one_text(tag, copies)),
            ["review", "academic_year"] => {
                let text = self.one_text(tag, copies);
                self.a.review.academic_year = AcademicYear::parse(&text);
                if self.a.review.academic_year.is_none() && !text.trim().is_empty() {
                    self.warnings.push(format!("the academic year {text:?} is not one (write it as 2025/26); it was left empty"));
                }
            }
            ["review", "date"] => self.a.review.date = self.one_date(tag, copies),
            ["participants", role, "involved"] => {
                // Ticked in any copy of the row: the group took part.
                if copies.iter().any(|c| c.is_checked()) {
                    involved.push((*role).to_owned());
                }
            }
            ["checklist", item, "status"] => {
                let status = self.one_choice(tag, copies);
                checklist_mut(self.a, item).status =
                    status.as_deref().and_then(ChecklistStatus::parse);
            }
            ["checklist", item, "evidence"] => {
                checklist_mut(self.a, item).evidence = self.joined(tag, copies)
            }
            ["outcomes", outcome, "strands", strand, field] => {
                return self.strand(tag, copies, (outcome, strand), field)
            }
            ["outcomes", outcome, field] => {
                let text = self.joined(tag, copies);
                outcome_review(self.a, outcome).fields.push(FieldText {
                    id: (*field).to_owned(),
                    text,
                });
            }
            _ => return false,
        }
        true
    }

    fn strand(
        &mut self,
        tag: &str,
        copies: &[&Control],
        (outcome, strand): (&str, &str),
        field: &str,
    ) -> bool {
        match field {
            "judgement" => {
                let level = self.one_choice(tag, copies);
                judgement_mut(self.a, outcome, strand).level = level;
            }
            "evidence" => {
                let text = self.joined(tag, copies);
                judgement_mut(self.a, outcome, strand).evidence = text;
            }
            "public" => {
                let public = self.one_checked(tag, copies);
                judgement_mut(self.a, outcome, strand).public = public;
            }
            _ => return false,
        }
        true
    }

    /// A text field's copies: their texts joined in order (a copy holding what another
    /// does, or nothing, adds nothing), with a warning when more than one had words.
    fn joined(&mut self, tag: &str, copies: &[&Control]) -> String {
        if let [one] = copies {
            // One copy: its text as typed, even if only spaces and breaks.
            return one.value();
        }
        let mut texts: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for text in copies.iter().map(|c| c.value()) {
            if !text.trim().is_empty() && seen.insert(text.trim().to_owned()) {
                texts.push(text);
            }
        }
        if texts.len() > 1 {
            self.warnings.push(format!(
                "{} is in the form {} times (copied in Word); their texts were joined, in order",
                capitalised(&field_name(tag, self.rubric)),
                texts.len()
            ));
        }
        texts.join("\n")
    }

    /// A single-answer field's copies: the answer they agree on, or a conflict naming each
    /// (the first few of them, however many copies a form holds).
    fn one<T: PartialEq + Clone>(&mut self, tag: &str, answers: Vec<(T, String)>) -> Option<T> {
        const NAMED: usize = 5;
        let mut distinct: Vec<(T, String)> = Vec::new();
        let mut others = false;
        for (value, shown) in answers {
            if distinct.iter().any(|(v, _)| *v == value) {
                continue;
            }
            if distinct.len() < NAMED {
                distinct.push((value, shown));
            } else {
                others = true;
            }
        }
        if distinct.len() > 1 {
            let mut shown: Vec<String> = distinct.into_iter().map(|(_, s)| s).collect();
            if others {
                shown.push("others".to_owned());
            }
            self.conflicts.push(format!(
                "{} is given as {} in copies of it",
                field_name(tag, self.rubric),
                and_list(&shown)
            ));
            return None;
        }
        distinct.pop().map(|(v, _)| v)
    }

    fn one_text(&mut self, tag: &str, copies: &[&Control]) -> String {
        let answers = copies
            .iter()
            .map(|c| c.value())
            .filter(|t| !t.trim().is_empty())
            .map(|t| (t.trim().to_owned(), format!("{:?}", t.trim())))
            .collect();
        self.one(tag, answers).unwrap_or_default()
    }

    fn one_choice(&mut self, tag: &str, copies: &[&Control]) -> Option<String> {
        let answers = copies
            .iter()
            .filter_map(|c| Some((c.choice()?, format!("{:?}", c.value().trim()))))
            .collect();
        self.one(tag, answers)
    }

    fn one_checked(&mut self, tag: &str, copies: &[&Control]) -> bool {
        let answers = copies
            .iter()
            .map(|c| {
                let ticked = c.is_checked();
                (
                    ticked,
                    if ticked { "ticked" } else { "not ticked" }.to_owned(),
                )
            })
            .collect();
        self.one(tag, answers).unwrap_or(false)
    }

    fn one_date(&mut self, tag: &str, copies: &[&Control]) -> Option<Date> {
        let answers = copies
            .iter()
            .filter_map(|c| date_of(c, self.warnings))
            .map(|d| (d, d.strftime("%d/%m/%Y").to_string()))
            .collect();
        self.one(tag, answers)
    }
}

/// A date picker's date; a shown date that differs from the stored one, or is not a date,
/// is warned about, quoting both.
fn date_of(c: &Control, warnings: &mut Vec<String>) -> Option<Date> {
    let day = |d: Date| d.strftime("%d/%m/%Y").to_string();
    match c.date() {
        DateValue::Empty => None,
        DateValue::Date(d) => Some(d),
        DateValue::Differs { shown, stored } => {
            warnings.push(format!(
                "`{}` shows {} but its date picker holds {} (the date was typed over, or changed by a program that left the old one behind); the date shown, {}, was used: check it",
                c.tag, day(shown), day(stored), day(shown)
            ));
            Some(shown)
        }
        DateValue::NotADate {
            shown,
            stored: Some(stored),
        } => {
            // Words typed over a date ("end of March"): the date the picker holds is kept,
            // and the words are quoted, so neither is lost.
            warnings.push(format!(
                "`{}` shows {shown:?}, which is not a date; the date its date picker holds, {}, was kept: check it",
                c.tag,
                day(stored)
            ));
            Some(stored)
        }
        DateValue::NotADate {
            shown,
            stored: None,
        } => {
            warnings.push(format!(
                "`{}` holds {shown:?}, which is not a date; it was left empty",
                c.tag
            ));
            None
        }
    }
}

/// A field as a person knows it, for a warning or an error.
pub(super) fn field_name(tag: &str, rubric: &Rubric) -> String {
    let parts: Vec<&str> = tag.split('.').collect();
    let duty = |item: &str| {
        rubric
            .checklist
            .items
            .iter()
            .position(|i| i.id == item)
            .map_or_else(|| item.to_owned(), |n| (n + 1).to_string())
    };
    let labels = &rubric.introduction.labels;
    match parts.as_slice() {
        ["school", "name"] => format!("the field \"{}\"", labels.name),
        ["school", "urn"] => format!("the field \"{}\"", labels.urn),
        ["school", "area"] => format!("the field \"{}\"", labels.area),
        ["review", "academic_year"] => format!("the field \"{}\"", labels.academic_year),
        ["review", "date"] => format!("the field \"{}\"", labels.date),
        ["checklist", item, "status"] => format!("the status of duty {}", duty(item)),
        ["checklist", item, "evidence"] => format!("the evidence for duty {}", duty(item)),
        ["outcomes", o, "strands", s, "judgement"] => format!("the judgement of strand {o}{s}"),
        ["outcomes", o, "strands", s, "evidence"] => format!("the evidence for strand {o}{s}"),
        ["outcomes", o, "strands", s, "public"] => {
            format!("\"may be shared with families\" for strand {o}{s}")
        }
        ["outcomes", o, field] => {
            let heading = rubric
                .outcome_fields
                .iter()
                .find(|f| f.id == *field)
                .map_or(*field, |f| f.heading.as_str());
            // Named as its heading on the form names it.
            format!("the box \"{heading} (Outcome {o})\"")
        }
        _ => format!("the field `{tag}`"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The first few of a list that a hostile form can make as long as it likes, then how many
/// more.
fn named_first(mut items: Vec<String>, what: &str) -> Vec<String> {
    const NAMED: usize = 12;
    if items.len() > NAMED {
        let more = items.len() - NAMED;
        items.truncate(NAMED);
        items.push(format!("and {more} more {what}(s)"));
    }
    items
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The repeating rows: key dates, people and actions, by (row in the form, copy).
#[derive(Default)]
struct Rows {
    copies: Copies,
    key_dates: BTreeMap<(usize, usize), KeyDate>,
    people: BTreeMap<(usize, usize, usize), Participant>,
    involved: Vec<String>,
    actions: BTreeMap<(usize, usize), ActionRow>,
    unknown: Vec<String>,
}

impl Rows {
    /// Reads a control of a repeating row; `false` if it is not one.
    fn add(&mut self, c: &Control, rubric: &Rubric, warnings: &mut Vec<String>) -> bool {
        let parts: Vec<&str> = c.tag.split('.').collect();
        match parts.as_slice() {
            ["review", "key_dates", i, field] => {
                let Ok(i) = i.parse::<usize>() else {
                    return true;
                };
                let copy = self.copies.of("review.key_dates", 0, i, field);
                let entry = self.key_dates.entry((i, copy)).or_insert(KeyDate {
                    event: String::new(),
                    date: None,
                });
                match *field {
                    "event" => entry.event = c.value(),
                    "date" => entry.date = date_of(c, warnings),
                    _ => self.unknown.push(c.tag.clone()),
                }
            }
            ["participants", role, i, field] => self.person(c, rubric, (role, i, field), warnings),
            ["action_plan", i, field] => {
                let Ok(i) = i.parse::<usize>() else {
                    return true;
                };
                let copy = self.copies.of("action_plan", 0, i, field);
                let row = self.actions.entry((i, copy)).or_default();
                action_cell(row, c, field, rubric, warnings);
            }
            _ => return false,
        }
        true
    }

    fn person(
        &mut self,
        c: &Control,
        rubric: &Rubric,
        (role, i, field): (&str, &str, &str),
        warnings: &mut Vec<String>,
    ) {
        let Some(role_index) = rubric.participants.roles.iter().position(|r| r.id == role) else {
            self.unknown.push(c.tag.clone());
            return;
        };
        let Ok(i) = i.parse::<usize>() else { return };
        let copy = self.copies.of("participants", role_index, i, field);
        let p = self
            .people
            .entry((role_index, i, copy))
            .or_insert_with(|| Participant {
                role: role.to_owned(),
                ..Participant::default()
            });
        match field {
            "title" => p.title = non_empty(c.value()),
            "name" => p.name = non_empty(c.value()),
            "date" => p.date = date_of(c, warnings),
            _ => self.unknown.push(c.tag.clone()),
        }
    }

    /// The rows into the assessment, in the form's order, empty rows left out.
    fn finish(self, a: &mut Assessment, rubric: &Rubric, warnings: &mut Vec<String>) {
        a.review.key_dates = self
            .key_dates
            .into_values()
            .filter(|k| !k.event.trim().is_empty() || k.date.is_some())
            .collect();
        let filled: Vec<Participant> = self
            .people
            .into_values()
            .filter(|p| p.name.is_some() || p.title.is_some() || p.date.is_some())
            .collect();
        for role in &rubric.participants.roles {
            let mut theirs: Vec<Participant> = filled
                .iter()
                .filter(|p| p.role == role.id)
                .cloned()
                .collect();
            if theirs.is_empty() && self.involved.contains(&role.id) {
                // Ticked, with nobody named: the group took part.
                theirs.push(Participant {
                    role: role.id.clone(),
                    ..Participant::default()
                });
            }
            a.participants.extend(theirs);
        }
        a.action_plan = self
            .actions
            .into_values()
            .filter(|r| r.outcome.is_some() || r.due.is_some() || !r.cells.is_empty())
            .collect();
        warnings.extend(self.copies.warnings(rubric));
        if !self.unknown.is_empty() {
            let count = self.unknown.len();
            warnings.push(format!(
                "{count} form field(s) this rubric does not have were ignored: {}",
                named_first(self.unknown, "field").join(", ")
            ));
        }
    }
}

/// A control of an action plan row into the row: its outcome, its due date or a column.
fn action_cell(
    row: &mut ActionRow,
    c: &Control,
    field: &str,
    rubric: &Rubric,
    warnings: &mut Vec<String>,
) {
    match field {
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
                (Some(ColumnKind::Date), Kind::Date) => date_of(c, warnings).map(CellValue::Date),
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

/// Strands left blank in the form are not yet judged: entries with nothing in them are
/// dropped, as a hand-written file would not list them either.
fn tidy(a: &mut Assessment) {
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
pub(super) fn judgement_mut<'a>(
    a: &'a mut Assessment,
    outcome: &str,
    strand: &str,
) -> &'a mut Judgement {
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
pub(super) fn checklist_mut<'a>(a: &'a mut Assessment, item: &str) -> &'a mut ChecklistAnswer {
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

/// An outcome's review, added (empty) if there is none yet.
pub(super) fn outcome_review<'a>(a: &'a mut Assessment, outcome: &str) -> &'a mut OutcomeReview {
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
