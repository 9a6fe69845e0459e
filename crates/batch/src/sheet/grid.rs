//! A spreadsheet read into grids of values, one per sheet: CSV in the encodings Excel and the
//! survey tools write, XLSX cell by cell. Nothing here knows what the cells mean.
//!
//! Everything is bounded before it can cost memory: an XLSX package is checked part by part
//! (duplicate parts, what the parts unpack to, how many shared strings and styles they
//! declare) before it is opened, and while reading, the rows, columns, filled cells and the
//! text they hold are counted against [`MAX_SHEET_ROWS`], [`MAX_COLUMNS`], [`MAX_CELLS`] and
//! [`MAX_TEXT_BYTES`], each refusal naming the bound and the cell that passed it. Cells are
//! kept sparse (only the filled ones), so a stray cell far from the data costs one cell.
//!
//! What a cell holds is kept as the spreadsheet said it: an Excel error (`#N/A`, `#DIV/0!`,
//! written by Excel into a CSV too) and a formula with no worked-out value are kept as such,
//! so the rows can name the cell rather than read it as empty. A CSV byte that is not UTF-8
//! in an otherwise UTF-8 file is read as Windows-1252 and the cell is recorded as mended.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, SheetVisible, XlsxFormulaMetadata};
use jiff::civil::{Date, DateTime};

use super::SheetError;

/// The most rows a sheet may have, titles and headers included: a county's returns, a row
/// per school, with room above them.
pub const MAX_SHEET_ROWS: usize = super::MAX_ROWS + 50;
/// The most columns a sheet may have.
pub const MAX_COLUMNS: usize = 2_000;
/// The most filled cells a workbook may have: 20,000 schools' rows of 100 columns.
pub const MAX_CELLS: usize = 2_000_000;
/// The most text its cells may hold together, each cell counted where it stands (a shared
/// string used by many cells is counted many times): what a CSV file may hold at most.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The most an XLSX file's parts may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most shared strings a workbook may declare (each is a cell's text at least once).
const MAX_SHARED_STRINGS: usize = MAX_CELLS;
/// The most cell formats a workbook may declare (Excel allows 64,000).
const MAX_STYLES: usize = 200_000;
/// The most sheets a workbook may have.
const MAX_SHEETS: usize = 1_000;

/// A cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing.
    Empty,
    /// Text, as written.
    Text(String),
    /// A number.
    Number(f64),
    /// An Excel date and time.
    When(DateTime),
    /// An Excel error, as Excel shows it (`#N/A`): a formula that failed.
    Error(String),
    /// A formula whose value was never worked out (a file saved by a program that does not
    /// calculate): its formula.
    Uncalculated(String),
}

impl Value {
    /// The value as text, trimmed: dates as `2026-06-12` (with the time if it has one).
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_owned(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::When(d) if d.time() == jiff::civil::Time::midnight() => d.date().to_string(),
            Value::When(d) => d.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            Value::Error(e) => e.clone(),
            Value::Uncalculated(f) => format!("={f}"),
        }
    }

    /// Whether nothing is there (blank text counts as nothing).
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a text cell, trimmed; `None` for any other kind.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t.trim()),
            _ => None,
        }
    }

    /// How many bytes of text it holds.
    fn size(&self) -> usize {
        match self {
            Value::Text(t) | Value::Error(t) | Value::Uncalculated(t) => t.len(),
            _ => 0,
        }
    }
}

/// The errors Excel shows in a cell, as it writes them into a CSV file too.
const EXCEL_ERRORS: &[&str] = &[
    "#N/A",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#GETTING_DATA",
];

/// The most mended cells named one by one; the rest are counted.
const MAX_MENDED: usize = 1_000;

/// One sheet: its filled cells, row by row.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name (a CSV file's name without its extension).
    pub name: String,
    /// Each row's filled cells, by column.
    rows: Vec<Vec<(usize, Value)>>,
    width: usize,
    /// Cells whose text was mended while reading, by (row, column), with what was done;
    /// at most 1,000 of them.
    pub mended: std::collections::BTreeMap<(usize, usize), String>,
    /// How many more cells were mended than are named.
    pub more_mended: usize,
}

static EMPTY: Value = Value::Empty;

impl Grid {
    /// A grid from rows of values, as a test or a caller builds one.
    #[cfg(test)]
    pub fn from_rows(name: &str, rows: Vec<Vec<Value>>) -> Grid {
        let mut grid = Grid {
            name: name.to_owned(),
            ..Grid::default()
        };
        for (r, row) in rows.into_iter().enumerate() {
            for (c, value) in row.into_iter().enumerate() {
                grid.put(r, c, value);
            }
        }
        grid
    }

    /// The value at a cell (0-based), empty if nothing is there.
    pub fn get(&self, row: usize, column: usize) -> &Value {
        self.rows
            .get(row)
            .and_then(|cells| {
                cells
                    .binary_search_by_key(&column, |(c, _)| *c)
                    .ok()
                    .map(|i| &cells[i].1)
            })
            .unwrap_or(&EMPTY)
    }

    /// The filled cells of a row, by column.
    pub fn row(&self, row: usize) -> &[(usize, Value)] {
        self.rows.get(row).map_or(&[], Vec::as_slice)
    }

    /// How many rows, up to the last filled one.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// How many columns, up to the last filled one.
    pub fn width(&self) -> usize {
        self.width
    }

    /// How many cells of a row are filled.
    pub fn filled(&self, row: usize) -> usize {
        self.row(row).iter().filter(|(_, v)| !v.is_empty()).count()
    }

    /// `Returns!F12` for the 0-based row and column.
    pub fn cell(&self, row: usize, column: usize) -> String {
        format!("{}!{}{}", self.name, letter(column), row + 1)
    }

    /// Adds a value; cells are kept in column order whatever order they come in.
    fn put(&mut self, row: usize, column: usize, value: Value) {
        if value.is_empty() {
            return;
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        match cells.last() {
            Some((last, _)) if *last >= column => {
                let at = cells.partition_point(|(c, _)| *c < column);
                if cells.get(at).is_some_and(|(c, _)| *c == column) {
                    cells[at].1 = value;
                } else {
                    cells.insert(at, (column, value));
                }
            }
            _ => cells.push((column, value)),
        }
        self.width = self.width.max(column + 1);
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

/// Every sheet read from a file, and what a person should know about the file as a whole.
#[derive(Debug, Default)]
pub struct Workbook {
    /// The sheets read, in the file's order.
    pub grids: Vec<Grid>,
    /// Sheets not read (hidden ones), and how the file was decoded.
    pub notes: Vec<String>,
}

/// What a file costs as it is read: filled cells and their text, against the bounds.
struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    fn new() -> Budget {
        Budget { cells: 0, text: 0 }
    }

    /// Counts one cell at `(row, column)` of `sheet`, refusing it past a bound.
    fn take(
        &mut self,
        sheet: &str,
        (row, column): (usize, usize),
        value: &Value,
    ) -> Result<(), SheetError> {
        let cell = || format!("{sheet}!{}{}", letter(column), row + 1);
        if row >= MAX_SHEET_ROWS {
            return Err(SheetError::TooLarge(format!(
                "{} holds a value, beyond the {MAX_SHEET_ROWS} rows a sheet of returns may have (a row per school, {} at most, and room above them for a title and headers): delete what lies below the data, or split the sheet",
                cell(),
                super::MAX_ROWS
            )));
        }
        if column >= MAX_COLUMNS {
            return Err(SheetError::TooLarge(format!(
                "{} holds a value, beyond the {MAX_COLUMNS} columns a sheet of returns may have: delete what lies to the right of the data",
                cell()
            )));
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(SheetError::TooLarge(format!(
                "more than {MAX_CELLS} filled cells (the bound was passed at {}); a county's returns, a row per school, fill far fewer: split the file",
                cell()
            )));
        }
        self.text += value.size();
        if self.text > MAX_TEXT_BYTES {
            return Err(SheetError::TooLarge(format!(
                "its cells hold more than {} MB of text (the bound was passed at {}), more than a file of returns may hold: split the file",
                MAX_TEXT_BYTES >> 20,
                cell()
            )));
        }
        Ok(())
    }
}

/// Reads a CSV file (`extension` "csv", named `stem`) or an XLSX workbook.
pub fn read(extension: &str, stem: &str, bytes: &[u8]) -> Result<Workbook, SheetError> {
    if extension == "csv" {
        read_csv(stem, bytes)
    } else {
        read_xlsx(bytes)
    }
}

/// Reads CSV text: UTF-8 (with or without a byte-order mark), UTF-16 (what Excel's
/// "Unicode text" writes), or else Windows-1252 (what Excel's plain "CSV" writes on an
/// English Windows); separated by commas, or by semicolons or tabs where the lines say so.
fn read_csv(name: &str, bytes: &[u8]) -> Result<Workbook, SheetError> {
    let decoded = decode(bytes);
    let delimiter = delimiter(&decoded.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut grid = Grid {
        name: name.to_owned(),
        ..Grid::default()
    };
    let mut budget = Budget::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    let mut last_start = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => last_start = record.position().map(|p| p.byte() as usize),
            Err(e) => {
                return Err(SheetError::Unreadable(match e.position() {
                    Some(p) => format!("line {}: {e}", p.line()),
                    None => e.to_string(),
                }))
            }
        }
        for (column, text) in record.iter().enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            let (text, mended) = decoded.mend(text);
            if let Some(what) = mended {
                if grid.mended.len() < MAX_MENDED {
                    grid.mended.insert((row, column), what);
                } else {
                    grid.more_mended += 1;
                }
            }
            let value = if EXCEL_ERRORS.contains(&text.trim()) {
                Value::Error(text.trim().to_owned())
            } else {
                Value::Text(text)
            };
            budget.take(name, (row, column), &value)?;
            grid.put(row, column, value);
        }
        row += 1;
    }
    if let Some(column) = last_start.and_then(|at| open_quote(&decoded.text[at..], delimiter)) {
        return Err(SheetError::Unreadable(format!(
            "{name}!{}{}: a quote opens in this cell and is never closed, so the rest of the file would be read as this one cell: the file is cut short or damaged; export it again",
            letter(column),
            row
        )));
    }
    let mut notes = Vec::new();
    if let Some(note) = decoded.note {
        notes.push(format!("{name}: {note}"));
    }
    if grid.more_mended > 0 {
        notes.push(format!(
            "sheet {name}: {} more cells than those named hold bytes that are not UTF-8 or characters that could not be read",
            grid.more_mended
        ));
    }
    Ok(Workbook {
        grids: vec![grid],
        notes,
    })
}

/// The separator the lines use: of comma, semicolon and tab, the one a line has most of
/// (outside quotes) among the first lines; a comma when none has any.
fn delimiter(text: &str) -> u8 {
    let mut best = (0usize, b',');
    for candidate in [b',', b';', b'\t'] {
        let most = text
            .lines()
            .take(30)
            .map(|line| outside_quotes(line, candidate as char))
            .max()
            .unwrap_or(0);
        if most > best.0 {
            best = (most, candidate);
        }
    }
    best.1
}

/// The column of the field whose quote is still open at the end of a record's text (the
/// last record of a file), if one is. The CSV reader takes the end of the file as closing
/// it, which would read a truncated export's remaining rows as one cell without a word.
fn open_quote(record: &str, delimiter: u8) -> Option<usize> {
    let mut column = 0;
    let mut at_start = true;
    let mut quoted = false;
    // The reader may place a record's start on the line end before it (the `\n` of a
    // `\r\n`), or on blank lines it passes over.
    let mut bytes = record.trim_start_matches(['\r', '\n']).bytes().peekable();
    while let Some(b) = bytes.next() {
        match (quoted, b) {
            // A doubled quote inside quotes stands for one quote.
            (true, b'"') if bytes.peek() == Some(&b'"') => {
                bytes.next();
            }
            (true, b'"') => quoted = false,
            (true, _) => {}
            (false, b'"') if at_start => quoted = true,
            (false, b'\n' | b'\r') => return None,
            (false, b) if b == delimiter => {
                column += 1;
                at_start = true;
                continue;
            }
            (false, _) => {}
        }
        at_start = false;
    }
    quoted.then_some(column)
}

fn outside_quotes(line: &str, wanted: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == wanted && !quoted
        })
        .count()
}

/// The first of the private-use characters that stand for a stray byte while a CSV file is
/// parsed (the byte `b` is `STRAY + b`), so the cell it lands in can be named.
const STRAY: u32 = 0x10_FF00;

/// A CSV file's text and how it was decoded.
struct Decoded {
    text: String,
    /// Whether stray bytes stand in the text as private-use characters, to be mended.
    marked: bool,
    /// What a person should know about the file as a whole.
    note: Option<String>,
}

impl Decoded {
    /// A cell's text with each stray byte read as Windows-1252, and what was done (naming
    /// the bytes), or what could not be read.
    fn mend(&self, text: &str) -> (String, Option<String>) {
        let stray = |c: char| (STRAY..=STRAY + 0xFF).contains(&u32::from(c));
        if self.marked && text.chars().any(stray) {
            let mut bytes = Vec::new();
            let mended: String = text
                .chars()
                .map(|c| {
                    if stray(c) {
                        let b = (u32::from(c) - STRAY) as u8;
                        bytes.push(format!("0x{b:02X}"));
                        windows_1252(b)
                    } else {
                        c
                    }
                })
                .collect();
            let what = format!(
                "{} not UTF-8 (the rest of the file is), read as Windows-1252: {:?}; check it reads as meant",
                if bytes.len() == 1 {
                    format!("the byte {} is", bytes[0])
                } else {
                    format!("the bytes {} are", bytes.join(", "))
                },
                mended.trim()
            );
            return (mended, Some(what));
        }
        if text.contains('\u{FFFD}') {
            let what = format!(
                "holds \u{FFFD}, a character that could not be read (the file is damaged, or was saved in another encoding): {:?}",
                text.trim()
            );
            return (text.to_owned(), Some(what));
        }
        (text.to_owned(), None)
    }
}

/// Decodes a CSV file: UTF-8 (a stray byte that is not UTF-8 in an otherwise UTF-8 file is
/// marked, to be read as Windows-1252 and named with its cell), UTF-16 with its byte-order
/// mark, else Windows-1252 throughout.
fn decode(bytes: &[u8]) -> Decoded {
    let plain = |text: String| Decoded {
        text,
        marked: false,
        note: None,
    };
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
        return plain(utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return plain(utf16(rest, false));
    }
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    if let Ok(text) = std::str::from_utf8(rest) {
        return plain(text.to_owned());
    }
    // Not all UTF-8. A file that is UTF-8 elsewhere (a byte-order mark, or characters
    // written as UTF-8) has had a stray byte pasted into it; one with no UTF-8 at all is
    // Windows-1252 throughout, as Excel saves "CSV" on an English Windows.
    let (text, utf8_seen) = utf8_with_strays(rest);
    if !bom && !utf8_seen {
        return plain(rest.iter().map(|&b| windows_1252(b)).collect());
    }
    if utf8_seen_marker_clash(rest) {
        // The file itself holds the private-use characters that mark stray bytes (no real
        // export does): the stray bytes cannot be told apart, so they are shown as such.
        return Decoded {
            text: String::from_utf8_lossy(rest).into_owned(),
            marked: false,
            note: Some(
                "some bytes are not UTF-8 and could not be read (each cell holding one is named)"
                    .to_owned(),
            ),
        };
    }
    Decoded {
        text,
        marked: true,
        note: None,
    }
}

/// Whether valid UTF-8 in `bytes` already holds one of the marking characters.
fn utf8_seen_marker_clash(bytes: &[u8]) -> bool {
    // U+10FF00 to U+10FFFF are F4 8F BC 80 to F4 8F BF BF in UTF-8.
    bytes
        .windows(3)
        .any(|w| w[0] == 0xF4 && w[1] == 0x8F && w[2] >= 0xBC)
}

/// UTF-8 text with each byte that is not part of a valid sequence marked (`STRAY + byte`),
/// and whether any multi-byte UTF-8 character was seen.
fn utf8_with_strays(mut bytes: &[u8]) -> (String, bool) {
    let mut text = String::with_capacity(bytes.len());
    let mut seen = false;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                seen |= !rest.is_ascii();
                text.push_str(rest);
                return (text, seen);
            }
            Err(e) => {
                let (good, bad) = bytes.split_at(e.valid_up_to());
                // Valid up to here by the error's own account.
                let good = std::str::from_utf8(good).unwrap_or_default();
                seen |= !good.is_ascii();
                text.push_str(good);
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                for &b in &bad[..skip.min(bad.len())] {
                    text.push(char::from_u32(STRAY + u32::from(b)).unwrap_or('\u{FFFD}'));
                }
                bytes = &bad[skip.min(bad.len())..];
            }
        }
    }
}

/// A Windows-1252 byte as a character (the bytes 0x80 to 0x9F are curly quotes, dashes,
/// the euro sign and the like; the rest are Latin-1).
pub fn windows_1252(b: u8) -> char {
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

/// Reads every visible worksheet of an XLSX file, cell by cell, once the package has been
/// checked (see [`check_package`]).
fn read_xlsx(bytes: &[u8]) -> Result<Workbook, SheetError> {
    check_package(bytes)?;
    let mut book = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| SheetError::Unreadable(format!("not a readable Excel workbook: {e}")))?;
    let mut workbook = Workbook::default();
    let mut sheets = Vec::new();
    for sheet in book.sheets_metadata() {
        match (sheet.typ, sheet.visible) {
            (SheetType::WorkSheet, SheetVisible::Visible) => sheets.push(sheet.name.clone()),
            (SheetType::WorkSheet, _) => workbook.notes.push(format!(
                "sheet {} is hidden, so it was not read (unhide it in Excel if it holds returns)",
                sheet.name
            )),
            _ => {}
        }
    }
    let mut budget = Budget::new();
    for name in sheets {
        let grid = read_worksheet(&mut book, &name, &mut budget)?;
        workbook.grids.push(grid);
    }
    Ok(workbook)
}

fn read_worksheet(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
) -> Result<Grid, SheetError> {
    let unreadable = |e: calamine::XlsxError| SheetError::Unreadable(format!("sheet {name}: {e}"));
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut grid = Grid {
        name: name.to_owned(),
        ..Grid::default()
    };
    while let Some(cell) = reader
        .next_cell_with_formula_metadata()
        .map_err(unreadable)?
    {
        let (row, column) = (cell.pos.0 as usize, cell.pos.1 as usize);
        let value = match (&cell.value, &cell.formula) {
            // A formula with nothing worked out: kept, so a cell read as a level is named.
            (DataRef::Empty, Some(formula)) => {
                let text = match formula {
                    XlsxFormulaMetadata::Normal { formula } => formula.as_str(),
                    XlsxFormulaMetadata::Shared { formula, .. } => formula.as_str(),
                    _ => "a formula shared with the cells above",
                };
                Value::Uncalculated(text.chars().take(200).collect())
            }
            (value, _) => value_of(value),
        };
        if value.is_empty() {
            continue;
        }
        budget.take(name, (row, column), &value)?;
        grid.put(row, column, value);
    }
    Ok(grid)
}

/// A calamine value as ours.
fn value_of(value: &DataRef<'_>) -> Value {
    match value {
        DataRef::Empty => Value::Empty,
        DataRef::Error(e) => Value::Error(e.to_string()),
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
    }
}

/// Checks an XLSX package before it is opened: a zip, not an old or encrypted workbook; no
/// part twice; parts that unpack to at most [`MAX_UNPACKED_BYTES`]; a shared-strings part of
/// at most [`MAX_TEXT_BYTES`] holding at most as many strings as there may be cells; and
/// bounded counts of cell formats and sheets. The workbook reader trusts the counts a part
/// declares, and builds an entry per string and format: these are what make a small file
/// fill the memory.
fn check_package(bytes: &[u8]) -> Result<(), SheetError> {
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
    if let Some(part) = duplicate_part(bytes) {
        return Err(unreadable(format!(
            "the workbook holds its part {part} twice, so different programs would show different sheets; it is damaged or has been tampered with: open it in Excel and save it again, or ask for it again"
        )));
    }
    let mut unpacked: u64 = 0;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            unpacked = unpacked.saturating_add(entry.size());
            parts.push((
                i,
                entry.name().map(|n| n.to_lowercase()).unwrap_or_default(),
                entry.size(),
            ));
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(SheetError::TooLarge(format!(
            "its parts would unpack to {} MB, more than the {} MB a workbook of returns could need",
            unpacked >> 20,
            MAX_UNPACKED_BYTES >> 20
        )));
    }
    for (i, name, size) in parts {
        let (what, elements, most): (&str, &[&[u8]], usize) = if name.ends_with("sharedstrings.xml")
        {
            if size > MAX_TEXT_BYTES as u64 {
                return Err(SheetError::TooLarge(format!(
                    "its shared strings (the text of its cells, {name}) unpack to {} MB, more than the {} MB of text a file of returns may hold",
                    size >> 20,
                    MAX_TEXT_BYTES >> 20
                )));
            }
            ("shared strings", &[b"si"], MAX_SHARED_STRINGS)
        } else if name.ends_with("styles.xml") {
            (
                "cell formats, fonts, fills and borders",
                &[b"xf", b"font", b"fill", b"border"],
                MAX_STYLES,
            )
        } else if name.ends_with("workbook.xml") {
            ("sheets", &[b"sheet"], MAX_SHEETS)
        } else {
            continue;
        };
        let entry = zip
            .by_index(i)
            .map_err(|e| unreadable(format!("not a readable Excel workbook: {name}: {e}")))?;
        let (count, declared) = count_elements(entry, elements)
            .map_err(|e| unreadable(format!("not a readable Excel workbook: {name}: {e}")))?;
        let count = count.max(declared.unwrap_or(0));
        if count > most {
            return Err(SheetError::TooLarge(format!(
                "{name} declares {count} {what}, more than the {most} a workbook of returns could need"
            )));
        }
    }
    Ok(())
}

/// How many elements of the kinds named an XML part holds (counted as it is unpacked, a
/// chunk at a time), and the `uniqueCount` its start declares, if any.
fn count_elements(
    mut part: impl Read,
    elements: &[&[u8]],
) -> std::io::Result<(usize, Option<usize>)> {
    let mut count = 0;
    let mut declared = None;
    let mut chunk = vec![0u8; 64 * 1024];
    // The last bytes of the previous chunk, so an element split across two is seen.
    let keep = elements.iter().map(|e| e.len()).max().unwrap_or(0) + 2;
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    let starts = |bytes: &[u8]| elements.iter().map(|e| starts_of(bytes, e)).sum::<usize>();
    loop {
        let n = part.read(&mut chunk)?;
        if n == 0 {
            return Ok((count, declared));
        }
        let mut window = std::mem::take(&mut carry);
        window.extend_from_slice(&chunk[..n]);
        if first {
            declared = declared_count(&window);
            first = false;
        }
        let tail = window.len().saturating_sub(keep);
        // Starts inside the kept tail are counted with the next chunk, not now.
        count += starts(&window) - starts(&window[tail..]);
        carry = window[tail..].to_vec();
    }
}

/// How many elements named `element` start in `bytes` (`<si>`, `<si/>`, `<x:si ...>`).
fn starts_of(bytes: &[u8], element: &[u8]) -> usize {
    let n = element.len();
    (1..bytes.len().saturating_sub(n))
        .filter(|&i| {
            &bytes[i..i + n] == element
                && matches!(bytes[i + n], b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
                && (bytes[i - 1] == b'<'
                    || (bytes[i - 1] == b':' && is_prefixed_start(bytes, i - 1)))
        })
        .count()
}

/// Whether the `:` at `colon` belongs to a prefixed element name just after a `<`.
fn is_prefixed_start(bytes: &[u8], colon: usize) -> bool {
    let before = &bytes[..colon];
    let name_start = before
        .iter()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    name_start > 0 && before[name_start - 1] == b'<' && name_start < colon
}

/// The `uniqueCount="N"` in the start of a part: the workbook reader makes room for that
/// many strings before reading one.
fn declared_count(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let attribute = "uniqueCount=\"";
    let at = text.find(attribute)?;
    let digits: String = text[at + attribute.len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    // A number too long to parse is far past any bound.
    Some(if digits.len() > 18 {
        usize::MAX
    } else {
        digits.parse().unwrap_or(0)
    })
}

/// The first part named twice in the zip's central directory (names compared as a package
/// compares them: case aside). The zip reader keeps one entry per name, so the directory
/// itself is read.
fn duplicate_part(bytes: &[u8]) -> Option<String> {
    let names = central_directory_names(bytes)?;
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .find(|name| !seen.insert(name.to_lowercase()))
}

/// The names in a zip's central directory, in order, duplicates and all; `None` if the
/// directory cannot be walked (the zip reader has accepted the file, so this is a zip64 or
/// odd layout, left to it).
fn central_directory_names(bytes: &[u8]) -> Option<Vec<String>> {
    const END: &[u8] = b"PK\x05\x06";
    const ENTRY: &[u8] = b"PK\x01\x02";
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let end = search_from + bytes[search_from..].windows(4).rposition(|w| w == END)?;
    let u16_at = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])))
    };
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
    };
    let count = u16_at(end + 10)?;
    let mut at = u32_at(end + 16)?;
    if count == 0xFFFF || at == 0xFFFF_FFFF {
        return None;
    }
    let mut names = Vec::with_capacity(count.min(100_000));
    for _ in 0..count {
        if bytes.get(at..at + 4)? != ENTRY {
            return None;
        }
        let (name, extra, comment) = (u16_at(at + 28)?, u16_at(at + 30)?, u16_at(at + 32)?);
        let raw = bytes.get(at + 46..at + 46 + name)?;
        names.push(String::from_utf8_lossy(raw).replace('\\', "/"));
        at += 46 + name + extra + comment;
    }
    Some(names)
}

/// An Excel date serial (days since 30 December 1899, the time as the fraction) as a date
/// and time, to the second.
pub fn from_serial(serial: f64) -> Option<DateTime> {
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
    fn windows_1252_throughout_reads_as_itself_with_no_word() {
        let decoded = decode(b"\x93Yes\x94 \xA35");
        assert_eq!(decoded.text, "“Yes” £5");
        assert!(!decoded.marked);
    }

    #[test]
    fn a_stray_byte_in_utf8_is_read_as_windows_1252_and_named() {
        // "Café" in UTF-8 beside "King’s" with Windows-1252's right quote (0x92).
        let decoded = decode(
            "Caf\u{e9},King"
                .bytes()
                .chain(*b"\x92s Langley")
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert!(decoded.marked);
        let (text, what) = decoded.mend(decoded.text.split(',').nth(1).expect("cell"));
        assert_eq!(text, "King’s Langley");
        assert_eq!(
            what.as_deref(),
            Some("the byte 0x92 is not UTF-8 (the rest of the file is), read as Windows-1252: \"King’s Langley\"; check it reads as meant")
        );
        let (text, what) = decoded.mend("Café");
        assert_eq!((text.as_str(), what), ("Café", None));
    }

    #[test]
    fn a_byte_order_mark_says_utf8_even_with_no_other_character() {
        let decoded = decode(b"\xEF\xBB\xBFKing\x92s");
        assert!(decoded.marked);
        assert_eq!(decoded.mend(&decoded.text).0, "King’s");
    }

    #[test]
    fn the_separator_is_found_below_a_title_and_outside_quotes() {
        assert_eq!(
            delimiter("Returns 2025/26\n\nSchool;URN;\"1a, teaching\"\n"),
            b';'
        );
        assert_eq!(delimiter("a,b,c\n"), b',');
        assert_eq!(delimiter("a\tb\n"), b'\t');
        assert_eq!(delimiter("title only\n"), b',');
    }

    #[test]
    fn elements_are_counted_across_chunks_and_prefixes() {
        let xml = format!(
            "<sst uniqueCount=\"3\">{}<x:si/></sst>",
            "<si><t>a</t></si>".repeat(10_000)
        );
        let (count, declared) = count_elements(xml.as_bytes(), &[b"si"]).expect("count");
        assert_eq!((count, declared), (10_001, Some(3)));
        // "<sis>" and "</si>" are not starts of "si".
        assert_eq!(starts_of(b"<sis></si><si>", b"si"), 1);
    }

    #[test]
    fn sparse_cells_come_back_in_column_order() {
        let mut grid = Grid::default();
        grid.put(0, 5, Value::Text("f".into()));
        grid.put(0, 1, Value::Text("b".into()));
        grid.put(0, 3, Value::Text("d".into()));
        grid.put(0, 3, Value::Text("D".into()));
        grid.put(2, 0, Value::Text("   ".into()));
        let columns: Vec<usize> = grid.row(0).iter().map(|(c, _)| *c).collect();
        assert_eq!(columns, [1, 3, 5]);
        assert_eq!(grid.get(0, 3), &Value::Text("D".into()));
        assert_eq!(grid.get(0, 4), &Value::Empty);
        assert_eq!((grid.width(), grid.height()), (6, 1));
    }
}
