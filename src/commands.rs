//! One function per command: load what it needs, call the library, present the result.

use std::fmt::Write;

use sendbench_core::{
    assessment_schema, write_assessment, AcademicYear, Assessment, Diagnostic, LoadError, Rubric,
    School, SkeletonOptions, SourceFile,
};
use serde_json::json;

use crate::cli::{
    AreaArgs, AudienceArg, Cli, Command, Format, ImportArgs, NewArgs, ReportArgs, RubricArgs,
    SchemaArgs, SummaryArgs, ToolkitArgs, ValidateArgs,
};
use crate::diagnostics::{render, render_load_error};
use crate::output::{emit, write_file};
use crate::Failure;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<(), Failure> {
    let rubric = load_rubric(&cli)?;
    let rubric_path = cli.global.rubric.clone();
    match cli.command {
        Command::Rubric(args) => rubric_cmd(&rubric, &args, rubric_path.as_deref()),
        Command::New(args) => new_cmd(&rubric, &args),
        Command::Validate(args) => validate_cmd(&rubric, &args),
        Command::Summary(args) => summary_cmd(&rubric, &args),
        Command::Schema(args) => schema_cmd(&rubric, &args),
        Command::Toolkit(args) => toolkit_cmd(&rubric, &args),
        Command::Import(args) => import_cmd(&rubric, &args),
        Command::Report(args) => report_cmd(&rubric, &args),
        Command::Area(args) => area_cmd(&rubric, &args),
        Command::Build(args) => crate::build::run(&rubric, &args),
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

fn print(text: &str) -> Result<(), Failure> {
    emit(
        &crate::cli::Output {
            output: None,
            force: false,
        },
        text.as_bytes(),
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

fn rubric_cmd(
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
        if args.full {
            let _ = writeln!(out, "  {}", item.id);
            out.push_str(&wrap(&item.text, "      ", 96));
        } else {
            let _ = writeln!(out, "  {:<24} {}", item.id, shorten(&item.text, 70));
        }
    }
    if args.full && !rubric.guidance.questions.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", rubric.guidance.lead);
        for (i, q) in rubric.guidance.questions.iter().enumerate() {
            let _ = writeln!(out, "  {}. {q}", i + 1);
        }
    }
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
            if args.full {
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
    print(&out)
}

fn new_cmd(rubric: &Rubric, args: &NewArgs) -> Result<(), Failure> {
    if args.school.trim().is_empty() {
        return Err(Failure::message(
            "the school's name is empty: give it with --school \"Name\"",
        ));
    }
    let academic_year = match &args.year {
        None => None,
        Some(text) => Some(AcademicYear::parse(text).ok_or_else(|| {
            Failure::message(format!(
                "{text:?} is not an academic year: write it as 2025/26"
            ))
        })?),
    };
    let mut assessment = Assessment {
        school: School {
            name: args.school.trim().to_owned(),
            urn: args.urn.clone(),
            area: args.area.clone(),
        },
        ..Assessment::default()
    };
    assessment.review.academic_year = academic_year;
    let text = write_assessment(
        &assessment,
        rubric,
        SkeletonOptions {
            comments: !args.no_comments,
        },
    );
    emit(&args.output, text.as_bytes())?;
    if let Some(path) = &args.output.output {
        eprintln!(
            "Wrote {} ({} strands to judge). Check it with: sendbench validate {}",
            path.display(),
            rubric.strands().count(),
            path.display()
        );
    }
    Ok(())
}

fn validate_cmd(rubric: &Rubric, args: &ValidateArgs) -> Result<(), Failure> {
    let mut text = String::new();
    let mut json_files = Vec::new();
    let mut invalid = 0;
    for path in &args.files {
        let name = path.display().to_string();
        let (file, diagnostics, problem) = match Assessment::load(path, rubric) {
            Ok(checked) => (checked.file, checked.warnings, None),
            Err(LoadError::Invalid { file, diagnostics }) => (Some(*file), diagnostics, None),
            Err(other) => (None, Vec::new(), Some(other.to_string())),
        };
        let errors =
            diagnostics.iter().filter(|d| d.is_error()).count() + usize::from(problem.is_some());
        let warnings = diagnostics.len() - diagnostics.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            invalid += 1;
        }
        match args.format {
            Format::Text => {
                if let Some(problem) = &problem {
                    let _ = writeln!(text, "error: {problem}");
                }
                text.push_str(&render(file.as_ref(), &diagnostics));
                let verdict = if errors > 0 { "INVALID" } else { "valid" };
                let _ = writeln!(text, "{name}: {verdict} ({})\n", counts(errors, warnings));
            }
            Format::Json => {
                let mut located: Vec<_> = diagnostics
                    .iter()
                    .map(|d| d.locate(file.as_ref()))
                    .collect::<Vec<_>>();
                if let Some(problem) = problem {
                    let mut d = Diagnostic::error("unreadable", problem).locate(None);
                    d.file = Some(name.clone());
                    located.push(d);
                }
                json_files.push(json!({
                    "file": name,
                    "valid": errors == 0,
                    "errors": errors,
                    "warnings": warnings,
                    "diagnostics": located,
                }));
            }
        }
    }
    match args.format {
        Format::Text => {
            if args.files.len() > 1 {
                let _ = writeln!(
                    text,
                    "{} files checked: {} valid, {invalid} invalid",
                    args.files.len(),
                    args.files.len() - invalid
                );
            }
            print(&text)?;
        }
        Format::Json => {
            let doc = json!({ "valid": invalid == 0, "files": json_files });
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
    }
    if invalid > 0 {
        Err(Failure::reported())
    } else {
        Ok(())
    }
}

fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn load_assessment(
    rubric: &Rubric,
    path: &std::path::Path,
) -> Result<(Assessment, Vec<Diagnostic>, Option<SourceFile>), Failure> {
    match Assessment::load(path, rubric) {
        Ok(checked) => Ok((checked.value, checked.warnings, checked.file)),
        Err(e) => Err(Failure::message(format!(
            "{}error: {} is not a valid assessment; fix the problems above (`sendbench validate {}` lists them)",
            render_load_error(&e),
            path.display(),
            path.display()
        ))),
    }
}

fn summary_cmd(rubric: &Rubric, args: &SummaryArgs) -> Result<(), Failure> {
    let (a, _warnings, _file) = load_assessment(rubric, &args.file)?;
    let profile = a.profile(rubric);
    if args.format == Format::Json {
        let doc = json!({
            "school": a.school,
            "review": a.review,
            "rubric": { "id": rubric.id, "version": rubric.version },
            "levels": rubric.levels.iter().map(|l| &l.id).collect::<Vec<_>>(),
            "profile": profile,
        });
        return print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        ));
    }
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
    print(&out)
}

fn schema_cmd(rubric: &Rubric, args: &SchemaArgs) -> Result<(), Failure> {
    let schema = assessment_schema(rubric);
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    emit(&args.output, text.as_bytes())
}

fn toolkit_cmd(rubric: &Rubric, args: &ToolkitArgs) -> Result<(), Failure> {
    let assessment = match &args.assessment {
        Some(path) => Some(load_assessment(rubric, path)?.0),
        None => None,
    };
    let docx = sendbench_generate::docx::toolkit(rubric, assessment.as_ref());
    write_file(&args.output, &docx, args.force)?;
    let what = if assessment.is_some() {
        "pre-filled toolkit"
    } else {
        "blank toolkit"
    };
    eprintln!(
        "Wrote the {what} {} ({} KB)",
        args.output.display(),
        docx.len().div_ceil(1024)
    );
    Ok(())
}

fn import_cmd(rubric: &Rubric, args: &ImportArgs) -> Result<(), Failure> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::message(format!("cannot read {name}: {e}")))?;
    let imported = sendbench_generate::docx::import(&bytes, rubric)
        .map_err(|e| Failure::message(format!("{name}: {e}")))?;
    for warning in &imported.warnings {
        eprintln!("warning: {name}: {warning}");
    }
    let text = write_assessment(&imported.assessment, rubric, SkeletonOptions::default());
    // Check what was read as `validate` would, so problems show now, against the DOCX's name.
    let source_name = match &args.output.output {
        Some(path) => path.display().to_string(),
        None => format!("{name} (imported)"),
    };
    let problems = match Assessment::from_toml(&source_name, &text, rubric) {
        Ok(_) => None,
        Err(e) => Some(render_load_error(&e)),
    };
    emit(&args.output, text.as_bytes())?;
    if let Some(problems) = problems {
        eprint!("{problems}");
        return Err(Failure::message(format!(
            "the form was read, but what it holds is not valid yet (see above); fix it in Word and import again, or edit {}",
            args.output.output.as_ref().map_or("the output".to_owned(), |p| p.display().to_string())
        )));
    }
    if let Some(path) = &args.output.output {
        eprintln!(
            "Wrote {}. Check it with: sendbench validate {}",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

/// A file name from a school's name: letters, digits and hyphens.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "school".to_owned()
    } else {
        out
    }
}

fn report_cmd(rubric: &Rubric, args: &ReportArgs) -> Result<(), Failure> {
    use sendbench_generate::pdf::{Audience, Engine, ReportOptions};
    let (assessment, _, _) = load_assessment(rubric, &args.file)?;
    if let Some(left) = assessment.profile(rubric).completeness().remaining() {
        eprintln!(
            "warning: {}: the review is not finished ({left}); the report says so on every page, marked as a draft",
            args.file.display()
        );
    }
    let options = ReportOptions {
        templates: args.templates.clone(),
        font_dirs: args.font_path.clone(),
        pdfa: args.pdfa,
    };
    let engine = Engine::new(&options).map_err(|e| Failure::message(e.to_string()))?;
    let audiences: Vec<Audience> = match args.audience {
        Some(AudienceArg::Governors) => vec![Audience::Governors],
        Some(AudienceArg::Parents) => vec![Audience::Parents],
        Some(AudienceArg::SenInfo) => vec![Audience::SenInfo],
        None => Audience::ALL.to_vec(),
    };
    if let Some(dir) = &args.emit_source {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::message(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
        let files = engine
            .files(rubric, &assessment, audiences[0])
            .map_err(|e| Failure::message(e.to_string()))?;
        for (path, bytes) in files {
            write_file(&dir.join(path.trim_start_matches('/')), &bytes, args.force)?;
        }
        eprintln!(
            "Wrote the templates and data for the {} report to {}",
            audiences[0].id(),
            dir.display()
        );
        return Ok(());
    }
    // With --compare: the area's figures for the school's academic year (else the latest).
    let area_bench = match &args.compare {
        None => None,
        Some(inputs) => {
            let returns = load_returns(rubric, inputs)?;
            let (bench, notices) =
                sendbench_core::AreaBenchmark::build(rubric, &returns, Default::default(), false)
                    .map_err(|e| Failure::message(e.to_string()))?;
            for n in &notices {
                eprintln!("warning: {}", n.message);
            }
            Some(bench)
        }
    };
    let area_year = area_bench.and_then(|mut bench| {
        let school_year = assessment.review.academic_year.or(assessment
            .review
            .date
            .map(sendbench_core::AcademicYear::containing));
        let i = bench
            .years
            .iter()
            .position(|y| Some(y.year) == school_year)
            .unwrap_or(bench.years.len().saturating_sub(1));
        (!bench.years.is_empty()).then(|| bench.years.swap_remove(i))
    });
    let default_name =
        |audience: Audience| format!("{}-{}.pdf", slug(&assessment.school.name), audience.id());
    if args.all {
        let dir = args
            .output
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        std::fs::create_dir_all(&dir).map_err(|e| {
            Failure::message(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
    }
    for audience in audiences {
        let path = match (&args.output, args.all) {
            (Some(dir), true) => dir.join(default_name(audience)),
            (Some(file), false) => file.clone(),
            (None, _) => std::path::PathBuf::from(default_name(audience)),
        };
        let pdf = engine
            .report_compared(rubric, &assessment, audience, area_year.as_ref())
            .map_err(|e| Failure::message(format!("{}: {e}", args.file.display())))?;
        write_file(&path, &pdf, args.force)?;
        eprintln!(
            "Wrote the {} report {} ({} KB)",
            audience.id(),
            path.display(),
            pdf.len().div_ceil(1024)
        );
    }
    Ok(())
}

/// The files an area run reads: the files named, and the .toml and .docx files in the folders
/// named (and their sub-folders), in a stable order.
pub(crate) fn area_inputs(
    inputs: &[std::path::PathBuf],
) -> Result<Vec<std::path::PathBuf>, Failure> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "toml" || e == "docx") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files).map_err(|e| {
                Failure::message(format!("cannot read the folder {}: {e}", input.display()))
            })?;
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Why a return could not be read: the full report for the terminal, and one line for
/// lists (build's summary and index).
pub(crate) struct ReadFailure {
    pub report: String,
    pub line: String,
}

/// Reads one assessment, from TOML or a filled toolkit (DOCX), validated against the rubric
/// and normalised, with any import warnings. A return for another rubric (or a file that is
/// not a return at all) gets one line, not a screenful of unknown ids.
pub(crate) fn read_return(
    path: &std::path::Path,
    rubric: &Rubric,
) -> Result<(Assessment, Vec<String>), ReadFailure> {
    let name = path.display().to_string();
    let fail = |report: String, line: String| ReadFailure { report, line };
    let joined = |diagnostics: &[Diagnostic]| {
        let errors: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        format!("{} problem(s): {}", errors.len(), errors.join("; "))
    };
    if path.extension().is_some_and(|e| e == "docx") {
        let imported = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                sendbench_generate::docx::import(&bytes, rubric).map_err(|e| e.to_string())
            })
            .map_err(|e| fail(format!("error: {name}: {e}\n"), e))?;
        let mut a = imported.assessment;
        let errors: Vec<Diagnostic> = a
            .validate(rubric)
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        if !errors.is_empty() {
            return Err(fail(
                render(None, &errors).replace("<assessment>", &name),
                joined(&errors),
            ));
        }
        a.normalize(rubric);
        return Ok((a, imported.warnings));
    }
    let file = sendbench_core::read_source(path)
        .map_err(|e| fail(format!("error: {e}\n"), e.to_string()))?;
    let (parsed, _) = Assessment::parse(&file);
    if let Some(found) =
        parsed.filter(|a| a.rubric.id != rubric.id || a.rubric.version != rubric.version)
    {
        let what = if found.rubric.id.is_empty() {
            "names no rubric: is it an assessment?".to_owned()
        } else {
            format!(
                "answers the rubric {} version {}, not {} version {}",
                found.rubric.id, found.rubric.version, rubric.id, rubric.version
            )
        };
        let line = format!("{what}; returns made against another rubric cannot be added together");
        return Err(fail(format!("error: {name} {line}\n"), line));
    }
    match Assessment::from_source(file, rubric) {
        Ok(checked) => Ok((checked.value, Vec::new())),
        Err(e) => {
            let line = match &e {
                LoadError::Invalid { diagnostics, .. } => joined(diagnostics),
                other => other.to_string(),
            };
            Err(fail(render_load_error(&e), line))
        }
    }
}

/// Reads every return (TOML or filled DOCX) in `inputs`, reporting all problems at once.
fn load_returns(
    rubric: &Rubric,
    inputs: &[std::path::PathBuf],
) -> Result<Vec<sendbench_core::Return>, Failure> {
    let mut returns = Vec::new();
    let mut problems = String::new();
    for path in area_inputs(inputs)? {
        let name = path.display().to_string();
        match read_return(&path, rubric) {
            Ok((a, warnings)) => {
                for w in &warnings {
                    eprintln!("warning: {name}: {w}");
                }
                returns.push(sendbench_core::Return::new(a, name));
            }
            Err(failure) => problems.push_str(&failure.report),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::message(format!(
            "{problems}error: some returns are not valid (above); fix them so the area's figures are right"
        )));
    }
    Ok(returns)
}

fn area_cmd(rubric: &Rubric, args: &AreaArgs) -> Result<(), Failure> {
    use sendbench_core::{AreaBenchmark, AreaOptions};
    let returns = load_returns(rubric, &args.inputs)?;
    let options = AreaOptions {
        strengths: args.strengths,
        strength_threshold: args.strength_threshold,
        developments: args.developments,
        development_threshold: args.development_threshold,
    };
    let (mut bench, notices) = AreaBenchmark::build(rubric, &returns, options, args.strict)
        .map_err(|e| Failure::message(e.to_string()))?;
    if let Some(n) = args.suppress_below {
        bench.suppress_below(n);
    }
    for warning in bench.disclosure_warnings() {
        eprintln!("warning: {warning}");
    }
    for n in &notices {
        eprintln!("warning: {}", n.message);
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| format!("{} area benchmark", rubric.short_title));
    if let Some(path) = &args.csv {
        write_file(
            path,
            &sendbench_generate::area::csv(&bench, rubric),
            args.force,
        )?;
        eprintln!("Wrote {}", path.display());
    }
    if let Some(path) = &args.output {
        use sendbench_generate::pdf::{Engine, ReportOptions};
        let engine =
            Engine::new(&ReportOptions::default()).map_err(|e| Failure::message(e.to_string()))?;
        let pdf = engine
            .area_report(rubric, &bench, &title, args.suppress_below)
            .map_err(|e| Failure::message(e.to_string()))?;
        write_file(path, &pdf, args.force)?;
        eprintln!("Wrote {} ({} KB)", path.display(), pdf.len().div_ceil(1024));
    }
    if let Some(path) = &args.xlsx {
        let bytes = sendbench_generate::area::xlsx(&bench, rubric, &title)
            .map_err(|e| Failure::message(format!("cannot make the spreadsheet: {e}")))?;
        write_file(path, &bytes, args.force)?;
        eprintln!("Wrote {}", path.display());
    }
    print(&area_summary(&bench, rubric, args.title.as_deref()))
}

/// The area benchmark in the terminal: per year and outcome, strengths and areas for
/// development as the published report shows them ("98% (45)").
fn area_summary(
    bench: &sendbench_core::AreaBenchmark,
    rubric: &Rubric,
    title: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(title) = title {
        let _ = writeln!(out, "{title}\n");
    }
    let strong = bench.levels[bench.strength_from..].join(" and ");
    let below = bench.levels[..bench.strength_from].join(" or ");
    for year in &bench.years {
        let _ = writeln!(
            out,
            "Academic year {}: {} schools",
            year.year,
            year.schools.len()
        );
        for h in &year.outcomes {
            let _ = writeln!(out, "  Outcome {}", h.outcome);
            let line = |out: &mut String, label: &str, list: &[usize], pct: &dyn Fn(&sendbench_core::StrandFigures) -> (Option<u32>, u32)| {
                if list.is_empty() {
                    let _ = writeln!(out, "    {label}: none");
                }
                for &i in list {
                    let s = &year.strands[i];
                    let (p, n) = pct(s);
                    let figure = if s.suppressed {
                        "   c (c)".to_owned()
                    } else {
                        format!("{:>4} ({n} of {})", p.map(|p| format!("{p}%")).unwrap_or_default(), s.respondents)
                    };
                    let text = rubric.outcome(&s.outcome).and_then(|o| o.strand(&s.strand)).map(|st| st.descriptors[bench.strength_from].clone()).unwrap_or_default();
                    let _ = writeln!(out, "    {label}: {:<4} {figure}  {}", s.code(), shorten(&text, 70));
                }
            };
            line(
                &mut out,
                &format!("strength ({strong})"),
                &h.strengths,
                &|s| (s.strong_percent, s.strong),
            );
            line(
                &mut out,
                &format!("to develop ({below})"),
                &h.developments,
                &|s| (s.below_percent, s.below),
            );
        }
        let _ = writeln!(out, "  Contributing schools: {}\n", year.schools.join(", "));
    }
    out
}
