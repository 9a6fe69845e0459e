//! How a number of things is said in a sentence: every count a report or the terminal prints
//! goes through here, so "1 schools" cannot be printed when an area has one school.

/// "1 school", "2 schools", "0 schools".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1, "school", "schools"), "1 school");
        assert_eq!(count(0, "school", "schools"), "0 schools");
        assert_eq!(count(2, "duty", "duties"), "2 duties");
    }
}
