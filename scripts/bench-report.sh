#!/usr/bin/env bash
# Benchmark for PDF reports (issue 4): one governors' report for the fullest example,
# compile + PDF, in a release build, against `typst compile` of the same templates and data
# with the same fonts (typst-cli 0.15 is installed for this benchmark only:
# `cargo install typst-cli --version 0.15.1 --locked`). Whole runs of each command, process
# start included; prints the median of N runs.
#
#   scripts/bench-report.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v typst >/dev/null || { echo "typst-cli is needed: cargo install typst-cli --version 0.15.1 --locked"; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/sendbench
example=examples/schools/riverside-academy.toml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" report "$example" --audience governors --emit-source "$work/src" 2>/dev/null

. scripts/median.sh

echo "runs: $runs, $(nproc) cores, $(typst --version)"
ours=$(median_ms "$bin" report "$example" --audience governors -o "$work/ours.pdf" --force)
theirs=$(median_ms typst compile --ignore-system-fonts --font-path templates/fonts --pdf-standard ua-1 "$work/src/governors.typ" "$work/typst.pdf")
echo "sendbench report (governors):      $ours ms"
echo "typst compile, same template/data: $theirs ms"
awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "ratio sendbench / typst: %.2f\n", a / b}'
