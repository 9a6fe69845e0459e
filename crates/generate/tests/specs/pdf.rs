//! Reading the reports back, for every module: through `sendbench-pdf-text`, in Rust, so the
//! tests need nothing installed. A PDF that cannot be read panics with the reason; it never
//! comes back as empty text under which an assertion that something is absent would pass.

use sendbench_pdf_text::Document;

/// The PDF opened for reading.
pub fn document(pdf: &[u8]) -> Document {
    Document::parse(pdf).unwrap_or_else(|e| panic!("the PDF cannot be read back: {e}"))
}

/// The text a reader gets, page by page in reading order (as `pdftotext` gave it).
pub fn text(pdf: &[u8]) -> String {
    document(pdf)
        .text()
        .unwrap_or_else(|e| panic!("the PDF's text cannot be read back: {e}"))
}

/// White space collapsed, for comparing text whose line breaks differ.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
