//! The family-facing reports (parents, SEN information) hold nothing their audience may not
//! see, in any byte: not in the page text, the metadata, an attachment, or any stream. Every
//! example is made with and without PDF/A; every stream is decompressed and every attachment
//! read; and no participant's name, no evidence not marked public, no note or action and no
//! staff-only action plan column may appear. The same scan finds those things in the
//! governors' report, so it is known to look in the right places.

use std::io::Read;
use std::path::{Path, PathBuf};

use sendbench_core::{Assessment, CellValue, Rubric};
use sendbench_generate::render::pdf::{PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

use crate::pdf;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example with its rubric.
fn examples() -> Vec<(String, Rubric, Assessment)> {
    let mut out = Vec::new();
    let builtin = Rubric::builtin();
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        let a = Assessment::load(root().join("examples/schools").join(name), &builtin)
            .expect("valid example")
            .value;
        out.push((name.to_owned(), builtin.clone(), a));
    }
    let other = Rubric::load(root().join("examples/other-rubric/rubric.toml")).expect("rubric");
    let a = Assessment::load(
        root().join("examples/other-rubric/little-acorns.toml"),
        &other,
    )
    .expect("valid example")
    .value;
    out.push(("little-acorns.toml".to_owned(), other, a));
    out
}

/// What only staff may see: (what it is, the words to look for).
fn secrets(rubric: &Rubric, a: &Assessment) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in &a.participants {
        if let Some(name) = &p.name {
            out.push(("participant name".to_owned(), name.clone()));
        }
    }
    for answer in &a.checklist {
        out.push(("checklist evidence".to_owned(), answer.evidence.clone()));
    }
    for outcome in &a.outcomes {
        for j in &outcome.strands {
            if !j.public {
                out.push((
                    format!("private evidence of {}{}", outcome.outcome, j.strand),
                    j.evidence.clone(),
                ));
            }
        }
        for f in &rubric.outcome_fields {
            out.push((
                format!("{} of outcome {}", f.heading, outcome.outcome),
                outcome.field(&f.id).to_owned(),
            ));
        }
    }
    // The action plan's first text column (the target) and its dates are for families;
    // who is responsible, resources, evaluation and the rest are not.
    let target = rubric
        .action_plan
        .columns
        .iter()
        .find(|c| c.kind == sendbench_core::ColumnKind::Text)
        .map(|c| c.id.clone());
    for row in &a.action_plan {
        for c in &rubric.action_plan.columns {
            if Some(&c.id) == target.as_ref() {
                continue;
            }
            if let Some(CellValue::Text(t)) = row.cell(&c.id) {
                out.push((format!("action plan column {}", c.heading), t.clone()));
            }
        }
    }
    // A few words ("SENCO" as who is responsible) would be found in any report; the byte
    // scan looks for text long enough to be the school's own, and the data test below checks
    // that the short ones never reach a family-facing template at all.
    let public = public_text(rubric, a);
    out.into_iter()
        .filter_map(|(what, text)| Some((what, needle(&text, &public)?)))
        .collect()
}

/// Text a family-facing report may rightly show: the rubric's wording, evidence marked
/// public, action plan targets. A secret that quotes it is looked for by its own words.
fn public_text(rubric: &Rubric, a: &Assessment) -> String {
    let mut out = rubric.title.clone();
    for outcome in &rubric.outcomes {
        out.push_str(&outcome.title);
        for strand in &outcome.strands {
            for d in &strand.descriptors {
                out.push(' ');
                out.push_str(d);
            }
        }
    }
    for item in &rubric.checklist.items {
        out.push(' ');
        out.push_str(&item.text);
    }
    for outcome in &a.outcomes {
        for j in outcome.strands.iter().filter(|j| j.public) {
            out.push(' ');
            out.push_str(&j.evidence);
        }
    }
    for row in &a.action_plan {
        for c in &rubric.action_plan.columns {
            if let Some(CellValue::Text(t)) = row.cell(&c.id) {
                out.push(' ');
                out.push_str(t);
                break;
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What to look for: the first run of up to 40 plain characters of `text` (those that any
/// encoding, UTF-8 in an attachment, JSON, or a line of extracted text, keeps whole) that a
/// family-facing report may not rightly show anyway; `None` if there is none of 12 or more.
fn needle(text: &str, public: &str) -> Option<String> {
    let plain = |c: char| c.is_alphanumeric() || c == ' ' || c == ',' || c == '.';
    for run in text.split(|c: char| !plain(c)) {
        let words: Vec<&str> = run.split_whitespace().collect();
        for start in 0..words.len() {
            let window: String = words[start..].join(" ").chars().take(40).collect();
            if window.chars().count() >= 12 && !public.contains(&window) {
                return Some(window);
            }
        }
    }
    None
}

/// Every view of a PDF's bytes a reader or a tool could get: the file itself, each stream
/// decompressed (content, metadata, object streams, embedded files), the page text (as
/// `pdftotext` extracts it), the metadata (XMP, as `pdfinfo -meta` prints it, and the
/// document information), and each attachment (as `pdfdetach` saves it); all white space
/// collapsed. Each is read by `sendbench-pdf-text`, and one that cannot be read panics.
fn views(pdf: &[u8]) -> Vec<(String, String)> {
    let mut out = vec![(
        "raw bytes".to_owned(),
        String::from_utf8_lossy(pdf).into_owned(),
    )];
    let mut at = 0;
    let mut n = 0;
    while let Some(start) = find(pdf, b"stream", at) {
        let mut body = start + b"stream".len();
        if pdf[body..].starts_with(b"\r\n") {
            body += 2;
        } else if pdf[body..].starts_with(b"\n") {
            body += 1;
        } else {
            at = body;
            continue;
        }
        let Some(end) = find(pdf, b"endstream", body) else {
            break;
        };
        let data = &pdf[body..end];
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut inflated)
            .is_ok()
        {
            out.push((format!("stream {n} (inflated)"), decode(&inflated)));
        }
        out.push((format!("stream {n}"), decode(data)));
        n += 1;
        at = end + b"endstream".len();
    }
    assert!(
        n > 0,
        "the scan found no streams: it is not reading this PDF"
    );

    let document = pdf::document(pdf);
    out.push(("page text".to_owned(), pdf::text(pdf)));
    let xmp = document
        .xmp_metadata()
        .unwrap_or_else(|e| panic!("the metadata cannot be read back: {e}"))
        .unwrap_or_default();
    let info = document.info();
    let fields = [
        info.title,
        info.author,
        info.subject,
        info.keywords,
        info.creator,
        info.producer,
    ];
    let info: Vec<String> = fields.into_iter().flatten().collect();
    out.push(("metadata".to_owned(), format!("{xmp}\n{}", info.join("\n"))));
    let attachments = document
        .attachments()
        .unwrap_or_else(|e| panic!("the attachments cannot be read back: {e}"));
    for attachment in attachments {
        out.push((
            format!("attachment {:?}", attachment.name),
            decode(&attachment.data),
        ));
    }
    for (_, text) in &mut out {
        *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// Bytes as text: UTF-8 where it is, and UTF-16BE strings (PDF text strings) as well.
fn decode(bytes: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(bytes).into_owned();
    // A UTF-16 string may start at an odd offset: read both alignments.
    for start in [0, 1] {
        let utf16: Vec<u16> = bytes
            .get(start..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        text.push(' ');
        text.push_str(&String::from_utf16_lossy(&utf16));
    }
    text
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Where any secret shows up in any view of the PDF.
fn leaks(pdf: &[u8], secrets: &[(String, String)]) -> Vec<String> {
    let views = views(pdf);
    let mut found = Vec::new();
    for (what, needle) in secrets {
        for (view, text) in &views {
            if text.contains(needle.as_str()) {
                found.push(format!("{what} {needle:?} in {view}"));
            }
        }
    }
    found
}

#[test]
fn family_reports_hold_no_names_and_no_private_evidence_in_any_byte() {
    let mut checked = 0;
    for pdfa in [false, true] {
        let engine = PdfRenderer::new(&PdfOptions {
            pdfa,
            ..PdfOptions::default()
        })
        .expect("engine");
        for (name, rubric, a) in examples() {
            let secrets = secrets(&rubric, &a);
            assert!(
                !secrets.is_empty(),
                "{name} has staff-only text to look for"
            );
            for audience in [Audience::Parents, Audience::SenInfo] {
                let pdf = engine
                    .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
                    .expect("report");
                let found = leaks(&pdf, &secrets);
                assert!(
                    found.is_empty(),
                    "{name}, {} report (PDF/A: {pdfa}) leaks:\n{}",
                    audience.id(),
                    found.join("\n")
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 16);
}

#[test]
fn the_scan_finds_what_the_governors_report_rightly_holds() {
    // The governors' report with PDF/A carries the whole assessment: every secret is in it
    // somewhere, so a scan that found nothing here would be looking in the wrong places.
    let engine = PdfRenderer::new(&PdfOptions {
        pdfa: true,
        ..PdfOptions::default()
    })
    .expect("engine");
    for (name, rubric, a) in examples() {
        let secrets = secrets(&rubric, &a);
        let pdf = engine
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::Governors,
                &Beside::default(),
            ))
            .expect("report");
        let found = leaks(&pdf, &secrets);
        for (what, needle) in &secrets {
            assert!(
                found
                    .iter()
                    .any(|f| f.starts_with(&format!("{what} {needle:?}"))),
                "{name}: the scan did not find {what} {needle:?} in the governors' report"
            );
        }
    }
}

#[test]
fn family_reports_with_pdfa_attach_only_their_own_data() {
    let engine = PdfRenderer::new(&PdfOptions {
        pdfa: true,
        ..PdfOptions::default()
    })
    .expect("engine");
    let rubric = Rubric::builtin();
    let a = Assessment::load(
        root().join("examples/schools/oakfield-primary.toml"),
        &rubric,
    )
    .expect("valid")
    .value;
    for audience in [Audience::Parents, Audience::SenInfo] {
        let pdf = engine
            .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
            .expect("report");
        let attachments: Vec<String> = views(&pdf)
            .into_iter()
            .filter_map(|(view, _)| view.strip_prefix("attachment ").map(str::to_owned))
            .collect();
        assert_eq!(attachments, ["\"data.json\""], "{}", audience.id());
    }
    let pdf = engine
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::Governors,
            &Beside::default(),
        ))
        .expect("report");
    let attachments: Vec<String> = views(&pdf)
        .into_iter()
        .filter_map(|(view, _)| view.strip_prefix("attachment ").map(str::to_owned))
        .collect();
    assert_eq!(attachments, ["\"assessment.toml\""]);
}

#[test]
fn family_data_has_no_staff_only_fields_at_all() {
    let engine = PdfRenderer::new(&PdfOptions::default()).expect("engine");
    for (name, rubric, a) in examples() {
        for audience in [Audience::Parents, Audience::SenInfo] {
            let files = engine
                .files(&View::school(&rubric, &a, audience, &Beside::default()))
                .expect("files");
            let data = files
                .iter()
                .find(|(path, _)| path == "/data.json")
                .map(|(_, bytes)| serde_json::from_slice::<serde_json::Value>(bytes).expect("json"))
                .expect("data.json");
            let label = format!("{name}, {}", audience.id());
            for p in data["participants"].as_array().expect("participants") {
                assert_eq!(p["people"], serde_json::json!([]), "{label}: names");
            }
            for d in data["checklist"].as_array().expect("checklist") {
                assert_eq!(d["evidence"], "", "{label}: checklist evidence");
            }
            for o in data["outcomes"].as_array().expect("outcomes") {
                assert_eq!(
                    o["fields"],
                    serde_json::json!([]),
                    "{label}: notes and actions"
                );
                for s in o["strands"].as_array().expect("strands") {
                    let code = s["code"].as_str().expect("code");
                    let public = a.outcomes.iter().any(|r| {
                        r.strands
                            .iter()
                            .any(|j| format!("{}{}", r.outcome, j.strand) == code && j.public)
                    });
                    if !public {
                        assert_eq!(s["evidence"], "", "{label}: evidence of {code}");
                    }
                }
            }
            for row in data["action_plan"].as_array().expect("action plan") {
                assert_eq!(
                    row["cells"],
                    serde_json::json!([]),
                    "{label}: action plan columns"
                );
            }
            assert!(
                !files.iter().any(|(path, _)| path.ends_with(".toml")),
                "{label}: no assessment"
            );
        }
    }
}

#[test]
fn family_web_pages_hold_no_names_and_no_private_evidence() {
    // The web pages are made from the same filtered data as the PDFs: the families' pages
    // and fragments hold none of the staff-only text, and the governors' page holds all of
    // it (so the scan is known to look for the right words in HTML).
    use sendbench_generate::render::html::{Form, HtmlOptions, HtmlRenderer};
    let pages = |form| {
        HtmlRenderer::new(&HtmlOptions {
            form,
            ..HtmlOptions::default()
        })
        .expect("pages")
    };
    let mut checked = 0;
    for (name, rubric, a) in examples() {
        let secrets = secrets(&rubric, &a);
        assert!(
            !secrets.is_empty(),
            "{name} has staff-only text to look for"
        );
        for form in [Form::Page, Form::Fragment] {
            for audience in [Audience::Parents, Audience::SenInfo] {
                let html = pages(form)
                    .page(&View::school(&rubric, &a, audience, &Beside::default()))
                    .expect("page");
                let text = html.split_whitespace().collect::<Vec<_>>().join(" ");
                let found: Vec<String> = secrets
                    .iter()
                    .filter(|(_, needle)| text.contains(needle.as_str()))
                    .map(|(what, needle)| format!("{what} {needle:?}"))
                    .collect();
                assert!(
                    found.is_empty(),
                    "{name}, {} web page ({form:?}) leaks:\n{}",
                    audience.id(),
                    found.join("\n")
                );
                checked += 1;
            }
        }
        let html = pages(Form::Page)
            .page(&View::school(
                &rubric,
                &a,
                Audience::Governors,
                &Beside::default(),
            ))
            .expect("page");
        let text = html.split_whitespace().collect::<Vec<_>>().join(" ");
        for (what, needle) in &secrets {
            assert!(
                text.contains(needle.as_str()),
                "{name}: the scan did not find {what} {needle:?} in the governors' web page"
            );
        }
    }
    assert_eq!(checked, 16);
}
