//! Area benchmark outputs. Open data ([`tidy()`]): CSV files to the Department for Education's
//! open data standards for "Explore education statistics", a row per academic year,
//! geography and strand (and per duty), each with its EES metadata file. XLSX: the same per
//! year, the checklist, the schools and year on year, each sheet's table an Excel table. And
//! the sentences the PDF report and the terminal share (what a list leaves out, what is
//! withheld, how the data were collected), so every output says the same true thing in the
//! same words.
//!
//! Every figure goes out through the core's `published_*` methods, so the small-numbers rule
//! ([`sendbench_core::Disclosure`]) is applied in one place: a withheld count is `c` in every
//! output, and never reaches a document in any other form.

mod tidy;

pub use tidy::{tidy, Geography, TidyFiles, TidyOptions, EES_ITEM_LIMIT, ENGLAND_CODE, TOTAL};

use sendbench_core::words::count as plural;
use sendbench_core::{
    AreaBenchmark, Disclosure, Figure, LeftOutReason, OutcomeHighlights, Rubric, StrandFigures,
    YearBenchmark, FEW_SCHOOLS,
};

/// The disclosure as a CSV or spreadsheet cell: `full`, `headline` or `withheld`.
fn disclosure_id(d: Disclosure) -> &'static str {
    match d {
        Disclosure::Full => "full",
        Disclosure::Headline => "headline",
        Disclosure::Withheld => "withheld",
    }
}

/// The names of the levels at and above the strength line, joined: "Expected or Exemplary".
pub fn strong_label(bench: &AreaBenchmark) -> String {
    bench.levels[bench.strength_from..].join(" or ")
}

/// The names of the levels below the strength line, joined: "Emerging".
pub fn below_label(bench: &AreaBenchmark) -> String {
    bench.levels[..bench.strength_from].join(" or ")
}

/// A percentage with the count and denominator behind it: "98% (45 of 46)"; `c` when
/// withheld; "no school judged it" with no respondents.
pub fn share(percent: Figure, count: Figure, of: u32) -> String {
    match (percent, count) {
        (Figure::Withheld, _) | (_, Figure::Withheld) => "c".to_owned(),
        (Figure::Value(p), Figure::Value(n)) => format!("{p}% ({n} of {of})"),
        _ => "no school judged it".to_owned(),
    }
}

/// A strand's % at strength levels with its count: "98% (45 of 46)".
pub fn strong_share(s: &StrandFigures) -> String {
    share(
        s.published_strong_percent(),
        s.published_strong(),
        s.respondents,
    )
}

/// A strand's % below the strength levels with its count: "15% (7 of 46)".
pub fn below_share(s: &StrandFigures) -> String {
    share(
        s.published_below_percent(),
        s.published_below(),
        s.respondents,
    )
}

/// What a list of strengths or areas for development says beside its strands: a sentence
/// in place of an empty list, and notes on what reached the threshold but is not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNotes {
    /// With no strand listed, what to say instead (never "no strand reached the threshold"
    /// when one did).
    pub empty: Option<String>,
    /// Sentences on strands that reached the threshold but are not listed, ties at the
    /// limit, and strands not considered because their figures are withheld.
    pub notes: Vec<String>,
}

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Areas of strength.
    Strengths,
    /// Areas for development.
    Developments,
}

/// The notes for one list of an outcome (see [`ListNotes`]).
pub fn list_notes(
    bench: &AreaBenchmark,
    year: &YearBenchmark,
    h: &OutcomeHighlights,
    list: List,
) -> ListNotes {
    let (listed, left_out, limit, threshold, what, side) = match list {
        List::Strengths => (
            &h.strengths,
            &h.strengths_left_out,
            bench.options.strengths,
            bench.options.strength_threshold,
            "a strength",
            strong_label(bench),
        ),
        List::Developments => (
            &h.developments,
            &h.developments_left_out,
            bench.options.developments,
            bench.options.development_threshold,
            "an area for development",
            below_label(bench),
        ),
    };
    let figure = |i: usize| {
        let s = &year.strands[i];
        match list {
            List::Strengths => strong_share(s),
            List::Developments => below_share(s),
        }
    };
    let mut notes = Vec::new();
    if listed.len() > limit && limit > 0 {
        let cut = figure(listed[limit - 1]);
        let cut = cut.split(' ').next().unwrap_or_default();
        notes.push(format!(
            "{} are listed, more than the limit of {limit}, because every strand with the same percentage as the last within the limit ({cut}) is listed.",
            plural(listed.len(), "strand", "strands")
        ));
    }
    let beyond: Vec<usize> = left_out
        .iter()
        .filter(|l| l.reason == LeftOutReason::BeyondLimit)
        .map(|l| l.strand)
        .collect();
    let instead: Vec<usize> = left_out
        .iter()
        .filter(|l| l.reason == LeftOutReason::Development)
        .map(|l| l.strand)
        .collect();
    if !beyond.is_empty() {
        let named: Vec<String> = beyond
            .iter()
            .map(|&i| format!("{}, {}", year.strands[i].code(), figure(i)))
            .collect();
        let reached = listed.len() + beyond.len();
        let lead = if instead.is_empty() {
            format!(
                "{} the threshold",
                plural(reached, "strand reached", "strands reached")
            )
        } else {
            format!(
                "Of the {} the threshold and {} not {}",
                plural(reached, "strand that reached", "strands that reached"),
                if reached == 1 { "is" } else { "are" },
                if reached == 1 {
                    "an area for development"
                } else {
                    "areas for development"
                }
            )
        };
        let kept = if listed.is_empty() {
            format!("none is listed, as the limit is {limit}")
        } else {
            format!("the {} highest are listed", listed.len())
        };
        // "Of the 10 strands that ... are not areas for development, the 5 highest are
        // listed"; "10 strands reached the threshold; the 5 highest are listed".
        let joint = if instead.is_empty() { ";" } else { "," };
        notes.push(format!(
            "{lead}{joint} {kept}. Not listed: {}.",
            named.join("; ")
        ));
    }
    for &i in &instead {
        let s = &year.strands[i];
        let code = s.code();
        let strong = strong_share(s);
        let below = below_share(s);
        let below_side = below_label(bench);
        notes.push(if h.developments.contains(&i) {
            format!(
                "Strand {code} reached {strong} at {side} but is listed as an area for development instead, as {below} judged it {below_side}."
            )
        } else {
            format!(
                "Strand {code} reached {strong} at {side} but is an area for development, as {below} judged it {below_side}; it is beyond the limit of that list ({}), so it is not listed there.",
                bench.options.developments
            )
        });
    }
    let all_withheld = !h.withheld.is_empty()
        && h.withheld.len()
            == year
                .strands
                .iter()
                .filter(|s| s.outcome == h.outcome)
                .count();
    if !h.withheld.is_empty() && !all_withheld {
        let codes: Vec<String> = h.withheld.iter().map(|&i| year.strands[i].code()).collect();
        notes.push(if codes.len() == 1 {
            format!(
                "Strand {} is not considered, as its figures are withheld to protect small numbers.",
                codes[0]
            )
        } else {
            format!(
                "Strands {} are not considered, as their figures are withheld to protect small numbers.",
                sendbench_core::words::and_list(&codes)
            )
        });
    }
    let none_judged = year
        .strands
        .iter()
        .filter(|s| s.outcome == h.outcome)
        .all(|s| s.respondents == 0);
    let empty = listed.is_empty().then(|| {
        if none_judged {
            // "No strand reached the threshold" would be true, and would suggest they were
            // judged below it.
            "No school judged any strand in this outcome, so none can be listed.".to_owned()
        } else if all_withheld {
            "No strand is considered: every strand's figures in this outcome are withheld to protect small numbers.".to_owned()
        } else if !left_out.is_empty() {
            format!("No strand is listed as {what}.")
        } else if !h.withheld.is_empty() {
            format!("No strand with published figures reached the threshold for {what} (at least {threshold}% at {side}).")
        } else {
            format!("No strand reached the threshold for {what} (at least {threshold}% at {side}).")
        }
    });
    ListNotes { empty, notes }
}

/// What small-numbers suppression withheld in `year`, in one sentence: "To protect small
/// numbers (fewer than 5 schools), 31 counts are withheld and shown as c: 6 strands show only
/// the Expected-or-better split, 2 strands and 3 duties show no judgement counts." `None`
/// without a threshold.
pub fn suppression_note(bench: &AreaBenchmark, year: &YearBenchmark) -> Option<String> {
    // At least MIN_SUPPRESSION (3): `suppress_below` refuses less.
    let n = bench.suppression_threshold?;
    let w = year.withheld();
    let why = format!(
        "To protect small numbers (fewer than {})",
        plural(n as usize, "school", "schools")
    );
    if w.counts == 0 {
        return Some(format!(
            "{why}, any count from 1 to {} would be withheld and shown as c; in {} there is none, so every figure is shown.",
            n - 1,
            year.year
        ));
    }
    let mut parts = Vec::new();
    let verb = |k: usize| if k == 1 { "shows" } else { "show" };
    if w.headline_strands > 0 {
        parts.push(format!(
            "{} {} only the {}-or-better split",
            plural(w.headline_strands, "strand", "strands"),
            verb(w.headline_strands),
            bench.levels[bench.strength_from]
        ));
    }
    if w.headline_duties > 0 {
        parts.push(format!(
            "{} {} only met and not fully met",
            plural(w.headline_duties, "duty", "duties"),
            verb(w.headline_duties)
        ));
    }
    let mut withheld = Vec::new();
    if w.withheld_strands > 0 {
        withheld.push(plural(w.withheld_strands, "strand", "strands"));
    }
    if w.withheld_duties > 0 {
        withheld.push(plural(w.withheld_duties, "duty", "duties"));
    }
    if !withheld.is_empty() {
        let k = w.withheld_strands + w.withheld_duties;
        parts.push(format!(
            "{} {} no judgement counts",
            sendbench_core::words::and_list(&withheld),
            verb(k)
        ));
    }
    // Semicolons between the parts: each part may itself contain an "and".
    Some(format!(
        "{why}, {} {} withheld and shown as c: {}.",
        plural(w.counts, "count", "counts"),
        if w.counts == 1 { "is" } else { "are" },
        parts.join("; ")
    ))
}

/// "3 March to 14 July 2026".
fn date_range(from: jiff::civil::Date, to: jiff::civil::Date) -> String {
    let long = |d: jiff::civil::Date| d.strftime("%-d %B %Y").to_string();
    if from == to {
        long(from)
    } else if from.year() == to.year() {
        format!("{} to {}", from.strftime("%-d %B"), long(to))
    } else {
        format!("{} to {}", long(from), long(to))
    }
}

/// What the year's data are, for the report's cover: "Self-reviews by 46 schools against the
/// Hertfordshire Schools' SEND Benchmark and Planning Tool, dated 3 March to 14 July 2026."
/// How they were returned (files, a survey export) is the officer's to say (`--collection`):
/// rows of one export are not files, and a folder may hold both.
pub fn collection_sentence(year: &YearBenchmark, rubric: &Rubric) -> String {
    let n = year.contributors.len();
    let who = if n == 1 {
        "Self-review by 1 school".to_owned()
    } else {
        format!("Self-reviews by {n} schools")
    };
    let (range, undated) = year.review_dates();
    let when = match range {
        None => " (no return gives a review date)".to_owned(),
        Some((from, to)) if undated == 0 => format!(", dated {}", date_range(from, to)),
        Some((from, to)) => format!(
            ", dated {} ({} no date)",
            date_range(from, to),
            if undated == 1 {
                "1 gives".to_owned()
            } else {
                format!("{undated} give")
            }
        ),
    };
    format!("{who} against the {}{when}.", rubric.title)
}

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
pub fn xlsx(
    bench: &AreaBenchmark,
    rubric: &Rubric,
    title: &str,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    let strong = bench.levels[bench.strength_from..].join(" + ");
    let below = format!("below {}", bench.levels[bench.strength_from]);
    let descriptor = |outcome: &str, strand: &str| {
        rubric
            .outcome(outcome)
            .and_then(|o| o.strand(strand))
            .map(|s| s.descriptors[bench.strength_from].clone())
            .unwrap_or_default()
    };

    let notes = wb.add_worksheet();
    notes.set_name("Notes")?;
    let years: Vec<String> = bench.years.iter().map(|y| y.year.to_string()).collect();
    let text = |s: &str| Value::Text(s.to_owned());
    let threshold = match bench.suppression_threshold {
        Some(n) => format!(
            "{n} schools: counts from 1 to {} are withheld (c), with any figure they could be worked out from.",
            n.saturating_sub(1)
        ),
        None => "None: every figure is shown.".to_owned(),
    };
    let mut note_rows: Vec<Vec<Value>> = vec![
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
    ];
    for warning in bench.reliability_warnings() {
        note_rows.push(vec![text("Read with care"), Value::Text(warning.message)]);
    }
    note_rows.push(vec![
        text("Colour"),
        text("No meaning is carried by colour in this workbook."),
    ]);
    table(
        notes,
        "Notes",
        title,
        "What the columns and symbols in this workbook mean.",
        &["Term".into(), "Meaning".into()],
        &note_rows,
    )?;
    notes.set_column_width(1, 110)?;

    for year in &bench.years {
        let ws = wb.add_worksheet();
        ws.set_name(format!(
            "Strands {}",
            year.year.to_string().replace('/', "-")
        ))?;
        let mut header: Vec<String> = vec!["Outcome".into(), "Strand".into()];
        header.extend(bench.levels.iter().map(|l| format!("{l} (schools)")));
        header.extend(["not judged (schools)".into(), "respondents".into()]);
        header.extend(
            bench
                .levels
                .iter()
                .map(|l| format!("{l} (% of respondents)")),
        );
        header.extend([
            format!("{strong} (schools)"),
            format!("{strong} (% of respondents)"),
            format!("{below} (schools)"),
            format!("{below} (% of respondents)"),
            "disclosure".into(),
            "descriptor".into(),
        ]);
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
                row.push(Value::Text(descriptor(&s.outcome, &s.strand)));
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
            &format!("{title}: strands, {}", year.year),
            &about,
            &header,
            &rows,
        )?;
    }

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
    let rows: Vec<Vec<Value>> = bench
        .years
        .iter()
        .flat_map(|y| {
            y.checklist.iter().map(move |d| {
                let text = rubric
                    .checklist
                    .text_of(&d.item)
                    .unwrap_or_default()
                    .to_owned();
                vec![
                    Value::Text(y.year.to_string()),
                    Value::Text(text),
                    fig(d.published_met()),
                    fig(d.published_partly_met()),
                    fig(d.published_not_met()),
                    fig(d.published_not_fully_met()),
                    num(d.unanswered),
                    num(d.answered()),
                    Value::Text(disclosure_id(d.disclosure).to_owned()),
                ]
            })
        })
        .collect();
    table(
        ws,
        "Checklist",
        &format!("{title}: statutory checklist"),
        "How many schools meet each statutory duty, per academic year.",
        &header,
        &rows,
    )?;

    let ws = wb.add_worksheet();
    ws.set_name("Schools")?;
    let rows: Vec<Vec<Value>> = bench
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
        &format!("{title}: contributing schools"),
        "Schools whose returns are counted, alphabetical within each year.",
        &["Academic year".into(), "School".into()],
        &rows,
    )?;

    if bench.years.len() > 1 {
        let ws = wb.add_worksheet();
        ws.set_name("Comparison")?;
        let mut header: Vec<String> = vec!["Outcome".into(), "Strand".into()];
        for y in &bench.years {
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
        let rows: Vec<Vec<Value>> = bench
            .comparison()
            .into_iter()
            .map(|c| {
                let mut row = vec![Value::Text(c.outcome.clone()), Value::Text(c.code())];
                for ((&p, &n), &r) in c.percents.iter().zip(&c.counts).zip(&c.respondents) {
                    row.extend([fig(p), fig(n), num(r)]);
                }
                let last = c.percents.len() - 1;
                row.push(match c.change {
                    Some(change) => Value::Number(change as f64),
                    None if c.percents[last - 1].is_withheld()
                        || c.percents[last].is_withheld() =>
                    {
                        text("c")
                    }
                    None => Value::Empty,
                });
                row.push(if c.change_on_few {
                    text("yes")
                } else {
                    Value::Empty
                });
                row.push(Value::Text(descriptor(&c.outcome, &c.strand)));
                row
            })
            .collect();
        table(
            ws,
            "Comparison",
            &format!("{title}: year on year"),
            &format!("The % of respondents at {strong}, with its count and respondents, per strand and academic year."),
            &header,
            &rows,
        )?;
    }
    wb.save_to_buffer()
        .map(crate::package::same_on_every_platform)
}
