//! sendbench-batch: everything that works over many returns at once, usable without the
//! command line (a web service could run a whole area with it).
//!
//! - [`intake`]: walk the folders an officer was sent, decide for every file found whether
//!   it is a return, read it (TOML or a filled Word toolkit), find the same school sent
//!   twice, and account for every file in an [`Intake`] report whose counts add up.
//! - [`sheet`]: survey exports and spreadsheets (CSV, XLSX) read as a row per school, their
//!   columns matched to the rubric, every problem named by its cell.
//! - [`settings`]: the small TOML files a person writes to steer a run (column maps,
//!   options), read within bounds and with every problem on its line.
//! - [`compare`]: a school's review beside its area's figures, as the area publishes them.
//! - [`county`]: a county's returns split into its local areas, and the officer's options
//!   for a collection (title, how it was collected, schools asked per area).
//! - [`batch`]: the whole-area build: every school's documents, the blank toolkit and the
//!   area report, in parallel, remade only when what they are made from changed, with an
//!   `index.json` that is always true to the files on disk.
//! - [`published`]: the record of what was published, so a re-issue after a late return
//!   is checked against it.
//! - [`jobs`]: a school's and an officer's jobs from files given as bytes, with no file
//!   system and no threads (what the web page runs).
//! - [`write`]: files written whole or not at all.
//! - [`files`]: a file read whole within a bound, paths as written in files, digests.

pub mod batch;
pub mod compare;
pub mod county;
pub mod files;
pub mod intake;
pub mod jobs;
pub mod manifest;
pub mod published;
pub mod settings;
pub mod sheet;
mod whole;
pub mod write;

pub use batch::{
    build, build_area_in_memory, slug, AreaBuild, BuildError, BuildEvent, BuildFailure,
    BuildOptions, BuildSummary,
};

pub use county::CollectionOptions;
pub use intake::{Fate, Intake, IntakeOptions, Received, ReturnError, Skip, Unusable};
pub use settings::SettingsError;
pub use sheet::{ColumnMap, SheetError};
pub use write::{write_atomic, WriteError};
