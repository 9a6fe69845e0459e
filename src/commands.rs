//! One module per command: each loads what it needs, calls the libraries and presents the
//! result. This file dispatches to them and holds what several share: loading the rubric, an
//! assessment or a folder of returns, and printing.

mod area;
mod build;
mod columns;
mod county;
mod import;
mod new;
mod report;
mod rubric;
mod schema;
mod summary;
mod survey_template;
mod toolkit;
mod validate;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use sendbench_batch::intake::{Fate, Intake, IntakeOptions};
use sendbench_batch::ColumnMap;
use sendbench_core::{Assessment, Diagnostic, LoadError, Return, Rubric, SourceFile};

use crate::cli::{Cli, Command};
use crate::diagnostics::render_load_error;
use crate::output::emit;
use crate::Failure;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let rubric = load_rubric(&cli)?;
    let rubric_path = cli.global.rubric.clone();
    match cli.command {
        Command::Rubric(args) => rubric::run(&rubric, &args, rubric_path.as_deref()),
        Command::New(args) => new::run(&rubric, &args),
        Command::Validate(args) => validate::run(&rubric, &args),
        Command::Summary(args) => summary::run(&rubric, &args),
        Command::Schema(args) => schema::run(&rubric, &args),
        Command::Toolkit(args) => toolkit::run(&rubric, &args),
        Command::SurveyTemplate(args) => survey_template::run(&rubric, &args),
        Command::Columns(args) => columns::run(&rubric, &args),
        Command::Import(args) => import::run(&rubric, &args),
        Command::Report(args) => report::run(&rubric, &args),
        Command::Area(args) => area::run(&rubric, &args),
        Command::Build(args) => build::run(&rubric, &args),
    }
}

fn load_rubric(cli: &Cli) -> Result<Rubric, Failure> {
    match &cli.global.rubric {
        None => Ok(Rubric::builtin()),
        Some(path) => Rubric::load(path).map_err(|e| {
            Failure::message(format!(
                "{}error: the rubric {} cannot be used",
                render_load_error(&e),
                path.display()
            ))
        }),
    }
}

/// Prints text for people on standard output, with any control character that came from
/// a file shown, not obeyed (see `terminal::safe`).
fn print(text: &str) -> Result<(), Failure> {
    emit(
        &crate::cli::Output {
            output: None,
            force: false,
        },
        crate::terminal::safe(text).as_bytes(),
    )
}

/// Shortens text to `max` characters at a word boundary, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// Wraps text at `width` columns, each line starting with `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty()
            && indent.len() + line.chars().count() + 1 + word.chars().count() > width
        {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// Reads one assessment: a TOML file, or `-` for standard input.
fn load_checked(
    rubric: &Rubric,
    path: &Path,
) -> Result<sendbench_core::Checked<Assessment>, LoadError> {
    if path == Path::new("-") {
        read_stdin().and_then(|file| Assessment::from_source(file, rubric))
    } else {
        Assessment::load(path, rubric)
    }
}

/// Reads one assessment (a TOML file, or `-` for standard input), validated against the
/// rubric, with its warnings and source for showing problems in place.
fn load_assessment(
    rubric: &Rubric,
    path: &Path,
) -> Result<(Assessment, Vec<Diagnostic>, Option<SourceFile>), Failure> {
    match load_checked(rubric, path) {
        Ok(checked) => Ok((checked.value, checked.warnings, checked.file)),
        // Not read at all: what stopped it is the whole message.
        Err(e @ LoadError::Io { .. }) => Err(Failure::message(format!("error: {e}"))),
        Err(e) => Err(Failure::message(format!(
            "{}error: {} is not a valid assessment; fix the problems above (`sendbench validate {}` lists them)",
            render_load_error(&e),
            path.display(),
            path.display()
        ))),
    }
}

/// Standard input as a source file named `<stdin>`, read up to the same limit as a return
/// file (so `validate - < /dev/zero` stops rather than fills memory).
fn read_stdin() -> Result<SourceFile, LoadError> {
    use std::io::Read;
    let limit = sendbench_core::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    let io = |source| LoadError::Io {
        path: PathBuf::from("<stdin>"),
        source,
    };
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::NotText {
            path: PathBuf::from("<stdin>"),
            detail: format!(
                "it is over {} MB; an assessment is far smaller",
                limit / 1_000_000
            ),
        });
    }
    sendbench_core::source_from_bytes("<stdin>", bytes).map_err(|detail| LoadError::NotText {
        path: PathBuf::from("<stdin>"),
        detail,
    })
}

/// The assessment files named: files as given (and `-`), and for a folder every TOML return
/// in it and its sub-folders, found as the intake finds them (lock files, hidden files and
/// the like left out).
fn assessment_files(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            out.extend(
                sendbench_batch::intake::returns_in(input)
                    .into_iter()
                    .filter(|p| {
                        p.extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
                    }),
            );
        } else {
            out.push(input.clone());
        }
    }
    out
}

/// Reads the collection's options file (`--options FILE`), every problem at once.
fn load_collection_options(
    path: Option<&Path>,
) -> Result<sendbench_batch::CollectionOptions, Failure> {
    let Some(path) = path else {
        return Ok(Default::default());
    };
    sendbench_batch::CollectionOptions::load(path).map_err(|e| {
        settings_failure(
            "the options file",
            path,
            &e,
            "it holds title, collection, county, county-eligible and an [eligible] table of \"Area name\" = schools asked",
        )
    })
}

/// A settings file that cannot be used: why, naming the file, and each problem on its line.
fn settings_failure(
    what: &str,
    path: &Path,
    error: &sendbench_batch::SettingsError,
    hint: &str,
) -> Failure {
    use sendbench_batch::SettingsError;
    let text = match error {
        SettingsError::Read(why) => format!("error: cannot read {what} {}: {why}", path.display()),
        SettingsError::Problems(problems) => format!(
            "error: {what} {} has problems:\n  {}\n  hint: {hint}",
            path.display(),
            problems.join("\n  ")
        ),
    };
    Failure::message(crate::terminal::safe(&text).into_owned())
}

/// The folder a file is written into (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// With `--every-year`, says how many schools were left out for not returning every year.
fn tell_every_year(publication: &sendbench_core::Publication) {
    eprintln!(
        "--every-year: {} that did not return in every year left out",
        sendbench_core::words::count(publication.left_out, "school", "schools"),
    );
}

/// Reads a column map for survey exports (`--columns FILE`), every problem at once.
fn load_columns(path: Option<&Path>, rubric: &Rubric) -> Result<Option<ColumnMap>, Failure> {
    let Some(path) = path else { return Ok(None) };
    ColumnMap::load(path, rubric).map(Some).map_err(|e| {
        settings_failure(
            "the column map",
            path,
            &e,
            "each line under [columns] is \"Header\" = \"strand 1a\" (or evidence 1a, duty ID, school, urn, area, academic-year, date, submitted, ignore); `sendbench columns EXPORT -o columns.toml` writes one to finish",
        )
    })
}

/// Reads the returns in `inputs` (files and folders) through the intake, telling the user
/// what was read, skipped and counted twice. Invalid returns are shown in full and stop the
/// command, so no figure is made from part of an area without the user knowing; with
/// `strict`, so do duplicates and URN or name conflicts.
fn read_returns(
    rubric: &Rubric,
    inputs: &[PathBuf],
    strict: bool,
    columns: Option<ColumnMap>,
) -> Result<Vec<Return>, Failure> {
    // The area's figures need only the judgements and statuses of each return.
    let intake = Intake::read_for_figures(
        &IntakeOptions {
            inputs: inputs.to_vec(),
            exclude: Vec::new(),
            columns,
        },
        rubric,
    );
    eprintln!("{}", intake.summary());
    for e in &intake.entries {
        if let Fate::Skipped(skip) = &e.fate {
            match &e.place {
                Some(place) => eprintln!("skipped: {} ({place}): {skip}", e.path.display()),
                None => eprintln!("skipped: {}: {skip}", e.path.display()),
            }
        }
    }
    for note in &intake.notes {
        eprintln!("note: {}", crate::terminal::safe(note));
    }
    for r in &intake.received {
        for w in &r.warnings {
            eprintln!("warning: {}: {}", r.source(), crate::terminal::safe(w));
        }
    }
    let mut problems = String::new();
    for (entry, error) in intake.invalid() {
        let shown = match &entry.place {
            Some(place) => std::path::PathBuf::from(format!("{} ({place})", entry.path.display())),
            None => entry.path.clone(),
        };
        problems.push_str(&crate::diagnostics::render_return_error(&shown, error));
    }
    if !problems.is_empty() {
        return Err(Failure::message(format!(
            "{problems}error: some returns are not valid (above); fix them so the area's figures are right"
        )));
    }
    if strict && !intake.warnings.is_empty() {
        return Err(Failure::message(format!(
            "returns conflict, and --strict refuses to choose:\n  {}",
            intake.warnings.join("\n  ")
        )));
    }
    for w in &intake.warnings {
        eprintln!("warning: {w}");
    }
    // Moved out, not copied: a county's returns are held once.
    let returns = (intake.received.into_iter())
        .map(|r| {
            let source = r.source();
            Return::new(r.assessment, source)
        })
        .collect();
    Ok(returns)
}
