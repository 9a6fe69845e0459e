//! The document-level parts tests read: embedded files (as `pdfdetach` lists and saves them),
//! the XMP metadata stream and the document information dictionary (as `pdfinfo` shows them).

use hayro_syntax::object::{Array, Dict, Object, Stream};
use hayro_syntax::Pdf;

use crate::error::{Error, Result};
use crate::strings;

/// Deeper than this a name tree is taken to loop back on itself.
const MAX_DEPTH: usize = 32;

/// An embedded file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// Its file name (`/UF`, else `/F`, else its key in the name tree).
    pub name: String,
    /// Its bytes, decoded.
    pub data: Vec<u8>,
}

/// The document information dictionary's text entries (absent ones are `None`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Info {
    /// `/Title`.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// `/Subject`.
    pub subject: Option<String>,
    /// `/Keywords`.
    pub keywords: Option<String>,
    /// `/Creator`.
    pub creator: Option<String>,
    /// `/Producer`.
    pub producer: Option<String>,
}

pub(crate) fn info(pdf: &Pdf) -> Info {
    let m = pdf.metadata();
    let text = |v: &Option<Vec<u8>>| v.as_deref().map(strings::text_string);
    Info {
        title: text(&m.title),
        author: text(&m.author),
        subject: text(&m.subject),
        keywords: text(&m.keywords),
        creator: text(&m.creator),
        producer: text(&m.producer),
    }
}

/// The catalog's XMP metadata, if it has any.
pub(crate) fn xmp(catalog: &Dict<'_>) -> Result<Option<String>> {
    let Some(stream) = catalog.get::<Stream<'_>>(b"Metadata") else {
        return Ok(None);
    };
    let data = strings::decode(&stream, &|| "the XMP metadata".into())?;
    String::from_utf8(data)
        .map(Some)
        .map_err(|e| Error::Document(format!("the XMP metadata is not UTF-8: {e}")))
}

/// Every embedded file: the catalog's `EmbeddedFiles` name tree, then file attachment
/// annotations page by page, as `pdfdetach` finds them.
pub(crate) fn attachments(pdf: &Pdf, catalog: &Dict<'_>) -> Result<Vec<Attachment>> {
    let mut out = Vec::new();
    if let Some(tree) = catalog
        .get::<Dict<'_>>(b"Names")
        .and_then(|n| n.get::<Dict<'_>>(b"EmbeddedFiles"))
    {
        name_tree(&tree, 0, &mut out)?;
    }
    for page in pdf.pages().iter() {
        let annotations = page.raw().get::<Array<'_>>(b"Annots").unwrap_or_default();
        for annotation in annotations.iter::<Dict<'_>>() {
            let subtype = annotation.get::<hayro_syntax::object::Name<'_>>(b"Subtype");
            if subtype.is_some_and(|s| s.as_str() == "FileAttachment") {
                let spec = annotation.get::<Dict<'_>>(b"FS").ok_or_else(|| {
                    Error::Document("a file attachment annotation has no file".into())
                })?;
                out.push(file(&spec, None)?);
            }
        }
    }
    Ok(out)
}

/// A name tree node: `/Names [key value ...]` and `/Kids [node ...]`.
fn name_tree(node: &Dict<'_>, depth: usize, out: &mut Vec<Attachment>) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Document(
            "the embedded files' name tree nests too deep (a loop?)".into(),
        ));
    }
    if let Some(names) = node.get::<Array<'_>>(b"Names") {
        let items: Vec<Object<'_>> = names.iter::<Object<'_>>().collect();
        for pair in items.chunks(2) {
            match pair {
                [Object::String(key), Object::Dict(spec)] => {
                    out.push(file(spec, Some(strings::text_string(key.as_bytes())))?);
                }
                _ => {
                    return Err(Error::Document(
                        "the embedded files' name tree has an entry that is not a name and a file"
                            .into(),
                    ))
                }
            }
        }
    }
    for kid in node
        .get::<Array<'_>>(b"Kids")
        .unwrap_or_default()
        .iter::<Dict<'_>>()
    {
        name_tree(&kid, depth + 1, out)?;
    }
    Ok(())
}

/// A file specification's name and embedded bytes.
fn file(spec: &Dict<'_>, key: Option<String>) -> Result<Attachment> {
    let name = [b"UF".as_slice(), b"F"]
        .iter()
        .find_map(|k| spec.get::<hayro_syntax::object::String<'_>>(k))
        .map(|s| strings::text_string(s.as_bytes()))
        .or(key)
        .ok_or_else(|| Error::Document("an embedded file has no name".into()))?;
    let stream = spec
        .get::<Dict<'_>>(b"EF")
        .and_then(|ef| {
            ef.get::<Stream<'_>>(b"UF")
                .or_else(|| ef.get::<Stream<'_>>(b"F"))
        })
        .ok_or_else(|| Error::Document(format!("the attachment {name} has no embedded data")))?;
    let data = strings::decode(&stream, &|| format!("the attachment {name}"))?;
    Ok(Attachment { name, data })
}
