"""`make offline`: what the service worker precaches and how big the copy to open from disk is.

Prints the precache's file count and size (issue 17: at most about 10 MB at 62 questions) by kind, and the
zip's size when the build made one. Exits 1 when the precache is over the budget.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.offline import COPY_FILENAME, precache_entries, total_bytes  # noqa: E402

BUDGET = 10_000_000


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    entries = precache_entries(site)
    by_kind = Counter()
    for entry in entries:
        kind = "pages" if entry.url.endswith(".html") else entry.url.rsplit(".", 1)[-1]
        by_kind[kind] += entry.size
    size = total_bytes(entries)
    questions = len(list((site / "questions").glob("*/index.html")))
    print(f"service worker precache: {len(entries)} files, {size / 1e6:.2f} MB ({questions} question pages)")
    for kind, kind_bytes in by_kind.most_common():
        print(f"  {kind:<12}{kind_bytes / 1e6:>8.2f} MB")
    copy = site / "downloads" / COPY_FILENAME
    if copy.exists():
        print(f"copy to open from disk: downloads/{COPY_FILENAME}, {copy.stat().st_size / 1e6:.2f} MB")
    print(f"budget {BUDGET / 1e6:.0f} MB:", "met" if size <= BUDGET else "MISSED")
    return 0 if size <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
