//! Small-numbers suppression, proved on what is published: areas (crafted ones and a few
//! hundred pseudo-random ones) go out through `area::tidy` and `area::xlsx`, every published
//! number becomes a constraint on the counts, and no withheld count may be pinned down by
//! them:
//!
//! - by exact elimination: the equalities (published counts, side totals, respondents as the
//!   sum of the levels, answered as met + partly + not met, the number of schools) are
//!   reduced over the rationals, and no withheld count may lie in their row space;
//! - by enumeration, per row, of every count vector consistent with everything published,
//!   the rounded percentages as intervals, non-negativity, and the rule itself (which an
//!   attacker knows from the `disclosure` column): each withheld count must still take two
//!   values or more.
//!
//! And everything published must be true: each number shown equals the real count, and a
//! count is either shown or `c`.

use calamine::{Data, Reader, Xlsx};
use sendbench_core::{
    percent, AcademicYear, AreaBenchmark, AreaOptions, Assessment, ChecklistAnswer,
    ChecklistStatus, Judgement, OutcomeReview, Return, Rubric, RubricRef, School,
};

/// A small deterministic generator (xorshift64*), so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// An index drawn with these weights.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut r = self.below(weights.iter().sum::<u64>().max(1));
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// One school's answers: per strand a level index (`None`: not judged), per duty a status.
struct Answers {
    strands: Vec<Option<usize>>,
    duties: Vec<Option<ChecklistStatus>>,
}

fn assessment(rubric: &Rubric, year: AcademicYear, i: usize, answers: &Answers) -> Assessment {
    let mut a = Assessment {
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
        },
        school: School {
            name: format!("School {i}"),
            urn: Some(format!("{}", 100_000 + i)),
            area: Some("Test area".into()),
        },
        ..Assessment::default()
    };
    a.review.academic_year = Some(year);
    for (k, s) in rubric.strands().enumerate() {
        if a.outcomes.last().map(|o| o.outcome.as_str()) != Some(s.outcome.id.as_str()) {
            a.outcomes.push(OutcomeReview {
                outcome: s.outcome.id.clone(),
                ..OutcomeReview::default()
            });
        }
        let level = answers.strands[k].map(|l| rubric.levels[l].id.clone());
        if let Some(o) = a.outcomes.last_mut() {
            o.strands.push(Judgement {
                strand: s.strand.id.clone(),
                level,
                ..Judgement::default()
            });
        }
    }
    for (item, status) in rubric.checklist.items.iter().zip(&answers.duties) {
        a.checklist.push(ChecklistAnswer {
            item: item.id.clone(),
            status: *status,
            evidence: String::new(),
        });
    }
    a
}

/// A pseudo-random year: between 1 and 60 schools, each strand and duty with its own
/// tendency (some nearly unanimous, some split), so every disclosure level turns up.
fn random_year(rubric: &Rubric, rng: &mut Rng) -> Vec<Answers> {
    let n = match rng.below(4) {
        0 => 1 + rng.below(6),
        1 => 1 + rng.below(15),
        _ => 1 + rng.below(60),
    } as usize;
    let levels = rubric.levels.len();
    let strand_weights: Vec<Vec<u64>> = rubric
        .strands()
        .map(|_| {
            (0..=levels)
                .map(|_| [0, 1, 3, 10, 40][rng.below(5) as usize])
                .collect()
        })
        .collect();
    let duty_weights: Vec<Vec<u64>> = rubric
        .checklist
        .items
        .iter()
        .map(|_| {
            (0..4)
                .map(|_| [0, 1, 3, 10, 40][rng.below(5) as usize])
                .collect()
        })
        .collect();
    (0..n)
        .map(|_| Answers {
            strands: strand_weights
                .iter()
                .map(|w| {
                    let k = rng.weighted(w);
                    (k < levels).then_some(k)
                })
                .collect(),
            duties: duty_weights
                .iter()
                .map(|w| {
                    [
                        Some(ChecklistStatus::Met),
                        Some(ChecklistStatus::PartlyMet),
                        Some(ChecklistStatus::NotMet),
                        None,
                    ][rng.weighted(w)]
                })
                .collect(),
        })
        .collect()
}

/// A year where every school gives strand `k` (and the others) judgements from `counts`:
/// `counts[level]` schools at each level, then `not_judged` schools not judging it.
fn crafted_year(rubric: &Rubric, rows: &[(usize, Vec<usize>, usize)]) -> Vec<Answers> {
    let n = rows
        .iter()
        .map(|(_, c, nj)| c.iter().sum::<usize>() + nj)
        .max()
        .unwrap_or(1);
    let strands = rubric.strands().count();
    let mut schools: Vec<Answers> = (0..n)
        .map(|_| Answers {
            strands: vec![Some(rubric.strength_from); strands],
            duties: vec![Some(ChecklistStatus::Met); rubric.checklist.items.len()],
        })
        .collect();
    for (k, counts, _) in rows {
        let mut i = 0;
        for (level, &c) in counts.iter().enumerate() {
            for _ in 0..c {
                schools[i].strands[*k] = Some(level);
                i += 1;
            }
        }
        for school in schools.iter_mut().skip(i) {
            school.strands[*k] = None;
        }
    }
    schools
}

fn bench_of(rubric: &Rubric, years: &[Vec<Answers>], threshold: u32) -> AreaBenchmark {
    let mut returns = Vec::new();
    for (y, schools) in years.iter().enumerate() {
        let year = AcademicYear {
            start: 2000 + y as i16,
        };
        for (i, answers) in schools.iter().enumerate() {
            returns.push(Return::new(
                assessment(rubric, year, i, answers),
                format!("{y}/{i}"),
            ));
        }
    }
    let (mut bench, _) = AreaBenchmark::build(rubric, &returns, AreaOptions::default(), true)
        .expect("the returns aggregate");
    bench
        .suppress_below(threshold)
        .expect("a threshold of 3 or more");
    bench
}

/// A published cell: a number, `c`, or nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell {
    N(u32),
    C,
    Empty,
}

/// A CSV file's header and records.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let records = reader
        .records()
        .map(|r| r.expect("csv row").iter().map(str::to_owned).collect())
        .collect();
    (header, records)
}

/// An open data cell: `z` (not applicable: a percentage of no schools) is the sheet's empty
/// cell.
fn parse(text: &str) -> Cell {
    match text {
        "c" => Cell::C,
        "z" => Cell::Empty,
        t => Cell::N(
            t.parse()
                .unwrap_or_else(|_| panic!("a number, c or nothing: {t:?}")),
        ),
    }
}

fn xlsx_cell(d: Option<&Data>) -> Cell {
    match d {
        None | Some(Data::Empty) => Cell::Empty,
        Some(Data::Float(f)) => Cell::N(*f as u32),
        Some(Data::Int(i)) => Cell::N(*i as u32),
        Some(Data::String(s)) if s == "c" => Cell::C,
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

/// One row of counts as published: the unknowns are its level counts; what is known about
/// them is below.
#[derive(Debug, Clone)]
struct Row {
    what: String,
    /// Each level's count, or `None` if withheld.
    levels: Vec<Option<u32>>,
    /// Each level's percentage of `of`, if published.
    percents: Vec<Option<u32>>,
    /// The sides of the headline split (level indexes), their totals and percentages if
    /// published.
    sides: Vec<(Vec<usize>, Option<u32>, Option<u32>)>,
    /// The sum of all levels (respondents; answered for a duty), always published.
    of: u32,
    /// Published disclosure: full, headline, withheld.
    disclosure: String,
    /// Small-numbers threshold.
    threshold: u32,
}

/// Rationals for exact elimination.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Q(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        let g = gcd(n, d).max(1);
        let s = if d < 0 { -1 } else { 1 };
        Q(s * n / g, s * d / g)
    }
    fn zero(self) -> bool {
        self.0 == 0
    }
    fn sub(self, o: Q) -> Q {
        Q::new(self.0 * o.1 - o.0 * self.1, self.1 * o.1)
    }
    fn mul(self, o: Q) -> Q {
        Q::new(self.0 * o.0, self.1 * o.1)
    }
    fn div(self, o: Q) -> Q {
        Q::new(self.0 * o.1, self.1 * o.0)
    }
}

/// Reduces `rows` (coefficients over the unknowns) to echelon form, and says for each
/// unknown whether its unit vector lies in their span, i.e. whether the equalities
/// determine it.
fn determined(rows: &[Vec<i128>], unknowns: usize) -> Vec<bool> {
    let mut basis: Vec<(usize, Vec<Q>)> = Vec::new(); // (pivot column, row), pivot = 1
    let reduce = |v: &mut Vec<Q>, basis: &[(usize, Vec<Q>)]| {
        for (p, b) in basis {
            if !v[*p].zero() {
                let f = v[*p];
                for (x, y) in v.iter_mut().zip(b) {
                    *x = x.sub(f.mul(*y));
                }
            }
        }
    };
    for r in rows {
        let mut v: Vec<Q> = r.iter().map(|&x| Q::new(x, 1)).collect();
        reduce(&mut v, &basis);
        if let Some(p) = v.iter().position(|x| !x.zero()) {
            let f = v[p];
            for x in &mut v {
                *x = x.div(f);
            }
            // Keep the basis fully reduced so one pass of `reduce` suffices.
            for (_, b) in &mut basis {
                if !b[p].zero() {
                    let g = b[p];
                    for (x, y) in b.iter_mut().zip(&v) {
                        *x = x.sub(g.mul(*y));
                    }
                }
            }
            basis.push((p, v));
        }
    }
    (0..unknowns)
        .map(|u| {
            let mut e = vec![Q::new(0, 1); unknowns];
            e[u] = Q::new(1, 1);
            reduce(&mut e, &basis);
            e.iter().all(|x| x.zero())
        })
        .collect()
}

/// The disclosure the rule gives these counts (the spec, written again independently).
fn rule(levels: &[u32], sides: &[Vec<usize>], t: u32) -> &'static str {
    let small = |c: u32| c > 0 && c < t;
    if !levels.iter().any(|&c| small(c)) {
        "full"
    } else if !sides
        .iter()
        .any(|side| small(side.iter().map(|&i| levels[i]).sum()))
    {
        "headline"
    } else {
        "withheld"
    }
}

/// Every count vector consistent with what `row` publishes (and the rule), and for each
/// level the set of values it takes across them.
fn feasible_values(row: &Row) -> Vec<std::collections::BTreeSet<u32>> {
    let k = row.levels.len();
    let sides: Vec<Vec<usize>> = row.sides.iter().map(|(s, _, _)| s.clone()).collect();
    let rounds = |c: u32, p: Option<u32>| p.is_none_or(|p| percent(c, row.of) == Some(p));
    let consistent = |v: &[u32]| {
        v.iter().zip(&row.percents).all(|(&x, &p)| rounds(x, p))
            && row.sides.iter().all(|(side, total, pct)| {
                let sum: u32 = side.iter().map(|&i| v[i]).sum();
                total.is_none_or(|t| t == sum) && rounds(sum, *pct)
            })
            && rule(v, &sides, row.threshold) == row.disclosure
    };
    let mut values = vec![std::collections::BTreeSet::new(); k];
    // Every vector of k non-negative counts adding up to `of`, published levels fixed.
    fn walk(
        i: usize,
        left: u32,
        v: &mut [u32],
        fixed: &[Option<u32>],
        keep: &mut dyn FnMut(&[u32]),
    ) {
        let last = i == v.len() - 1;
        for x in 0..=left {
            if (last && x != left) || fixed[i].is_some_and(|p| p != x) {
                continue;
            }
            v[i] = x;
            if last {
                keep(v);
            } else {
                walk(i + 1, left - x, v, fixed, keep);
            }
        }
    }
    let mut v = vec![0u32; k];
    walk(0, row.of, &mut v, &row.levels, &mut |v: &[u32]| {
        if consistent(v) {
            for (j, &x) in v.iter().enumerate() {
                values[j].insert(x);
            }
        }
    });
    values
}

/// Checks one year's published rows: nothing withheld is determined, by elimination over
/// all of them at once and by enumeration row by row.
fn check_year(rows: &[Row], context: &str) {
    // Unknowns: every withheld level count.
    let mut index = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (l, c) in row.levels.iter().enumerate() {
            if c.is_none() {
                index.push((r, l));
            }
        }
    }
    let col = |r: usize, l: usize| index.iter().position(|&x| x == (r, l));
    let mut equations: Vec<Vec<i128>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut eq = |levels: &[usize]| {
            let mut e = vec![0i128; index.len()];
            for &l in levels {
                if let Some(c) = col(r, l) {
                    e[c] = 1;
                }
            }
            if e.iter().any(|&x| x != 0) {
                equations.push(e);
            }
        };
        // Respondents (answered) is the sum of the levels.
        eq(&(0..row.levels.len()).collect::<Vec<_>>());
        for (side, total, _) in &row.sides {
            if total.is_some() {
                eq(side);
            }
        }
    }
    let det = determined(&equations, index.len());
    for (u, &(r, l)) in index.iter().enumerate() {
        assert!(
            !det[u],
            "{context}: {} level {l} is withheld but determined by the published equalities: {:?}",
            rows[r].what, rows[r]
        );
    }
    for row in rows {
        if row.levels.iter().all(Option::is_some) {
            continue;
        }
        let values = feasible_values(row);
        for (l, c) in row.levels.iter().enumerate() {
            if c.is_none() {
                assert!(
                    values[l].len() >= 2,
                    "{context}: {} level {l} is withheld but only {:?} fits what is published: {row:?}",
                    row.what,
                    values[l]
                );
            }
        }
    }
}

/// Publishes `bench` as CSV and XLSX, checks the two agree and are true, and checks every
/// year's rows.
fn check_published(bench: &AreaBenchmark, rubric: &Rubric, context: &str) {
    let threshold = bench.suppression_threshold.unwrap_or(0);
    let levels = bench.levels.len();
    use sendbench_generate::area::{tidy, Geography, TidyOptions, TOTAL};
    let files = tidy(
        &[Geography {
            local_area: TOTAL,
            bench,
        }],
        rubric,
        &TidyOptions::default(),
    );
    let (header, records) = read_csv(&files.strands);
    let (duty_header, duty_records) = read_csv(&files.checklist);
    // The strands file's figures in the XLSX's order: counts at each level, not judged,
    // respondents, % at each level, at or above the strength line and below it (count and
    // %), and the disclosure.
    let ids: Vec<&str> = rubric.levels.iter().map(|l| l.id.as_str()).collect();
    let line = ids[bench.strength_from];
    let mut order: Vec<String> = ids.iter().map(|&i| i.to_owned()).collect();
    order.extend(["not_judged".to_owned(), "respondents".to_owned()]);
    order.extend(ids.iter().map(|i| format!("{i}_percent")));
    order.extend([
        format!("{line}_or_better"),
        format!("{line}_or_better_percent"),
        format!("below_{line}"),
        format!("below_{line}_percent"),
        "disclosure".to_owned(),
    ]);
    let column = |header: &[String], name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("a column {name}"))
    };
    let order: Vec<usize> = order.iter().map(|n| column(&header, n)).collect();
    let mut duty_record = duty_records.iter();
    let xlsx_bytes =
        sendbench_generate::area::xlsx(bench, rubric, "Test").expect("the workbook is made");
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(xlsx_bytes)).expect("the workbook opens");
    let checklist = book.worksheet_range("Checklist").expect("checklist sheet");
    let comparison = book.worksheet_range("Comparison").ok();
    let sides = [
        (0..bench.strength_from).collect::<Vec<_>>(),
        (bench.strength_from..levels).collect::<Vec<_>>(),
    ];
    let mut record = records.iter();
    let mut duty_row = 4;
    for (y, year) in bench.years.iter().enumerate() {
        let sheet = book
            .worksheet_range(&format!(
                "Strands {}",
                year.year.to_string().replace('/', "-")
            ))
            .expect("year sheet");
        let mut rows = Vec::new();
        for (k, s) in year.strands.iter().enumerate() {
            let published = record.next().expect("a CSV row per strand");
            assert_eq!(
                published[column(&header, "strand")],
                s.code(),
                "{context}: rows in rubric order"
            );
            assert_eq!(
                published[column(&header, "time_period")],
                format!("{}{:02}", year.year.start, (year.year.start + 1) % 100)
            );
            let cells: Vec<Cell> = order[..2 * levels + 6]
                .iter()
                .map(|&c| parse(&published[c]))
                .collect();
            let from_xlsx: Vec<Cell> = (2..2 + 2 * levels + 6)
                .map(|c| xlsx_cell(sheet.get_value((4 + k as u32, c as u32))))
                .collect();
            assert_eq!(
                cells,
                from_xlsx,
                "{context}: CSV and XLSX agree on {}",
                s.code()
            );
            let n = |c: Cell| match c {
                Cell::N(v) => Some(v),
                _ => None,
            };
            // Published numbers are true; a count is a number or c, never missing.
            for (l, cell) in cells.iter().take(levels).enumerate() {
                match *cell {
                    Cell::N(v) => assert_eq!(v, s.counts[l], "{context}: {} level {l}", s.code()),
                    Cell::C => {}
                    Cell::Empty => panic!(
                        "{context}: {} level {l}: a count is a number or c",
                        s.code()
                    ),
                }
            }
            assert_eq!(
                cells[levels],
                Cell::N(s.not_judged),
                "not judged is always published"
            );
            assert_eq!(
                cells[levels + 1],
                Cell::N(s.respondents),
                "respondents are always published"
            );
            let tail = &cells[2 * levels + 2..];
            let (strong, below) = (n(tail[0]), n(tail[2]));
            if let Some(v) = strong {
                assert_eq!(v, s.strong);
            }
            if let Some(v) = below {
                assert_eq!(v, s.below);
            }
            let disclosure = records[y * year.strands.len() + k][order[2 * levels + 6]].clone();
            if disclosure == "full" {
                assert!(
                    cells.iter().all(|c| *c != Cell::C),
                    "{context}: full rows show everything"
                );
            }
            if let Some(cmp) = &comparison {
                let base = 2 + 3 * y as u32;
                let published: Vec<Cell> = (0..3)
                    .map(|i| xlsx_cell(cmp.get_value((4 + k as u32, base + i))))
                    .collect();
                assert_eq!(
                    published,
                    [tail[1], tail[0], Cell::N(s.respondents)],
                    "{context}: the comparison publishes what the year sheet does for {}",
                    s.code()
                );
            }
            rows.push(Row {
                what: format!("{} {}", year.year, s.code()),
                levels: (0..levels).map(|l| n(cells[l])).collect(),
                percents: (0..levels).map(|l| n(cells[levels + 2 + l])).collect(),
                sides: vec![
                    (sides[0].clone(), below, n(tail[3])),
                    (sides[1].clone(), strong, n(tail[1])),
                ],
                of: s.respondents,
                disclosure,
                threshold,
            });
        }
        for d in &year.checklist {
            // Met, partly met, not met, not fully met, not answered, answered.
            let cells: Vec<Cell> = (2..8)
                .map(|c| xlsx_cell(checklist.get_value((duty_row, c))))
                .collect();
            let disclosure = match checklist.get_value((duty_row, 8)) {
                Some(Data::String(s)) => s.clone(),
                other => panic!("a disclosure: {other:?}"),
            };
            duty_row += 1;
            let n = |c: Cell| match c {
                Cell::N(v) => Some(v),
                _ => None,
            };
            // The open data publishes what the sheet does, and percentages of the schools
            // that answered only beside a published count, so they add nothing to it.
            let published = duty_record.next().expect("a CSV row per duty");
            let field = |name: &str| parse(&published[column(&duty_header, name)]);
            assert_eq!(published[column(&duty_header, "duty")], d.item);
            assert_eq!(
                [
                    field("met"),
                    field("partly_met"),
                    field("not_met"),
                    field("not_fully_met"),
                    field("unanswered"),
                    field("answered"),
                ],
                cells[..],
                "{context}: CSV and XLSX agree on duty {}",
                d.item
            );
            assert_eq!(published[column(&duty_header, "disclosure")], disclosure);
            for (count, share) in [
                ("met", "met_percent"),
                ("partly_met", "partly_met_percent"),
                ("not_met", "not_met_percent"),
                ("not_fully_met", "not_fully_met_percent"),
            ] {
                let expected = match field(count) {
                    Cell::N(v) => percent(v, d.answered()).map_or(Cell::Empty, Cell::N),
                    other => other,
                };
                assert_eq!(field(share), expected, "{context}: {share} of {}", d.item);
            }
            let truth = [d.not_met, d.partly_met, d.met];
            // As levels, lowest first: not met, partly met, met.
            let levels = [n(cells[2]), n(cells[1]), n(cells[0])];
            for (shown, real) in levels.iter().zip(truth) {
                if let Some(v) = shown {
                    assert_eq!(*v, real, "{context}: duty {}", d.item);
                }
            }
            assert_eq!(
                cells[4],
                Cell::N(d.unanswered),
                "not answered is always published"
            );
            assert_eq!(
                cells[5],
                Cell::N(d.answered()),
                "answered is always published"
            );
            rows.push(Row {
                what: format!("{} duty {}", year.year, d.item),
                levels: levels.to_vec(),
                percents: vec![None; 3],
                sides: vec![
                    (vec![0, 1], n(cells[3]), None),
                    (vec![2], n(cells[0]), None),
                ],
                of: d.answered(),
                disclosure,
                threshold,
            });
        }
        check_year(&rows, &format!("{context}, {}", year.year));
    }
}

#[test]
fn no_withheld_count_can_be_worked_out_from_what_is_published() {
    let rubric = Rubric::builtin();
    let strand = |code: &str| {
        rubric
            .strands()
            .position(|s| format!("{}{}", s.outcome.id, s.strand.id) == code)
            .expect("a strand")
    };
    // Crafted: the published 5c case (7 Emerging, 39 at Expected or better), a level small
    // but the split not (headline), the split small (withheld), zeros, one school.
    let crafted = vec![
        crafted_year(
            &rubric,
            &[
                (strand("5c"), vec![7, 30, 9], 0),
                (strand("5a"), vec![6, 38, 2], 0),
                (strand("5b"), vec![2, 40, 4], 0),
                (strand("1a"), vec![0, 44, 2], 0),
                (strand("1b"), vec![0, 3, 0], 43),
                (strand("1c"), vec![0, 46, 0], 0),
                (strand("1d"), vec![5, 3, 4], 34),
            ],
        ),
        crafted_year(&rubric, &[(strand("1a"), vec![0, 1, 0], 0)]),
        crafted_year(&rubric, &[(strand("1a"), vec![1, 1, 1], 0)]),
    ];
    for threshold in [3, 4, 5, 10] {
        let bench = bench_of(&rubric, &crafted, threshold);
        check_published(&bench, &rubric, &format!("crafted, threshold {threshold}"));
    }
    // Pseudo-random: 32 areas of 8 years each, so 256 years, with thresholds 3 to 10.
    let mut rng = Rng(0x5EED_2026);
    for area in 0..32 {
        let years: Vec<Vec<Answers>> = (0..8).map(|_| random_year(&rubric, &mut rng)).collect();
        let threshold = [3, 4, 5, 5, 10][rng.below(5) as usize];
        let bench = bench_of(&rubric, &years, threshold);
        check_published(
            &bench,
            &rubric,
            &format!("area {area}, threshold {threshold}"),
        );
    }
}

#[test]
fn the_three_disclosure_levels_each_turn_up_in_the_random_areas() {
    // The proof above is only as good as its cases: make sure they include every level.
    let rubric = Rubric::builtin();
    let mut rng = Rng(0x5EED_2026);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..5 {
        let years: Vec<Vec<Answers>> = (0..8).map(|_| random_year(&rubric, &mut rng)).collect();
        let bench = bench_of(&rubric, &years, 5);
        for y in &bench.years {
            for s in &y.strands {
                seen.insert(format!("strand {:?}", s.disclosure));
            }
            for d in &y.checklist {
                seen.insert(format!("duty {:?}", d.disclosure));
            }
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        [
            "duty Full",
            "duty Headline",
            "duty Withheld",
            "strand Full",
            "strand Headline",
            "strand Withheld"
        ]
    );
}

#[test]
fn the_checks_catch_a_leak_when_there_is_one() {
    // The checks have teeth. A single hidden level beside published ones and respondents is
    // worked out by subtraction (what suppressing only the small cell would leak):
    let subtraction = Row {
        what: "one cell".into(),
        levels: vec![Some(40), None, Some(4)],
        percents: vec![None; 3],
        sides: vec![(vec![0], None, None), (vec![1, 2], None, None)],
        of: 46,
        disclosure: "headline".into(),
        threshold: 5,
    };
    let equations = [vec![1i128]]; // respondents: the one unknown is 46 - 40 - 4
    assert_eq!(determined(&equations, 1), [true]);
    assert_eq!(feasible_values(&subtraction)[1].len(), 1);
    // And a threshold of 2 (which `suppress_below` refuses): two hidden levels adding up to 2
    // in a headline row, where a reader knows one of them is a withheld 1, are 1 and 1.
    let pair = Row {
        what: "pair".into(),
        levels: vec![Some(10), None, None],
        percents: vec![Some(83), None, None],
        sides: vec![
            (vec![0], Some(10), Some(83)),
            (vec![1, 2], Some(2), Some(17)),
        ],
        of: 12,
        disclosure: "headline".into(),
        threshold: 2,
    };
    let values = feasible_values(&pair);
    assert_eq!(values[1].iter().copied().collect::<Vec<_>>(), [1]);
    let mut bench = bench_of(
        &Rubric::builtin(),
        &[crafted_year(&Rubric::builtin(), &[])],
        3,
    );
    assert!(bench.suppress_below(2).is_err());
}
