//! The next review's starting point: last year's content carried forward, a year on, with
//! last year's dates cleared.

use sendbench_core::{AcademicYear, Assessment, Rubric};

fn oakfield(rubric: &Rubric) -> Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools/oakfield-primary.toml");
    Assessment::load(&path, rubric)
        .expect("valid example")
        .value
}

#[test]
fn next_review_is_the_following_academic_year_with_no_dates_of_its_own() {
    let rubric = Rubric::builtin();
    let last = oakfield(&rubric);
    assert_eq!(
        last.review.academic_year.map(|y| y.to_string()).as_deref(),
        Some("2025/26")
    );
    assert!(last.review.date.is_some());
    assert!(last.participants.iter().any(|p| p.date.is_some()));

    let next = last.next_review();
    assert_eq!(
        next.review.academic_year.map(|y| y.to_string()).as_deref(),
        Some("2026/27")
    );
    assert_eq!(next.review.date, None);
    assert!(next.review.key_dates.iter().all(|k| k.date.is_none()));
    assert_eq!(
        next.review
            .key_dates
            .iter()
            .map(|k| &k.event)
            .collect::<Vec<_>>(),
        last.review
            .key_dates
            .iter()
            .map(|k| &k.event)
            .collect::<Vec<_>>(),
        "the events stay, to be given new dates"
    );
    assert!(next.participants.iter().all(|p| p.date.is_none()));
    assert_eq!(
        next.participants
            .iter()
            .map(|p| &p.name)
            .collect::<Vec<_>>(),
        last.participants
            .iter()
            .map(|p| &p.name)
            .collect::<Vec<_>>()
    );
}

#[test]
fn next_review_keeps_judgements_evidence_checklist_and_plan_to_revisit() {
    let rubric = Rubric::builtin();
    let last = oakfield(&rubric);
    let next = last.next_review();
    assert_eq!(next.school, last.school);
    assert_eq!(next.checklist, last.checklist);
    assert_eq!(next.outcomes, last.outcomes);
    assert_eq!(next.action_plan, last.action_plan);
    // And it is still a valid assessment.
    let text = sendbench_core::write_assessment(&next, &rubric, Default::default());
    let again = Assessment::from_toml("next.toml", &text, &rubric).expect("valid");
    assert_eq!(again.value.review.academic_year, next.review.academic_year);
}

#[test]
fn next_review_without_a_year_takes_it_from_the_review_date() {
    let rubric = Rubric::builtin();
    let mut last = oakfield(&rubric);
    last.review.academic_year = None;
    last.review.date = jiff::civil::Date::new(2026, 3, 2).ok();
    assert_eq!(
        last.next_review().review.academic_year,
        Some(AcademicYear { start: 2026 })
    );
}
