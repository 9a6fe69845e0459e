//! Wording every part of a school's report shares: each audience's vocabulary (one per
//! document: governors and the SEN information report speak of strands, outcomes and
//! statutory duties answered; parents of parts, themes and legal duties checked), counts with
//! their nouns, and the small shapes sentences are handed to the templates in (a list with
//! the line over it, a table's caption and column headings, a term and its meaning).

use serde::Serialize;

use super::super::Audience;

pub(super) use sendbench_core::words::{and_list, count};

/// How one audience names the things a review is made of.
#[derive(Debug, Clone, Copy)]
pub(super) struct Vocabulary {
    /// What a strand is called: ("strand", "strands") or, for parents, ("part", "parts").
    pub strand: (&'static str, &'static str),
    /// What an outcome is called before its number: "Outcome" or "Theme".
    pub outcome: &'static str,
    /// What a statutory duty is called: ("statutory duty", "statutory duties") or, for
    /// parents, ("legal duty", "legal duties").
    pub duty: (&'static str, &'static str),
    /// What is done to a duty: "answered" or, for parents, "checked".
    pub duty_done: &'static str,
    /// What strands did since the last review: ("improved", "fell") or, for parents, ("got
    /// better", "went down").
    pub moved: (&'static str, &'static str),
}

impl Vocabulary {
    /// The vocabulary of `audience`'s document.
    pub fn of(audience: Audience) -> Vocabulary {
        match audience {
            Audience::Parents => Vocabulary {
                strand: ("part", "parts"),
                outcome: "Theme",
                duty: ("legal duty", "legal duties"),
                duty_done: "checked",
                moved: ("got better", "went down"),
            },
            Audience::Governors | Audience::SenInfo => Vocabulary {
                strand: ("strand", "strands"),
                outcome: "Outcome",
                duty: ("statutory duty", "statutory duties"),
                duty_done: "answered",
                moved: ("improved", "fell"),
            },
        }
    }

    /// "1 strand", "34 parts".
    pub fn strands(&self, n: usize) -> String {
        count(n, self.strand.0, self.strand.1)
    }

    /// "1 statutory duty", "9 legal duties".
    pub fn duties(&self, n: usize) -> String {
        count(n, self.duty.0, self.duty.1)
    }

    /// The strand noun agreeing with `n`: "strand" or "strands".
    pub fn strand_noun(&self, n: usize) -> &'static str {
        if n == 1 {
            self.strand.0
        } else {
            self.strand.1
        }
    }

    /// "Outcome 1", "Theme 1".
    pub fn outcome_label(&self, id: &str) -> String {
        format!("{} {id}", self.outcome)
    }
}

/// A list with the line that introduces it.
#[derive(Serialize, Debug, Clone, Default)]
pub(super) struct Listing {
    /// The line over the list ("Improved:"), printed so that it never sits alone at a
    /// page's foot.
    pub lead: String,
    /// The items, each as printed.
    pub items: Vec<String>,
}

/// What a table is called and what its columns are headed.
#[derive(Serialize, Debug, Clone)]
pub(super) struct TableText {
    /// The table's caption (on the web page; in the PDF too where it is not a page-only
    /// caption: see [`super::Furniture::web_only`]).
    pub caption: String,
    /// The column headings, left to right.
    pub columns: Vec<String>,
}

impl TableText {
    /// A table called `caption` with these column headings.
    pub fn new(caption: impl Into<String>, columns: &[&str]) -> TableText {
        TableText {
            caption: caption.into(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        }
    }
}

/// A term and what it means (a level and its meaning, a glossary entry).
#[derive(Serialize, Debug, Clone)]
pub(super) struct Term {
    /// The term, in bold.
    pub term: String,
    /// What it means.
    pub meaning: String,
}

/// A note set apart from the text ("About the words in this summary. ...").
#[derive(Serialize, Debug, Clone)]
pub(super) struct Note {
    /// Its first words, in bold.
    pub lead: String,
    /// The rest.
    pub text: String,
}

/// A heading and the paragraphs under it.
#[derive(Serialize, Debug, Clone, Default)]
pub(super) struct Section {
    /// The heading.
    pub heading: String,
    /// The paragraphs, each as printed.
    pub paragraphs: Vec<String>,
}

/// "It is" / "They are": a pronoun and verb agreeing with `n`.
pub(super) fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// "was" / "were".
pub(super) fn was_were(n: usize) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

/// `text` with its first letter in capitals.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Levels as a sentence lists them: "Emerging, Expected or Exemplary".
pub(super) fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_audience_has_one_vocabulary() {
        let parents = Vocabulary::of(Audience::Parents);
        assert_eq!(parents.strands(1), "1 part");
        assert_eq!(parents.duties(9), "9 legal duties");
        assert_eq!(parents.outcome_label("2"), "Theme 2");
        let governors = Vocabulary::of(Audience::Governors);
        assert_eq!(governors.strands(34), "34 strands");
        assert_eq!(governors.duties(1), "1 statutory duty");
        assert_eq!(governors.duty_done, "answered");
    }

    #[test]
    fn lists_and_capitals() {
        let l = |v: &[&str]| or_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&["A"]), "A");
        assert_eq!(l(&["A", "B", "C"]), "A, B or C");
        assert_eq!(capitalised("the 2023/24 review"), "The 2023/24 review");
        assert_eq!(capitalised(""), "");
    }
}
