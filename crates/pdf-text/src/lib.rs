//! Reads sendbench's PDFs back for its tests, in Rust and with no outside program: the text
//! a reader gets (all pages, one page, or content-stream order), each page's physical lines,
//! words with their boxes, the page count, the structure tree, the document information and
//! XMP metadata, and embedded files. It stands in for poppler's `pdftotext`, `pdfinfo` and
//! `pdfdetach`, which the tests used to need installed.
//!
//! Built on hayro-syntax (objects, streams, content operators) and hayro-cmap (`ToUnicode`
//! maps), both already in the tree through typst. It reads what typst and krilla write:
//! Type 0 fonts with Identity-H encoding and `ToUnicode` maps, Flate streams, `ActualText`
//! spans, a structure tree; simple and Type 3 fonts too, so long as they map to Unicode.
//!
//! It fails loudly. Bytes that are not a whole PDF, a stream that does not decode, a font it
//! cannot follow, a glyph whose text is unknown, or a page with no text at all is an
//! [`Error`], never empty or partial text: a test asserting that something is *absent* from
//! a report must not pass because the report could not be read.
//!
//! How words and lines are told apart is described in the `layout` module: spaces where a
//! space glyph is drawn or glyphs stand more than 0.1 em apart, new lines where the baseline
//! moves, and `pdftotext`'s joining of a word hyphenated at a line end.

mod content;
mod error;
mod files;
mod font;
mod layout;
mod strings;
mod structure;

use std::cell::RefCell;
use std::sync::Arc;

use hayro_syntax::object::Dict;
use hayro_syntax::Pdf;

pub use error::{Error, Result};
pub use files::{Attachment, Info};
pub use layout::Word;
pub use structure::StructElement;

/// A PDF opened for reading.
pub struct Document {
    pdf: Pdf,
    fonts: RefCell<content::Fonts>,
}

impl Document {
    /// Opens a PDF. Bytes without a PDF header, cut short before the final `%%EOF`, or with
    /// a page tree that does not add up are an error: hayro-syntax would otherwise repair
    /// what it can and read a part as if it were the whole.
    pub fn parse(bytes: &[u8]) -> Result<Document> {
        let head = &bytes[..bytes.len().min(1024)];
        if !head.windows(5).any(|w| w == b"%PDF-") {
            return Err(Error::Unreadable("no %PDF- header".into()));
        }
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(Error::Unreadable("cut short: no %%EOF at the end".into()));
        }
        let pdf =
            Pdf::new(Arc::new(bytes.to_vec())).map_err(|e| Error::Unreadable(format!("{e:?}")))?;
        let document = Document {
            pdf,
            fonts: RefCell::default(),
        };
        let count = document
            .catalog()?
            .get::<Dict<'_>>(b"Pages")
            .and_then(|p| p.get::<usize>(b"Count"))
            .ok_or_else(|| Error::Pages("the catalog has no /Pages with a /Count".into()))?;
        let found = document.page_count();
        if found == 0 || found != count {
            return Err(Error::Pages(format!(
                "it says {count} pages and {found} were found"
            )));
        }
        Ok(document)
    }

    /// How many pages there are.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    fn catalog(&self) -> Result<Dict<'_>> {
        let xref = self.pdf.xref();
        xref.get::<Dict<'_>>(xref.root_id())
            .ok_or_else(|| Error::Unreadable("no document catalog".into()))
    }

    /// A page's glyphs (pages count from 1); a page drawing none is an error.
    fn glyphs(&self, page: usize) -> Result<Vec<content::Glyph>> {
        let pages = self.pdf.pages();
        let p = page
            .checked_sub(1)
            .and_then(|i| pages.get(i))
            .ok_or(Error::NoSuchPage {
                page,
                count: pages.len(),
            })?;
        let glyphs = content::page_glyphs(p, page, &mut self.fonts.borrow_mut())?;
        if glyphs.iter().all(|g| g.text.trim().is_empty()) {
            return Err(Error::EmptyPage { page });
        }
        Ok(glyphs)
    }

    /// One page's text (pages count from 1), as `pdftotext -f n -l n` reads it.
    pub fn page_text(&self, page: usize) -> Result<String> {
        Ok(layout::stream_text(&self.glyphs(page)?, true))
    }

    /// Every page's text, in order.
    pub fn page_texts(&self) -> Result<Vec<String>> {
        (1..=self.page_count()).map(|p| self.page_text(p)).collect()
    }

    /// The whole text, as `pdftotext` reads it: pages in order, each ended by a form feed.
    pub fn text(&self) -> Result<String> {
        Ok(self
            .page_texts()?
            .into_iter()
            .map(|t| t + "\u{c}")
            .collect())
    }

    /// The whole text in content-stream order with nothing joined, as `pdftotext -raw`
    /// reads it: a chart row's parts stay together whatever their baselines.
    pub fn raw_text(&self) -> Result<String> {
        let mut text = String::new();
        for page in 1..=self.page_count() {
            text.push_str(&layout::stream_text(&self.glyphs(page)?, false));
            text.push('\u{c}');
        }
        Ok(text)
    }

    /// A page's physical lines, top to bottom, each left to right (as `pdftotext -layout`
    /// lines them up, with single spaces).
    pub fn page_lines(&self, page: usize) -> Result<Vec<String>> {
        Ok(layout::physical_lines(&self.glyphs(page)?))
    }

    /// Every word on every page with its box, as `pdftotext -bbox` lists them.
    pub fn words(&self) -> Result<Vec<Word>> {
        let mut words = Vec::new();
        for page in 1..=self.page_count() {
            words.extend(layout::words(&self.glyphs(page)?));
        }
        Ok(words)
    }

    /// The document information dictionary (`pdfinfo`'s Title, Author and so on).
    pub fn info(&self) -> Info {
        files::info(&self.pdf)
    }

    /// Whether the document says it is tagged (`/MarkInfo << /Marked true >>`; `pdfinfo`'s
    /// "Tagged: yes").
    pub fn is_tagged(&self) -> Result<bool> {
        Ok(self
            .catalog()?
            .get::<Dict<'_>>(b"MarkInfo")
            .and_then(|m| m.get::<bool>(b"Marked"))
            .unwrap_or(false))
    }

    /// The XMP metadata stream (`pdfinfo -meta`), if there is one.
    pub fn xmp_metadata(&self) -> Result<Option<String>> {
        files::xmp(&self.catalog()?)
    }

    /// Every embedded file with its bytes (`pdfdetach -list` and `-saveall`).
    pub fn attachments(&self) -> Result<Vec<Attachment>> {
        files::attachments(&self.pdf, &self.catalog()?)
    }

    /// The structure tree's elements in document order (`pdfinfo -struct`); an untagged PDF
    /// is an error.
    pub fn structure(&self) -> Result<Vec<StructElement>> {
        structure::read(&self.catalog()?)
    }
}

/// A PDF's whole text (see [`Document::text`]).
pub fn text(pdf: &[u8]) -> Result<String> {
    Document::parse(pdf)?.text()
}

/// A PDF's text page by page (see [`Document::page_texts`]).
pub fn page_texts(pdf: &[u8]) -> Result<Vec<String>> {
    Document::parse(pdf)?.page_texts()
}

/// A PDF's number of pages.
pub fn page_count(pdf: &[u8]) -> Result<usize> {
    Ok(Document::parse(pdf)?.page_count())
}

/// A PDF's embedded files (see [`Document::attachments`]).
pub fn attachments(pdf: &[u8]) -> Result<Vec<Attachment>> {
    Document::parse(pdf)?.attachments()
}
