//! Failing loudly: whatever cannot be read is an error, never empty or partial text, so an
//! assertion that something is absent cannot pass because reading failed.

use sendbench_pdf_text::{attachments, page_count, page_texts, text, Document, Error};

use crate::handmade::{hex, pdf, Content};

fn one_line() -> Content {
    Content::plain(&format!("BT /F1 10 Tf 72 700 Td {} Tj ET", hex("Hello")))
}

#[test]
fn garbage_empty_and_cut_short_bytes_are_errors() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    for bytes in [&garbage[..], b"", b"%PDF-1.7\n", b"Hello, world\n%%EOF\n"] {
        assert!(
            matches!(text(bytes), Err(Error::Unreadable(_))),
            "{bytes:.20?}"
        );
        assert!(page_count(bytes).is_err());
        assert!(page_texts(bytes).is_err());
        assert!(attachments(bytes).is_err());
    }
    let whole = pdf(&[one_line()]);
    assert_eq!(text(&whole).expect("the whole file reads"), "Hello\n\u{c}");
    let half = &whole[..whole.len() / 2];
    assert!(
        matches!(text(half), Err(Error::Unreadable(_))),
        "{:?}",
        text(half)
    );
}

#[test]
fn a_stream_that_does_not_decode_is_an_error() {
    let broken = Content {
        data: b"x\x9c this is not deflated data".to_vec(),
        filter: Some("FlateDecode"),
    };
    let e = text(&pdf(&[one_line(), broken])).expect_err("broken Flate");
    assert!(matches!(e, Error::Undecodable { .. }), "{e}");
    assert!(e.to_string().contains("page 2"), "{e}");

    let unknown = Content {
        data: b"whatever".to_vec(),
        filter: Some("NoSuchDecode"),
    };
    let e = text(&pdf(&[unknown])).expect_err("unknown filter");
    assert!(matches!(e, Error::Undecodable { .. }), "{e}");
}

#[test]
fn a_glyph_without_unicode_is_an_error() {
    let content = Content::plain(&format!(
        "BT /F1 10 Tf 72 700 Td {} Tj <0001> Tj ET",
        hex("a")
    ));
    let e = text(&pdf(&[content])).expect_err("no Unicode");
    assert!(matches!(e, Error::NoUnicode { code: 1, .. }), "{e}");
}

#[test]
fn a_page_without_text_is_an_error_for_the_whole_document() {
    let drawing = Content::plain("0 0 m 100 100 l S");
    let document = Document::parse(&pdf(&[one_line(), drawing])).expect("parse");
    assert_eq!(document.page_text(1).expect("page 1"), "Hello\n");
    assert!(matches!(
        document.page_text(2),
        Err(Error::EmptyPage { page: 2 })
    ));
    assert!(document.text().is_err());
    assert!(document.words().is_err());
    assert!(matches!(
        document.page_text(3),
        Err(Error::NoSuchPage { page: 3, count: 2 })
    ));
}

#[test]
fn a_content_stream_that_stops_part_way_is_an_error() {
    let cut = Content::plain(&format!("q BT /F1 10 Tf 72 700 Td {} Tj", hex("Hello")));
    let e = text(&pdf(&[cut])).expect_err("unbalanced");
    assert!(matches!(e, Error::Content { page: 1, .. }), "{e}");
    let unknown_font = Content::plain(&format!("BT /F9 10 Tf {} Tj ET", hex("Hi")));
    assert!(text(&pdf(&[unknown_font])).is_err());
}

#[test]
fn an_untagged_pdf_has_no_structure_tree_to_read() {
    let document = Document::parse(&pdf(&[one_line()])).expect("parse");
    assert!(matches!(document.structure(), Err(Error::Document(_))));
    assert!(!document.is_tagged().expect("catalog"));
    assert!(document.attachments().expect("none").is_empty());
}
