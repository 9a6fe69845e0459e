//! A school's progress from one review to the next: each strand's movement in words, duties
//! whose status changed, last year's actions followed up, and strands that cannot be matched
//! across rubric versions shown as such.

use jiff::civil::date;
use sendbench_core::{
    ActionRow, ActionState, Assessment, Cell, CellValue, ChecklistStatus, Movement, Progress,
    Rubric,
};

fn oakfield(rubric: &Rubric) -> Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools/oakfield-primary.toml");
    Assessment::load(path, rubric).expect("valid").value
}

fn set(a: &mut Assessment, outcome: &str, strand: &str, level: Option<&str>) {
    let o = a
        .outcomes
        .iter_mut()
        .find(|o| o.outcome == outcome)
        .expect("outcome");
    match o.strands.iter_mut().find(|j| j.strand == strand) {
        Some(j) => j.level = level.map(str::to_owned),
        None => panic!("{outcome}{strand} not in the example"),
    }
}

fn action(
    target: &str,
    due: Option<jiff::civil::Date>,
    completed: Option<jiff::civil::Date>,
) -> ActionRow {
    let mut cells = vec![Cell {
        column: "target".into(),
        value: CellValue::Text(target.into()),
    }];
    if let Some(d) = completed {
        cells.push(Cell {
            column: "completed".into(),
            value: CellValue::Date(d),
        });
    }
    ActionRow {
        outcome: Some("1".into()),
        due,
        cells,
    }
}

/// Last year's review of Oakfield, made from this year's: 1a a level lower (so up now),
/// 1d a level higher (so down now), 1b not judged (so newly judged), one duty partly met.
fn last_year(rubric: &Rubric) -> Assessment {
    let mut a = oakfield(rubric);
    a.review.academic_year = Some(sendbench_core::AcademicYear { start: 2024 });
    a.review.date = Some(date(2025, 6, 20));
    set(&mut a, "1", "a", Some("emerging"));
    set(&mut a, "1", "d", Some("exemplary"));
    set(&mut a, "1", "b", None);
    if let Some(c) = a.checklist.iter_mut().find(|c| c.item == "principles") {
        c.status = Some(ChecklistStatus::PartlyMet);
    }
    a.action_plan = vec![
        action(
            "Run a parent workshop on the graduated approach.",
            Some(date(2025, 11, 30)),
            Some(date(2025, 11, 20)),
        ),
        action(
            "Audit the accessibility plan with governors.",
            Some(date(2026, 3, 31)),
            None,
        ),
        action(
            "Review the provision map each term.",
            Some(date(2027, 1, 31)),
            None,
        ),
    ];
    a
}

#[test]
fn each_strand_shows_last_years_judgement_and_the_movement_in_words() {
    let rubric = Rubric::builtin();
    let mut now = oakfield(&rubric);
    set(&mut now, "1", "d", Some("expected"));
    let p = Progress::compare(&last_year(&rubric), &now, &rubric);
    assert_eq!(p.strands.len(), 34);
    let strand = |code: &str| p.strands.iter().find(|s| s.code == code).expect(code);
    let a = strand("1a");
    assert_eq!(a.movement, Movement::Up);
    assert_eq!(a.movement.words(a.before.as_deref()), "up from Emerging");
    assert_eq!(
        (a.before.as_deref(), a.now.as_deref()),
        (Some("Emerging"), Some("Expected"))
    );
    let d = strand("1d");
    assert_eq!(d.movement.words(d.before.as_deref()), "down from Exemplary");
    assert_eq!(d.movement.symbol(), "▼");
    let b = strand("1b");
    assert_eq!(
        b.movement.words(b.before.as_deref()),
        "new: not judged last year"
    );
    assert_eq!(strand("1c").movement.words(Some("Expected")), "no change");
    let t = p.tally(Some("1"));
    assert_eq!((t.up, t.down, t.newly_judged), (1, 1, 1));
    assert_eq!(p.tally(None).up, 1);
    // One duty changed status.
    assert_eq!(p.duties.len(), 1);
    assert_eq!(p.duties[0].item, "principles");
    assert_eq!(p.duties[0].before, Some(ChecklistStatus::PartlyMet));
    assert_eq!(p.duties[0].now, Some(ChecklistStatus::Met));
    assert!(p.unmatched.is_empty());
}

#[test]
fn last_years_actions_are_followed_up_as_of_this_reviews_date() {
    let rubric = Rubric::builtin();
    let mut now = oakfield(&rubric);
    now.action_plan.push(action(
        "review the provision map  each term.",
        Some(date(2027, 1, 31)),
        None,
    ));
    let p = Progress::compare(&last_year(&rubric), &now, &rubric);
    let states: Vec<(ActionState, bool)> = p
        .actions
        .iter()
        .map(|a| (a.state, a.carried_forward))
        .collect();
    assert_eq!(
        states,
        [
            (ActionState::Completed, false),
            // Due 31 March 2026, not completed by this review (19 June 2026).
            (ActionState::Overdue, false),
            // Carried into this year's plan (case and spacing aside), not yet due.
            (ActionState::Open, true),
        ]
    );
    assert_eq!(p.actions[0].completed, Some(date(2025, 11, 20)));
    // Without a date for this review, nothing is called overdue.
    now.review.date = None;
    let p = Progress::compare(&last_year(&rubric), &now, &rubric);
    assert_eq!(p.actions[1].state, ActionState::Open);
}

#[test]
fn strands_that_cannot_be_matched_across_rubric_versions_are_shown_not_dropped() {
    let rubric = Rubric::builtin();
    let mut before = last_year(&rubric);
    before.rubric.version = "2019".into();
    // A strand this rubric does not have, and one of this rubric's the old review lacks.
    before.outcomes[0].strands.push(sendbench_core::Judgement {
        strand: "z".into(),
        level: Some("expected".into()),
        ..Default::default()
    });
    before.outcomes[0].strands.retain(|j| j.strand != "e");
    let p = Progress::compare(&before, &oakfield(&rubric), &rubric);
    assert_eq!(
        p.unmatched,
        [("1z".to_owned(), Some("Expected".to_owned()))]
    );
    let e = p.strands.iter().find(|s| s.code == "1e").expect("1e");
    assert_eq!(e.movement, Movement::NewStrand);
    assert_eq!(e.movement.words(None), "new: not in last year's review");
}
