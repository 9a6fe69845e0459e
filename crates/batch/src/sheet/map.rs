//! A column map: what a person says about a sheet's columns where their headers cannot,
//! read from a small TOML file (`--columns FILE`), and written, complete and commented, by
//! `sendbench columns` for a person to finish where it says `# not placed`.

use sendbench_core::Rubric;

use super::headers::normalise;
use super::tools::{self, Tool};
use crate::settings::{self, Parsed, SettingsError};

/// What a column holds, by a person's choice in a column map or by matching its header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// The school's name.
    School,
    /// The school's URN.
    Urn,
    /// The local area the school belongs to.
    Area,
    /// The academic year of the review (`2025/26`).
    AcademicYear,
    /// The date of the review.
    Date,
    /// When the survey response was completed: the review date if the sheet has none,
    /// and which of a school's two responses is the later.
    Submitted,
    /// A strand's level (by its code, `1a`).
    Level(String),
    /// A strand's evidence (by its code).
    Evidence(String),
    /// A checklist duty's status (by item id).
    Duty(String),
    /// Not part of the return (a survey tool's own columns).
    Ignore,
}

/// The meanings a column map accepts, for messages.
const MEANINGS: &str = "school, urn, area, academic-year, date, submitted, ignore, \"strand ID\", \"evidence ID\" or \"duty ID\"";

impl Field {
    /// Reads a column map's value: `school`, `urn`, `area`, `academic-year`, `date`,
    /// `submitted`, `ignore`, `strand 1a`, `evidence 1a` or `duty local-offer`.
    pub fn parse(text: &str, rubric: &Rubric) -> Result<Field, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(format!(
                "not placed yet: write what the column holds ({MEANINGS})"
            ));
        }
        let (kind, id) = match text.split_once(char::is_whitespace) {
            Some((k, id)) => (k.to_lowercase(), id.trim()),
            None => (text.to_lowercase(), ""),
        };
        let strand = |code: &str| {
            rubric
                .strands()
                .map(|s| s.code())
                .find(|c| c.eq_ignore_ascii_case(code))
                .ok_or_else(|| format!("the rubric has no strand {code:?}"))
        };
        Ok(match (kind.as_str(), id.is_empty()) {
            ("school", true) => Field::School,
            ("urn", true) => Field::Urn,
            ("area", true) => Field::Area,
            ("academic-year", true) => Field::AcademicYear,
            ("date", true) => Field::Date,
            ("submitted", true) => Field::Submitted,
            ("ignore", true) => Field::Ignore,
            ("strand", false) => Field::Level(strand(id)?),
            ("evidence", false) => Field::Evidence(strand(id)?),
            ("duty", false) => Field::Duty(
                rubric
                    .checklist
                    .items
                    .iter()
                    .find(|i| i.id.eq_ignore_ascii_case(id))
                    .map(|i| i.id.clone())
                    .ok_or_else(|| format!("the rubric's checklist has no duty {id:?}"))?,
            ),
            _ => {
                return Err(format!(
                    "{text:?} is not a column's meaning: use {MEANINGS}"
                ))
            }
        })
    }

    /// As a column map writes it (`strand 1a`).
    pub fn meaning(&self) -> String {
        match self {
            Field::School => "school".into(),
            Field::Urn => "urn".into(),
            Field::Area => "area".into(),
            Field::AcademicYear => "academic-year".into(),
            Field::Date => "date".into(),
            Field::Submitted => "submitted".into(),
            Field::Ignore => "ignore".into(),
            Field::Level(s) => format!("strand {s}"),
            Field::Evidence(s) => format!("evidence {s}"),
            Field::Duty(d) => format!("duty {d}"),
        }
    }

    /// In words, for messages ("strand 1a's level").
    pub fn describe(&self) -> String {
        match self {
            Field::School => "the school's name".into(),
            Field::Urn => "the URN".into(),
            Field::Area => "the area".into(),
            Field::AcademicYear => "the academic year".into(),
            Field::Date => "the review date".into(),
            Field::Submitted => "the completion time".into(),
            Field::Level(s) => format!("strand {s}'s level"),
            Field::Evidence(s) => format!("strand {s}'s evidence"),
            Field::Duty(d) => format!("duty {d}'s status"),
            Field::Ignore => "nothing (ignored)".into(),
        }
    }
}

/// What a person says about a sheet's columns where matching them by their headers cannot:
/// a TOML file given with `--columns`, or written by `sendbench columns`.
///
/// ```toml
/// sheet = "Form1"        # read only this sheet (else every sheet that has strand columns)
/// header_row = 3         # the header is in row 3 (else found: below a title, say)
/// header_rows = 2        # it has two rows (else worked out)
/// [columns]
/// "Which statement best fits your provision map?" = "strand 1a"
/// "Setting" = "school"
/// "Q12" = "duty local-offer"
/// "Notes for the LA" = "ignore"
/// ```
///
/// A column is named by its header text (case, spaces and punctuation aside) or by its
/// letter (`F`).
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    /// The one sheet to read.
    pub sheet: Option<String>,
    /// The row the header starts in, from 1.
    pub header_row: Option<usize>,
    /// How many header rows there are.
    pub header_rows: Option<usize>,
    /// The survey tool that wrote the sheet, where its headers do not say.
    pub tool: Option<&'static Tool>,
    /// Header text (normalised) or column letter -> what it holds.
    pub columns: Vec<(String, Field)>,
}

impl ColumnMap {
    /// Reads a column map file (at most 4 MB, never a device), every problem at once.
    pub fn load(path: &std::path::Path, rubric: &Rubric) -> Result<ColumnMap, SettingsError> {
        let text = settings::read(path)?;
        ColumnMap::from_toml(&text, rubric).map_err(SettingsError::Problems)
    }

    /// Reads a column map, checking every meaning against the rubric; every problem at once,
    /// each with its line.
    pub fn from_toml(text: &str, rubric: &Rubric) -> Result<ColumnMap, Vec<String>> {
        let parsed = Parsed::new(text)?;
        let mut map = ColumnMap::default();
        let mut problems = Vec::new();
        for (key, value) in parsed.entries() {
            let line = parsed.line(value);
            let v = value.get_ref();
            let number = |most: i64| {
                settings::integer(v)
                    .filter(|n| (1..=most).contains(n))
                    .map(|n| n as usize)
            };
            match key {
                "sheet" => match settings::string(v) {
                    Some(s) => map.sheet = Some(s.to_owned()),
                    None => problems.push(format!("{line}: sheet: give the sheet's name in quotes")),
                },
                "header_row" | "header-row" => match number(super::grid::MAX_SHEET_ROWS as i64) {
                    Some(n) => map.header_row = Some(n),
                    None => problems.push(format!(
                        "{line}: {key} must be the number of the row that holds the headers (1 for the first row)"
                    )),
                },
                "header_rows" | "header-rows" => match number(5) {
                    Some(n) => map.header_rows = Some(n),
                    None => problems.push(format!("{line}: {key} must be a number from 1 to 5")),
                },
                "tool" => match settings::string(v).and_then(tools::by_name) {
                    Some(tool) => map.tool = Some(tool),
                    None => problems.push(format!(
                        "{line}: tool must be one of {}",
                        tools::TOOLS
                            .iter()
                            .map(|t| format!("{:?}", t.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                },
                "columns" => match settings::table_entries(v) {
                    Some(columns) => {
                        for (header, meaning) in columns {
                            let line = parsed.line(meaning);
                            let header = header.get_ref();
                            match settings::string(meaning.get_ref()).map(|m| Field::parse(m, rubric)) {
                                Some(Ok(field)) => map.columns.push((normalise(header), field)),
                                Some(Err(e)) => problems.push(format!("{line}: {header:?}: {e}")),
                                None => problems.push(format!(
                                    "{line}: {header:?}: give the meaning as text, e.g. \"strand 1a\""
                                )),
                            }
                        }
                    }
                    None => problems.push(format!(
                        "{line}: columns must be a table: a [columns] line, then \"Header\" = \"strand 1a\" lines"
                    )),
                },
                other => problems.push(format!(
                    "{line}: {other:?} is not a setting of a column map: use sheet, header_row, header_rows, tool and [columns]"
                )),
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    /// What the map says a column holds: by its whole header, its own text (under a
    /// question), or its letter.
    pub fn field_for(&self, header: &str, own: &str, letter: &str) -> Option<&Field> {
        let find = |key: &str| {
            let key = normalise(key);
            (!key.is_empty())
                .then(|| self.columns.iter().find(|(k, _)| *k == key))
                .flatten()
        };
        find(header)
            .or_else(|| find(own))
            .or_else(|| {
                self.columns
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(letter))
            })
            .map(|(_, f)| f)
    }
}

/// A TOML string: the text in double quotes, escaped (the one encoder core writes TOML with).
pub use sendbench_core::toml_basic_string as quoted;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_names_its_line() {
        let problems = ColumnMap::from_toml(
            "sheet = \"Form1\"\ncolour = 3\n[columns]\nA = \"strand 9z\"\nB = \"\"\nC = \"favourite\"\n",
            &Rubric::builtin(),
        )
        .expect_err("problems");
        assert_eq!(
            problems,
            [
                "line 2: \"colour\" is not a setting of a column map: use sheet, header_row, header_rows, tool and [columns]",
                "line 4: \"A\": the rubric has no strand \"9z\"",
                "line 5: \"B\": not placed yet: write what the column holds (school, urn, area, academic-year, date, submitted, ignore, \"strand ID\", \"evidence ID\" or \"duty ID\")",
                "line 6: \"C\": \"favourite\" is not a column's meaning: use school, urn, area, academic-year, date, submitted, ignore, \"strand ID\", \"evidence ID\" or \"duty ID\"",
            ]
        );
    }

    #[test]
    fn the_header_row_and_tool_can_be_said() {
        let map = ColumnMap::from_toml(
            "header_row = 3\nheader-rows = 2\ntool = \"surveymonkey\"\n",
            &Rubric::builtin(),
        )
        .expect("map");
        assert_eq!((map.header_row, map.header_rows), (Some(3), Some(2)));
        assert_eq!(map.tool.map(|t| t.name), Some("SurveyMonkey"));
    }

    #[test]
    fn every_meaning_reads_back_as_itself() {
        let rubric = Rubric::builtin();
        for field in [
            Field::School,
            Field::Urn,
            Field::Area,
            Field::AcademicYear,
            Field::Date,
            Field::Submitted,
            Field::Ignore,
            Field::Level("1a".into()),
            Field::Evidence("5c".into()),
            Field::Duty("local-offer".into()),
        ] {
            assert_eq!(Field::parse(&field.meaning(), &rubric), Ok(field));
        }
        assert_eq!(quoted("a \"b\"\\\u{7}"), "\"a \\\"b\\\"\\\\\\u0007\"");
    }
}
