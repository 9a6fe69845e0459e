//! How numbers and lists of things are said in a sentence: every count a report or the
//! terminal prints goes through here, so "1 schools" cannot be printed when an area has one
//! school.

/// "1 school", "2 schools", "0 schools".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{and_list, count};

    #[test]
    fn a_list_is_joined_as_a_sentence_joins_it() {
        let list =
            |items: &[&str]| and_list(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["1a"]), "1a");
        assert_eq!(list(&["1a", "1b"]), "1a and 1b");
        assert_eq!(list(&["1a", "1b", "1c"]), "1a, 1b and 1c");
    }

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1, "school", "schools"), "1 school");
        assert_eq!(count(0, "school", "schools"), "0 schools");
        assert_eq!(count(2, "duty", "duties"), "2 duties");
    }
}
