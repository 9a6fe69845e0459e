//! The area report's first page, "At a glance": who took part, the strengths and areas for
//! development across the outcomes (highest first, cut at a limit that never hides a tie),
//! and the biggest rises and falls since the year before, as figures and as the sentences
//! the page prints.

use sendbench_core::{
    AreaBenchmark, Disclosure, OutcomeHighlights, StrandComparison, StrandFigures, YearBenchmark,
};
use serde::Serialize;

use crate::area;
use crate::view::words::Item;

/// How many of each headline list the first page shows (more when they tie with the last).
const HEADLINES: usize = 5;
/// How many rises and falls the first page shows (more when they tie).
const CHANGES: usize = 3;

/// The first page's figures, each list already in words.
#[derive(Serialize)]
pub(super) struct SummaryData {
    /// "46 schools", or "46 of 52 eligible schools (88%)".
    pub taking_part: String,
    /// The strengths listed across the outcomes, highest first: "1a: 98% (45 of 46)".
    pub strengths: Vec<String>,
    /// "and 7 more at 100%", when strengths beyond those shown tie with the last.
    pub strengths_tied: Option<String>,
    /// How many strengths there are in all (more than shown when `strengths` is cut).
    pub strengths_total: usize,
    pub developments: Vec<String>,
    pub developments_tied: Option<String>,
    pub developments_total: usize,
    /// The year compared with, if there is one.
    pub previous: Option<String>,
    /// The largest rises and falls in the % at strength levels since `previous`.
    pub rises: Vec<String>,
    pub rises_tied: Option<String>,
    pub falls: Vec<String>,
    pub falls_tied: Option<String>,
    /// How many strands' change could be worked out (published in both years).
    pub compared: usize,
    /// Why no strength or area for development is listed when none is: "withheld" (every
    /// strand's figures are), "unjudged" (no school judged any strand), else none (the
    /// outcome sections say which reached a threshold, and why they are not listed).
    pub none_listed_because: Option<&'static str>,
}

/// The first `k` of `items` (already in order), and when items after them tie with the
/// k-th, how many: "and 7 more at 100%" (the tie's value put in words by `label`), so a
/// list cut at its limit never hides that others share its last value.
fn first_k<K: PartialEq>(
    items: &[(K, String)],
    k: usize,
    label: impl Fn(&K) -> String,
) -> (Vec<String>, Option<String>) {
    let shown: Vec<String> = items.iter().take(k).map(|(_, t)| t.clone()).collect();
    let tied = match items.get(k.wrapping_sub(1)) {
        Some((last, _)) if k > 0 => items[k..].iter().filter(|(key, _)| key == last).count(),
        _ => 0,
    };
    let more = (tied > 0).then(|| {
        let at = items
            .get(k - 1)
            .map(|(key, _)| label(key))
            .unwrap_or_default();
        format!("and {tied} more {at}")
    });
    (shown, more)
}

/// One headline list cut at its limit: what is shown, the tie beyond it, how many in all.
type Headline = (Vec<String>, Option<String>, usize);

/// Every strand listed in an outcome's section by `pick`, highest percentage first; a
/// strand is in one list at most (one reaching both thresholds is listed for development
/// only).
fn headline(
    year: &YearBenchmark,
    pick: impl Fn(&OutcomeHighlights) -> &Vec<usize>,
    percent: impl Fn(&StrandFigures) -> Option<u32>,
    text: impl Fn(&StrandFigures) -> String,
) -> Headline {
    let mut items: Vec<(u32, String, String)> = year
        .outcomes
        .iter()
        .flat_map(|h| pick(h).iter())
        .map(|&i| &year.strands[i])
        .map(|s| {
            (
                percent(s).unwrap_or(0),
                s.code(),
                format!("{}: {}", s.code(), text(s)),
            )
        })
        .collect();
    items.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let total = items.len();
    let keyed: Vec<(u32, String)> = items.into_iter().map(|(p, _, t)| (p, t)).collect();
    let (shown, tied) = first_k(&keyed, HEADLINES, |p| format!("at {p}%"));
    (shown, tied, total)
}

/// Every strand whose change since the year before can be given, largest rise first:
/// (the change in points, "1a: +5 points, from 80% to 85%").
fn changes(comparison: &[StrandComparison]) -> Vec<(i64, String)> {
    let mut changes: Vec<(i64, String, String)> = comparison
        .iter()
        .filter_map(|c| {
            let d = c.change?;
            let last = c.percents.len() - 1;
            let from = c.percents[last - 1].value()?;
            let to = c.percents[last].value()?;
            let few = if c.change_on_few { ", few schools" } else { "" };
            let sign = if d > 0 { "+" } else { "−" };
            Some((
                d,
                c.code(),
                format!(
                    "{}: {sign}{} points, from {from}% to {to}%{few}",
                    c.code(),
                    d.abs()
                ),
            ))
        })
        .collect();
    changes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    changes.into_iter().map(|(d, _, t)| (d, t)).collect()
}

/// Why no strand is listed, when none is (see [`SummaryData::none_listed_because`]).
fn none_listed_because(year: &YearBenchmark) -> Option<&'static str> {
    let judged = || year.strands.iter().filter(|s| s.respondents > 0);
    if judged().next().is_none() {
        Some("unjudged")
    } else if judged().all(|s| s.disclosure == Disclosure::Withheld) {
        Some("withheld")
    } else {
        None
    }
}

/// The first page's summary of the latest year.
pub(super) fn summary(
    bench: &AreaBenchmark,
    year: &YearBenchmark,
    comparison: &[StrandComparison],
    eligible: Option<u32>,
) -> SummaryData {
    let (strengths, strengths_tied, strengths_total) = headline(
        year,
        |h| &h.strengths,
        |s| s.published_strong_percent().value(),
        area::strong_share,
    );
    let (developments, developments_tied, developments_total) = headline(
        year,
        |h| &h.developments,
        |s| s.published_below_percent().value(),
        area::below_share,
    );
    let changes = changes(comparison);
    let rises: Vec<(i64, String)> = changes.iter().filter(|c| c.0 > 0).cloned().collect();
    let mut falls: Vec<(i64, String)> = changes.iter().filter(|c| c.0 < 0).cloned().collect();
    falls.sort_by_key(|f| f.0);
    let points = |d: &i64| format!("of {}{} points", if *d > 0 { "+" } else { "−" }, d.abs());
    let (rises, rises_tied) = first_k(&rises, CHANGES, points);
    let (falls, falls_tied) = first_k(&falls, CHANGES, points);
    SummaryData {
        none_listed_because: none_listed_because(year),
        taking_part: crate::view::county::taking_part(year.school_count(), eligible),
        strengths,
        strengths_tied,
        strengths_total,
        developments,
        developments_tied,
        developments_total,
        previous: (bench.years.len() > 1)
            .then(|| bench.years[bench.years.len() - 2].year.to_string()),
        rises,
        rises_tied,
        falls,
        falls_tied,
        compared: changes.len(),
    }
}

/// What the first page's lines need beyond the summary.
pub(super) struct GlanceOf<'a> {
    pub short_title: &'a str,
    pub year: &'a str,
    pub strong_label: &'a str,
    /// The county compared with, and its schools this year.
    pub county: Option<(&'a str, u32)>,
}

/// "a; b; c" and the tie after them.
fn tied(items: &[String], extra: &Option<String>) -> String {
    let mut out = items.join("; ");
    if let Some(extra) = extra {
        out.push_str("; ");
        out.push_str(extra);
    }
    out
}

impl SummaryData {
    /// The lines of "At a glance", each opening with its words in bold.
    pub fn glance(&self, of: &GlanceOf<'_>) -> Vec<Item> {
        let county = of.county.map_or(String::new(), |(name, n)| {
            format!("; the whole of {name}, {}", crate::view::words::schools(n))
        });
        vec![
            Item {
                lead: "Taking part.".to_owned(),
                text: format!(
                    " {} returned the {} for {}{county}.",
                    self.taking_part, of.short_title, of.year
                ),
            },
            self.headline_item(
                "Areas of strength",
                &self.strengths,
                &self.strengths_tied,
                self.strengths_total,
            ),
            self.headline_item(
                "Areas for development",
                &self.developments,
                &self.developments_tied,
                self.developments_total,
            ),
            self.change_item(of.strong_label),
        ]
    }

    /// "Areas of strength (25 in all, listed in the outcome sections; the highest): …".
    fn headline_item(
        &self,
        lead: &str,
        shown: &[String],
        extra: &Option<String>,
        total: usize,
    ) -> Item {
        let more = if total > shown.len() {
            format!(" ({total} in all, listed in the outcome sections; the highest)")
        } else {
            String::new()
        };
        let list = if shown.is_empty() {
            match self.none_listed_because {
                Some("withheld") => "none is listed: every judged strand’s figures are withheld to protect small numbers.",
                Some(_) => "none is listed: no school has judged any strand yet.",
                None => "none is listed this year (the outcome sections say why for any strand that reached the threshold).",
            }
            .to_owned()
        } else {
            format!("{}.", tied(shown, extra))
        };
        Item {
            lead: lead.to_owned(),
            text: format!("{more}: {list}"),
        }
    }

    /// The change since the year before, in the percentage at the strength levels.
    fn change_item(&self, strong_label: &str) -> Item {
        let Some(previous) = &self.previous else {
            return Item {
                lead: "Change.".to_owned(),
                text: " There are no returns from an earlier year to compare with.".to_owned(),
            };
        };
        if self.compared == 0 {
            return Item {
                lead: format!("Since {previous}."),
                text: " No strand’s change can be given: each is withheld or not judged in one of the two years.".to_owned(),
            };
        }
        let one = |shown: &[String], tie: &Option<String>| shown.len() == 1 && tie.is_none();
        let rises = if self.rises.is_empty() {
            "no strand rose;".to_owned()
        } else {
            let what = if one(&self.rises, &self.rises_tied) {
                "the only rise"
            } else {
                "the largest rises"
            };
            format!("{what} {};", tied(&self.rises, &self.rises_tied))
        };
        let falls = if self.falls.is_empty() {
            "no strand fell.".to_owned()
        } else {
            let what = if one(&self.falls, &self.falls_tied) {
                "the only fall"
            } else {
                "the largest falls"
            };
            format!("{what} {}.", tied(&self.falls, &self.falls_tied))
        };
        let strands = if self.compared == 1 {
            "the 1 strand".to_owned()
        } else {
            format!("{} strands", self.compared)
        };
        Item {
            lead: format!("Since {previous}"),
            text: format!(
                ", in the percentage at {strong_label} (of {strands} that can be compared): {rises} {falls}"
            ),
        }
    }
}
