//! What `area` publishes from one set of returns, worked out in one place for every caller
//! (the command line's `area` and `report --compare`, the whole-area build, a web page), so
//! none can forget a step: each school counted once, the county exactly the sum of its local
//! areas and the returns naming none, the small-numbers rule, and the secondary suppression
//! of every table one set of returns can publish, protected together (see
//! [`crate::disclosure`]). Two runs over the same returns (with and without `--every-year`,
//! with and without `--by area`, a school's report beside its area) publish the same figure
//! for the same cell.

mod record;

use std::collections::HashMap;

pub use record::{withhold_changed, PublishedRecord, PublishedYear, Revision};

use crate::area::{
    distinct, year_of, AreaBenchmark, AreaError, AreaNotice, AreaOptions, DutyFigures, Return,
    MIN_SUPPRESSION,
};
use crate::assessment::AcademicYear;
use crate::disclosure::family::ItemTables;
use crate::disclosure::parts::Row;
use crate::disclosure::{Disclosure, Protected};
use crate::rubric::Rubric;
use crate::schools::{group_schools, normalise_name, SchoolId};

/// How a publication is made.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublicationOptions {
    /// Strengths, areas for development and their thresholds.
    pub area: AreaOptions,
    /// Refuse a school sent twice in one year instead of counting its latest review.
    pub strict: bool,
    /// The small-numbers threshold, if any (at least [`MIN_SUPPRESSION`]).
    pub suppress_below: Option<u32>,
    /// Count only the schools that returned in every year the returns cover.
    pub every_year: bool,
    /// What was published before from these returns' years, if kept: this publication says
    /// where the two side by side give away schools that changed ([`Publication::revisions`]).
    pub earlier: Option<PublishedRecord>,
    /// Withhold every figure that would differ from `earlier`'s (the safe way to re-issue
    /// figures after a late or corrected return).
    pub withhold_changed: bool,
}

/// The returns of one year that name no local area: counted in the whole only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoArea {
    /// The year.
    pub year: AcademicYear,
    /// The schools' names, as their returns give them, in the order read.
    pub schools: Vec<String>,
}

/// One set of returns as `area` publishes it.
#[derive(Debug, Clone)]
pub struct Publication {
    /// Every return counted together (a county, or one area's returns).
    pub whole: AreaBenchmark,
    /// Each local area the returns name, in natural order ("DSPL 2" before "DSPL 10"), spelt
    /// as most of its returns spell it; empty when no return names one.
    pub areas: Vec<(String, AreaBenchmark)>,
    /// Per year, the returns counted in the whole that name no local area.
    pub no_area: Vec<NoArea>,
    /// With `every_year`, how many schools were left out for not returning every year.
    pub left_out: usize,
    /// What the person aggregating should know: duplicates, returns without a year.
    pub notices: Vec<AreaNotice>,
    /// Figures withheld by secondary suppression beyond each table's own rule, in this
    /// publication's tables.
    pub protected: Protected,
    /// Strands and duties withheld because they would differ from the earlier publication
    /// (with `withhold_changed`).
    pub withheld_as_changed: usize,
    /// Years of tables whose figures, beside the earlier publication's, give away schools
    /// that changed (empty without `earlier`, or when it is safe).
    pub revisions: Vec<Revision>,
}

/// One set of returns split by the area each names.
struct Split<'a> {
    /// Each area's key (its name normalised) and returns, in the order first found.
    areas: Vec<(String, Vec<&'a Return>)>,
    none: Vec<&'a Return>,
}

fn area_key(r: &Return) -> Option<String> {
    let area = r.assessment.school.area.as_deref()?;
    Some(normalise_name(area)).filter(|k| !k.is_empty())
}

fn split<'a>(returns: &[&'a Return], keys: &[String]) -> Split<'a> {
    let mut split = Split {
        areas: keys.iter().map(|k| (k.clone(), Vec::new())).collect(),
        none: Vec::new(),
    };
    for r in returns {
        match area_key(r).and_then(|k| keys.iter().position(|x| *x == k)) {
            Some(i) => split.areas[i].1.push(r),
            None => split.none.push(r),
        }
    }
    split
}

/// Each area's key and the spelling most of its returns use (on a tie, the first read), in
/// natural order.
fn area_names(returns: &[&Return]) -> Vec<(String, String)> {
    let mut order: Vec<String> = Vec::new();
    let mut spellings: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for r in returns {
        let Some(key) = area_key(r) else { continue };
        let spelt = r
            .assessment
            .school
            .area
            .as_deref()
            .unwrap_or_default()
            .trim();
        let list = spellings.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Vec::new()
        });
        match list.iter_mut().find(|(s, _)| s == spelt) {
            Some((_, n)) => *n += 1,
            None => list.push((spelt.to_owned(), 1)),
        }
    }
    let mut names: Vec<(String, String)> = order
        .into_iter()
        .map(|key| {
            let list = &spellings[&key];
            let most = list.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let name = list
                .iter()
                .find(|(_, n)| *n == most)
                .map(|(s, _)| s.clone());
            (key, name.unwrap_or_default())
        })
        .collect();
    names.sort_by_key(|(_, name)| natural(name));
    names
}

/// A sort key that orders numbers within text by value: "DSPL 2" < "DSPL 10".
pub(crate) fn natural(text: &str) -> Vec<(String, u64)> {
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

/// The returns of schools that returned in every year the returns cover (the same school
/// across years by the rule of [`group_schools`]), and how many schools are left out.
fn every_year<'a>(returns: &[&'a Return]) -> (Vec<&'a Return>, usize) {
    let years: std::collections::BTreeSet<Option<AcademicYear>> =
        returns.iter().map(|r| year_of(&r.assessment)).collect();
    // Across years: a school's identity without its year.
    let ids: Vec<SchoolId> = returns
        .iter()
        .map(|r| SchoolId {
            year: None,
            ..SchoolId::of(&r.assessment)
        })
        .collect();
    let groups = group_schools(&ids).groups;
    let mut keep = vec![false; returns.len()];
    let mut left_out = 0;
    for group in groups {
        let covered: std::collections::BTreeSet<Option<AcademicYear>> = group
            .iter()
            .map(|&i| year_of(&returns[i].assessment))
            .collect();
        if covered.len() == years.len() {
            for i in group {
                keep[i] = true;
            }
        } else {
            left_out += 1;
        }
    }
    let kept = returns
        .iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(*r))
        .collect();
    (kept, left_out)
}

/// One variant of the family: the whole, each area (in the order of the keys), and the
/// returns naming no area.
struct Tables<'a> {
    whole: AreaBenchmark,
    areas: Vec<AreaBenchmark>,
    rest: AreaBenchmark,
    none: Vec<&'a Return>,
}

impl<'a> Tables<'a> {
    fn of(rubric: &Rubric, returns: &[&'a Return], keys: &[String], o: AreaOptions) -> Self {
        let split = split(returns, keys);
        Tables {
            whole: AreaBenchmark::of_distinct(rubric, returns, o),
            areas: (split.areas.iter())
                .map(|(_, list)| AreaBenchmark::of_distinct(rubric, list, o))
                .collect(),
            rest: AreaBenchmark::of_distinct(rubric, &split.none, o),
            none: split.none,
        }
    }

    /// Checks, in every year, that the whole is exactly its areas and the returns naming no
    /// area, strand by strand and duty by duty: what secondary suppression rests on, and
    /// what a reader adding up the published tables must find.
    fn check_sums(&self) -> Result<(), AreaError> {
        for year in &self.whole.years {
            let parts: Vec<&crate::YearBenchmark> = (self.areas.iter())
                .chain(std::iter::once(&self.rest))
                .filter_map(|b| b.years.iter().find(|y| y.year == year.year))
                .collect();
            let schools: u32 = parts.iter().map(|p| p.school_count()).sum();
            let mut wrong = (schools != year.school_count()).then(|| "schools".to_owned());
            for (i, s) in year.strands.iter().enumerate() {
                let sum = |f: &dyn Fn(&crate::StrandFigures) -> Vec<u32>| {
                    parts.iter().fold(vec![0; f(s).len()], |acc, p| {
                        acc.iter()
                            .zip(f(&p.strands[i]))
                            .map(|(a, b)| a + b)
                            .collect()
                    })
                };
                let counts = |f: &crate::StrandFigures| {
                    let mut v = f.counts.clone();
                    v.push(f.not_judged);
                    v
                };
                if sum(&counts) != counts(s) {
                    wrong.get_or_insert_with(|| s.code());
                }
            }
            for (i, d) in year.checklist.iter().enumerate() {
                let duty = |d: &DutyFigures| [d.met, d.partly_met, d.not_met, d.unanswered];
                let total = parts.iter().fold([0; 4], |mut acc, p| {
                    for (a, b) in acc.iter_mut().zip(duty(&p.checklist[i])) {
                        *a += b;
                    }
                    acc
                });
                if total != duty(d) {
                    wrong.get_or_insert_with(|| d.item.clone());
                }
            }
            if let Some(what) = wrong {
                return Err(AreaError::Inconsistent(format!(
                    "{}: the whole's figures for {what} are not the sum of its local areas' and the returns naming no area",
                    year.year
                )));
            }
        }
        Ok(())
    }

    /// Each table with its name in a record: the whole, then each area (named as in
    /// `names`).
    fn named<'b>(
        &'b mut self,
        names: &[(String, String)],
        every_year: bool,
    ) -> Vec<(String, &'b mut AreaBenchmark)> {
        std::iter::once((table_name(None, every_year), &mut self.whole))
            .chain(
                (names.iter().zip(self.areas.iter_mut()))
                    .map(|((_, name), b)| (table_name(Some(name), every_year), b)),
            )
            .collect()
    }

    fn withhold_changed(
        &mut self,
        names: &[(String, String)],
        every_year: bool,
        earlier: &PublishedRecord,
    ) -> usize {
        (self.named(names, every_year).into_iter())
            .map(|(table, bench)| withhold_changed(bench, &table, earlier))
            .sum()
    }

    fn revisions(
        &mut self,
        names: &[(String, String)],
        every_year: bool,
        earlier: &PublishedRecord,
        threshold: u32,
    ) -> Vec<Revision> {
        let mut out = Vec::new();
        for (table, bench) in self.named(names, every_year) {
            for year in &bench.years {
                out.extend(earlier.revision(&table, year, threshold));
            }
        }
        out
    }

    fn suppress_below(&mut self, n: u32) -> Result<(), AreaError> {
        for b in std::iter::once(&mut self.whole).chain(self.areas.iter_mut()) {
            b.suppress_below(n)?;
        }
        Ok(())
    }
}

/// The name a table goes by in a [`PublishedRecord`]: `""` for the whole, an area's name
/// normalised, the every-year tables prefixed.
fn table_name(area: Option<&str>, every_year: bool) -> String {
    let name = area.map(normalise_name).unwrap_or_default();
    if every_year {
        format!("every year: {name}")
    } else {
        name
    }
}

impl Publication {
    /// Aggregates `returns` and applies every disclosure rule, as `area` publishes them.
    pub fn build(
        rubric: &Rubric,
        returns: &[Return],
        options: &PublicationOptions,
    ) -> Result<Publication, AreaError> {
        if let Some(n) = options.suppress_below.filter(|&n| n < MIN_SUPPRESSION) {
            return Err(AreaError::Threshold(n));
        }
        let (kept, notices) = distinct(rubric, returns, options.strict)?;
        let (every, left_out) = every_year(&kept);
        let names = area_names(&kept);
        let keys: Vec<String> = names.iter().map(|(k, _)| k.clone()).collect();
        let mut ordinary = Tables::of(rubric, &kept, &keys, options.area);
        let mut every = Tables::of(rubric, &every, &keys, options.area);
        ordinary.check_sums()?;
        every.check_sums()?;
        let mut protected = (Protected::default(), Protected::default());
        if let Some(n) = options.suppress_below {
            ordinary.suppress_below(n)?;
            every.suppress_below(n)?;
        }
        let mut withheld_as_changed = [0, 0];
        if let (Some(earlier), true) = (&options.earlier, options.withhold_changed) {
            for (side, tables) in [&mut ordinary, &mut every].into_iter().enumerate() {
                withheld_as_changed[side] = tables.withhold_changed(&names, side == 1, earlier);
            }
        }
        if let Some(n) = options.suppress_below {
            let mut family = Family {
                county: &mut ordinary.whole,
                areas: ordinary.areas.iter_mut().collect(),
                county_every: &mut every.whole,
                areas_every: every.areas.iter_mut().collect(),
            };
            protected = protect_family(&mut family, n);
        }
        let (mut tables, protected, left_out, withheld_as_changed) = if options.every_year {
            (every, protected.1, left_out, withheld_as_changed[1])
        } else {
            (ordinary, protected.0, 0, withheld_as_changed[0])
        };
        let threshold = options.suppress_below.unwrap_or(MIN_SUPPRESSION);
        let revisions = match &options.earlier {
            Some(earlier) => tables.revisions(&names, options.every_year, earlier, threshold),
            None => Vec::new(),
        };
        Ok(Publication {
            no_area: no_area(&tables.none),
            whole: tables.whole,
            areas: (names.into_iter().map(|(_, name)| name))
                .zip(tables.areas)
                .filter(|(_, b)| !b.years.is_empty())
                .collect(),
            left_out,
            notices,
            protected,
            withheld_as_changed,
            revisions,
        })
    }

    /// What this publication shows, to keep beside its outputs for the next run to compare
    /// with (see [`PublishedRecord`]).
    pub fn record(&self, every_year: bool) -> PublishedRecord {
        let mut record = PublishedRecord::default();
        record.add(&table_name(None, every_year), &self.whole);
        for (name, bench) in &self.areas {
            record.add(&table_name(Some(name), every_year), bench);
        }
        record
    }
}

/// The returns naming no area, by year, oldest first.
fn no_area(none: &[&Return]) -> Vec<NoArea> {
    let mut out: Vec<NoArea> = Vec::new();
    for r in none {
        let Some(year) = year_of(&r.assessment) else {
            continue;
        };
        let name = r.assessment.school.name.clone();
        match out.iter_mut().find(|n| n.year == year) {
            Some(n) => n.schools.push(name),
            None => out.push(NoArea {
                year,
                schools: vec![name],
            }),
        }
    }
    out.sort_by_key(|n| n.year);
    out
}

/// The benchmarks of one publication family, as [`protect_family`] takes them.
struct Family<'a> {
    county: &'a mut AreaBenchmark,
    areas: Vec<&'a mut AreaBenchmark>,
    county_every: &'a mut AreaBenchmark,
    areas_every: Vec<&'a mut AreaBenchmark>,
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Strand(usize),
    Duty(usize),
}

/// A table's row for one item of one year: the strand's counts, or a duty's as not fully
/// met (partly, not met) below met. A table without the year has no schools.
fn item_row(bench: &AreaBenchmark, year: Option<usize>, item: Item, levels: usize) -> Row {
    let Some(y) = year else {
        return Row::published(vec![0; levels], Disclosure::Full);
    };
    match item {
        Item::Strand(i) => {
            let s = &bench.years[y].strands[i];
            Row::published(s.counts.clone(), s.disclosure)
        }
        Item::Duty(i) => {
            let d = &bench.years[y].checklist[i];
            Row::published(vec![d.partly_met, d.not_met, d.met], d.disclosure)
        }
    }
}

/// Sets an item's disclosure; whether it changed.
fn set_disclosure(
    bench: &mut AreaBenchmark,
    year: Option<usize>,
    item: Item,
    d: Disclosure,
) -> bool {
    let Some(y) = year else { return false };
    let slot = match item {
        Item::Strand(i) => &mut bench.years[y].strands[i].disclosure,
        Item::Duty(i) => &mut bench.years[y].checklist[i].disclosure,
    };
    std::mem::replace(slot, d) != d
}

impl Family<'_> {
    /// Each table's index of `year`, if it has it: the county, its areas, the every-year
    /// county and its areas.
    fn years(&self, year: AcademicYear) -> [Vec<Option<usize>>; 4] {
        let find = |b: &AreaBenchmark| b.years.iter().position(|y| y.year == year);
        [
            vec![find(self.county)],
            self.areas.iter().map(|b| find(b)).collect(),
            vec![find(self.county_every)],
            self.areas_every.iter().map(|b| find(b)).collect(),
        ]
    }

    fn tables(&self, at: &[Vec<Option<usize>>; 4], item: Item, levels: usize) -> ItemTables {
        let rows = |benches: &[&mut AreaBenchmark], at: &[Option<usize>]| -> Vec<Row> {
            benches
                .iter()
                .zip(at)
                .map(|(b, y)| item_row(b, *y, item, levels))
                .collect()
        };
        ItemTables {
            county: item_row(self.county, at[0][0], item, levels),
            areas: rows(&self.areas, &at[1]),
            county_every: item_row(self.county_every, at[2][0], item, levels),
            areas_every: rows(&self.areas_every, &at[3]),
        }
    }

    /// Writes back an item's protected disclosures, counting the figures that changed in
    /// the ordinary and the every-year tables.
    fn apply(&mut self, at: &[Vec<Option<usize>>; 4], item: Item, t: &ItemTables) -> [usize; 2] {
        let mut changed = [0, 0];
        for (i, row) in t.areas.iter().enumerate() {
            changed[0] += usize::from(set_disclosure(
                self.areas[i],
                at[1][i],
                item,
                row.disclosure,
            ));
        }
        for (i, row) in t.areas_every.iter().enumerate() {
            let d = row.disclosure;
            changed[1] += usize::from(set_disclosure(self.areas_every[i], at[3][i], item, d));
        }
        let d = t.county_every.disclosure;
        changed[1] += usize::from(set_disclosure(self.county_every, at[2][0], item, d));
        changed
    }
}

/// Protects every year, strand and duty of the family together (see
/// [`crate::disclosure`]'s family). Every table must already be under its own small-numbers
/// rule with threshold `n`. Returns how many items had figures withheld beyond their own
/// rule (one area's item in one year each), in the ordinary tables and in the every-year
/// tables.
fn protect_family(family: &mut Family<'_>, n: u32) -> (Protected, Protected) {
    let mut tally = [Protected::default(), Protected::default()];
    let years: Vec<AcademicYear> = family.county.years.iter().map(|y| y.year).collect();
    for (cy, year) in years.into_iter().enumerate() {
        let at = family.years(year);
        let (strands, duties) = {
            let y = &family.county.years[cy];
            (y.strands.len(), y.checklist.len())
        };
        let levels = family.county.levels.len();
        let strength_from = family.county.strength_from;
        let items = (0..strands)
            .map(|i| (Item::Strand(i), levels, strength_from))
            .chain((0..duties).map(|i| (Item::Duty(i), 3, 2)));
        let mut touched = false;
        for (item, levels, strength_from) in items {
            let mut t = family.tables(&at, item, levels);
            t.protect(strength_from, n);
            for (side, changed) in family.apply(&at, item, &t).into_iter().enumerate() {
                touched |= changed > 0;
                match item {
                    Item::Strand(_) => tally[side].strands += changed,
                    Item::Duty(_) => tally[side].duties += changed,
                }
            }
        }
        if touched {
            let benches = (family.areas.iter_mut())
                .chain(family.areas_every.iter_mut())
                .map(|b| &mut **b)
                .chain([&mut *family.county_every]);
            for bench in benches {
                if let Some(y) = bench.years.iter().position(|y| y.year == year) {
                    bench.refresh_highlights(y);
                }
            }
        }
    }
    let [ordinary, every] = tally;
    (ordinary, every)
}
