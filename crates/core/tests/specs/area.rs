//! The area benchmark's rules on crafted areas: strengths against areas for development
//! (a strand reaching both thresholds is for development), ties at a list's limit, the
//! small-numbers disclosure levels, who contributed, and the warnings about years resting
//! on few schools.

use sendbench_core::{
    AcademicYear, AreaBenchmark, AreaOptions, Assessment, ChecklistAnswer, ChecklistStatus,
    Disclosure, Figure, Judgement, LeftOut, LeftOutReason, OutcomeReview, Return, Rubric,
    RubricRef, School, YearBenchmark,
};

const EMERGING: usize = 0;
const EXPECTED: usize = 1;
const EXEMPLARY: usize = 2;

/// One school: a level per strand code (others Expected), checklist all met unless said.
struct Sch {
    name: String,
    urn: Option<String>,
    area: Option<String>,
    year: AcademicYear,
    date: Option<jiff::civil::Date>,
    levels: Vec<(&'static str, Option<usize>)>,
    duties: Vec<(&'static str, Option<ChecklistStatus>)>,
}

fn sch(i: usize, year: i16) -> Sch {
    Sch {
        name: format!("School {i}"),
        urn: Some(format!("{}", 200_000 + i)),
        area: Some("DSPL 9".into()),
        year: AcademicYear { start: year },
        date: None,
        levels: Vec::new(),
        duties: Vec::new(),
    }
}

fn assessment(rubric: &Rubric, s: &Sch) -> Assessment {
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        school: School {
            name: s.name.clone(),
            urn: s.urn.clone(),
            area: s.area.clone(),
        },
        ..Assessment::default()
    };
    a.review.academic_year = Some(s.year);
    a.review.date = s.date;
    for strand in rubric.strands() {
        let code = format!("{}{}", strand.outcome.id, strand.strand.id);
        let level = s
            .levels
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(Some(EXPECTED), |(_, l)| *l);
        if a.outcomes.last().map(|o| o.outcome.as_str()) != Some(strand.outcome.id.as_str()) {
            a.outcomes.push(OutcomeReview {
                outcome: strand.outcome.id.clone(),
                ..OutcomeReview::default()
            });
        }
        if let Some(o) = a.outcomes.last_mut() {
            o.strands.push(Judgement {
                strand: strand.strand.id.clone(),
                level: level.map(|l| rubric.levels[l].id.clone()),
                ..Judgement::default()
            });
        }
    }
    for item in &rubric.checklist.items {
        let status = s
            .duties
            .iter()
            .find(|(id, _)| *id == item.id)
            .map_or(Some(ChecklistStatus::Met), |(_, st)| *st);
        a.checklist.push(ChecklistAnswer {
            item: item.id.clone(),
            status,
            evidence: String::new(),
        });
    }
    a
}

fn bench(rubric: &Rubric, schools: &[Sch], options: AreaOptions) -> AreaBenchmark {
    let returns: Vec<Return> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| Return::new(assessment(rubric, s), format!("school-{i}.toml")))
        .collect();
    AreaBenchmark::build(rubric, &returns, options, false)
        .expect("aggregates")
        .0
}

/// `n` schools in 2025/26 where `code` is judged `counts[level]` times at each level (the
/// rest not judged when the counts add up to fewer than `n`).
fn area_with(n: usize, rows: &[(&'static str, [usize; 3])]) -> Vec<Sch> {
    let mut schools: Vec<Sch> = (0..n).map(|i| sch(i, 2025)).collect();
    for (code, counts) in rows {
        let mut i = 0;
        for (level, &c) in counts.iter().enumerate() {
            for _ in 0..c {
                schools[i].levels.push((code, Some(level)));
                i += 1;
            }
        }
        for s in schools.iter_mut().skip(i) {
            s.levels.push((code, None));
        }
    }
    schools
}

fn index(year: &YearBenchmark, code: &str) -> usize {
    year.strands
        .iter()
        .position(|s| s.code() == code)
        .expect("strand")
}

fn codes(year: &YearBenchmark, list: &[usize]) -> Vec<String> {
    list.iter().map(|&i| year.strands[i].code()).collect()
}

#[test]
fn a_strand_reaching_both_thresholds_is_an_area_for_development_not_a_strength() {
    // The published DSPL 9 case: 5c judged by 46 schools, 7 Emerging (15%) and 39 at
    // Expected or Exemplary (85%). It reaches both thresholds; it is listed for development.
    let rubric = Rubric::builtin();
    let b = bench(
        &rubric,
        &area_with(46, &[("5c", [7, 30, 9])]),
        AreaOptions::default(),
    );
    let y = &b.years[0];
    let s = &y.strands[index(y, "5c")];
    assert_eq!((s.strong_percent, s.below_percent), (Some(85), Some(15)));
    let h = &y.outcomes[4];
    assert_eq!(codes(y, &h.developments), ["5c"]);
    assert!(!codes(y, &h.strengths).contains(&"5c".to_owned()));
    assert_eq!(
        h.strengths_left_out,
        [LeftOut {
            strand: index(y, "5c"),
            reason: LeftOutReason::Development
        }]
    );
    // 5a and 5b (all Expected) are the strengths.
    assert_eq!(codes(y, &h.strengths), ["5a", "5b"]);
}

#[test]
fn strands_tying_at_a_lists_limit_are_all_listed_and_the_rest_recorded() {
    let rubric = Rubric::builtin();
    // Outcome 1 has 15 strands, all Expected (100%) by default: far more than the limit of 5,
    // and all with the same percentage, so all 15 are listed.
    let b = bench(&rubric, &area_with(20, &[]), AreaOptions::default());
    let y = &b.years[0];
    assert_eq!(y.outcomes[0].strengths.len(), 15);
    assert!(y.outcomes[0].strengths_left_out.is_empty());

    // Outcome 5 (3 strands) with a limit of 1: 5a 95%, 5b 95%, 5c 90%: 5a and 5b tie at the
    // limit and are both listed; 5c reached the threshold and is left out beyond the limit.
    let b = bench(
        &rubric,
        &area_with(
            20,
            &[("5a", [1, 19, 0]), ("5b", [1, 10, 9]), ("5c", [2, 18, 0])],
        ),
        AreaOptions {
            strengths: 1,
            development_threshold: 50,
            ..AreaOptions::default()
        },
    );
    let y = &b.years[0];
    let h = &y.outcomes[4];
    assert_eq!(codes(y, &h.strengths), ["5a", "5b"]);
    assert_eq!(
        h.strengths_left_out,
        [LeftOut {
            strand: index(y, "5c"),
            reason: LeftOutReason::BeyondLimit
        }]
    );
}

#[test]
fn areas_for_development_beyond_the_limit_are_recorded() {
    let rubric = Rubric::builtin();
    let b = bench(
        &rubric,
        &area_with(
            20,
            &[("4a", [10, 10, 0]), ("4b", [8, 12, 0]), ("4c", [4, 16, 0])],
        ),
        AreaOptions {
            developments: 2,
            ..AreaOptions::default()
        },
    );
    let y = &b.years[0];
    let h = &y.outcomes[3];
    assert_eq!(codes(y, &h.developments), ["4a", "4b"]);
    assert_eq!(
        h.developments_left_out,
        [LeftOut {
            strand: index(y, "4c"),
            reason: LeftOutReason::BeyondLimit
        }]
    );
}

#[test]
fn small_numbers_give_full_headline_or_withheld_figures() {
    let rubric = Rubric::builtin();
    let mut b = bench(
        &rubric,
        &area_with(
            46,
            &[
                ("1a", [7, 30, 9]), // nothing small: full
                ("1b", [6, 38, 2]), // Exemplary 2 small, split 6 / 40 not: headline
                ("1c", [2, 40, 4]), // Emerging 2: the split itself is small: withheld
                ("1d", [0, 44, 2]), // zero is not small: headline (0 / 46)
                ("1e", [0, 3, 0]),  // 3 judged, 43 not: withheld
                ("1f", [0, 46, 0]), // full
            ],
        ),
        AreaOptions::default(),
    );
    b.suppress_below(5).expect("a threshold of 5");
    let y = &b.years[0];
    let s = |code: &str| &y.strands[index(y, code)];
    assert_eq!(s("1a").disclosure, Disclosure::Full);
    assert_eq!(s("1b").disclosure, Disclosure::Headline);
    assert_eq!(s("1c").disclosure, Disclosure::Withheld);
    assert_eq!(s("1d").disclosure, Disclosure::Headline);
    assert_eq!(s("1e").disclosure, Disclosure::Withheld);
    assert_eq!(s("1f").disclosure, Disclosure::Full);

    // Headline: the split and its percentages; Emerging is all of its side, so it is shown;
    // Expected and Exemplary are withheld.
    let h = s("1b");
    assert_eq!(h.published_strong(), Figure::Value(40));
    assert_eq!(h.published_strong_percent(), Figure::Value(87));
    assert_eq!(h.published_below(), Figure::Value(6));
    assert_eq!(h.published_count(EMERGING), Figure::Value(6));
    assert_eq!(h.published_count(EXPECTED), Figure::Withheld);
    assert_eq!(h.published_count(EXEMPLARY), Figure::Withheld);
    assert_eq!(h.published_percent(EXPECTED), Figure::Withheld);
    assert_eq!(h.withheld_counts(), 2);
    // Withheld: no judgement figure, but respondents and not judged.
    let w = s("1e");
    assert!((0..3).all(|l| w.published_count(l) == Figure::Withheld));
    assert_eq!(w.published_strong_percent(), Figure::Withheld);
    assert_eq!((w.respondents, w.not_judged), (3, 43));
    assert_eq!(w.withheld_counts(), 5);
    // Withheld strands are in no list, and are named as not considered; 1b (headline) can
    // still be a strength on its published split.
    let o = &y.outcomes[0];
    assert_eq!(codes(y, &o.withheld), ["1c".to_owned(), "1e".to_owned()]);
    assert!(!o.strengths.contains(&index(y, "1c")));
    let b1 = index(y, "1b");
    assert!(
        o.strengths.contains(&b1) || o.strengths_left_out.iter().any(|l| l.strand == b1),
        "1b is considered on its headline (87%)"
    );
    assert_eq!(y.withheld().headline_strands, 2);
    assert_eq!(y.withheld().withheld_strands, 2);

    // A threshold of 2 is refused: it could not protect a count of 1.
    assert!(b.suppress_below(2).is_err());
}

#[test]
fn duties_split_met_against_not_fully_met() {
    let rubric = Rubric::builtin();
    let item = rubric.checklist.items[0].id.clone();
    let item: &'static str = Box::leak(item.into_boxed_str());
    let mut schools = area_with(20, &[]);
    // 12 met, 6 partly met, 2 not met: "not met" is small, the split 12 / 8 is not.
    for (i, s) in schools.iter_mut().enumerate() {
        let status = match i {
            0..12 => ChecklistStatus::Met,
            12..18 => ChecklistStatus::PartlyMet,
            _ => ChecklistStatus::NotMet,
        };
        s.duties.push((item, Some(status)));
    }
    let mut b = bench(&rubric, &schools, AreaOptions::default());
    b.suppress_below(5).expect("threshold");
    let d = &b.years[0].checklist[0];
    assert_eq!(d.disclosure, Disclosure::Headline);
    assert_eq!(d.published_met(), Figure::Value(12));
    assert_eq!(d.published_not_fully_met(), Figure::Value(8));
    assert_eq!(d.published_partly_met(), Figure::Withheld);
    assert_eq!(d.published_not_met(), Figure::Withheld);
    // Every other duty: all 20 met, nothing small.
    assert_eq!(b.years[0].checklist[1].disclosure, Disclosure::Full);
}

#[test]
fn a_year_knows_who_contributed_matching_as_duplicates_do() {
    let rubric = Rubric::builtin();
    let mut schools = area_with(3, &[]);
    schools[2].urn = None;
    schools[2].name = "St Mary's C of E Primary".into();
    let b = bench(&rubric, &schools, AreaOptions::default());
    let y = &b.years[0];
    let mut me = assessment(&rubric, &sch(0, 2025));
    assert!(y.includes(&me), "same URN");
    me.school.urn = Some("999999".into());
    assert!(
        y.includes(&me),
        "another URN but the same name and area: one school sent with its URN mistyped"
    );
    me.school.area = Some("DSPL 4".into());
    assert!(
        !y.includes(&me),
        "another URN and another area: another school of the same name"
    );
    me.school.area = None;
    me.school.urn = None;
    me.school.name = "st marys c of e primary".into();
    assert!(
        y.includes(&me),
        "no URN: the same name, whatever its punctuation"
    );
    assert_eq!(y.school_count(), 3);
}

#[test]
fn the_default_title_names_the_area_and_year_when_every_return_shares_one() {
    let rubric = Rubric::builtin();
    let mut schools = area_with(3, &[]);
    schools[1].area = Some("dspl 9".into());
    let b = bench(&rubric, &schools, AreaOptions::default());
    assert_eq!(b.default_title(&rubric), "DSPL 9 SEND benchmark 2025/26");
    schools[2].area = Some("DSPL 8".into());
    let b = bench(&rubric, &schools, AreaOptions::default());
    assert_eq!(
        b.default_title(&rubric),
        "SEND Benchmark and Planning Tool area benchmark 2025/26"
    );
}

#[test]
fn review_dates_give_the_range_of_the_collection() {
    let rubric = Rubric::builtin();
    let mut schools = area_with(3, &[]);
    schools[0].date = Some(jiff::civil::date(2026, 7, 14));
    schools[1].date = Some(jiff::civil::date(2026, 3, 3));
    let b = bench(&rubric, &schools, AreaOptions::default());
    assert_eq!(
        b.years[0].review_dates(),
        (
            Some((
                jiff::civil::date(2026, 3, 3),
                jiff::civil::date(2026, 7, 14)
            )),
            1
        )
    );
}

#[test]
fn years_resting_on_few_schools_are_warned_about_and_their_changes_marked() {
    let rubric = Rubric::builtin();
    // One stray 2019/20 return, and 46 schools in 2025/26.
    let mut schools = area_with(46, &[("1a", [4, 42, 0])]);
    let mut stray = sch(99, 2019);
    stray.levels.push(("1a", Some(EXPECTED)));
    schools.push(stray);
    let mut b = bench(&rubric, &schools, AreaOptions::default());
    let warnings = b.reliability_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].code, "few-schools");
    assert!(warnings[0].message.starts_with("2019/20: only 1 school"));
    let c = &b.comparison()[0];
    assert_eq!(c.code(), "1a");
    assert_eq!(c.respondents, [1, 46]);
    assert_eq!(c.change, Some(91 - 100));
    assert!(
        c.change_on_few,
        "a change from a year of one school is marked"
    );

    b.suppress_below(5).expect("threshold");
    let warnings = b.reliability_warnings();
    assert_eq!(warnings[0].code, "below-threshold");
    // 2019/20's one school is withheld, so there is no change to show.
    let c = &b.comparison()[0];
    assert_eq!(c.percents[0], Figure::Withheld);
    assert_eq!(c.change, None);
}
