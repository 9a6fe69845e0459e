//! The crate's specification, as tests: one test binary, a module per subject.

mod intake;
mod sheets;
mod surveys;
mod limits;
