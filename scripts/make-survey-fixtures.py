#!/usr/bin/env python3
"""Writes the survey-export test fixtures into crates/batch/tests/fixtures/surveys/.

Each fixture imitates how one survey tool (or one person's spreadsheet) really lays out a
county's SEND benchmark returns, one row per school, with an `*.expected.json` beside it
giving the truth: which rows are returns, each school's details, every strand's level and
every duty's status, which rows are not returns and why, and the counts per academic year,
area and strand. The schema is described in the fixtures folder's README.md.

The schools, URNs and answers are fictional. Everything is drawn from fixed seeds, and the
XLSX files are written with fixed timestamps, so every run writes the same bytes.

    pip install openpyxl
    python3 scripts/make-survey-fixtures.py

Written without reading sendbench's readers: the layouts follow the survey tools, not what
sendbench is known to accept.
"""
import csv
import datetime as dt
import io
import json
import os
import random
import re
import shutil
import tomllib
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "batch", "tests", "fixtures", "surveys")
RUBRIC = tomllib.load(open(os.path.join(ROOT, "crates", "core", "rubric", "hertfordshire.toml"), "rb"))

LEVELS = [level["id"] for level in RUBRIC["levels"]]          # emerging, expected, exemplary
LEVEL_NAME = {level["id"]: level["name"] for level in RUBRIC["levels"]}
OUTCOMES = RUBRIC["outcomes"]
STRANDS = [(o["id"] + s["id"], o, s) for o in OUTCOMES for s in o["strands"]]
CODES = [code for code, _, _ in STRANDS]
STRAND = {code: s for code, _, s in STRANDS}
OUTCOME = {o["id"]: o for o in OUTCOMES}
DUTIES = RUBRIC["checklist"]["items"]
DUTY_IDS = [d["id"] for d in DUTIES]
DUTY_TEXT = {d["id"]: d["text"] for d in DUTIES}
STATUSES = ["met", "partly-met", "not-met"]
STATUS_NAME = {"met": "Met", "partly-met": "Partly met", "not-met": "Not met"}
SCHEMA = "sendbench-survey-fixture/1"
FIXED_TIME = (2026, 7, 20, 9, 0, 0)

# A few words per strand, taken from its descriptors, as an officer would label a grid row or
# a matrix statement. (The rubric has no strand titles; these are ours, not the toolkit's.)
SHORT = {
    "1a": "Differentiated, personalised teaching",
    "1b": "Reviewing the quality of teaching",
    "1c": "An inclusive culture for learning",
    "1d": "Included in the life of the school",
    "1e": "Joined-up provision",
    "1f": "Identifying SEN at the earliest point",
    "1g": "The graduated approach (four-part cycle)",
    "1h": "Parent/carers and the identification of SEN",
    "1i": "Removing barriers to learning",
    "1j": "Reasonable adjustments",
    "1k": "Parent/carers consulted about provision",
    "1l": "Provision mapping",
    "1m": "Developing SEND policy and provision",
    "1n": "Evaluating special educational provision",
    "1o": "Professional development for staff",
    "2a": "Teachers understand the needs of CYP with SEND",
    "2b": "Responsibility for progress and development",
    "2c": "Impact of teaching assistants and specialist staff",
    "2d": "Tracking progress and outcomes",
    "2e": "Graduated approach promotes good outcomes",
    "2f": "Feedback to teachers",
    "2g": "Reducing anxiety, promoting good mental health",
    "2h": "Person-centred approaches, listening to views",
    "2i": "Bullying and safeguarding",
    "3a": "Participation in decision making",
    "3b": "Records of desired outcomes and meetings",
    "3c": "Meeting parent/carers three times a year",
    "3d": "Parental confidence",
    "4a": "Reviewing use of expertise and resources",
    "4b": "Provision management",
    "4c": "Delegated budget and other resources",
    "5a": "Working with education, health and social care",
    "5b": "Transitions and preparing for adulthood",
    "5c": "The SEN information report",
}

# Freely worded questions, no code and no descriptor text: only a column map can place them.
INVENTED = {
    "1a": "Do teachers adapt their lessons for pupils with additional needs?",
    "1b": "How closely do leaders look at teaching for pupils with additional needs?",
    "1c": "How inclusive is the atmosphere in classrooms?",
    "1d": "Do pupils with additional needs take part in clubs, trips and events?",
    "1e": "How well do outside agencies and school staff work together?",
    "1f": "How well does your school identify needs early?",
    "1g": "How consistently is assess-plan-do-review used?",
    "1h": "Are families involved when a need is first noticed?",
    "1i": "How quickly are obstacles to learning dealt with?",
    "1j": "How well are lessons and buildings made accessible?",
    "1k": "Are families asked before extra support starts?",
    "1l": "How is your record of interventions used?",
    "1m": "Who shapes the school's inclusion policy?",
    "1n": "How well do you check that extra support is working?",
    "1o": "How good is staff training on additional needs?",
    "2a": "How well do teachers know the pupils who need extra help?",
    "2b": "Do all teachers see themselves as teachers of every pupil?",
    "2c": "How much difference do support staff make?",
    "2d": "How do you track the progress of pupils on the register?",
    "2e": "Do families help decide next steps in reviews?",
    "2f": "How useful is the feedback teachers get on inclusive practice?",
    "2g": "How well does the school support wellbeing and worries?",
    "2h": "How are pupils' own views heard?",
    "2i": "How well are vulnerable pupils protected from bullying?",
    "3a": "Do pupils and parents share in decisions about support?",
    "3b": "Are notes of review meetings shared with families?",
    "3c": "How often do you meet parents of pupils on the register?",
    "3d": "How do you find out whether parents trust the support on offer?",
    "4a": "Do governors know how the notional budget is spent?",
    "4b": "Does the school know which interventions give value for money?",
    "4c": "Is spending on additional needs open and effective?",
    "5a": "How strong are links with health, social care and charities?",
    "5b": "How well are moves between classes and schools managed?",
    "5c": "Is your published information report known and used by staff?",
}
INVENTED_DUTY = {
    "principles": "Are children's and parents' views at the heart of your decisions?",
    "best-endeavours": "Does the school do everything it reasonably can to get pupils the help they need?",
    "senco": "Is your SENCo a qualified teacher with (or within three years of) the national award?",
    "medical-conditions": "Are pupils with medical conditions properly supported?",
    "sen-information-report": "Is your information report for families updated every year?",
    "disability-access": "Have you published admissions arrangements and an accessibility plan for disabled pupils?",
    "ehc-plan-reviews": "Do you take part in annual reviews of EHCPs with the council?",
    "local-offer": "Do you help the council review local provision and the Local Offer?",
    "inform-parents": "Do you tell parents when their child starts to receive extra provision?",
}

# The strand headers of `sendbench survey-template` (its Returns sheet), copied from its output
# (the debug build of commit df55964, `survey-template -o returns.xlsx`).
TEMPLATE_STRAND_HEADER = {
    "1a": "1a. High quality teaching is regularly differentiated, personalised and...",
    "1b": "1b. The SENCO, with senior leaders, regularly and carefully reviews the...",
    "1c": "1c. The culture for learning is responsive to the needs of all children...",
    "1d": "1d. Children and young people with SEND and their families are fully...",
    "1e": "1e. Joined-up provision within school, and from services beyond school...",
    "1f": "1f. A clear consistent, approach to identifying SEN at the earliest point...",
    "1g": "1g. All school staff understand and use the graduated approach, in the...",
    "1h": "1h. Parent/carers are consulted as part of the approach to the...",
    "1i": "1i. Action is taken to remove barriers to learning at the earliest point...",
    "1j": "1j. Reasonable adjustments are used effectively to ensure access to the...",
    "1k": "1k. Parent/carers are consulted about any provision to be put in place to...",
    "1l": "1l. All teachers are involved in provision mapping and management, and use...",
    "1m": "1m. The SENCO, working with the SLT, and governing body, determines the...",
    "1n": "1n. The effectiveness of special educational provision is evaluated by the...",
    "1o": "1o. The SENCO, working with senior leaders, plans a comprehensive...",
    "2a": "2a. Teachers have a clear understanding of the needs of children and young...",
    "2b": "2b. All teachers take responsibility and are accountable for the progress...",
    "2c": "2c. Teachers take responsibility for the impact of support from teaching...",
    "2d": "2d. Outcomes and progress for children and young people with SEND are...",
    "2e": "2e. There is clarity between teachers of how the graduated approach...",
    "2f": "2f. Effective feedback, provided to teachers over time, improves teaching...",
    "2g": "2g. All teachers have an enhanced understanding of how to reduce anxiety...",
    "2h": "2h. There are a range of person-centred approaches in place for listening...",
    "2i": "2i. Teachers understand the heightened risk of children and young people...",
    "3a": "3a. Teachers ensure that children and young people, and their families...",
    "3b": "3b. A record of the desired outcomes, actions and provision is kept and...",
    "3c": "3c. There are arrangements to meet with parent/carers at least three times...",
    "3d": "3d. There are effective opportunities to capture and explore the level of...",
    "4a": "4a. Leaders and governors regularly review how expertise and resources are...",
    "4b": "4b. Provision management is used to evaluate the impact of provision on...",
    "4c": "4c. The school’s delegated budget and other resources are used efficiently...",
    "5a": "5a. There is evidence of proactive and collaborative working practices...",
    "5b": "5b. Systems for transitions within school, between schools and in...",
    "5c": "5c. The SEN information report is published on the website, updated...",
}
TEMPLATE_DETAILS = ["School name", "URN", "Local area or cluster", "Academic year", "Date of review"]

PLACES = [
    "Brambleside", "Cowslip Hill", "Fallowfield", "Greenacre", "Hollybush", "Kingsmead",
    "Larkrise", "Meadowbank", "Orchard Vale", "Pinewood", "Quarry Lane", "Sandpit Lane",
    "Thornfield", "Upper Dell", "Wren Park", "Abbots Mead", "Beechcroft", "Chalkdell",
    "Dovecote", "Elmfield", "Foxgrove", "Gorse Common", "Harebell", "Ivel Bank", "Juniper Way",
    "Kestrel Rise", "Lavender Fields", "Millbrook", "Nightingale", "Oxhey Wood", "Pondside",
    "Ryecroft", "Sheepcote", "Tudor Lane", "Watermead", "Yewtree", "Ashbrook", "Bluebell Wood",
    "Cherry Orchard", "Deacons Hill", "Eastbury Farm", "Five Oaks", "Goldings", "Hazelmere",
    "Ladywood", "Mill End", "Northfield", "Old Bell", "Parsonage", "Riverside", "Summerswood",
    "Tewin Water", "Woodhall", "Clarendon", "Bishops Park",
]
KINDS = [
    "Primary School", "Primary School", "Primary School", "Infant and Nursery School",
    "Junior School", "JMI School", "Church of England Primary School", "Academy",
    "Community Free School", "School", "Catholic Primary School", "High School",
]
SPECIAL_NAMES = [
    "St Mary’s Church of England Primary School",        # curly apostrophe, as Word and phones type it
    "St Peter's Catholic Primary School",
    "Holy Trinity C of E Primary & Nursery School",
    "The Ridgeway Academy",
    "Saint Luke’s School",
    "Our Lady’s Catholic Primary School",
]

EVIDENCE_FOR = {
    "1a": ["Learning walks in the spring term saw adapted tasks in 9 of 11 classes.",
           "Book looks each half term by the SENCO and head teacher; pupil voice says work is \"just right\" more often than last year.",
           "Adaptive teaching is a whole-school priority.\nCPD: three twilight sessions.\nLesson visits show scaffolds in most lessons, less so in foundation subjects."],
    "1f": ["Early identification: EYFS baseline, speech and language screening in Reception, and 'cause for concern' forms.",
           "Termly pupil progress meetings use the county's graduated approach checklist; the approach is set out in our SEN information report."],
    "1l": ["Provision map reviewed each term with the SLT; entry and exit data recorded for every intervention.",
           "Provision map on Edukey; class teachers update it termly.\nImpact of interventions analysed in July.",
           "We have a provision map but it is not yet used to judge impact."],
    "2g": ["Emotion coaching training for all staff (January 2026); ELSA sessions for 14 pupils.",
           "Zones of regulation used in every class; wellbeing survey shows fewer pupils with SEND reporting worry."],
    "3c": ["Three structured conversations a year with every family on the SEN register; 94% attendance.",
           "Parents' evenings plus a termly SEN review meeting led by the class teacher."],
    "5c": ["SEN information report co-produced with the parent forum and published on the website in October.",
           "Report updated in September 2025; a pupil-friendly version written with the school council."],
}

EVIDENCE = [
    "Learning walks in the spring term saw adapted tasks in 9 of 11 classes.",
    "Provision map reviewed each term with the SLT; entry and exit data recorded for every intervention.",
    "Parent survey (March 2026): 87% of parents of pupils with SEND agreed that they are listened to.",
    "All EHCP annual reviews held on time this year; pupil views gathered with one-page profiles.",
    "SENCO and head teacher do joint book looks every half term, with feedback to each teacher.",
    "INSET on the four broad areas of need for all staff, September 2025; follow-up in staff meetings.",
    "Anti-bullying ambassadors include two pupils with SEND; incidents are logged and analysed termly.",
    "Transition passports for Year 6; enhanced visits arranged with three secondary schools.",
    "SEN information report co-produced with the parent forum and published on the website in October.",
    "Termly pupil progress meetings use the county's graduated approach checklist.",
    "Pupil voice: termly sessions with the school council.\nParent voice: coffee mornings each half term.\nGovernor visit: March 2026.",
    "Early identification: EYFS baseline, speech and language screening in Reception, and \"cause for concern\" forms.",
]


# ── helpers ──────────────────────────────────────────────────────────────────────────────

def academic_year(day):
    """The academic year (September to August) a date falls in, as 2025/26."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def first_sentence(text):
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def option_full(code, level):
    return f"{LEVEL_NAME[level]}: {STRAND[code][level]}"


def option_first(code, level):
    return f"{LEVEL_NAME[level]}: {first_sentence(STRAND[code][level])}"


def later(rng, t, min_hours, max_hours):
    """A time some hours after t, moved into the hours people fill in forms (08:00 to 21:00)."""
    t = t + dt.timedelta(hours=rng.randint(min_hours, max_hours), minutes=rng.randint(0, 59),
                         seconds=rng.randint(0, 59))
    if t.hour < 8:
        t = t.replace(hour=rng.randint(8, 10))
    elif t.hour >= 21:
        t = (t + dt.timedelta(days=1)).replace(hour=rng.randint(8, 11))
    return t


def col(n):
    return get_column_letter(n)


def pick(rng, weights):
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def school_pool(seed, n, special=()):
    """n distinct fictional schools (name, URN), with the given special names among them."""
    rng = random.Random(seed)
    places = PLACES[:]
    rng.shuffle(places)
    names = list(special)
    for place in places:
        if len(names) >= n:
            break
        names.append(f"{place} {rng.choice(KINDS)}")
    urns = set()
    schools = []
    for name in names:
        while True:
            urn = str(rng.choice([rng.randint(117000, 117999), rng.randint(136000, 149999)]))
            if urn not in urns and urn != "117234":   # Oakfield's, in examples/
                urns.add(urn)
                break
        schools.append({"name": name, "urn": urn})
    rng.shuffle(schools)
    return schools


class Judge:
    """Each strand's own tendency in one fixture, so some strands are area strengths and some
    areas for development, and the counts are not uniform."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.tendency = {code: (self.rng.choice([0.0, 0.05, 0.1, 0.2, 0.35]),
                                self.rng.choice([0.05, 0.1, 0.2, 0.3])) for code in CODES}

    def strands(self, skip_outcomes=(), gaps=0):
        """A level per strand; the outcomes in skip_outcomes left unjudged, and `gaps` more
        strands left unjudged at random."""
        levels = {}
        for code in CODES:
            low, high = self.tendency[code]
            r = self.rng.random()
            levels[code] = "emerging" if r < low else "exemplary" if r > 1 - high else "expected"
            if code[0] in skip_outcomes:
                levels[code] = None
        for code in self.rng.sample(CODES, gaps):
            levels[code] = None
        return levels

    def duties(self, gaps=0):
        statuses = {d: pick(self.rng, {"met": 86, "partly-met": 11, "not-met": 3}) for d in DUTY_IDS}
        for d in self.rng.sample(DUTY_IDS, gaps):
            statuses[d] = None
        return statuses

    def revise(self, levels, n=3):
        """The same school's answers, a few changed (a second response)."""
        levels = dict(levels)
        for code in self.rng.sample(CODES, n):
            levels[code] = self.rng.choice(LEVELS)
        return levels


def empty_counts():
    return {"schools": 0,
            "strands": {code: {"emerging": 0, "expected": 0, "exemplary": 0, "not_judged": 0} for code in CODES},
            "duties": {d: {"met": 0, "partly-met": 0, "not-met": 0, "not_answered": 0} for d in DUTY_IDS}}


def add_counts(counts, ret):
    counts["schools"] += 1
    for code in CODES:
        counts["strands"][code][ret["strands"][code] or "not_judged"] += 1
    for d in DUTY_IDS:
        counts["duties"][d][ret["duties"][d] or "not_answered"] += 1


def count(returns):
    """Counts per academic year, then per area ("(none)" for returns naming no area) and over
    all areas ("(all)"), of the returns that count."""
    out = {}
    for ret in returns:
        if not ret["counted"]:
            continue
        year = out.setdefault(ret["academic_year"], {"(all)": empty_counts()})
        add_counts(year["(all)"], ret)
        area = ret["area"] if ret["area"] is not None else "(none)"
        add_counts(year.setdefault(area, empty_counts()), ret)
    return {year: dict(sorted(areas.items())) for year, areas in sorted(out.items())}


def make_return(row, school, area, year, strands, duties, *, year_source, submitted=None,
                review_date=None, evidence=None, area_as_written=None, name_as_written=None, note=None):
    ret = {
        "row": row,
        "counted": True,
        "school": school["name"] if name_as_written is None else name_as_written,
        "urn": school["urn"],
        "area": area,
        "academic_year": year,
        "academic_year_source": year_source,
        "review_date": review_date.isoformat() if review_date else None,
        "submitted": submitted.isoformat(timespec="seconds") if submitted else None,
        "strands": strands,
        "duties": duties,
        "evidence": evidence or {},
    }
    if area_as_written is not None and area_as_written != area:
        ret["area_as_written"] = area_as_written
    if note:
        ret["note"] = note
    return ret


def supersede(earlier, later, why):
    earlier["counted"] = False
    earlier["superseded_by"] = later["row"]
    earlier["note"] = why


def column(index, header, role, **target):
    entry = {"index": index, "column": col(index), "header": header, "role": role}
    entry.update(target)
    return entry


def expected(path, doc):
    doc = {"schema": SCHEMA, **doc}
    if "returns" in doc:
        doc["counts"] = count(doc["returns"])
    with open(path + ".expected.json", "w", encoding="utf-8", newline="\n") as f:
        f.write(dumps(doc) + "\n")


def dumps(value, indent=0):
    """JSON with one line per object or list that holds only plain values (a return's strands,
    a strand's counts, a column), so the files stay short and readable."""
    def plain(v):
        return not isinstance(v, (dict, list)) or (isinstance(v, list) and all(not isinstance(x, (dict, list)) for x in v))
    if isinstance(value, dict) and value and not all(plain(v) for v in value.values()):
        pad = " " * (indent + 1)
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list) and value and not all(plain(v) for v in value):
        pad = " " * (indent + 1)
        return "[\n" + ",\n".join(pad + dumps(v, indent + 1) for v in value) + "\n" + " " * indent + "]"
    return json.dumps(value, ensure_ascii=False)


def write_csv(path, rows, encoding="utf-8", line_end="\r\n", quote_all=False):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator=line_end,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def save_xlsx(wb, path, cached=None, creator="Microsoft Office User"):
    """Saves wb with fixed timestamps (so the same bytes every run), and with the cached value
    Excel keeps beside each formula (`cached`: sheet file -> {cell: value})."""
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    stamp = dt.datetime(*FIXED_TIME)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    zin = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-07-20T09:00:00Z", data)
            for cell, value in (cached or {}).get(info.filename, {}).items():
                data, n = re.subn(rb'(<c r="' + cell.encode() + rb'"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>',
                                  rb"\g<1><v>" + str(value).encode() + rb"</v>", data)
                assert n == 1, (path, cell)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)


def xlsx_value(v):
    return None if v == "" else v


# ── 1. Microsoft Forms (XLSX) ─────────────────────────────────────────────────────────────

def microsoft_forms():
    name = "microsoft-forms.xlsx"
    rng = random.Random(101)
    judge = Judge(102)
    schools = school_pool(103, 23, special=SPECIAL_NAMES[:1])
    areas = ["DSPL 1", "DSPL 2", "DSPL 3"]
    evidence_after = ["1a", "1f", "1l", "2g", "3c", "5c"]

    def ask(code):
        return f"{code}. Which of these best describes your school? ({SHORT[code]})"

    def answer(code, level, row_na):
        if level is None:
            return "N/A" if code[0] in "345" and row_na else None
        if code[0] == "1":
            return option_full(code, level)
        if code[0] == "2":
            return option_first(code, level)
        return LEVEL_NAME[level]

    headers = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
               "School name", "School URN (6 digits)", "In which DSPL does your setting sit?",
               "Name of person completing this form"]
    columns = [column(1, "ID", "tool"), column(2, "Start time", "tool"),
               column(3, "Completion time", "submitted"), column(4, "Email", "tool"),
               column(5, "Name", "tool"), column(6, "Last modified time", "tool"),
               column(7, "School name", "school"), column(8, "School URN (6 digits)", "urn"),
               column(9, "In which DSPL does your setting sit?", "area"),
               column(10, "Name of person completing this form", "ignore",
                      why="the respondent's own name and role; no place in a return's details")]
    layout = []
    for code in CODES:
        headers.append(ask(code))
        layout.append(("strand", code))
        columns.append(column(len(headers), headers[-1], "strand", strand=code))
        if code in evidence_after:
            headers.append(f"{code}. Evidence to support judgement (optional)")
            layout.append(("evidence", code))
            columns.append(column(len(headers), headers[-1], "evidence", strand=code))
    for d in DUTY_IDS:
        # A Likert question "Statutory checklist: does your school...": Forms heads each
        # statement's column with the statement alone.
        headers.append(DUTY_TEXT[d])
        layout.append(("duty", d))
        columns.append(column(len(headers), headers[-1], "duty", duty=d))

    people = ["Mrs J Patel, SENCO", "Tom Reeves (Inclusion Lead)", "K. Osei - SENCo", "Head teacher",
              "Sarah Lloyd, Deputy Head/SENCO", "A Nowak", "Mr D Hughes SENDCo"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(headers)
    returns = []
    start = dt.datetime(2026, 6, 8, 9, 12, 40)
    plan = list(range(23)) + ["again"]   # the 24th response is school 6's second
    row = 1
    first_of = {}
    for i, who in enumerate(plan):
        row += 1
        if who == "again":
            school = schools[6]
            area = first_of[6]["area"]
            strands = judge.revise(first_of[6]["strands"], 4)
            duties = dict(first_of[6]["duties"])
            duties["sen-information-report"] = "met"
        else:
            school = schools[who]
            area = areas[who % 3]
            skip = ("4", "5") if who in (4, 15) else ()
            strands = judge.strands(skip_outcomes=skip, gaps=2 if who in (9, 19) else 0)
            duties = judge.duties(gaps=1 if who == 12 else 0)
        start = later(rng, start, 2, 40)
        started = start
        completed = started + dt.timedelta(minutes=rng.randint(18, 55), seconds=rng.randint(0, 59))
        modified = completed + dt.timedelta(days=1, minutes=rng.randint(5, 300)) if who in (3, 17) else None
        row_na = rng.random() < 0.5
        evidence = {code: rng.choice(EVIDENCE_FOR[code]) for code in evidence_after
                    if rng.random() < 0.45 and strands[code]}
        cells = [i + 1, started, completed, "anonymous", None, modified,
                 school["name"], school["urn"], area, rng.choice(people)]
        for kind, key in layout:
            if kind == "strand":
                cells.append(answer(key, strands[key], row_na))
            elif kind == "evidence":
                cells.append(evidence.get(key))
            else:
                cells.append(STATUS_NAME[duties[key]] if duties[key] else None)
        ws.append(cells)
        for c in (2, 3, 6):
            ws.cell(row=row, column=c).number_format = "m/d/yy h:mm:ss"
        ret = make_return(row, school, area, academic_year(completed), strands, duties,
                          year_source="submitted", submitted=completed, evidence=evidence)
        if who == "again":
            supersede(returns[first_of[6]["index"]], ret,
                      "the same school (name and URN) responded again later; the later response counts")
        else:
            first_of[who] = {"area": area, "strands": strands, "duties": duties, "index": len(returns)}
        returns.append(ret)
    ws.freeze_panes = "A2"
    save_xlsx(wb, os.path.join(OUT, name))
    expected(os.path.join(OUT, name), {
        "file": name,
        "tool": "Microsoft Forms",
        "imitates": "Responses > Open in Excel (the downloaded workbook) of a county-wide form: "
                    "ID, Start time, Completion time, Email, Name, Last modified time, then one "
                    "column per question headed by its text. Choice answers are the option text: "
                    "outcome 1's options are 'Level: full descriptor', outcome 2's 'Level: first "
                    "sentence of the descriptor', outcomes 3-5 the level name or N/A. The "
                    "statutory checklist is one Likert question, each statement its own column "
                    "headed by the statement alone.",
        "dates": {"submitted": "Excel date-time cell"},
        "format": {"type": "xlsx", "sheet": "Sheet1", "other_sheets": []},
        "header_rows": [1],
        "data_rows": [2, row],
        "column_map_needed": False,
        "expect": "read",
        "columns": columns,
        "returns": returns,
        "not_returns": [],
        "notes": [
            "No academic year or review date is asked: each return's year comes from its Completion time (June-July 2026: 2025/26).",
            "Start time, Completion time and Last modified time are Excel date-time cells (number format m/d/yy h:mm:ss); Email is 'anonymous' and Name empty, as Forms writes for respondents outside the organisation.",
            "Outcome 1 answers carry the whole descriptor, outcome 2 answers only its first sentence.",
            "Column J 'Name of person completing this form' is the respondent, not the school: not a school detail.",
            "The last row is a second response from an earlier row's school (same name and URN), made on a later day: it replaces the earlier one.",
        ],
    })


# ── 2. Google Forms with grid questions (CSV from the linked Sheet, en-GB) ────────────────

def google_forms_grid():
    name = "google-forms-grid.csv"
    rng = random.Random(201)
    judge = Judge(202)
    schools = school_pool(203, 19, special=[SPECIAL_NAMES[0], SPECIAL_NAMES[1]])
    localities = ["Dacorum", "Three Rivers", "Watford"]
    titles = {
        "1": "Outcome 1: Providing high quality provision that meets the needs of children and young people with SEND",
        "2": "Outcome 2: Improving short and long term outcomes",
        "3": "Outcome 3: Communicating with parents, children and young people",
        "4": "Outcome 4: Managing resources for SEN",
        "5": "Outcome 5: Working proactively and collaboratively",
    }
    # Row labels: the code (outcomes 1 and 4), a few words of the strand (2 and 5), the letter (3).
    style = {"1": "code", "2": "words", "3": "letter", "4": "code", "5": "words"}

    def label(code):
        return {"code": code, "words": SHORT[code], "letter": code[1:]}[style[code[0]]]

    headers = ["Timestamp", "Email address", "Your school's full name", "URN", "Locality"]
    columns = [column(1, "Timestamp", "submitted"), column(2, "Email address", "tool"),
               column(3, headers[2], "school"), column(4, "URN", "urn"), column(5, "Locality", "area")]
    for code in CODES:
        headers.append(f"{titles[code[0]]} [{label(code)}]")
        columns.append(column(len(headers), headers[-1], "strand", strand=code))
    checklist_title = "Statutory checklist: does your school meet each duty?"
    for d in DUTY_IDS:
        headers.append(f"{checklist_title} [{DUTY_TEXT[d]}]")
        columns.append(column(len(headers), headers[-1], "duty", duty=d))
    headers.append("Anything else you would like the DSPL team to know?")
    columns.append(column(len(headers), headers[-1], "ignore", why="a free comment to the DSPL team"))

    comments = ["", "", "", "New SENCO from September.", "", "Happy to share our provision map template.",
                "We are an infant school so 5b is about transfer to juniors.", ""]
    # Each response: (time, kind, school index). Sheets lists them in the order they arrived.
    responses = []
    t = dt.datetime(2026, 6, 9, 8, 47, 3)
    for who in range(19):
        t = later(rng, t, 3, 30)
        if who == 12:
            t = t.replace(hour=10, minute=2, second=51)
            responses.append((t + dt.timedelta(hours=4, minutes=21, seconds=8), "again", 12))  # same day, later
        if who == 7:
            responses.append((t - dt.timedelta(minutes=37), "test", None))
        responses.append((t, "first", who))
    responses.sort()
    rows = [headers]
    returns, not_returns = [], []
    first = {}
    for when, kind, who in responses:
        row = len(rows) + 1
        stamp = when.strftime("%d/%m/%Y %H:%M:%S")
        if kind == "test":
            rows.append([stamp, "dspl.coordinator@hertfordshire.gov.uk", "TEST"] + [""] * (len(headers) - 3))
            not_returns.append({"row": row, "kind": "test",
                                "reason": "the coordinator's test response: school 'TEST', no strand or duty answered"})
            continue
        school = schools[who]
        if kind == "again":
            strands = judge.revise(first[who]["strands"], 3)
            duties = first[who]["duties"]
            locality = first[who]["area"]
        else:
            locality = localities[who % 3]
            strands = judge.strands(skip_outcomes=("5",) if who == 5 else (), gaps=3 if who in (2, 16) else 0)
            duties = judge.duties(gaps=1 if who == 9 else 0)
        words = re.sub(r"[^a-z ]", "", school["name"].lower()).split()
        cells = [stamp, f"senco@{''.join(words[:2])[:14]}.herts.sch.uk", school["name"], school["urn"], locality]
        for code in CODES:
            level = strands[code]
            cells.append(LEVEL_NAME[level] if level else ("N/A" if code[0] in "24" and rng.random() < 0.6 else ""))
        for d in DUTY_IDS:
            cells.append(STATUS_NAME[duties[d]] if duties[d] else "")
        cells.append(rng.choice(comments))
        rows.append(cells)
        ret = make_return(row, school, locality, academic_year(when), strands, duties,
                          year_source="submitted", submitted=when)
        if kind == "again":
            supersede(returns[first[who]["index"]], ret,
                      "the same school responded twice on one day; the later response counts")
        else:
            first[who] = {"strands": strands, "duties": duties, "area": locality, "index": len(returns)}
        returns.append(ret)
    write_csv(os.path.join(OUT, name), rows, encoding="utf-8", line_end="\r\n")
    expected(os.path.join(OUT, name), {
        "file": name,
        "tool": "Google Forms",
        "imitates": "the form's linked Google Sheet (spreadsheet locale United Kingdom) downloaded "
                    "as CSV: Timestamp as dd/mm/yyyy hh:mm:ss, Email address (collected), then one "
                    "column per question; each multiple-choice grid has one column per grid row, "
                    "headed 'Question title [Row label]'. Grid row labels are the strand code "
                    "(outcomes 1 and 4), a few words of the strand (2 and 5) or only its letter (3).",
        "dates": {"submitted": "%d/%m/%Y %H:%M:%S"},
        "format": {"type": "csv", "encoding": "utf-8", "bom": False, "delimiter": ",", "line_ends": "CRLF"},
        "header_rows": [1],
        "data_rows": [2, len(rows)],
        "column_map_needed": False,
        "expect": "read",
        "columns": columns,
        "returns": returns,
        "not_returns": not_returns,
        "notes": [
            "Each grid has the columns Emerging, Expected, Exemplary and N/A; an unanswered grid row is empty.",
            "The grid titles shorten the outcomes' titles (outcome 1 excepted), as an officer would.",
            "Localities are Hertfordshire districts, the form's drop-down list, so they are spelt the same every time.",
            "One school responded twice on the same day (10:02 and later): the later response counts.",
            "No academic year is asked: it comes from the Timestamp.",
        ],
    })


# ── 3. SurveyMonkey matrix questions (XLSX and CSV) ───────────────────────────────────────

def surveymonkey():
    rng = random.Random(301)
    judge = Judge(302)
    schools = school_pool(303, 20, special=[SPECIAL_NAMES[0], SPECIAL_NAMES[2]])
    areas = ["DSPL 1", "DSPL 2", "DSPL 5"]
    instruction = "For each strand, choose the level that best fits your school."
    matrix_title = {
        "1": "Outcome 1: Providing high quality provision that meets the needs of children and young people with SEND. " + instruction,
        "2": "Outcome 2: Improving short and long term outcomes for children and young people with SEND. " + instruction,
        "3": "Outcome 3: Communicating sensitively, appropriately and effectively with parents, children and young people with SEND. " + instruction,
        "4": "Outcome 4: Managing resources for SEN. " + instruction,
        "5": "Outcome 5: Working proactively and collaboratively to improve provision. " + instruction,
    }
    # Row labels on header row 2: the letter (outcomes 1, 3, 4, 5), the code (outcome 2).
    row1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
            "First Name", "Last Name", "Custom Data 1", "What is the name of your school?",
            "What is your school's URN (6 digits)?", "Which DSPL area is your school in?"]
    row2 = [""] * 9 + ["Open-Ended Response", "Open-Ended Response", "Response"]
    columns = [column(i + 1, [h, ""], "tool") for i, h in enumerate(row1[:9])]
    columns[3] = column(4, ["End Date", ""], "submitted")
    columns += [column(10, [row1[9], row2[9]], "school"), column(11, [row1[10], row2[10]], "urn"),
                column(12, [row1[11], row2[11]], "area")]
    layout = []
    for o in OUTCOMES:
        for k, s in enumerate(o["strands"]):
            code = o["id"] + s["id"]
            row1.append(matrix_title[o["id"]] if k == 0 else "")
            row2.append(code if o["id"] == "2" else s["id"])
            layout.append(("strand", code))
            columns.append(column(len(row1), [row1[-1] or None, row2[-1]], "strand", strand=code,
                                  question=matrix_title[o["id"]]))
        if o["id"] == "1":
            row1.append("1l. What evidence supports your judgement on provision mapping?")
            row2.append("Open-Ended Response")
            layout.append(("evidence", "1l"))
            columns.append(column(len(row1), [row1[-1], row2[-1]], "evidence", strand="1l"))
    checklist = "Statutory checklist. Does your school meet each of these duties?"
    for k, d in enumerate(DUTY_IDS):
        row1.append(checklist if k == 0 else "")
        row2.append(DUTY_TEXT[d])
        layout.append(("duty", d))
        columns.append(column(len(row1), [row1[-1] or None, row2[-1]], "duty", duty=d, question=checklist))
    row1.append("Is there anything else you would like to tell us about SEND provision in your school?")
    row2.append("Open-Ended Response")
    layout.append(("comment", None))
    columns.append(column(len(row1), [row1[-1], row2[-1]], "ignore", why="a free comment"))

    data = []
    returns, not_returns = [], []
    t = dt.datetime(2026, 6, 10, 13, 5, 0)
    plan = list(range(20))
    plan.insert(11, "empty")
    plan.insert(17, "again")      # school 3 again, days later
    first = {}
    rid = 114890000000 + rng.randint(0, 99999)
    comments = ["", "", "", "Our SENCO is also the DSL so time is tight.\nWe would welcome cluster moderation.", "",
                "Thank you", "", "We have a new resource base opening in September."]
    for who in plan:
        t = later(rng, t, 2, 26)
        rid += rng.randint(3000, 90000)
        started = t - dt.timedelta(minutes=rng.randint(15, 70), seconds=rng.randint(0, 59))
        ip = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(2, 250)}"
        meta = [str(rid), "431906512", started.strftime("%m/%d/%Y %I:%M:%S %p"), t.strftime("%m/%d/%Y %I:%M:%S %p"),
                ip, "", "", "", ""]
        row = len(data) + 3
        if who == "empty":
            data.append(meta + [""] * (len(row1) - 9))
            not_returns.append({"row": row, "kind": "empty",
                                "reason": "a partial response: opened and left, no question answered"})
            continue
        if who == "again":
            school = schools[3]
            area = first[3]["area"]
            strands = judge.revise(first[3]["strands"], 5)
            duties = first[3]["duties"]
        else:
            school = schools[who]
            area = areas[who % 3]
            strands = judge.strands(skip_outcomes=("3", "4", "5") if who == 8 else (), gaps=2 if who in (1, 13) else 0)
            duties = judge.duties(gaps=2 if who == 8 else 0)
        ev = {}
        if strands["1l"] and rng.random() < 0.6:
            ev["1l"] = rng.choice(EVIDENCE_FOR["1l"])
        cells = meta + [school["name"], school["urn"], area]
        for kind, key in layout:
            if kind == "strand":
                level = strands[key]
                cells.append(LEVEL_NAME[level] if level else ("N/A" if rng.random() < 0.5 else ""))
            elif kind == "evidence":
                cells.append(ev.get(key, ""))
            elif kind == "duty":
                cells.append(STATUS_NAME[duties[key]] if duties[key] else "")
            else:
                cells.append(rng.choice(comments))
        data.append(cells)
        ret = make_return(row, school, area, academic_year(t), strands, duties,
                          year_source="submitted", submitted=t, evidence=ev)
        if who == "again":
            supersede(returns[first[3]["index"]], ret,
                      "the same school (name and URN) responded again on a later day; the later response counts")
        else:
            first[who] = {"area": area, "strands": strands, "duties": duties, "index": len(returns)}
        returns.append(ret)

    common = {
        "tool": "SurveyMonkey",
        "header_rows": [1, 2],
        "data_rows": [3, len(data) + 2],
        "column_map_needed": False,
        "expect": "read",
        "columns": columns,
        "returns": returns,
        "not_returns": not_returns,
        "notes": [
            "Two header rows: row 1 holds each question's text over its first column only (the cells to its right are empty for the rest of a matrix); row 2 holds 'Response', 'Open-Ended Response' or the matrix row's label.",
            "Matrix row labels are only the strand letter (outcomes 1, 3, 4, 5: 'a', 'b', ...) or the code (outcome 2: '2a'), so a column's strand is the outcome of the question to its left plus the letter.",
            "Start Date and End Date are US format, month first, with AM/PM: 06/12/2026 03:14:15 PM. 'submitted' is End Date.",
            "Matrix columns are Emerging, Expected, Exemplary and N/A; N/A and empty both mean not judged.",
            "One response is empty (opened, nothing answered). One school responded twice on different days: the later counts.",
            "No academic year is asked: it comes from End Date.",
        ],
    }

    # CSV
    name = "surveymonkey-matrix.csv"
    write_csv(os.path.join(OUT, name), [row1, row2] + data, encoding="utf-8-sig", line_end="\r\n")
    expected(os.path.join(OUT, name), {
        "file": name,
        "imitates": "Analyze Results > Save as > Export file > All individual responses > CSV, "
                    "'Expanded' columns, 'Actual answer text' cells: the survey-tool columns "
                    "Respondent ID ... Custom Data 1, then the questions, with two header rows.",
        "dates": {"submitted": "%m/%d/%Y %I:%M:%S %p"},
        "format": {"type": "csv", "encoding": "utf-8", "bom": True, "delimiter": ",", "line_ends": "CRLF"},
        **common,
    })

    # XLSX: the same responses; IDs are numbers there.
    name = "surveymonkey-matrix.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet"
    ws.append([xlsx_value(v) for v in row1])
    ws.append([xlsx_value(v) for v in row2])
    for cells in data:
        ws.append([int(v) if i < 2 and v else xlsx_value(v) for i, v in enumerate(cells)])
    save_xlsx(wb, os.path.join(OUT, name), creator="SurveyMonkey")
    expected(os.path.join(OUT, name), {
        "file": name,
        "imitates": "the same export as surveymonkey-matrix.csv saved as XLSX: the same two "
                    "header rows; Respondent ID and Collector ID are numbers, dates stay text.",
        "dates": {"submitted": "%m/%d/%Y %I:%M:%S %p (text cell)"},
        "format": {"type": "xlsx", "sheet": "Sheet", "other_sheets": []},
        **common,
    })


# ── 4. Smart Survey (CSV) ─────────────────────────────────────────────────────────────────

def smart_survey(name, number_style, seed, n_schools, areas, title_note):
    """number_style: "plain" ("6. 1a. ..."), "q-dot" ("Q6. 1a. ...") or "q-colon" ("Q6: 1a. ...")."""
    rng = random.Random(seed)
    judge = Judge(seed + 1)
    schools = school_pool(seed + 2, n_schools, special=[SPECIAL_NAMES[4]] if number_style == "plain" else [])

    def num(n, text):
        return {"plain": f"{n}. {text}", "q-dot": f"Q{n}. {text}", "q-colon": f"Q{n}: {text}"}[number_style]

    meta = ["UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended", "Tracking Link", "Custom Value"]
    headers = list(meta)
    columns = [column(i + 1, h, "tool") for i, h in enumerate(meta)]
    columns[6] = column(7, "Ended", "submitted")
    for n, (text, role) in enumerate([("School name", "school"), ("URN", "urn"), ("Local area or cluster", "area"),
                                       ("Academic year", "academic-year"), ("Date of review", "date")], start=1):
        headers.append(num(n, text))
        columns.append(column(len(headers), headers[-1], role))
    q = 5
    layout = []
    for code in CODES:
        if code[0] != "1":
            continue
        q += 1
        headers.append(num(q, f"{code}. Which of these fits your school best?"))
        layout.append(("strand", code))
        columns.append(column(len(headers), headers[-1], "strand", strand=code))
    for o in OUTCOMES[1:]:
        q += 1
        for s in o["strands"]:
            code = o["id"] + s["id"]
            headers.append(num(q, f"Outcome {o['id']}: {o['title']}:{code}"))
            layout.append(("strand", code))
            columns.append(column(len(headers), headers[-1], "strand", strand=code))
    q += 1
    for d in DUTY_IDS:
        headers.append(num(q, f"{RUBRIC['checklist']['heading']}:{DUTY_TEXT[d]}"))
        layout.append(("duty", d))
        columns.append(column(len(headers), headers[-1], "duty", duty=d))

    rows = [headers]
    returns, not_returns = [], []
    t = dt.datetime(2026, 6, 15, 9, 30, 0)
    plan = list(range(n_schools))
    if number_style == "plain":
        plan.insert(5, "partial")
    years = ["2025/26"] * 6 + ["2025-26", "2025/2026"]
    for user_no, who in enumerate(plan, start=1):
        t = later(rng, t, 4, 40)
        started = t - dt.timedelta(minutes=rng.randint(12, 80), seconds=rng.randint(0, 59))
        ip = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(2, 250)}"
        row = len(rows) + 1
        if who == "partial":
            rows.append([str(user_no), "", "", ip, "", started.strftime("%d/%m/%Y %H:%M:%S"), "", "Default Web Link", ""]
                        + [""] * (len(headers) - len(meta)))
            not_returns.append({"row": row, "kind": "empty",
                                "reason": "a partial response (no Ended time): the link was opened and nothing answered"})
            continue
        school = schools[who]
        area = areas[who % len(areas)]
        strands = judge.strands(skip_outcomes=("4", "5") if who == 3 else (), gaps=2 if who in (6, 11) else 0)
        duties = judge.duties(gaps=1 if who == 6 else 0)
        review = (t - dt.timedelta(days=rng.randint(0, 12))).date()
        year_text = rng.choice(years)
        cells = [str(user_no), "", "", ip, "", started.strftime("%d/%m/%Y %H:%M:%S"), t.strftime("%d/%m/%Y %H:%M:%S"),
                 "Default Web Link", "", school["name"], school["urn"], area, year_text, review.strftime("%d/%m/%Y")]
        for kind, key in layout:
            if kind == "strand":
                level = strands[key]
                if level:
                    cells.append(option_full(key, level) if key[0] == "1" else LEVEL_NAME[level])
                else:
                    cells.append("N/A" if rng.random() < 0.5 else "")
            else:
                cells.append(STATUS_NAME[duties[key]] if duties[key] else "")
        rows.append(cells)
        ret = make_return(row, school, area, "2025/26", strands, duties, year_source="column",
                          submitted=t, review_date=review)
        if year_text != "2025/26":
            ret["academic_year_as_written"] = year_text
        returns.append(ret)
    write_csv(os.path.join(OUT, name), rows, encoding="utf-8-sig", line_end="\r\n")
    style_text = {"plain": "'6. 1a. Which of these fits your school best?'",
                  "q-dot": "'Q6. 1a. Which of these fits your school best?'",
                  "q-colon": "'Q6: 1a. Which of these fits your school best?'"}[number_style]
    expected(os.path.join(OUT, name), {
        "file": name,
        "tool": "Smart Survey",
        "imitates": "Results > Export > Raw data (CSV) of a survey built from sendbench's own "
                    "question list (`survey-template --questions`): UserNo, Name, Email, IP "
                    "Address, Unique ID, Started, Ended, Tracking Link, Custom Value, then the "
                    f"questions numbered as {style_text}; outcomes 2-5 and the checklist are "
                    "grid (matrix) questions, one column per grid row headed "
                    "'<number> <question>:<row>'. " + title_note,
        "dates": {"submitted": "%d/%m/%Y %H:%M:%S", "review_date": "%d/%m/%Y"},
        "format": {"type": "csv", "encoding": "utf-8", "bom": True, "delimiter": ",", "line_ends": "CRLF"},
        "header_rows": [1],
        "data_rows": [2, len(rows)],
        "column_map_needed": False,
        "expect": "read",
        "columns": columns,
        "returns": returns,
        "not_returns": not_returns,
        "notes": [
            "Started and Ended are UK format, day first: dd/mm/yyyy hh:mm:ss.",
            "Outcome 1 answers are the option text 'Level: descriptor' (as the question list gives them); grid answers are the level name or N/A.",
            "Grid headers hold the outcome's full title, which itself contains a colon ('Outcome 2: Improving ...:2b'); the duty rows' text holds colons and commas too.",
            "The academic year is typed by each school: '2025/26', and in some rows '2025-26' or '2025/2026' (academic_year_as_written); all mean 2025/26.",
        ] + (["One row is a partial response with no Ended time and no answers."] if number_style == "plain" else []),
    })


# ── 5. Qualtrics (CSV, three header rows) ─────────────────────────────────────────────────

def qualtrics():
    name = "qualtrics.csv"
    rng = random.Random(501)
    judge = Judge(502)
    schools = school_pool(503, 17, special=[SPECIAL_NAMES[5]])
    areas = ["DSPL 6", "DSPL 7", "DSPL 8"]
    meta = [("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/London"}),
            ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/London"}),
            ("Status", "Response Type", {"ImportId": "status"}),
            ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
            ("Progress", "Progress", {"ImportId": "progress"}),
            ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
            ("Finished", "Finished", {"ImportId": "finished"}),
            ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate", "timeZone": "Europe/London"}),
            ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
            ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}),
            ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"}),
            ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}),
            ("ExternalReference", "External Data Reference", {"ImportId": "externalDataReference"}),
            ("LocationLatitude", "Location Latitude", {"ImportId": "locationLatitude"}),
            ("LocationLongitude", "Location Longitude", {"ImportId": "locationLongitude"}),
            ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
            ("UserLanguage", "User Language", {"ImportId": "userLanguage"})]
    r1 = [m[0] for m in meta]
    r2 = [m[1] for m in meta]
    r3 = [json.dumps(m[2], separators=(",", ":")) for m in meta]
    columns = [column(i + 1, [a, b, c], "tool") for i, (a, b, c) in enumerate(zip(r1, r2, r3))]
    columns[1] = column(2, [r1[1], r2[1], r3[1]], "submitted")
    for qname, qid, text, role in [("Q1", "QID1_TEXT", "Name of your school or setting", "school"),
                                   ("Q2", "QID2_TEXT", "School URN", "urn"),
                                   ("Q3", "QID3", "Which DSPL area is your school in?", "area"),
                                   ("Q4", "QID17", "Which academic year does this review cover?", "academic-year")]:
        r1.append(qname)
        r2.append(text)
        r3.append(json.dumps({"ImportId": qid}, separators=(",", ":")))
        columns.append(column(len(r1), [r1[-1], r2[-1], r3[-1]], role))
    layout = []
    qnum, qid = 4, 4
    for o in OUTCOMES:
        qnum += 1
        qid += 1
        question = f"Outcome {o['id']} - {o['title']}"
        for k, s in enumerate(o["strands"], start=1):
            code = o["id"] + s["id"]
            r1.append(f"Q{qnum}_{k}")
            r2.append(f"{question} - {code}. {SHORT[code]}")
            r3.append(json.dumps({"ImportId": f"QID{qid}_{k}"}, separators=(",", ":")))
            layout.append(("strand", code))
            columns.append(column(len(r1), [r1[-1], r2[-1], r3[-1]], "strand", strand=code))
    qnum += 1
    qid += 1
    for k, d in enumerate(DUTY_IDS, start=1):
        r1.append(f"Q{qnum}_{k}")
        r2.append(f"The Schools’ Statutory Checklist. Schools must: - {DUTY_TEXT[d]}")
        r3.append(json.dumps({"ImportId": f"QID{qid}_{k}"}, separators=(",", ":")))
        layout.append(("duty", d))
        columns.append(column(len(r1), [r1[-1], r2[-1], r3[-1]], "duty", duty=d))
    qnum += 1
    r1.append(f"Q{qnum}")
    r2.append("Is there anything else you would like to tell us?")
    r3.append(json.dumps({"ImportId": "QID16_TEXT"}, separators=(",", ":")))
    layout.append(("comment", None))
    columns.append(column(len(r1), [r1[-1], r2[-1], r3[-1]], "ignore", why="a free comment"))

    rows = [r1, r2, r3]
    returns, not_returns = [], []
    t = dt.datetime(2026, 6, 11, 10, 0, 0)
    plan = ["preview"] + list(range(17))
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    comments = ["", "", "", "We found the descriptors for outcome 4 hard to apply in a small school.",
                "", "Please could we have the results by DSPL\nand by phase?", ""]
    for who in plan:
        t = later(rng, t, 3, 30)
        duration = rng.randint(600, 3600)
        start = t - dt.timedelta(seconds=duration)
        recorded = t + dt.timedelta(seconds=rng.randint(0, 2), microseconds=0)
        rid = "R_" + "".join(rng.choice(alphabet) for _ in range(15))
        row = len(rows) + 1
        preview = who == "preview"
        status = "Survey Preview" if preview else "IP Address"
        ip = "" if preview else f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(2, 250)}"
        lat, lon = (f"{rng.uniform(51.62, 51.98):.4f}", f"{rng.uniform(-0.55, 0.15):.4f}")
        cells = [start.strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%Y-%m-%d %H:%M:%S"), status, ip, "100",
                 str(duration), "True", recorded.strftime("%Y-%m-%d %H:%M:%S"), rid, "", "", "", "", lat, lon,
                 "preview" if preview else "anonymous", "EN"]
        if preview:
            school = {"name": "Test School", "urn": "123456"}
            area = "DSPL 7"
            strands = {code: "expected" for code in CODES}
            duties = {d: "met" for d in DUTY_IDS}
        else:
            school = schools[who]
            area = areas[who % 3]
            strands = judge.strands(gaps=2 if who in (4, 10) else 0, skip_outcomes=("5",) if who == 14 else ())
            duties = judge.duties(gaps=1 if who == 2 else 0)
        cells += [school["name"], school["urn"], area, "2025/26"]
        for kind, key in layout:
            if kind == "strand":
                level = strands[key]
                cells.append(LEVEL_NAME[level] if level else ("Not yet judged" if rng.random() < 0.5 else ""))
            elif kind == "duty":
                cells.append(STATUS_NAME[duties[key]] if duties[key] else "")
            else:
                cells.append("Just testing the survey before it goes out." if preview else rng.choice(comments))
        rows.append(cells)
        if preview:
            not_returns.append({"row": row, "kind": "preview",
                                "reason": "Status (Response Type) is 'Survey Preview': the officer's own test "
                                          "of the survey ('Test School', URN 123456), not a school's return"})
            continue
        returns.append(make_return(row, school, area, "2025/26", strands, duties, year_source="column", submitted=t))
    write_csv(os.path.join(OUT, name), rows, encoding="utf-8-sig", line_end="\r\n")
    expected(os.path.join(OUT, name), {
        "file": name,
        "tool": "Qualtrics",
        "imitates": "Data & Analysis > Export & Import > Export data > CSV, 'Use choice text': "
                    "three header rows (row 1 the short names StartDate ... UserLanguage, Q1, Q5_1; "
                    "row 2 the question texts, a matrix statement as 'question - statement'; row 3 "
                    "the ImportId JSON), then one row per response. Dates are yyyy-mm-dd hh:mm:ss "
                    "in the survey's time zone (Europe/London).",
        "dates": {"submitted": "%Y-%m-%d %H:%M:%S"},
        "format": {"type": "csv", "encoding": "utf-8", "bom": True, "delimiter": ",", "line_ends": "CRLF"},
        "header_rows": [1, 2, 3],
        "data_rows": [4, len(rows)],
        "column_map_needed": False,
        "expect": "read",
        "columns": columns,
        "returns": returns,
        "not_returns": not_returns,
        "notes": [
            "Row 2's matrix texts join the question and the statement with ' - ', and the question text itself holds ' - ' too: 'Outcome 1 - Providing high quality provision ... SEND - 1a. Differentiated, personalised teaching'.",
            "QIDs do not follow the Q numbers (Q4 is QID17: added after the survey was built), as in a survey edited over time.",
            "Matrix columns are Emerging, Expected, Exemplary and 'Not yet judged'; 'Not yet judged' and empty both mean not judged.",
            "Row 4 is a Survey Preview response (the officer's test), not a return.",
        ],
    })


# ── 6. A hand-kept Excel workbook ─────────────────────────────────────────────────────────

def hand_kept():
    name = "hand-kept-dspl3.xlsx"
    rng = random.Random(601)
    judge = Judge(602)
    schools = school_pool(603, 15, special=[SPECIAL_NAMES[0], SPECIAL_NAMES[3]])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Returns 2025-26"
    bold = Font(bold=True)
    n = len(schools)
    details = ["School", "URN", "DSPL", "Date of review"]
    headers = details + CODES + ["Comments"]
    last_col = len(headers)
    ws["A1"] = "DSPL 3 SEND benchmark returns 2025/26"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=10)
    ws["A2"] = "Collated by the DSPL 3 coordinator from the toolkits SENCOs emailed in. Last updated 15/07/2026."
    ws["A2"].font = Font(italic=True)
    # Row 3 blank. Row 4: a merged heading over each group of columns.
    ws.cell(row=4, column=1, value="School")
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=4)
    c = 5
    for o in OUTCOMES:
        ws.cell(row=4, column=c, value=f"Outcome {o['id']}")
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + len(o["strands"]) - 1)
        c += len(o["strands"])
    fill = PatternFill("solid", fgColor="D9E1F2")
    for i, h in enumerate(headers, start=1):
        cell = ws.cell(row=5, column=i, value=h)
        cell.font = bold
        cell.fill = fill
        ws.cell(row=4, column=i).font = bold
        ws.cell(row=4, column=i).alignment = Alignment(horizontal="center")
    columns = [column(1, "School", "school"), column(2, "URN", "urn"), column(3, "DSPL", "area"),
               column(4, "Date of review", "date")]
    for i, code in enumerate(CODES, start=5):
        columns.append(column(i, code, "strand", strand=code))
    columns.append(column(last_col, "Comments", "ignore", why="the coordinator's own comments"))
    returns = []
    comments = ["", "", "", "Chased twice", "Toolkit sent as PDF, typed in by coordinator", "",
                "New SENCO - review part done, rest in autumn", "", ""]
    first = 6
    for k, school in enumerate(schools):
        row = first + k
        strands = judge.strands(skip_outcomes=("3", "4", "5") if k == 9 else (), gaps=2 if k in (2, 12) else 0)
        review = dt.date(2026, 5, 11) + dt.timedelta(days=rng.randint(0, 60))
        ws.cell(row=row, column=1, value=school["name"])
        ws.cell(row=row, column=2, value=int(school["urn"]))
        ws.cell(row=row, column=3, value="DSPL 3")
        dcell = ws.cell(row=row, column=4, value=dt.datetime(review.year, review.month, review.day))
        dcell.number_format = "dd/mm/yyyy"
        for i, code in enumerate(CODES, start=5):
            level = strands[code]
            if level is None:
                text = "N/A" if k == 12 and rng.random() < 0.7 else None
            else:
                text = LEVEL_NAME[level]
                r = rng.random()
                if r < 0.06:
                    text = text.lower()          # typed by hand
                elif r < 0.09:
                    text = text + " "            # a trailing space
            ws.cell(row=row, column=i, value=text)
        ws.cell(row=row, column=last_col, value=comments[k % len(comments)] or None)
        returns.append(make_return(row, school, "DSPL 3", "2025/26", strands, {d: None for d in DUTY_IDS},
                                   year_source="title", review_date=review,
                                   note="the sheet has no year column: the year is in its title and name (2025/26), and each Date of review falls in it"))
    last = first + n - 1
    total_row = last + 2
    notes_row = total_row + 1
    ws.cell(row=total_row, column=1, value="Total").font = bold
    cached = {}
    ws.cell(row=total_row, column=2, value=f"=COUNTA(A{first}:A{last})")
    cached[f"B{total_row}"] = n
    for i, code in enumerate(CODES, start=5):
        letter = col(i)
        ws.cell(row=total_row, column=i,
                value=f'=COUNTIF({letter}{first}:{letter}{last},"Expected*")+COUNTIF({letter}{first}:{letter}{last},"Exemplary*")')
        cached[f"{letter}{total_row}"] = sum(1 for r in returns if r["strands"][code] in ("expected", "exemplary"))
        ws.cell(row=total_row, column=i).font = bold
    ws.cell(row=notes_row, column=1,
            value="Totals: number of schools judging each strand Expected or Exemplary (COUNTIF). "
                  "Blank or N/A = not judged yet. Column B total = number of schools.")
    ws.freeze_panes = "E6"
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["D"].width = 14

    contacts = wb.create_sheet("Contacts")
    contacts.append(["School", "SENCO", "Email", "Phone", "Toolkit received"])
    senco_names = ["Mrs A Khan", "Mr P Doyle", "Ms R Evans", "Mrs L Fraser", "Mr S Okoro", "Miss H Young"]
    for k, school in enumerate(schools):
        slug = re.sub(r"[^a-z]", "", school["name"].lower())[:12]
        contacts.append([school["name"], senco_names[k % len(senco_names)], f"senco@{slug}.herts.sch.uk",
                         f"01442 {rng.randint(200000, 899999)}", "Yes"])
    contacts.append(["Greyfriars Primary School", "Mr T Bell", "senco@greyfriars.herts.sch.uk", "01442 555019", "No"])
    save_xlsx(wb, os.path.join(OUT, name), cached={"xl/worksheets/sheet1.xml": cached})
    expected(os.path.join(OUT, name), {
        "file": name,
        "tool": "hand-kept Excel workbook",
        "imitates": "a DSPL coordinator's own workbook, typed in from emailed toolkits: a title in "
                    "A1 (merged across A1:J1), a subtitle, a blank row, a row of merged group "
                    "headings (School, Outcome 1 ... Outcome 5), the header row on row 5 (strand "
                    "columns headed by code alone), the data, a blank row, a Total row of COUNTIF "
                    "formulas (with the values Excel caches) and a notes line; a second sheet "
                    "'Contacts' that holds no returns.",
        "dates": {"review_date": "Excel date cell, shown dd/mm/yyyy"},
        "format": {"type": "xlsx", "sheet": "Returns 2025-26",
                   "other_sheets": [{"sheet": "Contacts", "returns": False,
                                     "why": "a contact list: school, SENCO, email, phone; no strand column"}]},
        "header_rows": [5],
        "rows_above_header": [
            {"row": 1, "kind": "title", "text": "DSPL 3 SEND benchmark returns 2025/26", "merged": "A1:J1"},
            {"row": 2, "kind": "subtitle"},
            {"row": 3, "kind": "blank"},
            {"row": 4, "kind": "group headings", "merged": True},
        ],
        "data_rows": [first, last],
        "column_map_needed": False,
        "expect": "read",
        "columns": columns,
        "returns": returns,
        "not_returns": [
            {"row": last + 1, "kind": "blank", "reason": "an empty row between the data and the totals"},
            {"row": total_row, "kind": "totals",
             "reason": "'Total' in column A; numbers (formulas with cached values) in the URN and strand columns"},
            {"row": notes_row, "kind": "notes", "reason": "a note explaining the totals, in column A only"},
        ],
        "notes": [
            "No statutory checklist columns: every duty is not answered (duties_in_file is false).",
            "URNs are numbers and Date of review real dates (shown dd/mm/yyyy), as typed into Excel.",
            "Some levels are typed in lower case or with a trailing space; 'N/A' and empty both mean not judged.",
            "The year is in the sheet's title and name only; every Date of review falls in 2025/26.",
            "The Total row's URN cell holds the number of schools (15) and each strand cell a count: it must never be read as a school.",
        ],
        "duties_in_file": False,
    })


# ── 7. The silent-year folder ────────────────────────────────────────────────────────────

def template_rows(returns_by_school, year, rng):
    """Rows in the layout of sendbench's survey-template Returns sheet."""
    rows = [TEMPLATE_DETAILS + [TEMPLATE_STRAND_HEADER[c] for c in CODES] + [DUTY_TEXT[d] for d in DUTY_IDS]]
    for school, area, strands, duties, review in returns_by_school:
        rows.append([school["name"], school["urn"], area, year, review.strftime("%d/%m/%Y")]
                    + [LEVEL_NAME[strands[c]] if strands[c] else "" for c in CODES]
                    + [STATUS_NAME[duties[d]] if duties[d] else "" for d in DUTY_IDS])
    return rows


def template_columns():
    columns = [column(1, "School name", "school"), column(2, "URN", "urn"), column(3, "Local area or cluster", "area"),
               column(4, "Academic year", "academic-year"), column(5, "Date of review", "date")]
    for i, code in enumerate(CODES, start=6):
        columns.append(column(i, TEMPLATE_STRAND_HEADER[code], "strand", strand=code))
    for i, d in enumerate(DUTY_IDS, start=6 + len(CODES)):
        columns.append(column(i, DUTY_TEXT[d], "duty", duty=d))
    return columns


def year_folder():
    folder = os.path.join(OUT, "year-folder")
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(701)
    judge = Judge(702)
    schools = school_pool(703, 13, special=[SPECIAL_NAMES[0]])
    # St Mary’s returns every year, so the Windows-1252 file holds its curly apostrophe.
    schools.insert(2, schools.pop(next(i for i, s in enumerate(schools) if s["name"] == SPECIAL_NAMES[0])))
    files = []
    all_returns = []
    specs = [("returns-2023-24.csv", "2023/24", schools[:10], "windows-1252"),
             ("returns-2024-25.csv", "2024/25", schools[:11], "utf-8-sig"),
             ("returns-2025-26.xlsx", "2025/26", schools[1:13], None)]
    for fname, year, members, encoding in specs:
        start = int(year[:4]) + 1
        entries = []
        returns = []
        for k, school in enumerate(members):
            review = dt.date(start, 6, 1) + dt.timedelta(days=rng.randint(0, 40))
            strands = judge.strands(gaps=2 if k == 4 else 0, skip_outcomes=("5",) if k == 7 else ())
            duties = judge.duties()
            entries.append((school, "DSPL 5", strands, duties, review))
            returns.append(make_return(k + 2, school, "DSPL 5", year, strands, duties, year_source="column",
                                       review_date=review))
        if fname.endswith(".csv"):
            write_csv(os.path.join(folder, fname), template_rows(entries, year, rng),
                      encoding="cp1252" if encoding == "windows-1252" else encoding, line_end="\r\n")
            files.append({
                "file": f"year-folder/{fname}",
                "tool": "sendbench survey-template, saved as CSV by Excel",
                "imitates": "the Returns sheet of `sendbench survey-template` filled in and saved by Excel as "
                            + ("'CSV (Comma delimited)', which is Windows-1252 ('St Mary’s' is byte 0x92)"
                               if encoding == "windows-1252" else "'CSV UTF-8 (Comma delimited)', with a byte-order mark")
                            + "; Date of review as Excel writes a date in a UK locale, dd/mm/yyyy",
                "dates": {"review_date": "%d/%m/%Y"},
                "format": {"type": "csv", "encoding": "windows-1252" if encoding == "windows-1252" else "utf-8",
                           "bom": encoding == "utf-8-sig", "delimiter": ",", "line_ends": "CRLF"},
                "header_rows": [1],
                "data_rows": [2, len(members) + 1],
                "column_map_needed": False,
                "expect": "read",
                "columns": template_columns(),
                "returns": returns,
                "not_returns": [],
            })
            all_returns += returns
        else:
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Returns"
            headers = ["School", "URN", "Area", "Year", "Date of review"] + \
                      [f"Provision area {i}" for i in range(1, len(CODES) + 1)] + \
                      [f"Statutory duty {i}" for i in range(1, len(DUTY_IDS) + 1)]
            ws.append(headers)
            for school, area, strands, duties, review in entries:
                ws.append([school["name"], school["urn"], area, year, dt.datetime(review.year, review.month, review.day)]
                          + [LEVEL_NAME[strands[c]] if strands[c] else None for c in CODES]
                          + [STATUS_NAME[duties[d]] if duties[d] else None for d in DUTY_IDS])
                ws.cell(row=ws.max_row, column=5).number_format = "dd/mm/yyyy"
            save_xlsx(wb, os.path.join(folder, fname))
            mapping = {f"Provision area {i}": code for i, code in enumerate(CODES, start=1)}
            mapping.update({f"Statutory duty {i}": d for i, d in enumerate(DUTY_IDS, start=1)})
            files.append({
                "file": f"year-folder/{fname}",
                "tool": "a county's own workbook for the new year",
                "imitates": "this year's collection sheet, rebuilt by someone at the county: school details "
                            "headed School, URN, Area, Year, Date of review, but every strand headed "
                            "'Provision area N' (1 to 34, in the rubric's order) and every duty 'Statutory "
                            "duty N' (1 to 9), with no code and no descriptor text",
                "dates": {"review_date": "Excel date cell, shown dd/mm/yyyy"},
                "format": {"type": "xlsx", "sheet": "Returns", "other_sheets": []},
                "header_rows": [1],
                "data_rows": [2, len(members) + 1],
                "column_map_needed": True,
                "expect": "unreadable",
                "expect_detail": "sendbench must report this file as a return sheet it cannot read, naming the "
                                 "file (and the headers it cannot match), and must NOT skip it as a sheet with no "
                                 "strand column: its cells hold levels (Emerging/Expected/Exemplary) and statuses. "
                                 "Without it the latest year silently becomes 2024/25.",
                "intended_mapping": mapping,
                "columns": [column(1, "School", "school"), column(2, "URN", "urn"), column(3, "Area", "area"),
                            column(4, "Year", "academic-year"), column(5, "Date of review", "date")]
                           + [column(5 + i, f"Provision area {i}", "strand", strand=code)
                              for i, code in enumerate(CODES, start=1)]
                           + [column(5 + len(CODES) + i, f"Statutory duty {i}", "duty", duty=d)
                              for i, d in enumerate(DUTY_IDS, start=1)],
                "returns": returns,
                "returns_note": "the truth these rows hold, were the file mapped (intended_mapping); "
                                "without a column map none of them can be read",
                "not_returns": [],
                "counts_if_mapped": count(returns),
            })
    doc = {
        "fixture": "year-folder",
        "folder": "year-folder",
        "tool": "sendbench survey-template (two years) and a county's own workbook (the third)",
        "imitates": "a returns folder with one file per year: the two earlier years read; the latest "
                    "year's file cannot be matched and must be reported, never skipped.",
        "expect": "error",
        "expect_detail": "Reading the folder must fail or report returns-2025-26.xlsx by name as unreadable; "
                         "an area report must not present 2024/25 as the latest year without saying so.",
        "files": files,
        "counts": count(all_returns),
        "counts_note": "counts of the readable files only (2023/24 and 2024/25); the 2025/26 file's own "
                       "truth is in its entry's counts_if_mapped",
    }
    expected(os.path.join(OUT, "year-folder"), doc)


# ── 8. Options that do not match the data ─────────────────────────────────────────────────

def options_mismatch():
    name = "options-mismatch.csv"
    rng = random.Random(801)
    judge = Judge(802)
    schools = school_pool(803, 20, special=[SPECIAL_NAMES[0], SPECIAL_NAMES[2]])
    areas = ["Welwyn Hatfield"] * 7 + ["DSPL 4"] * 6 + ["dspl 4"] * 2 + ["Hertsmere"] * 5
    rng.shuffle(areas)
    entries, returns = [], []
    for k, (school, written) in enumerate(zip(schools, areas)):
        review = dt.date(2026, 6, 1) + dt.timedelta(days=rng.randint(0, 40))
        strands = judge.strands(gaps=3 if k == 6 else 0)
        duties = judge.duties()
        entries.append((school, written, strands, duties, review))
        canonical = "DSPL 4" if written.lower() == "dspl 4" else written
        returns.append(make_return(k + 2, school, canonical, "2025/26", strands, duties, year_source="column",
                                   review_date=review, area_as_written=written))
    write_csv(os.path.join(OUT, name), template_rows(entries, "2025/26", rng), encoding="cp1252", line_end="\r\n")
    options = (
        '# Options for `sendbench build --by area --options options-mismatch.options.toml`.\n'
        '# Written by the county; the area names were typed from the county\'s list of districts,\n'
        '# not copied from the returns.\n'
        'title = "Hertfordshire SEND benchmark 2025/26"\n'
        'collection = "SENCOs in Welwyn Hatfield, DSPL 4 and Hertsmere were asked to fill in the county\'s collection sheet in June 2026."\n'
        'county = "Hertfordshire"\n'
        '\n'
        '[eligible]\n'
        '"Welwyn and Hatfield" = 41\n'
        '"DSPL 4" = 48\n'
        '"Hertsmere" = 33\n'
    )
    with open(os.path.join(OUT, "options-mismatch.options.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(options)
    expected(os.path.join(OUT, name), {
        "file": name,
        "options_file": "options-mismatch.options.toml",
        "tool": "sendbench survey-template, saved as CSV by Excel",
        "imitates": "the Returns sheet of `sendbench survey-template` with the area typed in (no drop-down "
                    "list), saved by Excel as 'CSV (Comma delimited)' (Windows-1252), given with an options "
                    "file whose [eligible] names one area differently from the data",
        "dates": {"review_date": "%d/%m/%Y"},
        "format": {"type": "csv", "encoding": "windows-1252", "bom": False, "delimiter": ",", "line_ends": "CRLF"},
        "header_rows": [1],
        "data_rows": [2, len(entries) + 1],
        "column_map_needed": False,
        "expect": "read",
        "columns": template_columns(),
        "returns": returns,
        "not_returns": [],
        "eligible": {"Welwyn and Hatfield": 41, "DSPL 4": 48, "Hertsmere": 33},
        "expected_diagnostics": [
            {"kind": "options-area-not-in-data", "options_area": "Welwyn and Hatfield", "data_area": "Welwyn Hatfield",
             "data_rows": sum(1 for a in areas if a == "Welwyn Hatfield"),
             "detail": "the options' area 'Welwyn and Hatfield' names no return's area; the returns' 'Welwyn "
                       "Hatfield' (7 schools) has no eligible count. sendbench must say so (naming both), not "
                       "publish 0 of 41 for one and no response rate for the other."},
            {"kind": "area-in-two-spellings", "area": "DSPL 4", "as_written": {"DSPL 4": 6, "dspl 4": 2},
             "detail": "one area typed in two cases: it is one area of 8 schools (6 + 2), not two areas; "
                       "sendbench must either treat them as one or say that they differ only in case."},
        ],
        "notes": [
            "'area' in each return is the area meant (DSPL 4 for both spellings); 'area_as_written' is what the cell says where it differs.",
            "The counts group DSPL 4 and dspl 4 together, as the truth; Welwyn Hatfield is counted under the data's spelling.",
        ],
    })


# ── 9. Invented wording (needs a column map) ──────────────────────────────────────────────

def invented_wording():
    name = "invented-wording.csv"
    rng = random.Random(901)
    judge = Judge(902)
    schools = school_pool(903, 10, special=[SPECIAL_NAMES[0]])
    areas = ["St Albans", "Harpenden"]
    headers = ["Timestamp", "Email address", "Name of school", "School URN", "Which town is your school in?"]
    columns = [column(1, "Timestamp", "submitted"), column(2, "Email address", "tool"),
               column(3, "Name of school", "school"), column(4, "School URN", "urn"),
               column(5, "Which town is your school in?", "area")]
    for code in CODES:
        headers.append(INVENTED[code])
        columns.append(column(len(headers), headers[-1], "strand", strand=code))
    for d in DUTY_IDS:
        headers.append(INVENTED_DUTY[d])
        columns.append(column(len(headers), headers[-1], "duty", duty=d))
    rows = [headers]
    returns = []
    t = dt.datetime(2026, 6, 16, 9, 0, 0)
    for k, school in enumerate(schools):
        t = later(rng, t, 5, 50)
        area = areas[k % 2]
        strands = judge.strands(gaps=2 if k == 3 else 0)
        duties = judge.duties()
        hour12 = t.hour % 12 or 12
        stamp = f"{t:%Y/%m/%d} {hour12}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'} GMT+1"
        slug = re.sub(r"[^a-z]", "", school["name"].lower())[:12]
        rows.append([stamp, f"head@{slug}.herts.sch.uk", school["name"], school["urn"], area]
                    + [LEVEL_NAME[strands[c]] if strands[c] else "" for c in CODES]
                    + [STATUS_NAME[duties[d]] if duties[d] else "" for d in DUTY_IDS])
        returns.append(make_return(len(rows), school, area, academic_year(t), strands, duties,
                                   year_source="submitted", submitted=t))
    write_csv(os.path.join(OUT, name), rows, encoding="utf-8", line_end="\r\n")

    def toml_key(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["# Column map for invented-wording.csv (`--columns invented-wording.columns.toml`):",
             "# its questions carry no strand code and no descriptor text.", "", "[columns]",
             '"Timestamp" = "submitted"', '"Email address" = "ignore"', '"Name of school" = "school"',
             '"School URN" = "urn"', '"Which town is your school in?" = "area"']
    lines += [f'{toml_key(INVENTED[c])} = "strand {c}"' for c in CODES]
    lines += [f'{toml_key(INVENTED_DUTY[d])} = "duty {d}"' for d in DUTY_IDS]
    with open(os.path.join(OUT, "invented-wording.columns.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    expected(os.path.join(OUT, name), {
        "file": name,
        "columns_file": "invented-wording.columns.toml",
        "tool": "Google Forms",
        "imitates": "Responses > Download responses (.csv) straight from a Google Form (not its Sheet): "
                    "Timestamp as 'yyyy/mm/dd h:mm:ss AM/PM GMT+1'; a form whose questions an officer "
                    "worded freely, with no strand code and no descriptor text, each a multiple-choice "
                    "question answered Emerging, Expected or Exemplary (duties Met, Partly met, Not met).",
        "dates": {"submitted": "%Y/%m/%d %-I:%M:%S %p GMT+1"},
        "format": {"type": "csv", "encoding": "utf-8", "bom": False, "delimiter": ",", "line_ends": "CRLF"},
        "header_rows": [1],
        "data_rows": [2, len(rows)],
        "column_map_needed": True,
        "expect": "read-with-column-map",
        "expect_detail": "without a column map every strand and duty header matches nothing (an error naming "
                         "the headers); with invented-wording.columns.toml every row reads as below.",
        "intended_mapping": {**{INVENTED[c]: c for c in CODES}, **{INVENTED_DUTY[d]: d for d in DUTY_IDS}},
        "columns": columns,
        "returns": returns,
        "not_returns": [],
        "notes": [
            "The Timestamp is year first with AM/PM and a GMT offset (2026/06/17 2:14:05 PM GMT+1): not month first, though it has AM/PM.",
            "No academic year is asked: it comes from the Timestamp.",
        ],
    })


def main():
    # Everything in the folder but its README.md and .gitattributes is this script's output.
    os.makedirs(OUT, exist_ok=True)
    for entry in os.listdir(OUT):
        if entry not in ("README.md", ".gitattributes"):
            path = os.path.join(OUT, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    microsoft_forms()
    google_forms_grid()
    surveymonkey()
    smart_survey("smart-survey.csv", "plain", 401, 15, ["DSPL 9", "DSPL 10"],
                 "Questions numbered '6. '.")
    smart_survey("smart-survey-q-dot.csv", "q-dot", 411, 8, ["DSPL 9"],
                 "Questions numbered 'Q6. ' (a survey with its question numbering set to Q1, Q2 ...).")
    smart_survey("smart-survey-q-colon.csv", "q-colon", 421, 8, ["DSPL 10"],
                 "Questions numbered 'Q6: ' (the same, with a colon after the number).")
    qualtrics()
    hand_kept()
    year_folder()
    options_mismatch()
    invented_wording()


if __name__ == "__main__":
    main()
