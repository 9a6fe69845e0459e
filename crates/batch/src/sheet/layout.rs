//! Where a sheet's header is and what every column holds: the header found below titles,
//! merged cells and blank rows (or where a column map says), a survey tool's header rows put
//! together into one header per column, each column placed by the meaning of its header
//! ([`super::headers`]), and what stops the sheet being read, each problem naming its cell.
//! A column that matches nothing but holds level names or statuses is almost certainly a
//! strand or a duty, and an error; one holding free text is left out with a note.

use std::collections::HashMap;

use sendbench_core::Rubric;

use super::grid::{letter, Grid, Value};
use super::headers::{
    codes_in, detail, match_header, normalise, possessive, shorten, Answers, Header, Matched,
};
use super::map::{ColumnMap, Field};
use super::tools::{self, HeaderRows, Tool};

/// How far down a sheet the header is looked for.
pub const HEADER_SEARCH_ROWS: usize = 50;
/// The most header rows a sheet has (Qualtrics writes three).
const MAX_HEADER_ROWS: usize = 3;

/// Where the header is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The first header row (0-based).
    pub first: usize,
    /// How many header rows.
    pub rows: usize,
}

impl Block {
    /// The first row after the header: the first that may be a return.
    pub fn end(&self) -> usize {
        self.first + self.rows
    }
}

/// Finds the header: the row a column map names; else the row where a survey tool's own
/// columns stand (with the rows the tool writes under it); else the row that most looks
/// like a header (its cells strand codes, school details, a tool's own columns), or failing
/// that the row just above the first row of answers, with the rows above it that head
/// groups of its columns, never a title or a blank row; else the first row with two cells
/// filled.
pub fn find_block(
    grid: &Grid,
    (rubric, answers): (&Rubric, &Answers),
    map: Option<&ColumnMap>,
) -> (Block, Option<&'static Tool>) {
    let search = grid.height().min(HEADER_SEARCH_ROWS);
    let texts = |row: usize| {
        grid.row(row)
            .iter()
            .map(|(_, v)| v.text())
            .collect::<Vec<_>>()
    };
    let recognise = |row: usize| tools::recognise(texts(row).iter().map(String::as_str));
    if let Some(first) = map.and_then(|m| m.header_row) {
        let first = first.saturating_sub(1);
        let tool = map
            .and_then(|m| m.tool)
            .or_else(|| (first..first + MAX_HEADER_ROWS).find_map(recognise));
        let rows = match (map.and_then(|m| m.header_rows), tool) {
            (Some(n), _) => n,
            (None, Some(tool)) => tool_rows(grid, answers, tool, first),
            (None, None) => 1,
        };
        return (Block { first, rows }, tool);
    }
    for row in 0..search {
        if let Some(tool) = map
            .and_then(|m| m.tool)
            .filter(|_| grid.filled(row) >= 2)
            .or_else(|| recognise(row))
        {
            let rows = map
                .and_then(|m| m.header_rows)
                .unwrap_or_else(|| tool_rows(grid, answers, tool, row));
            return (Block { first: row, rows }, Some(tool));
        }
    }
    let holds_answers = |row: usize| grid.row(row).iter().any(|(_, v)| answers.is_level(v));
    // The row whose cells most look like headers: a strand's code, a school detail, a
    // survey tool's own column. Two at least, so a title is never taken for it.
    let best = (0..search)
        .map(|r| (header_score(grid, r, (rubric, answers)), r))
        .filter(|(score, _)| *score >= 2)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let block = match (best, (0..search).find(|&r| holds_answers(r))) {
        (Some((_, header)), _) => above_answers(grid, header + 1),
        (None, Some(data)) => above_answers(grid, data),
        (None, None) => {
            let first = (0..search).find(|&r| grid.filled(r) >= 2).unwrap_or(0);
            Block { first, rows: 1 }
        }
    };
    let rows = map.and_then(|m| m.header_rows).unwrap_or(block.rows);
    (Block { rows, ..block }, None)
}

/// How much a row looks like a header: its cells that are a strand's code, a school detail
/// or a survey tool's own column; none for a row holding answers.
fn header_score(grid: &Grid, row: usize, (rubric, answers): (&Rubric, &Answers)) -> usize {
    let cells = grid.row(row);
    if cells.len() < 2 || cells.iter().any(|(_, v)| answers.is_level(v)) {
        return 0;
    }
    cells
        .iter()
        .filter_map(|(_, v)| v.as_text())
        .filter(|t| t.len() <= 300)
        .filter(|t| {
            let norm = normalise(t);
            !codes_in(t, rubric).is_empty()
                || detail(t, rubric) != Matched::None
                || tools::ANY_OWN.contains(&norm.as_str())
                || tools::ANY_SUBMITTED.contains(&norm.as_str())
        })
        .count()
}

/// The header rows just above row `data`: the row above it, and the rows above that which
/// head groups of its columns (filled across at least half its width), never a title (one
/// cell) or a blank row.
fn above_answers(grid: &Grid, data: usize) -> Block {
    if data == 0 {
        return Block { first: 0, rows: 0 };
    }
    let mut first = data - 1;
    let reach = |row: usize| grid.row(row).last().map_or(0, |(c, _)| *c + 1);
    let lowest = reach(data - 1);
    while first > 0
        && data - first < MAX_HEADER_ROWS
        && grid.filled(first - 1) >= 2
        && reach(first - 1) * 2 >= lowest
    {
        first -= 1;
    }
    Block {
        first,
        rows: data - first,
    }
}

/// How many header rows a tool wrote, its own columns' row being `row`.
fn tool_rows(grid: &Grid, answers: &Answers, tool: &Tool, row: usize) -> usize {
    let answers = |r: usize| grid.row(r).iter().any(|(_, v)| answers.is_level(v));
    let import_ids = |r: usize| grid.row(r).iter().any(|(_, v)| is_import_id(v));
    match tool.rows {
        HeaderRows::One => {
            // A tool's one row may still have an import-id row under it when re-exported.
            1 + usize::from(import_ids(row + 1))
        }
        HeaderRows::QuestionsThenLabels { .. } => {
            if grid.filled(row + 1) > 0 && !answers(row + 1) {
                2
            } else {
                1
            }
        }
        HeaderRows::IdsTextsImportIds => {
            let mut rows = 1;
            if grid.filled(row + 1) > 0 && !answers(row + 1) && !import_ids(row + 1) {
                rows = 2;
            }
            if import_ids(row + rows) {
                rows += 1;
            }
            rows
        }
    }
}

/// Qualtrics' third header row: `{"ImportId":"QID2_1"}`.
fn is_import_id(value: &Value) -> bool {
    value.as_text().is_some_and(|t| {
        let t = t.trim_start();
        t.starts_with('{') && t.to_lowercase().contains("importid")
    })
}

/// "Response" and the like: the label under a question with one answer, of the tool (or of
/// any tool, when none was recognised).
fn is_response_label(text: &str, tool: Option<&Tool>) -> bool {
    let norm = normalise(text);
    let labels: &[&str] = match tool.map(|t| t.rows) {
        Some(HeaderRows::QuestionsThenLabels { labels }) => labels,
        _ => &["response", "responses", "open ended response"],
    };
    labels.contains(&norm.as_str())
}

/// Each column's header, from the header rows: a question written over the first column of
/// a group carries over the empty cells to its right, onto columns that have a label of
/// their own; a label that only says "Response" gives way to the question over it; a row
/// of import ids is left out, and a row of a tool's ids above the text is kept as the ids.
pub fn compose(grid: &Grid, block: Block, tool: Option<&Tool>) -> Vec<Header> {
    let mut rows: Vec<usize> = (block.first..block.end())
        .filter(|&r| !grid.row(r).iter().any(|(_, v)| is_import_id(v)))
        .collect();
    // Qualtrics: its ids, then the text people read.
    let ids = (tool.is_some_and(|t| t.rows == HeaderRows::IdsTextsImportIds) && rows.len() >= 2)
        .then(|| rows.remove(0));
    let Some(&lowest) = rows.last() else {
        return vec![Header::default(); grid.width()];
    };
    let uppers = &rows[..rows.len() - 1];
    let mut carried: Vec<String> = vec![String::new(); uppers.len()];
    (0..grid.width())
        .map(|column| {
            let own = grid.get(lowest, column).text();
            let label = !own.is_empty() && !is_response_label(&own, tool);
            let mut above = Vec::new();
            for (u, &row) in uppers.iter().enumerate() {
                let text = grid.get(row, column).text();
                if !text.is_empty() {
                    carried[u] = text.clone();
                    above.push(text);
                } else if label && !carried[u].is_empty() {
                    above.push(carried[u].clone());
                }
            }
            let id = ids
                .map(|r| grid.get(r, column).text())
                .filter(|t| !t.is_empty());
            let above = above.join(" ");
            let (own, above, row) = match (label, above.is_empty()) {
                (true, true) => (own, None, lowest),
                (true, false) => (own, Some(above), lowest),
                (false, _) => (above, None, uppers.last().copied().unwrap_or(lowest)),
            };
            Header {
                own,
                above,
                id,
                row,
            }
        })
        .collect()
}

/// How one column was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its letter.
    pub letter: String,
    /// Its header as a person reads it.
    pub header: String,
    /// A survey tool's own id for it (Qualtrics' first header row).
    pub id: Option<String>,
    /// The cell of its header (`Returns!F1`).
    pub cell: String,
    /// What it holds, if placed.
    pub field: Option<Field>,
    /// How it was placed, or why not.
    pub how: String,
    /// Whether it has anything below the header.
    pub has_data: bool,
    /// Its first level answer, when it holds level names (`"Expected" in F2`).
    pub levels: Option<String>,
    /// Its first status, when it holds a duty's statuses (`"Met" in F2`).
    pub statuses: Option<String>,
    /// Not placed, and holding neither levels nor statuses: free text (a comment, the
    /// respondent's own name), left out with a note.
    pub free_text: bool,
}

/// How a sheet's columns were understood.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The survey tool recognised, if any.
    pub tool: Option<&'static Tool>,
    /// Where the header is.
    pub block: Block,
    /// Every column, in order.
    pub columns: Vec<Column>,
    /// What cannot be settled: each names its cell.
    pub problems: Vec<String>,
    /// Whether the column map speaks of this sheet.
    pub mapped: bool,
    /// The rubric's answers, to tell a row of answers.
    pub answers: Answers,
}

impl Layout {
    /// Each column's meaning (`None`: not placed, or nothing there).
    pub fn fields(&self) -> Vec<Option<Field>> {
        self.columns.iter().map(|c| c.field.clone()).collect()
    }

    /// Whether the sheet is returns: a column is a strand, or holds level names.
    pub fn is_returns(&self) -> bool {
        self.mapped
            || self
                .columns
                .iter()
                .any(|c| matches!(c.field, Some(Field::Level(_))) || c.levels.is_some())
    }
}

/// Works out where the header is and what every column holds.
pub fn layout(grid: &Grid, rubric: &Rubric, map: Option<&ColumnMap>) -> Layout {
    let answers = Answers::of(rubric);
    let (block, tool) = find_block(grid, (rubric, &answers), map);
    let headers = compose(grid, block, tool);
    let mut columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(c, header)| read_column(grid, block, (c, header), (tool, map), (rubric, &answers)))
        .collect();
    let mapped = columns.iter().any(|c| c.how == BY_MAP);
    prefer_tools_completion_time(&mut columns, tool);
    for column in &mut columns {
        settle_unplaced(column);
    }
    let mut layout = Layout {
        tool,
        block,
        columns,
        problems: Vec::new(),
        mapped,
        answers,
    };
    layout.problems = problems(&layout, grid, rubric);
    layout
}

/// How a column placed by the column map says so.
const BY_MAP: &str = "by the column map";

/// One column: its header, what it holds and how that was found, what its answers are.
fn read_column(
    grid: &Grid,
    block: Block,
    (c, header): (usize, &Header),
    (tool, map): (Option<&Tool>, Option<&ColumnMap>),
    (rubric, answers): (&Rubric, &Answers),
) -> Column {
    let text = header.text();
    let values = || {
        (block.end()..grid.height())
            .map(move |r| (r, grid.get(r, c)))
            .filter(|(_, v)| !v.is_empty())
    };
    let (levels, statuses) = answer_kinds(grid, block, c, answers);
    let cell_row = if header.is_empty() {
        block.end().saturating_sub(1)
    } else {
        header.row
    };
    let (field, how) = match map.and_then(|m| m.field_for(&text, &header.own, &letter(c))) {
        Some(field) => (Some(field.clone()), BY_MAP.to_owned()),
        None if header.is_empty() => (None, "no header".to_owned()),
        None => match match_header(header, tool, rubric) {
            Matched::One(field, how) => match unlike_detail(
                &field,
                &how,
                levels.as_ref().or(statuses.as_ref()),
                values().map(|(r, v)| (r, v.text())),
            ) {
                Some(why) => (None, why),
                None => (Some(field), how),
            },
            Matched::Many(fields) => (
                None,
                format!(
                    "could be {}",
                    fields
                        .iter()
                        .map(Field::describe)
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            ),
            Matched::None => (None, "matches nothing in the rubric".to_owned()),
        },
    };
    Column {
        letter: letter(c),
        header: text,
        id: header.id.clone(),
        cell: grid.cell(cell_row, c),
        field,
        how,
        has_data: values().next().is_some(),
        levels,
        statuses,
        free_text: false,
    }
}

/// What a column's answers are, each with the first of them (`"Expected" in F2`): level
/// names (or a form's option, or one strand's descriptors), and statuses; each only when
/// most of what the column holds is so, allowing a few typing slips.
fn answer_kinds(
    grid: &Grid,
    block: Block,
    c: usize,
    answers: &Answers,
) -> (Option<String>, Option<String>) {
    let values = || {
        (block.end()..grid.height())
            .map(move |r| (r, grid.get(r, c)))
            .filter(|(_, v)| !v.is_empty())
    };
    let first = |test: &dyn Fn(&Value) -> bool| -> Option<String> {
        let (mut hits, mut filled, mut first) = (0usize, 0usize, None);
        for (r, v) in values() {
            filled += 1;
            if test(v) {
                hits += 1;
                first.get_or_insert_with(|| {
                    format!("{:?} in {}{}", shorten(&v.text()), letter(c), r + 1)
                });
            }
        }
        (hits > 0 && hits * 5 >= filled * 4)
            .then_some(first)
            .flatten()
    };
    // Answers that quote descriptors answer one strand: a column quoting many strands'
    // descriptors is a list of them (sendbench's own area spreadsheet), not answers.
    let mut quoted: Vec<&str> = values()
        .filter_map(|(_, v)| answers.descriptor_of(v))
        .collect();
    quoted.sort_unstable();
    quoted.dedup();
    let levels = if quoted.len() > 1 {
        None
    } else {
        first(&|v| answers.is_level(v))
    };
    let statuses = first(&|v| {
        v.as_text()
            .is_some_and(|t| sendbench_core::ChecklistStatus::parse(&normalise(t)).is_some())
    });
    (levels, statuses)
}

/// Why a column whose header words name a school detail does not hold it: an area's answers
/// are names of a few words, a school's a name, not sentences ("Anything else you would
/// like the DSPL team to know?" speaks of the DSPL but holds comments).
fn unlike_detail(
    field: &Field,
    how: &str,
    answers: Option<&String>,
    mut values: impl Iterator<Item = (usize, String)>,
) -> Option<String> {
    if how != "by its wording" {
        return None;
    }
    // "Provision area 1" holding Expected is a strand, whatever its header's words.
    if answers.is_some() {
        return Some(format!(
            "its words speak of {}, but it holds answers to strands or duties",
            field.describe()
        ));
    }
    let (what, chars, words) = match field {
        Field::Area => ("area names", 50, 6),
        Field::School => ("school names", 150, 25),
        _ => return None,
    };
    values
        .find(|(_, t)| t.chars().count() > chars || t.split_whitespace().count() > words)
        .map(|(r, t)| {
            format!(
                "its words speak of {}, but its answers are not {what} ({:?} in row {})",
                field.describe(),
                shorten(&t),
                r + 1
            )
        })
}

/// A column not placed, with answers that are neither levels nor statuses: free text (a
/// comment, the respondent's own name), left out and noted, not an error. One whose answers
/// are levels or statuses is almost certainly a strand or a duty: left to be an error.
fn settle_unplaced(column: &mut Column) {
    let unplaced = column.field.is_none() && column.has_data && !column.header.trim().is_empty();
    if unplaced
        && column.levels.is_none()
        && column.statuses.is_none()
        && !column.how.starts_with("could be")
    {
        column.field = Some(Field::Ignore);
        column.free_text = true;
        column.how = format!(
            "not placed ({}); its answers are neither levels nor statuses, so it is taken as free text and left out",
            column.how
        );
    }
}

/// Of several completion times (Qualtrics' EndDate and RecordedDate, say), the tool's own
/// first choice is the completion time and the others its own columns.
fn prefer_tools_completion_time(columns: &mut [Column], tool: Option<&Tool>) {
    let Some(tool) = tool else { return };
    let submitted: Vec<usize> = (0..columns.len())
        .filter(|&c| columns[c].field == Some(Field::Submitted))
        .collect();
    if submitted.len() < 2 {
        return;
    }
    let rank = |c: usize| {
        let norm = normalise(&columns[c].header);
        tool.submitted
            .iter()
            .position(|s| *s == norm)
            .unwrap_or(usize::MAX)
    };
    let Some(&best) = submitted.iter().min_by_key(|&&c| (rank(c), c)) else {
        return;
    };
    if rank(best) == usize::MAX {
        return;
    }
    for c in submitted.into_iter().filter(|&c| c != best) {
        columns[c].field = Some(Field::Ignore);
        columns[c].how = format!(
            "{} own column (another is its completion time)",
            possessive(tool.name)
        );
    }
}

/// What stops a sheet being read: columns that cannot be placed (with answers), placed two
/// ways or twice, and no column for the school's name. Each names its cell.
fn problems(layout: &Layout, grid: &Grid, rubric: &Rubric) -> Vec<String> {
    let mut problems = Vec::new();
    if layout.block.rows == 0 {
        problems.push(format!(
            "sheet {}: the first row already holds answers, so the sheet has no header row: add one naming each column, or say which row it is in a column map (header_row = N)",
            grid.name
        ));
        return problems;
    }
    problems.extend(
        layout
            .columns
            .iter()
            .filter(|c| c.field.is_none() && c.has_data)
            .map(unplaced),
    );
    // The same meaning twice.
    let mut first: HashMap<&Field, &Column> = HashMap::new();
    for column in &layout.columns {
        let Some(field) = column.field.as_ref().filter(|f| **f != Field::Ignore) else {
            continue;
        };
        match first.get(field) {
            Some(earlier) => problems.push(format!(
                "{} and {}: both columns hold {} ({:?} and {:?}): say which, marking the other \"ignore\"",
                earlier.cell,
                column.cell,
                field.describe(),
                shorten(&earlier.header),
                shorten(&column.header),
            )),
            None => {
                first.insert(field, column);
            }
        }
    }
    if layout.is_returns()
        && !layout
            .columns
            .iter()
            .any(|c| c.field == Some(Field::School))
    {
        problems.push(format!(
            "sheet {}: no column holds the school's name (a header such as \"School name\", \"Your setting's name\" or {:?}), in the header row {}: say which column does (\"Your header\" = \"school\")",
            grid.name,
            rubric.introduction.labels.name,
            layout.block.first + layout.block.rows,
        ));
    }
    problems
}

/// Why a column with answers is not placed, naming its header and cell, and what its
/// answers say it almost certainly is.
fn unplaced(column: &Column) -> String {
    let levels = match (&column.levels, &column.statuses) {
        (Some(first), _) => format!(
            "; its answers are level names ({first}), so it is almost certainly a strand: say which"
        ),
        (None, Some(first)) => format!(
            "; its answers are statuses ({first}), so it is almost certainly a duty: say which"
        ),
        (None, None) => String::new(),
    };
    if column.header.trim().is_empty() {
        format!(
            "{}: column {} has answers but no header{levels}",
            column.cell, column.letter
        )
    } else if column.how.starts_with("could be") {
        format!(
            "{}: the header {:?} {}{levels}",
            column.cell,
            shorten(&column.header),
            column.how
        )
    } else {
        let words = if column.how.starts_with("its words") {
            format!("; {}", column.how)
        } else {
            String::new()
        };
        format!(
            "{}: the header {:?} matches nothing in the rubric (no strand code such as \"1a\", descriptor, duty or school detail{words}){levels}",
            column.cell,
            shorten(&column.header)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(code: &str) -> Option<Field> {
        Some(Field::Level(code.to_owned()))
    }

    #[test]
    fn a_header_is_found_below_a_title_and_blank_rows() {
        let rubric = Rubric::builtin();
        let t = |s: &str| Value::Text(s.into());
        let grid = Grid::from_rows(
            "Returns",
            vec![
                vec![t("DSPL 3 returns 2025/26")],
                vec![t("Collected June 2026"), t("by the DSPL office")],
                vec![],
                vec![t("School"), t("URN"), t("1a"), t("1b")],
                vec![t("Oak"), t("1"), t("Expected"), t("Emerging")],
            ],
        );
        let (block, tool) = find_block(&grid, (&rubric, &Answers::of(&rubric)), None);
        assert_eq!(
            (block, tool.map(|t| t.name)),
            (Block { first: 3, rows: 1 }, None)
        );
    }

    #[test]
    fn surveymonkey_headings_carry_over_their_matrix() {
        let rubric = Rubric::builtin();
        let t = |s: &str| Value::Text(s.into());
        let e = || Value::Empty;
        let grid = Grid::from_rows(
            "Sheet",
            vec![
                vec![
                    t("Respondent ID"),
                    t("End Date"),
                    t("School name"),
                    t("Outcome 1: which fits?"),
                    e(),
                    e(),
                ],
                vec![
                    e(),
                    e(),
                    t("Open-Ended Response"),
                    t("a"),
                    t("b"),
                    t("Other (please specify)"),
                ],
                vec![
                    t("1"),
                    t("06/13/2026 02:15:00 PM"),
                    t("Oak"),
                    t("Expected"),
                    t("Emerging"),
                ],
            ],
        );
        let (block, tool) = find_block(&grid, (&rubric, &Answers::of(&rubric)), None);
        assert_eq!(
            (block, tool.map(|t| t.name)),
            (Block { first: 0, rows: 2 }, Some("SurveyMonkey"))
        );
        let headers = compose(&grid, block, tool);
        assert_eq!(headers[2].text(), "School name");
        assert_eq!(headers[4].text(), "Outcome 1: which fits? b");
        let l = layout(&grid, &rubric, None);
        let fields = l.fields();
        assert_eq!(fields[1], Some(Field::Submitted));
        assert_eq!(fields[2], Some(Field::School));
        assert_eq!(fields[3], level("1a"));
        assert_eq!(fields[4], level("1b"));
        assert_eq!(fields[5], None);
    }
}
