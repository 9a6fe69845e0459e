//! A school's review beside its area's figures (`report --compare`): the returns aggregated
//! as `area` publishes them, every disclosure rule applied, and the table the school belongs
//! to chosen: its own local area's when the returns name several (as `area --by area` shows
//! it), else the whole. One call, so no caller can forget a step.

use sendbench_core::{
    normalise_name, AcademicYear, AreaBenchmark, AreaError, Assessment, Publication,
    PublicationOptions, Return, Rubric, YearBenchmark,
};

/// The area's figures a school's report is shown beside.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The figures for the school's academic year (else the latest year), if any year.
    pub year: Option<YearBenchmark>,
    /// The figures count an earlier version of this very review (the same school and year,
    /// judged differently): its source.
    pub another_version: Option<String>,
    /// What the person should know (duplicates, years on few schools).
    pub warnings: Vec<String>,
}

/// The area's figures beside `school`'s review, from `returns`, under the small-numbers
/// rule `suppress_below` (the same rule as the area's own publication).
pub fn compare(
    rubric: &Rubric,
    returns: &[Return],
    school: &Assessment,
    suppress_below: Option<u32>,
) -> Result<Compared, AreaError> {
    let another_version = returns
        .iter()
        .find(|r| r.differs_from(school))
        .map(|r| r.source.clone());
    let options = PublicationOptions {
        suppress_below,
        ..Default::default()
    };
    let publication = Publication::build(rubric, returns, &options)?;
    let mut warnings: Vec<String> = publication
        .notices
        .iter()
        .map(|n| n.message.clone())
        .collect();
    let mut bench = table_of(publication, school);
    warnings.extend(bench.reliability_warnings().into_iter().map(|w| w.message));
    let school_year = school
        .review
        .academic_year
        .or(school.review.date.map(AcademicYear::containing));
    let i = (bench.years.iter())
        .position(|y| Some(y.year) == school_year)
        .unwrap_or(bench.years.len().saturating_sub(1));
    let year = (!bench.years.is_empty()).then(|| bench.years.swap_remove(i));
    Ok(Compared {
        year,
        another_version,
        warnings,
    })
}

/// The table a school's report is compared with: its own local area's when the returns name
/// more than one area and one of them is the school's, else the whole.
fn table_of(publication: Publication, school: &Assessment) -> AreaBenchmark {
    let mine = school.school.area.as_deref().map(normalise_name);
    let own = (publication.areas.len() > 1)
        .then(|| {
            (publication.areas.into_iter()).find(|(name, _)| Some(normalise_name(name)) == mine)
        })
        .flatten();
    own.map_or(publication.whole, |(_, bench)| bench)
}
