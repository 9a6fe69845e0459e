//! The rubric: what a school reviews itself against. Levels, participant roles, the statutory
//! checklist, outcomes and their strands with a descriptor per level, and the action plan's
//! columns. All of it is data read from a TOML file (see `docs/rubric-format.md`); nothing here
//! knows which local area's rubric it holds.

use std::path::Path;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::read::{self, Ctx, Table};
use crate::source::SourceFile;
use crate::LoadError;

/// The default rubric's TOML, embedded so the tool works with no files beside it.
const BUILTIN: &str = include_str!("../rubric/hertfordshire.toml");

/// A benchmark rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rubric {
    /// Stable identifier that assessments name (`hertfordshire-send-benchmark`).
    pub id: String,
    /// Version of the rubric's text; assessments name it too.
    pub version: String,
    /// Full title.
    pub title: String,
    /// Title for running heads and file names.
    pub short_title: String,
    /// The local area it belongs to, if any.
    pub area: Option<String>,
    /// BCP 47 language tag of its text (`en-GB`).
    pub language: String,
    /// Index into [`Rubric::levels`] of the lowest level that counts as a strength.
    pub strength_from: usize,
    /// The introduction to the toolkit.
    pub introduction: Introduction,
    /// Judgement levels, lowest first.
    pub levels: Vec<Level>,
    /// Who may take part.
    pub participants: Participants,
    /// The statutory checklist.
    pub checklist: Checklist,
    /// The questions to consider for each section.
    pub guidance: Guidance,
    /// Free-text sections after each outcome's table (Notes, Actions).
    pub outcome_fields: Vec<OutcomeField>,
    /// The outcomes, in order.
    pub outcomes: Vec<Outcome>,
    /// The action plan's layout.
    pub action_plan: ActionPlanLayout,
    /// Who wrote the plain-English wordings for families (`plain` keys) and that they are
    /// not the rubric's own words, for reports to print where they use them. Optional.
    pub plain_note: Option<String>,
}

/// The toolkit's opening text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Introduction {
    /// Opening paragraphs.
    pub paragraphs: Vec<String>,
    /// The sentence that leads into the purposes.
    pub purposes_lead: String,
    /// What the tool helps schools to do.
    pub purposes: Vec<String>,
    /// Label for the key dates.
    pub key_dates_label: String,
    /// What the form calls the school and its details: an early years rubric says
    /// "Setting name", another area "Ofsted URN".
    pub labels: DetailLabels,
}

/// The labels of the school's details on the form's first page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetailLabels {
    /// "School name".
    pub name: String,
    /// "URN".
    pub urn: String,
    /// "Local area or cluster".
    pub area: String,
    /// "Academic year".
    pub academic_year: String,
    /// "Date of review".
    pub date: String,
}

impl Default for DetailLabels {
    fn default() -> Self {
        DetailLabels {
            name: "School name".into(),
            urn: "URN".into(),
            area: "Local area or cluster".into(),
            academic_year: "Academic year".into(),
            date: "Date of review".into(),
        }
    }
}

/// One judgement level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    /// Identifier used in assessment files (`expected`).
    pub id: String,
    /// Name shown to people (`Expected`).
    pub name: String,
    /// Optional explanation of the level.
    pub description: Option<String>,
    /// Optional plain-English meaning of the level for families ("We do this well, as
    /// every good school should.").
    pub plain: Option<String>,
}

/// The participants section.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Participants {
    /// Section heading.
    pub heading: String,
    /// The sentence under the heading, saying how to fill the table in.
    pub instructions: String,
    /// The roles, in the form's order.
    pub roles: Vec<Role>,
}

/// The default instructions for the participants' table.
pub const PARTICIPANTS_INSTRUCTIONS: &str =
    "Tick each group that took part, and give the names and dates of the people involved.";

/// A role of people taking part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    /// Identifier (`senco`).
    pub id: String,
    /// Name shown (`SENCO`).
    pub name: String,
    /// Rows in the blank form with Name and Date.
    pub rows: u32,
    /// Further rows in the blank form that also ask for a job title.
    pub role_rows: u32,
    /// What reports call the people in this role as a group, where the form's label is not
    /// a group's name ("Other Role": "People in other roles"); `None`: the name.
    pub group_name: Option<String>,
    /// Whether one entry can stand for a group (a class, a school council) rather than one
    /// person: reports then say the role took part and never count its entries as people.
    pub group_entries: bool,
}

impl Role {
    /// What reports call the people in this role: its group name, else its name.
    pub fn group(&self) -> &str {
        self.group_name.as_deref().unwrap_or(&self.name)
    }
}

/// The statutory checklist.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Checklist {
    /// Section heading.
    pub heading: String,
    /// The legislation it is drawn from.
    pub subheading: String,
    /// How to use it.
    pub introduction: String,
    /// The sentence before the items ("Schools must:").
    pub lead: String,
    /// The duties.
    pub items: Vec<ChecklistItem>,
}

impl Checklist {
    /// The text of the duty with this id.
    pub fn text_of(&self, id: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.text.as_str())
    }
}

/// One statutory duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Identifier (`senco`).
    pub id: String,
    /// The duty, word for word.
    pub text: String,
    /// Optional plain-English wording of the duty for families (sendbench's own, not the
    /// law's words); reports for families fall back to `text`.
    pub plain: Option<String>,
    /// Code of Practice references (`6.89`, `Chapter 3`).
    pub references: Vec<String>,
}

/// The questions a school asks itself for each section.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Guidance {
    /// The sentence before the questions.
    pub lead: String,
    /// The questions.
    pub questions: Vec<String>,
    /// Heading of the evidence column.
    pub evidence_heading: String,
}

/// A free-text section after each outcome (Notes, Actions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeField {
    /// Identifier, used as the key in assessments.
    pub id: String,
    /// Heading shown.
    pub heading: String,
}

/// An outcome: a theme of practice with its strands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Identifier (`1`).
    pub id: String,
    /// Full title.
    pub title: String,
    /// Optional plain-English title for families.
    pub plain: Option<String>,
    /// Strands, in order.
    pub strands: Vec<Strand>,
}

/// A strand: one aspect of practice with a descriptor for each level.
///
/// Besides the descriptors (the rubric's own words, which the toolkit and the governors'
/// report use word for word), a strand may carry plain-English wordings for families:
/// what it is about, and what each level means. They are optional, and a report falls back
/// to the descriptor where one is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Strand {
    /// Identifier within its outcome (`a`).
    pub id: String,
    /// One descriptor per level, in the rubric's level order.
    pub descriptors: Vec<String>,
    /// What the strand is about, in plain English for families (`plain`).
    pub plain: Option<String>,
    /// One plain-English wording per level, in the rubric's level order, `None` where the
    /// rubric gives none (`plain_levels`).
    pub plain_levels: Vec<Option<String>>,
}

impl Strand {
    /// The plain-English wording of a level of this strand, if the rubric gives one.
    pub fn plain_level(&self, level: usize) -> Option<&str> {
        self.plain_levels.get(level)?.as_deref()
    }
}

/// The action plan's columns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ActionPlanLayout {
    /// Section heading.
    pub heading: String,
    /// Empty rows in a blank form.
    pub rows: u32,
    /// The columns.
    pub columns: Vec<Column>,
}

impl ActionPlanLayout {
    /// The target column: the first text column, what a summary shows of each action.
    pub fn target_column(&self) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.kind == ColumnKind::Text)
            .map(|c| c.id.as_str())
    }
}

/// One action plan column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Identifier, used as the key in assessments.
    pub id: String,
    /// Heading shown.
    pub heading: String,
    /// A prompt under the heading.
    pub hint: Option<String>,
    /// What the column holds.
    pub kind: ColumnKind,
}

/// What an action plan column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// Free text.
    Text,
    /// A date.
    Date,
}

/// Keys of an action plan row that are not columns; a rubric may not use them as column ids.
pub const ACTION_ROW_RESERVED: [&str; 2] = ["outcome", "due"];

/// A strand together with its outcome.
#[derive(Debug, Clone, Copy)]
pub struct StrandRef<'r> {
    /// The outcome.
    pub outcome: &'r Outcome,
    /// The strand.
    pub strand: &'r Strand,
}

impl StrandRef<'_> {
    /// Short reference people use: outcome id then strand id (`1a`).
    pub fn code(&self) -> String {
        format!("{}{}", self.outcome.id, self.strand.id)
    }
}

impl Rubric {
    /// The default rubric embedded in the binary (the Hertfordshire toolkit's text).
    pub fn builtin() -> Rubric {
        // The embedded file is checked by the test suite, so failing here means a broken
        // build, not bad user input.
        #[allow(clippy::expect_used)]
        Rubric::from_toml("rubric/hertfordshire.toml (built in)", BUILTIN)
            .expect("the built-in rubric is valid")
    }

    /// The built-in rubric's TOML text, for people who want to copy and adapt it.
    pub fn builtin_source() -> &'static str {
        BUILTIN
    }

    /// Reads a rubric from a file.
    pub fn load(path: impl AsRef<Path>) -> Result<Rubric, LoadError> {
        let file = crate::read_source(path.as_ref())?;
        Rubric::from_source(file)
    }

    /// Reads a rubric from TOML text; `name` is used in error messages.
    pub fn from_toml(name: &str, text: &str) -> Result<Rubric, LoadError> {
        Rubric::from_source(SourceFile::new(name, text))
    }

    fn from_source(file: SourceFile) -> Result<Rubric, LoadError> {
        let mut ctx = Ctx::default();
        let rubric = read::parse(&file, &mut ctx).and_then(|doc| read_rubric(&doc, &mut ctx));
        match rubric {
            Some(rubric) if !ctx.diagnostics.iter().any(Diagnostic::is_error) => Ok(rubric),
            _ => {
                let mut diagnostics = ctx.diagnostics;
                read::locate_characters(&file, &mut diagnostics);
                crate::diagnostic::sort(&mut diagnostics);
                crate::diagnostic::cap(&mut diagnostics);
                Err(LoadError::Invalid {
                    file: Box::new(file),
                    diagnostics,
                })
            }
        }
    }

    /// The level with this id or name (case-insensitive), as an index.
    pub fn level_index(&self, text: &str) -> Option<usize> {
        let text = text.trim();
        self.levels
            .iter()
            .position(|l| l.id.eq_ignore_ascii_case(text) || l.name.eq_ignore_ascii_case(text))
    }

    /// The level with this id.
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// The outcome with this id.
    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.participants.roles.iter().find(|r| r.id == id)
    }

    /// Every strand, in order, with its outcome.
    pub fn strands(&self) -> impl Iterator<Item = StrandRef<'_>> {
        self.outcomes.iter().flat_map(|outcome| {
            outcome
                .strands
                .iter()
                .map(move |strand| StrandRef { outcome, strand })
        })
    }

    /// The strand whose code (outcome id then strand id) is `code`: `1a`.
    pub fn strand_by_code(&self, code: &str) -> Option<StrandRef<'_>> {
        self.strands()
            .find(|s| code.strip_prefix(s.outcome.id.as_str()) == Some(s.strand.id.as_str()))
    }

    /// The descriptor one level above `level` for a strand: the natural next step. `None` at
    /// the top level.
    pub fn next_step<'r>(
        &'r self,
        strand: &'r Strand,
        level: usize,
    ) -> Option<(&'r Level, &'r str)> {
        let next = level + 1;
        Some((
            self.levels.get(next)?,
            strand.descriptors.get(next)?.as_str(),
        ))
    }
}

impl Outcome {
    /// The strand with this id.
    pub fn strand(&self, id: &str) -> Option<&Strand> {
        self.strands.iter().find(|s| s.id == id)
    }
}

fn read_rubric(doc: &toml::de::DeTable<'_>, ctx: &mut Ctx) -> Option<Rubric> {
    let mut root = Table::root(doc);

    let mut head = root.table("rubric", ctx);
    if head.is_none() {
        root.missing(
            "rubric",
            ctx,
            "start the file with a [rubric] table naming its id, version and title",
        );
    }
    let id = head
        .as_mut()
        .and_then(|t| t.id("id", ctx, "see docs/rubric-format.md"));
    let mut get = |key: &str, ctx: &mut Ctx| -> Option<String> {
        head.as_mut()
            .and_then(|t| t.required_str(key, ctx, "see docs/rubric-format.md"))
    };
    let version = get("version", ctx);
    let title = get("title", ctx);
    let (short_title, area, language, strength_from, plain_note) = match head.as_mut() {
        Some(t) => (
            t.str("short_title", ctx),
            t.str("area", ctx),
            t.str("language", ctx),
            t.get("strength_from", ctx),
            plain_text(t, "plain_note", ctx),
        ),
        None => (None, None, None, None, None),
    };
    if let Some(t) = head {
        t.finish(ctx);
    }

    let introduction = read_introduction(&mut root, ctx);
    let levels = read_levels(&mut root, ctx);
    let strength_from = strength_level(strength_from, &levels, ctx);

    let participants = read_participants(&mut root, ctx);
    let checklist = read_checklist(&mut root, ctx);
    let guidance = read_guidance(&mut root, ctx);
    let outcome_fields = read_outcome_fields(&mut root, ctx);

    let outcomes = read_outcomes(&mut root, &levels, &outcome_fields, ctx);
    let action_plan = read_action_plan(&mut root, ctx);
    root.finish(ctx);

    Some(Rubric {
        short_title: short_title.or_else(|| title.clone())?,
        id: id?,
        version: version?,
        title: title?,
        area,
        language: language.unwrap_or_else(|| "en-GB".into()),
        strength_from,
        introduction: introduction.unwrap_or_default(),
        levels,
        participants,
        checklist,
        guidance: guidance.unwrap_or_default(),
        outcome_fields,
        outcomes,
        action_plan,
        plain_note,
    })
}

/// `[introduction]`: the toolkit's opening paragraphs, purposes and the labels of the
/// school's details.
fn read_introduction(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Option<Introduction> {
    root.table("introduction", ctx).map(|mut t| {
        let intro = Introduction {
            paragraphs: t.str_list("paragraphs", ctx).unwrap_or_default(),
            purposes_lead: t.str("purposes_lead", ctx).unwrap_or_default(),
            purposes: t.str_list("purposes", ctx).unwrap_or_default(),
            key_dates_label: t
                .str("key_dates_label", ctx)
                .unwrap_or_else(|| "Key dates".into()),
            labels: {
                let d = DetailLabels::default();
                DetailLabels {
                    name: t.str("school_label", ctx).unwrap_or(d.name),
                    urn: t.str("urn_label", ctx).unwrap_or(d.urn),
                    area: t.str("area_label", ctx).unwrap_or(d.area),
                    academic_year: t.str("academic_year_label", ctx).unwrap_or(d.academic_year),
                    date: t.str("review_date_label", ctx).unwrap_or(d.date),
                }
            },
        };
        t.finish(ctx);
        intro
    })
}

/// The level from which a judgement counts as a strength: the one `strength_from` names, or
/// by default the second (Expected, of three).
fn strength_level(
    named: Option<(String, &read::Value<'_>)>,
    levels: &[Level],
    ctx: &mut Ctx,
) -> usize {
    match named {
        None => levels.len().saturating_sub(1).min(1),
        Some((path, v)) => {
            let name = read::as_str(&path, v, ctx).unwrap_or_default();
            match levels.iter().position(|l| l.id == name) {
                Some(i) => i,
                None => {
                    ctx.push(
                        Diagnostic::error(
                            "unknown-level",
                            format!("`strength_from` names no level: {name:?}"),
                        )
                        .path(path)
                        .at(crate::source::Span::from(v.span()))
                        .help(format!(
                            "use one of the [[levels]] ids: {}",
                            ids(levels, |l| &l.id)
                        )),
                    );
                    0
                }
            }
        }
    }
}

/// `[guidance]`: the lead-in and questions shown beside each outcome's strands.
fn read_guidance(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Option<Guidance> {
    root.table("guidance", ctx).map(|mut t| {
        let g = Guidance {
            lead: t.str("lead", ctx).unwrap_or_default(),
            questions: t.str_list("questions", ctx).unwrap_or_default(),
            evidence_heading: t
                .str("evidence_heading", ctx)
                .unwrap_or_else(|| "Evidence".into()),
        };
        t.finish(ctx);
        g
    })
}

/// `[[outcome_fields]]`: the fields each outcome has beside its strands (notes, actions).
fn read_outcome_fields(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Vec<OutcomeField> {
    let mut outcome_fields = Vec::new();
    for mut t in root.tables("outcome_fields", ctx) {
        let id = t.id("id", ctx, "give the field an id, such as \"notes\"");
        let heading = t.required_str(
            "heading",
            ctx,
            "give the field a heading, such as \"Notes\"",
        );
        t.finish(ctx);
        if let (Some(id), Some(heading)) = (id, heading) {
            outcome_fields.push(OutcomeField { id, heading });
        }
    }
    no_duplicates(&outcome_fields, |f| &f.id, "outcome_fields", ctx);
    outcome_fields
}

/// Optional plain-English text at `key`, checked like all rubric text; blank counts as
/// absent, so a report falls back to the rubric's own words.
fn plain_text(t: &mut Table<'_, '_>, key: &str, ctx: &mut Ctx) -> Option<String> {
    t.str(key, ctx).filter(|s| !s.trim().is_empty())
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &String) -> String {
    items
        .iter()
        .map(|i| id(i).as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_duplicates<T>(items: &[T], id: impl Fn(&T) -> &String, what: &str, ctx: &mut Ctx) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].iter().any(|earlier| id(earlier) == id(item)) {
            ctx.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("two entries in `{what}` have the id {:?}", id(item)),
                )
                .path(what.to_owned())
                .help("give each entry its own id"),
            );
        }
    }
}

fn read_levels(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Vec<Level> {
    let mut levels = Vec::new();
    for mut t in root.tables("levels", ctx) {
        let id = t.id("id", ctx, "give the level an id, such as \"expected\"");
        let name = t.required_str("name", ctx, "give the level a name, such as \"Expected\"");
        let description = t.str("description", ctx);
        let plain = plain_text(&mut t, "plain", ctx);
        t.finish(ctx);
        if let (Some(id), Some(name)) = (id, name) {
            levels.push(Level {
                id,
                name,
                description,
                plain,
            });
        }
    }
    if levels.len() < 2 {
        ctx.push(
            Diagnostic::error("too-few-levels", "a rubric needs at least two [[levels]]")
                .help("declare the levels lowest first, each with an id and a name"),
        );
    }
    no_duplicates(&levels, |l| &l.id, "levels", ctx);
    levels
}

fn read_participants(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Participants {
    let Some(mut t) = root.table("participants", ctx) else {
        return Participants {
            instructions: PARTICIPANTS_INSTRUCTIONS.into(),
            ..Participants::default()
        };
    };
    let heading = t
        .str("heading", ctx)
        .unwrap_or_else(|| "Who took part".into());
    let instructions = t
        .str("instructions", ctx)
        .unwrap_or_else(|| PARTICIPANTS_INSTRUCTIONS.into());
    let mut roles = Vec::new();
    for mut r in t.tables("roles", ctx) {
        let id = r.id("id", ctx, "give the role an id, such as \"senco\"");
        let name = r.required_str("name", ctx, "give the role a name, such as \"SENCO\"");
        let rows = r.count("rows", 50, ctx).unwrap_or(1);
        let role_rows = r.count("role_rows", 50, ctx).unwrap_or(0);
        let group_name = plain_text(&mut r, "group_name", ctx);
        let group_entries = r.bool("group_entries", ctx).unwrap_or(false);
        r.finish(ctx);
        if let (Some(id), Some(name)) = (id, name) {
            roles.push(Role {
                id,
                name,
                rows,
                role_rows,
                group_name,
                group_entries,
            });
        }
    }
    t.finish(ctx);
    no_duplicates(&roles, |r| &r.id, "participants.roles", ctx);
    Participants {
        heading,
        instructions,
        roles,
    }
}

fn read_checklist(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> Checklist {
    let Some(mut t) = root.table("checklist", ctx) else {
        return Checklist::default();
    };
    let mut checklist = Checklist {
        heading: t
            .str("heading", ctx)
            .unwrap_or_else(|| "Statutory checklist".into()),
        subheading: t.str("subheading", ctx).unwrap_or_default(),
        introduction: t.str("introduction", ctx).unwrap_or_default(),
        lead: t.str("lead", ctx).unwrap_or_default(),
        items: Vec::new(),
    };
    for mut item in t.tables("items", ctx) {
        let id = item.id("id", ctx, "give the item an id, such as \"senco\"");
        let text = item.required_str("text", ctx, "give the duty's text");
        let references = item.str_list("references", ctx).unwrap_or_default();
        let plain = plain_text(&mut item, "plain", ctx);
        item.finish(ctx);
        if let (Some(id), Some(text)) = (id, text) {
            checklist.items.push(ChecklistItem {
                id,
                text,
                plain,
                references,
            });
        }
    }
    t.finish(ctx);
    no_duplicates(&checklist.items, |i| &i.id, "checklist.items", ctx);
    checklist
}

fn read_outcomes(
    root: &mut Table<'_, '_>,
    levels: &[Level],
    fields: &[OutcomeField],
    ctx: &mut Ctx,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for mut t in root.tables("outcomes", ctx) {
        let id = t.id("id", ctx, "give the outcome an id, such as \"1\"");
        let title = t.required_str("title", ctx, "give the outcome its title");
        let plain = plain_text(&mut t, "plain", ctx);
        let mut strands = Vec::new();
        for mut s in t.tables("strands", ctx) {
            let strand_id = s.id("id", ctx, "give the strand an id, such as \"a\"");
            let mut descriptors = Vec::new();
            for level in levels {
                match s.str(&level.id, ctx) {
                    Some(text) if !text.trim().is_empty() => descriptors.push(text),
                    _ => {
                        s.missing(
                            &level.id,
                            ctx,
                            &format!("give the {} descriptor for this strand", level.name),
                        );
                        descriptors.push(String::new());
                    }
                }
            }
            let plain = plain_text(&mut s, "plain", ctx);
            let plain_levels = read_plain_levels(&mut s, levels, ctx);
            s.finish(ctx);
            if let Some(id) = strand_id {
                strands.push(Strand {
                    id,
                    descriptors,
                    plain,
                    plain_levels,
                });
            }
        }
        t.finish(ctx);
        if strands.is_empty() {
            ctx.push(
                Diagnostic::error(
                    "no-strands",
                    format!(
                        "outcome {:?} has no strands",
                        id.clone().unwrap_or_default()
                    ),
                )
                .path(t_path(&id))
                .help("add [[outcomes.strands]] tables under the outcome"),
            );
        }
        no_duplicates(&strands, |s| &s.id, &t_path(&id), ctx);
        if let (Some(id), Some(title)) = (id, title) {
            outcomes.push(Outcome {
                id,
                title,
                plain,
                strands,
            });
        }
    }
    if outcomes.is_empty() {
        ctx.push(Diagnostic::error(
            "no-outcomes",
            "the rubric has no [[outcomes]]",
        ));
    }
    no_duplicates(&outcomes, |o| &o.id, "outcomes", ctx);
    // An outcome's fields share its table with `strands` in assessment files.
    if fields.iter().any(|f| f.id == "strands") {
        ctx.push(
            Diagnostic::error("bad-id", "an outcome field may not be called `strands`")
                .path("outcome_fields")
                .help("`strands` holds the judgements in assessment files: choose another id"),
        );
    }
    outcomes
}

/// A strand's optional `plain_levels = { emerging = "...", ... }`: one plain wording per
/// level id, any of them left out; a key naming no level is reported (with a suggestion).
fn read_plain_levels(
    s: &mut Table<'_, '_>,
    levels: &[Level],
    ctx: &mut Ctx,
) -> Vec<Option<String>> {
    let Some(mut t) = s.table("plain_levels", ctx) else {
        return vec![None; levels.len()];
    };
    let plain = levels
        .iter()
        .map(|level| plain_text(&mut t, &level.id, ctx))
        .collect();
    t.finish(ctx);
    plain
}

fn t_path(id: &Option<String>) -> String {
    format!("outcomes.{}", id.as_deref().unwrap_or("?"))
}

fn read_action_plan(root: &mut Table<'_, '_>, ctx: &mut Ctx) -> ActionPlanLayout {
    let Some(mut t) = root.table("action_plan", ctx) else {
        return ActionPlanLayout::default();
    };
    let heading = t
        .str("heading", ctx)
        .unwrap_or_else(|| "Action plan".into());
    let rows = t.count("rows", 100, ctx).unwrap_or(6);
    let mut columns = Vec::new();
    for mut c in t.tables("columns", ctx) {
        let id = c.id("id", ctx, "give the column an id, such as \"target\"");
        let heading = c.required_str("heading", ctx, "give the column a heading");
        let hint = c.str("hint", ctx);
        let kind = match c.get("kind", ctx) {
            None => ColumnKind::Text,
            Some((path, v)) => match read::as_str(&path, v, ctx).as_deref() {
                Some("text") | None => ColumnKind::Text,
                Some("date") => ColumnKind::Date,
                Some(other) => {
                    ctx.push(
                        Diagnostic::error("bad-kind", format!("unknown column kind {other:?}"))
                            .at(crate::source::Span::from(v.span()))
                            .path(path)
                            .help("use \"text\" or \"date\""),
                    );
                    ColumnKind::Text
                }
            },
        };
        if let Some(id) = id.as_deref().filter(|id| ACTION_ROW_RESERVED.contains(id)) {
            ctx.push(
                Diagnostic::error(
                    "bad-id",
                    format!("an action plan column may not be called {id:?}"),
                )
                .path(c.path().to_owned())
                .help(format!(
                    "{} are reserved for every action plan row",
                    ACTION_ROW_RESERVED.join(" and ")
                )),
            );
        }
        c.finish(ctx);
        if let (Some(id), Some(heading)) = (id, heading) {
            columns.push(Column {
                id,
                heading,
                hint,
                kind,
            });
        }
    }
    t.finish(ctx);
    no_duplicates(&columns, |c| &c.id, "action_plan.columns", ctx);
    ActionPlanLayout {
        heading,
        rows,
        columns,
    }
}
