//! The built-in rubric is the Hertfordshire toolkit, word for word: every outcome, strand,
//! descriptor, checklist duty and role of the seed document, and nothing else.

use sendbench_core::Rubric;

const SEED: &str = include_str!("../fixtures/seed-toolkit.txt");

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed with its table flattening undone as far as comparing text needs: white space
/// collapsed, and the lines Word wrapped inside a cell joined.
fn seed_text() -> String {
    squash(SEED)
}

#[test]
fn has_five_outcomes_and_thirty_four_strands() {
    let rubric = Rubric::builtin();
    let shape: Vec<(&str, usize)> = rubric
        .outcomes
        .iter()
        .map(|o| (o.id.as_str(), o.strands.len()))
        .collect();
    assert_eq!(shape, [("1", 15), ("2", 9), ("3", 4), ("4", 3), ("5", 3)]);
    assert_eq!(rubric.strands().count(), 34);
    let letters: String = rubric.outcomes[0]
        .strands
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(letters, "abcdefghijklmno");
}

#[test]
fn has_three_levels_with_expected_and_above_as_strengths() {
    let rubric = Rubric::builtin();
    let names: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Emerging", "Expected", "Exemplary"]);
    assert_eq!(rubric.levels[rubric.strength_from].id, "expected");
}

#[test]
fn every_one_of_the_102_descriptors_is_the_seed_text_word_for_word() {
    let rubric = Rubric::builtin();
    let seed = seed_text();
    let mut count = 0;
    let mut missing = Vec::new();
    for strand in rubric.strands() {
        assert_eq!(strand.strand.descriptors.len(), 3);
        for (level, text) in rubric.levels.iter().zip(&strand.strand.descriptors) {
            count += 1;
            assert!(
                !text.trim().is_empty(),
                "{} {} is empty",
                strand.code(),
                level.name
            );
            // Descriptors in the seed are "a. Text"; a few were wrapped mid-word by Word's
            // columns ("SEND   policy"), which squashing both sides takes care of.
            if !seed.contains(&squash(text)) {
                missing.push(format!("{} {}: {text}", strand.code(), level.name));
            }
        }
    }
    assert_eq!(count, 102);
    assert!(
        missing.is_empty(),
        "not found in the seed word for word:\n{}",
        missing.join("\n")
    );
}

#[test]
fn descriptors_sit_under_the_right_strand_letter() {
    let rubric = Rubric::builtin();
    let o1 = rubric.outcome("1").expect("outcome 1");
    let l = o1.strand("l").expect("1l");
    assert_eq!(
        l.descriptors[0],
        "A current provision map is in place recording an overview of interventions. There is limited analysis and monitoring of outcomes."
    );
    let m = o1.strand("m").expect("1m");
    assert_eq!(m.descriptors[1], "The SENCO, working with the SLT, and governing body, determines the development of SEND policy and provision.");
    let c5 = rubric.outcome("5").and_then(|o| o.strand("c")).expect("5c");
    assert!(c5.descriptors[2].ends_with("reflected in consistent practices across the school."));
    let d3 = rubric.outcome("3").and_then(|o| o.strand("d")).expect("3d");
    assert!(d3.descriptors[1].starts_with(
        "There are effective opportunities to capture and explore the level of parental confidence"
    ));
}

#[test]
fn outcome_titles_are_the_seeds() {
    let rubric = Rubric::builtin();
    let seed = seed_text();
    for outcome in &rubric.outcomes {
        assert!(
            seed.contains(&squash(&outcome.title)),
            "outcome {} title: {}",
            outcome.id,
            outcome.title
        );
    }
    assert_eq!(
        rubric.outcomes[4].title,
        "Working proactively and collaboratively to improve provision"
    );
}

#[test]
fn statutory_checklist_has_nine_duties_with_their_references() {
    let rubric = Rubric::builtin();
    let items = &rubric.checklist.items;
    assert_eq!(items.len(), 9);
    let refs: Vec<String> = items.iter().map(|i| i.references.join(" and ")).collect();
    assert_eq!(
        refs,
        [
            "1.1",
            "",
            "6.89",
            "5.11 and 6.11",
            "6.79",
            "",
            "6.56",
            "Chapter 3 and Chapter 4",
            "6.43"
        ]
    );
    let seed = seed_text();
    for item in items {
        assert!(
            seed.contains(&squash(&item.text)),
            "checklist item {}: {}",
            item.id,
            item.text
        );
    }
    assert_eq!(rubric.checklist.lead, "Schools must:");
}

#[test]
fn roles_are_the_forms_in_order() {
    let rubric = Rubric::builtin();
    let roles: Vec<&str> = rubric
        .participants
        .roles
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        roles,
        [
            "Head Teacher",
            "SENCO",
            "Senior Leader",
            "Governor",
            "Parent/Carer",
            "Other Professionals",
            "Children and young people",
            "Other Role"
        ]
    );
}

#[test]
fn guidance_notes_and_action_plan_columns_are_the_forms() {
    let rubric = Rubric::builtin();
    assert_eq!(rubric.guidance.questions.len(), 4);
    assert_eq!(rubric.guidance.questions[3], "Next steps");
    assert_eq!(
        rubric.guidance.evidence_heading,
        "Evidence to support judgement"
    );
    let fields: Vec<&str> = rubric
        .outcome_fields
        .iter()
        .map(|f| f.heading.as_str())
        .collect();
    assert_eq!(fields, ["Notes", "Actions"]);
    let columns: Vec<&str> = rubric
        .action_plan
        .columns
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        columns,
        [
            "target",
            "actions",
            "responsible",
            "resources",
            "evaluation",
            "completed"
        ]
    );
    assert!(rubric.introduction.purposes[0].contains("‘best-fit’ model"));
}

#[test]
fn next_step_is_the_descriptor_one_level_up() {
    let rubric = Rubric::builtin();
    let strand = &rubric.outcomes[1].strands[3]; // 2d
    let (level, text) = rubric
        .next_step(strand, 0)
        .expect("a next step from Emerging");
    assert_eq!(level.name, "Expected");
    assert_eq!(text, strand.descriptors[1]);
    assert!(
        rubric.next_step(strand, 2).is_none(),
        "no next step from the top level"
    );
}
