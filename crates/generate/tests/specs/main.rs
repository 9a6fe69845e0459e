//! The crate's specification, as tests: one test binary, a module per subject.

mod area_disclosure;
mod html;
mod import_typed;
mod open_data;
mod pdf;
mod plain_english;
mod privacy;
mod properties;
mod reading_back;
mod report;
mod same_sentences;
mod same_sentences_area;
mod toolkit;
mod word_habits;
