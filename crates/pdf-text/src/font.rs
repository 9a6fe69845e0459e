//! Fonts as far as reading text needs them: how a shown string splits into character codes,
//! each code's advance width and Unicode text (from the `ToUnicode` map), and the ascent and
//! descent a word's height is measured with. Glyph outlines are never needed.

use std::collections::HashMap;

use hayro_cmap::{BfString, CMap};
use hayro_syntax::object::{Array, Dict, Name, Number, Object, Stream};

use crate::error::{Error, Result};
use crate::strings;

/// A font as a text reader needs it.
pub(crate) struct Font {
    /// The font's `BaseFont` name, for messages.
    pub name: String,
    /// Type 0 fonts with an Identity encoding take two bytes a code; simple fonts one.
    two_byte: bool,
    widths: Widths,
    /// Glyph space to text space: a thousandth, except in Type 3 fonts whose matrix says.
    scale: f64,
    to_unicode: Option<CMap>,
    /// Above and below the baseline, in fractions of the font size (poppler's rules).
    pub ascent: f64,
    /// Negative: how far below the baseline.
    pub descent: f64,
}

/// Advance widths in glyph space, by character code (for Identity-encoded CID fonts the code
/// is the CID).
enum Widths {
    Cid {
        widths: HashMap<u32, f64>,
        default: f64,
    },
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
}

impl Font {
    /// Reads a font dictionary; an encoding or font type it cannot follow is an error.
    pub fn load(dict: &Dict<'_>, page: usize) -> Result<Font> {
        let name = dict
            .get::<Name<'_>>(b"BaseFont")
            .map_or_else(|| "(unnamed)".to_owned(), |n| n.as_str().to_owned());
        let fail = |problem: String| Error::Font {
            page,
            font: name.clone(),
            problem,
        };
        let subtype = dict
            .get::<Name<'_>>(b"Subtype")
            .map(|n| n.as_str().to_owned())
            .ok_or_else(|| fail("no /Subtype".into()))?;
        let (two_byte, widths, descriptor, scale) = match subtype.as_str() {
            "Type0" => {
                let encoding = dict
                    .get::<Name<'_>>(b"Encoding")
                    .map(|n| n.as_str().to_owned());
                if encoding.as_deref() != Some("Identity-H") {
                    return Err(fail(format!(
                        "encoding {encoding:?}: only Identity-H is read"
                    )));
                }
                let cid = dict
                    .get::<Array<'_>>(b"DescendantFonts")
                    .and_then(|a| a.iter::<Dict<'_>>().next())
                    .ok_or_else(|| fail("no descendant font".into()))?;
                let widths = cid_widths(&cid).map_err(fail)?;
                (true, widths, cid.get::<Dict<'_>>(b"FontDescriptor"), 0.001)
            }
            "Type1" | "MMType1" | "TrueType" | "Type3" => {
                let (widths, scale) = simple_widths(dict, subtype == "Type3");
                (
                    false,
                    widths,
                    dict.get::<Dict<'_>>(b"FontDescriptor"),
                    scale,
                )
            }
            other => return Err(fail(format!("font type {other} is not read"))),
        };
        let to_unicode = to_unicode(dict, page, &name)?;
        let (ascent, descent) = ascent_descent(descriptor.as_ref());
        Ok(Font {
            name,
            two_byte,
            widths,
            scale,
            to_unicode,
            ascent,
            descent,
        })
    }

    /// The character codes in a shown string, each with its length in bytes.
    pub fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = (u32, usize)> + 'b {
        let step = if self.two_byte { 2 } else { 1 };
        bytes.chunks(step).map(|c| {
            let code = c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            (code, c.len())
        })
    }

    /// How far a code advances, in text space units per unit of font size.
    pub fn advance(&self, code: u32) -> f64 {
        let width = match &self.widths {
            Widths::Cid { widths, default } => widths.get(&code).copied().unwrap_or(*default),
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
        };
        width * self.scale
    }

    /// The text a code stands for, from the font's `ToUnicode` map.
    pub fn unicode(&self, code: u32) -> Option<String> {
        match self.to_unicode.as_ref()?.lookup_bf_string(code)? {
            BfString::Char(c) => Some(c.to_string()),
            BfString::String(s) => Some(s),
        }
    }
}

/// A simple font's widths (`/FirstChar`, `/Widths`, and the descriptor's `/MissingWidth`),
/// and the scale from glyph space: a thousandth, or what a Type 3 font's matrix says.
fn simple_widths(dict: &Dict<'_>, type3: bool) -> (Widths, f64) {
    let first = dict.get::<u32>(b"FirstChar").unwrap_or(0);
    let widths: Vec<f64> = dict
        .get::<Array<'_>>(b"Widths")
        .map(|a| a.iter::<Number>().map(|n| n.as_f64()).collect())
        .unwrap_or_default();
    let missing = dict
        .get::<Dict<'_>>(b"FontDescriptor")
        .and_then(|d| d.get::<Number>(b"MissingWidth"))
        .map_or(0.0, |n| n.as_f64());
    let scale = if type3 {
        dict.get::<Array<'_>>(b"FontMatrix")
            .and_then(|m| m.iter::<Number>().next())
            .map_or(0.001, |n| n.as_f64())
    } else {
        0.001
    };
    let widths = Widths::Simple {
        first,
        widths,
        missing,
    };
    (widths, scale)
}

/// The font's `ToUnicode` map, if it has one; one that cannot be decoded or parsed is an
/// error.
fn to_unicode(dict: &Dict<'_>, page: usize, name: &str) -> Result<Option<CMap>> {
    let Some(stream) = dict.get::<Stream<'_>>(b"ToUnicode") else {
        return Ok(None);
    };
    let data = strings::decode(&stream, &|| format!("page {page}: {name}'s ToUnicode"))?;
    let map = CMap::parse(&data, |_| None).ok_or_else(|| Error::Font {
        page,
        font: name.to_owned(),
        problem: "its ToUnicode map cannot be parsed".into(),
    })?;
    Ok(Some(map))
}

/// A CID font's widths: `/W` lists either `c [w1 w2 ...]` or `c_first c_last w`.
fn cid_widths(cid: &Dict<'_>) -> Result<Widths, String> {
    let default = cid.get::<Number>(b"DW").map_or(1000.0, |n| n.as_f64());
    let mut widths = HashMap::new();
    let items: Vec<Object<'_>> = cid
        .get::<Array<'_>>(b"W")
        .map(|a| a.iter::<Object<'_>>().collect())
        .unwrap_or_default();
    let number = |o: &Object<'_>| match o {
        Object::Number(n) => Some(n.as_f64()),
        _ => None,
    };
    let mut i = 0;
    while i < items.len() {
        let first = number(&items[i]).ok_or("/W: a CID is not a number")? as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter::<Number>().enumerate() {
                    widths.insert(first + k as u32, w.as_f64());
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last).ok_or("/W: a range's end is not a number")? as u32;
                let w = items
                    .get(i + 2)
                    .and_then(number)
                    .ok_or("/W: a range has no width")?;
                for c in first..=last {
                    widths.insert(c, w);
                }
                i += 3;
            }
            None => return Err("/W ends after a CID".into()),
        }
    }
    Ok(Widths::Cid { widths, default })
}

/// Ascent and descent as poppler takes them from a font descriptor: in thousandths, signs
/// corrected, and 0.95 and -0.35 where missing or absurd.
fn ascent_descent(descriptor: Option<&Dict<'_>>) -> (f64, f64) {
    let get = |key: &[u8]| {
        descriptor
            .and_then(|d| d.get::<Number>(key))
            .map(|n| n.as_f64() * 0.001)
    };
    let ascent = get(b"Ascent")
        .map(f64::abs)
        .filter(|&a| a != 0.0 && a < 3.0)
        .unwrap_or(0.95);
    let descent = get(b"Descent")
        .map(|d| -d.abs())
        .filter(|&d| d != 0.0 && d > -3.0)
        .unwrap_or(-0.35);
    (ascent, descent)
}
