#!/usr/bin/env python3
"""Lists the functions longer than a limit (80 lines by default) in Rust sources, longest
first, leaving out tests: `#[cfg(test)]` modules and the files under a `tests` folder.

    scripts/long-functions.py [--limit N] [PATH ...]     (default PATH: crates src)

A function's length is the lines from its `fn` to its closing brace. Braces inside strings,
characters and comments are not counted, so a `{` in a format string does not throw the
count. With `--count`, prints only how many there are (issue 26 asks for none without a
comment saying why)."""

import argparse
import os
import re
import sys

FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")


def code_only(text):
    """`text` with the insides of comments, strings and char literals blanked, newlines
    kept, so braces can be matched and lines counted."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:]) and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = '"' + hashes
            j = text.find(end, i + 2 + len(hashes))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'":
            # A char literal ('a', '\n', '{'), not a lifetime ('a).
            m = re.match(r"'(\\.|\\u\{[0-9a-fA-F]+\}|[^\\'])'", text[i:])
            if m:
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def closing(code, open_at):
    """The index of the brace closing the one at `open_at`."""
    depth = 0
    for k in range(open_at, len(code)):
        if code[k] == "{":
            depth += 1
        elif code[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(code) - 1


def test_spans(code):
    """The spans of `#[cfg(test)]` items (a test module, a test-only function)."""
    spans = []
    for m in re.finditer(r"#\[cfg\(test\)\]", code):
        brace = code.find("{", m.end())
        semi = code.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            continue
        spans.append((m.start(), closing(code, brace)))
    return spans


def functions(path):
    text = open(path, encoding="utf-8").read()
    code = code_only(text)
    tests = test_spans(code)
    for m in FN.finditer(code):
        if any(a <= m.start() <= b for a, b in tests):
            continue
        # The body opens at the first `{` after the signature; a `;` first is a
        # declaration without a body (in a trait).
        k = m.end()
        depth = 0
        while k < len(code):
            ch = code[k]
            if ch in "(<[":
                depth += 1
            elif ch in ")>]":
                depth -= 1
            elif ch == ";" and depth <= 0:
                k = -1
                break
            elif ch == "{" and depth <= 0:
                break
            k += 1
        if k < 0 or k >= len(code):
            continue
        end = closing(code, k)
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, end) + 1
        yield m.group(1), first, last - first + 1


def rust_files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if d not in ("target", "tests", "fuzz", "benches")]
            for f in sorted(files):
                if f.endswith(".rs"):
                    yield os.path.join(root, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("--count", action="store_true")
    ap.add_argument("paths", nargs="*", default=["crates", "src"])
    args = ap.parse_args()
    long = []
    for path in rust_files(args.paths):
        for name, line, length in functions(path):
            if length > args.limit:
                long.append((length, path, line, name))
    long.sort(key=lambda x: (-x[0], x[1], x[2]))
    if args.count:
        print(len(long))
        return
    for length, path, line, name in long:
        print(f"{length:5}  {path}:{line}  {name}")
    print(f"{len(long)} functions over {args.limit} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
