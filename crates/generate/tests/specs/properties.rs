//! Properties that must hold for any text a school types, checked on generated cases in a
//! couple of seconds (the fuzz targets in `fuzz/` search far longer): an assessment written
//! as TOML reads back the same; its pre-filled Word toolkit imports back the same; text
//! `validate` refuses never reaches a document.

use proptest::prelude::*;
use sendbench_core::{Assessment, Rubric, SkeletonOptions};

/// Text as people type it: letters of several scripts, punctuation that means something to
/// TOML, XML or Typst, quotes, tabs and line breaks.
fn typed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ]{1,12}",
        Just("\"".to_owned()),
        Just("'''".to_owned()),
        Just("\\".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("<w:t>&amp;</w:t>".to_owned()),
        Just("#set page(width: 1pt)".to_owned()),
        Just("Siân Wójcik ŵŷ".to_owned()),
        Just("اردو".to_owned()),
        Just("“curly” ‘quotes’ – dash".to_owned()),
        Just("•".to_owned()),
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

fn base(rubric: &Rubric) -> Assessment {
    let text = "rubric = { id = \"hertfordshire-send-benchmark\", version = \"1\" }\n[school]\nname = \"X\"\n[outcomes.1.strands.a]\njudgement = \"expected\"\n[outcomes.2.strands.b]\njudgement = \"emerging\"\n";
    let mut a = Assessment::from_toml("t.toml", text, rubric)
        .expect("valid")
        .value;
    a.spans = Default::default();
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_typed_text_round_trips_through_toml_and_the_toolkit(
        // The school's name is a one-line field in the form, read without the spaces at
        // its ends.
        name in typed().prop_map(|t| t.replace(['\r', '\n', '\t'], " ").trim().to_owned()),
        evidence in typed(),
        notes in typed(),
    ) {
        prop_assume!(!name.trim().is_empty());
        let rubric = Rubric::builtin();
        let mut a = base(&rubric);
        a.school.name = name.clone();
        a.outcomes[0].strands[0].evidence = evidence.clone();
        a.outcomes[0].fields.push(sendbench_core::FieldText { id: "notes".into(), text: notes.clone() });
        let options = SkeletonOptions { comments: false };
        let toml = sendbench_core::write_assessment(&a, &rubric, options);
        let read = Assessment::from_toml("t.toml", &toml, &rubric).expect("reads back");
        let mut read = read.value;
        read.spans = Default::default();
        prop_assert_eq!(&read.school.name, &name);
        prop_assert_eq!(&read.judgement("1", "a").expect("1a").evidence, &evidence);
        prop_assert_eq!(read.outcome("1").map(|o| o.field("notes")), Some(notes.as_str()));

        let docx = sendbench_generate::docx::toolkit(&rubric, Some(&read));
        let back = sendbench_generate::docx::import(&docx, &rubric).expect("imports").assessment;
        // A Word form has one kind of line break: Windows line ends come back as plain ones.
        let lf = |t: &str| t.replace("\r\n", "\n");
        let mut expected = read.clone();
        expected.outcomes[0].strands[0].evidence = lf(&evidence);
        expected.outcomes[0].fields[0].text = lf(&notes);
        prop_assert_eq!(
            sendbench_core::write_assessment(&back, &rubric, options),
            sendbench_core::write_assessment(&expected, &rubric, options)
        );
    }

    #[test]
    fn a_character_no_document_can_show_never_passes_validation(
        before in "[a-z ]{0,10}",
        c in prop_oneof![0u32..0x20, 0x7fu32..0xa0, 0xE000u32..0xF900, 0xFFFEu32..0x10000],
        after in "[a-z ]{0,10}",
    ) {
        let c = char::from_u32(c).expect("a char");
        prop_assume!(!matches!(c, '\n' | '\r' | '\t'));
        let rubric = Rubric::builtin();
        let mut a = base(&rubric);
        a.outcomes[0].strands[0].evidence = format!("{before}{c}{after}");
        let toml = sendbench_core::write_assessment(&a, &rubric, SkeletonOptions { comments: false });
        let refused = Assessment::from_toml("t.toml", &toml, &rubric);
        prop_assert!(refused.is_err(), "U+{:04X} passed", c as u32);
    }
}
