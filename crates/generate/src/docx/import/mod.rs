//! Reads a filled toolkit back into an assessment, in four steps, each in its own module:
//!
//! 1. [`package`]: what kind of file this is (an encrypted form, an old .doc, a workbook, a
//!    file cut short are each named, with what to do) and its parts, read within limits;
//! 2. [`reader`]: the control reader, one pass over the body finding every content control
//!    by its tag and what it holds (text gathered across the runs Word splits it into, with
//!    its breaks, hyphens and symbols), the form's own text, and what is not text (tracked
//!    changes, footnote and comment marks, pictures), kept as notes;
//! 3. [`assemble`]: the controls into an assessment, a field copied in Word read whole (its
//!    texts joined, its answers compared);
//! 4. [`outside`] and [`notes`]: the typed-outside finder, which compares the form with the
//!    toolkit made again from what was read, and the warnings quoting everything that did
//!    not come in (text typed outside the fields, footnotes, comments, headers and footers).
//!
//! Nothing typed is lost without a word: it is in the assessment, or a warning quotes it.
//! A DOCX is untrusted input: every failure is an [`ImportError`], never a panic.

mod assemble;
mod clean;
mod control;
mod notes;
mod outside;
mod package;
mod reader;
mod symbols;
mod untagged;
mod words;

use sendbench_core::{Assessment, Rubric};

use reader::Read;

/// Why a DOCX could not be read as a toolkit.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not a zip archive at all.
    #[error("this is not a Word document (DOCX files are zip archives, and this is not one): {0}")]
    NotZip(String),
    /// A zip cut short: its end, where the archive lists its contents, is missing.
    #[error("the file is incomplete: it ends before the end of the Word document, so it was cut short (a download, upload or email that did not finish); ask for it again")]
    Incomplete,
    /// A part of the archive cannot be decompressed.
    #[error("the file is damaged and cannot be read ({0}): open it in Word, which may repair it, and save it again, or ask for it again")]
    Damaged(String),
    /// A Word document with a password to open it: its package is encrypted.
    #[error("the document is encrypted with a password, so it cannot be read. Open it in Word (with the password), choose File > Info > Protect Document > Encrypt with Password, delete the password, click OK and save; in LibreOffice, use File > Save As and untick \"Save with password\". Then import the saved file")]
    Encrypted,
    /// Another kind of file (an old .doc, a PDF, a workbook), saying what to do.
    #[error("this is not a Word document (.docx): {0}")]
    OtherFormat(String),
    /// A zip, but not a Word document.
    #[error("this zip archive is not a Word document: it has no word/document.xml")]
    NotWord,
    /// Two entries with one name: different programs would read different documents.
    #[error("the archive holds {0} twice, so different programs would show different forms; it is damaged or has been tampered with: open it in Word and save it again, or ask for it again")]
    DuplicateEntry(String),
    /// Too big, or decompresses to too much: a zip bomb or not a toolkit.
    #[error("{0}")]
    TooLarge(String),
    /// The document's XML is broken or uses features a toolkit never has.
    #[error("the document's XML cannot be read at byte {position}: {message}")]
    Xml {
        /// Byte offset in word/document.xml.
        position: u64,
        /// What is wrong.
        message: String,
    },
    /// A Word document, but not a toolkit.
    #[error("this Word document is not a SEND benchmark toolkit: it has no toolkit form fields (make one with `sendbench toolkit`)")]
    NotAToolkit,
    /// A toolkit for another rubric.
    #[error("this toolkit was made for the rubric {found}, not {expected}; use --rubric with that rubric's file")]
    OtherRubric {
        /// The rubric the document names.
        found: String,
        /// The rubric in use.
        expected: String,
    },
    /// A field copied in Word holds a different answer in each copy, where one is needed.
    #[error("the form gives different answers in copies of one field, and import will not choose between them: {}. In Word, delete the copy that is wrong (or make the copies agree), then import again", .0.join("; "))]
    Conflicting(Vec<String>),
}

/// An assessment read from a toolkit, with notes on how it was read.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The assessment.
    pub assessment: Assessment,
    /// Things the user should know (fields that could not be placed, a fallback used, text
    /// that was not imported, quoted).
    pub warnings: Vec<String>,
}

/// Reads a filled (or blank) toolkit made from `rubric`.
pub fn import(docx: &[u8], rubric: &Rubric) -> Result<Imported, ImportError> {
    let package = package::open(docx)?;
    if let Some(core) = &package.core {
        check_rubric(core, rubric)?;
    }
    let mut read = reader::read(&package.document)?;
    let mut warnings = Vec::new();
    let untagged = untagged::place(&mut read, rubric, &mut warnings);
    let mut assessment = assemble::assemble(&read.controls, rubric, &mut warnings)?;
    // The form as the toolkit would make it from what was read: whatever the filled form
    // holds outside its fields beyond this was typed by someone.
    let fresh = fresh_form(&read, &assessment, rubric);
    if let Some((fresh_package, fresh)) = &fresh {
        outside::stray_text(&read, fresh, rubric, &mut assessment, &mut warnings);
        warnings.extend(outside::text_outside_fields(&read, fresh, rubric));
        warnings.extend(notes::warnings(
            &package,
            &read,
            Some(fresh_package),
            rubric,
        ));
    } else {
        warnings.extend(notes::warnings(&package, &read, None, rubric));
    }
    clean::clean_text(&mut assessment, &mut warnings);
    if untagged {
        untagged::line_break_warning(&assessment, &mut warnings);
    }
    Ok(Imported {
        assessment,
        warnings,
    })
}

/// The toolkit made again from what was read (a next year's form again if this one is),
/// read as the filled one was.
fn fresh_form(
    read: &Read,
    assessment: &Assessment,
    rubric: &Rubric,
) -> Option<(package::Package, Read)> {
    let docx = super::toolkit_with(
        rubric,
        Some(assessment),
        super::ToolkitOptions {
            carried_forward: outside::carried_forward_from(&read.layout),
        },
    );
    let package = package::open(&docx).ok()?;
    let fresh = reader::read(&package.document).ok()?;
    Some((package, fresh))
}

/// The toolkit names its rubric in the document properties (`dc:subject`).
fn check_rubric(core: &str, rubric: &Rubric) -> Result<(), ImportError> {
    let Some(start) = core.find("<dc:subject>") else {
        return Ok(());
    };
    let rest = &core[start + "<dc:subject>".len()..];
    let Some(end) = rest.find("</dc:subject>") else {
        return Ok(());
    };
    let subject = reader::unescape(&rest[..end]);
    let Some((id, version)) = subject.split_once(" version ") else {
        return Ok(());
    };
    if id != rubric.id || version != rubric.version {
        return Err(ImportError::OtherRubric {
            found: format!("{id} version {version}"),
            expected: format!("{} version {}", rubric.id, rubric.version),
        });
    }
    Ok(())
}
