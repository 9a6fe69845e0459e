//! What the form holds beyond its text, in warnings that quote it: changes tracked and not
//! yet accepted, footnotes and endnotes (their words are in parts of their own), comments,
//! pictures and text boxes, symbols from fonts with no known mapping, and text typed in the
//! page headers and footers. None of these is part of the assessment; each is named with
//! where it is, so nothing typed is lost without a word.

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use sendbench_core::Rubric;

use super::assemble::field_name;
use super::outside::{body_place, describe_cell};
use super::package::{Package, Side};
use super::reader::{attr, At, Note, Read, What};
use super::symbols;
use super::words::{extra_words, quote, shorten, squash, COMPARISON_BUDGET};

/// Most notes of one kind named each in a warning.
const SHOWN: usize = 10;

/// The warnings for the notes the reader kept and for the headers and footers.
pub(super) fn warnings(
    package: &Package,
    read: &Read,
    fresh: Option<&Package>,
    rubric: &Rubric,
) -> Vec<String> {
    let texts = SideTexts::read(package);
    let mut out = tracked_changes(read, rubric);
    let mut shown: BTreeMap<&'static str, usize> = BTreeMap::new();
    for note in &read.notes {
        let Some(kind) = kind_of(note) else { continue };
        let n = shown.entry(kind).or_default();
        *n += 1;
        // Only the first few of a kind are described: a form with thousands of pictures
        // is counted, not searched for each one's place.
        if *n <= SHOWN {
            out.push(note_warning(note, read, &texts, rubric));
        }
    }
    for (kind, n) in shown {
        if n > SHOWN {
            out.push(format!(
                "and {} more {kind} were not imported either",
                n - SHOWN
            ));
        }
    }
    out.extend(headers_and_footers(package, fresh, rubric));
    out
}

/// What kind of note this is, for counting; `None` for tracked changes, which are warned
/// about field by field.
fn kind_of(note: &Note) -> Option<&'static str> {
    Some(match &note.what {
        What::Inserted | What::Deleted | What::MovedAway => return None,
        What::Footnote(_) => "footnotes",
        What::Endnote(_) => "endnotes",
        What::Comment(_) => "comments",
        What::Picture if note.text.trim().is_empty() => "pictures",
        What::Picture => "text boxes",
        What::Equation => "equations",
        What::RubyGuide => "phonetic guides",
        What::Symbol(..) => "symbols",
        What::Unreadable(_) => "other things",
    })
}

/// The warning for a note other than a tracked change, quoting it and saying where it is.
fn note_warning(note: &Note, read: &Read, texts: &SideTexts, rubric: &Rubric) -> String {
    let place = place(&note.at, read, rubric);
    let quoted = |text: &str| shorten(&squash(text));
    match &note.what {
        What::Footnote(id) | What::Endnote(id) => {
            let (one, text) = match &note.what {
                What::Footnote(_) => ("footnote", texts.footnotes.get(id)),
                _ => ("endnote", texts.endnotes.get(id)),
            };
            match text.map(|(_, t)| quoted(t)).filter(|t| !t.is_empty()) {
                Some(text) => format!("a {one} {place} was not imported: \"{text}\""),
                None => format!("a {one} {place} was not imported"),
            }
        }
        What::Comment(id) => {
            let (author, text) = texts.comments.get(id).cloned().unwrap_or_default();
            let by = match author.trim() {
                "" => String::new(),
                author => format!(" by {author}"),
            };
            format!("a comment{by} {place} was not imported: \"{}\"", quoted(&text))
        }
        What::Picture if note.text.trim().is_empty() => {
            format!("a picture or drawing {place} was not imported")
        }
        What::Picture => format!(
            "a text box {place} was not imported: \"{}\"",
            quoted(&note.text)
        ),
        What::Equation => format!(
            "an equation {place} was read as its characters only (fractions, powers and the like are lost): \"{}\"",
            quoted(&note.text)
        ),
        What::RubyGuide => format!(
            "phonetic guide text {place} was not imported: \"{}\"",
            quoted(&note.text)
        ),
        What::Symbol(font, code) => format!(
            "a symbol from the font {font} (character {code}) {place} has no standard character, so it is not in the assessment; type it as text (or choose it from a standard font under Insert > Symbol) instead"
        ),
        What::Unreadable(what) => format!("{what} {place} was not imported"),
        What::Inserted | What::Deleted | What::MovedAway => String::new(),
    }
}

/// Where a note is, for a person: "in the evidence for strand 1a", "in the descriptor cell
/// of …", "below the heading …".
fn place(at: &At, read: &Read, rubric: &Rubric) -> String {
    match at {
        At::Field(_) => format!("in {}", field(at, read, rubric)),
        At::Cell(t, r, c) => {
            let tags: Vec<(usize, &str)> = read
                .controls
                .iter()
                .filter_map(|x| match x.place {
                    Some((tt, rr, cc)) if tt == *t && rr == *r => Some((cc, x.tag.as_str())),
                    _ => None,
                })
                .collect();
            match read.layout.tables.get(*t) {
                Some(table) => format!("in {}", describe_cell(table, *r, *c, &tags, rubric)),
                None => "in a table".to_owned(),
            }
        }
        At::Body {
            below,
            after_tables,
        } => body_place(below, *after_tables, read.layout.tables.len()),
    }
}

/// The field a note is in, as a person knows it ("the evidence for strand 1a").
fn field(at: &At, read: &Read, rubric: &Rubric) -> String {
    let tag = match at {
        At::Field(i) => read.controls.get(*i).map(|c| c.tag.as_str()),
        _ => None,
    };
    match tag {
        Some(tag) if !tag.is_empty() => field_name(tag, rubric),
        _ => "a form field".to_owned(),
    }
}

/// One warning per field with changes tracked and not yet accepted, quoting what each
/// change inserted or deleted. They were read as accepted: what the form shows with the
/// changes made.
fn tracked_changes(read: &Read, rubric: &Rubric) -> Vec<String> {
    // By field, not by control: the copies of a field copied in Word are one field.
    let mut by_field: Vec<(String, Vec<String>)> = Vec::new();
    let mut more = 0usize;
    for note in &read.notes {
        let verb = match note.what {
            What::Inserted => "inserted",
            What::Deleted => "deleted",
            What::MovedAway => "moved away",
            _ => continue,
        };
        let name = field(&note.at, read, rubric);
        let known = by_field.len();
        match by_field.iter_mut().find(|(f, _)| *f == name) {
            Some((_, changes)) if changes.len() < SHOWN => {
                changes.push(format!("{verb} \"{}\"", shorten(&squash(&note.text))))
            }
            Some(_) => more += 1,
            // Only the first few fields are described, however many there are.
            None if known < SHOWN => by_field.push((
                name,
                vec![format!("{verb} \"{}\"", shorten(&squash(&note.text)))],
            )),
            None => more += 1,
        }
    }
    let mut out: Vec<String> = by_field
        .into_iter()
        .map(|(name, changes)| {
            format!(
                "{} has changes tracked in Word and not yet accepted, which were read as accepted ({}): check it, or accept or reject them in Word (Review > Accept or Reject) and import again",
                capitalised(&name),
                changes.join("; ")
            )
        })
        .collect();
    if more > 0 {
        out.push(format!(
            "and {more} more change(s) tracked and not yet accepted were read as accepted too"
        ));
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Text typed in a page header or footer. The toolkit's header names the school and the
/// tool ("Oakfield Primary School · SEND Benchmark"): as a form made from what was read
/// would write it, or as it was written when this form was made, for the school named in
/// the document's title then (a school renamed since has typed nothing). Words of a header
/// or footer that neither has were typed there.
fn headers_and_footers(package: &Package, fresh: Option<&Package>, rubric: &Rubric) -> Vec<String> {
    let fresh_text = |kind: Side| -> String {
        fresh
            .into_iter()
            .flat_map(|f| f.sides.iter())
            .filter(|(_, side, _)| *side == kind)
            .map(|(_, _, xml)| side_text(xml, false))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let made_then = match package.core.as_deref().and_then(|c| made_for(c, rubric)) {
        Some(school) => format!("{school} · {}", rubric.short_title),
        None => rubric.short_title.clone(),
    };
    let headers = [fresh_text(Side::Header), made_then];
    let footers = [fresh_text(Side::Footer)];
    let mut budget = COMPARISON_BUDGET;
    let mut out = Vec::new();
    for (_, side, xml) in &package.sides {
        let (what, ours): (&str, &[String]) = match side {
            Side::Header => ("a page header", &headers),
            Side::Footer => ("a page footer", &footers),
            _ => continue,
        };
        let text = side_text(xml, false);
        let theirs: Vec<&str> = text.split_whitespace().collect();
        let extra = ours
            .iter()
            .map(|o| {
                let ours: Vec<&str> = o.split_whitespace().collect();
                extra_words(&theirs, &ours, &mut budget)
            })
            .min_by_key(|e| e.iter().map(Vec::len).sum::<usize>())
            .unwrap_or_default();
        if !extra.is_empty() && out.len() < SHOWN {
            out.push(format!(
                "text typed in {what} was not imported: \"{}\"",
                quote(&extra)
            ));
        }
    }
    out
}

/// The school a toolkit was made for, from the document's title ("Hertfordshire Schools'
/// SEND Benchmark: Oakfield Primary School"); `None` for a blank form's.
fn made_for(core: &str, rubric: &Rubric) -> Option<String> {
    let start = core.find("<dc:title>")? + "<dc:title>".len();
    let end = start + core[start..].find("</dc:title>")?;
    let title = super::reader::unescape(&core[start..end]);
    title
        .strip_prefix(&format!("{}: ", rubric.title))
        .map(str::to_owned)
}

/// The words of the footnotes, endnotes and comments, by id; a comment with its author.
#[derive(Default)]
struct SideTexts {
    footnotes: HashMap<String, (String, String)>,
    endnotes: HashMap<String, (String, String)>,
    comments: HashMap<String, (String, String)>,
}

impl SideTexts {
    fn read(package: &Package) -> Self {
        let mut texts = SideTexts::default();
        for (_, side, xml) in &package.sides {
            match side {
                Side::Footnotes => texts.footnotes.extend(by_id(xml, "w:footnote")),
                Side::Endnotes => texts.endnotes.extend(by_id(xml, "w:endnote")),
                Side::Comments => texts.comments.extend(by_id(xml, "w:comment")),
                Side::Header | Side::Footer => {}
            }
        }
        texts
    }
}

/// The text of each `element` (a footnote, an endnote, a comment) of a part, by its id,
/// with its author.
fn by_id(xml: &str, element: &str) -> HashMap<String, (String, String)> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, String, usize)> = None;
    let mut text = TextOf::new(true);
    while let Ok(event) = reader.read_event() {
        match &event {
            Event::Start(e) if e.name().as_ref() == element => {
                let id = attr(e, "w:id").unwrap_or_default();
                let author = attr(e, "w:author").unwrap_or_default();
                current = Some((id, author, text.out.len()));
            }
            Event::End(e) if e.name().as_ref() == element => {
                if let Some((id, author, from)) = current.take() {
                    let words = text.out.get(from..).unwrap_or_default().trim().to_owned();
                    out.insert(id, (author, words));
                }
            }
            Event::Eof => break,
            _ => text.event(&event),
        }
    }
    out
}

/// A header's or footer's text: what a reader sees, fields' results left out when
/// `results` is false (a page number is the program's, not typed).
fn side_text(xml: &str, results: bool) -> String {
    let mut reader = Reader::from_str(xml);
    let mut text = TextOf::new(results);
    while let Ok(event) = reader.read_event() {
        if matches!(event, Event::Eof) {
            break;
        }
        text.event(&event);
    }
    text.out
}

/// The visible text of a part's runs, as the control reader reads it, without its layout:
/// text, tabs and breaks, hyphens and symbols; not deleted text, field codes, pictures or
/// what `mc:Fallback` repeats.
struct TextOf {
    out: String,
    in_text: bool,
    /// Open fields: whether still in the code.
    fields: Vec<bool>,
    skipping: usize,
    results: bool,
}

impl TextOf {
    fn new(results: bool) -> Self {
        TextOf {
            out: String::new(),
            in_text: false,
            fields: Vec::new(),
            skipping: 0,
            results,
        }
    }

    fn visible(&self) -> bool {
        self.skipping == 0
            && if self.results {
                !self.fields.iter().any(|&code| code)
            } else {
                self.fields.is_empty()
            }
    }

    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(e) => self.open(e, true),
            Event::Empty(e) => self.open(e, false),
            Event::End(e) => match e.name().as_ref() {
                "w:t" => self.in_text = false,
                "w:p" => self.out.push('\n'),
                "mc:Fallback" | "w:del" | "w:moveFrom" | "w:drawing" | "w:pict" | "w:object" => {
                    self.skipping = self.skipping.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(t) if self.in_text && self.visible() => {
                self.out.push_str(&t.xml10_content())
            }
            _ => {}
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, opens: bool) {
        let name = e.name();
        let visible = self.visible();
        match name.as_ref() {
            "w:t" => self.in_text = opens,
            "mc:Fallback" | "w:del" | "w:moveFrom" | "w:drawing" | "w:pict" | "w:object"
                if opens =>
            {
                self.skipping += 1
            }
            "w:tab" | "w:br" | "w:cr" if visible => self.out.push(' '),
            "w:noBreakHyphen" if visible => self.out.push('\u{2011}'),
            "w:sym" if visible => {
                let font = attr(e, "w:font").unwrap_or_default();
                let code = attr(e, "w:char").and_then(|c| u32::from_str_radix(&c, 16).ok());
                if let Some(c) = code.and_then(|c| symbols::to_unicode(&font, c)) {
                    self.out.push(c);
                }
            }
            "w:fldChar" => match attr(e, "w:fldCharType").as_deref() {
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
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_read_by_id_with_their_authors() {
        let xml = r#"<w:comments xmlns:w="x"><w:comment w:id="3" w:author="Jo Bloggs"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>Check this with</w:t></w:r><w:r><w:t xml:space="preserve"> the SENCO</w:t></w:r></w:p></w:comment></w:comments>"#;
        let comments = by_id(xml, "w:comment");
        assert_eq!(
            comments.get("3"),
            Some(&(
                "Jo Bloggs".to_owned(),
                "Check this with the SENCO".to_owned()
            ))
        );
    }

    #[test]
    fn a_footers_page_numbers_are_not_typed_text() {
        let xml = r#"<w:ftr xmlns:w="x"><w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#;
        assert_eq!(squash(&side_text(xml, false)), "Page");
        assert_eq!(squash(&side_text(xml, true)), "Page 7");
    }
}
