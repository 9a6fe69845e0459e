#!/usr/bin/env bash
# Benchmark for the whole-area build (issue 6), in a release build, side by side in one run:
#
# 1. `sendbench build` for synthetic areas of 50, 500 and 2,000 schools (or the sizes given
#    with --sizes): wall time, peak resident memory, time per school (flat = linear growth).
#    Each school gives 4 documents (3 PDF reports and a pre-filled toolkit); each run adds the
#    blank toolkit and the area report (PDF, XLSX, CSV). Targets for 500 schools: <= 30 s
#    wall and <= 500 MB peak.
# 2. Per document, on a sample of schools: what a document costs inside `build` (one worker,
#    so it is time per document on one core), against
#    - `typst compile` of the same template and data (typst-cli 0.15.1: it is installed for
#      this benchmark only, `cargo install typst-cli --version 0.15.1 --locked`), one process
#      per document, as a template author or a script driving typst would run it;
#    - LibreOffice headless converting our pre-filled toolkit DOCX to PDF (what a school
#      would otherwise do to print its form), every document of the sample in one soffice
#      process so its start-up is shared (`apt-get install libreoffice-writer-nogui`).
#    The ratios say how many times longer the other tool takes per document.
# 3. A county (issue 16): scripts/synthesise-county.py's 450 schools in 10 local areas over
#    three years, as two Microsoft Forms workbooks and a SurveyMonkey CSV, built with
#    `build --by area` (every school's documents, the area report, and each local area's
#    report, spreadsheet and open data with the county overview) and with `area --by area`
#    alone (the areas' documents without the schools'); checks the counts read against
#    what the generator wrote (expected.json).
#
#   scripts/bench-build.sh [--sizes "50 500 2000"] [--sample 12] [--county-only]
#
# Prints a Markdown report (machine, date, tables) on standard output; progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="50 500 2000"
sample=12
county_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --sample) sample=$2; shift 2 ;;
        --county-only) county_only=1; shift ;;
        *) echo "usage: scripts/bench-build.sh [--sizes \"50 500 2000\"] [--sample N] [--county-only]" >&2; exit 2 ;;
    esac
done
[ "$county_only" = 1 ] || command -v typst >/dev/null || { echo "typst-cli is needed: cargo install typst-cli --version 0.15.1 --locked" >&2; exit 1; }
[ "$county_only" = 1 ] || command -v soffice >/dev/null || { echo "LibreOffice is needed: apt-get install libreoffice-writer-nogui" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
bin=""
. scripts/prelude.sh

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

echo "# sendbench build benchmark"
echo
echo "- date: $(date -u +%Y-%m-%d)"
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "- $("$bin" --version)$([ "$county_only" = 1 ] || echo ", $(typst --version), $(soffice --version | cut -d' ' -f1-2)")"
echo "- synthetic returns: scripts/synthesise-returns.py (seed 7): 34 strands and 9 checklist items each, evidence of 8 to 70 words"
echo

county() {
    echo "## A county: 450 schools in 10 local areas, three years of survey exports"
    echo
    python3 scripts/synthesise-county.py "$work/county" --seed 7 >/dev/null
    mkdir -p "$work/county-in"
    cp "$work/county"/*.xlsx "$work/county"/*.csv "$work/county-in/"
    echo "build: county (build --by area)" >&2
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" build "$work/county-in" -o "$work/county-out" \
        --by area --options "$work/county/area-options.toml" --quiet 2>"$work/county-build.log"
    read -r bwall bkb < "$work/time"
    bdocs=$(find "$work/county-out" -name '*.pdf' -o -name '*.docx' -o -name '*.xlsx' -o -name '*.csv' | wc -l)
    adocs=$(find "$work/county-out/areas" -type f | wc -l)
    echo "build: county (area --by area)" >&2
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" area "$work/county-in" -o "$work/county-areas" \
        --by area --options "$work/county/area-options.toml" >/dev/null 2>"$work/county-area.log"
    read -r awall akb < "$work/time"
    # The counts read, against what the generator wrote: schools per area in the latest year.
    python3 - "$work/county/expected.json" "$work/county-areas/county.csv" <<'PY'
import csv, json, sys
expected = json.load(open(sys.argv[1]))
latest = sorted(expected["years"])[-1]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
period = latest[:4] + latest[-2:]
got = {r["local_area"]: int(r["schools"]) for r in rows if r["time_period"] == period and r["strand"] == "1a"}
year = expected["by_year"][latest]
want = {a: v["schools"] for a, v in year["areas"].items()}
want["Total"] = year["county"]["schools"]
bad = {a: (got.get(a), w) for a, w in want.items() if got.get(a) != w}
print(f"Schools per area in {latest}: {'all ' + str(len(want)) + ' match expected.json' if not bad else 'MISMATCH ' + str(bad)}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
    echo "| command | documents | wall (s) | peak RSS (MB) |"
    echo "| --- | ---: | ---: | ---: |"
    awk -v d="$bdocs" -v a="$adocs" -v w="$bwall" -v kb="$bkb" \
        'BEGIN {printf "| build --by area (1,207 returns: every school, the area, %d local-area files) | %d | %.1f | %.0f |\n", a, d, w, kb / 1024}'
    awk -v d="$(find "$work/county-areas" -type f | wc -l)" -v w="$awall" -v kb="$akb" \
        'BEGIN {printf "| area --by area (10 local areas and the county overview) | %d | %.1f | %.0f |\n", d, w, kb / 1024}'
    echo
    grep -m1 '^Read' "$work/county-area.log" || true
    echo
}
if [ "$county_only" = 1 ]; then
    county
    exit 0
fi

echo "## Whole-area build"
echo
echo "| schools | documents | wall (s) | peak RSS (MB) | ms per school |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for n in $sizes; do
    echo "build: $n schools" >&2
    python3 scripts/synthesise-returns.py "$n" "$work/in-$n" --seed 7
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" build "$work/in-$n" -o "$work/out-$n" --quiet
    documents=$(find "$work/out-$n" -name '*.pdf' -o -name '*.docx' -o -name '*.xlsx' -o -name '*.csv' | wc -l)
    read -r wall kb < "$work/time"
    awk -v n="$n" -v d="$documents" -v w="$wall" -v kb="$kb" \
        'BEGIN {printf "| %d | %d | %.1f | %.0f | %.1f |\n", n, d, w, kb / 1024, w * 1000 / n}'
    rm -rf "$work/out-$n"
done
echo

echo "## Per document, against typst compile and LibreOffice"
echo
echo "build: per-document comparison on $sample schools" >&2
python3 scripts/synthesise-returns.py "$sample" "$work/sample" --seed 11
# Inside build, on one core (--jobs 1), by kind of document.
start=$(now_ns)
"$bin" build "$work/sample" -o "$work/sample-out" --quiet --jobs 1
build_ms=$(ms_since "$start")
# The same reports as separate sendbench processes, and typst compile of the same sources.
declare -A ours theirs
for audience in governors parents sen-info; do
    for f in "$work"/sample/*.toml; do
        "$bin" report "$f" --audience "$audience" --emit-source "$work/src/$audience/$(basename "$f" .toml)" 2>/dev/null
    done
    start=$(now_ns)
    for f in "$work"/sample/*.toml; do
        "$bin" report "$f" --audience "$audience" -o "$work/ours.pdf" --force 2>/dev/null
    done
    ours[$audience]=$(ms_since "$start")
    start=$(now_ns)
    for d in "$work/src/$audience"/*; do
        typst compile --ignore-system-fonts --font-path templates/fonts --pdf-standard ua-1 \
            "$d/$audience.typ" "$work/typst.pdf"
    done
    theirs[$audience]=$(ms_since "$start")
done
# LibreOffice converting the pre-filled toolkits, all in one process (its start-up shared).
mkdir -p "$work/lo" "$work/lo-profile"
first=$(ls "$work"/sample-out/schools/*-toolkit-*.docx | head -1)
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf \
    --outdir "$work/lo-warm" "$first" >/dev/null 2>&1 # first start creates the profile: not timed
start=$(now_ns)
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf \
    --outdir "$work/lo" "$work"/sample-out/schools/*-toolkit-*.docx >/dev/null 2>&1
lo_ms=$(ms_since "$start")
converted=$(find "$work/lo" -name '*-toolkit-*.pdf' | wc -l)
[ "$converted" -eq "$sample" ] || { echo "LibreOffice converted $converted of $sample toolkits" >&2; exit 1; }
# Our own toolkit DOCX on its own, for the LibreOffice line.
start=$(now_ns)
for f in "$work"/sample/*.toml; do
    "$bin" toolkit --assessment "$f" -o "$work/toolkit.docx" --force 2>/dev/null
done
toolkit_ms=$(ms_since "$start")

docs=$((sample * 4 + 1 + 1))
per() { awk -v t="$1" -v n="$2" 'BEGIN {printf "%.1f", t / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
inbuild=$(per "$build_ms" "$docs")
echo "Sample: $sample schools. In \`build\` with one worker: $docs documents (4 per school, the blank toolkit, the area report) in $build_ms ms, $inbuild ms per document on average."
echo
echo "| document | sendbench, one process each (ms) | typst compile, same template and data (ms) | typst / sendbench | LibreOffice DOCX to PDF (ms) | LibreOffice / sendbench build |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for audience in governors parents sen-info; do
    o=$(per "${ours[$audience]}" "$sample")
    t=$(per "${theirs[$audience]}" "$sample")
    echo "| $audience report | $o | $t | $(ratio "$t" "$o") | | |"
done
t=$(per "$toolkit_ms" "$sample")
l=$(per "$lo_ms" "$sample")
gov=$(per "${ours[governors]}" "$sample")
echo "| pre-filled toolkit | $t (DOCX) | | | $l (to PDF) | $(ratio "$l" "$inbuild") |"
echo
echo "The last column compares LibreOffice's time to turn one filled toolkit into a PDF (what a school would otherwise do to print its review) with sendbench's average time per document inside \`build\` ($inbuild ms); against one whole \`sendbench report\` process for the governors' report ($gov ms) it is $(ratio "$l" "$gov") times."

echo
county
