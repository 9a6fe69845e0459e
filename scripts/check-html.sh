#!/usr/bin/env bash
# Checks every web page sendbench makes in a real browser and with the Nu HTML Checker.
#
# Makes each page type (sen-info, parents, governors; whole page and fragment) from every
# example: complete reviews, the half-finished special school, a blank review, the
# four-level rubric, and a review whose every text field is hostile (markup, quotes,
# ampersands); the area page (plain, with small-number suppression, and as a fragment); and
# from a small synthetic county over three years, one area's page and the county overview;
# and every audience of a school's report beside its review from the year before.
# Then:
#   - axe-core in Debian's headless chromium (driven by puppeteer-core, no browser download)
#     at WCAG 2.0/2.1/2.2 A and AA, at 1280 and 320 CSS px wide: fails on any violation;
#   - at 320 px, fails if the page scrolls sideways (WCAG 1.4.10 reflow); at both widths,
#     fails if any chart (bar, track, axis) is drawn narrower than 150 px;
#   - the Nu HTML Checker (npm vnu-jar, Java): fails on any error;
#   - screenshots of each page type at 320, 768 and 1280 px in $OUT/shots, to look at.
# A fragment is checked inside a minimal host page (its <style> moved into the host's
# <head>, as the HTML standard allows <style> only there; browsers accept it in place).
#
# Installs what it needs: Debian's chromium (apt-get) and, into .cache/html-tools
# (git-ignored), npm's axe-core, puppeteer-core and vnu-jar.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.cache/html-tools
OUT=${OUT:-$ROOT/.cache/html-check}
start=$(date +%s)

if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
mkdir -p "$TOOLS"
if [ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ] || [ ! -f "$TOOLS/node_modules/puppeteer-core/package.json" ] || [ ! -f "$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  (cd "$TOOLS" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent axe-core@4 puppeteer-core@24 vnu-jar >/dev/null)
fi

cargo build -q
BIN=$ROOT/target/debug/sendbench
rm -rf "$OUT"
mkdir -p "$OUT/pages" "$OUT/inputs" "$OUT/shots"

# The inputs: the examples, a blank review, and a hostile one.
cp examples/schools/*.toml "$OUT/inputs/"
"$BIN" new --school "Blank Example School" -o "$OUT/inputs/blank.toml" >/dev/null
hostile='<script>alert(1)</script> & "Quoted" <b>School</b>'
python3 - "$OUT/inputs/hostile.toml" "$hostile" <<'EOF'
import re, sys
text = open("examples/schools/oakfield-primary.toml", encoding="utf-8").read()
bad = sys.argv[2]
text = text.replace('name = "Oakfield Primary School"', 'name = "%s"' % bad.replace('"', '\\"'), 1)
# Every evidence and event gains markup that must stay text.
text = re.sub(r'(evidence = ")', r'\1</td><img src=x onerror=alert(2)> & ', text)
text = re.sub(r'(event = ")', r'\1<a href=\"https://example.invalid\">x</a> ', text)
text = text.replace('public = false', 'public = true')
open(sys.argv[1], "w", encoding="utf-8").write(text)
EOF
pages=()
for input in "$OUT"/inputs/*.toml; do
  name=$(basename "$input" .toml)
  for audience in sen-info parents governors; do
    "$BIN" report "$input" --audience "$audience" --format html -o "$OUT/pages/$name-$audience.html" 2>/dev/null
    pages+=("$OUT/pages/$name-$audience.html")
  done
  for audience in sen-info parents; do
    "$BIN" report "$input" --audience "$audience" --format html --fragment -o "$OUT/pages/$name-$audience.fragment.html" 2>/dev/null
  done
done
# Oakfield beside a made-up review from the year before (one strand a level lower then, one
# higher, one not judged, an action left open) and the area's figures: the progress and
# comparison sections of every audience.
python3 - "$OUT/previous.toml" <<'EOF'
import sys
text = open("examples/schools/oakfield-primary.toml", encoding="utf-8").read()
text = text[:text.index("[[action_plan]]")]
for old, new in [('academic_year = "2025/26"', 'academic_year = "2024/25"'),
                 ("date = 2026-06-19", "date = 2025-06-20"),
                 ('[outcomes.1.strands.a]\njudgement = "expected"', '[outcomes.1.strands.a]\njudgement = "emerging"'),
                 ('[outcomes.1.strands.l]\njudgement = "emerging"', '[outcomes.1.strands.l]\njudgement = "expected"'),
                 ('[outcomes.1.strands.b]\njudgement = "expected"\n', '[outcomes.1.strands.b]\n')]:
    assert old in text, old
    text = text.replace(old, new, 1)
text += '[[action_plan]]\noutcome = "4"\ntarget = "Audit the accessibility plan with governors."\ndue = 2026-03-31\n'
open(sys.argv[1], "w", encoding="utf-8").write(text)
EOF
for audience in sen-info parents governors; do
  "$BIN" report examples/schools/oakfield-primary.toml --previous "$OUT/previous.toml" --compare examples/schools --audience "$audience" --format html -o "$OUT/pages/progress-$audience.html" 2>/dev/null
  pages+=("$OUT/pages/progress-$audience.html")
done
grep -q "Since the last review" "$OUT/pages/progress-governors.html" || { echo "the progress pages show no progress" >&2; exit 1; }
grep -q "Compared with the area" "$OUT/pages/progress-governors.html" || { echo "the progress pages show no area figures" >&2; exit 1; }
rubric=examples/other-rubric/rubric.toml
for audience in sen-info parents governors; do
  "$BIN" --rubric "$rubric" report examples/other-rubric/little-acorns.toml --audience "$audience" --format html -o "$OUT/pages/little-acorns-$audience.html" 2>/dev/null
  pages+=("$OUT/pages/little-acorns-$audience.html")
done
"$BIN" area examples/schools --html "$OUT/pages/area.html" >/dev/null 2>&1
"$BIN" area examples/schools --html "$OUT/pages/area-suppressed.html" --suppress-below 3 >/dev/null 2>&1
"$BIN" area examples/schools --html "$OUT/pages/area.fragment.html" --fragment >/dev/null 2>&1
pages+=("$OUT/pages/area.html" "$OUT/pages/area-suppressed.html")
# A small synthetic county over three years: each area's page (with the county beside it and
# the year-on-year chart) and the county overview.
python3 scripts/synthesise-county.py "$OUT/county-in" --schools 60 --areas 4 >/dev/null
"$BIN" area "$OUT/county-in" --by area --options "$OUT/county-in/area-options.toml" \
  --suppress-below 3 -o "$OUT/county-out" >/dev/null 2>&1
cp "$OUT/county-out/county-overview.html" "$OUT/pages/county-overview.html"
cp "$(ls "$OUT"/county-out/*.html | grep -v county-overview | head -1)" "$OUT/pages/county-area.html"
pages+=("$OUT/pages/county-overview.html" "$OUT/pages/county-area.html")

# Each fragment inside a minimal host page.
for fragment in "$OUT"/pages/*.fragment.html; do
  host=${fragment%.fragment.html}.hosted.html
  python3 - "$fragment" "$host" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
start, end = text.index("<style>"), text.index("</style>") + len("</style>")
style, body = text[start:end], text[end:]
open(sys.argv[2], "w", encoding="utf-8").write(
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>A school's website</title>\n" + style + "\n</head>\n<body>\n<main>\n"
    "<h1>Our SEN information report</h1>\n" + body + "</main>\n</body>\n</html>\n")
EOF
  pages+=("$host")
done
echo "made ${#pages[@]} pages in $OUT/pages"

cat > "$TOOLS/check.cjs" <<'EOF'
// axe-core at WCAG 2.x A and AA, sideways scrolling at 320 px, and screenshots.
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [shots, ...files] = process.argv.slice(2);
const shoot = new Set(["oakfield-primary-sen-info.html", "beacon-hill-special-parents.html",
  "hostile-governors.html", "area-suppressed.html", "oakfield-primary-sen-info.hosted.html",
  "county-overview.html", "county-area.html", "progress-governors.html", "progress-parents.html"]);
(async () => {
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  let violations = 0, checked = 0;
  const page = await browser.newPage();
  // No page may ask for anything but itself.
  await page.setRequestInterception(true);
  const requests = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) requests.push(r.url());
    r.continue();
  });
  for (const file of files) {
    const name = path.basename(file);
    for (const width of [1280, 320]) {
      await page.setViewport({ width, height: 900 });
      await page.goto("file://" + file, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
        resultTypes: ["violations"],
      }));
      checked++;
      for (const v of result.violations) {
        violations += v.nodes.length;
        console.log(`${name} @${width}px: ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(" ")}: ${n.failureSummary.split("\n").join(" ")}`);
      }
      if (width === 320) {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > 320) {
          violations++;
          console.log(`${name} @320px: scrolls sideways (${wide} px wide): WCAG 1.4.10`);
        }
      }
      // Every chart keeps a readable width: a bar, track or axis squeezed into a narrow
      // grid column would pass the checks above and show nothing.
      const narrow = await page.evaluate(() => [...document.querySelectorAll(".sb-bar, .sb-track, .sb-axis")]
        .filter((e) => e.getBoundingClientRect().width < 150).length);
      if (narrow > 0) {
        violations++;
        console.log(`${name} @${width}px: ${narrow} charts narrower than 150 px`);
      }
    }
    if (shoot.has(name)) {
      for (const width of [320, 768, 1280]) {
        await page.setViewport({ width, height: 900 });
        await page.goto("file://" + file, { waitUntil: "load" });
        await page.screenshot({ path: path.join(shots, `${name.replace(/\.html$/, "")}-${width}.png`), fullPage: true });
      }
    }
  }
  await browser.close();
  for (const r of requests) console.log(`request to another address: ${r}`);
  console.log(`axe: ${checked} page views checked, ${violations} violations, ${requests.length} outside requests`);
  process.exit(violations + requests.length > 0 ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
EOF

status=0
node "$TOOLS/check.cjs" "$OUT/shots" "${pages[@]}" || status=1
if java -jar "$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format text "${pages[@]}" 2>"$OUT/vnu.txt"; then
  echo "vnu: ${#pages[@]} pages, 0 errors"
else
  cat "$OUT/vnu.txt"
  echo "vnu: $(grep -c '^Error' "$OUT/vnu.txt" || true) errors"
  status=1
fi
echo "screenshots in $OUT/shots; took $(( $(date +%s) - start )) s"
exit $status
