//! The small TOML files a person writes to steer a run (a column map, a collection's
//! options): read within the bound every TOML input has (4 MB, checked before reading; a
//! device or pipe such as `/dev/zero` is refused without being read), and parsed keeping
//! where each value stands, so every problem names its line.

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Why a settings file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// Not read: missing, a device, too large, not text. The message names the file.
    #[error("{0}")]
    Read(String),
    /// Read, with these problems, each naming its line.
    #[error("{}", .0.join("\n"))]
    Problems(Vec<String>),
}

/// A settings file's text, read within [`sendbench_core::MAX_FILE_BYTES`].
pub fn read(path: &Path) -> Result<String, SettingsError> {
    sendbench_core::read_source(path)
        .map(|file| file.text().to_owned())
        .map_err(|e| SettingsError::Read(e.to_string()))
}

/// A parsed settings file: its top-level table, every value with where it stands.
pub struct Parsed<'t> {
    table: Spanned<DeTable<'t>>,
    /// Where each line after the first starts, found once: a map of 100,000 entries asks
    /// for 100,000 lines, and counting line ends from the start for each took minutes.
    line_starts: Vec<usize>,
}

impl<'t> Parsed<'t> {
    /// Parses TOML text; a syntax error is one problem with its line and column.
    pub fn new(text: &'t str) -> Result<Parsed<'t>, Vec<String>> {
        match DeTable::parse(text) {
            Ok(table) => Ok(Parsed {
                table,
                line_starts: text.match_indices('\n').map(|(at, _)| at + 1).collect(),
            }),
            Err(e) => Err(vec![syntax(text, &e)]),
        }
    }

    /// The top-level entries, in the file's order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Spanned<DeValue<'t>>)> {
        self.table
            .get_ref()
            .iter()
            .map(|(k, v)| (k.get_ref().as_ref(), v))
    }

    /// "line 3" for a value.
    pub fn line<T>(&self, value: &Spanned<T>) -> String {
        let start = value.span().start;
        // Lines before the value's: those starting at or before it, and the first.
        let line = self.line_starts.partition_point(|&at| at <= start) + 1;
        format!("line {line}")
    }
}

/// The entries of a table value, in order, with their keys' places.
pub fn table_entries<'a, 't>(
    value: &'a DeValue<'t>,
) -> Option<
    impl Iterator<
        Item = (
            &'a Spanned<std::borrow::Cow<'t, str>>,
            &'a Spanned<DeValue<'t>>,
        ),
    >,
> {
    match value {
        DeValue::Table(table) => Some(table.iter()),
        _ => None,
    }
}

/// A whole number, if the value is one.
pub fn integer(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A string, if the value is one.
pub fn string<'a>(value: &'a DeValue<'_>) -> Option<&'a str> {
    match value {
        DeValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

/// Why text from a settings file cannot go into a document: the characters no document can
/// carry (control characters and the like), named by their code points.
pub fn unprintable(text: &str) -> Option<String> {
    let (_, removed) = sendbench_core::text::clean(text);
    (!removed.is_empty()).then(|| {
        removed
            .iter()
            .map(|c| sendbench_core::text::describe(*c))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// A TOML syntax error in a small settings file, with its line and column.
pub fn syntax(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("line {line}, column {column}: {}", e.message())
        }
        None => e.message().to_owned(),
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_refused_without_being_read() {
        let started = std::time::Instant::now();
        let e = read(Path::new("/dev/zero")).expect_err("refused");
        assert!(e.to_string().contains("not a regular file"), "{e}");
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn a_file_over_4_mb_is_refused_before_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("options.toml");
        std::fs::write(&path, vec![b'#'; 5 * 1024 * 1024]).expect("write");
        let e = read(&path).expect_err("refused");
        assert!(e.to_string().contains("the limit is 4 MB"), "{e}");
    }

    #[test]
    fn a_map_of_a_hundred_thousand_entries_is_read_in_moments() {
        // Each value's line was once counted from the start of the text: minutes for this.
        let text: String = (0..100_000).map(|i| format!("k{i} = {i}\n")).collect();
        let started = std::time::Instant::now();
        let parsed = Parsed::new(&text).expect("parsed");
        let last = parsed.entries().map(|(_, v)| parsed.line(v)).last();
        assert_eq!(last.as_deref(), Some("line 100000"));
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn values_know_their_lines() {
        let parsed = Parsed::new("a = 1\n\nb = \"x\"\n").expect("parsed");
        let lines: Vec<String> = parsed.entries().map(|(_, v)| parsed.line(v)).collect();
        assert_eq!(lines, ["line 1", "line 3"]);
        let e = Parsed::new("a = \n").err().expect("a syntax error");
        assert!(e[0].starts_with("line 1, column"), "{e:?}");
    }
}
