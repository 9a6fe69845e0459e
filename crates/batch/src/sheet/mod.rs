//! Survey exports and spreadsheets (CSV and XLSX) read as returns: one row per school.
//!
//! A county collects its returns with one online survey (Microsoft Forms, Google Forms,
//! SurveyMonkey, Smart Survey, Qualtrics) or one shared spreadsheet, and exports it as a
//! sheet with a row per school. Reading one is a few jobs, a module each:
//!
//! - [`grid`]: the file into grids of cells (CSV in its encodings, XLSX cell by cell),
//!   within bounds that hold however the file is made;
//! - [`tools`]: each survey tool's export described as data (its own columns, header rows,
//!   how it names a grid's rows, its dates);
//! - [`headers`]: what a header means (a strand, duty or school detail however worded, or
//!   a tool's own column);
//! - [`layout`]: where the header is, the tool's header rows put together, and what every
//!   column holds, with what stops the sheet being read;
//! - [`rows`]: each row below it into a return, every problem named by its cell;
//! - [`map`]: the column map a person writes (or `sendbench columns` writes for them).
//!
//! What cannot be settled is an error naming the sheet and cell (`Returns!F1`); a column
//! map ([`ColumnMap`], a small TOML file that `sendbench columns` writes for a person to
//! finish) settles it. [`explain`] says how every column was read, for that command.

pub mod grid;
pub mod headers;
pub mod layout;
pub mod map;
pub mod rows;
pub mod tools;

use std::fmt::Write;
use std::path::Path;

use sendbench_core::{Assessment, Rubric};

pub use grid::{
    letter, MAX_CELLS, MAX_COLUMNS, MAX_SHEET_ROWS, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES,
};
pub use headers::normalise;
pub use layout::Column;
pub use map::{ColumnMap, Field};

use grid::Grid;
use layout::Layout;

/// The most rows of returns a sheet may have (a county has hundreds of schools, not
/// millions).
pub const MAX_ROWS: usize = 20_000;
/// The largest spreadsheet file read, checked before reading (a CSV's cells can hold no
/// more text than this).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most problems reported per file before "and N more".
const MAX_PROBLEMS: usize = 50;

/// Why a sheet as a whole cannot be read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SheetError {
    /// Not a spreadsheet this reads, or damaged.
    #[error("{0}")]
    Unreadable(String),
    /// Past one of the bounds (named in the message, with the cell that passed it).
    #[error("{0}")]
    TooLarge(String),
    /// Columns that cannot be matched to the rubric, or are matched twice: each named by
    /// its cell; the last line says how to settle them.
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
    pub submitted: Option<jiff::civil::DateTime>,
    /// SHA-256 (hex) of the cells read: the row's own fingerprint.
    pub digest: String,
    /// What reading it changed, each cell named: characters no document can carry taken
    /// out, a byte read as Windows-1252.
    pub warnings: Vec<String>,
}

/// Everything read from one file.
#[derive(Debug, Clone, Default)]
pub struct SheetReturns {
    /// One per row that is a school's return.
    pub rows: Vec<Row>,
    /// What a person should know: the tool recognised, where the header is, columns and
    /// rows left out, cells mended.
    pub notes: Vec<String>,
}

/// Whether a file is a spreadsheet this reads, by its extension.
pub fn is_sheet(extension: &str) -> bool {
    matches!(extension, "csv" | "xlsx" | "xlsm")
}

/// A file's sheets as grids.
fn grids(path: &Path, bytes: &[u8]) -> Result<grid::Workbook, SheetError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map_or_else(|| "sheet".to_owned(), |s| s.to_string_lossy().into_owned());
    grid::read(&extension, &stem, bytes)
}

/// The sheets a column map lets through: the one it names, else all.
fn wanted(grid: &Grid, map: Option<&ColumnMap>) -> bool {
    map.and_then(|m| m.sheet.as_deref())
        .is_none_or(|wanted| grid.name.eq_ignore_ascii_case(wanted))
}

/// Reads a CSV or XLSX file's rows as returns. `None` when no sheet is returns: none has a
/// column for a strand or a column of level names (the file is some other spreadsheet). A
/// sheet of returns that cannot be read is an error, never passed over.
pub fn read(
    path: &Path,
    bytes: &[u8],
    rubric: &Rubric,
    map: Option<&ColumnMap>,
) -> Result<Option<SheetReturns>, SheetError> {
    let workbook = grids(path, bytes)?;
    let mut out = SheetReturns {
        notes: workbook.notes,
        ..SheetReturns::default()
    };
    let mut found = false;
    let mut column_problems = Vec::new();
    let mut other_sheets = Vec::new();
    for grid in workbook.grids.iter().filter(|g| wanted(g, map)) {
        let layout = layout::layout(grid, rubric, map);
        if !layout.is_returns() {
            if grid.height() > 0 && map.and_then(|m| m.sheet.as_deref()).is_some() {
                column_problems.push(format!(
                    "sheet {}: no column is a strand of the rubric or holds level names",
                    grid.name
                ));
            } else if grid.height() > 0 {
                other_sheets.push(grid.name.clone());
            }
            continue;
        }
        found = true;
        out.notes.extend(sheet_notes(grid, &layout));
        if layout.problems.is_empty() {
            rows::read_rows(grid, &layout, rubric, &mut out);
        } else {
            column_problems.extend(layout.problems);
        }
    }
    if let Some(wanted) = map.and_then(|m| m.sheet.as_deref()) {
        if !found && column_problems.is_empty() {
            column_problems.push(format!(
                "the column map names sheet {wanted:?}, which the file does not have"
            ));
        }
    }
    if !column_problems.is_empty() {
        column_problems.push(settle_hint(path, map.is_some()));
        return Err(SheetError::Columns(column_problems));
    }
    // Beside sheets of returns, the others are said to be passed over.
    for name in other_sheets.iter().filter(|_| found) {
        out.notes.push(format!(
            "sheet {name}: no strand column and no column of level names, so not returns and not read"
        ));
    }
    Ok(found.then_some(out))
}

/// How to settle columns that cannot be placed: `sendbench columns` writes the map.
fn settle_hint(path: &Path, mapped: bool) -> String {
    let file = crate::files::portable(path);
    if mapped {
        format!(
            "settle these in the column map (--columns); `sendbench columns \"{file}\"` shows how every column is read"
        )
    } else {
        format!(
            "to settle these, `sendbench columns \"{file}\" -o columns.toml` writes a column map of every column: fill in its lines marked # not placed, then give it with --columns columns.toml"
        )
    }
}

/// What a person should know about how a sheet was read: the tool recognised, where the
/// header is and what lies above it, the tool's own columns left out, header cells mended.
fn sheet_notes(grid: &Grid, layout: &Layout) -> Vec<String> {
    let mut notes = Vec::new();
    let first = layout.block.first;
    if let Some(tool) = layout.tool {
        notes.push(format!(
            "sheet {}: read as a {} export (recognised by its own columns), its header in {}",
            grid.name,
            tool.name,
            rows_named(first, layout.block.rows)
        ));
    } else if first > 0 {
        notes.push(format!(
            "sheet {}: its header is in {}",
            grid.name,
            rows_named(first, layout.block.rows)
        ));
    }
    let above: Vec<String> = (0..first)
        .filter(|&r| grid.filled(r) > 0)
        .map(|r| {
            let text = grid
                .row(r)
                .iter()
                .map(|(_, v)| v.text())
                .collect::<Vec<_>>();
            format!("row {} ({:?})", r + 1, headers::shorten(&text.join(" ")))
        })
        .collect();
    if !above.is_empty() {
        notes.push(format!(
            "sheet {}: above the header, not read (a title?): {}",
            grid.name,
            above.join("; ")
        ));
    }
    let ignored: Vec<String> = layout
        .columns
        .iter()
        .filter(|c| c.field == Some(Field::Ignore) && !c.free_text && !c.how.contains("column map"))
        .map(|c| format!("{:?}", c.header))
        .collect();
    let free: Vec<String> = layout
        .columns
        .iter()
        .filter(|c| c.free_text)
        .map(|c| format!("{:?} ({})", headers::shorten(&c.header), c.cell))
        .collect();
    if !free.is_empty() {
        notes.push(format!(
            "sheet {}: left out, as free text that matches nothing in the rubric (if one is part of the return, say what it holds in a column map: `sendbench columns` writes one): {}",
            grid.name,
            free.join(", ")
        ));
    }
    if !ignored.is_empty() {
        notes.push(format!(
            "sheet {}: left out, as a survey tool's own columns: {}",
            grid.name,
            ignored.join(", ")
        ));
    }
    for ((row, column), what) in grid.mended.range(..(layout.block.end(), 0)) {
        notes.push(format!("{}: {what}", grid.cell(*row, *column)));
    }
    notes
}

/// "row 4" or "rows 1 to 3" (0-based first row).
fn rows_named(first: usize, rows: usize) -> String {
    if rows <= 1 {
        format!("row {}", first + 1)
    } else {
        format!("rows {} to {}", first + 1, first + rows)
    }
}

/// How one sheet's columns were read.
#[derive(Debug, Clone)]
pub struct SheetReading {
    /// The sheet's name.
    pub name: String,
    /// The survey tool recognised, if any.
    pub tool: Option<&'static str>,
    /// The first header row, from 1.
    pub header_row: usize,
    /// How many header rows.
    pub header_rows: usize,
    /// Whether it is returns (a strand column, or a column of level names).
    pub returns: bool,
    /// Every column.
    pub columns: Vec<Column>,
    /// What stops it being read, each naming its cell.
    pub problems: Vec<String>,
}

/// How every sheet of a file is read: what `sendbench columns` prints and turns into a
/// column map.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The file, as given.
    pub file: String,
    /// Each sheet, in the file's order.
    pub sheets: Vec<SheetReading>,
    /// What a person should know about the file (hidden sheets, its encoding).
    pub notes: Vec<String>,
}

/// Why a file's columns cannot be explained.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    /// Not read at all.
    #[error("cannot read {file}: {source}")]
    File {
        /// The file.
        file: String,
        /// Why.
        source: crate::files::FileError,
    },
    /// Not a CSV or XLSX file.
    #[error("{0} is not a spreadsheet sendbench reads: give a CSV or XLSX export")]
    NotASheet(String),
    /// Read, but not a spreadsheet that can be read.
    #[error("{file}: {source}")]
    Sheet {
        /// The file.
        file: String,
        /// Why.
        source: SheetError,
    },
}

/// Reads a spreadsheet file (at most [`MAX_FILE_BYTES`], never a device) and says how every
/// column of every sheet is read, with a column map if given.
pub fn explain_file(
    path: &Path,
    rubric: &Rubric,
    map: Option<&ColumnMap>,
) -> Result<Explanation, ExplainError> {
    let file = crate::files::portable(path);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !is_sheet(&extension) {
        return Err(ExplainError::NotASheet(file));
    }
    let bytes =
        crate::files::read_limited(path, MAX_FILE_BYTES).map_err(|source| ExplainError::File {
            file: file.clone(),
            source,
        })?;
    explain(path, &bytes, rubric, map).map_err(|source| ExplainError::Sheet { file, source })
}

/// Says how every column of every sheet of a file is read, with a column map if given.
pub fn explain(
    path: &Path,
    bytes: &[u8],
    rubric: &Rubric,
    map: Option<&ColumnMap>,
) -> Result<Explanation, SheetError> {
    let workbook = grids(path, bytes)?;
    let sheets = workbook
        .grids
        .iter()
        .filter(|g| wanted(g, map) && g.height() > 0)
        .map(|grid| {
            let layout = layout::layout(grid, rubric, map);
            SheetReading {
                name: grid.name.clone(),
                tool: layout.tool.map(|t| t.name),
                header_row: layout.block.first + 1,
                header_rows: layout.block.rows,
                returns: layout.is_returns(),
                problems: layout.problems.clone(),
                columns: layout.columns,
            }
        })
        .collect();
    Ok(Explanation {
        file: crate::files::portable(path),
        sheets,
        notes: workbook.notes,
    })
}

impl Explanation {
    /// How many columns with answers are not placed, over the sheets of returns.
    pub fn unplaced(&self) -> usize {
        self.returned()
            .flat_map(|s| &s.columns)
            .filter(|c| c.field.is_none() && c.has_data)
            .count()
    }

    fn returned(&self) -> impl Iterator<Item = &SheetReading> {
        self.sheets.iter().filter(|s| s.returns)
    }

    /// The explanation for people: per sheet, the tool and header, then each column.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        for sheet in &self.sheets {
            let _ = writeln!(
                out,
                "Sheet {}: {}; header in {}{}",
                sheet.name,
                sheet
                    .tool
                    .map_or("no survey tool recognised".to_owned(), |t| format!(
                        "a {t} export"
                    )),
                rows_named(sheet.header_row - 1, sheet.header_rows),
                if sheet.returns {
                    ""
                } else {
                    " (no strand or column of levels: not returns, and skipped)"
                }
            );
            for c in &sheet.columns {
                if c.header.is_empty() && !c.has_data {
                    continue;
                }
                let what = match &c.field {
                    Some(Field::Ignore) => format!("left out: {}", c.how),
                    Some(f) => format!("{} ({})", f.describe(), c.how),
                    None if !c.has_data => format!("not placed ({}), but empty", c.how),
                    None => format!("NOT PLACED: {}{}", c.how, answers_said(c)),
                };
                let header = format!("{:?}", headers::shorten(&c.header));
                let _ = writeln!(out, "  {:>3}  {header:<60}  {what}", c.letter);
            }
            for p in &sheet.problems {
                let _ = writeln!(out, "  problem: {p}");
            }
        }
        out
    }

    /// A complete column map of the sheets of returns, every column on a line with a comment
    /// saying how it was read; a column that cannot be placed is `""` and marked
    /// `# not placed`, for the person to fill in.
    pub fn column_map(&self) -> String {
        let mut out = format!(
            "# Column map for {}, written by `sendbench columns`.\n\
             # Each line under [columns] says what one column holds: \"strand 1a\", \"evidence 1a\",\n\
             # \"duty ID\", \"school\", \"urn\", \"area\", \"academic-year\", \"date\", \"submitted\" or \"ignore\".\n\
             # Fill in every line marked `# not placed`, then give this file with --columns.\n",
            self.file
        );
        let sheets: Vec<&SheetReading> = self.returned().collect();
        if let [sheet] = sheets.as_slice() {
            if self.sheets.len() > 1 {
                let _ = writeln!(out, "sheet = {}", map::quoted(&sheet.name));
            }
        }
        if let Some(sheet) = sheets.first() {
            let _ = writeln!(
                out,
                "header_row = {}\nheader_rows = {}",
                sheet.header_row, sheet.header_rows
            );
            if let Some(tool) = sheet.tool {
                let _ = writeln!(out, "tool = {}", map::quoted(tool));
            }
        }
        out.push_str("\n[columns]\n");
        for sheet in sheets {
            if self.sheets.len() > 1 {
                let _ = writeln!(out, "# sheet {}", sheet.name);
            }
            write_columns(&mut out, sheet);
        }
        out
    }
}

/// What an unplaced column's answers say it almost certainly is.
fn answers_said(c: &Column) -> String {
    match (&c.levels, &c.statuses) {
        (Some(l), _) => format!("; its answers are level names ({l}): almost certainly a strand"),
        (None, Some(s)) => format!("; its answers are statuses ({s}): almost certainly a duty"),
        (None, None) => String::new(),
    }
}

/// One line per column of a sheet: its header (or letter) = its meaning, with a comment.
fn write_columns(out: &mut String, sheet: &SheetReading) {
    let mut seen = std::collections::HashMap::new();
    for c in &sheet.columns {
        *seen.entry(normalise(&c.header)).or_insert(0) += 1;
    }
    for c in &sheet.columns {
        if c.header.trim().is_empty() && !c.has_data {
            continue;
        }
        let key = if c.header.trim().is_empty() || seen.get(&normalise(&c.header)) != Some(&1) {
            c.letter.clone()
        } else {
            c.header.clone()
        };
        let (meaning, comment) = match (&c.field, c.has_data) {
            (Some(Field::Ignore), _) if c.free_text => (
                "ignore".to_owned(),
                format!(
                    "not placed: {}, free text, so left out; if it is part of the return, write what it holds",
                    c.letter
                ),
            ),
            (Some(Field::Ignore), _) => (
                "ignore".to_owned(),
                format!("{}: left out, {}", c.letter, c.how),
            ),
            (Some(f), _) => (
                f.meaning(),
                format!("{}: {}, {}", c.letter, f.describe(), c.how),
            ),
            (None, false) => (
                "ignore".to_owned(),
                format!(
                    "{}: empty in this export; say what it holds if it ever has answers",
                    c.letter
                ),
            ),
            (None, true) => (
                String::new(),
                format!("not placed: {}, {}{}", c.letter, c.how, answers_said(c)),
            ),
        };
        let line = format!("{} = {}", map::quoted(&key), map::quoted(&meaning));
        let _ = writeln!(out, "{line:<60}  # {}", comment.replace('\n', " "));
    }
}
