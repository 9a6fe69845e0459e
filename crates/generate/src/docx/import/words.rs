//! Comparing words: what was typed in a cell or paragraph beyond what the form put there,
//! found as the words of the filled form's text that a longest common run of words with
//! the fresh form's text does not use, within a budget so a hostile document cannot make
//! it slow; and how a warning quotes them.

use std::collections::HashMap;

/// How much of a piece of text a warning quotes, in characters.
const QUOTE_CHARS: usize = 80;

/// Text with every run of whitespace one space.
pub(super) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Most pairs of words [`extra_words`] compares side by side in one call; beyond, it
/// compares more cheaply.
const MOST_COMPARED: usize = 4_000_000;
/// Most pairs of words compared side by side in one import (a form with text typed in
/// every cell needs well under a million); beyond, each piece is compared once, cheaply.
pub(super) const COMPARISON_BUDGET: usize = 50_000_000;

/// The words of `theirs` that are not in `ours`, kept in order (a longest common
/// subsequence of words), as runs of consecutive words: what was typed in a cell or
/// paragraph beyond what the form put there. Words the form has and `theirs` lacks
/// (deleted) are not typed, so they do not count.
pub(super) fn extra_words<'a>(
    theirs: &[&'a str],
    ours: &[&str],
    budget: &mut usize,
) -> Vec<Vec<&'a str>> {
    let pairs = theirs.len().saturating_mul(ours.len());
    let matched = if pairs <= MOST_COMPARED && pairs <= *budget {
        *budget -= pairs;
        matched_in_order(theirs, ours)
    } else {
        *budget = budget.saturating_sub(theirs.len() + ours.len());
        matched_by_count(theirs, ours)
    };
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut in_run = false;
    for (word, matched) in theirs.iter().zip(matched) {
        match matched {
            Match::Whole => in_run = false,
            Match::None | Match::Part(_) => {
                if !in_run {
                    runs.push(Vec::new());
                    in_run = true;
                }
                if let Some(run) = runs.last_mut() {
                    run.push(match matched {
                        Match::Part(rest) => rest,
                        _ => word,
                    });
                }
            }
        }
    }
    runs
}

/// How a word of the filled form's text matched the fresh form's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match<'a> {
    /// Not the form's: typed.
    None,
    /// One of the form's words.
    Whole,
    /// One of the form's words with something typed onto it, without a space: that part.
    Part(&'a str),
}

/// Each word of `theirs` matched along a longest common subsequence with `ours`.
fn matched_in_order<'a>(theirs: &[&'a str], ours: &[&str]) -> Vec<Match<'a>> {
    let (n, m) = (theirs.len(), ours.len());
    // lcs[i][j]: the longest common run of theirs[i..] and ours[j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if theirs[i] == ours[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut out = vec![Match::None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let both = lcs[(i + 1) * width + j + 1];
        if theirs[i] == ours[j] {
            out[i] = Match::Whole;
            i += 1;
            j += 1;
            continue;
        }
        if both == lcs[i * width + j] && !ours[j].is_empty() {
            // Typed straight after (or before) one of the form's words, without a space:
            // only what was added is typed.
            let rest = theirs[i]
                .strip_prefix(ours[j])
                .or_else(|| theirs[i].strip_suffix(ours[j]));
            if let Some(rest) = rest {
                out[i] = Match::Part(rest);
                i += 1;
                j += 1;
                continue;
            }
        }
        if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Too long to compare word by word: a word the form has as often counts as its own.
fn matched_by_count<'a>(theirs: &[&'a str], ours: &[&str]) -> Vec<Match<'a>> {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for w in ours {
        *left.entry(w).or_default() += 1;
    }
    theirs
        .iter()
        .map(|w| match left.get_mut(w).filter(|k| **k > 0) {
            Some(k) => {
                *k -= 1;
                Match::Whole
            }
            None => Match::None,
        })
        .collect()
}

/// Runs of typed words as a warning quotes them: separated by " … ", cut to
/// [`QUOTE_CHARS`] characters.
pub(super) fn quote(runs: &[Vec<&str>]) -> String {
    shorten(
        &runs
            .iter()
            .map(|r| r.join(" "))
            .collect::<Vec<_>>()
            .join(" … "),
    )
}

/// Text cut to [`QUOTE_CHARS`] characters, ending in "…" if it was cut.
pub(super) fn shorten(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(QUOTE_CHARS - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The words of `theirs` left when the words of `ours` are taken out in order: what was
/// typed in a cell beyond what the form put there.
pub(super) fn words_not_in(theirs: &str, ours: &str) -> String {
    let ours: Vec<&str> = ours.split_whitespace().collect();
    let mut next = 0;
    let mut extra = Vec::new();
    for word in theirs.split_whitespace() {
        if ours.get(next) == Some(&word) {
            next += 1;
        } else {
            extra.push(word);
        }
    }
    extra.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_are_the_ones_the_form_does_not_have_in_order() {
        let theirs: Vec<&str> = "Emerging and new words here".split(' ').collect();
        let ours: Vec<&str> = "Emerging and here".split(' ').collect();
        let mut budget = COMPARISON_BUDGET;
        assert_eq!(
            extra_words(&theirs, &ours, &mut budget),
            vec![vec!["new", "words"]]
        );
        assert_eq!(words_not_in("a b typed c", "a b c"), "typed");
    }

    #[test]
    fn quotes_are_cut_with_an_ellipsis() {
        let long = "word ".repeat(40);
        let cut = shorten(&long);
        assert!(cut.chars().count() <= QUOTE_CHARS && cut.ends_with('…'));
        assert_eq!(quote(&[vec!["a", "b"], vec!["c"]]), "a b … c");
    }
}
