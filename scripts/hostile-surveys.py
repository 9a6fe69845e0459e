#!/usr/bin/env python3
"""Hostile survey exports, column maps and options files for scripts/bench-hostile.sh
(issue 25): python3 hostile-surveys.py WORK FIXTURES. Every file is made with a fixed seed so
two runs measure the same bytes."""
import random
import struct
import sys
import zipfile
import zlib

w, fixtures = sys.argv[1], sys.argv[2]
random.seed(25)
MB = 1024 * 1024
n = 10 * MB

header, row = open(f"{fixtures}/smart-survey.csv", "rb").read().split(b"\n")[:2]
open(f"{w}/random.csv", "wb").write(random.randbytes(n))
# A quote opened in the first data row and never closed: one cell of 10 MB.
open(f"{w}/quote.csv", "wb").write(header + b'\n"' + b"x, \r\n" * (n // 5))
# One row of five million columns.
open(f"{w}/wide.csv", "wb").write(header + b"\n" + b"," * n)
# A real export's row repeated past the 20,000 rows a sheet may hold (10 MB).
open(f"{w}/rows.csv", "wb").write(header + b"\n" + (row + b"\n") * (n // (len(row) + 1)))
# Just under the 64 MB a sheet may have, of rows a bound refuses only after reading.
m = 64 * MB - 100_000
open(f"{w}/under64.csv", "wb").write(header + b"\n" + b"a,b,c,d\n" * ((m - len(header)) // 8))

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '</Types>')
ROOT_RELS = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<workbook {NS.decode()} xmlns:r="{REL}"><sheets>'
            '<sheet name="Returns" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
           f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
           '</Relationships>')


def workbook(path, sheet_chunks, strings=b""):
    """An XLSX whose sheet is the chunks given (an iterator, deflated as it goes, so a sheet
    of gigabytes never sits in memory here)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/sharedStrings.xml", strings or b"<sst " + NS + b"/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_chunks:
                f.write(chunk)


def bomb():
    yield b"<worksheet " + NS + b"><sheetData>"
    blank = b" " * (16 * MB)
    for _ in range(128):  # 2 GB of spaces between two elements
        yield blank
    yield b"</sheetData></worksheet>"


workbook(f"{w}/bomb.xlsx", bomb())


def lie(src, dst):
    """The bomb with every size field claiming 1 KB: a reader must bound what it inflates,
    not trust what the archive says."""
    data = bytearray(open(src, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    for sig, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(sig)
        while at >= 0:
            name_len = struct.unpack_from("<H", data, at + (28 if sig == b"PK\x01\x02" else 26))[0]
            start = at + (46 if sig == b"PK\x01\x02" else 30)
            if data[start:start + name_len] == name:
                size = struct.unpack_from("<I", data, at + size_at)[0]
                if size != 0xFFFFFFFF:
                    struct.pack_into("<I", data, at + size_at, 1024)
            at = data.find(sig, at + 4)
    open(dst, "wb").write(data)


# A 2 GB sheet needs zip64, whose real sizes sit in an extra field; make a bomb under 4 GB
# of plain sizes to lie about: 1 GB of spaces.
def small_bomb():
    yield b"<worksheet " + NS + b"><sheetData>"
    for _ in range(64):
        yield b" " * (16 * MB)
    yield b"</sheetData></worksheet>"


with zipfile.ZipFile(f"{w}/liar-src.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", TYPES)
    z.writestr("_rels/.rels", ROOT_RELS)
    z.writestr("xl/workbook.xml", WORKBOOK)
    z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
    z.writestr("xl/sharedStrings.xml", b"<sst " + NS + b"/>")
    with z.open("xl/worksheets/sheet1.xml", "w") as f:
        for chunk in small_bomb():
            f.write(chunk)
lie(f"{w}/liar-src.xlsx", f"{w}/liar.xlsx")

# 20,000 shared strings of 2,000 characters (40 MB), each cell of a sheet pointing at them.
text = "".join(random.choice("abcdefgh ") for _ in range(2000))
sst = (b'<sst ' + NS + b' count="20000" uniqueCount="20000">'
       + b"".join(b"<si><t>" + f"{i} {text}".encode() + b"</t></si>" for i in range(20000))
       + b"</sst>")


def sst_sheet():
    yield b"<worksheet " + NS + b"><sheetData>"
    for r in range(1, 101):
        yield (f'<row r="{r}">' + "".join(f'<c t="s"><v>{(r * 200 + c) % 20000}</v></c>' for c in range(200))
               + "</row>").encode()
    yield b"</sheetData></worksheet>"


workbook(f"{w}/sst.xlsx", sst_sheet(), sst)


# Four million numeric cells (2,000 rows of 2,000), past the cells a workbook may hold.
def cells():
    yield b"<worksheet " + NS + b"><sheetData>"
    line = b"<c><v>1</v></c>" * 2000
    for r in range(1, 2001):
        yield b"<row>" + line + b"</row>"
    yield b"</sheetData></worksheet>"


workbook(f"{w}/cells.xlsx", cells())

# Column maps and options files: 4 MB of entries (just under the bound, so parsed).
k = 4_000_000
lines, size = [], 0
while size < k - 100:
    line = f'"Question {len(lines)}" = "strand 1a"\n'
    size += len(line)
    lines.append(line)
open(f"{w}/columns4.toml", "w").write("[columns]\n" + "".join(lines))
lines, size = [], 0
while size < k - 100:
    line = f'"Area {len(lines)}" = 5\n'
    size += len(line)
    lines.append(line)
open(f"{w}/options4.toml", "w").write("[eligible]\n" + "".join(lines))
