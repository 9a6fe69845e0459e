//! The crate's specification, as tests: one test binary, a module per subject.

mod area;
mod builtin_rubric;
mod completeness;
mod next_review;
mod other_rubric;
mod progress;
mod skeleton;
mod validation;
