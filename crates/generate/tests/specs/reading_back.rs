//! The reader the PDF tests rely on (`sendbench-pdf-text`, through `crate::pdf`) reads every
//! example's report for every audience, with text on every page, and fails loudly on a
//! damaged one: an assertion that something is absent can never pass because reading failed.

use std::path::{Path, PathBuf};

use sendbench_core::{Assessment, Rubric};
use sendbench_generate::render::pdf::{PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

use crate::pdf;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example with its rubric: the three schools and the four-level rubric's nursery.
fn examples() -> Vec<(Rubric, Assessment)> {
    let builtin = Rubric::builtin();
    let mut out: Vec<(Rubric, Assessment)> = [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ]
    .into_iter()
    .map(|name| {
        let path = root().join("examples/schools").join(name);
        let a = Assessment::load(path, &builtin)
            .expect("valid example")
            .value;
        (builtin.clone(), a)
    })
    .collect();
    let other = Rubric::load(root().join("examples/other-rubric/rubric.toml")).expect("rubric");
    let path = root().join("examples/other-rubric/little-acorns.toml");
    let a = Assessment::load(path, &other).expect("valid example").value;
    out.push((other, a));
    out
}

#[test]
fn every_example_report_reads_back_with_text_on_every_page() {
    let engine = PdfRenderer::new(&PdfOptions::default()).expect("engine");
    for (rubric, a) in examples() {
        for audience in Audience::ALL {
            let id = format!("{}, {}", a.school.name, audience.id());
            let bytes = engine
                .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
                .expect("report");
            let document = pdf::document(&bytes);
            let pages = document
                .page_texts()
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(pages.len(), document.page_count(), "{id}");
            for (n, page) in pages.iter().enumerate() {
                assert!(
                    page.split_whitespace().count() >= 3,
                    "{id}: page {} reads as {page:?}",
                    n + 1
                );
            }
            let all = pdf::squash(&pdf::text(&bytes));
            assert!(
                all.contains(&pdf::squash(&a.school.name)),
                "{id}: {all:.300}"
            );
        }
    }
}

#[test]
fn a_damaged_report_is_an_error_never_empty_text() {
    let (rubric, a) = examples().swap_remove(0);
    let engine = PdfRenderer::new(&PdfOptions::default()).expect("engine");
    let good = engine
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::Parents,
            &Beside::default(),
        ))
        .expect("report");
    assert!(pdf::text(&good).contains("Words we use"));

    // Cut short, as a half-written file would be.
    let cut = &good[..good.len() * 2 / 3];
    assert!(sendbench_pdf_text::text(cut).is_err());

    // Every compressed stream's data scrambled part-way in (content, fonts' ToUnicode maps,
    // object streams): the text cannot be read, and the reader says so.
    let mut scrambled = good.clone();
    let mut at = 0;
    while let Some(i) = find(&scrambled, b"stream\n", at) {
        let body = i + b"stream\n".len();
        let end = find(&scrambled, b"endstream", body).unwrap_or(scrambled.len());
        for byte in scrambled[body..end].iter_mut().skip(16).take(64) {
            *byte ^= 0x5A;
        }
        at = end;
    }
    let e = sendbench_pdf_text::text(&scrambled).expect_err("scrambled streams");
    assert!(!e.to_string().is_empty());

    // And the tests' helper panics rather than hand an assertion empty text.
    let helper = std::panic::catch_unwind(|| pdf::text(&scrambled));
    assert!(helper.is_err(), "the helper returned {:?}", helper.ok());
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}
