//! Secondary suppression: the parts of a whole published side by side (a county's local
//! areas beside the county) must not let a withheld figure be worked out.
//!
//! Each area's figures are withheld for small numbers on their own ([`Disclosure`]), but the
//! county's figure is published beside them, and the county's count at a level is the sum of
//! its areas' (and of the returns naming no area). With one area withheld and the others
//! published, the county's count minus the others' is the withheld one. So, for each year
//! and each strand and duty, the counts are set out as a small transport network: each area
//! (or each side of its headline split, when only that is published) supplies its schools to
//! the county's published columns (its levels, or the two sides when the county itself shows
//! only its split). A withheld quantity (a level count, or a side of the split) is worked
//! out exactly when no other arrangement of the counts fits everything published: when the
//! network has no cycle through its edge. Then one more area is withheld, the smallest
//! first (its headline split kept if that is enough), until nothing withheld can be worked
//! out that the county's own figures did not already give away. A quantity the county's
//! figures decide whatever the areas publish (every school in the county at Expected or
//! better, say) is not the areas' to protect: the county's own small-numbers rule and the
//! "judged the same side by every school" warning cover it.

use crate::disclosure::Disclosure;

/// How many figures secondary suppression withheld beyond each table's own rule, in what is
/// published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Protected {
    /// Strand figures (one area, one year, one strand) with less published than before.
    pub strands: usize,
    /// Duty figures likewise.
    pub duties: usize,
}

/// One item's counts in one group, and what of them is published.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) counts: Vec<u32>,
    /// What is published of it (or known by subtraction of published figures).
    pub(crate) disclosure: Disclosure,
    /// For a group that is not published itself (the returns naming no area, the schools
    /// that did not return every year): which of its quantities must not be worked out, by
    /// the small-numbers rule it would be published under. `None`: those its disclosure
    /// hides.
    pub(crate) sensitive: Option<Disclosure>,
}

impl Row {
    /// A published group's row.
    pub(crate) fn published(counts: Vec<u32>, disclosure: Disclosure) -> Row {
        Row {
            counts,
            disclosure,
            sensitive: None,
        }
    }

    /// An unpublished group's row, whose quantities hidden under `sensitive` are protected.
    pub(crate) fn unpublished(counts: Vec<u32>, sensitive: Disclosure) -> Row {
        Row {
            counts,
            disclosure: Disclosure::Withheld,
            sensitive: Some(sensitive),
        }
    }

    pub(crate) fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// A flow network small enough to search by hand: nodes, and edges with a capacity and the
/// true flow on them.
#[derive(Debug, Default)]
struct Network {
    nodes: usize,
    edges: Vec<(usize, usize, u32, u32)>,
}

impl Network {
    fn node(&mut self) -> usize {
        self.nodes += 1;
        self.nodes - 1
    }

    fn edge(&mut self, from: usize, to: usize, capacity: u32, flow: u32) -> usize {
        self.edges.push((from, to, capacity, flow));
        self.edges.len() - 1
    }

    /// Whether the flow on edge `e` is the same in every flow that meets the same supplies
    /// and demands: it can neither grow (no residual path back from its head to its tail)
    /// nor shrink (no residual path around it from its tail to its head).
    fn fixed(&self, e: usize) -> bool {
        let (from, to, capacity, flow) = self.edges[e];
        let can_grow = flow < capacity && self.reaches(to, from, e);
        let can_shrink = flow > 0 && self.reaches(from, to, e);
        !can_grow && !can_shrink
    }

    /// Whether `to` can be reached from `from` along residual edges, edge `skip` left out
    /// in both directions.
    fn reaches(&self, from: usize, to: usize, skip: usize) -> bool {
        let mut seen = vec![false; self.nodes];
        let mut stack = vec![from];
        seen[from] = true;
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            for (i, &(a, b, capacity, flow)) in self.edges.iter().enumerate() {
                if i == skip {
                    continue;
                }
                let next = if a == n && flow < capacity {
                    b
                } else if b == n && flow > 0 {
                    a
                } else {
                    continue;
                };
                if !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        false
    }
}

/// The sides of the headline split: levels below `strength_from`, and from it up.
fn sides(levels: usize, strength_from: usize) -> [std::ops::Range<usize>; 2] {
    [0..strength_from, strength_from..levels]
}

/// A withheld quantity of one part: a side of its headline split, or a level's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quantity {
    Side(usize),
    Level(usize),
}

/// For `whole` and its `parts` (the last one may be the unpublished rest), the withheld
/// quantities the published figures decide, as (part, quantity): those its disclosure
/// hides, or for an unpublished group those its sensitivity does.
fn decided(whole: &Row, parts: &[Row], strength_from: usize) -> Vec<(usize, Quantity)> {
    let levels = whole.counts.len();
    let sides = sides(levels, strength_from);
    // The county's published columns: its levels, or its two sides, or nothing.
    let columns: Vec<std::ops::Range<usize>> = match whole.disclosure {
        Disclosure::Withheld => return Vec::new(),
        Disclosure::Full => (0..levels).map(|l| l..l + 1).collect(),
        Disclosure::Headline => sides.to_vec(),
    };
    let mut net = Network::default();
    let column_nodes: Vec<usize> = columns.iter().map(|_| net.node()).collect();
    // What to check: edges whose flow is a withheld quantity.
    let mut checks: Vec<(usize, Quantity, usize)> = Vec::new();
    for (p, row) in parts.iter().enumerate() {
        if row.disclosure == Disclosure::Full || row.total() == 0 {
            continue; // Published in full, or nothing to hide.
        }
        let sensitive = row.sensitive.unwrap_or(row.disclosure);
        let unit = (row.disclosure == Disclosure::Withheld).then(|| net.node());
        for (k, side) in sides.iter().enumerate() {
            let sum: u32 = row.counts[side.clone()].iter().sum();
            let side_node = net.node();
            let supply = match unit {
                Some(u) => {
                    let e = net.edge(u, side_node, row.total(), sum);
                    if sensitive == Disclosure::Withheld {
                        checks.push((p, Quantity::Side(k), e));
                    }
                    row.total()
                }
                None => sum,
            };
            for (c, column) in columns.iter().enumerate() {
                if column.start < side.start || column.end > side.end {
                    continue;
                }
                let flow: u32 = row.counts[column.clone()].iter().sum();
                let e = net.edge(side_node, column_nodes[c], supply, flow);
                // A level count is withheld unless the headline gives it (the only level of
                // its side, or a side of no schools).
                let withheld_level = column.len() == 1
                    && sensitive != Disclosure::Full
                    && (sensitive == Disclosure::Withheld || (side.len() > 1 && sum > 0));
                if withheld_level {
                    checks.push((p, Quantity::Level(column.start), e));
                }
            }
        }
    }
    checks
        .into_iter()
        .filter(|&(_, _, e)| net.fixed(e))
        .map(|(p, q, _)| (p, q))
        .collect()
}

/// The next step down: full to the headline split, the split to nothing.
pub(crate) fn less(d: Disclosure) -> Disclosure {
    match d {
        Disclosure::Full => Disclosure::Headline,
        _ => Disclosure::Withheld,
    }
}

/// Withholds more of `parts` until no withheld quantity is decided by what is published that
/// the whole's figures alone (every part withheld) would not decide. Returns the parts that
/// were changed. The last part may be the unpublished rest, never changed.
pub(crate) fn protect(
    whole: &Row,
    parts: &mut [Row],
    strength_from: usize,
    rest: bool,
) -> Vec<usize> {
    let baseline: Vec<(usize, Quantity)> = {
        let all: Vec<Row> = parts
            .iter()
            .map(|r| Row {
                counts: r.counts.clone(),
                disclosure: Disclosure::Withheld,
                // Everything a published part could come to hide is checked here, as the
                // loop below hides more.
                sensitive: Some(r.sensitive.unwrap_or(Disclosure::Withheld)),
            })
            .collect();
        decided(whole, &all, strength_from)
    };
    let published = parts.len() - usize::from(rest);
    let exposed = |parts: &[Row]| -> usize {
        decided(whole, parts, strength_from)
            .iter()
            .filter(|q| !baseline.contains(q))
            .count()
    };
    let mut changed = Vec::new();
    let mut left = exposed(parts);
    while left > 0 {
        // One step down for the part that leaves the fewest quantities exposed, then the
        // smallest, then the first.
        let Some((after, _, p)) = (0..published)
            .filter(|&p| parts[p].disclosure != Disclosure::Withheld && parts[p].total() > 0)
            .map(|p| {
                let mut trial = parts.to_vec();
                trial[p].disclosure = less(trial[p].disclosure);
                (exposed(&trial), parts[p].total(), p)
            })
            .min()
        else {
            break;
        };
        parts[p].disclosure = less(parts[p].disclosure);
        if !changed.contains(&p) {
            changed.push(p);
        }
        left = after;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(counts: &[u32], disclosure: Disclosure) -> Row {
        Row::published(counts.to_vec(), disclosure)
    }

    use Disclosure::{Full, Headline, Withheld};

    #[test]
    fn one_withheld_area_beside_published_ones_is_given_away_by_the_county() {
        // Emerging, Expected, Exemplary; the county shows all three.
        let whole = row(&[6, 24, 0], Full);
        let parts = [row(&[1, 9, 0], Withheld), row(&[5, 15, 0], Full)];
        // A's Emerging and Expected counts and its split; its Exemplary count (none in the
        // county) is the county's to give away.
        assert_eq!(
            decided(&whole, &parts, 1),
            [
                (0, Quantity::Side(0)),
                (0, Quantity::Level(0)),
                (0, Quantity::Side(1)),
                (0, Quantity::Level(1)),
                (0, Quantity::Level(2)),
            ]
        );
        let mut parts = parts;
        assert_eq!(protect(&whole, &mut parts, 1, false), [1]);
        // The other area is withheld with it: its split alone would still give A's away.
        assert_eq!(parts[1].disclosure, Withheld);
        assert_eq!(
            decided(&whole, &parts, 1),
            [(0, Quantity::Level(2)), (1, Quantity::Level(2))]
        );
    }

    #[test]
    fn a_headline_area_keeps_its_split_when_another_split_is_enough() {
        // A publishes only its split (its Exemplary count is small); B in full would give
        // A's levels away; B's split is enough to hide them.
        let whole = row(&[0, 23, 7], Full);
        let mut parts = [row(&[0, 8, 2], Headline), row(&[0, 15, 5], Full)];
        assert_eq!(
            decided(&whole, &parts, 1),
            [(0, Quantity::Level(1)), (0, Quantity::Level(2))]
        );
        protect(&whole, &mut parts, 1, false);
        assert_eq!(
            (parts[0].disclosure, parts[1].disclosure),
            (Headline, Headline)
        );
    }

    #[test]
    fn what_the_county_alone_gives_away_is_not_the_areas_to_hide() {
        // Every school in the county at Expected or better: every area's split is known
        // from the county's figure whatever the areas publish.
        let whole = row(&[0, 40, 12], Full);
        let mut parts = [row(&[0, 2, 1], Withheld), row(&[0, 38, 11], Full)];
        let before = parts.clone();
        protect(&whole, &mut parts, 1, false);
        // B shows only its split, which hides A's levels; nothing can hide A's split, and
        // nothing more is withheld for it.
        assert_eq!(parts[1].disclosure, Headline);
        assert_eq!(parts[0].disclosure, before[0].disclosure);
    }

    #[test]
    fn one_return_naming_no_area_is_protected_like_an_area() {
        // Both areas in full; the one school naming no area is the county less them.
        let whole = row(&[1, 20, 10], Full);
        let mut parts = [
            row(&[0, 10, 5], Full),
            row(&[0, 10, 5], Full),
            row(&[1, 0, 0], Withheld),
        ];
        assert!(decided(&whole, &parts, 1).contains(&(2, Quantity::Level(0))));
        assert_eq!(protect(&whole, &mut parts, 1, true), [0]);
        assert_eq!(parts[2].disclosure, Withheld, "the rest stays the rest");
        assert!(!decided(&whole, &parts, 1).contains(&(2, Quantity::Level(0))));
    }

    #[test]
    fn a_county_showing_only_its_split_hides_the_levels() {
        let whole = row(&[1, 20, 2], Headline);
        let parts = [row(&[1, 10, 1], Withheld), row(&[0, 10, 1], Headline)];
        // A's split is the county's less B's: given away, and with it its Emerging count
        // (all of its side); its other levels are not, as the county gives none.
        assert_eq!(
            decided(&whole, &parts, 1),
            [
                (0, Quantity::Side(0)),
                (0, Quantity::Level(0)),
                (0, Quantity::Side(1))
            ]
        );
    }

    /// The small-numbers rule, written again: counts from 1 to 2 are small.
    fn rule(counts: &[u32]) -> Disclosure {
        let small = |c: u32| c > 0 && c < 3;
        if !counts.iter().any(|&c| small(c)) {
            Full
        } else if !small(counts[0]) && !small(counts[1] + counts[2]) {
            Headline
        } else {
            Withheld
        }
    }

    /// Every arrangement of counts that fits what is published (each row's total, what each
    /// row publishes, the whole's columns), by enumeration; for each row, the values each
    /// of its quantities takes: [below side, above side, level 0, level 1, level 2].
    fn feasible(whole: &Row, rows: &[Row]) -> Vec<[std::collections::BTreeSet<u32>; 5]> {
        let mut seen: Vec<[std::collections::BTreeSet<u32>; 5]> =
            rows.iter().map(|_| Default::default()).collect();
        let mut chosen: Vec<[u32; 3]> = Vec::new();
        fn fits_row(row: &Row, v: [u32; 3]) -> bool {
            let c = &row.counts;
            match row.disclosure {
                Full => v == [c[0], c[1], c[2]],
                Headline => v[0] == c[0] && v[1] + v[2] == c[1] + c[2],
                Withheld => v.iter().sum::<u32>() == row.total(),
            }
        }
        fn fits_whole(whole: &Row, sums: [u32; 3]) -> bool {
            let w = &whole.counts;
            match whole.disclosure {
                Full => sums == [w[0], w[1], w[2]],
                Headline => sums[0] == w[0] && sums[1] + sums[2] == w[1] + w[2],
                Withheld => true,
            }
        }
        fn walk(
            whole: &Row,
            rows: &[Row],
            chosen: &mut Vec<[u32; 3]>,
            seen: &mut [[std::collections::BTreeSet<u32>; 5]],
        ) {
            let r = chosen.len();
            if r == rows.len() {
                let mut sums = [0; 3];
                for v in chosen.iter() {
                    for l in 0..3 {
                        sums[l] += v[l];
                    }
                }
                if fits_whole(whole, sums) {
                    for (row, v) in chosen.iter().enumerate() {
                        let q = [v[0], v[1] + v[2], v[0], v[1], v[2]];
                        for k in 0..5 {
                            seen[row][k].insert(q[k]);
                        }
                    }
                }
                return;
            }
            let total = rows[r].total();
            for a in 0..=total {
                for b in 0..=total - a {
                    let v = [a, b, total - a - b];
                    if fits_row(&rows[r], v) {
                        chosen.push(v);
                        walk(whole, rows, chosen, seen);
                        chosen.pop();
                    }
                }
            }
        }
        walk(whole, rows, &mut chosen, &mut seen);
        seen
    }

    /// What a row withholds: [below side, above side, level 0, level 1, level 2].
    fn withheld(row: &Row) -> [bool; 5] {
        match row.disclosure {
            Full => [false; 5],
            // Emerging is all of its side; the two upper levels share theirs.
            Headline => {
                let above = row.counts[1] + row.counts[2] > 0;
                [false, false, false, above, above]
            }
            Withheld => [true; 5],
        }
    }

    #[test]
    fn nothing_withheld_can_be_worked_out_by_any_arrangement_that_fits() {
        // Small random counties, checked against every arrangement of counts that fits
        // what is published, not against the flow network the code uses.
        let mut seed: u64 = 0x5EED;
        let mut next = |n: u32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % u64::from(n)) as u32
        };
        let mut changed_any = 0;
        for case in 0..200 {
            let parts_n = 2 + next(2) as usize;
            let rest = next(3) == 0;
            let mut rows: Vec<Row> = (0..parts_n + usize::from(rest))
                .map(|_| {
                    let counts = vec![next(4), next(4), next(4)];
                    let disclosure = rule(&counts);
                    Row::published(counts, disclosure)
                })
                .collect();
            if rest {
                rows.last_mut().expect("rest").disclosure = Withheld;
            }
            let sums: Vec<u32> = (0..3)
                .map(|l| rows.iter().map(|r| r.counts[l]).sum())
                .collect();
            let whole = Row::published(sums.clone(), rule(&sums));
            let baseline_rows: Vec<Row> = rows
                .iter()
                .map(|r| Row::published(r.counts.clone(), Withheld))
                .collect();
            let baseline = feasible(&whole, &baseline_rows);
            if !protect(&whole, &mut rows, 1, rest).is_empty() {
                changed_any += 1;
            }
            let now = feasible(&whole, &rows);
            for (r, row) in rows.iter().enumerate() {
                for (k, &hidden) in withheld(row).iter().enumerate() {
                    if hidden && row.total() > 0 {
                        assert!(
                            now[r][k].len() >= 2 || baseline[r][k].len() < 2,
                            "case {case}: row {r} quantity {k} is decided ({:?}) though the whole alone leaves {:?}: {rows:?}, whole {whole:?}",
                            now[r][k],
                            baseline[r][k]
                        );
                    }
                }
            }
        }
        // The cases exercise the suppression, not only counties that need none.
        assert!(changed_any > 20, "{changed_any}");
    }
}
