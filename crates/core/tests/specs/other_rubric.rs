//! Another area's rubric — four levels with other names, two outcomes, its own roles,
//! checklist and columns — works exactly as the built-in one does.

use sendbench_core::{Assessment, LoadError, Rubric};

fn example(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/other-rubric")
        .join(path)
}

#[test]
fn a_four_level_rubric_loads() {
    let rubric = Rubric::load(example("rubric.toml")).expect("valid rubric");
    let levels: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(levels, ["Beginning", "Developing", "Secure", "Leading"]);
    assert_eq!(rubric.strength_from, 2);
    assert_eq!(
        rubric.strands().map(|s| s.code()).collect::<Vec<_>>(),
        ["A1", "A2", "B1"]
    );
    assert_eq!(rubric.action_plan.columns.len(), 4);
}

#[test]
fn an_assessment_against_it_validates_and_profiles_in_four_columns() {
    let rubric = Rubric::load(example("rubric.toml")).expect("valid rubric");
    let checked =
        Assessment::load(example("little-acorns.toml"), &rubric).expect("valid assessment");
    let errors: Vec<_> = checked.warnings.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty());
    let a = &checked.value;
    assert_eq!(
        a.judgement("A", "2").and_then(|j| j.level.as_deref()),
        Some("developing")
    );
    let profile = a.profile(&rubric);
    assert_eq!(profile.outcomes[0].counts, [0, 1, 1, 0]);
    assert_eq!(profile.outcomes[1].counts, [0, 0, 0, 1]);
    assert_eq!(
        (profile.checklist.met, profile.checklist.partly_met),
        (2, 1)
    );
}

#[test]
fn the_default_rubrics_assessment_is_refused_by_another_rubric() {
    let rubric = Rubric::load(example("rubric.toml")).expect("valid rubric");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/schools/oakfield-primary.toml");
    match Assessment::load(path, &rubric) {
        Err(LoadError::Invalid { diagnostics, .. }) => {
            assert!(diagnostics.iter().any(|d| d.code == "rubric-mismatch"));
        }
        other => panic!("expected a rubric mismatch, got {other:?}"),
    }
}

#[test]
fn rubric_problems_are_all_reported_with_places() {
    let text = r#"[rubric]
id = "broken"
version = "1"
title = "Broken"
strength_from = "good"

[[levels]]
id = "low"
name = "Low"

[[levels]]
id = "high level"
name = "High"

[[outcomes]]
id = "1"
title = "One"

[[outcomes.strands]]
id = "a"
low = "Text"
hihg = "Typo"

[action_plan]
[[action_plan.columns]]
id = "due"
heading = "Due"
kind = "time"
"#;
    let Err(LoadError::Invalid { file, diagnostics }) = Rubric::from_toml("broken.toml", text)
    else {
        panic!("expected an invalid rubric");
    };
    let at = |code: &str| {
        let d = diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("no {code}: {diagnostics:#?}"));
        d.span.map(|s| file.location(s.start).line)
    };
    assert_eq!(at("unknown-level"), Some(5));
    assert_eq!(at("bad-id"), Some(12));
    assert_eq!(at("unknown-key"), Some(22));
    assert_eq!(at("bad-kind"), Some(28));
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "missing-key" && d.message.contains("`high level`")));
    assert!(diagnostics
        .iter()
        .any(|d| d.code == "bad-id" && d.message.contains("\"due\"")));
}
