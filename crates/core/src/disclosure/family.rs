//! The family of linked tables one set of returns can publish, protected together.
//!
//! From one set of returns `area` can publish, for each year, the whole (a county) and each
//! local area, and the same again counting only the schools that returned in every year
//! (`--every-year`). Each is a table under the small-numbers rule, and each pair side by side
//! is a sum to subtract: an area less its every-year figures is its schools that did not
//! return every year; the county less the areas is the returns naming no area. Protecting
//! each table, or each county beside its areas, is not enough: `--every-year` beside the
//! ordinary run gave away a school naming no area that judged a strand Emerging.
//!
//! So every run protects the whole family the same way, whichever part of it is asked for,
//! and publishes its part of the result: two runs over the same returns agree cell for cell.
//! For one item (a strand or duty) of one year the tables are the county `C` and areas `A`,
//! the every-year county `E` and areas `a`. Each link is a whole beside its parts, protected
//! by [`protect`]: `A` beside `C` (the rest naming no area); `a` beside `E`; each `a` beside
//! its `A` (the rest, the area's other schools, protected as its own small-numbers rule would
//! publish it); and `E` with each area's other schools (known as far as both tables they are
//! the difference of are published) beside `C`, whose own figures alone decide what is given
//! away whatever else is published. Only the every-year tables are withheld
//! further for the links they add, so the ordinary publication is the same as without them.
//! The steps repeat until none withholds more; each only withholds, so it ends.

use super::parts::{protect, Row};
use super::Disclosure;

/// One item of one year in every table: the county and its areas, and the same for the
/// schools that returned in every year. An area without the year has no schools.
#[derive(Debug, Clone)]
pub(crate) struct ItemTables {
    pub(crate) county: Row,
    pub(crate) areas: Vec<Row>,
    pub(crate) county_every: Row,
    pub(crate) areas_every: Vec<Row>,
}

fn minus(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().zip(b).map(|(x, y)| x.saturating_sub(*y)).collect()
}

fn sum_of(rows: &[Row], levels: usize) -> Vec<u32> {
    (0..levels)
        .map(|l| rows.iter().map(|r| r.counts[l]).sum())
        .collect()
}

/// Protects `parts` beside `whole`, with `rest` (unpublished) after them if it holds any
/// schools; returns the new disclosures of the parts that changed.
fn step(whole: &Row, parts: &[&Row], rest: Row, strength_from: usize) -> Vec<(usize, Disclosure)> {
    let mut rows: Vec<Row> = parts.iter().map(|r| (*r).clone()).collect();
    let has_rest = rest.total() > 0;
    if has_rest {
        rows.push(rest);
    }
    protect(whole, &mut rows, strength_from, has_rest)
        .into_iter()
        .map(|p| (p, rows[p].disclosure))
        .collect()
}

impl ItemTables {
    /// Withholds more of the areas' and the every-year tables' figures until no withheld
    /// quantity of any table, nor a small count of a group no table shows, can be worked out
    /// from everything published (beyond what the county's own figures give away).
    pub(crate) fn protect(&mut self, strength_from: usize, n: u32) {
        let levels = self.county.counts.len();
        let primary = |counts: Vec<u32>| {
            let d = Disclosure::of_counts(&counts, strength_from, n);
            Row::unpublished(counts, d)
        };
        let no_area = |whole: &Row, parts: &[Row]| {
            Row::unpublished(
                minus(&whole.counts, &sum_of(parts, levels)),
                Disclosure::Withheld,
            )
        };
        // The areas beside the county: the one link the ordinary publication has.
        let areas: Vec<&Row> = self.areas.iter().collect();
        for (p, d) in step(
            &self.county,
            &areas,
            no_area(&self.county, &self.areas),
            strength_from,
        ) {
            self.areas[p].disclosure = d;
        }
        loop {
            let mut changed = false;
            let mut lower = |row: &mut Row, d: Disclosure| {
                if d.least(row.disclosure) != row.disclosure {
                    row.disclosure = d.least(row.disclosure);
                    changed = true;
                }
            };
            // An every-year table is never shown in more detail than the ordinary table of
            // the same schools and more: where an area's figures are withheld, so are its
            // every-year figures (an area whose schools all returned every year would show
            // the withheld figures themselves).
            for i in 0..self.areas.len() {
                lower(&mut self.areas_every[i], self.areas[i].disclosure);
            }
            lower(&mut self.county_every, self.county.disclosure);
            // The every-year areas beside the every-year county.
            let parts: Vec<&Row> = self.areas_every.iter().collect();
            let rest = no_area(&self.county_every, &self.areas_every);
            for (p, d) in step(&self.county_every, &parts, rest, strength_from) {
                lower(&mut self.areas_every[p], d);
            }
            // Each area's every-year figures beside its figures.
            for i in 0..self.areas.len() {
                let others = primary(minus(&self.areas[i].counts, &self.areas_every[i].counts));
                let part = self.areas_every[i].clone();
                for (_, d) in step(&self.areas[i], &[&part], others, strength_from) {
                    lower(&mut self.areas_every[i], d);
                }
            }
            // The every-year county and each area's other schools (known as far as both of
            // the tables they are the difference of are published) beside the county, with
            // the other schools naming no area as its rest: the county's own figures are
            // what decide the baseline, never a table this step may withhold.
            let mut parts = vec![self.county_every.clone()];
            for i in 0..self.areas.len() {
                let counts = minus(&self.areas[i].counts, &self.areas_every[i].counts);
                let known = self.areas[i]
                    .disclosure
                    .least(self.areas_every[i].disclosure);
                // Only what its own small-numbers rule would withhold is the difference's to
                // protect: a count of it that is 0 or at least n may be worked out.
                let sensitive = Disclosure::of_counts(&counts, strength_from, n);
                parts.push(Row {
                    counts,
                    disclosure: known,
                    sensitive: Some(sensitive),
                });
            }
            let rest = no_area(&self.county, &parts);
            let refs: Vec<&Row> = parts.iter().collect();
            for (p, d) in step(&self.county, &refs, rest, strength_from) {
                match p {
                    0 => lower(&mut self.county_every, d),
                    p => lower(&mut self.areas_every[p - 1], d),
                }
            }
            if !changed {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Small random counties, with schools that did not return every year and schools
    //! naming no area, checked against every table of counts that fits everything the two
    //! publications (ordinary and every-year, county and areas) show together: nothing a
    //! table withholds, nor a small count of a group no table shows, may be decided by them
    //! unless the county's own figures decide it.

    use std::collections::BTreeSet;

    use super::*;

    const N: u32 = 3;

    /// A group's quantities: [below side, above side, level 0, level 1, level 2].
    fn quantities(v: [u32; 3]) -> [u32; 5] {
        [v[0], v[1] + v[2], v[0], v[1], v[2]]
    }

    /// Which of a group's quantities `d` hides (Emerging is all of its side).
    fn hidden(d: Disclosure, v: [u32; 3]) -> [bool; 5] {
        match d {
            Disclosure::Full => [false; 5],
            Disclosure::Headline => {
                let above = v[1] + v[2] > 0;
                [false, false, false, above, above]
            }
            Disclosure::Withheld => [true; 5],
        }
    }

    fn fits(d: Disclosure, truth: [u32; 3], v: [u32; 3]) -> bool {
        match d {
            Disclosure::Full => v == truth,
            Disclosure::Headline => v[0] == truth[0] && v[1] + v[2] == truth[1] + truth[2],
            Disclosure::Withheld => true,
        }
    }

    /// The groups: each a set of atoms, its true counts, what is published of it and which
    /// of its quantities are protected.
    struct Group {
        atoms: Vec<usize>,
        truth: [u32; 3],
        published: Disclosure,
        protected: [bool; 5],
        /// A table of the ordinary publication (the county, an area), or the returns naming
        /// no area: what it gives away is measured against the county's figures alone, as
        /// before the every-year tables existed. Anything else is measured against the
        /// ordinary publication, which an every-year table may not add to.
        ordinary: bool,
    }

    fn add(a: [u32; 3], b: [u32; 3]) -> [u32; 3] {
        [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
    }

    /// For every group, the values each quantity takes over every table of atom counts
    /// (each atom's total known) that fits what `groups` publish.
    fn feasible(atoms: &[[u32; 3]], groups: &[Group]) -> Vec<[BTreeSet<u32>; 5]> {
        let totals: Vec<u32> = atoms.iter().map(|a| a.iter().sum()).collect();
        let mut seen: Vec<[BTreeSet<u32>; 5]> = groups.iter().map(|_| Default::default()).collect();
        let mut chosen: Vec<[u32; 3]> = Vec::new();
        walk(&totals, groups, &mut chosen, &mut seen);
        seen
    }

    fn walk(
        totals: &[u32],
        groups: &[Group],
        chosen: &mut Vec<[u32; 3]>,
        seen: &mut [[BTreeSet<u32>; 5]],
    ) {
        // Prune on every group whose atoms are all chosen.
        for g in groups {
            if g.atoms.iter().all(|&a| a < chosen.len())
                && g.atoms.iter().any(|&a| a + 1 == chosen.len())
            {
                let v = g.atoms.iter().fold([0; 3], |s, &a| add(s, chosen[a]));
                if !fits(g.published, g.truth, v) {
                    return;
                }
            }
        }
        let a = chosen.len();
        if a == totals.len() {
            for (g, s) in groups.iter().zip(seen.iter_mut()) {
                let v = g.atoms.iter().fold([0; 3], |s, &a| add(s, chosen[a]));
                for (k, q) in quantities(v).into_iter().enumerate() {
                    s[k].insert(q);
                }
            }
            return;
        }
        let t = totals[a];
        for x in 0..=t {
            for y in 0..=t - x {
                chosen.push([x, y, t - x - y]);
                walk(totals, groups, chosen, seen);
                chosen.pop();
            }
        }
    }

    fn rule(v: [u32; 3]) -> Disclosure {
        Disclosure::of_counts(&v, 1, N)
    }

    fn row(v: [u32; 3], d: Disclosure) -> Row {
        Row::published(v.to_vec(), d)
    }

    fn arr(r: &Row) -> [u32; 3] {
        [r.counts[0], r.counts[1], r.counts[2]]
    }

    #[test]
    fn nothing_withheld_in_any_table_can_be_worked_out_from_all_of_them_together() {
        let mut seed: u64 = 0xFA411;
        let mut next = |n: u32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % u64::from(n)) as u32
        };
        let atom = |next: &mut dyn FnMut(u32) -> u32| {
            let mut v = [next(3), next(3), next(3)];
            while v.iter().sum::<u32>() > 3 {
                v[next(3) as usize] = 0;
            }
            v
        };
        let (mut changed_ordinary, mut changed_every) = (0, 0);
        for case in 0..300 {
            let areas = 2;
            let rest = next(3) == 0;
            // Atoms: per area its every-year schools then its others; then the rest's.
            let mut atoms: Vec<[u32; 3]> = Vec::new();
            for _ in 0..areas + usize::from(rest) {
                atoms.push(atom(&mut next));
                atoms.push(if next(3) == 0 {
                    [0; 3]
                } else {
                    atom(&mut next)
                });
            }
            let area = |i: usize| add(atoms[2 * i], atoms[2 * i + 1]);
            let all = atoms.iter().fold([0; 3], |s, &a| add(s, a));
            let every = (0..atoms.len())
                .step_by(2)
                .fold([0; 3], |s, a| add(s, atoms[a]));
            let mut t = ItemTables {
                county: row(all, rule(all)),
                areas: (0..areas).map(|i| row(area(i), rule(area(i)))).collect(),
                county_every: row(every, rule(every)),
                areas_every: (0..areas)
                    .map(|i| row(atoms[2 * i], rule(atoms[2 * i])))
                    .collect(),
            };
            let before = t.clone();
            t.protect(1, N);
            changed_ordinary += usize::from(
                t.areas
                    .iter()
                    .zip(&before.areas)
                    .any(|(a, b)| a.disclosure != b.disclosure),
            );
            changed_every += usize::from(
                (t.areas_every.iter().zip(&before.areas_every))
                    .any(|(a, b)| a.disclosure != b.disclosure)
                    || t.county_every.disclosure != before.county_every.disclosure,
            );
            // Every group anyone could speak of, published or not.
            let everything: Vec<usize> = (0..atoms.len()).collect();
            let every_atoms: Vec<usize> = (0..atoms.len()).step_by(2).collect();
            let mut groups = vec![Group {
                atoms: everything.clone(),
                truth: all,
                published: t.county.disclosure,
                protected: hidden(t.county.disclosure, all),
                ordinary: true,
            }];
            groups.push(Group {
                atoms: every_atoms,
                truth: every,
                published: t.county_every.disclosure,
                protected: hidden(t.county_every.disclosure, every),
                ordinary: false,
            });
            for i in 0..areas {
                let (a, e) = (&t.areas[i], &t.areas_every[i]);
                groups.push(Group {
                    atoms: vec![2 * i, 2 * i + 1],
                    truth: arr(a),
                    published: a.disclosure,
                    protected: hidden(a.disclosure, arr(a)),
                    ordinary: true,
                });
                groups.push(Group {
                    atoms: vec![2 * i],
                    truth: arr(e),
                    published: e.disclosure,
                    protected: hidden(e.disclosure, arr(e)),
                    ordinary: false,
                });
                // The area's schools that did not return every year: protected as their
                // own rule would publish them.
                let others = atoms[2 * i + 1];
                groups.push(Group {
                    atoms: vec![2 * i + 1],
                    truth: others,
                    published: Disclosure::Withheld,
                    protected: hidden(rule(others), others),
                    ordinary: false,
                });
            }
            if rest {
                let r = 2 * areas;
                for atoms_of_rest in [vec![r, r + 1], vec![r], vec![r + 1]] {
                    let truth = atoms_of_rest.iter().fold([0; 3], |s, &a| add(s, atoms[a]));
                    groups.push(Group {
                        ordinary: atoms_of_rest.len() == 2,
                        atoms: atoms_of_rest,
                        truth,
                        published: Disclosure::Withheld,
                        protected: [true; 5],
                    });
                }
            }
            // What may be given away anyway: what the county's figures alone decide; for
            // anything but the ordinary tables, what the ordinary publication (the county and
            // its areas) decides; and for any group, what one published table holding it
            // decides alone (a table at 0% or 100% gives away every group inside it, which is
            // warned about, not withheld).
            let only = |keep: &dyn Fn(usize, &Group) -> bool| -> Vec<Group> {
                (groups.iter().enumerate())
                    .map(|(g, x)| Group {
                        atoms: x.atoms.clone(),
                        truth: x.truth,
                        published: if keep(g, x) {
                            x.published
                        } else {
                            Disclosure::Withheld
                        },
                        protected: x.protected,
                        ordinary: x.ordinary,
                    })
                    .collect()
            };
            let county_alone = feasible(&atoms, &only(&|g, _| g == 0));
            let ordinary = feasible(&atoms, &only(&|_, x| x.ordinary));
            // (A withheld table alone shows only numbers of schools: nothing to enumerate.)
            let each_alone: Vec<Option<Vec<[BTreeSet<u32>; 5]>>> = (0..groups.len())
                .map(|t| {
                    (groups[t].published != Disclosure::Withheld)
                        .then(|| feasible(&atoms, &only(&|g, _| g == t)))
                })
                .collect();
            let now = feasible(&atoms, &groups);
            for (g, group) in groups.iter().enumerate() {
                let baseline = if group.ordinary {
                    &county_alone
                } else {
                    &ordinary
                };
                // Atoms with no schools hold nothing to give away.
                let inside = |t: usize| {
                    groups[t].published != Disclosure::Withheld
                        && (group.atoms.iter())
                            .filter(|&&a| atoms[a] != [0; 3])
                            .all(|a| groups[t].atoms.contains(a))
                };
                let given_away = |k: usize| {
                    baseline[g][k].len() < 2
                        || (0..groups.len()).any(|t| {
                            inside(t) && each_alone[t].as_ref().is_some_and(|e| e[g][k].len() < 2)
                        })
                };
                for k in 0..5 {
                    if group.protected[k] && group.truth.iter().sum::<u32>() > 0 {
                        assert!(
                            now[g][k].len() >= 2 || given_away(k),
                            "case {case}: group {g} (atoms {:?}) quantity {k} is decided ({:?}) though {} leaves {:?}; atoms {atoms:?}; tables {t:?}",
                            group.atoms,
                            now[g][k],
                            if group.ordinary { "the county alone" } else { "the ordinary publication" },
                            baseline[g][k]
                        );
                    }
                }
            }
        }
        // The cases exercise the suppression, not only counties that need none.
        assert!(changed_ordinary > 20, "{changed_ordinary}");
        assert!(changed_every > 20, "{changed_every}");
    }
}
