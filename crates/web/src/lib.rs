//! sendbench in a web page: the glue between JavaScript and the library's jobs, compiled to
//! WebAssembly (`scripts/web.sh`) and called from a Web Worker (`web/worker.js`).
//!
//! Nothing here decides anything: files go in as names and bytes, the library's own jobs
//! run ([`sendbench_batch::jobs::school_job`], [`sendbench_batch::build_area_in_memory`]),
//! and documents come out named as `sendbench build` names them, with a report of what was
//! read as JSON. The same input gives the same bytes here as from the command line.

use sendbench_batch::{BuildOptions, CollectionOptions, ColumnMap};
use sendbench_core::Rubric;
use sendbench_generate::jobs::{Document, InputFile};
use serde_json::json;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The last panic's message: WebAssembly stops at a panic, and the page says why.
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Keeps each panic's message for [`last_panic`]. Called once when the module starts.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = message);
    }));
}

/// Why the engine stopped, if it stopped at a panic (empty otherwise).
#[wasm_bindgen]
pub fn last_panic() -> String {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// The most bytes of a settings file (an options file or a column map): they are a few
/// lines; a bigger file is a mistake, refused before it is parsed.
const MAX_SETTINGS_BYTES: usize = 4 * 1024 * 1024;

/// Files a person chose or dropped: names (with their folders, as the browser gives them)
/// and bytes.
#[wasm_bindgen]
#[derive(Default)]
pub struct Files {
    files: Vec<(String, Vec<u8>)>,
}

#[wasm_bindgen]
impl Files {
    /// No files yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Files {
        Files::default()
    }

    /// Adds a file.
    pub fn add(&mut self, name: String, bytes: Vec<u8>) {
        self.files.push((name, bytes));
    }

    /// How many files.
    pub fn count(&self) -> usize {
        self.files.len()
    }
}

impl Files {
    fn inputs(&self) -> Vec<InputFile<'_>> {
        (self.files.iter())
            .map(|(name, bytes)| InputFile { name, bytes })
            .collect()
    }
}

/// What a job made: the documents, and a report of what was read (JSON).
#[wasm_bindgen]
pub struct Made {
    report: String,
    documents: Vec<Document>,
}

#[wasm_bindgen]
impl Made {
    /// What was read and what a person should know, as JSON.
    pub fn report(&self) -> String {
        self.report.clone()
    }

    /// How many documents.
    pub fn count(&self) -> usize {
        self.documents.len()
    }

    /// The `i`th document's file name.
    pub fn name(&self, i: usize) -> String {
        self.documents
            .get(i)
            .map(|d| d.name.clone())
            .unwrap_or_default()
    }

    /// The `i`th document's bytes.
    pub fn bytes(&self, i: usize) -> Vec<u8> {
        self.documents
            .get(i)
            .map(|d| d.bytes.clone())
            .unwrap_or_default()
    }

    /// Every document as one zip file, each under its name.
    pub fn zip(&self) -> Result<Vec<u8>, JsError> {
        sendbench_batch::jobs::zip(&self.documents).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// A school's documents from its review (the first of `review`) and, if `previous` holds a
/// file, its previous review: each audience's report as PDF, web page and fragment, next
/// year's toolkit and the blank toolkit.
#[wasm_bindgen]
pub fn school(review: &Files, previous: &Files) -> Result<Made, JsError> {
    let rubric = Rubric::builtin();
    let reviews = review.inputs();
    let first = reviews.first().copied().ok_or_else(|| {
        JsError::new("choose the school's filled toolkit (.docx) or assessment (.toml)")
    })?;
    let previous = previous.inputs().first().copied();
    let output = sendbench_batch::jobs::school_job(&rubric, first, previous)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(Made {
        report: json!({
            "school": output.school,
            "draft": output.draft,
            "warnings": output.warnings,
        })
        .to_string(),
        documents: output.documents,
    })
}

/// The blank toolkit, from the rubric.
#[wasm_bindgen]
pub fn blank_toolkit() -> Made {
    let rubric = Rubric::builtin();
    Made {
        report: "{}".to_owned(),
        documents: vec![Document {
            name: "blank-toolkit.docx".to_owned(),
            bytes: sendbench_generate::docx::toolkit(&rubric, None),
        }],
    }
}

/// The choices an officer makes on the page, as JSON: `title`, `collection` (text),
/// `suppress_below` (a number, 3 or more), `by_area`, `every_year`, `strict` (true or
/// false).
#[derive(Default)]
struct Choices {
    title: Option<String>,
    collection: Option<String>,
    suppress_below: Option<u32>,
    by_area: bool,
    every_year: bool,
    strict: bool,
}

impl Choices {
    fn parse(text: &str) -> Result<Choices, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("the page's choices: {e}"))?;
        let text = |k: &str| {
            (v.get(k).and_then(|t| t.as_str()))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let flag = |k: &str| v.get(k).and_then(|b| b.as_bool()).unwrap_or(false);
        let suppress_below = match v.get("suppress_below").and_then(|n| n.as_u64()) {
            None => None,
            Some(n) if (3..=1000).contains(&n) => Some(n as u32),
            Some(n) => {
                return Err(format!(
                    "small-number suppression below {n} protects nothing or everything: give a number from 3 to 1000"
                ))
            }
        };
        Ok(Choices {
            title: text("title"),
            collection: text("collection"),
            suppress_below,
            by_area: flag("by_area"),
            every_year: flag("every_year"),
            strict: flag("strict"),
        })
    }
}

/// A settings file's text, within its bound.
fn settings_text<'a>(what: &str, name: &str, bytes: &'a [u8]) -> Result<&'a str, String> {
    if bytes.len() > MAX_SETTINGS_BYTES {
        return Err(format!(
            "{name}: it is {:.1} MB; {what} is a few lines (the limit is 4 MB)",
            bytes.len() as f64 / 1_000_000.0
        ));
    }
    std::str::from_utf8(bytes)
        .map_err(|_| format!("{name}: it is not text (UTF-8); save {what} as plain text (.toml)"))
}

/// The build's options from the page's choices, the options file and the column map.
fn build_options(
    rubric: &Rubric,
    choices: &str,
    options_file: Option<InputFile<'_>>,
    columns_file: Option<InputFile<'_>>,
) -> Result<BuildOptions, String> {
    let choices = Choices::parse(choices)?;
    let problems = |name: &str, what: &str, p: Vec<String>| {
        format!("{name} ({what}) has problems:\n  {}", p.join("\n  "))
    };
    let collection_options = match options_file {
        None => CollectionOptions::default(),
        Some(f) => {
            let text = settings_text("an options file", f.name, f.bytes)?;
            CollectionOptions::from_toml(text)
                .map_err(|p| problems(f.name, "the options file", p))?
        }
    };
    let columns = match columns_file {
        None => None,
        Some(f) => {
            let text = settings_text("a column map", f.name, f.bytes)?;
            Some(
                ColumnMap::from_toml(text, rubric)
                    .map_err(|p| problems(f.name, "the column map", p))?,
            )
        }
    };
    Ok(BuildOptions {
        suppress_below: choices.suppress_below,
        title: choices.title,
        collection: choices.collection,
        strict: choices.strict,
        columns,
        collection_options,
        by_area: choices.by_area,
        every_year: choices.every_year,
        ..BuildOptions::default()
    })
}

/// The area's publication from many returns or a survey export: its report as PDF and
/// web page, its spreadsheet and open data (with `by_area` in `choices`, every local area's
/// and the county's too). `settings` holds the options file and the column map, told apart
/// by their content (`[columns]`). `progress(done, total, what)` hears of each document.
#[wasm_bindgen]
pub fn area(
    returns: &Files,
    settings: &Files,
    choices: &str,
    progress: &js_sys::Function,
) -> Result<Made, JsError> {
    let rubric = Rubric::builtin();
    let settings = settings.inputs();
    let is_map = |f: &&InputFile<'_>| {
        std::str::from_utf8(f.bytes).is_ok_and(|t| t.lines().any(|l| l.trim() == "[columns]"))
    };
    let columns_file = settings.iter().find(is_map).copied();
    let options_file = settings.iter().find(|f| !is_map(f)).copied();
    let options = build_options(&rubric, choices, options_file, columns_file)
        .map_err(|e| JsError::new(&e))?;
    let files = returns.inputs();
    let mut tell = |done: usize, total: usize, what: &str| {
        let _ = progress.call3(
            &JsValue::NULL,
            &JsValue::from(done as u32),
            &JsValue::from(total as u32),
            &JsValue::from_str(what),
        );
    };
    let built = sendbench_batch::build_area_in_memory(&rubric, &files, &options, &mut tell)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let failures: Vec<serde_json::Value> = (built.failures.iter())
        .map(|f| json!({"what": f.what, "error": f.error}))
        .collect();
    let report = json!({
        "summary": built.intake.summary(),
        "intake": built.intake.to_json(),
        "warnings": built.warnings,
        "failures": failures,
    });
    Ok(Made {
        report: report.to_string(),
        documents: built.documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_choices_become_the_builds_options() {
        let options = build_options(
            &Rubric::builtin(),
            r#"{"title": " Area 9 ", "collection": "", "suppress_below": 5, "by_area": true, "every_year": false, "strict": true}"#,
            None,
            None,
        )
        .expect("options");
        assert_eq!(options.title.as_deref(), Some("Area 9"));
        assert_eq!(options.collection, None);
        assert_eq!(options.suppress_below, Some(5));
        assert!(options.by_area && options.strict && !options.every_year);
    }

    #[test]
    fn a_suppression_threshold_that_protects_nothing_is_refused_saying_what_to_give() {
        let e = build_options(&Rubric::builtin(), r#"{"suppress_below": 2}"#, None, None)
            .expect_err("refused");
        assert!(e.contains("give a number from 3 to 1000"), "{e}");
    }

    #[test]
    fn an_options_file_with_problems_is_refused_naming_it_and_each_problem() {
        let options = InputFile {
            name: "area-options.toml",
            bytes: b"title = 7\n",
        };
        let e = build_options(&Rubric::builtin(), "{}", Some(options), None).expect_err("refused");
        assert!(
            e.starts_with("area-options.toml (the options file) has problems:"),
            "{e}"
        );
    }

    #[test]
    fn a_settings_file_that_is_not_text_or_too_big_is_refused_before_it_is_parsed() {
        let e = settings_text("a column map", "map.toml", &[0xff, 0xfe]).expect_err("refused");
        assert!(e.contains("not text"), "{e}");
        let big = vec![b'#'; MAX_SETTINGS_BYTES + 1];
        let e = settings_text("a column map", "map.toml", &big).expect_err("refused");
        assert!(e.contains("the limit is 4 MB"), "{e}");
    }
}
