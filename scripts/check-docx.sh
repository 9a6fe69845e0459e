#!/usr/bin/env bash
# Independent checks of every Word toolkit sendbench makes from the bundled examples: the
# blank toolkit, one pre-filled from each example, next year's (as `build` makes it) and the
# four-level example rubric's; and the area workbook (XLSX) `build` makes. Runs
# `openxml-audit` (PyPI: the OOXML schema and semantic checks Word's own validator makes) on
# each and fails on any error; also opens each toolkit with `docx2python`, a reader that is
# strict about namespaces. Needs a built sendbench
# (SENDBENCH=path, default target/debug/sendbench) and python3; installs what is missing.
# .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SENDBENCH:-target/debug/sendbench}
command -v openxml-audit >/dev/null || pip install -q openxml-audit >/dev/null 2>&1
python3 -c "import docx2python" 2>/dev/null || pip install -q docx2python >/dev/null 2>&1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" toolkit -o "$work/blank.docx" 2>/dev/null
for f in examples/schools/*.toml; do
  "$bin" toolkit --assessment "$f" -o "$work/$(basename "$f" .toml).docx" 2>/dev/null
done
"$bin" --rubric examples/other-rubric/rubric.toml toolkit --assessment examples/other-rubric/little-acorns.toml -o "$work/four-level.docx" 2>/dev/null
"$bin" --rubric examples/other-rubric/rubric.toml toolkit -o "$work/four-level-blank.docx" 2>/dev/null
"$bin" build examples/schools -o "$work/out" --quiet
cp "$work"/out/schools/*toolkit*.docx "$work"/out/blank-toolkit.docx "$work/"

status=0
count=0
for docx in "$work"/*.docx; do
  count=$((count + 1))
  errors=$(openxml-audit -o json -m 0 "$docx" 2>/dev/null | python3 -c 'import json,sys
d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; e=d.get("errors",[])
print(len(e))
for x in e[:10]: print("   ", x.get("description", x), "@", x.get("path", ""))')
  if [ "${errors%%$'\n'*}" != 0 ]; then
    echo "openxml-audit: ${docx#"$work"/}: $errors"
    status=1
  fi
  if ! python3 -c "import sys; from docx2python import docx2python; docx2python(sys.argv[1]).text" "$docx" 2>"$work/err"; then
    echo "docx2python cannot read ${docx#"$work"/}: $(tail -1 "$work/err")"
    status=1
  fi
done
# The area workbook `build` made beside them: its sheets are Excel tables.
xlsx="$work/out/area/area.xlsx"
errors=$(openxml-audit -o json -m 0 "$xlsx" 2>/dev/null | python3 -c 'import json,sys
d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; e=d.get("errors",[])
print(len(e))
for x in e[:10]: print("   ", x.get("description", x), "@", x.get("path", ""))')
if [ "${errors%%$'\n'*}" != 0 ]; then
  echo "openxml-audit: area/area.xlsx: $errors"
  status=1
fi
echo "openxml-audit and docx2python: $count toolkits and the area workbook checked, $([ $status = 0 ] && echo "0 errors" || echo "ERRORS above")"
exit $status
