#!/usr/bin/env bash
# Pastes every fragment sendbench makes into typical school-website host pages and checks,
# in headless Chromium, that it keeps its own text sizes and layout there (issue 27):
#   hosts: a plain page; a WordPress-style theme (10 px root, global table/h2/caption rules,
#   captions below tables); Bootstrap 5 (npm bootstrap@5); Bootstrap 3 (npm bootstrap@3, a
#   10 px root); a 700 px content column beside a sidebar;
#   fragments: each audience's (sen-info, parents, governors) from Oakfield, Riverside's
#   SEN information, the half-finished special school's parents', a review whose typed text
#   runs over several lines with "- " lists, and the area page;
#   at 375 and 1280 px: body text, headings and tables at the fragment's own computed sizes
#   (as on the plain page), captions above their tables, every table cell on screen, not cut
#   and not squeezed, no element scrolling or clipping, no tab stop that is not a control,
#   typed line breaks kept; two fragments on one page: ids unique, labels resolve within
#   their own fragment, axe-core (WCAG 2.x A/AA and best practice, incl. landmark-unique)
#   finds nothing; in forced colours (Windows high contrast) every chart mark of the area page
#   and a county overview stays at least 3:1 against the page. Screenshots go to $OUT/shots.
# Uses the tools scripts/check-html.sh installs into .cache/html-tools, and adds npm's
# bootstrap@5 and bootstrap@3 there. About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.cache/html-tools
OUT=${OUT:-$ROOT/.cache/html-hosts}
start=$(date +%s)

if [ ! -f "$TOOLS/node_modules/bootstrap/dist/css/bootstrap.min.css" ] || [ ! -f "$TOOLS/node_modules/bootstrap3/dist/css/bootstrap.min.css" ]; then
  (cd "$TOOLS" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent bootstrap@5 bootstrap3@npm:bootstrap@3 >/dev/null)
fi
cargo build -q
BIN=$ROOT/target/debug/sendbench
rm -rf "$OUT"
mkdir -p "$OUT/fragments" "$OUT/shots"

# A review whose text a school typed over several lines, some as "- " lists, all public.
python3 - "$OUT/typed.toml" <<'PY'
import sys
text = open("examples/schools/oakfield-primary.toml", encoding="utf-8").read()
text = text.replace('name = "Oakfield Primary School"', 'name = "St Mary and St John Church of England Voluntary Aided Primary School and Nursery"', 1)
typed = 'evidence = """Pupil voice this year:\n- All about me profiles for every pupil\n- Symbol versions in Key Stage 1\nReviewed termly with parents."""'
text = text.replace(text[text.index('evidence = "'):text.index('\n', text.index('evidence = "'))], typed, 1)
text = text.replace("public = false", "public = true")
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
grep -q '^- All about me' "$OUT/typed.toml"
F=$OUT/fragments
for audience in sen-info parents governors; do
  "$BIN" report examples/schools/oakfield-primary.toml --audience "$audience" --format html --fragment -o "$F/oakfield-$audience.html" 2>/dev/null
done
"$BIN" report examples/schools/riverside-academy.toml --audience sen-info --format html --fragment -o "$F/riverside-sen-info.html" 2>/dev/null
"$BIN" report examples/schools/beacon-hill-special.toml --audience parents --format html --fragment -o "$F/beacon-hill-parents.html" 2>/dev/null
for audience in parents governors; do
  "$BIN" report "$OUT/typed.toml" --audience "$audience" --format html --fragment -o "$F/typed-$audience.html" 2>/dev/null
done
"$BIN" area examples/schools --html "$F/area.html" --fragment >/dev/null 2>&1
# Pages for forced colours (Windows high contrast): the area page with a split withheld, and
# a small synthetic county's overview (its navy bar).
"$BIN" area examples/schools --html "$OUT/area-suppressed.html" --suppress-below 3 >/dev/null 2>&1
python3 scripts/synthesise-county.py "$OUT/county-in" --schools 24 --areas 3 >/dev/null
"$BIN" area "$OUT/county-in" --by area --options "$OUT/county-in/area-options.toml" -o "$OUT/county-out" >/dev/null 2>&1

# The first two are pasted side by side as well (two schools on a federation's page).
NODE_PATH=$TOOLS/node_modules node scripts/check-hosts.cjs "$OUT/shots" \
  "$TOOLS/node_modules/bootstrap/dist/css/bootstrap.min.css" \
  "$TOOLS/node_modules/bootstrap3/dist/css/bootstrap.min.css" \
  "$F/oakfield-sen-info.html" "$F/riverside-sen-info.html" "$F/oakfield-parents.html" \
  "$F/oakfield-governors.html" "$F/beacon-hill-parents.html" "$F/typed-parents.html" \
  "$F/typed-governors.html" "$F/area.html" \
  --forced "$OUT/area-suppressed.html" "$OUT/county-out/county-overview.html"
echo "host pages and screenshots in $OUT/shots; took $(( $(date +%s) - start )) s"
