//! Area benchmark outputs. CSV: one row per academic year, outcome and strand, with the
//! counts at each level, the respondents and the percentages, for spreadsheets and scripts.

use sendbench_core::{AreaBenchmark, Rubric};

/// The benchmark as CSV (RFC 4180, UTF-8, a header row). Percent cells are empty where a
/// strand had no respondents, so nobody divides by zero by accident.
pub fn csv(bench: &AreaBenchmark, rubric: &Rubric) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["academic_year".into(), "outcome".into(), "strand".into()];
    for level in &bench.levels {
        header.push(format!("{level} (schools)"));
    }
    header.extend(["not judged (schools)".into(), "respondents".into()]);
    for level in &bench.levels {
        header.push(format!("{level} (% of respondents)"));
    }
    let strong: Vec<&str> = bench.levels[bench.strength_from..]
        .iter()
        .map(String::as_str)
        .collect();
    let strong = strong.join(" + ");
    header.extend([
        format!("{strong} (schools)"),
        format!("{strong} (% of respondents)"),
        format!("below {} (schools)", bench.levels[bench.strength_from]),
        format!(
            "below {} (% of respondents)",
            bench.levels[bench.strength_from]
        ),
        "descriptor".into(),
    ]);
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for year in &bench.years {
        for s in &year.strands {
            let pct = |p: Option<u32>| p.map(|p| p.to_string()).unwrap_or_default();
            let mut row: Vec<String> = vec![year.year.to_string(), s.outcome.clone(), s.code()];
            if s.suppressed {
                // GSS symbol for a value suppressed to protect small numbers.
                row.extend(std::iter::repeat_n(
                    "c".to_owned(),
                    2 * bench.levels.len() + 6,
                ));
            } else {
                row.extend(s.counts.iter().map(u32::to_string));
                row.extend([s.not_judged.to_string(), s.respondents.to_string()]);
                match &s.percents {
                    Some(p) => row.extend(p.iter().map(u32::to_string)),
                    None => row.extend(bench.levels.iter().map(|_| String::new())),
                }
                row.extend([
                    s.strong.to_string(),
                    pct(s.strong_percent),
                    s.below.to_string(),
                    pct(s.below_percent),
                ]);
            }
            // The strand's strength-level descriptor says what it is about.
            let descriptor = rubric
                .outcome(&s.outcome)
                .and_then(|o| o.strand(&s.strand))
                .map(|st| st.descriptors[bench.strength_from].clone())
                .unwrap_or_default();
            row.push(descriptor);
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
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

fn opt(n: Option<u32>) -> Value {
    n.map_or(Value::Empty, num)
}

/// Writes one table to a worksheet the accessible way: the title in A1, a line saying what
/// the table is in A2, one header row (row 4), data below; no merged cells, no colour.
fn table(
    ws: &mut rust_xlsxwriter::Worksheet,
    title: &str,
    about: &str,
    header: &[String],
    rows: &[Vec<Value>],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let heading = rust_xlsxwriter::Format::new().set_bold().set_font_size(14);
    ws.write_string_with_format(0, 0, title, &heading)?;
    ws.write_string(1, 0, about)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, h, &bold)?;
        ws.set_column_width(c as u16, (h.chars().count().clamp(10, 40) + 2) as f64)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (4 + r as u32, c as u16);
            match v {
                Value::Text(t) => ws.write_string(r, c, t).map(|_| ())?,
                Value::Number(n) => ws.write_number(r, c, *n).map(|_| ())?,
                Value::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(4, 0)?;
    Ok(())
}

/// The benchmark as an accessible XLSX workbook: a Notes sheet explaining the columns and
/// symbols, a sheet of strand figures per academic year, the statutory checklist, the
/// contributing schools, and (with several years) a comparison of the % at strength levels
/// year on year. Same input, same bytes (the document date is fixed).
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
    let mut note_rows: Vec<Vec<Value>> = vec![
        vec![Value::Text("Rubric".into()), Value::Text(format!("{} (version {})", rubric.title, rubric.version))],
        vec![Value::Text("Academic years".into()), Value::Text(years.join(", "))],
        vec![Value::Text("(schools)".into()), Value::Text("Number of schools whose return judged the strand at that level.".into())],
        vec![Value::Text("not judged".into()), Value::Text("Schools that returned the benchmark but did not judge this strand.".into())],
        vec![Value::Text("respondents".into()), Value::Text("Schools that judged the strand. Every percentage is of respondents.".into())],
        vec![
            Value::Text("(% of respondents)".into()),
            Value::Text(format!(
                "Rounded to a whole number, halves to even: the same count of the same respondents always gives the same percentage, and '{strong}' and '{below}' add up to 100. Separate levels may add up to 99 or 101."
            )),
        ],
        vec![Value::Text("empty cell".into()), Value::Text("No percentage: no school judged the strand.".into())],
        vec![Value::Text("c".into()), Value::Text("Suppressed to protect small numbers (Government Statistical Service symbol): a count below the threshold, or a row where one could be worked out by subtraction. Whole rows are suppressed.".into())],
        vec![Value::Text("change".into()), Value::Text(format!("Comparison sheet: the latest year's '{strong}' percentage minus the previous year's, in percentage points."))],
        vec![Value::Text("descriptor".into()), Value::Text(format!("The strand's {} descriptor, which says what the strand is about.", bench.levels[bench.strength_from]))],
    ];
    note_rows.push(vec![
        Value::Text("Colour".into()),
        Value::Text("No meaning is carried by colour in this workbook.".into()),
    ]);
    table(
        notes,
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
            "descriptor".into(),
        ]);
        let rows: Vec<Vec<Value>> = year
            .strands
            .iter()
            .map(|s| {
                let mut row = vec![Value::Text(s.outcome.clone()), Value::Text(s.code())];
                if s.suppressed {
                    row.extend((0..2 * bench.levels.len() + 6).map(|_| Value::Text("c".into())));
                } else {
                    row.extend(s.counts.iter().map(|&c| num(c)));
                    row.extend([num(s.not_judged), num(s.respondents)]);
                    match &s.percents {
                        Some(p) => row.extend(p.iter().map(|&p| num(p))),
                        None => row.extend(bench.levels.iter().map(|_| Value::Empty)),
                    }
                    row.extend([
                        num(s.strong),
                        opt(s.strong_percent),
                        num(s.below),
                        opt(s.below_percent),
                    ]);
                }
                row.push(Value::Text(descriptor(&s.outcome, &s.strand)));
                row
            })
            .collect();
        let about = format!(
            "{} schools returned the benchmark for {}. One row per strand.",
            year.schools.len(),
            year.year
        );
        table(
            ws,
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
        "Not answered (schools)",
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
                    .items
                    .iter()
                    .find(|i| i.id == d.item)
                    .map(|i| i.text.clone())
                    .unwrap_or_default();
                let cell = |n: u32| {
                    if d.suppressed {
                        Value::Text("c".into())
                    } else {
                        num(n)
                    }
                };
                vec![
                    Value::Text(y.year.to_string()),
                    Value::Text(text),
                    cell(d.met),
                    cell(d.partly_met),
                    cell(d.not_met),
                    cell(d.unanswered),
                ]
            })
        })
        .collect();
    table(
        ws,
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
        &format!("{title}: contributing schools"),
        "Schools whose returns are counted, alphabetical within each year.",
        &["Academic year".into(), "School".into()],
        &rows,
    )?;

    if bench.years.len() > 1 {
        let ws = wb.add_worksheet();
        ws.set_name("Comparison")?;
        let mut header: Vec<String> = vec!["Outcome".into(), "Strand".into()];
        header.extend(bench.years.iter().map(|y| format!("{strong} % {}", y.year)));
        header.push("change (percentage points)".into());
        header.push("descriptor".into());
        let rows: Vec<Vec<Value>> = bench
            .comparison()
            .into_iter()
            .map(|c| {
                let mut row = vec![Value::Text(c.outcome.clone()), Value::Text(c.code())];
                row.extend(c.percents.iter().zip(&c.suppressed).map(|(&v, &h)| {
                    if h {
                        Value::Text("c".into())
                    } else {
                        opt(v)
                    }
                }));
                row.push(match c.change {
                    _ if c.suppressed.iter().any(|&h| h) => Value::Text("c".into()),
                    Some(change) => Value::Number(change as f64),
                    None => Value::Empty,
                });
                row.push(Value::Text(descriptor(&c.outcome, &c.strand)));
                row
            })
            .collect();
        table(
            ws,
            &format!("{title}: year on year"),
            &format!("The % of respondents at {strong}, per strand and academic year."),
            &header,
            &rows,
        )?;
    }
    wb.save_to_buffer()
}
