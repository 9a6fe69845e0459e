//! Survey exports and spreadsheets (CSV and XLSX) read as returns: one row per school.
//!
//! A county collects its returns with one online survey (Microsoft Forms, SurveyMonkey,
//! Smart Survey, Google Forms) or one shared spreadsheet, and exports it as a sheet with a
//! row per school. The columns are matched to the rubric by what a person would recognise:
//! the strand code (`1a`, `1 a`, `Outcome 1 a`, `1a. All teachers...`), a strand's
//! descriptor, a checklist duty's text, and the school's details by the rubric's own labels
//! and the usual names ("School name", "Setting", "URN", "Area", "Academic year", "Date").
//! A survey tool's own columns (ID, start and completion time, respondent, email, IP
//! address) are recognised and left out, except that the completion time stands in for a
//! review date when the sheet has none, and tells a school's later submission from its
//! earlier one. One header row or two (SurveyMonkey's second row says "Response").
//!
//! Whatever cannot be matched unambiguously is an error naming the sheet and cell
//! (`Returns!F1`); a column map ([`ColumnMap`], a small TOML file) settles it. A cell that
//! is not a level, status or date is an error for that row only (`Returns!F12: "Expeted"
//! is not a level; did you mean Expected?`), and every row becomes a return that goes
//! through the same validation and duplicate checks as a TOML or Word return.
//!
//! Bounded: at most [`MAX_ROWS`] rows and [`MAX_COLUMNS`] columns are read, and an XLSX
//! file whose parts would unpack to more than [`MAX_UNPACKED_BYTES`] is refused before it
//! is opened.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{DataRef, Reader, SheetType, SheetVisible};
use jiff::civil::{Date, DateTime};
use sendbench_core::{
    did_you_mean, AcademicYear, Assessment, ChecklistAnswer, ChecklistStatus, Judgement,
    OutcomeReview, Rubric, RubricRef, School,
};

/// The most rows a sheet may have (a county has hundreds of schools, not millions).
pub const MAX_ROWS: usize = 20_000;
/// The most columns a sheet may have.
pub const MAX_COLUMNS: usize = 2_000;
/// The most an XLSX file's parts may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most problems reported per sheet before "and N more".
const MAX_PROBLEMS: usize = 50;

/// What a column holds, by a person's choice in a column map or by matching its header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// The school's name.
    School,
    /// The school's URN.
    Urn,
    /// The local area the school belongs to.
    Area,
    /// The academic year of the review (`2025/26`).
    AcademicYear,
    /// The date of the review.
    Date,
    /// When the survey response was completed: the review date if the sheet has none,
    /// and which of a school's two responses is the later.
    Submitted,
    /// A strand's level (by its code, `1a`).
    Level(String),
    /// A strand's evidence (by its code).
    Evidence(String),
    /// A checklist duty's status (by item id).
    Duty(String),
    /// Not part of the return (a survey tool's own columns).
    Ignore,
}

impl Field {
    /// Reads a column map's value: `school`, `urn`, `area`, `academic-year`, `date`,
    /// `submitted`, `ignore`, `strand 1a`, `evidence 1a` or `duty local-offer`.
    fn parse(text: &str, rubric: &Rubric) -> Result<Field, String> {
        let text = text.trim();
        let (kind, id) = match text.split_once(char::is_whitespace) {
            Some((k, id)) => (k.to_lowercase(), id.trim()),
            None => (text.to_lowercase(), ""),
        };
        let strand = |code: &str| {
            rubric
                .strands()
                .map(|s| s.code())
                .find(|c| c.eq_ignore_ascii_case(code))
                .ok_or_else(|| format!("the rubric has no strand {code:?}"))
        };
        Ok(match (kind.as_str(), id.is_empty()) {
            ("school", true) => Field::School,
            ("urn", true) => Field::Urn,
            ("area", true) => Field::Area,
            ("academic-year", true) => Field::AcademicYear,
            ("date", true) => Field::Date,
            ("submitted", true) => Field::Submitted,
            ("ignore", true) => Field::Ignore,
            ("strand", false) => Field::Level(strand(id)?),
            ("evidence", false) => Field::Evidence(strand(id)?),
            ("duty", false) => Field::Duty(
                rubric
                    .checklist
                    .items
                    .iter()
                    .find(|i| i.id.eq_ignore_ascii_case(id))
                    .map(|i| i.id.clone())
                    .ok_or_else(|| format!("the rubric's checklist has no duty {id:?}"))?,
            ),
            _ => {
                return Err(format!(
                    "{text:?} is not a column's meaning: use school, urn, area, academic-year, date, submitted, ignore, \"strand ID\", \"evidence ID\" or \"duty ID\""
                ))
            }
        })
    }

    /// In words, for messages ("strand 1a's level").
    fn describe(&self) -> String {
        match self {
            Field::School => "the school's name".into(),
            Field::Urn => "the URN".into(),
            Field::Area => "the area".into(),
            Field::AcademicYear => "the academic year".into(),
            Field::Date => "the review date".into(),
            Field::Submitted => "the completion time".into(),
            Field::Level(s) => format!("strand {s}'s level"),
            Field::Evidence(s) => format!("strand {s}'s evidence"),
            Field::Duty(d) => format!("duty {d}'s status"),
            Field::Ignore => "nothing (ignored)".into(),
        }
    }
}

/// What a person says about a sheet's columns where matching them by their headers cannot:
/// a TOML file given with `--columns`.
///
/// ```toml
/// sheet = "Form1"        # read only this sheet (else every sheet that has strand columns)
/// header-rows = 2        # else worked out: 1, or 2 when the second row says "Response"
/// [columns]
/// "Which statement best fits your provision map?" = "strand 1a"
/// "Setting" = "school"
/// "Q12" = "duty local-offer"
/// "Notes for the LA" = "ignore"
/// ```
///
/// A column is named by its header text (case and spaces aside) or by its letter (`F`).
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    /// The one sheet to read.
    pub sheet: Option<String>,
    /// How many header rows there are.
    pub header_rows: Option<usize>,
    /// Header text (normalised) or column letter -> what it holds.
    pub columns: Vec<(String, Field)>,
}

impl ColumnMap {
    /// Reads a column map, checking every meaning against the rubric; every problem at once.
    pub fn from_toml(text: &str, rubric: &Rubric) -> Result<ColumnMap, Vec<String>> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| vec![toml_problem(text, &e)])?;
        let mut map = ColumnMap::default();
        let mut problems = Vec::new();
        for (key, value) in &table {
            match (key.as_str(), value) {
                ("sheet", toml::Value::String(s)) => map.sheet = Some(s.clone()),
                ("header-rows", toml::Value::Integer(n)) if (1..=5).contains(n) => {
                    map.header_rows = Some(*n as usize)
                }
                ("header-rows", _) => problems.push("header-rows must be a number from 1 to 5".into()),
                ("columns", toml::Value::Table(columns)) => {
                    for (header, meaning) in columns {
                        match meaning.as_str().map(|m| Field::parse(m, rubric)) {
                            Some(Ok(field)) => map.columns.push((normalise(header), field)),
                            Some(Err(e)) => problems.push(format!("columns.{header:?}: {e}")),
                            None => problems.push(format!(
                                "columns.{header:?}: give the meaning as text, e.g. \"strand 1a\""
                            )),
                        }
                    }
                }
                (other, _) => problems.push(format!(
                    "{other:?} is not a setting of a column map: use sheet, header-rows and [columns]"
                )),
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    fn field_for(&self, header: &str, letter: &str) -> Option<&Field> {
        let header = normalise(header);
        self.columns
            .iter()
            .find(|(key, _)| *key == header)
            .or_else(|| {
                self.columns
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(letter))
            })
            .map(|(_, f)| f)
    }
}

/// A TOML syntax error in a small settings file, with its line and column.
pub(crate) fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("line {line}, column {column}: {}", e.message())
        }
        None => e.message().to_owned(),
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Why a sheet as a whole cannot be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SheetError {
    /// Not a spreadsheet this reads, or damaged.
    #[error("{0}")]
    Unreadable(String),
    /// Columns that cannot be matched to the rubric, or are matched twice: each named by
    /// its cell.
    #[error("{}", problems(.0))]
    Columns(Vec<String>),
}

fn problems(list: &[String]) -> String {
    let mut text = list
        .iter()
        .take(MAX_PROBLEMS)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    if list.len() > MAX_PROBLEMS {
        text.push_str(&format!("\nand {} more", list.len() - MAX_PROBLEMS));
    }
    text
}

/// One row of a sheet read as a return.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where in the file: `Returns row 12`.
    pub place: String,
    /// The return, or why the row cannot be one (each problem named by its cell).
    pub result: Result<RowReturn, Vec<String>>,
}

/// A row's return, before validation.
#[derive(Debug, Clone)]
pub struct RowReturn {
    /// The assessment it holds.
    pub assessment: Assessment,
    /// When the response was completed, if the sheet says.
    pub submitted: Option<DateTime>,
    /// The row's cells, for a fingerprint of what it holds.
    pub cells: Vec<String>,
    /// Characters no document can carry, taken out of its cells (each cell named).
    pub warnings: Vec<String>,
}

/// Everything read from one file.
#[derive(Debug, Clone, Default)]
pub struct SheetReturns {
    /// One per row that holds anything.
    pub rows: Vec<Row>,
    /// What a person should know: sheets read and left, columns ignored, rows empty.
    pub notes: Vec<String>,
}

/// Whether a file is a spreadsheet this reads, by its extension.
pub fn is_sheet(extension: &str) -> bool {
    matches!(extension, "csv" | "xlsx" | "xlsm")
}

/// Reads a CSV or XLSX file's rows as returns. `None` when no sheet has a column matching
/// the rubric's strands (the file is some other spreadsheet, not returns).
pub fn read(
    path: &Path,
    bytes: &[u8],
    rubric: &Rubric,
    map: Option<&ColumnMap>,
) -> Result<Option<SheetReturns>, SheetError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let grids = if extension == "csv" {
        let stem = path
            .file_stem()
            .map_or_else(|| "sheet".to_owned(), |s| s.to_string_lossy().into_owned());
        vec![read_csv(&stem, bytes)?]
    } else {
        read_xlsx(bytes)?
    };
    let mut out = SheetReturns::default();
    let mut found = false;
    let mut column_problems = Vec::new();
    for grid in grids {
        if let Some(wanted) = map.and_then(|m| m.sheet.as_deref()) {
            if !grid.name.eq_ignore_ascii_case(wanted) {
                continue;
            }
        }
        match columns(&grid, rubric, map) {
            Layout::NotReturns => {
                if !grid.rows.is_empty() && map.and_then(|m| m.sheet.as_deref()).is_some() {
                    column_problems.push(format!(
                        "sheet {}: no column matches a strand of the rubric",
                        grid.name
                    ));
                }
            }
            Layout::Problems(p) => {
                found = true;
                column_problems.extend(p);
            }
            Layout::Columns {
                fields,
                header_rows,
                ignored,
            } => {
                found = true;
                if !ignored.is_empty() {
                    out.notes.push(format!(
                        "sheet {}: left out, as a survey tool's own columns: {}",
                        grid.name,
                        ignored.join(", ")
                    ));
                }
                rows(&grid, &fields, header_rows, rubric, &mut out);
            }
        }
    }
    if let Some(wanted) = map.and_then(|m| m.sheet.as_deref()) {
        if !found && column_problems.is_empty() {
            return Err(SheetError::Columns(vec![format!(
                "the column map names sheet {wanted:?}, which the file does not have (or it has no strand columns)"
            )]));
        }
    }
    if !column_problems.is_empty() {
        return Err(SheetError::Columns(column_problems));
    }
    Ok(found.then_some(out))
}

/// A cell's value as read.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Number(f64),
    When(DateTime),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_owned(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::When(d) if d.time() == jiff::civil::Time::midnight() => d.date().to_string(),
            Value::When(d) => d.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }

    fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// A sheet as a grid: rows of values, each row as long as it needs.
struct Grid {
    name: String,
    rows: Vec<Vec<Value>>,
}

impl Grid {
    fn get(&self, row: usize, column: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Value::Empty)
    }

    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// `Returns!F12` for the 0-based row and column.
    fn cell(&self, row: usize, column: usize) -> String {
        format!("{}!{}{}", self.name, letter(column), row + 1)
    }
}

/// A column's letters: 0 is A, 26 is AA.
pub fn letter(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads CSV text: UTF-8 (with or without a byte-order mark), UTF-16 (what Excel's
/// "Unicode text" writes), or else Windows-1252 (what Excel's plain "CSV" writes on an
/// English Windows); separated by commas, or by semicolons or tabs where the header says so.
fn read_csv(name: &str, bytes: &[u8]) -> Result<Grid, SheetError> {
    let text = decode(bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            SheetError::Unreadable(match e.position() {
                Some(p) => format!("line {}: {e}", p.line()),
                None => e.to_string(),
            })
        })?;
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows());
        }
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns());
        }
        rows.push(
            record
                .iter()
                .map(|t| {
                    if t.trim().is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(t.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Grid {
        name: name.to_owned(),
        rows,
    })
}

fn too_many_rows() -> SheetError {
    SheetError::Unreadable(format!(
        "more than {MAX_ROWS} rows: a sheet of returns has a row per school; split it"
    ))
}

fn too_many_columns() -> SheetError {
    SheetError::Unreadable(format!("more than {MAX_COLUMNS} columns"))
}

fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// A Windows-1252 byte as a character (the bytes 0x80 to 0x9F are curly quotes, dashes,
/// the euro sign and the like; the rest are Latin-1).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Reads every visible worksheet of an XLSX file, cell by cell (never as one block, which a
/// stray cell at XFD1048576 would make billions of cells).
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Grid>, SheetError> {
    let unreadable = |what: String| SheetError::Unreadable(what);
    if !bytes.starts_with(b"PK") {
        return Err(unreadable(if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            "an old Excel 97-2003 workbook (.xls) or an encrypted one: open it in Excel and save it as an Excel Workbook (.xlsx), without a password".to_owned()
        } else {
            "not an Excel workbook (XLSX): save it from Excel as an Excel Workbook (.xlsx) or as CSV".to_owned()
        }));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a readable Excel workbook: {e}")))?;
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            unpacked = unpacked.saturating_add(entry.size());
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(unreadable(format!(
            "its parts would unpack to {} MB, more than the {} MB a workbook of returns could need",
            unpacked >> 20,
            MAX_UNPACKED_BYTES >> 20
        )));
    }
    let mut book = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a readable Excel workbook: {e}")))?;
    let sheets: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut grids = Vec::new();
    for name in sheets {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
        let mut rows: Vec<Vec<Value>> = Vec::new();
        let mut cells = 0usize;
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| unreadable(format!("sheet {name}: {e}")))?
        {
            let (row, column) = cell.get_position();
            let value = match cell.get_value() {
                DataRef::Empty | DataRef::Error(_) => continue,
                DataRef::String(s) => Value::Text(s.clone()),
                DataRef::SharedString(s) => Value::Text((*s).to_owned()),
                DataRef::Int(i) => Value::Number(*i as f64),
                DataRef::Float(f) => Value::Number(*f),
                DataRef::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
                DataRef::DateTime(d) => match from_serial(d.as_f64()) {
                    Some(when) => Value::When(when),
                    None => Value::Number(d.as_f64()),
                },
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
            };
            if matches!(&value, Value::Text(t) if t.trim().is_empty()) {
                continue;
            }
            let (row, column) = (row as usize, column as usize);
            if row >= MAX_ROWS + 2 {
                return Err(too_many_rows());
            }
            if column >= MAX_COLUMNS {
                return Err(too_many_columns());
            }
            cells += 1;
            if cells > MAX_ROWS * 10 {
                return Err(too_many_rows());
            }
            if rows.len() <= row {
                rows.resize_with(row + 1, Vec::new);
            }
            let cells_of_row = &mut rows[row];
            if cells_of_row.len() <= column {
                cells_of_row.resize(column + 1, Value::Empty);
            }
            cells_of_row[column] = value;
        }
        grids.push(Grid { name, rows });
    }
    Ok(grids)
}

/// An Excel date serial (days since 30 December 1899, the time as the fraction) as a date
/// and time, to the second.
fn from_serial(serial: f64) -> Option<DateTime> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let date = Date::new(1899, 12, 30)
        .ok()?
        .checked_add(jiff::Span::new().days(days))
        .ok()?;
    date.to_datetime(jiff::civil::Time::midnight())
        .checked_add(jiff::Span::new().seconds(seconds))
        .ok()
}

/// Lower case, punctuation to spaces, spaces collapsed: how headers and descriptors are
/// compared ("1a. All teachers..." and "1A all teachers" are the same).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space && c != '\'' && c != '’' {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// Headers of the survey tools' own columns, normalised: left out of the return.
const TOOL_COLUMNS: &[&str] = &[
    "id",
    "respondent id",
    "collector id",
    "response id",
    "start time",
    "start date",
    "started",
    "ip address",
    "email",
    "email address",
    "name",
    "first name",
    "last name",
    "custom data 1",
    "last modified time",
    "total points",
    "quiz feedback",
    "response type",
    "language",
    "user agent",
    "status",
];

/// Headers of the completion time, normalised.
const SUBMITTED_COLUMNS: &[&str] = &[
    "completion time",
    "end date",
    "completed",
    "timestamp",
    "submitted",
    "date submitted",
    "submission date",
];

/// How a sheet's columns were understood.
enum Layout {
    /// No column matches a strand: not a sheet of returns.
    NotReturns,
    /// Columns that cannot be matched, or matched twice.
    Problems(Vec<String>),
    /// Each column's meaning (`None`: empty, no header and no data).
    Columns {
        fields: Vec<Option<Field>>,
        header_rows: usize,
        ignored: Vec<String>,
    },
}

/// Works out how many header rows there are and what every column holds.
fn columns(grid: &Grid, rubric: &Rubric, map: Option<&ColumnMap>) -> Layout {
    let width = grid.width();
    let header_rows = map
        .and_then(|m| m.header_rows)
        .unwrap_or_else(|| header_rows(grid, rubric));
    // A question spanning several columns has its text above the first only (SurveyMonkey).
    let mut headers = Vec::with_capacity(width);
    let mut above = String::new();
    for column in 0..width {
        let mut parts = Vec::new();
        for row in 0..header_rows {
            let text = grid.get(row, column).text();
            if row + 1 < header_rows {
                if !text.is_empty() {
                    above = text.clone();
                }
                if !above.is_empty() {
                    parts.push(above.clone());
                }
            } else if !text.is_empty() && !is_response_label(&text) {
                parts.push(text);
            }
        }
        headers.push(parts.join(" "));
    }
    let has_data =
        |column: usize| (header_rows..grid.rows.len()).any(|row| !grid.get(row, column).is_empty());
    let mut fields: Vec<Option<Field>> = Vec::with_capacity(width);
    let mut problems = Vec::new();
    let mut ignored = Vec::new();
    // Whether the column map speaks of this sheet at all.
    let mut mapped = false;
    for (column, header) in headers.iter().enumerate() {
        let cell = grid.cell(header_rows.saturating_sub(1), column);
        if let Some(field) = map.and_then(|m| m.field_for(header, &letter(column))) {
            fields.push(Some(field.clone()));
            mapped = true;
            continue;
        }
        if header.trim().is_empty() {
            if has_data(column) {
                problems.push(format!(
                    "{cell}: column {} has answers but no header: give it one, or say what it holds in a column map (--columns FILE: {} = \"strand 1a\", say)",
                    letter(column),
                    letter(column)
                ));
            }
            fields.push(None);
            continue;
        }
        match match_header(header, rubric) {
            Matched::One(field) => {
                if field == Field::Ignore {
                    ignored.push(format!("{:?}", header));
                }
                fields.push(Some(field));
            }
            Matched::Many(candidates) => {
                problems.push(format!(
                    "{cell}: the header {:?} could be {}: say which in a column map (--columns FILE)",
                    shorten(header),
                    candidates
                        .iter()
                        .map(Field::describe)
                        .collect::<Vec<_>>()
                        .join(" or ")
                ));
                fields.push(None);
            }
            Matched::None => {
                if has_data(column) {
                    problems.push(format!(
                        "{cell}: the header {:?} matches nothing in the rubric (no strand code such as \"1a\", descriptor, duty or school detail): say what it holds in a column map (--columns FILE: {:?} = \"strand 1a\" or \"ignore\")",
                        shorten(header),
                        shorten(header)
                    ));
                }
                fields.push(None);
            }
        }
    }
    let strands = fields
        .iter()
        .filter(|f| matches!(f, Some(Field::Level(_))))
        .count();
    if strands == 0 && problems.is_empty() {
        return Layout::NotReturns;
    }
    if strands == 0 && !mapped {
        // Nothing looks like a strand, some columns match nothing, and the column map (if
        // any) names none of its columns: some other sheet (a contact list beside the
        // survey export), skipped with the reason.
        return Layout::NotReturns;
    }
    // The same meaning twice.
    let mut first: HashMap<&Field, usize> = HashMap::new();
    for (column, field) in fields.iter().enumerate() {
        let Some(field) = field.as_ref().filter(|f| **f != Field::Ignore) else {
            continue;
        };
        match first.get(field) {
            Some(&earlier) => problems.push(format!(
                "{} and {}: both columns hold {}: say which in a column map (--columns FILE), marking the other \"ignore\"",
                grid.cell(header_rows.saturating_sub(1), earlier),
                grid.cell(header_rows.saturating_sub(1), column),
                field.describe()
            )),
            None => {
                first.insert(field, column);
            }
        }
    }
    if !fields.iter().any(|f| matches!(f, Some(Field::School))) {
        problems.push(format!(
            "sheet {}: no column holds the school's name (a header such as \"School name\", \"Setting\" or {:?}): name it in a column map (--columns FILE: \"Your header\" = \"school\")",
            grid.name, rubric.introduction.labels.name
        ));
    }
    if problems.is_empty() {
        Layout::Columns {
            fields,
            header_rows,
            ignored,
        }
    } else {
        Layout::Problems(problems)
    }
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 80 {
        format!("{}...", text.chars().take(77).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// "Response" and the like: SurveyMonkey's second header row under a one-answer question.
fn is_response_label(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "response" | "open ended response" | "responses"
    )
}

/// Two header rows when the second row holds a survey tool's "Response" labels and no
/// answer (no level name); else one.
fn header_rows(grid: &Grid, rubric: &Rubric) -> usize {
    let second: Vec<String> = grid
        .rows
        .get(1)
        .map(|r| r.iter().map(Value::text).collect())
        .unwrap_or_default();
    let is_level = |t: &str| {
        rubric
            .levels
            .iter()
            .any(|l| l.name.eq_ignore_ascii_case(t.trim()) || l.id.eq_ignore_ascii_case(t.trim()))
    };
    if second.iter().any(|t| is_response_label(t)) && !second.iter().any(|t| is_level(t)) {
        2
    } else {
        1
    }
}

enum Matched {
    None,
    One(Field),
    Many(Vec<Field>),
}

/// What a header means, by the strand code it starts with, a strand's descriptor or a duty's
/// text it holds, or a school detail's usual names.
fn match_header(header: &str, rubric: &Rubric) -> Matched {
    let norm = normalise(header);
    if TOOL_COLUMNS.contains(&norm.as_str()) {
        return Matched::One(Field::Ignore);
    }
    if SUBMITTED_COLUMNS.contains(&norm.as_str()) {
        return Matched::One(Field::Submitted);
    }
    let labels = &rubric.introduction.labels;
    let detail = |label: &str, names: &[&str]| {
        let label = normalise(label);
        norm == label || names.contains(&norm.as_str())
    };
    if detail(
        &labels.name,
        &[
            "school",
            "school name",
            "name of school",
            "setting",
            "setting name",
            "name of setting",
            "school setting",
            "school setting name",
            "school or setting",
            "school name or setting",
        ],
    ) {
        return Matched::One(Field::School);
    }
    if detail(
        &labels.urn,
        &["urn", "unique reference number", "school urn", "dfe urn"],
    ) {
        return Matched::One(Field::Urn);
    }
    if detail(
        &labels.area,
        &[
            "area",
            "local area",
            "locality",
            "dspl",
            "dspl area",
            "district",
            "cluster",
        ],
    ) {
        return Matched::One(Field::Area);
    }
    if detail(
        &labels.academic_year,
        &["academic year", "year of review", "school year"],
    ) {
        return Matched::One(Field::AcademicYear);
    }
    if detail(
        &labels.date,
        &[
            "date",
            "review date",
            "date of review",
            "date of the review",
            "date reviewed",
        ],
    ) {
        return Matched::One(Field::Date);
    }
    // "1a evidence", "1a: Evidence", "Evidence for 1a", "... (evidence)": a strand's
    // evidence; "1a. There is evidence of..." (a descriptor that says evidence) is not.
    let words: Vec<&str> = norm.split(' ').collect();
    let evidence = words.first() == Some(&"evidence")
        || words.last() == Some(&"evidence")
        || words
            .iter()
            .position(|w| *w == "evidence")
            .is_some_and(|i| {
                (1..=2).contains(&i)
                    && rubric
                        .strands()
                        .any(|s| normalise(&s.code()).replace(' ', "") == words[..i].concat())
            })
        || norm.starts_with("evidence for ");
    let without_evidence_prefix = norm
        .strip_prefix("evidence for ")
        .or_else(|| norm.strip_prefix("evidence "))
        .unwrap_or(&norm);
    if let Some(strand) = strand_by_code(without_evidence_prefix, rubric) {
        return Matched::One(if evidence {
            Field::Evidence(strand)
        } else {
            Field::Level(strand)
        });
    }
    // A strand's descriptor, whole, inside the header (a question that quotes it).
    let mut found: Vec<Field> = Vec::new();
    for s in rubric.strands() {
        if s.strand
            .descriptors
            .iter()
            .any(|d| contains_words(&norm, &normalise(d)))
        {
            found.push(if evidence {
                Field::Evidence(s.code())
            } else {
                Field::Level(s.code())
            });
        }
    }
    for item in &rubric.checklist.items {
        if contains_words(&norm, &normalise(&item.text)) || norm == normalise(&item.id) {
            found.push(Field::Duty(item.id.clone()));
        }
    }
    match found.len() {
        0 => Matched::None,
        1 => Matched::One(found.remove(0)),
        _ => Matched::Many(found),
    }
}

/// Whether `haystack` holds `needle` as whole words (both normalised).
fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// The strand whose code a (normalised) header starts with: `1a`, `1 a`, `outcome 1 a`,
/// `strand 1a`, `q 1a`; or, for a rubric with other ids, the id itself.
fn strand_by_code(norm: &str, rubric: &Rubric) -> Option<String> {
    let mut words: Vec<&str> = norm.split(' ').collect();
    while let Some(first) = words.first() {
        if matches!(*first, "outcome" | "strand" | "q" | "question") {
            words.remove(0);
        } else {
            break;
        }
    }
    // The code: the first word, or the first two joined ("1 a").
    let candidates = [
        words.first().map(|w| w.to_string()),
        words.get(..2).map(|w| w.concat()),
    ];
    for s in rubric.strands() {
        let code = s.code();
        let id = normalise(&code).replace(' ', "");
        // "1 a" is the code, "1 all teachers" is not: the two words joined must be the
        // code exactly.
        if candidates.iter().flatten().any(|c| *c == id) {
            return Some(code);
        }
        // A code with punctuation ("ey-1") is several words when normalised.
        let id_words = normalise(&code);
        if id_words.contains(' ') && (norm == id_words || norm.starts_with(&format!("{id_words} ")))
        {
            return Some(code);
        }
    }
    None
}

/// Turns every row after the headers into a return.
fn rows(
    grid: &Grid,
    fields: &[Option<Field>],
    header_rows: usize,
    rubric: &Rubric,
    out: &mut SheetReturns,
) {
    let orders = date_orders(grid, fields, header_rows);
    let mut empty = Vec::new();
    for row in header_rows..grid.rows.len() {
        let answered = fields.iter().enumerate().any(|(c, f)| {
            matches!(f, Some(f) if *f != Field::Ignore && *f != Field::Submitted)
                && !grid.get(row, c).is_empty()
        });
        if !answered {
            if grid.rows[row].iter().any(|v| !v.is_empty()) {
                empty.push(row + 1);
            }
            continue;
        }
        out.rows.push(Row {
            place: format!("{} row {}", grid.name, row + 1),
            result: row_return(grid, fields, row, rubric, &orders),
        });
    }
    if !empty.is_empty() {
        out.notes.push(format!(
            "sheet {}: {} with no answers (a response started and left, say) not read: row{} {}",
            grid.name,
            if empty.len() == 1 { "a row" } else { "rows" },
            if empty.len() == 1 { "" } else { "s" },
            empty
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// Which way round a column's dates like 03/04/2026 are written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DateOrder {
    /// Day first, as in the UK.
    DayFirst,
    /// Month first, as SurveyMonkey's US exports (with AM/PM times).
    MonthFirst,
}

/// Per column, day first unless the column's dates show otherwise: a first number over 12
/// settles day first, a second number over 12 month first, and AM/PM times without either
/// suggest a US export. Each column on its own: SurveyMonkey writes its own End Date month
/// first while schools type their review date day first, in one sheet.
fn date_orders(grid: &Grid, fields: &[Option<Field>], header_rows: usize) -> Vec<DateOrder> {
    fields
        .iter()
        .enumerate()
        .map(|(column, field)| match field {
            Some(Field::Date | Field::Submitted) => date_order(grid, column, header_rows),
            _ => DateOrder::DayFirst,
        })
        .collect()
}

fn date_order(grid: &Grid, column: usize, header_rows: usize) -> DateOrder {
    let (mut day_first, mut month_first, mut am_pm) = (false, false, false);
    {
        for row in header_rows..grid.rows.len() {
            if let Value::Text(t) = grid.get(row, column) {
                if let Some((a, b, _)) = slashed(t) {
                    day_first |= a > 12;
                    month_first |= b > 12;
                }
                let upper = t.to_uppercase();
                am_pm |= upper.ends_with("AM") || upper.ends_with("PM");
            }
        }
    }
    if (month_first || am_pm) && !day_first {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}

/// `3/4/2026` (with anything after a space) as its three numbers.
fn slashed(text: &str) -> Option<(u32, u32, i32)> {
    let date = text.split_whitespace().next()?;
    let mut parts = date.split(['/', '.']);
    let a = parts.next()?.parse().ok()?;
    let b = parts.next()?.parse().ok()?;
    let y: i32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    let y = if y < 100 { 2000 + y } else { y };
    Some((a, b, y))
}

/// A date and time from a cell: an Excel date, `2026-06-12`, `2026-06-12T14:03:00`,
/// `12/06/2026 14:03`, `6/12/2026 2:03:00 PM` (by the sheet's date order), `12 June 2026`.
fn when(value: &Value, order: DateOrder) -> Option<DateTime> {
    match value {
        Value::When(d) => Some(*d),
        Value::Number(n) => from_serial(*n),
        Value::Empty => None,
        Value::Text(t) => {
            let t = t.trim();
            if let Ok(d) = t.parse::<DateTime>() {
                return Some(d);
            }
            if let Ok(d) = t.parse::<Date>() {
                return Some(d.to_datetime(jiff::civil::Time::midnight()));
            }
            if let Ok(ts) = t.parse::<jiff::Timestamp>() {
                return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).datetime());
            }
            if let Some((a, b, y)) = slashed(t) {
                let (day, month) = match order {
                    DateOrder::DayFirst => (a, b),
                    DateOrder::MonthFirst => (b, a),
                };
                let date = Date::new(i16::try_from(y).ok()?, month as i8, day as i8).ok()?;
                let time = t
                    .split_whitespace()
                    .nth(1)
                    .and_then(|clock| {
                        let pm = t.to_uppercase().ends_with("PM");
                        let am = t.to_uppercase().ends_with("AM");
                        let mut parts = clock.split(':');
                        let mut hour: i8 = parts.next()?.parse().ok()?;
                        let minute: i8 = parts.next().unwrap_or("0").parse().ok()?;
                        let second: i8 = parts.next().unwrap_or("0").parse().ok()?;
                        if pm && hour < 12 {
                            hour += 12;
                        }
                        if am && hour == 12 {
                            hour = 0;
                        }
                        jiff::civil::Time::new(hour, minute, second, 0).ok()
                    })
                    .unwrap_or(jiff::civil::Time::midnight());
                return Some(date.to_datetime(time));
            }
            for format in ["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%d %B %Y %H:%M"] {
                if let Ok(d) = Date::strptime(format, t) {
                    return Some(d.to_datetime(jiff::civil::Time::midnight()));
                }
            }
            None
        }
    }
}

/// One row as a return; every problem in it, each named by its cell.
fn row_return(
    grid: &Grid,
    fields: &[Option<Field>],
    row: usize,
    rubric: &Rubric,
    orders: &[DateOrder],
) -> Result<RowReturn, Vec<String>> {
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        ..Assessment::default()
    };
    a.school = School::default();
    a.outcomes = rubric
        .outcomes
        .iter()
        .map(|o| OutcomeReview {
            outcome: o.id.clone(),
            ..OutcomeReview::default()
        })
        .collect();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut submitted = None;
    let level_names: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
    for (column, field) in fields.iter().enumerate() {
        let Some(field) = field else { continue };
        let value = grid.get(row, column);
        let (text, removed) = sendbench_core::text::clean(&value.text());
        if text.is_empty() {
            continue;
        }
        let cell = || grid.cell(row, column);
        if !removed.is_empty() {
            warnings.push(format!(
                "{}: took out {}, which no document can carry",
                cell(),
                removed
                    .iter()
                    .map(|c| format!("U+{:04X}", u32::from(*c)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        match field {
            Field::Ignore => {}
            Field::School => a.school.name = text,
            Field::Urn => a.school.urn = Some(text),
            Field::Area => a.school.area = Some(text),
            Field::AcademicYear => match AcademicYear::parse(&text) {
                Some(y) => a.review.academic_year = Some(y),
                None => problems.push(format!(
                    "{}: {:?} is not an academic year: write it as 2025/26",
                    cell(),
                    text
                )),
            },
            Field::Date => match when(value, orders[column]) {
                Some(d) => a.review.date = Some(d.date()),
                None => problems.push(format!(
                    "{}: {:?} is not a date: write it as 12/06/2026 or 2026-06-12",
                    cell(),
                    text
                )),
            },
            Field::Submitted => match when(value, orders[column]) {
                Some(d) => submitted = Some(d),
                None => problems.push(format!("{}: {:?} is not a date and time", cell(), text)),
            },
            Field::Level(strand) => match level(&text, strand, rubric) {
                Some(Some(id)) => judgement(&mut a, rubric, strand).level = Some(id),
                Some(None) => {}
                None => problems.push(match did_you_mean(&text, level_names.iter().copied()) {
                    Some(s) => format!(
                        "{}: {:?} is not a level; did you mean {s}?",
                        cell(),
                        shorten(&text)
                    ),
                    None => format!(
                        "{}: {:?} is not a level: the levels are {}",
                        cell(),
                        shorten(&text),
                        level_names.join(", ")
                    ),
                }),
            },
            Field::Evidence(strand) => judgement(&mut a, rubric, strand).evidence = text,
            Field::Duty(item) => match duty(&text) {
                Some(status) => a.checklist.push(ChecklistAnswer {
                    item: item.clone(),
                    status,
                    evidence: String::new(),
                }),
                None => problems.push(format!(
                    "{}: {:?} is not a checklist status: use Met, Partly met or Not met",
                    cell(),
                    shorten(&text)
                )),
            },
        }
    }
    if a.review.date.is_none() {
        a.review.date = submitted.map(|s| s.date());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let cells = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is_some())
        .map(|(c, _)| grid.get(row, c).text())
        .collect();
    Ok(RowReturn {
        assessment: a,
        submitted,
        cells,
        warnings,
    })
}

/// A strand's judgement in the assessment (by the strand's code), added if absent.
fn judgement<'a>(a: &'a mut Assessment, rubric: &Rubric, code: &str) -> &'a mut Judgement {
    let (outcome, strand) = rubric
        .strand_by_code(code)
        .map(|s| (s.outcome.id.clone(), s.strand.id.clone()))
        .unwrap_or_default();
    let strand = strand.as_str();
    let index = a
        .outcomes
        .iter()
        .position(|o| o.outcome == outcome)
        .unwrap_or_else(|| {
            a.outcomes.push(OutcomeReview {
                outcome: outcome.clone(),
                ..OutcomeReview::default()
            });
            a.outcomes.len() - 1
        });
    let review = &mut a.outcomes[index];
    let j = match review.strands.iter().position(|j| j.strand == strand) {
        Some(j) => j,
        None => {
            review.strands.push(Judgement {
                strand: strand.to_owned(),
                ..Judgement::default()
            });
            review.strands.len() - 1
        }
    };
    &mut review.strands[j]
}

/// A level from a cell: its name or id in any case, or the strand's descriptor for that
/// level (a survey whose options quote the descriptors). `Some(None)` for "not judged",
/// "N/A" and the like; `None` if it is none of these.
fn level(text: &str, strand: &str, rubric: &Rubric) -> Option<Option<String>> {
    let norm = normalise(text);
    if matches!(
        norm.as_str(),
        "n a" | "na" | "not judged" | "not yet judged" | "not applicable"
    ) || text.trim() == "-"
    {
        return Some(None);
    }
    if let Some(l) = rubric
        .levels
        .iter()
        .find(|l| normalise(&l.name) == norm || normalise(&l.id) == norm)
    {
        return Some(Some(l.id.clone()));
    }
    // "Expected: High quality teaching is...": the form's options name the level first.
    if let Some((name, _)) = text.split_once(':') {
        let name = normalise(name);
        if let Some(l) = rubric.levels.iter().find(|l| normalise(&l.name) == name) {
            return Some(Some(l.id.clone()));
        }
    }
    rubric
        .strand_by_code(strand)?
        .strand
        .descriptors
        .iter()
        .position(|d| normalise(d) == norm)
        .and_then(|i| rubric.levels.get(i))
        .map(|l| Some(l.id.clone()))
}

/// A checklist status from a cell; `Some(None)` for an empty-looking answer.
fn duty(text: &str) -> Option<Option<ChecklistStatus>> {
    let norm = normalise(text);
    if matches!(
        norm.as_str(),
        "n a" | "na" | "not answered" | "not known" | "don t know"
    ) {
        return Some(None);
    }
    ChecklistStatus::parse(&norm).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_on_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn excel_serials_are_dates_and_times() {
        let d = from_serial(46_185.5).expect("a date");
        assert_eq!(d.to_string(), "2026-06-12T12:00:00");
    }

    #[test]
    fn windows_1252_curly_quotes_and_the_pound_sign_read_as_themselves() {
        assert_eq!(decode(b"\x93Yes\x94 \xA35"), "“Yes” £5");
    }

    #[test]
    fn strand_codes_are_read_however_they_are_written() {
        let rubric = Rubric::builtin();
        for header in [
            "1a",
            "1 a",
            "Outcome 1 a",
            "1a. All teachers",
            "Q 2b",
            "STRAND 3C: x",
        ] {
            assert!(
                strand_by_code(&normalise(header), &rubric).is_some(),
                "{header}"
            );
        }
        assert_eq!(strand_by_code(&normalise("1 all teachers"), &rubric), None);
        assert_eq!(strand_by_code(&normalise("School name"), &rubric), None);
    }

    #[test]
    fn evidence_columns_are_told_from_descriptors_that_say_evidence() {
        let rubric = Rubric::builtin();
        let field = |h: &str| match match_header(h, &rubric) {
            Matched::One(f) => Some(f),
            _ => None,
        };
        for h in [
            "1a evidence",
            "1a: Evidence",
            "Evidence for 1a",
            "1a. What is your evidence",
        ] {
            assert_eq!(field(h), Some(Field::Evidence("1a".into())), "{h}");
        }
        assert_eq!(
            field("5a. There is evidence of proactive and collaborative working"),
            Some(Field::Level("5a".into()))
        );
    }
}
