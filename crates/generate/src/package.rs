//! The same spreadsheet bytes on every platform.
//!
//! rust_xlsxwriter asks its zip writer for Unix file modes, and the zip writer records the
//! maker's system as Unix on Linux but as MS-DOS on Windows, with the same modes: one byte
//! per file differs between a workbook made on Windows and on Linux. Same input, same
//! bytes, whatever the platform: the maker's system is set to Unix, which is what the modes
//! recorded mean.

/// `xlsx` with every central directory entry's "version made by" system set to Unix. A
/// package that does not parse as expected is returned unchanged.
pub(crate) fn same_on_every_platform(mut xlsx: Vec<u8>) -> Vec<u8> {
    const END: &[u8] = b"PK\x05\x06";
    const ENTRY: &[u8] = b"PK\x01\x02";
    const UNIX: u8 = 3;
    let Some(end) = xlsx.windows(4).rposition(|w| w == END) else {
        return xlsx;
    };
    let read16 = |b: &[u8], at: usize| {
        b.get(at..at + 2)
            .map(|s| u16::from_le_bytes([s[0], s[1]]) as usize)
    };
    let read32 = |b: &[u8], at: usize| {
        b.get(at..at + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
    };
    let (Some(count), Some(mut at)) = (read16(&xlsx, end + 10), read32(&xlsx, end + 16)) else {
        return xlsx;
    };
    let mut patches = Vec::with_capacity(count);
    for _ in 0..count {
        if xlsx.get(at..at + 4) != Some(ENTRY) {
            return xlsx;
        }
        let (Some(name), Some(extra), Some(comment)) = (
            read16(&xlsx, at + 28),
            read16(&xlsx, at + 30),
            read16(&xlsx, at + 32),
        ) else {
            return xlsx;
        };
        patches.push(at + 5);
        at += 46 + name + extra + comment;
    }
    for p in patches {
        xlsx[p] = UNIX;
    }
    xlsx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_makers_system_is_unix_and_nothing_else_changes() {
        let book = {
            let mut wb = rust_xlsxwriter::Workbook::new();
            wb.add_worksheet().write_string(0, 0, "x").expect("write");
            wb.save_to_buffer().expect("xlsx")
        };
        // As made on Windows: the system byte of every entry is MS-DOS (0).
        let mut windows = book.clone();
        let mut at = 0;
        while let Some(p) = windows[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            windows[at + p + 5] = 0;
            at += p + 4;
        }
        assert_ne!(windows, book);
        let fixed = same_on_every_platform(windows);
        assert_eq!(fixed, same_on_every_platform(book.clone()));
        assert_eq!(fixed.len(), book.len());
        // Still a workbook.
        assert!(zip::ZipArchive::new(std::io::Cursor::new(fixed)).is_ok());
        // Not a zip: untouched.
        assert_eq!(same_on_every_platform(b"plain".to_vec()), b"plain");
    }
}
