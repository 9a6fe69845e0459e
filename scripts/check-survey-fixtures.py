#!/usr/bin/env python3
"""Checks the survey fixtures against their expected JSON, independently of the generator:
reads each fixture file as it is (CSV bytes or XLSX cells), takes each column's meaning from
the JSON's `columns`, and checks that every row in the data range is accounted for, that each
return's cells say what the JSON says, and that the JSON's counts add up.

    python3 scripts/check-survey-fixtures.py      (needs openpyxl)

It proves the fixtures and their truth agree; it knows nothing of how sendbench reads them.
"""
import csv
import datetime as dt
import glob
import io
import json
import os
import sys

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "crates", "batch", "tests", "fixtures", "surveys")
LEVELS = {"emerging", "expected", "exemplary"}
NOT_JUDGED = {"", "n/a", "not yet judged"}
STATUS = {"met": "met", "partly met": "partly-met", "not met": "not-met"}
problems = []


def fail(where, message):
    problems.append(f"{where}: {message}")


def level_of(text):
    text = (text or "").strip()
    if text.lower() in NOT_JUDGED:
        return None
    head = text.split(":", 1)[0].strip().lower()
    if head not in LEVELS:
        raise ValueError(f"not a level: {text!r}")
    return head


def status_of(text):
    text = (text or "").strip().lower()
    return None if text == "" else STATUS[text]


def read_grid(path, spec):
    """The file as a list of rows of cell values (row 1 first)."""
    fmt = spec["format"]
    if fmt["type"] == "csv":
        raw = open(path, "rb").read()
        has_bom = raw.startswith(b"\xef\xbb\xbf")
        if has_bom != fmt["bom"]:
            fail(path, f"byte-order mark {has_bom}, expected {fmt['bom']}")
        text = raw.decode({"utf-8": "utf-8-sig", "windows-1252": "cp1252"}[fmt["encoding"]])
        if fmt["encoding"] == "windows-1252":
            try:
                raw.decode("utf-8")
                if any(b > 127 for b in raw):
                    fail(path, "Windows-1252 file also decodes as UTF-8: no byte above 127 that tells them apart")
            except UnicodeDecodeError:
                pass
        if fmt["line_ends"] == "CRLF" and "\n" in text.replace("\r\n", ""):
            # A line feed alone is allowed only inside a quoted field.
            pass
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[fmt["sheet"]]
    want = [fmt["sheet"]] + [s["sheet"] for s in fmt.get("other_sheets", [])]
    if wb.sheetnames != want:
        fail(path, f"sheets {wb.sheetnames}, expected {want}")
    return [list(r) for r in ws.iter_rows(values_only=True)]


def cell_text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def check_file(spec, base):
    path = os.path.join(base, spec["file"])
    where = spec["file"]
    grid = read_grid(path, spec)
    header_rows = spec["header_rows"]
    for c in spec["columns"]:
        i = c["index"] - 1
        got = [cell_text(grid[r - 1][i]) if i < len(grid[r - 1]) else "" for r in header_rows]
        want = c["header"] if isinstance(c["header"], list) else [c["header"]]
        want = ["" if w is None else w for w in want]
        if got != want:
            fail(where, f"column {c['column']} header {got!r}, expected {want!r}")
    width = max(len(r) for r in grid[header_rows[0] - 1:header_rows[-1]])
    if width != len(spec["columns"]) and not all(cell_text(v) == "" for r in grid for v in r[len(spec["columns"]):]):
        fail(where, f"{width} columns, the JSON describes {len(spec['columns'])}")
    first, last = spec["data_rows"]
    accounted = {r["row"]: "return" for r in spec["returns"]}
    for n in spec["not_returns"]:
        if n["row"] in accounted:
            fail(where, f"row {n['row']} is both a return and not one")
        accounted[n["row"]] = n["kind"]
    for n in range(first, len(grid) + 1):
        if n not in accounted and any(cell_text(v).strip() for v in grid[n - 1]):
            fail(where, f"row {n} holds something and is neither a return nor listed as not one")
    for n, kind in accounted.items():
        if n < first:
            fail(where, f"row {n} is above the data")
    by_role = {}
    for c in spec["columns"]:
        by_role.setdefault(c["role"], []).append(c)
    for ret in spec["returns"]:
        row = grid[ret["row"] - 1]
        w = f"{where} row {ret['row']}"

        def one(role):
            cols = by_role.get(role, [])
            return cell_text(row[cols[0]["index"] - 1]).strip() if cols else None

        if one("school") != ret["school"]:
            fail(w, f"school {one('school')!r}, expected {ret['school']!r}")
        if one("urn") != ret["urn"]:
            fail(w, f"URN {one('urn')!r}, expected {ret['urn']!r}")
        area = one("area")
        if area != ret.get("area_as_written", ret["area"]):
            fail(w, f"area {area!r}, expected {ret.get('area_as_written', ret['area'])!r}")
        if by_role.get("academic-year"):
            year = one("academic-year")
            if year != ret.get("academic_year_as_written", ret["academic_year"]):
                fail(w, f"year {year!r}, expected {ret['academic_year']!r}")
        strands = {}
        for c in by_role.get("strand", []):
            try:
                strands[c["strand"]] = level_of(cell_text(row[c["index"] - 1]))
            except ValueError as e:
                fail(w, f"column {c['column']}: {e}")
        if len(strands) != 34 or strands != ret["strands"]:
            diff = {k: (strands.get(k), v) for k, v in ret["strands"].items() if strands.get(k) != v}
            fail(w, f"strands differ (read, expected): {diff}")
        duties = {c["duty"]: status_of(cell_text(row[c["index"] - 1])) for c in by_role.get("duty", [])}
        if spec.get("duties_in_file", True):
            if duties != ret["duties"]:
                fail(w, f"duties differ: {duties} vs {ret['duties']}")
        elif any(v is not None for v in ret["duties"].values()):
            fail(w, "duties answered in a file with no duty column")
        evidence = {c["strand"]: cell_text(row[c["index"] - 1]) for c in by_role.get("evidence", [])}
        evidence = {k: v for k, v in evidence.items() if v}
        if evidence != ret["evidence"]:
            fail(w, f"evidence differs: {evidence} vs {ret['evidence']}")
        if ret["academic_year_source"] == "submitted":
            cols = by_role["submitted"]
            v = row[cols[0]["index"] - 1]
            fmt = spec["dates"]["submitted"]
            if isinstance(v, dt.datetime):
                when = v
            elif fmt.endswith("GMT+1"):
                when = dt.datetime.strptime(v.replace(" GMT+1", ""), "%Y/%m/%d %I:%M:%S %p")
            else:
                when = dt.datetime.strptime(v, fmt.replace(" (text cell)", ""))
            if when.isoformat() != ret["submitted"]:
                fail(w, f"submitted {when.isoformat()} vs {ret['submitted']}")
            start = when.year if when.month >= 9 else when.year - 1
            if ret["academic_year"] != f"{start}/{(start + 1) % 100:02d}":
                fail(w, "academic year does not follow from the submission time")
        if ret.get("superseded_by"):
            later = next((r for r in spec["returns"] if r["row"] == ret["superseded_by"]), None)
            if not later or later["urn"] != ret["urn"] or later["submitted"] <= ret["submitted"] or ret["counted"]:
                fail(w, "superseded_by does not name a later response of the same school, or the row still counts")
    return grid


def recount(returns):
    out = {}
    for ret in returns:
        if not ret["counted"]:
            continue
        for area in ("(all)", ret["area"] if ret["area"] is not None else "(none)"):
            c = out.setdefault(ret["academic_year"], {}).setdefault(area, {"schools": 0, "strands": {}, "duties": {}})
            c["schools"] += 1
            for k, v in ret["strands"].items():
                s = c["strands"].setdefault(k, {"emerging": 0, "expected": 0, "exemplary": 0, "not_judged": 0})
                s[v or "not_judged"] += 1
            for k, v in ret["duties"].items():
                s = c["duties"].setdefault(k, {"met": 0, "partly-met": 0, "not-met": 0, "not_answered": 0})
                s[v or "not_answered"] += 1
    return out


def main():
    for path in sorted(glob.glob(os.path.join(DIR, "*.expected.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        name = os.path.basename(path)
        specs = doc["files"] if "files" in doc else [doc]
        all_returns = []
        for spec in specs:
            check_file(spec, DIR)
            if spec.get("expect") != "unreadable":
                all_returns += spec["returns"]
            if "counts_if_mapped" in spec and recount(spec["returns"]) != spec["counts_if_mapped"]:
                fail(name, f"{spec['file']}: counts_if_mapped do not add up")
        if recount(all_returns) != doc["counts"]:
            fail(name, "counts do not add up")
        for year, areas in doc["counts"].items():
            total = sum(a["schools"] for k, a in areas.items() if k != "(all)")
            if total != areas["(all)"]["schools"]:
                fail(name, f"{year}: areas' schools do not sum to (all)")
        print(f"checked {name}: {len(specs)} file(s), "
              f"{sum(1 for r in all_returns if r['counted'])} returns counted")
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
