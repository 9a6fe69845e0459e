//! A small, sandboxed Typst world: the report templates and one data file, served from
//! memory, the embedded fonts, and nothing else. No packages, no file system, no clock: a
//! template can read only the files listed here, and `datetime.today()` is the review's date.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Fonts shared by every document of a run (and across threads). Only each face's summary
/// is read up front; a face is parsed the first time a document uses it, as typst-cli does,
/// so fallback fonts that a report never needs cost nothing.
pub struct Fonts {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
}

struct FontSlot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl Fonts {
    /// Fonts from font files' bytes; faces that cannot be read are skipped.
    pub fn new(files: impl IntoIterator<Item = Bytes>) -> Fonts {
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for data in files {
            for (index, info) in FontInfo::iter(&data).enumerate() {
                book.push(info);
                slots.push(FontSlot {
                    data: data.clone(),
                    index: index as u32,
                    font: OnceLock::new(),
                });
            }
        }
        Fonts {
            book: LazyHash::new(book),
            slots,
        }
    }

    /// The embedded fonts: Noto Sans (text), Noto Naskh Arabic (Urdu and Arabic names) and
    /// DejaVu Sans (symbols such as ☐ ☒ ✓, and a wide fallback).
    pub fn embedded() -> Arc<Fonts> {
        static FONTS: OnceLock<Arc<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Arc::new(Fonts::new(
                    super::EMBEDDED_FONTS.iter().map(|bytes| Bytes::new(*bytes)),
                ))
            })
            .clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| Font::new(slot.data.clone(), slot.index))
            .clone()
    }
}

/// What every report of a run is compiled from, made once and shared across documents and
/// threads: Typst's standard library (building and hashing it costs more than a short
/// report's layout) and the templates, parsed once.
pub struct Shared {
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    sources: HashMap<FileId, Source>,
}

impl Shared {
    /// The library, these fonts, and these Typst sources (virtual path, text).
    pub fn new(fonts: Arc<Fonts>, sources: &[(String, String)]) -> Shared {
        let sources = sources
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, text.clone()))
            })
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            sources,
        }
    }
}

/// The world one report is compiled in.
pub struct ReportWorld<'a> {
    shared: &'a Shared,
    main: FileId,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

/// The file id of a path in the (virtual) project.
pub fn file_id(path: &str) -> FileId {
    // Paths used here are fixed names such as "/governors.typ", which always parse.
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/invalid").expect("valid"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl<'a> ReportWorld<'a> {
    /// A world whose main file is `main`, with the shared templates and these data files.
    pub fn new(
        shared: &'a Shared,
        main: &str,
        data: &[(String, Vec<u8>)],
        today: Option<jiff::civil::Date>,
    ) -> ReportWorld<'a> {
        let files = data
            .iter()
            .map(|(path, bytes)| (file_id(path), Bytes::new(bytes.clone())))
            .collect();
        let today = today
            .and_then(|d| Datetime::from_ymd(i32::from(d.year()), d.month() as u8, d.day() as u8));
        ReportWorld {
            shared,
            main: file_id(main),
            files,
            today,
        }
    }
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return Err(FileError::Other(Some(
                "packages are not available to sendbench templates".into(),
            )));
        }
        self.shared
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if matches!(id.root(), VirtualRoot::Package(_)) {
            return Err(FileError::Other(Some(
                "packages are not available to sendbench templates".into(),
            )));
        }
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(source) = self.shared.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        Err(FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
