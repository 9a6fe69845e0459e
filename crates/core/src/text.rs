//! Which characters a document can carry, one policy for every reader and writer.
//!
//! Text typed into an assessment ends up in Word, PDF and spreadsheets. Control characters
//! (bell, escape, delete), the Unicode noncharacters (U+FFFE and the like) and private-use
//! characters (U+E000 to U+F8FF and the supplementary planes') cannot be shown by any font,
//! break XML, and can make a terminal obey them. So:
//! - reading an assessment or rubric (`validate`, every command) refuses them, naming the
//!   character as U+XXXX and where it is;
//! - importing a Word form cleans them out with a warning (what Word users paste is not
//!   their fault), turning the Symbol-font bullet U+F0B7 that Word leaves when bulleted
//!   text is pasted into a real bullet, •.
//!
//! Line feed, carriage return and tab are text. So are format characters such as the
//! right-to-left marks that Urdu and Arabic names need.

/// The bullet Word's Symbol font puts in pasted bulleted lists, a private-use character.
pub const SYMBOL_BULLET: char = '\u{F0B7}';

/// Whether `c` is a character no document can carry (see the module notes).
pub fn is_unprintable(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        // Private use: the BMP's area and planes 15 and 16.
        || (0xE000..=0xF8FF).contains(&u)
        || u >= 0xF0000
        // Noncharacters: U+FDD0..U+FDEF and the last two of every plane.
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// The character for people: "U+0007 (a control character)", "U+F0B7 (the bullet Word's
/// Symbol font leaves in pasted lists)".
pub fn describe(c: char) -> String {
    let kind = if c == SYMBOL_BULLET {
        "the bullet Word's Symbol font leaves in pasted lists"
    } else if c.is_control() {
        "a control character"
    } else if (c as u32 & 0xFFFE) == 0xFFFE || (0xFDD0..=0xFDEF).contains(&(c as u32)) {
        "a Unicode noncharacter"
    } else {
        "a private-use character, which no standard font shows"
    };
    format!("U+{:04X} ({kind})", c as u32)
}

/// What to do about `c`, for a message.
pub fn fix(c: char) -> &'static str {
    if c == SYMBOL_BULLET {
        "replace it with a real bullet, • (U+2022), or start the line with \"- \""
    } else {
        "delete it (it may have come in with text pasted from another program)"
    }
}

/// Text as it came from a Word form, cleaned: the Symbol-font bullet becomes •, other
/// characters no document can carry are dropped. Returns the text and what was changed
/// (each character once, in order), so the user can be told.
pub fn clean(text: &str) -> (String, Vec<char>) {
    if !text.chars().any(is_unprintable) {
        return (text.to_owned(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = Vec::new();
    for c in text.chars() {
        if is_unprintable(c) {
            if !changed.contains(&c) {
                changed.push(c);
            }
            if c == SYMBOL_BULLET {
                out.push('•');
            }
        } else {
            out.push(c);
        }
    }
    (out, changed)
}

/// The longest id a rubric may use.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` is a safe rubric id (of the rubric, a level, outcome, strand, role, duty or
/// column): 1 to 64 ASCII letters, digits, hyphens and underscores, starting with a letter
/// or digit. Ids become form tags, file names and keys in assessment files, so nothing else
/// (spaces, dots, slashes, quotes, markup) is allowed in them.
pub fn is_safe_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id.len() <= MAX_ID_LEN
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_private_use_and_noncharacters_are_unprintable() {
        for c in [
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{9b}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{E000}',
            '\u{F0B7}',
            '\u{FDD0}',
            '\u{10FFFF}',
            '\0',
        ] {
            assert!(is_unprintable(c), "{}", describe(c));
        }
        for c in ['a', '\n', '\r', '\t', '•', 'ł', 'ی', '\u{200F}', '橡', '😀'] {
            assert!(!is_unprintable(c), "{c:?}");
        }
    }

    #[test]
    fn characters_are_named_by_their_code_point() {
        assert_eq!(describe('\u{FFFE}'), "U+FFFE (a Unicode noncharacter)");
        assert_eq!(describe('\u{7}'), "U+0007 (a control character)");
        assert!(describe('\u{F0B7}').contains("Symbol font"));
    }

    #[test]
    fn pasted_symbol_bullets_become_bullets_and_controls_go() {
        let (text, changed) = clean("\u{F0B7}\tfirst\n\u{F0B7}\tsecond\u{7}");
        assert_eq!(text, "•\tfirst\n•\tsecond");
        assert_eq!(changed, ['\u{F0B7}', '\u{7}']);
        assert_eq!(clean("plain").1, []);
    }

    #[test]
    fn ids_are_letters_digits_hyphens_and_underscores() {
        for id in [
            "1",
            "a",
            "hertfordshire-send-benchmark",
            "A2",
            "best_endeavours",
        ] {
            assert!(is_safe_id(id), "{id}");
        }
        for id in [
            "",
            "../../etc/passwd",
            "two words",
            "#set page",
            "-x",
            "é",
            &"x".repeat(65),
        ] {
            assert!(!is_safe_id(id), "{id}");
        }
    }
}
