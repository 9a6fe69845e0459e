//! A school's report says the same in its PDF as on its web page: for every example (and the
//! other rubric's), every audience, and a review shown beside its previous year and its
//! area, every sentence of one format is found in the other. Both are made from one view,
//! which writes every sentence; this checks that no template composes prose of its own.
//!
//! How the texts are compared. The PDF is read back by `sendbench-pdf-text`, page by page,
//! without the page furniture the view names as the PDF's alone (the running header, the
//! draft mark over it and the page number); the page is read without its tags, without its
//! footer and the captions the view names as the page's alone (the credit line, the tables
//! that repeat a chart's figures); the words a chart draws (an SVG's text) are read with
//! the page's. Both are then normalised: white space collapsed, hyphens
//! dropped (a word broken at a line end is joined without its hyphen, as `pdftotext` does),
//! curly quotes made straight, list bullets dropped. Each text is cut into pieces at its own
//! boundaries (the PDF's lines, the page's block elements) and at every sentence end (`.`,
//! `?`, `!`, `:` or `;` before a space); every piece of 20 characters or more that is a
//! sentence, not a row of figures read across a chart's or table's cells, must be found,
//! word for word, in the other text.

use std::path::{Path, PathBuf};

use sendbench_core::{AreaBenchmark, Assessment, Return, Rubric};
use sendbench_generate::render::html::{HtmlOptions, HtmlRenderer};
use sendbench_generate::render::pdf::{PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

use crate::pdf;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) const SCHOOLS: [&str; 3] = [
    "oakfield-primary.toml",
    "riverside-academy.toml",
    "beacon-hill-special.toml",
];

pub(crate) fn load(path: &Path, rubric: &Rubric) -> Assessment {
    Assessment::load(path, rubric).expect("valid example").value
}

/// Oakfield's 2024/25 review, made from its 2025/26 one: 1a a level lower, 1l a level
/// higher, 1b not judged, one duty partly met, one action completed and one overdue.
fn oakfield_last_year(rubric: &Rubric) -> Assessment {
    let path = root().join("tests/fixtures/oakfield-primary-2024-25.toml");
    let text = std::fs::read_to_string(path).expect("fixture");
    Assessment::from_toml("oakfield-2024-25.toml", &text, rubric)
        .expect("valid")
        .value
}

/// What the view names as one format's alone: the PDF's page furniture and the page's.
pub(crate) struct Furniture {
    /// Lines a PDF page may open with (the draft mark; the running header).
    header: Vec<String>,
    /// The page number's line, with `{page}` and `{pages}` in it.
    page: String,
    /// Text only the web page shows (its credit line, the captions of its figure tables).
    web_only: Vec<String>,
}

/// The furniture a view names: a school report's header is its draft mark, name and title;
/// an area's or county's is a list of the header's parts, printed side by side.
pub(crate) fn furniture(view: &View) -> Furniture {
    let data = serde_json::to_value(&view.data).expect("json");
    let f = &data["furniture"];
    let text = |v: &serde_json::Value| v.as_str().map(norm);
    let header = &f["header"];
    let mut lines: Vec<String> = match header.as_array() {
        Some(parts) => parts.iter().filter_map(text).collect(),
        None => [
            text(&header["draft"]),
            text(&header["name"]),
            text(&header["title"]),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    // The header's parts side by side, read as one line.
    let side_by_side = lines[lines.len().saturating_sub(2)..].join(" ");
    lines.push(side_by_side);
    Furniture {
        header: lines,
        page: text(&f["page"]).expect("the page number's words"),
        web_only: f["web_only"]
            .as_array()
            .expect("what only the page prints")
            .iter()
            .filter_map(text)
            .collect(),
    }
}

/// Text normalised for comparing: hyphens, soft hyphens and list bullets dropped, quotes
/// straightened, white space collapsed.
pub(crate) fn norm(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | '\u{ad}' | '•' | '◦' | '‣' | '–'))
        .map(|c| match c {
            '“' | '”' | '„' => '"',
            '‘' | '’' => '\'',
            c => c,
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's lines, page by page, without the furniture.
pub(crate) fn pdf_lines(bytes: &[u8], furniture: &Furniture) -> Vec<String> {
    let doc = pdf::document(bytes);
    let pages = doc.page_texts().expect("page text");
    let count = pages.len();
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut lines: Vec<String> = page.lines().map(norm).filter(|l| !l.is_empty()).collect();
        while lines.first().is_some_and(|l| furniture.header.contains(l)) {
            lines.remove(0);
        }
        let number = furniture
            .page
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &count.to_string());
        if lines.last() == Some(&number) {
            lines.pop();
        }
        out.extend(lines);
    }
    out
}

/// Elements whose start and end are no boundary in the text.
const INLINE: [&str; 10] = [
    "strong", "em", "b", "i", "span", "a", "abbr", "small", "sup", "sub",
];

/// The web page's blocks of text, without its footer and without what only it shows.
pub(crate) fn html_blocks(html: &str, furniture: &Furniture) -> Vec<String> {
    let body = &html[html
        .find("<body")
        .or_else(|| html.find("<section"))
        .unwrap_or(0)..];
    let mut blocks = vec![String::new()];
    let mut rest = body;
    let mut skip: Option<&str> = None;
    while let Some(start) = rest.find('<') {
        if skip.is_none() {
            blocks.last_mut().expect("a block").push_str(&rest[..start]);
        }
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start + 1..end];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[end..];
        match (skip, closing) {
            (Some(s), true) if s == name => skip = None,
            (Some(_), _) => {}
            (None, false) if ["footer", "style"].contains(&name.as_str()) => {
                skip = Some(if name == "footer" { "footer" } else { "style" });
            }
            _ if INLINE.contains(&name.as_str()) => {}
            _ => blocks.push(String::new()),
        }
    }
    blocks
        .iter()
        .map(|b| {
            norm(
                &b.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .filter(|b| !b.is_empty() && !furniture.web_only.contains(b))
        .collect()
}

/// Whether a piece is a row of figures (a chart's or a table's: "1a 2 1 3 of 3 judged"),
/// read across cells the two formats set apart, rather than a sentence: more of its words
/// hold a digit than not. The figures themselves are the view's either way.
fn is_figures(piece: &str) -> bool {
    let (figures, words): (Vec<&str>, Vec<&str>) = piece
        .split_whitespace()
        .partition(|w| w.chars().any(|c| c.is_ascii_digit()));
    figures.len() > words.len()
}

/// The pieces of `units` long enough to compare: each cut at every sentence end.
pub(crate) fn pieces(units: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for unit in units {
        let mut start = 0;
        let chars: Vec<(usize, char)> = unit.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let at_end = matches!(c, '.' | '?' | '!' | ':' | ';')
                && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ');
            if at_end {
                out.push(unit[start..=i].trim().to_owned());
                start = i + 1;
            }
        }
        out.push(unit[start..].trim().to_owned());
    }
    // A colon or semicolon before a boundary is layout (a term and its meaning, a lead-in
    // and its list): the words are compared without it.
    let out: Vec<String> = out
        .into_iter()
        .map(|p| p.trim_end_matches([':', ';']).to_owned())
        .filter(|p| p.chars().count() >= 20 && !is_figures(p))
        .collect();
    out
}

/// What one side says that the other does not.
pub(crate) fn missing(from: &[String], other: &[String]) -> Vec<String> {
    let whole = other.join(" ");
    pieces(from)
        .into_iter()
        .filter(|p| !whole.contains(p.as_str()))
        .collect()
}

/// Every case: (what it is, the rubric, the review, the previous review, with the area).
fn cases() -> Vec<(String, Rubric, Assessment, Option<Assessment>, bool)> {
    let builtin = Rubric::builtin();
    let mut out: Vec<(String, Rubric, Assessment, Option<Assessment>, bool)> = SCHOOLS
        .iter()
        .map(|name| {
            let a = load(&root().join("examples/schools").join(name), &builtin);
            ((*name).to_owned(), builtin.clone(), a, None, false)
        })
        .collect();
    let other = Rubric::load(root().join("examples/other-rubric/rubric.toml")).expect("rubric");
    let acorns = load(
        &root().join("examples/other-rubric/little-acorns.toml"),
        &other,
    );
    out.push(("little-acorns.toml".to_owned(), other, acorns, None, false));
    let oakfield = load(
        &root().join("examples/schools/oakfield-primary.toml"),
        &builtin,
    );
    let previous = oakfield_last_year(&builtin);
    out.push((
        "oakfield-primary.toml beside 2024/25 and its area".to_owned(),
        builtin,
        oakfield,
        Some(previous),
        true,
    ));
    out
}

fn area(rubric: &Rubric) -> AreaBenchmark {
    let returns: Vec<Return> = SCHOOLS
        .iter()
        .map(|n| {
            Return::new(
                load(&root().join("examples/schools").join(n), rubric),
                (*n).to_owned(),
            )
        })
        .collect();
    AreaBenchmark::build(rubric, &returns, Default::default(), false)
        .expect("bench")
        .0
}

#[test]
fn every_school_report_says_the_same_in_its_pdf_as_on_its_page() {
    let pdf_renderer = PdfRenderer::new(&PdfOptions::default()).expect("pdf");
    let html_renderer = HtmlRenderer::new(&HtmlOptions::default()).expect("html");
    let mut problems = Vec::new();
    let mut compared = 0;
    for (name, rubric, a, previous, with_area) in cases() {
        let bench = with_area.then(|| area(&rubric));
        let beside = Beside {
            area: bench.as_ref().and_then(AreaBenchmark::latest),
            previous: previous.as_ref(),
            area_counts_another_version: false,
        };
        for audience in Audience::ALL {
            let view = View::school(&rubric, &a, audience, &beside);
            let furniture = furniture(&view);
            let pdf_bytes = pdf_renderer.pdf(&view).expect("pdf");
            let html = html_renderer.page(&view).expect("page");
            let lines = pdf_lines(&pdf_bytes, &furniture);
            let blocks = html_blocks(&html, &furniture);
            let only_pdf = missing(&lines, &blocks);
            let only_html = missing(&blocks, &lines);
            compared += pieces(&lines).len() + pieces(&blocks).len();
            for p in only_pdf {
                problems.push(format!("{name}, {}: only in the PDF: {p:?}", audience.id()));
            }
            for p in only_html {
                problems.push(format!(
                    "{name}, {}: only on the page: {p:?}",
                    audience.id()
                ));
            }
        }
    }
    assert!(compared > 2000, "only {compared} pieces compared");
    assert!(
        problems.is_empty(),
        "{} pieces differ:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
