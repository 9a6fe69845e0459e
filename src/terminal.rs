//! Text for the terminal. A school's name or a file's text comes from outside and may hold
//! control characters (an escape sequence can retitle the window, clear the screen or hide
//! text), so everything printed that came from a file passes through [`safe`].

use std::borrow::Cow;

/// `text` with every control character but line feed and tab shown as `\u{1b}`, so what is
/// printed is exactly what is there and the terminal obeys none of it.
pub fn safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(
            safe("Oak\u{1b}]0;owned\u{7}field"),
            "Oak\\u{1b}]0;owned\\u{7}field"
        );
        assert_eq!(safe("line one\nline two\tend"), "line one\nline two\tend");
        assert_eq!(safe("\u{9b}2J"), "\\u{9b}2J");
    }
}
