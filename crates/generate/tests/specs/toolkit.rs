//! The Word toolkit: what `word/document.xml` holds (controls of each kind, their tags, the
//! rubric's text, placeholder state), that user text cannot break it, and that a filled form
//! reads back into the assessment it came from.

use std::io::{Cursor, Read, Write};

use quick_xml::events::Event;
use quick_xml::Reader;
use sendbench_core::{Assessment, Rubric};
use sendbench_generate::docx::{import, toolkit, ImportError};

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// Every content control: (tag, kind, showing placeholder).
fn controls(xml: &str) -> Vec<(String, &'static str, bool)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, &'static str, bool)> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let value = || {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "w:val")
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    "w:sdtPr" => current = Some((String::new(), "text", false)),
                    "w:tag" => current.as_mut().expect("in sdtPr").0 = value(),
                    "w:showingPlcHdr" => current.as_mut().expect("in sdtPr").2 = true,
                    "w14:checkbox" => current.as_mut().expect("in sdtPr").1 = "checkbox",
                    "w:dropDownList" => current.as_mut().expect("in sdtPr").1 = "dropdown",
                    "w:date" => current.as_mut().expect("in sdtPr").1 = "date",
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == "w:sdtPr" => {
                out.push(current.take().expect("control"))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn text_of(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => out.push_str(match r.xml10_content().as_ref() {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                _ => "?",
            }),
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            Event::Empty(e) if e.name().as_ref() == "w:br" => out.push('\n'),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools")
        .join(name)
}

#[test]
fn blank_toolkit_has_every_control_tagged_and_showing_its_placeholder() {
    let rubric = Rubric::builtin();
    let doc = part(&toolkit(&rubric, None), "word/document.xml");
    let controls = controls(&doc);
    let count = |kind: &str| controls.iter().filter(|c| c.1 == kind).count();
    // Drop-downs: 34 judgements, 9 checklist statuses, 6 action plan outcomes.
    assert_eq!(count("dropdown"), 34 + 9 + 6);
    // Check boxes: 8 roles took part, 34 "may be shared with families".
    assert_eq!(count("checkbox"), 8 + 34);
    // Dates: review date, 4 key dates, 23 participant rows, 6 completed + 6 due dates.
    assert_eq!(count("date"), 1 + 4 + 23 + 12);
    // Text: 4 about the school, 4 key-date events, 23 names + 14 job titles (every row of
    // the four roles that ask for one), 9 checklist evidence, 34 strand evidence, 10 notes
    // and actions, 6 x 5 action plan text columns.
    assert_eq!(count("text"), 4 + 4 + 23 + 14 + 9 + 34 + 10 + 30);
    let mut tags: Vec<&str> = controls.iter().map(|c| c.0.as_str()).collect();
    assert!(
        tags.iter().all(|t| !t.is_empty()),
        "every control has a tag"
    );
    tags.sort_unstable();
    let before = tags.len();
    tags.dedup();
    assert_eq!(tags.len(), before, "tags are unique");
    assert!(tags.contains(&"outcomes.1.strands.o.judgement"));
    assert!(tags.contains(&"checklist.senco.status"));
    assert!(tags.contains(&"participants.governor.3.title"));
    // Everything but the check boxes shows a placeholder: Word's words, then what to enter.
    assert!(controls.iter().filter(|c| c.1 != "checkbox").all(|c| c.2));
    assert!(doc.contains("Click or tap here to enter: School name<"));
    assert!(doc.contains("Click or tap here to enter: Actions<"));
    assert!(doc.contains("Choose an item: status<"));
    assert!(doc.contains("Click or tap to enter a date.<"));
    assert!(doc.contains("Click or tap to enter a date: Date of review<"));
    assert!(doc.contains("w:rStyle w:val=\"PlaceholderText\""));
    assert!(doc.contains("<w:lid w:val=\"en-GB\"/>"));
}

#[test]
fn blank_toolkit_carries_the_rubrics_text() {
    let rubric = Rubric::builtin();
    let text = squash(&text_of(&part(
        &toolkit(&rubric, None),
        "word/document.xml",
    )));
    let mut descriptors = 0;
    for strand in rubric.strands() {
        for d in &strand.strand.descriptors {
            assert!(text.contains(&squash(d)), "{}: {d}", strand.code());
            descriptors += 1;
        }
    }
    assert_eq!(descriptors, 102);
    for item in &rubric.checklist.items {
        assert!(text.contains(&squash(&item.text)));
    }
    for q in &rubric.guidance.questions {
        assert!(text.contains(q.as_str()));
    }
    assert!(text.contains("Outcome 3: Communicating sensitively"));
    assert!(text.contains("Target - the overarching aim What do we want to achieve?"));
}

#[test]
fn layout_uses_headings_repeating_headers_and_unsplit_rows() {
    let rubric = Rubric::builtin();
    let doc = part(&toolkit(&rubric, None), "word/document.xml");
    assert_eq!(
        doc.matches("<w:pStyle w:val=\"Heading1\"/>").count(),
        2 + 5 + 1
    );
    assert!(doc.matches("<w:tblHeader/>").count() >= 9);
    assert_eq!(
        doc.matches("<w:tr>").count(),
        doc.matches("<w:cantSplit/>").count()
    );
    assert!(doc.contains("w:orient=\"landscape\""));
    assert!(doc.contains("w:orient=\"portrait\""));
    let core = part(&toolkit(&rubric, None), "docProps/core.xml");
    assert!(core
        .contains("<dc:title>Hertfordshire Schools’ SEND Benchmark and Planning Tool</dc:title>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let rubric = Rubric::builtin();
    assert_eq!(toolkit(&rubric, None), toolkit(&rubric, None));
}

#[test]
fn a_four_level_rubric_gets_four_level_columns_and_choices() {
    let rubric = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    let doc = part(&toolkit(&rubric, None), "word/document.xml");
    assert!(doc.contains("w:displayText=\"Leading\" w:value=\"leading\""));
    assert!(squash(&text_of(&doc)).contains("Families shape how the setting supports all children"));
    let a = Assessment::load(example("../other-rubric/little-acorns.toml"), &rubric)
        .expect("valid")
        .value;
    let back = import(&toolkit(&rubric, Some(&a)), &rubric)
        .expect("reads back")
        .assessment;
    assert_eq!(
        back.judgement("A", "2").and_then(|j| j.level.as_deref()),
        Some("developing")
    );
    assert_eq!(back.action_plan, a.action_plan);
}

/// Compares what carries meaning: the writer and the reader may order entries differently.
fn assert_same(a: &Assessment, b: &Assessment, rubric: &Rubric) {
    assert_eq!(a.school, b.school);
    assert_eq!(a.review, b.review);
    // The form lists people by role, in the rubric's order of roles.
    let by_role = |x: &Assessment| {
        let mut people = x.participants.clone();
        people.sort_by_key(|p| {
            rubric
                .participants
                .roles
                .iter()
                .position(|r| r.id == p.role)
        });
        people
    };
    assert_eq!(by_role(a), by_role(b));
    assert_eq!(a.action_plan, b.action_plan);
    for strand in rubric.strands() {
        let (o, s) = (&strand.outcome.id, &strand.strand.id);
        let pick = |x: &Assessment| {
            x.judgement(o, s)
                .map(|j| (j.level.clone(), j.evidence.clone(), j.public))
                .unwrap_or_default()
        };
        assert_eq!(pick(a), pick(b), "strand {o}{s}");
    }
    for item in &rubric.checklist.items {
        let pick = |x: &Assessment| {
            x.checklist_answer(&item.id)
                .map(|c| (c.status, c.evidence.clone()))
                .unwrap_or_default()
        };
        assert_eq!(pick(a), pick(b), "checklist {}", item.id);
    }
    for outcome in &rubric.outcomes {
        for field in &rubric.outcome_fields {
            let pick = |x: &Assessment| {
                x.outcome(&outcome.id)
                    .map(|r| r.field(&field.id).to_owned())
                    .unwrap_or_default()
            };
            assert_eq!(pick(a), pick(b), "outcome {} {}", outcome.id, field.id);
        }
    }
}

#[test]
fn every_example_round_trips_through_the_toolkit() {
    let rubric = Rubric::builtin();
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        let a = Assessment::load(example(name), &rubric)
            .expect("valid example")
            .value;
        let imported = import(&toolkit(&rubric, Some(&a)), &rubric).expect("reads back");
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
        assert_same(&a, &imported.assessment, &rubric);
    }
}

#[test]
fn awkward_text_survives_the_round_trip() {
    let rubric = Rubric::builtin();
    let text = "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n[school]\nname = \"X\"\n";
    let mut a = Assessment::from_toml("t.toml", text, &rubric)
        .expect("valid")
        .value;
    let awkward = "<w:t>&amp; \"quotes\" ‘smart’ “quotes” ]]> <!-- x --> \u{1}\u{b}bell\n\
                   second line\twith tab\n#[strong] $x$ * _ @ // \\ Siân Wójcik اردو 中文 🙂";
    // XML 1.0 cannot carry U+0001 or U+000B: they are dropped, everything else survives.
    let expected: String = awkward
        .chars()
        .filter(|c| !sendbench_generate::docx::is_forbidden(*c))
        .collect();
    a.school.name = "St Mary’s & St John’s <Federation>".into();
    a.school.urn = Some("123456".into());
    a.outcomes.push(sendbench_core::OutcomeReview {
        outcome: "2".into(),
        fields: vec![sendbench_core::FieldText {
            id: "notes".into(),
            text: awkward.into(),
        }],
        strands: vec![sendbench_core::Judgement {
            strand: "c".into(),
            level: Some("exemplary".into()),
            evidence: awkward.into(),
            public: true,
        }],
    });
    let docx = toolkit(&rubric, Some(&a));
    controls(&part(&docx, "word/document.xml")); // parses as XML
    let back = import(&docx, &rubric).expect("reads back").assessment;
    assert_eq!(back.school.name, a.school.name);
    let j = back.judgement("2", "c").expect("judged");
    assert_eq!(j.evidence, expected);
    assert_eq!(j.level.as_deref(), Some("exemplary"));
    assert!(j.public);
    assert_eq!(
        back.outcome("2").map(|o| o.field("notes")),
        Some(expected.as_str())
    );
}

/// Writes a zip with these parts.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

#[test]
fn hostile_and_wrong_files_give_clear_errors() {
    let rubric = Rubric::builtin();
    let err = |bytes: &[u8]| import(bytes, &rubric).expect_err("refused");

    assert!(matches!(err(b"not a zip at all"), ImportError::NotZip(_)));
    let mut cut_short = toolkit(&rubric, None);
    cut_short.truncate(cut_short.len() / 2);
    assert!(matches!(err(&cut_short), ImportError::Incomplete));
    assert!(matches!(
        err(&zip_of(&[("hello.txt", b"hi")])),
        ImportError::NotWord
    ));

    // A zip bomb: 60 MB of zeros compress to a few kilobytes.
    let zeros = vec![b'0'; 60 * 1024 * 1024];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", deflated)
        .expect("start");
    zip.write_all(&zeros).expect("write");
    let bomb = zip.finish().expect("finish").into_inner();
    assert!(bomb.len() < 1_000_000);
    assert!(matches!(err(&bomb), ImportError::TooLarge(_)));

    let entities = br#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(matches!(
        err(&zip_of(&[("word/document.xml", entities)])),
        ImportError::Xml { .. }
    ));

    let plain = br#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Minutes</w:t></w:r></w:p></w:body></w:document>"#;
    assert!(matches!(
        err(&zip_of(&[("word/document.xml", plain)])),
        ImportError::NotAToolkit
    ));

    let broken = b"<w:document><w:body><w:sdt><w:sdtPr></w:body>";
    assert!(matches!(
        err(&zip_of(&[("word/document.xml", broken)])),
        ImportError::Xml { .. }
    ));

    let other = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    match err(&toolkit(&other, None)) {
        ImportError::OtherRubric { found, .. } => {
            assert!(found.starts_with("northshire-early-years-inclusion"))
        }
        e => panic!("expected another rubric, got {e}"),
    }
}

/// Rewrites a DOCX's document.xml, keeping the other parts.
fn rewrite_document(docx: &[u8], change: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        let name = file.name().expect("a UTF-8 part name").into_owned();
        if name == "word/document.xml" {
            bytes = change(&String::from_utf8(bytes).expect("UTF-8")).into_bytes();
        }
        parts.push((name, bytes));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip_of(&refs)
}

#[test]
fn a_form_whose_tags_were_dropped_is_read_by_its_structure() {
    // LibreOffice 7.4 keeps the controls but drops their tags, the showing-placeholder flag
    // and the placeholder style when it saves; the form's layout is all that is left.
    let rubric = Rubric::builtin();
    for name in ["riverside-academy.toml", "beacon-hill-special.toml"] {
        let a = Assessment::load(example(name), &rubric)
            .expect("valid example")
            .value;
        let docx = rewrite_document(&toolkit(&rubric, Some(&a)), |xml| {
            without_tags(xml)
                .replace("<w:showingPlcHdr/>", "")
                .replace("<w:rStyle w:val=\"PlaceholderText\"/>", "")
        });
        assert!(!part(&docx, "word/document.xml").contains("<w:tag "));
        let imported = import(&docx, &rubric).expect("reads back");
        assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
        assert!(imported.warnings[0].contains("lost their tags"));
        // The multi-line answers to check for lines run together are named.
        assert!(
            imported.warnings[1].contains("may also have lost the line breaks")
                && imported.warnings[1].contains("evidence 1a"),
            "{}",
            imported.warnings[1]
        );
        assert_same(&a, &imported.assessment, &rubric);
    }
}

#[test]
fn controls_are_read_as_word_writes_them_after_editing() {
    // Word splits typed text into many runs (spell-check marks, revision ids), uses smart
    // quotes, tabs and breaks, keeps the date's value in w:fullDate whatever the display, and
    // may write check box state as "true".
    let rubric = Rubric::builtin();
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>
<w:p><w:sdt><w:sdtPr><w:alias w:val="School name"/><w:tag w:val="school.name"/><w:id w:val="1"/><w:text/></w:sdtPr><w:sdtContent>
<w:r w:rsidR="00A1B2"><w:t>St Mary</w:t></w:r><w:r><w:t>’</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">s “Primary” </w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>&amp; Nursery</w:t></w:r>
</w:sdtContent></w:sdt></w:p>
<w:p><w:sdt><w:sdtPr><w:tag w:val="review.date"/><w:date w:fullDate="2026-06-15T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/></w:date></w:sdtPr><w:sdtContent><w:r><w:t>15 June 2026</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:sdt><w:sdtPr><w:tag w:val="outcomes.1.strands.a.judgement"/><w:dropDownList w:lastValue="exemplary"><w:listItem w:displayText="Emerging" w:value="emerging"/><w:listItem w:displayText="Exemplary" w:value="exemplary"/></w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>Exemplary</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:sdt><w:sdtPr><w:tag w:val="outcomes.1.strands.a.evidence"/><w:text w:multiLine="1"/></w:sdtPr><w:sdtContent><w:r><w:t>Learning walks:</w:t></w:r><w:r><w:tab/><w:t>autumn</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">and </w:t></w:r><w:r><w:t>spring.</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:sdt><w:sdtPr><w:tag w:val="outcomes.1.strands.a.public"/><w14:checkbox><w14:checked w14:val="true"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt></w:p>
<w:p><w:sdt><w:sdtPr><w:tag w:val="outcomes.1.notes"/><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p>
</w:body></w:document>"#;
    let docx = zip_of(&[("word/document.xml", document.as_bytes())]);
    let a = import(&docx, &rubric).expect("reads").assessment;
    assert_eq!(a.school.name, "St Mary’s “Primary” & Nursery");
    assert_eq!(
        a.review.date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-15")
    );
    let j = a.judgement("1", "a").expect("judged");
    assert_eq!(j.level.as_deref(), Some("exemplary"));
    assert_eq!(j.evidence, "Learning walks:\tautumn\nand spring.");
    assert!(j.public);
    assert_eq!(
        a.outcome("1").map(|o| o.field("notes")),
        Some(""),
        "a placeholder is empty"
    );
}

#[test]
fn pasted_symbol_bullets_and_control_characters_are_cleaned_with_a_warning() {
    let rubric = Rubric::builtin();
    let a = Assessment::load(example("oakfield-primary.toml"), &rubric)
        .expect("valid")
        .value;
    let docx = toolkit(&rubric, Some(&a));
    // What Word writes when a bulleted list is pasted into a field (the Symbol-font bullet
    // U+F0B7), and a bell written as a character reference.
    let first_evidence = a.judgement("1", "a").expect("1a").evidence.clone();
    let start: String = first_evidence.chars().take(20).collect();
    let pasted = rewrite_document(&docx, |xml| {
        xml.replacen(&start, &format!("\u{F0B7}\tOne&#7;{start}"), 1)
    });
    let imported = import(&pasted, &rubric).expect("imports");
    let evidence = &imported
        .assessment
        .judgement("1", "a")
        .expect("1a")
        .evidence;
    assert!(
        evidence.starts_with(&format!("•\tOne{start}")),
        "{evidence:?}"
    );
    let warning = imported
        .warnings
        .iter()
        .find(|w| w.contains("strand 1a"))
        .expect("a warning naming the field");
    assert!(
        warning.contains("U+F0B7") && warning.contains("became •"),
        "{warning}"
    );
    assert!(
        warning.contains("U+0007") && warning.contains("was removed"),
        "{warning}"
    );
}

#[test]
fn an_archive_with_two_entries_of_one_name_is_refused() {
    let rubric = Rubric::builtin();
    let docx = toolkit(&rubric, None);
    let mut zip = zip::ZipArchive::new(Cursor::new(docx.as_slice())).expect("zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        parts.push((file.name().expect("a UTF-8 part name").into_owned(), bytes));
    }
    // A second word/document.xml: `unzip` would show one, Word another.
    parts.push(("word/document.xml".into(), b"<w:document/>".to_vec()));
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let last = parts.len() - 1;
    for (i, (name, bytes)) in parts.iter().enumerate() {
        // The zip writer refuses a duplicate name, so the second is written under another
        // name of the same length and renamed in the bytes.
        let name = if i == last {
            "word/documenX.xml"
        } else {
            name.as_str()
        };
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(bytes).expect("write");
    }
    let mut bytes = writer.finish().expect("finish").into_inner();
    let renamed = b"word/documenX.xml";
    let mut at = 0;
    while let Some(i) = bytes[at..]
        .windows(renamed.len())
        .position(|w| w == renamed)
    {
        bytes[at + i..at + i + renamed.len()].copy_from_slice(b"word/document.xml");
        at += i + renamed.len();
    }
    match import(&bytes, &rubric) {
        Err(ImportError::DuplicateEntry(name)) => assert_eq!(name, "word/document.xml"),
        other => panic!("not refused as a duplicate: {other:?}"),
    }
}

#[test]
fn files_saved_in_the_wrong_format_say_what_they_are_and_what_to_do() {
    let rubric = Rubric::builtin();
    let message = |bytes: &[u8]| import(bytes, &rubric).expect_err("refused").to_string();
    assert!(message(b"").contains("empty"));
    let doc = message(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);
    assert!(
        doc.contains("Word 97-2003") && doc.contains("Save As > Word Document (.docx)"),
        "{doc}"
    );
    let pdf = message(b"%PDF-1.7\n...");
    assert!(
        pdf.contains("PDF") && pdf.contains("Word file (.docx)"),
        "{pdf}"
    );
    let odt = message(&zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]));
    assert!(
        odt.contains("OpenDocument") && odt.contains("Word 2007-365 (.docx)"),
        "{odt}"
    );
}

/// The form with the table row holding `tag` copied just after itself, as Word copies a
/// row: the same controls, tags and all; the copy's text is changed by `change`.
fn copy_row(docx: &[u8], tag: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
    rewrite_document(docx, |xml| {
        let at = xml
            .find(&format!("w:val=\"{tag}\""))
            .unwrap_or_else(|| panic!("{tag} in the form"));
        let start = xml[..at]
            .rfind("<w:tr>")
            .or_else(|| xml[..at].rfind("<w:tr "))
            .expect("row start");
        let end = at + xml[at..].find("</w:tr>").expect("row end") + "</w:tr>".len();
        let row = &xml[start..end];
        format!("{}{}{}", &xml[..end], change(row), &xml[end..])
    })
}

#[test]
fn copied_rows_become_extra_rows_with_a_warning_and_nothing_is_lost() {
    let rubric = Rubric::builtin();
    let a = Assessment::load(example("oakfield-primary.toml"), &rubric)
        .expect("valid")
        .value;
    let docx = toolkit(&rubric, Some(&a));
    let first = a.action_plan[0].clone();
    let target = match first.cell("target") {
        Some(sendbench_core::CellValue::Text(t)) => t.clone(),
        other => panic!("{other:?}"),
    };
    // A seventh action: the first row copied and its target typed over.
    let copied = copy_row(&docx, "action_plan.0.target", |row| {
        row.replace(&target, "A new target typed in the copied row")
    });
    let imported = import(&copied, &rubric).expect("imports");
    let plan = &imported.assessment.action_plan;
    assert_eq!(plan.len(), a.action_plan.len() + 1);
    assert_eq!(plan[0], first, "the first row is kept as it was");
    assert!(matches!(
        plan[1].cell("target"),
        Some(sendbench_core::CellValue::Text(t)) if t == "A new target typed in the copied row"
    ));
    assert_eq!(plan[1].outcome, first.outcome);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("action plan row 1 was copied in the form 1 time(s)")),
        "{:?}",
        imported.warnings
    );
    // What is written back is a valid assessment (no key twice).
    let text = sendbench_core::write_assessment(&imported.assessment, &rubric, Default::default());
    Assessment::from_toml("back.toml", &text, &rubric).expect("valid TOML");

    // A fifth governor: a participant row copied, a name typed in.
    let governor = a
        .participants
        .iter()
        .find(|p| p.role == "governor")
        .and_then(|p| p.name.clone())
        .expect("a governor");
    let copied = copy_row(&docx, "participants.governor.0.name", |row| {
        row.replace(&governor, "Mr New Governor")
    });
    let imported = import(&copied, &rubric).expect("imports");
    let names: Vec<&str> = imported
        .assessment
        .participants
        .iter()
        .filter(|p| p.role == "governor")
        .filter_map(|p| p.name.as_deref())
        .collect();
    assert!(
        names.contains(&governor.as_str()) && names.contains(&"Mr New Governor"),
        "{names:?}"
    );
}

#[test]
fn every_control_has_a_title_of_its_own_naming_its_row() {
    let rubric = Rubric::builtin();
    let xml = part(&toolkit(&rubric, None), "word/document.xml");
    let aliases: Vec<&str> = xml
        .split("<w:alias w:val=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(aliases.len() > 200, "{}", aliases.len());
    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<&&str> = aliases.iter().filter(|a| !seen.insert(**a)).collect();
    assert!(repeated.is_empty(), "controls share a title: {repeated:?}");
    assert!(aliases.contains(&"Action 3: Target - the overarching aim"));
    assert!(aliases.contains(&"Governor 2: name"));
    assert!(aliases.contains(&"Key date 4: date"));
    // The title is the document's first heading (outline level 0), so no level is skipped
    // before "Key dates" (level 2).
    let styles = part(&toolkit(&rubric, None), "word/styles.xml");
    let title = styles
        .split("<w:style ")
        .find(|s| s.contains("w:styleId=\"Title\""))
        .expect("Title style");
    assert!(title.contains("<w:outlineLvl w:val=\"0\"/>"));
}

#[test]
fn notes_actions_and_action_plan_rows_leave_room_to_write_on_paper() {
    let rubric = Rubric::builtin();
    let xml = part(&toolkit(&rubric, None), "word/document.xml");
    // Each Notes and Actions box (2 per outcome) at least 4 cm high, each action plan row 2 cm.
    let notes = xml
        .matches("<w:trHeight w:val=\"2268\" w:hRule=\"atLeast\"/>")
        .count();
    assert_eq!(notes, rubric.outcomes.len() * rubric.outcome_fields.len());
    let actions = xml
        .matches("<w:trHeight w:val=\"1134\" w:hRule=\"atLeast\"/>")
        .count();
    assert_eq!(actions, rubric.action_plan.rows as usize);
}

#[test]
fn each_outcome_starts_a_new_page() {
    let rubric = Rubric::builtin();
    let xml = part(&toolkit(&rubric, None), "word/document.xml");
    for outcome in rubric.outcomes.iter().skip(1) {
        let heading = format!("Outcome {}: ", outcome.id);
        let at = xml.find(&heading).expect("outcome heading");
        let paragraph = &xml[xml[..at].rfind("<w:p>").expect("paragraph")..at];
        assert!(
            paragraph.contains("<w:pageBreakBefore/>"),
            "outcome {}",
            outcome.id
        );
    }
}

#[test]
fn a_running_header_names_the_school_on_every_page_but_the_title_page() {
    let rubric = Rubric::builtin();
    let a = Assessment::load(example("riverside-academy.toml"), &rubric)
        .expect("valid")
        .value;
    let docx = toolkit(&rubric, Some(&a));
    let header = part(&docx, "word/header1.xml");
    assert!(
        header.contains("Riverside Academy · SEND Benchmark and Planning Tool"),
        "{header}"
    );
    let doc = part(&docx, "word/document.xml");
    // Both sections use the header; only the first (the title page's) keeps its first page clear.
    assert_eq!(doc.matches("w:headerReference").count(), 2);
    assert_eq!(doc.matches("<w:titlePg/>").count(), 1);
    // A blank form's header names the tool alone.
    let blank = part(&toolkit(&rubric, None), "word/header1.xml");
    assert!(
        blank.contains(">SEND Benchmark and Planning Tool<"),
        "{blank}"
    );
}

#[test]
fn text_typed_beside_a_field_is_kept_with_a_warning() {
    let rubric = Rubric::builtin();
    let a = Assessment::load(example("oakfield-primary.toml"), &rubric)
        .expect("valid")
        .value;
    let docx = toolkit(&rubric, Some(&a));
    // After the Notes field of outcome 1, in the same box, outside the control: a new
    // paragraph typed below it, as Word lets you.
    let typed = rewrite_document(&docx, |xml| {
        let tag = "w:val=\"outcomes.1.notes\"";
        let at = xml.find(tag).expect("notes control");
        let end = at + xml[at..].find("</w:sdt>").expect("control end") + "</w:sdt>".len();
        let para_end = end + xml[end..].find("</w:p>").expect("paragraph end") + "</w:p>".len();
        format!(
            "{}<w:p><w:r><w:t>Also: the parent forum asked for termly updates.</w:t></w:r></w:p>{}",
            &xml[..para_end],
            &xml[para_end..]
        )
    });
    let imported = import(&typed, &rubric).expect("imports");
    let notes = imported
        .assessment
        .outcome("1")
        .map(|o| o.field("notes"))
        .unwrap_or_default();
    assert!(
        notes.ends_with("\nAlso: the parent forum asked for termly updates."),
        "{notes:?}"
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("text typed beside the form field `outcomes.1.notes`")),
        "{:?}",
        imported.warnings
    );
    // A form nobody typed beside gives no such warning.
    let clean = import(&docx, &rubric).expect("imports");
    assert!(
        !clean.warnings.iter().any(|w| w.contains("typed beside")),
        "{:?}",
        clean.warnings
    );
}

#[test]
fn everything_the_form_says_about_the_school_comes_from_the_rubric() {
    let rubric = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    let xml = part(&toolkit(&rubric, None), "word/document.xml");
    let text = text_of(&xml);
    for own in [
        "Setting name",
        "Ofsted URN",
        "Locality",
        "Date of the review meeting",
        "name the people from the setting",
    ] {
        assert!(text.contains(own), "{own} missing");
    }
    for foreign in [
        "School name",
        "Local area or cluster",
        "Tick each duty",
        "Date of review",
    ] {
        assert!(
            !text.contains(foreign),
            "the four-level form says {foreign:?}"
        );
    }
    // The built-in rubric keeps the original form's words.
    let text = text_of(&part(
        &toolkit(&Rubric::builtin(), None),
        "word/document.xml",
    ));
    assert!(text.contains("School name") && text.contains("Tick each group that took part"));
}

#[test]
fn a_form_of_another_rubric_whose_tags_were_dropped_is_read_by_its_own_labels() {
    let rubric = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    let a = Assessment::load(example("../other-rubric/little-acorns.toml"), &rubric)
        .expect("valid")
        .value;
    let docx = rewrite_document(&toolkit(&rubric, Some(&a)), |xml| {
        without_tags(xml).replace("<w:showingPlcHdr/>", "")
    });
    let imported = import(&docx, &rubric).expect("reads back");
    assert_eq!(imported.assessment.school.name, a.school.name);
    assert_eq!(imported.assessment.school.urn, a.school.urn);
    assert_eq!(imported.assessment.review.date, a.review.date);
}

/// The document's XML with every control's tag removed, as LibreOffice 7.4 saves it.
fn without_tags(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:tag ") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("/>").expect("tag ends") + i + 2;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// What the body holds at its top level, in order: paragraphs (style, text, whether kept
/// with the next by `w:keepNext`) and tables.
#[derive(Debug, PartialEq)]
enum Block {
    Paragraph {
        style: String,
        text: String,
        keep_next: bool,
    },
    Table,
}

fn blocks(xml: &str) -> Vec<Block> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut tables, mut in_text) = (0usize, false);
    let mut paragraph: Option<(String, String, bool)> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:tbl" => {
                    if tables == 0 {
                        out.push(Block::Table);
                    }
                    tables += 1;
                }
                "w:p" if tables == 0 => paragraph = Some(Default::default()),
                "w:pStyle" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.0 = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "w:val")
                            .map(|a| a.value.into_owned())
                            .unwrap_or_default();
                    }
                }
                "w:keepNext" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.2 = true;
                    }
                }
                "w:t" => in_text = true,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.1.push_str(&t.xml10_content());
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:tbl" => tables -= 1,
                "w:t" => in_text = false,
                "w:p" if tables == 0 => {
                    if let Some((style, text, keep_next)) = paragraph.take() {
                        out.push(Block::Paragraph {
                            style,
                            text,
                            keep_next,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_duties_are_numbered_on_the_page_as_their_fields_are_titled() {
    let rubric = Rubric::builtin();
    let xml = part(&toolkit(&rubric, None), "word/document.xml");
    let text = squash(&text_of(&xml));
    for (n, item) in rubric.checklist.items.iter().enumerate() {
        let title = format!("Duty {}: status", n + 1);
        assert!(
            xml.contains(&format!("<w:alias w:val=\"{title}\"/>")),
            "{title}"
        );
        let on_the_page = format!("Duty {}: {}", n + 1, squash(&item.text));
        assert!(text.contains(&on_the_page), "{on_the_page}");
    }
}

#[test]
fn the_outline_never_skips_a_level_and_no_paragraph_is_an_empty_spacer() {
    let rubric = Rubric::builtin();
    for docx in [
        toolkit(&rubric, None),
        toolkit(
            &rubric,
            Some(
                &Assessment::load(example("oakfield-primary.toml"), &rubric)
                    .expect("valid")
                    .value,
            ),
        ),
    ] {
        let blocks = blocks(&part(&docx, "word/document.xml"));
        let mut level = 0;
        for block in &blocks {
            let Block::Paragraph { style, text, .. } = block else {
                continue;
            };
            // Every paragraph outside the tables says something: a screen reader announces
            // an empty one as "blank", and spacing does what spacer paragraphs did.
            assert!(
                !text.trim().is_empty(),
                "an empty {style} paragraph: {blocks:#?}"
            );
            let this = match style.as_str() {
                "Title" => 1,
                s => match s
                    .strip_prefix("Heading")
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    Some(n) => n,
                    None => continue,
                },
            };
            assert!(
                this <= level + 1,
                "{text:?} jumps from level {level} to {this}"
            );
            level = this;
        }
    }
    let styles = part(&toolkit(&rubric, None), "word/styles.xml");
    assert!(!styles.contains("Spacer"));
}

#[test]
fn what_leads_into_a_table_is_kept_on_its_page() {
    let rubric = Rubric::builtin();
    let blocks = blocks(&part(&toolkit(&rubric, None), "word/document.xml"));
    // Headings, the title and the subtitle keep with the next paragraph by their style.
    let kept_by_style =
        |style: &str| style.starts_with("Heading") || style == "Title" || style == "Subtitle";
    for (i, block) in blocks.iter().enumerate().skip(1) {
        if *block != Block::Table {
            continue;
        }
        let Block::Paragraph {
            style,
            text,
            keep_next,
        } = &blocks[i - 1]
        else {
            panic!("two tables with nothing between them");
        };
        assert!(
            *keep_next || kept_by_style(style),
            "{text:?} can be left at the foot of a page without its table"
        );
    }
    // "Who has been involved": its heading and instructions stay with the table.
    let who = blocks
        .iter()
        .position(
            |b| matches!(b, Block::Paragraph { text, .. } if text == &rubric.participants.heading),
        )
        .expect("the participants heading");
    assert!(matches!(
        &blocks[who + 1],
        Block::Paragraph {
            keep_next: true,
            ..
        }
    ));
    assert_eq!(blocks[who + 2], Block::Table);
}
