#!/usr/bin/env bash
# Checks the Windows release under Wine against the Linux build, before each release: the
# main job (`build` of the bundled examples), `validate` with a wildcard (expanded by
# sendbench, as Windows shells do not), `import` of a filled toolkit, `area`, a missing file
# named in Windows form, and the same bytes as the Linux build for every output. Prints
# the figures for the release notes: archive sizes, start-up time of `--version`, main job
# time, native and under Wine.
#
#   scripts/check-windows.sh [WINDOWS_ZIP [LINUX_TAR_GZ]]
#
# Default: the archives scripts/release.sh left in dist/. Needs (Debian):
#   apt-get install wine64 gcc-mingw-w64-x86-64 unzip
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng, which Rust's standard library has used
# since 1.78; Windows 10 and 11 have it): a stub forwarding it to SystemFunction036 is built
# here, beside the test copy only. Nothing of it is shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
zip=${1:-$(ls -t dist/sendbench-*-x86_64-pc-windows-gnu.zip | head -1)}
tgz=${2:-$(ls -t dist/sendbench-*-x86_64-unknown-linux-*.tar.gz | head -1)}
wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
[ -n "$wine" ] || { echo "error: Wine is missing: apt-get install wine64" >&2; exit 1; }
command -v x86_64-w64-mingw32-gcc >/dev/null ||
  { echo "error: MinGW is missing: apt-get install gcc-mingw-w64-x86-64" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
(cd "$work" && unzip -q "$root/$zip" && mkdir linux && tar -xzf "$root/$tgz" -C linux)
win=$(ls -d "$work"/sendbench-*-windows-gnu)
lin=$(ls -d "$work"/linux/sendbench-*)

cat > "$work/stub.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG step = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, step)) return FALSE;
        data += step; length -= step;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -shared -O2 -o "$win/bcryptprimitives.dll" "$work/stub.c" -ladvapi32

fail=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; fail=1; fi
}
runw() { (cd "$win" && "$wine" ./sendbench.exe "$@"); }
runl() { (cd "$lin" && ./sendbench "$@"); }
runw_quiet() { runw "$@" >/dev/null; }
seconds() { # the median wall time of 5 runs of a command, in seconds
  python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True, capture_output=True)
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.3f}")
PY
}

echo "Wine: $("$wine" --version)"
runw --version >/dev/null 2>&1 || true # creates the Wine prefix (slow, once)
check "sendbench.exe --version runs" runw --version

# The main job, as README gives it.
check "build examples\\schools -o out" runw build 'examples\schools' -o out --quiet
check "the same on Linux" runl build examples/schools -o out --quiet
check "build writes the same files" diff <(cd "$win/out" && find . -type f | sort) <(cd "$lin/out" && find . -type f | sort)
identical=0 different=()
while read -r f; do
  if cmp -s "$win/out/$f" "$lin/out/$f"; then identical=$((identical + 1)); else different+=("$f"); fi
done < <(cd "$win/out" && find . -type f | sort)
echo "      $identical files the same bytes as the Linux build${different:+; different: ${different[*]}}"
check "every output is the same bytes as on Linux" test ${#different[@]} -eq 0
check "index.json uses forward slashes only" bash -c "! grep -q '\\\\\\\\' '$win/out/index.json'"

# Wildcards: cmd.exe and PowerShell pass them through; sendbench expands them.
check "validate examples\\schools\\*.toml" bash -c "cd '$win' && '$wine' ./sendbench.exe validate 'examples\\schools\\*.toml' > '$work/validate.txt' 2>&1"
check "the wildcard found the three examples" grep -q "3 files checked: 3 valid" "$work/validate.txt"
runw validate 'examples\schools\no-such-school.toml' > "$work/missing.txt" 2>&1 || true
check "a missing file is named in Windows form" grep -q 'examples\\schools\\no-such-school.toml' "$work/missing.txt"

# A filled toolkit read back, the same as on Linux.
runl toolkit --assessment examples/schools/oakfield-primary.toml -o "$work/filled.docx"
cp "$work/filled.docx" "$win/filled.docx"
check "import filled.docx" runw import filled.docx -o back.toml
runl import "$work/filled.docx" -o "$work/back-linux.toml"
check "import gives the same assessment as on Linux" cmp "$win/back.toml" "$work/back-linux.toml"

# The area benchmark, every format.
check "area examples\\schools\\*.toml" runw_quiet area 'examples\schools\*.toml' -o area.pdf --xlsx area.xlsx --csv area.csv
(cd "$lin" && ./sendbench area examples/schools/*.toml -o "$work/area.pdf" --xlsx "$work/area.xlsx" --csv "$work/area.csv" >/dev/null) || fail=1
for f in area.pdf area.xlsx area.csv; do
  check "$f the same bytes as on Linux" cmp "$win/$f" "$work/$f"
done

# Figures.
echo
echo "figures:"
echo "  archives: $(stat -c '%n %s' "$root/$zip" "$root/$tgz" | awk '{printf "%s %.1f MB; ", $1, $2/1048576}')"
echo "  binaries: sendbench.exe $(stat -c %s "$win/sendbench.exe") bytes, sendbench $(stat -c %s "$lin/sendbench") bytes"
echo "  --version: native $(seconds "$lin/sendbench" --version) s, Wine $(cd "$win" && seconds "$wine" ./sendbench.exe --version) s (median of 5)"
echo "  main job (build --force): native $(cd "$lin" && seconds ./sendbench build examples/schools -o out --force --quiet) s, Wine $(cd "$win" && seconds "$wine" ./sendbench.exe build 'examples\schools' -o out --force --quiet) s"
[ $fail -eq 0 ] && echo "all Windows checks passed" || { echo "some Windows checks FAILED" >&2; exit 1; }
