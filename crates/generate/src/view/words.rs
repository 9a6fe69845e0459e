//! The shapes the area report's and county overview's sentences are handed to their
//! templates in (a paragraph with a bold lead, a table's caption and column headings, the
//! page furniture each format prints alone), shared by [`super::area`] and
//! [`super::county`]. Quotes and apostrophes are typographic (“ ” ’), as Typst set them when
//! the sentences were written in its markup, so the PDF reads as it did and the web page
//! now reads the same.

use serde::Serialize;

/// A paragraph opening with a few words in bold ("Small numbers."), or none.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Para {
    /// Its first words, in bold; `None` for a plain paragraph.
    pub lead: Option<String>,
    /// The rest, after a space.
    pub text: String,
}

impl Para {
    /// A paragraph without a bold lead.
    pub fn plain(text: impl Into<String>) -> Para {
        Para {
            lead: None,
            text: text.into(),
        }
    }

    /// A paragraph opening with `lead` in bold.
    pub fn led(lead: impl Into<String>, text: impl Into<String>) -> Para {
        Para {
            lead: Some(lead.into()),
            text: text.into(),
        }
    }
}

/// A list item opening with words in bold: `text` follows `lead` directly, beginning with
/// its own space or punctuation ("Areas of strength" then " (25 in all…): 1a: …").
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Item {
    /// The bold words.
    pub lead: String,
    /// The rest, joined to the lead without a space of its own.
    pub text: String,
}

/// What a table is called and what its columns are headed.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct TableText {
    /// The table's caption: printed on the web page, which names every table; the PDF
    /// sets its tables under a heading or a lead-in instead, so it is listed among the
    /// page's own words ([`Furniture::web_only`]).
    pub caption: String,
    /// The column headings, left to right.
    pub columns: Vec<String>,
}

impl TableText {
    /// A table called `caption` with these column headings.
    pub fn new(caption: impl Into<String>, columns: Vec<String>) -> TableText {
        TableText {
            caption: caption.into(),
            columns,
        }
    }
}

/// What only one format prints, named so that a reader of both (and the test comparing
/// them) can tell it from what the document says.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Furniture {
    /// The PDF's running header from page 2: the title and "Academic year 2025/26".
    pub header: Vec<String>,
    /// The PDF's page number, with `{page}` and `{pages}` to fill in.
    pub page: String,
    /// The web page's credit line, at its foot.
    pub credit: String,
    /// Everything only the web page prints: its credit line, the captions of its tables
    /// and figures, and the headings of the tables that repeat a chart's figures.
    pub web_only: Vec<String>,
}

impl Furniture {
    /// The furniture of a document titled `title` for `year`, crediting `credit`.
    pub fn new(title: &str, year: &str, credit: String) -> Furniture {
        Furniture {
            header: vec![title.to_owned(), academic_year(year)],
            page: "Page {page} of {pages}".to_owned(),
            web_only: vec![credit.clone()],
            credit,
        }
    }
}

/// The cover block: the rubric over the title, then what the document covers and how its
/// data were collected.
#[derive(Serialize, Debug, Clone)]
pub(crate) struct Cover {
    /// Over the title: the rubric's title.
    pub kicker: String,
    /// The document's title.
    pub title: String,
    /// "Academic year 2025/26: 46 schools".
    pub subtitle: String,
    /// How the data were collected, in a sentence.
    pub collection: String,
}

/// "Academic year 2025/26".
pub(crate) fn academic_year(year: &str) -> String {
    format!("Academic year {year}")
}

/// "1 school", "46 schools".
pub(crate) fn schools(n: u32) -> String {
    sendbench_core::words::count(n as usize, "school", "schools")
}

/// "the 1 school", "the 46 schools".
pub(crate) fn the_schools(n: u32) -> String {
    format!("the {}", schools(n))
}

/// "1 area", "3 areas".
pub(crate) fn areas(n: usize) -> String {
    sendbench_core::words::count(n, "area", "areas")
}
