//! Which returns are the same school: the one rule, used by the intake of a folder (which
//! chooses which of a school's returns to count) and by aggregation (which must count every
//! school once, and the same schools in a county as in its areas).
//!
//! Two returns of one academic year are the same school when their URNs are equal or their
//! names are (case, punctuation and "&"/"and" aside, see [`normalise_name`]), unless both the
//! other identifier and the local area differ: a county has many schools of one name, and a
//! URN typed wrong must not take another school out of the count. Where a return's URN points
//! to one school and its name to another, the name wins, for the same reason.

use std::collections::{HashMap, HashSet};

use crate::assessment::{AcademicYear, Assessment};

/// A school's name reduced for matching: case, punctuation, "&"/"and" and spacing ignored.
pub fn normalise_name(name: &str) -> String {
    let lowered = name
        .to_lowercase()
        .replace('&', " and ")
        .replace(['’', '\''], "");
    lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What identifies a school in one return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolId {
    /// The academic year of the return (returns of different years are never the same
    /// return, though they may be the same school).
    pub year: Option<AcademicYear>,
    /// The name, normalised.
    pub name: String,
    /// The URN, trimmed, if given.
    pub urn: Option<String>,
    /// The local area, normalised, if given.
    pub area: Option<String>,
}

impl SchoolId {
    /// The identity an assessment gives.
    pub fn of(a: &Assessment) -> SchoolId {
        SchoolId {
            year: a
                .review
                .academic_year
                .or(a.review.date.map(AcademicYear::containing)),
            name: normalise_name(&a.school.name),
            urn: a
                .school
                .urn
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_owned),
            area: a
                .school
                .area
                .as_deref()
                .map(normalise_name)
                .filter(|a| !a.is_empty()),
        }
    }

    /// Whether `self` and `other` (of any year) are the same school by the rule above,
    /// compared pairwise.
    pub fn same_school(&self, other: &SchoolId) -> bool {
        let same_name = self.name == other.name;
        let same_urn = self.urn.is_some() && self.urn == other.urn;
        if !same_name && !same_urn {
            return false;
        }
        let area_differs = matches!((&self.area, &other.area), (Some(a), Some(b)) if a != b);
        let other_differs = if same_name {
            matches!((&self.urn, &other.urn), (Some(a), Some(b)) if a != b)
        } else {
            true
        };
        !(area_differs && other_differs)
    }
}

/// Two returns told apart though they share an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToldApart {
    /// The later return (index into the list grouped).
    pub this: usize,
    /// The first return of the school it was told apart from.
    pub other: usize,
    /// What they share: `"name"` or `"URN"`.
    pub shared: &'static str,
}

/// The returns grouped into schools, per year (see [`group_schools`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolGroups {
    /// Each school's returns (indexes, first found first), schools in the order first found.
    pub groups: Vec<Vec<usize>>,
    /// Returns that share a name or URN with another school but were counted apart.
    pub told_apart: Vec<ToldApart>,
    /// Returns whose URN is another school's (the name decided): (this return, the other
    /// school's first return).
    pub urn_elsewhere: Vec<(usize, usize)>,
}

/// What one school found so far holds.
struct School {
    members: Vec<usize>,
    urns: HashSet<String>,
    names: HashSet<String>,
    areas: HashSet<String>,
}

impl School {
    /// Whether a return sharing this school's name (`same_name`) or URN is another school:
    /// its other identifier and its local area both differ.
    fn apart(&self, id: &SchoolId, same_name: bool) -> bool {
        let area_differs = id
            .area
            .as_ref()
            .is_some_and(|a| !self.areas.is_empty() && !self.areas.contains(a));
        let other_differs = if same_name {
            id.urn
                .as_ref()
                .is_some_and(|u| !self.urns.is_empty() && !self.urns.contains(u))
        } else {
            !self.names.contains(&id.name)
        };
        area_differs && other_differs
    }
}

/// Groups returns into schools, per year, by the rule in the module's documentation: each
/// return joins the first school of its year that has its name (else its URN) and is not told
/// apart from it; a school's identifiers and areas grow as returns join it.
///
/// The schools holding each name and URN are indexed, so all of England's returns are
/// grouped in one pass (a scan of every school for every return took minutes).
pub fn group_schools(ids: &[SchoolId]) -> SchoolGroups {
    let mut schools: Vec<School> = Vec::new();
    let mut index = Index::default();
    let mut out = SchoolGroups::default();
    for (i, id) in ids.iter().enumerate() {
        let mut find = |same_name: bool| {
            let g = index.first(id, same_name)?;
            if schools[g].apart(id, same_name) {
                out.told_apart.push(ToldApart {
                    this: i,
                    other: schools[g].members[0],
                    shared: if same_name { "name" } else { "URN" },
                });
                return None;
            }
            Some(g)
        };
        let by_name = find(true);
        let by_urn = find(false);
        if let (Some(n), Some(u)) = (by_name, by_urn) {
            if n != u {
                out.urn_elsewhere.push((i, schools[u].members[0]));
            }
        }
        let g = match by_name.or(by_urn) {
            Some(g) => {
                let school = &mut schools[g];
                school.members.push(i);
                school.names.insert(id.name.clone());
                school.urns.extend(id.urn.clone());
                school.areas.extend(id.area.clone());
                g
            }
            None => {
                schools.push(School {
                    members: vec![i],
                    urns: id.urn.iter().cloned().collect(),
                    names: HashSet::from([id.name.clone()]),
                    areas: id.area.iter().cloned().collect(),
                });
                schools.len() - 1
            }
        };
        index.add(id, g);
    }
    out.groups = schools.into_iter().map(|s| s.members).collect();
    out
}

/// Per year, the schools (by position) that hold each name and each URN.
#[derive(Default)]
struct Index {
    names: HashMap<Option<AcademicYear>, HashMap<String, Vec<usize>>>,
    urns: HashMap<Option<AcademicYear>, HashMap<String, Vec<usize>>>,
}

impl Index {
    /// The first school of the return's year holding its name (or its URN).
    fn first(&self, id: &SchoolId, same_name: bool) -> Option<usize> {
        let (map, key) = if same_name {
            (&self.names, Some(&id.name))
        } else {
            (&self.urns, id.urn.as_ref())
        };
        map.get(&id.year)?.get(key?)?.iter().min().copied()
    }

    /// School `g` now holds the return's name and URN.
    fn add(&mut self, id: &SchoolId, g: usize) {
        let put = |map: &mut HashMap<Option<AcademicYear>, HashMap<String, Vec<usize>>>,
                   key: &String| {
            let holders = map
                .entry(id.year)
                .or_default()
                .entry(key.clone())
                .or_default();
            if !holders.contains(&g) {
                holders.push(g);
            }
        };
        put(&mut self.names, &id.name);
        if let Some(urn) = &id.urn {
            put(&mut self.urns, urn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_their_punctuation() {
        assert_eq!(
            normalise_name("St Mary's C of E  Primary"),
            normalise_name("st marys c of e primary")
        );
        assert_eq!(
            normalise_name("Watford Field School (Infant & Nursery)"),
            "watford field school infant and nursery"
        );
    }

    fn id(name: &str, urn: Option<&str>, area: Option<&str>) -> SchoolId {
        SchoolId {
            year: AcademicYear::parse("2025/26"),
            name: normalise_name(name),
            urn: urn.map(str::to_owned),
            area: area.map(normalise_name),
        }
    }

    #[test]
    fn a_urn_typed_wrong_in_another_area_is_another_school() {
        let ids = [
            id("Ashgrove Primary", Some("100001"), Some("DSPL 1")),
            id("Beech Hill School", Some("100001"), Some("DSPL 2")),
        ];
        let g = group_schools(&ids);
        assert_eq!(g.groups, [vec![0], vec![1]]);
        assert_eq!(g.told_apart.len(), 1);
        assert!(!ids[0].same_school(&ids[1]));
    }

    #[test]
    fn the_same_school_sent_twice_is_one_school() {
        let ids = [
            id("Ashgrove Primary", Some("100001"), Some("DSPL 1")),
            id("Ashgrove Primary School", Some("100001"), Some("DSPL 1")),
            id("Ashgrove Primary", None, None),
        ];
        assert_eq!(group_schools(&ids).groups, [vec![0, 1, 2]]);
        assert!(ids[0].same_school(&ids[2]));
    }

    #[test]
    fn the_name_wins_over_a_urn_that_is_another_schools() {
        let ids = [
            id("Ashgrove Primary", Some("100001"), Some("DSPL 1")),
            id("Beech Hill School", Some("100002"), Some("DSPL 1")),
            id("Beech Hill School", Some("100001"), Some("DSPL 1")),
        ];
        let g = group_schools(&ids);
        assert_eq!(g.groups, [vec![0], vec![1, 2]]);
        assert_eq!(g.urn_elsewhere, [(2, 0)]);
    }

    #[test]
    fn two_schools_of_one_name_in_two_areas_are_two() {
        let ids = [
            id("St Mary's C of E Primary", Some("117001"), Some("DSPL 1")),
            id("St Mary’s C of E Primary", Some("117999"), Some("DSPL 4")),
        ];
        assert_eq!(group_schools(&ids).groups.len(), 2);
    }

    /// The rule as first written: every school scanned for every return.
    fn grouped_by_scanning(ids: &[SchoolId]) -> SchoolGroups {
        let mut schools: Vec<(Option<AcademicYear>, School)> = Vec::new();
        let mut out = SchoolGroups::default();
        for (i, id) in ids.iter().enumerate() {
            let mut find = |same_name: bool| {
                let g = schools.iter().position(|(year, s)| {
                    *year == id.year
                        && if same_name {
                            s.names.contains(&id.name)
                        } else {
                            id.urn.as_ref().is_some_and(|u| s.urns.contains(u))
                        }
                })?;
                if schools[g].1.apart(id, same_name) {
                    let other = schools[g].1.members[0];
                    let shared = if same_name { "name" } else { "URN" };
                    out.told_apart.push(ToldApart {
                        this: i,
                        other,
                        shared,
                    });
                    return None;
                }
                Some(g)
            };
            let (by_name, by_urn) = (find(true), find(false));
            if let (Some(n), Some(u)) = (by_name, by_urn) {
                if n != u {
                    out.urn_elsewhere.push((i, schools[u].1.members[0]));
                }
            }
            match by_name.or(by_urn) {
                Some(g) => {
                    let school = &mut schools[g].1;
                    school.members.push(i);
                    school.names.insert(id.name.clone());
                    school.urns.extend(id.urn.clone());
                    school.areas.extend(id.area.clone());
                }
                None => schools.push((
                    id.year,
                    School {
                        members: vec![i],
                        urns: id.urn.iter().cloned().collect(),
                        names: HashSet::from([id.name.clone()]),
                        areas: id.area.iter().cloned().collect(),
                    },
                )),
            }
        }
        out.groups = schools.into_iter().map(|(_, s)| s.members).collect();
        out
    }

    #[test]
    fn the_indexed_grouping_is_the_rule_as_first_written() {
        // Few names, URNs, areas and years, so returns collide in every way the rule knows.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..300 {
            let ids: Vec<SchoolId> = (0..next(40))
                .map(|_| SchoolId {
                    year: AcademicYear::parse(["2024/25", "2025/26"][next(2) as usize]),
                    name: format!("school {}", next(6)),
                    urn: (next(4) > 0).then(|| format!("10000{}", next(6))),
                    area: (next(4) > 0).then(|| format!("area {}", next(3))),
                })
                .collect();
            let (fast, slow) = (group_schools(&ids), grouped_by_scanning(&ids));
            assert_eq!(fast.groups, slow.groups, "{ids:?}");
            assert_eq!(fast.told_apart, slow.told_apart, "{ids:?}");
            assert_eq!(fast.urn_elsewhere, slow.urn_elsewhere, "{ids:?}");
        }
    }
}
