//! Typed text is never lost without a word: text typed in a field still flagged as showing
//! its placeholder (`w:showingPlcHdr`) is read, and text typed where no field is (a
//! descriptor or label cell, a paragraph between tables, the end of the form) is named in a
//! warning; a form nobody typed outside the fields gives no warning.

use std::io::{Cursor, Read, Write};

use sendbench_core::{Assessment, Rubric};
use sendbench_generate::docx::{import, next_year_toolkit, toolkit};

pub(crate) fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools")
        .join(name)
}

pub(crate) fn load(name: &str, rubric: &Rubric) -> Assessment {
    Assessment::load(example(name), rubric)
        .expect("valid example")
        .value
}

/// Rewrites a DOCX's document.xml, keeping the other parts.
pub(crate) fn rewrite_document(docx: &[u8], change: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("read");
        let name = file.name().expect("a UTF-8 part name").into_owned();
        if name == "word/document.xml" {
            bytes = change(&String::from_utf8(bytes).expect("UTF-8")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// Where the properties of the control tagged `tag` end (just before `</w:sdtPr>`).
pub(crate) fn properties_end(xml: &str, tag: &str) -> usize {
    let at = xml
        .find(&format!("<w:tag w:val=\"{tag}\"/>"))
        .unwrap_or_else(|| panic!("{tag} in the form"));
    at + xml[at..].find("</w:sdtPr>").expect("properties end")
}

/// The form with the control tagged `tag` flagged as showing its placeholder again, as Word
/// leaves it when text is typed over the placeholder in Design Mode.
fn flag_placeholder(xml: &str, tag: &str) -> String {
    let at = xml
        .find(&format!("<w:tag w:val=\"{tag}\"/>"))
        .unwrap_or_else(|| panic!("{tag} in the form"));
    let id = at + xml[at..].find("<w:id ").expect("id");
    let id_end = id + xml[id..].find("/>").expect("id end") + 2;
    assert!(
        !xml[at..properties_end(xml, tag)].contains("<w:showingPlcHdr/>"),
        "{tag} is already flagged"
    );
    format!("{}<w:showingPlcHdr/>{}", &xml[..id_end], &xml[id_end..])
}

/// The text of the control tagged `tag` replaced by `text` (in one run, keeping the run's
/// properties).
pub(crate) fn set_control_text(xml: &str, tag: &str, text: &str) -> String {
    let pr_end = properties_end(xml, tag);
    let start = pr_end + xml[pr_end..].find("<w:t").expect("text");
    let open_end = start + xml[start..].find('>').expect("text start") + 1;
    let end = pr_end + xml[pr_end..].find("</w:sdtContent>").expect("content end");
    let close = open_end + xml[open_end..end].rfind("</w:t>").expect("text end");
    format!("{}{text}{}", &xml[..open_end], &xml[close..])
}

/// Where cell `cell` (from 0) of the table row holding the control tagged `tag` starts.
fn cell_start(xml: &str, tag: &str, cell: usize) -> usize {
    let at = xml
        .find(&format!("<w:tag w:val=\"{tag}\"/>"))
        .unwrap_or_else(|| panic!("{tag} in the form"));
    let row = xml[..at].rfind("<w:tr>").expect("row start");
    let mut cell_at = row;
    for _ in 0..=cell {
        cell_at += xml[cell_at..].find("<w:tc>").expect("cell") + "<w:tc>".len();
    }
    cell_at
}

/// `run` typed at the end of the first paragraph of cell `cell` (from 0) of the table row
/// holding the control tagged `tag`.
pub(crate) fn type_in_row(xml: &str, tag: &str, cell: usize, run: &str) -> String {
    let cell_at = cell_start(xml, tag, cell);
    let para_end = cell_at + xml[cell_at..].find("</w:p>").expect("paragraph end");
    format!(
        "{}<w:r><w:t xml:space=\"preserve\">{run}</w:t></w:r>{}",
        &xml[..para_end],
        &xml[para_end..]
    )
}

/// A new paragraph typed in cell `cell` of the row holding `tag`, after its first.
fn paragraph_in_row(xml: &str, tag: &str, cell: usize, text: &str) -> String {
    let cell_at = cell_start(xml, tag, cell);
    let at = cell_at + xml[cell_at..].find("</w:p>").expect("paragraph end") + "</w:p>".len();
    format!("{}{}{}", &xml[..at], paragraph(text), &xml[at..])
}

/// The first word of the first text of cell `cell` of the row holding `tag`, deleted.
fn delete_first_word(xml: &str, tag: &str, cell: usize) -> String {
    let cell_at = cell_start(xml, tag, cell);
    let text = cell_at + xml[cell_at..].find("<w:t").expect("text");
    let start = text + xml[text..].find('>').expect("text start") + 1;
    let word_end = start + xml[start..].find(' ').expect("a second word") + 1;
    format!("{}{}", &xml[..start], &xml[word_end..])
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A new paragraph typed just after the `n`-th table (from 0).
fn paragraph_after_table(xml: &str, n: usize, text: &str) -> String {
    let mut at = 0;
    for _ in 0..=n {
        at += xml[at..].find("</w:tbl>").expect("table end") + "</w:tbl>".len();
    }
    format!("{}{}{}", &xml[..at], paragraph(text), &xml[at..])
}

/// A new paragraph typed at the end of the body, before its section properties.
fn paragraph_at_end(xml: &str, text: &str) -> String {
    let at = xml
        .rfind("<w:sectPr>")
        .expect("the body's section properties");
    format!("{}{}{}", &xml[..at], paragraph(text), &xml[at..])
}

#[test]
fn text_in_fields_still_flagged_as_showing_the_placeholder_is_read() {
    let rubric = Rubric::builtin();
    let a = load("beacon-hill-special.toml", &rubric);
    let evidence = a.judgement("1", "a").expect("1a").evidence.clone();
    let level = a.judgement("1", "a").expect("1a").level.clone();
    let notes = a.outcome("1").expect("outcome 1").field("notes").to_owned();
    assert!(!evidence.is_empty() && !notes.is_empty() && level.is_some());
    let docx = rewrite_document(&toolkit(&rubric, Some(&a)), |xml| {
        let xml = flag_placeholder(xml, "outcomes.1.strands.a.evidence");
        let xml = flag_placeholder(&xml, "outcomes.1.notes");
        flag_placeholder(&xml, "outcomes.1.strands.a.judgement")
    });
    let imported = import(&docx, &rubric).expect("imports");
    let back = &imported.assessment;
    let j = back.judgement("1", "a").expect("1a read");
    assert_eq!(j.evidence, evidence);
    assert_eq!(j.level, level, "a level chosen counts, flag or not");
    assert_eq!(
        back.outcome("1").map(|o| o.field("notes")),
        Some(notes.as_str())
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn text_typed_over_the_placeholder_in_design_mode_is_read() {
    // A blank form: every control flagged, showing its placeholder in the placeholder style.
    // In Design Mode the words typed replace the placeholder's and the flag stays.
    let rubric = Rubric::builtin();
    let docx = rewrite_document(&toolkit(&rubric, None), |xml| {
        let xml = set_control_text(xml, "outcomes.2.strands.c.evidence", "Typed in Design Mode");
        let xml = set_control_text(&xml, "school.name", "Oakfield Primary");
        let xml = set_control_text(&xml, "outcomes.2.strands.c.judgement", "Expected");
        // Typed after the placeholder's words, which stay in front.
        set_control_text(
            &xml,
            "outcomes.3.notes",
            "Click or tap here to enter: Notes (Outcome 3)Parents asked for more.",
        )
    });
    let back = import(&docx, &rubric).expect("imports").assessment;
    let j = back.judgement("2", "c").expect("2c read");
    assert_eq!(j.evidence, "Typed in Design Mode");
    assert_eq!(j.level.as_deref(), Some("expected"));
    assert_eq!(back.school.name, "Oakfield Primary");
    assert_eq!(
        back.outcome("3").map(|o| o.field("notes")),
        Some("Parents asked for more.")
    );
}

#[test]
fn a_flagged_field_showing_its_placeholder_is_empty() {
    let rubric = Rubric::builtin();
    let blank = import(&toolkit(&rubric, None), &rubric).expect("imports");
    assert!(blank.warnings.is_empty(), "{:?}", blank.warnings);
    let a = &blank.assessment;
    assert!(a.school.name.is_empty());
    assert!(a.outcomes.is_empty(), "{:?}", a.outcomes);
    assert!(a.checklist.is_empty() && a.action_plan.is_empty());
    assert!(a.review.date.is_none() && a.review.key_dates.is_empty());
    // Word's own placeholders, which it puts back in a field emptied of its text, are empty
    // too, flag and all.
    let docx = rewrite_document(&toolkit(&rubric, None), |xml| {
        let xml = set_control_text(
            xml,
            "outcomes.1.strands.a.evidence",
            "Click or tap here to enter text.",
        );
        let xml = set_control_text(&xml, "outcomes.1.notes", "Click here to enter text.");
        let xml = set_control_text(&xml, "review.date", "Click here to enter a date.");
        set_control_text(&xml, "outcomes.1.strands.a.judgement", "Choose an item.")
    });
    let back = import(&docx, &rubric).expect("imports").assessment;
    assert!(back.outcomes.is_empty(), "{:?}", back.outcomes);
    assert!(back.review.date.is_none());
}

#[test]
fn text_typed_outside_the_fields_is_named_in_a_warning() {
    let rubric = Rubric::builtin();
    let a = load("oakfield-primary.toml", &rubric);
    let third_duty = &rubric.checklist.items[2].id;
    let docx = rewrite_document(&toolkit(&rubric, Some(&a)), |xml| {
        // In the first descriptor cell of strand 1c, after the descriptor.
        let xml = type_in_row(
            xml,
            "outcomes.1.strands.c.judgement",
            1,
            " We think we are nearly there.",
        );
        // A paragraph of its own in the last descriptor cell of strand 2a.
        let xml = paragraph_in_row(
            &xml,
            "outcomes.2.strands.a.judgement",
            rubric.levels.len(),
            "Compare with the federation's other school.",
        );
        // In the label cells of the URN and of the third duty.
        let xml = type_in_row(&xml, "school.urn", 0, " 117000 (new)");
        let xml = type_in_row(
            &xml,
            &format!("checklist.{third_duty}.status"),
            0,
            " Ask the SENCO",
        );
        // Beside a date field in its cell.
        let xml = type_in_row(&xml, "review.key_dates.0.date", 1, " or thereabouts");
        // A paragraph between the first two tables, and one at the end of the form.
        let xml = paragraph_after_table(&xml, 0, "Headteacher: please sign below.");
        paragraph_at_end(&xml, "Signed by the chair of governors, 3 July.")
    });
    let imported = import(&docx, &rubric).expect("imports");
    let w = &imported.warnings;
    let find = |needle: &str| {
        w.iter()
            .find(|x| x.contains(needle))
            .unwrap_or_else(|| panic!("no warning with {needle:?}: {w:#?}"))
    };
    let descriptor = find("\"We think we are nearly there.\"");
    assert!(
        descriptor.starts_with("text typed in the descriptor cell of strand 1c")
            && descriptor.contains("was not imported"),
        "{descriptor}"
    );
    let own_paragraph = find("\"Compare with the federation's other school.\"");
    assert!(
        own_paragraph.starts_with("text typed in the descriptor cell of strand 2a"),
        "{own_paragraph}"
    );
    let urn = find("\"117000 (new)\"");
    assert!(
        urn.contains("the label cell of the field `school.urn`"),
        "{urn}"
    );
    let duty = find("\"Ask the SENCO\"");
    assert!(duty.contains("the label cell of duty 3"), "{duty}");
    let date = find("\"or thereabouts\"");
    assert!(
        date.contains("the cell of the field `review.key_dates.0.date`"),
        "{date}"
    );
    let between = find("\"Headteacher: please sign below.\"");
    assert!(
        between.starts_with("text typed outside the form's fields was not imported"),
        "{between}"
    );
    let end = find("\"Signed by the chair of governors, 3 July.\"");
    assert!(
        end.starts_with("text typed outside the form's fields was not imported")
            && end.contains("at the end of the form"),
        "{end}"
    );
    assert_eq!(w.len(), 7, "one warning for each piece: {w:#?}");
    // What was typed outside the fields changes nothing that was read.
    let clean = import(&toolkit(&rubric, Some(&a)), &rubric).expect("imports");
    assert_eq!(
        sendbench_core::write_assessment(&imported.assessment, &rubric, Default::default()),
        sendbench_core::write_assessment(&clean.assessment, &rubric, Default::default())
    );
}

#[test]
fn typed_text_is_quoted_shortly_and_many_pieces_are_counted() {
    let rubric = Rubric::builtin();
    let strands: Vec<String> = rubric
        .strands()
        .map(|s| {
            format!(
                "outcomes.{}.strands.{}.judgement",
                s.outcome.id, s.strand.id
            )
        })
        .take(14)
        .collect();
    let long = "word ".repeat(40);
    let docx = rewrite_document(&toolkit(&rubric, None), |xml| {
        let mut xml = xml.to_owned();
        for (i, tag) in strands.iter().enumerate() {
            let typed = if i == 0 {
                long.clone()
            } else {
                format!("note {i}")
            };
            xml = type_in_row(&xml, tag, 2, &typed);
        }
        xml
    });
    let w = import(&docx, &rubric).expect("imports").warnings;
    assert_eq!(w.len(), 11, "{w:#?}");
    let first = &w[0];
    let quoted = first
        .split_once(": \"")
        .and_then(|(_, q)| q.strip_suffix('"'))
        .expect("a quote");
    assert!(
        quoted.chars().count() <= 80 && quoted.ends_with('…'),
        "{first}"
    );
    assert!(
        w[10].contains("and 4 more") && w[10].contains("not imported"),
        "{}",
        w[10]
    );
}

#[test]
fn whitespace_typed_and_words_deleted_outside_the_fields_are_not_typed_text() {
    let rubric = Rubric::builtin();
    let docx = rewrite_document(&toolkit(&rubric, None), |xml| {
        let xml = type_in_row(xml, "outcomes.1.strands.c.judgement", 1, "   ");
        let xml = delete_first_word(&xml, "outcomes.1.strands.d.judgement", 2);
        let xml = type_in_row(&xml, "school.urn", 0, "\u{a0}");
        let xml = paragraph_after_table(&xml, 1, "  ");
        paragraph_at_end(&xml, "\t")
    });
    let imported = import(&docx, &rubric).expect("imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn no_form_the_toolkit_makes_warns_of_typed_text() {
    let rubric = Rubric::builtin();
    let mut forms = vec![("blank".to_owned(), toolkit(&rubric, None))];
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        let a = load(name, &rubric);
        forms.push((name.to_owned(), toolkit(&rubric, Some(&a))));
        forms.push((format!("{name} next year"), next_year_toolkit(&rubric, &a)));
        let mut unknown_year = a.clone();
        unknown_year.review.academic_year = None;
        unknown_year.review.date = None;
        forms.push((
            format!("{name} next year, from an undated review"),
            next_year_toolkit(&rubric, &unknown_year),
        ));
    }
    let other = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    let acorns = Assessment::load(example("../other-rubric/little-acorns.toml"), &other)
        .expect("valid")
        .value;
    for (name, docx) in &forms {
        let imported = import(docx, &rubric).expect("imports");
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
    }
    for docx in [
        toolkit(&other, None),
        toolkit(&other, Some(&acorns)),
        next_year_toolkit(&other, &acorns),
    ] {
        let imported = import(&docx, &other).expect("imports");
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    }
}

#[test]
fn forms_made_by_an_earlier_version_of_the_toolkit_import_without_a_warning() {
    let rubric = Rubric::builtin();
    let earlier = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/earlier-toolkits")
            .join(name);
        import(&std::fs::read(path).expect("fixture"), &rubric).expect("imports")
    };
    let oakfield = load("oakfield-primary.toml", &rubric);
    for (name, now) in [
        ("blank.docx", toolkit(&rubric, None)),
        ("oakfield-primary.docx", toolkit(&rubric, Some(&oakfield))),
        (
            "oakfield-primary-next-year.docx",
            next_year_toolkit(&rubric, &oakfield),
        ),
    ] {
        let imported = earlier(name);
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:#?}",
            imported.warnings
        );
        // What it holds is what this version's form of the same answers holds.
        let now = import(&now, &rubric).expect("imports").assessment;
        assert_eq!(
            sendbench_core::write_assessment(&imported.assessment, &rubric, Default::default()),
            sendbench_core::write_assessment(&now, &rubric, Default::default()),
            "{name}"
        );
    }
}
