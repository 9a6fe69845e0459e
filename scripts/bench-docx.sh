#!/usr/bin/env bash
# Benchmark for the Word toolkit (issue 3): time to write a blank toolkit, a pre-filled one,
# and to import a filled one, in a release build, each as a whole CLI run (process start
# included, so the figures are what a user waits for). Prints the median of N runs in ms.
#
#   scripts/bench-docx.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
cargo build --release --quiet
bin=target/release/sendbench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" toolkit --assessment examples/schools/riverside-academy.toml -o "$work/filled.docx" 2>/dev/null

. scripts/median.sh

echo "runs: $runs, machine: $(nproc) cores, $(uname -m)"
echo "reference (sendbench --version):   $(median_ms "$bin" --version) ms"
echo "blank toolkit:                     $(median_ms "$bin" toolkit -o "$work/blank.docx" --force) ms"
echo "pre-filled toolkit (Riverside):    $(median_ms "$bin" toolkit --assessment examples/schools/riverside-academy.toml -o "$work/pre.docx" --force) ms"
echo "import (Riverside, filled):        $(median_ms "$bin" import "$work/filled.docx" -o "$work/back.toml" --force) ms"
