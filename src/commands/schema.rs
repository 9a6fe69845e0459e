//! `sendbench schema`: the JSON Schema of assessment files.

use sendbench_core::{assessment_schema, Rubric};

use crate::cli::SchemaArgs;
use crate::output::emit;
use crate::Failure;

/// Writes the schema.
pub fn run(rubric: &Rubric, args: &SchemaArgs) -> Result<(), Failure> {
    let schema = assessment_schema(rubric);
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    emit(&args.output, text.as_bytes())
}
