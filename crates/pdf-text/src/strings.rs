//! Decoding PDF byte strings: text strings (titles, names of attached files, `ActualText`)
//! and strict stream decoding, so a broken stream is an error and not silently empty text.

use std::io::Read;

use hayro_syntax::object::{Array, Name, Object, Stream};

use crate::error::{Error, Result};

/// A PDF text string: UTF-16BE after a byte order mark, UTF-8 after one, or else
/// PDFDocEncoding (ISO 8859-1 apart from a few typographic characters).
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// One PDFDocEncoding byte (PDF 1.7, annex D.2): where it differs from ISO 8859-1.
fn pdf_doc_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
    ];
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    match b {
        0x18..=0x1F => LOW[usize::from(b - 0x18)],
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        0xA0 => '€',
        _ => char::from(b),
    }
}

/// The filters a stream's dictionary names, in order.
fn filter_names(stream: &Stream<'_>) -> Vec<String> {
    let dict = stream.dict();
    if let Some(name) = dict.get::<Name<'_>>(b"Filter") {
        return vec![name.as_str().to_owned()];
    }
    dict.get::<Array<'_>>(b"Filter")
        .map(|a| {
            a.iter::<Object<'_>>()
                .map(|o| match o {
                    Object::Name(n) => n.as_str().to_owned(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A stream's data with its filters undone, refusing anything it cannot decode exactly.
///
/// hayro-syntax's own decoding is built for viewers: it skips filters it does not know and
/// falls back to a forgiving inflater for a broken Flate stream, which can yield partial
/// data. The tests need the opposite, so the one filter typst's PDFs use, Flate without a
/// predictor, is inflated here with `flate2` and any error reported; any other filter goes
/// through hayro-syntax and must be one it knows.
pub(crate) fn decode(stream: &Stream<'_>, what: &dyn Fn() -> String) -> Result<Vec<u8>> {
    let fail = |why: String| Error::Undecodable { what: what(), why };
    let names = filter_names(stream);
    let raw = stream.raw_data();
    let predictor = stream
        .dict()
        .get::<hayro_syntax::object::Dict<'_>>(b"DecodeParms")
        .and_then(|p| p.get::<i64>(b"Predictor"))
        .unwrap_or(1);
    match names.as_slice() {
        [] => Ok(raw.into_owned()),
        [flate] if (flate == "FlateDecode" || flate == "Fl") && predictor <= 1 => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .map_err(|e| fail(format!("Flate: {e}")))?;
            Ok(out)
        }
        _ => {
            if stream.filters().len() != names.len() {
                return Err(fail(format!("unknown filter among {names:?}")));
            }
            stream
                .decoded()
                .map(|d| d.into_owned())
                .map_err(|e| fail(format!("{names:?}: {e:?}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text_string;

    #[test]
    fn text_strings_in_each_encoding() {
        assert_eq!(text_string(b"\xFE\xFF\x00O\x01\x41"), "OŁ");
        assert_eq!(text_string(b"\xEF\xBB\xBFcaf\xC3\xA9"), "café");
        assert_eq!(text_string(b"caf\xE9 \x8Dq\x8E \x93"), "café “q” ﬁ");
    }
}
