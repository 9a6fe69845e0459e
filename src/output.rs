//! Writing results: to standard output, or to a file that is only ever replaced whole. Output
//! goes to a temporary file beside the target and is renamed into place, so an interrupted
//! run never leaves half a file, and an existing file is only replaced with `--force`.

use std::io::Write;
use std::path::Path;

use crate::cli::Output;
use crate::Failure;

/// Writes `bytes` where the user asked: the `-o` file, or standard output (no `-o`, or
/// `-o -`).
pub fn emit(output: &Output, bytes: &[u8]) -> Result<(), Failure> {
    match &output.output {
        Some(path) if path != Path::new("-") => write_file(path, bytes, output.force),
        _ => {
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

/// Writes a file atomically (see `sendbench_batch::write`): whole or not at all, an existing
/// file only replaced with `force`, and never anything but a regular file.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    sendbench_batch::write_atomic(path, bytes, force).map_err(|e| Failure::message(e.to_string()))
}

/// Writes several files all or nothing: every target checked, every file staged, then all
/// renamed into place.
pub fn write_all(files: &[(&Path, &[u8])], force: bool) -> Result<(), Failure> {
    sendbench_batch::write::write_all_atomic(files, force)
        .map_err(|e| Failure::message(e.to_string()))
}
