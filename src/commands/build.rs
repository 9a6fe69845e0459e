//! `sendbench build`: the whole-area build (done by `sendbench_batch::build`), presented:
//! a progress bar on a terminal or plain lines otherwise, every warning, the intake's
//! count of files, and a summary; or all of it as JSON.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use sendbench_batch::{BuildEvent, BuildOptions, BuildSummary};
use sendbench_core::words::count;
use sendbench_core::Rubric;
use serde_json::json;

use crate::cli::{BuildArgs, Format};
use crate::Failure;

/// Runs the build and reports on it.
pub fn run(rubric: &Rubric, args: &BuildArgs) -> Result<(), Failure> {
    let options = build_options(rubric, args)?;
    // Ctrl-C (or `kill`) sets the flag the build and any sandbox watch: the documents being
    // written are finished, no more are started.
    let interrupted: &'static AtomicBool = &crate::STOP;
    let _ = ctrlc::set_handler(|| crate::STOP.store(true, Ordering::SeqCst));
    let quiet = args.quiet || args.format == Format::Json;
    let bar: std::sync::Mutex<Option<indicatif::ProgressBar>> = std::sync::Mutex::new(None);
    let events = |event: BuildEvent<'_>| progress(&bar, quiet, event);
    let summary = sendbench_batch::build(rubric, &options, interrupted, &events)
        .map_err(|e| Failure::message(e.to_string()))?;
    if let Some(b) = bar.lock().ok().and_then(|mut slot| slot.take()) {
        b.finish_and_clear();
    }
    if args.format == Format::Json {
        crate::output::emit(
            &crate::cli::Output {
                output: None,
                force: false,
            },
            format!(
                "{}\n",
                serde_json::to_string_pretty(&as_json(&summary)).unwrap_or_default()
            )
            .as_bytes(),
        )?;
    } else if !args.quiet {
        tell(&summary);
    }
    if summary.interrupted {
        return Err(Failure::interrupted(
            "interrupted: the documents already written are complete; run the same command again to make the rest",
        ));
    }
    if summary.failures.is_empty() {
        Ok(())
    } else {
        let list: Vec<String> = summary
            .failures
            .iter()
            .map(|f| format!("  {}: {}", f.what, f.error))
            .collect();
        Err(Failure::message(crate::terminal::safe(&format!(
            "error: {} failed:\n{}",
            count(
                summary.failures.len(),
                "input or document",
                "inputs or documents"
            ),
            list.join("\n")
        ))))
    }
}

/// The library's options from the command line's (and the column map and options files
/// they name).
fn build_options(rubric: &Rubric, args: &BuildArgs) -> Result<BuildOptions, Failure> {
    let settings = &args.settings;
    Ok(BuildOptions {
        input: args.input.clone(),
        output: args.output.clone(),
        force: args.force,
        jobs: args.jobs,
        report: args.pdf.render_options(false, false),
        area: settings.options(),
        suppress_below: settings.suppress_below,
        title: settings.title.clone(),
        collection: settings.collection.clone(),
        strict: settings.strict,
        columns: super::load_columns(settings.columns.as_deref(), rubric)?,
        collection_options: super::load_collection_options(settings.options_file.as_deref())?,
        by_area: settings.by.is_some(),
        every_year: settings.every_year,
        withhold_changed: settings.withhold_changed,
        tidy: settings.tidy_options(),
    })
}

/// A progress bar on a terminal; elsewhere a line per document (none when quiet).
fn progress(
    bar: &std::sync::Mutex<Option<indicatif::ProgressBar>>,
    quiet: bool,
    event: BuildEvent<'_>,
) {
    match event {
        BuildEvent::Planned { to_make, .. } => {
            if !quiet && std::io::stderr().is_terminal() {
                let b = indicatif::ProgressBar::new(to_make as u64);
                b.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} documents  {elapsed}  {msg}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                if let Ok(mut slot) = bar.lock() {
                    *slot = Some(b);
                }
            }
        }
        BuildEvent::Finished { label, error } => {
            let shown = bar.lock().ok().and_then(|slot| {
                slot.as_ref().map(|b| {
                    b.inc(1);
                    b.set_message(label.to_owned());
                })
            });
            if shown.is_none() && !quiet {
                match error {
                    None => eprintln!("built {}", crate::terminal::safe(label)),
                    Some(e) => eprintln!(
                        "FAILED {}: {}",
                        crate::terminal::safe(label),
                        crate::terminal::safe(e)
                    ),
                }
            }
        }
    }
}

/// The warnings, the intake's line and what was made, on standard error.
fn tell(summary: &sendbench_batch::BuildSummary) {
    for w in &summary.warnings {
        eprintln!("warning: {}", crate::terminal::safe(w));
    }
    eprintln!("{}", summary.intake.summary());
    // Returns, not schools: one school's reviews from two years are two returns. Invalid
    // inputs are counted in the intake line above; here only documents that failed.
    let invalid = summary.intake.invalid().count();
    let index_failed = summary
        .failures
        .iter()
        .any(|f| f.what == sendbench_batch::intake::INDEX_FILE);
    eprintln!(
        "{}: {} made, {} up to date, {} removed, {} failed. Index: {}",
        count(summary.intake.received.len(), "return", "returns"),
        count(summary.made, "document", "documents"),
        summary.up_to_date,
        count(summary.removed, "old file", "old files"),
        count(
            summary.failures.len().saturating_sub(invalid),
            "document",
            "documents"
        ),
        if index_failed {
            "not written (see below)".to_owned()
        } else {
            summary.index.display().to_string()
        }
    );
}

/// The summary for programs: the intake report, what was made, failures and warnings.
fn as_json(summary: &BuildSummary) -> serde_json::Value {
    json!({
        "intake": summary.intake.to_json(),
        "made": summary.made,
        "up_to_date": summary.up_to_date,
        "removed": summary.removed,
        "failed": summary.failures.iter().map(|f| json!({ "input": f.what, "error": f.error })).collect::<Vec<_>>(),
        "warnings": summary.warnings,
        "interrupted": summary.interrupted,
        "index": sendbench_batch::intake::portable(&summary.index),
    })
}
