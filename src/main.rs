//! `sendbench`: the command-line tool. Thin glue over `sendbench-core`: parse arguments, load
//! files, call the library, print or write the result, and turn failures into messages and
//! exit codes (0 success, 1 invalid input, 2 usage error, 130 interrupted).

mod cli;
mod commands;
mod diagnostics;
mod output;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;

/// The allocator (mimalloc on Linux, the system's elsewhere), counted under a limit, so that
/// a report template that would use more memory than `--memory-limit` is stopped with a
/// clear error rather than taking the machine's memory or aborting the program.
#[global_allocator]
static ALLOCATOR: sendbench_memory::Limited = sendbench_memory::Limited;

/// Why a command did not succeed. The message is for people; it has already been made
/// readable, so `main` only prints it and exits with the code.
#[derive(Debug)]
pub struct Failure {
    message: String,
    code: u8,
}

/// The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

impl Failure {
    /// A failure with this message (exit code 1).
    pub fn message(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// Options that cannot be used together or as given (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }

    /// A run stopped by the user (exit code 130).
    pub fn interrupted(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: INTERRUPTED,
        }
    }

    /// A failure to read or write something.
    pub fn io(what: &str, error: std::io::Error) -> Self {
        Failure::message(format!("error: cannot write {what}: {error}"))
    }

    /// A failure that has already been reported in full (the diagnostics were printed).
    pub fn reported() -> Self {
        Failure {
            message: String::new(),
            code: 1,
        }
    }
}

/// Set when the user interrupts (Ctrl-C, `kill`): a build stops starting documents, and a
/// sandbox waiting for one ends its child.
pub static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The hidden command a sandbox child is started with (see
/// `sendbench_generate::render::sandbox`): `sendbench __sandbox --memory-limit MB`.
pub const SANDBOX_COMMAND: &str = "__sandbox";

/// Serves documents made with a person's own templates, one request at a time on standard
/// input and output, this whole process held to the memory limit given.
fn sandbox(args: &[std::ffi::OsString]) -> ExitCode {
    // The thread that reports a reached memory limit must not be the one made to wait at it.
    sendbench_memory::exempt_this_thread();
    let limit_mb = args
        .windows(2)
        .find(|w| w[0] == "--memory-limit")
        .and_then(|w| w[1].to_str()?.parse::<u64>().ok());
    sendbench_memory::set_limit(
        limit_mb.map(|mb| usize::try_from(mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX)),
    );
    let (input, output) = (std::io::stdin().lock(), std::io::stdout().lock());
    match sendbench_generate::render::sandbox::serve(input, output, sendbench_memory::exceeded) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the sandbox stopped: {e}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == SANDBOX_COMMAND) {
        return sandbox(&args[2..]);
    }
    // Windows shells pass `*.toml` through unexpanded: expand it as a Unix shell would
    // (elsewhere this is the arguments as given).
    let cli = Cli::parse_from(wild::args_os());
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                let message = failure.message.trim_end();
                if message.starts_with("error") || message.contains("error[") {
                    eprintln!("{message}");
                } else {
                    eprintln!("error: {message}");
                }
            }
            ExitCode::from(failure.code)
        }
    }
}
