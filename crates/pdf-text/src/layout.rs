//! From glyphs to text. Glyphs are taken in content-stream order, which in typst's PDFs is
//! reading order (poppler's default order differs from it only inside charts, where its
//! column detection scatters a row's parts). Between two glyphs there is:
//!
//! - a new line where the baseline moves by more than half the font size, or the next glyph
//!   starts before the previous one did (the stream went back along the line);
//! - a space where a space glyph was drawn, or the gap between one glyph's advance and the
//!   next glyph is more than 0.1 of the font size (poppler's `minWordBreakSpace`), which is
//!   how words are told apart when a line is set glyph by glyph with `TJ` offsets;
//! - otherwise nothing: kerning and a change of font inside a word join up.
//!
//! Like `pdftotext` by default, a line ending in a hyphen that runs on to the next line of
//! the same paragraph is joined to it without the hyphen ("inter-" / "relationship" gives
//! "interrelationship"); the raw order keeps both.

use crate::content::Glyph;

/// How a glyph stands to the one before it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Break {
    /// Part of the same word.
    None,
    /// A new word without a space: the font or size changed with no gap.
    Word,
    /// A space.
    Space,
    /// A new line.
    Line,
}

/// The fraction of the font size a gap must pass to separate words (poppler's
/// `minWordBreakSpace`).
const WORD_GAP: f64 = 0.1;
/// The fraction of the font size a baseline may move by within a line.
const BASELINE_SLACK: f64 = 0.5;

/// The glyphs that show something (blank ones only mark a space), each with its break from
/// the one before.
fn breaks(glyphs: &[Glyph]) -> Vec<(Break, &Glyph)> {
    let mut out: Vec<(Break, &Glyph)> = Vec::with_capacity(glyphs.len());
    let mut space = false;
    for g in glyphs {
        if g.text.chars().all(char::is_whitespace) {
            space |= !g.text.is_empty();
            continue;
        }
        let brk = match out.last() {
            None => Break::Line,
            Some(&(_, p)) => {
                if (g.baseline - p.baseline).abs() > BASELINE_SLACK * p.size.min(g.size)
                    || g.x0 < p.x0
                {
                    Break::Line
                } else if space || g.x0 - p.x1 > WORD_GAP * p.size.max(g.size) {
                    Break::Space
                } else if g.font != p.font || (g.size - p.size).abs() > 0.01 {
                    Break::Word
                } else {
                    Break::None
                }
            }
        };
        out.push((brk, g));
        space = false;
    }
    out
}

/// Whether `next` starts the line after `prev`'s in the same paragraph: just below it, and
/// starting left of where `prev` ended.
fn runs_on(prev: &Glyph, next: &Glyph) -> bool {
    let drop = next.baseline - prev.baseline;
    drop > 0.0 && drop < 2.0 * prev.size && next.x0 < prev.x1
}

/// A page's text in content-stream order: words separated by spaces, lines by newlines,
/// and with `dehyphenate` a hyphen ending a line that runs on removed and the lines joined.
pub(crate) fn stream_text(glyphs: &[Glyph], dehyphenate: bool) -> String {
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for (brk, g) in breaks(glyphs) {
        match brk {
            Break::None | Break::Word => {}
            Break::Space => text.push(' '),
            Break::Line => {
                let joined =
                    dehyphenate && text.ends_with('-') && prev.is_some_and(|p| runs_on(p, g));
                if joined {
                    text.pop();
                } else if !text.is_empty() {
                    text.push('\n');
                }
            }
        }
        text.push_str(&g.text);
        prev = Some(g);
    }
    text.push('\n');
    text
}

/// A word and its box, as `pdftotext -bbox` gives them (y grows down the page).
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// The word's text.
    pub text: String,
    /// Left edge.
    pub x_min: f64,
    /// Right edge.
    pub x_max: f64,
    /// Top: the baseline less the font's ascent.
    pub y_min: f64,
    /// Bottom: the baseline less the font's (negative) descent.
    pub y_max: f64,
    /// The baseline.
    pub baseline: f64,
    /// The font size it is set at (the largest, should it change inside the word).
    pub size: f64,
}

impl Word {
    fn start(g: &Glyph) -> Word {
        Word {
            text: g.text.clone(),
            x_min: g.x0.min(g.x1),
            x_max: g.x0.max(g.x1),
            y_min: g.baseline - g.ascent * g.size,
            y_max: g.baseline - g.descent * g.size,
            baseline: g.baseline,
            size: g.size,
        }
    }

    fn add(&mut self, g: &Glyph) {
        let other = Word::start(g);
        self.text.push_str(&other.text);
        self.x_min = self.x_min.min(other.x_min);
        self.x_max = self.x_max.max(other.x_max);
        self.y_min = self.y_min.min(other.y_min);
        self.y_max = self.y_max.max(other.y_max);
        self.size = self.size.max(other.size);
    }
}

/// A page's words in content-stream order; like poppler, a change of font or size starts a
/// new word even where no space separates them.
pub(crate) fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    for (brk, g) in breaks(glyphs) {
        match (brk, words.last_mut()) {
            (Break::None, Some(word)) => word.add(g),
            _ => words.push(Word::start(g)),
        }
    }
    words
}

/// A page's physical lines, top to bottom, each read left to right (as `pdftotext -layout`
/// sets them, but with one space between words however wide the gap).
pub(crate) fn physical_lines(glyphs: &[Glyph]) -> Vec<String> {
    let mut words = words(glyphs);
    words.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line)
                if (word.baseline - line[0].baseline).abs()
                    <= BASELINE_SLACK * word.size.min(line[0].size) =>
            {
                line.push(word);
            }
            _ => lines.push(vec![word]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            let mut text = String::new();
            let mut end: Option<(f64, f64)> = None;
            for word in line {
                if end.is_some_and(|(x, size)| word.x_min - x > WORD_GAP * size) {
                    text.push(' ');
                }
                text.push_str(&word.text);
                end = Some((word.x_max, word.size));
            }
            text
        })
        .collect()
}
