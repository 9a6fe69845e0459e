//! A review's completeness: what is left to judge, counted and said in words, so that no
//! document made from a half-finished review can claim it is finished.

use sendbench_core::{Assessment, Rubric};

fn example(name: &str, rubric: &Rubric) -> Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools")
        .join(name);
    Assessment::load(&path, rubric)
        .expect("valid example")
        .value
}

#[test]
fn a_half_finished_review_is_a_draft_that_says_what_is_left() {
    let rubric = Rubric::builtin();
    let c = example("beacon-hill-special.toml", &rubric)
        .profile(&rubric)
        .completeness();
    assert!(!c.is_complete());
    assert_eq!((c.strands_not_judged, c.strands), (8, 34));
    assert_eq!((c.duties_unanswered, c.duties), (4, 9));
    assert_eq!(
        c.to_string(),
        "Draft: 8 of 34 strands and 4 of 9 duties not yet judged"
    );
}

#[test]
fn a_finished_review_is_complete() {
    let rubric = Rubric::builtin();
    let c = example("oakfield-primary.toml", &rubric)
        .profile(&rubric)
        .completeness();
    assert!(c.is_complete());
    assert_eq!(c.remaining(), None);
    assert_eq!(
        c.to_string(),
        "Complete: all 34 strands and 9 duties judged"
    );
}

#[test]
fn only_what_is_left_is_named() {
    let rubric = Rubric::builtin();
    let mut a = example("oakfield-primary.toml", &rubric);
    a.checklist[0].status = None;
    let c = a.profile(&rubric).completeness();
    assert_eq!(c.to_string(), "Draft: 1 of 9 duties not yet judged");

    let mut a = example("oakfield-primary.toml", &rubric);
    a.outcomes[0].strands[0].level = None;
    let c = a.profile(&rubric).completeness();
    assert_eq!(c.to_string(), "Draft: 1 of 34 strands not yet judged");
}

#[test]
fn a_blank_review_has_everything_left() {
    let rubric = Rubric::builtin();
    let c = Assessment::default().profile(&rubric).completeness();
    assert_eq!(
        c.to_string(),
        "Draft: 34 of 34 strands and 9 of 9 duties not yet judged"
    );
}
