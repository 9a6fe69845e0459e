//! The logical structure tree of a tagged PDF, element by element, as `pdfinfo -struct` lists
//! it: each element's type (role-mapped to a standard one), ID and title, at its depth.
//! Marked content and object references (the leaves) are not listed, nor attributes.

use std::fmt;

use hayro_syntax::object::{Dict, Name, Object};

use crate::error::{Error, Result};
use crate::strings;

/// Deeper than this the tree is taken to loop back on itself.
const MAX_DEPTH: usize = 256;

/// One structure element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructElement {
    /// How deep it sits: the tree's top elements (typically `Document`) are at 0.
    pub depth: usize,
    /// Its standard type (`P`, `H2`, `Table`, ...), after the role map.
    pub kind: String,
    /// Its `/ID`, if it has one.
    pub id: Option<String>,
    /// Its `/T` (typst gives headings their text as title).
    pub title: Option<String>,
}

impl StructElement {
    /// `block` or `inline`, where poppler says one (grouping and table parts have neither).
    fn placement(&self) -> Option<&'static str> {
        const BLOCK: [&str; 15] = [
            "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table",
            "TOC", "TOCI",
        ];
        const INLINE: [&str; 13] = [
            "Span",
            "Quote",
            "Note",
            "Reference",
            "BibEntry",
            "Code",
            "Link",
            "Annot",
            "RB",
            "RT",
            "RP",
            "WT",
            "WP",
        ];
        let kind = self.kind.as_str();
        if BLOCK.contains(&kind) {
            Some("block")
        } else if INLINE.contains(&kind) {
            Some("inline")
        } else {
            None
        }
    }
}

/// The line `pdfinfo -struct` prints for the element: indented two spaces a level, then
/// `H2 "Who took part" (block)`, without the attribute lines.
impl fmt::Display for StructElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:indent$}{}", "", self.kind, indent = 2 * self.depth)?;
        if let Some(id) = &self.id {
            write!(f, " <{id}>")?;
        }
        if let Some(title) = &self.title {
            write!(f, " \"{title}\"")?;
        }
        if let Some(placement) = self.placement() {
            write!(f, " ({placement})")?;
        }
        Ok(())
    }
}

/// Every structure element in document order; a PDF without a structure tree is an error.
pub(crate) fn read(catalog: &Dict<'_>) -> Result<Vec<StructElement>> {
    let root = catalog.get::<Dict<'_>>(b"StructTreeRoot").ok_or_else(|| {
        Error::Document("the PDF has no structure tree (it is not tagged)".into())
    })?;
    let role_map = root.get::<Dict<'_>>(b"RoleMap").unwrap_or_default();
    let mut out = Vec::new();
    if let Some(kids) = root.get::<Object<'_>>(b"K") {
        walk(&kids, 0, &role_map, &mut out)?;
    }
    if out.is_empty() {
        return Err(Error::Document("the structure tree is empty".into()));
    }
    Ok(out)
}

/// A `/K` entry: an element, marked content (a number or an MCR/OBJR dictionary), or an
/// array of them.
fn walk(
    kid: &Object<'_>,
    depth: usize,
    role_map: &Dict<'_>,
    out: &mut Vec<StructElement>,
) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Error::Document(
            "the structure tree nests too deep (a loop?)".into(),
        ));
    }
    match kid {
        Object::Array(kids) => {
            for kid in kids.iter::<Object<'_>>() {
                walk(&kid, depth, role_map, out)?;
            }
        }
        Object::Dict(element) => {
            let Some(kind) = element.get::<Name<'_>>(b"S") else {
                // Marked-content and object references: the leaves.
                return Ok(());
            };
            out.push(StructElement {
                depth,
                kind: standard_type(kind.as_str(), role_map),
                id: element
                    .get::<hayro_syntax::object::String<'_>>(b"ID")
                    .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned()),
                title: element
                    .get::<hayro_syntax::object::String<'_>>(b"T")
                    .map(|s| strings::text_string(s.as_bytes())),
            });
            if let Some(kids) = element.get::<Object<'_>>(b"K") {
                walk(&kids, depth + 1, role_map, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// A type through the role map to a standard one (a few steps at most).
fn standard_type(kind: &str, role_map: &Dict<'_>) -> String {
    let mut kind = kind.to_owned();
    for _ in 0..8 {
        match role_map.get::<Name<'_>>(kind.as_bytes()) {
            Some(mapped) if mapped.as_str() != kind => kind = mapped.as_str().to_owned(),
            _ => break,
        }
    }
    kind
}
