#!/usr/bin/env bash
# How sendbench copes with 10 MB of anything (issue 13): for three 10 MB files (random bytes;
# text full of old Mac line ends and TOML punctuation; one enormous line), two of them again
# just under the 4 MB a TOML file may have (so they are parsed, not refused), and a 10 MB zip
# of junk named .docx, every command that reads a file is timed with GNU time (wall seconds and
# peak memory), beside a reference run of `sendbench --version` in the same session. Targets:
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
