//! `sendbench area --by area`: a county's returns split into its local areas, each with its
//! own report beside the county's figures, and the county's overview of every area, written
//! into one folder, all or nothing.

use std::path::Path;

use sendbench_batch::county::{documents, CountyBenchmarks, CountySettings};
use sendbench_batch::CollectionOptions;
use sendbench_core::words::count;
use sendbench_core::{Return, Rubric};
use sendbench_generate::render::Format;

use crate::cli::AreaArgs;
use crate::output::write_all;
use crate::Failure;

/// Makes and writes every area's documents and the county's into `dir`.
pub fn run(
    rubric: &Rubric,
    args: &AreaArgs,
    returns: &[Return],
    options: CollectionOptions,
    dir: &Path,
) -> Result<(), Failure> {
    let settings = &args.settings;
    let earlier = sendbench_batch::published::read_record(dir)
        .map_err(|e| Failure::message(format!("error: {e}")))?;
    let publication =
        super::area::publication(rubric, settings, returns, earlier.clone(), Some(dir))?;
    let record = publication.clone();
    let benches = CountyBenchmarks::of(publication).map_err(Failure::message)?;
    for w in &benches.warnings {
        eprintln!("warning: {}", crate::terminal::safe(w));
    }
    let county = CountySettings::new(
        rubric,
        options,
        settings.title.clone(),
        settings.collection.clone(),
        settings.tidy_options(),
    );
    tell_eligible(&benches, &county);
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::message(format!(
            "error: cannot make the folder {}: {e}",
            dir.display()
        ))
    })?;
    // Every document in every format: a PDF and a web page.
    let renderers =
        sendbench_generate::render::renderers(&Format::ALL, &args.pdf.render_options(false, false))
            .map_err(|e| Failure::message(e.to_string()))?;
    let files = documents(rubric, &benches, &county, &renderers).map_err(Failure::message)?;
    let paths: Vec<std::path::PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    let writes: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(&files)
        .map(|(p, (_, bytes))| (p.as_path(), bytes.as_slice()))
        .collect();
    write_all(&writes, args.force)?;
    sendbench_batch::published::write_record(dir, earlier, &record, settings.every_year)
        .map_err(|e| Failure::message(format!("error: {e}")))?;
    eprintln!(
        "Wrote {} files to {}: the county overview and, for {}, its report (PDF and web page), spreadsheet and open data",
        files.len(),
        dir.display(),
        match benches.reported_areas() {
            1 => "the 1 local area".to_owned(),
            k => format!("each of {k} local areas"),
        }
    );
    print_areas(&benches);
    Ok(())
}

/// An area whose options give fewer eligible schools than returned: no response rate is
/// shown for it, and the officer is told to check the number.
fn tell_eligible(benches: &CountyBenchmarks, county: &CountySettings) {
    for (area, bench) in &benches.areas {
        let n = benches.this_year(bench);
        if let Some(e) = county.options.eligible_in(area).filter(|&e| e < n) {
            eprintln!(
                "warning: the options say {} has {}, but {n} returned: no response rate is shown for it; check the number",
                crate::terminal::safe(area),
                count(e as usize, "eligible school", "eligible schools")
            );
        }
    }
}

/// The areas and how many schools returned in each, on standard output.
fn print_areas(benches: &CountyBenchmarks) {
    let year = benches.county.latest();
    println!(
        "{}, {} in {}:",
        count(benches.areas.len(), "local area", "local areas"),
        count(
            year.map_or(0, |y| y.school_count() as usize),
            "school",
            "schools"
        ),
        year.map(|y| y.year.to_string()).unwrap_or_default()
    );
    for (area, bench) in &benches.areas {
        println!(
            "  {}: {}",
            crate::terminal::safe(area),
            count(benches.this_year(bench) as usize, "school", "schools")
        );
    }
}
