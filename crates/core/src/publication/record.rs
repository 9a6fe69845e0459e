//! What was published before: a record of each table's schools and published figures, kept
//! beside the outputs, so a re-run can say when two publications side by side give away
//! what neither does alone.
//!
//! No tool can stop a person subtracting one publication from another. When a late return
//! arrives after the figures went out, the re-issued county less the first issue is that one
//! school's own judgements, strand by strand; a corrected return likewise. So each run keeps
//! what it published (every table's schools, by URN or name, and every published figure:
//! nothing a reader of the outputs does not already have) and compares: where a year's
//! figures change because few schools changed, it says so and names the safe choice, which
//! [`withhold_changed`] makes: every figure that would differ from the earlier publication is
//! withheld, so the two side by side show nothing of the schools that changed.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::area::{AreaBenchmark, YearBenchmark};
use crate::disclosure::Disclosure;
use crate::schools::normalise_name;

/// One table's year as published: who is counted and every figure shown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PublishedYear {
    /// The schools counted, by URN (`urn 117234`) or else name, sorted.
    pub schools: Vec<String>,
    /// Per strand then duty, in rubric order, its published counts: each level, then the
    /// headline sides (a duty: met, partly met, not met, not fully met), `c` where withheld.
    pub figures: Vec<Vec<String>>,
}

/// Everything one run published: each table (the whole as `""`, an area by its name, the
/// every-year tables prefixed `every year: `) by academic year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PublishedRecord {
    /// The tables.
    pub tables: BTreeMap<String, BTreeMap<String, PublishedYear>>,
}

/// A year of a table whose figures, beside an earlier publication's, give away the schools
/// that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The table (`""` for the whole, else the area's name).
    pub table: String,
    /// The academic year.
    pub year: String,
    /// Schools counted now and not before, and before and not now.
    pub added: Vec<String>,
    /// Schools counted before and not now.
    pub removed: Vec<String>,
    /// How many strands and duties differ by a count from 1 to the threshold less one.
    pub revealing: usize,
    /// How many strands and duties differ at all.
    pub changed: usize,
    /// Schools counted before, and now.
    pub counted: (usize, usize),
    /// The threshold below which a difference gives schools away.
    pub threshold: u32,
}

impl Revision {
    /// What happened, in words that hold in every case: "DSPL 3, 2025/26: the earlier
    /// publication counted 45 schools and this one 46 (added: Oak Tree Primary); 12 of the 30
    /// strands and duties whose figures changed differ by fewer than 3 schools, so
    /// side by side they give away the changed schools' own judgements".
    pub fn describe(&self) -> String {
        let table = if self.table.trim_start_matches("every year: ").is_empty() {
            String::new()
        } else {
            format!("{}, ", self.table)
        };
        let mut who = Vec::new();
        if !self.added.is_empty() {
            who.push(format!("added: {}", crate::words::and_list(&self.added)));
        }
        if !self.removed.is_empty() {
            who.push(format!(
                "left out: {}",
                crate::words::and_list(&self.removed)
            ));
        }
        let counted = if who.is_empty() {
            format!(
                "counted the same {} as this one, but a return changed",
                crate::words::count(self.counted.1, "school", "schools")
            )
        } else {
            format!(
                "counted {} and this one {} ({})",
                crate::words::count(self.counted.0, "school", "schools"),
                self.counted.1,
                who.join("; ")
            )
        };
        format!(
            "{table}{}: the earlier publication {counted}; {} of the {} whose figures changed {} by fewer than {} schools, so side by side the two give away the changed schools' own judgements",
            self.year,
            self.revealing,
            crate::words::count(self.changed, "strand or duty", "strands and duties"),
            if self.revealing == 1 { "differs" } else { "differ" },
            self.threshold
        )
    }
}

/// The identity a record keeps of a contributing school.
fn identity(urn: Option<&str>, name: &str) -> String {
    match urn.map(str::trim).filter(|u| !u.is_empty()) {
        Some(urn) => format!("urn {urn}"),
        None => format!("name {}", normalise_name(name)),
    }
}

fn figure(f: crate::Figure) -> String {
    f.to_string()
}

/// A year's figures as published, item by item.
fn figures(year: &YearBenchmark) -> Vec<Vec<String>> {
    let strands = year.strands.iter().map(|s| {
        (0..s.counts.len())
            .map(|l| s.published_count(l))
            .chain([s.published_strong(), s.published_below()])
            .map(figure)
            .collect()
    });
    let duties = year.checklist.iter().map(|d| {
        [
            d.published_met(),
            d.published_partly_met(),
            d.published_not_met(),
            d.published_not_fully_met(),
        ]
        .into_iter()
        .map(figure)
        .collect()
    });
    strands.chain(duties).collect()
}

impl PublishedYear {
    /// A year of a table as it is published.
    pub fn of(year: &YearBenchmark) -> PublishedYear {
        let mut schools: Vec<String> = (year.contributors.iter())
            .map(|c| identity(c.urn.as_deref(), &c.name))
            .collect();
        schools.sort();
        PublishedYear {
            schools,
            figures: figures(year),
        }
    }
}

impl PublishedRecord {
    /// The most a record file may hold before it is refused unread.
    pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

    /// Reads a record kept beside earlier outputs (JSON).
    pub fn from_json(text: &str) -> Result<PublishedRecord, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The record as JSON, the same bytes for the same record.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// This record with `newer`'s tables and years put in place of its own.
    pub fn merged(mut self, newer: PublishedRecord) -> PublishedRecord {
        for (table, years) in newer.tables {
            self.tables.entry(table).or_default().extend(years);
        }
        self
    }

    /// Adds every year of `bench` as table `name`.
    pub fn add(&mut self, name: &str, bench: &AreaBenchmark) {
        let years = self.tables.entry(name.to_owned()).or_default();
        for y in &bench.years {
            years.insert(y.year.to_string(), PublishedYear::of(y));
        }
    }

    /// Where `now` (a table's year) beside this record's copy of it gives away schools
    /// that changed: figures that differ by a count from 1 to `threshold - 1`.
    pub fn revision(&self, table: &str, now: &YearBenchmark, threshold: u32) -> Option<Revision> {
        let before = self.tables.get(table)?.get(&now.year.to_string())?;
        let now_pub = PublishedYear::of(now);
        if before == &now_pub {
            return None;
        }
        let (old, new): (BTreeSet<&String>, BTreeSet<&String>) = (
            before.schools.iter().collect(),
            now_pub.schools.iter().collect(),
        );
        let names = |ids: BTreeSet<&&String>| -> Vec<String> {
            let mut out: Vec<String> = ids
                .into_iter()
                .map(|id| {
                    (now.contributors.iter())
                        .find(|c| identity(c.urn.as_deref(), &c.name) == **id)
                        .map_or_else(
                            || id.trim_start_matches("name ").to_owned(),
                            |c| c.name.clone(),
                        )
                })
                .collect();
            out.sort();
            out
        };
        let mut revealing = 0;
        let mut changed = 0;
        for (a, b) in before.figures.iter().zip(&now_pub.figures) {
            if a == b {
                continue;
            }
            changed += 1;
            let small = a.iter().zip(b).any(|(x, y)| {
                let (Ok(x), Ok(y)) = (x.parse::<i64>(), y.parse::<i64>()) else {
                    return false;
                };
                let d = (x - y).unsigned_abs();
                d > 0 && d < u64::from(threshold)
            });
            revealing += usize::from(small);
        }
        (revealing > 0).then(|| Revision {
            table: table.to_owned(),
            year: now.year.to_string(),
            added: names(new.difference(&old).collect()),
            removed: names(old.difference(&new).collect()),
            revealing,
            changed,
            counted: (before.schools.len(), now_pub.schools.len()),
            threshold,
        })
    }
}

/// Withholds every strand and duty of `bench` (table `table`) whose published figures would
/// differ from `earlier`'s copy of the same year, where the schools counted differ or the
/// figures do: the two publications side by side then show nothing of what changed.
/// Returns how many were withheld.
pub fn withhold_changed(
    bench: &mut AreaBenchmark,
    table: &str,
    earlier: &PublishedRecord,
) -> usize {
    let mut withheld = 0;
    for y in 0..bench.years.len() {
        let year = &bench.years[y];
        let Some(before) = earlier
            .tables
            .get(table)
            .and_then(|t| t.get(&year.year.to_string()))
        else {
            continue;
        };
        let now = figures(year);
        let strands = year.strands.len();
        let differs: Vec<usize> = (0..now.len())
            .filter(|&i| before.figures.get(i) != now.get(i))
            .collect();
        for i in differs {
            let slot = if i < strands {
                &mut bench.years[y].strands[i].disclosure
            } else {
                &mut bench.years[y].checklist[i - strands].disclosure
            };
            if *slot != Disclosure::Withheld {
                *slot = Disclosure::Withheld;
                withheld += 1;
            }
        }
        if withheld > 0 {
            bench.refresh_highlights(y);
        }
    }
    withheld
}
