//! `sendbench`: the command-line tool. Thin glue over `sendbench-core`: parse arguments, load
//! files, call the library, print or write the result, and turn failures into messages and
//! exit codes (0 success, 1 invalid input, 2 usage error).

mod build;
mod cli;
mod commands;
mod diagnostics;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;

/// Why a command did not succeed. The message is for people; it has already been made
/// readable, so `main` only prints it.
#[derive(Debug)]
pub struct Failure {
    message: String,
}

impl Failure {
    /// A failure with this message.
    pub fn message(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
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
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
            ExitCode::from(1)
        }
    }
}
