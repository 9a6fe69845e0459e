//! Disclosure control: what of an area's figures may be published, in one place.
//!
//! - The primary rule ([`Disclosure::of`], applied by [`AreaBenchmark::suppress_below`]):
//!   as the Government Statistical Service does it, a count from 1 to n-1 is never
//!   published, nor any figure it could be worked out from within its own table.
//! - Secondary suppression of parts beside their whole ([`parts`]): a county's local areas
//!   beside the county, whose figures are their sum, so that no withheld figure of an area
//!   (or of the returns naming no area) can be worked out by subtraction.
//! - The family of linked tables ([`family`]): everything `area` can publish from one set of
//!   returns (the county, each area, and the same for only the schools that returned in
//!   every year) protected together, so that no withheld figure can be worked out from any
//!   two of them side by side.
//!
//! [`AreaBenchmark::suppress_below`]: crate::AreaBenchmark::suppress_below

pub(crate) mod family;
pub(crate) mod parts;

use serde::Serialize;

pub use parts::Protected;

/// How much of a strand's or duty's figures may be published under the small-numbers rule
/// (see [`AreaBenchmark::suppress_below`]). The number of schools, a strand's respondents and
/// its "not judged" count (a duty's "not answered") are published whatever the disclosure:
/// they say whether a school returned or answered, not how it judged itself, and a reader
/// needs them to know what a percentage rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Disclosure {
    /// Every count and percentage.
    #[default]
    Full,
    /// Only the headline split: schools at strength levels (e.g. Expected or Exemplary) and
    /// below them (Emerging), or for a duty met and not fully met, with their percentages.
    /// The separate levels are withheld, except a level that is all of its side of the split
    /// (or a side with no schools), as the headline figures already give it exactly.
    Headline,
    /// No judgement counts or percentages at all.
    Withheld,
}

impl Disclosure {
    /// The disclosure for counts split into two sides, `below` and `above` (levels lowest
    /// first in each), when counts from 1 to `n - 1` must not be published. Zero is not small:
    /// "no school" discloses nothing about any school.
    pub(crate) fn of(below: &[u32], above: &[u32], n: u32) -> Disclosure {
        let small = |c: u32| c > 0 && c < n;
        if !below.iter().chain(above).any(|&c| small(c)) {
            Disclosure::Full
        } else if !small(below.iter().sum()) && !small(above.iter().sum()) {
            Disclosure::Headline
        } else {
            Disclosure::Withheld
        }
    }
}

impl Disclosure {
    /// The more restrictive of two disclosures: what is known of a figure worked out from
    /// two published ones (a difference) is no more than the less of what each shows.
    pub(crate) fn least(self, other: Disclosure) -> Disclosure {
        match (self, other) {
            (Disclosure::Withheld, _) | (_, Disclosure::Withheld) => Disclosure::Withheld,
            (Disclosure::Headline, _) | (_, Disclosure::Headline) => Disclosure::Headline,
            _ => Disclosure::Full,
        }
    }

    /// The primary rule for counts split at `strength_from` (levels below it, and from it up).
    pub(crate) fn of_counts(counts: &[u32], strength_from: usize, n: u32) -> Disclosure {
        let (below, above) = counts.split_at(strength_from);
        Disclosure::of(below, above, n)
    }
}
