//! A valid assessment with arbitrary text in every free-text field: its pre-filled toolkit
//! imports back to exactly the same assessment, and every report renders or fails with a
//! clear error (a script the fonts lack), never a panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sendbench_core::{
    Assessment, ChecklistAnswer, ChecklistStatus, FieldText, Judgement, OutcomeReview,
    Participant, Rubric, RubricRef, School, SkeletonOptions,
};
use sendbench_generate::render::pdf::{PdfError, PdfOptions, PdfRenderer};
use sendbench_generate::view::{Audience, Beside, View};

#[derive(Arbitrary, Debug)]
struct Input {
    school: String,
    urn: Option<String>,
    area: Option<String>,
    /// Per strand: level (0 = not judged), evidence, public.
    strands: Vec<(u8, String, bool)>,
    /// Per checklist item: status (0 = unanswered), evidence.
    checklist: Vec<(u8, String)>,
    /// Per outcome: notes, actions.
    fields: Vec<(String, String)>,
    /// Participants: role index, name, job title.
    people: Vec<(u8, String, Option<String>)>,
    audience: u8,
}

fn build(input: &Input, rubric: &Rubric) -> Assessment {
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        school: School {
            name: input.school.clone(),
            urn: input.urn.clone(),
            area: input.area.clone(),
        },
        ..Assessment::default()
    };
    let mut strand_input = input.strands.iter();
    let mut field_input = input.fields.iter();
    for outcome in &rubric.outcomes {
        let (notes, actions) = field_input.next().cloned().unwrap_or_default();
        let fields = rubric
            .outcome_fields
            .iter()
            .zip([notes, actions])
            .map(|(f, text)| FieldText {
                id: f.id.clone(),
                text,
            })
            .collect();
        let strands = outcome
            .strands
            .iter()
            .map(|s| {
                let (level, evidence, public) = strand_input.next().cloned().unwrap_or_default();
                let level = usize::from(level) % (rubric.levels.len() + 1);
                Judgement {
                    strand: s.id.clone(),
                    level: (level > 0).then(|| rubric.levels[level - 1].id.clone()),
                    evidence,
                    public,
                }
            })
            .collect();
        a.outcomes.push(OutcomeReview {
            outcome: outcome.id.clone(),
            fields,
            strands,
        });
    }
    let mut checklist_input = input.checklist.iter();
    for item in &rubric.checklist.items {
        let (status, evidence) = checklist_input.next().cloned().unwrap_or_default();
        a.checklist.push(ChecklistAnswer {
            item: item.id.clone(),
            status: match status % 4 {
                1 => Some(ChecklistStatus::Met),
                2 => Some(ChecklistStatus::PartlyMet),
                3 => Some(ChecklistStatus::NotMet),
                _ => None,
            },
            evidence,
        });
    }
    for (role, name, title) in input.people.iter().take(20) {
        let roles = &rubric.participants.roles;
        a.participants.push(Participant {
            role: roles[usize::from(*role) % roles.len()].id.clone(),
            name: Some(name.clone()),
            title: title.clone(),
            date: None,
        });
    }
    a
}

fuzz_target!(|input: Input| {
    let rubric = Rubric::builtin();
    let a = build(&input, &rubric);
    let options = SkeletonOptions { comments: false };
    // Only what `validate` accepts is promised to come back: text it refuses (control
    // characters, say) is reported to the user before any toolkit is made.
    let text = sendbench_core::write_assessment(&a, &rubric, options);
    let Ok(checked) = Assessment::from_toml("fuzz.toml", &text, &rubric) else {
        return;
    };
    let mut a = checked.value;
    a.spans = Default::default();
    let docx = sendbench_generate::docx::toolkit(&rubric, Some(&a));
    let imported = sendbench_generate::docx::import(&docx, &rubric).expect("own toolkit imports");
    let back = sendbench_core::write_assessment(&imported.assessment, &rubric, options);
    assert_eq!(
        sendbench_core::write_assessment(&a, &rubric, options),
        back,
        "the toolkit did not give back what was put in"
    );
    thread_local! {
        static ENGINE: PdfRenderer = PdfRenderer::new(&PdfOptions::default()).expect("engine");
    }
    let audience = Audience::ALL[usize::from(input.audience) % 3];
    let view = View::school(&rubric, &a, audience, &Beside::default());
    ENGINE.with(|engine| match engine.pdf(&view) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
        Err(PdfError::MissingGlyphs { .. }) => {}
        Err(other) => panic!("a valid assessment's report failed: {other}"),
    });
});
