//! The statutory checklist: each duty with its status (and, for the governors only, its
//! evidence), the tally in one sentence, and how each audience is told of it: the governors'
//! full table, the SEN information report's table in plain words, and the parents' "Our
//! legal duties", which names every duty not fully met in plain words.

use sendbench_core::ChecklistStatus;
use serde::Serialize;

use super::text::{count, Listing, TableText};
use super::Review;

/// One duty as the audience reads it.
#[derive(Serialize)]
pub(super) struct DutyData {
    /// The duty: word for word for the governors; for families in the rubric's plain
    /// words where it has them.
    text: String,
    /// `met`, `partly-met`, `not-met`; `None` when not answered.
    status: Option<&'static str>,
    /// "Met", "Partly met", "Not met", "Not answered".
    label: &'static str,
    /// The status as printed, with its mark: "✓ Met", "◐ Partly met", "✗ Not met".
    shown: String,
    /// The school's evidence; always empty in the family audiences' data.
    evidence: String,
    /// For the parents: what the status means, in plain words.
    #[serde(skip)]
    plain_status: Option<&'static str>,
}

/// How many duties have each status.
#[derive(Serialize, Default, Clone, Copy)]
pub(super) struct Tally {
    pub met: usize,
    pub partly_met: usize,
    pub not_met: usize,
    pub unanswered: usize,
    pub total: usize,
}

/// Every duty in the rubric's order, and the tally.
pub(super) fn duties(r: &Review<'_>) -> (Vec<DutyData>, Tally) {
    let mut tally = Tally {
        total: r.rubric.checklist.items.len(),
        ..Tally::default()
    };
    let duties = r
        .rubric
        .checklist
        .items
        .iter()
        .map(|item| {
            let answer = r.a.checklist_answer(&item.id);
            let status = answer.and_then(|x| x.status);
            let (mark, plain_status) = match status {
                Some(ChecklistStatus::Met) => {
                    tally.met += 1;
                    ("✓ ", None)
                }
                Some(ChecklistStatus::PartlyMet) => {
                    tally.partly_met += 1;
                    ("◐ ", Some("We do some of this, not all of it."))
                }
                Some(ChecklistStatus::NotMet) => {
                    tally.not_met += 1;
                    ("✗ ", Some("We do not do this at the moment."))
                }
                None => {
                    tally.unanswered += 1;
                    ("", None)
                }
            };
            let label = status.map_or("Not answered", ChecklistStatus::label);
            DutyData {
                text: match (&item.plain, r.private) {
                    (Some(plain), true) => plain.clone(),
                    _ => item.text.clone(),
                },
                status: status.map(ChecklistStatus::id),
                label,
                shown: format!("{mark}{label}"),
                evidence: match (answer, r.private) {
                    (Some(x), false) => x.evidence.clone(),
                    _ => String::new(),
                },
                plain_status,
            }
        })
        .collect();
    (duties, tally)
}

impl Tally {
    /// "8 of 9 duties met, 1 partly met, 0 not met." (", 1 not yet answered").
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "{} of {} met, {} partly met, {} not met",
            self.met,
            count(self.total, "duty", "duties"),
            self.partly_met,
            self.not_met
        );
        if self.unanswered > 0 {
            s.push_str(&format!(", {} not yet answered", self.unanswered));
        }
        s.push('.');
        s
    }
}

/// The checklist's section in the governors' report and the SEN information summary.
#[derive(Serialize)]
pub(super) struct ChecklistText {
    pub heading: String,
    /// The legislation it is drawn from, under the heading; `None` when not shown.
    pub subheading: Option<String>,
    /// The tally, in one sentence.
    pub tally: String,
    /// The table's caption and column headings.
    pub table: TableText,
}

impl ChecklistText {
    /// The governors' section: the rubric's heading, the duties with their evidence.
    pub fn governors(r: &Review<'_>, tally: &Tally) -> ChecklistText {
        let subheading = &r.rubric.checklist.subheading;
        ChecklistText {
            heading: r.rubric.checklist.heading.clone(),
            subheading: (!subheading.is_empty()).then(|| subheading.clone()),
            tally: tally.sentence(),
            table: TableText::new(
                "Statutory duties, their status and evidence",
                &["Duty", "Status", "Evidence"],
            ),
        }
    }

    /// The SEN information summary's section: the duties (in plain words where the rubric
    /// has them) and their status.
    pub fn sen_info(r: &Review<'_>, tally: &Tally) -> ChecklistText {
        let plain = r.rubric.checklist.items.iter().any(|d| d.plain.is_some());
        ChecklistText {
            heading: "How we meet our statutory duties".to_owned(),
            subheading: None,
            tally: tally.sentence(),
            table: TableText::new(
                "Our statutory duties and how far we meet each",
                &[
                    if plain {
                        "Duty (in plain words)"
                    } else {
                        "Duty"
                    },
                    "Status",
                ],
            ),
        }
    }
}

/// The parents' "Our legal duties": how many the school does in full, each it does not
/// (in plain words, with what its status means), and how many it is still checking.
#[derive(Serialize)]
pub(super) struct ParentsDuties {
    heading: &'static str,
    /// "We do all 9 of our legal duties in full." / "We do 7 of our 9 legal duties in
    /// full." / "We have not checked our legal duties yet."
    sentence: String,
    /// The duties not done in full, each with what its status means.
    not_in_full: Option<Listing>,
    /// "We are still checking 2 of them."
    checking: Option<String>,
}

impl ParentsDuties {
    /// `None` when the rubric has no duties.
    pub fn new(duties: &[DutyData], t: &Tally) -> Option<ParentsDuties> {
        if t.total == 0 {
            return None;
        }
        let answered = t.total - t.unanswered;
        let sentence = if answered == 0 {
            "We have not checked our legal duties yet.".to_owned()
        } else if t.met == t.total {
            match t.total {
                1 => "We do our 1 legal duty in full.".to_owned(),
                n => format!("We do all {n} of our legal duties in full."),
            }
        } else {
            format!(
                "We do {} of our {} in full.",
                t.met,
                count(t.total, "legal duty", "legal duties")
            )
        };
        let not: Vec<String> = duties
            .iter()
            .filter_map(|d| Some(format!("{} {}", d.text.trim_end(), d.plain_status?)))
            .collect();
        let not_in_full = (!not.is_empty()).then(|| Listing {
            lead: if not.len() == 1 {
                "This one we do not yet do in full:".to_owned()
            } else {
                "These we do not yet do in full:".to_owned()
            },
            items: not,
        });
        let checking = (t.unanswered > 0 && answered > 0).then(|| match t.unanswered {
            1 => "We are still checking 1 of them.".to_owned(),
            n => format!("We are still checking {n} of them."),
        });
        Some(ParentsDuties {
            heading: "Our legal duties",
            sentence,
            not_in_full,
            checking,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duty(text: &str, plain_status: Option<&'static str>) -> DutyData {
        DutyData {
            text: text.to_owned(),
            status: None,
            label: "",
            shown: String::new(),
            evidence: String::new(),
            plain_status,
        }
    }

    #[test]
    fn parents_are_told_of_a_duty_not_met_in_plain_words() {
        let duties = [
            duty("Tell parents.", None),
            duty(
                "Publish a report.",
                Some("We do not do this at the moment."),
            ),
        ];
        let t = Tally {
            met: 1,
            not_met: 1,
            total: 2,
            ..Tally::default()
        };
        let p = ParentsDuties::new(&duties, &t).expect("duties");
        assert_eq!(p.sentence, "We do 1 of our 2 legal duties in full.");
        let list = p.not_in_full.expect("one not met");
        assert_eq!(list.lead, "This one we do not yet do in full:");
        assert_eq!(
            list.items,
            ["Publish a report. We do not do this at the moment."]
        );
        assert_eq!(p.checking, None);
    }

    #[test]
    fn every_duty_met_and_none_answered_are_said_truly() {
        let all = Tally {
            met: 9,
            total: 9,
            ..Tally::default()
        };
        let p = ParentsDuties::new(&[], &all).expect("duties");
        assert_eq!(p.sentence, "We do all 9 of our legal duties in full.");
        let none = Tally {
            unanswered: 9,
            total: 9,
            ..Tally::default()
        };
        let p = ParentsDuties::new(&[], &none).expect("duties");
        assert_eq!(p.sentence, "We have not checked our legal duties yet.");
        assert_eq!(p.checking, None);
        let some = Tally {
            met: 7,
            unanswered: 2,
            total: 9,
            ..Tally::default()
        };
        let p = ParentsDuties::new(&[], &some).expect("duties");
        assert_eq!(p.sentence, "We do 7 of our 9 legal duties in full.");
        assert_eq!(
            p.checking.as_deref(),
            Some("We are still checking 2 of them.")
        );
        assert!(ParentsDuties::new(&[], &Tally::default()).is_none());
    }
}
