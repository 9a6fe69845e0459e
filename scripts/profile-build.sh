#!/usr/bin/env bash
# Where a build's work goes (issue 28), counted in instructions rather than seconds: callgrind
# counts the same for the same binary and inputs whatever else the machine is doing, so two
# binaries (before and after a change) can be compared on a shared machine. Builds N
# synthetic schools (seed 7) with `build --jobs 1` under valgrind and prints, as Markdown,
# the instructions in all and in each stage (inclusive, so stages nest: shaping is part of
# paragraph layout, deflate part of PDF export).
#
#   scripts/profile-build.sh [N=24] [BINARY]
#
# Needs valgrind (Debian's). About 30 s a school under valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-24} bin=${2:-}
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }
. scripts/prelude.sh
python3 scripts/synthesise-returns.py "$n" "$work/in" --seed 7 >/dev/null
valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$bin" build "$work/in" -o "$work/out" \
    --jobs 1 --force --quiet 2>/dev/null
callgrind_annotate --inclusive=yes --auto=no "$work/cg" 2>/dev/null > "$work/report"
python3 - "$work/report" "$n" <<'PY'
import re, sys
report, n = sys.argv[1], sys.argv[2]
# Stage, and the function whose inclusive count is that stage's.
stages = [
    ("paragraph layout (Typst)", r"typst_layout::inline::layout_inline_impl$"),
    ("text shaping (inside paragraph layout)", r"typst_layout::inline::shaping::shape$"),
    ("PDF export (typst-pdf, krilla)", r"typst_pdf::convert::convert$"),
    ("deflate of PDF streams (inside PDF export)", r"krilla::stream::deflate_encode$"),
    ("evaluating templates (Typst)", r"typst_eval::eval$"),
    ("realising content (Typst)", r"typst_realize::realize$"),
    ("toolkits (DOCX)", r"sendbench_generate::docx::toolkit_with$"),
    ("web pages (HTML)", r"HtmlRenderer as sendbench_generate::render::Renderer>::render$"),
    ("reading returns", r"sendbench_batch::intake::return_from_bytes$"),
]
total, best = None, {}
for line in open(report):
    m = re.match(r"^\s*([0-9,]+) \(\s*[0-9.]+%\)\s+(\S.*?)(?: \[.*\])?$", line)
    if not m:
        continue
    count, where = int(m.group(1).replace(",", "")), m.group(2)
    if "PROGRAM TOTALS" in where:
        total = count
        continue
    function = where.split(":", 1)[-1]
    for name, pattern in stages:
        if re.search(pattern, function):
            best[name] = max(best.get(name, 0), count)
print(f"| {n} schools, `build --jobs 1` | instructions (millions) | share |")
print("| --- | ---: | ---: |")
print(f"| all | {total / 1e6:,.0f} | 100% |")
for name, _ in stages:
    if name in best:
        print(f"| {name} | {best[name] / 1e6:,.0f} | {100 * best[name] / total:.1f}% |")
PY
