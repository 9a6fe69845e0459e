//! The crate's specification, as tests: one test binary, a module per subject.

mod area;
mod build;
mod cli;
mod county;
mod family_wording;
mod html;
mod progress;
mod publications;
mod survey;
mod util;
