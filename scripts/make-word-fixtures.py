#!/usr/bin/env python3
"""Make the Word-habit fixtures in crates/generate/tests/fixtures/word-habits/.

    python3 scripts/make-word-fixtures.py target/debug/sendbench

Starts from two toolkits made by the given sendbench binary (the blank one, and one pre-filled
from examples/schools/oakfield-primary.toml), applies one habit of a SENCO's per fixture by
editing the XML the way Microsoft Word writes it, and then "re-saves" every fixture the way
Word does (rsids, w14:paraId on every paragraph and row, runs split where a person edited or
where spelling marks fall, proofErr marks, the _GoBack bookmark, w:lastRenderedPageBreak,
w:sdtEndPr, relationship ids renumbered rId1.., Word's settings, app and core properties).
Each fixture gets NAME.expected.json beside it (schema in the README of that folder).

Deterministic: the pseudo-random choices are seeded by the fixture's name and every zip entry
is dated 1980-01-01 00:00 (as Word itself dates them), so a second run writes the same bytes
(on the same zlib). The encrypted fixture needs `pip install msoffcrypto-tool`; its salts and
keys come from a seeded generator, not the system's.

Python 3.11 or later (tomllib); standard library only apart from msoffcrypto-tool. It never reads sendbench's sources.
"""

import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "crates", "generate", "tests", "fixtures", "word-habits")
SOURCE = "examples/schools/oakfield-primary.toml"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

# The namespaces Microsoft 365 Word (version 2409 and later) declares on the root of
# document.xml, headers, footers, footnotes and comments, and the prefixes it marks ignorable.
WORD_NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" '
    'xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" '
    'xmlns:cx2="http://schemas.microsoft.com/office/drawing/2015/10/21/chartex" '
    'xmlns:cx3="http://schemas.microsoft.com/office/drawing/2016/5/9/chartex" '
    'xmlns:cx4="http://schemas.microsoft.com/office/drawing/2016/5/10/chartex" '
    'xmlns:cx5="http://schemas.microsoft.com/office/drawing/2016/5/11/chartex" '
    'xmlns:cx6="http://schemas.microsoft.com/office/drawing/2016/5/12/chartex" '
    'xmlns:cx7="http://schemas.microsoft.com/office/drawing/2016/5/13/chartex" '
    'xmlns:cx8="http://schemas.microsoft.com/office/drawing/2016/5/14/chartex" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:aink="http://schemas.microsoft.com/office/drawing/2016/ink" '
    'xmlns:am3d="http://schemas.microsoft.com/office/drawing/2017/model3d" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:oel="http://schemas.microsoft.com/office/2019/extlst" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
    'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
    'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
    'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
    'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
    'xmlns:w16sdtfl="http://schemas.microsoft.com/office/word/2024/wordml/sdtformatlock" '
    'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" '
    'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16sdtfl w16du wp14"'
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# Words Word's speller underlines in this form (each gets proofErr spellStart/spellEnd when
# it falls in a run the re-save splits), and a phrase its grammar checker flags.
SPELL = ["SENCO", "Osei", "DSPL", "Whitfield", "Lindqvist", "Pettifer", "Doherty", "ELSA",
         "ELSAs", "WellComm", "EHCP", "ECTs", "CPOMS", "Boxall", "NASENCO", "INSET", "SENCOs",
         "Ferreira", "Hertfordshire", "passports"]


# ── the package ───────────────────────────────────────────────────────────────────────────

class Package:
    """A .docx as an ordered list of parts, XML parts held as text."""

    def __init__(self, data):
        self.order = []
        self.parts = {}
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                self.order.append(info.filename)
                self.parts[info.filename] = z.read(info.filename).decode("utf-8")

    def __getitem__(self, name):
        return self.parts[name]

    def __setitem__(self, name, text):
        if name not in self.parts:
            self.order.append(name)
        self.parts[name] = text

    def add_part(self, name, content_type, rel_type, text, source="word/document.xml"):
        """Add a part with its content type and a relationship from `source`; returns the
        relationship id (renumbered by the re-save, as Word renumbers them)."""
        self[name] = text
        ct = self["[Content_Types].xml"]
        over = '<Override PartName="/%s" ContentType="%s"/>' % (name, content_type)
        self["[Content_Types].xml"] = ct.replace("</Types>", "  " + over + "\n</Types>")
        rels_name = rels_of(source)
        rels = self[rels_name]
        rid = "rIdNew%d" % rels.count("<Relationship ")
        target = name[len("word/"):] if source.startswith("word/") else name
        rel = '<Relationship Id="%s" Type="%s" Target="%s"/>' % (rid, rel_type, target)
        self[rels_name] = rels.replace("</Relationships>", "  " + rel + "\n</Relationships>")
        return rid

    def bytes(self):
        # Word's order of parts: [Content_Types].xml, _rels, the document and its rels, the
        # other word/ parts, docProps last.
        def rank(name):
            if name == "[Content_Types].xml":
                return (0, "")
            if name == "_rels/.rels":
                return (1, "")
            if name == "word/document.xml":
                return (2, "")
            if name == "word/_rels/document.xml.rels":
                return (3, "")
            if name.startswith("word/"):
                return (4, name)
            return (5, name)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name in sorted(self.order, key=rank):
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                z.writestr(info, self.parts[name].encode("utf-8"), compresslevel=6)
        return buf.getvalue()


def rels_of(part):
    folder, _, base = part.rpartition("/")
    return "%s/_rels/%s.rels" % (folder, base)


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wt(text, tag="w:t"):
    """A w:t (or w:delText) as Word writes it: xml:space="preserve" only where needed."""
    if text != text.strip(" ") or "  " in text:
        return '<%s xml:space="preserve">%s</%s>' % (tag, esc(text), tag)
    return "<%s>%s</%s>" % (tag, esc(text), tag)


# ── the context of one fixture: its pseudo-random numbers and its editing sessions ─────────

class Ctx:
    def __init__(self, name):
        seed = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
        self.rng = random.Random(seed)
        self.para_ids = set()
        self.root = self.rsid()
        # Earlier sessions (the toolkit opened and edited on other days) and this session.
        self.sessions = [self.rsid() for _ in range(4)]
        self.edit = self.rsid()
        self.settings = {"trackRevisions": False, "notes": False}

    def rsid(self):
        if not hasattr(self, "rsids"):
            self.rsids = set()
        while True:
            value = "00%06X" % self.rng.getrandbits(24)
            if value not in self.rsids:
                self.rsids.add(value)
                return value

    def para_id(self):
        # w14:paraId: 8 hex digits, below 0x80000000, unique in the document.
        while True:
            value = "%08X" % self.rng.getrandbits(31)
            if value not in self.para_ids and value != "00000000":
                self.para_ids.add(value)
                return value

    def text_id(self):
        return "%08X" % self.rng.getrandbits(31)

    def sdt_id(self):
        # Word's content-control ids are random signed 32-bit numbers.
        return str(self.rng.getrandbits(32) - 2 ** 31)

    def durable_id(self):
        return "%08X" % self.rng.getrandbits(31)

    def pick_session(self):
        r = self.rng.random()
        if r < 0.6:
            return self.root
        return self.rng.choice(self.sessions)

    def run(self, inner, rsid=None):
        """A run typed in this session."""
        return '<w:r w:rsidR="%s">%s</w:r>' % (rsid or self.edit, inner)


# ── finding things in the generated XML ───────────────────────────────────────────────────

def sdt_span(d, tag, nth=0):
    key = '<w:tag w:val="%s"/>' % tag
    i = -1
    for _ in range(nth + 1):
        i = d.index(key, i + 1)
    start = d.rindex("<w:sdt>", 0, i)
    end = d.index("</w:sdt>", i) + len("</w:sdt>")
    return start, end


def enclosing(d, pos, open_tag, close_tag):
    start = d.rindex(open_tag, 0, pos)
    end = d.index(close_tag, pos) + len(close_tag)
    return start, end


def set_content(d, tag, inner, nth=0, typed=True):
    """Put `inner` in the sdtContent of the field, as Word does when a person types in it
    (the showing-placeholder mark goes)."""
    s, e = sdt_span(d, tag, nth)
    sdt = d[s:e]
    if typed:
        sdt = sdt.replace("<w:showingPlcHdr/>", "")
    a = sdt.index("<w:sdtContent>") + len("<w:sdtContent>")
    b = sdt.rindex("</w:sdtContent>")
    sdt = sdt[:a] + inner + sdt[b:]
    return d[:s] + sdt + d[e:]


def set_full_date(d, tag, iso):
    s, e = sdt_span(d, tag)
    sdt = re.sub(r'<w:date(?: w:fullDate="[^"]*")?>', '<w:date w:fullDate="%sT00:00:00Z">' % iso,
                 d[s:e], count=1)
    return d[:s] + sdt + d[e:]


def content_of(d, tag, nth=0):
    s, e = sdt_span(d, tag, nth)
    sdt = d[s:e]
    return sdt[sdt.index("<w:sdtContent>") + 14:sdt.rindex("</w:sdtContent>")]


def renew_ids(xml, ctx):
    """Word gives each pasted content control a new w:id (the tag and alias stay)."""
    return re.sub(r'<w:id w:val="-?\d+"/>', lambda m: '<w:id w:val="%s"/>' % ctx.sdt_id(), xml)


def field_text(d, tag):
    """The text of a field the toolkit wrote in one run (with w:br for line ends)."""
    inner = content_of(d, tag)
    parts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>|(<w:br/>)", inner)
    out = "".join("\n" if br else t for t, br in parts)
    return out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# ── Word's re-save ─────────────────────────────────────────────────────────────────────────

def split_runs(d, ctx):
    """Split some plain runs as Word's documents end up split: around words the speller marks
    (with proofErr), and where a later session edited (a second run with its own rsid)."""

    def split(m):
        text = m.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        r = ctx.rng.random()
        words = [w for w in SPELL if re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(w), text)]
        if words and r < 0.55:
            word = ctx.rng.choice(words)
            mm = re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(word), text)
            before, mid, after = text[:mm.start()], mm.group(0), text[mm.end():]
            rsid = ctx.pick_session()
            out = ""
            if before:
                out += '<w:r w:rsidR="%s">%s</w:r>' % (rsid, wt(before))
            out += '<w:proofErr w:type="spellStart"/>'
            out += '<w:r w:rsidR="%s">%s</w:r>' % (rsid, wt(mid))
            out += '<w:proofErr w:type="spellEnd"/>'
            if after:
                out += '<w:r w:rsidR="%s">%s</w:r>' % (ctx.pick_session(), wt(after))
            return out
        if len(text) > 50 and r < 0.35:
            spaces = [i for i, c in enumerate(text) if c == " " and 5 < i < len(text) - 5]
            if spaces:
                i = ctx.rng.choice(spaces)
                # Word puts the space at the end of the first run or the start of the second.
                cut = i + ctx.rng.choice([0, 1])
                a, b = text[:cut], text[cut:]
                return ('<w:r w:rsidR="%s">%s</w:r><w:r w:rsidR="%s">%s</w:r>'
                        % (ctx.pick_session(), wt(a), ctx.pick_session(), wt(b)))
        if r > 0.9:
            return '<w:r w:rsidRPr="%s">%s</w:r>' % (ctx.pick_session(), wt(text))
        return m.group(0)

    return re.sub(r'<w:r><w:t( xml:space="preserve")?>([^<]+)</w:t></w:r>', split, d)


def split_line_runs(d):
    """A run holding lines (w:t, w:br, w:t) becomes one run per line, the w:br starting the
    next, as Word writes a multi-line plain-text control after it has been edited."""

    def split(m):
        body = m.group(1)
        pieces = body.split("<w:br/>")
        out = "<w:r>%s</w:r>" % pieces[0]
        for p in pieces[1:]:
            out += "<w:r><w:br/>%s</w:r>" % p
        return out

    return re.sub(r"<w:r>((?:<w:t[^>]*>[^<]*</w:t><w:br/>)+<w:t[^>]*>[^<]*</w:t>)</w:r>", split, d)


def trim_preserve(d):
    def trim(m):
        return wt(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    return re.sub(r'<w:t xml:space="preserve">([^<]*)</w:t>', trim, d)


def add_para_ids(d, ctx):
    def para(_m):
        rsid = ctx.pick_session()
        default = rsid if ctx.rng.random() < 0.7 else ctx.pick_session()
        attrs = 'w14:paraId="%s" w14:textId="%s" w:rsidR="%s" w:rsidRDefault="%s"' % (
            ctx.para_id(), "77777777" if ctx.rng.random() < 0.5 else ctx.text_id(), rsid, default)
        if ctx.rng.random() < 0.3:
            attrs += ' w:rsidP="%s"' % ctx.pick_session()
        return "<w:p %s>" % attrs

    def row(_m):
        return '<w:tr w:rsidR="%s" w14:paraId="%s" w14:textId="%s">' % (
            ctx.pick_session(), ctx.para_id(), "77777777")

    d = re.sub(r"<w:p>", para, d)
    d = re.sub(r"<w:tr>", row, d)
    return d


def word_root(d, element):
    return re.sub(r"<%s [^>]*>" % element, "<%s %s>" % (element, WORD_NS), d, count=1)


def page_break_in_field(d, tag, ctx):
    """Where a page broke inside a field when Word last laid the document out, Word splits
    the run there and starts the second with w:lastRenderedPageBreak."""
    inner = content_of(d, tag)
    m = re.fullmatch(r'<w:r>(<w:rPr>.*?</w:rPr>)?<w:t[^>]*>([^<]*)</w:t></w:r>', inner)
    if not m:
        raise SystemExit("cannot place a page break in " + tag)
    rpr, text = m.group(1) or "", m.group(2).replace("&amp;", "&")
    spaces = [i for i, c in enumerate(text) if c == " "]
    if rpr or not spaces:
        new = "<w:r>%s<w:lastRenderedPageBreak/>%s</w:r>" % (rpr, wt(text))
    else:
        i = spaces[len(spaces) // 2] + 1
        new = '<w:r>%s</w:r><w:r w:rsidR="%s"><w:lastRenderedPageBreak/>%s</w:r>' % (
            wt(text[:i]), ctx.pick_session(), wt(text[i:]))
    return set_content(d, tag, new, typed=False)


def go_back(d, tag=None):
    """Word's _GoBack bookmark marks where the cursor was when the file was saved: inside the
    field last typed in, or else in the last empty paragraph."""
    mark = '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
    if tag:
        s, e = sdt_span(d, tag, d.count('<w:tag w:val="%s"/>' % tag) - 1)
        i = d.rindex("</w:sdtContent>", s, e)
        return d[:i] + mark + d[i:]
    i = d.rindex("</w:p>", 0, d.index("<w:sectPr>", d.rindex("</w:tbl>")))
    return d[:i] + mark + d[i:]


def settings_xml(ctx):
    rsids = sorted(ctx.rsids)
    s = [XML_DECL + '<w:settings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:o="urn:schemas-microsoft-com:office:office" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
         'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
         'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" '
         'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
         'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
         'xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" '
         'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" '
         'xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" '
         'xmlns:w16du="http://schemas.microsoft.com/office/word/2023/wordml/word16du" '
         'xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" '
         'xmlns:w16sdtfl="http://schemas.microsoft.com/office/word/2024/wordml/sdtformatlock" '
         'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
         'xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main" '
         'mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh w16sdtfl w16du">',
         '<w:zoom w:percent="100"/>']
    if ctx.settings["trackRevisions"]:
        s.append("<w:trackRevisions/>")
    s.append('<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>')
    if ctx.settings["notes"]:
        s.append('<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
                 '<w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr>')
    s.append('<w:compat>'
             '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
             '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
             '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
             '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
             '<w:compatSetting w:name="differentiateMultirowTableHeaders" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
             '<w:compatSetting w:name="useWord2013TrackBottomHyphenation" w:uri="http://schemas.microsoft.com/office/word" w:val="0"/>'
             '</w:compat>')
    s.append('<w:rsids><w:rsidRoot w:val="%s"/>' % ctx.root
             + "".join('<w:rsid w:val="%s"/>' % r for r in rsids) + "</w:rsids>")
    s.append('<m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/>'
             '<m:brkBinSub m:val="--"/><m:smallFrac m:val="0"/><m:dispDef/><m:lMargin m:val="0"/>'
             '<m:rMargin m:val="0"/><m:defJc m:val="centerGroup"/><m:wrapIndent m:val="1440"/>'
             '<m:intLim m:val="subSup"/><m:naryLim m:val="undOvr"/></m:mathPr>')
    s.append('<w:themeFontLang w:val="en-GB"/>'
             '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" '
             'w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" '
             'w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" '
             'w:followedHyperlink="followedHyperlink"/>'
             '<w:shapeDefaults><o:shapedefaults v:ext="edit" spidmax="2050"/>'
             '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></w:shapeDefaults>'
             '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
             '<w14:docId w14:val="%s"/><w15:chartTrackingRefBased/>'
             '<w15:docId w15:val="{%08X-%04X-%04X-%04X-%012X}"/>'
             % (ctx.text_id(), ctx.rng.getrandbits(32), ctx.rng.getrandbits(16),
                ctx.rng.getrandbits(16), ctx.rng.getrandbits(16), ctx.rng.getrandbits(48)))
    s.append("</w:settings>")
    return "".join(s)


def app_xml(words):
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Template>Normal.dotm</Template><TotalTime>47</TotalTime><Pages>19</Pages>'
            '<Words>%d</Words><Characters>%d</Characters><Application>Microsoft Office Word</Application>'
            '<DocSecurity>0</DocSecurity><Lines>%d</Lines><Paragraphs>%d</Paragraphs>'
            '<ScaleCrop>false</ScaleCrop><Company>Oakfield Primary School</Company>'
            '<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>%d</CharactersWithSpaces>'
            '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
            '<AppVersion>16.0000</AppVersion></Properties>'
            % (words, words * 6, words // 12, words // 40, words * 7))


def core_xml(old):
    title = re.search(r"<dc:title>(.*?)</dc:title>", old).group(1)
    subject = re.search(r"<dc:subject>(.*?)</dc:subject>", old).group(1)
    lang = re.search(r"<dc:language>(.*?)</dc:language>", old)
    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:subject>%s</dc:subject><dc:creator></dc:creator>'
            '<cp:lastModifiedBy>Daniel Osei</cp:lastModifiedBy><cp:revision>3</cp:revision>'
            '%s<dcterms:created xsi:type="dcterms:W3CDTF">2026-05-11T13:02:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-06-19T15:41:00Z</dcterms:modified>'
            '</cp:coreProperties>'
            % (title, subject, "<dc:language>%s</dc:language>" % lang.group(1) if lang else ""))


REL_ORDER = ["numbering", "styles", "settings", "webSettings", "footnotes", "endnotes",
             "header", "footer", "comments", "commentsExtended", "commentsIds",
             "commentsExtensible", "fontTable", "people", "theme"]


def renumber_rels(pkg):
    """Word writes document.xml.rels afresh with ids rId1, rId2, ... and rewrites every
    r:id that points to them."""
    rels = pkg["word/_rels/document.xml.rels"]
    found = re.findall(r'<Relationship Id="([^"]+)" Type="([^"]+)" Target="([^"]+)"/>', rels)

    def key(item):
        kind = item[1].rsplit("/", 1)[1]
        return (REL_ORDER.index(kind) if kind in REL_ORDER else 99, item[2])

    mapping = {}
    lines = []
    for n, (rid, typ, target) in enumerate(sorted(found, key=key), start=1):
        mapping[rid] = "rId%d" % n
        lines.append('<Relationship Id="rId%d" Type="%s" Target="%s"/>' % (n, typ, target))
    pkg["word/_rels/document.xml.rels"] = (
        XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(lines) + "</Relationships>")
    pkg["word/document.xml"] = re.sub(r'r:id="([^"]+)"', lambda m: 'r:id="%s"' % mapping[m.group(1)],
                                      pkg["word/document.xml"])


def add_font(pkg, name, panose, charset, family, pitch):
    f = pkg["word/fontTable.xml"]
    if 'w:name="%s"' % name in f:
        return
    font = ('<w:font w:name="%s"><w:panose1 w:val="%s"/><w:charset w:val="%s"/><w:family w:val="%s"/>'
            '<w:pitch w:val="%s"/></w:font>' % (name, panose, charset, family, pitch))
    pkg["word/fontTable.xml"] = f.replace("</w:fonts>", font + "</w:fonts>")


def add_style(pkg, xml):
    pkg["word/styles.xml"] = pkg["word/styles.xml"].replace("</w:styles>", xml + "</w:styles>")


def word_resave(pkg, ctx, go_back_tag=None, page_break_tag=None):
    d = pkg["word/document.xml"]
    # Word leaves out the default paragraph style and empty runs.
    d = d.replace('<w:pStyle w:val="Normal"/>', "").replace("<w:pPr></w:pPr>", "")
    d = d.replace("<w:r></w:r>", "")
    # Each table gets its look flags; every content control an (empty) end-properties.
    d = re.sub(r"(<w:tblPr>(?:(?!</w:tblPr>).)*?)(<w:tblCaption|</w:tblPr>)",
               lambda m: m.group(1) + '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' + m.group(2), d)
    d = d.replace("</w:sdtPr><w:sdtContent>", "</w:sdtPr><w:sdtEndPr/><w:sdtContent>")
    # Where Word last broke pages: before each outcome (page break before), and inside a field.
    d = re.sub(r'(<w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr><w:r)>',
               r"\1><w:lastRenderedPageBreak/>", d)
    if page_break_tag:
        d = page_break_in_field(d, page_break_tag, ctx)
    # The grammar checker's mark on one descriptor.
    i = d.find('<w:r><w:t xml:space="preserve">Parent/carers are informed')
    if i >= 0:
        j = d.index("</w:r>", i) + 6
        d = (d[:i] + '<w:proofErr w:type="gramStart"/><w:r w:rsidR="%s">' % ctx.root
             + d[i + 5:j] + '<w:proofErr w:type="gramEnd"/>' + d[j:])
    d = split_line_runs(d)
    d = split_runs(d, ctx)
    # "Judgement: " labels were made bold in an earlier session.
    d = re.sub(r"<w:r><w:rPr><w:b/></w:rPr>",
               lambda m: '<w:r w:rsidRPr="%s"><w:rPr><w:b/></w:rPr>' % ctx.pick_session(), d)
    d = go_back(d, go_back_tag)
    d = trim_preserve(d)
    d = add_para_ids(d, ctx)
    d = re.sub(r"<w:sectPr>", lambda m: '<w:sectPr w:rsidR="%s" w:rsidSect="%s">' % (
        ctx.root, ctx.pick_session()), d)
    d = d.replace("<w:titlePg/></w:sectPr>", '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>')
    d = re.sub(r'(<w:pgMar [^>]*/>)</w:sectPr>', r'\1<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>', d)
    d = word_root(d, "w:document")
    d = d.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', XML_DECL)
    pkg["word/document.xml"] = d

    for name in list(pkg.order):
        if re.fullmatch(r"word/(header|footer)\d+\.xml", name):
            x = pkg[name]
            x = word_root(x, "w:hdr" if "header" in name else "w:ftr")
            x = re.sub(r">\s+<", "><", x)  # Word writes no indentation
            x = trim_preserve(add_para_ids(x, ctx))
            x = x.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', XML_DECL)
            pkg[name] = x

    words = len(re.findall(r"\w+", " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", d))))
    pkg["word/settings.xml"] = settings_xml(ctx)
    pkg["docProps/app.xml"] = app_xml(words)
    pkg["docProps/core.xml"] = core_xml(pkg["docProps/core.xml"])
    pkg.add_part("word/webSettings.xml", CT + "webSettings+xml", RT + "webSettings",
                 XML_DECL + '<w:webSettings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
                 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
                 'mc:Ignorable="w14 w15"><w:optimizeForBrowser/><w:allowPNG/></w:webSettings>')
    # Word declares the fonts the document uses.
    add_font(pkg, "Times New Roman", "02020603050405020304", "00", "roman", "variable")
    add_font(pkg, "Calibri", "020F0502020204030204", "00", "swiss", "variable")
    renumber_rels(pkg)


# ── the habits ─────────────────────────────────────────────────────────────────────────────

def copied_evidence_paragraph(pkg, ctx, filled):
    """(a) The evidence paragraph in the cell of strand 1a copied and pasted below itself
    (Ctrl+C, Enter, Ctrl+V), then this year's words typed over the copy's text."""
    d = pkg["word/document.xml"]
    tag = "outcomes.1.strands.a.evidence"
    old = field_text(d, tag)
    new = ("2026/27: learning walks in October saw adaptive teaching in 23 of 25 lessons, "
           "including in history and geography.")
    s, _ = sdt_span(d, tag)
    ps, pe = enclosing(d, s, "<w:p>", "</w:p>")
    copy = renew_ids(d[ps:pe], ctx)
    copy = set_content(copy, tag, ctx.run(wt(new)))
    d = d[:pe] + copy + d[pe:]
    pkg["word/document.xml"] = d
    return {"fields": {tag: old + "\n" + new}}, tag


def copied_strand_row(pkg, ctx, filled):
    """(b) The row of strand 1c copied and pasted below itself (Word: Paste > Insert as New
    Rows); the original set to Emerging, the copy to Exemplary with other evidence."""
    d = pkg["word/document.xml"]
    d = set_content(d, "outcomes.1.strands.c.judgement", ctx.run("<w:t>Emerging</w:t>"))
    s, _ = sdt_span(d, "outcomes.1.strands.c.judgement")
    rs, re_ = enclosing(d, s, "<w:tr>", "</w:tr>")
    copy = renew_ids(d[rs:re_], ctx)
    copy = set_content(copy, "outcomes.1.strands.c.judgement", ctx.run("<w:t>Exemplary</w:t>"))
    copy = set_content(copy, "outcomes.1.strands.c.evidence", ctx.run(wt(
        "Since the spring, every class has a needs map across the four broad areas, and staff "
        "meetings open with a case study of one pupil’s communication and behaviour needs.")))
    d = d[:re_] + copy + d[re_:]
    pkg["word/document.xml"] = d
    return {}, "outcomes.1.strands.c.evidence"


def copied_strand_row_same(pkg, ctx, filled):
    """The row of strand 1e copied below itself, both copies judged Expected, the copy with
    this year's evidence."""
    d = pkg["word/document.xml"]
    tag = "outcomes.1.strands.e.evidence"
    old = field_text(d, tag)
    new = ("2026/27: the speech and language therapist now visits half-termly, and Families "
           "First joined two pupil passport reviews.")
    s, _ = sdt_span(d, "outcomes.1.strands.e.judgement")
    rs, re_ = enclosing(d, s, "<w:tr>", "</w:tr>")
    copy = renew_ids(d[rs:re_], ctx)
    copy = set_content(copy, tag, ctx.run(wt(new)))
    d = d[:re_] + copy + d[re_:]
    pkg["word/document.xml"] = d
    return {"fields": {tag: old + "\n" + new}}, tag


def copied_checklist_row(status_display, status_value):
    def habit(pkg, ctx, filled):
        d = pkg["word/document.xml"]
        tag = "checklist.senco.evidence"
        old = field_text(d, tag)
        new = ("From September 2026 the SENCO’s release time rises to three days a week, "
               "agreed by governors in May.") if status_value == "met" else (
               "Mr Osei leaves in July 2026; the new SENCO starts in September and has not yet "
               "begun the National Award.")
        s, _ = sdt_span(d, "checklist.senco.status")
        rs, re_ = enclosing(d, s, "<w:tr>", "</w:tr>")
        copy = renew_ids(d[rs:re_], ctx)
        copy = set_content(copy, "checklist.senco.status", ctx.run(wt(status_display)))
        copy = set_content(copy, tag, ctx.run(wt(new)))
        d = d[:re_] + copy + d[re_:]
        pkg["word/document.xml"] = d
        if status_value == "met":
            return {"fields": {"checklist.senco.status": "met", tag: old + "\n" + new}}, tag
        return {}, tag
    return habit


def copied_notes_box(pkg, ctx, filled):
    """(e) The Notes box of outcome 1 copied and pasted just below it for a second page of
    notes. Pasting a table right under a table joins them, so Word saves one table of two
    rows, each with the Notes field (the copy with a new w:id)."""
    d = pkg["word/document.xml"]
    tag = "outcomes.1.notes"
    old = field_text(d, tag)
    new = ("Page 2 of notes: the parent forum asked for the accessibility plan to be shared "
           "with families in the autumn term.")
    s, _ = sdt_span(d, tag)
    rs, re_ = enclosing(d, s, "<w:tr>", "</w:tr>")
    copy = renew_ids(d[rs:re_], ctx)
    copy = set_content(copy, tag, ctx.run(wt(new)))
    d = d[:re_] + copy + d[re_:]
    pkg["word/document.xml"] = d
    return {"fields": {tag: old + "\n" + new}}, tag


def sym(font, char):
    return '<w:r w:rsidR="{E}"><w:sym w:font="%s" w:char="%s"/></w:r>' % (font, char)


def symbols_and_hyphens(pkg, ctx, filled):
    """Non-breaking hyphens (Ctrl+Shift+-), an optional hyphen (Ctrl+-), Insert > Symbol from
    Wingdings and Symbol, a tab and line breaks in fields, and a symbol from a font with no
    Unicode mapping."""
    d = pkg["word/document.xml"]
    E = ctx.edit
    fields = {}

    tag = "participants.head-teacher.0.name"
    d = set_content(d, tag, ctx.run("<w:t>Mrs Rachel Smith</w:t><w:noBreakHyphen/><w:t>Jones</w:t>"))
    fields[tag] = "Mrs Rachel Smith\u2011Jones"

    tag = "outcomes.1.strands.a.evidence"
    d = set_content(d, tag, ctx.run(
        "<w:t>Learning walks in Years 1</w:t><w:noBreakHyphen/><w:t>3 and 5</w:t><w:noBreakHyphen/>"
        "<w:t>6 saw adaptive teaching in 21 of 24 lessons.</w:t>"))
    fields[tag] = "Learning walks in Years 1\u20113 and 5\u20116 saw adaptive teaching in 21 of 24 lessons."

    tag = "outcomes.1.strands.b.evidence"
    d = set_content(d, tag, ctx.run(
        '<w:t>Every teacher receives written develop</w:t><w:softHyphen/>'
        '<w:t>mental feedback with one next step.</w:t>'))
    fields[tag] = "Every teacher receives written develop\u00admental feedback with one next step."

    tag = "checklist.senco.evidence"
    inner = (ctx.run(wt("Qualified teacher ")) + sym("Wingdings", "F0FC")
             + ctx.run(wt(" National Award ")) + sym("Wingdings", "F0FC")
             + ctx.run(wt(" Three days’ release ")) + sym("Wingdings", "F0FB"))
    d = set_content(d, tag, inner.replace("{E}", E))
    fields[tag] = "Qualified teacher \u2713 National Award \u2713 Three days’ release \u2717"

    tag = "action_plan.1.resources"
    inner = (ctx.run(wt("Four twilight sessions; ")) + sym("Symbol", "F0A3")
             + ctx.run(wt(" £500 from the CPD budget; DSPL 9 training places")))
    d = set_content(d, tag, inner.replace("{E}", E))
    fields[tag] = "Four twilight sessions; \u2264 £500 from the CPD budget; DSPL 9 training places"

    tag = "outcomes.2.notes"
    d = set_content(d, tag, ctx.run(
        "<w:t>Wellbeing (2g):</w:t><w:tab/><w:t>a strength</w:t><w:br/>"
        "<w:t>Small steps (2d):</w:t><w:tab/><w:t>the main gap</w:t>"))
    fields[tag] = "Wellbeing (2g):\ta strength\nSmall steps (2d):\tthe main gap"

    tag = "outcomes.3.notes"
    d = set_content(d, tag, ctx.run(
        "<w:t>Parents value the same-day copy of review notes most.</w:t><w:cr/>"
        "<w:t>Survey response rate: 84%.</w:t>"))
    fields[tag] = "Parents value the same-day copy of review notes most.\nSurvey response rate: 84%."

    tag = "outcomes.5.notes"
    inner = (ctx.run(wt("Our transition work (5b) could be shared at the DSPL 9 SENCO forum."))
             + sym("Bookshelf Symbol 7", "F06C"))
    d = set_content(d, tag, inner.replace("{E}", E))
    fields[tag] = "Our transition work (5b) could be shared at the DSPL 9 SENCO forum."

    pkg["word/document.xml"] = d
    add_font(pkg, "Wingdings", "05000000000000000000", "02", "auto", "variable")
    add_font(pkg, "Symbol", "05050102010706020507", "02", "roman", "variable")
    add_font(pkg, "Bookshelf Symbol 7", "05010101010101010101", "02", "auto", "variable")
    return {"fields": fields}, "outcomes.5.notes"


def footnote_in_evidence(pkg, ctx, filled):
    """References > Insert Footnote with the cursor at the end of the evidence of 1h."""
    d = pkg["word/document.xml"]
    tag = "outcomes.1.strands.h.evidence"
    inner = content_of(d, tag) + ctx.run(
        '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/>')
    d = set_content(d, tag, inner)
    pkg["word/document.xml"] = d
    ctx.settings["notes"] = True
    sep = ('<w:p w14:paraId="%s" w14:textId="77777777" w:rsidR="%s" w:rsidRDefault="%s">'
           '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
           '<w:r><w:%s/></w:r></w:p>')
    notes = lambda kind: (
        '<w:%s w:type="separator" w:id="-1">' % kind + sep % (ctx.para_id(), ctx.edit, ctx.edit, "separator")
        + "</w:%s>" % kind
        + '<w:%s w:type="continuationSeparator" w:id="0">' % kind
        + sep % (ctx.para_id(), ctx.edit, ctx.edit, "continuationSeparator") + "</w:%s>" % kind)
    footnotes = (XML_DECL + "<w:footnotes %s>" % WORD_NS + notes("footnote")
                 + '<w:footnote w:id="1"><w:p w14:paraId="%s" w14:textId="%s" w:rsidR="%s" w:rsidRDefault="%s">'
                 '<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                 '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                 '<w:r><w:t xml:space="preserve"> Survey run online in May 2026; paper copies were '
                 'offered at the SEND coffee morning.</w:t></w:r></w:p></w:footnote></w:footnotes>'
                 % (ctx.para_id(), ctx.text_id(), ctx.edit, ctx.edit))
    endnotes = XML_DECL + "<w:endnotes %s>" % WORD_NS + notes("endnote") + "</w:endnotes>"
    pkg.add_part("word/footnotes.xml", CT + "footnotes+xml", RT + "footnotes", footnotes)
    pkg.add_part("word/endnotes.xml", CT + "endnotes+xml", RT + "endnotes", endnotes)
    add_style(pkg, '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
              '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>'
              '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
              '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
              '<w:style w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar">'
              '<w:name w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>'
              '<w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/><w:semiHidden/>'
              '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
              '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>'
              '<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>')
    return {}, tag


def header_footer_typed(pkg, ctx, filled):
    """Text typed in the running header and footer (double-click the top of a page), and a
    first-page header typed on the title page (which had none: Different First Page)."""
    h = pkg["word/header1.xml"]
    h = h.replace("</w:t></w:r></w:p></w:hdr>",
                  "</w:t></w:r>%s</w:p></w:hdr>" % ctx.run(wt(" – DRAFT v2 for governors")))
    pkg["word/header1.xml"] = h
    f = pkg["word/footer1.xml"]
    f = f.replace("<w:p>", '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>%s</w:p><w:p>'
                  % ctx.run(wt("Printed for the full governing body, 7 July 2026")), 1)
    pkg["word/footer1.xml"] = f
    first = (XML_DECL + '<w:hdr xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>%s</w:p></w:hdr>'
             % (W, ctx.run(wt("Oakfield Primary School – confidential until approved by governors"))))
    rid = pkg.add_part("word/header2.xml", CT + "header+xml", RT + "header", first)
    d = pkg["word/document.xml"]
    i = d.index("<w:sectPr>")
    j = d.index("<w:footerReference", i)
    d = d[:j] + '<w:headerReference w:type="first" r:id="%s"/>' % rid + d[j:]
    pkg["word/document.xml"] = d
    return {}, None


def comment_on_evidence(pkg, ctx, filled):
    """Review > New Comment on words of the evidence of 4b, and a reply to it."""
    d = pkg["word/document.xml"]
    tag = "outcomes.4.strands.b.evidence"
    text = field_text(d, tag)
    quoted = "Impact data for individual interventions are incomplete"
    a = text.index(quoted)
    b = a + len(quoted)
    inner = ("<w:r>%s</w:r>" % wt(text[:a])
             + '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>'
             + '<w:r w:rsidR="%s">%s</w:r>' % (ctx.sessions[0], wt(quoted))
             + '<w:commentRangeEnd w:id="0"/>'
             + '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>'
             + '<w:commentRangeEnd w:id="1"/>'
             + '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="1"/></w:r>'
             + "<w:r>%s</w:r>" % wt(text[b:]))
    d = set_content(d, tag, inner)
    pkg["word/document.xml"] = d
    comments = [
        ("Mr Graham Pettifer", "GP", "2026-06-10T09:14:00Z",
         "Governors would like these shown term by term at the next full governing body."),
        ("Daniel Osei", "DO", "2026-06-11T16:32:00Z",
         "Agreed – I will add them for the autumn term."),
    ]
    pids = [ctx.para_id() for _ in comments]
    dids = [ctx.durable_id() for _ in comments]
    body = ""
    for n, (author, initials, date, words) in enumerate(comments):
        body += ('<w:comment w:id="%d" w:author="%s" w:date="%s" w:initials="%s">'
                 '<w:p w14:paraId="%s" w14:textId="77777777" w:rsidR="%s" w:rsidRDefault="%s">'
                 '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
                 '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                 '<w:r>%s</w:r></w:p></w:comment>'
                 % (n, author, date, initials, pids[n], ctx.edit, ctx.edit, wt(words)))
    pkg.add_part("word/comments.xml", CT + "comments+xml", RT + "comments",
                 XML_DECL + "<w:comments %s>%s</w:comments>" % (WORD_NS, body))
    ext = ('<w15:commentEx w15:paraId="%s" w15:done="0"/>'
           '<w15:commentEx w15:paraId="%s" w15:paraIdParent="%s" w15:done="0"/>' % (pids[0], pids[1], pids[0]))
    pkg.add_part("word/commentsExtended.xml", CT + "commentsExtended+xml",
                 "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
                 XML_DECL + "<w15:commentsEx %s>%s</w15:commentsEx>" % (WORD_NS, ext))
    ids = "".join('<w16cid:commentId w16cid:paraId="%s" w16cid:durableId="%s"/>' % (p, i)
                  for p, i in zip(pids, dids))
    pkg.add_part("word/commentsIds.xml", CT + "commentsIds+xml",
                 "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
                 XML_DECL + "<w16cid:commentsIds %s>%s</w16cid:commentsIds>" % (WORD_NS, ids))
    cex = "".join('<w16cex:commentExtensible w16cex:durableId="%s" w16cex:dateUtc="%s"/>'
                  % (i, c[2]) for i, c in zip(dids, comments))
    pkg.add_part("word/commentsExtensible.xml", CT + "commentsExtensible+xml",
                 "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
                 XML_DECL + '<w16cex:commentsExtensible %s>%s</w16cex:commentsExtensible>' % (WORD_NS, cex))
    people = "".join('<w15:person w15:author="%s"><w15:presenceInfo w15:providerId="None" w15:userId="%s"/>'
                     '</w15:person>' % (c[0], c[0]) for c in comments)
    pkg.add_part("word/people.xml", CT + "people+xml",
                 "http://schemas.microsoft.com/office/2011/relationships/people",
                 XML_DECL + "<w15:people %s>%s</w15:people>" % (WORD_NS, people))
    add_style(pkg, '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
              '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>'
              '<w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
              '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
              '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr>'
              '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>')
    return {}, None


AUTHOR = "Mrs Priya Shah"


def tracked_changes(pkg, ctx, filled):
    """Review > Track Changes on, then edits in three fields, never accepted or rejected: a
    replacement (w:del then w:ins), an insertion, a deletion, and a word made bold (a tracked
    formatting change, which changes no text)."""
    d = pkg["word/document.xml"]
    ctx.settings["trackRevisions"] = True
    date = ' w:author="%s" w:date="2026-06-15T10:02:00Z"' % AUTHOR
    fields = {}

    tag = "outcomes.1.strands.a.evidence"
    text = field_text(d, tag)
    a = text.index("November and March")
    b = a + len("November and March")
    d = set_content(d, tag,
                    "<w:r>%s</w:r>" % wt(text[:a])
                    + '<w:del w:id="101"%s><w:r w:rsidDel="%s">%s</w:r></w:del>'
                    % (date, ctx.edit, wt("November and March", "w:delText"))
                    + '<w:ins w:id="102"%s>%s</w:ins>' % (date, ctx.run(wt("November, March and June")))
                    + "<w:r>%s</w:r>" % wt(text[b:]))
    fields[tag] = text.replace("November and March", "November, March and June")

    tag = "checklist.senco.evidence"
    text = field_text(d, tag)
    added = " From September 2026 his release time rises to three days a week."
    d = set_content(d, tag, "<w:r>%s</w:r>" % wt(text)
                    + '<w:ins w:id="103"%s>%s</w:ins>' % (date, ctx.run(wt(added))))
    fields[tag] = text + added

    tag = "outcomes.1.strands.b.evidence"
    text = field_text(d, tag)
    gone = " and book look"
    a = text.index(gone)
    d = set_content(d, tag, "<w:r>%s</w:r>" % wt(text[:a])
                    + '<w:del w:id="104"%s><w:r w:rsidDel="%s">%s</w:r></w:del>'
                    % (date, ctx.edit, wt(gone, "w:delText"))
                    + "<w:r>%s</w:r>" % wt(text[a + len(gone):]))
    fields[tag] = text.replace(gone, "")

    # A plain-text control has one formatting for all its text: bold goes on the whole field.
    tag = "outcomes.1.strands.d.evidence"
    text = field_text(d, tag)
    d = set_content(d, tag, '<w:r w:rsidR="%s" w:rsidRPr="%s"><w:rPr><w:b/><w:rPrChange w:id="105"%s>'
                    '<w:rPr/></w:rPrChange></w:rPr>%s</w:r>' % (ctx.sessions[0], ctx.edit, date, wt(text)))
    fields[tag] = text
    pkg["word/document.xml"] = d
    return {"fields": fields}, "outcomes.1.strands.b.evidence"


def tracked_judgement(pkg, ctx, filled):
    """With Track Changes on, the judgement of 1l changed from Emerging to Expected in its
    drop-down: Word keeps the old choice as a deletion and the new one as an insertion."""
    d = pkg["word/document.xml"]
    ctx.settings["trackRevisions"] = True
    date = ' w:author="%s" w:date="2026-06-15T10:09:00Z"' % AUTHOR
    tag = "outcomes.1.strands.l.judgement"
    d = set_content(d, tag, '<w:del w:id="201"%s><w:r w:rsidDel="%s"><w:delText>Emerging</w:delText></w:r></w:del>'
                    '<w:ins w:id="202"%s>%s</w:ins>' % (date, ctx.edit, date, ctx.run("<w:t>Expected</w:t>")))
    pkg["word/document.xml"] = d
    return {"fields": {tag: "expected"}}, tag


def date_typed_over(pkg, ctx, filled):
    """A date typed over a date picker's shown text: the review date now shows 26/06/2026
    but w:fullDate still holds 19 June. Beside it, a date typed in Word's short form
    (9/6/26) whose w:fullDate Word did update: the same date, so no warning."""
    d = pkg["word/document.xml"]
    d = set_content(d, "review.date", ctx.run("<w:t>26/06/2026</w:t>"))
    d = set_content(d, "participants.head-teacher.0.date", ctx.run("<w:t>9/6/26</w:t>"))
    pkg["word/document.xml"] = d
    return {"fields": {"review.date": "2026-06-26", "participants.head-teacher.0.date": "2026-06-09"}}, "review.date"


def date_typed_words(pkg, ctx, filled):
    """Words typed in a date picker: "end of March 2027" over the due date of action 1, whose
    w:fullDate still holds 26 March 2027."""
    d = pkg["word/document.xml"]
    d = set_content(d, "action_plan.0.due", ctx.run("<w:t>end of March 2027</w:t>"))
    pkg["word/document.xml"] = d
    return {"fields": {"action_plan.0.due": "2027-03-26"}}, "action_plan.0.due"


# ── files that are not a filled toolkit ────────────────────────────────────────────────────

def tiny_xlsx():
    """A small Excel workbook (a SEND register export), as Excel lays one out."""
    parts = [
        ("[Content_Types].xml",
         XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
         '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>'),
        ("xl/workbook.xml",
         XML_DECL + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="SEND register" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
         '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '</Relationships>'),
        ("xl/worksheets/sheet1.xml",
         XML_DECL + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<dimension ref="A1:C3"/><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>2</v></c><c r="C2" t="s"><v>4</v></c></row>'
         '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3"><v>5</v></c><c r="C3" t="s"><v>6</v></c></row>'
         '</sheetData></worksheet>'),
        ("xl/sharedStrings.xml",
         XML_DECL + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">'
         '<si><t>Pupil</t></si><si><t>Year</t></si><si><t>Need</t></si><si><t>A.B.</t></si>'
         '<si><t>SLCN</t></si><si><t>C.D.</t></si><si><t>SEMH</t></si></sst>'),
        ("xl/styles.xml",
         XML_DECL + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
         '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
         '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
         '<cellXfs count="1"><xf/></cellXfs></styleSheet>'),
        ("docProps/core.xml",
         XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>SEND register</dc:title></cp:coreProperties>'),
        ("docProps/app.xml",
         XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
         '<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>'),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            z.writestr(info, text.encode("utf-8"), compresslevel=6)
    return buf.getvalue()


def encrypt(data, password, name):
    """Word's File > Info > Protect Document > Encrypt with Password: ECMA-376 agile
    encryption in an OLE compound file. Salts and keys from a seeded generator."""
    try:
        import msoffcrypto.format.ooxml
        import msoffcrypto.method.ecma376_agile as agile
        import msoffcrypto.method.container.ecma376_encrypted as container
    except ImportError:
        raise SystemExit("the encrypted fixture needs msoffcrypto-tool: pip install msoffcrypto-tool")
    rng = random.Random(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big"))
    agile._random_buffer = lambda n: bytes(rng.getrandbits(8) for _ in range(n))

    import datetime

    class FixedDateTime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 6, 19, 15, 41, 0)
    container.datetime = FixedDateTime
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


# ── a reading of the fixtures of our own, to check the expectations hold in the XML ───────

WINGDINGS = {0xFC: "\u2713", 0xFB: "\u2717"}
SYMBOL = {0xA3: "\u2264"}


def reference_reading(data):
    """Tag -> value, read the plainest way (no sendbench code): text fields with w:br/w:cr as
    new lines, w:tab as a tab, hyphens as their Unicode characters, deleted text left out,
    repeated fields joined by new lines; drop-downs by their values; check boxes; dates by
    w:fullDate."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    q = lambda t: "{%s}%s" % (W, t)
    found = {}
    kinds = {}
    for sdt in root.iter(q("sdt")):
        pr = sdt.find(q("sdtPr"))
        tag = pr.find(q("tag")).get(q("val"))
        content = sdt.find(q("sdtContent"))
        placeholder = pr.find(q("showingPlcHdr")) is not None

        def text_of(el):
            s = ""
            for child in el:
                t = child.tag
                if t == q("del"):
                    continue
                if t == q("t"):
                    s += child.text or ""
                elif t in (q("br"), q("cr")):
                    s += "\n"
                elif t == q("tab"):
                    s += "\t"
                elif t == q("noBreakHyphen"):
                    s += "\u2011"
                elif t == q("softHyphen"):
                    s += "\u00ad"
                elif t == q("sym"):
                    font, char = child.get(q("font")), int(child.get(q("char")), 16) & 0xFF
                    s += {"Wingdings": WINGDINGS, "Symbol": SYMBOL}.get(font, {}).get(char, "")
                else:
                    s += text_of(child)
            return s
        text = "" if placeholder else text_of(content)
        if pr.find(q("dropDownList")) is not None:
            items = {i.get(q("displayText")): i.get(q("value")) for i in pr.find(q("dropDownList"))}
            value = items.get(text, "") if text else ""
        elif pr.find("{%s}checkbox" % W14) is not None:
            value = "true" if pr.find("{%s}checkbox" % W14).find("{%s}checked" % W14).get("{%s}val" % W14) == "1" else "false"
        elif pr.find(q("date")) is not None:
            full = pr.find(q("date")).get(q("fullDate"))
            value = full[:10] if full and not placeholder else ""
        else:
            value = text
            kinds[tag] = "text"
        found.setdefault(tag, []).append(value)
    out = {}
    for tag, values in found.items():
        if kinds.get(tag) == "text":
            out[tag] = "\n".join(v for v in values if v)
        else:
            out[tag] = values[0] if len(set(values)) == 1 else "CONFLICT: " + " / ".join(values)
    return out


def tags_of_assessment(path):
    """Tag -> value of an assessment file, as the toolkit lays it out."""
    with open(path, "rb") as f:
        a = tomllib.load(f)
    out = {}
    out["school.name"], out["school.urn"], out["school.area"] = (a["school"].get(k, "") for k in ("name", "urn", "area"))
    out["review.academic_year"] = a["review"].get("academic_year", "")
    out["review.date"] = str(a["review"].get("date", ""))
    for n, k in enumerate(a["review"].get("key_dates", [])):
        out["review.key_dates.%d.event" % n] = k.get("event", "")
        out["review.key_dates.%d.date" % n] = str(k.get("date", ""))
    counts = {}
    for p in a.get("participants", []):
        n = counts.get(p["role"], 0)
        counts[p["role"]] = n + 1
        out["participants.%s.involved" % p["role"]] = "true"
        for k in ("title", "name", "date"):
            out["participants.%s.%d.%s" % (p["role"], n, k)] = str(p.get(k, ""))
    for item, v in a.get("checklist", {}).items():
        out["checklist.%s.status" % item] = v.get("status", "")
        out["checklist.%s.evidence" % item] = v.get("evidence", "")
    for o, outcome in a.get("outcomes", {}).items():
        for s, strand in outcome.get("strands", {}).items():
            out["outcomes.%s.strands.%s.judgement" % (o, s)] = strand.get("judgement", "")
            out["outcomes.%s.strands.%s.evidence" % (o, s)] = strand.get("evidence", "")
            out["outcomes.%s.strands.%s.public" % (o, s)] = "true" if strand.get("public") else "false"
        for k, v in outcome.items():
            if k != "strands":
                out["outcomes.%s.%s" % (o, k)] = v
    for n, row in enumerate(a.get("action_plan", [])):
        for k, v in row.items():
            out["action_plan.%d.%s" % (n, k)] = str(v)
    return out


def check(name, data, expected):
    """The fixture holds what its expectation says, read our own plain way."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in z.namelist():
            if part.endswith(".xml") or part.endswith(".rels"):
                ET.fromstring(z.read(part))  # well-formed
    if expected["base"] is None:
        return
    got = reference_reading(data)
    missing = [t for t in expected["fields"] if t not in got]
    if missing:
        raise SystemExit("fixture %s has no field %s" % (name, missing))
    want = {}
    if expected["base"] == SOURCE:
        want.update(tags_of_assessment(os.path.join(REPO, SOURCE)))
    want = {t: want.get(t, "false" if t.endswith(".involved") or t.endswith(".public") else "")
            for t in got}
    want.update(expected["fields"])
    # A date whose shown text differs from w:fullDate is read here by w:fullDate: the
    # expectation (the shown date, with a warning) is checked by hand, not here.
    skip = set(expected.get("_unchecked", []))
    bad = [(t, got.get(t), want[t]) for t in want if t not in skip and got.get(t) != want[t]]
    if bad:
        for t, g, w in bad[:5]:
            print("  %s: %s: fixture holds %r, expected %r" % (name, t, g, w), file=sys.stderr)
        raise SystemExit("fixture %s does not hold what its expectation says" % name)


# ── the fixtures ───────────────────────────────────────────────────────────────────────────

ANY_FIELD_1A = "1a || outcomes.1.strands.a"


def fixtures():
    """(name, made from, habit function, expectation, where the cursor was, a field to break
    a page in)."""
    return [
        ("resaved-blank", "blank", None, {
            "habit": "The blank toolkit opened in Word and saved untouched: Word's re-save (rsids, "
                     "w14:paraId on every paragraph and row, split runs, proofErr marks, _GoBack, "
                     "w:lastRenderedPageBreak in a placeholder, w:sdtEndPr, rIds renumbered).",
            "base": "empty", "fields": {}, "warnings": [], "error": None,
        }, None, "outcomes.2.strands.a.evidence"),
        ("resaved-filled", "filled", None, {
            "habit": "The toolkit pre-filled from oakfield-primary.toml opened in Word and saved "
                     "untouched: Word's re-save, with runs split inside fields, proofErr marks "
                     "around names, lines of multi-line fields in runs of their own, a page break "
                     "rendered inside a field and _GoBack inside a field.",
            "base": SOURCE, "fields": {}, "warnings": [], "error": None,
        }, "outcomes.5.notes", "outcomes.2.strands.c.evidence"),
        ("copied-evidence-paragraph", "filled", copied_evidence_paragraph, {
            "habit": "The evidence paragraph of 1a copied and pasted below itself in its cell, "
                     "this year's words typed into the copy (the pasted control has a new w:id, "
                     "the same w:tag).",
            "base": SOURCE, "warnings": [],
            "may_warn": [[ANY_FIELD_1A]],
            "error": None,
        }, None, "outcomes.2.strands.c.evidence"),
        ("copied-strand-row", "filled", copied_strand_row, {
            "habit": "The row of strand 1c copied and pasted below itself: one copy judged "
                     "Emerging with the old evidence, the other Exemplary with new evidence.",
            "base": None, "fields": {}, "warnings": [],
            "error": ["1c", "Exemplary", "Emerging"],
        }, None, None),
        ("copied-strand-row-same", "filled", copied_strand_row_same, {
            "habit": "The row of strand 1e copied below itself, both copies judged Expected, the "
                     "copy with this year's evidence.",
            "base": SOURCE,
            "warnings": [["1e || outcomes.1.strands.e",
                          "copied || copy || twice || more than once || repeated"]],
            "error": None,
        }, None, None),
        ("copied-checklist-row-conflict", "filled", copied_checklist_row("Not met", "not-met"), {
            "habit": "The statutory checklist row of the SENCO duty (Duty 3) copied below itself; "
                     "the original says Met, the copy Not met with other evidence.",
            "base": None, "fields": {}, "warnings": [],
            "error": ["Duty 3 || senco || Special Educational Needs Coordinator", "Not met", "Met"],
        }, None, None),
        ("copied-checklist-row-same", "filled", copied_checklist_row("Met", "met"), {
            "habit": "The checklist row of the SENCO duty (Duty 3) copied below itself, both "
                     "saying Met, the copy with more evidence.",
            "base": SOURCE,
            "warnings": [["Duty 3 || senco || Special Educational Needs Coordinator",
                          "copied || copy || twice || more than once || repeated"]],
            "error": None,
        }, None, None),
        ("copied-notes-box", "filled", copied_notes_box, {
            "habit": "The Notes box of outcome 1 copied and pasted right below itself for a second "
                     "page of notes (Word joins the two tables: one table, two rows, each with "
                     "the outcomes.1.notes control).",
            "base": SOURCE, "warnings": [],
            "may_warn": [["Notes (Outcome 1) || outcomes.1.notes || notes of outcome 1 || notes for outcome 1 || Outcome 1"]],
            "error": None,
        }, None, None),
        ("symbols-and-hyphens", "filled", symbols_and_hyphens, {
            "habit": "Non-breaking hyphens (w:noBreakHyphen) in 'Years 1-3 and 5-6' and "
                     "'Smith-Jones', an optional hyphen (w:softHyphen), Insert > Symbol as w:sym "
                     "(Wingdings F0FC tick, F0FB cross; Symbol F0A3 less-or-equal), w:tab, w:br and "
                     "w:cr in fields, and a w:sym in Bookshelf Symbol 7 (no Unicode mapping).",
            "base": SOURCE,
            "warnings": [["Bookshelf Symbol 7", "Notes (Outcome 5) || outcomes.5.notes || notes of outcome 5 || notes for outcome 5"]],
            "error": None,
        }, None, None),
        ("password-protected", "filled", None, {
            "habit": "File > Info > Protect Document > Encrypt with Password (password: school): "
                     "an ECMA-376 agile-encrypted package in an OLE compound file.",
            "base": None, "fields": {}, "warnings": [],
            "error": ["Encrypt with Password", "password || encrypted"],
            "forbidden": ["97-2003", "Word 97", "old Word", "EOCD", "not a Word document"],
        }, None, None),
        ("footnote-in-evidence", "filled", footnote_in_evidence, {
            "habit": "References > Insert Footnote at the end of the evidence of 1h "
                     "(w:footnoteReference in the field, its text in footnotes.xml; Word adds "
                     "endnotes.xml and the footnote styles too).",
            "base": SOURCE, "fields": {},
            "warnings": [["1h || outcomes.1.strands.h", "footnote",
                          "Survey run online in May 2026"]],
            "error": None,
        }, "outcomes.1.strands.h.evidence", None),
        ("header-footer-typed", "filled", header_footer_typed, {
            "habit": "Text typed in the page header (after the school's name) and footer, and a "
                     "first-page header added on the title page (a new header part, "
                     "headerReference type first).",
            "base": SOURCE, "fields": {},
            "warnings": [["header", "DRAFT v2 for governors"],
                         ["footer", "Printed for the full governing body"],
                         ["header", "confidential until approved by governors"]],
            "error": None,
        }, None, None),
        ("comment-on-evidence", "filled", comment_on_evidence, {
            "habit": "Review > New Comment on words of the evidence of 4b by the SEND governor, "
                     "and a reply by the SENCO (comments.xml, commentsExtended, commentsIds, "
                     "commentsExtensible, people.xml; commentRangeStart/End and "
                     "commentReference inside the field).",
            "base": SOURCE, "fields": {},
            "warnings": [["4b || outcomes.4.strands.b", "comment",
                          "Governors would like these shown term by term"],
                         ["4b || outcomes.4.strands.b", "I will add them for the autumn term"]],
            "error": None,
        }, None, None),
        ("tracked-changes", "filled", tracked_changes, {
            "habit": "Track Changes on (w:trackRevisions) and edits by " + AUTHOR + " never "
                     "accepted: in 1a 'November and March' deleted (w:del, w:delText) and "
                     "'November, March and June' inserted (w:ins); an insertion at the end of the "
                     "SENCO duty's evidence; ' and book look' deleted from 1b; words of 1d made "
                     "bold (w:rPrChange).",
            "base": SOURCE,
            "warnings": [["accepted"],
                         [ANY_FIELD_1A, "November, March and June"],
                         [ANY_FIELD_1A, "November and March"],
                         ["Duty 3 || senco || Special Educational Needs Coordinator",
                          "From September 2026 his release time"],
                         ["1b || outcomes.1.strands.b", "and book look"]],
            "may_warn": [["1d || outcomes.1.strands.d"]],
            "error": None,
        }, None, None),
        ("tracked-judgement", "filled", tracked_judgement, {
            "habit": "Track Changes on, and the judgement of 1l changed from Emerging to Expected "
                     "in its drop-down by " + AUTHOR + " (w:del of the old choice, w:ins of the "
                     "new, inside the control), not accepted.",
            "base": SOURCE,
            "warnings": [["1l || outcomes.1.strands.l", "accepted", "Expected", "Emerging"]],
            "error": None,
        }, None, None),
        ("date-typed-over", "filled", date_typed_over, {
            "habit": "A date typed over the shown text of the review date's date picker: it "
                     "shows 26/06/2026, its w:fullDate still says 2026-06-19. Beside it, the head "
                     "teacher's date typed as 9/6/26 with w:fullDate 2026-06-09 (Word keeps typed "
                     "text as typed): the same date, so no warning for that one.",
            "base": SOURCE,
            "warnings": [["Date of review || review.date || date of the review || review date",
                          "26/06/2026 || 2026-06-26 || 26 June 2026",
                          "19/06/2026 || 2026-06-19 || 19 June 2026"]],
            "error": None,
            "_unchecked": ["review.date"],
        }, "review.date", None),
        ("date-typed-words", "filled", date_typed_words, {
            "habit": "Words typed in a date picker: the due date of action 1 shows 'end of March "
                     "2027', its w:fullDate still says 2027-03-26.",
            "base": SOURCE,
            "warnings": [["end of March 2027", "26/03/2027 || 2027-03-26 || 26 March 2027"]],
            "error": None,
        }, "action_plan.0.due", None),
        ("truncated", "filled", None, {
            "habit": "A filled toolkit (Word-saved) cut off at 60% of its bytes, as an e-mail "
                     "attachment or a copy to a USB stick pulled out too early leaves it.",
            "base": None, "fields": {}, "warnings": [],
            "error": ["incomplete || damaged || truncated || cut short || corrupt || broken",
                      "again || new copy || fresh copy || resend || re-send"],
            "forbidden": ["EOCD", "not a Word document", "97-2003"],
        }, None, None),
        ("excel-renamed", None, None, {
            "habit": "An Excel workbook (.xlsx) renamed to .docx.",
            "base": None, "fields": {}, "warnings": [],
            "error": ["Excel"],
            "forbidden": ["EOCD", "97-2003"],
        }, None, None),
    ]


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: make-word-fixtures.py PATH/TO/sendbench")
    binary = os.path.abspath(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        blank = os.path.join(tmp, "blank.docx")
        filled = os.path.join(tmp, "filled.docx")
        subprocess.run([binary, "toolkit", "-o", blank], check=True, cwd=REPO, capture_output=True)
        subprocess.run([binary, "toolkit", "--assessment", SOURCE, "-o", filled],
                       check=True, cwd=REPO, capture_output=True)
        sources = {"blank": open(blank, "rb").read(), "filled": open(filled, "rb").read()}

    saved_filled = None
    for name, made_from, habit, expected, cursor, page_break in fixtures():
        expected = dict(expected)
        if name == "excel-renamed":
            data = tiny_xlsx()
        elif name in ("password-protected", "truncated"):
            data = saved_filled
            if name == "password-protected":
                data = encrypt(data, "school", name)
            else:
                data = data[: len(data) * 60 // 100]
        else:
            ctx = Ctx(name)
            pkg = Package(sources[made_from])
            fields = {}
            if habit:
                found, last = habit(pkg, ctx, made_from == "filled")
                fields = found.get("fields", {})
                cursor = cursor or last
            word_resave(pkg, ctx, go_back_tag=cursor, page_break_tag=page_break)
            data = pkg.bytes()
            if name == "resaved-filled":
                saved_filled = data
            expected["fields"] = {**expected.get("fields", {}), **fields}
            check(name, data, expected)
        with open(os.path.join(OUT, name + ".docx"), "wb") as f:
            f.write(data)
        expected.pop("_unchecked", None)
        record = {"habit": expected["habit"], "made_from": made_from, "base": expected["base"],
                  "fields": expected.get("fields", {}), "warnings": expected["warnings"]}
        if expected.get("may_warn"):
            record["may_warn"] = expected["may_warn"]
        record["error"] = expected["error"]
        if expected.get("forbidden"):
            record["forbidden"] = expected["forbidden"]
        with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
            text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
            # Characters a reader cannot see or tell from others are written as escapes.
            for invisible in ("\u2011", "\u00ad", "\u00a0", "\t"):
                text = text.replace(invisible, "\\u%04x" % ord(invisible))
            f.write(text)
        print("wrote %s.docx (%d bytes)" % (name, len(data)))


if __name__ == "__main__":
    main()
