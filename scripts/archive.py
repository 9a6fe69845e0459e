#!/usr/bin/env python3
"""Packs a folder as a release archive whose bytes depend only on its contents: a .zip
for Windows targets (what Explorer opens), else a .tar.gz; entries in name order under one
top folder, every timestamp SOURCE_DATE_EPOCH, owner root, modes 755 for programs and
folders and 644 for the rest.

    scripts/archive.py FOLDER OUT_WITHOUT_EXTENSION
"""

import gzip
import io
import os
import pathlib
import sys
import tarfile
import time
import zipfile


def entries(folder: pathlib.Path):
    """(path inside the archive, file or None for a folder), in name order."""
    top = folder.name
    yield top + "/", None
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        inner = f"{top}/{path.relative_to(folder).as_posix()}"
        yield (inner + "/", None) if path.is_dir() else (inner, path)


def is_program(path: pathlib.Path) -> bool:
    return path.name in ("sendbench", "sendbench.exe")


def main() -> None:
    folder, out = pathlib.Path(sys.argv[1]), sys.argv[2]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    if "windows" in folder.name:
        # Zip times are local, from 1980, in 2-second steps.
        stamp = time.gmtime(max(epoch, 315532800))[:6]
        with zipfile.ZipFile(out + ".zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for name, path in entries(folder):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3  # Unix, so the modes below are read
                if path is None:
                    info.external_attr = (0o40755 << 16) | 0x10
                    z.writestr(info, b"")
                else:
                    mode = 0o755 if is_program(path) else 0o644
                    info.external_attr = (0o100000 | mode) << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(info, path.read_bytes())
        print(out + ".zip")
        return
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in entries(folder):
            info = tarfile.TarInfo(name.rstrip("/"))
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "root", "root"
            if path is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                data = path.read_bytes()
                info.size, info.mode = len(data), 0o755 if is_program(path) else 0o644
                tar.addfile(info, io.BytesIO(data))
    with open(out + ".tar.gz", "wb") as f, gzip.GzipFile(
            filename="", mode="wb", fileobj=f, mtime=epoch, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    print(out + ".tar.gz")


if __name__ == "__main__":
    main()
