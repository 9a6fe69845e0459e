//! The parents' summary's own sentences, in plain English: what the review is (parts,
//! themes and legal duties explained where they are first used), how far it has got, the
//! legal duties not done in full, what the school does well and what it will improve, its
//! plan, and a glossary of the words the summary uses.
//!
//! What a parent needs on paper: a list of up to [`FULL_UP_TO`] parts is told in full (what
//! each part is about, what the level means for it, how the school knows where it marked
//! that public); a longer one is told briefly, a line per part by what it is about, so a
//! review with many parts Exemplary (or Emerging) keeps to the summary's length.

use serde::Serialize;

use super::checklist::ParentsDuties;
use super::family::{in_plain_words, level_meaning, words_note};
use super::strands::StrandData;
use super::text::{count, Note, TableText, Term};
use super::{Parts, Review};

/// The most parts a list tells in full; a longer list is told a line per part.
pub(super) const FULL_UP_TO: usize = 8;

#[derive(Serialize)]
pub(super) struct ParentsText {
    about: About,
    /// "The results at a glance" and the line over the charts.
    glance: Glance,
    /// "Our legal duties"; `None` when the rubric has none.
    duties: Option<ParentsDuties>,
    /// "What we do well".
    strengths: PartsSection,
    /// "What we will improve".
    improve: PartsSection,
    /// "Our plan"; `None` without an action plan.
    pub plan: Option<Plan>,
    /// Before a part's evidence: "How we know:".
    evidence_label: &'static str,
    /// How to talk to the school about the summary.
    contact: &'static str,
    /// "Words we use".
    glossary: Glossary,
}

#[derive(Serialize)]
struct About {
    heading: &'static str,
    /// What the review is for, and the "special needs" the summary speaks of.
    intro: &'static str,
    /// The list of good practice: themes, parts, levels ("... fits us best:").
    scale: String,
    /// Each level and what it means.
    levels: Vec<Term>,
    /// The legal duties, explained; `None` when the rubric has none.
    duties: Option<String>,
    /// How far the review has got, when it is not finished: "We have not finished our
    /// review yet. ..." while parts are still to judge, else "We have judged all 34 parts.
    /// We are still checking 1 of the 9 legal duties."
    state: Option<String>,
}

#[derive(Serialize)]
struct Glance {
    heading: &'static str,
    lead: &'static str,
}

/// Parts told under a heading: a sentence, then the list with the line over it, or a
/// sentence saying there is nothing to list.
#[derive(Serialize)]
struct PartsSection {
    heading: &'static str,
    /// Over the list: "We put 31 of the 34 parts at Expected or better."
    sentence: Option<String>,
    lead: Option<String>,
    /// Whether the list is told a line per part (it is long).
    brief: bool,
    items: Vec<PartItem>,
    /// Said when there is nothing to list.
    none: Option<String>,
}

/// A part as the parents' summary tells it.
#[derive(Serialize)]
struct PartItem {
    /// What the part is about, in bold; `None` if the rubric does not say.
    about: Option<String>,
    /// What the level means for it ("Our aim: ..." for a part to improve); `None` in a
    /// brief list.
    text: Option<String>,
    /// How the school knows, where it marked its evidence public; `None` in a brief list.
    evidence: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Plan {
    heading: &'static str,
    pub table: TableText,
}

#[derive(Serialize)]
struct Glossary {
    heading: &'static str,
    note: Option<Note>,
    /// The levels, then every term the summary uses, then the area's name.
    terms: Vec<Term>,
}

impl ParentsText {
    pub fn new(r: &Review<'_>, parts: &Parts<'_>) -> ParentsText {
        let mut text = ParentsText {
            about: about(r),
            glance: Glance {
                heading: "The results at a glance",
                lead: "Each bar shows how many parts of a theme we put at each level.",
            },
            duties: ParentsDuties::new(parts.checklist, parts.tally),
            strengths: strengths(r, parts),
            improve: improve(r, parts),
            plan: (!parts.action_plan.is_empty()).then(|| Plan {
                heading: "Our plan",
                table: TableText::new(
                    "What we will do, and by when",
                    &["What we will do", "By when"],
                ),
            }),
            evidence_label: "How we know:",
            contact: "Would you like to talk about this summary? Please contact the school. Ask for our special needs lead, the SENCO.",
            glossary: Glossary {
                heading: "Words we use",
                note: words_note(r, " You can ask the school for the full wording."),
                terms: Vec::new(),
            },
        };
        let used = text.words_used(r, parts);
        text.glossary.terms = glossary(r, &used);
        text
    }

    /// Everything the summary prints but its glossary, for finding the terms it uses.
    fn words_used(&self, r: &Review<'_>, parts: &Parts<'_>) -> String {
        let json = serde_json::to_string(&(
            self,
            r.review_line(),
            parts.key_dates,
            parts.action_plan,
            parts.progress,
        ))
        .unwrap_or_default();
        let titles = r
            .rubric
            .outcomes
            .iter()
            .map(|o| o.plain.clone().unwrap_or_else(|| o.title.clone()));
        titles.fold(json, |all, t| all + " " + &t)
    }
}

fn about(r: &Review<'_>) -> About {
    let c = &r.completeness;
    let duties = r.rubric.checklist.items.len();
    About {
        heading: "What is this review?",
        intro: "Every year, we check how well we help some of our children and young people. They are the ones with special educational needs and disabilities (SEND). In this summary we call them \"special needs\" for short.",
        scale: format!(
            "We use a list of good practice that schools in our area share. It has {}, split into {}. For each part, we choose the level that fits us best:",
            count(r.rubric.outcomes.len(), "theme", "themes"),
            r.words.strands(c.strands)
        ),
        levels: level_terms(r),
        duties: match duties {
            0 => None,
            1 => Some("We also check our legal duty. This is something the law says every school must do.".to_owned()),
            n => Some(format!("We also check our {n} legal duties. These are things the law says every school must do.")),
        },
        state: review_state(c),
    }
}

/// "34 parts" / "1 part".
fn parts(n: usize) -> String {
    count(n, "part", "parts")
}

/// The parents' sentence on how far the review has got; `None` when it is complete.
fn review_state(c: &sendbench_core::Completeness) -> Option<String> {
    if c.is_complete() {
        return None;
    }
    if c.strands_not_judged > 0 {
        return Some(format!(
            "We have not finished our review yet. So far we have looked at {} of the {}. We will share the full results when we finish.",
            c.strands - c.strands_not_judged,
            parts(c.strands)
        ));
    }
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

/// The parents' sentence on how many parts are at `level` (the strength level) or better:
/// `good` of the `judged`, of `total` parts, `all_judged` when no part is left to judge.
fn judged_sentence(
    good: usize,
    judged: usize,
    total: usize,
    all_judged: bool,
    level: &str,
) -> String {
    if all_judged {
        return if good == total && total > 1 {
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
        };
    }
    if judged == 0 {
        return "We have not judged any parts yet.".to_owned();
    }
    let how_many = if judged == 1 {
        if good == 1 { "It is" } else { "It is not yet" }.to_owned()
    } else if good == judged {
        "All of them are".to_owned()
    } else if good == 0 {
        "None of them is yet".to_owned()
    } else {
        format!("{good} of them {}", super::text::is_are(good))
    };
    format!(
        "So far we have judged {judged} of the {}. {how_many} at {level} or better.",
        parts(total)
    )
}

/// A list of parts: in full up to [`FULL_UP_TO`], else a line per part. `full` words a
/// part in full: what the level means for it.
fn part_items(
    list: &[StrandData],
    full: impl Fn(&StrandData) -> PartItem,
) -> (bool, Vec<PartItem>) {
    let brief = list.len() > FULL_UP_TO;
    let items = list
        .iter()
        .map(|s| match (brief, s.family.as_ref()) {
            (false, _) | (true, None) => full(s),
            (true, Some(f)) => match &f.about {
                Some(about) => PartItem {
                    about: Some(about.clone()),
                    text: None,
                    evidence: None,
                },
                None => PartItem {
                    text: full(s).text,
                    about: None,
                    evidence: None,
                },
            },
        })
        .collect();
    (brief, items)
}

/// "What we do well": how many parts are at the strength level or better, and the parts
/// at the highest level.
fn strengths(r: &Review<'_>, parts: &Parts<'_>) -> PartsSection {
    let c = &r.completeness;
    let profile = &r.profile.outcomes;
    let judged: usize = profile.iter().map(|o| o.counts.iter().sum::<usize>()).sum();
    let good: usize = profile
        .iter()
        .map(|o| o.counts[r.rubric.strength_from..].iter().sum::<usize>())
        .sum();
    let list = &parts.outcomes.strengths;
    let (brief, items) = part_items(list, |s| {
        let f = s.family.as_ref();
        PartItem {
            about: f.and_then(|f| f.about.clone()),
            text: f.and_then(|f| f.level.clone()),
            evidence: s.evidence().map(str::to_owned),
        }
    });
    let which = match (list.len(), brief) {
        (1, _) => "This part is our strongest".to_owned(),
        (n, true) => format!("These {n} parts are our strongest"),
        (_, false) => "These parts are our strongest".to_owned(),
    };
    PartsSection {
        heading: if good == 0 && c.strands_not_judged == 0 {
            "Where we are starting from"
        } else {
            "What we do well"
        },
        sentence: Some(judged_sentence(
            good,
            judged,
            c.strands,
            c.strands_not_judged == 0,
            r.strength_level(),
        )),
        lead: (!list.is_empty()).then(|| format!("{which}{}:", in_plain_words(r))),
        brief,
        items,
        none: None,
    }
}

/// "What we will improve": the parts below the strength level with what the school aims
/// for, or why there are none.
fn improve(r: &Review<'_>, parts: &Parts<'_>) -> PartsSection {
    let list = &parts.outcomes.priorities;
    let (brief, items) = part_items(list, |s| {
        let f = s.family.as_ref();
        let about = f.and_then(|f| f.about.clone());
        let next = f.and_then(|f| f.next.clone());
        PartItem {
            text: match (&about, next) {
                (Some(_), Some(next)) => Some(format!("Our aim: {next}")),
                (_, next) => next,
            },
            about,
            evidence: None,
        }
    });
    let which = match (list.len(), brief) {
        (1, _) => "this part".to_owned(),
        (n, true) => format!("these {n} parts"),
        (_, false) => "these parts".to_owned(),
    };
    let none = (list.is_empty() && parts.action_plan.is_empty()).then(|| {
        if r.completeness.is_complete() {
            format!(
                "Every part is at {} or better. We have not written a plan of actions.",
                r.strength_level()
            )
        } else {
            "We have not set our priorities yet.".to_owned()
        }
    });
    PartsSection {
        heading: "What we will improve",
        sentence: None,
        lead: (!list.is_empty())
            .then(|| format!("We want to get better at {which}{}:", in_plain_words(r))),
        brief,
        items,
        none,
    }
}

/// Terms a parent may not know, each with what it means and the words that show the
/// summary uses it (acronyms matched as whole words, phrases in any case).
const TERMS: [(&str, &str, &[&str]); 11] = [
    ("SEND", "special educational needs and disabilities. In this summary we say \"special needs\" for short.", &["SEND"]),
    ("SEN", "special educational needs.", &["SEN"]),
    ("SENCO", "the special educational needs co-ordinator. This is the teacher who leads our support for pupils with special needs.", &["SENCO"]),
    ("TA", "a teaching assistant. This is a member of staff who helps pupils in class.", &["TA", "TAs"]),
    ("EHC plan or EHCP", "an Education, Health and Care plan. It is a legal document from the council. It sets out a child's needs and the help they must get.", &["EHC", "EHCP", "Education, Health and Care plan"]),
    ("Four steps of support (graduated approach)", "we find out what a pupil needs and plan help. Then we give the help and check how it went. Then we start again.", &["four steps", "graduated approach"]),
    ("Four main kinds of need", "the four groups that special needs fall into. They are talking and listening; thinking and learning; feelings and mental health; senses and body.", &["kinds of need", "areas of need"]),
    ("Provision map", "our record of the extra help we give. It shows who gets it and what difference it makes.", &["provision map"]),
    ("SEN information report", "our yearly report about how we support pupils with special needs. It is on our website.", &["SEN information report"]),
    ("Local Offer", "the council's guide to services for children and young people with special needs.", &["Local Offer"]),
    ("Reasonable adjustments", "changes we make so that disabled pupils are not at a disadvantage.", &["reasonable adjustment"]),
];

/// Whether `text` uses `word`: an acronym (its first two letters capitals: "TA", "TAs") as
/// a whole word, anything else as a phrase in any case.
fn uses(text: &str, word: &str) -> bool {
    if word.chars().take(2).all(|c| c.is_ascii_uppercase()) {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|w| w == word)
    } else {
        text.to_lowercase().contains(&word.to_lowercase())
    }
}

/// The glossary: every level, each term the summary uses, the URN where it is printed and
/// the area's name.
fn glossary(r: &Review<'_>, used: &str) -> Vec<Term> {
    let mut terms = level_terms(r);
    for (term, meaning, words) in TERMS {
        if words.iter().any(|w| uses(used, w)) {
            terms.push(Term {
                term: term.to_owned(),
                meaning: meaning.to_owned(),
            });
        }
    }
    if r.a.school.urn.is_some() {
        terms.push(Term {
            term: "URN".to_owned(),
            meaning: "unique reference number. The government gives every school its own number."
                .to_owned(),
        });
    }
    if let Some(area) = &r.a.school.area {
        terms.push(Term {
            term: area.clone(),
            meaning: format!(
                "the name of our {}. This is the group of schools near us that work together.",
                r.rubric.introduction.labels.area.to_lowercase()
            ),
        });
    }
    terms
}

/// Each level and what it means, in plain words.
fn level_terms(r: &Review<'_>) -> Vec<Term> {
    (r.rubric.levels.iter().enumerate())
        .map(|(i, l)| Term {
            term: l.name.clone(),
            meaning: level_meaning(r, i),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_as_a_reader_would_find_them() {
        assert!(uses("Ask our SENCO.", "SENCO"));
        assert!(!uses("Ask our SENCO.", "SEN"));
        assert!(uses("TAs are deployed by need.", "TAs"));
        assert!(!uses("DATA", "TA"));
        assert!(uses("Using the Four Steps of support", "four steps"));
        assert!(uses("the SEN information report", "SEN"));
    }

    #[test]
    fn the_judged_sentence_holds_in_every_case() {
        let s = |g, j, t, all| judged_sentence(g, j, t, all, "Expected");
        assert_eq!(
            s(34, 34, 34, true),
            "We put all 34 parts at Expected or better."
        );
        assert_eq!(
            s(31, 34, 34, true),
            "We put 31 of the 34 parts at Expected or better."
        );
        assert_eq!(
            s(0, 34, 34, true),
            "None of the 34 parts is at Expected or better yet. This review shows where we are starting from."
        );
        assert_eq!(s(0, 0, 34, false), "We have not judged any parts yet.");
        assert_eq!(
            s(26, 26, 34, false),
            "So far we have judged 26 of the 34 parts. All of them are at Expected or better."
        );
        assert_eq!(
            s(1, 1, 34, false),
            "So far we have judged 1 of the 34 parts. It is at Expected or better."
        );
    }
}
