//! The crate's specification, as tests: one test binary, a module per subject.

mod failures;
mod handmade;
mod reading;
