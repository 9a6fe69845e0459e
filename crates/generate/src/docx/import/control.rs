//! One content control as read, and what it holds: its text (empty while it shows its
//! placeholder), the list item it shows, whether it is ticked, and its date, with the
//! shown date and the date picker's stored one compared.

use jiff::civil::Date;

use crate::docx::wml::{
    is_placeholder, placeholder, CHOICE_PLACEHOLDER, DATE_PLACEHOLDER, TEXT_PLACEHOLDER,
};

/// What one content control holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Control {
    pub tag: String,
    /// The control's title (`w:alias`), from which the toolkit made its placeholder.
    pub alias: String,
    pub kind: Kind,
    pub placeholder: bool,
    pub checked: Option<bool>,
    /// A date picker's stored date (`w:fullDate`), as written.
    pub full_date: Option<String>,
    /// A list's items: (shown, stored).
    pub items: Vec<(String, String)>,
    pub text: String,
    /// Where it sits: (table, row, cell) among the body's top-level tables.
    pub place: Option<(usize, usize, usize)>,
}

/// The kinds of control the toolkit writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Kind {
    #[default]
    Text,
    Checkbox,
    DropDown,
    Date,
}

/// What a date picker holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DateValue {
    /// Nothing (or its placeholder).
    Empty,
    /// A date, shown and stored alike (or only shown).
    Date(Date),
    /// The date shown is not the date stored: typed over, or edited by a program that left
    /// the stored one behind. The shown one, what a reader sees, is the answer.
    Differs {
        /// On the page.
        shown: Date,
        /// In the date picker's properties.
        stored: Date,
    },
    /// What is shown is not a date (words typed over it); the stored one, if any, is the
    /// date the picker last held.
    NotADate {
        /// On the page.
        shown: String,
        /// In the date picker's properties.
        stored: Option<Date>,
    },
}

impl Control {
    /// The control's text, or empty if it still shows its placeholder.
    pub fn value(&self) -> String {
        if self.placeholder {
            return self.typed_over_placeholder();
        }
        // LibreOffice 7.4 drops the showing-placeholder flag (and renames the style) but keeps
        // the placeholder's words, which nobody types as an answer.
        if is_placeholder(&self.text) {
            return String::new();
        }
        self.text.clone()
    }

    /// The text of a control flagged as showing its placeholder (`w:showingPlcHdr`): empty
    /// if it is the placeholder the toolkit wrote for it (made again from its title) or
    /// Word's own, otherwise typed. Word keeps the flag when text is typed over the
    /// placeholder in Design Mode, and other editors and scripts fill a control without
    /// clearing it; so the flag alone says nothing. The placeholder's words, if they are
    /// still there beside what was typed, are not part of the answer.
    fn typed_over_placeholder(&self) -> String {
        let start = match self.kind {
            Kind::DropDown => CHOICE_PLACEHOLDER,
            Kind::Date => DATE_PLACEHOLDER,
            Kind::Text | Kind::Checkbox => TEXT_PLACEHOLDER,
        };
        let ours = placeholder(start, &self.alias);
        let text = if !self.alias.is_empty() && self.text.contains(&ours) {
            self.text.replacen(&ours, "", 1).trim().to_owned()
        } else {
            self.text.clone()
        };
        if text.trim().is_empty() || is_placeholder(&text) {
            String::new()
        } else {
            text
        }
    }

    /// Whether a check box is ticked: its stored state, or (without one) the box it shows.
    pub fn is_checked(&self) -> bool {
        self.checked
            .unwrap_or_else(|| self.text.contains('\u{2612}') || self.text.contains('\u{2611}'))
    }

    /// The stored value of a drop-down: the list item whose display text is shown.
    pub fn choice(&self) -> Option<String> {
        let shown = self.value();
        let shown = shown.trim();
        if shown.is_empty() {
            return None;
        }
        let found = self
            .items
            .iter()
            .find(|(display, _)| display == shown)
            .map(|(_, value)| value.clone());
        Some(found.unwrap_or_else(|| shown.to_owned()))
    }

    /// The date a date picker holds, the shown date compared with the stored one.
    pub fn date(&self) -> DateValue {
        let shown = self.value();
        let shown = shown.trim();
        let stored = self
            .full_date
            .as_deref()
            .and_then(|full| full.get(..10))
            .and_then(|d| d.parse::<Date>().ok());
        if shown.is_empty() {
            return DateValue::Empty;
        }
        match (parse_shown_date(shown), stored) {
            (Some(shown), Some(stored)) if shown != stored => DateValue::Differs { shown, stored },
            (Some(date), _) => DateValue::Date(date),
            (None, stored) => DateValue::NotADate {
                shown: shown.to_owned(),
                stored,
            },
        }
    }
}

/// Dates as a British reader writes them: 12/06/2026, 12-6-26, 2026-06-12, 12 June 2026,
/// Friday 12th June 2026, June 12, 2026.
pub(super) fn parse_shown_date(text: &str) -> Option<Date> {
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, '/' | '-' | '.' | ',') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let year = |y: &str| -> Option<i16> {
        let year: i16 = y.parse().ok()?;
        Some(if y.len() <= 2 { 2000 + year } else { year })
    };
    let day = |d: &str| -> Option<i8> {
        let digits = d.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        digits.parse().ok()
    };
    // A weekday in front says nothing the date does not.
    let parts = match parts
        .first()
        .map(|p| month_of(p).is_none() && is_weekday(p))
    {
        Some(true) => &parts[1..],
        _ => &parts[..],
    };
    match parts {
        [d, m, y] => {
            let month = m.parse::<i8>().ok().or_else(|| month_of(m))?;
            match day(d) {
                Some(d) => Date::new(year(y)?, month, d).ok(),
                // June 12 2026
                None => Date::new(year(y)?, month_of(d)?, day(m)?).ok(),
            }
        }
        _ => None,
    }
}

fn month_of(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let word = word.to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let at = MONTHS.iter().position(|m| word.starts_with(m))?;
    i8::try_from(at + 1).ok()
}

fn is_weekday(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|d| word.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Option<Date> {
        Date::new(y, m, d).ok()
    }

    #[test]
    fn shown_dates_are_read_as_a_british_reader_writes_them() {
        assert_eq!(parse_shown_date("12/06/2026"), date(2026, 6, 12));
        assert_eq!(parse_shown_date("12-6-26"), date(2026, 6, 12));
        assert_eq!(parse_shown_date("2026-06-12"), date(2026, 6, 12));
        assert_eq!(parse_shown_date("12 June 2026"), date(2026, 6, 12));
        assert_eq!(
            parse_shown_date("Friday, 12th June 2026"),
            date(2026, 6, 12)
        );
        assert_eq!(parse_shown_date("June 12, 2026"), date(2026, 6, 12));
        assert_eq!(parse_shown_date("next Tuesday"), None);
        assert_eq!(parse_shown_date("31/02/2026"), None);
    }

    #[test]
    fn a_date_shown_differently_from_the_one_stored_is_told_apart() {
        let picker = |shown: &str, stored: Option<&str>| Control {
            kind: Kind::Date,
            text: shown.into(),
            full_date: stored.map(str::to_owned),
            ..Control::default()
        };
        let june = Date::new(2026, 6, 12).expect("a date");
        let july = Date::new(2026, 7, 12).expect("a date");
        assert_eq!(
            picker("12/06/2026", Some("2026-06-12T00:00:00Z")).date(),
            DateValue::Date(june)
        );
        assert_eq!(
            picker("12/07/2026", Some("2026-06-12T00:00:00Z")).date(),
            DateValue::Differs {
                shown: july,
                stored: june
            }
        );
        assert_eq!(
            picker("TBC", Some("2026-06-12T00:00:00Z")).date(),
            DateValue::NotADate {
                shown: "TBC".into(),
                stored: Some(june)
            }
        );
        assert_eq!(picker("12/06/2026", None).date(), DateValue::Date(june));
    }
}
