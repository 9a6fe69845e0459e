#!/usr/bin/env python3
"""Run `sendbench import` on every Word-habit fixture and say which meet their expectations.

    python3 scripts/check-word-fixtures.py target/debug/sendbench [NAME ...]

The reading of NAME.expected.json that the Rust tests should share; the schema and the rules
for matching phrases are in crates/generate/tests/fixtures/word-habits/README.md. Prints one
line per fixture (ok, or what is wrong) and exits 1 if any is wrong.
"""

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(REPO, "crates", "generate", "tests", "fixtures", "word-habits")

spec = importlib.util.spec_from_file_location("make", os.path.join(REPO, "scripts", "make-word-fixtures.py"))
make = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make)


def normalise(text):
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).casefold()


def matches(matcher, message):
    """All phrases of the matcher at non-overlapping places of the message; a phrase is one
    or more alternatives separated by ' || '."""
    phrases = [matcher] if isinstance(matcher, str) else matcher
    rest = normalise(message)
    for phrase in phrases:
        for alternative in phrase.split(" || "):
            alt = normalise(alternative.strip())
            i = rest.find(alt)
            if i >= 0:
                rest = rest[:i] + "\0" * len(alt) + rest[i + len(alt):]
                break
        else:
            return False
    return True


def messages(stderr, kind):
    """Import's own warnings ("warning: FILE: ...") or errors ("error: ..."), each with its
    continuation lines; not the validation findings ("warning[code]: ...")."""
    out = []
    for line in stderr.splitlines():
        if line.startswith(kind + ": "):
            out.append(line[len(kind) + 2:])
        elif out and line.startswith(" ") and not line.lstrip().startswith(("│", "┌", "=", "|")):
            out[-1] += " " + line.strip()
        elif not line.startswith(" "):
            out.append(None)
    return [m for m in out if m is not None]


def default(tag):
    return "false" if tag.endswith(".involved") or tag.endswith(".public") else ""


def check(binary, name):
    with open(os.path.join(FIXTURES, name + ".expected.json"), encoding="utf-8") as f:
        exp = json.load(f)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.toml")
        run = subprocess.run([binary, "import", os.path.join(FIXTURES, name + ".docx"), "-o", out],
                             capture_output=True, text=True, cwd=REPO)
        # The fixture's path and name are no part of what a message must say ("password" is
        # in password-protected.docx): they are taken out before matching.
        stderr = run.stderr.replace(os.path.join(FIXTURES, name + ".docx"), "FILE")
        stderr = stderr.replace(name + ".docx", "FILE")
        warnings = messages(stderr, "warning")
        errors = messages(stderr, "error")
        for phrase in exp.get("forbidden", []):
            for m in warnings + errors:
                if matches(phrase, m):
                    problems.append("says %r: %s" % (phrase, m[:160]))
        if exp["error"] is not None:
            if os.path.exists(out):
                problems.append("imported instead of refusing")
            elif not any(matches(exp["error"], e) for e in errors):
                problems.append("refused, but not saying %s: %s" % (exp["error"], " | ".join(errors)[:300]))
            return problems
        if not os.path.exists(out):
            return problems + ["refused: " + " | ".join(errors)[:300]]
        got = make.tags_of_assessment(out)
        want = make.tags_of_assessment(os.path.join(REPO, exp["base"])) if exp["base"] != "empty" else {}
        want.update(exp["fields"])
        for tag in sorted(set(got) | set(want)):
            g, w = got.get(tag, default(tag)), want.get(tag, default(tag))
            if g != w:
                problems.append("%s is %r, expected %r" % (tag, g, w))
        for matcher in exp["warnings"]:
            if not any(matches(matcher, w) for w in warnings):
                problems.append("no warning saying %s" % (matcher,))
        allowed = exp["warnings"] + exp.get("may_warn", [])
        for w in warnings:
            if not any(matches(m, w) for m in allowed):
                problems.append("unexpected warning: " + w[:200])
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or sorted(f[:-len(".expected.json")] for f in os.listdir(FIXTURES)
                                   if f.endswith(".expected.json"))
    bad = 0
    for name in names:
        problems = check(binary, name)
        if problems:
            bad += 1
            print("FAIL %s" % name)
            for p in problems[:8]:
                print("     " + p)
            if len(problems) > 8:
                print("     ... and %d more" % (len(problems) - 8))
        else:
            print("ok   %s" % name)
    print("%d passed, %d failed" % (len(names) - bad, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
