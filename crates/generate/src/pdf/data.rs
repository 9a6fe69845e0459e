//! What a report template receives: the assessment and rubric flattened into one JSON file
//! (`data.json`), already filtered for the audience. This is the one place that decides what
//! each audience may see. The family-facing audiences (parents, SEN information report) get
//! no participant names, no notes or actions, no checklist evidence, no action plan columns
//! but the target and its dates, and a strand's evidence only where the assessment marks it
//! `public`; so a custom template cannot leak them, and with PDF/A it is this filtered data,
//! not the assessment, that is attached. They also get the rubric's plain-English wording for
//! families (`family` on the data, each outcome and each strand), with the descriptor where
//! the rubric has none; the governors' data has no `family` at all.

use sendbench_core::{Assessment, CellValue, ChecklistStatus, ColumnKind, Rubric};
use serde::Serialize;

use super::Audience;

#[derive(Serialize)]
pub struct ReportData {
    audience: &'static str,
    title: String,
    rubric: RubricData,
    school: SchoolData,
    review: ReviewData,
    participants: Vec<RoleData>,
    checklist: Vec<DutyData>,
    checklist_tally: Tally,
    outcomes: Vec<OutcomeData>,
    strengths: Vec<StrandData>,
    priorities: Vec<StrandData>,
    action_plan: Vec<ActionData>,
    not_judged: usize,
    strand_count: usize,
    /// How far the review has got; a draft is marked as one on every page.
    completeness: CompletenessData,
    /// The dates the school set itself (e.g. when it will finish the review), in date order.
    key_dates: Vec<KeyDateData>,
    /// With PDF/A-3: the file served for the template to attach, and what it is.
    attachment: Option<AttachmentData>,
    /// With a comparison: what the school is compared with.
    compared_with: Option<String>,
    /// Family audiences only: what their plain-English wording needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<FamilyData>,
    /// Progress since the school's last review, as its audience may see it.
    progress: Option<ProgressData>,
}

/// Progress since the last review. The governors see every list; families see the sentence
/// and, where the rubric has plain wordings, what got better and what went down.
#[derive(Serialize)]
struct ProgressData {
    /// "2024/25", or "the last review" when it gives no year.
    previous: String,
    /// "Since the 2024/25 review, 3 strands improved, 1 fell and 28 stayed the same; 2 were
    /// judged for the first time." Every number counted, none left out.
    sentence: String,
    up: Vec<MoveData>,
    down: Vec<MoveData>,
    newly_judged: Vec<MoveData>,
    no_longer_judged: Vec<MoveData>,
    /// Governors: per outcome, "2 up, 1 down, 5 no change".
    outcomes: Vec<OutcomeMove>,
    /// Governors: duties whose status changed.
    duties: Vec<DutyMove>,
    /// Governors: last year's actions followed up.
    actions: Vec<ActionMove>,
    /// Last year's actions: how many, and how many done (for every audience).
    actions_total: usize,
    actions_done: usize,
    actions_overdue: usize,
    /// Governors: "1 of 2 actions completed, 1 overdue" ("0 of 1 action completed"): the
    /// noun agrees with the total.
    actions_summary: String,
    /// Families: the line over the parts that got better, "These parts got better:" (or
    /// "This part got better:" over one).
    #[serde(skip_serializing_if = "Option::is_none")]
    up_lead: Option<String>,
    /// Families: "These parts went down:" (or "This part went down:").
    #[serde(skip_serializing_if = "Option::is_none")]
    down_lead: Option<String>,
    /// Strands of last year's review this rubric does not have, in words.
    unmatched: Vec<String>,
    /// The families' heading: "What has changed since last year", or "... since our
    /// 2023/24 review" when the earlier review is not from the year before.
    since_heading: String,
    /// The families' "Last year we planned" ("At our 2023/24 review we planned").
    planned: String,
    /// The governors' "Last year's action plan, followed up" ("The 2023/24 review's action
    /// plan, followed up").
    plan_lead: String,
}

#[derive(Serialize, Clone)]
struct MoveData {
    code: String,
    /// "up from Emerging".
    words: String,
    symbol: &'static str,
    /// This year's level, or "Not yet judged".
    now: String,
    /// Families: the strand in plain words, where the rubric has them.
    about: Option<String>,
}

#[derive(Serialize)]
struct OutcomeMove {
    id: String,
    summary: String,
}

#[derive(Serialize)]
struct DutyMove {
    text: String,
    before: &'static str,
    now: &'static str,
}

#[derive(Serialize)]
struct ActionMove {
    target: String,
    due: Option<String>,
    /// "completed 20 November 2025", "overdue: due 31 March 2026, not marked completed",
    /// "open: due 31 January 2027".
    state: String,
    overdue: bool,
    carried_forward: bool,
}

/// "1 strand" / "3 strands".
fn strands(n: usize) -> String {
    sendbench_core::words::count(n, "strand", "strands")
}

/// The movements counted in one sentence that leaves no count out, since `previous` ("2024/25
/// review").
fn progress_sentence(previous: &str, t: sendbench_core::Tally, family: bool) -> String {
    let noun = |n: usize| if family { parts(n) } else { strands(n) };
    let mut parts = Vec::new();
    if t.up > 0 {
        parts.push(format!(
            "{} {}",
            noun(t.up),
            if family { "got better" } else { "improved" }
        ));
    }
    if t.down > 0 {
        parts.push(format!(
            "{} {}",
            noun(t.down),
            if family { "went down" } else { "fell" }
        ));
    }
    if t.same > 0 {
        parts.push(format!("{} stayed the same", noun(t.same)));
    }
    let mut sentence = match parts.len() {
        0 => format!(
            "Since the {previous}, no {} was judged both times",
            if family { "part" } else { "strand" }
        ),
        1 => format!("Since the {previous}, {}", parts[0]),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("Since the {previous}, {} and {last}", parts.join(", "))
        }
    };
    if t.newly_judged > 0 {
        sentence.push_str(&format!(
            "; {} {} judged for the first time",
            noun(t.newly_judged),
            if t.newly_judged == 1 { "was" } else { "were" }
        ));
    }
    if t.no_longer_judged > 0 {
        sentence.push_str(&format!(
            "; {} judged last time {} not judged yet",
            noun(t.no_longer_judged),
            if t.no_longer_judged == 1 { "is" } else { "are" }
        ));
    }
    sentence.push('.');
    sentence
}

/// "the 2023/24 review" as the school says it to families: "our 2023/24 review".
fn our(review: &str) -> String {
    review.replacen("the ", "our ", 1)
}

impl ProgressData {
    fn new(p: &sendbench_core::Progress, rubric: &Rubric, audience: Audience) -> ProgressData {
        let private = audience.is_private();
        let previous = p
            .previous_year
            .map_or_else(|| "last".to_owned(), |y| y.to_string());
        // "Last year" only of the review from the year before; else the review by its year.
        let earlier = p.earlier();
        let moves = |m: sendbench_core::Movement| -> Vec<MoveData> {
            let mut list: Vec<MoveData> = p
                .strands
                .iter()
                .filter(|s| s.movement == m)
                .map(|s| MoveData {
                    code: s.code.clone(),
                    words: p.words(s),
                    symbol: s.movement.symbol(),
                    now: s.now.clone().unwrap_or_else(|| "Not yet judged".to_owned()),
                    about: private
                        .then(|| {
                            rubric
                                .outcome(&s.outcome)
                                .and_then(|o| o.strand(&s.strand))
                                .and_then(|st| st.plain.clone())
                        })
                        .flatten(),
                })
                .collect();
            // Families' pages list the parts by their plain words only when every part in
            // the list has them: a list of some would read as all of them.
            if list.iter().any(|m| m.about.is_none()) {
                for m in &mut list {
                    m.about = None;
                }
            }
            list
        };
        let tally = p.tally(None);
        let status =
            |s: Option<sendbench_core::ChecklistStatus>| s.map_or("not answered", |s| s.label());
        let done = p
            .actions
            .iter()
            .filter(|a| a.state == sendbench_core::ActionState::Completed)
            .count();
        let overdue = p
            .actions
            .iter()
            .filter(|a| a.state == sendbench_core::ActionState::Overdue)
            .count();
        let up = moves(sendbench_core::Movement::Up);
        let down = moves(sendbench_core::Movement::Down);
        // Families are shown only the parts named in plain words (all of a list or none).
        let lead = |list: &[MoveData], one: &str, many: &str| {
            private.then(|| {
                if list.iter().filter(|m| m.about.is_some()).count() == 1 {
                    one.to_owned()
                } else {
                    many.to_owned()
                }
            })
        };
        let up_lead = lead(&up, "This part got better:", "These parts got better:");
        let down_lead = lead(&down, "This part went down:", "These parts went down:");
        ProgressData {
            // Parents read of "parts"; the SEN information report, like the rest of it, of
            // strands.
            // "the 2024/25 review (when the school was named Oakfield Infant School)".
            sentence: progress_sentence(
                &match &p.previous_name {
                    Some(name) => format!("{previous} review (when the school was named {name})"),
                    None => format!("{previous} review"),
                },
                tally,
                audience == Audience::Parents,
            ),
            previous,
            up,
            down,
            up_lead,
            down_lead,
            newly_judged: if private {
                Vec::new()
            } else {
                moves(sendbench_core::Movement::NewlyJudged)
            },
            no_longer_judged: if private {
                Vec::new()
            } else {
                moves(sendbench_core::Movement::NoLongerJudged)
            },
            outcomes: if private {
                Vec::new()
            } else {
                rubric
                    .outcomes
                    .iter()
                    .map(|o| {
                        let t = p.tally(Some(&o.id));
                        let mut parts = vec![
                            format!("{} up", t.up),
                            format!("{} down", t.down),
                            format!("{} no change", t.same),
                        ];
                        if t.newly_judged > 0 {
                            parts.push(format!("{} newly judged", t.newly_judged));
                        }
                        if t.no_longer_judged > 0 {
                            parts.push(format!("{} not judged this year", t.no_longer_judged));
                        }
                        OutcomeMove {
                            id: o.id.clone(),
                            summary: parts.join(", "),
                        }
                    })
                    .collect()
            },
            duties: if private {
                Vec::new()
            } else {
                p.duties
                    .iter()
                    .map(|d| DutyMove {
                        text: rubric
                            .checklist
                            .text_of(&d.item)
                            .unwrap_or(&d.item)
                            .to_owned(),
                        before: if d.in_previous {
                            status(d.before)
                        } else {
                            "not in that review's checklist"
                        },
                        now: status(d.now),
                    })
                    .collect()
            },
            actions: if private {
                Vec::new()
            } else {
                p.actions
                    .iter()
                    .map(|a| {
                        let due = a.due.map(long_date);
                        let state = match (a.state, a.completed, &due) {
                            (_, Some(c), _) => format!("completed {}", long_date(c)),
                            (sendbench_core::ActionState::Overdue, _, Some(d)) => {
                                format!("overdue: due {d}, not marked completed")
                            }
                            (_, _, Some(d)) => format!("not yet completed: due {d}"),
                            (_, _, None) => "not yet completed: no due date".to_owned(),
                        };
                        ActionMove {
                            target: a.target.clone(),
                            due,
                            state,
                            overdue: a.state == sendbench_core::ActionState::Overdue,
                            carried_forward: a.carried_forward,
                        }
                    })
                    .collect()
            },
            actions_total: p.actions.len(),
            actions_done: done,
            actions_overdue: overdue,
            since_heading: match &earlier {
                None => "What has changed since last year".to_owned(),
                Some(review) => format!("What has changed since {}", our(review)),
            },
            planned: match &earlier {
                None => "Last year we planned".to_owned(),
                Some(review) => format!("At {} we planned", our(review)),
            },
            plan_lead: match &earlier {
                None => "Last year's action plan, followed up".to_owned(),
                Some(review) => {
                    let mut lead = format!("{review}'s action plan, followed up");
                    lead[..1].make_ascii_uppercase();
                    lead
                }
            },
            actions_summary: format!(
                "{done} of {} {} completed{}",
                p.actions.len(),
                if p.actions.len() == 1 {
                    "action"
                } else {
                    "actions"
                },
                if overdue > 0 {
                    format!(", {overdue} overdue")
                } else {
                    String::new()
                }
            ),
            unmatched: if private {
                Vec::new()
            } else {
                p.unmatched
                    .iter()
                    .map(|(code, level)| match level {
                        Some(l) => {
                            let when = earlier
                                .as_ref()
                                .map_or_else(|| "last year".to_owned(), |r| format!("in {r}"));
                            format!("{code} ({l} {when}): not in this version of the rubric")
                        }
                        None => format!("{code}: not in this version of the rubric"),
                    })
                    .collect()
            },
        }
    }
}

/// What the family-facing reports need besides the rest: the rubric's plain-English wording
/// for families and the words their glossary explains.
#[derive(Serialize)]
struct FamilyData {
    /// What each level means, for families: the rubric's plain wording, else the level's
    /// description, else `None` (the template then says it in its own words).
    level_meanings: Vec<Option<String>>,
    /// Set when the rubric has any plain-English wording for families: the note saying
    /// whose summaries they are and that they are not the rubric's own words.
    plain_note: Option<String>,
    /// What the rubric calls the school's area ("Local area or cluster"), to explain its name.
    area_label: String,
    /// Who took part, in one sentence: the parents' "These groups took part: SENCO and
    /// Governor." ("This group took part: SENCO."), the SEN information report's "SENCO (1),
    /// Governor (2)."; "No one is recorded as taking part yet." when no one is.
    took_part: String,
    /// Parents: how far the review has got, when it is not finished: "We have not finished
    /// our review yet. ..." while parts are still to judge, else "We have judged all 34
    /// parts. We are still checking 1 of the 9 legal duties."; `None` when complete.
    review_state: Option<String>,
    /// Parents: how many parts are at the strength level or better, "We put all 34 parts at
    /// Expected or better." once every part is judged, else so far.
    judged: String,
    /// Parents: the heading over what the school does well: "What we do well", or "Where we
    /// are starting from" when every part is judged and none is at the strength level.
    strengths_heading: String,
    /// Parents: the line over the strengths, "These parts are our strongest (in plain
    /// words):", or "This part is our strongest ..." over one.
    strongest_lead: String,
    /// Parents: the line over the priorities, "We want to get better at these parts (in
    /// plain words):", or "... at this part ..." over one.
    improve_lead: String,
}

/// "34 parts" / "1 part".
fn parts(n: usize) -> String {
    sendbench_core::words::count(n, "part", "parts")
}

/// The parents' sentence on how far the review has got; `None` when it is complete.
fn family_review_state(c: &sendbench_core::Completeness) -> Option<String> {
    if c.is_complete() {
        None
    } else if c.strands_not_judged > 0 {
        Some(format!(
            "We have not finished our review yet. So far we have looked at {} of the {}. We will share the full results when we finish.",
            c.strands - c.strands_not_judged,
            parts(c.strands)
        ))
    } else {
        let all = if c.strands == 1 {
            "We have judged the 1 part.".to_owned()
        } else {
            format!("We have judged all {} parts.", c.strands)
        };
        let duties = if c.duties == 1 {
            "We are still checking the 1 legal duty.".to_owned()
        } else if c.duties_unanswered == c.duties {
            format!("We are still checking all {} legal duties.", c.duties)
        } else {
            format!(
                "We are still checking {} of the {} legal duties.",
                c.duties_unanswered, c.duties
            )
        };
        Some(format!("{all} {duties}"))
    }
}

/// The parents' sentence on how many parts are at `level` (the strength level) or better:
/// `good` of the `judged`, of `total` parts, `all_judged` when no part is left to judge.
fn family_judged(
    good: usize,
    judged: usize,
    total: usize,
    all_judged: bool,
    level: &str,
) -> String {
    if all_judged {
        if good == total && total > 1 {
            format!("We put all {total} parts at {level} or better.")
        } else if good == 0 {
            // True, and said kindly: a first review often starts here.
            format!(
                "{} at {level} or better yet. This review shows where we are starting from.",
                if total == 1 {
                    "The part is not".to_owned()
                } else {
                    format!("None of the {total} parts is")
                }
            )
        } else {
            format!(
                "We put {good} of the {} at {level} or better.",
                parts(total)
            )
        }
    } else if judged == 0 {
        "We have not judged any parts yet.".to_owned()
    } else {
        let how_many = if judged == 1 {
            if good == 1 { "It is" } else { "It is not yet" }.to_owned()
        } else if good == judged {
            "All of them are".to_owned()
        } else if good == 0 {
            "None of them is yet".to_owned()
        } else {
            format!("{good} of them {}", if good == 1 { "is" } else { "are" })
        };
        format!(
            "So far we have judged {judged} of the {}. {how_many} at {level} or better.",
            parts(total)
        )
    }
}

/// A strand as family-facing reports word it: the rubric's plain English where it has
/// some, else the descriptor, saying which.
#[derive(Serialize, Clone)]
struct FamilyStrand {
    /// What the strand is about, in plain English; `None` if the rubric does not say.
    about: Option<String>,
    /// The level judged, in plain English, else its descriptor; `None` if not judged.
    level: Option<String>,
    /// Whether `level` is the plain wording (not the descriptor).
    level_plain: bool,
    /// The level above, in plain English, else its descriptor; `None` at the top level.
    next: Option<String>,
    /// Whether `next` is the plain wording.
    next_plain: bool,
}

/// The note printed where plain wording is used, when the rubric gives none.
const PLAIN_NOTE: &str =
    "The short descriptions of each part are plain-English summaries. They are not the official wording.";

#[derive(Serialize)]
struct CompletenessData {
    complete: bool,
    /// "Draft: 8 of 34 strands and 4 of 9 duties not yet judged"; `None` when complete.
    draft: Option<String>,
    strands_not_judged: usize,
    strands: usize,
    duties_unanswered: usize,
    duties: usize,
}

#[derive(Serialize)]
struct KeyDateData {
    date: Option<String>,
    event: String,
    /// As printed: "7 July 2026: Full governing body", "7 July 2026" (no event), "Full
    /// governing body (no date set)".
    text: String,
}

/// A file attached to the PDF (PDF/A-3 allows attachments).
#[derive(Serialize, Clone)]
pub struct AttachmentData {
    /// Its name in the virtual project and in the PDF.
    pub name: &'static str,
    /// Its media type.
    pub mime: &'static str,
    /// How it relates to the PDF (PDF/A-3's AFRelationship, as Typst names it).
    pub relationship: &'static str,
    /// What it is, shown by PDF readers.
    pub description: &'static str,
}

impl AttachmentData {
    /// What a report of this audience carries with PDF/A: the governors' report the whole
    /// assessment it was made from; a family-facing one only its own (filtered) data.
    pub fn for_audience(audience: Audience) -> AttachmentData {
        if audience.is_private() {
            AttachmentData {
                name: "data.json",
                mime: "application/json",
                relationship: "data",
                description: "The data this summary was made from (no names, only public evidence)",
            }
        } else {
            AttachmentData {
                name: "assessment.toml",
                mime: "application/toml",
                relationship: "source",
                description: "The assessment this report was made from (sendbench TOML)",
            }
        }
    }
}

#[derive(Serialize)]
struct RubricData {
    id: String,
    version: String,
    title: String,
    short_title: String,
    levels: Vec<String>,
    strength_from: usize,
    checklist_heading: String,
    checklist_subheading: String,
    evidence_heading: String,
    action_plan_heading: String,
    action_plan_columns: Vec<String>,
    /// For each action plan column, whether it holds dates (narrow columns).
    action_plan_dates: Vec<bool>,
}

#[derive(Serialize)]
struct SchoolData {
    name: String,
    urn: Option<String>,
    area: Option<String>,
}

#[derive(Serialize)]
struct ReviewData {
    academic_year: Option<String>,
    date: Option<String>,
}

#[derive(Serialize)]
struct RoleData {
    role: String,
    count: usize,
    /// Names with job titles; always empty in the parents' data.
    people: Vec<String>,
    /// Governors: everyone in the role, in words: "Mrs Leanne Doherty and 1 other" (those
    /// with neither a name nor a title counted, not dropped), "2 taking part" when no one is
    /// named. Not in the family audiences' data.
    #[serde(skip_serializing_if = "Option::is_none")]
    who: Option<String>,
}

#[derive(Serialize)]
struct DutyData {
    text: String,
    status: Option<&'static str>,
    label: &'static str,
    evidence: String,
}

#[derive(Serialize, Default)]
struct Tally {
    met: usize,
    partly_met: usize,
    not_met: usize,
    unanswered: usize,
    total: usize,
}

#[derive(Serialize)]
struct OutcomeData {
    id: String,
    title: String,
    counts: Vec<usize>,
    not_judged: usize,
    strands: Vec<StrandData>,
    fields: Vec<FieldData>,
    /// Family audiences only: the title in plain English, else the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    family_title: Option<String>,
}

#[derive(Serialize, Clone)]
struct StrandData {
    code: String,
    outcome: String,
    /// Index of the level, `None` if not yet judged.
    level: Option<usize>,
    level_name: String,
    descriptor: String,
    evidence: String,
    next_level: Option<String>,
    next_step: Option<String>,
    /// With a comparison: how the area judged this strand, in words.
    area: Option<String>,
    /// With last year's review: "▲ up from Emerging" (governors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    movement: Option<String>,
    /// Family audiences only: the strand in plain English, where the rubric has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<FamilyStrand>,
}

#[derive(Serialize)]
struct FieldData {
    heading: String,
    text: String,
}

#[derive(Serialize)]
struct ActionData {
    outcome: Option<String>,
    due: Option<String>,
    completed: bool,
    /// The first text column (the target), for summaries.
    target: String,
    /// Families' "By when": "Done", the due date, or "No date set yet".
    by_when: String,
    /// Every column, heading and text, for the full table.
    cells: Vec<String>,
}

/// Whether the rubric has any plain-English wording of outcomes or strands for families.
fn has_plain(rubric: &Rubric) -> bool {
    rubric.outcomes.iter().any(|o| {
        o.plain.is_some()
            || o.strands
                .iter()
                .any(|s| s.plain.is_some() || s.plain_levels.iter().any(Option::is_some))
    })
}

/// Long-form British date: 12 June 2026.
pub fn long_date(date: jiff::civil::Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

impl ReportData {
    pub fn new(
        rubric: &Rubric,
        a: &Assessment,
        audience: Audience,
        attach: bool,
        area: Option<&sendbench_core::YearBenchmark>,
        area_counts_another_version: bool,
        progress: Option<&sendbench_core::Progress>,
    ) -> ReportData {
        let private = audience.is_private();
        let movement = |code: &str| {
            let p = progress?;
            let s = p.strands.iter().find(|s| s.code == code)?;
            (!private).then(|| format!("{} {}", s.movement.symbol(), p.words(s)))
        };
        // How the area judged a strand, under the same small-numbers rule as the area
        // report (figures withheld there are withheld here), with the denominator behind
        // every percentage and whether this school's own return is among those counted.
        let included = area.is_some_and(|y| y.includes(a));
        let area_text = |code: &str| {
            let year = area?;
            let s = year.strands.iter().find(|s| s.code() == code)?;
            let who = match s.respondents {
                0 => "no school".to_owned(),
                1 => "1 school".to_owned(),
                n => format!("{n} schools"),
            };
            let lead = format!(
                "Area {}, {who} judged it, {}",
                year.year,
                match (included, area_counts_another_version) {
                    (true, false) => "this school's return included",
                    (true, true) =>
                        "an earlier return from this school included in place of this review",
                    (false, _) => "this school's return not included",
                }
            );
            if s.respondents == 0 {
                return Some(lead);
            }
            if s.disclosure == sendbench_core::Disclosure::Withheld {
                return Some(format!(
                    "{lead}: figures withheld (c) to protect small numbers"
                ));
            }
            let r = s.respondents;
            let mut parts = Vec::new();
            let mut hidden = Vec::new();
            for side in [
                0..rubric.strength_from,
                rubric.strength_from..rubric.levels.len(),
            ] {
                let names: Vec<&str> = rubric.levels[side.clone()]
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect();
                if side.clone().all(|i| !s.published_count(i).is_withheld()) {
                    for i in side {
                        // With respondents, a published level has its percentage.
                        parts.push(format!(
                            "{}% {} ({} of {r})",
                            s.published_percent(i),
                            rubric.levels[i].name,
                            s.published_count(i)
                        ));
                    }
                } else {
                    let (p, n) = if side.start == 0 {
                        (s.published_below_percent(), s.published_below())
                    } else {
                        (s.published_strong_percent(), s.published_strong())
                    };
                    parts.push(format!("{p}% {} ({n} of {r})", names.join(" or ")));
                    hidden.push(names.join(" and "));
                }
            }
            let mut text = format!("{lead}: {}", parts.join(", "));
            for names in hidden {
                text.push_str(&format!(
                    "; the split between {names} is withheld (c) to protect small numbers"
                ));
            }
            Some(text)
        };
        let strand_data = |outcome: &sendbench_core::Outcome, strand: &sendbench_core::Strand| {
            let j = a.judgement(&outcome.id, &strand.id);
            let level = j
                .and_then(|j| j.level.as_deref())
                .and_then(|l| rubric.level_index(l));
            let next = level.and_then(|i| rubric.next_step(strand, i));
            let evidence = match j {
                Some(j) if !private || j.public => j.evidence.clone(),
                _ => String::new(),
            };
            StrandData {
                code: format!("{}{}", outcome.id, strand.id),
                outcome: outcome.id.clone(),
                level,
                level_name: level.map_or_else(
                    || "Not yet judged".to_owned(),
                    |i| rubric.levels[i].name.clone(),
                ),
                descriptor: level
                    .map(|i| strand.descriptors[i].clone())
                    .unwrap_or_default(),
                evidence,
                next_level: next.map(|(l, _)| l.name.clone()),
                next_step: next.map(|(_, text)| text.to_owned()),
                area: area_text(&format!("{}{}", outcome.id, strand.id)),
                movement: movement(&format!("{}{}", outcome.id, strand.id)),
                family: private.then(|| {
                    let plain_next = level.and_then(|i| strand.plain_level(i + 1));
                    FamilyStrand {
                        about: strand.plain.clone(),
                        level: level.map(|i| {
                            strand
                                .plain_level(i)
                                .unwrap_or(&strand.descriptors[i])
                                .to_owned()
                        }),
                        level_plain: level.and_then(|i| strand.plain_level(i)).is_some(),
                        next: plain_next.or(next.map(|(_, text)| text)).map(str::to_owned),
                        next_plain: plain_next.is_some(),
                    }
                }),
            }
        };

        let profile = a.profile(rubric);
        let mut outcomes = Vec::new();
        let mut strengths = Vec::new();
        let mut priorities = Vec::new();
        let top = rubric.levels.len() - 1;
        for (outcome, p) in rubric.outcomes.iter().zip(&profile.outcomes) {
            let strands: Vec<StrandData> = outcome
                .strands
                .iter()
                .map(|s| strand_data(outcome, s))
                .collect();
            for s in &strands {
                match s.level {
                    Some(l) if l == top => strengths.push(s.clone()),
                    Some(l) if l < rubric.strength_from => priorities.push(s.clone()),
                    _ => {}
                }
            }
            let review = a.outcome(&outcome.id);
            let fields = if private {
                Vec::new()
            } else {
                rubric
                    .outcome_fields
                    .iter()
                    .map(|f| FieldData {
                        heading: f.heading.clone(),
                        text: review.map_or("", |r| r.field(&f.id)).to_owned(),
                    })
                    .collect()
            };
            outcomes.push(OutcomeData {
                id: outcome.id.clone(),
                title: outcome.title.clone(),
                counts: p.counts.clone(),
                not_judged: p.not_judged.len(),
                strands,
                fields,
                family_title: private.then(|| {
                    outcome
                        .plain
                        .clone()
                        .unwrap_or_else(|| outcome.title.clone())
                }),
            });
        }

        let participants: Vec<RoleData> = rubric
            .participants
            .roles
            .iter()
            .filter_map(|role| {
                let people: Vec<_> = a
                    .participants
                    .iter()
                    .filter(|p| p.role == role.id)
                    .collect();
                if people.is_empty() {
                    return None;
                }
                let names = if private {
                    Vec::new()
                } else {
                    people
                        .iter()
                        .filter_map(|p| match (&p.name, &p.title) {
                            (Some(n), Some(t)) => Some(format!("{n} ({t})")),
                            (Some(n), None) => Some(n.clone()),
                            (None, Some(t)) => Some(t.clone()),
                            (None, None) => None,
                        })
                        .collect()
                };
                let unnamed = people.len() - names.len();
                let who = (!private).then(|| match (names.len(), unnamed) {
                    (0, n) => format!("{n} taking part"),
                    (_, 0) => names.join(", "),
                    (_, n) => format!(
                        "{} and {n} {}",
                        names.join(", "),
                        if n == 1 { "other" } else { "others" }
                    ),
                });
                Some(RoleData {
                    role: role.name.clone(),
                    count: people.len(),
                    people: names,
                    who,
                })
            })
            .collect();

        let mut tally = Tally {
            total: rubric.checklist.items.len(),
            ..Tally::default()
        };
        let checklist = rubric
            .checklist
            .items
            .iter()
            .map(|item| {
                let answer = a.checklist_answer(&item.id);
                let status = answer.and_then(|x| x.status);
                match status {
                    Some(ChecklistStatus::Met) => tally.met += 1,
                    Some(ChecklistStatus::PartlyMet) => tally.partly_met += 1,
                    Some(ChecklistStatus::NotMet) => tally.not_met += 1,
                    None => tally.unanswered += 1,
                }
                DutyData {
                    text: item.text.clone(),
                    status: status.map(ChecklistStatus::id),
                    label: status.map_or("Not answered", ChecklistStatus::label),
                    evidence: if private {
                        String::new()
                    } else {
                        answer.map(|x| x.evidence.clone()).unwrap_or_default()
                    },
                }
            })
            .collect();

        let first_text = rubric.action_plan.target_column();
        let action_plan = a
            .action_plan
            .iter()
            .map(|row| {
                let cell_text = |id: &str| match row.cell(id) {
                    Some(CellValue::Date(d)) => long_date(*d),
                    Some(CellValue::Text(t)) => t.clone(),
                    None => String::new(),
                };
                let completed = rubric
                    .action_plan
                    .columns
                    .iter()
                    .any(|c| c.kind == ColumnKind::Date && row.cell(&c.id).is_some());
                let due = row.due.map(long_date);
                // Not done by the date it was due, as of the review: never shown to families
                // as if it were still to come.
                let overdue = !completed && row.due.zip(a.review.date).is_some_and(|(d, r)| d < r);
                ActionData {
                    outcome: row.outcome.clone(),
                    by_when: match &due {
                        _ if completed => "Done".to_owned(),
                        Some(d) if overdue => format!("Late: it was due by {d}"),
                        Some(d) => d.clone(),
                        None => "No date set yet".to_owned(),
                    },
                    due,
                    completed,
                    target: first_text.map(cell_text).unwrap_or_default(),
                    // Who is responsible, resources and evaluation are for staff.
                    cells: if private {
                        Vec::new()
                    } else {
                        rubric
                            .action_plan
                            .columns
                            .iter()
                            .map(|c| cell_text(&c.id))
                            .collect()
                    },
                }
            })
            // Families are shown each action by its target: one without is a blank line to
            // them (`validate` warns of it).
            .filter(|a: &ActionData| !private || !a.target.trim().is_empty())
            .collect();

        let not_judged = profile.outcomes.iter().map(|o| o.not_judged.len()).sum();
        let c = profile.completeness();
        // Parts judged, and those at the strength level or better, for families' sentences.
        let judged: usize = profile
            .outcomes
            .iter()
            .map(|o| o.counts.iter().sum::<usize>())
            .sum();
        let good: usize = profile
            .outcomes
            .iter()
            .map(|o| o.counts[rubric.strength_from..].iter().sum::<usize>())
            .sum();
        let in_plain = if has_plain(rubric) {
            " (in plain words)"
        } else {
            ""
        };
        // In date order, undated last; the sort is stable, so otherwise in the school's order.
        let mut dates: Vec<&sendbench_core::KeyDate> = a
            .review
            .key_dates
            .iter()
            .filter(|k| !k.event.trim().is_empty() || k.date.is_some())
            .collect();
        dates.sort_by_key(|k| (k.date.is_none(), k.date));
        let key_dates = dates
            .into_iter()
            .map(|k| {
                let date = k.date.map(long_date);
                let event = k.event.trim();
                KeyDateData {
                    text: match &date {
                        Some(d) if event.is_empty() => d.clone(),
                        Some(d) => format!("{d}: {event}"),
                        None => format!("{event} (no date set)"),
                    },
                    date,
                    event: k.event.clone(),
                }
            })
            .collect();
        let family = private.then(|| FamilyData {
            level_meanings: rubric
                .levels
                .iter()
                .map(|l| l.plain.clone().or_else(|| l.description.clone()))
                .collect(),
            plain_note: has_plain(rubric).then(|| {
                rubric
                    .plain_note
                    .clone()
                    .unwrap_or_else(|| PLAIN_NOTE.to_owned())
            }),
            area_label: rubric.introduction.labels.area.clone(),
            took_part: if participants.is_empty() {
                "No one is recorded as taking part yet.".to_owned()
            } else if audience == Audience::Parents {
                let roles: Vec<String> = participants.iter().map(|p| p.role.clone()).collect();
                format!(
                    "{} took part: {}.",
                    if roles.len() == 1 {
                        "This group"
                    } else {
                        "These groups"
                    },
                    sendbench_core::words::and_list(&roles)
                )
            } else {
                let roles: Vec<String> = participants
                    .iter()
                    .map(|p| format!("{} ({})", p.role, p.count))
                    .collect();
                format!("{}.", roles.join(", "))
            },
            review_state: family_review_state(&c),
            strengths_heading: if good == 0 && c.strands_not_judged == 0 {
                "Where we are starting from".to_owned()
            } else {
                "What we do well".to_owned()
            },
            judged: family_judged(
                good,
                judged,
                rubric.strands().count(),
                c.strands_not_judged == 0,
                &rubric.levels[rubric.strength_from].name,
            ),
            strongest_lead: format!(
                "{}{in_plain}:",
                if strengths.len() == 1 {
                    "This part is our strongest"
                } else {
                    "These parts are our strongest"
                }
            ),
            improve_lead: format!(
                "We want to get better at {}{in_plain}:",
                if priorities.len() == 1 {
                    "this part"
                } else {
                    "these parts"
                }
            ),
        });
        let year = a
            .review
            .academic_year
            .map(|y| format!(", {y}"))
            .unwrap_or_default();
        ReportData {
            audience: audience.id(),
            title: format!("{}: {}{year}", a.school.name, audience.document_title()),
            rubric: RubricData {
                id: rubric.id.clone(),
                version: rubric.version.clone(),
                title: rubric.title.clone(),
                short_title: rubric.short_title.clone(),
                levels: rubric.levels.iter().map(|l| l.name.clone()).collect(),
                strength_from: rubric.strength_from,
                checklist_heading: rubric.checklist.heading.clone(),
                checklist_subheading: rubric.checklist.subheading.clone(),
                evidence_heading: rubric.guidance.evidence_heading.clone(),
                action_plan_heading: rubric.action_plan.heading.clone(),
                action_plan_columns: rubric
                    .action_plan
                    .columns
                    .iter()
                    .map(|c| c.heading.clone())
                    .collect(),
                action_plan_dates: rubric
                    .action_plan
                    .columns
                    .iter()
                    .map(|c| c.kind == ColumnKind::Date)
                    .collect(),
            },
            school: SchoolData {
                name: a.school.name.clone(),
                urn: a.school.urn.clone(),
                area: a.school.area.clone(),
            },
            review: ReviewData {
                academic_year: a.review.academic_year.map(|y| y.to_string()),
                date: a.review.date.map(long_date),
            },
            participants,
            checklist,
            checklist_tally: tally,
            outcomes,
            strengths,
            priorities,
            action_plan,
            not_judged,
            strand_count: rubric.strands().count(),
            completeness: CompletenessData {
                complete: c.is_complete(),
                draft: (!c.is_complete()).then(|| c.to_string()),
                strands_not_judged: c.strands_not_judged,
                strands: c.strands,
                duties_unanswered: c.duties_unanswered,
                duties: c.duties,
            },
            key_dates,
            attachment: attach.then(|| AttachmentData::for_audience(audience)),
            family,
            progress: progress.map(|p| ProgressData::new(p, rubric, audience)),
            compared_with: area.map(|y| {
                format!(
                    "{} for {}, {}",
                    match y.school_count() {
                        1 => "1 school's return".to_owned(),
                        n => format!("{n} schools' returns"),
                    },
                    y.year,
                    match (included, area_counts_another_version) {
                        (true, false) => "this school's among them",
                        (true, true) => {
                            "an earlier return from this school among them, not this review"
                        }
                        (false, _) => "not including this school's",
                    }
                )
            }),
        }
    }
}
