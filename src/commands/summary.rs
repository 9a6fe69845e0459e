//! `sendbench summary`: an assessment's judgement profile on the terminal or as JSON.

use std::fmt::Write;

use sendbench_core::{Assessment, Rubric};
use serde_json::json;

use super::{assessment_files, load_assessment, print, shorten};
use crate::cli::{Format, SummaryArgs};
use crate::Failure;

/// Prints each assessment's profile: one after another as text; as JSON, one object for a
/// single file named, else a list.
pub fn run(rubric: &Rubric, args: &SummaryArgs) -> Result<(), Failure> {
    let files = assessment_files(&args.files);
    if files.is_empty() {
        return Err(Failure::message(
            "no assessment files (.toml) found in the folders given",
        ));
    }
    let mut texts = Vec::new();
    let mut docs = Vec::new();
    for path in &files {
        let (a, _warnings, _file) = load_assessment(rubric, path)?;
        match args.format {
            Format::Json => docs.push(json_profile(rubric, &a)),
            Format::Text => texts.push(text_profile(rubric, &a)),
        }
    }
    match args.format {
        Format::Text => print(&texts.join("\n")),
        Format::Json => {
            let single = args.files.len() == 1 && !args.files[0].is_dir();
            let doc = if single {
                docs.remove(0)
            } else {
                serde_json::Value::Array(docs)
            };
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))
        }
    }
}

fn json_profile(rubric: &Rubric, a: &Assessment) -> serde_json::Value {
    json!({
        "school": a.school,
        "review": a.review,
        "rubric": { "id": rubric.id, "version": rubric.version },
        "levels": rubric.levels.iter().map(|l| &l.id).collect::<Vec<_>>(),
        "profile": a.profile(rubric),
    })
}

/// The profile as a table: outcomes by levels, the checklist, what is not yet judged.
fn text_profile(rubric: &Rubric, a: &Assessment) -> String {
    let profile = a.profile(rubric);
    let mut out = String::new();
    let mut title = a.school.name.clone();
    if let Some(urn) = &a.school.urn {
        let _ = write!(title, " (URN {urn})");
    }
    if let Some(area) = &a.school.area {
        let _ = write!(title, ", {area}");
    }
    let _ = writeln!(out, "{title}");
    let mut when = Vec::new();
    if let Some(y) = a.review.academic_year {
        when.push(format!("academic year {y}"));
    }
    if let Some(d) = a.review.date {
        when.push(format!("completed {}", d.strftime("%-d %B %Y")));
    }
    if !when.is_empty() {
        let _ = writeln!(out, "Review: {}", when.join(", "));
    }
    let _ = writeln!(out, "Rubric: {} (version {})", rubric.title, rubric.version);
    let _ = writeln!(out);

    let width = rubric
        .levels
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(8)
        .max(10);
    let _ = write!(out, "{:<50}", "Outcome");
    for level in &rubric.levels {
        let _ = write!(out, " {:>width$}", level.name);
    }
    let _ = writeln!(out, " {:>width$}", "Not judged");
    let mut totals = vec![0; rubric.levels.len()];
    let mut not_judged_total = 0;
    for (outcome, p) in rubric.outcomes.iter().zip(&profile.outcomes) {
        let label = shorten(&format!("{}  {}", outcome.id, outcome.title), 50);
        let _ = write!(out, "{label:<50}");
        for (i, n) in p.counts.iter().enumerate() {
            totals[i] += n;
            let _ = write!(out, " {n:>width$}");
        }
        not_judged_total += p.not_judged.len();
        let _ = writeln!(out, " {:>width$}", p.not_judged.len());
    }
    let _ = write!(out, "{:<50}", "All outcomes");
    for n in &totals {
        let _ = write!(out, " {n:>width$}");
    }
    let _ = writeln!(out, " {not_judged_total:>width$}");
    let _ = writeln!(out);
    let c = profile.checklist;
    let _ = writeln!(
        out,
        "Statutory checklist ({} items): {} met, {} partly met, {} not met, {} not answered",
        rubric.checklist.items.len(),
        c.met,
        c.partly_met,
        c.not_met,
        c.unanswered
    );
    if not_judged_total > 0 {
        let codes: Vec<String> = rubric
            .outcomes
            .iter()
            .zip(&profile.outcomes)
            .flat_map(|(o, p)| p.not_judged.iter().map(move |s| format!("{}{s}", o.id)))
            .collect();
        let _ = writeln!(out, "Not yet judged: {}", codes.join(", "));
    } else {
        let _ = writeln!(out, "Every strand is judged.");
    }
    let _ = writeln!(out, "Action plan: {} target(s)", a.action_plan.len());
    out
}
