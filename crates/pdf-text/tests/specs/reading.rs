//! What is read back: spaces from space glyphs and from gaps between glyphs (not from
//! kerning), lines from baselines, `pdftotext`'s joining of a word hyphenated at a line end,
//! `ActualText`, pages, physical lines and word heights.

use sendbench_pdf_text::{text, Document};

use crate::handmade::{hex, pdf, Content};

/// A one-page PDF of these content-stream lines, inside a text object set in 10 pt `/F1`.
fn page(body: &str) -> Vec<u8> {
    pdf(&[Content::plain(&format!("BT /F1 10 Tf\n{body}\nET"))])
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_space_glyph_or_a_gap_of_more_than_a_tenth_of_an_em_separates_words() {
    let drawn = page(&format!("72 700 Td {} Tj", hex("Hello world")));
    assert_eq!(squash(&text(&drawn).expect("text")), "Hello world");
    // Glyphs placed 3 pt apart by TJ (0.3 em at 10 pt): a word gap.
    let gap = page(&format!(
        "72 700 Td [{} -300 {}] TJ",
        hex("Hello"),
        hex("world")
    ));
    assert_eq!(squash(&text(&gap).expect("text")), "Hello world");
    // Kerning (0.05 em) leaves a word whole.
    let kerned = page(&format!("72 700 Td [{} -50 {}] TJ", hex("Wor"), hex("ld")));
    assert_eq!(squash(&text(&kerned).expect("text")), "World");
}

#[test]
fn a_new_baseline_starts_a_new_line_and_a_hyphen_at_a_line_end_joins_as_in_pdftotext() {
    let body = format!(
        "72 700 Td {} Tj 0 -12 Td {} Tj",
        hex("the inter-"),
        hex("relationship")
    );
    let document = Document::parse(&page(&body)).expect("parse");
    assert_eq!(
        document.text().expect("text"),
        "the interrelationship\n\u{c}"
    );
    // The raw order keeps both lines as drawn.
    assert_eq!(
        document.raw_text().expect("raw"),
        "the inter-\nrelationship\n\u{c}"
    );
    // A hyphen before text that is not the next line of the same paragraph stays.
    let elsewhere = format!("72 700 Td {} Tj 300 -12 Td {} Tj", hex("A -"), hex("B"));
    assert_eq!(text(&page(&elsewhere)).expect("text"), "A -\nB\n\u{c}");
}

#[test]
fn actual_text_stands_for_the_glyphs_it_spans() {
    // Code 0001 has no Unicode of its own; the span says it is "fi".
    let body = format!(
        "72 700 Td {} Tj /Span << /ActualText (fi) >> BDC <0001> Tj EMC {} Tj",
        hex("the "),
        hex("eld")
    );
    assert_eq!(squash(&text(&page(&body)).expect("text")), "the field");
}

#[test]
fn pages_lines_and_word_heights() {
    let pages = [
        Content::plain(&format!(
            "BT /F1 10 Tf 72 700 Td {} Tj 200 0 Td {} Tj ET BT /F1 20 Tf 72 650 Td {} Tj ET",
            hex("left"),
            hex("right"),
            hex("Big")
        )),
        Content::plain(&format!("BT /F1 10 Tf 72 700 Td {} Tj ET", hex("Two"))),
    ];
    let document = Document::parse(&pdf(&pages)).expect("parse");
    assert_eq!(document.page_count(), 2);
    assert_eq!(
        document.page_texts().expect("pages"),
        ["left right\nBig\n", "Two\n"]
    );
    assert_eq!(
        document.page_lines(1).expect("lines"),
        ["left right", "Big"]
    );
    // Ascent 0.8 and descent -0.2 em: a word is as tall as its size.
    let heights: Vec<(String, f64)> = document
        .words()
        .expect("words")
        .into_iter()
        .map(|w| (w.text, w.y_max - w.y_min))
        .collect();
    assert_eq!(
        heights,
        [
            ("left".to_owned(), 10.0),
            ("right".to_owned(), 10.0),
            ("Big".to_owned(), 20.0),
            ("Two".to_owned(), 10.0)
        ]
    );
}
