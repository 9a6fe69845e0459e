//! Area benchmark outputs. Open data ([`tidy()`]): CSV files to the Department for Education's
//! open data standards for "Explore education statistics", a row per academic year,
//! geography and strand (and per duty), each with its EES metadata file. XLSX: the same per
//! year, the checklist, the schools and year on year, each sheet's table an Excel table. And
//! the sentences the PDF report and the terminal share (what a list leaves out, what is
//! withheld, how the data were collected), so every output says the same true thing in the
//! same words.
//!
//! Every figure goes out through the core's `published_*` methods, so the small-numbers rule
//! ([`sendbench_core::Disclosure`]) is applied in one place: a withheld count is `c` in every
//! output, and never reaches a document in any other form.

mod tidy;
mod xlsx;

pub use tidy::{tidy, Geography, TidyFiles, TidyOptions, EES_ITEM_LIMIT, ENGLAND_CODE, TOTAL};
pub use xlsx::xlsx;

use sendbench_core::words::count as plural;
use sendbench_core::{
    AreaBenchmark, Disclosure, Figure, LeftOutReason, OutcomeHighlights, Rubric, StrandFigures,
    YearBenchmark,
};

/// The disclosure as a CSV or spreadsheet cell: `full`, `headline` or `withheld`.
fn disclosure_id(d: Disclosure) -> &'static str {
    match d {
        Disclosure::Full => "full",
        Disclosure::Headline => "headline",
        Disclosure::Withheld => "withheld",
    }
}

/// The names of the levels at and above the strength line, joined: "Expected or Exemplary".
pub fn strong_label(bench: &AreaBenchmark) -> String {
    bench.levels[bench.strength_from..].join(" or ")
}

/// The names of the levels below the strength line, joined: "Emerging".
pub fn below_label(bench: &AreaBenchmark) -> String {
    bench.levels[..bench.strength_from].join(" or ")
}

/// A percentage with the count and denominator behind it: "98% (45 of 46)"; `c` when
/// withheld; "no school judged it" with no respondents.
pub fn share(percent: Figure, count: Figure, of: u32) -> String {
    match (percent, count) {
        (Figure::Withheld, _) | (_, Figure::Withheld) => "c".to_owned(),
        (Figure::Value(p), Figure::Value(n)) => format!("{p}% ({n} of {of})"),
        _ => "no school judged it".to_owned(),
    }
}

/// A strand's % at strength levels with its count: "98% (45 of 46)".
pub fn strong_share(s: &StrandFigures) -> String {
    share(
        s.published_strong_percent(),
        s.published_strong(),
        s.respondents,
    )
}

/// A strand's % below the strength levels with its count: "15% (7 of 46)".
pub fn below_share(s: &StrandFigures) -> String {
    share(
        s.published_below_percent(),
        s.published_below(),
        s.respondents,
    )
}

/// What a list of strengths or areas for development says beside its strands: a sentence
/// in place of an empty list, and notes on what reached the threshold but is not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListNotes {
    /// With no strand listed, what to say instead (never "no strand reached the threshold"
    /// when one did).
    pub empty: Option<String>,
    /// Sentences on strands that reached the threshold but are not listed, ties at the
    /// limit, and strands not considered because their figures are withheld.
    pub notes: Vec<String>,
}

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Areas of strength.
    Strengths,
    /// Areas for development.
    Developments,
}

/// The notes for one list of an outcome (see [`ListNotes`]).
pub fn list_notes(
    bench: &AreaBenchmark,
    year: &YearBenchmark,
    h: &OutcomeHighlights,
    list: List,
) -> ListNotes {
    let l = ListOf::new(bench, year, h, list);
    let beyond = l.left_out(LeftOutReason::BeyondLimit);
    let instead = l.left_out(LeftOutReason::Development);
    let mut notes: Vec<String> = l.tie_note().into_iter().collect();
    notes.extend(l.beyond_note(&beyond, &instead));
    notes.extend(instead.iter().map(|&i| l.instead_note(i)));
    let in_outcome = || year.strands.iter().filter(|s| s.outcome == h.outcome);
    let all_withheld = !h.withheld.is_empty() && h.withheld.len() == in_outcome().count();
    if !all_withheld {
        notes.extend(l.withheld_note());
    }
    let none_judged = in_outcome().all(|s| s.respondents == 0);
    ListNotes {
        empty: l
            .listed
            .is_empty()
            .then(|| l.empty(none_judged, all_withheld)),
        notes,
    }
}

/// One list of an outcome, and what it is read against.
struct ListOf<'a> {
    bench: &'a AreaBenchmark,
    year: &'a YearBenchmark,
    h: &'a OutcomeHighlights,
    list: List,
    listed: &'a [usize],
    left_out: &'a [sendbench_core::LeftOut],
    limit: usize,
    threshold: u32,
    /// "a strength", "an area for development".
    what: &'static str,
    /// The side of the strength line it counts: "Expected or Exemplary", "Emerging".
    side: String,
}

impl<'a> ListOf<'a> {
    fn new(
        bench: &'a AreaBenchmark,
        year: &'a YearBenchmark,
        h: &'a OutcomeHighlights,
        list: List,
    ) -> ListOf<'a> {
        let o = &bench.options;
        let (listed, left_out, limit, threshold, what, side) = match list {
            List::Strengths => (
                &h.strengths,
                &h.strengths_left_out,
                o.strengths,
                o.strength_threshold,
                "a strength",
                strong_label(bench),
            ),
            List::Developments => (
                &h.developments,
                &h.developments_left_out,
                o.developments,
                o.development_threshold,
                "an area for development",
                below_label(bench),
            ),
        };
        ListOf {
            bench,
            year,
            h,
            list,
            listed,
            left_out,
            limit,
            threshold,
            what,
            side,
        }
    }

    /// A strand's figure on this list's side: "98% (45 of 46)".
    fn figure(&self, i: usize) -> String {
        let s = &self.year.strands[i];
        match self.list {
            List::Strengths => strong_share(s),
            List::Developments => below_share(s),
        }
    }

    /// The strands left out of the list for `reason`.
    fn left_out(&self, reason: LeftOutReason) -> Vec<usize> {
        self.left_out
            .iter()
            .filter(|l| l.reason == reason)
            .map(|l| l.strand)
            .collect()
    }

    /// More listed than the limit, because strands tie with the last within it.
    fn tie_note(&self) -> Option<String> {
        let (listed, limit) = (self.listed, self.limit);
        if listed.len() <= limit || limit == 0 {
            return None;
        }
        let cut = self.figure(listed[limit - 1]);
        let cut = cut.split(' ').next().unwrap_or_default();
        Some(format!(
            "{} are listed, more than the limit of {limit}, because every strand with the same percentage as the last within the limit ({cut}) is listed.",
            plural(listed.len(), "strand", "strands")
        ))
    }

    /// The strands that reached the threshold beyond the limit, named.
    fn beyond_note(&self, beyond: &[usize], instead: &[usize]) -> Option<String> {
        if beyond.is_empty() {
            return None;
        }
        let named: Vec<String> = beyond
            .iter()
            .map(|&i| format!("{}, {}", self.year.strands[i].code(), self.figure(i)))
            .collect();
        let reached = self.listed.len() + beyond.len();
        let lead = if instead.is_empty() {
            format!(
                "{} the threshold",
                plural(reached, "strand reached", "strands reached")
            )
        } else {
            format!(
                "Of the {} the threshold and {} not {}",
                plural(reached, "strand that reached", "strands that reached"),
                if reached == 1 { "is" } else { "are" },
                if reached == 1 {
                    "an area for development"
                } else {
                    "areas for development"
                }
            )
        };
        let kept = if self.listed.is_empty() {
            format!("none is listed, as the limit is {}", self.limit)
        } else {
            format!("the {} highest are listed", self.listed.len())
        };
        // "Of the 10 strands that ... are not areas for development, the 5 highest are
        // listed"; "10 strands reached the threshold; the 5 highest are listed".
        let joint = if instead.is_empty() { ";" } else { "," };
        Some(format!(
            "{lead}{joint} {kept}. Not listed: {}.",
            named.join("; ")
        ))
    }

    /// A strand that reached this threshold but is an area for development instead.
    fn instead_note(&self, i: usize) -> String {
        let s = &self.year.strands[i];
        let (code, side) = (s.code(), &self.side);
        let strong = strong_share(s);
        let below = below_share(s);
        let below_side = below_label(self.bench);
        if self.h.developments.contains(&i) {
            format!(
                "Strand {code} reached {strong} at {side} but is listed as an area for development instead, as {below} judged it {below_side}."
            )
        } else {
            format!(
                "Strand {code} reached {strong} at {side} but is an area for development, as {below} judged it {below_side}; it is beyond the limit of that list ({}), so it is not listed there.",
                self.bench.options.developments
            )
        }
    }

    /// The strands not considered because their figures are withheld.
    fn withheld_note(&self) -> Option<String> {
        let codes: Vec<String> = self
            .h
            .withheld
            .iter()
            .map(|&i| self.year.strands[i].code())
            .collect();
        match codes.as_slice() {
            [] => None,
            [one] => Some(format!(
                "Strand {one} is not considered, as its figures are withheld to protect small numbers."
            )),
            _ => Some(format!(
                "Strands {} are not considered, as their figures are withheld to protect small numbers.",
                sendbench_core::words::and_list(&codes)
            )),
        }
    }

    /// What to say in place of the empty list.
    fn empty(&self, none_judged: bool, all_withheld: bool) -> String {
        let (what, threshold, side) = (self.what, self.threshold, &self.side);
        if none_judged {
            // "No strand reached the threshold" would be true, and would suggest they were
            // judged below it.
            "No school judged any strand in this outcome, so none can be listed.".to_owned()
        } else if all_withheld {
            "No strand is considered: every strand's figures in this outcome are withheld to protect small numbers.".to_owned()
        } else if !self.left_out.is_empty() {
            format!("No strand is listed as {what}.")
        } else if !self.h.withheld.is_empty() {
            format!("No strand with published figures reached the threshold for {what} (at least {threshold}% at {side}).")
        } else {
            format!("No strand reached the threshold for {what} (at least {threshold}% at {side}).")
        }
    }
}

/// What small-numbers suppression withheld in `year`, in one sentence: "To protect small
/// numbers (fewer than 5 schools), 31 counts are withheld and shown as c: 6 strands show only
/// the Expected-or-better split, 2 strands and 3 duties show no judgement counts." `None`
/// without a threshold.
pub fn suppression_note(bench: &AreaBenchmark, year: &YearBenchmark) -> Option<String> {
    // At least MIN_SUPPRESSION (3): `suppress_below` refuses less.
    let n = bench.suppression_threshold?;
    let w = year.withheld();
    let why = format!(
        "To protect small numbers (fewer than {})",
        plural(n as usize, "school", "schools")
    );
    if w.counts == 0 {
        return Some(format!(
            "{why}, any count from 1 to {} would be withheld and shown as c; in {} there is none, so every figure is shown.",
            n - 1,
            year.year
        ));
    }
    let mut parts = Vec::new();
    let verb = |k: usize| if k == 1 { "shows" } else { "show" };
    if w.headline_strands > 0 {
        parts.push(format!(
            "{} {} only the {}-or-better split",
            plural(w.headline_strands, "strand", "strands"),
            verb(w.headline_strands),
            bench.levels[bench.strength_from]
        ));
    }
    if w.headline_duties > 0 {
        parts.push(format!(
            "{} {} only met and not fully met",
            plural(w.headline_duties, "duty", "duties"),
            verb(w.headline_duties)
        ));
    }
    let mut withheld = Vec::new();
    if w.withheld_strands > 0 {
        withheld.push(plural(w.withheld_strands, "strand", "strands"));
    }
    if w.withheld_duties > 0 {
        withheld.push(plural(w.withheld_duties, "duty", "duties"));
    }
    if !withheld.is_empty() {
        let k = w.withheld_strands + w.withheld_duties;
        parts.push(format!(
            "{} {} no judgement counts",
            sendbench_core::words::and_list(&withheld),
            verb(k)
        ));
    }
    // Semicolons between the parts: each part may itself contain an "and".
    Some(format!(
        "{why}, {} {} withheld and shown as c: {}.",
        plural(w.counts, "count", "counts"),
        if w.counts == 1 { "is" } else { "are" },
        parts.join("; ")
    ))
}

/// "3 March to 14 July 2026".
fn date_range(from: jiff::civil::Date, to: jiff::civil::Date) -> String {
    let long = |d: jiff::civil::Date| d.strftime("%-d %B %Y").to_string();
    if from == to {
        long(from)
    } else if from.year() == to.year() {
        format!("{} to {}", from.strftime("%-d %B"), long(to))
    } else {
        format!("{} to {}", long(from), long(to))
    }
}

/// What the year's data are, for the report's cover: "Self-reviews by 46 schools against the
/// Hertfordshire Schools' SEND Benchmark and Planning Tool, dated 3 March to 14 July 2026."
/// How they were returned (files, a survey export) is the officer's to say (`--collection`):
/// rows of one export are not files, and a folder may hold both.
pub fn collection_sentence(year: &YearBenchmark, rubric: &Rubric) -> String {
    let n = year.contributors.len();
    let who = if n == 1 {
        "Self-review by 1 school".to_owned()
    } else {
        format!("Self-reviews by {n} schools")
    };
    let (range, undated) = year.review_dates();
    let when = match range {
        None => " (no return gives a review date)".to_owned(),
        Some((from, to)) if undated == 0 => format!(", dated {}", date_range(from, to)),
        Some((from, to)) => format!(
            ", dated {} ({} no date)",
            date_range(from, to),
            if undated == 1 {
                "1 gives".to_owned()
            } else {
                format!("{undated} give")
            }
        ),
    };
    format!("{who} against the {}{when}.", rubric.title)
}
