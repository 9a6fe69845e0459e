#!/usr/bin/env bash
# Checks the web page (scripts/web.sh) in a real browser against the command line.
#
# Makes, with the command-line sendbench, what each job should give: the examples' school
# documents (`build`; fragments with `report --fragment`), a filled Word toolkit's, a review
# beside last year's, the area publication of the examples, a survey export's, and a small
# county split by local area (a SurveyMonkey export with its options file). Then, in Debian's
# headless chromium driven by puppeteer-core, against the built page served on 127.0.0.1:
# chooses each input on the page's file inputs, waits for the download links, reads every
# file's bytes in the page and fails unless each equals the command line's file of the same
# name; drops hostile files (a zip bomb named .docx, a 50 MB CSV) and expects a clear message
# and a page that still works; runs axe-core (WCAG 2.2 A and AA) at 320 and 1280 px; and
# fails on any request outside the page's origin. Prints the timings and the engine's memory.
#
# Set SKIP_WEB_BUILD=1 to check target/web as it is. Installs chromium (apt) and, into
# .cache/html-tools, npm's axe-core and puppeteer-core, as check-html.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.cache/html-tools
WORK=${WORK:-$ROOT/.cache/web-check}

if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
mkdir -p "$TOOLS"
if [ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ] || [ ! -f "$TOOLS/node_modules/puppeteer-core/package.json" ]; then
  (cd "$TOOLS" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent axe-core@4 puppeteer-core@24 >/dev/null)
fi
[ -n "${SKIP_WEB_BUILD:-}" ] || bash scripts/web.sh
BIN=${BIN:-$ROOT/target/debug/sendbench}
[ -x "$BIN" ] || cargo build -q
rm -rf "$WORK"
mkdir -p "$WORK"/{in,expected}
IN=$WORK/in
EXP=$WORK/expected

# The inputs, each case in its own folder, read from inside it (so each file's name is the
# same on the command line as on the page).
mkdir -p "$IN"/{examples,docx,previous,survey,county,hostile}
cp examples/schools/*.toml "$IN/examples/"
"$BIN" toolkit --assessment examples/schools/riverside-academy.toml -o "$IN/docx/riverside-academy.docx" 2>/dev/null
cp examples/schools/oakfield-primary.toml "$IN/previous/"
cp tests/fixtures/oakfield-primary-2024-25.toml "$IN/previous/"
cp crates/batch/tests/fixtures/surveys/smart-survey.csv "$IN/survey/"
python3 scripts/synthesise-county.py "$IN/county-src" --schools 16 --areas 2 --years 2025/26 >/dev/null
cp "$IN/county-src/Sheet_1.csv" "$IN/county/"
cp "$IN/county-src/area-options.toml" "$WORK/area-options.toml"
python3 - "$IN/hostile" <<'PY'
import sys, zipfile, zlib
out = sys.argv[1]
# A zip bomb dressed as a filled toolkit: one part claims little and holds 1 GB of zeros.
with zipfile.ZipFile(out + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open("word/document.xml", "w", force_zip64=True) as part:
        block = b"\0" * (1 << 20)
        for _ in range(1024):
            part.write(block)
# A 50 MB CSV: a header nobody's survey has, then rows of noise.
with open(out + "/huge.csv", "w") as f:
    f.write("Column A,Column B,Column C\n")
    row = "x" * 60 + "," + "y" * 60 + "," + "z" * 60 + "\n"
    f.write(row * (50 * 1024 * 1024 // len(row)))
PY

build() { # build CASE [options...]: the command line's documents for a case
  local case=$1; shift
  (cd "$IN/$case" && "$BIN" build . -o "$EXP/$case" --quiet "$@" >/dev/null 2>&1) || true
}
build examples
build docx
build previous
build survey
(cd "$IN/county" && "$BIN" build . -o "$EXP/county" --quiet --by area --options "$WORK/area-options.toml" >/dev/null 2>&1) || true
for f in "$IN"/examples/*.toml; do
  "$BIN" report "$f" --all --format html --fragment -o "$EXP/fragments/examples" >/dev/null 2>&1
done
"$BIN" report "$IN/previous/oakfield-primary.toml" --previous "$IN/previous/oakfield-primary-2024-25.toml" \
  --all --format html --fragment -o "$EXP/fragments/previous" >/dev/null 2>&1

NODE_PATH=$TOOLS/node_modules node scripts/check-web.cjs "$ROOT/target/web" "$WORK"
