//! WordprocessingML body content: paragraphs, tables and the content controls a school fills
//! in. Content controls are written as Word itself writes them (alias, tag, id, placeholder
//! state, and the w14 check box, drop-down list and date picker properties) so Word shows them
//! as real form fields and `import` can read them back by tag.

use jiff::civil::Date;

use super::xml::Xml;

/// How an empty text control's placeholder starts: Word's own words, then what to enter
/// ("Click or tap here to enter: Action 3: target"), so a reader knows what goes where.
pub const TEXT_PLACEHOLDER: &str = "Click or tap here to enter";
/// How an empty drop-down's placeholder starts.
pub const CHOICE_PLACEHOLDER: &str = "Choose an item";
/// How an empty date picker's placeholder starts.
pub const DATE_PLACEHOLDER: &str = "Click or tap to enter a date";

/// The placeholder an empty control shows: `start`, then what to enter, without the row
/// the control's title names ("Governor 2: name" shows "…enter: name"): the row is plain
/// from where the placeholder sits, and a long one would make narrow columns tall. `import`
/// makes it again from a control's title, to tell a placeholder from text typed over it.
pub fn placeholder(start: &str, alias: &str) -> String {
    let what = alias.rsplit(": ").next().unwrap_or(alias);
    if what.is_empty() || what.eq_ignore_ascii_case("date") {
        format!("{start}.")
    } else {
        format!("{start}: {what}")
    }
}

/// How Word 2010 and 2013 start the placeholders they put back in an emptied control
/// ("Click here to enter text.", "Click here to enter a date.").
const OLD_WORD_PLACEHOLDER: &str = "Click here to enter";

/// Whether a control's text is one of the placeholders the toolkit writes (or Word's own),
/// which nobody types as an answer: LibreOffice 7.4 drops the flag that says a control is
/// showing its placeholder, and keeps the words.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    [
        TEXT_PLACEHOLDER,
        CHOICE_PLACEHOLDER,
        DATE_PLACEHOLDER,
        OLD_WORD_PLACEHOLDER,
    ]
    .iter()
    .any(|start| {
        t.strip_prefix(start).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(':')
                || rest == " text."
                || rest == " a date."
                || rest == "."
        })
    })
}

const BALLOT_BOX: &str = "\u{2610}";
const BALLOT_BOX_X: &str = "\u{2612}";

/// A column of a table: its width in twentieths of a point.
pub type Width = u32;

/// Body content being written.
pub struct Body {
    xml: Xml,
    next_id: u32,
    /// Tables open, and whether the last thing written at the top level was a table: the
    /// paragraph after a table gets space above it (Word needs no empty paragraph between a
    /// table and what follows, and a screen reader announces each one as "blank").
    tables_open: usize,
    after_table: bool,
}

/// Space above a paragraph that follows a table, in twips (12 pt).
const SPACE_AFTER_TABLE: &str = "240";

/// One entry of a drop-down list.
pub struct Choice<'a> {
    /// What is stored (a level id).
    pub value: &'a str,
    /// What is shown (a level name).
    pub label: &'a str,
}

impl Body {
    /// Empty content.
    pub fn new() -> Self {
        // Ids only need to be unique within the document; starting high keeps them clear of
        // any Word adds when the form is edited.
        Body {
            xml: Xml::default(),
            next_id: 1_000,
            tables_open: 0,
            after_table: false,
        }
    }

    /// The markup written so far.
    pub fn finish(self) -> String {
        self.xml.finish()
    }

    fn id(&mut self) -> String {
        self.next_id += 1;
        self.next_id.to_string()
    }

    /// A paragraph in a style, with plain text.
    pub fn para(&mut self, style: &str, text: &str) {
        self.para_start(style);
        self.run(text);
        self.para_end();
    }

    /// A heading of a level (Word's built-in Heading 1-3, so the navigation pane and tables of
    /// contents work).
    pub fn heading(&mut self, level: u8, text: &str) {
        self.para(&format!("Heading{level}"), text);
    }

    /// A heading that starts a new page (`w:pageBreakBefore`), for sections a reader
    /// expects to find at the top of a page.
    pub fn heading_on_new_page(&mut self, level: u8, text: &str) {
        self.open_para(&format!("Heading{level}"), Keep::NewPage);
        self.xml.close("w:pPr");
        self.run(text);
        self.para_end();
    }

    /// A paragraph that leads into what follows it (a table's introduction), kept on the
    /// same page as it (`w:keepNext`), so a heading or an instruction is never left at the
    /// foot of a page with its table on the next.
    pub fn lead_in(&mut self, style: &str, text: &str) {
        self.open_para(style, Keep::WithNext);
        self.xml.close("w:pPr");
        self.run(text);
        self.para_end();
    }

    /// Opens a paragraph.
    pub fn para_start(&mut self, style: &str) {
        self.open_para(style, Keep::Free);
        self.xml.close("w:pPr");
    }

    /// Opens a paragraph and its properties, in the schema's order: style, keep with next,
    /// page break before, spacing (the space above a paragraph that follows a table).
    fn open_para(&mut self, style: &str, keep: Keep) {
        self.xml
            .open("w:p", &[])
            .open("w:pPr", &[])
            .val("w:pStyle", style);
        match keep {
            Keep::Free => {}
            Keep::WithNext => {
                self.xml.empty("w:keepNext", &[]);
            }
            Keep::NewPage => {
                self.xml.empty("w:pageBreakBefore", &[]);
            }
        }
        if self.tables_open == 0 && std::mem::take(&mut self.after_table) {
            self.xml
                .empty("w:spacing", &[("w:before", SPACE_AFTER_TABLE)]);
        }
    }

    /// Closes a paragraph.
    pub fn para_end(&mut self) {
        self.xml.close("w:p");
    }

    /// A plain run of text; line breaks become `w:br` and tabs `w:tab`.
    pub fn run(&mut self, text: &str) {
        self.styled_run(None, false, text);
    }

    /// A run that is never bold, even in a bold paragraph style (a prompt in a heading cell).
    pub fn plain_run(&mut self, text: &str) {
        self.xml
            .open("w:r", &[])
            .open("w:rPr", &[])
            .empty("w:b", &[("w:val", "0")])
            .close("w:rPr");
        self.run_text(text);
        self.xml.close("w:r");
    }

    /// A bold run.
    pub fn bold(&mut self, text: &str) {
        self.styled_run(None, true, text);
    }

    fn styled_run(&mut self, style: Option<&str>, bold: bool, text: &str) {
        self.xml.open("w:r", &[]);
        if style.is_some() || bold {
            self.xml.open("w:rPr", &[]);
            if let Some(style) = style {
                self.xml.val("w:rStyle", style);
            }
            if bold {
                self.xml.empty("w:b", &[]);
            }
            self.xml.close("w:rPr");
        }
        self.run_text(text);
        self.xml.close("w:r");
    }

    /// Text inside an open run: line breaks become `w:br` and tabs `w:tab`.
    fn run_text(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.empty("w:br", &[]);
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    self.xml.empty("w:tab", &[]);
                }
                if !piece.is_empty() {
                    self.xml
                        .open("w:t", &[("xml:space", "preserve")])
                        .text(piece)
                        .close("w:t");
                }
            }
        }
    }

    fn sdt_start(&mut self, tag: &str, alias: &str, showing_placeholder: bool) {
        let id = self.id();
        self.xml
            .open("w:sdt", &[])
            .open("w:sdtPr", &[])
            .val("w:alias", alias)
            .val("w:tag", tag)
            .val("w:id", &id);
        if showing_placeholder {
            self.xml.empty("w:showingPlcHdr", &[]);
        }
    }

    fn sdt_content(&mut self, text: &str, placeholder: bool) {
        self.xml.close("w:sdtPr").open("w:sdtContent", &[]);
        self.styled_run(placeholder.then_some("PlaceholderText"), false, text);
        self.xml.close("w:sdtContent").close("w:sdt");
    }

    /// A plain text control (inline, inside an open paragraph). Empty text shows Word's
    /// placeholder in the PlaceholderText style.
    pub fn text_control(&mut self, tag: &str, alias: &str, value: &str, multi_line: bool) {
        let empty = value.is_empty();
        self.sdt_start(tag, alias, empty);
        if multi_line {
            self.xml.empty("w:text", &[("w:multiLine", "1")]);
        } else {
            self.xml.empty("w:text", &[]);
        }
        let prompt = placeholder(TEXT_PLACEHOLDER, alias);
        self.sdt_content(if empty { &prompt } else { value }, empty);
    }

    /// A check box control (inline), drawn with ☐ and ☒ as Word draws them.
    pub fn checkbox(&mut self, tag: &str, alias: &str, checked: bool) {
        self.sdt_start(tag, alias, false);
        self.xml
            .open("w14:checkbox", &[])
            .empty(
                "w14:checked",
                &[("w14:val", if checked { "1" } else { "0" })],
            )
            .empty(
                "w14:checkedState",
                &[("w14:val", "2612"), ("w14:font", "MS Gothic")],
            )
            .empty(
                "w14:uncheckedState",
                &[("w14:val", "2610"), ("w14:font", "MS Gothic")],
            )
            .close("w14:checkbox")
            .close("w:sdtPr")
            .open("w:sdtContent", &[])
            .open("w:r", &[])
            .open("w:rPr", &[])
            .empty(
                "w:rFonts",
                &[
                    ("w:ascii", "MS Gothic"),
                    ("w:eastAsia", "MS Gothic"),
                    ("w:hAnsi", "MS Gothic"),
                ],
            )
            .close("w:rPr")
            .open("w:t", &[])
            .text(if checked { BALLOT_BOX_X } else { BALLOT_BOX })
            .close("w:t")
            .close("w:r")
            .close("w:sdtContent")
            .close("w:sdt");
    }

    /// A drop-down list control (inline). `selected` is one of the choices' values.
    pub fn dropdown(
        &mut self,
        tag: &str,
        alias: &str,
        choices: &[Choice<'_>],
        selected: Option<&str>,
    ) {
        let chosen = selected.and_then(|v| choices.iter().find(|c| c.value == v));
        self.sdt_start(tag, alias, chosen.is_none());
        self.xml.open("w:dropDownList", &[]);
        for choice in choices {
            self.xml.empty(
                "w:listItem",
                &[("w:displayText", choice.label), ("w:value", choice.value)],
            );
        }
        self.xml.close("w:dropDownList");
        match chosen {
            Some(c) => self.sdt_content(c.label, false),
            None => self.sdt_content(&placeholder(CHOICE_PLACEHOLDER, alias), true),
        }
    }

    /// A date picker control (inline), British day/month/year.
    pub fn date_control(&mut self, tag: &str, alias: &str, date: Option<Date>) {
        self.sdt_start(tag, alias, date.is_none());
        let full = date.map(|d| format!("{d}T00:00:00Z"));
        match &full {
            Some(full) => self.xml.open("w:date", &[("w:fullDate", full)]),
            None => self.xml.open("w:date", &[]),
        };
        self.xml
            .val("w:dateFormat", "dd/MM/yyyy")
            .val("w:lid", "en-GB")
            .val("w:storeMappedDataAs", "dateTime")
            .val("w:calendar", "gregorian")
            .close("w:date");
        match date {
            Some(d) => self.sdt_content(&d.strftime("%d/%m/%Y").to_string(), false),
            None => self.sdt_content(&placeholder(DATE_PLACEHOLDER, alias), true),
        }
    }

    /// Opens a table with these column widths and an accessible caption (`w:tblCaption`,
    /// which screen readers announce).
    pub fn table_start(&mut self, widths: &[Width], caption: &str) {
        self.tables_open += 1;
        let total: Width = widths.iter().sum();
        self.xml
            .open("w:tbl", &[])
            .open("w:tblPr", &[])
            .val("w:tblStyle", "FormTable")
            .empty("w:tblW", &[("w:w", &total.to_string()), ("w:type", "dxa")])
            .empty("w:tblLayout", &[("w:type", "fixed")])
            .val("w:tblCaption", caption)
            .close("w:tblPr")
            .open("w:tblGrid", &[]);
        for w in widths {
            self.xml.empty("w:gridCol", &[("w:w", &w.to_string())]);
        }
        self.xml.close("w:tblGrid");
    }

    /// Closes a table. What follows it must be a paragraph (Word joins two tables with
    /// nothing between them, and a document or a cell ends with a paragraph): the toolkit
    /// always writes one, which gets the space above it.
    pub fn table_end(&mut self) {
        self.xml.close("w:tbl");
        self.tables_open = self.tables_open.saturating_sub(1);
        self.after_table = self.tables_open == 0;
    }

    /// Opens a row. Header rows repeat on every page; no row splits across pages.
    pub fn row_start(&mut self, header: bool) {
        self.row_start_tall(header, None);
    }

    /// Opens a row at least `min_height` twips high: room to write on a printed form,
    /// growing as text is typed.
    pub fn row_start_tall(&mut self, header: bool, min_height: Option<Width>) {
        self.xml
            .open("w:tr", &[])
            .open("w:trPr", &[])
            .empty("w:cantSplit", &[]);
        // The schema's order: cantSplit, trHeight, tblHeader.
        if let Some(h) = min_height {
            self.xml.empty(
                "w:trHeight",
                &[("w:val", &h.to_string()), ("w:hRule", "atLeast")],
            );
        }
        if header {
            self.xml.empty("w:tblHeader", &[]);
        }
        self.xml.close("w:trPr");
    }

    /// Closes a row.
    pub fn row_end(&mut self) {
        self.xml.close("w:tr");
    }

    /// Opens a cell of a width, optionally shaded (header cells).
    pub fn cell_start(&mut self, width: Width, shade: Option<&str>) {
        self.xml
            .open("w:tc", &[])
            .open("w:tcPr", &[])
            .empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
        if let Some(fill) = shade {
            self.xml.empty(
                "w:shd",
                &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
            );
        }
        self.xml.close("w:tcPr");
    }

    /// Closes a cell.
    pub fn cell_end(&mut self) {
        self.xml.close("w:tc");
    }

    /// A cell holding one paragraph in the table text style, filled by `fill` (a control,
    /// usually).
    pub fn control_cell(&mut self, width: Width, fill: impl FnOnce(&mut Body)) {
        self.cell_start(width, None);
        self.para_start("TableText");
        fill(self);
        self.para_end();
        self.cell_end();
    }

    /// A cell holding one paragraph of text.
    pub fn text_cell(&mut self, width: Width, style: &str, text: &str, shade: Option<&str>) {
        self.cell_start(width, shade);
        self.para(style, text);
        self.cell_end();
    }

    /// Ends a section with a paragraph of `text` carrying its properties (orientation and
    /// footer), so the break is not an empty paragraph. `title_page`: its first page is the
    /// form's title page, with no running header.
    pub fn section_break(&mut self, landscape: bool, title_page: bool, text: &str) {
        self.open_para("Normal", Keep::Free);
        self.section_properties(landscape, title_page);
        self.xml.close("w:pPr");
        self.run(text);
        self.para_end();
    }

    /// The properties of a section: A4, portrait or landscape, 2 cm margins, a running header
    /// naming the school (not on the title page) and a page-number footer.
    pub fn section_properties(&mut self, landscape: bool, title_page: bool) {
        let (w, h, orient) = if landscape {
            ("16838", "11906", "landscape")
        } else {
            ("11906", "16838", "portrait")
        };
        self.xml
            .open("w:sectPr", &[])
            .empty(
                "w:headerReference",
                &[("w:type", "default"), ("r:id", "rIdHeader1")],
            )
            .empty(
                "w:footerReference",
                &[("w:type", "default"), ("r:id", "rIdFooter1")],
            )
            .empty("w:pgSz", &[("w:w", w), ("w:h", h), ("w:orient", orient)])
            .empty(
                "w:pgMar",
                &[
                    ("w:top", "1021"),
                    ("w:right", "1021"),
                    ("w:bottom", "1021"),
                    ("w:left", "1021"),
                    ("w:header", "567"),
                    ("w:footer", "567"),
                    ("w:gutter", "0"),
                ],
            );
        if title_page {
            // The title page has its own (empty) header: the schema puts titlePg after pgMar.
            self.xml.empty("w:titlePg", &[]);
        }
        self.xml.close("w:sectPr");
    }
}

/// How a paragraph keeps to what follows it.
#[derive(Clone, Copy)]
enum Keep {
    Free,
    WithNext,
    NewPage,
}

impl Default for Body {
    fn default() -> Self {
        Body::new()
    }
}
