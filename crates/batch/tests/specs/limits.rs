//! What no survey export can do, however it is made: a small XLSX whose shared strings
//! unpack to tens of megabytes, a workbook that declares billions of strings or a part
//! twice, more cells or text than any county's returns: each is refused before it costs the
//! memory, naming the bound it passed and the cell that passed it. A real export as large as
//! a county's is read whole. And what a cell holds is never quietly read as something else:
//! a spreadsheet error, a formula never worked out, a byte that is not UTF-8, each is named
//! with its cell. Nor can a settings file just under its bound take minutes, nor a quote
//! never closed swallow the rest of an export unsaid.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use sendbench_batch::intake::{Intake, IntakeOptions};
use sendbench_core::Rubric;

fn read(dir: &Path) -> Intake {
    Intake::read(
        &IntakeOptions {
            inputs: vec![dir.to_owned()],
            exclude: Vec::new(),
            columns: None,
        },
        &Rubric::builtin(),
    )
}

fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The one problem of a folder holding one file that cannot be read.
fn refusal(dir: &Path) -> String {
    let intake = read(dir);
    let problems: Vec<String> = intake.invalid().map(|(_, e)| e.to_string()).collect();
    assert_eq!(problems.len(), 1, "{:#?}", intake.to_json());
    problems[0].clone()
}

/// A workbook of one sheet ("Returns"), written part by part: the sheet's rows and the
/// shared strings as given, so a test can make what no spreadsheet program would.
fn workbook(sheet_rows: &str, shared: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>".to_vec()),
        ("_rels/.rels".into(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{r}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").into_bytes()),
        ("xl/workbook.xml".into(), format!("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{r}\"><sheets><sheet name=\"Returns\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{r}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{r}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>").into_bytes()),
        ("xl/worksheets/sheet1.xml".into(), format!("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{sheet_rows}</sheetData></worksheet>").into_bytes()),
        ("xl/sharedStrings.xml".into(), shared.as_bytes().to_vec()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .chain(extra.iter().copied())
    {
        zip.start_file(name, options).expect("part");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A shared-strings part of the strings given.
fn shared_strings(strings: &[String]) -> String {
    let mut sst = format!(
        "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"{}\">",
        strings.len()
    );
    for s in strings {
        sst.push_str(&format!("<si><t>{s}</t></si>"));
    }
    sst.push_str("</sst>");
    sst
}

/// A row of cells: each a shared string's index, or inline text.
fn row(r: usize, cells: &[&str]) -> String {
    let mut xml = format!("<row r=\"{r}\">");
    for (c, cell) in cells.iter().enumerate() {
        let column = sendbench_batch::sheet::letter(c);
        xml.push_str(&format!("<c r=\"{column}{r}\"{cell}</c>"));
    }
    xml.push_str("</row>");
    xml
}

/// A cell that is shared string `i`.
fn s(i: usize) -> String {
    format!(" t=\"s\"><v>{i}</v>")
}

/// A cell of inline text.
fn text(t: &str) -> String {
    format!(" t=\"inlineStr\"><is><t>{t}</t></is>")
}

#[test]
fn a_small_workbook_whose_cells_share_a_long_string_is_refused_at_the_text_bound() {
    // One string of 1 MB, used by two cells in each of 50 rows: 100 MB of text in cells,
    // from a file of a few kilobytes.
    let strings = vec![
        "School name".to_owned(),
        "1a evidence".to_owned(),
        "x".repeat(1024 * 1024),
    ];
    let mut rows = row(1, &[&s(0), &s(1)]);
    for r in 2..52 {
        rows.push_str(&row(r, &[&s(2), &s(2)]));
    }
    let bytes = workbook(&rows, &shared_strings(&strings), &[]);
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns.xlsx", &bytes);
    let started = std::time::Instant::now();
    let message = refusal(dir.path());
    assert_eq!(
        message,
        "its cells hold more than 64 MB of text (the bound was passed at Returns!B33), more than a file of returns may hold: split the file"
    );
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn a_shared_strings_part_over_the_text_bound_is_refused_before_it_is_read() {
    // 70 MB of strings that compress to almost nothing.
    let strings: Vec<String> = (0..70).map(|_| "y".repeat(1024 * 1024)).collect();
    let bytes = workbook(&row(1, &[&s(0)]), &shared_strings(&strings), &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns.xlsx", &bytes);
    let message = refusal(dir.path());
    assert!(
        message.starts_with("its shared strings (the text of its cells, xl/sharedstrings.xml) unpack to 70 MB, more than the 64 MB of text a file of returns may hold"),
        "{message}"
    );
}

#[test]
fn a_workbook_declaring_billions_of_strings_or_formats_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sst = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"4000000000\"><si><t>School name</t></si></sst>";
    put(
        dir.path(),
        "returns.xlsx",
        &workbook(&row(1, &[&s(0)]), sst, &[]),
    );
    assert_eq!(
        refusal(dir.path()),
        "xl/sharedstrings.xml declares 4000000000 shared strings, more than the 2000000 a workbook of returns could need"
    );
    let styles = format!(
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs>{}</cellXfs></styleSheet>",
        "<xf/>".repeat(300_000)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.xlsx",
        &workbook(
            &row(1, &[&s(0)]),
            &shared_strings(&["School name".to_owned()]),
            &[("xl/styles.xml", styles.as_bytes())],
        ),
    );
    assert_eq!(
        refusal(dir.path()),
        "xl/styles.xml declares 300000 cell formats, fonts, fills and borders, more than the 200000 a workbook of returns could need"
    );
}

#[test]
fn a_workbook_holding_a_part_twice_is_refused_as_a_word_file_would_be() {
    let sheet = format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{}</sheetData></worksheet>",
        row(1, &[&text("School name"), &text("1a")]) + &row(2, &[&text("Oak"), &text("Expected")])
    );
    // A second sheet part, then its name made the first's (same length): two parts of one
    // name, which programs resolve differently.
    let mut bytes = workbook(
        &(row(1, &[&text("School name"), &text("1a")])
            + &row(2, &[&text("Ash"), &text("Emerging")])),
        &shared_strings(&[]),
        &[("xl/worksheets/sheet9.xml", sheet.as_bytes())],
    );
    let from = b"xl/worksheets/sheet9.xml";
    let to = b"xl/worksheets/sheet1.xml";
    let mut at = 0;
    while let Some(p) = bytes[at..].windows(from.len()).position(|w| w == from) {
        bytes[at + p..at + p + to.len()].copy_from_slice(to);
        at += p + 1;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns.xlsx", &bytes);
    assert_eq!(
        refusal(dir.path()),
        "the workbook holds its part xl/worksheets/sheet1.xml twice, so different programs would show different sheets; it is damaged or has been tampered with: open it in Excel and save it again, or ask for it again"
    );
}

#[test]
fn a_county_sized_export_over_220000_cells_is_read_whole() {
    // 2,800 schools, each with a level and evidence for every strand and a status for
    // every duty: 229,600 cells, as the same rows in CSV always were.
    let rubric = Rubric::builtin();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Returns").expect("name");
    let mut headers = vec!["School name".to_owned(), "Academic year".to_owned()];
    for strand in rubric.strands() {
        headers.push(strand.code());
        headers.push(format!("{} evidence", strand.code()));
    }
    for item in &rubric.checklist.items {
        headers.push(item.id.clone());
    }
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).expect("header");
    }
    let schools = 2_800u32;
    for r in 1..=schools {
        ws.write_string(r, 0, format!("School {r}")).expect("name");
        ws.write_string(r, 1, "2025/26").expect("year");
        for s in 0..34u16 {
            ws.write_string(r, 2 + 2 * s, "Expected").expect("level");
            ws.write_string(r, 3 + 2 * s, "Provision map")
                .expect("evidence");
        }
        for d in 0..9u16 {
            ws.write_string(r, 70 + d, "Met").expect("duty");
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.xlsx",
        &wb.save_to_buffer().expect("xlsx"),
    );
    let intake = read(dir.path());
    assert_eq!(intake.invalid().count(), 0, "{:?}", intake.invalid().next());
    assert_eq!(intake.counts().used, schools as usize);
}

#[test]
fn more_cells_than_any_county_has_are_refused_naming_the_bound_and_the_cell() {
    // 1,001 rows of 2,000 one-character cells: 2,002,000 cells in 4 MB of CSV.
    let line = vec!["1"; 2_000].join(",");
    let mut csv = String::with_capacity(4_100_000);
    for _ in 0..1_001 {
        csv.push_str(&line);
        csv.push('\n');
    }
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns.csv", csv.as_bytes());
    assert_eq!(
        refusal(dir.path()),
        "more than 2000000 filled cells (the bound was passed at returns!A1001); a county's returns, a row per school, fill far fewer: split the file"
    );
    // A value beyond the columns a sheet may have is named by its cell.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut wide = String::from("School name,1a\nOak,Expected");
    wide.push_str(&",".repeat(2_499));
    wide.push_str("x\n");
    put(dir.path(), "returns.csv", wide.as_bytes());
    assert_eq!(
        refusal(dir.path()),
        format!(
            "returns!{}2 holds a value, beyond the 2000 columns a sheet of returns may have: delete what lies to the right of the data",
            sendbench_batch::sheet::letter(2_500)
        )
    );
}

#[test]
fn spreadsheet_errors_and_formulas_never_worked_out_are_named_with_their_cell() {
    let rows = row(
        1,
        &[&text("School name"), &text("1a"), &text("1b"), &text("1c")],
    ) + &row(
        2,
        &[
            &text("Oakfield"),
            " t=\"e\"><v>#N/A</v>",
            " t=\"e\"><v>#DIV/0!</v>",
            "><f>VLOOKUP(A2,Levels!A:B,2,FALSE)</f>",
        ],
    ) + &row(
        3,
        &[
            &text("Riverside"),
            &text("Expected"),
            &text("Expected"),
            &text("Expected"),
        ],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.xlsx",
        &workbook(&rows, &shared_strings(&[]), &[]),
    );
    let intake = read(dir.path());
    assert_eq!(
        (intake.counts().used, intake.counts().invalid),
        (1, 1),
        "{:#?}",
        intake.to_json()
    );
    let (entry, error) = intake.invalid().next().expect("Oakfield's row");
    assert_eq!(entry.place.as_deref(), Some("Returns row 2"));
    let message = error.to_string();
    for expected in [
        "Returns!B2: the cell holds the spreadsheet error #N/A (a formula that failed), not strand 1a's level",
        "Returns!C2: the cell holds the spreadsheet error #DIV/0! (a formula that failed), not strand 1b's level",
        "Returns!D2: the cell holds a formula (=VLOOKUP(A2,Levels!A:B,2,FALSE)) whose value was never worked out",
    ] {
        assert!(message.contains(expected), "{message}");
    }
    // #N/A typed into a CSV (as Excel writes an error cell) is named too, not "not judged";
    // N/A without the # still means not judged.
    let dir = tempfile::tempdir().expect("tempdir");
    put(
        dir.path(),
        "returns.csv",
        b"School name,1a,1b\nOakfield,#N/A,N/A\nRiverside,Expected,Expected\n",
    );
    let intake = read(dir.path());
    let (_, error) = intake.invalid().next().expect("Oakfield's row");
    assert_eq!(
        error.to_string(),
        "returns!B2: the cell holds the spreadsheet error #N/A (a formula that failed), not strand 1a's level: put in what it should say, or leave it empty if there is nothing"
    );
}

#[test]
fn a_stray_windows_1252_byte_in_a_utf8_csv_is_read_as_meant_and_named() {
    // UTF-8 throughout ("Café Court") but for one byte pasted from elsewhere: 0x92, the
    // right quote of Windows-1252.
    let mut bytes = "School name,Local area or cluster,1a\nCafé Court,Dacorum,Expected\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"Oak Primary,King\x92s Langley,Expected\n");
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns.csv", &bytes);
    let intake = read(dir.path());
    assert_eq!(intake.counts().used, 2, "{:#?}", intake.to_json());
    let oak = intake
        .received
        .iter()
        .find(|r| r.assessment.school.name == "Oak Primary")
        .expect("Oak");
    assert_eq!(
        oak.assessment.school.area.as_deref(),
        Some("King’s Langley")
    );
    assert_eq!(
        oak.warnings,
        ["returns!B3: the byte 0x92 is not UTF-8 (the rest of the file is), read as Windows-1252: \"King’s Langley\"; check it reads as meant"]
    );
    let cafe = intake
        .received
        .iter()
        .find(|r| r.assessment.school.name == "Café Court")
        .expect("the UTF-8 rows read as UTF-8");
    assert!(cafe.warnings.is_empty());
}

#[test]
fn a_file_full_of_stray_bytes_names_a_thousand_cells_and_counts_the_rest() {
    // 40,000 cells, each with a byte that is not UTF-8, after a UTF-8 byte-order mark.
    let mut bytes =
        b"\xEF\xBB\xBFSchool name,1a evidence,1b evidence,1c evidence,1d evidence,1a\n".to_vec();
    for r in 0..10_000 {
        bytes.extend_from_slice(format!("School {r},").as_bytes());
        for _ in 0..4 {
            bytes.extend_from_slice(b"King\x92s,");
        }
        bytes.extend_from_slice(b"Expected\n");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    put(dir.path(), "returns.csv", &bytes);
    let started = std::time::Instant::now();
    let intake = read(dir.path());
    assert!(started.elapsed().as_secs() < 60);
    assert_eq!(intake.counts().used, 10_000);
    let named: usize = intake.received.iter().map(|r| r.warnings.len()).sum();
    assert_eq!(named, 1_000);
    assert!(
        intake.notes.iter().any(|n| n.ends_with("returns.csv: sheet returns: 39000 more cells than those named hold bytes that are not UTF-8 or characters that could not be read")),
        "{:?}",
        intake.notes
    );
}

/// Found by `scripts/bench-hostile.sh` (issue 25): a column map or options file of 4 MB
/// (130,000 entries, under the bound, so parsed) ran for minutes, each entry's line
/// counted from the start of the file. Now a map is read in moments, and a problem on its
/// last entry still names its line; an options file's areas are bounded.
#[test]
fn a_column_map_or_options_file_just_under_the_bound_is_read_in_moments() {
    let rubric = Rubric::builtin();
    let entries = 130_000;
    let mut map: String = "[columns]\n".into();
    let mut options: String = "[eligible]\n".into();
    for i in 0..entries {
        map.push_str(&format!("\"Question {i}\" = \"strand 1a\"\n"));
        options.push_str(&format!("\"Area {i}\" = 5\n"));
    }
    map.push_str("\"Last\" = \"strand 9z\"\n");
    let started = std::time::Instant::now();
    let problems = sendbench_batch::ColumnMap::from_toml(&map, &rubric).expect_err("9z");
    assert_eq!(
        problems,
        [format!(
            "line {}: \"Last\": the rubric has no strand \"9z\"",
            entries + 2
        )]
    );
    // An options file's areas are bounded: the first past the bound is named by its line.
    let problems = sendbench_batch::CollectionOptions::from_toml(&options).expect_err("bound");
    assert_eq!(
        problems,
        [format!(
            "line {}: eligible: more than 1000 areas; give only the areas the returns come from",
            sendbench_batch::county::MAX_OPTION_AREAS + 2
        )]
    );
    // Minutes before; a few seconds even in a debug build on a busy machine.
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

/// Found by `scripts/bench-hostile.sh` (issue 25): a quote never closed (a download cut
/// short) read the rest of the file as one cell, and the export as a row with no answers,
/// without a word. Now it is refused, naming the cell where the quote opens.
#[test]
fn a_quote_never_closed_is_refused_naming_its_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/surveys/smart-survey.csv");
    let export = std::fs::read(fixture).expect("fixture");
    let text = String::from_utf8(export).expect("UTF-8");
    let mut lines = text.lines();
    let (header, row) = (lines.next().expect("header"), lines.next().expect("row"));
    // Line ends as Excel writes them: the reader starts a record on the `\n` of `\r\n`.
    let cut =
        format!("{header}\r\n{row}\r\n1,\"Oak \"\"Tree\"\" Primary, and the rest\r\n2,Elm, with no quote\r\n");
    put(dir.path(), "cut.csv", cut.as_bytes());
    let e = refusal(dir.path());
    assert!(
        e.contains("cut!B3: a quote opens in this cell and is never closed"),
        "{e}"
    );
    // The same rows, closed, are read.
    let closed = format!("{header}\n{row}\n");
    std::fs::write(dir.path().join("cut.csv"), closed).expect("write");
    assert_eq!(read(dir.path()).invalid().count(), 0);
}
