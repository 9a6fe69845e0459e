//! Progress since the school's previous review. The governors see every list: each strand's
//! movement, the movements per outcome, the duties whose status changed and last year's
//! action plan followed up. Families see one sentence (parts that "got better" for parents;
//! strands that "improved" in the SEN information report), what got better and what went
//! down in plain words, and how many of last year's actions are done. "Last year" is said
//! only of the review from the year before; an older one is named by its year.

use sendbench_core::{ActionState, Movement, Progress, Rubric};
use serde::Serialize;

use super::text::{capitalised, count, is_are, was_were, Listing, TableText, Vocabulary};
use super::{long_date, Audience, Review};

/// Progress since the last review, as its audience may see it.
#[derive(Serialize)]
pub(super) struct ProgressData {
    /// "2024/25", or "last" when the previous review gives no year.
    pub previous: String,
    /// "Since the 2024/25 review, 3 strands improved, 1 fell and 28 stayed the same; 2 were
    /// judged for the first time." Every number counted, none left out.
    pub sentence: String,
    up: Vec<MoveData>,
    down: Vec<MoveData>,
    newly_judged: Vec<MoveData>,
    no_longer_judged: Vec<MoveData>,
    /// Last year's actions: how many, and how many done (for every audience).
    actions_total: usize,
    actions_done: usize,
    actions_overdue: usize,
    /// The governors' sentences and lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    governors: Option<GovernorsProgress>,
    /// The parents' sentences and lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    parents: Option<ParentsProgress>,
}

/// One strand's movement.
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
    /// The governors' line after the code: "▲ up from Emerging, now Expected".
    text: String,
}

/// The governors' "Since the last review".
#[derive(Serialize)]
struct GovernorsProgress {
    heading: &'static str,
    /// The sentence, then how each strand's entry marks its movement.
    lead: String,
    /// "Improved:", "Fell:", "Judged for the first time:", "Judged last time, not yet this
    /// time:", each with its strands; only those with any.
    moves: Vec<MoveList>,
    /// Strands of the previous review this rubric does not have.
    unmatched: Option<Listing>,
    /// "By outcome:" and "Outcome 1: 2 up, 1 down, 5 no change".
    by_outcome: Listing,
    /// "No statutory duty changed status."; `None` when some did.
    duties_none: Option<String>,
    /// The duties that changed: the table's words and rows.
    duties_table: Option<TableText>,
    duties: Vec<DutyMove>,
    /// Last year's actions followed up: the table's words ("Last year's action plan,
    /// followed up: 1 of 2 actions completed, 1 overdue") and rows.
    actions_table: Option<TableText>,
    actions: Vec<ActionMove>,
}

#[derive(Serialize)]
struct MoveList {
    lead: &'static str,
    items: Vec<MoveData>,
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
    /// "completed 20 November 2025", "overdue: due 31 March 2026, not marked completed",
    /// "not yet completed: due 31 January 2027", each with "; carried into this year's
    /// plan" where it is.
    state: String,
    overdue: bool,
}

/// The parents' "What has changed since last year".
#[derive(Serialize)]
struct ParentsProgress {
    /// "What has changed since last year", or "... since our 2023/24 review".
    heading: String,
    /// "This part got better:" and each part in plain words with its level now; only when
    /// every part that moved has plain words (a list of some would read as all of them).
    up: Option<Listing>,
    /// "These parts went down:" likewise.
    down: Option<Listing>,
    /// "Last year we planned 2 actions. 1 of them is done."
    actions: Option<String>,
}

/// The movements counted in one sentence that leaves no count out, since `previous` ("the
/// 2024/25 review"), in `words`.
fn progress_sentence(previous: &str, t: sendbench_core::Tally, words: &Vocabulary) -> String {
    let noun = |n: usize| words.strands(n);
    let mut parts = Vec::new();
    if t.up > 0 {
        parts.push(format!("{} {}", noun(t.up), words.moved.0));
    }
    if t.down > 0 {
        parts.push(format!("{} {}", noun(t.down), words.moved.1));
    }
    if t.same > 0 {
        parts.push(format!("{} stayed the same", noun(t.same)));
    }
    let mut sentence = match parts.len() {
        0 => format!(
            "Since the {previous}, no {} was judged both times",
            words.strand.0
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
            was_were(t.newly_judged)
        ));
    }
    if t.no_longer_judged > 0 {
        sentence.push_str(&format!(
            "; {} judged last time {} not judged yet",
            noun(t.no_longer_judged),
            is_are(t.no_longer_judged)
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
    pub fn new(p: &Progress, r: &Review<'_>) -> ProgressData {
        let previous = p
            .previous_year
            .map_or_else(|| "last".to_owned(), |y| y.to_string());
        let review = match &p.previous_name {
            // "the 2024/25 review (when the school was named Oakfield Infant School)".
            Some(name) => format!("{previous} review (when the school was named {name})"),
            None => format!("{previous} review"),
        };
        let moves = |m: Movement| moves(p, r, m);
        let done = actions_in(p, ActionState::Completed);
        let mut data = ProgressData {
            sentence: progress_sentence(&review, p.tally(None), &r.words),
            up: moves(Movement::Up),
            down: moves(Movement::Down),
            newly_judged: if r.private {
                Vec::new()
            } else {
                moves(Movement::NewlyJudged)
            },
            no_longer_judged: if r.private {
                Vec::new()
            } else {
                moves(Movement::NoLongerJudged)
            },
            actions_total: p.actions.len(),
            actions_done: done,
            actions_overdue: actions_in(p, ActionState::Overdue),
            governors: None,
            parents: None,
            previous,
        };
        match r.audience {
            Audience::Governors => data.governors = Some(data.governors_text(p, r.rubric)),
            Audience::Parents => data.parents = Some(data.parents_text(p)),
            Audience::SenInfo => {}
        }
        data
    }

    fn governors_text(&self, p: &Progress, rubric: &Rubric) -> GovernorsProgress {
        let lists = [
            ("Improved:", &self.up),
            ("Fell:", &self.down),
            ("Judged for the first time:", &self.newly_judged),
            (
                "Judged last time, not yet this time:",
                &self.no_longer_judged,
            ),
        ];
        let duties = duty_moves(p, rubric);
        let actions = action_moves(p);
        GovernorsProgress {
            heading: "Since the last review",
            lead: format!(
                "{} Each strand's entry below says how it moved (▲ up, ▼ down, = no change, ● newly judged, ○ not judged this year).",
                self.sentence
            ),
            moves: lists
                .into_iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(lead, items)| MoveList {
                    lead,
                    items: items.clone(),
                })
                .collect(),
            unmatched: unmatched(p, &self.previous),
            by_outcome: by_outcome(p, rubric),
            duties_none: duties
                .is_empty()
                .then(|| "No statutory duty changed status.".to_owned()),
            duties_table: (!duties.is_empty()).then(|| {
                TableText::new(
                    format!(
                        "Statutory duties that changed status since the {} review",
                        self.previous
                    ),
                    &["Duty", &format!("Then ({})", self.previous), "Now"],
                )
            }),
            duties,
            actions_table: (!actions.is_empty()).then(|| {
                TableText::new(
                    format!("{}: {}", plan_lead(p), actions_summary(p)),
                    &["Action", "What became of it"],
                )
            }),
            actions,
        }
    }

    fn parents_text(&self, p: &Progress) -> ParentsProgress {
        let earlier = p.earlier();
        // Families are shown the parts by their plain words only when every part in the
        // list has them (`moves` leaves them out of all or none).
        let list = |items: &[MoveData], one: &str, many: &str| {
            let named: Vec<String> = items
                .iter()
                .filter_map(|m| Some(format!("{} It is now {}.", m.about.as_deref()?, m.now)))
                .collect();
            (!named.is_empty()).then(|| Listing {
                lead: if named.len() == 1 { one } else { many }.to_owned(),
                items: named,
            })
        };
        ParentsProgress {
            heading: match &earlier {
                None => "What has changed since last year".to_owned(),
                Some(review) => format!("What has changed since {}", our(review)),
            },
            up: list(&self.up, "This part got better:", "These parts got better:"),
            down: list(&self.down, "This part went down:", "These parts went down:"),
            actions: (self.actions_total > 0).then(|| {
                let planned = match &earlier {
                    None => "Last year we planned".to_owned(),
                    Some(review) => format!("At {} we planned", our(review)),
                };
                format!(
                    "{planned} {}. {}",
                    count(self.actions_total, "action", "actions"),
                    done_sentence(self.actions_done, self.actions_total)
                )
            }),
        }
    }
}

/// "It is done.", "All of them are done.", "1 of them is done." ...
fn done_sentence(done: usize, total: usize) -> String {
    match (done, total) {
        (1, 1) => "It is done.".to_owned(),
        (_, 1) => "It is not done yet.".to_owned(),
        (d, t) if d == t => "All of them are done.".to_owned(),
        (0, _) => "None of them is done yet.".to_owned(),
        (d, _) => format!("{d} of them {} done.", is_are(d)),
    }
}

/// Last year's actions in `state`.
fn actions_in(p: &Progress, state: ActionState) -> usize {
    p.actions.iter().filter(|a| a.state == state).count()
}

/// The strands that moved as `m` says, in the rubric's order.
fn moves(p: &Progress, r: &Review<'_>, m: Movement) -> Vec<MoveData> {
    let mut list: Vec<MoveData> = p
        .strands
        .iter()
        .filter(|s| s.movement == m)
        .map(|s| {
            let now = s.now.clone().unwrap_or_else(|| "Not yet judged".to_owned());
            let words = p.words(s);
            MoveData {
                code: s.code.clone(),
                text: format!("{} {words}, now {now}", s.movement.symbol()),
                words,
                symbol: s.movement.symbol(),
                now,
                about: r
                    .private
                    .then(|| {
                        r.rubric
                            .outcome(&s.outcome)
                            .and_then(|o| o.strand(&s.strand))
                            .and_then(|st| st.plain.clone())
                    })
                    .flatten(),
            }
        })
        .collect();
    // Families' pages list the parts by their plain words only when every part in the list
    // has them: a list of some would read as all of them.
    if list.iter().any(|m| m.about.is_none()) {
        for m in &mut list {
            m.about = None;
        }
    }
    list
}

/// The governors' movements per outcome: "Outcome 1: 2 up, 1 down, 5 no change".
fn by_outcome(p: &Progress, rubric: &Rubric) -> Listing {
    Listing {
        lead: "By outcome:".to_owned(),
        items: rubric
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
                format!("Outcome {}: {}", o.id, parts.join(", "))
            })
            .collect(),
    }
}

/// The duties whose status changed, with their statuses then and now.
fn duty_moves(p: &Progress, rubric: &Rubric) -> Vec<DutyMove> {
    let status =
        |s: Option<sendbench_core::ChecklistStatus>| s.map_or("not answered", |s| s.label());
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
}

/// Last year's actions, each with what became of it.
fn action_moves(p: &Progress) -> Vec<ActionMove> {
    p.actions
        .iter()
        .map(|a| {
            let due = a.due.map(long_date);
            let mut state = match (a.state, a.completed, &due) {
                (_, Some(c), _) => format!("completed {}", long_date(c)),
                (ActionState::Overdue, _, Some(d)) => {
                    format!("overdue: due {d}, not marked completed")
                }
                (_, _, Some(d)) => format!("not yet completed: due {d}"),
                (_, _, None) => "not yet completed: no due date".to_owned(),
            };
            if a.carried_forward {
                state.push_str("; carried into this year's plan");
            }
            ActionMove {
                target: a.target.clone(),
                state,
                overdue: a.state == ActionState::Overdue,
            }
        })
        .collect()
}

/// "Last year's action plan, followed up" ("The 2023/24 review's action plan, followed
/// up").
fn plan_lead(p: &Progress) -> String {
    match p.earlier() {
        None => "Last year's action plan, followed up".to_owned(),
        Some(review) => capitalised(&format!("{review}'s action plan, followed up")),
    }
}

/// "1 of 2 actions completed, 1 overdue" ("0 of 1 action completed"): the noun agrees with
/// the total.
fn actions_summary(p: &Progress) -> String {
    let overdue = actions_in(p, ActionState::Overdue);
    format!(
        "{} of {} completed{}",
        actions_in(p, ActionState::Completed),
        count(p.actions.len(), "action", "actions"),
        if overdue > 0 {
            format!(", {overdue} overdue")
        } else {
            String::new()
        }
    )
}

/// Strands of the previous review this rubric does not have, in words.
fn unmatched(p: &Progress, previous: &str) -> Option<Listing> {
    let earlier = p.earlier();
    let items: Vec<String> = p
        .unmatched
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
        .collect();
    (!items.is_empty()).then(|| Listing {
        lead: format!("Strands of the {previous} review that cannot be compared:"),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_count_is_in_the_sentence_in_the_audiences_words() {
        let t = sendbench_core::Tally {
            up: 1,
            down: 2,
            same: 30,
            newly_judged: 1,
            no_longer_judged: 0,
        };
        assert_eq!(
            progress_sentence("2024/25 review", t, &Vocabulary::of(Audience::Governors)),
            "Since the 2024/25 review, 1 strand improved, 2 strands fell and 30 strands stayed the same; 1 strand was judged for the first time."
        );
        assert_eq!(
            progress_sentence("2024/25 review", t, &Vocabulary::of(Audience::Parents)),
            "Since the 2024/25 review, 1 part got better, 2 parts went down and 30 parts stayed the same; 1 part was judged for the first time."
        );
        let none = sendbench_core::Tally::default();
        assert_eq!(
            progress_sentence("last review", none, &Vocabulary::of(Audience::Parents)),
            "Since the last review, no part was judged both times."
        );
    }

    #[test]
    fn done_is_told_in_the_singular_and_the_plural() {
        assert_eq!(done_sentence(1, 1), "It is done.");
        assert_eq!(done_sentence(0, 1), "It is not done yet.");
        assert_eq!(done_sentence(2, 2), "All of them are done.");
        assert_eq!(done_sentence(0, 3), "None of them is done yet.");
        assert_eq!(done_sentence(1, 3), "1 of them is done.");
        assert_eq!(done_sentence(2, 3), "2 of them are done.");
    }
}
