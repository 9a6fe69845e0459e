//! The collection sheet and the question list for a county's survey: what an officer sends
//! schools (or pastes into an online form tool) so the returns come back in a shape
//! sendbench reads without a column map.
//!
//! [`template`] is an XLSX workbook: an Instructions sheet (how to fill it in, the levels,
//! the checklist statuses) and a Returns sheet with a row per school, a column per school
//! detail, strand and statutory duty, drop-down lists of the rubric's levels and the
//! checklist statuses, the strand's descriptors as a note on its header, and frozen
//! headers. [`questions`] is the same as a numbered list of questions and answer options
//! for Microsoft Forms, SurveyMonkey, Smart Survey or Google Forms: each question's text
//! starts with the strand code, so the tool's export reads back as it is.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, Note, Workbook, Worksheet, XlsxError,
};
use sendbench_core::{ChecklistStatus, Rubric, StrandRef};

/// How to make the collection sheet.
#[derive(Debug, Clone, Default)]
pub struct SurveyOptions {
    /// The local areas schools choose from (a drop-down); empty: typed in.
    pub areas: Vec<String>,
    /// Rows made ready for schools (drop-downs and formats); at least 1.
    pub rows: u32,
}

/// The header of a strand's column and the start of its question: the code, then the
/// start of the strand's descriptor at the first strength level, so a person sees what
/// it is about (`1a. High quality teaching is regularly differentiated, ...`).
pub fn strand_header(rubric: &Rubric, strand: StrandRef<'_>) -> String {
    let descriptor = strand
        .strand
        .descriptors
        .get(rubric.strength_from)
        .or(strand.strand.descriptors.first())
        .map(String::as_str)
        .unwrap_or("");
    format!("{}. {}", strand.code(), shorten_words(descriptor, 70))
}

/// Text cut at a word boundary to at most about `max` characters, with "..." when cut.
fn shorten_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{}...", out.trim_end_matches([',', ';', ':', '.']))
}

/// The school details asked for first: (header, what to enter).
fn details(rubric: &Rubric) -> [(&str, &'static str); 5] {
    let l = &rubric.introduction.labels;
    [
        (
            l.name.as_str(),
            "the school's full name, as on Get Information about Schools",
        ),
        (
            l.urn.as_str(),
            "the school's six-digit unique reference number",
        ),
        (l.area.as_str(), "the local area the school belongs to"),
        (
            l.academic_year.as_str(),
            "the academic year reviewed, as 2025/26",
        ),
        (
            l.date.as_str(),
            "the date the review was finished, as 12/06/2026",
        ),
    ]
}

/// The collection sheet as XLSX. Same input, same bytes.
pub fn template(rubric: &Rubric, options: &SurveyOptions) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let title = format!("{}: returns", rubric.title);
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject("One row per school: the school's details, a level per strand, a status per statutory duty")
            .set_creation_datetime(&created),
    );
    // Instructions first: the sheet a person sees on opening.
    instructions(&mut wb, rubric, &title)?;
    let ws = wb.add_worksheet();
    ws.set_name("Returns")?;
    let returns = Returns {
        rubric,
        // Rows 1..=rows below the header.
        last_row: options.rows.max(1),
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_background_color("#DDEBF7"),
    };
    let column = returns.details(ws, options)?;
    let column = returns.strands(ws, column)?;
    returns.duties(ws, column)?;
    ws.set_row_height(0, 150)?;
    ws.set_freeze_panes(1, 1)?;
    wb.save_to_buffer()
        .map(crate::package::same_on_every_platform)
}

/// The rubric's levels by name.
fn level_names(rubric: &Rubric) -> Vec<&str> {
    rubric.levels.iter().map(|l| l.name.as_str()).collect()
}

/// The checklist statuses by name.
fn status_names() -> Vec<&'static str> {
    ChecklistStatus::ALL.iter().map(|s| s.label()).collect()
}

/// The Instructions sheet: how to fill the Returns sheet in, the school's details, the
/// levels.
fn instructions(wb: &mut Workbook, rubric: &Rubric, title: &str) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let heading = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let levels = level_names(rubric);
    let about = wb.add_worksheet();
    about.set_name("Instructions")?;
    about.set_column_width(0, 100)?;
    // (text, bold): a blank line between parts.
    let mut lines: Vec<(String, bool)> = vec![
        ("Fill in one row of the Returns sheet per school: the school's details, then for each strand the level that fits your school best, then for each statutory duty whether the school meets it.".to_owned(), false),
        (format!("Choose levels from each cell's drop-down list ({}); hover over a strand's header to read what each level means. Leave a strand empty if you have not judged it yet.", levels.join(", ")), false),
        (format!("Statutory duties: {}.", status_names().join(", ")), false),
        ("Do not change, move or delete the header row: sendbench reads the columns by their headers. Extra columns of your own are fine if their headers say what they are.".to_owned(), false),
        ("Save as an Excel Workbook (.xlsx) and return it. A school that sends a second row for the same year is counted once, using the later review.".to_owned(), false),
        (String::new(), false),
        ("The school's details".to_owned(), true),
    ];
    for (label, what) in details(rubric) {
        lines.push((format!("{label}: {what}"), false));
    }
    lines.push((String::new(), false));
    lines.push(("The levels".to_owned(), true));
    for level in &rubric.levels {
        lines.push((
            match &level.description {
                Some(d) => format!("{}: {d}", level.name),
                None => level.name.clone(),
            },
            false,
        ));
    }
    about.write_string_with_format(0, 0, title, &heading)?;
    for (i, (text, strong)) in lines.iter().enumerate() {
        if !text.is_empty() {
            about.write_string_with_format(
                1 + i as u32,
                0,
                text,
                if *strong { &bold } else { &wrap },
            )?;
        }
    }
    Ok(())
}

/// The Returns sheet's columns, left to right: each part adds its own and gives the next
/// free column.
struct Returns<'a> {
    rubric: &'a Rubric,
    /// The last row made ready for a school.
    last_row: u32,
    /// The header row's format.
    header: Format,
}

impl Returns<'_> {
    /// The school's details, each with what to enter and, where it can be, a check.
    fn details(&self, ws: &mut Worksheet, options: &SurveyOptions) -> Result<u16, XlsxError> {
        let mut column: u16 = 0;
        for (label, what) in details(self.rubric) {
            ws.write_string_with_format(0, column, label, &self.header)?;
            ws.set_column_width(column, if column == 0 { 36 } else { 16 })?;
            let validation = DataValidation::new()
                .set_input_title(shorten_words(label, 32))?
                .set_input_message(format!("Enter {what}."))?;
            let validation = detail_check(validation, column, options)?;
            ws.add_data_validation(1, column, self.last_row, column, &validation)?;
            column += 1;
        }
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        ws.set_column_format(4, &date_format)?;
        Ok(column)
    }

    /// A column per strand from `column`: its header, its descriptors as a note, and the
    /// levels as a drop-down.
    fn strands(&self, ws: &mut Worksheet, mut column: u16) -> Result<u16, XlsxError> {
        let rubric = self.rubric;
        let levels = level_names(rubric);
        let level_list = DataValidation::new()
            .allow_list_strings(&levels)?
            .set_error_title("Not a level")?
            .set_error_message(format!("Choose one of: {}.", levels.join(", ")))?;
        let first_strand = column;
        for strand in rubric.strands() {
            ws.write_string_with_format(0, column, strand_header(rubric, strand), &self.header)?;
            ws.set_column_width(column, 18)?;
            let note = strand
                .strand
                .descriptors
                .iter()
                .zip(&rubric.levels)
                .map(|(d, l)| format!("{}: {d}", l.name))
                .collect::<Vec<_>>()
                .join("\n\n");
            ws.insert_note(
                0,
                column,
                &Note::new(format!(
                    "Outcome {}: {}\n\n{note}",
                    strand.outcome.id, strand.outcome.title
                ))
                .add_author_prefix(false)
                .set_width(420)
                .set_height(320),
            )?;
            column += 1;
        }
        ws.add_data_validation(1, first_strand, self.last_row, column - 1, &level_list)?;
        Ok(column)
    }

    /// A column per statutory duty from `column`, its statuses as a drop-down.
    fn duties(&self, ws: &mut Worksheet, mut column: u16) -> Result<u16, XlsxError> {
        let statuses = status_names();
        let status_list = DataValidation::new()
            .allow_list_strings(&statuses)?
            .set_error_title("Not a status")?
            .set_error_message(format!("Choose one of: {}.", statuses.join(", ")))?;
        let first_duty = column;
        for item in &self.rubric.checklist.items {
            ws.write_string_with_format(0, column, &item.text, &self.header)?;
            ws.set_column_width(column, 30)?;
            column += 1;
        }
        if column > first_duty {
            ws.add_data_validation(1, first_duty, self.last_row, column - 1, &status_list)?;
        }
        Ok(column)
    }
}

/// What a school detail's column accepts: the area from the list (when there is one), a
/// date, a six-digit URN (a warning only: a new school's may be missing).
fn detail_check(
    validation: DataValidation,
    column: u16,
    options: &SurveyOptions,
) -> Result<DataValidation, XlsxError> {
    Ok(if column == 2 && !options.areas.is_empty() {
        validation
            .allow_list_strings(&options.areas)?
            .set_error_title("Not an area")?
            .set_error_message("Choose the school's area from the list.")?
    } else if column == 4 {
        validation
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2099, 12, 31)?,
            ))
            .set_error_title("Not a date")?
            .set_error_message("Enter the date the review was finished, as 12/06/2026.")?
    } else if column == 1 {
        validation
            .allow_whole_number(DataValidationRule::Between(100_000, 999_999))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Not a URN")?
            .set_error_message("A URN is six digits.")?
    } else {
        validation
    })
}

/// The questions for an online form, in order, with their answer options: paste each
/// question's text as it is, so the form's export reads back without a column map.
pub fn questions(rubric: &Rubric, options: &SurveyOptions) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut ask = |out: &mut String, text: &str, kind: &str, answers: &[String]| {
        n += 1;
        out.push_str(&format!("{n}. {text}\n   ({kind})\n"));
        for a in answers {
            out.push_str(&format!("   - {a}\n"));
        }
        out.push('\n');
    };
    out.push_str(&format!(
        "Questions for an online form: {}\n\n\
         Make one question per item below, with its text exactly as written (the form's\n\
         export is then read by `sendbench area` without a column map) and the answer\n\
         options listed. Export the responses as Excel (.xlsx) or CSV.\n\n",
        rubric.title
    ));
    out.push_str("About your school\n\n");
    for (i, (label, what)) in details(rubric).into_iter().enumerate() {
        let required = if i == 0 { ", required" } else { "" };
        if i == 2 && !options.areas.is_empty() {
            ask(
                &mut out,
                label,
                &format!("choice, one answer{required}"),
                &options.areas,
            );
        } else {
            ask(&mut out, label, &format!("text: {what}{required}"), &[]);
        }
    }
    for outcome in &rubric.outcomes {
        out.push_str(&format!("Outcome {}: {}\n\n", outcome.id, outcome.title));
        for strand in &outcome.strands {
            let s = StrandRef { outcome, strand };
            let answers: Vec<String> = strand
                .descriptors
                .iter()
                .zip(&rubric.levels)
                .map(|(d, l)| format!("{}: {d}", l.name))
                .collect();
            ask(
                &mut out,
                &format!("{}. Which of these fits your school best?", s.code()),
                "choice, one answer",
                &answers,
            );
        }
    }
    out.push_str(&format!("{}\n\n", rubric.checklist.heading));
    let statuses: Vec<String> = ChecklistStatus::ALL
        .iter()
        .map(|s| s.label().to_owned())
        .collect();
    for item in &rubric.checklist.items {
        ask(&mut out, &item.text, "choice, one answer", &statuses);
    }
    out
}
