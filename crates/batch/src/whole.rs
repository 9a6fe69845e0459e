//! The whole returns a build's workers need, each read again once for all of a school's jobs.
//!
//! The intake keeps of each return only what the area's figures need (so memory stays flat in
//! the number of schools), and a school's documents read its file again
//! ([`Received::full`]). A school has four jobs (three reports and its toolkit), planned one
//! after another, so reading the file for each job read, hashed and checked it four times: a
//! twentieth of a whole build's work. The last few returns read are kept here and shared by
//! the workers; a handful of entries keeps memory flat.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

use sendbench_core::{Assessment, Rubric};

use crate::intake::{Intake, Received};

/// How many returns read again are kept: enough for every worker's current school and the
/// next with up to 8 workers (more only read some returns twice), at about 100 KB a return.
const KEPT: usize = 16;

/// A return read again (or the reason it could not be), shared by the jobs that need it.
type Slot = Arc<OnceLock<Result<Arc<Assessment>, String>>>;

/// The returns most recently read again, by their index in the intake.
pub(crate) struct WholeReturns<'a> {
    intake: &'a Intake,
    rubric: &'a Rubric,
    recent: Mutex<VecDeque<(usize, Slot)>>,
}

impl<'a> WholeReturns<'a> {
    pub(crate) fn new(intake: &'a Intake, rubric: &'a Rubric) -> Self {
        WholeReturns {
            intake,
            rubric,
            recent: Mutex::new(VecDeque::with_capacity(KEPT)),
        }
    }

    /// Return `i` whole ([`Received::full`]: as the intake holds it, or read again). Two
    /// workers asking for the same return at once read it once: the second waits for the
    /// first's reading.
    pub(crate) fn get(&self, i: usize) -> Result<Arc<Assessment>, String> {
        let received: &Received = &self.intake.received[i];
        let slot = self.slot(i);
        slot.get_or_init(|| {
            received
                .full(self.rubric)
                .map(|whole| Arc::new(whole.into_owned()))
        })
        .clone()
    }

    /// The slot for return `i`: the one kept, or a new one in place of the oldest.
    fn slot(&self, i: usize) -> Slot {
        // A poisoned lock means a worker panicked holding it; the list is still whole.
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, slot)) = recent.iter().find(|(index, _)| *index == i) {
            return slot.clone();
        }
        if recent.len() == KEPT {
            recent.pop_front();
        }
        let slot = Slot::default();
        recent.push_back((i, slot.clone()));
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::IntakeOptions;

    /// The examples' three returns, read for the figures only, from a folder of their own.
    fn examples() -> (tempfile::TempDir, Intake, Rubric) {
        let dir = tempfile::tempdir().expect("tempdir");
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/schools");
        for entry in std::fs::read_dir(examples).expect("the examples") {
            let path = entry.expect("an example").path();
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copied");
        }
        let rubric = Rubric::builtin();
        let options = IntakeOptions {
            inputs: vec![dir.path().to_owned()],
            ..IntakeOptions::default()
        };
        let intake = Intake::read_for_figures(&options, &rubric);
        assert_eq!(intake.received.len(), 3);
        assert!(intake.received.iter().all(|r| r.figures_only));
        (dir, intake, rubric)
    }

    #[test]
    fn a_return_is_read_once_for_all_the_jobs_that_ask_for_it() {
        let (_dir, intake, rubric) = examples();
        let returns = WholeReturns::new(&intake, &rubric);
        let first = returns.get(0).expect("read");
        assert!(intake.received[0].assessment.participants.is_empty());
        assert!(
            !first.participants.is_empty(),
            "read whole, not only the figures"
        );
        // Gone from disk, it is still served as read, the same value.
        std::fs::remove_file(&intake.received[0].path).expect("removed");
        let again = returns.get(0).expect("served as read");
        assert!(Arc::ptr_eq(&first, &again));
    }

    #[test]
    fn only_the_last_few_are_kept_and_a_file_changed_since_is_still_refused() {
        let (_dir, intake, rubric) = examples();
        let returns = WholeReturns::new(&intake, &rubric);
        returns.get(0).expect("read");
        for i in 1..=KEPT {
            returns.slot(i);
        }
        assert_eq!(returns.recent.lock().expect("the lock").len(), KEPT);
        // Return 0 gave way, so it is read again: changed on disk, it is refused.
        let path = &intake.received[0].path;
        let text = std::fs::read_to_string(path).expect("read");
        std::fs::write(path, text + "\n# edited\n").expect("written");
        let refused = returns.get(0).expect_err("refused");
        assert!(
            refused.contains("changed while the build was running"),
            "{refused}"
        );
    }
}
