//! Plain English and clear print for families: the parents' and SEN information summaries
//! tell strands in the rubric's plain-English wording for families (marked as a summary, not
//! the rubric's words) and fall back to the descriptors where a rubric has none; their text
//! is at least 12 pt and every colour used for text has at least 7:1 contrast against white;
//! the rubric's new fields are checked like the rest of its text. Everything is read back from
//! the PDFs (by `sendbench-pdf-text`): text as `pdftotext` gives it, sizes and colours from
//! the content streams, and word heights as `pdftotext -bbox` measures them.

use std::io::Read;
use std::path::{Path, PathBuf};

use sendbench_core::{Assessment, LoadError, Rubric};
use sendbench_generate::render::pdf::{PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

use crate::pdf;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn engine() -> PdfRenderer {
    PdfRenderer::new(&PdfOptions::default()).expect("engine")
}

fn school(name: &str, rubric: &Rubric) -> Assessment {
    Assessment::load(root().join("examples/schools").join(name), rubric)
        .expect("valid example")
        .value
}

/// Every example with its rubric.
fn examples() -> Vec<(String, Rubric, Assessment)> {
    let builtin = Rubric::builtin();
    let mut out: Vec<(String, Rubric, Assessment)> = [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ]
    .into_iter()
    .map(|name| (name.to_owned(), builtin.clone(), school(name, &builtin)))
    .collect();
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

/// Text compared regardless of where lines broke: white space collapsed, and hyphens left
/// out (the reader, like `pdftotext`, joins a word broken after a hyphen at a line end).
fn loose(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('-', "")
}

/// The report's text as a reader gets it, compared loosely.
fn text(pdf: &[u8]) -> String {
    loose(&pdf::text(pdf))
}

#[test]
fn parents_read_the_plain_wording_of_each_strand_not_its_descriptor() {
    let rubric = Rubric::builtin();
    let a = school("oakfield-primary.toml", &rubric);
    let text = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::Parents,
                &Beside::default(),
            ))
            .expect("report"),
    );
    let top = rubric.levels.len() - 1;
    let (mut strengths, mut priorities) = (0, 0);
    for s in rubric.strands() {
        let level = a
            .judgement(&s.outcome.id, &s.strand.id)
            .and_then(|j| j.level.as_deref())
            .and_then(|l| rubric.level_index(l))
            .expect("Oakfield judged every strand");
        let about = s
            .strand
            .plain
            .as_deref()
            .expect("the built-in rubric has plain wording");
        let code = s.code();
        if level == top {
            strengths += 1;
            let plain = s.strand.plain_level(top).expect("plain exemplary");
            assert!(text.contains(&loose(about)), "{code}: {about:?} missing");
            assert!(text.contains(&loose(plain)), "{code}: {plain:?} missing");
            let descriptor = &s.strand.descriptors[top];
            assert!(
                !text.contains(&loose(descriptor)),
                "{code}: the descriptor is printed: {descriptor:?}"
            );
        } else if level < rubric.strength_from {
            priorities += 1;
            let aim = s.strand.plain_level(level + 1).expect("plain next level");
            assert!(
                text.contains(&loose(&format!("{about} Our aim: {aim}"))),
                "{code}"
            );
            let next = &s.strand.descriptors[level + 1];
            assert!(
                !text.contains(&loose(next)),
                "{code}: the next step's descriptor is printed"
            );
        }
    }
    assert_eq!(
        (strengths, priorities),
        (5, 3),
        "Oakfield's strengths and priorities"
    );
    // The outcomes' plain titles, not the rubric's.
    for o in &rubric.outcomes {
        let plain = o.plain.as_deref().expect("plain title");
        assert!(
            text.contains(&loose(&format!("Theme {}: {plain}", o.id))),
            "outcome {}",
            o.id
        );
        assert!(
            !text.contains(&loose(&o.title)),
            "outcome {} title printed",
            o.id
        );
    }
    // Marked as sendbench's summaries, not the toolkit's words.
    assert!(text.contains("These parts are our strongest (in plain words):"));
    assert!(text.contains("We want to get better at these parts (in plain words):"));
    let note = rubric
        .plain_note
        .as_deref()
        .expect("the built-in rubric's note");
    assert!(
        note.contains("sendbench") && note.contains("not the toolkit"),
        "{note}"
    );
    assert!(
        text.contains(&loose(&format!("About the words in this summary. {note}"))),
        "{text}"
    );
    // What each level means, from the rubric's plain wording.
    for level in &rubric.levels {
        let meaning = level.plain.as_deref().expect("plain level");
        assert!(
            text.contains(&loose(&format!("{}: {meaning}", level.name))),
            "{}",
            level.name
        );
    }
}

#[test]
fn the_sen_information_summary_uses_the_plain_wording_too() {
    let rubric = Rubric::builtin();
    let a = school("riverside-academy.toml", &rubric);
    let text = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::SenInfo,
                &Beside::default(),
            ))
            .expect("report"),
    );
    let mut shown = 0;
    for s in rubric.strands() {
        let Some(level) = a
            .judgement(&s.outcome.id, &s.strand.id)
            .and_then(|j| j.level.as_deref())
            .and_then(|l| rubric.level_index(l))
        else {
            continue;
        };
        let about = s.strand.plain.as_deref().expect("plain");
        let code = s.code();
        let printed = if level == rubric.levels.len() - 1 {
            &s.strand.descriptors[level]
        } else if level < rubric.strength_from {
            &s.strand.descriptors[level + 1]
        } else {
            continue;
        };
        shown += 1;
        assert!(
            text.contains(&loose(&format!("Strand {code}: {about}"))),
            "{code}: {text}"
        );
        assert!(
            !text.contains(&loose(printed)),
            "{code}: the descriptor is printed"
        );
    }
    assert!(shown > 5, "{shown} strands shown");
    assert!(text.contains("Strands we want to improve (in plain words):"));
    assert!(text.contains(&loose(rubric.plain_note.as_deref().expect("note"))));
}

/// The built-in rubric with its plain wording taken out, but for what `keep` says to keep.
fn without_plain(keep: impl Fn(&str) -> bool) -> Rubric {
    let source: String = Rubric::builtin_source()
        .lines()
        .filter(|l| !l.starts_with("plain") || keep(l))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!source.contains("\nplain_levels.exemplary") || keep("plain_levels.exemplary"));
    Rubric::from_toml("no-plain.toml", &source).expect("still a valid rubric")
}

#[test]
fn a_rubric_without_plain_wording_falls_back_to_the_descriptors() {
    let rubric = without_plain(|_| false);
    assert!(rubric
        .strands()
        .all(|s| s.strand.plain.is_none() && s.strand.plain_levels.iter().all(Option::is_none)));
    assert_eq!(rubric.plain_note, None);
    let a = school("oakfield-primary.toml", &rubric);
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
    let top = rubric.levels.len() - 1;
    for s in rubric.strands() {
        let level = a
            .judgement(&s.outcome.id, &s.strand.id)
            .and_then(|j| j.level.as_deref())
            .and_then(|l| rubric.level_index(l))
            .expect("judged");
        let shown = if level == top {
            &s.strand.descriptors[top]
        } else if level < rubric.strength_from {
            &s.strand.descriptors[level + 1]
        } else {
            continue;
        };
        assert!(
            parents.contains(&loose(shown)),
            "{}: {shown:?} missing",
            s.code()
        );
        assert!(sen_info.contains(&loose(shown)), "{}: sen-info", s.code());
    }
    for o in &rubric.outcomes {
        assert!(parents.contains(&loose(&o.title)), "outcome {} title", o.id);
    }
    // Nothing is called plain words, nor said to be a summary, that is not one.
    for text in [&parents, &sen_info] {
        assert!(!text.contains("in plain words"));
        assert!(!text.contains("About the words in this summary"));
    }
}

#[test]
fn a_strand_with_only_what_it_is_about_in_plain_words_keeps_its_descriptor() {
    // 1d keeps `plain` (what it is about) but loses its level wordings.
    let rubric =
        without_plain(|l| l == "plain = \"Including pupils and their families in school life.\"");
    let d = rubric.outcome("1").and_then(|o| o.strand("d")).expect("1d");
    assert!(d.plain.is_some() && d.plain_levels.iter().all(Option::is_none));
    let a = school("oakfield-primary.toml", &rubric);
    let text = text(
        &engine()
            .pdf(&View::school(
                &rubric,
                &a,
                Audience::Parents,
                &Beside::default(),
            ))
            .expect("report"),
    );
    // Oakfield judged 1d Exemplary.
    assert!(
        text.contains(&loose(&format!(
            "Including pupils and their families in school life. {}",
            d.descriptors[2]
        ))),
        "{text}"
    );
    assert!(text.contains("(in plain words)"));
    // The rubric has no note of its own: a neutral one says what the wording is.
    assert!(text.contains(&loose(
        "About the words in this summary. The short descriptions in this summary are plain-English summaries. They are not the official wording."
    )));
}

#[test]
fn only_the_family_audiences_data_carries_the_plain_wording() {
    let rubric = Rubric::builtin();
    let a = school("oakfield-primary.toml", &rubric);
    for audience in Audience::ALL {
        let files = engine()
            .files(&View::school(&rubric, &a, audience, &Beside::default()))
            .expect("files");
        let (_, json) = files
            .iter()
            .find(|(path, _)| path.ends_with("data.json"))
            .expect("data.json");
        let data: serde_json::Value = serde_json::from_slice(json).expect("json");
        let strand = &data["outcomes"][0]["strands"][3];
        assert_eq!(strand["code"], "1d");
        if audience.is_private() {
            assert_eq!(
                strand["family"]["about"],
                "Including pupils and their families in school life."
            );
            assert_eq!(strand["family"]["level_plain"], true);
            assert!(data["family"]["plain_note"].is_string());
            assert_eq!(data["family"]["area_label"], "Local area or cluster");
        } else {
            // The governors' data is as it was: no plain wording in it at all.
            assert!(data.get("family").is_none(), "{}", audience.id());
            assert!(strand.get("family").is_none());
            assert!(data["outcomes"][0].get("family_title").is_none());
        }
    }
}

// ── Clear print ──────────────────────────────────────────────────────────────────────

/// A PDF content stream's text as drawn: for each run of text shown, the font size it was
/// set at (`Tf`) and the fill colour it was drawn in, as sRGB from 0 to 1.
fn text_runs(pdf: &[u8]) -> Vec<(f64, [f64; 3])> {
    let mut runs = Vec::new();
    let mut at = 0;
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
        at = end + b"endstream".len();
        // The stream's dictionary: fonts, images and colour profiles are not content.
        let dict_start = pdf[..start]
            .windows(3)
            .rposition(|w| w == b"obj")
            .unwrap_or(0);
        let dict = String::from_utf8_lossy(&pdf[dict_start..start]);
        if [
            "/Length1",
            "/Subtype/Image",
            "/Subtype /Image",
            "/FontFile",
            "/CIDFontType0C",
            "/N 3",
            "/N 1",
        ]
        .iter()
        .any(|k| dict.contains(k))
        {
            continue;
        }
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[body..end])
            .read_to_end(&mut inflated)
            .is_err()
        {
            continue;
        }
        if find(&inflated, b"BT", 0).is_some() {
            scan_content(&inflated, &mut runs);
        }
    }
    runs
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Follows one content stream's graphics state (fill colour, font size, saved and restored
/// with q and Q) and records each text-showing operator.
fn scan_content(data: &[u8], runs: &mut Vec<(f64, [f64; 3])>) {
    #[derive(Clone, Copy)]
    struct State {
        fill: [f64; 3],
        size: f64,
    }
    let mut state = State {
        fill: [0.0; 3],
        size: 0.0,
    };
    let mut saved = Vec::new();
    let mut numbers: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'(' => {
                // A string: balanced brackets, backslash escapes.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                while i < data.len() && data[i] != b'>' {
                    i += 1;
                }
                i += 1;
            }
            b'/' => {
                i += 1;
                while i < data.len() && !b" \t\r\n/[]()<>{}%".contains(&data[i]) {
                    i += 1;
                }
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                let start = i;
                while i < data.len() && (data[i].is_ascii_digit() || b"-+.".contains(&data[i])) {
                    i += 1;
                }
                if let Ok(n) = std::str::from_utf8(&data[start..i]).unwrap_or("").parse() {
                    numbers.push(n);
                }
            }
            c if c.is_ascii_alphabetic() || c == b'\'' || c == b'"' || c == b'*' => {
                let start = i;
                while i < data.len()
                    && (data[i].is_ascii_alphanumeric() || b"'\"*".contains(&data[i]))
                {
                    i += 1;
                }
                match &data[start..i] {
                    b"q" => saved.push(state),
                    b"Q" => state = saved.pop().unwrap_or(state),
                    b"Tf" => state.size = numbers.last().copied().unwrap_or(0.0),
                    b"rg" | b"sc" | b"scn" if numbers.len() >= 3 => {
                        let n = numbers.len();
                        state.fill = [numbers[n - 3], numbers[n - 2], numbers[n - 1]];
                    }
                    b"g" | b"sc" | b"scn" if !numbers.is_empty() => {
                        let g = numbers[numbers.len() - 1];
                        state.fill = [g, g, g];
                    }
                    b"Tj" | b"TJ" | b"'" | b"\"" => runs.push((state.size, state.fill)),
                    _ => {}
                }
                numbers.clear();
            }
            _ => i += 1,
        }
    }
}

/// WCAG contrast ratio of an sRGB colour against white.
fn contrast_with_white(rgb: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (l + 0.05)
}

#[test]
fn family_summaries_set_every_piece_of_text_at_12_pt_or_more() {
    for (name, rubric, a) in examples() {
        for audience in [Audience::Parents, Audience::SenInfo] {
            let pdf = engine()
                .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
                .expect("report");
            let runs = text_runs(&pdf);
            assert!(
                runs.len() > 50,
                "{name}: the scan found {} runs of text",
                runs.len()
            );
            let small: Vec<f64> = runs.iter().map(|r| r.0).filter(|&s| s < 12.0).collect();
            assert!(
                small.is_empty(),
                "{name}, {}: text at {small:?} pt",
                audience.id()
            );
        }
    }
    // The scan sees small text where there is some: the governors' report has 8.5 pt.
    let rubric = Rubric::builtin();
    let a = school("oakfield-primary.toml", &rubric);
    let pdf = engine()
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::Governors,
            &Beside::default(),
        ))
        .expect("report");
    assert!(text_runs(&pdf).iter().any(|r| r.0 < 12.0));
}

/// The height `pdftotext -bbox` would give each word holding a letter (from the font's
/// ascent and descent and the size it is set at).
fn word_heights(pdf: &[u8]) -> Vec<(f64, String)> {
    pdf::document(pdf)
        .words()
        .unwrap_or_else(|e| panic!("the words cannot be read back: {e}"))
        .into_iter()
        .filter(|w| w.text.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|w| (w.y_max - w.y_min, w.text))
        .collect()
}

#[test]
fn family_summaries_words_are_as_tall_as_12_pt_text() {
    // What 12 pt text measures, from a page set at 12 pt in the reports' font.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("sen-info.typ"),
        "#set document(title: \"Calibration\")\n#set text(font: \"Noto Sans\", size: 12pt, lang: \"en\")\nCalibration words at twelve points, Expected.\n",
    )
    .expect("write");
    let calibrate = PdfRenderer::new(&PdfOptions {
        templates: Some(dir.path().to_owned()),
        ..PdfOptions::default()
    })
    .expect("engine");
    let rubric = Rubric::builtin();
    let a = school("oakfield-primary.toml", &rubric);
    let pdf = calibrate
        .pdf(&View::school(
            &rubric,
            &a,
            Audience::SenInfo,
            &Beside::default(),
        ))
        .expect("calibration");
    let twelve = word_heights(&pdf)
        .iter()
        .map(|h| h.0)
        .fold(f64::INFINITY, f64::min);
    assert!(twelve > 12.0, "12 pt words measure {twelve}");

    for (name, rubric, a) in examples() {
        for audience in [Audience::Parents, Audience::SenInfo] {
            let pdf = engine()
                .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
                .expect("report");
            let heights = word_heights(&pdf);
            let small: Vec<&(f64, String)> =
                heights.iter().filter(|h| h.0 < twelve - 0.01).collect();
            assert!(
                small.is_empty(),
                "{name}, {}: words smaller than 12 pt: {small:?}",
                audience.id()
            );
        }
    }
}

#[test]
fn every_text_colour_in_the_family_summaries_has_7_to_1_contrast_with_white() {
    for (name, rubric, a) in examples() {
        for audience in [Audience::Parents, Audience::SenInfo] {
            let pdf = engine()
                .pdf(&View::school(&rubric, &a, audience, &Beside::default()))
                .expect("report");
            let mut colours: Vec<[f64; 3]> = Vec::new();
            for (_, fill) in text_runs(&pdf) {
                if !colours.contains(&fill) {
                    colours.push(fill);
                }
            }
            assert!(colours.len() >= 3, "{name}: found {colours:?}");
            for c in colours {
                // White text sits only on the navy cover and table headings (11.6:1).
                if c == [1.0, 1.0, 1.0] {
                    continue;
                }
                let ratio = contrast_with_white(c);
                assert!(
                    ratio >= 7.0,
                    "{name}, {}: text in {c:?} has {ratio:.2}:1 against white",
                    audience.id()
                );
            }
        }
    }
    // The grey used for the review line and page furniture, #595959, is just 7:1.
    let muted = 89.0 / 255.0;
    assert!((contrast_with_white([muted; 3]) - 7.0).abs() < 0.01);
}

// ── The rubric's new fields ──────────────────────────────────────────────────────────

/// The problems found in a rubric's text, each with where it is.
fn problems(text: &str) -> Vec<(String, &'static str, usize, usize)> {
    match Rubric::from_toml("rubric.toml", text) {
        Ok(_) => Vec::new(),
        Err(LoadError::Invalid { file, diagnostics }) => diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let at = d.locate(Some(&file));
                (
                    at.message.clone(),
                    d.code,
                    at.line.unwrap_or(0),
                    at.column.unwrap_or(0),
                )
            })
            .collect(),
        Err(e) => panic!("{e}"),
    }
}

/// The built-in rubric's text with one line replaced, and that line's number.
fn with_line(find: &str, replace: &str) -> (String, usize) {
    let source = Rubric::builtin_source();
    let line = source
        .lines()
        .position(|l| l == find)
        .unwrap_or_else(|| panic!("{find:?} not in the built-in rubric"))
        + 1;
    (source.replacen(find, replace, 1), line)
}

#[test]
fn plain_wording_with_characters_no_document_can_carry_is_refused_at_its_line_and_column() {
    // A private-use character (the bullet Word's Symbol font leaves) in a level's wording.
    let find = "plain_levels.expected = \"Teachers often adapt good teaching to each pupil. They listen to pupils’ views and experiences.\"";
    let (text, line) = with_line(
        find,
        "plain_levels.expected = \"Teachers often adapt \u{F0B7} good teaching.\"",
    );
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    let (message, code, at_line, column) = &found[0];
    assert_eq!(*code, "unprintable");
    assert!(message.contains("U+F0B7"), "{message}");
    assert!(
        message.contains("outcomes[0].strands[0].plain_levels.expected"),
        "{message}"
    );
    assert_eq!(
        (*at_line, *column),
        (line, 47),
        "pointed at the character itself"
    );

    // A noncharacter in what a strand is about, and in an outcome's and a level's wording.
    for (find, replace, col) in [
        (
            "plain = \"Adapting teaching for each pupil.\"",
            "plain = \"Adapting \u{FFFE} teaching.\"",
            19,
        ),
        (
            "plain = \"We do this well, as every good school should.\"",
            "plain = \"We do this well\u{FDD0}.\"",
            25,
        ),
        (
            "plain_note = \"The short descriptions in this summary are plain-English summaries. They were written by sendbench, the program that made this report. They are not the toolkit’s own words.\"",
            "plain_note = \"Ours \u{E000}.\"",
            20,
        ),
    ] {
        let (text, line) = with_line(find, replace);
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "unprintable", "{found:?}");
        assert_eq!((found[0].2, found[0].3), (line, col), "{found:?}");
    }
}

#[test]
fn plain_wording_of_a_level_the_rubric_does_not_have_or_not_text_is_refused() {
    let find = "plain_levels.exemplary = \"Teachers always adapt good teaching to each pupil and listen to their views. This helps pupils make progress.\"";
    // A misspelt level id, with a suggestion.
    let (text, line) = with_line(find, "plain_levels.exemplery = \"Very good.\"");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "unknown-key");
    assert_eq!(found[0].2, line);
    let located = match Rubric::from_toml("rubric.toml", &text) {
        Err(LoadError::Invalid { file, diagnostics }) => diagnostics[0].locate(Some(&file)),
        _ => panic!("refused"),
    };
    assert_eq!(located.help.as_deref(), Some("did you mean `exemplary`?"));
    // A number where text belongs.
    let (text, line) = with_line(find, "plain_levels.exemplary = 3");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].1, found[0].2), ("wrong-type", line));
    // Blank wording is no wording: the report falls back to the descriptor.
    let (text, _) = with_line(find, "plain_levels.exemplary = \"  \"");
    let rubric = Rubric::from_toml("rubric.toml", &text).expect("valid");
    assert_eq!(rubric.outcomes[0].strands[0].plain_level(2), None);
    assert!(rubric.outcomes[0].strands[0].plain_level(1).is_some());
}

#[test]
fn the_built_in_rubric_has_short_plain_wording_for_every_strand_and_level() {
    let rubric = Rubric::builtin();
    let mut texts: Vec<&str> = Vec::new();
    for s in rubric.strands() {
        texts.push(
            s.strand
                .plain
                .as_deref()
                .unwrap_or_else(|| panic!("{} plain", s.code())),
        );
        for (i, level) in rubric.levels.iter().enumerate() {
            texts.push(
                s.strand
                    .plain_level(i)
                    .unwrap_or_else(|| panic!("{} {}", s.code(), level.name)),
            );
        }
    }
    texts.extend(
        rubric
            .outcomes
            .iter()
            .map(|o| o.plain.as_deref().expect("outcome")),
    );
    texts.extend(
        rubric
            .levels
            .iter()
            .map(|l| l.plain.as_deref().expect("level")),
    );
    assert_eq!(texts.len(), 34 * 4 + 5 + 3);
    for text in texts {
        for sentence in text.split_inclusive(['.', '?', '!']) {
            let words = sentence.split_whitespace().count();
            assert!(words < 15, "{words} words: {sentence:?}");
        }
        for acronym in ["SEN", "SEND", "SENCO", "EHC", "EHCP", "TA", "TAs", "SLT"] {
            assert!(
                !text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == acronym),
                "{acronym} in {text:?}"
            );
        }
    }
}
