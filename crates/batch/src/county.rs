//! A county's returns split into its local areas, and what an officer says about the
//! collection (an options file): the report title, how the data were collected, the
//! county's name and how many schools in each area were asked (for the response rate).
//!
//! Used by `area --by area` and `build --by area`: each local area gets its own report
//! with the county's figure beside its own, and the county an overview of every area side
//! by side. Areas are told apart by the name each return gives (case and spacing aside);
//! a return naming no area counts in the county's figures only, and the caller says so.

use std::collections::{BTreeMap, HashMap, HashSet};

use sendbench_core::{normalise_name, AcademicYear, AreaBenchmark, AreaOptions, Return, Rubric};
use sendbench_generate::area::{Geography, TidyOptions, TOTAL};
use sendbench_generate::html::{Form, Pages};
use sendbench_generate::pdf::{AreaReport, County, CountyReport, Engine, LocalArea};

use crate::batch::slug;
use crate::settings::{self, Parsed, SettingsError};
use toml::de::DeValue;

/// What the officer says about a collection: a TOML file given with `--options`.
///
/// ```toml
/// title = "Hertfordshire SEND benchmark 2025/26"
/// collection = "SENCOs across Hertfordshire were asked to complete the toolkit survey in June 2026."
/// county = "Hertfordshire"          # the whole, in --by area reports
/// county-eligible = 480             # else the sum of [eligible], when it names every area
/// [eligible]                        # schools asked in each area: the response rate
/// "DSPL 1" = 52
/// "DSPL 2" = 47
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CollectionOptions {
    /// The report's title (a `--title` given on the command line wins).
    pub title: Option<String>,
    /// How the data were collected, in the officer's words.
    pub collection: Option<String>,
    /// The county's name, for the whole beside each area.
    pub county: Option<String>,
    /// Schools asked in the whole county.
    pub county_eligible: Option<u32>,
    /// Schools asked, per area name as the returns give it.
    pub eligible: BTreeMap<String, u32>,
}

impl CollectionOptions {
    /// Reads the options file (at most 4 MB, never a device), every problem at once, each
    /// with its line.
    pub fn load(path: &std::path::Path) -> Result<CollectionOptions, SettingsError> {
        let text = settings::read(path)?;
        CollectionOptions::from_toml(&text).map_err(SettingsError::Problems)
    }

    /// Reads the options file's text; every problem at once, each with its line. Text that
    /// goes into the documents (the title, the collection, the county's and areas' names)
    /// may not hold characters no document can carry.
    pub fn from_toml(text: &str) -> Result<CollectionOptions, Vec<String>> {
        let parsed = Parsed::new(text)?;
        let mut options = CollectionOptions::default();
        let mut problems = Vec::new();
        let count = |key: &str, v: &DeValue<'_>, line: &str, problems: &mut Vec<String>| {
            match settings::integer(v) {
                Some(n) if (1..=100_000).contains(&n) => Some(n as u32),
                _ => {
                    problems.push(format!(
                        "{line}: {key}: give the number of schools asked, e.g. 52"
                    ));
                    None
                }
            }
        };
        let printable = |what: &str, text: &str, line: &str, problems: &mut Vec<String>| {
            if let Some(odd) = settings::unprintable(text) {
                problems.push(format!(
                    "{line}: {what} holds {odd}, which no document can carry: take it out"
                ));
            }
        };
        for (key, value) in parsed.entries() {
            let line = parsed.line(value);
            let v = value.get_ref();
            match (key, settings::string(v)) {
                ("title" | "collection" | "county", Some(s)) => {
                    printable(key, s, &line, &mut problems);
                    let s = Some(s.to_owned());
                    match key {
                        "title" => options.title = s,
                        "collection" => options.collection = s,
                        _ => options.county = s,
                    }
                }
                ("title" | "collection" | "county", None) => {
                    problems.push(format!("{line}: {key}: give it as text in quotes"))
                }
                ("county-eligible", _) => {
                    options.county_eligible = count(key, v, &line, &mut problems)
                }
                ("eligible", _) => match settings::table_entries(v) {
                    Some(areas) => {
                        for (area, n) in areas {
                            let line = parsed.line(n);
                            let area = area.get_ref().as_ref();
                            printable(&format!("the area name {area:?}"), area, &line, &mut problems);
                            let key = format!("eligible.{area:?}");
                            if let Some(n) = count(&key, n.get_ref(), &line, &mut problems) {
                                options.eligible.insert(area.to_owned(), n);
                            }
                        }
                    }
                    None => problems.push(format!(
                        "{line}: eligible must be a table: an [eligible] line, then \"Area name\" = 52 lines"
                    )),
                },
                (other, _) => problems.push(format!(
                    "{line}: {other:?} is not an option: use title, collection, county, county-eligible and [eligible]"
                )),
            }
        }
        if problems.is_empty() {
            Ok(options)
        } else {
            Err(problems)
        }
    }

    /// Schools asked in an area (its name matched as the returns' are: case and spacing
    /// aside).
    pub fn eligible_in(&self, area: &str) -> Option<u32> {
        let key = normalise_name(area);
        self.eligible
            .iter()
            .find(|(name, _)| normalise_name(name) == key)
            .map(|(_, n)| *n)
    }

    /// Schools asked for one area report: in the area its latest year's returns all name,
    /// else in the whole county (`county-eligible`).
    pub fn eligible_for(&self, bench: &AreaBenchmark) -> Option<u32> {
        bench
            .latest()
            .and_then(|y| y.area())
            .and_then(|a| self.eligible_in(a))
            .or(self.county_eligible)
    }

    /// Schools asked in the whole county: as given, or the sum over `areas` when the options
    /// give every one of them.
    pub fn eligible_overall(&self, areas: &[&str]) -> Option<u32> {
        self.county_eligible.or_else(|| {
            areas
                .iter()
                .map(|a| self.eligible_in(a))
                .sum::<Option<u32>>()
                .filter(|_| !areas.is_empty())
        })
    }
}

/// Returns grouped by the area each names, in natural order ("DSPL 2" before "DSPL 10").
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Each area's name (as most of its returns spell it) and returns.
    pub areas: Vec<(String, Vec<Return>)>,
    /// Returns that name no area: in the county's figures only.
    pub no_area: Vec<Return>,
    /// What a person should check: an area spelt more than one way, two areas whose names
    /// are close enough to be one.
    pub warnings: Vec<String>,
}

/// Splits returns by the area each names: case, spacing and punctuation aside, so "DSPL 2"
/// and "dspl  2" are one area, published under the spelling most of its returns use (on a
/// tie, the first found), with a warning naming the spellings.
pub fn split_by_area(returns: &[Return]) -> Split {
    // Per area: each spelling with how many returns use it, and its returns.
    type Spellings = Vec<(String, usize)>;
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(Spellings, Vec<Return>)> = Vec::new();
    let mut split = Split::default();
    for r in returns {
        let name = r
            .assessment
            .school
            .area
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        let Some(name) = name else {
            split.no_area.push(r.clone());
            continue;
        };
        let i = *index.entry(normalise_name(name)).or_insert_with(|| {
            groups.push((Vec::new(), Vec::new()));
            groups.len() - 1
        });
        let (spellings, members) = &mut groups[i];
        match spellings.iter_mut().find(|(s, _)| s == name) {
            Some((_, n)) => *n += 1,
            None => spellings.push((name.to_owned(), 1)),
        }
        members.push(r.clone());
    }
    for (spellings, members) in groups {
        // The most used spelling; on a tie the first found (`max_by_key` keeps the last).
        let Some(best) = spellings
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map(|(s, _)| s.clone())
        else {
            continue;
        };
        if spellings.len() > 1 {
            split.warnings.push(format!(
                "the area {best:?} is spelt {} ways in the returns ({}): it is published as {best:?}",
                spellings.len(),
                spellings
                    .iter()
                    .map(|(s, n)| format!("{s:?} in {}", sendbench_core::words::count(*n, "return", "returns")))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        split.areas.push((best, members));
    }
    split.areas.sort_by_key(|a| natural(&a.0));
    split.warnings.extend(close_names(&split.areas));
    split
}

/// Warnings for areas whose names are close enough to be one area spelt two ways
/// ("Welwyn Hatfield" and "Welwyn and Hatfield"): published apart, and said so.
fn close_names(areas: &[(String, Vec<Return>)]) -> Vec<String> {
    let mut warnings = Vec::new();
    for (i, (a, _)) in areas.iter().enumerate() {
        for (b, _) in &areas[i + 1..] {
            if close(a, b) {
                warnings.push(format!(
                    "the areas {a:?} and {b:?} are published apart, but their names are close: if they are one area, correct the returns that spell it the other way"
                ));
            }
        }
    }
    warnings
}

/// Whether two area names are near enough to be one spelt two ways: close letters, or the
/// same words but for "and" and the like.
fn close(a: &str, b: &str) -> bool {
    let (a, b) = (normalise_name(a), normalise_name(b));
    let words = |s: &str| -> Vec<String> {
        s.split(' ')
            .filter(|w| !matches!(*w, "and" | "the" | "of"))
            .map(str::to_owned)
            .collect()
    };
    // Names that differ only in their numbers ("DSPL 2", "DSPL 3") are different areas.
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    digits(&a) == digits(&b) && (words(&a) == words(&b) || strsim::jaro_winkler(&a, &b) >= 0.93)
}

/// Warnings about the options beside the returns: an area the options give schools asked
/// in that no return names (its response rate would silently disappear), with the nearest
/// spelling the returns use.
pub fn option_warnings(options: &CollectionOptions, returns: &[Return]) -> Vec<String> {
    let split = split_by_area(returns);
    let names: Vec<&str> = split.areas.iter().map(|(n, _)| n.as_str()).collect();
    options
        .eligible
        .keys()
        .filter(|area| {
            let key = normalise_name(area);
            !names.iter().any(|n| normalise_name(n) == key)
        })
        .map(|area| {
            let nearest = names
                .iter()
                .copied()
                .filter(|n| close(n, area))
                .chain(sendbench_core::did_you_mean(area, names.iter().copied()))
                .next();
            format!(
                "the options give schools asked in {area:?}, but no return names that area, so no response rate is shown for it{}",
                match nearest {
                    Some(n) => format!(": did you mean {n:?}?"),
                    None if names.is_empty() => " (no return names an area)".to_owned(),
                    None => format!(" (the returns name {})", names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")),
                }
            )
        })
        .collect()
}

/// Checks a run's words against its returns before anything is made: the title and the
/// collection text (given on the command line, else by the options) may name no academic
/// year that no return is for (an error); and the warnings of [`option_warnings`].
pub fn check_collection(
    options: &CollectionOptions,
    title: Option<&str>,
    collection: Option<&str>,
    returns: &[Return],
) -> Result<Vec<String>, String> {
    let mut texts = Vec::new();
    for (what, given, from_options) in [
        ("the title", title, options.title.as_deref()),
        (
            "the collection text",
            collection,
            options.collection.as_deref(),
        ),
    ] {
        match (given, from_options) {
            (Some(text), _) => texts.push((what.to_owned(), text)),
            (None, Some(text)) => texts.push((format!("{what} in the options file"), text)),
            (None, None) => {}
        }
    }
    let texts: Vec<(&str, &str)> = texts.iter().map(|(w, t)| (w.as_str(), *t)).collect();
    check_named_years(&texts, returns)?;
    Ok(option_warnings(options, returns))
}

/// The academic years written in a text (`2025/26`, `2025-26`, `2025/2026`).
pub fn years_named(text: &str) -> Vec<AcademicYear> {
    let mut years = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '-' | '–'))) {
        if let Some(year) = AcademicYear::parse(&token.replace('–', "-")) {
            if !years.contains(&year) {
                years.push(year);
            }
        }
    }
    years
}

/// Refuses a run whose title or options name an academic year no return is for: its
/// documents would be published under that year over other years' data (a year's export
/// not read, say). `texts` are what names years, each with what it is ("the title").
pub fn check_named_years(texts: &[(&str, &str)], returns: &[Return]) -> Result<(), String> {
    let mut given: Vec<AcademicYear> = returns.iter().filter_map(year_of).collect();
    given.sort();
    given.dedup();
    for (what, text) in texts {
        for year in years_named(text) {
            if !given.contains(&year) {
                let returns = match given.as_slice() {
                    [] => "no return gives a year".to_owned(),
                    years => format!(
                        "the returns are for {}",
                        years
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                };
                return Err(format!(
                    "{what} names {year}, but no return is for {year} ({returns}): a file of {year}'s returns may not have been read (see the files above), or {what} is wrong"
                ));
            }
        }
    }
    Ok(())
}

/// A sort key that orders numbers within text by value: "DSPL 2" < "DSPL 10".
fn natural(text: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut n = c.to_digit(10).map_or(0, u64::from);
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            out.push((std::mem::take(&mut word).to_lowercase(), n));
        } else {
            word.push(c);
        }
    }
    out.push((word.to_lowercase(), 0));
    out
}

/// The academic year a return is for.
fn year_of(r: &Return) -> Option<AcademicYear> {
    let review = &r.assessment.review;
    review
        .academic_year
        .or(review.date.map(AcademicYear::containing))
}

/// A school's identity across years: its URN, else its name.
fn identity(r: &Return) -> String {
    match r.assessment.school.urn.as_deref().map(str::trim) {
        Some(urn) if !urn.is_empty() => format!("urn {urn}"),
        _ => format!("name {}", normalise_name(&r.assessment.school.name)),
    }
}

/// Only the returns of schools that returned in every year the returns cover (matched by
/// URN, else by name), so year-on-year figures compare the same schools. Also says how many
/// schools were left out.
pub fn every_year(returns: &[Return]) -> (Vec<Return>, usize) {
    let years: HashSet<Option<AcademicYear>> = returns.iter().map(year_of).collect();
    let mut seen: HashMap<String, HashSet<Option<AcademicYear>>> = HashMap::new();
    for r in returns {
        seen.entry(identity(r)).or_default().insert(year_of(r));
    }
    let kept: Vec<Return> = returns
        .iter()
        .filter(|r| {
            seen.get(&identity(r))
                .is_some_and(|y| y.len() == years.len())
        })
        .cloned()
        .collect();
    let left = seen.values().filter(|y| y.len() != years.len()).count();
    (kept, left)
}

/// A county's benchmarks: the whole, and each local area's, under one small-numbers rule.
#[derive(Debug, Clone)]
pub struct CountyBenchmarks {
    /// Every return together.
    pub county: AreaBenchmark,
    /// Each area's name and figures, in natural order.
    pub areas: Vec<(String, AreaBenchmark)>,
    /// Returns naming no area: in the county's figures only.
    pub no_area: usize,
    /// What a person should know (each area's notices, prefixed with its name).
    pub warnings: Vec<String>,
}

impl CountyBenchmarks {
    /// Aggregates the county and each area. Errors name the area.
    pub fn build(
        rubric: &Rubric,
        returns: &[Return],
        options: AreaOptions,
        strict: bool,
        suppress_below: Option<u32>,
    ) -> Result<CountyBenchmarks, String> {
        let mut warnings = Vec::new();
        let county = aggregate(
            rubric,
            returns,
            "the county",
            options,
            strict,
            suppress_below,
            &mut warnings,
        )?;
        let mut benches =
            CountyBenchmarks::around(county, rubric, returns, options, strict, suppress_below)?;
        warnings.append(&mut benches.warnings);
        benches.warnings = warnings;
        Ok(benches)
    }

    /// Each area's figures around the county's, already aggregated from `returns` (by
    /// `build`, which gives its warnings itself). Errors name the area.
    pub fn around(
        county: AreaBenchmark,
        rubric: &Rubric,
        returns: &[Return],
        options: AreaOptions,
        strict: bool,
        suppress_below: Option<u32>,
    ) -> Result<CountyBenchmarks, String> {
        let split = split_by_area(returns);
        if split.areas.is_empty() {
            return Err("no return names its local area, so there is nothing to split by: fill in each school's area (the \"Local area or cluster\" field, or an Area column)".to_owned());
        }
        let mut warnings = Vec::new();
        let bench = |returns: &[Return], name: &str, warnings: &mut Vec<String>| {
            aggregate(
                rubric,
                returns,
                name,
                options,
                strict,
                suppress_below,
                warnings,
            )
        };
        let mut areas = Vec::new();
        for (name, area_returns) in &split.areas {
            areas.push((name.clone(), bench(area_returns, name, &mut warnings)?));
        }
        // Each area's figures sit beside the county's, which are their sum: withhold more of
        // the areas' where one withheld could otherwise be worked out by subtraction.
        let mut parts: Vec<&mut AreaBenchmark> = areas.iter_mut().map(|(_, b)| b).collect();
        let protected = AreaBenchmark::protect_parts(&county, &mut parts);
        if protected.strands + protected.duties > 0 {
            warnings.push(format!(
                "so that no withheld figure can be worked out from the county's figures and the other areas', {} and {} in the areas' reports are withheld as well (secondary suppression)",
                sendbench_core::words::count(protected.strands, "strand figure", "strand figures"),
                sendbench_core::words::count(protected.duties, "duty figure", "duty figures"),
            ));
        }
        // An area with no return for the county's latest year gets no report of its own: a
        // report of an older year, with this year's response rate, would be published as if
        // current. The overview shows it with no return.
        if let Some(latest) = county.latest().map(|y| y.year) {
            for (name, bench) in &areas {
                if bench.latest().map(|y| y.year) != Some(latest) {
                    let years: Vec<String> =
                        bench.years.iter().map(|y| y.year.to_string()).collect();
                    warnings.push(format!(
                        "{name}: no return for {latest}, so no report is made for it; the county overview shows it with no return, and its returns from {} count in the county's figures for {}",
                        years.join(" and "),
                        if years.len() == 1 { "that year" } else { "those years" }
                    ));
                }
            }
        }
        warnings.extend(split.warnings.iter().cloned());
        if !split.no_area.is_empty() {
            warnings.push(format!(
                "{} name no local area: they count in the county's figures and in no area's ({})",
                if split.no_area.len() == 1 {
                    "1 return".to_owned()
                } else {
                    format!("{} returns", split.no_area.len())
                },
                split
                    .no_area
                    .iter()
                    .map(|r| r.assessment.school.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Ok(CountyBenchmarks {
            county,
            areas,
            no_area: split.no_area.len(),
            warnings,
        })
    }
}

impl CountyBenchmarks {
    /// The areas that get documents of their own, with their file stems: those with returns
    /// for the county's latest year.
    fn reported(&self) -> impl Iterator<Item = (&String, &AreaBenchmark, String)> {
        let latest = self.county.latest().map(|y| y.year);
        self.areas
            .iter()
            .zip(stems(self))
            .filter(move |((_, bench), _)| bench.latest().map(|y| y.year) == latest)
            .map(|((name, bench), stem)| (name, bench, stem))
    }

    /// How many schools in `bench` (an area's) returned for the county's latest year: 0 for an
    /// area with returns from earlier years only.
    pub fn this_year(&self, bench: &AreaBenchmark) -> u32 {
        let latest = self.county.latest().map(|y| y.year);
        bench
            .years
            .iter()
            .find(|y| Some(y.year) == latest)
            .map_or(0, |y| y.school_count())
    }

    /// How many areas get documents of their own (see `reported`).
    pub fn reported_areas(&self) -> usize {
        self.reported().count()
    }
}

/// One benchmark under the small-numbers rule, its notices and reliability warnings added to
/// `warnings` prefixed with `name`.
fn aggregate(
    rubric: &Rubric,
    returns: &[Return],
    name: &str,
    options: AreaOptions,
    strict: bool,
    suppress_below: Option<u32>,
    warnings: &mut Vec<String>,
) -> Result<AreaBenchmark, String> {
    let (mut bench, notices) = AreaBenchmark::build(rubric, returns, options, strict)
        .map_err(|e| format!("{name}: {e}"))?;
    if let Some(n) = suppress_below {
        bench
            .suppress_below(n)
            .map_err(|e| format!("{name}: {e}"))?;
    }
    warnings.extend(
        notices
            .into_iter()
            .map(|n| format!("{name}: {}", n.message)),
    );
    warnings.extend(
        bench
            .reliability_warnings()
            .into_iter()
            .map(|n| format!("{name}: {}", n.message)),
    );
    warnings.extend(
        bench
            .disclosure_warnings()
            .into_iter()
            .map(|w| format!("{name}: {w}")),
    );
    Ok(bench)
}

/// What the county's documents say about themselves.
#[derive(Debug, Clone, Default)]
pub struct CountySettings {
    /// The county's name ("Hertfordshire").
    pub name: String,
    /// The overview's title (else "NAME SEND benchmark YEAR: local areas").
    pub title: Option<String>,
    /// How the data were collected.
    pub collection: Option<String>,
    /// Schools asked, per area and overall.
    pub options: CollectionOptions,
    /// The open data's geography.
    pub tidy: TidyOptions,
}

/// The file stem of each area's documents, in the order of `benches.areas`: its name as
/// a slug, made distinct from the county's files and from each other.
fn stems(benches: &CountyBenchmarks) -> Vec<String> {
    let mut seen: HashSet<String> =
        HashSet::from(["county".to_owned(), "county-overview".to_owned()]);
    benches
        .areas
        .iter()
        .map(|(name, _)| {
            let mut stem = slug(name);
            while !seen.insert(stem.clone()) {
                stem.push_str("-area");
            }
            stem
        })
        .collect()
}

/// The names of the files [`documents`] makes, in its order.
pub fn file_names(benches: &CountyBenchmarks) -> Vec<String> {
    let open = |stem: &str| sendbench_generate::area::TidyFiles::names(stem).to_vec();
    let mut names = vec![
        "county-overview.pdf".to_owned(),
        "county-overview.html".to_owned(),
        "county.xlsx".to_owned(),
    ];
    names.extend(open("county"));
    for (_, _, stem) in benches.reported() {
        names.push(format!("{stem}.pdf"));
        names.push(format!("{stem}.html"));
        names.push(format!("{stem}.xlsx"));
        names.extend(open(&stem));
    }
    names
}

impl CountySettings {
    /// The settings from the officer's options: a title and collection text given on the
    /// command line win over the options file's; the county is named by the options, else
    /// by the rubric's area.
    pub fn new(
        rubric: &Rubric,
        options: CollectionOptions,
        title: Option<String>,
        collection: Option<String>,
        tidy: TidyOptions,
    ) -> CountySettings {
        CountySettings {
            name: options
                .county
                .clone()
                .or_else(|| rubric.area.clone())
                .unwrap_or_else(|| "The county".to_owned()),
            title: title.or_else(|| options.title.clone()),
            collection: collection.or_else(|| options.collection.clone()),
            options,
            tidy,
        }
    }
}

/// Every document of a county split by area, as (file name, bytes) in the order of
/// [`file_names`], made before any is written: the overview (`county-overview.pdf` and its
/// web page), the county's spreadsheet and open data (every area beside the county's total),
/// and for each area its report as PDF and web page (with the county's figure beside each
/// strand), spreadsheet and open data (the area beside the county).
pub fn documents(
    rubric: &Rubric,
    benches: &CountyBenchmarks,
    settings: &CountySettings,
    (engine, pages): (&Engine, &Pages),
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let year = benches
        .county
        .latest()
        .map(|y| y.year.to_string())
        .unwrap_or_default();
    let title = settings
        .title
        .clone()
        .unwrap_or_else(|| format!("{} SEND benchmark {year}: local areas", settings.name));
    let names: Vec<&str> = benches.areas.iter().map(|(n, _)| n.as_str()).collect();
    let locals: Vec<LocalArea<'_>> = benches
        .areas
        .iter()
        .map(|(name, bench)| LocalArea {
            name,
            bench,
            eligible: settings.options.eligible_in(name),
        })
        .collect();
    let overview = CountyReport {
        title: &title,
        name: &settings.name,
        collection: settings.collection.as_deref(),
        eligible: settings.options.eligible_overall(&names),
        no_area: benches.no_area,
    };
    let pdf = engine
        .county_report(rubric, &benches.county, &locals, &overview)
        .map_err(|e| format!("county-overview.pdf: {e}"))?;
    files.push(("county-overview.pdf".to_owned(), pdf));
    let html = pages
        .county(rubric, &benches.county, &locals, &overview, Form::Page)
        .map_err(|e| format!("county-overview.html: {e}"))?;
    files.push(("county-overview.html".to_owned(), html.into_bytes()));
    let spreadsheet = |bench: &AreaBenchmark, title: &str, name: &str| {
        sendbench_generate::area::xlsx(bench, rubric, title)
            .map_err(|e| format!("{name}: cannot make the spreadsheet: {e}"))
    };
    files.push((
        "county.xlsx".to_owned(),
        spreadsheet(&benches.county, &title, "county.xlsx")?,
    ));
    let mut geographies = vec![Geography {
        local_area: TOTAL,
        bench: &benches.county,
    }];
    geographies.extend(benches.areas.iter().map(|(name, bench)| Geography {
        local_area: name,
        bench,
    }));
    let open = |stem: &str, geographies: &[Geography<'_>]| {
        let names = sendbench_generate::area::TidyFiles::names(stem);
        names
            .into_iter()
            .zip(sendbench_generate::area::tidy(geographies, rubric, &settings.tidy).into_files())
    };
    files.extend(open("county", &geographies));
    for (name, bench, stem) in benches.reported() {
        let area_title = bench.default_title(rubric);
        let report = AreaReport {
            title: &area_title,
            collection: settings.collection.as_deref(),
            eligible: settings.options.eligible_in(name),
            county: Some(County {
                name: &settings.name,
                bench: &benches.county,
            }),
        };
        let pdf = engine
            .area_report_with(rubric, bench, &report)
            .map_err(|e| format!("{stem}.pdf: {e}"))?;
        files.push((format!("{stem}.pdf"), pdf));
        let html = pages
            .area(rubric, bench, &report, Form::Page)
            .map_err(|e| format!("{stem}.html: {e}"))?;
        files.push((format!("{stem}.html"), html.into_bytes()));
        files.push((
            format!("{stem}.xlsx"),
            spreadsheet(bench, &area_title, &stem)?,
        ));
        files.extend(open(
            &stem,
            &[
                Geography {
                    local_area: TOTAL,
                    bench: &benches.county,
                },
                Geography {
                    local_area: name,
                    bench,
                },
            ],
        ));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sendbench_core::Assessment;

    fn school(name: &str, urn: Option<&str>, area: Option<&str>, year: i16) -> Return {
        let mut a = Assessment::default();
        a.school.name = name.into();
        a.school.urn = urn.map(str::to_owned);
        a.school.area = area.map(str::to_owned);
        a.review.academic_year = Some(AcademicYear { start: year });
        Return::new(a, name)
    }

    #[test]
    fn areas_come_in_natural_order_and_their_spelling_is_forgiven() {
        let split = split_by_area(&[
            school("A", None, Some("DSPL 10"), 2025),
            school("B", None, Some("DSPL 2"), 2025),
            school("C", None, Some("dspl  2"), 2025),
            school("D", None, None, 2025),
            school("E", None, Some("  "), 2025),
        ]);
        let names: Vec<(&str, usize)> = split
            .areas
            .iter()
            .map(|(n, r)| (n.as_str(), r.len()))
            .collect();
        assert_eq!(names, [("DSPL 2", 2), ("DSPL 10", 1)]);
        assert_eq!(split.no_area.len(), 2);
    }

    #[test]
    fn every_year_keeps_the_schools_that_returned_each_year() {
        let returns = [
            school("Oak", Some("1"), None, 2024),
            school("Oak Primary", Some("1"), None, 2025),
            school("Ash", None, None, 2024),
            school("ash", None, None, 2025),
            school("Elm", Some("3"), None, 2025),
        ];
        let (kept, left) = every_year(&returns);
        let names: Vec<&str> = kept
            .iter()
            .map(|r| r.assessment.school.name.as_str())
            .collect();
        assert_eq!(names, ["Oak", "Oak Primary", "Ash", "ash"]);
        assert_eq!(left, 1);
    }

    #[test]
    fn the_options_file_gives_every_problem_at_once() {
        let problems = CollectionOptions::from_toml(
            "title = 3\ncolour = \"red\"\n[eligible]\n\"DSPL 1\" = -4\n",
        )
        .expect_err("problems");
        assert_eq!(problems.len(), 3, "{problems:?}");
        let options = CollectionOptions::from_toml(
            "county = \"Hertfordshire\"\n[eligible]\n\"DSPL 1\" = 52\n\"DSPL 2\" = 40\n",
        )
        .expect("valid");
        assert_eq!(options.eligible_in("dspl 1"), Some(52));
        assert_eq!(options.eligible_overall(&["DSPL 1", "DSPL 2"]), Some(92));
        assert_eq!(options.eligible_overall(&["DSPL 1", "DSPL 3"]), None);
    }

    #[test]
    fn an_area_with_no_return_this_year_gets_no_report_but_is_told() {
        let rubric = Rubric::builtin();
        let returns = [
            school("Oak", Some("1"), Some("North"), 2025),
            school("Ash", Some("2"), Some("North"), 2024),
            school("Elm", Some("3"), Some("South"), 2024),
        ]
        .map(|mut r| {
            r.assessment.rubric.id = rubric.id.clone();
            r.assessment.rubric.version = rubric.version.clone();
            r
        });
        let benches =
            CountyBenchmarks::build(&rubric, &returns, AreaOptions::default(), false, None)
                .expect("benches");
        assert_eq!(benches.areas.len(), 2);
        assert_eq!(benches.reported_areas(), 1);
        let (north, south) = (&benches.areas[0].1, &benches.areas[1].1);
        assert_eq!((benches.this_year(north), benches.this_year(south)), (1, 0));
        assert!(
            benches.warnings.iter().any(|w| w
                == "South: no return for 2025/26, so no report is made for it; the county overview shows it with no return, and its returns from 2024/25 count in the county's figures for that year"),
            "{:?}",
            benches.warnings
        );
        let names = file_names(&benches);
        assert!(names.iter().any(|n| n == "north.pdf"), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("south")), "{names:?}");
    }
}
