"""Which built files the service worker precaches, each with a content hash (revision and integrity).

Plain Python, no MkDocs. Reading and studying offline need every page, the search index, the styles,
the scripts (every ES module under assets/), the fonts and the icons; the drawn diagrams are inlined in
the pages. Left out, as issue 17 asks: the link-preview cards (only chat apps fetch them), the fallback
Mermaid bundle (2.7 MB, used only while a diagram is not drawn yet), the downloads (exports and books,
fetched on purpose) and the pages the PDF books are printed from, source maps, and lunr's language packs
(the English search worker bundles lunr).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

INCLUDE = ("*.html", "search/search_index.json", "manifest.webmanifest", "assets/*")
EXCLUDE = (
    "downloads/*",
    "book/*",  # the pages the PDF books are printed from (5 MB of HTML): the question pages hold the same
    "assets/cards/*",
    "assets/vendor/mermaid/*",
    "assets/vendor/iframe-worker/*",  # only the copy opened from disk (file://) loads it
    "assets/javascripts/lunr/*",
    "*.map",
    "*/LICENSE*",
    "*/VERSION",
    "sw.js",
)
KEEP = ("downloads/index.html",)  # the downloads page itself is a page; its files are not precached


@dataclass(frozen=True)
class Entry:
    url: str  # relative to the site's root, as the service worker (at the root) resolves it
    revision: str  # sha256 of the content: a changed file gets a new cache key, an unchanged one is kept
    integrity: str  # sha384 (Subresource Integrity): the browser rejects a response with other bytes
    size: int


def precached(url: str) -> bool:
    if url in KEEP:
        return True
    return any(fnmatchcase(url, p) for p in INCLUDE) and not any(fnmatchcase(url, p) for p in EXCLUDE)


def precache_entries(site_dir: Path) -> list[Entry]:
    """Every precached file of the built site, sorted by URL (two builds give the same list)."""
    entries = []
    for path in sorted(site_dir.rglob("*")):
        url = path.relative_to(site_dir).as_posix()
        if path.is_file() and precached(url):
            data = path.read_bytes()
            entries.append(
                Entry(
                    url=url,
                    revision=hashlib.sha256(data).hexdigest()[:20],
                    integrity="sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode(),
                    size=len(data),
                )
            )
    return entries


def total_bytes(entries: list[Entry]) -> int:
    return sum(e.size for e in entries)
