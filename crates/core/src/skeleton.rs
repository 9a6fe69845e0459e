//! Writes an assessment as a TOML file people can edit by hand: the rubric's text as comments
//! beside each entry (descriptors above each strand, the duty above each checklist item), in
//! the toolkit's order. `sendbench new` writes a blank one; `import` writes a filled one.

use std::fmt::Write;

use crate::assessment::{Assessment, CellValue, ChecklistStatus};
use crate::rubric::Rubric;

/// How to write an assessment file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkeletonOptions {
    /// Put the rubric's descriptors and duties beside the entries as comments.
    pub comments: bool,
}

impl Default for SkeletonOptions {
    fn default() -> Self {
        SkeletonOptions { comments: true }
    }
}

/// Writes `assessment` as TOML, with an entry for every checklist item, outcome field and
/// strand of `rubric` (empty where the assessment has nothing), so the file is complete
/// enough to fill in.
pub fn write_assessment(
    assessment: &Assessment,
    rubric: &Rubric,
    options: SkeletonOptions,
) -> String {
    let mut w = Writer {
        out: String::new(),
        comments: options.comments,
    };
    w.header(assessment, rubric);
    w.participants(assessment, rubric);
    w.checklist(assessment, rubric);
    w.outcomes(assessment, rubric);
    w.action_plan(assessment, rubric);
    w.out
}

struct Writer {
    out: String,
    comments: bool,
}

/// Encodes text as a TOML string: a multi-line literal string for paragraphs (readable, no
/// escapes), a basic string with escapes otherwise.
pub(crate) fn toml_string(text: &str) -> String {
    let literal_ok = text.contains('\n')
        && !text.contains("'''")
        && !text.ends_with('\'')
        && !text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}');
    if literal_ok {
        return format!("'''\n{text}'''");
    }
    toml_basic_string(text)
}

/// Encodes text as a TOML basic string: in double quotes, with quotes, backslashes, line
/// ends, tabs and every other control character escaped, so any text reads back as itself.
pub fn toml_basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Writer {
    fn line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
    }

    fn comment(&mut self, text: &str) {
        if self.comments {
            self.wrapped("# ", "# ", text);
        }
    }

    /// A comment wrapped at 96 columns, `first` before the first line, `rest` before others.
    fn wrapped(&mut self, first: &str, rest: &str, text: &str) {
        let mut line = first.to_owned();
        let mut empty = true;
        for word in text.split_whitespace() {
            if !empty && line.chars().count() + 1 + word.chars().count() > 96 {
                self.line(line.trim_end());
                line = rest.to_owned();
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
        }
        self.line(line.trim_end());
    }

    fn kv(&mut self, key: &str, value: &str) {
        self.line(&format!("{key} = {}", toml_string(value)));
    }

    fn header(&mut self, a: &Assessment, rubric: &Rubric) {
        self.line(&format!("# {}", rubric.title));
        if !a.school.name.is_empty() {
            // A comment ends at a line break: keep a name with odd characters on one line.
            let name: String = a
                .school
                .name
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            self.line(&format!("# Assessment for {name}"));
        }
        if self.comments {
            self.line("#");
            let levels: Vec<String> = rubric
                .levels
                .iter()
                .map(|l| format!("\"{}\"", l.id))
                .collect();
            self.wrapped(
                "# ",
                "# ",
                &format!(
                    "For each strand, set `judgement` to the best-fit level ({}) and say what supports it in \
                     `evidence`. Leave a judgement empty (\"\") until the school has decided. Dates are written \
                     YYYY-MM-DD. Check the file with `sendbench validate FILE`.",
                    levels.join(", ")
                ),
            );
        }
        self.line("");
        self.line(&format!(
            "rubric = {{ id = {}, version = {} }}",
            toml_string(&rubric.id),
            toml_string(&rubric.version)
        ));
        self.line("");
        self.line("[school]");
        self.kv("name", &a.school.name);
        self.comment("Unique Reference Number: six digits, from Get Information about Schools.");
        self.kv("urn", a.school.urn.as_deref().unwrap_or(""));
        self.comment("Local area or cluster, e.g. \"DSPL 9\".");
        self.kv("area", a.school.area.as_deref().unwrap_or(""));
        self.line("");
        self.line("[review]");
        self.comment("Academic year, e.g. \"2025/26\", and the date the review was completed.");
        self.kv(
            "academic_year",
            &a.review
                .academic_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
        );
        self.date("date", a.review.date);
        if a.review.key_dates.is_empty() {
            if self.comments {
                self.line("");
                self.line(&format!(
                    "# {}: add one [[review.key_dates]] entry per date.",
                    rubric.introduction.key_dates_label.trim_end_matches(':')
                ));
                self.line("# [[review.key_dates]]");
                self.line("# event = \"Review meeting with governors\"");
                self.line("# date = 2026-06-12");
            }
        } else {
            for k in &a.review.key_dates {
                self.line("");
                self.line("[[review.key_dates]]");
                self.kv("event", &k.event);
                self.date("date", k.date);
            }
        }
    }

    fn date(&mut self, key: &str, date: Option<jiff::civil::Date>) {
        match date {
            Some(d) => self.line(&format!("{key} = {d}")),
            None => self.kv(key, ""),
        }
    }

    fn participants(&mut self, a: &Assessment, rubric: &Rubric) {
        self.line("");
        self.comment(&format!("── {} ──", rubric.participants.heading));
        if self.comments {
            let roles: Vec<String> = rubric
                .participants
                .roles
                .iter()
                .map(|r| format!("{} ({})", r.id, r.name))
                .collect();
            self.wrapped(
                "# ",
                "# ",
                &format!(
                    "One [[participants]] entry per person: role is one of {}. `title` is their job title \
                     where the role needs one; `name` may be left out (for pupils, say).",
                    roles.join(", ")
                ),
            );
        }
        if a.participants.is_empty() && self.comments {
            self.line("# [[participants]]");
            self.line("# role = \"senco\"");
            self.line("# name = \"\"");
            self.line("# date = 2026-05-12");
        }
        for p in &a.participants {
            self.line("");
            self.line("[[participants]]");
            self.kv("role", &p.role);
            if let Some(title) = &p.title {
                self.kv("title", title);
            }
            if let Some(name) = &p.name {
                self.kv("name", name);
            }
            if let Some(date) = p.date {
                self.line(&format!("date = {date}"));
            }
        }
    }

    fn checklist(&mut self, a: &Assessment, rubric: &Rubric) {
        self.line("");
        self.comment(&format!(
            "── {} ({}) ──",
            rubric.checklist.heading, rubric.checklist.subheading
        ));
        self.comment(&format!(
            "{} status: \"met\", \"partly-met\" or \"not-met\"; evidence: how the school could show it.",
            rubric.checklist.introduction
        ));
        for item in &rubric.checklist.items {
            let answer = a.checklist_answer(&item.id);
            self.line("");
            self.comment(&format!("{} {}", rubric.checklist.lead, item.text));
            self.line(&format!("[checklist.{}]", item.id));
            self.kv(
                "status",
                answer
                    .and_then(|x| x.status)
                    .map_or("", ChecklistStatus::id),
            );
            self.kv("evidence", answer.map_or("", |x| x.evidence.as_str()));
        }
        // Answers to items the rubric does not have are kept rather than silently dropped.
        for answer in a
            .checklist
            .iter()
            .filter(|x| !rubric.checklist.items.iter().any(|i| i.id == x.item))
        {
            self.line("");
            self.line(&format!(
                "[checklist.{}]",
                crate::read::join("", &answer.item)
            ));
            self.kv("status", answer.status.map_or("", ChecklistStatus::id));
            self.kv("evidence", &answer.evidence);
        }
    }

    fn outcomes(&mut self, a: &Assessment, rubric: &Rubric) {
        for outcome in &rubric.outcomes {
            let review = a.outcome(&outcome.id);
            self.line("");
            self.line("");
            self.comment(&format!(
                "════ Outcome {}: {} ════",
                outcome.id, outcome.title
            ));
            if self.comments && !rubric.guidance.questions.is_empty() {
                let questions: Vec<String> = rubric
                    .guidance
                    .questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| format!("{}. {q}", i + 1))
                    .collect();
                self.wrapped(
                    "# ",
                    "# ",
                    &format!("{} {}", rubric.guidance.lead, questions.join(" ")),
                );
            }
            for strand in &outcome.strands {
                let j = review.and_then(|r| r.judgement(&strand.id));
                self.line("");
                if self.comments {
                    self.line(&format!("# {}{}", outcome.id, strand.id));
                    for (level, text) in rubric.levels.iter().zip(&strand.descriptors) {
                        let first = format!("#   {}: ", level.name);
                        let rest = format!("#   {}", " ".repeat(level.name.chars().count() + 2));
                        self.wrapped(&first, &rest, text);
                    }
                }
                self.line(&format!("[outcomes.{}.strands.{}]", outcome.id, strand.id));
                self.kv(
                    "judgement",
                    j.and_then(|j| j.level.as_deref()).unwrap_or(""),
                );
                self.kv("evidence", j.map_or("", |j| j.evidence.as_str()));
                if j.is_some_and(|j| j.public) {
                    self.line("public = true");
                }
            }
            self.line("");
            self.line(&format!("[outcomes.{}]", outcome.id));
            for field in &rubric.outcome_fields {
                self.kv(&field.id, review.map_or("", |r| r.field(&field.id)));
            }
        }
    }

    fn action_plan(&mut self, a: &Assessment, rubric: &Rubric) {
        let plan = &rubric.action_plan;
        self.line("");
        self.line("");
        self.comment(&format!("════ {} ════", plan.heading));
        if self.comments {
            let columns: Vec<String> = plan
                .columns
                .iter()
                .map(|c| match &c.hint {
                    Some(hint) => format!("{} = {} ({hint})", c.id, c.heading),
                    None => format!("{} = {}", c.id, c.heading),
                })
                .collect();
            self.wrapped(
                "# ",
                "# ",
                &format!(
                    "One [[action_plan]] entry per target. Columns: {}. Optional: outcome = the outcome it \
                     serves (\"1\"), due = the date it should be done by.",
                    columns.join("; ")
                ),
            );
        }
        if a.action_plan.is_empty() && self.comments {
            self.line("# [[action_plan]]");
            self.line("# outcome = \"1\"");
            for c in &plan.columns {
                // Text and date columns alike start empty ("" is a date not yet known).
                self.line(&format!("# {} = \"\"", c.id));
            }
            self.line("# due = 2026-12-18");
        }
        for row in &a.action_plan {
            self.line("");
            self.line("[[action_plan]]");
            if let Some(outcome) = &row.outcome {
                self.kv("outcome", outcome);
            }
            for cell in &row.cells {
                let key = crate::read::join("", &cell.column);
                match &cell.value {
                    CellValue::Text(t) => self.kv(&key, t),
                    CellValue::Date(d) => self.line(&format!("{key} = {d}")),
                }
            }
            if let Some(due) = row.due {
                self.line(&format!("due = {due}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn strings_survive_toml() {
        for text in [
            "plain",
            "a \"quote\" and \\",
            "two\nlines",
            "ends with '",
            "'''\nx",
            "bell\u{7}",
            "tab\there",
        ] {
            let doc = format!("v = {}", toml_string(text));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(parsed["v"].as_str(), Some(text), "{doc}");
        }
    }
}
