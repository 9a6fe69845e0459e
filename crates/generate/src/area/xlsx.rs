//! The area benchmark as an accessible XLSX workbook: a Notes sheet explaining the columns
//! and symbols, a sheet of strand figures per academic year, the statutory checklist, the
//! contributing schools, and (with several years) the % at strength levels year on year.
//! Each sheet is one Excel table under a title and a line saying what it is; every figure
//! goes out through the core's `published_*` methods, so a withheld one is the text `c`.

use rust_xlsxwriter::{Workbook, XlsxError};
use sendbench_core::words::count as plural;
use sendbench_core::{AreaBenchmark, Figure, Rubric, YearBenchmark, FEW_SCHOOLS};

use super::{disclosure_id, suppression_note};

/// The most characters Excel allows in a cell.
const EXCEL_CELL_LIMIT: usize = 32_767;

/// Text cut to what an Excel cell holds, saying so: a school's name or title that long is a
/// mistake, and the spreadsheet is still made (the PDF keeps the whole text).
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    const CUT: &str = " … (cut here: an Excel cell holds at most 32,767 characters)";
    if text.chars().count() <= EXCEL_CELL_LIMIT {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = EXCEL_CELL_LIMIT - CUT.chars().count();
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(CUT);
    std::borrow::Cow::Owned(out)
}

/// A spreadsheet cell.
enum Value {
    Text(String),
    Number(f64),
    Empty,
}

fn num(n: u32) -> Value {
    Value::Number(f64::from(n))
}

/// A published figure as a cell: a number, nothing, or the text `c`.
fn fig(f: Figure) -> Value {
    match f {
        Figure::Value(v) => num(v),
        Figure::Empty => Value::Empty,
        Figure::Withheld => Value::Text("c".into()),
    }
}

/// Writes one table to a worksheet the accessible way: the title in A1, a line saying what
/// the table is in A2, one header row (row 4), data below, as an Excel table named `name`
/// (header row, filter buttons, a light style whose banding carries no meaning); no merged
/// cells.
fn table(
    ws: &mut rust_xlsxwriter::Worksheet,
    name: &str,
    title: &str,
    about: &str,
    header: &[String],
    rows: &[Vec<Value>],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let heading = rust_xlsxwriter::Format::new().set_bold().set_font_size(14);
    ws.write_string_with_format(0, 0, fit_cell(title).as_ref(), &heading)?;
    ws.write_string(1, 0, fit_cell(about).as_ref())?;
    // An Excel table's headers are distinct (ignoring case) and at most 255 characters.
    let mut seen = std::collections::HashSet::new();
    let mut columns = Vec::new();
    for (c, h) in header.iter().enumerate() {
        let short: String = h.chars().take(240).collect();
        let mut text = short.clone();
        let mut n = 2;
        while !seen.insert(text.to_lowercase()) {
            text = format!("{short} ({n})");
            n += 1;
        }
        ws.write_string_with_format(3, c as u16, &text, &bold)?;
        ws.set_column_width(c as u16, (h.chars().count().clamp(10, 40) + 2) as f64)?;
        columns.push(
            rust_xlsxwriter::TableColumn::new()
                .set_header(text)
                .set_header_format(&bold),
        );
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (4 + r as u32, c as u16);
            match v {
                Value::Text(t) => ws.write_string(r, c, fit_cell(t).as_ref()).map(|_| ())?,
                Value::Number(n) => ws.write_number(r, c, *n).map(|_| ())?,
                Value::Empty => {}
            }
        }
    }
    // Excel tables need a data row; with none the header row stands alone.
    if !rows.is_empty() && !header.is_empty() {
        let table = rust_xlsxwriter::Table::new()
            .set_name(name)
            .set_style(rust_xlsxwriter::TableStyle::Light1)
            .set_columns(&columns);
        ws.add_table(
            3,
            0,
            3 + rows.len() as u32,
            (header.len() - 1) as u16,
            &table,
        )?;
    }
    ws.set_freeze_panes(4, 0)?;
    Ok(())
}

/// The benchmark as an accessible XLSX workbook: a Notes sheet explaining the columns and
/// symbols, a sheet of strand figures per academic year, the statutory checklist, the
/// contributing schools, and (with several years) a comparison of the % at strength levels
/// year on year. Same input, same bytes (the document date is fixed). Withheld figures are
/// the text `c` in every sheet.
pub fn xlsx(bench: &AreaBenchmark, rubric: &Rubric, title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    let book = Book::new(bench, rubric, title);
    book.notes(&mut wb)?;
    for year in &bench.years {
        book.strands(&mut wb, year)?;
    }
    book.checklist(&mut wb)?;
    book.schools(&mut wb)?;
    if bench.years.len() > 1 {
        book.comparison(&mut wb)?;
    }
    wb.save_to_buffer()
        .map(crate::package::same_on_every_platform)
}

/// What every sheet is made from, and the names of the two sides of the strength line.
struct Book<'a> {
    bench: &'a AreaBenchmark,
    rubric: &'a Rubric,
    title: &'a str,
    /// "Expected + Exemplary".
    strong: String,
    /// "below Expected".
    below: String,
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

impl Book<'_> {
    fn new<'a>(bench: &'a AreaBenchmark, rubric: &'a Rubric, title: &'a str) -> Book<'a> {
        Book {
            bench,
            rubric,
            title,
            strong: bench.levels[bench.strength_from..].join(" + "),
            below: format!("below {}", bench.levels[bench.strength_from]),
        }
    }

    /// A strand's descriptor at the strength line, which says what the strand is about.
    fn descriptor(&self, outcome: &str, strand: &str) -> String {
        self.rubric
            .outcome(outcome)
            .and_then(|o| o.strand(strand))
            .map(|s| s.descriptors[self.bench.strength_from].clone())
            .unwrap_or_default()
    }

    /// The Notes sheet: what every column and symbol means.
    fn notes(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let notes = wb.add_worksheet();
        notes.set_name("Notes")?;
        let mut rows = self.note_rows();
        for warning in self.bench.reliability_warnings() {
            rows.push(vec![text("Read with care"), Value::Text(warning.message)]);
        }
        rows.push(vec![
            text("Colour"),
            text("No meaning is carried by colour in this workbook."),
        ]);
        table(
            notes,
            "Notes",
            self.title,
            "What the columns and symbols in this workbook mean.",
            &["Term".into(), "Meaning".into()],
            &rows,
        )?;
        notes.set_column_width(1, 110)?;
        Ok(())
    }

    /// Each term of the workbook and what it means. One table of text: long because each
    /// meaning is a sentence, not because it does many things.
    fn note_rows(&self) -> Vec<Vec<Value>> {
        let (bench, rubric) = (self.bench, self.rubric);
        let (strong, below) = (&self.strong, &self.below);
        let years: Vec<String> = bench.years.iter().map(|y| y.year.to_string()).collect();
        let threshold = match bench.suppression_threshold {
            Some(n) => format!(
                "{n} schools: counts from 1 to {} are withheld (c), with any figure they could be worked out from.",
                n.saturating_sub(1)
            ),
            None => "None: every figure is shown.".to_owned(),
        };
        vec![
            vec![text("Rubric"), Value::Text(format!("{} (version {})", rubric.title, rubric.version))],
            vec![text("Academic years"), Value::Text(years.join(", "))],
            vec![text("(schools)"), text("Number of schools whose return judged the strand at that level.")],
            vec![text("not judged"), text("Schools that returned the benchmark but did not judge this strand. Always shown: it says whether a school answered, not how it judged itself.")],
            vec![text("respondents"), text("Schools that judged the strand. Every percentage is of respondents. Always shown, so every percentage has its denominator.")],
            vec![
                text("(% of respondents)"),
                Value::Text(format!(
                    "Rounded to a whole number, halves to even: the same count of the same respondents always gives the same percentage, and '{strong}' and '{below}' add up to 100. Separate levels may add up to 99 or 101."
                )),
            ],
            vec![text("empty cell"), text("No percentage: no school judged the strand.")],
            vec![text("Small-numbers threshold"), Value::Text(threshold)],
            vec![text("c"), text("Withheld to protect small numbers (Government Statistical Service symbol).")],
            vec![
                text("disclosure"),
                Value::Text(format!(
                    "full: every figure shown. headline: a level count from 1 to the threshold minus 1 is withheld, so only '{strong}' and '{below}' (a duty: met and not fully met) are shown, with their percentages; a level that is all of its side of that split is shown, as the split gives it anyway. withheld: the split itself would show a small count, so no judgement count or percentage is shown; respondents and not judged (not answered) still are."
                )),
            ],
            vec![
                text("Few schools"),
                Value::Text(format!(
                    "A year or strand resting on fewer than {FEW_SCHOOLS} schools: one school moves a percentage by more than 10 points. Comparison sheet: the change is marked."
                )),
            ],
            vec![text("change"), Value::Text(format!("Comparison sheet: the latest year's '{strong}' percentage minus the previous year's, in percentage points; c when either is withheld."))],
            vec![text("descriptor"), Value::Text(format!("The strand's {} descriptor, which says what the strand is about.", bench.levels[bench.strength_from]))],
        ]
    }

    /// One year's sheet of strand figures.
    fn strands(&self, wb: &mut Workbook, year: &YearBenchmark) -> Result<(), XlsxError> {
        let bench = self.bench;
        let ws = wb.add_worksheet();
        ws.set_name(format!(
            "Strands {}",
            year.year.to_string().replace('/', "-")
        ))?;
        let rows: Vec<Vec<Value>> = year
            .strands
            .iter()
            .map(|s| {
                let mut row = vec![Value::Text(s.outcome.clone()), Value::Text(s.code())];
                let levels = 0..bench.levels.len();
                row.extend(levels.clone().map(|i| fig(s.published_count(i))));
                row.extend([num(s.not_judged), num(s.respondents)]);
                row.extend(levels.map(|i| fig(s.published_percent(i))));
                row.extend([
                    fig(s.published_strong()),
                    fig(s.published_strong_percent()),
                    fig(s.published_below()),
                    fig(s.published_below_percent()),
                    text(disclosure_id(s.disclosure)),
                ]);
                row.push(Value::Text(self.descriptor(&s.outcome, &s.strand)));
                row
            })
            .collect();
        let mut about = format!(
            "{} returned the benchmark for {}. One row per strand.",
            plural(year.school_count() as usize, "school", "schools"),
            year.year
        );
        if let Some(note) = suppression_note(bench, year) {
            about = format!("{about} {note}");
        }
        table(
            ws,
            &format!("Strands_{}", year.year.to_string().replace('/', "_")),
            &format!("{}: strands, {}", self.title, year.year),
            &about,
            &self.strands_header(),
            &rows,
        )
    }

    /// The strand sheets' column headings.
    fn strands_header(&self) -> Vec<String> {
        let (levels, strong, below) = (&self.bench.levels, &self.strong, &self.below);
        let mut header: Vec<String> = vec!["Outcome".into(), "Strand".into()];
        header.extend(levels.iter().map(|l| format!("{l} (schools)")));
        header.extend(["not judged (schools)".into(), "respondents".into()]);
        header.extend(levels.iter().map(|l| format!("{l} (% of respondents)")));
        header.extend([
            format!("{strong} (schools)"),
            format!("{strong} (% of respondents)"),
            format!("{below} (schools)"),
            format!("{below} (% of respondents)"),
            "disclosure".into(),
            "descriptor".into(),
        ]);
        header
    }

    /// The statutory checklist, every year.
    fn checklist(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name("Checklist")?;
        let header: Vec<String> = [
            "Academic year",
            "Duty",
            "Met (schools)",
            "Partly met (schools)",
            "Not met (schools)",
            "Not fully met (schools)",
            "Not answered (schools)",
            "Answered (schools)",
            "disclosure",
        ]
        .map(String::from)
        .to_vec();
        let rows: Vec<Vec<Value>> = self
            .bench
            .years
            .iter()
            .flat_map(|y| {
                y.checklist.iter().map(move |d| {
                    let duty = self.rubric.checklist.text_of(&d.item).unwrap_or_default();
                    vec![
                        Value::Text(y.year.to_string()),
                        text(duty),
                        fig(d.published_met()),
                        fig(d.published_partly_met()),
                        fig(d.published_not_met()),
                        fig(d.published_not_fully_met()),
                        num(d.unanswered),
                        num(d.answered()),
                        text(disclosure_id(d.disclosure)),
                    ]
                })
            })
            .collect();
        table(
            ws,
            "Checklist",
            &format!("{}: statutory checklist", self.title),
            "How many schools meet each statutory duty, per academic year.",
            &header,
            &rows,
        )
    }

    /// The contributing schools, every year.
    fn schools(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let ws = wb.add_worksheet();
        ws.set_name("Schools")?;
        let rows: Vec<Vec<Value>> = self
            .bench
            .years
            .iter()
            .flat_map(|y| {
                y.schools
                    .iter()
                    .map(move |s| vec![Value::Text(y.year.to_string()), Value::Text(s.clone())])
            })
            .collect();
        table(
            ws,
            "Schools",
            &format!("{}: contributing schools", self.title),
            "Schools whose returns are counted, alphabetical within each year.",
            &["Academic year".into(), "School".into()],
            &rows,
        )
    }

    /// The % at strength levels per strand, year on year, with the latest change.
    fn comparison(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let strong = &self.strong;
        let ws = wb.add_worksheet();
        ws.set_name("Comparison")?;
        let mut header: Vec<String> = vec!["Outcome".into(), "Strand".into()];
        for y in &self.bench.years {
            header.extend([
                format!("{strong} % {}", y.year),
                format!("{strong} (schools) {}", y.year),
                format!("respondents {}", y.year),
            ]);
        }
        header.push("change (percentage points)".into());
        header.push(format!(
            "change rests on fewer than {FEW_SCHOOLS} respondents"
        ));
        header.push("descriptor".into());
        let rows: Vec<Vec<Value>> = self
            .bench
            .comparison()
            .into_iter()
            .map(|c| self.comparison_row(&c))
            .collect();
        table(
            ws,
            "Comparison",
            &format!("{}: year on year", self.title),
            &format!("The % of respondents at {strong}, with its count and respondents, per strand and academic year."),
            &header,
            &rows,
        )
    }

    /// One strand's row of the comparison.
    fn comparison_row(&self, c: &sendbench_core::StrandComparison) -> Vec<Value> {
        let mut row = vec![Value::Text(c.outcome.clone()), Value::Text(c.code())];
        for ((&p, &n), &r) in c.percents.iter().zip(&c.counts).zip(&c.respondents) {
            row.extend([fig(p), fig(n), num(r)]);
        }
        let last = c.percents.len() - 1;
        row.push(match c.change {
            Some(change) => Value::Number(change as f64),
            None if c.percents[last - 1].is_withheld() || c.percents[last].is_withheld() => {
                text("c")
            }
            None => Value::Empty,
        });
        row.push(if c.change_on_few {
            text("yes")
        } else {
            Value::Empty
        });
        row.push(Value::Text(self.descriptor(&c.outcome, &c.strand)));
        row
    }
}
