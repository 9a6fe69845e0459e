//! The web pages from the command line: `report --format html` (a page or a fragment, one
//! audience or all), `area --html`, and `build` writing the families' pages and the area's
//! beside the PDFs, listed in index.json.

use crate::util::{root, sendbench};

const OAK: &str = "examples/schools/oakfield-primary.toml";

fn path(p: &std::path::Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn report_format_html_writes_a_page_and_a_fragment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let oak = path(&root().join(OAK));
    let page = dir.path().join("sen-info.html");
    let run = sendbench(&[
        "report",
        &oak,
        "--audience",
        "sen-info",
        "--format",
        "html",
        "-o",
        &path(&page),
    ])
    .expect_code(0);
    assert!(
        run.stderr.contains("Wrote the sen-info report"),
        "{}",
        run.stderr
    );
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("title\" class=\"sb-title\">Oakfield Primary School</h1>"));
    assert!(
        html.contains("<h1 id=\"sb-sen-info-"),
        "ids of the document's own"
    );
    assert!(
        !html.contains("Rachel Whitfield"),
        "no names on the families' pages"
    );

    let fragment = dir.path().join("fragment.html");
    sendbench(&[
        "report",
        &oak,
        "--audience",
        "sen-info",
        "--format",
        "html",
        "--fragment",
        "-o",
        &path(&fragment),
    ])
    .expect_code(0);
    let html = std::fs::read_to_string(&fragment).expect("fragment");
    assert!(html.starts_with("<style>"));
    assert!(html.contains("<section class=\"sendbench-report sb-fragment sb-sen-info\""));
    assert!(!html.contains("<h1") && !html.contains("<html"));
}

#[test]
fn report_all_as_html_makes_one_page_per_audience() {
    let dir = tempfile::tempdir().expect("tempdir");
    sendbench(&[
        "report",
        &path(&root().join(OAK)),
        "--all",
        "--format",
        "html",
        "-o",
        &path(dir.path()),
    ])
    .expect_code(0);
    for audience in ["governors", "parents", "sen-info"] {
        let file = dir
            .path()
            .join(format!("oakfield-primary-school-{audience}.html"));
        let html = std::fs::read_to_string(&file).expect("page");
        assert!(html.contains("</html>"), "{audience}");
    }
    assert!(
        std::fs::read_to_string(dir.path().join("oakfield-primary-school-governors.html"))
            .expect("governors")
            .contains("Rachel Whitfield")
    );
}

#[test]
fn fragment_without_html_is_refused() {
    let run = sendbench(&[
        "report",
        &path(&root().join(OAK)),
        "--audience",
        "parents",
        "--fragment",
    ])
    .expect_code(2);
    assert!(run.stderr.contains("--format html"), "{}", run.stderr);
}

/// `-o -` writes the page to standard output, not to a file named `-`.
#[test]
fn a_page_goes_to_standard_output_with_o_dash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = crate::util::sendbench_in(
        dir.path(),
        &[
            "report",
            &path(&root().join(OAK)),
            "--audience",
            "parents",
            "--format",
            "html",
            "-o",
            "-",
        ],
    )
    .expect_code(0);
    assert!(
        run.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        &run.stdout[..200.min(run.stdout.len())]
    );
    assert!(!dir.path().join("-").exists());
}

#[test]
fn area_html_writes_the_area_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("area.html");
    sendbench(&[
        "area",
        &path(&root().join("examples/schools")),
        "--html",
        &path(&page),
        "--suppress-below",
        "3",
    ])
    .expect_code(0);
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(html.contains("Contributing schools"));
    assert!(html.contains("Small numbers."));
    let fragment = dir.path().join("area-fragment.html");
    sendbench(&[
        "area",
        &path(&root().join("examples/schools")),
        "--html",
        &path(&fragment),
        "--fragment",
    ])
    .expect_code(0);
    assert!(std::fs::read_to_string(&fragment)
        .expect("fragment")
        .starts_with("<style>"));
}

#[test]
fn build_writes_the_web_pages_beside_the_pdfs() {
    let out = tempfile::tempdir().expect("tempdir");
    sendbench(&[
        "build",
        &path(&root().join("examples/schools")),
        "-o",
        &path(out.path()),
    ])
    .expect_code(0);
    let pages = [
        "schools/oakfield-primary-school-sen-info.html",
        "schools/oakfield-primary-school-parents.html",
        "schools/oakfield-primary-school-governors.html",
        "area/area.html",
    ];
    for file in pages {
        let html = std::fs::read_to_string(out.path().join(file)).expect(file);
        assert!(html.starts_with("<!DOCTYPE html>"), "{file}");
    }
    // Every PDF has its page: the same names with .html.
    let schools: Vec<String> = std::fs::read_dir(out.path().join("schools"))
        .expect("schools")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for pdf in schools.iter().filter(|n| n.ends_with(".pdf")) {
        let page = pdf.replace(".pdf", ".html");
        assert!(schools.contains(&page), "{page} beside {pdf}");
    }
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("index.json")).expect("index"))
            .expect("JSON");
    let listed = index.to_string();
    for file in pages {
        assert!(listed.contains(file), "{file} in index.json");
    }
    // A changed HTML template remakes the pages (and only what depends on it).
    let templates = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        templates.path().join("sen-info.html"),
        "<p>{{ data.school.name }}</p>",
    )
    .expect("write");
    let run = sendbench(&[
        "build",
        &path(&root().join("examples/schools")),
        "-o",
        &path(out.path()),
        "--templates",
        &path(templates.path()),
    ])
    .expect_code(0);
    assert!(run.stderr.contains("documents made"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(
            out.path()
                .join("schools/oakfield-primary-school-sen-info.html")
        )
        .expect("page"),
        "<p>Oakfield Primary School</p>\n"
    );
}
