//! What a sheet's columns hold, by the meaning of their headers: where the header is (found
//! below titles and blank rows, or said in a column map), what each header says once a
//! survey tool's header rows are put together, and which strand, duty or school detail it
//! is about, however it is worded.
//!
//! A strand is found by its code wherever it stands (`1a`, `1 a.`, `(1a)`, `[1a]`, after a
//! question number: `6. 1a.`, `Q6: 1a`), by an outcome named in the question and a strand
//! letter in the row label (`Outcome 1 [a]`, a SurveyMonkey matrix heading over `a`), or by
//! a strand's descriptor. A school detail is found by the words a person uses for it (area,
//! DSPL, locality, cluster; URN, unique reference; school or setting with name; year; date).
//! A survey tool's own columns are recognised from [`super::tools`]. Whatever cannot be
//! placed, or could be placed two ways, is a problem naming the header and its cell; a
//! column whose answers are level names is said to be almost certainly a strand.

use std::collections::HashMap;

use sendbench_core::{Outcome, Rubric};

use super::grid::{letter, Grid, Value};
use super::map::{ColumnMap, Field};
use super::tools::{self, HeaderRows, Tool};

/// How far down a sheet the header is looked for.
pub const HEADER_SEARCH_ROWS: usize = 50;
/// The most header rows a sheet has (Qualtrics writes three).
const MAX_HEADER_ROWS: usize = 3;

/// Lower case, punctuation to spaces, spaces collapsed: how headers and descriptors are
/// compared ("1a. All teachers..." and "1A all teachers" are the same). Apostrophes go
/// without a space ("school's" is "schools").
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space && c != '\'' && c != '’' {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// What a column's header says, put together from the header rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// The column's own text: its label under a question, or its question.
    pub own: String,
    /// The question over a group of columns (written over the first only, and carried
    /// over to the rest), when the column's own text is a row label.
    pub above: Option<String>,
    /// A tool's own id for the column (Qualtrics' `Q2_1`).
    pub id: Option<String>,
    /// The row the column's own text stands in (0-based), for naming its cell.
    pub row: usize,
}

impl Header {
    /// The whole header as a person reads it: the question and the label.
    pub fn text(&self) -> String {
        match &self.above {
            // A group heading that says again what the column says ("School" over "School").
            Some(above) if normalise(above) == normalise(&self.own) => self.own.clone(),
            Some(above) if !self.own.is_empty() => format!("{above} {}", self.own),
            Some(above) => above.clone(),
            None => self.own.clone(),
        }
    }

    fn is_empty(&self) -> bool {
        self.own.trim().is_empty() && self.above.is_none()
    }
}

/// Where the header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The first header row (0-based).
    pub first: usize,
    /// How many header rows.
    pub rows: usize,
}

impl Block {
    /// The first row after the header: the first that may be a return.
    pub fn end(&self) -> usize {
        self.first + self.rows
    }
}

/// The rubric's words that answer a strand, normalised once: level names and ids, and
/// every strand's descriptors (a sheet is tested against them cell by cell).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    levels: Vec<String>,
    descriptors: std::collections::HashSet<String>,
}

impl Answers {
    /// The answers of a rubric.
    pub fn of(rubric: &Rubric) -> Answers {
        Answers {
            levels: rubric
                .levels
                .iter()
                .flat_map(|l| [normalise(&l.name), normalise(&l.id)])
                .collect(),
            descriptors: rubric
                .strands()
                .flat_map(|s| s.strand.descriptors.iter().map(|d| normalise(d)))
                .collect(),
        }
    }

    /// Whether a cell's value is an answer to a strand: a level's name or id, a form's
    /// option ("Expected: High quality teaching..."), or a strand's descriptor.
    pub fn is_level(&self, value: &Value) -> bool {
        let Some(text) = value.as_text() else {
            return false;
        };
        if text.is_empty() || text.len() > 2_000 {
            return false;
        }
        let norm = normalise(text);
        if self.levels.contains(&norm) {
            return true;
        }
        if let Some((before, _)) = text.split_once([':', '-', '–']) {
            if self.levels.contains(&normalise(before)) {
                return true;
            }
        }
        self.descriptors.contains(&norm)
    }
}

/// Finds the header: the row a column map names; else the row where a survey tool's own
/// columns stand (with the rows the tool writes under it); else the row that most looks
/// like a header (its cells strand codes, school details, a tool's own columns), or failing
/// that the row just above the first row of answers, with the rows above it that head
/// groups of its columns, never a title or a blank row; else the first row with two cells
/// filled.
pub fn find_block(
    grid: &Grid,
    (rubric, answers): (&Rubric, &Answers),
    map: Option<&ColumnMap>,
) -> (Block, Option<&'static Tool>) {
    let search = grid.height().min(HEADER_SEARCH_ROWS);
    let texts = |row: usize| {
        grid.row(row)
            .iter()
            .map(|(_, v)| v.text())
            .collect::<Vec<_>>()
    };
    let recognise = |row: usize| tools::recognise(texts(row).iter().map(String::as_str));
    if let Some(first) = map.and_then(|m| m.header_row) {
        let first = first.saturating_sub(1);
        let tool = map
            .and_then(|m| m.tool)
            .or_else(|| (first..first + MAX_HEADER_ROWS).find_map(recognise));
        let rows = match (map.and_then(|m| m.header_rows), tool) {
            (Some(n), _) => n,
            (None, Some(tool)) => tool_rows(grid, answers, tool, first),
            (None, None) => 1,
        };
        return (Block { first, rows }, tool);
    }
    for row in 0..search {
        if let Some(tool) = map
            .and_then(|m| m.tool)
            .filter(|_| grid.filled(row) >= 2)
            .or_else(|| recognise(row))
        {
            let rows = map
                .and_then(|m| m.header_rows)
                .unwrap_or_else(|| tool_rows(grid, answers, tool, row));
            return (Block { first: row, rows }, Some(tool));
        }
    }
    let holds_answers = |row: usize| grid.row(row).iter().any(|(_, v)| answers.is_level(v));
    // The row whose cells most look like headers: a strand's code, a school detail, a
    // survey tool's own column. Two at least, so a title is never taken for it.
    let best = (0..search)
        .map(|r| (header_score(grid, r, (rubric, answers)), r))
        .filter(|(score, _)| *score >= 2)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let block = match (best, (0..search).find(|&r| holds_answers(r))) {
        (Some((_, header)), _) => above_answers(grid, header + 1),
        (None, Some(data)) => above_answers(grid, data),
        (None, None) => {
            let first = (0..search).find(|&r| grid.filled(r) >= 2).unwrap_or(0);
            Block { first, rows: 1 }
        }
    };
    let rows = map.and_then(|m| m.header_rows).unwrap_or(block.rows);
    (Block { rows, ..block }, None)
}

/// How much a row looks like a header: its cells that are a strand's code, a school detail
/// or a survey tool's own column; none for a row holding answers.
fn header_score(grid: &Grid, row: usize, (rubric, answers): (&Rubric, &Answers)) -> usize {
    let cells = grid.row(row);
    if cells.len() < 2 || cells.iter().any(|(_, v)| answers.is_level(v)) {
        return 0;
    }
    cells
        .iter()
        .filter_map(|(_, v)| v.as_text())
        .filter(|t| t.len() <= 300)
        .filter(|t| {
            let norm = normalise(t);
            !codes_in(t, rubric).is_empty()
                || detail(t, rubric) != Matched::None
                || tools::ANY_OWN.contains(&norm.as_str())
                || tools::ANY_SUBMITTED.contains(&norm.as_str())
        })
        .count()
}

/// The header rows just above row `data`: the row above it, and the rows above that which
/// head groups of its columns (filled across at least half its width), never a title (one
/// cell) or a blank row.
fn above_answers(grid: &Grid, data: usize) -> Block {
    if data == 0 {
        return Block { first: 0, rows: 0 };
    }
    let mut first = data - 1;
    let reach = |row: usize| grid.row(row).last().map_or(0, |(c, _)| *c + 1);
    let lowest = reach(data - 1);
    while first > 0
        && data - first < MAX_HEADER_ROWS
        && grid.filled(first - 1) >= 2
        && reach(first - 1) * 2 >= lowest
    {
        first -= 1;
    }
    Block {
        first,
        rows: data - first,
    }
}

/// How many header rows a tool wrote, its own columns' row being `row`.
fn tool_rows(grid: &Grid, answers: &Answers, tool: &Tool, row: usize) -> usize {
    let answers = |r: usize| grid.row(r).iter().any(|(_, v)| answers.is_level(v));
    let import_ids = |r: usize| grid.row(r).iter().any(|(_, v)| is_import_id(v));
    match tool.rows {
        HeaderRows::One => {
            // A tool's one row may still have an import-id row under it when re-exported.
            1 + usize::from(import_ids(row + 1))
        }
        HeaderRows::QuestionsThenLabels { .. } => {
            if grid.filled(row + 1) > 0 && !answers(row + 1) {
                2
            } else {
                1
            }
        }
        HeaderRows::IdsTextsImportIds => {
            let mut rows = 1;
            if grid.filled(row + 1) > 0 && !answers(row + 1) && !import_ids(row + 1) {
                rows = 2;
            }
            if import_ids(row + rows) {
                rows += 1;
            }
            rows
        }
    }
}

/// Qualtrics' third header row: `{"ImportId":"QID2_1"}`.
fn is_import_id(value: &Value) -> bool {
    value.as_text().is_some_and(|t| {
        let t = t.trim_start();
        t.starts_with('{') && t.to_lowercase().contains("importid")
    })
}

/// "Response" and the like: the label under a question with one answer, of the tool (or of
/// any tool, when none was recognised).
fn is_response_label(text: &str, tool: Option<&Tool>) -> bool {
    let norm = normalise(text);
    let labels: &[&str] = match tool.map(|t| t.rows) {
        Some(HeaderRows::QuestionsThenLabels { labels }) => labels,
        _ => &["response", "responses", "open ended response"],
    };
    labels.contains(&norm.as_str())
}

/// Each column's header, from the header rows: a question written over the first column of
/// a group carries over the empty cells to its right, onto columns that have a label of
/// their own; a label that only says "Response" gives way to the question over it; a row
/// of import ids is left out, and a row of a tool's ids above the text is kept as the ids.
pub fn compose(grid: &Grid, block: Block, tool: Option<&Tool>) -> Vec<Header> {
    let mut rows: Vec<usize> = (block.first..block.end())
        .filter(|&r| !grid.row(r).iter().any(|(_, v)| is_import_id(v)))
        .collect();
    // Qualtrics: its ids, then the text people read.
    let ids = (tool.is_some_and(|t| t.rows == HeaderRows::IdsTextsImportIds) && rows.len() >= 2)
        .then(|| rows.remove(0));
    let Some(&lowest) = rows.last() else {
        return vec![Header::default(); grid.width()];
    };
    let uppers = &rows[..rows.len() - 1];
    let mut carried: Vec<String> = vec![String::new(); uppers.len()];
    (0..grid.width())
        .map(|column| {
            let own = grid.get(lowest, column).text();
            let label = !own.is_empty() && !is_response_label(&own, tool);
            let mut above = Vec::new();
            for (u, &row) in uppers.iter().enumerate() {
                let text = grid.get(row, column).text();
                if !text.is_empty() {
                    carried[u] = text.clone();
                    above.push(text);
                } else if label && !carried[u].is_empty() {
                    above.push(carried[u].clone());
                }
            }
            let id = ids
                .map(|r| grid.get(r, column).text())
                .filter(|t| !t.is_empty());
            let above = above.join(" ");
            let (own, above, row) = match (label, above.is_empty()) {
                (true, true) => (own, None, lowest),
                (true, false) => (own, Some(above), lowest),
                (false, _) => (above, None, uppers.last().copied().unwrap_or(lowest)),
            };
            Header {
                own,
                above,
                id,
                row,
            }
        })
        .collect()
}

/// What a header was matched to, and how.
#[derive(Debug, Clone, PartialEq)]
pub enum Matched {
    /// Nothing.
    None,
    /// One meaning, and how it was found ("by its code").
    One(Field, String),
    /// Several meanings: ambiguous.
    Many(Vec<Field>),
}

/// What a header means: a survey tool's own column, a strand's level or evidence, a duty,
/// or a school detail.
pub fn match_header(header: &Header, tool: Option<&Tool>, rubric: &Rubric) -> Matched {
    if let Some(found) = own_column(header, tool) {
        return found;
    }
    let content = content(header, rubric);
    if content != Matched::None {
        return content;
    }
    detail(&header.text(), rubric)
}

/// "SurveyMonkey's", "Google Forms'".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A survey tool's own column, or its completion time.
fn own_column(header: &Header, tool: Option<&Tool>) -> Option<Matched> {
    let names: Vec<String> = [Some(header.text()), header.id.clone()]
        .into_iter()
        .flatten()
        .map(|t| normalise(&t))
        .collect();
    let any = |list: &[&str]| names.iter().any(|n| list.contains(&n.as_str()));
    if let Some(tool) = tool {
        if any(tool.submitted) {
            return Some(Matched::One(
                Field::Submitted,
                format!("{} completion time", possessive(tool.name)),
            ));
        }
        if names.iter().any(|n| tool.is_own(n)) {
            return Some(Matched::One(
                Field::Ignore,
                format!("{}'s own column", tool.name),
            ));
        }
    }
    if any(tools::ANY_SUBMITTED) {
        return Some(Matched::One(
            Field::Submitted,
            "a survey tool's completion time".into(),
        ));
    }
    if any(tools::ANY_OWN) {
        return Some(Matched::One(
            Field::Ignore,
            "a survey tool's own column".into(),
        ));
    }
    None
}

/// A header read as a question and a row label: the whole, then each way a tool names a
/// grid row (the question above, `Question [Row]`, `Question - Row`, `Question: Row`).
fn readings(header: &Header) -> Vec<(Option<String>, String)> {
    let mut out = vec![(None, header.text())];
    if let Some(above) = &header.above {
        out.push((Some(above.clone()), header.own.clone()));
    }
    let own = header.own.trim();
    if let Some(open) = own.rfind('[').filter(|_| own.ends_with(']')) {
        out.push((
            Some(own[..open].trim().to_owned()),
            own[open + 1..own.len() - 1].trim().to_owned(),
        ));
    }
    for separator in [" - ", " – ", ": ", ":"] {
        if let Some(at) = own.rfind(separator) {
            out.push((
                Some(own[..at].trim().to_owned()),
                own[at + separator.len()..].trim().to_owned(),
            ));
        }
    }
    out
}

/// A strand's level or evidence, or a duty, by what the header says; the first reading of
/// it that gives one meaning wins, and one that gives several makes it ambiguous.
fn content(header: &Header, rubric: &Rubric) -> Matched {
    // Exact ways first (a code, a letter under its outcome, a descriptor) in every reading;
    // a row label's own words only when none of them places it.
    for loose in [false, true] {
        for (question, label) in readings(header) {
            let found = in_reading(question.as_deref(), &label, loose, rubric);
            if found != Matched::None {
                return found;
            }
        }
    }
    Matched::None
}

/// What one reading of a header (a question, if split off, and the rest) is about.
fn in_reading(question: Option<&str>, label: &str, loose: bool, rubric: &Rubric) -> Matched {
    let mut found: Vec<(String, &'static str)> = Vec::new();
    let codes = codes_in(label, rubric);
    let outcomes = question.map_or_else(Vec::new, |q| outcomes_in(q, rubric));
    let outcome = match outcomes.as_slice() {
        [outcome] => Some(*outcome),
        _ => None,
    };
    if !codes.is_empty() {
        found.extend(codes.into_iter().map(|c| (c, "by its code")));
    } else if let Some(code) = outcome.and_then(|o| letter_in(label, o)) {
        found.push((code, "by its outcome and strand letter"));
    }
    if found.is_empty() {
        found.extend(
            described(label, rubric)
                .into_iter()
                .map(|c| (c, "by its descriptor")),
        );
    }
    if found.is_empty() && loose {
        // A grid row named in a few words of its strand, under a question naming the
        // outcome ("Outcome 2 ... [Feedback to teachers]").
        if let Some(code) = outcome.and_then(|o| by_words(label, o)) {
            found.push((code, "by the words of its descriptors, under its outcome"));
        }
    }
    let evidence = says_evidence(label, rubric);
    let mut fields: Vec<(Field, &'static str)> = Vec::new();
    for (code, how) in found {
        let field = if evidence {
            Field::Evidence(code)
        } else {
            Field::Level(code)
        };
        if !fields.iter().any(|(f, _)| *f == field) {
            fields.push((field, how));
        }
    }
    let norm = normalise(label);
    for item in &rubric.checklist.items {
        let text = normalise(&item.text);
        if contains_words(&norm, &text)
            || norm == normalise(&item.id)
            || is_prefix_of(&norm, &text, 6)
        {
            fields.push((Field::Duty(item.id.clone()), "by the duty's text"));
        }
    }
    match fields.len() {
        0 => Matched::None,
        1 => {
            let (field, how) = fields.remove(0);
            Matched::One(field, how.to_owned())
        }
        _ => Matched::Many(fields.into_iter().map(|(f, _)| f).collect()),
    }
}

/// Every strand whose code is written in the text: as one token (`1a`, `1a.`, `(1a)`,
/// `[1a]`, `1.a`, `Q1a`), or as two (`1 a`) where the letter stands alone (punctuated, last,
/// or after "outcome" or "strand": "5. A school..." is a question number and a sentence).
fn codes_in(text: &str, rubric: &Rubric) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().take(200).collect();
    let core = |t: &str| -> String {
        t.trim_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .filter(|c| !matches!(c, '.' | '(' | ')' | '-' | '_'))
            .collect::<String>()
            .to_lowercase()
    };
    let cores: Vec<String> = tokens.iter().map(|t| core(t)).collect();
    let mut found: Vec<String> = Vec::new();
    for s in rubric.strands() {
        let code = s.code();
        let id = code.to_lowercase().replace(['.', '-', '_'], "");
        let (outcome, strand) = (s.outcome.id.to_lowercase(), s.strand.id.to_lowercase());
        let hit = (0..tokens.len()).any(|i| {
            let c = &cores[i];
            if *c == id || c.strip_prefix('q') == Some(id.as_str()) {
                return true;
            }
            // "1 a": the outcome's id, then the strand's standing alone.
            let Some(next) = tokens.get(i + 1) else {
                return false;
            };
            if *c != outcome || cores[i + 1] != strand || tokens[i].ends_with(['.', ':']) {
                return false;
            }
            let punctuated = next.ends_with(['.', ')', ':', ']']) || next.starts_with(['(', '[']);
            let last = i + 2 == tokens.len();
            let named = i > 0
                && matches!(
                    cores[i - 1].as_str(),
                    "outcome" | "strand" | "q" | "question"
                );
            punctuated || last || named
        });
        if hit && !found.contains(&code) {
            found.push(code);
        }
    }
    found
}

/// The outcomes a question names: "Outcome 1", or an outcome's title.
fn outcomes_in<'r>(question: &str, rubric: &'r Rubric) -> Vec<&'r Outcome> {
    let norm = normalise(question);
    let words: Vec<&str> = norm.split(' ').collect();
    rubric
        .outcomes
        .iter()
        .filter(|o| {
            let id = normalise(&o.id);
            words.windows(2).any(|w| w[0] == "outcome" && w[1] == id)
                || contains_words(&norm, &normalise(&o.title))
        })
        .collect()
}

/// The strand of `outcome` a row label names by its letter alone: `a`, `a.`, `(a)`, `a)`,
/// `Strand a`, or a letter so punctuated before the row's text (`a. High quality...`).
fn letter_in(label: &str, outcome: &Outcome) -> Option<String> {
    let label = label.trim();
    let rest = label
        .strip_prefix("Strand ")
        .or_else(|| label.strip_prefix("strand "))
        .unwrap_or(label);
    let first = rest.split_whitespace().next()?;
    let alone = rest.split_whitespace().count() == 1;
    let punctuated = first.ends_with(['.', ')', ':']) || first.starts_with('(');
    if !alone && !punctuated {
        return None;
    }
    let letter = first.trim_matches(|c: char| !c.is_alphanumeric());
    outcome
        .strands
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(letter))
        .map(|s| format!("{}{}", outcome.id, s.id))
}

/// The strands whose descriptor the text quotes whole, or begins (at least five words, as
/// a form shortens a long option: "High quality teaching is regularly differentiated...").
fn described(text: &str, rubric: &Rubric) -> Vec<String> {
    let norm = normalise(text);
    let mut found = Vec::new();
    for s in rubric.strands() {
        let hit = s.strand.descriptors.iter().any(|d| {
            let d = normalise(d);
            contains_words(&norm, &d) || is_prefix_of(&norm, &d, 5)
        });
        if hit {
            found.push(s.code());
        }
    }
    found
}

/// Words too common to tell strands apart.
const COMMON_WORDS: &[&str] = &[
    "the", "of", "and", "with", "to", "for", "in", "a", "an", "on", "at", "by", "is", "are", "be",
    "or", "their", "its", "our", "your", "this", "that", "from", "as", "into", "over", "which",
    "what", "how", "does", "do", "school", "schools",
];

/// A row label's words, and a strand's, as compared: lower case, the common words out,
/// plain endings off ("promoting" and "promote" are one), "CYP" as the words it stands for.
fn key_words(text: &str) -> Vec<String> {
    let stem = |w: &str| -> String {
        for ending in ["ing", "ed", "es", "s", "ly"] {
            if w.len() > 4 {
                if let Some(root) = w.strip_suffix(ending) {
                    return root.to_owned();
                }
            }
        }
        w.to_owned()
    };
    normalise(text)
        .split(' ')
        .flat_map(|w| match w {
            "cyp" => vec!["children", "young", "people"],
            w => vec![w],
        })
        .filter(|w| w.len() >= 3 && !COMMON_WORDS.contains(w))
        .map(stem)
        .collect()
}

/// The strand of `outcome` a short row label names in its own words: the one strand whose
/// descriptors (and plain summary) hold more of the label's words than any other of the
/// outcome's, and at least 3 in 5 of them (2 at least). A tie, or too few, names none: the
/// column is then not placed, never guessed.
fn by_words(label: &str, outcome: &Outcome) -> Option<String> {
    let words: std::collections::BTreeSet<String> = key_words(label).into_iter().collect();
    if words.is_empty() || words.len() > 10 {
        return None;
    }
    let mut scores: Vec<(usize, &str)> = outcome
        .strands
        .iter()
        .map(|s| {
            let mut text = s.descriptors.join(" ");
            text.push(' ');
            text.push_str(s.plain.as_deref().unwrap_or(""));
            let own: std::collections::BTreeSet<String> = key_words(&text).into_iter().collect();
            (words.intersection(&own).count(), s.id.as_str())
        })
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    let best = scores.first()?;
    let second = scores.get(1).map_or(0, |s| s.0);
    let needed = (words.len() * 3).div_ceil(5).max(2);
    (best.0 >= needed && best.0 > second).then(|| format!("{}{}", outcome.id, best.1))
}

/// Whether `text` (normalised) is the start of `whole` (normalised), at least `words` long,
/// or ends with the start of it after a question's code (`1a high quality teaching is`).
fn is_prefix_of(text: &str, whole: &str, words: usize) -> bool {
    let text_words: Vec<&str> = text.split(' ').collect();
    (0..text_words.len().min(4)).any(|skip| {
        let tail = &text_words[skip..];
        tail.len() >= words && format!("{whole} ").starts_with(&format!("{} ", tail.join(" ")))
    })
}

/// Whether a header says it holds a strand's evidence: "1a evidence", "Evidence for 1a",
/// "1a: comments", "What evidence supports your judgement?"; not where the word is a
/// descriptor's own ("5a. There is evidence of proactive...", the words around it being the
/// descriptor's).
fn says_evidence(text: &str, rubric: &Rubric) -> bool {
    let norm = normalise(text);
    let words: Vec<&str> = norm.split(' ').collect();
    let descriptors: Vec<String> = rubric
        .strands()
        .flat_map(|s| {
            s.strand
                .descriptors
                .iter()
                .map(|d| format!(" {} ", normalise(d)))
        })
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        if !matches!(*w, "evidence" | "comment" | "comments") {
            return false;
        }
        // The word with its neighbours, as a descriptor would have them.
        let from = i.saturating_sub(1);
        let to = (i + 2).min(words.len());
        let around = format!(" {} ", words[from..to].join(" "));
        to - from < 2 || !descriptors.iter().any(|d| d.contains(&around))
    })
}

/// Whether `haystack` holds `needle` as whole words (both normalised).
fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// Words for the local area a school belongs to.
const AREA_WORDS: &[&str] = &[
    "area",
    "town",
    "dspl",
    "locality",
    "cluster",
    "district",
    "partnership",
    "consortium",
    "quadrant",
];
/// Words for a school or setting, which with "name" ask for its name.
const SCHOOL_WORDS: &[&str] = &[
    "school",
    "schools",
    "setting",
    "settings",
    "academy",
    "establishment",
    "provider",
    "nursery",
    "college",
];

/// A school detail by the words of its header: the rubric's own labels; the URN (`urn`,
/// "unique reference"); the area (area, DSPL, locality, cluster...); the academic year; the
/// review date; the school's name (school or setting with "name", or the word alone).
fn detail(header: &str, rubric: &Rubric) -> Matched {
    let norm = normalise(header);
    let labels = &rubric.introduction.labels;
    for (label, field) in [
        (&labels.name, Field::School),
        (&labels.urn, Field::Urn),
        (&labels.area, Field::Area),
        (&labels.academic_year, Field::AcademicYear),
        (&labels.date, Field::Date),
    ] {
        if norm == normalise(label) {
            return Matched::One(field, "by the rubric's label".into());
        }
    }
    let words: Vec<&str> = norm.split(' ').collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let mut found = Vec::new();
    if has(&["urn"]) || contains_words(&norm, "unique reference") {
        found.push(Field::Urn);
    }
    if has(AREA_WORDS) {
        found.push(Field::Area);
    }
    if has(&["year"]) {
        found.push(Field::AcademicYear);
    }
    if has(&["date"]) {
        found.push(Field::Date);
    }
    let school_alone = words.iter().all(|w| SCHOOL_WORDS.contains(w) || *w == "or");
    if (has(SCHOOL_WORDS) && has(&["name", "called"])) || (!norm.is_empty() && school_alone) {
        found.push(Field::School);
    }
    match found.len() {
        0 => Matched::None,
        1 => Matched::One(found.remove(0), "by its wording".into()),
        _ => Matched::Many(found),
    }
}

/// How one column was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its letter.
    pub letter: String,
    /// Its header as a person reads it.
    pub header: String,
    /// A survey tool's own id for it (Qualtrics' first header row).
    pub id: Option<String>,
    /// The cell of its header (`Returns!F1`).
    pub cell: String,
    /// What it holds, if placed.
    pub field: Option<Field>,
    /// How it was placed, or why not.
    pub how: String,
    /// Whether it has anything below the header.
    pub has_data: bool,
    /// Its first level answer, when it holds level names (`"Expected" in F2`).
    pub levels: Option<String>,
    /// Its first status, when it holds a duty's statuses (`"Met" in F2`).
    pub statuses: Option<String>,
    /// Not placed, and holding neither levels nor statuses: free text (a comment, the
    /// respondent's own name), left out with a note.
    pub free_text: bool,
}

/// How a sheet's columns were understood.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The survey tool recognised, if any.
    pub tool: Option<&'static Tool>,
    /// Where the header is.
    pub block: Block,
    /// Every column, in order.
    pub columns: Vec<Column>,
    /// What cannot be settled: each names its cell.
    pub problems: Vec<String>,
    /// Whether the column map speaks of this sheet.
    pub mapped: bool,
    /// The rubric's answers, to tell a row of answers.
    pub answers: Answers,
}

impl Layout {
    /// Each column's meaning (`None`: not placed, or nothing there).
    pub fn fields(&self) -> Vec<Option<Field>> {
        self.columns.iter().map(|c| c.field.clone()).collect()
    }

    /// Whether the sheet is returns: a column is a strand, or holds level names.
    pub fn is_returns(&self) -> bool {
        self.mapped
            || self
                .columns
                .iter()
                .any(|c| matches!(c.field, Some(Field::Level(_))) || c.levels.is_some())
    }
}

/// Works out where the header is and what every column holds.
pub fn layout(grid: &Grid, rubric: &Rubric, map: Option<&ColumnMap>) -> Layout {
    let answers = Answers::of(rubric);
    let (block, tool) = find_block(grid, (rubric, &answers), map);
    let headers = compose(grid, block, tool);
    let mut columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(c, header)| read_column(grid, block, (c, header), (tool, map), (rubric, &answers)))
        .collect();
    let mapped = columns.iter().any(|c| c.how == BY_MAP);
    prefer_tools_completion_time(&mut columns, tool);
    for column in &mut columns {
        settle_unplaced(column);
    }
    let mut layout = Layout {
        tool,
        block,
        columns,
        problems: Vec::new(),
        mapped,
        answers,
    };
    layout.problems = problems(&layout, grid, rubric);
    layout
}

/// How a column placed by the column map says so.
const BY_MAP: &str = "by the column map";

/// One column: its header, what it holds and how that was found, what its answers are.
fn read_column(
    grid: &Grid,
    block: Block,
    (c, header): (usize, &Header),
    (tool, map): (Option<&Tool>, Option<&ColumnMap>),
    (rubric, answers): (&Rubric, &Answers),
) -> Column {
    let text = header.text();
    let values = || {
        (block.end()..grid.height())
            .map(move |r| (r, grid.get(r, c)))
            .filter(|(_, v)| !v.is_empty())
    };
    let first = |test: &dyn Fn(&Value) -> bool| -> Option<String> {
        let (mut hits, mut filled, mut first) = (0usize, 0usize, None);
        for (r, v) in values() {
            filled += 1;
            if test(v) {
                hits += 1;
                first.get_or_insert_with(|| {
                    format!("{:?} in {}{}", shorten(&v.text()), letter(c), r + 1)
                });
            }
        }
        // Most of what it holds, allowing a few typing slips.
        (hits > 0 && hits * 5 >= filled * 4)
            .then_some(first)
            .flatten()
    };
    let levels = first(&|v| answers.is_level(v));
    let statuses = first(&|v| {
        v.as_text()
            .is_some_and(|t| sendbench_core::ChecklistStatus::parse(&normalise(t)).is_some())
    });
    let cell_row = if header.is_empty() {
        block.end().saturating_sub(1)
    } else {
        header.row
    };
    let (field, how) = match map.and_then(|m| m.field_for(&text, &header.own, &letter(c))) {
        Some(field) => (Some(field.clone()), BY_MAP.to_owned()),
        None if header.is_empty() => (None, "no header".to_owned()),
        None => match match_header(header, tool, rubric) {
            Matched::One(field, how) => match unlike_detail(
                &field,
                &how,
                levels.as_ref().or(statuses.as_ref()),
                values().map(|(r, v)| (r, v.text())),
            ) {
                Some(why) => (None, why),
                None => (Some(field), how),
            },
            Matched::Many(fields) => (
                None,
                format!(
                    "could be {}",
                    fields
                        .iter()
                        .map(Field::describe)
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            ),
            Matched::None => (None, "matches nothing in the rubric".to_owned()),
        },
    };
    Column {
        letter: letter(c),
        header: text,
        id: header.id.clone(),
        cell: grid.cell(cell_row, c),
        field,
        how,
        has_data: values().next().is_some(),
        levels,
        statuses,
        free_text: false,
    }
}

/// Why a column whose header words name a school detail does not hold it: an area's answers
/// are names of a few words, a school's a name, not sentences ("Anything else you would
/// like the DSPL team to know?" speaks of the DSPL but holds comments).
fn unlike_detail(
    field: &Field,
    how: &str,
    answers: Option<&String>,
    mut values: impl Iterator<Item = (usize, String)>,
) -> Option<String> {
    if how != "by its wording" {
        return None;
    }
    // "Provision area 1" holding Expected is a strand, whatever its header's words.
    if answers.is_some() {
        return Some(format!(
            "its words speak of {}, but it holds answers to strands or duties",
            field.describe()
        ));
    }
    let (what, chars, words) = match field {
        Field::Area => ("area names", 50, 6),
        Field::School => ("school names", 150, 25),
        _ => return None,
    };
    values
        .find(|(_, t)| t.chars().count() > chars || t.split_whitespace().count() > words)
        .map(|(r, t)| {
            format!(
                "its words speak of {}, but its answers are not {what} ({:?} in row {})",
                field.describe(),
                shorten(&t),
                r + 1
            )
        })
}

/// A column not placed, with answers that are neither levels nor statuses: free text (a
/// comment, the respondent's own name), left out and noted, not an error. One whose answers
/// are levels or statuses is almost certainly a strand or a duty: left to be an error.
fn settle_unplaced(column: &mut Column) {
    let unplaced = column.field.is_none() && column.has_data && !column.header.trim().is_empty();
    if unplaced
        && column.levels.is_none()
        && column.statuses.is_none()
        && !column.how.starts_with("could be")
    {
        column.field = Some(Field::Ignore);
        column.free_text = true;
        column.how = format!(
            "not placed ({}); its answers are neither levels nor statuses, so it is taken as free text and left out",
            column.how
        );
    }
}

/// Of several completion times (Qualtrics' EndDate and RecordedDate, say), the tool's own
/// first choice is the completion time and the others its own columns.
fn prefer_tools_completion_time(columns: &mut [Column], tool: Option<&Tool>) {
    let Some(tool) = tool else { return };
    let submitted: Vec<usize> = (0..columns.len())
        .filter(|&c| columns[c].field == Some(Field::Submitted))
        .collect();
    if submitted.len() < 2 {
        return;
    }
    let rank = |c: usize| {
        let norm = normalise(&columns[c].header);
        tool.submitted
            .iter()
            .position(|s| *s == norm)
            .unwrap_or(usize::MAX)
    };
    let Some(&best) = submitted.iter().min_by_key(|&&c| (rank(c), c)) else {
        return;
    };
    if rank(best) == usize::MAX {
        return;
    }
    for c in submitted.into_iter().filter(|&c| c != best) {
        columns[c].field = Some(Field::Ignore);
        columns[c].how = format!(
            "{}'s own column (another is its completion time)",
            tool.name
        );
    }
}

/// What stops a sheet being read: columns that cannot be placed (with answers), placed two
/// ways or twice, and no column for the school's name. Each names its cell.
fn problems(layout: &Layout, grid: &Grid, rubric: &Rubric) -> Vec<String> {
    let mut problems = Vec::new();
    if layout.block.rows == 0 {
        problems.push(format!(
            "sheet {}: the first row already holds answers, so the sheet has no header row: add one naming each column, or say which row it is in a column map (header_row = N)",
            grid.name
        ));
        return problems;
    }
    problems.extend(
        layout
            .columns
            .iter()
            .filter(|c| c.field.is_none() && c.has_data)
            .map(unplaced),
    );
    // The same meaning twice.
    let mut first: HashMap<&Field, &Column> = HashMap::new();
    for column in &layout.columns {
        let Some(field) = column.field.as_ref().filter(|f| **f != Field::Ignore) else {
            continue;
        };
        match first.get(field) {
            Some(earlier) => problems.push(format!(
                "{} and {}: both columns hold {} ({:?} and {:?}): say which, marking the other \"ignore\"",
                earlier.cell,
                column.cell,
                field.describe(),
                shorten(&earlier.header),
                shorten(&column.header),
            )),
            None => {
                first.insert(field, column);
            }
        }
    }
    if layout.is_returns()
        && !layout
            .columns
            .iter()
            .any(|c| c.field == Some(Field::School))
    {
        problems.push(format!(
            "sheet {}: no column holds the school's name (a header such as \"School name\", \"Your setting's name\" or {:?}), in the header row {}: say which column does (\"Your header\" = \"school\")",
            grid.name,
            rubric.introduction.labels.name,
            layout.block.first + layout.block.rows,
        ));
    }
    problems
}

/// Why a column with answers is not placed, naming its header and cell, and what its
/// answers say it almost certainly is.
fn unplaced(column: &Column) -> String {
    let levels = match (&column.levels, &column.statuses) {
        (Some(first), _) => format!(
            "; its answers are level names ({first}), so it is almost certainly a strand: say which"
        ),
        (None, Some(first)) => format!(
            "; its answers are statuses ({first}), so it is almost certainly a duty: say which"
        ),
        (None, None) => String::new(),
    };
    if column.header.trim().is_empty() {
        format!(
            "{}: column {} has answers but no header{levels}",
            column.cell, column.letter
        )
    } else if column.how.starts_with("could be") {
        format!(
            "{}: the header {:?} {}{levels}",
            column.cell,
            shorten(&column.header),
            column.how
        )
    } else {
        let words = if column.how.starts_with("its words") {
            format!("; {}", column.how)
        } else {
            String::new()
        };
        format!(
            "{}: the header {:?} matches nothing in the rubric (no strand code such as \"1a\", descriptor, duty or school detail{words}){levels}",
            column.cell,
            shorten(&column.header)
        )
    }
}

/// Text cut to 80 characters for a message.
pub fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 80 {
        format!("{}...", text.chars().take(77).collect::<String>())
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(header: &str) -> Option<Field> {
        let header = Header {
            own: header.to_owned(),
            ..Header::default()
        };
        match match_header(&header, None, &Rubric::builtin()) {
            Matched::One(f, _) => Some(f),
            _ => None,
        }
    }

    fn level(code: &str) -> Option<Field> {
        Some(Field::Level(code.to_owned()))
    }

    #[test]
    fn strand_codes_are_found_however_they_are_written() {
        for header in [
            "1a",
            "1 a",
            "Outcome 1 a",
            "1a. All teachers",
            "Q 2b",
            "STRAND 3C: x",
            "6. 1a. Which of these fits your school best?",
            "Q6. 1a Which of these fits your school best?",
            "Q6: 1a Which of these fits your school best?",
            "Which fits best? (2b)",
            "Which fits best? [1c]",
            "1.a",
        ] {
            assert!(
                matches!(field(header), Some(Field::Level(_))),
                "{header}: {:?}",
                field(header)
            );
        }
        assert_eq!(
            field("6. 1a. Which of these fits your school best?"),
            level("1a")
        );
        assert_eq!(field("1 all teachers"), None);
        assert_eq!(field("School name"), Some(Field::School));
        // A question number and a sentence starting "A" are no strand.
        assert_eq!(field("3. A description of your provision"), None);
    }

    #[test]
    fn a_grid_rows_letter_takes_its_outcome_from_the_question() {
        assert_eq!(
            field("Outcome 1: how well do you do these? [a]"),
            level("1a")
        );
        assert_eq!(field("Outcome 2 - Improving outcomes - b"), level("2b"));
        assert_eq!(
            field("Providing high quality provision that meets the needs of children and young people with SEND [c]"),
            level("1c")
        );
        let matrix = Header {
            own: "d".into(),
            above: Some("Outcome 3: which statement fits best?".into()),
            ..Header::default()
        };
        assert_eq!(
            match_header(&matrix, None, &Rubric::builtin()),
            Matched::One(
                Field::Level("3d".into()),
                "by its outcome and strand letter".into()
            )
        );
        // No outcome named: a letter alone is nothing.
        assert_eq!(field("Which fits best? [a]"), None);
    }

    #[test]
    fn evidence_columns_are_told_from_descriptors_that_say_evidence() {
        for h in [
            "1a evidence",
            "1a: Evidence",
            "Evidence for 1a",
            "1a. What is your evidence",
            "1a comments",
        ] {
            assert_eq!(field(h), Some(Field::Evidence("1a".into())), "{h}");
        }
        assert_eq!(
            field("5a. There is evidence of proactive and collaborative working"),
            level("5a")
        );
    }

    #[test]
    fn school_details_are_recognised_however_they_are_worded() {
        for (header, want) in [
            ("In which DSPL does your setting sit?", Field::Area),
            ("School URN (6 digits)", Field::Urn),
            ("Your school's full name", Field::School),
            ("What is the name of your setting?", Field::School),
            ("Setting", Field::School),
            ("Local area or cluster", Field::Area),
            ("Which locality are you in?", Field::Area),
            ("Unique reference number", Field::Urn),
            ("Academic year", Field::AcademicYear),
            ("Date of review", Field::Date),
            ("When was the review finished? (date)", Field::Date),
        ] {
            assert_eq!(field(header), Some(want), "{header}");
        }
        // Both a name and a URN: ambiguous, never a guess.
        let both = Header {
            own: "School name and URN".into(),
            ..Header::default()
        };
        assert!(matches!(
            match_header(&both, None, &Rubric::builtin()),
            Matched::Many(_)
        ));
        assert_eq!(field("Any other comments about your school?"), None);
    }

    #[test]
    fn descriptors_are_matched_whole_or_by_their_start() {
        assert_eq!(
            field("High quality teaching is regularly differentiated, personalised and responsive to the views and experiences of children and young people with SEND."),
            level("1a")
        );
        assert_eq!(
            field("Which fits? - High quality teaching is regularly differentiated, ..."),
            level("1a")
        );
    }

    #[test]
    fn a_header_is_found_below_a_title_and_blank_rows() {
        let rubric = Rubric::builtin();
        let t = |s: &str| Value::Text(s.into());
        let grid = Grid::from_rows(
            "Returns",
            vec![
                vec![t("DSPL 3 returns 2025/26")],
                vec![t("Collected June 2026"), t("by the DSPL office")],
                vec![],
                vec![t("School"), t("URN"), t("1a"), t("1b")],
                vec![t("Oak"), t("1"), t("Expected"), t("Emerging")],
            ],
        );
        let (block, tool) = find_block(&grid, (&rubric, &Answers::of(&rubric)), None);
        assert_eq!(
            (block, tool.map(|t| t.name)),
            (Block { first: 3, rows: 1 }, None)
        );
    }

    #[test]
    fn surveymonkey_headings_carry_over_their_matrix() {
        let rubric = Rubric::builtin();
        let t = |s: &str| Value::Text(s.into());
        let e = || Value::Empty;
        let grid = Grid::from_rows(
            "Sheet",
            vec![
                vec![
                    t("Respondent ID"),
                    t("End Date"),
                    t("School name"),
                    t("Outcome 1: which fits?"),
                    e(),
                    e(),
                ],
                vec![
                    e(),
                    e(),
                    t("Open-Ended Response"),
                    t("a"),
                    t("b"),
                    t("Other (please specify)"),
                ],
                vec![
                    t("1"),
                    t("06/13/2026 02:15:00 PM"),
                    t("Oak"),
                    t("Expected"),
                    t("Emerging"),
                ],
            ],
        );
        let (block, tool) = find_block(&grid, (&rubric, &Answers::of(&rubric)), None);
        assert_eq!(
            (block, tool.map(|t| t.name)),
            (Block { first: 0, rows: 2 }, Some("SurveyMonkey"))
        );
        let headers = compose(&grid, block, tool);
        assert_eq!(headers[2].text(), "School name");
        assert_eq!(headers[4].text(), "Outcome 1: which fits? b");
        let l = layout(&grid, &rubric, None);
        let fields = l.fields();
        assert_eq!(fields[1], Some(Field::Submitted));
        assert_eq!(fields[2], Some(Field::School));
        assert_eq!(fields[3], level("1a"));
        assert_eq!(fields[4], level("1b"));
        assert_eq!(fields[5], None);
    }
}
