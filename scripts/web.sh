#!/usr/bin/env bash
# Builds sendbench's web page into target/web/: index.html, style.css, app.js, worker.js,
# sw.js, the WebAssembly module (sendbench_web_bg.wasm: the library with Typst and the
# fonts), wasm-bindgen's glue (sendbench_web.js) and engine-file.js (the same engine as one
# script, for the page opened from a folder). Host the folder on any static web server, or
# open its index.html; nothing else is needed, and the page requests nothing but its own
# files.
#
# Installs what it needs from the registries: the wasm32-unknown-unknown target (rustup) and
# wasm-bindgen-cli at the version of the wasm-bindgen crate in Cargo.lock (cargo install;
# the two must match). The module is built for size by Cargo (profile `web`); wasm-opt is
# run only when WASM_OPT names one: Debian's binaryen (version 108) cannot read what Rust
# 1.95 emits (reference types, bulk memory), and npm's binaryen (132) can but took 7
# minutes here to save 5% of the gzipped size (benches/web.md).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-target/web}

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$version" ]; then
  echo "== installing wasm-bindgen-cli $version"
  cargo install --quiet wasm-bindgen-cli --version "$version"
fi

echo "== building sendbench-web for wasm32-unknown-unknown (profile web)"
cargo build --locked --quiet --profile web --target wasm32-unknown-unknown -p sendbench-web
rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target no-modules --no-typescript --out-dir "$OUT" \
  target/wasm32-unknown-unknown/web/sendbench_web.wasm
if [ -n "${WASM_OPT:-}" ]; then
  "$WASM_OPT" -O2 --all-features "$OUT/sendbench_web_bg.wasm" -o "$OUT/sendbench_web_bg.wasm.opt"
  mv "$OUT/sendbench_web_bg.wasm.opt" "$OUT/sendbench_web_bg.wasm"
fi
cp web/index.html web/style.css web/app.js web/worker.js "$OUT/"
# For the page opened from a folder (file://), where no worker can be started from a file
# and nothing fetched: the worker's code (glue first) and the module, as one script the page
# loads only then (never from a web server, and never cached by the service worker).
python3 - "$OUT" <<'PY'
import base64, json, sys
out = sys.argv[1]
code = open(out + "/sendbench_web.js").read() + "\n" + open(out + "/worker.js").read()
wasm = base64.b64encode(open(out + "/sendbench_web_bg.wasm", "rb").read()).decode()
with open(out + "/engine-file.js", "w") as f:
    f.write("// sendbench's engine for the page opened from a folder: made by scripts/web.sh.\n")
    f.write("self.SENDBENCH_FILE = {worker: " + json.dumps(code) + ', wasm: "' + wasm + '"};\n')
PY
# The service worker's cache is named by what it holds, so a new build replaces the old.
version=$(cd "$OUT" && cat index.html style.css app.js worker.js sendbench_web.js sendbench_web_bg.wasm | sha256sum | cut -c1-16)
sed "s/@VERSION@/$version/" web/sw.js >"$OUT/sw.js"

wasm=$(stat -c %s "$OUT/sendbench_web_bg.wasm")
gz=$(gzip -9 -c "$OUT/sendbench_web_bg.wasm" | wc -c)
total=$(cd "$OUT" && cat index.html style.css app.js worker.js sw.js sendbench_web.js sendbench_web_bg.wasm | gzip -9 | wc -c)
echo "Built $OUT: the module is $((wasm / 1024)) KB ($((gz / 1024)) KB gzipped); the first load (every file the page fetches), gzipped: $((total / 1024)) KB"
