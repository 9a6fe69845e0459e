#!/usr/bin/env bash
# All of England on one machine (issue 28): N synthetic schools (default 22,000, one return
# each, with evidence text) dealt to K local areas (default 150), one year, built with
# `build --by area`: every school's three reports as PDF and web page and its pre-filled
# toolkit, the blank toolkit, the whole area's report, spreadsheet and open data, and each
# local area's report, spreadsheet and open data with the national overview. Then the same
# build again with nothing changed (every document up to date).
#
# Prints wall time, CPU time and peak resident memory for each run, and the documents made.
# With --sizes "1000 4000 ..." it builds each size in turn first (same K), so the memory
# can be seen to stay flat in the number of schools.
#
#   scripts/bench-england.sh [--schools 22000] [--areas 150] [--sizes "1000 4000"] [BINARY]
#
# Needs GNU time. Writes into a temporary folder (about 0.4 MB a school) removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
schools=22000 areas=150 sizes="" bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --schools) schools=$2; shift 2 ;;
        --areas) areas=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        -*) echo "usage: scripts/bench-england.sh [--schools N] [--areas K] [--sizes \"N1 N2\"] [BINARY]" >&2; exit 2 ;;
        *) bin=$1; shift ;;
    esac
done
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
. scripts/prelude.sh

echo "| run | schools | wall (s) | CPU (s) | peak RSS (MB) | documents |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
run() {
    local label=$1 n=$2
    shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$bin" build "$work/in-$n" -o "$work/out-$n" \
        --by area --quiet "$@" || true
    read -r wall user sys rss < "$work/t"
    local docs
    docs=$(find "$work/out-$n" -type f ! -name '.*' | wc -l)
    printf '| %s | %s | %.1f | %.1f | %.0f | %s |\n' "$label" "$n" "$wall" \
        "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc)" "$docs"
}
for n in $sizes $schools; do
    echo "synthesising $n schools in $areas areas" >&2
    python3 scripts/synthesise-returns.py "$n" "$work/in-$n" --areas "$areas" --seed 28 >/dev/null
    echo "building $n schools" >&2
    run "build --by area" "$n"
    if [ "$n" = "$schools" ]; then
        run "again, nothing changed" "$n"
    fi
    [ "$n" = "$schools" ] || rm -rf "$work/in-$n" "$work/out-$n"
done
echo
echo "Machine: $(nproc) cores, load average at the end: $(uptime | sed 's/.*load average: //')."
