#!/usr/bin/env bash
# Builds the release archives: a stripped sendbench binary for Linux (x86_64, statically
# linked with musl: runs on any distribution) and Windows (x86_64), each with README, the
# licences (sendbench's, the embedded fonts', every compiled-in crate's), the docs and the
# examples, as dist/sendbench-VERSION-TARGET.tar.gz / .zip, and dist/SHA256SUMS.
#
#   scripts/release.sh [TARGET...]
#
# Default targets: x86_64-unknown-linux-musl x86_64-pc-windows-gnu. Needs, once:
#   rustup target add x86_64-unknown-linux-musl x86_64-pc-windows-gnu
#   apt-get install gcc-mingw-w64-x86-64     # the Windows linker
# The archives are the same bytes for the same commit and toolchain (fixed timestamps and
# order): SOURCE_DATE_EPOCH defaults to the commit's time. Before publishing, run
# scripts/check-windows.sh on the Windows archive.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-musl x86_64-pc-windows-gnu)
version=$(cargo metadata --format-version 1 --no-deps --locked |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="sendbench"))')
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
mkdir -p dist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for target in "${targets[@]}"; do
  rustup target list --installed | grep -qx "$target" || {
    echo "error: the Rust target $target is not installed: rustup target add $target" >&2; exit 1; }
  case $target in
    *windows*)
      command -v x86_64-w64-mingw32-gcc >/dev/null || {
        echo "error: the Windows linker is missing: apt-get install gcc-mingw-w64-x86-64" >&2; exit 1; }
      exe=sendbench.exe ;;
    *) exe=sendbench ;;
  esac
  echo "building $target ..." >&2
  cargo build --profile dist --locked --target "$target"
  name=sendbench-$version-$target
  stage=$work/$name
  mkdir -p "$stage/licences"
  cp "${CARGO_TARGET_DIR:-target}/$target/dist/$exe" "$stage/"
  cp README.md LICENSE-MIT LICENSE-APACHE "$stage/"
  cp templates/fonts/LICENSE-*.txt "$stage/licences/"
  python3 scripts/third-party-licences.py "$target" "$stage/licences/THIRD-PARTY.txt"
  cp -r docs examples "$stage/"
  python3 scripts/archive.py "$stage" "dist/$name"
done
(cd dist && shopt -s nullglob && rm -f SHA256SUMS && sha256sum -- sendbench-"$version"-*.{tar.gz,zip} > SHA256SUMS && cat SHA256SUMS)
ls -l dist >&2
