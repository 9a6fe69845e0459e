#!/usr/bin/env bash
# Independent checks of every PDF sendbench makes from the bundled examples: the main job's
# reports (complete, secondary and half-finished reviews) and area report, each audience with
# PDF/A, and a 47-school synthetic area with and without small-number suppression. Runs the
# PDF/UA checker `pdfua` (PyPI; machine-checkable subset of PDF/UA-1) on each and fails on any
# finding. Needs a built sendbench (SENDBENCH=path, default target/debug/sendbench) and
# python3; installs pdfua if missing. .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SENDBENCH:-target/debug/sendbench}
command -v pdfua >/dev/null || pip install -q pdfua >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" build examples/schools -o "$work/out" --quiet
for f in examples/schools/*.toml; do
  "$bin" report "$f" --all --pdfa -o "$work/pdfa/$(basename "$f" .toml)" 2>/dev/null
done
python3 scripts/synthesise-returns.py 47 "$work/returns" >/dev/null
"$bin" area "$work/returns" -o "$work/area47.pdf" >/dev/null 2>&1
"$bin" area "$work/returns" -o "$work/area47-suppressed.pdf" --suppress-below 5 >/dev/null 2>&1

status=0
count=0
while IFS= read -r -d '' pdf; do
  count=$((count + 1))
  if ! pdfua check "$pdf" >"$work/result.txt" 2>&1; then
    echo "pdfua findings in ${pdf#"$work"/}:"
    cat "$work/result.txt"
    status=1
  fi
done < <(find "$work" -name '*.pdf' -print0 | sort -z)
echo "pdfua: $count PDFs checked, $([ $status = 0 ] && echo "0 findings" || echo "FINDINGS above")"
exit $status
