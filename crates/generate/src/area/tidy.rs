//! The area benchmark as open data, to the Department for Education's open data standards
//! for "Explore education statistics" (EES): tidy CSV files, each with the metadata file EES
//! needs to read it (`<name>.meta.csv`).
//!
//! <https://dfe-analytical-services.github.io/analysts-guide/statistics-production/ud.html>
//!
//! - Two data files, as strands and statutory duties are different things: one row per
//!   academic year, geography and strand, and one per academic year, geography and duty.
//! - The standard's time and geography columns first (`time_period` as `202526`,
//!   `Academic year`, `Local authority`, England's code and name, then the region and local
//!   authority columns from [`TidyOptions`], empty when not given), then the filters
//!   (`local_area`, `outcome` grouping `strand`; `local_area`, `duty`), then the indicators:
//!   numbers, and a text indicator `disclosure`.
//! - GSS symbols in indicator cells: `c` withheld to protect small numbers, `z` not
//!   applicable (a percentage of no schools), `x` not available (a geography without a
//!   return in a year another geography has). No cell of an indicator is empty.
//! - The metadata lists every filter with two or more values (a filter with one value is
//!   left out, as the standard says) and every indicator; a grouping filter (`outcome`) is
//!   listed as a filter and named in `filter_grouping_column` of the filter it groups.
//! - UTF-8 without a byte-order mark (a reader that keeps the mark would see the first
//!   column as "\u{feff}time_period", not `time_period`), CRLF line ends as RFC 4180 says.
//!
//! Every figure is the core's `published_*` figure (see [`sendbench_core::Disclosure`]); a
//! duty's percentages are worked out only from published counts and the schools that
//! answered, which are always published, so they tell nothing the counts do not.

use std::collections::BTreeSet;

use sendbench_core::{percent, AcademicYear, AreaBenchmark, Figure, Rubric};

use super::disclosure_id;

/// The `local_area` of the whole benchmark (the county or area), as the standard names an
/// aggregate.
pub const TOTAL: &str = "Total";

/// The most characters the EES API allows in a filter item or location name.
pub const EES_ITEM_LIMIT: usize = 120;

/// England's GSS code, for `country_code`.
pub const ENGLAND_CODE: &str = "E92000001";

/// The local authority the benchmark belongs to, for the standard's geography columns. EES
/// checks them against its list of local authorities, so it needs them all; without them
/// they are empty, and the files still read in any other program.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TidyOptions {
    /// `la_name`: "Hertfordshire".
    pub la_name: String,
    /// `old_la_code`, the three-digit code: "919".
    pub old_la_code: String,
    /// `new_la_code`, the nine-character GSS code: "E10000015".
    pub new_la_code: String,
    /// `region_code`: "E12000006".
    pub region_code: String,
    /// `region_name`: "East of England".
    pub region_name: String,
}

/// One geography's benchmark, for the `local_area` filter.
#[derive(Debug, Clone, Copy)]
pub struct Geography<'a> {
    /// [`TOTAL`] for the whole benchmark, else the local area's name (non-empty, and each
    /// geography's different).
    pub local_area: &'a str,
    /// Its figures.
    pub bench: &'a AreaBenchmark,
}

/// The four files, in the order of [`TidyFiles::names`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TidyFiles {
    /// One row per year, geography and strand.
    pub strands: Vec<u8>,
    /// The EES metadata of `strands`.
    pub strands_meta: Vec<u8>,
    /// One row per year, geography and statutory duty.
    pub checklist: Vec<u8>,
    /// The EES metadata of `checklist`.
    pub checklist_meta: Vec<u8>,
}

impl TidyFiles {
    /// The files' names for a data file named `stem.csv`: `stem.csv`, `stem.meta.csv`,
    /// `stem_checklist.csv`, `stem_checklist.meta.csv` (EES pairs `x.csv` with
    /// `x.meta.csv`).
    pub fn names(stem: &str) -> [String; 4] {
        [
            format!("{stem}.csv"),
            format!("{stem}.meta.csv"),
            format!("{stem}_checklist.csv"),
            format!("{stem}_checklist.meta.csv"),
        ]
    }

    /// The files' bytes, in the order of [`TidyFiles::names`].
    pub fn into_files(self) -> [Vec<u8>; 4] {
        [
            self.strands,
            self.strands_meta,
            self.checklist,
            self.checklist_meta,
        ]
    }
}

/// `202526` for 2025/26.
fn time_period(year: AcademicYear) -> String {
    format!("{}{:02}", year.start, (year.start + 1).rem_euclid(100))
}

/// An indicator cell: the number, `c` withheld, `z` not applicable (no denominator).
fn cell(f: Figure) -> String {
    match f {
        Figure::Value(v) => v.to_string(),
        Figure::Withheld => "c".to_owned(),
        Figure::Empty => "z".to_owned(),
    }
}

/// A published count as a percentage of `of` (always published): `c` when the count is
/// withheld, `z` when `of` is 0.
fn share_of(count: Figure, of: u32) -> String {
    match count {
        Figure::Value(n) => percent(n, of).map_or_else(|| "z".to_owned(), |p| p.to_string()),
        Figure::Withheld => "c".to_owned(),
        Figure::Empty => "z".to_owned(),
    }
}

/// The standard's time and geography columns.
const GEOGRAPHY_COLUMNS: [&str; 10] = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
];

/// The time and geography cells of a row.
fn geography_cells(year: AcademicYear, options: &TidyOptions) -> Vec<String> {
    vec![
        time_period(year),
        "Academic year".to_owned(),
        "Local authority".to_owned(),
        ENGLAND_CODE.to_owned(),
        "England".to_owned(),
        options.region_code.clone(),
        options.region_name.clone(),
        options.old_la_code.clone(),
        options.new_la_code.clone(),
        options.la_name.clone(),
    ]
}

/// What a metadata row says of a column.
#[derive(Debug, Clone, Default)]
struct Meta {
    col_name: String,
    filter: bool,
    label: String,
    grouping: &'static str,
    unit: &'static str,
    dp: &'static str,
    hint: String,
    group_by: &'static str,
}

impl Meta {
    fn filter(col_name: &str, label: &str, hint: &str, group_by: &'static str) -> Meta {
        Meta {
            col_name: col_name.to_owned(),
            filter: true,
            label: label.to_owned(),
            hint: hint.to_owned(),
            group_by,
            ..Meta::default()
        }
    }

    fn count(col_name: &str, label: String, grouping: &'static str) -> Meta {
        Meta {
            col_name: col_name.to_owned(),
            label,
            grouping,
            dp: "0",
            ..Meta::default()
        }
    }

    fn percent(col_name: &str, label: String, grouping: &'static str) -> Meta {
        Meta {
            unit: "%",
            ..Meta::count(col_name, label, grouping)
        }
    }

    fn text(col_name: &str, label: &str, grouping: &'static str) -> Meta {
        Meta {
            col_name: col_name.to_owned(),
            label: label.to_owned(),
            grouping,
            ..Meta::default()
        }
    }
}

/// A CSV file: UTF-8 without a byte-order mark, CRLF line ends, a header row.
fn write_csv(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}

/// The EES metadata file for these columns.
fn write_meta(columns: &[Meta]) -> Vec<u8> {
    let header: Vec<String> = [
        "col_name",
        "col_type",
        "label",
        "indicator_grouping",
        "indicator_unit",
        "indicator_dp",
        "filter_hint",
        "filter_grouping_column",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = columns
        .iter()
        .map(|m| {
            vec![
                m.col_name.clone(),
                if m.filter { "Filter" } else { "Indicator" }.to_owned(),
                m.label.clone(),
                m.grouping.to_owned(),
                m.unit.to_owned(),
                m.dp.to_owned(),
                m.hint.clone(),
                m.group_by.to_owned(),
            ]
        })
        .collect();
    write_csv(&header, &rows)
}

/// A data file (the geography columns, then `columns`) and its metadata. As the standard
/// asks, a filter is listed in the metadata only with two values or more; a grouping filter
/// (`outcome` groups `strand`) is listed too, as the EES screener asks
/// (`check_meta_fil_grp_is_fil`), and a filter is grouped only by a listed one.
fn data_and_meta(columns: Vec<Meta>, rows: &[Vec<String>]) -> (Vec<u8>, Vec<u8>) {
    let header: Vec<String> = GEOGRAPHY_COLUMNS
        .iter()
        .map(|c| (*c).to_owned())
        .chain(columns.iter().map(|m| m.col_name.clone()))
        .collect();
    let first = GEOGRAPHY_COLUMNS.len();
    let listed: Vec<Meta> = columns
        .iter()
        .enumerate()
        .filter(|(i, m)| !m.filter || distinct(rows, first + i) >= 2)
        .map(|(_, m)| m.clone())
        .collect();
    let names: Vec<String> = listed.iter().map(|m| m.col_name.clone()).collect();
    let listed = listed
        .into_iter()
        .map(|mut m| {
            if !names.iter().any(|n| n == m.group_by) {
                m.group_by = "";
            }
            m
        })
        .collect::<Vec<_>>();
    (write_csv(&header, rows), write_meta(&listed))
}

/// How many different values column `c` has in `rows`.
fn distinct(rows: &[Vec<String>], c: usize) -> usize {
    rows.iter()
        .map(|r| r[c].as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// The names every strand indicator column takes besides the levels'.
const FIXED_STRAND_COLUMNS: [&str; 4] = ["schools", "respondents", "not_judged", "disclosure"];

/// A level's column name from its id (a safe id: letters, digits, - and _): snake case,
/// `level_` in front if it would start with a digit or take another column's name.
fn level_column(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit())
        || FIXED_STRAND_COLUMNS.contains(&name.as_str())
    {
        format!("level_{name}")
    } else {
        name
    }
}

/// The benchmark as tidy CSV files to the EES open data standards, for one geography or
/// several (the whole area as [`TOTAL`], and its local areas by name): see the module
/// notes. Same input, same bytes.
pub fn tidy(geographies: &[Geography<'_>], rubric: &Rubric, options: &TidyOptions) -> TidyFiles {
    let years: BTreeSet<AcademicYear> = geographies
        .iter()
        .flat_map(|g| g.bench.years.iter().map(|y| y.year))
        .collect();
    let (strands, strands_meta) = strand_files(geographies, &years, rubric, options);
    let (checklist, checklist_meta) = checklist_files(geographies, &years, rubric, options);
    TidyFiles {
        strands,
        strands_meta,
        checklist,
        checklist_meta,
    }
}

/// The strands' file and its metadata: a row per year, geography and strand.
fn strand_files(
    geographies: &[Geography<'_>],
    years: &BTreeSet<AcademicYear>,
    rubric: &Rubric,
    options: &TidyOptions,
) -> (Vec<u8>, Vec<u8>) {
    let mut columns = strand_filters(rubric);
    columns.extend(level_indicators(rubric));
    let indicators = columns.len() - 3;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for &year in years {
        for g in geographies {
            let lead = |outcome: &str, code: String| {
                let mut row = geography_cells(year, options);
                row.extend([g.local_area.to_owned(), outcome.to_owned(), code]);
                row
            };
            match g.bench.years.iter().find(|y| y.year == year) {
                Some(y) => rows.extend(y.strands.iter().map(|s| {
                    let mut row = lead(&s.outcome, s.code());
                    row.extend(strand_cells(y, s));
                    row
                })),
                None => rows.extend(rubric.strands().map(|s| {
                    let mut row = lead(&s.outcome.id, s.code());
                    row.extend(not_available(indicators));
                    row
                })),
            }
        }
    }
    data_and_meta(columns, &rows)
}

/// A geography's indicators in a year it has no return: no schools, and its figures not
/// available.
fn not_available(indicators: usize) -> Vec<String> {
    std::iter::once("0".to_owned())
        .chain(std::iter::repeat_n("x".to_owned(), indicators - 1))
        .collect()
}

/// One strand's indicators: the schools, its respondents, then its published figures.
fn strand_cells(
    y: &sendbench_core::YearBenchmark,
    s: &sendbench_core::StrandFigures,
) -> Vec<String> {
    let levels = 0..s.counts.len();
    let mut row = vec![
        y.school_count().to_string(),
        s.respondents.to_string(),
        s.not_judged.to_string(),
    ];
    row.extend(levels.clone().map(|i| cell(s.published_count(i))));
    row.extend(levels.map(|i| cell(s.published_percent(i))));
    row.extend([
        cell(s.published_strong()),
        cell(s.published_strong_percent()),
        cell(s.published_below()),
        cell(s.published_below_percent()),
        disclosure_id(s.disclosure).to_owned(),
    ]);
    row
}

/// The strands' file's filters (local area, outcome, strand) and the counts of schools
/// every strand has.
fn strand_filters(rubric: &Rubric) -> Vec<Meta> {
    vec![
        Meta::filter(
            "local_area",
            "Local area",
            "Filter by local area (Total is the whole area)",
            "",
        ),
        // Groups the strands.
        Meta::filter("outcome", "Outcome", "Filter by outcome", ""),
        Meta::filter(
            "strand",
            "Strand",
            &rubric.strands().next().map_or_else(
                || "Filter by strand".to_owned(),
                |s| {
                    format!(
                        "Filter by strand: {} is strand {} of outcome {}",
                        s.code(),
                        s.strand.id,
                        s.outcome.id
                    )
                },
            ),
            "outcome",
        ),
        Meta::count(
            "schools",
            "Schools that returned the benchmark".into(),
            "Schools",
        ),
        Meta::count(
            "respondents",
            "Schools that judged the strand".into(),
            "Schools",
        ),
        Meta::count(
            "not_judged",
            "Schools that did not judge the strand".into(),
            "Schools",
        ),
    ]
}

/// The strands' file's judgement indicators: per level, its count and percentage; the two
/// sides of the strength line; what was published.
fn level_indicators(rubric: &Rubric) -> Vec<Meta> {
    let from = rubric.strength_from;
    let ids: Vec<String> = rubric.levels.iter().map(|l| level_column(&l.id)).collect();
    let names: Vec<&str> = rubric.levels.iter().map(|l| l.name.as_str()).collect();
    let (line_id, line_name) = (
        ids.get(from).cloned().unwrap_or_default(),
        names.get(from).copied().unwrap_or_default(),
    );
    let strong = format!("{line_id}_or_better");
    let below = format!("below_{line_id}");
    let mut columns = Vec::new();
    for (id, name) in ids.iter().zip(&names) {
        columns.push(Meta::count(
            id,
            format!("Schools judging the strand {name}"),
            "Schools by judgement",
        ));
    }
    for (id, name) in ids.iter().zip(&names) {
        columns.push(Meta::percent(
            &format!("{id}_percent"),
            format!("% of respondents judging the strand {name}"),
            "Percentage of respondents by judgement",
        ));
    }
    columns.extend([
        Meta::count(
            &strong,
            format!("Schools judging the strand {line_name} or better"),
            "Schools by judgement",
        ),
        Meta::percent(
            &format!("{strong}_percent"),
            format!("% of respondents judging the strand {line_name} or better"),
            "Percentage of respondents by judgement",
        ),
        Meta::count(
            &below,
            format!("Schools judging the strand below {line_name}"),
            "Schools by judgement",
        ),
        Meta::percent(
            &format!("{below}_percent"),
            format!("% of respondents judging the strand below {line_name}"),
            "Percentage of respondents by judgement",
        ),
        Meta::text(
            "disclosure",
            "Figures published (full or headline or withheld)",
            "Small numbers",
        ),
    ]);
    columns
}

/// The checklist's file and its metadata: a row per year, geography and duty.
fn checklist_files(
    geographies: &[Geography<'_>],
    years: &BTreeSet<AcademicYear>,
    rubric: &Rubric,
    options: &TidyOptions,
) -> (Vec<u8>, Vec<u8>) {
    let columns = checklist_columns();
    let indicators = columns.len() - 2;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for &year in years {
        for g in geographies {
            let lead = |duty: &str| {
                let mut row = geography_cells(year, options);
                row.extend([g.local_area.to_owned(), duty.to_owned()]);
                row
            };
            match g.bench.years.iter().find(|y| y.year == year) {
                Some(y) => rows.extend(y.checklist.iter().map(|d| {
                    let mut row = lead(&d.item);
                    row.extend(duty_cells(y, d));
                    row
                })),
                None => rows.extend(rubric.checklist.items.iter().map(|item| {
                    let mut row = lead(&item.id);
                    row.extend(not_available(indicators));
                    row
                })),
            }
        }
    }
    data_and_meta(columns, &rows)
}

/// One duty's indicators: the schools, who answered, then its published figures.
fn duty_cells(y: &sendbench_core::YearBenchmark, d: &sendbench_core::DutyFigures) -> Vec<String> {
    let answered = d.answered();
    vec![
        y.school_count().to_string(),
        answered.to_string(),
        d.unanswered.to_string(),
        cell(d.published_met()),
        cell(d.published_partly_met()),
        cell(d.published_not_met()),
        cell(d.published_not_fully_met()),
        share_of(d.published_met(), answered),
        share_of(d.published_partly_met(), answered),
        share_of(d.published_not_met(), answered),
        share_of(d.published_not_fully_met(), answered),
        disclosure_id(d.disclosure).to_owned(),
    ]
}

/// The checklist's file's columns: its filters and every indicator. One list of data.
fn checklist_columns() -> Vec<Meta> {
    vec![
        Meta::filter(
            "local_area",
            "Local area",
            "Filter by local area (Total is the whole area)",
            "",
        ),
        Meta::filter("duty", "Statutory duty", "Filter by statutory duty", ""),
        Meta::count(
            "schools",
            "Schools that returned the benchmark".into(),
            "Schools",
        ),
        Meta::count("answered", "Schools that answered".into(), "Schools"),
        Meta::count(
            "unanswered",
            "Schools that did not answer".into(),
            "Schools",
        ),
        Meta::count(
            "met",
            "Schools meeting the duty".into(),
            "Schools by answer",
        ),
        Meta::count(
            "partly_met",
            "Schools partly meeting the duty".into(),
            "Schools by answer",
        ),
        Meta::count(
            "not_met",
            "Schools not meeting the duty".into(),
            "Schools by answer",
        ),
        Meta::count(
            "not_fully_met",
            "Schools partly meeting or not meeting the duty".into(),
            "Schools by answer",
        ),
        Meta::percent(
            "met_percent",
            "% of schools answering that meet the duty".into(),
            "Percentage of schools answering",
        ),
        Meta::percent(
            "partly_met_percent",
            "% of schools answering that partly meet the duty".into(),
            "Percentage of schools answering",
        ),
        Meta::percent(
            "not_met_percent",
            "% of schools answering that do not meet the duty".into(),
            "Percentage of schools answering",
        ),
        Meta::percent(
            "not_fully_met_percent",
            "% of schools answering that do not fully meet the duty".into(),
            "Percentage of schools answering",
        ),
        Meta::text(
            "disclosure",
            "Figures published (full or headline or withheld)",
            "Small numbers",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years_are_six_digits_of_consecutive_years() {
        assert_eq!(time_period(AcademicYear { start: 2025 }), "202526");
        assert_eq!(time_period(AcademicYear { start: 1999 }), "199900");
    }

    #[test]
    fn level_columns_are_snake_case_and_never_clash() {
        assert_eq!(level_column("expected"), "expected");
        assert_eq!(level_column("Working-Towards"), "working_towards");
        assert_eq!(level_column("1st"), "level_1st");
        assert_eq!(level_column("schools"), "level_schools");
    }

    #[test]
    fn names_pair_each_data_file_with_its_metadata() {
        assert_eq!(
            TidyFiles::names("area"),
            [
                "area.csv",
                "area.meta.csv",
                "area_checklist.csv",
                "area_checklist.meta.csv"
            ]
        );
    }
}
