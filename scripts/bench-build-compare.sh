#!/usr/bin/env bash
# Compares two sendbench binaries on the same whole-area build, side by side in one run (the
# machine's speed drifts over a session, so only ratios within one run mean anything): for
# N synthetic schools (default 500), each binary builds the area from scratch (--force) in
# turn, ROUNDS times (default 3), and the median wall time and peak memory of each are
# printed with the ratio new/old. Used to check that a change to `build` costs no speed.
#
#   scripts/bench-build-compare.sh OLD_BINARY NEW_BINARY [N] [ROUNDS]
#
# Needs GNU time (apt-get install time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 n=${3:-500} rounds=${4:-3}
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/synthesise-returns.py "$n" "$work/in" --seed 7 >/dev/null
for r in $(seq "$rounds"); do
  for which in old new; do
    bin=$old; [ "$which" = new ] && bin=$new
    /usr/bin/time -f "%e %M" -o "$work/t" "$bin" build "$work/in" -o "$work/out-$which" --force --quiet || true
    echo "$which $(cat "$work/t")" >> "$work/times"
    echo "round $r $which: $(cat "$work/t") (s, KB)" >&2
  done
done
python3 - "$work/times" "$n" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
med = {w: (statistics.median(float(r[1]) for r in rows if r[0] == w),
           statistics.median(int(r[2]) for r in rows if r[0] == w) / 1024) for w in ("old", "new")}
print(f"| binary | median wall (s), {sys.argv[2]} schools | median peak RSS (MB) |")
print("| --- | ---: | ---: |")
for w in ("old", "new"):
    print(f"| {w} | {med[w][0]:.1f} | {med[w][1]:.0f} |")
print(f"| new / old | {med['new'][0] / med['old'][0]:.2f} | {med['new'][1] / med['old'][1]:.2f} |")
PY
