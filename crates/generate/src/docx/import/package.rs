//! The package: what kind of file this is, and its parts, read within limits.
//!
//! People send what they have: a form with a password on it, an old .doc renamed, a PDF, a
//! workbook, a file cut short by a download. Each is named for what it is, with what to do,
//! before a byte of XML is read. A .docx is a zip archive, and an untrusted one: its size,
//! its number of entries and the size each part decompresses to are bounded (the sizes the
//! archive declares are not trusted), and an archive holding one name twice is refused.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use super::ImportError;

/// Largest DOCX accepted, compressed.
const MAX_DOCX_BYTES: u64 = 64 * 1024 * 1024;
/// Largest XML part read, uncompressed: a toolkit's document.xml is well under 2 MB.
const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;
/// Most zip entries accepted.
const MAX_ENTRIES: usize = 2_000;
/// Most parts beside the body (headers, footers, notes, comments) read: Word writes six
/// headers and footers at most per section, and a form has a few sections.
const MAX_SIDE_PARTS: usize = 200;

/// What a part beside the body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// A page header.
    Header,
    /// A page footer.
    Footer,
    /// The footnotes.
    Footnotes,
    /// The endnotes.
    Endnotes,
    /// The comments.
    Comments,
}

/// A Word document's parts that import reads.
#[derive(Debug)]
pub(super) struct Package {
    /// The body, `word/document.xml` (or wherever the package says it is).
    pub document: String,
    /// The document properties, which name the rubric the toolkit was made for.
    pub core: Option<String>,
    /// Headers, footers, notes and comments: (part name, what it is, its XML).
    pub sides: Vec<(String, Side, String)>,
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Opens a Word document, or says what the file is instead and what to do.
pub(super) fn open(docx: &[u8]) -> Result<Package, ImportError> {
    if docx.len() as u64 > MAX_DOCX_BYTES {
        return Err(ImportError::TooLarge(format!(
            "the file is {} MB; a toolkit is well under 5 MB",
            docx.len() / 1_000_000
        )));
    }
    sniff(docx)?;
    let mut zip = match zip::ZipArchive::new(Cursor::new(docx)) {
        Ok(zip) => zip,
        // A zip's directory is at its end: a file that starts as one and has none was cut
        // short (a download or an upload that did not finish, an email size limit).
        Err(_) if docx.starts_with(b"PK\x03\x04") && find_last(docx, b"PK\x05\x06").is_none() => {
            return Err(ImportError::Incomplete);
        }
        Err(e) => return Err(ImportError::NotZip(e.to_string())),
    };
    refuse_duplicates(docx, &zip)?;
    if zip.len() > MAX_ENTRIES {
        return Err(ImportError::TooLarge(format!(
            "the archive has {} entries; a Word document has a few dozen",
            zip.len()
        )));
    }
    let main = main_part(&mut zip)?;
    let Some(document) = read_part(&mut zip, &main)? else {
        return Err(not_word(&mut zip)?);
    };
    let core = read_part(&mut zip, "docProps/core.xml")?;
    let sides = side_parts(&mut zip, &main)?;
    Ok(Package {
        document,
        core,
        sides,
    })
}

/// The first bytes of a file that is not a zip say what it is. `Ok` if it may be a zip.
fn sniff(bytes: &[u8]) -> Result<(), ImportError> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let other = |what: &str| Err(ImportError::OtherFormat(what.to_owned()));
    if bytes.is_empty() {
        return other("the file is empty (0 bytes): it may not have finished saving or downloading; ask for it again");
    }
    if bytes.starts_with(&OLE) {
        return old_office_file(bytes);
    }
    if bytes.starts_with(b"%PDF-") {
        return other("it is a PDF: a PDF of the form cannot be read back; ask the school for the Word file (.docx) they filled in");
    }
    if bytes.starts_with(b"{\\rtf") {
        return other("it is a Rich Text (.rtf) file: open it in Word and use File > Save As > Word Document (.docx), then import that file");
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if head.contains("<w:worddocument") || head.contains("progid=\"word.document\"") {
        return other("it is a Word XML document (.xml), not a .docx: open it in Word and use File > Save As > Word Document (.docx), then import that file");
    }
    if head.trim_start().starts_with("mime-version:") || head.contains("<html") {
        return other("it is a web page (.htm or .mht): open it in Word and use File > Save As > Word Document (.docx), then import that file");
    }
    Ok(())
}

/// An Office 97-2003 file is an OLE compound file; so is a .docx with a password on it,
/// whose package is encrypted inside one. The names of its streams, in UTF-16, say which.
fn old_office_file(bytes: &[u8]) -> Result<(), ImportError> {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
    };
    if has("EncryptedPackage") {
        return Err(ImportError::Encrypted);
    }
    let what = if has("WordDocument") {
        "it is an old Word 97-2003 document (.doc), whatever its name says: open it in Word and use File > Save As > Word Document (.docx), then import that file"
    } else if has("Workbook") || has("Book") {
        "it is an old Excel 97-2003 workbook (.xls): the toolkit is the Word form (.docx); a survey export is read by `sendbench area` and `build`"
    } else if has("PowerPoint Document") {
        "it is an old PowerPoint presentation (.ppt): ask for the Word form (.docx) the school filled in"
    } else {
        "it is an old Office file (most likely a Word 97-2003 document, .doc), whatever its name says: open it in Word and use File > Save As > Word Document (.docx), then import that file"
    };
    Err(ImportError::OtherFormat(what.to_owned()))
}

/// The zip library keeps one entry per name; the archive may hold more (Word would read
/// one, `unzip` another). The central directory's own count of entries says so.
fn refuse_duplicates(docx: &[u8], zip: &Zip<'_>) -> Result<(), ImportError> {
    if central_directory_entries(docx).is_some_and(|n| n > zip.len() as u64) {
        let mut seen = HashSet::new();
        let name = raw_entry_names(docx)
            .into_iter()
            .find(|n| !seen.insert(n.clone()))
            .unwrap_or_else(|| "an entry".to_owned());
        return Err(ImportError::DuplicateEntry(name));
    }
    Ok(())
}

/// Where the package's main document is: the target of its `officeDocument` relationship,
/// which Word always puts at `word/document.xml` and other programs may not.
fn main_part(zip: &mut Zip<'_>) -> Result<String, ImportError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = read_part(zip, "_rels/.rels")? else {
        return Ok(DEFAULT.to_owned());
    };
    let target = relationships(&rels)
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| resolve("", &target));
    Ok(target
        .filter(|t| t.starts_with("word/") && t.ends_with(".xml"))
        .unwrap_or_else(|| DEFAULT.to_owned()))
}

/// A zip without a Word body: another kind of document, named with what to do.
fn not_word(zip: &mut Zip<'_>) -> Result<ImportError, ImportError> {
    let has = |zip: &mut Zip<'_>, name: &str| zip.index_for_name(name).is_some();
    if has(zip, "xl/workbook.xml") {
        return Ok(ImportError::OtherFormat("it is an Excel workbook (.xlsx): the toolkit is the Word form (.docx) made by `sendbench toolkit`; a survey export in a workbook is read by `sendbench area` and `build`".into()));
    }
    if has(zip, "ppt/presentation.xml") {
        return Ok(ImportError::OtherFormat("it is a PowerPoint presentation (.pptx): ask for the Word form (.docx) the school filled in".into()));
    }
    // An OpenDocument file is a zip too, naming itself in a `mimetype` entry.
    let mimetype = read_part(zip, "mimetype")?.unwrap_or_default();
    let kind = mimetype
        .trim()
        .strip_prefix("application/vnd.oasis.opendocument.");
    Ok(match kind {
        Some("text") => ImportError::OtherFormat("it is an OpenDocument (.odt) file: in LibreOffice use File > Save As, choose Word 2007-365 (.docx) and Keep Current Format, then import that file".into()),
        Some("spreadsheet") => ImportError::OtherFormat("it is an OpenDocument spreadsheet (.ods): the toolkit is the Word form (.docx) made by `sendbench toolkit`".into()),
        Some(_) => ImportError::OtherFormat("it is an OpenDocument file of another kind: ask for the Word form (.docx) the school filled in".into()),
        None => ImportError::NotWord,
    })
}

/// The headers, footers, notes and comments the body refers to, as its relationships name
/// them.
fn side_parts(zip: &mut Zip<'_>, main: &str) -> Result<Vec<(String, Side, String)>, ImportError> {
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = format!("{folder}/_rels/{file}.rels");
    let Some(rels) = read_part(zip, &rels_name)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (kind, target) in relationships(&rels) {
        let side = match kind.rsplit('/').next() {
            Some("header") => Side::Header,
            Some("footer") => Side::Footer,
            Some("footnotes") => Side::Footnotes,
            Some("endnotes") => Side::Endnotes,
            Some("comments") => Side::Comments,
            _ => continue,
        };
        let name = resolve(folder, &target);
        if out.len() >= MAX_SIDE_PARTS || !seen.insert(name.clone()) {
            continue;
        }
        if let Some(xml) = read_part(zip, &name)? {
            out.push((name, side, xml));
        }
    }
    Ok(out)
}

/// The (type, target) of each relationship in a `.rels` part.
fn relationships(rels: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(rels);
    let mut out = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let value = |name: &str| super::reader::attr(&e, name).unwrap_or_default();
                // An external target (a hyperlink's address) is not a part.
                if value("TargetMode") != "External" {
                    out.push((value("Type"), value("Target")));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A relationship's target as a part name: relative to the folder of the part that names
/// it, or from the package's root if it starts with `/`.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/').filter(|p| !p.is_empty()) {
        match piece {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Reads one part, bounded: the size the archive declares is not trusted.
pub(super) fn read_part(zip: &mut Zip<'_>, name: &str) -> Result<Option<String>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::Damaged(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Damaged(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(ImportError::TooLarge(format!(
            "{name} decompresses to more than {} MB: this is not a toolkit (or it is a zip bomb)",
            MAX_PART_BYTES / 1_000_000
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| ImportError::Xml {
            position: e.utf8_error().valid_up_to() as u64,
            message: "not UTF-8".into(),
        })
}

/// The number of entries the archive's end-of-central-directory record declares (its
/// ZIP64 record where there is one); `None` if it cannot be found.
fn central_directory_entries(bytes: &[u8]) -> Option<u64> {
    let eocd = find_last(bytes, b"PK\x05\x06")?;
    let total = u16::from_le_bytes(bytes.get(eocd + 10..eocd + 12)?.try_into().ok()?);
    if total != 0xFFFF {
        return Some(u64::from(total));
    }
    // ZIP64: the locator just before points at the ZIP64 record.
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != b"PK\x06\x07" {
        return None;
    }
    let at = u64::from_le_bytes(bytes.get(locator + 8..locator + 16)?.try_into().ok()?);
    let at = usize::try_from(at).ok()?;
    let total = bytes.get(at + 32..at + 40)?;
    Some(u64::from_le_bytes(total.try_into().ok()?))
}

/// The names in the central directory, in order, duplicates and all.
fn raw_entry_names(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0;
    while let Some(i) = bytes
        .get(at..)
        .and_then(|rest| rest.windows(4).position(|w| w == b"PK\x01\x02"))
    {
        let header = at + i;
        let len = bytes
            .get(header + 28..header + 30)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        if let Some(name) = bytes.get(header + 46..header + 46 + len) {
            names.push(String::from_utf8_lossy(name).into_owned());
        }
        at = header + 4;
    }
    names
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_the_naming_part() {
        assert_eq!(resolve("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("word", "/word/footer2.xml"), "word/footer2.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn an_ole_file_is_named_by_its_streams() {
        let ole = |stream: &str| {
            let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
            bytes.extend(vec![0; 500]);
            bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        assert!(matches!(
            sniff(&ole("EncryptedPackage")),
            Err(ImportError::Encrypted)
        ));
        let message = |stream: &str| match sniff(&ole(stream)) {
            Err(ImportError::OtherFormat(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(message("WordDocument").contains("(.doc)"));
        assert!(message("Workbook").contains("Excel 97-2003 workbook"));
    }
}
