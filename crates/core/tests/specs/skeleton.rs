//! The assessment writer: a blank skeleton for every rubric validates, carries the rubric's
//! text as comments, and a filled assessment written out reads back the same, field for field.

use sendbench_core::{write_assessment, Assessment, Rubric, School, SkeletonOptions};

fn blank(rubric: &Rubric, comments: bool) -> String {
    let a = Assessment {
        school: School {
            name: "Skeleton School".into(),
            ..School::default()
        },
        ..Assessment::default()
    };
    write_assessment(&a, rubric, SkeletonOptions { comments })
}

#[test]
fn blank_skeleton_validates_with_only_warnings() {
    let rubric = Rubric::builtin();
    let text = blank(&rubric, true);
    let checked = Assessment::from_toml("new.toml", &text, &rubric).expect("skeleton is valid");
    let codes: Vec<&str> = checked.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["no-date", "not-answered", "not-judged"]);
    let a = checked.value;
    assert_eq!(
        a.outcomes.iter().map(|o| o.strands.len()).sum::<usize>(),
        34
    );
    assert_eq!(a.checklist.len(), 9);
    assert!(a
        .outcomes
        .iter()
        .flat_map(|o| &o.strands)
        .all(|j| j.level.is_none()));
}

#[test]
fn skeleton_carries_every_descriptor_as_a_comment() {
    let rubric = Rubric::builtin();
    let text = blank(&rubric, true);
    let comments: String = text
        .lines()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let comments = comments.split_whitespace().collect::<Vec<_>>().join(" ");
    for strand in rubric.strands() {
        for text in &strand.strand.descriptors {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                comments.contains(&text),
                "{} descriptor missing: {text}",
                strand.code()
            );
        }
    }
    assert!(!blank(&rubric, false).contains("Emerging:"));
}

#[test]
fn skeleton_for_another_rubric_uses_its_ids() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/other-rubric/rubric.toml");
    let rubric = Rubric::load(path).expect("rubric");
    let text = blank(&rubric, true);
    assert!(text.contains("[outcomes.A.strands.1]"));
    assert!(text.contains("#   Leading: "));
    assert!(text.contains("comments = \"\""));
    Assessment::from_toml("new.toml", &text, &rubric).expect("valid");
}

#[test]
fn a_filled_assessment_round_trips_field_for_field() {
    let rubric = Rubric::builtin();
    for name in [
        "oakfield-primary.toml",
        "riverside-academy.toml",
        "beacon-hill-special.toml",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/schools")
            .join(name);
        let original = Assessment::load(&path, &rubric)
            .expect("example is valid")
            .value;
        let written = write_assessment(&original, &rubric, SkeletonOptions::default());
        let mut again = Assessment::from_toml(name, &written, &rubric)
            .expect("written file is valid")
            .value;
        again.spans = original.spans.clone();
        // The writer adds an entry for every strand and item; compare what carries meaning.
        for strand in rubric.strands() {
            let (o, s) = (&strand.outcome.id, &strand.strand.id);
            let before = original.judgement(o, s);
            let after = again.judgement(o, s);
            assert_eq!(
                before.and_then(|j| j.level.clone()),
                after.and_then(|j| j.level.clone()),
                "{name} {o}{s}"
            );
            assert_eq!(
                before.map(|j| j.evidence.clone()).unwrap_or_default(),
                after.map(|j| j.evidence.clone()).unwrap_or_default()
            );
        }
        assert_eq!(original.school, again.school);
        assert_eq!(original.review, again.review);
        assert_eq!(original.participants, again.participants);
        assert_eq!(original.action_plan, again.action_plan);
        for item in &rubric.checklist.items {
            let status = |a: &Assessment| a.checklist_answer(&item.id).and_then(|x| x.status);
            assert_eq!(status(&original), status(&again), "{name} {}", item.id);
        }
    }
}

#[test]
fn awkward_text_round_trips() {
    let rubric = Rubric::builtin();
    let awkward = [
        "Quotes \"double\" and 'single' and “curly”",
        "Back\\slash and trailing quote'",
        "Three ''' quotes\nand lines",
        "#[bold] *not* markup <w:t> & $x$ @ref // comment",
        "Tab\there and emoji 🙂, Siân Wójcik, اردو, 中文, right-to-left mark \u{200F}",
        "\nLeading newline",
        "Line one\r\nWindows line two",
    ];
    for text in awkward {
        let mut a = Assessment::from_toml(
            "t.toml",
            "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n[school]\nname = \"X\"\n[outcomes.1.strands.a]\njudgement = \"expected\"\n",
            &rubric,
        )
        .expect("valid")
        .value;
        a.outcomes[0].strands[0].evidence = text.to_owned();
        // The school's name is one line (validation refuses a line break in it).
        let name = text.replace(['\r', '\n', '\t'], " ").trim().to_owned();
        a.school.name = name.clone();
        let written = write_assessment(&a, &rubric, SkeletonOptions::default());
        let again = Assessment::from_toml("t.toml", &written, &rubric)
            .expect("valid")
            .value;
        assert_eq!(
            again.judgement("1", "a").map(|j| j.evidence.as_str()),
            Some(text)
        );
        assert_eq!(again.school.name, name);
    }
}

#[test]
fn an_empty_action_plan_cell_is_no_cell() {
    let text = "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n[school]\nname = \"X\"\n\
                [[action_plan]]\ntarget = \"Better transitions\"\ncompleted = \"\"\n";
    let a = Assessment::from_toml("t.toml", text, &Rubric::builtin())
        .expect("valid")
        .value;
    assert_eq!(a.action_plan[0].cells.len(), 1);
    assert!(a.action_plan[0].cell("completed").is_none());
}
