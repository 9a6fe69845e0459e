//! A school's completed (or partly completed) review: who it is, who took part, the statutory
//! checklist, a judgement and evidence per strand, notes and actions per outcome, and the
//! action plan. This module reads the structure of an assessment file; `validate` checks it
//! against a rubric.

use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;
use toml::de::DeValue;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::read::{self, Ctx, SpanMap, Table};
use crate::rubric::Rubric;
use crate::source::{SourceFile, Span};
use crate::{Checked, LoadError};

/// A school's review against a rubric.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Assessment {
    /// The rubric it was made against.
    pub rubric: RubricRef,
    /// The school.
    pub school: School,
    /// When the review took place.
    pub review: Review,
    /// Who took part.
    pub participants: Vec<Participant>,
    /// Answers to the statutory checklist, in file order.
    pub checklist: Vec<ChecklistAnswer>,
    /// Judgements, notes and actions per outcome, in file order.
    pub outcomes: Vec<OutcomeReview>,
    /// The action plan.
    pub action_plan: Vec<ActionRow>,
    /// Where each value was in the file it came from (empty for assessments built in code).
    #[serde(skip)]
    pub spans: SpanMap,
}

/// Which rubric an assessment answers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RubricRef {
    /// The rubric's id.
    pub id: String,
    /// The rubric's version.
    pub version: String,
}

/// The school under review.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct School {
    /// Its name.
    pub name: String,
    /// Unique Reference Number (six digits in England), used to tell schools apart.
    pub urn: Option<String>,
    /// Local area or cluster (a DSPL area, say).
    pub area: Option<String>,
}

/// When the review took place.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Review {
    /// The academic year it belongs to.
    pub academic_year: Option<AcademicYear>,
    /// The date it was completed.
    pub date: Option<Date>,
    /// Key dates (meetings, deadlines).
    pub key_dates: Vec<KeyDate>,
}

/// A key date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyDate {
    /// What happens.
    pub event: String,
    /// When.
    pub date: Option<Date>,
}

/// An English academic year, September to August, written `2025/26`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AcademicYear {
    /// The calendar year in which it starts.
    pub start: i16,
}

impl AcademicYear {
    /// Parses `2025/26`, `2025-26` or `2025/2026`.
    pub fn parse(text: &str) -> Option<AcademicYear> {
        let (a, b) = text.trim().split_once(['/', '-'])?;
        let start: i16 = a.trim().parse().ok()?;
        let end: i16 = b.trim().parse().ok()?;
        let follows = match b.trim().len() {
            2 => end == (start + 1) % 100,
            4 => end == start + 1,
            _ => false,
        };
        (a.trim().len() == 4 && follows).then_some(AcademicYear { start })
    }

    /// The academic year a date falls in (from 1 September).
    pub fn containing(date: Date) -> AcademicYear {
        let start = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        AcademicYear { start }
    }

    /// True if the date is within the year.
    pub fn contains(self, date: Date) -> bool {
        AcademicYear::containing(date) == self
    }
}

impl fmt::Display for AcademicYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start, (self.start + 1) % 100)
    }
}

impl Serialize for AcademicYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Someone who took part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Participant {
    /// The rubric role's id.
    pub role: String,
    /// Job title, for roles the form asks it of (an Educational Psychologist among "Other
    /// Professionals").
    pub title: Option<String>,
    /// Their name (optional: a pupil may be recorded by role only).
    pub name: Option<String>,
    /// When they took part.
    pub date: Option<Date>,
}

/// Whether a school meets a statutory duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChecklistStatus {
    /// Fully met, and the school could show it.
    Met,
    /// Partly met.
    PartlyMet,
    /// Not met.
    NotMet,
}

impl ChecklistStatus {
    /// Every status, best first.
    pub const ALL: [ChecklistStatus; 3] = [
        ChecklistStatus::Met,
        ChecklistStatus::PartlyMet,
        ChecklistStatus::NotMet,
    ];

    /// The value written in files.
    pub fn id(self) -> &'static str {
        match self {
            ChecklistStatus::Met => "met",
            ChecklistStatus::PartlyMet => "partly-met",
            ChecklistStatus::NotMet => "not-met",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            ChecklistStatus::Met => "Met",
            ChecklistStatus::PartlyMet => "Partly met",
            ChecklistStatus::NotMet => "Not met",
        }
    }

    /// Reads a status, forgiving case, spaces and underscores (`Partly met`, `partly_met`).
    pub fn parse(text: &str) -> Option<ChecklistStatus> {
        let norm: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '_' { '-' } else { c })
            .collect();
        match norm.as_str() {
            "met" | "yes" => Some(ChecklistStatus::Met),
            "partly-met" | "partly" | "partially-met" | "partially" | "partial" => {
                Some(ChecklistStatus::PartlyMet)
            }
            "not-met" | "no" | "unmet" => Some(ChecklistStatus::NotMet),
            _ => None,
        }
    }
}

/// The answer to one checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ChecklistAnswer {
    /// The rubric item's id.
    pub item: String,
    /// Met, partly met or not met; `None` if not yet answered.
    pub status: Option<ChecklistStatus>,
    /// How the school could show it.
    pub evidence: String,
}

/// One outcome's part of the review.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OutcomeReview {
    /// The rubric outcome's id.
    pub outcome: String,
    /// Free-text fields (notes, actions), by the rubric's field ids, in file order.
    pub fields: Vec<FieldText>,
    /// Strand judgements, in file order.
    pub strands: Vec<Judgement>,
}

/// The text of one free-text field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldText {
    /// The rubric field's id.
    pub id: String,
    /// What was written.
    pub text: String,
}

/// A best-fit judgement of one strand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Judgement {
    /// The strand's id within its outcome.
    pub strand: String,
    /// The level's id (after validation; as written before), `None` if not yet judged.
    pub level: Option<String>,
    /// Evidence to support the judgement.
    pub evidence: String,
    /// Whether the evidence may be shown to families (it is kept out of the parents'
    /// summary otherwise).
    pub public: bool,
}

/// One row of the action plan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ActionRow {
    /// The outcome it addresses, if said.
    pub outcome: Option<String>,
    /// When it should be done by.
    pub due: Option<Date>,
    /// The cells, by the rubric's column ids, in file order.
    pub cells: Vec<Cell>,
}

/// One action plan cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The rubric column's id.
    pub column: String,
    /// What it holds.
    pub value: CellValue,
}

/// An action plan cell's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CellValue {
    /// Text.
    Text(String),
    /// A date.
    Date(Date),
}

impl fmt::Display for CellValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellValue::Text(t) => f.write_str(t),
            CellValue::Date(d) => write!(f, "{d}"),
        }
    }
}

impl ActionRow {
    /// The cell in a column.
    pub fn cell(&self, column: &str) -> Option<&CellValue> {
        self.cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| &c.value)
    }
}

impl OutcomeReview {
    /// A free-text field's text (empty if absent).
    pub fn field(&self, id: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .map_or("", |f| f.text.as_str())
    }

    /// A strand's judgement.
    pub fn judgement(&self, strand: &str) -> Option<&Judgement> {
        self.strands.iter().find(|j| j.strand == strand)
    }
}

impl Assessment {
    /// Keeps only what an area's figures and the same-school rule need of a return: the
    /// school, the review's year and date, each strand's level and each duty's status. The
    /// evidence, notes, people, key dates, action plan and source positions are dropped (and
    /// their memory freed), so a county's thousands of returns take a few kilobytes each.
    pub fn keep_figures_only(&mut self) {
        self.spans = SpanMap::default();
        self.participants = Vec::new();
        self.action_plan = Vec::new();
        self.review.key_dates = Vec::new();
        for answer in &mut self.checklist {
            answer.evidence = String::new();
        }
        for outcome in &mut self.outcomes {
            outcome.fields = Vec::new();
            for j in &mut outcome.strands {
                j.evidence = String::new();
            }
        }
    }
}

impl Assessment {
    /// Reads an assessment file and validates it against a rubric. Every problem in the file
    /// is reported at once; warnings (strands not yet judged, say) come with the result.
    pub fn load(path: impl AsRef<Path>, rubric: &Rubric) -> Result<Checked<Assessment>, LoadError> {
        let file = crate::read_source(path.as_ref())?;
        Assessment::from_source(file, rubric)
    }

    /// Reads assessment TOML text and validates it; `name` is used in messages.
    pub fn from_toml(
        name: &str,
        text: &str,
        rubric: &Rubric,
    ) -> Result<Checked<Assessment>, LoadError> {
        Assessment::from_source(SourceFile::new(name, text), rubric)
    }

    /// Reads and validates an assessment from a source file.
    pub fn from_source(
        file: SourceFile,
        rubric: &Rubric,
    ) -> Result<Checked<Assessment>, LoadError> {
        let (assessment, mut diagnostics) = Assessment::parse(&file);
        if let Some(a) = &assessment {
            diagnostics.extend(a.validate(rubric));
        }
        crate::diagnostic::sort(&mut diagnostics);
        crate::diagnostic::cap(&mut diagnostics);
        match assessment {
            Some(mut assessment) if !diagnostics.iter().any(Diagnostic::is_error) => {
                assessment.normalize(rubric);
                Ok(Checked {
                    value: assessment,
                    warnings: diagnostics,
                    file: Some(file),
                })
            }
            _ => Err(LoadError::Invalid {
                file: Box::new(file),
                diagnostics,
            }),
        }
    }

    /// Reads the structure of an assessment without a rubric. Returns the assessment (if the
    /// TOML could be read at all) and the problems found.
    pub fn parse(file: &SourceFile) -> (Option<Assessment>, Vec<Diagnostic>) {
        let mut ctx = Ctx::default();
        let assessment = read::parse(file, &mut ctx).map(|doc| read_assessment(&doc, &mut ctx));
        let mut assessment = assessment;
        if let Some(a) = assessment.as_mut() {
            a.spans = std::mem::take(&mut ctx.spans);
        }
        read::locate_characters(file, &mut ctx.diagnostics);
        (assessment, ctx.diagnostics)
    }

    /// The review of an outcome.
    pub fn outcome(&self, id: &str) -> Option<&OutcomeReview> {
        self.outcomes.iter().find(|o| o.outcome == id)
    }

    /// The judgement of a strand.
    pub fn judgement(&self, outcome: &str, strand: &str) -> Option<&Judgement> {
        self.outcome(outcome)?.judgement(strand)
    }

    /// The answer to a checklist item.
    pub fn checklist_answer(&self, item: &str) -> Option<&ChecklistAnswer> {
        self.checklist.iter().find(|a| a.item == item)
    }

    /// The academic year after this review's (its stated year, else the year its date falls
    /// in), if either is known.
    pub fn next_academic_year(&self) -> Option<AcademicYear> {
        self.review
            .academic_year
            .or(self.review.date.map(AcademicYear::containing))
            .map(|y| AcademicYear { start: y.start + 1 })
    }

    /// The starting point for the school's next review, a year on: the same school, people,
    /// checklist, judgements, evidence, notes and action plan, for the school to revisit, but
    /// in the following academic year and with the dates of this review (its date, its key
    /// dates, when each person took part) cleared, since they belong to the review before.
    pub fn next_review(&self) -> Assessment {
        let mut next = self.clone();
        next.review.academic_year = self.next_academic_year();
        next.review.date = None;
        for key_date in &mut next.review.key_dates {
            key_date.date = None;
        }
        for participant in &mut next.participants {
            participant.date = None;
        }
        // Positions point into the file this review came from, not the new one.
        next.spans = SpanMap::default();
        next
    }

    /// Rewrites level names as the rubric's level ids (`Expected` becomes `expected`), so
    /// everything downstream compares ids. Unknown levels are left alone: `validate` reports them.
    pub fn normalize(&mut self, rubric: &Rubric) {
        // One-line fields are kept without the spaces at their ends, as a form keeps them.
        let trim = |s: &mut String| {
            let t = s.trim();
            if t.len() != s.len() {
                *s = t.to_owned();
            }
        };
        trim(&mut self.school.name);
        for s in [&mut self.school.urn, &mut self.school.area]
            .into_iter()
            .flatten()
        {
            trim(s);
        }
        for p in &mut self.participants {
            for s in [&mut p.name, &mut p.title].into_iter().flatten() {
                trim(s);
            }
        }
        for outcome in &mut self.outcomes {
            for judgement in &mut outcome.strands {
                let Some(text) = judgement.level.as_deref() else {
                    continue;
                };
                if text.trim().is_empty() {
                    judgement.level = None;
                } else if let Some(i) = rubric.level_index(text) {
                    judgement.level = Some(rubric.levels[i].id.clone());
                }
            }
        }
    }
}

fn span(v: &read::Value<'_>) -> Span {
    Span::from(v.span())
}

fn read_assessment(doc: &toml::de::DeTable<'_>, ctx: &mut Ctx) -> Assessment {
    let mut root = Table::root(doc);
    let mut a = Assessment {
        rubric: read_rubric_ref(&mut root, ctx),
        school: read_school(&mut root, ctx),
        review: read_review(&mut root, ctx),
        participants: read_participants(&mut root, ctx),
        checklist: read_checklist(&mut root, ctx),
        ..Assessment::default()
    };
    if let Some(t) = root.table("outcomes", ctx) {
        for (outcome, _, path, v) in t.entries(ctx) {
            let Some(table) = read::as_table(&path, v, ctx) else {
                continue;
            };
            a.outcomes.push(read_outcome(outcome, table, ctx));
        }
    }

    for t in root.tables("action_plan", ctx) {
        a.action_plan.push(read_action_row(t, ctx));
    }

    root.finish(ctx);
    a
}

/// `rubric = { id, version }`: which rubric the file answers.
fn read_rubric_ref(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> RubricRef {
    let mut r = RubricRef::default();
    match root.get("rubric", ctx) {
        None => root.missing(
            "rubric",
            ctx,
            "name the rubric the file answers: rubric = { id = \"...\", version = \"...\" } (`sendbench rubric` shows both)",
        ),
        Some((path, v)) => {
            if let Some(mut t) = read::as_table(&path, v, ctx) {
                let help = "name the rubric: rubric = { id = \"...\", version = \"...\" }";
                r.id = t.required_str("id", ctx, help).unwrap_or_default();
                r.version = t.required_str("version", ctx, help).unwrap_or_default();
                t.finish(ctx);
            }
        }
    }
    r
}

/// `[school]`: its name (required, not empty), URN and local area.
fn read_school(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> School {
    let mut school = School::default();
    match root.table("school", ctx) {
        None => root.missing("school", ctx, "add a [school] table with the school's name"),
        Some(mut t) => {
            school.name = t
                .required_str("name", ctx, "add name = \"...\" with the school's name")
                .unwrap_or_default();
            if school.name.trim().is_empty() && t.get("name", ctx).is_some() {
                ctx.push(
                    Diagnostic::error("empty", "the school's name is empty")
                        .path("school.name")
                        .at(ctx.spans.value("school.name"))
                        .help("write the school's name between the quotes"),
                );
            }
            school.urn = t.str("urn", ctx).filter(|s| !s.trim().is_empty());
            school.area = t.str("area", ctx).filter(|s| !s.trim().is_empty());
            t.finish(ctx);
        }
    }
    school
}

/// `[review]`: the academic year, the date and the key dates.
fn read_review(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Review {
    let mut review = Review::default();
    if let Some(mut t) = root.table("review", ctx) {
        if let Some((path, v)) = t.get("academic_year", ctx) {
            if let Some(text) = read::as_str(&path, v, ctx).filter(|t| !t.trim().is_empty()) {
                review.academic_year = AcademicYear::parse(&text);
                if review.academic_year.is_none() {
                    ctx.push(
                        Diagnostic::error(
                            "bad-academic-year",
                            format!("{text:?} is not an academic year"),
                        )
                        .path(path)
                        .at(span(v))
                        .help("write the academic year as \"2025/26\""),
                    );
                }
            }
        }
        review.date = t.date("date", ctx);
        for mut k in t.tables("key_dates", ctx) {
            let event = k
                .required_str("event", ctx, "say what the date is for")
                .unwrap_or_default();
            let date = k.date("date", ctx);
            k.finish(ctx);
            review.key_dates.push(KeyDate { event, date });
        }
        t.finish(ctx);
    }
    review
}

/// `[[participants]]`: who took part, by role.
fn read_participants(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Vec<Participant> {
    let mut participants = Vec::new();
    for mut t in root.tables("participants", ctx) {
        let role = t
            .required_str(
                "role",
                ctx,
                "give the role's id, e.g. role = \"senco\" (`sendbench rubric` lists them)",
            )
            .unwrap_or_default();
        let title = t.str("title", ctx).filter(|s| !s.trim().is_empty());
        let name = t.str("name", ctx).filter(|s| !s.trim().is_empty());
        let date = t.date("date", ctx);
        t.finish(ctx);
        participants.push(Participant {
            role,
            title,
            name,
            date,
        });
    }
    participants
}

/// `[checklist]`: each statutory duty's status and evidence.
fn read_checklist(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Vec<ChecklistAnswer> {
    let mut checklist = Vec::new();
    if let Some(t) = root.table("checklist", ctx) {
        for (item, _, path, v) in t.entries(ctx) {
            let Some(mut entry) = read::as_table(&path, v, ctx) else {
                continue;
            };
            let status = match entry.get("status", ctx) {
                None => None,
                Some((spath, sv)) => read::as_str(&spath, sv, ctx).and_then(|text| {
                    if text.trim().is_empty() {
                        return None;
                    }
                    let status = ChecklistStatus::parse(&text);
                    if status.is_none() {
                        let ids = ChecklistStatus::ALL.map(ChecklistStatus::id);
                        let help = match did_you_mean(&text, ids) {
                            Some(s) => format!(
                                "did you mean {s:?}? The statuses are met, partly-met and not-met"
                            ),
                            None => "use \"met\", \"partly-met\" or \"not-met\"".to_owned(),
                        };
                        ctx.push(
                            Diagnostic::error(
                                "bad-status",
                                format!("{text:?} is not a checklist status"),
                            )
                            .path(spath)
                            .at(span(sv))
                            .help(help),
                        );
                    }
                    status
                }),
            };
            let evidence = entry.str("evidence", ctx).unwrap_or_default();
            entry.finish(ctx);
            checklist.push(ChecklistAnswer {
                item,
                status,
                evidence,
            });
        }
    }
    checklist
}

fn read_outcome(outcome: String, table: Table<'_, '_>, ctx: &mut Ctx) -> OutcomeReview {
    let mut review = OutcomeReview {
        outcome,
        ..OutcomeReview::default()
    };
    // Field ids come from the rubric, which this structural pass does not know: every text
    // entry is kept as a field and `validate` checks the ids.
    for (key, _, path, v) in table.entries(ctx) {
        if key == "strands" {
            let Some(strands) = read::as_table(&path, v, ctx) else {
                continue;
            };
            for (strand, _, spath, sv) in strands.entries(ctx) {
                let Some(mut s) = read::as_table(&spath, sv, ctx) else {
                    continue;
                };
                let level = s.str("judgement", ctx);
                let evidence = s.str("evidence", ctx).unwrap_or_default();
                let public = s.bool("public", ctx).unwrap_or(false);
                s.finish(ctx);
                review.strands.push(Judgement {
                    strand,
                    level,
                    evidence,
                    public,
                });
            }
        } else if let Some(text) = read::as_str(&path, v, ctx) {
            review.fields.push(FieldText { id: key, text });
        }
    }
    review
}

fn read_action_row(t: Table<'_, '_>, ctx: &mut Ctx) -> ActionRow {
    let mut row = ActionRow::default();
    for (key, _, path, v) in t.entries(ctx) {
        match key.as_str() {
            "outcome" => row.outcome = read::as_str(&path, v, ctx),
            "due" => row.due = read::as_date(&path, v, ctx),
            _ => {
                // As everywhere, empty text is a cell not filled in yet: no cell at all.
                let value = match v.get_ref() {
                    DeValue::Datetime(_) => read::as_date(&path, v, ctx).map(CellValue::Date),
                    _ => read::as_str(&path, v, ctx)
                        .filter(|t| !t.is_empty())
                        .map(CellValue::Text),
                };
                if let Some(value) = value {
                    row.cells.push(Cell { column: key, value });
                }
            }
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years_read_in_common_spellings() {
        assert_eq!(
            AcademicYear::parse("2025/26"),
            Some(AcademicYear { start: 2025 })
        );
        assert_eq!(
            AcademicYear::parse("2025-2026"),
            Some(AcademicYear { start: 2025 })
        );
        assert_eq!(
            AcademicYear::parse("1999/00"),
            Some(AcademicYear { start: 1999 })
        );
        assert_eq!(AcademicYear::parse("2025/27"), None);
        assert_eq!(AcademicYear { start: 2025 }.to_string(), "2025/26");
    }

    #[test]
    fn academic_year_runs_september_to_august() {
        let y = AcademicYear { start: 2025 };
        assert!(y.contains(Date::constant(2025, 9, 1)));
        assert!(y.contains(Date::constant(2026, 8, 31)));
        assert!(!y.contains(Date::constant(2026, 9, 1)));
    }

    #[test]
    fn checklist_status_forgives_spelling() {
        assert_eq!(
            ChecklistStatus::parse("Partly met"),
            Some(ChecklistStatus::PartlyMet)
        );
        assert_eq!(
            ChecklistStatus::parse("not_met"),
            Some(ChecklistStatus::NotMet)
        );
        assert_eq!(ChecklistStatus::parse("sort of"), None);
    }
}
