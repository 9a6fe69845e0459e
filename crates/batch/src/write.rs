//! Writing files whole or not at all: each is written to a hidden temporary file beside its
//! target, flushed to disk, then renamed into place, so an interrupted run never leaves half
//! a file. An existing file is only replaced when asked, and never when it is not a regular
//! file (a device such as `/dev/null`, a folder, a pipe).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The prefix and suffix of temporary files, so a later run can find and clear any that a
/// killed run left behind.
pub const TEMPORARY_PREFIX: &str = ".sendbench-";
/// See [`TEMPORARY_PREFIX`].
pub const TEMPORARY_SUFFIX: &str = ".tmp";

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is there and replacing it was not asked for.
    #[error("{0} already exists; use --force to replace it, or choose another name with -o")]
    Exists(PathBuf),
    /// The target is not a regular file: replacing it would destroy something else.
    #[error("{0} is not a regular file (a folder, device or pipe): sendbench only replaces files it could have written; choose another name")]
    NotAFile(PathBuf),
    /// The folder to write in does not exist.
    #[error("cannot write {path}: the folder {folder} does not exist")]
    NoFolder {
        /// The file.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// The file is open in another program (Windows will not replace a file Word or Excel
    /// has open).
    #[error("cannot write {path}: it is open in another program (Word or Excel?); close it there and run again")]
    InUse {
        /// The file.
        path: PathBuf,
    },
    /// The disk (or the user's quota) is full.
    #[error("cannot write {path}: the disk is full; free some space, then run the same command again (every file already written is whole)")]
    DiskFull {
        /// The file.
        path: PathBuf,
    },
    /// The operating system refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Checks that `path` could be written, without writing: its folder exists, and it is either
/// absent or (with `replace`) a regular file. Commands that write several files check every
/// one first, so they write all or nothing.
pub fn check_writable(path: &Path, replace: bool) -> Result<(), WriteError> {
    // Following links: a link to a regular file may be replaced, a device may not.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(WriteError::NotAFile(path.to_owned())),
        Ok(_) if !replace => return Err(WriteError::Exists(path.to_owned())),
        _ => {}
    }
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(WriteError::NoFolder {
            path: path.to_owned(),
            folder: folder.to_owned(),
        });
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes a file atomically: a temporary file in the same folder, flushed, then renamed.
/// With `replace` an existing regular file is replaced; otherwise an existing file (even
/// one that appears while writing) is an error.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    write_all_atomic(&[(path, bytes)], replace)
}

/// Whether an error is Windows' "in use by another process" (a sharing violation, or access
/// denied on a file another program holds open).
pub fn in_use(e: &std::io::Error) -> bool {
    // ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33).
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

fn io_error(path: &Path, source: std::io::Error) -> WriteError {
    if in_use(&source) {
        WriteError::InUse {
            path: path.to_owned(),
        }
    } else if matches!(
        source.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    ) {
        WriteError::DiskFull {
            path: path.to_owned(),
        }
    } else {
        WriteError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// Writes several files all or nothing: every target is checked first, every file is
/// written to its temporary file, and only then are they renamed into place. A failure
/// before the renames leaves every target as it was.
pub fn write_all_atomic(files: &[(&Path, &[u8])], replace: bool) -> Result<(), WriteError> {
    for (path, _) in files {
        check_writable(path, replace)?;
    }
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push((*path, stage(path, bytes)?));
    }
    for (path, tmp) in staged {
        let result = if replace {
            tmp.persist(path).map(|_| ())
        } else {
            // Refuses if the file appeared meanwhile, rather than overwriting it.
            tmp.persist_noclobber(path).map(|_| ())
        };
        result.map_err(|e| io_error(path, e.error))?;
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk.
fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, WriteError> {
    let io = |source| io_error(path, source);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX).suffix(TEMPORARY_SUFFIX);
    // A temporary file is private (0600) by default, and renaming keeps that: ask for the
    // usual 0666 less the umask, so the documents are readable like any other file made.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(folder_of(path)).map_err(io)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io)?;
    Ok(tmp)
}

/// Deletes temporary files that a killed run left under `dir`, never following links out of
/// it: only what is inside the folder itself is touched.
pub fn remove_stale_temporaries(dir: &Path) {
    let walk = walkdir::WalkDir::new(dir).follow_links(false);
    for entry in walk.into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file()
            && name.starts_with(TEMPORARY_PREFIX)
            && name.ends_with(TEMPORARY_SUFFIX)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod disk_full {
    use super::*;

    #[test]
    fn a_full_disk_says_so_and_what_to_do() {
        for kind in [
            std::io::ErrorKind::StorageFull,
            std::io::ErrorKind::QuotaExceeded,
        ] {
            let e = io_error(Path::new("out/a.pdf"), std::io::Error::from(kind));
            assert_eq!(
                e.to_string(),
                "cannot write out/a.pdf: the disk is full; free some space, then run the same command again (every file already written is whole)"
            );
        }
    }
}
