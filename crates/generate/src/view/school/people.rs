//! Who took part: each role with its people (names for the governors only) and what each
//! audience is told of them. A role whose entries can stand for a group (children and young
//! people, as a class or a school council) is never counted as people: its unnamed entries
//! are said to have taken part, not "1 taking part".

use serde::Serialize;

use super::text::{and_list, TableText};
use super::{Audience, Review};

/// One role and who took part in it.
#[derive(Serialize)]
pub(super) struct RoleData {
    /// What the reports call the role's people ("People in other roles" for the form's
    /// "Other Role").
    role: String,
    /// Entries recorded in the role.
    count: usize,
    /// Names with job titles; always empty in the family audiences' data.
    people: Vec<String>,
    /// Governors: everyone in the role, in words: "Mrs Leanne Doherty and 1 other" (those
    /// with neither a name nor a title counted, not dropped), "2 taking part" when no one is
    /// named; for a role whose entries can be groups, "Took part (no names given)". Not in
    /// the family audiences' data.
    #[serde(skip_serializing_if = "Option::is_none")]
    who: Option<String>,
    /// Whether one entry can stand for a group (so `count` is no count of people).
    #[serde(skip)]
    groups: bool,
}

/// Every role with anyone in it, in the rubric's order.
pub(super) fn roles(r: &Review<'_>) -> Vec<RoleData> {
    r.rubric
        .participants
        .roles
        .iter()
        .filter_map(|role| {
            let people: Vec<_> =
                r.a.participants
                    .iter()
                    .filter(|p| p.role == role.id)
                    .collect();
            if people.is_empty() {
                return None;
            }
            let names: Vec<String> = if r.private {
                Vec::new()
            } else {
                people
                    .iter()
                    .filter_map(|p| match (&p.name, &p.title) {
                        (Some(n), Some(t)) => Some(format!("{n} ({t})")),
                        (Some(n), None) => Some(n.clone()),
                        (None, Some(t)) => Some(t.clone()),
                        (None, None) => None,
                    })
                    .collect()
            };
            let unnamed = people.len() - names.len();
            let who = (!r.private).then(|| who(&names, unnamed, role.group_entries));
            Some(RoleData {
                role: role.group().to_owned(),
                count: people.len(),
                people: names,
                who,
                groups: role.group_entries,
            })
        })
        .collect()
}

/// The governors' "Who" of a role: its `names` and `unnamed` entries, where entries are
/// people or, with `groups`, may be groups.
fn who(names: &[String], unnamed: usize, groups: bool) -> String {
    match (names.len(), unnamed, groups) {
        (_, 0, _) => names.join(", "),
        (0, _, true) => "Took part (no names given)".to_owned(),
        (_, _, true) => format!("{}, and others with no name given", names.join(", ")),
        (0, n, false) => format!("{n} taking part"),
        (_, n, false) => format!(
            "{} and {n} {}",
            names.join(", "),
            if n == 1 { "other" } else { "others" }
        ),
    }
}

/// The heading and words over who took part.
#[derive(Serialize)]
pub(super) struct TookPart {
    /// "Who took part".
    heading: &'static str,
    /// In one sentence: the parents' "These groups took part: SENCO and Governor."
    /// ("This group took part: SENCO."), the SEN information report's "SENCO (1), Governor
    /// (2), Children and young people." (a role whose entries can be groups is not
    /// counted); "No one is recorded as taking part yet." when no one is; `None` where the
    /// governors' table says it.
    sentence: Option<String>,
    /// The governors' table of roles and people.
    pub table: Option<TableText>,
}

impl TookPart {
    pub fn new(r: &Review<'_>, roles: &[RoleData]) -> TookPart {
        let heading = "Who took part";
        if roles.is_empty() {
            return TookPart {
                heading,
                sentence: Some("No one is recorded as taking part yet.".to_owned()),
                table: None,
            };
        }
        let sentence = match r.audience {
            Audience::Governors => None,
            Audience::Parents => {
                let names: Vec<String> = roles.iter().map(|p| p.role.clone()).collect();
                let which = if names.len() == 1 {
                    "This group"
                } else {
                    "These groups"
                };
                Some(format!("{which} took part: {}.", and_list(&names)))
            }
            Audience::SenInfo => {
                let names: Vec<String> = roles
                    .iter()
                    .map(|p| match p.groups {
                        true => p.role.clone(),
                        false => format!("{} ({})", p.role, p.count),
                    })
                    .collect();
                Some(format!("{}.", names.join(", ")))
            }
        };
        TookPart {
            heading,
            table: sentence
                .is_none()
                .then(|| TableText::new("Who took part in the review", &["Role", "Who"])),
            sentence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::who;

    #[test]
    fn unnamed_people_are_counted_and_unnamed_groups_are_not() {
        let names = vec!["Mrs Leanne Doherty".to_owned()];
        assert_eq!(who(&names, 1, false), "Mrs Leanne Doherty and 1 other");
        assert_eq!(who(&names, 2, false), "Mrs Leanne Doherty and 2 others");
        assert_eq!(who(&[], 2, false), "2 taking part");
        assert_eq!(who(&[], 1, true), "Took part (no names given)");
        assert_eq!(
            who(&["School council".to_owned()], 1, true),
            "School council, and others with no name given"
        );
        assert_eq!(who(&names, 0, true), "Mrs Leanne Doherty");
    }
}
