//! The SEN information summary's own sentences: what the review is and how far it has got,
//! progress in one line, the statutory duties (in plain words where the rubric has them),
//! and the strengths and priorities by what each strand is about.

use serde::Serialize;

use super::checklist::ChecklistText;
use super::family::{in_plain_words, words_note};
use super::text::{or_list, Listing, Note, Section};
use super::{Parts, Review};

#[derive(Serialize)]
pub(super) struct SenInfoText {
    /// "Our SEND benchmark review".
    about: Section,
    /// "Progress." and the progress sentence, beside a previous review.
    progress: Option<Note>,
    /// "How we meet our statutory duties".
    pub checklist: ChecklistText,
    /// The heading over the profile charts.
    overview: &'static str,
    strengths: StrandList,
    priorities: StrandList,
    /// "About the words in this summary.", where any wording is in plain words.
    note: Option<Note>,
}

/// A list of strands under its heading: the line over it and its items, or a sentence
/// saying there are none.
#[derive(Serialize)]
struct StrandList {
    heading: &'static str,
    list: Option<Listing>,
    none: Option<String>,
}

impl SenInfoText {
    pub fn new(r: &Review<'_>, parts: &Parts<'_>) -> SenInfoText {
        SenInfoText {
            about: about(r),
            progress: parts.progress.map(|p| Note {
                lead: "Progress.".to_owned(),
                text: p.sentence.clone(),
            }),
            checklist: ChecklistText::sen_info(r, parts.tally),
            overview: "Overview",
            strengths: strengths(r, parts),
            priorities: priorities(r, parts),
            note: words_note(r, ""),
        }
    }
}

/// What the review is, and how far it has got.
fn about(r: &Review<'_>) -> Section {
    let levels: Vec<String> = r.rubric.levels.iter().map(|l| l.name.clone()).collect();
    let (c, w) = (&r.completeness, &r.words);
    let what = "our provision for children and young people with special educational needs and disabilities (SEND)";
    let each = format!(
        "each of {} of practice as {}",
        w.strands(c.strands),
        or_list(&levels)
    );
    let paragraph = if c.is_complete() {
        format!(
            "We reviewed {what} using the {}. We judged {each}.",
            r.rubric.title
        )
    } else {
        format!(
            "We are reviewing {what} using the {}, judging {each}. The review is not finished: so far we have judged {} of the {} and {} {} of the {}.",
            r.rubric.title,
            c.strands - c.strands_not_judged,
            w.strands(c.strands),
            w.duty_done,
            c.duties - c.duties_unanswered,
            w.duties(c.duties)
        )
    };
    Section {
        heading: "Our SEND benchmark review".to_owned(),
        paragraphs: vec![paragraph],
    }
}

/// The strands at the highest level, by what each is about (its plain words, else the
/// descriptor of its level).
fn strengths(r: &Review<'_>, parts: &Parts<'_>) -> StrandList {
    let items = about_each(&parts.outcomes.strengths, |f| f.level.as_ref());
    let none = items.is_empty().then(|| {
        if r.completeness.strands_not_judged == 0 {
            "We did not judge any strand at the highest level this year."
        } else {
            "So far we have not judged any strand at the highest level."
        }
        .to_owned()
    });
    StrandList {
        heading: "Strengths",
        list: (!items.is_empty()).then(|| Listing {
            lead: format!(
                "Strands we judged at the highest level{}:",
                in_plain_words(r)
            ),
            items,
        }),
        none,
    }
}

/// The strands below the strength level, by what each is about (else the descriptor of
/// the level above); without any, the action plan's targets.
fn priorities(r: &Review<'_>, parts: &Parts<'_>) -> StrandList {
    let items = about_each(&parts.outcomes.priorities, |f| f.next.as_ref());
    let (list, none) = if !items.is_empty() {
        let lead = format!("Strands we want to improve{}:", in_plain_words(r));
        (Some(Listing { lead, items }), None)
    } else if !parts.action_plan.is_empty() {
        let items = parts
            .action_plan
            .iter()
            .map(|a| format!("{}{}", a.target, if a.completed { " (done)" } else { "" }))
            .collect();
        let lead = "The targets in our action plan:".to_owned();
        (Some(Listing { lead, items }), None)
    } else if r.completeness.is_complete() {
        let none = format!(
            "No strand is below {}, and no action plan is recorded.",
            r.strength_level()
        );
        (None, Some(none))
    } else {
        (None, Some("No priorities recorded yet.".to_owned()))
    };
    StrandList {
        heading: "Priorities",
        list,
        none,
    }
}

/// Each strand as "Strand 1a: what it is about", in plain words where the rubric has them,
/// else the descriptor `fallback` picks (of the level judged, or the level above).
fn about_each(
    strands: &[super::strands::StrandData],
    fallback: impl Fn(&super::strands::FamilyStrand) -> Option<&String>,
) -> Vec<String> {
    (strands.iter())
        .filter_map(|s| {
            let f = s.family.as_ref()?;
            let about = f.about.as_ref().or(fallback(f))?;
            Some(format!("{}: {about}", s.heading()))
        })
        .collect()
}
