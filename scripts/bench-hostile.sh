#!/usr/bin/env bash
# How sendbench copes with 10 MB of anything (issue 13): for three 10 MB files (random bytes;
# text full of old Mac line ends and TOML punctuation; one enormous line), two of them again
# just under the 4 MB a TOML file may have (so they are parsed, not refused), and a 10 MB zip
# of junk named .docx, every command that reads a file is timed with GNU time (wall seconds and
# peak memory), beside a reference run of `sendbench --version` in the same session. Then the
# survey kinds (issue 25): hostile survey exports as CSV (10 MB of random bytes, an unclosed
# quote, one row of millions of columns, rows past the bound, and rows just under the 64 MB a
# sheet may have) and as XLSX (a sheet that inflates to 2 GB, the same with sizes that lie,
# 40 MB of shared strings, millions of cells), each through `area`, `build` and `columns`;
# and hostile column maps and options files (10 MB random, one long line, just under 4 MB of
# entries, /dev/zero) through `area --columns` and `build --by area --options`. Targets:
# under 2 s and 200 MB each, and a short answer (bytes of output shown).
#
#   scripts/bench-hostile.sh [BINARY]      (default: target/release/sendbench, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/sendbench}
[ -x "$bin" ] || cargo build --release --quiet
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import os, random, sys, zipfile
w = sys.argv[1]
random.seed(1)
n = 10 * 1024 * 1024
open(f"{w}/random.toml", "wb").write(os.urandom(n))
open(f"{w}/mac.toml", "w").write("".join(random.choice('ab="[]\r#x ') for _ in range(n)))
open(f"{w}/line.toml", "w").write('name = "' + "x" * n + '\n')
# Just under the 4 MB a TOML file may have, so it is parsed, not refused.
m = 4_000_000
open(f"{w}/mac4.toml", "w").write("".join(random.choice('ab="[]\r#x ') for _ in range(m)))
open(f"{w}/line4.toml", "w").write('name = "' + "x" * m + '\n')
with zipfile.ZipFile(f"{w}/junk.docx", "w", zipfile.ZIP_STORED) as z:
    z.writestr("word/document.xml", os.urandom(n))
PY
python3 scripts/hostile-surveys.py "$work" crates/batch/tests/fixtures/surveys
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >"$work/out" 2>"$work/err" || true
  read -r secs kb < <(tail -n 1 "$work/t")
  printf "| %s | %.2f | %d | %d |\n" "$label" "$secs" $((kb / 1024)) $(( $(wc -c < "$work/out") + $(wc -c < "$work/err") ))
}
echo "| run | wall (s) | peak RSS (MB) | output (bytes) |"
echo "| --- | ---: | ---: | ---: |"
measure "reference: sendbench --version" "$bin" --version
for f in random mac line mac4 line4; do
  for cmd in validate summary; do measure "$cmd $f.toml" "$bin" $cmd "$work/$f.toml"; done
  measure "report $f.toml" "$bin" report "$work/$f.toml" --audience governors -o "$work/x.pdf" --force
  measure "toolkit --assessment $f.toml" "$bin" toolkit --assessment "$work/$f.toml" -o "$work/x.docx" --force
  measure "--rubric $f.toml rubric" "$bin" --rubric "$work/$f.toml" rubric
  mkdir -p "$work/area-$f" && cp "$work/$f.toml" "$work/area-$f/"
  measure "area (folder with $f.toml)" "$bin" area "$work/area-$f"
  measure "build (folder with $f.toml)" "$bin" build "$work/area-$f" -o "$work/out-$f" --quiet
done
measure "import junk.docx (10 MB zip)" "$bin" import "$work/junk.docx"
measure "import random.toml as DOCX" "$bin" import "$work/random.toml"

# Survey exports: each alone in a folder, through the three commands that read one.
for f in random.csv quote.csv wide.csv rows.csv under64.csv bomb.xlsx liar.xlsx sst.xlsx cells.xlsx; do
  mkdir -p "$work/s-$f" && mv "$work/$f" "$work/s-$f/"
  measure "area (folder with $f)" "$bin" area "$work/s-$f"
  measure "build (folder with $f)" "$bin" build "$work/s-$f" -o "$work/out-s-$f" --quiet
  measure "columns $f" "$bin" columns "$work/s-$f/$f"
done
# Column maps and options files, beside a real export that needs its map.
mkdir -p "$work/survey" && cp crates/batch/tests/fixtures/surveys/invented-wording.csv "$work/survey/"
for f in random.toml line.toml mac4.toml columns4.toml options4.toml /dev/zero; do
  p=$f; [ "${f#/}" = "$f" ] && p="$work/$f"
  measure "area --columns $f" "$bin" area "$work/survey" --columns "$p"
  measure "build --by area --options $f" "$bin" build "$work/survey" -o "$work/out-o" --by area --options "$p" --columns crates/batch/tests/fixtures/surveys/invented-wording.columns.toml --quiet
done
