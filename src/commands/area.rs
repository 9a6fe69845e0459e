//! `sendbench area`: many schools' returns aggregated into an area benchmark, as PDF, XLSX
//! and open data (CSV files to the EES standards), with a summary on the terminal.

use std::fmt::Write;

use sendbench_core::Rubric;
use sendbench_generate::render::Format;

use super::{print, read_returns, shorten, wrap};
use crate::cli::AreaArgs;
use crate::output::write_all;
use crate::Failure;

/// Aggregates the returns, writes the outputs asked for (all or none), and prints the
/// summary.
pub fn run(rubric: &Rubric, args: &AreaArgs) -> Result<(), Failure> {
    let settings = &args.settings;
    let columns = super::load_columns(settings.columns.as_deref(), rubric)?;
    let returns = read_returns(rubric, &args.inputs, settings.strict, columns)?;
    let options = super::load_collection_options(settings.options_file.as_deref())?;
    let warnings = sendbench_batch::county::check_collection(
        &options,
        settings.title.as_deref(),
        settings.collection.as_deref(),
        &returns,
    )
    .map_err(|e| Failure::message(crate::terminal::safe(&format!("error: {e}")).into_owned()))?;
    for w in &warnings {
        eprintln!("warning: {}", crate::terminal::safe(w));
    }
    if settings.by.is_some() {
        let dir = by_area_folder(args)?;
        return super::county::run(rubric, args, &returns, options, dir);
    }
    // What was published before from this folder, to check a re-issue against.
    let record_dir = [&args.output, &args.html, &args.xlsx, &args.csv]
        .into_iter()
        .flatten()
        .next()
        .map(|p| super::folder_of(p));
    let earlier = match &record_dir {
        Some(dir) => sendbench_batch::published::read_record(dir)
            .map_err(|e| Failure::message(format!("error: {e}")))?,
        None => None,
    };
    let publication = publish(
        rubric,
        args,
        &returns,
        earlier.clone(),
        record_dir.as_deref(),
    )?;
    let bench = &publication.whole;
    let title = settings
        .title
        .clone()
        .or_else(|| options.title.clone())
        .unwrap_or_else(|| bench.default_title(rubric));
    let outputs = area_outputs(rubric, args, bench, &title, &options)?;
    let files: Vec<(&std::path::Path, &[u8])> = outputs
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    write_all(&files, args.force)?;
    if let Some(dir) = &record_dir {
        sendbench_batch::published::write_record(dir, earlier, &publication, settings.every_year)
            .map_err(|e| Failure::message(format!("error: {e}")))?;
    }
    for (path, bytes) in &outputs {
        eprintln!(
            "Wrote {} ({} KB)",
            path.display(),
            bytes.len().div_ceil(1024)
        );
    }
    print(&area_summary(bench, rubric, &title))
}

/// With `--by area`: the folder given with `-o`, which is required, and no single-file
/// output (each area's spreadsheet and open data are written into the folder; a single file
/// named by --csv, --xlsx or --html would hold only one of them).
fn by_area_folder(args: &AreaArgs) -> Result<&std::path::Path, Failure> {
    let Some(dir) = &args.output else {
        return Err(Failure::usage(
            "error: --by area makes a report per area and the county's overview: give the folder for them with -o DIR",
        ));
    };
    for (given, flag) in [
        (&args.csv, "--csv"),
        (&args.xlsx, "--xlsx"),
        (&args.html, "--html"),
    ] {
        if given.is_some() {
            return Err(Failure::usage(format!(
                "error: {flag} names one file, but --by area writes each area's and the county's files into {} (its spreadsheets, open data and web pages); leave out {flag}",
                dir.display()
            )));
        }
    }
    Ok(dir)
}

/// The area's publication (figures, disclosure control, re-issue checks), with every
/// warning it gives printed.
fn publish(
    rubric: &Rubric,
    args: &AreaArgs,
    returns: &[sendbench_core::Return],
    earlier: Option<sendbench_core::PublishedRecord>,
    record_dir: Option<&std::path::Path>,
) -> Result<sendbench_core::Publication, Failure> {
    let publication = publication(rubric, &args.settings, returns, earlier, record_dir)?;
    let bench = &publication.whole;
    for warning in bench.disclosure_warnings() {
        eprintln!("warning: {warning}");
    }
    for warning in bench.reliability_warnings() {
        eprintln!("warning: {}", warning.message);
    }
    for n in &publication.notices {
        eprintln!("warning: {}", n.message);
    }
    Ok(publication)
}

/// The publication the settings ask for, checked against what was published before from
/// `record_dir` (its warnings printed), and the every-year count told.
pub(super) fn publication(
    rubric: &Rubric,
    settings: &crate::cli::AreaSettings,
    returns: &[sendbench_core::Return],
    earlier: Option<sendbench_core::PublishedRecord>,
    record_dir: Option<&std::path::Path>,
) -> Result<sendbench_core::Publication, Failure> {
    let publication_options = sendbench_core::PublicationOptions {
        earlier,
        ..settings.publication()
    };
    let publication = sendbench_core::Publication::build(rubric, returns, &publication_options)
        .map_err(|e| Failure::message(e.to_string()))?;
    if let Some(dir) = record_dir {
        for w in sendbench_batch::published::revision_warnings(&publication, dir) {
            eprintln!("warning: {}", crate::terminal::safe(&w));
        }
    }
    if settings.every_year {
        super::tell_every_year(&publication);
    }
    Ok(publication)
}

/// Every output asked for, checked writable and made before any is written (then all are
/// written or none): open data with --csv, the report as PDF with -o and web page with
/// --html, the spreadsheet with --xlsx.
fn area_outputs(
    rubric: &Rubric,
    args: &AreaArgs,
    bench: &sendbench_core::AreaBenchmark,
    title: &str,
    options: &sendbench_batch::county::CollectionOptions,
) -> Result<Vec<(std::path::PathBuf, Vec<u8>)>, Failure> {
    let mut outputs: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
    let open_data = args.csv.as_deref().map(open_data_paths);
    let targets = [&args.output, &args.html, &args.xlsx]
        .into_iter()
        .flatten()
        .chain(open_data.iter().flatten());
    for path in targets {
        sendbench_batch::write::check_writable(path, args.force)
            .map_err(|e| Failure::message(e.to_string()))?;
    }
    if let Some(paths) = open_data {
        use sendbench_generate::area::{tidy, Geography, TOTAL};
        let whole = [Geography {
            local_area: TOTAL,
            bench,
        }];
        let files = tidy(&whole, rubric, &args.settings.tidy_options());
        outputs.extend(paths.into_iter().zip(files.into_files()));
    }
    let report = sendbench_generate::view::AreaReport {
        title,
        collection: (args.settings.collection.as_deref()).or(options.collection.as_deref()),
        eligible: options.eligible_for(bench),
        ..Default::default()
    };
    let wanted = [(Format::Pdf, &args.output), (Format::Html, &args.html)];
    if wanted.iter().any(|(_, path)| path.is_some()) {
        let view = sendbench_generate::view::View::area(rubric, bench, &report)
            .map_err(|e| Failure::message(e.to_string()))?;
        let render_options = args.pdf.render_options(false, args.fragment);
        for (format, path) in wanted {
            let Some(path) = path else { continue };
            let bytes = format
                .renderer(&render_options)
                .and_then(|r| r.render(&view))
                .map_err(|e| Failure::message(e.to_string()))?;
            outputs.push((path.clone(), bytes));
        }
    }
    if let Some(path) = &args.xlsx {
        let bytes = sendbench_generate::area::xlsx(bench, rubric, title)
            .map_err(|e| Failure::message(format!("cannot make the spreadsheet: {e}")))?;
        outputs.push((path.clone(), bytes));
    }
    Ok(outputs)
}

/// The open data files for `--csv FILE`: FILE (the strands), and beside it its metadata and
/// the checklist's two files, named from FILE's stem as EES pairs them
/// (`area.csv`, `area.meta.csv`, `area_checklist.csv`, `area_checklist.meta.csv`).
fn open_data_paths(csv: &std::path::Path) -> [std::path::PathBuf; 4] {
    let stem = csv
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "area".to_owned());
    let names = sendbench_generate::area::TidyFiles::names(&stem);
    let beside = |name: &str| csv.with_file_name(name);
    [
        csv.to_owned(),
        beside(&names[1]),
        beside(&names[2]),
        beside(&names[3]),
    ]
}

/// The area benchmark in the terminal: per year and outcome, strengths and areas for
/// development as the published report shows them ("98% (45 of 46)"), with the same notes on
/// what each list leaves out and what small-numbers suppression withheld.
fn area_summary(bench: &sendbench_core::AreaBenchmark, rubric: &Rubric, title: &str) -> String {
    use sendbench_generate::area::{below_label, list_notes, strong_label, suppression_note, List};
    let mut out = String::new();
    let _ = writeln!(out, "{title}\n");
    let strong = strong_label(bench);
    let below = below_label(bench);
    for year in &bench.years {
        let n = year.school_count();
        let _ = writeln!(
            out,
            "Academic year {}: {n} school{}",
            year.year,
            if n == 1 { "" } else { "s" }
        );
        if let Some(note) = suppression_note(bench, year) {
            out.push_str(&wrap(&note, "  ", 100));
        }
        for h in &year.outcomes {
            let _ = writeln!(out, "  Outcome {}", h.outcome);
            for (list, label, listed) in [
                (
                    List::Strengths,
                    format!("strength ({strong})"),
                    &h.strengths,
                ),
                (
                    List::Developments,
                    format!("to develop ({below})"),
                    &h.developments,
                ),
            ] {
                let notes = list_notes(bench, year, h, list);
                if let Some(empty) = &notes.empty {
                    let _ = writeln!(out, "    {label}: {empty}");
                }
                for &i in listed {
                    let s = &year.strands[i];
                    let (p, count) = match list {
                        List::Strengths => (s.published_strong_percent(), s.published_strong()),
                        List::Developments => (s.published_below_percent(), s.published_below()),
                    };
                    let text = rubric
                        .outcome(&s.outcome)
                        .and_then(|o| o.strand(&s.strand))
                        .map(|st| st.descriptors[bench.strength_from].clone())
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    {label}: {:<4} {:>4} ({count} of {})  {}",
                        s.code(),
                        format!("{p}%"),
                        s.respondents,
                        shorten(&text, 70)
                    );
                }
                for note in &notes.notes {
                    out.push_str(&wrap(note, "      ", 100));
                }
            }
        }
        let _ = writeln!(out, "  Contributing schools: {}\n", year.schools.join(", "));
    }
    out
}
