//! A sheet's rows below its header turned into returns, one per school: each cell read as
//! what its column holds (a level, a status, a date, a detail), every problem named by its
//! cell. Rows that are not a school's return are told apart and left out with a note naming
//! them: a response started and left with no answers, a total or a note under the data.
//!
//! A cell is never read as something it does not say: a spreadsheet error (`#N/A`,
//! `#DIV/0!`) or a formula with no worked-out value is named with its cell, not read as
//! "not judged"; a number where a level belongs is named, not turned into a level by its
//! position; a byte read as Windows-1252 in a UTF-8 file is named in the row's warnings.

use jiff::civil::{Date, DateTime, Time};
use sendbench_core::{
    did_you_mean, AcademicYear, Assessment, ChecklistAnswer, ChecklistStatus, Judgement,
    OutcomeReview, Rubric, RubricRef, School,
};
use sha2::{Digest, Sha256};

use super::grid::{Grid, Value};
use super::headers::{normalise, shorten, Answers};
use super::layout::Layout;
use super::map::Field;
use super::{Row, RowReturn, SheetReturns};

/// Which way round a column's dates like 03/04/2026 are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first, as in the UK.
    DayFirst,
    /// Month first, as SurveyMonkey's US exports.
    MonthFirst,
}

/// What a row below the header is.
#[derive(Debug, PartialEq)]
enum Kind {
    /// Nothing in it.
    Blank,
    /// No strand, evidence or duty answered: a response started and left, or a test (the
    /// row, and the school it names).
    Unanswered(String),
    /// Not a school's return: a total or a note under the data (why, in words).
    NotAReturn(String),
    /// A school's return.
    Return,
}

/// The first words of a row that is a total or a note, not a school.
const SUMMARY_WORDS: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "sum",
    "count",
    "counts",
    "average",
    "mean",
    "median",
    "percentage",
    "percent",
    "key",
    "note",
    "notes",
    "source",
    "overall",
];

/// Turns every row below the header into a return, or notes why it is not one.
pub fn read_rows(grid: &Grid, layout: &Layout, rubric: &Rubric, out: &mut SheetReturns) {
    let fields = layout.fields();
    let orders = date_orders(grid, layout, &fields);
    let previews = not_responses(layout);
    let mut unanswered = Vec::new();
    let mut left_out = Vec::new();
    for row in layout.block.end()..grid.height() {
        match kind(grid, &fields, &previews, row, &layout.answers) {
            Kind::Blank => {}
            Kind::Unanswered(named) => unanswered.push(named),
            Kind::NotAReturn(why) => left_out.push(format!("row {} ({why})", row + 1)),
            Kind::Return => out.rows.push(Row {
                place: format!("{} row {}", grid.name, row + 1),
                result: row_return(grid, &fields, row, rubric, &orders),
            }),
        }
    }
    if !unanswered.is_empty() {
        out.notes.push(format!(
            "sheet {}: {} with no answers (a response started and left, or a test, say) not read: {}",
            grid.name,
            if unanswered.len() == 1 { "a row" } else { "rows" },
            unanswered.join(", ")
        ));
    }
    if !left_out.is_empty() {
        out.notes.push(format!(
            "sheet {}: left out, as not a school's return: {}",
            grid.name,
            left_out.join("; ")
        ));
    }
}

/// The tool's own columns whose values say a row is no response, with those values.
fn not_responses(layout: &Layout) -> Vec<(usize, &'static [&'static str])> {
    let Some(tool) = layout.tool else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (c, column) in layout.columns.iter().enumerate() {
        let names = [Some(column.header.as_str()), column.id.as_deref()];
        for (header, values) in tool.not_responses {
            if names.iter().flatten().any(|n| normalise(n) == *header) {
                found.push((c, *values));
            }
        }
    }
    found
}

/// What a row is (see [`Kind`]).
fn kind(
    grid: &Grid,
    fields: &[Option<Field>],
    previews: &[(usize, &[&str])],
    row: usize,
    answers: &Answers,
) -> Kind {
    let cells = grid.row(row);
    if cells.iter().all(|(_, v)| v.is_empty()) {
        return Kind::Blank;
    }
    let field = |c: usize| fields.get(c).and_then(Option::as_ref);
    let given: Vec<(&Field, &Value)> = cells
        .iter()
        .filter_map(|(c, v)| field(*c).map(|f| (f, v)))
        .filter(|(f, v)| !matches!(f, Field::Ignore | Field::Submitted) && !v.is_empty())
        .collect();
    let judged = given.iter().any(|(f, v)| {
        matches!(f, Field::Level(_)) && (answers.is_level(v) || not_judged(&v.text()))
    });
    let first = cells
        .iter()
        .find(|(_, v)| !v.is_empty())
        .map(|(_, v)| v.text())
        .unwrap_or_default();
    let first_word = normalise(&first);
    let first_word = first_word.split(' ').next().unwrap_or("");
    if !judged && SUMMARY_WORDS.contains(&first_word) {
        return Kind::NotAReturn(format!("{:?}", shorten(&first)));
    }
    for (column, values) in previews {
        let value = grid.get(row, *column).text();
        if values.contains(&normalise(&value).as_str()) {
            return Kind::NotAReturn(format!(
                "the survey tool marks it {value:?}: a test of the survey, not a school's response"
            ));
        }
    }
    let school = given
        .iter()
        .find(|(f, _)| **f == Field::School)
        .map(|(_, v)| v.text());
    let answered = given
        .iter()
        .any(|(f, _)| matches!(f, Field::Level(_) | Field::Evidence(_) | Field::Duty(_)));
    if !answered {
        return Kind::Unanswered(match &school {
            Some(name) => format!("row {} ({:?})", row + 1, shorten(name)),
            None => format!("row {}", row + 1),
        });
    }
    if judged {
        return Kind::Return;
    }
    let numbers = given.iter().any(|(f, v)| {
        matches!(f, Field::Level(_) | Field::Duty(_)) && matches!(v, Value::Number(_))
    });
    if school.is_none() && (numbers || grid.filled(row) == 1) {
        return Kind::NotAReturn(format!("{:?}, and no school named", shorten(&first)));
    }
    Kind::Return
}

/// Per column, the order its dates are written in: a first number over 12 settles day
/// first, a second number over 12 (or AM/PM times) month first; else the survey tool's own
/// order for its own columns, and day first (the UK's) for the rest. Each column on its
/// own: SurveyMonkey writes its End Date month first while schools type their review date
/// day first, in one sheet.
fn date_orders(grid: &Grid, layout: &Layout, fields: &[Option<Field>]) -> Vec<DateOrder> {
    fields
        .iter()
        .enumerate()
        .map(|(column, field)| match field {
            Some(Field::Date) => {
                date_order(grid, layout.block.end(), column).unwrap_or(DateOrder::DayFirst)
            }
            Some(Field::Submitted) => date_order(grid, layout.block.end(), column)
                .or(layout.tool.map(|t| t.dates))
                .unwrap_or(DateOrder::DayFirst),
            _ => DateOrder::DayFirst,
        })
        .collect()
}

/// The order a column's dates show, if they show it.
fn date_order(grid: &Grid, from: usize, column: usize) -> Option<DateOrder> {
    let (mut day_first, mut month_first, mut am_pm) = (false, false, false);
    for row in from..grid.height() {
        if let Value::Text(t) = grid.get(row, column) {
            if let Some(Slashed::Either(a, b, _)) = slashed(t) {
                day_first |= a > 12;
                month_first |= b > 12;
            }
            let upper = t.to_uppercase();
            am_pm |= upper.contains(" AM") || upper.contains(" PM");
        }
    }
    if day_first {
        Some(DateOrder::DayFirst)
    } else if month_first || am_pm {
        Some(DateOrder::MonthFirst)
    } else {
        None
    }
}

/// A date written with slashes (or dots), as its numbers.
#[derive(Debug, PartialEq)]
enum Slashed {
    /// `2026/06/12`: year, month, day.
    YearFirst(i32, u32, u32),
    /// `12/06/2026` or `6/12/2026`: two numbers either way round, and the year.
    Either(u32, u32, i32),
}

/// `3/4/2026` or `2026/06/12` (with anything after a space) as its numbers.
fn slashed(text: &str) -> Option<Slashed> {
    let date = text.split_whitespace().next()?;
    let mut parts = date.split(['/', '.']);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        return Some(Slashed::YearFirst(
            a.parse().ok()?,
            b.parse().ok()?,
            c.parse().ok()?,
        ));
    }
    let y: i32 = c.parse().ok()?;
    let y = if y < 100 { 2000 + y } else { y };
    Some(Slashed::Either(a.parse().ok()?, b.parse().ok()?, y))
}

/// A time of day from the words after a date: `14:03`, `2:03:45 PM`; a time zone after it
/// (`GMT+1`, as Google Forms writes) is passed over.
fn clock(words: &[&str]) -> Option<Time> {
    let first = words.first()?;
    let pm = words.iter().any(|w| w.eq_ignore_ascii_case("PM"));
    let am = words.iter().any(|w| w.eq_ignore_ascii_case("AM"));
    let mut parts = first.split(':');
    let mut hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next().unwrap_or("0").parse().ok()?;
    let second: i8 = parts
        .next()
        .unwrap_or("0")
        .split('.')
        .next()?
        .parse()
        .ok()?;
    if pm && hour < 12 {
        hour += 12;
    }
    if am && hour == 12 {
        hour = 0;
    }
    Time::new(hour, minute, second, 0).ok()
}

/// A date and time from a cell: an Excel date, `2026-06-12`, `2026-06-12T14:03:00`,
/// `2026-06-12 14:03:00`, `12/06/2026 14:03` or `6/12/2026 2:03:00 PM` (by the column's
/// date order), `2026/06/12 2:03:45 PM GMT+1`, `12 June 2026`.
pub fn when(value: &Value, order: DateOrder) -> Option<DateTime> {
    match value {
        Value::When(d) => Some(*d),
        Value::Number(n) => super::grid::from_serial(*n),
        Value::Text(t) => when_text(t.trim(), order),
        _ => None,
    }
}

fn when_text(t: &str, order: DateOrder) -> Option<DateTime> {
    if let Ok(d) = t.parse::<DateTime>() {
        return Some(d);
    }
    if let Ok(d) = t.parse::<Date>() {
        return Some(d.to_datetime(Time::midnight()));
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).datetime());
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if let Some(found) = slashed(t) {
        let (y, month, day) = match found {
            Slashed::YearFirst(y, m, d) => (y, m, d),
            Slashed::Either(a, b, y) => match order {
                DateOrder::DayFirst => (y, b, a),
                DateOrder::MonthFirst => (y, a, b),
            },
        };
        let date = Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        let time = if words.len() > 1 {
            clock(&words[1..])?
        } else {
            Time::midnight()
        };
        return Some(date.to_datetime(time));
    }
    for format in ["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%A %d %B %Y"] {
        if let Ok(d) = Date::strptime(format, t) {
            return Some(d.to_datetime(Time::midnight()));
        }
    }
    None
}

/// "Not judged" and the like, which leave a strand unjudged (not `#N/A`, a spreadsheet's
/// error).
fn not_judged(text: &str) -> bool {
    !text.trim_start().starts_with('#')
        && matches!(
            normalise(text).as_str(),
            "n a" | "na" | "not judged" | "not yet judged" | "not applicable"
        )
        || text.trim() == "-"
}

/// A blank return of the rubric, to be filled from a row.
fn blank(rubric: &Rubric) -> Assessment {
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
    a
}

/// What one row's cells make, as they are read.
struct Reading<'a> {
    rubric: &'a Rubric,
    assessment: Assessment,
    submitted: Option<DateTime>,
    problems: Vec<String>,
    warnings: Vec<String>,
}

/// One row as a return; every problem in it, each named by its cell.
fn row_return(
    grid: &Grid,
    fields: &[Option<Field>],
    row: usize,
    rubric: &Rubric,
    orders: &[DateOrder],
) -> Result<RowReturn, Vec<String>> {
    let mut reading = Reading {
        rubric,
        assessment: blank(rubric),
        submitted: None,
        problems: Vec::new(),
        warnings: Vec::new(),
    };
    let mut digest = Sha256::new();
    for (column, value) in grid.row(row) {
        let Some(field) = fields.get(*column).and_then(Option::as_ref) else {
            continue;
        };
        if *field == Field::Ignore {
            continue;
        }
        digest.update(column.to_le_bytes());
        digest.update(value.text().as_bytes());
        digest.update([0x1f]);
        let cell = grid.cell(row, *column);
        if let Some(what) = grid.mended.get(&(row, *column)) {
            reading.warnings.push(format!("{cell}: {what}"));
        }
        reading.cell(&cell, field, value, orders[*column]);
    }
    let Reading {
        mut assessment,
        submitted,
        problems,
        warnings,
        ..
    } = reading;
    if assessment.review.date.is_none() {
        assessment.review.date = submitted.map(|s| s.date());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(RowReturn {
        assessment,
        submitted,
        digest: crate::files::hex(&digest.finalize()),
        warnings,
    })
}

impl Reading<'_> {
    /// Reads one cell into the return, or records why it cannot be read.
    fn cell(&mut self, cell: &str, field: &Field, value: &Value, order: DateOrder) {
        match value {
            Value::Error(e) => {
                self.problems.push(format!(
                    "{cell}: the cell holds the spreadsheet error {e} (a formula that failed), not {}: put in what it should say, or leave it empty if there is nothing",
                    field.describe()
                ));
                return;
            }
            Value::Uncalculated(f) => {
                self.problems.push(format!(
                    "{cell}: the cell holds a formula (={}) whose value was never worked out (the file was saved by a program that does not calculate): open it in Excel and save it again, or type the value in",
                    shorten(f)
                ));
                return;
            }
            _ => {}
        }
        let (text, removed) = sendbench_core::text::clean(&value.text());
        if text.is_empty() {
            return;
        }
        if !removed.is_empty() {
            self.warnings.push(format!(
                "{cell}: took out {}, which no document can carry",
                removed
                    .iter()
                    .map(|c| format!("U+{:04X}", u32::from(*c)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let a = &mut self.assessment;
        match field {
            Field::Ignore => {}
            Field::School => a.school.name = text,
            Field::Urn => a.school.urn = Some(text),
            Field::Area => a.school.area = Some(text),
            Field::AcademicYear => match AcademicYear::parse(&text) {
                Some(y) => a.review.academic_year = Some(y),
                None => self.problems.push(format!(
                    "{cell}: {text:?} is not an academic year: write it as 2025/26"
                )),
            },
            Field::Date => match when(value, order) {
                Some(d) => a.review.date = Some(d.date()),
                None => self.problems.push(format!(
                    "{cell}: {text:?} is not a date: write it as 12/06/2026 or 2026-06-12"
                )),
            },
            Field::Submitted => match when(value, order) {
                Some(d) => self.submitted = Some(d),
                None => self
                    .problems
                    .push(format!("{cell}: {text:?} is not a date and time")),
            },
            Field::Level(strand) => self.level(cell, strand, value, &text),
            Field::Evidence(strand) => judgement(a, self.rubric, strand).evidence = text,
            Field::Duty(item) => match duty(&text) {
                Some(status) => a.checklist.push(ChecklistAnswer {
                    item: item.clone(),
                    status,
                    evidence: String::new(),
                }),
                None => self.problems.push(format!(
                    "{cell}: {:?} is not a checklist status: use Met, Partly met or Not met",
                    shorten(&text)
                )),
            },
        }
    }

    /// A strand's level from its cell, or a problem naming the cell.
    fn level(&mut self, cell: &str, strand: &str, value: &Value, text: &str) {
        let rubric = self.rubric;
        match level(text, strand, rubric) {
            Some(Some(id)) => judgement(&mut self.assessment, rubric, strand).level = Some(id),
            Some(None) => {}
            None => {
                let names: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
                self.problems.push(if matches!(value, Value::Number(_)) {
                    format!(
                        "{cell}: {text} is not a level: the sheet holds numbers for the answers (an export of \"numeric values\", say): export the answers' text instead, or write the level ({})",
                        names.join(", ")
                    )
                } else {
                    match did_you_mean(text, names.iter().copied()) {
                        Some(s) => format!(
                            "{cell}: {:?} is not a level; did you mean {s}?",
                            shorten(text)
                        ),
                        None => format!(
                            "{cell}: {:?} is not a level: the levels are {}",
                            shorten(text),
                            names.join(", ")
                        ),
                    }
                });
            }
        }
    }
}

/// A strand's judgement in the assessment (by the strand's code), added if absent.
fn judgement<'a>(a: &'a mut Assessment, rubric: &Rubric, code: &str) -> &'a mut Judgement {
    let (outcome, strand) = rubric
        .strand_by_code(code)
        .map(|s| (s.outcome.id.clone(), s.strand.id.clone()))
        .unwrap_or_default();
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
                strand: strand.clone(),
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
    if not_judged(text) {
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
    if let Some((name, _)) = text.split_once([':', '-', '–']) {
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
        "n a" | "na" | "not answered" | "not known" | "don t know" | "dont know"
    ) {
        return Some(None);
    }
    ChecklistStatus::parse(&norm).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, order: DateOrder) -> Option<String> {
        when(&Value::Text(text.into()), order).map(|d| d.to_string())
    }

    #[test]
    fn dates_are_read_as_each_tool_writes_them() {
        let day = DateOrder::DayFirst;
        let month = DateOrder::MonthFirst;
        assert_eq!(
            at("12/06/2026 14:03", day).as_deref(),
            Some("2026-06-12T14:03:00")
        );
        assert_eq!(
            at("6/12/2026 2:03:00 PM", month).as_deref(),
            Some("2026-06-12T14:03:00")
        );
        // Google Forms' own CSV download: year first, and a time zone.
        assert_eq!(
            at("2026/06/12 2:03:45 PM GMT+1", day).as_deref(),
            Some("2026-06-12T14:03:45")
        );
        // Qualtrics.
        assert_eq!(
            at("2026-06-12 14:03:45", day).as_deref(),
            Some("2026-06-12T14:03:45")
        );
        assert_eq!(
            at("12 June 2026", day).as_deref(),
            Some("2026-06-12T00:00:00")
        );
        assert_eq!(at("12/06/2026 25:00", day), None);
    }

    #[test]
    fn a_spreadsheet_error_is_no_level_and_not_judged_is_none() {
        let rubric = Rubric::builtin();
        assert_eq!(level("N/A", "1a", &rubric), Some(None));
        assert_eq!(
            level("Expected", "1a", &rubric),
            Some(Some("expected".into()))
        );
        // Typed into a CSV, Excel's error is no "N/A".
        assert_eq!(level("#N/A", "1a", &rubric), None);
        let mut reading = Reading {
            rubric: &rubric,
            assessment: blank(&rubric),
            submitted: None,
            problems: Vec::new(),
            warnings: Vec::new(),
        };
        let field = Field::Level("1a".into());
        reading.cell(
            "Returns!F3",
            &field,
            &Value::Error("#N/A".into()),
            DateOrder::DayFirst,
        );
        reading.cell(
            "Returns!F4",
            &field,
            &Value::Uncalculated("VLOOKUP(A4,Levels!A:B,2)".into()),
            DateOrder::DayFirst,
        );
        reading.cell(
            "Returns!F5",
            &field,
            &Value::Number(2.0),
            DateOrder::DayFirst,
        );
        assert_eq!(reading.problems.len(), 3, "{:?}", reading.problems);
        assert!(reading.problems[0]
            .starts_with("Returns!F3: the cell holds the spreadsheet error #N/A"));
        assert!(reading.problems[1]
            .starts_with("Returns!F4: the cell holds a formula (=VLOOKUP(A4,Levels!A:B,2))"));
        assert!(reading.problems[2]
            .starts_with("Returns!F5: 2 is not a level: the sheet holds numbers"));
    }
}
