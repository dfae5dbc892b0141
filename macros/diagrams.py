"""Mermaid diagrams, drawn ahead of time to SVG so pages need no diagram script at all.

`scripts/render_diagrams.py` (`make diagrams`) draws each diagram of the bank once with the
self-hosted Mermaid in Chromium and stores it as data/diagrams/<key>.svg, where the key hashes
the source and the renderer settings. The build only reads those files: a page whose diagram
has a drawing gets inline SVG (fast, printable, works without JavaScript); a diagram edited
without re-drawing falls back to Mermaid in the browser, and a test fails until it is drawn.
Plain Python; no MkDocs.
"""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from macros.bank.errors import BankError, Problem
from macros.svg_check import svg_problems

ROOT = Path(__file__).resolve().parents[1]
RENDERED_DIR = ROOT / "data" / "diagrams"
MERMAID_JS = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
# Everything that changes the drawing is part of the key: bump it when the settings change.
RENDER_SETTINGS = {
    "startOnLoad": False,
    "theme": "neutral",
    "securityLevel": "strict",
    "fontFamily": "Arial, Helvetica, sans-serif",
    # Tighter than Mermaid's defaults (50 px between nodes, 15 px inside them): a drawing must fit a
    # phone's 332 px column at >= 11 px labels, so it may be at most about 480 px wide.
    "flowchart": {"htmlLabels": False, "nodeSpacing": 30, "padding": 8},
}
# Mermaid draws labels at 16 px; a reader needs at least 11 px as displayed (tests/test_reading.py).
LABEL_PX, MIN_LABEL_PX = 16, 11
# The content column of a 390 px phone; a drawing needing more than this scrolls there (site.css).
PHONE_COLUMN_PX = 332
_VIEWBOX = re.compile(r'<svg\b[^>]*?\bviewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)[ ,]+[\d.]+"')
RENDER_VERSION = f"mermaid {(MERMAID_JS.parent / 'VERSION').read_text().split()[1]} {sorted(RENDER_SETTINGS.items())}"


def diagram_key(source: str) -> str:
    return hashlib.sha256(f"{RENDER_VERSION}\n{source.strip()}".encode()).hexdigest()[:16]


def svg_id(source: str) -> str:
    """The id Mermaid gives the drawing's <svg>; unique per diagram, so styles never collide."""
    return f"ftp-diagram-{diagram_key(source)}"


def min_display_width(svg: str) -> int:
    """The narrowest the drawing may be shown with its labels still at MIN_LABEL_PX (0: no viewBox).

    A drawing is scaled to the column; one drawn wider than the column * 16 / 11 would shrink its
    labels below 11 px, so the page gives it this minimum width and lets it scroll sideways instead.
    """
    match = _VIEWBOX.search(svg)
    # One pixel more: layout rounds widths to 1/64 px, which would leave labels at 10.9999 px.
    return math.ceil(float(match[1]) * MIN_LABEL_PX / LABEL_PX) + 1 if match else 0


_ID = re.compile(r'(?<=\s)id="([^"]+)"')


def scoped_ids(svg: str, key: str) -> str:
    """Mermaid names edges and nodes after the diagram's own labels (`L_A_B_0`), so two drawings on one
    page (the books hold them all) would share ids. Prefix each id with the drawing's own, unless the
    drawing refers to it (`#id`): those (the arrow markers) already carry the prefix."""
    own = f"ftp-diagram-{key}"

    def scope(match: re.Match) -> str:
        value = match.group(1)
        if value.startswith(own) or f"#{value}" in svg:
            return match.group(0)
        return f'id="{own}-{value}"'

    return _ID.sub(scope, svg)


def rendered_svgs(bank, directory: Path = RENDERED_DIR) -> dict[str, str]:
    """Diagram key -> its drawn SVG, for every diagram of the bank that has been drawn.

    Each drawing is checked against the allow-list of `macros/svg_check.py` first: one that
    carries anything else (a script, an event handler, a remote URL) fails the build.
    """
    found, problems = {}, []
    for q in bank.questions:
        for d in q.diagrams:
            key = diagram_key(d.mermaid)
            path = directory / f"{key}.svg"
            if not path.exists():
                continue
            try:
                svg = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                problems.append(
                    Problem(f"cannot read the drawing {path.name}: {err}", question_id=q.id, field="diagrams")
                )
                continue
            for issue in svg_problems(svg)[:5]:
                problems.append(
                    Problem(
                        f"drawing {path.name}: {issue}; redraw it with `make diagrams`",
                        question_id=q.id,
                        field="diagrams",
                    )
                )
            found[key] = scoped_ids(svg, key)
    if problems:
        raise BankError(str(directory), problems)
    return found
