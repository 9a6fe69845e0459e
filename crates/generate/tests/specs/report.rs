//! PDF reports: the text a reader gets out of each audience's PDF (read back by
//! `sendbench-pdf-text`, as `pdftotext` would), what must and must not be in it,
//! repeatability, the sandbox around templates, and PDF/A with the assessment attached.

use std::path::{Path, PathBuf};

use sendbench_core::{Assessment, Rubric};
use sendbench_generate::render::pdf::{PdfError, PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

use crate::pdf::{self, squash};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools")
        .join(name)
}

fn load(name: &str, rubric: &Rubric) -> Assessment {
    Assessment::load(example(name), rubric)
        .expect("valid example")
        .value
}

/// The report's text with white space collapsed, as a reader (or screen reader) gets it.
fn text(pdf: &[u8]) -> String {
    squash(&pdf::text(pdf))
}

/// The number of pages.
fn pages(pdf: &[u8]) -> u32 {
    pdf::document(pdf).page_count() as u32
}

/// Text to find in a PDF's text regardless of where lines broke: the reader, like
/// `pdftotext`, joins a word hyphenated at a line end ("inter-" / "relationship" becomes
/// "interrelationship"), so both sides are compared without hyphens.
fn unhyphenated(text: &str) -> String {
    squash(text).replace('-', "")
}

/// The built-in rubric, an example assessment, and its report for one audience.
fn builtin_report(example_name: &str, audience: Audience) -> (Rubric, Assessment, Vec<u8>) {
    let rubric = Rubric::builtin();
    let a = load(example_name, &rubric);
    let pdf = engine()
        .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
        .expect("report");
    (rubric, a, pdf)
}

fn engine() -> PdfRenderer {
    PdfRenderer::new(&PdfOptions::default()).expect("engine")
}

#[test]
fn governors_report_has_every_strand_with_its_judgement_descriptor_and_next_step() {
    let (rubric, a, pdf) = builtin_report("oakfield-primary.toml", Audience::Governors);
    let text = text(&pdf);
    let loose = unhyphenated(&text);
    for strand in rubric.strands() {
        let j = a
            .judgement(&strand.outcome.id, &strand.strand.id)
            .expect("every strand judged");
        let level = rubric
            .level_index(j.level.as_deref().expect("level"))
            .expect("known level");
        let row = format!("{} {}", strand.code(), rubric.levels[level].name);
        assert!(text.contains(&row), "{row} missing");
        assert!(
            loose.contains(&unhyphenated(&strand.strand.descriptors[level])),
            "{} descriptor",
            strand.code()
        );
        if let Some((_, next)) = rubric.next_step(strand.strand, level) {
            assert!(
                loose.contains(&unhyphenated(next)),
                "{} next step",
                strand.code()
            );
        }
    }
    assert!(text.contains("Mrs Rachel Whitfield"), "governors see names");
    assert!(text.contains("8 of 9 duties met, 1 partly met, 0 not met"));
    assert!(text.contains("Page 1 of"));
}

#[test]
fn parents_report_has_no_names_and_only_public_evidence() {
    let (_, a, pdf) = builtin_report("oakfield-primary.toml", Audience::Parents);
    let text = text(&pdf);
    for p in &a.participants {
        if let Some(name) = &p.name {
            for part in name.split_whitespace().filter(|w| w.len() > 3) {
                assert!(!text.contains(part), "the parents' report names {name}");
            }
        }
    }
    for review in &a.outcomes {
        for j in review.strands.iter().filter(|j| !j.evidence.is_empty()) {
            let shown = text.contains(&squash(&j.evidence));
            assert_eq!(
                shown, j.public,
                "evidence of {}{} shown = {shown}",
                review.outcome, j.strand
            );
        }
    }
    // The glossary explains the words the summary uses, and no others.
    assert!(text.contains("Words we use"));
    assert!(text.contains("SENCO: the special educational needs co-ordinator"));
    assert!(!text.contains("Local Offer"));
    assert!(
        promised("parents").contains(&pages(&pdf)),
        "{} pages",
        pages(&pdf)
    );
}

#[test]
fn sen_info_summary_is_short_and_has_the_checklist() {
    let (_, _, pdf) = builtin_report("riverside-academy.toml", Audience::SenInfo);
    let text = text(&pdf);
    assert!(text.contains("Not met"), "Riverside does not meet one duty");
    assert!(text.contains("Review completed 3 July 2026"));
    // Clear print (12 pt, lines of about 65 characters) takes a third page for the full
    // text of the nine statutory duties.
    assert!(
        promised("sen-info").contains(&pages(&pdf)),
        "{} pages",
        pages(&pdf)
    );
}

#[test]
fn user_text_is_text_never_typst() {
    let rubric = Rubric::builtin();
    let mut a = load("oakfield-primary.toml", &rubric);
    let hostile = r#"#set page(width: 1cm) $x^2$ *bold* _it_ <label> @ref [x] \ // not a comment #read("/etc/passwd")"#;
    a.school.name = format!("St Mary’s {hostile}");
    a.outcomes[0].strands[0].evidence = hostile.to_owned();
    for audience in Audience::ALL {
        let pdf = engine()
            .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
            .expect("report");
        // Wherever a line breaks it (the cover breaks "/etc/passwd" after its slash).
        let solid = |t: &str| t.split_whitespace().collect::<String>();
        let text = text(&pdf);
        assert!(
            solid(&text).contains(&solid(hostile)),
            "{audience:?}: {text:.300}"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let rubric = Rubric::builtin();
    let a = load("riverside-academy.toml", &rubric);
    let first = engine()
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::Governors,
            &Beside::default(),
        ))
        .expect("report");
    PdfRenderer::free_caches();
    let second = engine()
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::Governors,
            &Beside::default(),
        ))
        .expect("report");
    assert!(first == second, "two runs differ");
}

#[test]
fn an_unfinished_review_renders_and_says_what_is_not_judged() {
    let rubric = Rubric::builtin();
    let a = load("beacon-hill-special.toml", &rubric);
    let text = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::Governors,
                &Beside::default(),
            ))
            .expect("report"),
    );
    // Strands are judged and duties answered, in the mark and in the text alike.
    assert!(text.contains(
        "8 of 34 strands are not yet judged and 4 of 9 statutory duties are not yet answered"
    ));
    assert!(text.contains("5c Not yet judged"));
    // Said once, by the entry's heading, not again under it.
    assert!(!text.contains("Not yet judged."));
    assert!(text.contains("No actions have been planned yet."));
}

/// The text of one page.
fn page_text(pdf: &[u8], page: u32) -> String {
    let text = pdf::document(pdf)
        .page_text(page as usize)
        .unwrap_or_else(|e| panic!("page {page} cannot be read back: {e}"));
    squash(&text)
}

#[test]
fn every_audience_marks_an_unfinished_review_as_a_draft_on_every_page() {
    let rubric = Rubric::builtin();
    let a = load("beacon-hill-special.toml", &rubric);
    for audience in Audience::ALL {
        // In the audience's words on the cover; at the top of every page the same, or in
        // the family summaries' clear print (too large for the counts on one line) shortly.
        let (mark, every_page) = match audience {
            Audience::Governors => {
                let mark = "Draft: 8 of 34 strands not yet judged and 4 of 9 statutory duties not yet answered";
                (mark, mark)
            }
            Audience::Parents => (
                "Draft: 8 of 34 parts not yet judged and 4 of 9 legal duties not yet checked",
                "Draft: this review is not finished yet",
            ),
            Audience::SenInfo => (
                "Draft: 8 of 34 strands not yet judged and 4 of 9 statutory duties not yet answered",
                "Draft: this review is not finished yet",
            ),
        };
        let pdf = engine()
            .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
            .expect("report");
        let all = text(&pdf);
        let id = audience.id();
        for page in 1..=pages(&pdf) {
            assert!(
                page_text(&pdf, page).contains(every_page),
                "{id}: page {page} has no draft mark"
            );
        }
        // On the cover, as text a screen reader reads (the running header is an artifact).
        assert!(
            all.contains(&format!("{mark}. This review is not finished yet")),
            "{id}: {all}"
        );
        // Nothing claims the review is complete.
        for claim in [
            "Review completed",
            "We judged each of",
            "We judged 26 of 26",
            "Every strand has been judged",
        ] {
            assert!(!all.contains(claim), "{id} claims completion: {claim:?}");
        }
        assert!(
            all.contains("Review in progress, last updated 24 June 2026"),
            "{id}"
        );
        // The date the school set itself to finish.
        assert!(
            all.contains("15 July 2026: Parent forum and governors: finish outcomes 3 to 5"),
            "{id}: key date missing"
        );
    }
    let parents = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::Parents,
                &Beside::default(),
            ))
            .expect("report"),
    );
    assert!(
        parents.contains(
            "So far we have judged 26 of the 34 parts. All of them are at Expected or better."
        ),
        "{parents}"
    );
    let sen_info = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::SenInfo,
                &Beside::default(),
            ))
            .expect("report"),
    );
    assert!(
        sen_info.contains(
            "so far we have judged 26 of the 34 strands and answered 5 of the 9 statutory duties"
        ),
        "{sen_info}"
    );
}

#[test]
fn a_finished_review_is_not_marked_as_a_draft() {
    for audience in Audience::ALL {
        let (_, _, pdf) = builtin_report("oakfield-primary.toml", audience);
        let all = text(&pdf);
        assert!(!all.contains("Draft"), "{}", audience.id());
        assert!(all.contains("Review completed"), "{}", audience.id());
    }
}

#[test]
fn another_rubric_with_four_levels_renders() {
    let rubric = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    let a = Assessment::load(example("../other-rubric/little-acorns.toml"), &rubric)
        .expect("valid")
        .value;
    let text = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::Governors,
                &Beside::default(),
            ))
            .expect("report"),
    );
    assert!(text.contains("A2 Developing"));
    assert!(text.contains("B1 Leading"));
    assert!(text.contains("0 Beginning, 1 Developing, 1 Secure, 0 Leading"));
}

#[test]
fn each_audience_has_its_own_title() {
    for (audience, title) in [
        (Audience::Governors, "Oakfield Primary School: SEND benchmark report for governors, 2025/26"),
        (Audience::Parents, "Oakfield Primary School: SEND review summary for families, 2025/26"),
        (
            Audience::SenInfo,
            "Oakfield Primary School: SEND benchmark summary for the SEN information report, 2025/26",
        ),
    ] {
        let (_, _, pdf) = builtin_report("oakfield-primary.toml", audience);
        let info = pdf::document(&pdf).info();
        assert_eq!(info.title.as_deref(), Some(title), "{info:?}");
    }
}

#[test]
fn reports_are_tagged_pdf_ua_with_title_and_language() {
    let (_, _, pdf) = builtin_report("oakfield-primary.toml", Audience::Governors);
    assert!(
        pdf::document(&pdf).is_tagged().expect("catalog"),
        "marked as tagged"
    );
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "PDF/UA identification"
    );
    assert!(raw.contains("/Lang(en-GB)"), "document language");
    assert!(
        raw.contains("/DisplayDocTitle true"),
        "viewers show the title, not the file name"
    );
}

#[test]
fn pdfa_carries_the_assessment_as_an_attachment() {
    let rubric = Rubric::builtin();
    let a = load("oakfield-primary.toml", &rubric);
    let engine = PdfRenderer::new(&PdfOptions {
        pdfa: true,
        ..PdfOptions::default()
    })
    .expect("engine");
    let pdf = engine
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::Governors,
            &Beside::default(),
        ))
        .expect("report");
    let list: Vec<String> = pdf::document(&pdf)
        .attachments()
        .unwrap_or_else(|e| panic!("the attachments cannot be read: {e}"))
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(
        list.iter().any(|n| n.contains("assessment.toml")),
        "{list:?}"
    );
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("<pdfaid:part>3</pdfaid:part>"),
        "PDF/A-3 identification"
    );
}

#[test]
fn template_errors_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("governors.typ"),
        "#let data = json(\"data.json\")\n\nHello #data.nope\n",
    )
    .expect("write");
    let engine = PdfRenderer::new(&PdfOptions {
        templates: Some(dir.path().to_owned()),
        ..PdfOptions::default()
    })
    .expect("engine");
    let rubric = Rubric::builtin();
    let a = load("oakfield-primary.toml", &rubric);
    match engine.pdf(&View::school(
        &rubric,
        &a,
        Audience::Governors,
        &Beside::default(),
    )) {
        Err(PdfError::Template(errors)) => {
            assert!(errors[0].starts_with("governors.typ:3:"), "{errors:?}");
            assert!(errors[0].contains("nope"), "{errors:?}");
        }
        other => panic!(
            "expected a template error, got {:?}",
            other.map(|b| b.len())
        ),
    }
}

#[test]
fn templates_cannot_reach_files_or_packages() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("parents.typ"), "#read(\"/etc/passwd\")\n").expect("write");
    std::fs::write(
        dir.path().join("sen-info.typ"),
        "#import \"@preview/cetz:0.3.0\"\n",
    )
    .expect("write");
    let engine = PdfRenderer::new(&PdfOptions {
        templates: Some(dir.path().to_owned()),
        ..PdfOptions::default()
    })
    .expect("engine");
    let rubric = Rubric::builtin();
    let a = load("oakfield-primary.toml", &rubric);
    for audience in [Audience::Parents, Audience::SenInfo] {
        match engine.pdf(&View::school(&rubric, &a, audience, &Beside::default())) {
            Err(PdfError::Template(errors)) => assert!(!errors.is_empty()),
            other => panic!(
                "{audience:?}: expected an error, got {:?}",
                other.map(|b| b.len())
            ),
        }
    }
}

#[test]
fn names_in_welsh_polish_and_urdu_render_and_missing_scripts_are_named() {
    let rubric = Rubric::builtin();
    let mut a = load("oakfield-primary.toml", &rubric);
    a.school.name = "Ysgol Gynradd Llanfair Dyffryn Clwyd ŵŷ Łódź Szkoła اردو".into();
    let text = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::SenInfo,
                &Beside::default(),
            ))
            .expect("Welsh, Polish and Urdu render"),
    );
    assert!(text.contains("ŵŷ Łódź Szkoła"));

    a.school.name = "Oakfield 橡树 School".into();
    match engine().pdf(&View::school(
        &rubric,
        &a,
        Audience::SenInfo,
        &Beside::default(),
    )) {
        Err(e @ PdfError::MissingGlyphs { .. }) => {
            // Each character named, with its code point, once.
            assert!(
                e.to_string()
                    .contains("cannot show these characters: 橡 (U+6A61), 树 (U+6811)\n"),
                "{e}"
            );
        }
        other => panic!("expected missing glyphs, got {:?}", other.map(|b| b.len())),
    }
    // A character Typst quotes as an escape is named as itself, not as the escape's text.
    a.school.name = "Oakfield \u{FFFE} School".into();
    if let Err(e @ PdfError::MissingGlyphs { .. }) = engine().pdf(&View::school(
        &rubric,
        &a,
        Audience::SenInfo,
        &Beside::default(),
    )) {
        assert!(e.to_string().contains("U+FFFE"), "{e}");
        assert!(!e.to_string().contains("U+00FE"), "{e}");
    }
}

/// The structure tree as `pdfinfo -struct` lists it, attribute lines left out: one element
/// a line, indented two spaces a level (`  H2 "Who took part" (block)`).
fn structure(pdf: &[u8]) -> Vec<String> {
    pdf::document(pdf)
        .structure()
        .unwrap_or_else(|e| panic!("the structure tree cannot be read: {e}"))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn lists_are_tagged_as_lists_and_no_text_is_left_outside_a_paragraph() {
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        for audience in Audience::ALL {
            let (_, _, pdf) = builtin_report(name, audience);
            let tree = structure(&pdf);
            let loose: Vec<&String> = tree.iter().filter(|l| l.starts_with("  Span")).collect();
            assert!(
                loose.is_empty(),
                "{name}, {}: text outside any paragraph: {loose:?}",
                audience.id()
            );
        }
    }
    let (_, _, pdf) = builtin_report("oakfield-primary.toml", Audience::Governors);
    let tree = structure(&pdf);
    for heading in ["H3 \"Strengths\"", "H3 \"Priorities\""] {
        let at = tree
            .iter()
            .position(|l| l.starts_with(&format!("  {heading}")))
            .unwrap_or_else(|| panic!("{heading} in {tree:#?}"));
        // The lead-in line, then the list.
        assert!(
            tree[at + 1].starts_with("  P "),
            "{heading}: {:?}",
            &tree[at..at + 3]
        );
        assert!(
            tree[at + 2].starts_with("  L "),
            "{heading}: {:?}",
            &tree[at..at + 3]
        );
    }
}

#[test]
fn no_page_ends_with_a_heading_or_a_lead_in_line() {
    let lead_ins = [
        "Strands judged at the highest level",
        "Strands judged below",
        "These parts are our strongest:",
        "We want to get better at:",
        "duties met",
    ];
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        for audience in Audience::ALL {
            let (_, _, pdf) = builtin_report(name, audience);
            // Headings, from the structure tree: `H2 "Who took part" (block)`.
            let headings: Vec<String> = structure(&pdf)
                .iter()
                .filter(|l| l.trim_start().starts_with('H'))
                .filter_map(|l| l.split('"').nth(1).map(str::to_owned))
                .collect();
            let document = pdf::document(&pdf);
            for page in 1..=pages(&pdf) {
                // The page's physical lines, as `pdftotext -layout` sets them.
                let lines = document
                    .page_lines(page as usize)
                    .unwrap_or_else(|e| panic!("page {page} cannot be read back: {e}"));
                let last = lines
                    .iter()
                    .map(|l| l.trim())
                    .rfind(|l| !l.is_empty() && !l.starts_with("Page "))
                    .unwrap_or_default()
                    .to_owned();
                let id = audience.id();
                // A strand not yet judged is its heading alone: a whole entry.
                assert!(
                    !headings.iter().any(|h| squash(h) == squash(&last))
                        || last.ends_with("Not yet judged"),
                    "{name}, {id}: page {page} ends with the heading {last:?}"
                );
                assert!(
                    !lead_ins.iter().any(|l| last.contains(l)),
                    "{name}, {id}: page {page} ends with the lead-in {last:?}"
                );
            }
        }
    }
}

/// An engine whose templates are these (name, text) and whose limits are given.
fn engine_with(
    templates: &[(&str, &str)],
    max_pages: usize,
    seconds: u64,
) -> (tempfile::TempDir, PdfRenderer) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in templates {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let engine = PdfRenderer::new(&PdfOptions {
        templates: Some(dir.path().to_owned()),
        max_pages: Some(max_pages),
        time_limit: Some(std::time::Duration::from_secs(seconds)),
        ..PdfOptions::default()
    })
    .expect("engine");
    (dir, engine)
}

#[test]
fn a_template_past_the_page_limit_is_stopped_with_a_clear_error() {
    let rubric = Rubric::builtin();
    let a = load("oakfield-primary.toml", &rubric);
    // A template that never ends is stopped by the sandbox it is made in: see the command
    // line's tests (`limits`), which run the program as its own sandbox.
    // Thousands of pages.
    let (_dir, engine) = engine_with(
        &[(
            "sen-info.typ",
            "#let data = json(\"data.json\")\n#for i in range(200) [#pagebreak() #i]\n",
        )],
        50,
        60,
    );
    let e = engine
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::SenInfo,
            &Beside::default(),
        ))
        .expect_err("refused");
    assert!(
        e.to_string()
            .contains("201 pages, more than the limit of 50"),
        "{e}"
    );
}

/// The page range README.md promises for an audience ("- **parents**: 3-5 pages …").
fn promised(audience: &str) -> std::ops::RangeInclusive<u32> {
    let readme = std::fs::read_to_string(example("../../README.md")).expect("README");
    let line = readme
        .lines()
        .find(|l| l.starts_with(&format!("- **{audience}**: ")))
        .expect("the audience's line");
    let range = line.split(": ").nth(1).expect("after the name");
    let range = &range[..range.find(" pages").expect("a page range")];
    let (low, high) = range.split_once('-').expect("low-high");
    low.parse().expect("low")..=high.parse().expect("high")
}

/// Oakfield's review turned odd: every judgement `level` (when given), every evidence three
/// times as long and public (when `long`).
fn odd_review(level: Option<&str>, long: bool) -> String {
    let text = std::fs::read_to_string(example("oakfield-primary.toml")).expect("example");
    text.lines()
        .map(|line| match (level, line.strip_prefix("evidence = \"")) {
            _ if line.starts_with("judgement = ") && level.is_some() => {
                format!("judgement = \"{}\"", level.unwrap_or_default())
            }
            (_, Some(rest)) if long => {
                let said = rest.trim_end_matches('"');
                format!("evidence = \"{said} {said} {said}\"")
            }
            _ if long && line == "public = false" => "public = true".to_owned(),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_example_and_odd_review_is_as_long_as_readme_and_help_promise() {
    let rubric = Rubric::builtin();
    let mut reviews: Vec<(String, Rubric, Assessment)> = [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ]
    .iter()
    .map(|n| (n.to_string(), rubric.clone(), load(n, &rubric)))
    .collect();
    let other = Rubric::load(example("../other-rubric/rubric.toml")).expect("rubric");
    let acorns = Assessment::load(example("../other-rubric/little-acorns.toml"), &other)
        .expect("valid")
        .value;
    reviews.push(("little-acorns".into(), other, acorns));
    for (name, level, long) in [
        ("every strand Exemplary", Some("exemplary"), false),
        ("every strand Emerging", Some("emerging"), false),
        ("long public evidence", None, true),
        ("long and Exemplary", Some("exemplary"), true),
    ] {
        let a = Assessment::from_toml(name, &odd_review(level, long), &rubric)
            .expect("valid odd review")
            .value;
        reviews.push((name.to_owned(), rubric.clone(), a));
    }
    let help = std::fs::read_to_string(example("../../src/cli.rs")).expect("cli.rs");
    for (audience, id) in [
        (Audience::Parents, "parents"),
        (Audience::SenInfo, "sen-info"),
    ] {
        let range = promised(id);
        let said = format!("{}-{} pages", range.start(), range.end());
        assert!(
            help.contains(&format!("{id} ({said}")),
            "--help says {said} for {id}"
        );
        for (name, rubric, a) in &reviews {
            let view = View::school(rubric, a, audience, &Beside::default());
            let n = pages(&engine().pdf(&view).expect("report"));
            assert!(
                range.contains(&n),
                "{name} {id}: {n} pages, README says {said}"
            );
        }
    }
}
