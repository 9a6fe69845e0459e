//! `sendbench build`: every document for every school in one command. For each assessment in
//! the input folder (TOML, or a filled toolkit DOCX) the three PDF reports and a pre-filled
//! toolkit for next year; then the blank toolkit and the area report over all of them, and
//! an `index.json` saying what was made from what.
//!
//! Work runs on every core, sharing one report engine (fonts and templates loaded once).
//! Every file is written whole (temporary file, then rename), so an interrupted run leaves no
//! partial files; a second run rebuilds only what is missing or older than its input. One
//! bad input does not stop the others: it is reported, and the exit code says so.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

use sendbench_core::{AreaBenchmark, Assessment, Completeness, Return, Rubric};
use sendbench_generate::pdf::{Audience, Engine, ReportOptions};
use serde_json::json;

use crate::cli::BuildArgs;
use crate::commands::{area_inputs, read_return, slug};
use crate::output::write_file;
use crate::Failure;

/// One school read from the input folder.
struct School {
    input: PathBuf,
    modified: Option<SystemTime>,
    name: String,
    assessment: Assessment,
    /// What is left to judge: an unfinished review's documents are marked as drafts.
    completeness: Completeness,
    /// File-name stem, unique within the run.
    stem: String,
}

/// One document to make.
enum Job<'a> {
    Report(&'a School, Audience),
    Toolkit(&'a School),
    BlankToolkit,
    Area,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// True if `output` exists and is newer than every input it is made from.
fn up_to_date(output: &Path, inputs: &[Option<SystemTime>]) -> bool {
    match modified(output) {
        Some(made) => inputs.iter().all(|i| i.is_some_and(|i| i <= made)),
        None => false,
    }
}

/// Deletes `.sendbench-*.tmp` files under `dir` left by a run that was killed mid-write.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            remove_stale_temporaries(&path);
        } else if name.starts_with(".sendbench-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Runs the build.
pub fn run(rubric: &Rubric, args: &BuildArgs) -> Result<(), Failure> {
    let inputs = area_inputs(std::slice::from_ref(&args.input))?;
    let out = &args.output;
    std::fs::create_dir_all(out.join("schools"))
        .and_then(|()| std::fs::create_dir_all(out.join("area")))
        .map_err(|e| Failure::message(format!("cannot create {}: {e}", out.display())))?;

    // A run killed outright (power cut, SIGKILL) may leave temporary files: they are hidden,
    // never mistaken for output, and cleared here.
    remove_stale_temporaries(out);
    // Ctrl-C: finish the documents being written, start no more, and say how to resume.
    let interrupted = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }

    let mut failures: Vec<(String, String)> = Vec::new();
    let mut schools: Vec<School> = Vec::new();
    for input in inputs {
        match read_return(&input, rubric) {
            Ok((mut assessment, _warnings)) => {
                // Where each value sat in its file is only for reporting problems, which
                // reading has done: dropped, it no longer holds most of a school's memory
                // for the whole run (thousands of schools are held at once).
                assessment.spans = Default::default();
                // Stable, safe and unique names: the school's name, then its URN, then a number.
                let mut stem = slug(&assessment.school.name);
                if schools.iter().any(|s| s.stem == stem) {
                    if let Some(urn) = &assessment.school.urn {
                        stem = format!("{stem}-{}", slug(urn));
                    }
                    let base = stem.clone();
                    let mut n = 2;
                    while schools.iter().any(|s| s.stem == stem) {
                        stem = format!("{base}-{n}");
                        n += 1;
                    }
                }
                let completeness = assessment.profile(rubric).completeness();
                if let Some(left) = completeness.remaining() {
                    if !args.quiet {
                        eprintln!(
                            "warning: {}: the review is not finished ({left}); its reports are marked as drafts",
                            input.display()
                        );
                    }
                }
                schools.push(School {
                    completeness,
                    modified: modified(&input),
                    name: assessment.school.name.clone(),
                    input,
                    assessment,
                    stem,
                });
            }
            Err(e) => failures.push((input.display().to_string(), e.line)),
        }
    }

    let engine =
        Engine::new(&ReportOptions::default()).map_err(|e| Failure::message(e.to_string()))?;
    let mut jobs: Vec<(Job<'_>, Vec<PathBuf>)> = Vec::new();
    for school in &schools {
        let dir = out.join("schools");
        for audience in Audience::ALL {
            jobs.push((
                Job::Report(school, audience),
                vec![dir.join(format!("{}-{}.pdf", school.stem, audience.id()))],
            ));
        }
        // Next year's toolkit is named for the year it is for, so it is not mistaken for
        // this year's review.
        let year = school
            .assessment
            .next_academic_year()
            .map(|y| format!("-{}", y.to_string().replace('/', "-")))
            .unwrap_or_default();
        jobs.push((
            Job::Toolkit(school),
            vec![dir.join(format!("{}-toolkit{year}.docx", school.stem))],
        ));
    }
    jobs.push((Job::BlankToolkit, vec![out.join("blank-toolkit.docx")]));
    if !schools.is_empty() {
        let area = out.join("area");
        // The area report is the longest single job: first in the queue, so the other
        // workers make schools' documents meanwhile rather than wait for it at the end.
        jobs.insert(
            0,
            (
                Job::Area,
                vec![
                    area.join("area.pdf"),
                    area.join("area.xlsx"),
                    area.join("area.csv"),
                ],
            ),
        );
    }

    let all_inputs: Vec<Option<SystemTime>> = schools.iter().map(|s| s.modified).collect();
    let inputs_of = |job: &Job<'_>| -> Vec<Option<SystemTime>> {
        match job {
            Job::Report(s, _) | Job::Toolkit(s) => vec![s.modified],
            Job::BlankToolkit => vec![Some(SystemTime::UNIX_EPOCH)],
            Job::Area => all_inputs.clone(),
        }
    };
    let todo: Vec<&(Job<'_>, Vec<PathBuf>)> = jobs
        .iter()
        .filter(|(job, outputs)| {
            args.force || !outputs.iter().all(|o| up_to_date(o, &inputs_of(job)))
        })
        .collect();
    let skipped = jobs.len() - todo.len();

    let progress = if args.quiet || !std::io::stderr().is_terminal() {
        None
    } else {
        let bar = indicatif::ProgressBar::new(todo.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents  {elapsed}  {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    };

    let job_failures: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    // Our own threads take documents from the queue one at a time. (Not a rayon pool: Typst
    // parallelises inside a document on rayon's global pool, and a rayon worker waiting on
    // that inner work would steal and start another whole document on the same stack.)
    let next = AtomicUsize::new(0);
    // Reports one finished (or failed) job: progress, and the failure for the summary.
    let finished = |label: String, result: Result<(), String>| {
        match &progress {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(label.clone());
            }
            None if !args.quiet => eprintln!(
                "{} {label}",
                if result.is_ok() { "built" } else { "FAILED" }
            ),
            None => {}
        }
        if let Err(e) = result {
            if let Ok(mut f) = job_failures.lock() {
                f.push((label, e));
            }
        }
    };
    // Documents are made on worker threads and written by one writer thread: each file is
    // flushed to disk before it is renamed into place (so a power cut cannot leave an empty
    // document), which waits a few milliseconds a file, and a worker waiting on the disk
    // would leave its core idle. The queue is short, so memory stays flat.
    let (to_writer, writes) =
        std::sync::mpsc::sync_channel::<(String, &[PathBuf], Vec<Vec<u8>>)>(16);
    std::thread::scope(|scope| {
        let finished = &finished;
        scope.spawn(move || {
            for (label, outputs, documents) in writes {
                let result = outputs
                    .iter()
                    .zip(&documents)
                    .try_for_each(|(path, bytes)| {
                        write_file(path, bytes, true)
                            .map_err(|e| e.message.trim_start_matches("error: ").to_owned())
                    });
                finished(label, result);
            }
        });
        for _ in 0..threads.min(todo.len().max(1)) {
            let to_writer = to_writer.clone();
            let worker = || {
                let to_writer = to_writer;
                loop {
                    if interrupted.load(Ordering::SeqCst) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((job, outputs)) = todo.get(i) else {
                        break;
                    };
                    let (label, result) = make(job, rubric, &engine, &schools);
                    match result {
                        Ok(documents) => {
                            if let Err(e) = to_writer.send((label, outputs.as_slice(), documents)) {
                                finished(e.0 .0, Err("the writer thread stopped".to_owned()));
                            }
                        }
                        Err(e) => finished(label, Err(e)),
                    }
                }
            };
            // Typst's layout recurses deeply on nested content: give workers the stack a
            // main thread has rather than the 2 MiB default for spawned threads.
            let spawned = std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(scope, worker);
            if let Err(e) = spawned {
                finished("worker thread".to_owned(), Err(e.to_string()));
            }
        }
        // The writer stops when every worker has dropped its sender.
        drop(to_writer);
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if interrupted.load(Ordering::SeqCst) {
        return Err(Failure::message(
            "interrupted: the documents already written are complete; run the same command again to make the rest",
        ));
    }
    failures.extend(job_failures.into_inner().unwrap_or_default());

    // The index: what was made from what.
    let mut index: Vec<serde_json::Value> = schools
        .iter()
        .map(|s| {
            let outputs: Vec<String> = jobs
                .iter()
                .filter(|(job, _)| matches!(job, Job::Report(x, _) | Job::Toolkit(x) if std::ptr::eq(*x, s)))
                .flat_map(|(_, outputs)| outputs.iter().map(|o| o.strip_prefix(out).unwrap_or(o).display().to_string()))
                .collect();
            let c = &s.completeness;
            let completeness = json!({
                "complete": c.is_complete(),
                "strands_not_judged": c.strands_not_judged,
                "strands": c.strands,
                "duties_unanswered": c.duties_unanswered,
                "duties": c.duties,
                "summary": c.to_string(),
            });
            json!({ "input": s.input.display().to_string(), "school": s.name, "urn": s.assessment.school.urn, "completeness": completeness, "outputs": outputs })
        })
        .collect();
    index.sort_by_key(|v| v["input"].as_str().unwrap_or_default().to_owned());
    let doc = json!({
        "schools": index,
        "area": ["area/area.pdf", "area/area.xlsx", "area/area.csv"],
        "blank_toolkit": "blank-toolkit.docx",
        "failed": failures.iter().map(|(what, why)| json!({ "input": what, "error": why })).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    write_file(&out.join("index.json"), text.as_bytes(), true)?;

    if !args.quiet {
        eprintln!(
            "{} schools: {} documents made, {skipped} up to date, {} failed. Index: {}",
            schools.len(),
            todo.len() - failures.len().min(todo.len()),
            failures.len(),
            out.join("index.json").display()
        );
    }
    if failures.is_empty() {
        Ok(())
    } else {
        let list: Vec<String> = failures
            .iter()
            .map(|(what, why)| format!("  {what}: {why}"))
            .collect();
        Err(Failure::message(format!(
            "{} input(s) or document(s) failed:\n{}",
            failures.len(),
            list.join("\n")
        )))
    }
}

/// Makes one job's documents, in the order of the job's output paths; returns a label for
/// progress and the documents or what went wrong.
fn make(
    job: &Job<'_>,
    rubric: &Rubric,
    engine: &Engine,
    schools: &[School],
) -> (String, Result<Vec<Vec<u8>>, String>) {
    match job {
        Job::Report(school, audience) => {
            let label = format!("{} ({})", school.name, audience.id());
            let result = engine
                .report(rubric, &school.assessment, *audience)
                .map(|pdf| vec![pdf])
                .map_err(|e| e.to_string());
            (label, result)
        }
        Job::Toolkit(school) => (
            format!("{} (toolkit)", school.name),
            Ok(vec![sendbench_generate::docx::toolkit(
                rubric,
                Some(&school.assessment.next_review()),
            )]),
        ),
        Job::BlankToolkit => (
            "blank toolkit".to_owned(),
            Ok(vec![sendbench_generate::docx::toolkit(rubric, None)]),
        ),
        Job::Area => {
            let returns: Vec<Return> = schools
                .iter()
                .map(|s| Return::new(s.assessment.clone(), s.input.display().to_string()))
                .collect();
            let title = format!("{} area benchmark", rubric.short_title);
            let result = AreaBenchmark::build(rubric, &returns, Default::default(), false)
                .map_err(|e| e.to_string())
                .and_then(|(bench, _)| {
                    let pdf = engine
                        .area_report(rubric, &bench, &title, None)
                        .map_err(|e| e.to_string())?;
                    let xlsx = sendbench_generate::area::xlsx(&bench, rubric, &title)
                        .map_err(|e| e.to_string())?;
                    let csv = sendbench_generate::area::csv(&bench, rubric);
                    Ok(vec![pdf, xlsx, csv])
                });
            ("area report".to_owned(), result)
        }
    }
}
