#!/usr/bin/env python3
"""Writes a synthetic, fictional county's SEND Benchmark survey exports, as the survey tools
export them, for benchmarks and tests of the county build (`sendbench area`, `build`).

    scripts/synthesise-county.py OUT_DIR [--schools 450] [--areas 10]
        [--years 2023/24,2024/25,2025/26] [--seed 7] [--no-review-date]

In OUT_DIR:
  - for each year but the last, a Microsoft Forms export, `SEND benchmark 2023-24(1-N).xlsx`
    (one sheet, Sheet1: ID, Start time, Completion time, Email, Name, Last modified time, then
    a column per question headed by its text; answers as the option's full text);
  - for the last year, a SurveyMonkey export, `Sheet_1.csv` ("All individual responses,
    Original view, Actual answer text": two header rows, US dates with AM/PM, UTF-8 with a
    byte-order mark, CRLF); "Date of review" is a text answer the school types, day first
    (28/04/2026), beside SurveyMonkey's own month-first Start and End Date, as a UK
    county's export has it (--no-review-date leaves that question out of every form);
  - `area-options.toml`: the title, how the data were collected, and the schools asked in
    each area (for the response rate);
  - `expected.json`: what was written: per year, for the county and per area, the schools
    counted (after the one duplicate) and per strand the count at each level and not judged;
    per duty the count per status; the duplicate, the names typed differently.

The questions are the ones `sendbench survey-template --questions` lists (school details,
`1a. Which of these fits your school best?` with options `Expected: <descriptor>`, the
statutory duties' texts with Met / Partly met / Not met), taken from rubric/hertfordshire.toml.

The county: schools spread unevenly over the areas (25 to 70 each when the numbers allow),
each with a stable fictional name, a 6-digit URN and an area. Each year 85-95% respond. A
strand's level comes from the strand's tendency, the area, the school, a year trend (the
county improves a little each year; one area gets worse) and chance; about 3% of strands are
left unjudged. Each year exactly one school submits the form twice on the same day, the
second time a little later with a few answers changed: the later response is the one
counted. A few schools type their name differently in one year (St Mary's / St Marys, & /
and), keeping their URN. Every school, name, URN and address is made up.

Standard library only (the XLSX is written with zipfile and hand-written XML). Same seed,
same bytes.
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import re
import tomllib
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUBRIC = tomllib.load(open(os.path.join(ROOT, "rubric", "hertfordshire.toml"), "rb"))
LEVELS = [level["name"] for level in RUBRIC["levels"]]  # Emerging, Expected, Exemplary
STRANDS = [(o["id"] + s["id"], s) for o in RUBRIC["outcomes"] for s in o["strands"]]
DUTIES = [(item["id"], item["text"]) for item in RUBRIC["checklist"]["items"]]
STATUSES = ["Met", "Partly met", "Not met"]
# The school details, as the question list (and the rubric's default labels) word them.
DETAILS = ["School name", "URN", "Local area or cluster", "Academic year", "Date of review"]

PREFIXES = ["Alder", "Ash", "Beech", "Birch", "Bramble", "Cedar", "Elm", "Fern", "Hazel",
            "Holly", "Larch", "Maple", "Oak", "Rowan", "Willow", "Yew", "Thorn", "Heather",
            "Lark", "Wren", "Kestrel", "Otter", "Badger", "Heron", "Fox", "Swallow", "Linden",
            "Marsh", "Meadow", "Mill", "Brook", "Chalk", "Flint", "Sandy", "Clover", "Bluebell",
            "Poppy", "Orchard", "Kings", "Queens", "Abbots", "Bishops", "Priors", "Little",
            "Great", "Upper", "Lower", "North", "South", "West", "East"]
SUFFIXES = ["brook", "field", "wood", "ley", "ford", "ham", "mead", "bury", "combe", "dale",
            "gate", "hurst", "stone", "well", "wick", "worth", "bridge", "moor", "lands",
            "croft", "green", "side", "hill", "vale"]
KINDS = [("Primary School", 40), ("Infant School", 6), ("Junior School", 6),
         ("Infant and Nursery School", 5), ("Primary and Nursery School", 4),
         ("Primary Academy", 8), ("High School", 6), ("Secondary School", 3), ("Academy", 6),
         ("School", 4), ("Nursery School", 2), ("Community Special School", 2)]
SAINTS = ["St Mary's", "St Joseph's", "St Peter's", "St John's", "St Andrew's", "St Michael's",
          "St Paul's", "St Catherine's", "St Bernadette's", "St Thomas'", "St Anne's",
          "St Nicholas'", "St Luke's", "St Margaret's", "St Helen's", "Holy Trinity",
          "All Saints'", "Christ Church", "Holy Cross", "Our Lady's"]
FAITHS = ["C of E", "Church of England", "Catholic", "CE", "Roman Catholic", "VA"]

ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every zip entry's timestamp: same seed, same bytes


def key(name):
    """A name as sendbench compares them: case, punctuation and "&"/"and" aside."""
    name = name.replace("&", " and ").replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


def academic_year(text):
    start, end = re.split(r"[/-]", text)
    if len(start) != 4 or int(end) % 100 != (int(start) + 1) % 100:
        raise SystemExit(f"{text!r} is not an academic year: write it as 2025/26")
    return int(start)


def area_sizes(rng, schools, areas):
    """Uneven sizes adding up to `schools`: 25 to 70 each when that is possible."""
    low, high = 25, 70
    if not low * areas <= schools <= high * areas:
        low, high = 1, schools
    sizes = [rng.randint(low, high) for _ in range(areas)]
    while sum(sizes) != schools:
        i = rng.randrange(areas)
        if sum(sizes) < schools and sizes[i] < high:
            sizes[i] += 1
        elif sum(sizes) > schools and sizes[i] > low:
            sizes[i] -= 1
    return sizes


def make_names(rng, n):
    """n unique fictional school names (unique also as sendbench compares them)."""
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    places = [p + s for p in PREFIXES for s in SUFFIXES if p[-1] != s[0] and not p.endswith(s)]
    rng.shuffle(places)
    names, seen = [], set()
    place = iter(places)
    while len(names) < n:
        if rng.random() < 0.15:
            kind = rng.choice(["Primary School", "Primary School", "Infant School",
                               "Junior School", "High School", "Academy"])
            saint = rng.choice(SAINTS)
            faith = rng.choice(["Catholic", "Roman Catholic"] if saint == "Our Lady's" else FAITHS)
            name = f"{saint} {faith} {kind}"
            if key(name) in seen:
                name = f"{next(place)} {name}"
        else:
            name = f"{next(place)} {rng.choices(kinds, weights)[0]}"
            if rng.random() < 0.3:
                name = name.replace(" and ", " & ")
        if key(name) not in seen:
            seen.add(key(name))
            names.append(name)
    return names


def variant(name):
    """The name as a school might type it another year, or None when nothing suits."""
    for old, new in [("'s ", "s "), ("' ", " "), (" & ", " and "), (" and ", " & ")]:
        if old in name:
            return name.replace(old, new, 1)
    return None


def level_for(rng, latent):
    return LEVELS[0] if latent < -0.9 else LEVELS[2] if latent > 1.0 else LEVELS[1]


def serial(when):
    """An Excel date serial (days since 30 December 1899, the time as the fraction)."""
    delta = when - dt.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86400


def generate(args):
    rng = random.Random(args.seed)
    years = [y.strip() for y in args.years.split(",") if y.strip()]
    starts = [academic_year(y) for y in years]
    area_names = [f"DSPL {i + 1}" for i in range(args.areas)]
    sizes = area_sizes(rng, args.schools, args.areas)
    names = make_names(rng, args.schools)
    urns = rng.sample(range(110000, 150000), args.schools)
    schools = []
    for a, size in enumerate(sizes):
        for _ in range(size):
            i = len(schools)
            schools.append({"name": names[i], "urn": urns[i], "area": area_names[a],
                            "effect": rng.gauss(0, 0.45)})
    rng.shuffle(schools)  # so an area's schools are not together in the rows
    # Each strand's tendency: some strands are area strengths, some for development.
    tendency = {code: rng.choice([-0.7, -0.45, -0.2, 0.0, 0.15, 0.3, 0.5]) for code, _ in STRANDS}
    area_effect = {a: rng.gauss(0, 0.25) for a in area_names}
    declining = rng.choice(area_names)
    out = {"seed": args.seed, "schools": args.schools, "areas": args.areas, "years": years,
           "review_date_asked": ASK_DATE,
           "declining_area": declining, "eligible": {}, "by_year": {}}
    files = []
    for y, (year, start) in enumerate(zip(years, starts)):
        rate = rng.uniform(0.85, 0.95)
        chosen = set(rng.sample(range(len(schools)), round(rate * len(schools))))
        responding = [s for i, s in enumerate(schools) if i in chosen]
        trend = 0.2 * y
        responses = []
        # A few schools type their name differently this year (St Marys, & for and).
        retyped = rng.sample([s["urn"] for s in responding if variant(s["name"])],
                             rng.randint(1, max(1, args.schools // 150)))
        for s in responding:
            name = variant(s["name"]) if s["urn"] in retyped else s["name"]
            shift = s["effect"] + area_effect[s["area"]] + (-0.25 * y if s["area"] == declining else trend)
            levels = {}
            for code, _ in STRANDS:
                if rng.random() < 0.03:
                    levels[code] = ""
                else:
                    levels[code] = level_for(rng, 0.1 + tendency[code] + shift + rng.gauss(0, 0.75))
            duties = {d: rng.choices(STATUSES + [""], [86, 9, 3, 2])[0] for d, _ in DUTIES}
            # Completed in the summer term: 28 April to 18 July, in school hours or evening.
            day = dt.date(start + 1, 4, 28) + dt.timedelta(days=rng.randrange(82))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            completed = dt.datetime.combine(day, dt.time(rng.choice(range(8, 22)), rng.randrange(60), rng.randrange(60)))
            reviewed = day - dt.timedelta(days=rng.choice([0, 0, 0, 1, 2, 3, 7, 10, 14]))
            responses.append({"school": s, "name": name, "levels": levels, "duties": duties,
                              "started": completed - dt.timedelta(seconds=rng.randint(240, 2700)),
                              "completed": completed, "reviewed": reviewed,
                              "year_text": rng.choices([year, f"{start}-{str(start + 1)[2:]}", f"{start}/{start + 1}"], [85, 10, 5])[0],
                              "counted": True})
        # One school submits twice on one day: the second, later response counts.
        first = rng.choice(responses)
        second = dict(first, levels=dict(first["levels"]), duties=dict(first["duties"]))
        first["counted"] = False
        changed = rng.sample([c for c, _ in STRANDS], rng.randint(2, 4))
        for code in changed:
            second["levels"][code] = rng.choice([lv for lv in LEVELS if lv != first["levels"][code]])
        gap = dt.timedelta(minutes=rng.randint(20, 150))
        day_end = dt.datetime.combine(first["completed"].date(), dt.time(23, 0))
        if first["completed"] + gap > day_end:  # the same day
            first["completed"] -= gap
            first["started"] -= gap
        second["started"] = first["completed"] + gap - (first["completed"] - first["started"]) / 3
        second["completed"] = first["completed"] + gap
        responses.append(second)
        responses.sort(key=lambda r: r["completed"])
        if y < len(years) - 1:
            fname = f"SEND benchmark {start}-{str(start + 1)[2:]}(1-{len(responses)}).xlsx"
            rows = write_forms(os.path.join(args.out, fname), responses, start, rng)
            tool = "Microsoft Forms"
        else:
            fname = "Sheet_1.csv"
            rows = write_surveymonkey(os.path.join(args.out, fname), responses, rng)
            tool = "SurveyMonkey"
        files.append(fname)
        row_of = {id(r): row for r, row in zip(responses, rows)}
        counted = [r for r in responses if r["counted"]]
        per_area = {a: tally([r for r in counted if r["school"]["area"] == a]) for a in area_names}
        out["by_year"][year] = {
            "file": fname,
            "tool": tool,
            "rows": len(responses),
            "response_rate_target": round(rate, 3),
            "county": tally(counted),
            "areas": per_area,
            "duplicate": {
                "school": first["school"]["name"],
                "urn": str(first["school"]["urn"]),
                "area": first["school"]["area"],
                "rows": [row_of[id(first)], row_of[id(second)]],
                "counted_row": row_of[id(second)],
                "first_completed": first["completed"].isoformat(),
                "second_completed": second["completed"].isoformat(),
                "changed_strands": sorted(changed),
            },
            "names_typed_differently": [
                {"urn": str(r["school"]["urn"]), "usual": r["school"]["name"], "typed": r["name"]}
                for r in counted if r["name"] != r["school"]["name"]],
        }
    for a, size in zip(area_names, sizes):
        out["eligible"][a] = size
    write_options(os.path.join(args.out, "area-options.toml"), out["eligible"])
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return files


def tally(responses):
    """Schools counted, and per strand and duty the count at each answer."""
    strands = {}
    for code, _ in STRANDS:
        counts = {lv.lower(): 0 for lv in LEVELS} | {"not_judged": 0}
        for r in responses:
            lv = r["levels"][code]
            counts[lv.lower() if lv else "not_judged"] += 1
        strands[code] = counts
    duties = {}
    for d, _ in DUTIES:
        counts = {"met": 0, "partly_met": 0, "not_met": 0, "not_answered": 0}
        for r in responses:
            st = r["duties"][d]
            counts[st.lower().replace(" ", "_") if st else "not_answered"] += 1
        duties[d] = counts
    return {"schools": len(responses), "strands": strands, "duties": duties}


# Whether the form asks "Date of review" (--no-review-date: it does not, and the completion
# time stands in for it).
ASK_DATE = True


def questions():
    """(header, kind) per question, in the question list's order; kind "text" or "choice"."""
    qs = [(DETAILS[0], "text"), (DETAILS[1], "text"), (DETAILS[2], "choice"),
          (DETAILS[3], "text")] + ([(DETAILS[4], "text")] if ASK_DATE else [])
    qs += [(f"{code}. Which of these fits your school best?", "choice") for code, _ in STRANDS]
    qs += [(text, "choice") for _, text in DUTIES]
    return qs


def answers(r):
    """A response's answers, in the order of `questions()`, as the form gives them back."""
    strands = dict(STRANDS)
    values = [r["name"], r["school"]["urn"], r["school"]["area"], r["year_text"]]
    if ASK_DATE:
        values.append(r["reviewed"].strftime("%d/%m/%Y"))  # typed by the school, UK order
    for code, strand in STRANDS:
        lv = r["levels"][code]
        values.append(f"{lv}: {strand[lv.lower()]}" if lv else "")
    values += [r["duties"][d] for d, _ in DUTIES]
    return values


# ---------------------------------------------------------------- Microsoft Forms (XLSX)

def column_letter(i):
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


def write_forms(path, responses, start, rng):
    """The Forms export: Sheet1, a row per response in the order they came in. Returns the
    sheet row of each response."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    header += [q for q, _ in questions()]
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    rows_xml = []

    def row(r, cells):
        parts = []
        for c, (value, kind) in enumerate(cells):
            ref = f"{column_letter(c)}{r}"
            if value is None or value == "":
                continue
            if kind == "s":
                parts.append(f'<c r="{ref}" t="s"><v>{sst(value)}</v></c>')
            elif kind == "date":
                parts.append(f'<c r="{ref}" s="1"><v>{serial(value)!r}</v></c>')
            else:
                parts.append(f'<c r="{ref}"><v>{value}</v></c>')
        rows_xml.append(f'<row r="{r}">{"".join(parts)}</row>')

    row(1, [(h, "s") for h in header])
    placed = []
    for n, resp in enumerate(responses, start=1):
        values = answers(resp)
        cells = [(n, "n"), (resp["started"], "date"), (resp["completed"], "date"),
                 ("anonymous", "s"), ("", "s"), ("", "s")]
        cells += [(v, "n" if i == 1 else "s") for i, v in enumerate(values)]
        row(n + 1, cells)
        placed.append(n + 1)
    last = f"{column_letter(len(header) - 1)}{len(responses) + 1}"
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="6" customWidth="1"/>'
        '<col min="2" max="3" width="18" customWidth="1"/>'
        f'<col min="4" max="{len(header)}" width="20" customWidth="1"/></cols>'
        f'<sheetData>{"".join(rows_xml)}</sheetData>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '</worksheet>')
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{refs_of(rows_xml)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        + '</sst>')
    created = dt.datetime(start + 1, 7, 20, 9, 0, 0).strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>'),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
            '</cp:coreProperties>'),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>Microsoft Excel</Application></Properties>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<bookViews><workbookView/></bookViews>'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>'
            '</Relationships>'),
        "xl/theme/theme1.xml": theme(),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yy h:mm:ss"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
            '</styleSheet>'),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"), compresslevel=6)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())
    return placed


def theme():
    """The Office theme, as small as the schema allows: Excel workbooks carry one."""
    colours = [("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
               ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
               ("dk2", '<a:srgbClr val="44546A"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
               ("accent1", '<a:srgbClr val="4472C4"/>'), ("accent2", '<a:srgbClr val="ED7D31"/>'),
               ("accent3", '<a:srgbClr val="A5A5A5"/>'), ("accent4", '<a:srgbClr val="FFC000"/>'),
               ("accent5", '<a:srgbClr val="5B9BD5"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
               ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>')]
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    effect = '<a:effectStyle><a:effectLst/></a:effectStyle>'
    font = '<a:latin typeface="{0}"/><a:ea typeface=""/><a:cs typeface=""/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
        '<a:themeElements><a:clrScheme name="Office">'
        + "".join(f"<a:{n}>{c}</a:{n}>" for n, c in colours)
        + '</a:clrScheme><a:fontScheme name="Office">'
        f'<a:majorFont>{font.format("Calibri Light")}</a:majorFont>'
        f'<a:minorFont>{font.format("Calibri")}</a:minorFont></a:fontScheme>'
        '<a:fmtScheme name="Office">'
        f'<a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f'<a:lnStyleLst>{line * 3}</a:lnStyleLst>'
        f'<a:effectStyleLst>{effect * 3}</a:effectStyleLst>'
        f'<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst>'
        '</a:fmtScheme></a:themeElements></a:theme>')


def refs_of(rows_xml):
    return sum(r.count('t="s"') for r in rows_xml)


# ---------------------------------------------------------------- SurveyMonkey (CSV)

def us_time(when):
    return when.strftime("%m/%d/%Y %I:%M:%S %p")


def write_surveymonkey(path, responses, rng):
    """SurveyMonkey's "All individual responses" CSV, Original view, actual answer text.
    Returns the file row (1-based, header rows included) of each response."""
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
             "Email Address", "First Name", "Last Name", "Custom Data 1"]
    qs = questions()
    header1 = first + [q for q, _ in qs]
    header2 = [""] * len(first) + ["Response" if kind == "choice" else "Open-Ended Response" for _, kind in qs]
    collector = 431000000 + rng.randrange(999999)
    respondent = 114000000000 + rng.randrange(10 ** 8)
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\r\n")
    w.writerow(header1)
    w.writerow(header2)
    placed = []
    for n, r in enumerate(responses):
        respondent += rng.randint(1000, 90000)
        # Documentation addresses (RFC 5737): no real network's.
        ip = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(1, 254)}"
        values = [str(v) for v in answers(r)]
        w.writerow([respondent, collector, us_time(r["started"]), us_time(r["completed"]), ip,
                    "", "", "", ""] + values)
        placed.append(n + 3)
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))
    return placed


# ---------------------------------------------------------------- the officer's options

def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_options(path, eligible):
    lines = [
        'title = "Synthetic County SEND benchmark"',
        'county = "Synthetic County"',
        'collection = "SENCOs across Synthetic County were asked to complete the SEND Benchmark survey each summer term."',
        "",
        "# Schools in each area that were asked, for the response rate.",
        "[eligible]",
    ] + [f"{toml_string(a)} = {n}" for a, n in eligible.items()]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="the folder to write into (made if absent)")
    parser.add_argument("--schools", type=int, default=450)
    parser.add_argument("--areas", type=int, default=10)
    parser.add_argument("--years", default="2023/24,2024/25,2025/26",
                        help="comma-separated; the last is a SurveyMonkey CSV, the others Forms XLSX")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-review-date", action="store_true",
                        help="leave out the \"Date of review\" question (the completion time stands in)")
    args = parser.parse_args()
    global ASK_DATE
    ASK_DATE = not args.no_review_date
    if args.areas < 1 or args.schools < args.areas:
        parser.error("need at least one area and one school per area")
    os.makedirs(args.out, exist_ok=True)
    for name in generate(args):
        print(os.path.join(args.out, name))


if __name__ == "__main__":
    main()
