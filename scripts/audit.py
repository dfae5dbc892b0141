"""`make audit`: Lighthouse (mobile) scores for key pages, served locally with gzip.

Prints one row per page (the median of 3 runs): performance, accessibility, best practices, SEO. Uses npm's
lighthouse (pinned in package.json) and Debian's Chromium. Targets (issue 5): performance
>= 95, the other three 100. axe-core itself runs in `make test` (tests/test_accessibility.py).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"home": "", "question with diagram": "questions/lora/", "cheat sheet": "cheat-sheet/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PORT = 8765
RUNS = 3  # Lighthouse varies run to run; its docs advise the median of several runs


def lighthouse(url: str, out: Path) -> dict:
    chrome = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
    subprocess.run(
        [
            str(ROOT / "node_modules/.bin/lighthouse"),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(CATEGORIES),
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": chrome},
        timeout=300,
    )
    report = json.loads(out.read_text())
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts/serve_compressed.py"), str(site), str(PORT)])
    time.sleep(1)
    failed = False
    try:
        print(f"{'page':<24}" + "".join(f"{c:>16}" for c in CATEGORIES))
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in PAGES.items():
                runs = [lighthouse(f"http://127.0.0.1:{PORT}/{path}", Path(tmp) / "report.json") for _ in range(RUNS)]
                scores = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                print(f"{name:<24}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                failed |= scores["performance"] < 95 or any(scores[c] < 100 for c in CATEGORIES[1:])
    finally:
        server.terminate()
    print("targets: performance >= 95, the others 100:", "MISSED" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
