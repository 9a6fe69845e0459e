//! What the two family documents (the parents' summary and the SEN information summary)
//! share: what each level means in plain words, and the note saying whose plain-English
//! summaries they read.

use serde::Serialize;

use super::text::Note;
use super::Review;

/// The note printed where plain wording is used, when the rubric gives none.
const PLAIN_NOTE: &str =
    "The short descriptions in this summary are plain-English summaries. They are not the official wording.";

/// The rubric's plain-English wording the family documents share.
#[derive(Serialize)]
pub(super) struct FamilyData {
    /// What each level means, for families: the rubric's plain wording, else the level's
    /// description, else said from where the level sits ("we do what every good school
    /// should.").
    level_meanings: Vec<String>,
    /// Set when the rubric has any plain-English wording for families: the note saying
    /// whose summaries they are and that they are not the rubric's own words.
    plain_note: Option<String>,
    /// What the rubric calls the school's area ("Local area or cluster").
    area_label: String,
}

impl FamilyData {
    pub fn new(r: &Review<'_>) -> FamilyData {
        FamilyData {
            level_meanings: (0..r.rubric.levels.len())
                .map(|i| level_meaning(r, i))
                .collect(),
            plain_note: plain_note(r),
            area_label: r.rubric.introduction.labels.area.clone(),
        }
    }
}

/// What level `i` means, for families.
pub(super) fn level_meaning(r: &Review<'_>, i: usize) -> String {
    let level = &r.rubric.levels[i];
    if let Some(meaning) = level.plain.as_ref().or(level.description.as_ref()) {
        return meaning.clone();
    }
    let top = r.rubric.levels.len() - 1;
    let strength = r.rubric.strength_from;
    if i == top {
        "the highest level. We do this very well."
    } else if i == strength {
        "we do what every good school should."
    } else if i == 0 {
        "the first level. We have made a start."
    } else if i < strength {
        "we are on the way, but not yet where a good school should be."
    } else {
        "we do better than a good school should."
    }
    .to_owned()
}

/// The rubric's note on its plain wording (or a neutral one); `None` when it has none.
pub(super) fn plain_note(r: &Review<'_>) -> Option<String> {
    r.has_plain().then(|| {
        r.rubric
            .plain_note
            .clone()
            .unwrap_or_else(|| PLAIN_NOTE.to_owned())
    })
}

/// The note set apart at the end of a family document, with `more` after the rubric's
/// words; `None` when nothing is in plain words.
pub(super) fn words_note(r: &Review<'_>, more: &str) -> Option<Note> {
    plain_note(r).map(|note| Note {
        lead: "About the words in this summary.".to_owned(),
        text: format!("{note}{more}"),
    })
}

/// " (in plain words)" after a list of strands, where the rubric has plain wording of them.
pub(super) fn in_plain_words(r: &Review<'_>) -> &'static str {
    if r.strands_plain() {
        " (in plain words)"
    } else {
        ""
    }
}
