"""`make diagrams`: draw every Mermaid diagram of the bank to data/diagrams/<key>.svg.

Runs the self-hosted Mermaid (docs/assets/vendor/mermaid) in Debian's Chromium via Playwright,
so a page shows a finished SVG and needs no diagram script. Draws only diagrams whose file is
missing, and deletes drawings no diagram uses any more. A diagram Mermaid cannot parse fails
with its question id and title. Commit the result; tests/test_diagrams.py checks it is complete.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from macros.bank import load_bank
from macros.diagrams import MERMAID_JS, RENDER_SETTINGS, RENDERED_DIR, diagram_key, svg_id
from macros.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
DRAW = """async ({id, source, settings}) => {
  mermaid.initialize(settings);
  const {svg} = await mermaid.render(id, source);
  return svg;
}"""


def main() -> int:
    bank = load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))
    wanted = {diagram_key(d.mermaid): (q, d) for q in bank.questions for d in q.diagrams}
    RENDERED_DIR.mkdir(parents=True, exist_ok=True)
    for stale in RENDERED_DIR.glob("*.svg"):
        if stale.stem not in wanted:
            stale.unlink()
            print(f"removed {stale.name} (no diagram uses it)")
    missing = {k: v for k, v in wanted.items() if not (RENDERED_DIR / f"{k}.svg").exists()}
    if not missing:
        print(f"all {len(wanted)} diagrams are drawn")
        return 0
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        tab = browser.new_page()
        tab.set_content("<!doctype html><html><body></body></html>")
        tab.add_script_tag(path=str(MERMAID_JS))
        for key, (q, d) in missing.items():
            try:
                svg = tab.evaluate(DRAW, {"id": svg_id(d.mermaid), "source": d.mermaid, "settings": RENDER_SETTINGS})
            except Exception as err:  # Mermaid's parse errors arrive as Playwright errors
                print(f"question '{q.id}', diagram '{d.title}': Mermaid cannot draw it: {err}", file=sys.stderr)
                return 1
            (RENDERED_DIR / f"{key}.svg").write_text(svg + "\n", encoding="utf-8")
            print(f"drew {key}.svg  ({q.id}: {d.title})")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
