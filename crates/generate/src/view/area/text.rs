//! The area report's sentences outside its figures: what the figures are ("About these
//! figures"), the lead-ins and headings of the checklist, year on year and contributing
//! schools, and the words of its charts' keys. Written once here; `area.typ` and `area.html`
//! only lay them out.

use sendbench_core::{AreaBenchmark, Disclosure, YearBenchmark, FEW_SCHOOLS};
use serde::Serialize;

use crate::area;
use crate::view::words::{schools, the_schools, Item, Para, TableText};

/// Every sentence of the report that is not about one outcome.
#[derive(Serialize)]
pub(super) struct AreaText {
    /// "At a glance": who took part, the headline lists, the change.
    pub glance: Glance,
    /// "About these figures".
    pub about: About,
    /// The statutory checklist across the area.
    pub checklist: Checklist,
    /// Year on year, when there is an earlier year.
    pub years: Option<Years>,
    /// The schools that returned the benchmark, thanked.
    pub contributing: Contributing,
    /// The words of the charts: their keys and marks.
    pub chart: ChartWords,
}

#[derive(Serialize)]
pub(super) struct Glance {
    pub heading: &'static str,
    pub items: Vec<Item>,
}

#[derive(Serialize)]
pub(super) struct About {
    pub heading: &'static str,
    /// What a figure means, how strengths are chosen, the small-numbers rule, what was
    /// withheld this year.
    pub paragraphs: Vec<Para>,
    /// Years resting on few schools, set apart: its lead and sentence, then a line per year.
    pub care: Option<Care>,
    /// "Figures for 2023/24 and 2024/25 are compared with 2025/26 at the end."
    pub compared: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Care {
    pub lead: &'static str,
    pub text: String,
    pub items: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct Checklist {
    pub heading: &'static str,
    pub lead: String,
    pub table: TableText,
}

#[derive(Serialize)]
pub(super) struct Years {
    pub heading: &'static str,
    pub lead: String,
    pub table: TableText,
}

#[derive(Serialize)]
pub(super) struct Contributing {
    pub heading: &'static str,
    pub lead: String,
    /// The schools, in one sentence: "Beacon Hill School, Oakfield Primary School, …".
    pub names: String,
}

/// The words of the charts: the marks and the key's entries that are not a level's name.
#[derive(Serialize)]
pub(super) struct ChartWords {
    /// The mark on a strand's bar whose figures are withheld.
    pub withheld_mark: &'static str,
    /// A strand published only as its split: each side in the key.
    pub strong_split: String,
    pub below_split: String,
    pub not_judged: &'static str,
    pub withheld: &'static str,
    /// With a county: over the column of the area's % beside each bar ("Expected or
    /// Exemplary, here") and the county's (its name).
    pub here: String,
    /// A county's figure the strand has none of.
    pub no_figure: &'static str,
    /// A year-on-year track with no figure in any year.
    pub nothing_to_show: &'static str,
}

/// What the sentences are about: the benchmark, its latest year and the words for its
/// levels.
pub(super) struct Of<'a> {
    pub bench: &'a AreaBenchmark,
    pub year: &'a YearBenchmark,
    pub rubric_title: &'a str,
    pub strong_label: &'a str,
    pub below_label: &'a str,
    /// A real figure to explain the notation with: (share, strong, respondents, total).
    pub example: Option<(String, u32, u32, u32)>,
}

impl Of<'_> {
    fn n(&self) -> u32 {
        self.year.school_count()
    }

    fn year(&self) -> String {
        self.year.year.to_string()
    }
}

/// "About these figures".
pub(super) fn about(of: &Of<'_>) -> About {
    let bench = of.bench;
    let mut paragraphs = vec![
        Para::plain(what_a_figure_is(of)),
        Para::led(
            "Strengths and areas for development.",
            how_lists_are_chosen(of),
        ),
    ];
    if let Some(t) = bench.suppression_threshold {
        paragraphs.push(Para::led("Small numbers.", small_numbers(of, t)));
    }
    paragraphs.extend(area::suppression_note(bench, of.year).map(Para::plain));
    let warnings: Vec<String> = bench
        .reliability_warnings()
        .into_iter()
        .map(|w| format!("{}.", w.message))
        .collect();
    let earlier: Vec<String> = bench.years[..bench.years.len().saturating_sub(1)]
        .iter()
        .map(|y| y.year.to_string())
        .collect();
    About {
        heading: "About these figures",
        paragraphs,
        care: (!warnings.is_empty()).then(|| Care {
            lead: "Read with care.",
            text: format!(
                "With fewer than {FEW_SCHOOLS} schools, one school moves a percentage by more than 10 points."
            ),
            items: warnings,
        }),
        compared: (!earlier.is_empty()).then(|| {
            format!(
                "Figures for {} are compared with {} at the end.",
                sendbench_core::words::and_list(&earlier),
                of.year()
            )
        }),
    }
}

/// The opening paragraph: who returned it, what a figure means (with a real one), how
/// percentages are rounded, what the charts show.
fn what_a_figure_is(of: &Of<'_>) -> String {
    let n = of.n();
    let example = match &of.example {
        Some((share, strong, respondents, _)) => format!(
            "“{share}” means {strong} of {} that judged the strand.",
            the_schools(*respondents)
        ),
        None => {
            "“98% (45 of 46)” would mean 45 of the 46 schools that judged the strand.".to_owned()
        }
    };
    let judged = match &of.example {
        Some((_, _, respondents, total)) => format!(" (“{respondents} of {total} judged”)"),
        None => String::new(),
    };
    format!(
        "{} returned the {} for {}. For each strand, the figures are percentages of the schools that judged it (its respondents), each with the count and the respondents behind it: {example} Percentages are rounded to whole numbers, halves to even, so the same number of schools always gives the same percentage and “{}” and “{}” add up to 100. Each outcome’s chart shows, per strand, how many of {} judged it at each level and how many did not judge it{judged}.",
        schools(n),
        of.rubric_title,
        of.year(),
        of.strong_label,
        of.below_label,
        the_schools(n),
    )
}

/// How strengths and areas for development are chosen.
fn how_lists_are_chosen(of: &Of<'_>) -> String {
    let o = &of.bench.options;
    format!(
        "A strand is an area of strength when at least {}% of the schools that judged it put it at {}, and an area for development when at least {}% put it at {}, each percentage as it is shown here, rounded to a whole number. A strand that reaches both is listed as an area for development, not as a strength, so that no area for development is hidden. Each outcome lists up to {} strengths and {} areas for development, highest percentage first; every strand with the same percentage as the last one within the limit is listed too, so a list can be longer than its limit. Above each list the report says which strands reached the threshold but are not listed, and why.",
        o.strength_threshold, of.strong_label, o.development_threshold, of.below_label, o.strengths, o.developments
    )
}

/// The small-numbers rule at `threshold`.
fn small_numbers(of: &Of<'_>, threshold: u32) -> String {
    format!(
        "A count from 1 to {} could identify a school, so it is never shown, nor any figure it could be worked out from; “c” (the Government Statistical Service symbol) stands in its place. Where a strand has such a count at one level but not in its split between {} and {}, only that split is shown, with its percentages (the chart draws it as two segments); where the split itself has one, the strand shows no judgement figures. Duties likewise, the split being met and not fully met. The number of schools, and how many judged each strand or did not, are always shown: they say whether a school answered, not how it judged itself. Strands shown as c are not considered for the strengths and areas for development.",
        threshold - 1,
        of.strong_label,
        of.below_label
    )
}

/// The statutory checklist's heading, lead-in and table.
pub(super) fn checklist(of: &Of<'_>) -> Checklist {
    let n = of.n();
    let how_many = if n == 1 {
        "Whether the one school meets each statutory duty.".to_owned()
    } else {
        format!("How many of the {n} schools meet each statutory duty.")
    };
    let withheld = if of.bench.suppression_threshold.is_some() {
        "; “c” marks a count withheld to protect small numbers"
    } else {
        ""
    };
    let columns = [
        "Duty",
        "Met",
        "Partly met",
        "Not met",
        "Not fully met",
        "Not answered",
    ];
    Checklist {
        heading: "Statutory checklist across the area",
        lead: format!("{how_many} “Not fully met” is partly met and not met together{withheld}."),
        table: TableText::new(
            "Schools meeting each statutory duty",
            columns.iter().map(|c| (*c).to_owned()).collect(),
        ),
    }
}

/// Year on year's heading, lead-in and table, when there is an earlier year.
pub(super) fn years(of: &Of<'_>, any_change_on_few: bool) -> Option<Years> {
    let years = &of.bench.years;
    let previous = years
        .len()
        .checked_sub(2)
        .map(|i| years[i].year.to_string())?;
    let mut lead = format!(
        "The percentage of respondents at {} per strand, each with the count and the schools that judged it; each column heading gives that year’s number of schools. The change is the {} percentage minus the {previous} one, in percentage points.",
        of.strong_label,
        of.year()
    );
    if any_change_on_few {
        lead.push_str(&format!(
            " A change marked “few schools” rests on fewer than {FEW_SCHOOLS} schools judging the strand in one of the two years, where one school moves a percentage by more than 10 points: read it with care."
        ));
    }
    let mut columns = vec!["Strand".to_owned()];
    columns.extend(years.iter().map(year_label));
    columns.push(format!("Change since {previous}"));
    Some(Years {
        heading: "Year on year",
        lead,
        table: TableText::new(
            format!("Percentage at {} per strand, year on year", of.strong_label),
            columns,
        ),
    })
}

/// "2024/25 (46 schools)": a year with its number of schools.
pub(super) fn year_label(y: &YearBenchmark) -> String {
    format!("{} ({})", y.year, schools(y.school_count()))
}

/// The contributing schools, thanked.
pub(super) fn contributing(of: &Of<'_>) -> Contributing {
    Contributing {
        heading: "Contributing schools",
        lead: format!(
            "Thank you to the {} that returned the benchmark for {}:",
            schools(of.n()),
            of.year()
        ),
        names: format!("{}.", of.year.schools.join(", ")),
    }
}

/// The words of the charts, whose two sides of the strength line are called
/// `strong_label` and `below_label`.
pub(super) fn chart(strong_label: &str, below_label: &str) -> ChartWords {
    ChartWords {
        withheld_mark: "c",
        strong_split: format!("{strong_label} (split withheld)"),
        below_split: format!("{below_label} (split withheld)"),
        not_judged: "Not judged",
        withheld: "c: figures withheld",
        here: format!("{strong_label}, here"),
        no_figure: "—",
        nothing_to_show: "no figure to show",
    }
}

/// An entry of a chart's key: a swatch and its words.
#[derive(Serialize, Clone)]
pub(super) struct KeyItem {
    /// What the swatch shows: `level` (with `level`), `strong` or `below` (one side of a
    /// strand published only as its split), `unjudged`, `withheld`.
    pub swatch: &'static str,
    /// The level, for a level's swatch.
    pub level: Option<usize>,
    pub text: String,
}

/// The key of an outcome's chart: every level, then the sides of a split, "not judged"
/// and "c" when the chart draws them.
pub(super) fn key(
    levels: &[String],
    strength_from: usize,
    strands: &[&sendbench_core::StrandFigures],
    words: &ChartWords,
) -> Vec<KeyItem> {
    let item = |swatch, level, text: &str| KeyItem {
        swatch,
        level,
        text: text.to_owned(),
    };
    let mut key: Vec<KeyItem> = levels
        .iter()
        .enumerate()
        .map(|(i, l)| item("level", Some(i), l))
        .collect();
    let any = |d: Disclosure| strands.iter().any(|s| s.disclosure == d);
    if any(Disclosure::Headline) {
        key.push(item("strong", None, &words.strong_split));
        if strength_from > 1 {
            key.push(item("below", None, &words.below_split));
        }
    }
    if strands.iter().any(|s| s.not_judged > 0) {
        key.push(item("unjudged", None, words.not_judged));
    }
    if any(Disclosure::Withheld) {
        key.push(item("withheld", None, words.withheld));
    }
    key
}
