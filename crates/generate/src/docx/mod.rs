//! Word (DOCX) output and input: the fillable toolkit, and reading a filled one back.
//!
//! docx-rs 0.4 cannot write content-control tags, check boxes, drop-down lists, date pickers
//! or placeholder state, and the toolkit is nothing without them; so the package is written
//! here with a small typed XML writer (`xml`), the WordprocessingML pieces in `wml`, and the
//! fixed parts (styles, numbering, footer) kept as real files in `templates/docx/`.

mod import;
mod toolkit;
mod wml;
mod xml;

use std::io::{Cursor, Write};

use sendbench_core::{Assessment, Rubric};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub use import::{import, ImportError, Imported};
pub use xml::is_forbidden;

const STYLES: &str = include_str!("../../templates/docx/styles.xml");
const NUMBERING: &str = include_str!("../../templates/docx/numbering.xml");
const FOOTER: &str = include_str!("../../templates/docx/footer.xml");
const SETTINGS: &str = include_str!("../../templates/docx/settings.xml");
const CONTENT_TYPES: &str = include_str!("../../templates/docx/content-types.xml");
const PACKAGE_RELS: &str = include_str!("../../templates/docx/package-rels.xml");
const DOCUMENT_RELS: &str = include_str!("../../templates/docx/document-rels.xml");
const APP: &str = include_str!("../../templates/docx/app.xml");
const FONT_TABLE: &str = include_str!("../../templates/docx/font-table.xml");
const THEME: &str = include_str!("../../templates/docx/theme.xml");

const NAMESPACES: [(&str, &str); 5] = [
    (
        "xmlns:w",
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        "xmlns:r",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        "xmlns:w14",
        "http://schemas.microsoft.com/office/word/2010/wordml",
    ),
    (
        "xmlns:mc",
        "http://schemas.openxmlformats.org/markup-compatibility/2006",
    ),
    ("mc:Ignorable", "w14"),
];

/// How a toolkit is made, beyond the rubric and the answers it is filled with.
#[derive(Debug, Clone, Copy, Default)]
pub struct ToolkitOptions {
    /// The answers are last year's, carried forward for a new review (what `build` and
    /// `toolkit --next-year` make): the form says so, on its first page and at each
    /// outcome, so nobody takes last year's words for this year's. The year is the review
    /// they come from, if known.
    pub carried_forward: Option<Option<sendbench_core::AcademicYear>>,
}

/// The toolkit as a DOCX file: blank, or pre-filled from `assessment` (controls stay
/// editable). The same input always gives the same bytes.
pub fn toolkit(rubric: &Rubric, assessment: Option<&Assessment>) -> Vec<u8> {
    toolkit_with(rubric, assessment, ToolkitOptions::default())
}

/// The toolkit made a year on from `last`: its answers carried forward into the next
/// academic year, dates cleared ([`Assessment::next_review`]), and the form saying where
/// its answers come from.
pub fn next_year_toolkit(rubric: &Rubric, last: &Assessment) -> Vec<u8> {
    let from = last.review.academic_year.or(last
        .review
        .date
        .map(sendbench_core::AcademicYear::containing));
    toolkit_with(
        rubric,
        Some(&last.next_review()),
        ToolkitOptions {
            carried_forward: Some(from),
        },
    )
}

/// [`toolkit`] with options.
pub fn toolkit_with(
    rubric: &Rubric,
    assessment: Option<&Assessment>,
    options: ToolkitOptions,
) -> Vec<u8> {
    let mut doc = xml::Xml::new();
    doc.open("w:document", &NAMESPACES).open("w:body", &[]);
    doc.raw(&toolkit::body(rubric, assessment, options.carried_forward));
    doc.close("w:body").close("w:document");

    let core = core_properties(rubric, assessment);
    let header = running_header(rubric, assessment);
    let parts: [(&str, &str); 13] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("docProps/core.xml", &core),
        ("docProps/app.xml", APP),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &doc.finish()),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
        ("word/settings.xml", SETTINGS),
        ("word/header1.xml", &header),
        ("word/footer1.xml", FOOTER),
        ("word/fontTable.xml", FONT_TABLE),
        ("word/theme/theme1.xml", THEME),
    ];
    package(&parts)
}

/// The document properties: the title (with the school's name when pre-filled), the
/// language, and the rubric the toolkit was made for, which `import` checks.
fn core_properties(rubric: &Rubric, assessment: Option<&Assessment>) -> String {
    let mut title = rubric.title.clone();
    if let Some(school) = assessment
        .map(|a| a.school.name.as_str())
        .filter(|s| !s.is_empty())
    {
        title = format!("{title}: {school}");
    }
    let mut core = xml::Xml::new();
    core.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ],
    )
    .open("dc:title", &[])
    .text(&title)
    .close("dc:title")
    .open("dc:language", &[])
    .text(&rubric.language)
    .close("dc:language")
    .open("dc:subject", &[])
    .text(&format!("{} version {}", rubric.id, rubric.version))
    .close("dc:subject")
    .close("cp:coreProperties");
    core.finish()
}

/// The running header: the school (when the form is pre-filled) and the tool's name.
fn running_header(rubric: &Rubric, assessment: Option<&Assessment>) -> String {
    let running = match assessment
        .map(|a| a.school.name.trim())
        .filter(|s| !s.is_empty())
    {
        Some(school) => format!("{school} · {}", rubric.short_title),
        None => rubric.short_title.clone(),
    };
    let mut header = xml::Xml::new();
    header
        .open("w:hdr", &NAMESPACES[..2])
        .open("w:p", &[])
        .open("w:pPr", &[])
        .val("w:pStyle", "Header")
        .close("w:pPr")
        .open("w:r", &[])
        .open("w:t", &[("xml:space", "preserve")])
        .text(&running)
        .close("w:t")
        .close("w:r")
        .close("w:p")
        .close("w:hdr");
    header.finish()
}

/// Zips the parts with a fixed timestamp, so output is byte-for-byte repeatable. Parts of a
/// few hundred bytes are stored rather than deflated: compressing them saves next to
/// nothing, and starting a deflate stream costs more than the rest of writing such a part
/// (measured: a sixth of the time to make a toolkit).
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    const SMALLEST_DEFLATED: usize = 1024;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().last_modified_time(DateTime::default());
    for (name, content) in parts {
        let method = if content.len() < SMALLEST_DEFLATED {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        // Writing to memory cannot fail for I/O reasons; the zip crate reports only
        // impossible states (a name too long for the format) here.
        if zip
            .start_file(*name, options.compression_method(method))
            .is_ok()
        {
            let _ = zip.write_all(content.as_bytes());
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}
