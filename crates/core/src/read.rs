//! Spanned TOML reading shared by the rubric and assessment loaders.
//!
//! The loaders walk the parsed document themselves instead of deriving serde: serde stops at
//! the first problem, and people filling in a form want every problem at once, each with its
//! line and column. Every value read records its span so later checks can point at it too.

use std::collections::BTreeMap;

use jiff::civil::Date;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::source::{SourceFile, Span};

/// A spanned TOML value.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// Where each value read was, by key path, so that checks made later (against the rubric, or
/// across entries) can still point into the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanMap {
    values: BTreeMap<String, Span>,
    keys: BTreeMap<String, Span>,
}

impl SpanMap {
    /// The span of the value at a key path.
    pub fn value(&self, path: &str) -> Option<Span> {
        self.values.get(path).copied()
    }

    /// The span of the key naming a path (for "unknown strand `z`" errors).
    pub fn key(&self, path: &str) -> Option<Span> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }
}

/// What a reader collects as it goes: problems, and where values were.
#[derive(Default)]
pub(crate) struct Ctx {
    pub diagnostics: Vec<Diagnostic>,
    pub spans: SpanMap,
}

impl Ctx {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

/// The largest file whose every syntax error is reported; larger files (far larger than any
/// assessment or rubric) get the first.
const RECOVER_BELOW: usize = 1024 * 1024;

/// Parses a TOML document, reporting every syntax error with its position. Returns `None`
/// when there were syntax errors: reading a half-parsed file would add misleading errors
/// about keys that are only "missing" because the parser stopped before them.
pub(crate) fn parse<'i>(file: &'i SourceFile, ctx: &mut Ctx) -> Option<DeTable<'i>> {
    // Nothing in it: a file that did not finish saving or uploading, not a review with
    // everything left to do.
    if file.text().trim().is_empty() {
        ctx.push(
            Diagnostic::error("empty-file", "the file is empty")
                .help("it may not have finished saving or uploading: save it again, or ask whoever sent it for it again"),
        );
        return None;
    }
    if file.has_mac_line_ends() {
        ctx.push(
            Diagnostic::warning(
                "line-ends",
                "this file has old Mac line ends (a carriage return alone); they were read as new lines",
            )
            .help("TOML allows only LF or CRLF line ends: save the file again in a current editor (in Notepad: File > Save as, Encoding UTF-8), or ask whoever sent it"),
        );
    }
    // Recovering from every syntax error keeps each one in memory, hundreds of thousands
    // of them for a large file of junk (400 MB for 10 MB): past a size no real assessment
    // reaches, stop at the first error instead.
    let errors = if file.text().len() > RECOVER_BELOW {
        match DeTable::parse(file.text()) {
            Ok(table) => return Some(table.into_inner()),
            Err(error) => vec![error],
        }
    } else {
        let (table, errors) = DeTable::parse_recoverable(file.text());
        if errors.is_empty() {
            return Some(table.into_inner());
        }
        errors
    };
    for error in errors {
        let message = error.message().trim().trim_end_matches('.').to_owned();
        let mut span = error.span().map(Span::from);
        // A character TOML refuses in text (a control character) is named, and pointed at.
        let bad = span.and_then(|s| {
            let text = file.slice(Span::new(s.start, s.end.max(s.start + 1)));
            text.char_indices()
                .find(|&(_, c)| crate::text::is_unprintable(c))
                .map(|(i, c)| (s.start + i, c))
        });
        let mut d = match bad {
            Some((at, c)) => {
                span = Some(Span::new(at, at + c.len_utf8()));
                Diagnostic::error(
                    "toml-syntax",
                    format!(
                        "TOML syntax: {message}: the text holds {}, which no document can show",
                        crate::text::describe(c)
                    ),
                )
                .help(crate::text::fix(c))
            }
            None => {
                let d = Diagnostic::error("toml-syntax", format!("TOML syntax: {message}"));
                match syntax_help(&message) {
                    Some(help) => d.help(help),
                    None => d,
                }
            }
        };
        d = d.at(span);
        ctx.push(d);
    }
    None
}

fn syntax_help(message: &str) -> Option<&'static str> {
    let m = message.to_lowercase();
    if m.contains("duplicate") {
        Some("each key and each [table] may appear only once: merge the two entries or remove one")
    } else if m.contains("string") || m.contains("quote") {
        Some("text goes in double quotes, or in triple quotes ''' ... ''' for several lines")
    } else if m.contains("invalid") && m.contains("date") {
        Some("write dates as YYYY-MM-DD, for example 2026-06-15")
    } else {
        None
    }
}

/// Describes a value's type in words, for "expected text, found a number".
pub(crate) fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn span_of(value: &Value<'_>) -> Span {
    Span::from(value.span())
}

/// Joins a key path: `join("outcomes.1", "notes")`.
pub(crate) fn join(path: &str, key: &str) -> String {
    let key = if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_owned()
    } else {
        format!("{key:?}")
    };
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

/// A TOML table being read. Keys are looked up by name; what is never asked for is reported
/// as unknown when the reader finishes, with a suggestion from the keys that were.
pub(crate) struct Table<'a, 'i> {
    map: &'a DeTable<'i>,
    span: Span,
    path: String,
    known: Vec<String>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn root(map: &'a DeTable<'i>) -> Self {
        Table {
            map,
            span: Span::default(),
            path: String::new(),
            known: Vec::new(),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value at `key`, recording its span.
    pub fn get(&mut self, key: &str, ctx: &mut Ctx) -> Option<(String, &'a Value<'i>)> {
        self.known.push(key.to_owned());
        let (k, v) = self.map.get_key_value(key)?;
        let path = join(&self.path, key);
        ctx.spans.values.insert(path.clone(), span_of(v));
        ctx.spans.keys.insert(path.clone(), Span::from(k.span()));
        Some((path, v))
    }

    /// Text at `key`; `None` if absent or of the wrong type (reported).
    pub fn str(&mut self, key: &str, ctx: &mut Ctx) -> Option<String> {
        let (path, v) = self.get(key, ctx)?;
        as_str(&path, v, ctx)
    }

    /// Text at `key`, which must be present.
    pub fn required_str(&mut self, key: &str, ctx: &mut Ctx, help: &str) -> Option<String> {
        if self.map.get(key).is_none() {
            self.missing(key, ctx, help);
            self.known.push(key.to_owned());
            return None;
        }
        self.str(key, ctx)
    }

    /// Reports that `key` is missing from this table.
    pub fn missing(&self, key: &str, ctx: &mut Ctx, help: &str) {
        let where_ = if self.path.is_empty() {
            "at the top of the file".to_owned()
        } else {
            format!("in [{}]", self.path)
        };
        ctx.push(
            Diagnostic::error("missing-key", format!("`{key}` is missing {where_}"))
                .path(join(&self.path, key))
                .at((!self.path.is_empty()).then_some(self.span))
                .help(help.to_owned()),
        );
    }

    /// An id at `key`, which must be present and safe ([`crate::text::is_safe_id`]): ids
    /// become keys in assessment files, Word tags and parts of file names. An unsafe id is
    /// reported and still returned, so the checks that follow can name it.
    pub fn id(&mut self, key: &str, ctx: &mut Ctx, help: &str) -> Option<String> {
        let id = self.required_str(key, ctx, help)?;
        if !crate::text::is_safe_id(&id) {
            let path = join(&self.path, key);
            ctx.push(
                Diagnostic::error(
                    "bad-id",
                    format!("id {id:?} may use only letters, digits, - and _"),
                )
                .at(ctx.spans.value(&path))
                .path(path)
                .help(format!(
                    "ids are used as keys in assessment files and tags in the Word form: 1 to {} letters, digits, - and _, starting with a letter or digit, e.g. \"senco\"",
                    crate::text::MAX_ID_LEN
                )),
            );
        }
        Some(id)
    }

    /// A list of text at `key`.
    pub fn str_list(&mut self, key: &str, ctx: &mut Ctx) -> Option<Vec<String>> {
        let (path, v) = self.get(key, ctx)?;
        let items = as_array(&path, v, ctx)?;
        Some(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| as_str(&format!("{path}[{i}]"), item, ctx))
                .collect(),
        )
    }

    /// True/false at `key`.
    pub fn bool(&mut self, key: &str, ctx: &mut Ctx) -> Option<bool> {
        let (path, v) = self.get(key, ctx)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                ctx.push(type_error(&path, span_of(v), "true or false", other));
                None
            }
        }
    }

    /// A whole number from 0 to `max` at `key`.
    pub fn count(&mut self, key: &str, max: u32, ctx: &mut Ctx) -> Option<u32> {
        let (path, v) = self.get(key, ctx)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            other => {
                ctx.push(type_error(&path, span_of(v), "a whole number", other));
                return None;
            }
        };
        match parsed {
            Some(n) if (0..=i64::from(max)).contains(&n) => u32::try_from(n).ok(),
            _ => {
                ctx.push(
                    Diagnostic::error("out-of-range", format!("`{path}` must be from 0 to {max}"))
                        .path(path)
                        .at(span_of(v)),
                );
                None
            }
        }
    }

    /// A date at `key`: a TOML date (`2026-06-15`) or text holding one.
    pub fn date(&mut self, key: &str, ctx: &mut Ctx) -> Option<Date> {
        let (path, v) = self.get(key, ctx)?;
        as_date(&path, v, ctx)
    }

    /// A sub-table at `key`.
    pub fn table(&mut self, key: &str, ctx: &mut Ctx) -> Option<Table<'a, 'i>> {
        let (path, v) = self.get(key, ctx)?;
        as_table(&path, v, ctx)
    }

    /// A list of tables (`[[key]]`) at `key`.
    pub fn tables(&mut self, key: &str, ctx: &mut Ctx) -> Vec<Table<'a, 'i>> {
        let Some((path, v)) = self.get(key, ctx) else {
            return Vec::new();
        };
        let Some(items) = as_array(&path, v, ctx) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let item_path = format!("{path}[{i}]");
                ctx.spans.values.insert(item_path.clone(), span_of(item));
                as_table(&item_path, item, ctx)
            })
            .collect()
    }

    /// Every entry whose key is not one of the fixed keys, for tables keyed by id
    /// (`[outcomes.1]`, `[checklist.senco]`): key, key span, path and value.
    pub fn entries(&self, ctx: &mut Ctx) -> Vec<(String, Span, String, &'a Value<'i>)> {
        self.map
            .iter()
            .map(|(k, v)| {
                let key = k.get_ref().to_string();
                let path = join(&self.path, &key);
                let key_span = Span::from(k.span());
                ctx.spans.values.insert(path.clone(), span_of(v));
                ctx.spans.keys.insert(path.clone(), key_span);
                (key, key_span, path, v)
            })
            .collect()
    }

    /// Reports keys that were never asked for. Call after reading every known key.
    pub fn finish(self, ctx: &mut Ctx) {
        for (k, _) in self.map.iter() {
            let key = k.get_ref();
            if self
                .known
                .iter()
                .any(|known| known.as_str() == key.as_ref())
            {
                continue;
            }
            let path = join(&self.path, key);
            let where_ = if self.path.is_empty() {
                "at the top level".to_owned()
            } else {
                format!("in [{}]", self.path)
            };
            let mut d = Diagnostic::error("unknown-key", format!("unknown key `{key}` {where_}"))
                .path(path)
                .at(Span::from(k.span()));
            d = match did_you_mean(key, self.known.iter().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the keys allowed here are: {}",
                    self.known.join(", ")
                )),
            };
            ctx.push(d);
        }
    }
}

pub(crate) fn type_error(
    path: &str,
    span: Span,
    expected: &str,
    found: &DeValue<'_>,
) -> Diagnostic {
    let help = match (expected, found) {
        ("text", DeValue::Integer(_) | DeValue::Float(_)) => {
            "put the value in double quotes to make it text, e.g. \"123456\"".to_owned()
        }
        ("text", DeValue::Datetime(_)) => {
            "put the date in double quotes, or use a date key".to_owned()
        }
        ("text", DeValue::Array(_)) => "give a single piece of text, not a list".to_owned(),
        _ => format!("write {expected} here"),
    };
    Diagnostic::error(
        "wrong-type",
        format!("`{path}` should be {expected}, but is {}", kind(found)),
    )
    .path(path)
    .at(span)
    .help(help)
}

pub(crate) fn as_str(path: &str, v: &Value<'_>, ctx: &mut Ctx) -> Option<String> {
    match v.get_ref() {
        DeValue::String(s) => {
            if let Some(c) = s.chars().find(|&c| crate::text::is_unprintable(c)) {
                // Pointed at the value for now; `locate_characters` narrows it to the
                // character itself once the file's text is at hand.
                let others = s
                    .chars()
                    .filter(|&c| crate::text::is_unprintable(c))
                    .count()
                    - 1;
                let more = match others {
                    0 => String::new(),
                    1 => " and 1 more such character".to_owned(),
                    n => format!(" and {n} more such characters"),
                };
                ctx.push(
                    Diagnostic::error(
                        "unprintable",
                        format!(
                            "`{path}` holds {}{more}, which no document can show",
                            crate::text::describe(c)
                        ),
                    )
                    .path(path)
                    .at(Some(span_of(v)))
                    .help(crate::text::fix(c)),
                );
            }
            Some(s.to_string())
        }
        other => {
            ctx.push(type_error(path, span_of(v), "text", other));
            None
        }
    }
}

pub(crate) fn as_array<'a, 'i>(
    path: &str,
    v: &'a Value<'i>,
    ctx: &mut Ctx,
) -> Option<&'a DeArray<'i>> {
    match v.get_ref() {
        DeValue::Array(items) => Some(items),
        other => {
            ctx.push(type_error(path, span_of(v), "a list", other));
            None
        }
    }
}

pub(crate) fn as_table<'a, 'i>(
    path: &str,
    v: &'a Value<'i>,
    ctx: &mut Ctx,
) -> Option<Table<'a, 'i>> {
    match v.get_ref() {
        DeValue::Table(map) => Some(Table {
            map,
            span: span_of(v),
            path: path.to_owned(),
            known: Vec::new(),
        }),
        other => {
            ctx.push(type_error(path, span_of(v), "a table", other));
            None
        }
    }
}

pub(crate) fn as_date(path: &str, v: &Value<'_>, ctx: &mut Ctx) -> Option<Date> {
    let span = span_of(v);
    match v.get_ref() {
        DeValue::Datetime(dt) => match (dt.date, dt.time) {
            (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
                .ok()
                .or_else(|| {
                    ctx.push(not_a_date(path, span, &dt.to_string()));
                    None
                }),
            _ => {
                ctx.push(
                    Diagnostic::error(
                        "not-a-date",
                        format!("`{path}` should be a date without a time"),
                    )
                    .path(path)
                    .at(span)
                    .help("write the date only, as YYYY-MM-DD, for example 2026-06-15"),
                );
                None
            }
        },
        // An empty string is a date not yet filled in, as in a blank form.
        DeValue::String(s) if s.trim().is_empty() => None,
        DeValue::String(s) => match parse_date(s) {
            Ok(date) => Some(date),
            Err(hint) => {
                let mut d = not_a_date(path, span, s);
                if let Some(hint) = hint {
                    d = d.help(hint);
                }
                ctx.push(d);
                None
            }
        },
        other => {
            ctx.push(type_error(path, span, "a date (YYYY-MM-DD)", other));
            None
        }
    }
}

fn not_a_date(path: &str, span: Span, text: &str) -> Diagnostic {
    Diagnostic::error("not-a-date", format!("`{path}` is not a date: {text:?}"))
        .path(path)
        .at(span)
        .help("write dates as YYYY-MM-DD, for example 2026-06-15")
}

/// Parses an ISO date held as text. On failure, returns a hint when the text looks like a
/// British day/month/year date, showing how to write it.
pub(crate) fn parse_date(text: &str) -> Result<Date, Option<String>> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        if text.len() == 10 {
            return Ok(date);
        }
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    if let [d, m, y] = parts.as_slice() {
        if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<i8>(), m.parse::<i8>(), y.parse::<i16>()) {
            if y > 999 {
                if let Ok(date) = Date::new(y, m, d) {
                    return Err(Some(format!(
                        "write dates as YYYY-MM-DD: did you mean {date}?"
                    )));
                }
            }
        }
    }
    Err(None)
}

/// Narrows each "unprintable character" problem from the whole value to the character
/// itself, where it is written as itself (not as an escape such as `\u0007`).
pub(crate) fn locate_characters(file: &SourceFile, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| d.code == "unprintable") {
        let Some(span) = d.span else { continue };
        let text = file.slice(span);
        if let Some((i, c)) = text
            .char_indices()
            .find(|&(_, c)| crate::text::is_unprintable(c))
        {
            let start = span.start + i;
            d.span = Some(Span::new(start, start + c.len_utf8()));
        }
    }
}
