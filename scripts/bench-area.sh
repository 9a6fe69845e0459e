#!/usr/bin/env bash
# Benchmark for the area benchmark (issue 5): N synthetic returns to PDF + XLSX + CSV in one
# run of `sendbench area`, release build, for N = 100, 1,000 and 5,000 (or the sizes given):
# wall time, peak resident memory, and time per return (which should stay flat: linear cost).
#
#   scripts/bench-area.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100 1000 5000}")
read -r -a sizes <<< "${sizes[*]}"
bin=""
. scripts/prelude.sh
echo "$(nproc) cores; sendbench area -o PDF --xlsx --csv; median of 3 runs"
printf '%8s %10s %12s %14s\n' returns "wall (s)" "peak RSS (MB)" "ms per return"
for n in "${sizes[@]}"; do
    python3 scripts/synthesise-returns.py "$n" "$work/$n" --seed 7
    results=()
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$work/time" "$bin" area "$work/$n" --title "Benchmark" \
            -o "$work/area.pdf" --xlsx "$work/area.xlsx" --csv "$work/area.csv" --force >/dev/null 2>&1
        results+=("$(cat "$work/time")")
    done
    printf '%s\n' "${results[@]}" | sort -n | sed -n 2p | awk -v n="$n" '{printf "%8d %10.2f %12.1f %14.2f\n", n, $1, $2 / 1024, $1 * 1000 / n}'
done
