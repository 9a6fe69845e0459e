//! Area benchmark outputs. CSV: one row per academic year, outcome and strand, with the
//! counts at each level, the respondents and the percentages, for spreadsheets and scripts.

use sendbench_core::{AreaBenchmark, Rubric};

/// The benchmark as CSV (RFC 4180, UTF-8, a header row). Percent cells are empty where a
/// strand had no respondents, so nobody divides by zero by accident.
pub fn csv(bench: &AreaBenchmark, rubric: &Rubric) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["academic_year".into(), "outcome".into(), "strand".into()];
    for level in &bench.levels {
        header.push(format!("{level} (schools)"));
    }
    header.extend(["not judged (schools)".into(), "respondents".into()]);
    for level in &bench.levels {
        header.push(format!("{level} (% of respondents)"));
    }
    let strong: Vec<&str> = bench.levels[bench.strength_from..]
        .iter()
        .map(String::as_str)
        .collect();
    let strong = strong.join(" + ");
    header.extend([
        format!("{strong} (schools)"),
        format!("{strong} (% of respondents)"),
        format!("below {} (schools)", bench.levels[bench.strength_from]),
        format!(
            "below {} (% of respondents)",
            bench.levels[bench.strength_from]
        ),
        "descriptor".into(),
    ]);
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for year in &bench.years {
        for s in &year.strands {
            let pct = |p: Option<u32>| p.map(|p| p.to_string()).unwrap_or_default();
            let mut row: Vec<String> = vec![year.year.to_string(), s.outcome.clone(), s.code()];
            row.extend(s.counts.iter().map(u32::to_string));
            row.extend([s.not_judged.to_string(), s.respondents.to_string()]);
            match &s.percents {
                Some(p) => row.extend(p.iter().map(u32::to_string)),
                None => row.extend(bench.levels.iter().map(|_| String::new())),
            }
            row.extend([
                s.strong.to_string(),
                pct(s.strong_percent),
                s.below.to_string(),
                pct(s.below_percent),
            ]);
            // The strand's strength-level descriptor says what it is about.
            let descriptor = rubric
                .outcome(&s.outcome)
                .and_then(|o| o.strand(&s.strand))
                .map(|st| st.descriptors[bench.strength_from].clone())
                .unwrap_or_default();
            row.push(descriptor);
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}
