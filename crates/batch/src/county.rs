//! A county's returns split into its local areas, and what an officer says about the
//! collection (an options file): the report title, how the data were collected, the
//! county's name and how many schools in each area were asked (for the response rate).
//!
//! Used by `area --by area` and `build --by area`: each local area gets its own report
//! with the county's figure beside its own, and the county an overview of every area side
//! by side. Areas are told apart by the name each return gives (case and spacing aside);
//! a return naming no area counts in the county's figures only, and the caller says so.

use std::collections::{BTreeMap, HashSet};

use sendbench_core::words::count;
use sendbench_core::{
    normalise_name, AcademicYear, AreaBenchmark, Disclosure, Publication, PublicationOptions,
    Return, Rubric,
};
use sendbench_generate::area::{Geography, TidyOptions, TOTAL};
use sendbench_generate::jobs::file_stem as slug;
use sendbench_generate::render::{Format, Renderer};
use sendbench_generate::view::{AreaReport, County, CountyReport, LocalArea, View};

use crate::settings::{self, Parsed, SettingsError};
use toml::de::DeValue;

/// The most areas an options file may give schools asked in: a county has tens, England
/// 153 local authorities. Past it, a run would spend seconds and print a warning per area
/// no return names (a 4 MB file of 130,000 areas took 3 s and 245 MB).
pub const MAX_OPTION_AREAS: usize = 1_000;

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
                        for (i, (area, n)) in areas.enumerate() {
                            let line = parsed.line(n);
                            if i == MAX_OPTION_AREAS {
                                problems.push(format!(
                                    "{line}: eligible: more than {MAX_OPTION_AREAS} areas; give only the areas the returns come from"
                                ));
                                break;
                            }
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

/// Each area the returns name (its name normalised), with its spellings and how many
/// returns use each, the most used first (on a tie, the first read): the spelling the area
/// is published under, as [`Publication`] names it.
fn area_spellings(returns: &[Return]) -> Vec<(String, Vec<(String, usize)>)> {
    let mut areas: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for r in returns {
        let Some(spelt) = r.assessment.school.area.as_deref().map(str::trim) else {
            continue;
        };
        let key = normalise_name(spelt);
        if key.is_empty() {
            continue;
        }
        let i = match areas.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                areas.push((key, Vec::new()));
                areas.len() - 1
            }
        };
        let spellings = &mut areas[i].1;
        match spellings.iter_mut().find(|(s, _)| s == spelt) {
            Some((_, n)) => *n += 1,
            None => spellings.push((spelt.to_owned(), 1)),
        }
    }
    for (_, spellings) in &mut areas {
        // Stable: of equal counts, the first read stays first.
        spellings.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    }
    areas
}

/// Warnings for an area spelt more than one way ("DSPL 4" and "dspl 4": one area, published
/// as most of its returns spell it), and for two areas whose names are close enough to be
/// one ("Welwyn Hatfield" and "Welwyn and Hatfield": published apart).
pub fn spelling_warnings(returns: &[Return]) -> Vec<String> {
    let areas = area_spellings(returns);
    let mut warnings: Vec<String> = areas
        .iter()
        .filter(|(_, spellings)| spellings.len() > 1)
        .map(|(_, spellings)| {
            let best = &spellings[0].0;
            format!(
                "the area {best:?} is spelt {} ways in the returns ({}): it is published as {best:?}",
                spellings.len(),
                spellings
                    .iter()
                    .map(|(s, n)| format!("{s:?} in {}", count(*n, "return", "returns")))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    let names: Vec<&str> = areas.iter().map(|(_, s)| s[0].0.as_str()).collect();
    warnings.extend(close_names(&names));
    warnings
}

/// Warnings for areas whose names are close enough to be one area spelt two ways
/// ("Welwyn Hatfield" and "Welwyn and Hatfield"): published apart, and said so.
fn close_names(names: &[&str]) -> Vec<String> {
    let mut warnings = Vec::new();
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
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
    let areas = area_spellings(returns);
    let names: Vec<&str> = areas
        .iter()
        .map(|(_, spellings)| spellings[0].0.as_str())
        .collect();
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
    let mut warnings = spelling_warnings(returns);
    warnings.extend(option_warnings(options, returns));
    Ok(warnings)
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
    let mut given: Vec<AcademicYear> = returns
        .iter()
        .filter_map(|r| {
            let review = &r.assessment.review;
            review
                .academic_year
                .or(review.date.map(AcademicYear::containing))
        })
        .collect();
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

/// A county's benchmarks: the whole, and each local area's, under one small-numbers rule.
#[derive(Debug, Clone)]
pub struct CountyBenchmarks {
    /// Every return together.
    pub county: AreaBenchmark,
    /// Each area's name and figures, in natural order.
    pub areas: Vec<(String, AreaBenchmark)>,
    /// Returns naming no area in the county's latest year: in the county's figures only.
    pub no_area: usize,
    /// What a person should know (each area's notices, prefixed with its name).
    pub warnings: Vec<String>,
}

impl CountyBenchmarks {
    /// Aggregates the county and each area, every figure under the rules of
    /// [`Publication`]. Errors name what cannot be done.
    pub fn build(
        rubric: &Rubric,
        returns: &[Return],
        options: &PublicationOptions,
    ) -> Result<CountyBenchmarks, String> {
        let publication =
            Publication::build(rubric, returns, options).map_err(|e| e.to_string())?;
        CountyBenchmarks::of(publication)
    }

    /// The county and its areas as `publication` (of returns naming local areas) has them,
    /// with every warning its tables raise, each prefixed with the table's name.
    pub fn of(publication: Publication) -> Result<CountyBenchmarks, String> {
        if publication.areas.is_empty() {
            return Err("no return names its local area, so there is nothing to split by: fill in each school's area (the \"Local area or cluster\" field, or an Area column)".to_owned());
        }
        let mut warnings: Vec<String> = (publication.notices.iter())
            .map(|n| format!("the county: {}", n.message))
            .collect();
        warnings.extend(table_warnings("the county", &publication.whole));
        warnings.extend(county_side_warnings(&publication.whole, &publication.areas));
        for (name, bench) in &publication.areas {
            warnings.extend(table_warnings(name, bench));
            let chars = name.chars().count();
            if chars > sendbench_generate::area::EES_ITEM_LIMIT {
                warnings.push(format!(
                    "{name}: the area's name has {chars} characters, more than the {} the EES API allows in the open data's local_area: EES will refuse the files; give the area a shorter name in the returns",
                    sendbench_generate::area::EES_ITEM_LIMIT
                ));
            }
        }
        let protected = publication.protected;
        if protected.strands + protected.duties > 0 {
            warnings.push(format!(
                "so that no withheld figure can be worked out from the county's figures and the other areas', {} and {} in the areas' reports are withheld as well (secondary suppression)",
                count(protected.strands, "strand figure", "strand figures"),
                count(protected.duties, "duty figure", "duty figures"),
            ));
        }
        let county = publication.whole;
        // An area with no return for the county's latest year gets no report of its own: a
        // report of an older year, with this year's response rate, would be published as if
        // current. The overview shows it with no return.
        let latest = county.latest().map(|y| y.year);
        if let Some(latest) = latest {
            for (name, bench) in &publication.areas {
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
        for none in &publication.no_area {
            warnings.push(format!(
                "{}: {} {} no local area: {} in the county's figures and in no area's ({})",
                none.year,
                count(none.schools.len(), "return", "returns"),
                if none.schools.len() == 1 {
                    "names"
                } else {
                    "name"
                },
                if none.schools.len() == 1 {
                    "it counts"
                } else {
                    "they count"
                },
                none.schools.join(", ")
            ));
        }
        let no_area = (publication.no_area.iter())
            .find(|n| Some(n.year) == latest)
            .map_or(0, |n| n.schools.len());
        Ok(CountyBenchmarks {
            county,
            areas: publication.areas,
            no_area,
            warnings,
        })
    }
}

/// A table's warnings (years on few schools, strands every school judged the same side),
/// each prefixed with its name.
fn table_warnings(name: &str, bench: &AreaBenchmark) -> Vec<String> {
    let reliability = bench.reliability_warnings().into_iter().map(|n| n.message);
    reliability
        .chain(bench.disclosure_warnings())
        .map(|w| format!("{name}: {w}"))
        .collect()
}

/// Strands where the county's figure is 0% or 100% at the strength levels while an area's
/// is withheld: every area's figure is then the same, so the withheld one can be read from
/// the county's whatever the areas publish (no secondary suppression can hide it).
fn county_side_warnings(county: &AreaBenchmark, areas: &[(String, AreaBenchmark)]) -> Vec<String> {
    let mut out = Vec::new();
    for year in &county.years {
        let withheld_in_an_area = |i: usize| {
            areas.iter().any(|(_, b)| {
                (b.years.iter().find(|y| y.year == year.year))
                    .is_some_and(|y| y.strands[i].disclosure == Disclosure::Withheld)
            })
        };
        let at = |all: bool| -> Vec<String> {
            (year.strands.iter().enumerate())
                .filter(|(i, s)| {
                    s.disclosure != Disclosure::Withheld
                        && s.respondents > 0
                        && (if all { s.strong } else { s.below }) == s.respondents
                        && withheld_in_an_area(*i)
                })
                .map(|(_, s)| s.code())
                .collect()
        };
        let level = &county.levels[county.strength_from];
        for (codes, percent) in [(at(true), "100%"), (at(false), "0%")] {
            if codes.is_empty() {
                continue;
            }
            out.push(format!(
                "the county: {}: across the county, {} {} at {percent} {level} or better, so every local area is too, and an area's withheld figure for {} is given away by the county's; to avoid that, publish {} without the areas' figures beside the county's",
                year.year,
                sendbench_core::words::and_list(&codes),
                if codes.len() == 1 { "is" } else { "are" },
                if codes.len() == 1 { "it" } else { "them" },
                if codes.len() == 1 { "that strand" } else { "those strands" },
            ));
        }
    }
    out
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

/// The names of the files [`documents`] makes with renderers of `formats`, in its order.
pub fn file_names(benches: &CountyBenchmarks, formats: &[Format]) -> Vec<String> {
    let open = |stem: &str| sendbench_generate::area::TidyFiles::names(stem).to_vec();
    let rendered = |stem: &str| {
        (formats.iter())
            .map(|f| format!("{stem}.{}", f.extension()))
            .collect::<Vec<_>>()
    };
    let mut names = rendered("county-overview");
    names.push("county.xlsx".to_owned());
    names.extend(open("county"));
    for (_, _, stem) in benches.reported() {
        names.extend(rendered(&stem));
        names.push(format!("{stem}.xlsx"));
        names.extend(open(&stem));
    }
    names
}

/// A view in every format, named `stem.ext`.
fn render_all(
    view: &View,
    stem: &str,
    renderers: &[Box<dyn Renderer>],
) -> Result<Vec<(String, Vec<u8>)>, String> {
    renderers
        .iter()
        .map(|r| {
            let name = format!("{stem}.{}", r.format().extension());
            let bytes = r.render(view).map_err(|e| format!("{name}: {e}"))?;
            Ok((name, bytes))
        })
        .collect()
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
    renderers: &[Box<dyn Renderer>],
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
        eligible_in_areas_only: settings.options.county_eligible.is_none(),
        no_area: benches.no_area,
    };
    let view = View::county(rubric, &benches.county, &locals, &overview)
        .map_err(|e| format!("county-overview: {e}"))?;
    files.extend(render_all(&view, "county-overview", renderers)?);
    files.push((
        "county.xlsx".to_owned(),
        spreadsheet(rubric, &benches.county, &title, "county.xlsx")?,
    ));
    let mut geographies = vec![Geography {
        local_area: TOTAL,
        bench: &benches.county,
    }];
    geographies.extend(benches.areas.iter().map(|(name, bench)| Geography {
        local_area: name,
        bench,
    }));
    files.extend(open_data(rubric, settings, "county", &geographies));
    for (name, bench, stem) in benches.reported() {
        files.extend(area_documents(
            rubric,
            benches,
            settings,
            renderers,
            (name, bench, &stem),
        )?);
    }
    Ok(files)
}

/// One local area's report beside the county's figures, its spreadsheet and its open data.
fn area_documents(
    rubric: &Rubric,
    benches: &CountyBenchmarks,
    settings: &CountySettings,
    renderers: &[Box<dyn Renderer>],
    (name, bench, stem): (&str, &AreaBenchmark, &str),
) -> Result<Vec<(String, Vec<u8>)>, String> {
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
    let view = View::area(rubric, bench, &report).map_err(|e| format!("{stem}: {e}"))?;
    let mut files = render_all(&view, stem, renderers)?;
    files.push((
        format!("{stem}.xlsx"),
        spreadsheet(rubric, bench, &area_title, stem)?,
    ));
    let geographies = [
        Geography {
            local_area: TOTAL,
            bench: &benches.county,
        },
        Geography {
            local_area: name,
            bench,
        },
    ];
    files.extend(open_data(rubric, settings, stem, &geographies));
    Ok(files)
}

/// A publication's spreadsheet, or why it cannot be made.
fn spreadsheet(
    rubric: &Rubric,
    bench: &AreaBenchmark,
    title: &str,
    name: &str,
) -> Result<Vec<u8>, String> {
    sendbench_generate::area::xlsx(bench, rubric, title)
        .map_err(|e| format!("{name}: cannot make the spreadsheet: {e}"))
}

/// The open data files (named from `stem`) for these geographies.
fn open_data(
    rubric: &Rubric,
    settings: &CountySettings,
    stem: &str,
    geographies: &[Geography<'_>],
) -> Vec<(String, Vec<u8>)> {
    let names = sendbench_generate::area::TidyFiles::names(stem);
    names
        .into_iter()
        .zip(sendbench_generate::area::tidy(geographies, rubric, &settings.tidy).into_files())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sendbench_core::{AcademicYear, Assessment};

    fn school(name: &str, urn: Option<&str>, area: Option<&str>, year: i16) -> Return {
        let mut a = Assessment::default();
        a.school.name = name.into();
        a.school.urn = urn.map(str::to_owned);
        a.school.area = area.map(str::to_owned);
        a.review.academic_year = Some(AcademicYear { start: year });
        Return::new(a, name)
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
            CountyBenchmarks::build(&rubric, &returns, &Default::default()).expect("benches");
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
        let names = file_names(&benches, &Format::ALL);
        assert!(names.iter().any(|n| n == "north.pdf"), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("south")), "{names:?}");
    }
}
