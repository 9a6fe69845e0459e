//! Runs a page's content streams just far enough to know where each glyph is drawn, how big,
//! and what text it stands for: the graphics and text state, form XObjects, and `ActualText`
//! spans (which replace the text of the glyphs inside them, as in poppler). Anything that
//! would make the text silently incomplete (an undecodable stream, an unknown font, a glyph
//! without Unicode, a stream that stops part-way) is an error.

use std::collections::HashMap;
use std::rc::Rc;

use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::{Page, Resources};

use crate::error::{Error, Result};
use crate::font::Font;
use crate::strings;

/// Form XObjects nested deeper than this are taken to be a loop.
const MAX_FORM_DEPTH: usize = 16;

/// An affine matrix in PDF's order `[a b c d e f]`: a point `(x, y)` goes to
/// `(a x + c y + e, b x + d y + f)`.
#[derive(Clone, Copy, Debug)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// This transformation followed by `next` (PDF writes it `self × next`).
    fn then(self, next: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [na, nb, nc, nd, ne, nf] = next.0;
        Matrix([
            a * na + b * nc,
            a * nb + b * nd,
            c * na + d * nc,
            c * nb + d * nd,
            e * na + f * nc + ne,
            e * nb + f * nd + nf,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// One glyph as drawn, in user space with y growing down the page (as poppler measures).
#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    /// Its text: the `ToUnicode` entry, or an `ActualText` standing for a run of glyphs.
    pub text: String,
    /// Where its advance starts and ends along the baseline.
    pub x0: f64,
    /// See `x0`.
    pub x1: f64,
    /// The baseline, measured downwards.
    pub baseline: f64,
    /// The font size as drawn (text matrix and CTM applied).
    pub size: f64,
    /// The font's ascent and descent, in fractions of `size`.
    pub ascent: f64,
    /// See `ascent` (negative).
    pub descent: f64,
    /// Which font (an index into the document's fonts), to split words where fonts change.
    pub font: usize,
}

/// The fonts read so far in a document, shared by its pages.
#[derive(Default)]
pub(crate) struct Fonts {
    by_object: HashMap<ObjectIdentifier, usize>,
    fonts: Vec<Rc<Font>>,
}

impl Fonts {
    fn get(&mut self, dict: &Dict<'_>, page: usize) -> Result<(usize, Rc<Font>)> {
        if let Some(&i) = dict.obj_id().and_then(|id| self.by_object.get(&id)) {
            return Ok((i, self.fonts[i].clone()));
        }
        let font = Rc::new(Font::load(dict, page)?);
        let i = self.fonts.len();
        self.fonts.push(font.clone());
        if let Some(id) = dict.obj_id() {
            self.by_object.insert(id, i);
        }
        Ok((i, font))
    }
}

/// The text state, part of the graphics state (saved by `q`, restored by `Q`).
#[derive(Clone)]
struct TextState {
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
    font: Option<(usize, Rc<Font>)>,
    size: f64,
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    text: TextState,
}

/// An open marked-content sequence; those carrying `ActualText` remember where their
/// glyphs start.
enum Marked {
    Plain,
    ActualText { text: String, first: usize },
}

/// The state of one page's run.
struct Run<'f> {
    page: usize,
    fonts: &'f mut Fonts,
    glyphs: Vec<Glyph>,
    saved: Vec<GraphicsState>,
    state: GraphicsState,
    tm: Matrix,
    tlm: Matrix,
    marked: Vec<Marked>,
    in_text: bool,
}

/// Every glyph a page draws, in content-stream order.
pub(crate) fn page_glyphs(page: &Page<'_>, number: usize, fonts: &mut Fonts) -> Result<Vec<Glyph>> {
    let what = || format!("page {number}'s content");
    let raw = page.raw();
    let data = if let Some(stream) = raw.get::<Stream<'_>>(b"Contents") {
        strings::decode(&stream, &what)?
    } else if let Some(array) = raw.get::<Array<'_>>(b"Contents") {
        let mut data = Vec::new();
        for stream in array.iter::<Stream<'_>>() {
            data.extend(strings::decode(&stream, &what)?);
            data.push(b'\n');
        }
        data
    } else {
        return Err(Error::Content {
            page: number,
            problem: "it has no content stream".into(),
        });
    };
    let mut run = Run {
        page: number,
        fonts,
        glyphs: Vec::new(),
        saved: Vec::new(),
        state: GraphicsState {
            ctm: Matrix::IDENTITY,
            text: TextState {
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
                font: None,
                size: 0.0,
            },
        },
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        marked: Vec::new(),
        in_text: false,
    };
    run.stream(&data, page.resources(), 0)?;
    // The operator parser stops quietly at bytes it cannot parse; a stream that ended early
    // almost always leaves a `q`, `BT` or marked-content sequence open.
    if !run.saved.is_empty() || !run.marked.is_empty() || run.in_text {
        return Err(run.error("its content stream ends early or leaves q, BT or BDC open"));
    }
    Ok(run.glyphs)
}

impl Run<'_> {
    fn error(&self, problem: &str) -> Error {
        Error::Content {
            page: self.page,
            problem: problem.to_owned(),
        }
    }

    fn stream(&mut self, data: &[u8], resources: &Resources<'_>, depth: usize) -> Result<()> {
        let mut ops = TypedIter::new(data);
        while let Some(op) = ops.next() {
            self.operator(op, resources, depth)?;
        }
        Ok(())
    }

    /// One operator; those that do not bear on text are passed over.
    fn operator(
        &mut self,
        op: TypedInstruction<'_, '_>,
        resources: &Resources<'_>,
        depth: usize,
    ) -> Result<()> {
        use TypedInstruction as I;
        let text = &mut self.state.text;
        match op {
            I::SaveState(_) => self.saved.push(self.state.clone()),
            I::RestoreState(_) => {
                self.state = self.saved.pop().ok_or_else(|| self.error("Q without q"))?;
            }
            I::Transform(m) => {
                let m = Matrix([m.0, m.1, m.2, m.3, m.4, m.5].map(|n| n.as_f64()));
                self.state.ctm = m.then(self.state.ctm);
            }
            I::BeginText(_) => {
                self.in_text = true;
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            I::EndText(_) => self.in_text = false,
            I::CharacterSpacing(n) => text.char_spacing = n.0.as_f64(),
            I::WordSpacing(n) => text.word_spacing = n.0.as_f64(),
            I::HorizontalScaling(n) => text.h_scale = n.0.as_f64() / 100.0,
            I::TextLeading(n) => text.leading = n.0.as_f64(),
            I::TextRise(n) => text.rise = n.0.as_f64(),
            I::TextFont(f) => self.set_font(f.0, f.1.as_f64(), resources)?,
            I::NextLine(t) => self.next_line(t.0.as_f64(), t.1.as_f64()),
            I::NextLineAndSetLeading(t) => {
                text.leading = -t.1.as_f64();
                self.next_line(t.0.as_f64(), t.1.as_f64());
            }
            I::SetTextMatrix(m) => {
                self.tm = Matrix([m.0, m.1, m.2, m.3, m.4, m.5].map(|n| n.as_f64()));
                self.tlm = self.tm;
            }
            I::NextLineUsingLeading(_) => self.next_line(0.0, -self.state.text.leading),
            I::ShowText(s) => self.show(s.0.as_bytes())?,
            I::NextLineAndShowText(s) => {
                self.next_line(0.0, -self.state.text.leading);
                self.show(s.0.as_bytes())?;
            }
            I::ShowTextWithParameters(s) => {
                text.word_spacing = s.0.as_f64();
                text.char_spacing = s.1.as_f64();
                self.next_line(0.0, -self.state.text.leading);
                self.show(s.2.as_bytes())?;
            }
            I::ShowTexts(array) => self.show_array(array.0)?,
            I::BeginMarkedContent(_) => self.marked.push(Marked::Plain),
            I::BeginMarkedContentWithProperties(bdc) => self.begin_marked(bdc.1, resources),
            I::EndMarkedContent(_) => self.end_marked()?,
            I::XObject(name) => self.form(name.0, resources, depth)?,
            I::Fallback(op) => {
                const TEXT_OPS: [&[u8]; 21] = [
                    b"q", b"Q", b"cm", b"BT", b"ET", b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Tf",
                    b"Td", b"TD", b"Tm", b"T*", b"Tj", b"TJ", b"'", b"\"", b"BDC", b"Do",
                ];
                if TEXT_OPS.contains(&&op[..]) {
                    return Err(self.error(&format!(
                        "the operator {} has operands it cannot read",
                        String::from_utf8_lossy(op)
                    )));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.tlm = Matrix::translate(x, y).then(self.tlm);
        self.tm = self.tlm;
    }

    fn set_font(&mut self, name: &Name<'_>, size: f64, resources: &Resources<'_>) -> Result<()> {
        let dict = resources.get_font(name).ok_or_else(|| {
            self.error(&format!(
                "the font {} is not in its resources",
                name.as_str()
            ))
        })?;
        self.state.text.font = Some(self.fonts.get(&dict, self.page)?);
        self.state.text.size = size;
        Ok(())
    }

    /// `TJ`: strings shown, numbers moving the next glyph back (in thousandths of an em).
    fn show_array(&mut self, array: &Array<'_>) -> Result<()> {
        for item in array.iter::<Object<'_>>() {
            match item {
                Object::String(s) => self.show(s.as_bytes())?,
                Object::Number(n) => {
                    let t = &self.state.text;
                    let x = -n.as_f64() / 1000.0 * t.size * t.h_scale;
                    self.tm = Matrix::translate(x, 0.0).then(self.tm);
                }
                _ => return Err(self.error("TJ holds something other than strings and numbers")),
            }
        }
        Ok(())
    }

    /// Shows a string: one glyph a character code, each placed and advanced as PDF 1.7
    /// 9.4.4 says.
    fn show(&mut self, bytes: &[u8]) -> Result<()> {
        let t = self.state.text.clone();
        let (index, font) = t
            .font
            .ok_or_else(|| self.error("text is shown before any Tf"))?;
        let in_actual_text = self
            .marked
            .iter()
            .any(|m| matches!(m, Marked::ActualText { .. }));
        for (code, len) in font.codes(bytes) {
            let w0 = font.advance(code);
            let trm = self.tm.then(self.state.ctm);
            let (x0, y0) = trm.apply(0.0, t.rise);
            let (x1, _) = trm.apply(w0 * t.size * t.h_scale, t.rise);
            let [_, _, c, d, _, _] = trm.0;
            let text = match font.unicode(code) {
                Some(text) => text,
                // The span's ActualText stands for this glyph.
                None if in_actual_text => String::new(),
                None => {
                    return Err(Error::NoUnicode {
                        page: self.page,
                        font: font.name.clone(),
                        code,
                    })
                }
            };
            self.glyphs.push(Glyph {
                text,
                x0,
                x1,
                baseline: -y0,
                size: (c * t.size).hypot(d * t.size),
                ascent: font.ascent,
                descent: font.descent,
                font: index,
            });
            let word_spacing = if len == 1 && code == 32 {
                t.word_spacing
            } else {
                0.0
            };
            let advance = (w0 * t.size + t.char_spacing + word_spacing) * t.h_scale;
            self.tm = Matrix::translate(advance, 0.0).then(self.tm);
        }
        Ok(())
    }

    /// `BDC`: its properties inline or named in the resources; only `ActualText` matters.
    fn begin_marked(&mut self, properties: &Object<'_>, resources: &Resources<'_>) {
        let dict = match properties {
            Object::Dict(d) => Some(d.clone()),
            Object::Name(n) => resources.properties.get::<Dict<'_>>(n.as_ref()),
            _ => None,
        };
        let actual = dict
            .and_then(|d| d.get::<hayro_syntax::object::String<'_>>(b"ActualText"))
            .map(|s| strings::text_string(s.as_bytes()));
        self.marked.push(match actual {
            Some(text) => Marked::ActualText {
                text,
                first: self.glyphs.len(),
            },
            None => Marked::Plain,
        });
    }

    /// `EMC`: an `ActualText` span's glyphs become one glyph carrying its text (nested spans
    /// inside an outer one are left to the outer one).
    fn end_marked(&mut self) -> Result<()> {
        let marked = self
            .marked
            .pop()
            .ok_or_else(|| self.error("EMC without BDC"))?;
        let outer = self
            .marked
            .iter()
            .any(|m| matches!(m, Marked::ActualText { .. }));
        if let (Marked::ActualText { text, first }, false) = (marked, outer) {
            let run = self.glyphs.split_off(first);
            if let (Some(start), Some(end)) = (run.first(), run.last()) {
                let size = run.iter().map(|g| g.size).fold(0.0, f64::max);
                let glyph = Glyph {
                    text,
                    x1: end.x1,
                    size,
                    ..start.clone()
                };
                self.glyphs.push(glyph);
            }
        }
        Ok(())
    }

    /// `Do`: a form XObject's content, in its own matrix and resources; images are passed over.
    fn form(&mut self, name: &Name<'_>, resources: &Resources<'_>, depth: usize) -> Result<()> {
        let stream = resources.get_x_object(name).ok_or_else(|| {
            self.error(&format!(
                "the XObject {} is not in its resources",
                name.as_str()
            ))
        })?;
        let dict = stream.dict();
        if dict
            .get::<Name<'_>>(b"Subtype")
            .map(|n| n.as_str().to_owned())
            != Some("Form".into())
        {
            return Ok(());
        }
        if depth >= MAX_FORM_DEPTH {
            return Err(self.error("form XObjects nest too deep (a loop?)"));
        }
        let page = self.page;
        let data = strings::decode(&stream, &|| {
            format!("page {page}: the form XObject {}", name.as_str())
        })?;
        let matrix = dict
            .get::<Array<'_>>(b"Matrix")
            .map(|a| a.iter::<f64>().collect::<Vec<_>>())
            .and_then(|m| <[f64; 6]>::try_from(m).ok())
            .map_or(Matrix::IDENTITY, Matrix);
        let inner = Resources::from_parent(
            dict.get::<Dict<'_>>(b"Resources").unwrap_or_default(),
            resources.clone(),
        );
        let (saved, marked) = (self.saved.len(), self.marked.len());
        self.saved.push(self.state.clone());
        self.state.ctm = matrix.then(self.state.ctm);
        self.stream(&data, &inner, depth + 1)?;
        if self.saved.len() != saved + 1 || self.marked.len() != marked {
            return Err(self.error("a form XObject's content leaves q or BDC open"));
        }
        self.state = self.saved.pop().ok_or_else(|| self.error("Q without q"))?;
        Ok(())
    }
}
