//! The JSON Schema of an assessment file for a given rubric, so editors (VS Code with Even
//! Better TOML, Taplo, JetBrains) can complete strand ids and levels and flag mistakes as
//! people type. Built from the rubric, so it lists that rubric's own ids and levels.

use serde_json::{json, Map, Value};

use crate::rubric::{ColumnKind, Rubric};

/// The JSON Schema (draft 2020-12) of an assessment answering `rubric`.
pub fn assessment_schema(rubric: &Rubric) -> Value {
    let text = json!({ "type": "string" });
    let date = json!({
        "type": "string",
        "description": "A date, YYYY-MM-DD (a TOML date such as 2026-06-15, or \"\" if not yet known).",
        "anyOf": [ { "format": "date" }, { "const": "" } ]
    });
    let outcomes = outcomes_schema(rubric);
    let checklist = checklist_schema(rubric, &text);
    let row = action_row_schema(rubric, &text, &date);
    let roles: Vec<&str> = rubric
        .participants
        .roles
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{} assessment", rubric.title),
        "description": format!("An assessment answering the rubric {} version {}.", rubric.id, rubric.version),
        "type": "object",
        "required": ["rubric", "school"],
        "additionalProperties": false,
        "properties": {
            "rubric": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "version"],
                "properties": { "id": { "const": rubric.id }, "version": { "const": rubric.version } }
            },
            "school": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": { "type": "string", "minLength": 1 },
                    "urn": { "type": "string", "description": "Unique Reference Number (six digits).", "pattern": "^([0-9]{6})?$" },
                    "area": { "type": "string", "description": "Local area or cluster." }
                }
            },
            "review": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "academic_year": { "type": "string", "pattern": "^([0-9]{4}[/-][0-9]{2}([0-9]{2})?)?$", "description": "e.g. 2025/26" },
                    "date": date,
                    "key_dates": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["event"],
                            "properties": { "event": text, "date": date }
                        }
                    }
                }
            },
            "participants": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["role"],
                    "properties": {
                        "role": { "enum": roles },
                        "title": { "type": "string", "description": "Job title, for roles that need one." },
                        "name": text,
                        "date": date
                    }
                }
            },
            "checklist": { "type": "object", "additionalProperties": false, "properties": checklist },
            "outcomes": { "type": "object", "additionalProperties": false, "properties": outcomes },
            "action_plan": {
                "type": "array",
                "items": { "type": "object", "additionalProperties": false, "properties": row }
            }
        }
    })
}

/// The outcomes: each strand's judgement (one of the rubric's levels, by id or name),
/// evidence and whether families may see it; and each outcome's own fields.
fn outcomes_schema(rubric: &Rubric) -> Map<String, Value> {
    let mut levels: Vec<Value> = Vec::new();
    for l in &rubric.levels {
        levels.push(json!(l.id));
        levels.push(json!(l.name));
    }
    levels.push(json!(""));

    let mut outcomes = Map::new();
    for outcome in &rubric.outcomes {
        let mut strands = Map::new();
        for (i, strand) in outcome.strands.iter().enumerate() {
            let description = rubric
                .levels
                .iter()
                .zip(&strand.descriptors)
                .map(|(l, d)| format!("{}: {d}", l.name))
                .collect::<Vec<_>>()
                .join("\n");
            strands.insert(
                strand.id.clone(),
                json!({
                    "type": "object",
                    "title": format!("Strand {}{}", outcome.id, strand.id),
                    "description": description,
                    "x-order": i,
                    "additionalProperties": false,
                    "properties": {
                        "judgement": {
                            "description": "Best-fit level; empty if not yet judged.",
                            "enum": levels
                        },
                        "evidence": { "type": "string", "description": rubric.guidance.evidence_heading },
                        "public": { "type": "boolean", "description": "May the evidence be shown to families?" }
                    }
                }),
            );
        }
        let mut props = Map::new();
        for field in &rubric.outcome_fields {
            props.insert(
                field.id.clone(),
                json!({ "type": "string", "description": field.heading }),
            );
        }
        props.insert(
            "strands".into(),
            json!({ "type": "object", "additionalProperties": false, "properties": strands }),
        );
        outcomes.insert(
            outcome.id.clone(),
            json!({
                "type": "object",
                "title": format!("Outcome {}", outcome.id),
                "description": outcome.title,
                "additionalProperties": false,
                "properties": props
            }),
        );
    }
    outcomes
}

/// The statutory checklist: each duty's status and evidence.
fn checklist_schema(rubric: &Rubric, text: &Value) -> Map<String, Value> {
    let mut checklist = Map::new();
    for item in &rubric.checklist.items {
        checklist.insert(
            item.id.clone(),
            json!({
                "type": "object",
                "description": item.text,
                "additionalProperties": false,
                "properties": {
                    "status": { "enum": ["met", "partly-met", "not-met", ""] },
                    "evidence": text
                }
            }),
        );
    }
    checklist
}

/// One row of the action plan: the rubric's columns, the outcome it serves and when it is due.
fn action_row_schema(rubric: &Rubric, text: &Value, date: &Value) -> Map<String, Value> {
    let mut row = Map::new();
    for c in &rubric.action_plan.columns {
        let mut schema = match c.kind {
            ColumnKind::Text => text.clone(),
            ColumnKind::Date => date.clone(),
        };
        schema["description"] = json!(match &c.hint {
            Some(h) => format!("{} ({h})", c.heading),
            None => c.heading.clone(),
        });
        row.insert(c.id.clone(), schema);
    }
    let outcome_ids: Vec<&str> = rubric.outcomes.iter().map(|o| o.id.as_str()).collect();
    row.insert(
        "outcome".into(),
        json!({ "enum": outcome_ids, "description": "The outcome this target serves." }),
    );
    let mut due = date.clone();
    due["description"] = json!("When it should be done by.");
    row.insert("due".into(), due);
    row
}
