//! The web pages: well formed (every element closed, in order), one h1, headings without
//! skips, landmarks, tables with scoped headers and captions, no script and no address
//! elsewhere, user text always text, the draft mark on an unfinished review, fragments
//! scoped, and the same bytes for the same input. (`scripts/check-html.sh` checks them in
//! a real browser with axe-core and with the Nu HTML Checker.)

use std::path::{Path, PathBuf};

use sendbench_core::{AcademicYear, AreaBenchmark, Assessment, Figure, Return, Rubric};
use sendbench_generate::render::html::{Form, HtmlOptions, HtmlRenderer};
use sendbench_generate::view::{AreaReport, Audience, Beside, CountyReport, LocalArea, View};

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

/// The built-in templates' renderer of pages in `form`.
fn pages(form: Form) -> HtmlRenderer {
    HtmlRenderer::new(&HtmlOptions {
        form,
        ..HtmlOptions::default()
    })
    .expect("pages")
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
    // Charts: inline SVG, each an image with a name, or a picture hidden from screen
    // readers because words beside it say the same (an axis, a key's marker); SVG inside
    // SVG is a part of its picture.
    let mut depth = 0;
    for t in all.iter().filter(|t| t.name == "svg") {
        if t.closing {
            depth -= 1;
            continue;
        }
        if depth == 0 {
            assert!(
                (t.attributes.contains("role=\"img\"") && t.attributes.contains("aria-label=\""))
                    || t.attributes.contains("aria-hidden=\"true\""),
                "{what}: an unnamed chart <svg{}>",
                t.attributes
            );
        }
        depth += 1;
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
    let rubric = Rubric::builtin();
    let mut checked = 0;
    for name in EXAMPLES {
        let a = example(name);
        for audience in Audience::ALL {
            for form in [Form::Page, Form::Fragment] {
                let html = pages(form)
                    .page(&View::school(&rubric, &a, audience, &Beside::default()))
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
            let html = pages(form)
                .page(
                    &View::area(
                        &rubric,
                        &bench,
                        &AreaReport {
                            title: "DSPL 9 SEND benchmark 2025/26",
                            ..AreaReport::default()
                        },
                    )
                    .expect("area view"),
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
        let html = pages(Form::Page)
            .page(&View::school(&rubric, &a, audience, &Beside::default()))
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
            let html = pages(form)
                .page(&View::school(&rubric, &a, audience, &Beside::default()))
                .expect("page");
            check(&html, audience.id(), form);
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Quoted&quot; &lt;b&gt;School&lt;/b&gt;"),
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
            let html = pages(form)
                .page(&View::school(&rubric, &draft, audience, &Beside::default()))
                .expect("page");
            // In each audience's words: parents read of parts and legal duties checked.
            let mark = if audience == Audience::Parents {
                "<strong>Draft: 8 of 34 parts not yet judged and 4 of 9 legal duties not yet checked.</strong>"
            } else {
                "<strong>Draft: 8 of 34 strands not yet judged and 4 of 9 statutory duties not yet answered.</strong>"
            };
            assert!(html.contains(mark), "{}", audience.id());
            let html = pages(form)
                .page(&View::school(
                    &rubric,
                    &complete,
                    audience,
                    &Beside::default(),
                ))
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
        let first = pages(Form::Page)
            .page(&View::school(&rubric, &a, audience, &Beside::default()))
            .expect("page");
        let second = pages(Form::Page)
            .page(&View::school(&rubric, &a, audience, &Beside::default()))
            .expect("page");
        assert_eq!(first, second);
    }
    let bench = area_bench(&rubric);
    let report = AreaReport {
        title: "Area",
        ..AreaReport::default()
    };
    assert_eq!(
        pages(Form::Page)
            .page(&View::area(&rubric, &bench, &report).expect("area view"))
            .expect("a"),
        pages(Form::Page)
            .page(&View::area(&rubric, &bench, &report).expect("area view"))
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
    let pages = HtmlRenderer::new(&HtmlOptions {
        templates: Some(dir.path().to_owned()),
        ..HtmlOptions::default()
    })
    .expect("pages");
    let mut a = example("oakfield-primary.toml");
    a.school.name = "A & B".to_owned();
    let html = pages
        .page(&View::school(
            &Rubric::builtin(),
            &a,
            Audience::SenInfo,
            &Beside::default(),
        ))
        .expect("page");
    assert_eq!(html, "<p>Custom: A &amp; B</p>\n");
    // A mistake in a template is reported with its name and line.
    std::fs::write(
        dir.path().join("parents.html"),
        "line\n{{ data.no_such_field.x }}",
    )
    .expect("write");
    let pages = HtmlRenderer::new(&HtmlOptions {
        templates: Some(dir.path().to_owned()),
        ..HtmlOptions::default()
    })
    .expect("pages");
    let error = pages
        .page(&View::school(
            &Rubric::builtin(),
            &a,
            Audience::Parents,
            &Beside::default(),
        ))
        .expect_err("undefined");
    assert!(error.to_string().contains("parents.html:2"), "{error}");
}

/// The examples' returns for an academic year starting in `start`, from those named.
fn returns_for(names: &[&str], start: i16) -> Vec<Return> {
    names
        .iter()
        .map(|n| {
            let mut a = example(n);
            a.review.academic_year = Some(AcademicYear { start });
            Return::new(a, format!("{start}-{n}"))
        })
        .collect()
}

/// The area page of `bench`, titled "Area".
fn area_page(rubric: &Rubric, bench: &AreaBenchmark) -> String {
    let report = AreaReport {
        title: "Area",
        ..AreaReport::default()
    };
    pages(Form::Page)
        .page(&View::area(rubric, bench, &report).expect("area view"))
        .expect("page")
}

fn bench_of(rubric: &Rubric, returns: &[Return]) -> AreaBenchmark {
    AreaBenchmark::build(rubric, returns, Default::default(), false)
        .expect("bench")
        .0
}

/// The percentages at which marks are drawn on the track named `label`, in order: each
/// mark is a nested `<svg x="P%">`.
fn marks(html: &str, label: &str) -> Vec<u32> {
    let start = html
        .find(&format!("aria-label=\"{label}"))
        .unwrap_or_else(|| panic!("a track named {label:?}"));
    let track = &html[start..];
    let track = &track[..track.find("</div>").expect("end of row")];
    track
        .split("<svg x=\"")
        .skip(1)
        .map(|s| {
            s[..s.find('%').expect("%")]
                .parse()
                .expect("a whole percentage")
        })
        .collect()
}

#[test]
fn year_on_year_is_drawn_as_well_as_tabled() {
    let rubric = Rubric::builtin();
    // Three years: two schools, then three, then two others.
    let mut returns = returns_for(&EXAMPLES[..2], 2023);
    returns.extend(returns_for(&EXAMPLES, 2024));
    returns.extend(returns_for(&EXAMPLES[1..], 2025));
    let bench = bench_of(&rubric, &returns);
    let html = area_page(&rubric, &bench);
    check(&html, "area over three years", Form::Page);
    assert_eq!(
        html.matches("<figure class=\"sb-dots sb-trend\">").count(),
        rubric.outcomes.len()
    );
    // Every strand's marks sit at its percentages, oldest year first.
    let charts = &html[html
        .find("<figure class=\"sb-dots sb-trend\">")
        .expect("the charts")..];
    let mut strands = 0;
    for (i, s) in bench.years[0].strands.iter().enumerate() {
        let expected: Vec<u32> = bench
            .years
            .iter()
            .filter_map(|y| match y.strands[i].published_strong_percent() {
                Figure::Value(p) => Some(p),
                _ => None,
            })
            .collect();
        assert_eq!(marks(charts, &format!("Strand {}:", s.code())), expected);
        strands += 1;
    }
    assert_eq!(strands, 34);
    // The key names each year with its schools, the latest a filled navy circle.
    for text in [
        "2023/24 (2 schools)",
        "2024/25 (3 schools)",
        "2025/26 (2 schools)",
    ] {
        assert!(html.contains(text), "{text}");
    }
    assert!(html.contains("<circle class=\"sb-latest\""));
    assert!(!html.contains("no figure to show"));
    // Each strand's bar is named by its code once, then its figures.
    assert!(html.contains("<svg class=\"sb-bar\" role=\"img\" aria-label=\"Strand 1a: "));
    assert!(!html.contains("Strand 1a: 1a:"), "the code said twice");

    // One school a year, its figures withheld: every track says it has nothing to show,
    // rather than standing empty.
    let mut returns = returns_for(&EXAMPLES[..1], 2024);
    returns.extend(returns_for(&EXAMPLES[..1], 2025));
    let mut bench = bench_of(&rubric, &returns);
    bench.suppress_below(3).expect("suppress");
    let html = area_page(&rubric, &bench);
    check(&html, "area withheld over two years", Form::Page);
    assert_eq!(html.matches(">no figure to show</text>").count(), 34);
}

#[test]
fn the_county_overview_sets_every_area_beside_the_county() {
    let rubric = Rubric::builtin();
    let north = bench_of(&rubric, &returns_for(&EXAMPLES[..2], 2025));
    let south = bench_of(&rubric, &returns_for(&EXAMPLES[2..], 2025));
    let county = bench_of(&rubric, &returns_for(&EXAMPLES, 2025));
    let areas = [
        LocalArea {
            name: "North & East",
            bench: &north,
            eligible: Some(4),
        },
        LocalArea {
            name: "South",
            bench: &south,
            eligible: None,
        },
    ];
    let report = CountyReport {
        title: "Testshire: local areas 2025/26",
        name: "Testshire",
        collection: Some("Asked in June 2026."),
        eligible: None,
        eligible_in_areas_only: false,
        no_area: 0,
    };
    for form in [Form::Page, Form::Fragment] {
        let html = pages(form)
            .page(&View::county(&rubric, &county, &areas, &report).expect("county view"))
            .expect("county page");
        check(&html, &format!("county {form:?}"), form);
        for text in [
            "Academic year 2025/26: 3 schools, in 2 local areas<br>Asked in June 2026.",
            "<th scope=\"row\">North &amp; East</th><td>2 of the 4 eligible schools (50%)</td>",
            "<th scope=\"col\">Testshire (3)</th><th scope=\"col\">North &amp; East (2)</th><th scope=\"col\">South (1)</th>",
        ] {
            assert!(html.contains(text), "{text:?} in\n{html}");
        }
        // Strand 1a: a circle per area at its figure, then the county's bar.
        let percent = |b: &AreaBenchmark| match b.years[0].strands[0].published_strong_percent() {
            Figure::Value(p) => p,
            other => panic!("{other:?}"),
        };
        let (n, s) = (percent(&north), percent(&south));
        assert_eq!(marks(&html, "1a:"), vec![n, s, percent(&county)]);
        // Beside the chart, the spread of the areas' figures in words.
        let spread = if n == s {
            format!("<span class=\"sb-aside\">2 areas: both {n}%</span>")
        } else {
            format!(
                "<span class=\"sb-aside\">2 areas: {}% to {}%</span>",
                n.min(s),
                n.max(s)
            )
        };
        assert!(html.contains(&spread), "{spread}");
    }
}

#[test]
fn a_slash_is_left_as_it_is_and_quotes_are_escaped() {
    let rubric = Rubric::builtin();
    let mut a = example("oakfield-primary.toml");
    a.school.name = "St Mary's C/E School".to_owned();
    let html = pages(Form::Page)
        .page(&View::school(
            &rubric,
            &a,
            Audience::SenInfo,
            &Beside::default(),
        ))
        .expect("page");
    assert!(html.contains("St Mary&#39;s C/E School"), "{html}");
    assert!(html.contains("2025/26"));
    assert!(!html.contains("&#x2f;"));
}

/// Every `id="…"` value in `html`.
fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').expect("closed")].to_owned())
        .collect()
}

#[test]
fn fragments_side_by_side_share_no_id_and_each_names_itself() {
    // A federation's page: two schools' summaries, and one school's two, pasted together.
    let rubric = Rubric::builtin();
    let pages = pages(Form::Fragment);
    let oak = example("oakfield-primary.toml");
    let river = example("riverside-academy.toml");
    let fragment = |a: &Assessment, audience| {
        pages
            .page(&View::school(&rubric, a, audience, &Beside::default()))
            .expect("fragment")
    };
    let together = [
        fragment(&oak, Audience::SenInfo),
        fragment(&river, Audience::SenInfo),
        fragment(&oak, Audience::Parents),
        fragment(&oak, Audience::Governors),
    ];
    let mut all: Vec<String> = together.iter().flat_map(|f| ids(f)).collect();
    let count = all.len();
    assert!(count >= 8, "each fragment has ids: {all:?}");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "an id used twice on one page");
    for f in &together {
        // The section is named by its own title and subtitle, both inside it.
        let section = &f[f.find("<section").expect("section")..];
        let label = &section[section.find("aria-labelledby=\"").expect("named") + 17..];
        for id in label[..label.find('"').expect("closed")].split(' ') {
            assert!(ids(f).iter().any(|i| i == id), "{id} names nothing");
        }
    }
    // Each section's name (the text of what labels it) is its own, even for one school's
    // two summaries: a screen reader's list of regions tells them apart.
    let mut names: Vec<String> = together
        .iter()
        .map(|f| {
            let label = &f[f.find("aria-labelledby=\"").expect("named") + 17..];
            label[..label.find('"').expect("closed")]
                .split(' ')
                .map(|id| {
                    let at = &f[f.find(&format!("id=\"{id}\"")).expect("labelled")..];
                    at[at.find('>').expect("tag") + 1..at.find("</").expect("text")].to_owned()
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        together.len(),
        "two sections named alike: {names:?}"
    );
    // Same document, same ids.
    assert_eq!(ids(&together[0]), ids(&fragment(&oak, Audience::SenInfo)));
}

#[test]
fn a_fragment_keeps_its_own_sizes_and_no_table_is_a_tab_stop() {
    let rubric = Rubric::builtin();
    let oak = example("oakfield-primary.toml");
    for audience in Audience::ALL {
        let html = pages(Form::Fragment)
            .page(&View::school(&rubric, &oak, audience, &Beside::default()))
            .expect("fragment");
        let css = &html[..html.find("</style>").expect("style")];
        let sizes = css
            .replace("1.0625rem", "")
            .replace("{ font-size: 1rem; }", "");
        // A host's 10 px root must not shrink it: no rem, but for a whole page's body.
        for (i, _) in sizes.match_indices("rem") {
            let before = &sizes[..i];
            assert!(
                !before.ends_with(|c: char| c.is_ascii_digit() || c == '.'),
                "{}: a size in rem: {}",
                audience.id(),
                &sizes[i.saturating_sub(40)..i + 3]
            );
        }
        assert!(
            css.contains(".sendbench-report {\n  all: revert;"),
            "host rules taken back"
        );
        assert!(
            css.contains("caption-side: top"),
            "captions above, whatever the host says"
        );
        // Tables never scroll, so none needs to be reached by the keyboard.
        assert!(
            !html.contains(" tabindex="),
            "{}: a tab stop",
            audience.id()
        );
        // Typed line breaks are kept.
        assert!(css.contains("white-space: pre-line"));
    }
}

#[test]
fn a_table_laid_out_as_cards_labels_every_cell_with_its_column() {
    let rubric = Rubric::builtin();
    let oak = example("oakfield-primary.toml");
    let html = pages(Form::Page)
        .page(&View::school(
            &rubric,
            &oak,
            Audience::Governors,
            &Beside::default(),
        ))
        .expect("page");
    let plan = &html[html.find("sb-table sb-cards").expect("the plan as cards")..];
    let plan = &plan[..plan.find("</table>").expect("table")];
    assert!(
        plan.contains("<td data-label=\"Target - the overarching aim\">"),
        "{plan}"
    );
    for table in html.split("<div class=\"sb-table sb-").skip(1) {
        let table = &table[..table.find("</table>").expect("table")];
        assert_eq!(
            table.matches("<td").count(),
            table.matches("<td data-label=\"").count()
                + table.matches("<td class=\"sb-num\" data-label=\"").count(),
            "a cell without its column's name"
        );
    }
}
