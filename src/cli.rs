//! The command line: arguments, help text and examples. Each command's work is done by the
//! libraries; this file only says what the user can ask for.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The SEND Benchmark and Planning Tool: check and summarise schools' reviews of their
/// provision for children and young people with special educational needs and disabilities.
#[derive(Debug, Parser)]
#[command(name = "sendbench", version, about, long_about = None)]
#[command(after_help = "Examples:
  sendbench rubric                          outline of the built-in rubric
  sendbench new --school \"Oakfield Primary School\" -o oakfield.toml
  sendbench validate examples/schools/*.toml  check assessment files
  sendbench summary examples/schools/oakfield-primary.toml

Exit codes: 0 success, 1 invalid input (the problems are listed), 2 usage error,
130 interrupted (Ctrl-C).")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Use this rubric (TOML) instead of the built-in Hertfordshire one.
    #[arg(long, global = true, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the rubric's outline: outcomes, strands and levels.
    #[command(after_help = "Examples:
  sendbench rubric                        outline: outcomes, strand ids, levels
  sendbench rubric --full                 every descriptor and checklist duty
  sendbench rubric --toml > my-area.toml  the built-in rubric's TOML, to adapt
  sendbench rubric --rubric examples/four-level-rubric.toml")]
    Rubric(RubricArgs),

    /// Write a blank assessment to fill in, with every strand and its descriptors as comments.
    #[command(after_help = "Examples:
  sendbench new --school \"Oakfield Primary School\" -o oakfield.toml
  sendbench new --school \"Oakfield Primary School\" --urn 117234 --area \"DSPL 9\" --year 2025/26 -o oakfield.toml

Without -o the file is printed. An existing file is only replaced with --force.")]
    New(NewArgs),

    /// Check assessment files against the rubric and list every problem.
    #[command(after_help = "Examples:
  sendbench validate oakfield.toml
  sendbench validate examples/schools/*.toml --format json

Errors make the file unusable; warnings (strands not yet judged, say) do not.
Exit code 0 if every file is valid, 1 if any has errors, 2 on a usage error.")]
    Validate(ValidateArgs),

    /// Print an assessment's judgement profile: per outcome, strands at each level.
    #[command(after_help = "Examples:
  sendbench summary examples/schools/oakfield-primary.toml
  sendbench summary examples/schools/oakfield-primary.toml --format json")]
    Summary(SummaryArgs),

    /// Write the fillable Word toolkit: blank, or pre-filled from an assessment.
    #[command(after_help = "Examples:
  sendbench toolkit -o toolkit.docx
  sendbench toolkit --assessment examples/schools/oakfield-primary.toml -o oakfield-2025-26.docx
  sendbench toolkit --assessment examples/schools/oakfield-primary.toml --next-year -o oakfield-2026-27.docx
  sendbench --rubric examples/other-rubric/rubric.toml toolkit -o early-years.docx

The form has real Word content controls: text fields, check boxes, drop-down lists
of the rubric's levels and date pickers, each tagged so `sendbench import` can read
the filled form back. Pre-filling (last year's answers, say) leaves every field editable.")]
    Toolkit(ToolkitArgs),

    /// Write the collection sheet for a county's survey (XLSX), and the question list for an
    /// online form.
    #[command(after_help = "Examples:
  sendbench survey-template -o returns.xlsx
  sendbench survey-template -o returns.xlsx --questions questions.txt --area \"DSPL 1\" --area \"DSPL 2\"

The workbook has an Instructions sheet and a Returns sheet: a row per school, a column
per school detail, strand and statutory duty, drop-down lists of the rubric's levels and
the duties' statuses, each strand's descriptors as a note on its header. Filled in, it is
read back by `area`, `build` and `report --compare` as it is. The question list gives the
same questions, with their answer options, for Microsoft Forms, SurveyMonkey, Smart Survey
or Google Forms: with each question's text as written, the form's export (XLSX or CSV)
reads back without a column map.")]
    SurveyTemplate(SurveyTemplateArgs),

    /// Show how a survey export's columns are read, and write a column map to finish.
    #[command(after_help = "Examples:
  sendbench columns \"SEND benchmark 2026.xlsx\"              how every column is read
  sendbench columns responses.csv -o columns.toml            write a column map to finish
  sendbench area responses.csv --columns columns.toml -o area.pdf

For each sheet: which survey tool was recognised (Microsoft Forms, Google Forms,
SurveyMonkey, Smart Survey, Qualtrics) and which row holds the header; then each column:
a strand's level or evidence, a duty, a school detail, the tool's own column (left out),
or NOT PLACED, with its header and why. A column whose answers are level names is said to
be almost certainly a strand.

-o writes a complete column map: a line per column, \"Header\" = \"what it holds\", each
with a comment saying how it was read. Only the lines marked # not placed need filling in
(\"strand 1a\", \"evidence 1a\", \"duty ID\", \"school\", \"urn\", \"area\",
\"academic-year\", \"date\", \"submitted\" or \"ignore\"); header_row = N says which row
holds the headers. Give the map to area, build or report --compare with --columns.")]
    Columns(ColumnsArgs),

    /// Read a filled-in Word toolkit back into an assessment file.
    #[command(after_help = "Examples:
  sendbench import oakfield.docx -o oakfield.toml
  sendbench import oakfield.docx              print the assessment

The result is checked like `validate` and written with the rubric's descriptors
as comments. Fields still showing their placeholder are read as empty.")]
    Import(ImportArgs),

    /// Typeset a PDF report: for governors, for parents, or for the SEN information report.
    #[command(after_help = "Examples:
  sendbench report examples/schools/oakfield-primary.toml --audience governors -o governors.pdf
  sendbench report examples/schools/oakfield-primary.toml --audience parents
  sendbench report examples/schools/oakfield-primary.toml --all -o reports/
  sendbench report oak.toml --audience governors --pdfa --templates my-templates/
  sendbench report oak.toml --audience governors --compare returns/2025-26/
  sendbench report oak-2025-26.toml --all --previous oak-2024-25.toml -o reports/
  sendbench report oak.toml --audience sen-info --format html -o sen-info.html
  sendbench report oak.toml --audience sen-info --format html --fragment -o sen-info-fragment.html

Audiences: governors (the full benchmark), parents (3-5 pages, a plain-language summary for families)
and sen-info (2-4 pages for the school's SEN information report). The two family-facing
reports carry no participant names, no notes or actions, no checklist evidence, no action
plan column but the target and its dates, and a strand's evidence only where marked
public = true: not in their text, metadata or attachments.

A review with strands or duties not yet judged is a draft: every report says \"Draft: N of M
strands and K of L duties not yet judged\" on its cover and at the top of every page, never
that the review is complete, and lists the key dates the school set.

--format html makes the same report as an accessible web page from the same data (no
names or private evidence on the families' pages either): self-contained, no script, charts
as inline SVG with their figures in tables. --fragment gives the body only, with its styles
scoped, to paste into a school website's editor. --templates DIR replaces the built-in
templates/html/ files of the same name too.

PDFs are tagged PDF/UA-1. --pdfa adds PDF/A-3a and attaches data: to the governors' report
the assessment it was made from (assessment.toml); to the parents' and sen-info reports only
their own filtered data (data.json), nothing more. Without -o the file is named after the
school and audience.")]
    Report(ReportArgs),

    /// Aggregate many schools' returns into an area benchmark.
    #[command(after_help = "Examples:
  sendbench area returns/ -o area.pdf --suppress-below 5
  sendbench area returns/ -o area.pdf --title \"DSPL 9 Schools' SEND Benchmark 2026\"
  sendbench area returns/ -o area.pdf --collection \"Returned to the DSPL office, June 2026.\"
  sendbench area returns/2024-25 returns/2025-26 --csv area.csv --xlsx area.xlsx
  sendbench area returns/ --html area.html --suppress-below 5
  sendbench area returns/*.toml returns/*.docx --strict

Inputs are assessment files (TOML), filled toolkits (DOCX) and survey exports (CSV, XLSX),
or folders holding them.

Survey exports: one row per school, read as Microsoft Forms, Google Forms, SurveyMonkey,
Smart Survey and Qualtrics export them (the tool is recognised by its own columns, its
header rows and grid or matrix rows read its way), or a hand-kept workbook (the header found
below a title and blank rows; totals and notes under the data left out, named), or the sheet
`sendbench survey-template` makes. Columns are matched by meaning: a strand by its code
wherever it stands (\"1a\", \"6. 1a.\", \"Outcome 1 [a]\") or its descriptor, a duty by
its text, the school's details however worded (\"In which DSPL does your setting sit?\");
the tool's own columns are left out, its completion time standing in for the review date.
A cell that is not a level is named (Returns!E3), and so is a spreadsheet error (#N/A). A
column that cannot be placed is named with its header and cell; `sendbench columns EXPORT -o
columns.toml` writes a column map to finish where it says # not placed, and --columns FILE
gives it:
  header_row = 3          # optional: the row holding the headers
  [columns]
  \"Provision map\" = \"strand 1b\"   # or: evidence 1b, duty ID, school, urn, area,
  \"Notes\" = \"ignore\"             #     academic-year, date, submitted, ignore
A spreadsheet whose cells hold level names is returns: if it cannot be read the run fails
naming it. A --title (or options) naming a year no return is for is refused.

The same school twice in one year (same URN, else same name) is counted once, the later
review winning, with a warning (--strict makes it an error). Returns against another
rubric version are refused.

Figures: percentages are of respondents (the schools that judged the strand), rounded to
whole numbers (halves to even), so Expected+Exemplary and Emerging always add up to 100.
Every percentage shows its count and denominator: \"98% (45 of 46)\" is 45 of the 46
schools that judged the strand.

Strengths and areas for development, per outcome: a strand is a strength when at least
--strength-threshold % of respondents judged it Expected or Exemplary, and for development
when at least --development-threshold % judged it Emerging, each percentage as the report
shows it, rounded to a whole number. A strand reaching both is an
area for development, never a strength. Each list keeps the highest percentages up to its
limit (--strengths, --developments) and every strand tying with the last one kept, so a
list can be longer than its limit. With each list the report says which strands reached
the threshold but are not listed, and why (for development instead, or beyond the limit),
and which strands it did not consider because their figures are withheld.

Small numbers (--suppress-below N, GSS practice; withheld figures show as c):
  full      no level count from 1 to N-1: every figure is shown;
  headline  a level has one, but neither side of the split (Expected or Exemplary /
            Emerging; for duties met / not fully met) does: only the split is shown;
  withheld  the split has one: no judgement figures are shown.
Zero is not small. The number of schools, respondents and \"not judged\" are always shown
(whether a school answered, not how it judged itself). Withheld strands are not listed as
strengths or for development, and whether they reached a threshold is not said (that
would narrow down their figures). CSV and XLSX have a disclosure column. N must be 3 or
more: with 2, a reader knowing the rule could tell that two hidden counts adding up to 2
are 1 and 1.

Open data (--csv FILE): tidy CSV files to DfE's open data standards for Explore education
statistics, each with its EES metadata file: FILE (a row per year, area and strand),
STEM.meta.csv, STEM_checklist.csv (a row per year, area and duty), STEM_checklist.meta.csv.
UTF-8 without a byte-order mark (open the XLSX in Excel). c is withheld, z not applicable
(a percentage of no respondents). EES also needs --la-name, --la-code and --old-la-code.

Warnings: a year resting on fewer schools than N, or on fewer than 10 (one school then
moves a percentage by more than 10 points), is warned about here and in the PDF, and a
year-on-year change resting on fewer than 10 respondents is marked \"few schools\".")]
    Area(AreaArgs),

    /// Make every document for every school in a folder, and the area report, in one go.
    #[command(after_help = "Examples:
  sendbench build examples/schools -o out/
  sendbench build returns/2025-26 -o published/ --quiet --suppress-below 5
  sendbench build returns/ -o published/ --title \"DSPL 9 SEND benchmark 2025/26\" --strict
  sendbench build county-returns/ -o published/ --by area --options area-options.toml

For each return in INPUT_DIR and its sub-folders (assessments as TOML, filled toolkits as
DOCX, rows of survey exports as CSV or XLSX; extensions in any case): the governors',
parents' and SEN information PDFs and a toolkit for next year's review pre-filled from this
one (NAME-toolkit-2026-27.docx), in OUT_DIR/schools/; plus OUT_DIR/blank-toolkit.docx, the
area report (OUT_DIR/area/area.pdf, area.xlsx and the open data area.csv, area.meta.csv,
area_checklist.csv, area_checklist.meta.csv) and OUT_DIR/index.json. With --by area, also
OUT_DIR/areas/: each local area's report (PDF and web page), spreadsheet and open data with
the county's figures beside its own, and the county overview (county-overview.pdf and
county-overview.html). Every PDF has its web page beside it (NAME-AUDIENCE.html,
area/area.html).

Intake: every file found is accounted for. Office and LibreOffice lock files (~$x.docx),
Mac resource files (._x), hidden files, rubrics, other kinds of file, the output folder and
earlier output folders (holding an index.json) are skipped, with the reason; links are
followed, but a loop or a second path to the same file is noticed and read once. The
summary says \"Read N files: U returns used, D duplicates, S skipped, I invalid.\" and
index.json lists every file with what became of it.

Duplicates: two returns for the same academic year are the same school when their URNs or
their names (case, punctuation and &/and aside) match; where the URN matches one school and
the name another, the name wins (a mistyped URN must not remove another school). The latest
review is kept; on the same date the more complete; then the first by file name. Each
duplicate and each disagreement between URN and name is warned about, naming both files;
--strict refuses instead.

Incremental: a document is remade when anything it is made from changed (the return's
content, the set of returns for the area report, the rubric, templates, fonts, options, or
sendbench itself), recorded in OUT_DIR/.sendbench-manifest.json; file times are not
trusted. Documents of returns no longer in INPUT_DIR, and documents that failed to be
remade, are removed, so index.json lists only files that exist. --force remakes all.

One build at a time may write to OUT_DIR. Files are written whole, so an interrupt (Ctrl-C,
exit code 130) leaves no partial file: run again to finish. A bad return or a failed
document is reported and the rest are built (the area's XLSX and CSV need no fonts, so a
name the PDF fonts cannot show never stops them); the exit code is then 1.")]
    Build(BuildArgs),

    /// Print the JSON Schema of assessment files, for editor completion and checking.
    #[command(after_help = "Examples:
  sendbench schema -o assessment.schema.json

Then put `#:schema ./assessment.schema.json` on the first line of an assessment file
(Even Better TOML / Taplo), or map the schema to *.toml in your editor's settings.")]
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    /// Print every descriptor, duty and question, not just the outline.
    #[arg(long, conflicts_with = "toml")]
    pub full: bool,
    /// Print the rubric's TOML source (to copy and adapt for another area).
    #[arg(long)]
    pub toml: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The school's name.
    #[arg(long, value_name = "NAME")]
    pub school: String,
    /// The school's six-digit Unique Reference Number.
    #[arg(long)]
    pub urn: Option<String>,
    /// The local area or cluster (e.g. "DSPL 9").
    #[arg(long)]
    pub area: Option<String>,
    /// The academic year, e.g. 2025/26.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Leave out the descriptor comments.
    #[arg(long)]
    pub no_comments: bool,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct Output {
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For programs.
    Json,
}

/// What a report is made as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A tagged PDF (PDF/UA-1), typeset.
    Pdf,
    /// An accessible web page (HTML), self-contained: no script, nothing loaded from elsewhere.
    Html,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Assessment files (TOML), folders of them (read with their sub-folders), or - for
    /// standard input.
    #[arg(required = true, value_name = "FILES_OR_DIRS")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// Assessment files (TOML), folders of them, or - for standard input.
    #[arg(required = true, value_name = "FILES_OR_DIRS")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ToolkitArgs {
    /// Pre-fill the form from this assessment (TOML).
    #[arg(long, value_name = "FILE")]
    pub assessment: Option<PathBuf>,
    /// Make next year's form from the assessment, as `build` does: the next academic year,
    /// this review's dates cleared, and the form saying its answers are carried forward
    /// from this review for the school to revisit.
    #[arg(long, requires = "assessment")]
    pub next_year: bool,
    /// Write the DOCX here.
    #[arg(short, long, value_name = "FILE", default_value = "toolkit.docx")]
    pub output: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SurveyTemplateArgs {
    /// Write the collection sheet (XLSX) here.
    #[arg(short, long, value_name = "FILE", default_value = "returns.xlsx")]
    pub output: PathBuf,
    /// Also write the questions for an online form (text) here.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
    /// A local area schools choose from (repeat for each); without, the area is typed in.
    #[arg(long = "area", value_name = "NAME")]
    pub areas: Vec<String>,
    /// Rows made ready for schools, with drop-down lists.
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub rows: u32,
    /// Replace the output files if they exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ColumnsArgs {
    /// The survey export or spreadsheet (CSV or XLSX).
    #[arg(value_name = "EXPORT")]
    pub export: PathBuf,
    /// Write a column map (TOML) here, to finish where it says `# not placed`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read with this column map first (to check one being finished).
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// The full benchmark for governors.
    Governors,
    /// A plain-language summary for families.
    Parents,
    /// A short summary for the SEN information report.
    SenInfo,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The assessment (TOML).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Who the report is for.
    #[arg(
        long,
        value_enum,
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub audience: Option<AudienceArg>,
    /// Make all three reports; -o names a directory.
    #[arg(long)]
    pub all: bool,
    /// The file to write (with --all: the directory).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// PDF, or an accessible web page (HTML) from the same data.
    #[arg(long, value_enum, default_value_t = ReportFormat::Pdf)]
    pub format: ReportFormat,
    /// With --format html: only the body, in a <section class="sendbench-report"> with its
    /// styles scoped to it and headings from <h2>, for pasting into a website's editor.
    #[arg(long)]
    pub fragment: bool,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
    /// Also conform to PDF/A-3a, with data attached: the assessment to the governors' report,
    /// only the report's own filtered data to the family-facing ones.
    #[arg(long)]
    pub pdfa: bool,
    #[command(flatten)]
    pub pdf: PdfSettings,
    /// Show beside each strand how the area judged it: the area's returns (TOML or DOCX files,
    /// or folders of them).
    #[arg(long, value_name = "FILES_OR_DIRS", num_args = 1..)]
    pub compare: Option<Vec<PathBuf>>,
    /// The school's previous review (TOML or filled DOCX), from an earlier year: each report
    /// shows the progress since it (the governors' every strand's movement, duties that
    /// changed and its actions followed up; families a short summary).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// With --previous: the previous review is this school's under an earlier name. Needed
    /// only when the two reviews do not both give the school's URN (a review giving another
    /// URN is always refused as another school's).
    #[arg(long, requires = "previous")]
    pub renamed: bool,
    /// With --compare: what the columns of survey exports hold where their headers do not
    /// say (a TOML column map).
    #[arg(long, value_name = "FILE", requires = "compare")]
    pub columns: Option<PathBuf>,
    /// With --compare: withhold the area's counts from 1 to N-1 (shown as `c`), by the same
    /// rule as `sendbench area --suppress-below N`; N is 3 or more.
    #[arg(long, value_name = "N", requires = "compare", value_parser = clap::value_parser!(u32).range(3..))]
    pub suppress_below: Option<u32>,
    /// Instead of PDFs, write the templates and data.json a report is made from into DIR
    /// (for template authors: `typst compile DIR/governors.typ --font-path templates/fonts`).
    #[arg(long, value_name = "DIR", conflicts_with = "all")]
    pub emit_source: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AreaArgs {
    /// Assessment files (TOML), filled toolkits (DOCX), or folders of them.
    #[arg(required = true, value_name = "FILES_OR_DIRS")]
    pub inputs: Vec<PathBuf>,
    /// Write the area report as PDF (tagged PDF/UA-1).
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,
    /// Write the area report as an accessible web page (HTML), to publish as it is.
    #[arg(long, value_name = "FILE.html")]
    pub html: Option<PathBuf>,
    /// With --html: only the body, in a <section class="sendbench-report"> with its styles
    /// scoped to it, for pasting into a Local Offer site's editor.
    #[arg(long, requires = "html")]
    pub fragment: bool,
    /// Write the figures as open data to DfE's standards for Explore education statistics:
    /// FILE (a row per year, area and strand) and beside it STEM.meta.csv,
    /// STEM_checklist.csv and STEM_checklist.meta.csv (see docs/open-data.md).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write an accessible spreadsheet: notes, a sheet per year, checklist, schools, and a
    /// year-on-year comparison.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub settings: AreaSettings,
    #[command(flatten)]
    pub pdf: PdfSettings,
}

/// How to split an area's returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitBy {
    /// By the local area each return names.
    Area,
}

/// What shapes an area report, for `area` and `build` alike.
#[derive(Debug, Args)]
pub struct AreaSettings {
    /// The report's title [default: the area all the latest year's returns name, and the
    /// year, e.g. "DSPL 9 SEND benchmark 2025/26"].
    #[arg(long)]
    pub title: Option<String>,
    /// The PDF cover's sentence on how the data were collected, in your words [default:
    /// "Self-reviews by N schools against the RUBRIC, dated FIRST to LAST"].
    #[arg(long, value_name = "TEXT")]
    pub collection: Option<String>,
    /// Withhold counts from 1 to N-1, and any figure they could be worked out from, in
    /// every output, shown as `c` (see "Small numbers" in `sendbench area --help`); N is 3
    /// or more.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(3..))]
    pub suppress_below: Option<u32>,
    /// Refuse a school sent twice, or URNs and names that disagree, rather than choose.
    #[arg(long)]
    pub strict: bool,
    /// What the columns of survey exports (CSV, XLSX) hold where their headers do not say:
    /// a TOML column map (see "Survey exports" in `sendbench area --help`).
    #[arg(long, value_name = "FILE")]
    pub columns: Option<PathBuf>,
    /// Split the returns by the school's local area: a report per area (PDF and web page)
    /// with the county's figure beside each strand, and the county's overview of every area
    /// side by side (PDF and web page) (with `area`, -o is then the folder for them all).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<SplitBy>,
    /// The collection's options (TOML): title, how the data were collected, the county's
    /// name, and how many schools each area asked, for the response rate.
    #[arg(long = "options", value_name = "FILE")]
    pub options_file: Option<PathBuf>,
    /// Count only the schools that returned in every year given, so year-on-year figures
    /// compare the same schools.
    #[arg(long)]
    pub every_year: bool,
    /// Re-issuing figures after a late or corrected return: withhold every figure that would
    /// differ from the publication recorded in the output folder
    /// (`.sendbench-published.json`), so the two side by side give nothing away about the
    /// schools that changed.
    #[arg(long)]
    pub withhold_changed: bool,
    /// Most strengths listed per outcome (more when strands tie at the limit).
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub strengths: usize,
    /// Least % at Expected or above (the rubric's strength levels) to list a strength.
    #[arg(long, default_value_t = 85, value_name = "PERCENT")]
    pub strength_threshold: u32,
    /// Most areas for development listed per outcome (more when strands tie at the limit).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub developments: usize,
    /// Least % below the strength levels to list an area for development.
    #[arg(long, default_value_t = 15, value_name = "PERCENT")]
    pub development_threshold: u32,
    /// The local authority's name, for the open data's `la_name` (e.g. Hertfordshire).
    #[arg(long, value_name = "NAME")]
    pub la_name: Option<String>,
    /// The local authority's nine-character GSS code, for `new_la_code` (e.g. E10000015).
    #[arg(long, value_name = "CODE", value_parser = new_la_code)]
    pub la_code: Option<String>,
    /// The local authority's three-digit code, for `old_la_code` (e.g. 919).
    #[arg(long, value_name = "CODE", value_parser = old_la_code)]
    pub old_la_code: Option<String>,
}

/// A local authority's GSS code: E and eight digits.
fn new_la_code(text: &str) -> Result<String, String> {
    let code = text.trim().to_ascii_uppercase();
    if code.len() == 9 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err("a local authority's GSS code is E and eight digits, e.g. E10000015".to_owned())
    }
}

/// A local authority's old code: three digits.
fn old_la_code(text: &str) -> Result<String, String> {
    let code = text.trim();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err("a local authority's old code is three digits, e.g. 919".to_owned())
    }
}

impl AreaSettings {
    /// The local authority columns of the open data.
    pub fn tidy_options(&self) -> sendbench_generate::area::TidyOptions {
        sendbench_generate::area::TidyOptions {
            la_name: self.la_name.clone().unwrap_or_default(),
            new_la_code: self.la_code.clone().unwrap_or_default(),
            old_la_code: self.old_la_code.clone().unwrap_or_default(),
            ..Default::default()
        }
    }

    /// The library's options.
    pub fn options(&self) -> sendbench_core::AreaOptions {
        sendbench_core::AreaOptions {
            strengths: self.strengths,
            strength_threshold: self.strength_threshold,
            developments: self.developments,
            development_threshold: self.development_threshold,
        }
    }

    /// The library's options for what `area` publishes.
    pub fn publication(&self) -> sendbench_core::PublicationOptions {
        sendbench_core::PublicationOptions {
            area: self.options(),
            strict: self.strict,
            suppress_below: self.suppress_below,
            every_year: self.every_year,
            earlier: None,
            withhold_changed: self.withhold_changed,
        }
    }
}

impl ReportArgs {
    /// The previous review's file name, as messages give it.
    pub fn previous_name(&self) -> &str {
        self.previous
            .as_deref()
            .and_then(|p| p.to_str())
            .unwrap_or("the previous review")
    }
}

/// Templates and fonts for PDFs, for `report`, `area` and `build`.
#[derive(Debug, Args)]
pub struct PdfSettings {
    /// Use the .typ files in this directory in place of the built-in templates of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Add the fonts (.ttf, .otf) in this directory, e.g. for Chinese names.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// Stop a document that takes longer than this many seconds (a custom template stuck
    /// in a loop, say).
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub time_limit: u64,
    /// Refuse a document of more than this many pages (a custom template repeating itself).
    #[arg(long, value_name = "N", default_value_t = sendbench_generate::render::pdf::DEFAULT_MAX_PAGES)]
    pub max_pages: usize,
    /// Stop a document made with your own templates (--templates) when it would need more
    /// than this many megabytes (a template building something huge): each such document is
    /// made in a process of its own, held to this limit.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MEMORY_LIMIT_MB, value_parser = clap::value_parser!(u64).range(64..))]
    pub memory_limit: u64,
}

/// The default of `--memory-limit`: ample for any real area, and well within a laptop.
pub const DEFAULT_MEMORY_LIMIT_MB: u64 = 2048;

impl PdfSettings {
    /// The library's options (PDF/A as given). With your own templates, documents are made
    /// in a sandbox: this program run again as a child process, held to the memory limit and
    /// ended at the time limit.
    pub fn options(&self, pdfa: bool) -> sendbench_generate::render::pdf::PdfOptions {
        sendbench_generate::render::pdf::PdfOptions {
            templates: self.templates.clone(),
            font_dirs: self.font_path.clone(),
            pdfa,
            max_pages: Some(self.max_pages),
            time_limit: Some(std::time::Duration::from_secs(self.time_limit)),
            sandbox: self.sandbox(),
        }
    }

    /// The library's options for every format: PDFs (PDF/A as given) and web pages (a
    /// fragment or a whole page), sharing templates, limits and sandbox.
    pub fn render_options(
        &self,
        pdfa: bool,
        fragment: bool,
    ) -> sendbench_generate::render::RenderOptions {
        use sendbench_generate::render::html::{Form, HtmlOptions};
        let pdf = self.options(pdfa);
        let html = HtmlOptions {
            templates: pdf.templates.clone(),
            form: if fragment { Form::Fragment } else { Form::Page },
            time_limit: pdf.time_limit,
            sandbox: pdf.sandbox.clone(),
        };
        sendbench_generate::render::RenderOptions { pdf, html }
    }

    /// The sandbox for documents made with your own templates: none without them.
    fn sandbox(&self) -> Option<std::sync::Arc<dyn sendbench_generate::render::sandbox::Sandbox>> {
        self.templates.as_ref()?;
        let program = std::env::current_exe().ok()?;
        Some(std::sync::Arc::new(
            sendbench_generate::render::sandbox::ProcessSandbox::new(
                program,
                vec![
                    crate::SANDBOX_COMMAND.to_owned(),
                    "--memory-limit".to_owned(),
                    self.memory_limit.to_string(),
                ],
                Some(self.memory_limit),
            )
            .cancelled_by(&crate::STOP),
        ))
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The folder of returns: assessments (TOML) and filled toolkits (DOCX), in any
    /// sub-folder.
    #[arg(value_name = "INPUT_DIR")]
    pub input: PathBuf,
    /// Where to put the documents (never read as input, even inside INPUT_DIR).
    #[arg(short, long, value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// Remake every document, even those already up to date.
    #[arg(long)]
    pub force: bool,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// How many documents to make at once (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// What to print at the end: text for people, or JSON (the intake report, documents
    /// made, failures and warnings) for programs.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub settings: AreaSettings,
    #[command(flatten)]
    pub pdf: PdfSettings,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The filled toolkit (DOCX).
    #[arg(value_name = "FILE.docx")]
    pub file: PathBuf,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub output: Output,
}
