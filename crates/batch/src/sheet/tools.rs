//! The survey tools sendbench knows, as data: one [`Tool`] per tool in [`TOOLS`], saying
//! what its export looks like. Adding a tool is one entry here and one fixture under
//! `tests/fixtures/surveys/`.
//!
//! An entry says which of the tool's own columns mark it (two of them in one header row
//! recognise the tool), which columns are its own and left out of the return, which one is
//! the completion time, how many header rows it writes and what the rows below the first
//! hold, how it names the rows of a grid or matrix question, and which way round its own
//! dates are written when the dates themselves do not settle it. Headers are compared
//! normalised (lower case, punctuation to spaces: see [`super::headers::normalise`]).

use super::headers::normalise;
use super::rows::DateOrder;

/// One survey tool's export.
#[derive(Debug)]
pub struct Tool {
    /// Its name, as people know it.
    pub name: &'static str,
    /// Headers only it writes (normalised): two in one row recognise it.
    pub marks: &'static [&'static str],
    /// Its own columns (normalised headers), left out of the return.
    pub own: &'static [&'static str],
    /// Starts of its own columns' headers (normalised), for columns it makes per question
    /// (a quiz's "Points - Q1").
    pub own_prefixes: &'static [&'static str],
    /// Its completion time: the first of these present is the completion time, any other
    /// is its own column.
    pub submitted: &'static [&'static str],
    /// Its header rows.
    pub rows: HeaderRows,
    /// How it names the rows of a grid or matrix question in a header.
    pub naming: Naming,
    /// Which way round its own dates are written, when they do not show it.
    pub dates: DateOrder,
    /// Its own columns whose value says a row is no response (normalised header, and the
    /// normalised values): a preview or test of the survey by its maker.
    pub not_responses: &'static [(&'static str, &'static [&'static str])],
}

/// What a tool writes as headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRows {
    /// One row of headers.
    One,
    /// A row of questions, a question's text over the first column of its group only (the
    /// cells to its right empty), and under it a row of labels: each matrix row's label, or
    /// one of `labels` for a question with one answer.
    QuestionsThenLabels {
        /// The labels under a question with one answer, normalised ("response").
        labels: &'static [&'static str],
    },
    /// A row of the tool's own ids (`Q1`, `Q2_1`, `StartDate`), a row of the questions'
    /// text, and a row of import ids (`{"ImportId":"QID2_1"}`), which is left out.
    IdsTextsImportIds,
}

/// How a tool names a grid or matrix row in a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `Question [Row]`.
    Brackets,
    /// `Question - Row`.
    Dash,
    /// `Question: Row`.
    Colon,
    /// The question in the row above, over the group's first column; the row's label below.
    Above,
    /// The row's own text only.
    RowOnly,
}

/// Every survey tool sendbench knows.
pub const TOOLS: &[Tool] = &[
    Tool {
        name: "Microsoft Forms",
        marks: &[
            "id",
            "start time",
            "completion time",
            "email",
            "name",
            "last modified time",
        ],
        own: &[
            "id",
            "start time",
            "email",
            "name",
            "last modified time",
            "total points",
            "quiz feedback",
            "language",
        ],
        own_prefixes: &["points ", "feedback "],
        submitted: &["completion time"],
        rows: HeaderRows::One,
        naming: Naming::RowOnly,
        dates: DateOrder::DayFirst,
        not_responses: &[],
    },
    Tool {
        name: "Google Forms",
        marks: &["timestamp", "email address", "score"],
        own: &["email address", "score", "username"],
        own_prefixes: &[],
        submitted: &["timestamp"],
        rows: HeaderRows::One,
        naming: Naming::Brackets,
        dates: DateOrder::DayFirst,
        not_responses: &[],
    },
    Tool {
        name: "SurveyMonkey",
        marks: &[
            "respondent id",
            "collector id",
            "start date",
            "end date",
            "ip address",
            "email address",
            "first name",
            "last name",
            "custom data 1",
        ],
        own: &[
            "respondent id",
            "collector id",
            "start date",
            "ip address",
            "email address",
            "first name",
            "last name",
            "custom data 1",
            "custom data 2",
            "custom data 3",
        ],
        own_prefixes: &[],
        submitted: &["end date"],
        rows: HeaderRows::QuestionsThenLabels {
            labels: &["response", "responses", "open ended response"],
        },
        naming: Naming::Above,
        dates: DateOrder::MonthFirst,
        not_responses: &[],
    },
    Tool {
        name: "Smart Survey",
        marks: &[
            "userno",
            "user no",
            "unique id",
            "started",
            "ended",
            "tracking link",
            "custom value",
        ],
        own: &[
            "userno",
            "user no",
            "name",
            "email",
            "ip address",
            "unique id",
            "started",
            "tracking link",
            "custom value",
            "custom value 1",
            "custom value 2",
            "custom value 3",
        ],
        own_prefixes: &[],
        submitted: &["ended"],
        rows: HeaderRows::One,
        naming: Naming::Colon,
        dates: DateOrder::DayFirst,
        not_responses: &[],
    },
    Tool {
        name: "Qualtrics",
        marks: &[
            "startdate",
            "enddate",
            "responseid",
            "recordeddate",
            "progress",
            "finished",
            "duration in seconds",
            "start date",
            "end date",
            "response id",
            "recorded date",
        ],
        own: &[
            "startdate",
            "start date",
            "status",
            "response type",
            "ipaddress",
            "ip address",
            "progress",
            "duration in seconds",
            "finished",
            "recordeddate",
            "recorded date",
            "responseid",
            "response id",
            "recipientlastname",
            "recipient last name",
            "recipientfirstname",
            "recipient first name",
            "recipientemail",
            "recipient email",
            "externalreference",
            "external data reference",
            "externaldatareference",
            "locationlatitude",
            "location latitude",
            "locationlongitude",
            "location longitude",
            "distributionchannel",
            "distribution channel",
            "userlanguage",
            "user language",
            "q recaptchascore",
            "q relevantidduplicate",
            "q relevantidduplicatescore",
            "q relevantidfraudscore",
            "q relevantidlaststartdate",
        ],
        own_prefixes: &[],
        submitted: &["enddate", "end date"],
        rows: HeaderRows::IdsTextsImportIds,
        naming: Naming::Dash,
        dates: DateOrder::DayFirst,
        not_responses: &[
            ("status", &["survey preview", "survey test", "spam"]),
            ("response type", &["survey preview", "survey test", "spam"]),
            ("distributionchannel", &["preview", "test"]),
            ("distribution channel", &["preview", "test"]),
        ],
    },
];

/// Columns any tool (or a person) adds that are never part of a return, whichever tool
/// wrote the sheet.
pub const ANY_OWN: &[&str] = &[
    "id",
    "respondent id",
    "collector id",
    "response id",
    "start time",
    "start date",
    "started",
    "ip address",
    "email",
    "email address",
    "first name",
    "last name",
    "custom data 1",
    "last modified time",
    "total points",
    "quiz feedback",
    "response type",
    "language",
    "user agent",
    "status",
];

/// Completion times any tool writes, whichever tool wrote the sheet.
pub const ANY_SUBMITTED: &[&str] = &[
    "completion time",
    "end date",
    "completed",
    "timestamp",
    "submitted",
    "date submitted",
    "submission date",
    "ended",
];

/// The tool whose marks stand in a row of headers (at least two of them, and more than any
/// other tool's), if any.
pub fn recognise<'a>(headers: impl Iterator<Item = &'a str>) -> Option<&'static Tool> {
    let headers: Vec<String> = headers.map(normalise).collect();
    let mut best: Option<(&'static Tool, usize)> = None;
    let mut tie = false;
    for tool in TOOLS {
        let marks = tool
            .marks
            .iter()
            .filter(|m| headers.iter().any(|h| h == *m))
            .count();
        if marks < 2 {
            continue;
        }
        match best {
            Some((_, n)) if n > marks => {}
            Some((_, n)) if n == marks => tie = true,
            _ => {
                best = Some((tool, marks));
                tie = false;
            }
        }
    }
    // Two tools recognised equally well: neither (the headers are matched by meaning).
    best.filter(|_| !tie).map(|(tool, _)| tool)
}

/// A tool by its name (case aside), for a column map that says which tool wrote the sheet.
pub fn by_name(name: &str) -> Option<&'static Tool> {
    let wanted = normalise(name);
    TOOLS.iter().find(|t| normalise(t.name) == wanted)
}

impl Tool {
    /// Whether a (normalised) header is one of the tool's own columns.
    pub fn is_own(&self, header: &str) -> bool {
        self.own.contains(&header) || self.own_prefixes.iter().any(|p| header.starts_with(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tool_is_recognised_by_its_own_columns() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["ID", "Start time", "Completion time", "Email", "Name", "1a"],
                "Microsoft Forms",
            ),
            (&["Timestamp", "Email address", "School"], "Google Forms"),
            (
                &["Respondent ID", "Collector ID", "Start Date", "End Date"],
                "SurveyMonkey",
            ),
            (
                &["UserNo", "Name", "Email", "Unique ID", "Started", "Ended"],
                "Smart Survey",
            ),
            (
                &["StartDate", "EndDate", "Status", "Progress", "ResponseId"],
                "Qualtrics",
            ),
        ];
        for (headers, tool) in cases {
            assert_eq!(
                recognise(headers.iter().copied()).map(|t| t.name),
                Some(*tool),
                "{headers:?}"
            );
        }
        assert!(recognise(["School name", "URN", "1a"].into_iter()).is_none());
    }

    #[test]
    fn no_tool_names_its_own_columns_twice_or_in_another_case() {
        for tool in TOOLS {
            for list in [tool.marks, tool.own, tool.submitted] {
                for header in list {
                    assert_eq!(normalise(header), *header, "{}: {header}", tool.name);
                }
            }
            assert!(!tool.submitted.iter().any(|s| tool.own.contains(s)));
        }
    }
}
