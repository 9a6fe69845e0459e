//! The control reader: one pass over `word/document.xml` that finds every content control
//! and what it holds, the form's tables and paragraphs as plain text (to find text typed
//! outside the fields), and everything Word can put in a form that is not text to read.
//!
//! Word splits what was typed across runs, and a run holds more than text: tabs and breaks,
//! non-breaking and optional hyphens, symbols from Insert > Symbol (`w:sym`, mapped from the
//! Symbol and Wingdings fonts), field codes beside the result they show, footnote and
//! comment marks, pictures and text boxes. Each is read as the character it shows, or
//! skipped as layout (a page break Word remembers), or kept as a [`Note`] that import turns
//! into a warning quoting it: nothing in a field is dropped without a word. Tracked changes
//! not yet accepted are read as accepted and noted; `mc:Fallback`, which repeats for old
//! readers what `mc:Choice` holds, is skipped.
//!
//! The XML is untrusted: a document type declaration (the door to entity expansion) is
//! refused, nesting is bounded, and every failure is an [`ImportError`], never a panic.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::control::{Control, Kind};
use super::symbols;
use super::words::{shorten, squash};
use super::ImportError;

/// Most content controls read.
const MAX_CONTROLS: usize = 100_000;
/// Deepest nesting of elements read: Word's deepest is a table in a table in a text box,
/// a few dozen levels.
const MAX_DEPTH: usize = 1_000;

/// What the reader found in a document.
#[derive(Debug, Default)]
pub(super) struct Read {
    /// Every content control, in document order.
    pub controls: Vec<Control>,
    /// The form's text outside the controls.
    pub layout: Layout,
    /// What is in the form but not read as text.
    pub notes: Vec<Note>,
}

/// The form's tables as read, for finding fields by position when tags were lost: each
/// table's preceding heading, and the plain text (outside controls) of each of its cells;
/// and the plain text of the paragraphs between tables, for finding text typed there.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub tables: Vec<TableText>,
    pub paragraphs: Vec<ParagraphText>,
}

/// One top-level table.
#[derive(Debug, Default)]
pub(super) struct TableText {
    pub heading: String,
    /// The table's caption (`w:tblCaption`), empty if it has none.
    pub caption: String,
    /// Each cell's text outside controls, its paragraphs on lines of their own (the text of
    /// a table inside a cell goes to that cell).
    pub rows: Vec<Vec<String>>,
}

/// A paragraph of the body outside tables: its text outside controls, how many tables come
/// before it, and what is just above it (`the heading "Key dates"`, `the table "…"`).
#[derive(Debug, Default)]
pub(super) struct ParagraphText {
    pub text: String,
    pub after_tables: usize,
    pub below: String,
}

/// Something in the form that is not read as text, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Note {
    pub what: What,
    /// Its text, where it has some (the words inserted or deleted, a text box's words).
    pub text: String,
    pub at: At,
}

/// What a [`Note`] is about.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum What {
    /// Text inserted with changes tracked, not yet accepted (read as accepted).
    Inserted,
    /// Text deleted with changes tracked, not yet accepted (read as deleted).
    Deleted,
    /// Text moved away with changes tracked (read at its new place).
    MovedAway,
    /// A footnote mark; its text is in the footnotes part, by this id.
    Footnote(String),
    /// An endnote mark.
    Endnote(String),
    /// A comment, by id; its text is in the comments part.
    Comment(String),
    /// A picture, drawing or embedded object; its text is a text box's words, if any.
    Picture,
    /// An equation, read as its characters alone (fractions and powers are lost).
    Equation,
    /// Phonetic guide text above characters (ruby), not read.
    RubyGuide,
    /// A symbol from a font no mapping is known for: the font and the code.
    Symbol(String, String),
    /// Something else Word writes in a run that has no text to read: what it is.
    Unreadable(String),
}

/// Where a [`Note`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum At {
    /// In the control with this index in [`Read::controls`].
    Field(usize),
    /// In a cell, outside any control: (table, row, cell).
    Cell(usize, usize, usize),
    /// In a paragraph between tables: what is just above it, and how many tables precede.
    Body { below: String, after_tables: usize },
}

/// The elements whose opening and closing matter, as kept on the reader's stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Tbl,
    Tr,
    Tc,
    P,
    PPr,
    R,
    RPr,
    /// Other properties (`w:tblPr`, `w:trPr`, `w:sectPr`, `…PrChange`): what they hold is
    /// not content.
    Props,
    T,
    DelText,
    Sdt,
    SdtPr,
    SdtContent,
    Inserted,
    Deleted,
    MovedAway,
    Fallback,
    Embedded,
    Math,
    MathT,
    Ruby,
    RubyText,
    Other,
}

/// Reads a document's controls, plain text and notes.
pub(super) fn read(document: &str) -> Result<Read, ImportError> {
    let mut reader = Reader::from_str(document);
    reader.config_mut().trim_text(false);
    let mut state = State::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(&reader, e.to_string()))?;
        let step = match event {
            Event::DocType(_) => {
                Err("it declares a document type, which Word documents never do".to_owned())
            }
            Event::Start(e) => state.open(&e),
            Event::Empty(e) => state.open(&e).and_then(|()| state.close()),
            Event::End(_) => state.close(),
            Event::Text(t) => {
                state.text(&t.xml10_content());
                Ok(())
            }
            Event::CData(t) => {
                state.text(&t.xml10_content());
                Ok(())
            }
            Event::GeneralRef(r) => state.reference(&r.xml10_content()),
            Event::Eof => break,
            _ => Ok(()),
        };
        step.map_err(|message| xml_error(&reader, message))?;
    }
    Ok(state.out)
}

fn xml_error(reader: &Reader<&[u8]>, message: impl Into<String>) -> ImportError {
    ImportError::Xml {
        position: reader.buffer_position(),
        message: message.into(),
    }
}

/// An attribute's value, its references resolved.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| unescape(&a.value))
}

/// XML text or an attribute value with its entity and character references resolved (by
/// quick-xml, as for element text); left as written if a reference is malformed.
pub(super) fn unescape(text: &str) -> String {
    quick_xml::escape::unescape(text).map_or_else(|_| text.to_owned(), |t| t.into_owned())
}

/// The five predefined XML entities and numeric character references.
fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            char::from_u32(code)
        }
    }
}

/// Text being gathered for a note until its element closes.
#[derive(Debug)]
struct Gathering {
    what: What,
    text: String,
    at: At,
}

/// The reader's state between events.
#[derive(Debug, Default)]
struct State {
    out: Read,
    stack: Vec<Tag>,
    table_depth: usize,
    /// The top-level paragraph being read outside controls: its style and text.
    para_style: String,
    para_text: String,
    last_heading: String,
    /// The last heading, title or table, for saying where a paragraph is.
    landmark: String,
    /// The control being read, how deep in controls, and whether in its properties or
    /// content.
    control: Option<Control>,
    sdt_depth: usize,
    in_pr: bool,
    in_content: bool,
    paragraphs_in_content: usize,
    /// Per complex field open (`w:fldChar`): whether still in its code, before the result.
    fields: Vec<bool>,
    /// The font of the run being read, if it is a symbol font mapped to Unicode.
    run_font: Option<String>,
    /// How many of each kind of element are open.
    fallbacks: usize,
    embedded: usize,
    deleting: usize,
    /// Notes gathering text until their element closes: a tracked change, a picture, an
    /// equation, a ruby guide (innermost last).
    gathering: Vec<Gathering>,
    /// Where each comment's marked range starts, by id.
    comment_starts: HashMap<String, At>,
}

impl State {
    /// An element opens.
    fn open(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!(
                "its elements are nested more than {MAX_DEPTH} deep, which Word never does"
            ));
        }
        let name = e.name();
        let tag = self.tag_of(name.as_ref(), e);
        self.enter(tag);
        self.stack.push(tag);
        Ok(())
    }

    /// The innermost open element closes.
    fn close(&mut self) -> Result<(), String> {
        let tag = self.stack.pop().unwrap_or(Tag::Other);
        self.leave(tag)
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    /// What an element is to the reader; run content that is a character (a tab, a
    /// symbol) or a note (a footnote mark) is handled here, as it opens.
    fn tag_of(&mut self, name: &str, e: &BytesStart<'_>) -> Tag {
        if name == "mc:Fallback" {
            return Tag::Fallback;
        }
        if self.fallbacks > 0 {
            return Tag::Other;
        }
        if self.embedded > 0 {
            // Inside a picture only a text box's words matter, gathered for its note.
            return match name {
                "w:t" => Tag::T,
                "w:p" | "w:br" | "w:tab" => {
                    self.emit(" ");
                    Tag::Other
                }
                _ => Tag::Other,
            };
        }
        if self.in_pr && self.sdt_depth == 1 {
            self.property(name, e);
            return Tag::Other;
        }
        let parent = self.parent();
        match name {
            // Text is text wherever a producer puts it.
            "w:t" => Tag::T,
            "w:delText" => Tag::DelText,
            "w:tbl" => Tag::Tbl,
            "w:tr" => Tag::Tr,
            "w:tc" => Tag::Tc,
            "w:p" => Tag::P,
            "w:pPr" => Tag::PPr,
            "w:r" => Tag::R,
            "w:rPr" => Tag::RPr,
            "w:sdt" => Tag::Sdt,
            "w:sdtPr" => Tag::SdtPr,
            "w:sdtContent" => Tag::SdtContent,
            "w:drawing" | "w:pict" | "w:object" | "w:contentPart" => Tag::Embedded,
            "m:oMath" | "m:oMathPara" => Tag::Math,
            "m:t" => Tag::MathT,
            "w:ins" | "w:del" | "w:moveTo" | "w:moveFrom" if is_content(parent) => match name {
                "w:ins" | "w:moveTo" => Tag::Inserted,
                "w:del" => Tag::Deleted,
                _ => Tag::MovedAway,
            },
            "w:rt" if parent == Some(Tag::Ruby) => Tag::RubyText,
            _ if parent == Some(Tag::R) => self.run_content(name, e),
            _ if name.ends_with("Pr") || name.ends_with("PrChange") => Tag::Props,
            _ => {
                self.marker(name, e);
                Tag::Other
            }
        }
    }

    /// A child of a run (`w:r`) other than its properties.
    fn run_content(&mut self, name: &str, e: &BytesStart<'_>) -> Tag {
        match name {
            "w:t" => return Tag::T,
            "w:delText" => return Tag::DelText,
            "w:ruby" => return Tag::Ruby,
            "w:tab" | "w:ptab" => self.emit("\t"),
            "w:br" | "w:cr" => self.emit("\n"),
            "w:noBreakHyphen" => self.emit("\u{2011}"),
            "w:softHyphen" => self.emit("\u{00AD}"),
            "w:sym" => self.symbol(e),
            "w:fldChar" => self.field_char(e),
            "w:footnoteReference" => self.note_id(What::Footnote, e),
            "w:endnoteReference" => self.note_id(What::Endnote, e),
            "w:commentReference" => self.comment(e),
            // Field codes (the result beside them is read), layout Word remembers, and the
            // marks that belong in the notes' own parts.
            "w:instrText"
            | "w:delInstrText"
            | "w:lastRenderedPageBreak"
            | "w:annotationRef"
            | "w:footnoteRef"
            | "w:endnoteRef"
            | "w:separator"
            | "w:continuationSeparator"
            | "mc:AlternateContent" => {}
            "w:pgNum" => self.note(What::Unreadable("a page number".into()), ""),
            "w:dayShort" | "w:dayLong" | "w:monthShort" | "w:monthLong" | "w:yearShort"
            | "w:yearLong" => self.note(
                What::Unreadable("a date Word fills in (today's, when the form is opened)".into()),
                "",
            ),
            other => self.note(What::Unreadable(format!("Word's <{other}>")), ""),
        }
        Tag::Other
    }

    /// A control's property (inside `w:sdtPr`).
    fn property(&mut self, name: &str, e: &BytesStart<'_>) {
        let Some(c) = self.control.as_mut() else {
            return;
        };
        match name {
            "w:tag" => c.tag = attr(e, "w:val").unwrap_or_default(),
            "w:alias" => c.alias = attr(e, "w:val").unwrap_or_default(),
            "w:showingPlcHdr" => {
                c.placeholder = attr(e, "w:val").is_none_or(|v| v != "0" && v != "false")
            }
            "w14:checkbox" => c.kind = Kind::Checkbox,
            "w14:checked" => c.checked = attr(e, "w14:val").map(|v| v == "1" || v == "true"),
            "w:dropDownList" | "w:comboBox" => c.kind = Kind::DropDown,
            "w:listItem" => {
                let display = attr(e, "w:displayText").unwrap_or_default();
                let value = attr(e, "w:value").unwrap_or_else(|| display.clone());
                c.items.push((display, value));
            }
            "w:date" => {
                c.kind = Kind::Date;
                c.full_date = attr(e, "w:fullDate");
            }
            _ => {}
        }
    }

    /// An element outside runs that marks something: a paragraph's style, a table's
    /// caption, a run's font, where a comment's range starts.
    fn marker(&mut self, name: &str, e: &BytesStart<'_>) {
        let grandparent = self.stack.len().checked_sub(2).map(|i| self.stack[i]);
        match name {
            "w:pStyle"
                if self.parent() == Some(Tag::PPr)
                    && grandparent == Some(Tag::P)
                    && self.control.is_none() =>
            {
                self.para_style = attr(e, "w:val").unwrap_or_default();
            }
            "w:tblCaption" if self.table_depth == 1 && self.control.is_none() => {
                if let Some(t) = self.out.layout.tables.last_mut() {
                    t.caption = attr(e, "w:val").unwrap_or_default();
                }
            }
            "w:rFonts" if self.parent() == Some(Tag::RPr) && grandparent == Some(Tag::R) => {
                let font = attr(e, "w:ascii").or_else(|| attr(e, "w:hAnsi"));
                self.run_font = font.filter(|f| symbols::is_mapped_font(f));
            }
            "w:commentRangeStart" => {
                if let Some(id) = attr(e, "w:id") {
                    let at = self.at();
                    self.comment_starts.insert(id, at);
                }
            }
            _ => {}
        }
    }

    /// Where the reader is, for a note.
    fn at(&self) -> At {
        if self.control.is_some() {
            return At::Field(self.out.controls.len());
        }
        if self.table_depth >= 1 {
            if let Some(place) = self.last_cell_place() {
                return At::Cell(place.0, place.1, place.2);
            }
        }
        At::Body {
            below: self.landmark.clone(),
            after_tables: self.out.layout.tables.len(),
        }
    }

    fn note(&mut self, what: What, text: &str) {
        let at = self.at();
        self.out.notes.push(Note {
            what,
            text: text.to_owned(),
            at,
        });
    }

    fn note_id(&mut self, what: fn(String) -> What, e: &BytesStart<'_>) {
        let id = attr(e, "w:id").unwrap_or_default();
        self.note(what(id), "");
    }

    /// A comment's mark: noted where its range starts, if that is known.
    fn comment(&mut self, e: &BytesStart<'_>) {
        let id = attr(e, "w:id").unwrap_or_default();
        let at = self
            .comment_starts
            .get(&id)
            .cloned()
            .unwrap_or_else(|| self.at());
        self.out.notes.push(Note {
            what: What::Comment(id),
            text: String::new(),
            at,
        });
    }

    /// `w:sym`: the character its font draws, or a note naming it.
    fn symbol(&mut self, e: &BytesStart<'_>) {
        let font = attr(e, "w:font").unwrap_or_default();
        let code = attr(e, "w:char").unwrap_or_default();
        match u32::from_str_radix(code.trim(), 16)
            .ok()
            .and_then(|c| symbols::to_unicode(&font, c))
        {
            Some(c) => self.emit(c.encode_utf8(&mut [0; 4])),
            None => self.note(What::Symbol(font, code), ""),
        }
    }

    /// `w:fldChar`: a field's code starts, its result starts, or it ends.
    fn field_char(&mut self, e: &BytesStart<'_>) {
        match attr(e, "w:fldCharType").as_deref() {
            Some("begin") => self.fields.push(true),
            Some("separate") => {
                if let Some(code) = self.fields.last_mut() {
                    *code = false;
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }
}

/// Whether a tracked-change element under `parent` wraps content (runs), rather than
/// marking a property (a paragraph mark or a row inserted).
fn is_content(parent: Option<Tag>) -> bool {
    !matches!(
        parent,
        Some(Tag::RPr | Tag::PPr | Tag::Props | Tag::SdtPr) | None
    )
}

impl State {
    /// What an element's opening starts.
    fn enter(&mut self, tag: Tag) {
        match tag {
            Tag::Tbl => self.table_starts(),
            Tag::Tr if self.table_depth == 1 => {
                if let Some(t) = self.out.layout.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Tag::Tc if self.table_depth == 1 => {
                if let Some(row) = self
                    .out
                    .layout
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                {
                    row.push(String::new());
                }
            }
            Tag::P => self.paragraph_starts(),
            Tag::R => self.run_font = None,
            Tag::Sdt => self.control_starts(),
            Tag::SdtPr if self.sdt_depth == 1 => self.in_pr = true,
            Tag::SdtContent if self.sdt_depth == 1 => self.in_content = true,
            Tag::Fallback => self.fallbacks += 1,
            Tag::Embedded => {
                if self.embedded == 0 {
                    self.gather(What::Picture);
                }
                self.embedded += 1;
            }
            Tag::Inserted | Tag::Deleted | Tag::MovedAway => self.change_starts(tag),
            Tag::Math if self.control.is_some() && !self.is_gathering(&What::Equation) => {
                self.gather(What::Equation)
            }
            Tag::RubyText => self.gather(What::RubyGuide),
            _ => {}
        }
    }

    /// What an element's closing ends.
    fn leave(&mut self, tag: Tag) -> Result<(), String> {
        match tag {
            Tag::Tbl => self.table_ends(),
            Tag::P => self.paragraph_ends(),
            Tag::Sdt => self.control_ends()?,
            Tag::SdtPr if self.sdt_depth == 1 => self.in_pr = false,
            Tag::SdtContent if self.sdt_depth == 1 => self.in_content = false,
            Tag::Fallback => self.fallbacks = self.fallbacks.saturating_sub(1),
            Tag::Embedded => {
                self.embedded = self.embedded.saturating_sub(1);
                if self.embedded == 0 {
                    self.gathered(&What::Picture);
                }
            }
            Tag::Inserted | Tag::MovedAway | Tag::Deleted => self.change_ends(tag),
            Tag::Math => self.gathered(&What::Equation),
            Tag::RubyText => self.gathered(&What::RubyGuide),
            _ => {}
        }
        Ok(())
    }

    fn table_starts(&mut self) {
        self.table_depth += 1;
        if self.table_depth == 1 {
            self.out.layout.tables.push(TableText {
                heading: self.last_heading.clone(),
                ..TableText::default()
            });
        }
    }

    fn table_ends(&mut self) {
        self.table_depth = self.table_depth.saturating_sub(1);
        if self.table_depth == 0 {
            self.landmark = match self.out.layout.tables.last().map(|t| squash(&t.caption)) {
                Some(caption) if !caption.is_empty() => {
                    format!("the table \"{}\"", shorten(&caption))
                }
                _ => "a table".to_owned(),
            };
        }
    }

    fn paragraph_starts(&mut self) {
        if self.control.is_none() {
            self.para_style.clear();
            self.para_text.clear();
        } else if self.in_content {
            // A block-level control holds paragraphs: separate them by line breaks.
            if self.paragraphs_in_content > 0 {
                self.emit("\n");
            }
            self.paragraphs_in_content += 1;
        }
    }

    fn paragraph_ends(&mut self) {
        if self.control.is_some() {
            return;
        }
        let layout = &mut self.out.layout;
        if self.table_depth >= 1 {
            // A cell's paragraphs on lines of their own.
            if let Some(cell) = last_cell(layout) {
                cell.push('\n');
            }
        } else if !self.para_text.trim().is_empty() {
            layout.paragraphs.push(ParagraphText {
                text: self.para_text.clone(),
                after_tables: layout.tables.len(),
                below: self.landmark.clone(),
            });
        }
        if self.para_style.starts_with("Heading") {
            self.last_heading = self.para_text.trim().to_owned();
        }
        if self.para_style.starts_with("Heading") || self.para_style == "Title" {
            self.landmark = format!("the heading \"{}\"", shorten(&squash(&self.para_text)));
        }
    }

    fn control_starts(&mut self) {
        self.sdt_depth += 1;
        if self.sdt_depth == 1 {
            self.control = Some(Control {
                place: self.last_cell_place().filter(|_| self.table_depth >= 1),
                ..Control::default()
            });
            self.paragraphs_in_content = 0;
        }
    }

    fn control_ends(&mut self) -> Result<(), String> {
        self.sdt_depth = self.sdt_depth.saturating_sub(1);
        if self.sdt_depth > 0 {
            return Ok(());
        }
        if let Some(c) = self.control.take() {
            if self.out.controls.len() >= MAX_CONTROLS {
                return Err("the document has too many form fields to be a toolkit".into());
            }
            self.out.controls.push(c);
        }
        Ok(())
    }

    /// (table, row, cell) of the cell being read.
    fn last_cell_place(&self) -> Option<(usize, usize, usize)> {
        let t = self.out.layout.tables.len().checked_sub(1)?;
        let rows = &self.out.layout.tables[t].rows;
        let r = rows.len().checked_sub(1)?;
        Some((t, r, rows[r].len().checked_sub(1)?))
    }

    /// A tracked change opens. In a field it is read as accepted and noted with its words;
    /// outside the fields, inserted words are found as typed text, and deleted ones were
    /// the form's or were taken back by whoever typed them.
    fn change_starts(&mut self, tag: Tag) {
        if tag != Tag::Inserted {
            self.deleting += 1;
        }
        if self.control.is_some() && self.in_content {
            self.gather(match tag {
                Tag::Inserted => What::Inserted,
                Tag::Deleted => What::Deleted,
                _ => What::MovedAway,
            });
        }
    }

    fn change_ends(&mut self, tag: Tag) {
        if tag != Tag::Inserted {
            self.deleting = self.deleting.saturating_sub(1);
        }
        let what = match tag {
            Tag::Inserted => What::Inserted,
            Tag::Deleted => What::Deleted,
            _ => What::MovedAway,
        };
        self.gathered(&what);
    }

    fn is_gathering(&self, what: &What) -> bool {
        self.gathering.iter().any(|g| &g.what == what)
    }

    fn gather(&mut self, what: What) {
        let at = self.at();
        self.gathering.push(Gathering {
            what,
            text: String::new(),
            at,
        });
    }

    /// The innermost note of this kind being gathered is complete; kept if it has text, or
    /// if it is a picture (which says something without words).
    fn gathered(&mut self, what: &What) {
        let Some(i) = self.gathering.iter().rposition(|g| &g.what == what) else {
            return;
        };
        let g = self.gathering.remove(i);
        if !g.text.trim().is_empty() || g.what == What::Picture {
            self.out.notes.push(Note {
                what: g.what,
                text: g.text,
                at: g.at,
            });
        }
    }
}

impl State {
    /// Character data inside an element.
    fn text(&mut self, text: &str) {
        match self.parent() {
            Some(Tag::T) if self.run_font.is_some() => self.symbol_text(text),
            Some(Tag::T | Tag::MathT) => self.emit(text),
            Some(Tag::DelText) => {
                self.deleting += 1;
                self.emit(text);
                self.deleting -= 1;
            }
            _ => {}
        }
    }

    /// Text typed in a symbol font: each character the one the font draws.
    fn symbol_text(&mut self, text: &str) {
        let font = self.run_font.clone().unwrap_or_default();
        let mut out = String::new();
        for c in text.chars() {
            match symbols::map_text(&font, c.encode_utf8(&mut [0; 4])) {
                Ok(mapped) => out.push_str(&mapped),
                Err(code) => self.note(
                    What::Symbol(font.clone(), format!("{:04X}", code as u32)),
                    "",
                ),
            }
        }
        self.emit(&out);
    }

    /// An entity or character reference inside text.
    fn reference(&mut self, name: &str) -> Result<(), String> {
        if !matches!(self.parent(), Some(Tag::T | Tag::MathT | Tag::DelText)) {
            return Ok(());
        }
        match resolve_reference(name) {
            Some(c) => {
                self.text(c.encode_utf8(&mut [0; 4]));
                Ok(())
            }
            // In a field, an unknown reference would lose what it stands for.
            None if self.control.is_some() => Err(format!("unknown entity &{name};")),
            None => Ok(()),
        }
    }

    /// Text as the page shows it, sent where it belongs: a note being gathered (a picture's
    /// text box, a change's words), the control being read, or the form's plain text.
    fn emit(&mut self, text: &str) {
        if self.fallbacks > 0 || self.fields.iter().any(|&code| code) {
            return;
        }
        let gathering = self.gathering.last_mut();
        if let Some(g) = gathering {
            g.text.push_str(text);
            // Pictures' words and guides are not the page's text; changes are read as
            // accepted (deleted words are not).
            if matches!(g.what, What::Picture | What::RubyGuide) {
                return;
            }
        }
        if self.deleting > 0 {
            return;
        }
        if let Some(c) = self.control.as_mut().filter(|_| self.in_content) {
            c.text.push_str(text);
            return;
        }
        if self.control.is_none() {
            self.para_text.push_str(text);
            if self.table_depth >= 1 {
                if let Some(cell) = last_cell(&mut self.out.layout) {
                    cell.push_str(text);
                }
            }
        }
    }
}

/// The cell being read: the last of the last row of the last table.
fn last_cell(layout: &mut Layout) -> Option<&mut String> {
    layout
        .tables
        .last_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|r| r.last_mut())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of one table cell holding one text control whose content is `runs`.
    fn field(runs: &str) -> String {
        format!(
            "<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:sdt><w:sdtPr><w:tag w:val=\"t\"/></w:sdtPr><w:sdtContent>{runs}</w:sdtContent></w:sdt></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
        )
    }

    fn read_field(runs: &str) -> (String, Vec<Note>) {
        let read = read(&field(runs)).expect("reads");
        (read.controls[0].text.clone(), read.notes)
    }

    #[test]
    fn run_content_is_read_as_the_characters_the_page_shows() {
        let (text, notes) = read_field(
            "<w:r><w:t>Years 1</w:t><w:noBreakHyphen/><w:t>3,</w:t><w:tab/><w:t>co</w:t><w:softHyphen/><w:t>operate</w:t><w:br/><w:sym w:font=\"Symbol\" w:char=\"F0A3\"/><w:t xml:space=\"preserve\"> £500 </w:t><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>",
        );
        assert_eq!(text, "Years 1\u{2011}3,\tco\u{AD}operate\n≤ £500 ✓");
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_fields_code_is_not_its_text_and_a_fallback_is_not_read_twice() {
        let (text, _) = read_field(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DATE \\@ \"d MMMM yyyy\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>9 June 2026</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:r><w:t>once</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>once</w:t></w:r></mc:Fallback></mc:AlternateContent>",
        );
        assert_eq!(text, "9 June 2026once");
    }

    #[test]
    fn changes_not_yet_accepted_are_read_as_accepted_and_noted() {
        let (text, notes) = read_field(
            "<w:r><w:t>Walks in </w:t></w:r><w:del w:id=\"1\" w:author=\"P\"><w:r><w:delText>March</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"P\"><w:r><w:t>June</w:t></w:r></w:ins>",
        );
        assert_eq!(text, "Walks in June");
        let kinds: Vec<(&What, &str)> = notes.iter().map(|n| (&n.what, n.text.as_str())).collect();
        assert_eq!(
            kinds,
            [(&What::Deleted, "March"), (&What::Inserted, "June")]
        );
        assert!(notes.iter().all(|n| n.at == At::Field(0)));
    }

    #[test]
    fn marks_and_things_without_text_are_noted_where_they_are() {
        let (text, notes) = read_field(
            "<w:r><w:t>See</w:t></w:r><w:r><w:footnoteReference w:id=\"4\"/></w:r><w:r><w:sym w:font=\"Webdings\" w:char=\"F021\"/></w:r><w:r><w:pgNum/></w:r><w:r><w:madeUpByAnotherProgram/></w:r>",
        );
        assert_eq!(text, "See");
        let whats: Vec<&What> = notes.iter().map(|n| &n.what).collect();
        assert_eq!(
            whats,
            [
                &What::Footnote("4".into()),
                &What::Symbol("Webdings".into(), "F021".into()),
                &What::Unreadable("a page number".into()),
                &What::Unreadable("Word's <w:madeUpByAnotherProgram>".into()),
            ]
        );
    }

    #[test]
    fn hostile_nesting_is_refused_not_followed() {
        let deep = "<w:x>".repeat(MAX_DEPTH + 1);
        assert!(matches!(
            read(&format!("<w:document>{deep}")),
            Err(ImportError::Xml { .. })
        ));
        assert!(matches!(
            read("<!DOCTYPE w [<!ENTITY a \"b\">]><w:document/>"),
            Err(ImportError::Xml { .. })
        ));
    }
}
