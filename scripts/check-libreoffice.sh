#!/usr/bin/env bash
# Checks the Word toolkit against LibreOffice, as a school without Word would use it:
#  1. each example's pre-filled toolkit is opened and saved as DOCX by LibreOffice, then
#     imported; the judgement profile must match the original, and any text that changed
#     on the way is shown (LibreOffice 7.4 drops tags and line breaks inside fields);
#  2. the blank and one pre-filled toolkit are converted to PDF and rendered to PNG pages
#     (needs poppler-utils) so a person can look at them.
# Not part of `cargo test` (LibreOffice is a large install). Needs `soffice` on PATH:
#   apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation   (7.4 on bookworm;
#   fonts-liberation gives Arial-metric fonts, so pages lay out as they would in Word)
#   apt-get install -t bookworm-backports libreoffice-writer-nogui (25.2)
#
#   scripts/check-libreoffice.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/libreoffice-check}
rm -rf "$out" && mkdir -p "$out/saved"
cargo build --quiet
bin=$PWD/target/debug/sendbench
echo "== $(soffice --version 2>/dev/null | head -1)"

status=0
for example in examples/schools/*.toml; do
    name=$(basename "$example" .toml)
    "$bin" toolkit --assessment "$example" -o "$out/$name.docx" 2>/dev/null
    # LibreOffice opens the form and saves it again as Word 2007-365.
    timeout 300 soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$out/saved" "$out/$name.docx" >/dev/null 2>&1
    if ! "$bin" import "$out/saved/$name.docx" -o "$out/$name.imported.toml" 2>"$out/$name.import.log"; then
        echo "FAIL $name: import failed"; cat "$out/$name.import.log"; status=1; continue
    fi
    "$bin" import "$out/$name.docx" -o "$out/$name.direct.toml" 2>/dev/null
    if [ "$("$bin" summary --format json "$example")" != "$("$bin" summary --format json "$out/$name.imported.toml")" ]; then
        echo "FAIL $name: the judgement profile changed through LibreOffice"; status=1
    else
        echo "ok   $name: same profile after LibreOffice saved it"
    fi
    grep -h '^warning' "$out/$name.import.log" | sed 's/^/     /' || true
    if ! diff -q <(grep -v '^#' "$out/$name.direct.toml") <(grep -v '^#' "$out/$name.imported.toml") >/dev/null; then
        echo "     text that changed on the way (< as written, > after LibreOffice):"
        diff <(grep -v '^#' "$out/$name.direct.toml") <(grep -v '^#' "$out/$name.imported.toml") | sed 's/^/     /' | head -40 || true
    fi
done

"$bin" toolkit -o "$out/blank.docx" 2>/dev/null
for doc in blank oakfield-primary; do
    timeout 300 soffice --headless --convert-to pdf --outdir "$out" "$out/$doc.docx" >/dev/null 2>&1
    if command -v pdftoppm >/dev/null; then
        pdftoppm -png -r 60 "$out/$doc.pdf" "$out/$doc-page"
    fi
    echo "     $doc.pdf: $(pdfinfo "$out/$doc.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages"
done
echo "Pages to look at: $out/*-page-*.png"
exit $status
