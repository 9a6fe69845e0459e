//! The build's manifest (`.sendbench-manifest.json` in the output folder): for each document,
//! what it was made from (a fingerprint of its inputs, templates, options and sendbench
//! itself) and what was written (its size and modification time). A document is up to date
//! only when both still hold: a file cut short, replaced or edited by hand since is remade,
//! never reported as current.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The manifest's file name, in the output folder.
pub const MANIFEST_FILE: &str = ".sendbench-manifest.json";

/// What was written for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The fingerprint of what it was made from.
    pub from: String,
    /// Its size on disk.
    pub bytes: u64,
    /// Its modification time on disk, in nanoseconds since 1970, where the file system
    /// gives one.
    pub modified: Option<i128>,
}

impl Written {
    /// What is on disk now at `out/relative`, made from `fingerprint`; `None` when there is
    /// no regular file there.
    pub fn on_disk(out: &Path, relative: &str, fingerprint: &str) -> Option<Written> {
        let meta = std::fs::metadata(out.join(relative)).ok()?;
        meta.is_file().then(|| Written {
            from: fingerprint.to_owned(),
            bytes: meta.len(),
            modified: meta.modified().ok().and_then(nanos),
        })
    }
}

fn nanos(t: std::time::SystemTime) -> Option<i128> {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => Some(d.as_nanos() as i128),
        Err(e) => Some(-(e.duration().as_nanos() as i128)),
    }
}

/// The documents a build wrote, by path relative to the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Each document and what was written.
    pub outputs: BTreeMap<String, Written>,
}

#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    outputs: BTreeMap<String, Written>,
}

impl Manifest {
    /// The manifest in `out`; empty when there is none, or one from an earlier sendbench
    /// (whose documents are remade anyway, as sendbench is in every fingerprint).
    pub fn read(out: &Path) -> Manifest {
        let outputs = std::fs::read_to_string(out.join(MANIFEST_FILE))
            .ok()
            .and_then(|t| serde_json::from_str::<File>(&t).ok())
            .filter(|f| f.version == 2)
            .map(|f| f.outputs)
            .unwrap_or_default();
        Manifest { outputs }
    }

    /// Whether `relative` was made from `fingerprint` and is on disk as it was written.
    pub fn is_current(&self, out: &Path, relative: &str, fingerprint: &str) -> bool {
        self.outputs.get(relative).is_some_and(|w| {
            w.from == fingerprint
                && Written::on_disk(out, relative, fingerprint).as_ref() == Some(w)
        })
    }

    /// The manifest as written to disk.
    pub fn to_json(&self) -> String {
        let file = File {
            version: 2,
            outputs: self.outputs.clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }
}
