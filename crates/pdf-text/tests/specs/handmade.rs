//! Small PDFs written by hand for the tests: one Type 0 font (Identity-H, a `ToUnicode` map
//! in which each code is its own Unicode value, 0.5 em glyphs) and the pages' content
//! streams as given, so each case shows exactly the operators it is about.

/// The ToUnicode map: codes 0x20 to 0x7E stand for themselves; 0x0001 stands for nothing.
const CMAP: &str = "/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0020> <007E> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end";

/// A page's content stream, and the filter its dictionary names (if any).
pub struct Content {
    pub data: Vec<u8>,
    pub filter: Option<&'static str>,
}

impl Content {
    /// Plain (unfiltered) content.
    pub fn plain(text: &str) -> Content {
        Content {
            data: text.as_bytes().to_vec(),
            filter: None,
        }
    }
}

/// A PDF with one page per content stream, each using the font as `/F1`.
pub fn pdf(pages: &[Content]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H \
           /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test \
           /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
           /FontDescriptor 5 0 R /DW 500 /W [32 [250] 45 [300]] >>"
            .to_vec(),
        b"<< /Type /FontDescriptor /FontName /Test /Flags 32 /FontBBox [0 -200 1000 800] \
           /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"
            .to_vec(),
        stream("", CMAP.as_bytes()),
    ];
    for (i, page) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                8 + 2 * i
            )
            .into_bytes(),
        );
        let filter = page
            .filter
            .map(|f| format!("/Filter /{f} "))
            .unwrap_or_default();
        objects.push(stream(&filter, &page.data));
    }
    assemble(&objects)
}

fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {extra}/Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Numbers the objects from 1 and writes the header, the cross-reference table and trailer.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Text as the font's hexadecimal codes, for `Tj` and `TJ`.
pub fn hex(text: &str) -> String {
    let codes: String = text.chars().map(|c| format!("{:04X}", c as u32)).collect();
    format!("<{codes}>")
}
