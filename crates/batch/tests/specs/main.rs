//! The crate's specification, as tests: one test binary, a module per subject.

mod intake;
mod jobs;
mod limits;
mod sheets;
mod surveys;
