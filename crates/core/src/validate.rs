//! Checks an assessment against its rubric: every id it uses exists, every judgement is one of
//! the rubric's levels, nothing is listed twice, dates agree. What is merely unfinished
//! (strands not yet judged, checklist items unanswered) is a warning, never an error: a
//! half-done review is a normal state for a file to be in.

use std::collections::HashMap;

use crate::assessment::{Assessment, CellValue};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::read;
use crate::rubric::{ColumnKind, Rubric, ACTION_ROW_RESERVED};

impl Assessment {
    /// Every problem with this assessment as an answer to `rubric`: errors and warnings, in
    /// file order where the assessment came from a file.
    pub fn validate(&self, rubric: &Rubric) -> Vec<Diagnostic> {
        let mut v = Validator {
            a: self,
            rubric,
            out: Vec::new(),
        };
        v.rubric_ref();
        v.school();
        v.review();
        v.participants();
        v.checklist();
        v.outcomes();
        v.action_plan();
        v.names_in_family_text();
        let mut out = v.out;
        crate::diagnostic::sort(&mut out);
        out
    }
}

struct Validator<'a> {
    a: &'a Assessment,
    rubric: &'a Rubric,
    out: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, code: &'static str, path: &str, message: String, help: String) {
        let span = self.a.spans.value(path);
        self.out.push(
            Diagnostic::error(code, message)
                .path(path)
                .at(span)
                .help(help),
        );
    }

    /// An unknown id written as a key (`[outcomes.6]`, `notse = ...`), pointed at the key.
    fn unknown(&mut self, what: &str, id: &str, path: &str, known: Vec<&str>, help_tail: &str) {
        let span = self.a.spans.key(path);
        self.unknown_at(span, what, id, path, known, help_tail);
    }

    /// An unknown id written as a value (`role = "x"`), pointed at the value.
    fn unknown_value(
        &mut self,
        what: &str,
        id: &str,
        path: &str,
        known: Vec<&str>,
        help_tail: &str,
    ) {
        let span = self.a.spans.value(path);
        self.unknown_at(span, what, id, path, known, help_tail);
    }

    /// An unknown id at `span`, with a suggestion from the known ones.
    fn unknown_at(
        &mut self,
        span: Option<crate::source::Span>,
        what: &str,
        id: &str,
        path: &str,
        known: Vec<&str>,
        help_tail: &str,
    ) {
        let help = match did_you_mean(id, known.iter().copied()) {
            Some(s) => format!("did you mean {s:?}?"),
            None => format!("{help_tail}: {}", known.join(", ")),
        };
        self.out.push(
            Diagnostic::error("unknown-id", format!("unknown {what} {id:?}"))
                .path(path)
                .at(span)
                .help(help),
        );
    }

    fn rubric_ref(&mut self) {
        let (r, a) = (self.rubric, &self.a.rubric);
        if a.id.is_empty() {
            return; // reported as missing when the file was read
        }
        if a.id != r.id {
            self.error(
                "rubric-mismatch",
                "rubric.id",
                format!("this assessment answers the rubric {:?}, not {:?}", a.id, r.id),
                format!("use --rubric with the file for {:?}, or start a new assessment with `sendbench new`", a.id),
            );
        } else if a.version != r.version {
            self.error(
                "rubric-mismatch",
                "rubric.version",
                format!("this assessment answers version {:?} of the rubric, but version {:?} is in use", a.version, r.version),
                format!("use --rubric with version {:?}, or check the judgements against the new text and change the version", a.version),
            );
        }
    }

    fn school(&mut self) {
        self.one_line();
        let Some(urn) = &self.a.school.urn else {
            return;
        };
        // Schools have six-digit URNs; Ofsted-registered early years providers "EY" and six.
        let digits = urn.strip_prefix("EY").unwrap_or(urn);
        if !(digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())) {
            let span = self.a.spans.value("school.urn");
            self.out.push(
                Diagnostic::warning("urn-format", format!("the URN {urn:?} is not six digits"))
                    .path("school.urn")
                    .at(span)
                    .help("English schools' Unique Reference Numbers have six digits (EY and six for early years providers; Get Information about Schools lists them); area reports use them to tell schools apart"),
            );
        }
    }

    /// Fields that are one line in the Word form and in every report: a line break or tab
    /// in one would be lost on the way, so it is refused here, where it can be fixed.
    fn one_line(&mut self) {
        let a = self.a;
        let mut fields: Vec<(String, &str)> = vec![("school.name".into(), a.school.name.as_str())];
        if let Some(urn) = &a.school.urn {
            fields.push(("school.urn".into(), urn));
        }
        if let Some(area) = &a.school.area {
            fields.push(("school.area".into(), area));
        }
        for (i, p) in a.participants.iter().enumerate() {
            if let Some(name) = &p.name {
                fields.push((format!("participants[{i}].name"), name));
            }
            if let Some(title) = &p.title {
                fields.push((format!("participants[{i}].title"), title));
            }
        }
        for (i, k) in a.review.key_dates.iter().enumerate() {
            fields.push((format!("review.key_dates[{i}].event"), &k.event));
        }
        for (path, text) in fields {
            if text.contains(['\n', '\r', '\t']) {
                self.error(
                    "one-line",
                    &path,
                    format!("`{path}` has a line break or tab, but it is one line in the form and in every report"),
                    "write it on one line (a line break or tab here would be lost)".to_owned(),
                );
            }
        }
    }

    fn review(&mut self) {
        let review = &self.a.review;
        if let (Some(year), Some(date)) = (review.academic_year, review.date) {
            if !year.contains(date) {
                let span = self.a.spans.value("review.date");
                self.out.push(
                    Diagnostic::warning(
                        "date-outside-year",
                        format!("the review date {date} is not in the academic year {year}"),
                    )
                    .path("review.date")
                    .at(span)
                    .help(format!(
                        "academic years run from 1 September to 31 August: {date} is in {}",
                        crate::AcademicYear::containing(date)
                    )),
                );
            }
        }
        if review.date.is_none() {
            self.out.push(
                Diagnostic::warning("no-date", "the review has no date")
                    .path("review.date")
                    .help("add date = YYYY-MM-DD under [review]: reports are dated from it"),
            );
        }
    }

    fn participants(&mut self) {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for (i, p) in self.a.participants.iter().enumerate() {
            let path = format!("participants[{i}].role");
            if !p.role.is_empty() && self.rubric.role(&p.role).is_none() {
                // Accept the role's display name in place of its id in the message's hint.
                let known = self
                    .rubric
                    .participants
                    .roles
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                self.unknown_value("role", &p.role, &path, known, "the roles are");
            }
            let Some(name) = &p.name else { continue };
            let key = (p.role.clone(), name.trim().to_lowercase());
            if let Some(first) = seen.get(&key) {
                let first_span = self.a.spans.value(&format!("participants[{first}]"));
                let span = self.a.spans.value(&format!("participants[{i}]"));
                self.out.push(
                    Diagnostic::error(
                        "duplicate",
                        format!("{name:?} is listed twice as {:?}", p.role),
                    )
                    .path(format!("participants[{i}]"))
                    .at(span)
                    .related(first_span, "first listed here")
                    .help("remove one of the two [[participants]] entries"),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn checklist(&mut self) {
        let items = &self.rubric.checklist.items;
        for answer in &self.a.checklist {
            if !items.iter().any(|i| i.id == answer.item) {
                let known = items.iter().map(|i| i.id.as_str()).collect();
                self.unknown(
                    "checklist item",
                    &answer.item,
                    &read::join("checklist", &answer.item),
                    known,
                    "the checklist items are",
                );
            }
        }
        let unanswered: Vec<&str> = items
            .iter()
            .filter(|i| {
                self.a
                    .checklist_answer(&i.id)
                    .and_then(|a| a.status)
                    .is_none()
            })
            .map(|i| i.id.as_str())
            .collect();
        if !unanswered.is_empty() {
            self.out.push(
                Diagnostic::warning(
                    "not-answered",
                    format!(
                        "{} of {} statutory checklist items not yet answered: {}",
                        unanswered.len(),
                        items.len(),
                        unanswered.join(", ")
                    ),
                )
                .path("checklist")
                .help("give each a status: met, partly-met or not-met"),
            );
        }
    }

    fn outcomes(&mut self) {
        let rubric = self.rubric;
        let mut unjudged: Vec<String> = Vec::new();
        let mut without_evidence: Vec<String> = Vec::new();
        for review in &self.a.outcomes {
            let opath = read::join("outcomes", &review.outcome);
            let Some(outcome) = rubric.outcome(&review.outcome) else {
                let known = rubric.outcomes.iter().map(|o| o.id.as_str()).collect();
                self.unknown(
                    "outcome",
                    &review.outcome,
                    &opath,
                    known,
                    "the outcomes are",
                );
                continue;
            };
            self.outcome_fields(review, outcome, &opath);
            for j in &review.strands {
                let spath = read::join(&read::join(&opath, "strands"), &j.strand);
                let Some(strand) = outcome.strand(&j.strand) else {
                    let known = outcome.strands.iter().map(|s| s.id.as_str()).collect();
                    self.unknown(
                        &format!("strand in outcome {}:", outcome.id),
                        &j.strand,
                        &spath,
                        known,
                        "its strands are",
                    );
                    continue;
                };
                let code = format!("{}{}", outcome.id, strand.id);
                match self.level(j.level.as_deref(), &spath) {
                    Level::Unjudged => unjudged.push(code),
                    Level::Known if j.evidence.trim().is_empty() => without_evidence.push(code),
                    Level::Known | Level::Unknown => {}
                }
            }
        }
        for strand in rubric.strands() {
            let judged = self
                .a
                .judgement(&strand.outcome.id, &strand.strand.id)
                .is_some();
            if !judged {
                unjudged.push(strand.code());
            }
        }
        self.report_unjudged(unjudged, without_evidence);
    }

    /// Keys of an outcome that are not among the rubric's outcome fields.
    fn outcome_fields(
        &mut self,
        review: &crate::OutcomeReview,
        outcome: &crate::Outcome,
        opath: &str,
    ) {
        let rubric = self.rubric;
        for field in &review.fields {
            if !rubric.outcome_fields.iter().any(|f| f.id == field.id) {
                let mut known: Vec<&str> = rubric
                    .outcome_fields
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect();
                known.push("strands");
                let path = read::join(opath, &field.id);
                self.unknown(
                    &format!("key in outcome {}:", outcome.id),
                    &field.id,
                    &path,
                    known,
                    "the keys allowed here are",
                );
            }
        }
    }

    /// A strand's judgement: not given, one of the rubric's levels, or (reported here)
    /// none of them.
    fn level(&mut self, level: Option<&str>, spath: &str) -> Level {
        let rubric = self.rubric;
        match level.map(str::trim) {
            None | Some("") => Level::Unjudged,
            Some(text) if rubric.level_index(text).is_none() => {
                let names: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
                let help = match did_you_mean(text, names.iter().copied()) {
                    Some(s) => format!("did you mean {s}?"),
                    None => format!("the levels are {}", names.join(", ")),
                };
                let path = format!("{spath}.judgement");
                let span = self.a.spans.value(&path);
                self.out.push(
                    Diagnostic::error(
                        "unknown-level",
                        format!("{text:?} is not a level of this rubric"),
                    )
                    .path(path)
                    .at(span)
                    .help(help),
                );
                Level::Unknown
            }
            Some(_) => Level::Known,
        }
    }

    /// The strands not yet judged and the judgements without evidence, one line each.
    fn report_unjudged(&mut self, mut unjudged: Vec<String>, without_evidence: Vec<String>) {
        let rubric = self.rubric;
        if !unjudged.is_empty() {
            // One line per outcome reads better than 34 lines for a blank file.
            let total = rubric.strands().count();
            unjudged.sort_by_key(|code| rubric.strands().position(|s| &s.code() == code));
            self.out.push(
                Diagnostic::warning(
                    "not-judged",
                    format!(
                        "{} of {total} strands not yet judged: {}",
                        unjudged.len(),
                        unjudged.join(", ")
                    ),
                )
                .path("outcomes")
                .help("set judgement = \"...\" to one of the levels when the school has decided"),
            );
        }
        if !without_evidence.is_empty() {
            self.out.push(
                Diagnostic::warning(
                    "no-evidence",
                    format!(
                        "{} judgements have no evidence: {}",
                        without_evidence.len(),
                        without_evidence.join(", ")
                    ),
                )
                .path("outcomes")
                .help("say what supports each judgement in evidence = '''...'''"),
            );
        }
    }

    fn action_plan(&mut self) {
        let rubric = self.rubric;
        for (i, row) in self.a.action_plan.iter().enumerate() {
            let rpath = format!("action_plan[{i}]");
            if let Some(outcome) = &row.outcome {
                if rubric.outcome(outcome).is_none() {
                    let known = rubric.outcomes.iter().map(|o| o.id.as_str()).collect();
                    self.unknown_value(
                        "outcome",
                        outcome,
                        &format!("{rpath}.outcome"),
                        known,
                        "the outcomes are",
                    );
                }
            }
            self.action_cells(row, &rpath);
            let empty = row
                .cells
                .iter()
                .all(|c| matches!(&c.value, CellValue::Text(t) if t.trim().is_empty()));
            // The first text column is the target families are shown; a row without one
            // would be a blank line in their plan, so it is left out of their summaries.
            let target = rubric.action_plan.target_column();
            let no_target = target.is_some_and(|id| {
                !row.cells.iter().any(|c| {
                    c.column == id && matches!(&c.value, CellValue::Text(t) if !t.trim().is_empty())
                })
            });
            if empty {
                let span = self.a.spans.value(&rpath);
                self.out.push(
                    Diagnostic::warning("empty-row", "an action plan row is empty")
                        .path(rpath)
                        .at(span)
                        .help("fill it in or delete the [[action_plan]] entry"),
                );
            } else if let (true, Some(id)) = (no_target, target) {
                let span = self.a.spans.value(&rpath);
                self.out.push(
                    Diagnostic::warning(
                        "no-target",
                        format!(
                            "an action plan row has no {id}: the families' summaries leave it out"
                        ),
                    )
                    .path(rpath)
                    .at(span)
                    .help(format!("write what the action is for in `{id}`")),
                );
            }
        }
    }

    /// Each cell of an action plan row: a column of the rubric's plan, and a date where the
    /// column holds dates.
    fn action_cells(&mut self, row: &crate::ActionRow, rpath: &str) {
        let rubric = self.rubric;
        for cell in &row.cells {
            let path = read::join(rpath, &cell.column);
            let Some(column) = rubric
                .action_plan
                .columns
                .iter()
                .find(|c| c.id == cell.column)
            else {
                let mut known: Vec<&str> = rubric
                    .action_plan
                    .columns
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                known.extend(ACTION_ROW_RESERVED);
                self.unknown(
                    "action plan column",
                    &cell.column,
                    &path,
                    known,
                    "the columns are",
                );
                continue;
            };
            if let (ColumnKind::Date, CellValue::Text(text)) = (column.kind, &cell.value) {
                if !text.trim().is_empty() && read::parse_date(text).is_err() {
                    self.error(
                        "not-a-date",
                        &path,
                        format!("`{path}` is not a date: {text:?}"),
                        "write dates as YYYY-MM-DD, for example 2026-06-15".into(),
                    );
                }
            }
        }
    }

    /// Text families are shown (key dates, evidence marked public, action plan targets) that
    /// names someone listed as taking part: the families' documents print the text as it is,
    /// and everywhere else they show roles, never names.
    fn names_in_family_text(&mut self) {
        let people: Vec<(&str, Vec<&str>)> = (self.a.participants.iter())
            .filter_map(|p| p.name.as_deref())
            .map(|name| (name, name_words(name)))
            .filter(|(_, words)| !words.is_empty())
            .collect();
        if people.is_empty() {
            return;
        }
        let mut fields: Vec<(String, &str)> = Vec::new();
        for (i, k) in self.a.review.key_dates.iter().enumerate() {
            fields.push((format!("review.key_dates[{i}].event"), &k.event));
        }
        for o in &self.a.outcomes {
            for j in o.strands.iter().filter(|j| j.public) {
                let path = read::join(&read::join("outcomes", &o.outcome), "strands");
                let path = read::join(&read::join(&path, &j.strand), "evidence");
                fields.push((path, &j.evidence));
            }
        }
        if let Some(target) = self.rubric.action_plan.target_column() {
            for (i, row) in self.a.action_plan.iter().enumerate() {
                if let Some(CellValue::Text(text)) = row.cell(target) {
                    fields.push((read::join(&format!("action_plan[{i}]"), target), text));
                }
            }
        }
        for (path, text) in fields {
            let Some((name, _)) = people
                .iter()
                .find(|(_, words)| words.iter().any(|w| has_word(text, w)))
            else {
                continue;
            };
            let span = self.a.spans.value(&path);
            self.out.push(
                Diagnostic::warning(
                    "name-in-family-text",
                    format!("`{path}` names {name}, who is listed as taking part: the parents' and SEN information summaries print this text, and show roles, never names"),
                )
                .path(path)
                .at(span)
                .help("write the role instead (the SENCO, a governor), or leave the name out"),
            );
        }
    }
}

/// The words of a person's name worth looking for: first names and surnames of three
/// letters or more, titles (Mrs, Dr...) left out.
fn name_words(name: &str) -> Vec<&str> {
    const TITLES: [&str; 11] = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "cllr",
    ];
    name.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '(' || c == ')'))
        .filter(|w| w.chars().count() >= 3 && !TITLES.contains(&w.to_lowercase().as_str()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect()
}

/// Whether `text` has `word` as a whole word, in the same case (a name is written with its
/// capital; "the school hall" does not name Mr Hall).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What a strand's judgement is, to [`Validator::outcomes`].
enum Level {
    Unjudged,
    Known,
    Unknown,
}
