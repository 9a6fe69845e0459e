//! Small things about files that several parts of the crate share, kept in a leaf so no
//! module needs another for them: a path as written in files, a digest in hexadecimal, and
//! reading a file whole within a bound, never a device.

use std::io::Read;
use std::path::Path;

/// Why a file could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The system would not read it (missing, no permission, open elsewhere).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A device, pipe or folder: never read, as it may never end.
    #[error("it is not a regular file (a device, pipe or folder)")]
    NotAFile,
    /// Over the bound: its size, and the bound.
    #[error("it is {:.1} MB, over the {} MB limit", *.0 as f64 / 1_000_000.0, .1 / (1024 * 1024))]
    TooLarge(u64, u64),
}

/// Reads a file whole, refusing anything over `limit` bytes before reading it and reading
/// at most one byte more whatever the file claims (a file may grow while it is read).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(FileError::NotAFile);
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge(meta.len(), limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// A path as written in files (JSON, the index, messages): forward slashes on every
/// platform.
pub fn portable(path: &Path) -> String {
    let text = path.display().to_string();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text
    }
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
