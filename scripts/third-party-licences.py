#!/usr/bin/env python3
"""Writes the licence notices of every crate compiled into the sendbench binary for one
target: each crate's name, version, licence expression and the text of its licence files
(LICENSE*, LICENCE*, COPYING*, NOTICE*), so a release carries the notices the MIT, BSD and
Apache licences require. Crates used only by tests or build scripts are left out; crates
for other platforms too (`cargo metadata --filter-platform`).

    scripts/third-party-licences.py TARGET OUT_FILE
"""

import json
import pathlib
import subprocess
import sys

NOTICE_PREFIXES = ("license", "licence", "copying", "notice", "unicode")


def main() -> None:
    target, out = sys.argv[1], pathlib.Path(sys.argv[2])
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked",
             "--filter-platform", target],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = next(p["id"] for p in meta["packages"] if p["name"] == "sendbench"
                and p["source"] is None)
    # Follow normal (not dev, not build) dependencies from the binary.
    seen, stack = set(), [root]
    while stack:
        node = nodes[stack.pop()]
        for dep in node["deps"]:
            if any(k["kind"] is None for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                stack.append(dep["pkg"])
    ours = {p["id"] for p in meta["packages"] if p["source"] is None}
    crates = sorted((packages[i] for i in seen - ours),
                    key=lambda p: (p["name"], p["version"]))
    # Many crates ship the same text (the Apache licence, word for word): each distinct
    # text is printed once, after the list, with the crates it belongs to.
    texts: dict[str, list[str]] = {}
    entries, missing = [], []
    for p in crates:
        label = f"{p['name']} {p['version']}"
        entries.append(f"{label}: {p.get('license') or p.get('license_file')}"
                       + (f" ({p['repository']})" if p.get("repository") else ""))
        folder = pathlib.Path(p["manifest_path"]).parent
        files = sorted(f for f in folder.iterdir()
                       if f.is_file() and f.name.lower().startswith(NOTICE_PREFIXES))
        if not files:
            missing.append(p["name"])
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace").strip()
            texts.setdefault(text, []).append(f"{label} ({f.name})")
    lines = [
        "Licences of the Rust crates compiled into sendbench",
        "",
        f"Target: {target}. {len(crates)} crates, each under the licence named (where a crate",
        "offers a choice, sendbench uses it under any of them). The licence and notice files",
        "the crates ship follow the list, each distinct text once with the crates it comes",
        "from; a crate that ships none is under the licence named, in its standard text.",
        "",
        *entries,
        "",
    ]
    for text, owners in texts.items():
        lines.append("=" * 78)
        lines.extend(owners)
        lines.append("=" * 78)
        lines.append(text)
        lines.append("")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(crates)} crates, {len(missing)} without a licence file"
          + (f" ({', '.join(missing)})" if missing else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
