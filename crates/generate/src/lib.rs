//! Documents from a SEND Benchmark rubric and assessment: the fillable Word toolkit (blank or
//! pre-filled), reading a filled toolkit back into an assessment, and typeset PDF reports.
//!
//! ```
//! use sendbench_core::Rubric;
//!
//! let rubric = Rubric::builtin();
//! let docx = sendbench_generate::docx::toolkit(&rubric, None);
//! let back = sendbench_generate::docx::import(&docx, &rubric).expect("a toolkit reads back");
//! assert_eq!(back.assessment.rubric.id, rubric.id);
//! ```

pub mod area;
pub mod docx;
pub mod jobs;
mod package;
pub mod render;
pub mod survey;
pub mod view;
