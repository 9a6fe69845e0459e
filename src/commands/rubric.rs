//! `sendbench rubric`: the rubric's outline, every descriptor, or its TOML source.

use std::fmt::Write;

use sendbench_core::Rubric;

use super::{print, shorten, wrap};
use crate::cli::RubricArgs;
use crate::Failure;

/// Prints the rubric.
pub fn run(
    rubric: &Rubric,
    args: &RubricArgs,
    path: Option<&std::path::Path>,
) -> Result<(), Failure> {
    if args.toml {
        return match path {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| Failure::message(format!("cannot read {}: {e}", path.display())))
                .and_then(|text| print(&text)),
            None => print(Rubric::builtin_source()),
        };
    }
    let mut out = String::new();
    levels_roles_duties(&mut out, rubric, args.full);
    outcomes(&mut out, rubric, args.full);
    print(&out)
}

/// The rubric's name, its levels, roles and statutory duties (in full, or a line each).
fn levels_roles_duties(out: &mut String, rubric: &Rubric, full: bool) {
    let _ = writeln!(out, "{}", rubric.title);
    let _ = writeln!(out, "id {}, version {}", rubric.id, rubric.version);
    let _ = writeln!(out);
    let levels: Vec<String> = rubric
        .levels
        .iter()
        .map(|l| format!("{} ({})", l.name, l.id))
        .collect();
    let _ = writeln!(out, "Levels, lowest first: {}", levels.join(", "));
    let strengths: Vec<&str> = rubric.levels[rubric.strength_from..]
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Counted as strengths in area reports: {}",
        strengths.join(" and ")
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Participant roles:");
    for role in &rubric.participants.roles {
        let _ = writeln!(out, "  {:<24} {}", role.id, role.name);
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} ({} items):",
        rubric.checklist.heading,
        rubric.checklist.items.len()
    );
    for item in &rubric.checklist.items {
        if full {
            let _ = writeln!(out, "  {}", item.id);
            out.push_str(&wrap(&item.text, "      ", 96));
        } else {
            let _ = writeln!(out, "  {:<24} {}", item.id, shorten(&item.text, 70));
        }
    }
    if full && !rubric.guidance.questions.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", rubric.guidance.lead);
        for (i, q) in rubric.guidance.questions.iter().enumerate() {
            let _ = writeln!(out, "  {}. {q}", i + 1);
        }
    }
}

/// Each outcome's strands (every descriptor in full, or the strength level's in a line),
/// what follows each outcome, the action plan's columns and the totals.
fn outcomes(out: &mut String, rubric: &Rubric, full: bool) {
    let total: usize = rubric.outcomes.iter().map(|o| o.strands.len()).sum();
    for outcome in &rubric.outcomes {
        let _ = writeln!(out);
        let n = outcome.strands.len();
        let _ = writeln!(
            out,
            "Outcome {} ({n} strand{})",
            outcome.id,
            if n == 1 { "" } else { "s" }
        );
        out.push_str(&wrap(&outcome.title, "  ", 96));
        for strand in &outcome.strands {
            let code = format!("{}{}", outcome.id, strand.id);
            if full {
                let _ = writeln!(out, "  {code}");
                for (level, text) in rubric.levels.iter().zip(&strand.descriptors) {
                    let _ = writeln!(out, "    {}:", level.name);
                    out.push_str(&wrap(text, "      ", 96));
                }
            } else {
                // The strength level's descriptor says best what the strand is about.
                let text = &strand.descriptors[rubric.strength_from];
                let _ = writeln!(out, "  {code:<5} {}", shorten(text, 88));
            }
        }
    }
    if !rubric.outcome_fields.is_empty() {
        let _ = writeln!(out);
        let fields: Vec<&str> = rubric
            .outcome_fields
            .iter()
            .map(|f| f.heading.as_str())
            .collect();
        let _ = writeln!(out, "After each outcome: {}", fields.join(", "));
    }
    let _ = writeln!(out);
    let columns: Vec<&str> = rubric
        .action_plan
        .columns
        .iter()
        .map(|c| c.heading.as_str())
        .collect();
    let _ = writeln!(
        out,
        "{} columns: {}",
        rubric.action_plan.heading,
        columns.join(" | ")
    );
    let _ = writeln!(
        out,
        "\n{} outcomes, {total} strands, {} descriptors.",
        rubric.outcomes.len(),
        total * rubric.levels.len()
    );
}
