//! A small typed XML writer for WordprocessingML. Every piece of text and every attribute
//! value goes through [`escape`], which also drops the characters XML 1.0 forbids, so user
//! text (`<`, `&`, quotes, control characters) always yields a well-formed part.

use std::fmt::Write;

/// Escapes text for XML content or a double-quoted attribute, dropping characters XML 1.0
/// does not allow (most C0 controls, lone surrogates cannot occur in Rust strings, U+FFFE/F).
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// True for characters XML 1.0 cannot carry, which a Word document therefore cannot hold.
pub fn is_forbidden(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// An XML document being written.
#[derive(Default)]
pub struct Xml {
    out: String,
}

impl Xml {
    /// An empty document with the XML declaration.
    pub fn new() -> Self {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"),
        }
    }

    fn attrs(&mut self, attrs: &[(&str, &str)]) {
        for (name, value) in attrs {
            let _ = write!(self.out, " {name}=\"");
            escape(value, &mut self.out);
            self.out.push('"');
        }
    }

    /// `<tag attrs>`.
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self.attrs(attrs);
        self.out.push('>');
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Self {
        let _ = write!(self.out, "</{tag}>");
        self
    }

    /// `<tag attrs/>`.
    pub fn empty(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self.attrs(attrs);
        self.out.push_str("/>");
        self
    }

    /// `<tag w:val="value"/>`, the commonest element in WordprocessingML.
    pub fn val(&mut self, tag: &str, value: &str) -> &mut Self {
        self.empty(tag, &[("w:val", value)])
    }

    /// Escaped text content.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape(text, &mut self.out);
        self
    }

    /// Markup known to be well-formed (a fixed fragment of this crate's own), written as is.
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        let mut out = String::new();
        escape("<w:t>&\"'\u{0}\u{7}\u{FFFF}ok\t", &mut out);
        assert_eq!(out, "&lt;w:t&gt;&amp;&quot;&apos;ok\t");
    }
}
