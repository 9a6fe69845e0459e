//! What can go wrong reading a PDF back. Every failure is an error, never an empty answer:
//! a test that asserts some text is absent must not pass because nothing could be read.

/// A PDF, or the part of it asked for, could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a PDF this reader can open (garbage, cut short, or encrypted).
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
    /// The document's page tree is empty or disagrees with itself.
    #[error("the page tree is broken: {0}")]
    Pages(String),
    /// A page number past the end (pages count from 1).
    #[error("there is no page {page}: the PDF has {count}")]
    NoSuchPage {
        /// The page asked for.
        page: usize,
        /// How many pages there are.
        count: usize,
    },
    /// A stream's data could not be decoded (a broken Flate stream, an unknown filter).
    #[error("{what}: the stream cannot be decoded: {why}")]
    Undecodable {
        /// Which stream (the page, font or file it belongs to).
        what: String,
        /// Why not.
        why: String,
    },
    /// A page's content stream holds something the reader cannot follow.
    #[error("page {page}: {problem}")]
    Content {
        /// The page (from 1).
        page: usize,
        /// What is wrong.
        problem: String,
    },
    /// A font the text is set in cannot be read.
    #[error("page {page}: font {font}: {problem}")]
    Font {
        /// The page (from 1).
        page: usize,
        /// The font's name in the PDF.
        font: String,
        /// What is wrong.
        problem: String,
    },
    /// A glyph has no Unicode mapping (no `ToUnicode` entry and no `ActualText`), so its
    /// text is unknown.
    #[error("page {page}: font {font}: character code {code:#06x} has no Unicode mapping")]
    NoUnicode {
        /// The page (from 1).
        page: usize,
        /// The font's name in the PDF.
        font: String,
        /// The character code in the content stream.
        code: u32,
    },
    /// A page shows no text at all, where every page of a report has some.
    #[error("page {page} has no text")]
    EmptyPage {
        /// The page (from 1).
        page: usize,
    },
    /// A document-level part (structure tree, attachments, metadata) is missing or malformed.
    #[error("{0}")]
    Document(String),
}

/// The result of reading a PDF.
pub type Result<T, E = Error> = std::result::Result<T, E>;
