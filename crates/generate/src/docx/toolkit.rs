//! The toolkit: the Word form a school fills in, laid out as the original (title page and key
//! dates, who took part, the statutory checklist, one landscape table per outcome, the action
//! plan) from any rubric, blank or pre-filled from an assessment.
//!
//! Every control carries a tag naming the field it holds, so `import` can read a filled form
//! back. The tags (also listed in `docs/toolkit.md`):
//!
//! | tag | control |
//! | --- | --- |
//! | `school.name`, `school.urn`, `school.area`, `review.academic_year` | text |
//! | `review.date`, `review.key_dates.N.date` | date |
//! | `review.key_dates.N.event` | text |
//! | `participants.ROLE.involved` | check box |
//! | `participants.ROLE.N.title`, `.name` | text |
//! | `participants.ROLE.N.date` | date |
//! | `checklist.ITEM.status` | drop-down: met, partly-met, not-met |
//! | `checklist.ITEM.evidence` | text |
//! | `outcomes.O.strands.S.judgement` | drop-down of the rubric's levels |
//! | `outcomes.O.strands.S.evidence` | text |
//! | `outcomes.O.strands.S.public` | check box |
//! | `outcomes.O.FIELD` | text (Notes, Actions) |
//! | `action_plan.N.COLUMN` | text or date, by the column's kind |
//! | `action_plan.N.outcome` | drop-down of outcomes |
//! | `action_plan.N.due` | date |

use sendbench_core::{
    AcademicYear, ActionPlanLayout, ActionRow, Assessment, CellValue, ChecklistStatus, ColumnKind,
    Judgement, Outcome, OutcomeReview, Participant, Rubric,
};

use super::wml::{Body, Choice, Width};

/// Usable width of a landscape A4 page with the margins set in `wml`, in twips.
const LANDSCAPE_WIDTH: Width = 16_838 - 2 * 1_021;
/// Usable width of a portrait A4 page.
const PORTRAIT_WIDTH: Width = 11_906 - 2 * 1_021;
/// Shading of header cells: dark blue with white text (contrast 10.9:1).
const HEADER_FILL: &str = "1F3864";
/// Shading of label cells: pale grey with black text.
const LABEL_FILL: &str = "F2F2F2";
/// Room to write by hand in a Notes or Actions box on a printed form (4 cm), and in an
/// action plan row (2 cm); the boxes still grow with what is typed.
const NOTES_HEIGHT: Width = 2_268;
const ACTION_ROW_HEIGHT: Width = 1_134;

/// Empty key-date rows offered in a blank form.
const KEY_DATE_ROWS: usize = 4;

/// Writes the body of the toolkit's `document.xml`: everything inside `<w:body>`.
pub fn body(
    rubric: &Rubric,
    assessment: Option<&Assessment>,
    carried_forward: Option<Option<AcademicYear>>,
) -> String {
    let empty = Assessment::default();
    let a = assessment.unwrap_or(&empty);
    let mut b = Body::new();
    // Where the answers come from, said where a reader meets them.
    let note = carried_forward.map(|from| match from {
        Some(year) => format!("the {year} review"),
        None => "the last review".to_owned(),
    });
    title_page(&mut b, rubric, a);
    if let Some(from) = &note {
        b.para(
            "Normal",
            &format!(
                "This form was started from {from}. The judgements, evidence, notes and actions in it are carried forward from that review for you to revisit: check and change each one. None is this year's until you have."
            ),
        );
    }
    participants(&mut b, rubric, a);
    checklist(&mut b, rubric, a);
    // The portrait pages end here: the paragraph that ends their section says what comes.
    b.section_break(false, true, NEXT_THE_OUTCOMES);
    for outcome in &rubric.outcomes {
        outcome_section(&mut b, rubric, a, &outcome.id, note.as_deref());
    }
    action_plan(&mut b, rubric, a);
    // A document ends with a paragraph; this one says what to do with the form.
    b.para("Normal", END_OF_THE_FORM);
    b.section_properties(true, false);
    b.finish()
}

/// What the paragraph ending the portrait pages says.
const NEXT_THE_OUTCOMES: &str =
    "The outcomes follow, each starting on a new page turned to landscape to fit its table of strands.";
/// What the form's last paragraph says.
const END_OF_THE_FORM: &str = "This is the end of the form. Save it as a Word document (.docx) to send it back: a PDF or a printed copy cannot be read back in.";

fn header_row(b: &mut Body, cells: &[(Width, &str)]) {
    b.row_start(true);
    for (w, text) in cells {
        b.text_cell(*w, "TableHeading", text, Some(HEADER_FILL));
    }
    b.row_end();
}

/// A row of "label | control" in a details table.
fn detail_row(b: &mut Body, widths: (Width, Width), label: &str, control: impl FnOnce(&mut Body)) {
    b.row_start(false);
    b.text_cell(widths.0, "TableText", label, Some(LABEL_FILL));
    b.control_cell(widths.1, |b| {
        control(b);
    });
    b.row_end();
}

fn title_page(b: &mut Body, rubric: &Rubric, a: &Assessment) {
    b.para("Title", &rubric.title);
    let widths = (3_000, PORTRAIT_WIDTH - 3_000);
    b.table_start(&[widths.0, widths.1], "About the school and this review");
    // A header row, so a screen reader announces the columns as in every other table.
    header_row(b, &[(widths.0, "Detail"), (widths.1, "Answer")]);
    // Every label comes from the rubric: an early years rubric says "Setting name".
    let labels = &rubric.introduction.labels;
    detail_row(b, widths, &labels.name, |b| {
        b.text_control("school.name", &labels.name, &a.school.name, false)
    });
    detail_row(b, widths, &labels.urn, |b| {
        b.text_control(
            "school.urn",
            &labels.urn,
            a.school.urn.as_deref().unwrap_or(""),
            false,
        )
    });
    detail_row(b, widths, &labels.area, |b| {
        b.text_control(
            "school.area",
            &labels.area,
            a.school.area.as_deref().unwrap_or(""),
            false,
        )
    });
    let year = a
        .review
        .academic_year
        .map(|y| y.to_string())
        .unwrap_or_default();
    detail_row(b, widths, &labels.academic_year, |b| {
        b.text_control("review.academic_year", &labels.academic_year, &year, false)
    });
    detail_row(b, widths, &labels.date, |b| {
        b.date_control("review.date", &labels.date, a.review.date)
    });
    b.table_end();

    for paragraph in &rubric.introduction.paragraphs {
        b.para("Normal", paragraph);
    }
    if !rubric.introduction.purposes.is_empty() {
        b.para("Normal", &rubric.introduction.purposes_lead);
        for purpose in &rubric.introduction.purposes {
            b.para("ListBullet", purpose);
        }
    }

    b.heading(2, rubric.introduction.key_dates_label.trim_end_matches(':'));
    let widths = [PORTRAIT_WIDTH - 3_000, 3_000];
    b.table_start(&widths, &rubric.introduction.key_dates_label);
    header_row(b, &[(widths[0], "What"), (widths[1], "Date")]);
    let rows = a.review.key_dates.len().max(KEY_DATE_ROWS);
    for i in 0..rows {
        let k = a.review.key_dates.get(i);
        b.row_start(false);
        b.control_cell(widths[0], |b| {
            b.text_control(
                &format!("review.key_dates.{i}.event"),
                &format!("Key date {}: what", i + 1),
                k.map_or("", |k| k.event.as_str()),
                false,
            );
        });
        b.control_cell(widths[1], |b| {
            b.date_control(
                &format!("review.key_dates.{i}.date"),
                &format!("Key date {}: date", i + 1),
                k.and_then(|k| k.date),
            );
        });
        b.row_end();
    }
    b.table_end();
}

fn participants(b: &mut Body, rubric: &Rubric, a: &Assessment) {
    b.heading(1, &rubric.participants.heading);
    b.lead_in("Normal", &rubric.participants.instructions);
    let widths = [
        950,
        2_400,
        2_100,
        2_500,
        PORTRAIT_WIDTH - 950 - 2_400 - 2_100 - 2_500,
    ];
    b.table_start(&widths, &rubric.participants.heading);
    header_row(
        b,
        &[
            (widths[0], "Took part"),
            (widths[1], "Role"),
            (widths[2], "Job title"),
            (widths[3], "Name"),
            (widths[4], "Date"),
        ],
    );
    for role in &rubric.participants.roles {
        let people: Vec<&Participant> = a
            .participants
            .iter()
            .filter(|p| p.role == role.id)
            .collect();
        let rows = ((role.rows + role.role_rows) as usize)
            .max(people.len())
            .max(1);
        let asks_title = role.role_rows > 0 || people.iter().any(|p| p.title.is_some());
        for i in 0..rows {
            let p = people.get(i).copied();
            let tag = |field: &str| format!("participants.{}.{i}.{field}", role.id);
            b.row_start(false);
            b.control_cell(widths[0], |b| {
                if i == 0 {
                    b.checkbox(
                        &format!("participants.{}.involved", role.id),
                        &format!("{} took part", role.name),
                        !people.is_empty(),
                    );
                }
            });
            b.text_cell(widths[1], "TableText", &role.name, None);
            b.control_cell(widths[2], |b| {
                if asks_title {
                    b.text_control(
                        &tag("title"),
                        &format!("{} {}: job title", role.name, i + 1),
                        p.and_then(|p| p.title.as_deref()).unwrap_or(""),
                        false,
                    );
                }
            });
            b.control_cell(widths[3], |b| {
                b.text_control(
                    &tag("name"),
                    &format!("{} {}: name", role.name, i + 1),
                    p.and_then(|p| p.name.as_deref()).unwrap_or(""),
                    false,
                );
            });
            b.control_cell(widths[4], |b| {
                b.date_control(
                    &tag("date"),
                    &format!("{} {}: date", role.name, i + 1),
                    p.and_then(|p| p.date),
                );
            });
            b.row_end();
        }
    }
    b.table_end();
}

fn checklist(b: &mut Body, rubric: &Rubric, a: &Assessment) {
    let c = &rubric.checklist;
    b.heading(1, &c.heading);
    if !c.subheading.is_empty() {
        // A subtitle, not a section of its own: not a heading, so the outline does not jump
        // from level 1 to 3.
        b.lead_in("Subtitle", &c.subheading);
    }
    if !c.introduction.is_empty() {
        b.lead_in("Normal", &c.introduction);
    }
    let widths = [4_900, 1_700, PORTRAIT_WIDTH - 4_900 - 1_700];
    b.table_start(&widths, &c.heading);
    let duty_heading = if c.lead.is_empty() {
        "Duty".to_owned()
    } else {
        c.lead.clone()
    };
    header_row(
        b,
        &[
            (widths[0], &duty_heading),
            (widths[1], "Status"),
            (widths[2], "Evidence"),
        ],
    );
    let statuses: Vec<Choice<'_>> = ChecklistStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.id(),
            label: s.label(),
        })
        .collect();
    for (n, item) in c.items.iter().enumerate() {
        let answer = a.checklist_answer(&item.id);
        b.row_start(false);
        // Numbered as the fields' titles number them ("Duty 3: status").
        b.cell_start(widths[0], None);
        b.para_start("TableText");
        b.bold(&format!("Duty {}: ", n + 1));
        b.run(&item.text);
        b.para_end();
        b.cell_end();
        b.control_cell(widths[1], |b| {
            b.dropdown(
                &format!("checklist.{}.status", item.id),
                &format!("Duty {}: status", n + 1),
                &statuses,
                answer.and_then(|x| x.status).map(ChecklistStatus::id),
            );
        });
        b.control_cell(widths[2], |b| {
            b.text_control(
                &format!("checklist.{}.evidence", item.id),
                &format!("Duty {}: evidence", n + 1),
                answer.map_or("", |x| x.evidence.as_str()),
                true,
            );
        });
        b.row_end();
    }
    b.table_end();
}

fn outcome_section(
    b: &mut Body,
    rubric: &Rubric,
    a: &Assessment,
    outcome_id: &str,
    carried_from: Option<&str>,
) {
    let Some(outcome) = rubric.outcome(outcome_id) else {
        return;
    };
    let review = a.outcome(outcome_id);
    // Each outcome starts a page (the first follows a section break, which starts one).
    let heading = format!("Outcome {}: {}", outcome.id, outcome.title);
    if rubric.outcomes.first().is_some_and(|o| o.id == outcome.id) {
        b.heading(1, &heading);
    } else {
        b.heading_on_new_page(1, &heading);
    }
    // What leads into the table of strands stays on its page.
    if let Some(from) = carried_from {
        b.lead_in(
            "Normal",
            &format!("The judgements and evidence below are carried forward from {from}: check each one."),
        );
    }
    if !rubric.guidance.questions.is_empty() {
        b.lead_in("Normal", &rubric.guidance.lead);
        for (i, q) in rubric.guidance.questions.iter().enumerate() {
            b.lead_in("Normal", &format!("{}. {q}", i + 1));
        }
    }
    strands_table(b, rubric, outcome, review);
    for field in &rubric.outcome_fields {
        b.heading(2, &format!("{} (Outcome {})", field.heading, outcome.id));
        b.table_start(
            &[LANDSCAPE_WIDTH],
            &format!("{} for outcome {}", field.heading, outcome.id),
        );
        b.row_start_tall(false, Some(NOTES_HEIGHT));
        b.cell_start(LANDSCAPE_WIDTH, None);
        b.para_start("Normal");
        b.text_control(
            &format!("outcomes.{}.{}", outcome.id, field.id),
            &format!("{} (Outcome {})", field.heading, outcome.id),
            review.map_or("", |r| r.field(&field.id)),
            true,
        );
        b.para_end();
        b.cell_end();
        b.row_end();
        b.table_end();
    }
}

/// An outcome's strands: each strand's descriptor at every level, then its judgement,
/// evidence and whether the evidence may be shared with families.
fn strands_table(b: &mut Body, rubric: &Rubric, outcome: &Outcome, review: Option<&OutcomeReview>) {
    let levels = rubric.levels.len() as Width;
    let strand_w: Width = 1_150;
    let evidence_w: Width = 4_300;
    let level_w = (LANDSCAPE_WIDTH - strand_w - evidence_w) / levels;
    let mut widths = vec![strand_w];
    widths.extend(std::iter::repeat_n(level_w, rubric.levels.len()));
    let last = LANDSCAPE_WIDTH - strand_w - level_w * levels;
    widths.push(last);
    b.table_start(&widths, &format!("Outcome {} strands", outcome.id));
    let mut heads: Vec<(Width, &str)> = vec![(strand_w, "Strand")];
    for level in &rubric.levels {
        heads.push((level_w, level.name.as_str()));
    }
    let evidence_heading = format!(
        "Judgement and {}",
        lowercase_first(&rubric.guidance.evidence_heading)
    );
    heads.push((last, evidence_heading.as_str()));
    header_row(b, &heads);
    let choices: Vec<Choice<'_>> = rubric
        .levels
        .iter()
        .map(|l| Choice {
            value: l.id.as_str(),
            label: l.name.as_str(),
        })
        .collect();
    for strand in &outcome.strands {
        let code = format!("{}{}", outcome.id, strand.id);
        b.row_start(false);
        b.text_cell(strand_w, "TableText", &code, Some(LABEL_FILL));
        for text in &strand.descriptors {
            b.text_cell(level_w, "TableText", text, None);
        }
        b.cell_start(last, None);
        let tags = format!("outcomes.{}.strands.{}", outcome.id, strand.id);
        let j = review.and_then(|r| r.judgement(&strand.id));
        judgement_cell(b, (&tags, &code), &choices, j);
        b.cell_end();
        b.row_end();
    }
    b.table_end();
}

/// The last cell of a strand's row: its judgement, evidence and sharing, each a control.
fn judgement_cell(
    b: &mut Body,
    (tags, code): (&str, &str),
    choices: &[Choice<'_>],
    j: Option<&Judgement>,
) {
    b.para_start("TableText");
    b.bold("Judgement: ");
    b.dropdown(
        &format!("{tags}.judgement"),
        &format!("Judgement {code}"),
        choices,
        j.and_then(|j| j.level.as_deref()),
    );
    b.para_end();
    b.para_start("TableText");
    b.text_control(
        &format!("{tags}.evidence"),
        &format!("Evidence {code}"),
        j.map_or("", |j| j.evidence.as_str()),
        true,
    );
    b.para_end();
    b.para_start("TableText");
    b.checkbox(
        &format!("{tags}.public"),
        &format!("Evidence {code} may be shared with families"),
        j.is_some_and(|j| j.public),
    );
    b.run(" May be shared with families");
    b.para_end();
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The action plan's column widths: the outcome, each of the rubric's columns (text or
/// date), the due date.
struct PlanWidths {
    outcome: Width,
    date: Width,
    text: Width,
}

impl PlanWidths {
    fn new(plan: &ActionPlanLayout) -> Self {
        let (outcome, date) = (1_300, 1_500);
        let count = |kind: ColumnKind| plan.columns.iter().filter(|c| c.kind == kind).count();
        let dates = count(ColumnKind::Date) as Width + 1;
        let texts = count(ColumnKind::Text).max(1) as Width;
        PlanWidths {
            outcome,
            date,
            text: (LANDSCAPE_WIDTH - outcome - dates * date) / texts,
        }
    }

    fn of(&self, kind: ColumnKind) -> Width {
        if kind == ColumnKind::Date {
            self.date
        } else {
            self.text
        }
    }
}

fn action_plan(b: &mut Body, rubric: &Rubric, a: &Assessment) {
    let plan = &rubric.action_plan;
    b.heading(1, &plan.heading);
    let w = PlanWidths::new(plan);
    let mut widths: Vec<Width> = vec![w.outcome];
    widths.extend(plan.columns.iter().map(|c| w.of(c.kind)));
    widths.push(w.date);
    b.table_start(&widths, &plan.heading);
    b.row_start(true);
    b.text_cell(w.outcome, "TableHeading", "Outcome", Some(HEADER_FILL));
    for c in &plan.columns {
        // The hint is a prompt, not part of the heading: on its own line, not bold.
        b.cell_start(w.of(c.kind), Some(HEADER_FILL));
        b.para_start("TableHeading");
        b.run(&c.heading);
        if let Some(hint) = &c.hint {
            b.plain_run(&format!("\n{hint}"));
        }
        b.para_end();
        b.cell_end();
    }
    b.text_cell(w.date, "TableHeading", "Due by", Some(HEADER_FILL));
    b.row_end();
    let outcomes: Vec<Choice<'_>> = rubric
        .outcomes
        .iter()
        .map(|o| Choice {
            value: o.id.as_str(),
            label: o.id.as_str(),
        })
        .collect();
    let rows = a.action_plan.len().max(plan.rows as usize).max(1);
    for i in 0..rows {
        action_row(b, plan, &w, &outcomes, i, a.action_plan.get(i));
    }
    b.table_end();
}

/// Row `i` of the action plan, filled from `row`.
fn action_row(
    b: &mut Body,
    plan: &ActionPlanLayout,
    w: &PlanWidths,
    outcomes: &[Choice<'_>],
    i: usize,
    row: Option<&ActionRow>,
) {
    b.row_start_tall(false, Some(ACTION_ROW_HEIGHT));
    b.control_cell(w.outcome, |b| {
        b.dropdown(
            &format!("action_plan.{i}.outcome"),
            &format!("Action {}: outcome", i + 1),
            outcomes,
            row.and_then(|r| r.outcome.as_deref()),
        );
    });
    for c in &plan.columns {
        let tag = format!("action_plan.{i}.{}", c.id);
        // Each control names its row, so a screen reader says "Action 3: target", not
        // one of six controls called "Target".
        let title = format!("Action {}: {}", i + 1, c.heading);
        let value = row.and_then(|r| r.cell(&c.id));
        b.control_cell(w.of(c.kind), |b| match (c.kind, value) {
            (ColumnKind::Date, Some(CellValue::Date(d))) => b.date_control(&tag, &title, Some(*d)),
            (ColumnKind::Date, None) => b.date_control(&tag, &title, None),
            (_, value) => {
                let text = value.map(|v| v.to_string()).unwrap_or_default();
                b.text_control(&tag, &title, &text, true)
            }
        });
    }
    b.control_cell(w.date, |b| {
        b.date_control(
            &format!("action_plan.{i}.due"),
            &format!("Action {}: due by", i + 1),
            row.and_then(|r| r.due),
        );
    });
    b.row_end();
}
