//! The web pages: well formed (every element closed, in order), one h1, headings without
//! skips, landmarks, tables with scoped headers and captions, no script and no address
//! elsewhere, user text always text, the draft mark on an unfinished review, fragments
//! scoped, and the same bytes for the same input. (`scripts/check-html.sh` checks them in
//! a real browser with axe-core and with the Nu HTML Checker.)

use std::path::{Path, PathBuf};

use sendbench_core::{AreaBenchmark, Assessment, Return, Rubric};
use sendbench_generate::html::{Form, Pages};
use sendbench_generate::pdf::{AreaReport, Audience, Beside, ReportOptions};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> Assessment {
    Assessment::load(
        root().join("examples/schools").join(name),
        &Rubric::builtin(),
    )
    .expect("valid example")
    .value
}

const EXAMPLES: [&str; 3] = [
    "oakfield-primary.toml",
    "riverside-academy.toml",
    "beacon-hill-special.toml",
];

fn pages() -> Pages {
    Pages::new(&ReportOptions::default()).expect("pages")
}

fn area_bench(rubric: &Rubric) -> AreaBenchmark {
    let returns: Vec<Return> = EXAMPLES
        .iter()
        .map(|n| Return::new(example(n), n.to_string()))
        .collect();
    AreaBenchmark::build(rubric, &returns, Default::default(), false)
        .expect("bench")
        .0
}

/// One tag: its name (lower case), whether it closes, and its attributes' text.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attributes: String,
}

/// Every tag of `html`, skipping the doctype, comments and the text of style elements.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!--") {
            let end = rest.find("-->").expect("comment closed");
            rest = &rest[end + 3..];
            continue;
        }
        if rest.starts_with('!') {
            let end = rest.find('>').expect("doctype closed");
            rest = &rest[end + 1..];
            continue;
        }
        let end = rest.find('>').expect("tag closed");
        let body = &rest[..end];
        rest = &rest[end + 1..];
        let closing = body.starts_with('/');
        let body = body.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(!name.is_empty(), "a '<' that is not a tag: <{body}>");
        let self_closing = body.ends_with('/');
        let attributes = body[name.len()..].trim_end_matches('/').to_owned();
        if name == "style" && !closing {
            let end = rest.find("</style>").expect("style closed");
            rest = &rest[end..];
        }
        out.push(Tag {
            name,
            closing,
            self_closing,
            attributes,
        });
    }
    out
}

const VOID: [&str; 6] = ["meta", "br", "hr", "img", "link", "input"];

/// Panics unless every element is closed, in order.
fn well_formed(html: &str, what: &str) {
    let mut open: Vec<String> = Vec::new();
    for tag in tags(html) {
        if VOID.contains(&tag.name.as_str()) || tag.self_closing {
            continue;
        }
        if tag.closing {
            let top = open.pop();
            assert_eq!(
                top.as_deref(),
                Some(tag.name.as_str()),
                "{what}: </{}> closes {top:?}",
                tag.name
            );
        } else {
            open.push(tag.name);
        }
    }
    assert!(open.is_empty(), "{what}: left open: {open:?}");
}

/// The heading levels in order.
fn headings(html: &str) -> Vec<usize> {
    tags(html)
        .iter()
        .filter(|t| !t.closing && t.name.len() == 2 && t.name.starts_with('h'))
        .filter_map(|t| t.name[1..].parse().ok())
        .collect()
}

/// Every check a page (or fragment) must pass.
fn check(html: &str, what: &str, form: Form) {
    well_formed(html, what);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{what}: has a script");
    for tag in tags(html) {
        for attribute in ["src=", "href="] {
            assert!(
                !tag.attributes.contains(attribute),
                "{what}: <{} {}> asks for something",
                tag.name,
                tag.attributes
            );
        }
        assert!(
            !tag.attributes.contains("http://") && !tag.attributes.contains("https://"),
            "{what}: an address in <{} {}>",
            tag.name,
            tag.attributes
        );
        assert!(
            !tag.attributes.to_ascii_lowercase().contains(" on"),
            "{what}: an event handler in <{} {}>",
            tag.name,
            tag.attributes
        );
    }
    let levels = headings(html);
    let first = match form {
        Form::Page => 1,
        Form::Fragment => 2,
    };
    assert_eq!(levels.first(), Some(&first), "{what}: starts at h{first}");
    assert_eq!(
        levels.iter().filter(|&&l| l == first).count(),
        1,
        "{what}: exactly one h{first}"
    );
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{what}: h{} after h{} skips a level",
            pair[1],
            pair[0]
        );
    }
    let all = tags(html);
    for (i, t) in all.iter().enumerate() {
        if t.name == "table" && !t.closing {
            assert_eq!(
                all.get(i + 1).map(|t| t.name.as_str()),
                Some("caption"),
                "{what}: a table without a caption"
            );
        }
        if t.name == "th" && !t.closing {
            assert!(
                t.attributes.contains("scope=\"col\"") || t.attributes.contains("scope=\"row\""),
                "{what}: <th{}> without scope",
                t.attributes
            );
        }
    }
    assert!(
        all.iter().any(|t| t.name == "th"),
        "{what}: has a table with headers"
    );
    // Charts: inline SVG, each an image with a name.
    for t in all.iter().filter(|t| t.name == "svg" && !t.closing) {
        assert!(
            t.attributes.contains("role=\"img\"") && t.attributes.contains("aria-label=\""),
            "{what}: an unnamed chart"
        );
    }
    match form {
        Form::Page => {
            assert!(
                html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
                "{what}"
            );
            for landmark in ["<header", "<main", "<footer"] {
                assert_eq!(lower.matches(landmark).count(), 1, "{what}: {landmark}");
            }
            assert!(html.contains("@media print"), "{what}: print styles");
            assert!(
                html.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""),
                "{what}"
            );
        }
        Form::Fragment => {
            assert!(html.starts_with("<style>"), "{what}");
            assert!(
                !lower.contains("<html") && !lower.contains("<body"),
                "{what}"
            );
            assert!(
                html.contains("<section class=\"sendbench-report sb-fragment"),
                "{what}"
            );
            assert!(html.contains("lang=\"en-GB\""), "{what}");
            // Every style rule is scoped under the fragment's class.
            let css = &html["<style>".len()..html.find("</style>").expect("style")];
            let mut text = String::new();
            let mut rest = css;
            while let Some(i) = rest.find("/*") {
                text.push_str(&rest[..i]);
                rest = &rest[i + rest[i..].find("*/").expect("comment") + 2..];
            }
            text.push_str(rest);
            for rule in text.split('}') {
                let parts: Vec<&str> = rule.split('{').collect();
                if parts.len() < 2 {
                    continue;
                }
                let selectors = parts[parts.len() - 2].trim();
                for selector in selectors.split(',') {
                    let selector = selector.trim();
                    assert!(
                        selector.starts_with(".sendbench-report")
                            || selector.starts_with("body.sendbench-report"),
                        "{what}: unscoped style rule {selector:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_page_of_every_example_is_well_formed_and_accessible_by_construction() {
    let pages = pages();
    let rubric = Rubric::builtin();
    let mut checked = 0;
    for name in EXAMPLES {
        let a = example(name);
        for audience in Audience::ALL {
            for form in [Form::Page, Form::Fragment] {
                let html = pages
                    .report(&rubric, &a, audience, &Beside::default(), form)
                    .expect("page");
                check(&html, &format!("{name} {} {form:?}", audience.id()), form);
                assert!(html.contains(&a.school.name), "{name}: the school's name");
                checked += 1;
            }
        }
    }
    let bench = area_bench(&rubric);
    for suppress in [None, Some(3)] {
        let mut bench = bench.clone();
        if let Some(n) = suppress {
            bench.suppress_below(n).expect("suppress");
        }
        for form in [Form::Page, Form::Fragment] {
            let html = pages
                .area(
                    &rubric,
                    &bench,
                    &AreaReport {
                        title: "DSPL 9 SEND benchmark 2025/26",
                        ..AreaReport::default()
                    },
                    form,
                )
                .expect("area page");
            check(&html, &format!("area {suppress:?} {form:?}"), form);
            assert!(html.contains("Contributing schools"));
            checked += 1;
        }
    }
    assert_eq!(checked, 22);
}

#[test]
fn the_other_rubric_makes_pages_too() {
    let rubric = Rubric::load(root().join("examples/other-rubric/rubric.toml")).expect("rubric");
    let a = Assessment::load(
        root().join("examples/other-rubric/little-acorns.toml"),
        &rubric,
    )
    .expect("valid")
    .value;
    for audience in Audience::ALL {
        let html = pages()
            .report(&rubric, &a, audience, &Beside::default(), Form::Page)
            .expect("page");
        check(&html, audience.id(), Form::Page);
    }
}

#[test]
fn user_text_is_always_text() {
    let rubric = Rubric::builtin();
    let mut a = example("oakfield-primary.toml");
    let hostile = "<script>alert(1)</script> & \"Quoted\" <b>School</b>";
    a.school.name = hostile.to_owned();
    a.school.area = Some("<img src=x onerror=alert(2)>".to_owned());
    for outcome in &mut a.outcomes {
        for j in &mut outcome.strands {
            j.evidence = format!("</td></table><script>bad()</script>{}", j.evidence);
            j.public = true;
        }
    }
    for audience in Audience::ALL {
        for form in [Form::Page, Form::Fragment] {
            let html = pages()
                .report(&rubric, &a, audience, &Beside::default(), form)
                .expect("page");
            check(&html, audience.id(), form);
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; &quot;Quoted&quot; &lt;b&gt;School&lt;&#x2f;b&gt;"),
                "{}: the name escaped",
                audience.id()
            );
            assert!(!html.contains("<b>School"), "{}", audience.id());
            assert!(!html.contains("<img"), "{}", audience.id());
        }
    }
}

#[test]
fn an_unfinished_review_is_marked_as_a_draft() {
    let rubric = Rubric::builtin();
    let draft = example("beacon-hill-special.toml");
    let complete = example("oakfield-primary.toml");
    for audience in Audience::ALL {
        for form in [Form::Page, Form::Fragment] {
            let html = pages()
                .report(&rubric, &draft, audience, &Beside::default(), form)
                .expect("page");
            assert!(
                html.contains(
                    "<strong>Draft: 8 of 34 strands and 4 of 9 duties not yet judged.</strong>"
                ),
                "{}",
                audience.id()
            );
            let html = pages()
                .report(&rubric, &complete, audience, &Beside::default(), form)
                .expect("page");
            assert!(!html.contains("Draft:"), "{}", audience.id());
            assert!(!html.contains("sb-draft\""), "{}", audience.id());
        }
    }
}

#[test]
fn same_input_same_bytes() {
    let rubric = Rubric::builtin();
    let a = example("beacon-hill-special.toml");
    for audience in Audience::ALL {
        let first = pages()
            .report(&rubric, &a, audience, &Beside::default(), Form::Page)
            .expect("page");
        let second = pages()
            .report(&rubric, &a, audience, &Beside::default(), Form::Page)
            .expect("page");
        assert_eq!(first, second);
    }
    let bench = area_bench(&rubric);
    let report = AreaReport {
        title: "Area",
        ..AreaReport::default()
    };
    assert_eq!(
        pages()
            .area(&rubric, &bench, &report, Form::Page)
            .expect("a"),
        pages()
            .area(&rubric, &bench, &report, Form::Page)
            .expect("a")
    );
}

#[test]
fn a_template_of_the_same_name_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("sen-info.html"),
        "<p>Custom: {{ data.school.name }}</p>",
    )
    .expect("write");
    let pages = Pages::new(&ReportOptions {
        templates: Some(dir.path().to_owned()),
        ..ReportOptions::default()
    })
    .expect("pages");
    let mut a = example("oakfield-primary.toml");
    a.school.name = "A & B".to_owned();
    let html = pages
        .report(
            &Rubric::builtin(),
            &a,
            Audience::SenInfo,
            &Beside::default(),
            Form::Page,
        )
        .expect("page");
    assert_eq!(html, "<p>Custom: A &amp; B</p>\n");
    // A mistake in a template is reported with its name and line.
    std::fs::write(
        dir.path().join("parents.html"),
        "line\n{{ data.no_such_field.x }}",
    )
    .expect("write");
    let pages = Pages::new(&ReportOptions {
        templates: Some(dir.path().to_owned()),
        ..ReportOptions::default()
    })
    .expect("pages");
    let error = pages
        .report(
            &Rubric::builtin(),
            &a,
            Audience::Parents,
            &Beside::default(),
            Form::Page,
        )
        .expect_err("undefined");
    assert!(error.to_string().contains("parents.html:2"), "{error}");
}
