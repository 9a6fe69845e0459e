//! Views: for each document, everything it shows and every sentence it prints, built once
//! from the domain and filtered for its audience. This is the privacy boundary (a family's
//! document is made from a view that never held a name) and the one place a sentence is
//! written: the renderers (PDF through Typst, HTML through minijinja) lay a view out and
//! compose no prose of their own, so the PDF and the web page of a document say the same.
//!
//! - [`school`]: a school's report for governors, parents or the SEN information report,
//!   beside its previous review and its area's figures.
//! - [`area`]: an area benchmark (or one local area beside its county).
//! - [`county`]: a county's overview of its local areas side by side.
//!
//! [`words`] holds the shapes the area's and county's sentences are handed over in.

pub mod area;
pub mod county;
pub mod school;
mod words;

use sendbench_core::{Assessment, Rubric};
use serde::Serialize;

pub use county::{CountyReport, LocalArea};
pub use school::long_date;

/// Who a school's report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The full benchmark, for governors.
    Governors,
    /// A plain-language summary for families: no names, no evidence unless marked public.
    Parents,
    /// One or two pages for the school's SEN information report.
    SenInfo,
}

impl Audience {
    /// Every audience.
    pub const ALL: [Audience; 3] = [Audience::Governors, Audience::Parents, Audience::SenInfo];

    /// The name used on the command line and in file names.
    pub fn id(self) -> &'static str {
        match self {
            Audience::Governors => "governors",
            Audience::Parents => "parents",
            Audience::SenInfo => "sen-info",
        }
    }

    /// Whether this audience is the public or families: no names, no notes, no checklist
    /// evidence, a strand's evidence only where marked `public`.
    pub fn is_private(self) -> bool {
        self != Audience::Governors
    }

    /// What the document is, for its title (shown by PDF readers and screen readers).
    pub fn document_title(self) -> &'static str {
        match self {
            Audience::Governors => "SEND benchmark report for governors",
            Audience::Parents => "SEND review summary for families",
            Audience::SenInfo => "SEND benchmark summary for the SEN information report",
        }
    }
}

/// What a school's report is shown beside, beyond the school's own review.
#[derive(Debug, Clone, Copy, Default)]
pub struct Beside<'a> {
    /// One year of an area benchmark: each strand's area figures (governors only).
    pub area: Option<&'a sendbench_core::YearBenchmark>,
    /// The school's previous review: progress since it.
    pub previous: Option<&'a Assessment>,
    /// The area's figures count a return from this school that judges differently from
    /// this review (an earlier version of it): the report says so, not that this review is
    /// among those counted.
    pub area_counts_another_version: bool,
}

/// What an area report says about itself, beyond its figures.
#[derive(Debug, Clone, Copy, Default)]
pub struct AreaReport<'a> {
    /// The title: on the cover, every page's header and the PDF's document title
    /// (`AreaBenchmark::default_title` makes one naming the area and year).
    pub title: &'a str,
    /// How the data were collected, in the officer's words, in place of the cover's
    /// sentence made from the returns ("Self-reviews by 46 schools against …, dated …").
    pub collection: Option<&'a str>,
    /// How many schools were asked to return it: the first page gives the response rate.
    pub eligible: Option<u32>,
    /// The whole county, whose figure each strand shows beside the area's.
    pub county: Option<County<'a>>,
}

/// The larger area (a county) an area's report is compared with.
#[derive(Debug, Clone, Copy)]
pub struct County<'a> {
    /// Its name, as the report says it ("Hertfordshire").
    pub name: &'a str,
    /// Its figures, under the same small-numbers rule as the area's.
    pub bench: &'a sendbench_core::AreaBenchmark,
}

/// Why a view cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// An area benchmark with no year to report on.
    #[error("no return gives an academic year, so there is no year to report on")]
    NoYear,
}

/// What a view's data is, for the renderers: one of the documents.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Data {
    /// A school's report.
    School(Box<school::ReportData>),
    /// An area benchmark.
    Area(Box<area::AreaData>),
    /// A county's overview.
    County(Box<county::CountyData>),
}

/// One document's view: what the renderers lay out.
pub struct View {
    /// The template that lays it out, by stem: `governors`, `parents`, `sen-info`, `area`,
    /// `county` (`.typ` for the PDF, `.html` for the web page).
    pub template: &'static str,
    /// Everything it shows and every sentence it prints.
    pub data: Data,
    /// The date it is of (a school's review date), for the PDF's metadata; `None` for an
    /// area's.
    pub date: Option<jiff::civil::Date>,
    /// A name for it that does not change between runs (the PDF's document identifier).
    pub ident: String,
    /// Whether it is for families or the public: its data may be attached to its PDF
    /// (it holds only what they may see).
    pub private: bool,
    /// For the governors' report, the assessment it was made from, as TOML, for a PDF/A
    /// attachment.
    pub source: Option<String>,
}

impl View {
    /// A school's report for `audience`, beside what `beside` gives.
    pub fn school(
        rubric: &Rubric,
        assessment: &Assessment,
        audience: Audience,
        beside: &Beside<'_>,
    ) -> View {
        let progress = beside
            .previous
            .map(|p| sendbench_core::Progress::compare(p, assessment, rubric));
        let data = school::ReportData::new(
            rubric,
            assessment,
            audience,
            beside.area,
            beside.area_counts_another_version,
            progress.as_ref(),
        );
        let date = assessment.review.date;
        View {
            template: audience.id(),
            data: Data::School(Box::new(data)),
            date,
            ident: format!(
                "sendbench/{}/{}/{}",
                audience.id(),
                assessment.school.name,
                date.map(|d| d.to_string()).unwrap_or_default()
            ),
            private: audience.is_private(),
            source: (!audience.is_private()).then(|| {
                sendbench_core::write_assessment(
                    assessment,
                    rubric,
                    sendbench_core::SkeletonOptions { comments: false },
                )
            }),
        }
    }

    /// An area benchmark's report, titled and described by `report`.
    pub fn area(
        rubric: &Rubric,
        bench: &sendbench_core::AreaBenchmark,
        report: &AreaReport<'_>,
    ) -> Result<View, ViewError> {
        let data = area::AreaData::new(bench, rubric, report).ok_or(ViewError::NoYear)?;
        Ok(View {
            template: "area",
            data: Data::Area(Box::new(data)),
            date: None,
            ident: format!("sendbench/area/{}", report.title),
            private: true,
            source: None,
        })
    }

    /// A county's overview of `areas` beside `county`, for the county's latest year.
    pub fn county(
        rubric: &Rubric,
        county: &sendbench_core::AreaBenchmark,
        areas: &[LocalArea<'_>],
        report: &CountyReport<'_>,
    ) -> Result<View, ViewError> {
        let data = county::CountyData::new(county, areas, rubric, report)?;
        Ok(View {
            template: "county",
            data: Data::County(Box::new(data)),
            date: None,
            ident: format!("sendbench/county/{}", report.title),
            private: true,
            source: None,
        })
    }
}
