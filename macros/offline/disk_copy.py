"""The offline copy to open from disk: a built site (mkdocs.offline.yml) packed into one zip.

Plain Python, no MkDocs. The zip is reproducible: entries sorted, every timestamp the build's
(SOURCE_DATE_EPOCH when set), fixed permissions, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import io
import time
import zipfile
from fnmatch import fnmatchcase
from pathlib import Path

COPY_FILENAME = "fine-tuning-interview-prep-offline.zip"
FOLDER = "fine-tuning-interview-prep"  # what unzipping creates; open FOLDER/index.html
# Not needed to read from disk: link-preview cards (chat apps fetch them from the live site), source maps.
LEFT_OUT = ("assets/cards/*", "*.map")


def zip_site(site_dir: Path, stamp: float | None = None) -> bytes:
    """Every file of `site_dir` except LEFT_OUT, under FOLDER/, deflated."""
    when = time.gmtime(stamp if stamp is not None else time.time())[:6]
    when = max(when, (1980, 1, 1, 0, 0, 0))  # the earliest date a zip can hold
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(site_dir).as_posix()
            if any(fnmatchcase(rel, pattern) for pattern in LEFT_OUT):
                continue
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return out.getvalue()
