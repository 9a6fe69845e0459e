//! Writing results: to standard output, or to a file that is only ever replaced whole. Output
//! goes to a temporary file beside the target and is renamed into place, so an interrupted
//! run never leaves half a file, and an existing file is only replaced with `--force`.

use std::io::Write;
use std::path::Path;

use crate::cli::Output;
use crate::Failure;

/// Writes `bytes` where the user asked: the `-o` file, or standard output.
pub fn emit(output: &Output, bytes: &[u8]) -> Result<(), Failure> {
    match &output.output {
        Some(path) => write_file(path, bytes, output.force),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .or_else(|e| {
                    // A closed pipe (`sendbench rubric | head`) is not an error worth reporting.
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(Failure::io("standard output", e))
                    }
                })
        }
    }
}

/// Writes a file atomically: temporary file in the same directory, then rename.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    if !force && path.exists() {
        return Err(Failure::message(format!(
            "{} already exists; use --force to replace it, or choose another name with -o",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Failure::message(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let name = path.display().to_string();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sendbench-").suffix(".tmp");
    // A temporary file is private (0600) by default, and renaming keeps that: ask for the
    // usual 0666 less the umask, so the documents are readable like any other file made.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Failure::io(&name, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Failure::io(&name, e))?;
    if force {
        tmp.persist(path).map_err(|e| Failure::io(&name, e.error))?;
    } else {
        // Refuses if the file appeared meanwhile, rather than overwriting it.
        tmp.persist_noclobber(path)
            .map_err(|e| Failure::io(&name, e.error))?;
    }
    Ok(())
}
