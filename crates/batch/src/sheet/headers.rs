//! What a column's header means: which strand, duty or school detail it is about, however it
//! is worded, or which survey tool's own column it is.
//!
//! A strand is found by its code wherever it stands (`1a`, `1 a.`, `(1a)`, `[1a]`, after a
//! question number: `6. 1a.`, `Q6: 1a`), by an outcome named in the question and a strand
//! letter in the row label (`Outcome 1 [a]`, a SurveyMonkey matrix heading over `a`), or by
//! a strand's descriptor. A school detail is found by the words a person uses for it (area,
//! DSPL, locality, cluster; URN, unique reference; school or setting with name; year; date).
//! A survey tool's own columns are recognised from [`super::tools`]. Whatever cannot be
//! placed, or could be placed two ways, is a problem naming the header and its cell; a
//! column whose answers are level names is said to be almost certainly a strand.

use sendbench_core::{Outcome, Rubric};

use super::grid::Value;
use super::map::Field;
use super::tools::{self, Naming, Tool};

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

    pub(super) fn is_empty(&self) -> bool {
        self.own.trim().is_empty() && self.above.is_none()
    }
}

/// The rubric's words that answer a strand, normalised once: level names and ids, and
/// every strand's descriptors (a sheet is tested against them cell by cell).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    levels: Vec<String>,
    /// Each descriptor, normalised, and its strand's code.
    descriptors: std::collections::HashMap<String, String>,
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
                .flat_map(|s| {
                    let code = s.code();
                    s.strand
                        .descriptors
                        .iter()
                        .map(move |d| (normalise(d), code.clone()))
                })
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
        self.descriptors.contains_key(&norm)
    }

    /// The strand whose descriptor a cell quotes whole, if it does.
    pub fn descriptor_of(&self, value: &Value) -> Option<&str> {
        let text = value.as_text()?;
        if text.len() > 2_000 {
            return None;
        }
        self.descriptors.get(&normalise(text)).map(String::as_str)
    }
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
    let content = content(header, tool.map(|t| t.naming), rubric);
    if content != Matched::None {
        return content;
    }
    detail(&header.text(), rubric)
}

/// "SurveyMonkey's", "Google Forms'".
pub(super) fn possessive(name: &str) -> String {
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
                format!("{} own column", possessive(tool.name)),
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

/// A header read as a question and a row label: the whole; then the way the survey tool
/// that wrote it names a grid row (see [`Naming`]); then every other way (the question above,
/// `Question [Row]`, `Question - Row`, `Question: Row`, `Question:Row`).
fn readings(header: &Header, naming: Option<Naming>) -> Vec<(Option<String>, String)> {
    let own = header.own.trim();
    let split = |at: usize, after: usize| {
        (
            Some(own[..at].trim().to_owned()),
            own[after..].trim().to_owned(),
        )
    };
    let above = header
        .above
        .as_ref()
        .map(|above| (Some(above.clone()), header.own.clone()));
    let brackets = own
        .rfind('[')
        .filter(|_| own.ends_with(']'))
        .map(|open| split(open, open + 1))
        .map(|(q, row)| (q, row.trim_end_matches(']').trim().to_owned()));
    let separated = |separators: &[&str]| {
        separators
            .iter()
            .filter_map(|sep| own.rfind(sep).map(|at| split(at, at + sep.len())))
            .collect::<Vec<_>>()
    };
    let dash = separated(&[" - ", " – "]);
    let colon = separated(&[": ", ":"]);
    let mut out = vec![(None, header.text())];
    match naming {
        Some(Naming::Above) => out.extend(above.clone()),
        Some(Naming::Brackets) => out.extend(brackets.clone()),
        Some(Naming::Dash) => out.extend(dash.clone()),
        Some(Naming::Colon) => out.extend(colon.clone()),
        Some(Naming::RowOnly) | None => {}
    }
    for reading in above.into_iter().chain(brackets).chain(dash).chain(colon) {
        if !out.contains(&reading) {
            out.push(reading);
        }
    }
    out
}

/// A strand's level or evidence, or a duty, by what the header says; the first reading of
/// it that gives one meaning wins, and one that gives several makes it ambiguous.
fn content(header: &Header, naming: Option<Naming>, rubric: &Rubric) -> Matched {
    // Exact ways first (a code, a letter under its outcome, a descriptor) in every reading;
    // a row label's own words only when none of them places it.
    for loose in [false, true] {
        for (question, label) in readings(header, naming) {
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
pub(super) fn codes_in(text: &str, rubric: &Rubric) -> Vec<String> {
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
pub(super) fn detail(header: &str, rubric: &Rubric) -> Matched {
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
}
