#!/usr/bin/env bash
# sendbench's build against the peer a technical user would script instead (issue 28):
# typst's own library through its Python binding (`pip install typst`), one process, fonts
# loaded once, one compiler reused, typesetting the same PDFs from the templates and data that
# `sendbench report --emit-source` writes. Both run in turn in one run, ROUNDS times, on one
# core each (`build --jobs 1`); the medians and their ratio are printed. sendbench does more
# in its time (each report's web page, each school's pre-filled toolkit, the blank toolkit and
# the area's report, spreadsheet and open data), so a ratio under 1 is all the more its own.
#
#   scripts/bench-peer.sh [N=60] [ROUNDS=3] [BINARY]
#
# Needs python3 with the typst module (`pip install typst`) and GNU time. Prints a Markdown
# table on standard output; progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-60} rounds=${2:-3} bin=${3:-}
python3 -c 'import typst' 2>/dev/null || { echo "the typst Python module is needed: pip install typst" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
. scripts/prelude.sh

python3 scripts/synthesise-returns.py "$n" "$work/in" --seed 7 >/dev/null
# The same templates and data the build typesets, one folder per report (not timed).
for f in "$work"/in/*.toml; do
    for audience in governors parents sen-info; do
        "$bin" report "$f" --audience "$audience" \
            --emit-source "$work/src/$audience/$(basename "$f" .toml)" 2>/dev/null
    done
done

cat > "$work/peer.py" <<'PY'
"""typst's library as a script would drive it: one compiler, fonts loaded once, every
report's folder compiled in turn, each PDF written to a file."""
import os, sys, typst
src, out, fonts = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
compiler = typst.Compiler(font_paths=[fonts], ignore_system_fonts=True)
made = 0
for audience in sorted(os.listdir(src)):
    for school in sorted(os.listdir(os.path.join(src, audience))):
        folder = os.path.join(src, audience, school)
        pdf = compiler.compile(input=os.path.join(folder, audience + ".typ"), root=folder,
                               format="pdf", pdf_standards=["ua-1"])
        with open(os.path.join(out, f"{school}-{audience}.pdf"), "wb") as f:
            f.write(pdf)
        made += 1
print(made, file=sys.stderr)
PY

for r in $(seq "$rounds"); do
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$bin" build "$work/in" -o "$work/out" --jobs 1 --force --quiet
    echo "sendbench $(cat "$work/t")" >> "$work/times"
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" python3 "$work/peer.py" "$work/src" "$work/peer" templates/fonts 2>/dev/null
    echo "typst $(cat "$work/t")" >> "$work/times"
    echo "round $r: $(tail -2 "$work/times" | tr '\n' ' ') (wall s, KB, user s, system s)" >&2
done
pdfs=$(find "$work/out" -name '*.pdf' | wc -l)
peer_pdfs=$(find "$work/peer" -name '*.pdf' | wc -l)
others=$(find "$work/out" -type f ! -name '*.pdf' ! -name '.*' ! -name 'index.json' | wc -l)
python3 - "$work/times" "$n" "$pdfs" "$peer_pdfs" "$others" "$(uptime | sed 's/.*load average: //')" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
n, pdfs, peer_pdfs, others, load = sys.argv[2:7]
# Wall time is the target's measure; CPU time (user and system, every thread) is shown too,
# as it is steadier on a shared machine.
med = {w: (statistics.median(float(r[1]) for r in rows if r[0] == w),
           statistics.median(int(r[2]) for r in rows if r[0] == w) / 1024,
           statistics.median(float(r[3]) + float(r[4]) for r in rows if r[0] == w))
       for w in ("sendbench", "typst")}
print(f"| {n} schools, one core | median wall (s) | median CPU (s) | median peak RSS (MB) | made |")
print("| --- | ---: | ---: | ---: | --- |")
print(f"| `sendbench build --jobs 1` | {med['sendbench'][0]:.2f} | {med['sendbench'][2]:.2f} | {med['sendbench'][1]:.0f} | {pdfs} PDFs and {others} other files |")
print(f"| typst's library (Python binding) | {med['typst'][0]:.2f} | {med['typst'][2]:.2f} | {med['typst'][1]:.0f} | {peer_pdfs} PDFs |")
print(f"| sendbench / typst | **{med['sendbench'][0] / med['typst'][0]:.2f}** | {med['sendbench'][2] / med['typst'][2]:.2f} | | |")
print()
print(f"Rounds: {len(rows) // 2}; load average at the end: {load}.")
PY
