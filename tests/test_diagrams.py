"""Diagrams are drawn ahead of time (make diagrams); a diagram without a drawing still works, in the browser."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project
from macros.diagrams import PHONE_COLUMN_PX, RENDERED_DIR, diagram_key, min_display_width, svg_id


def test_every_diagram_of_the_bank_is_drawn_and_no_drawing_is_stale(bank):
    wanted = {f"{diagram_key(d.mermaid)}.svg" for q in bank.questions for d in q.diagrams}
    present = {p.name for p in RENDERED_DIR.glob("*.svg")}
    assert wanted - present == set(), "run `make diagrams` and commit data/diagrams/"
    assert present - wanted == set(), "stale drawings: run `make diagrams` to remove them"


def test_each_drawing_is_the_drawing_of_its_source(bank):
    for q in bank.questions:
        for d in q.diagrams:
            svg = (RENDERED_DIR / f"{diagram_key(d.mermaid)}.svg").read_text()
            assert svg.startswith(f'<svg id="{svg_id(d.mermaid)}"'), q.id


def test_drawings_are_inline_untouched_by_markdown_and_described(bank, page):
    for q in (q for q in bank.questions if q.diagrams):
        figures = page(f"questions/{q.id}/").select("figure.ftp-diagram")
        assert len(figures) == len(q.diagrams)
        for figure, d in zip(figures, q.diagrams, strict=True):
            drawing = figure.select_one(".ftp-diagram-drawing[role=img]")
            assert drawing["aria-label"] == " ".join(d.title.split())
            assert drawing.find("svg")["id"] == svg_id(d.mermaid)
            assert not drawing.find("abbr"), "tooltips must not be injected into the SVG"
            assert " ".join(d.alt.split())[:40] in " ".join(figure.figcaption.get_text().split())


# Diagrams allowed to scroll sideways on a 390 px phone (too wide to redraw at most ~480 px without
# losing meaning). Prefer redrawing: short lines with <br>, parallel branches stacked.
SCROLL_ON_A_PHONE: set[str] = set()


def test_the_minimum_width_keeps_16_px_labels_at_11_px():
    assert min_display_width('<svg id="a" viewBox="0 0 800 600" style="max-width: 800px;">') == 551
    assert min_display_width('<svg id="a" viewBox="-8 -8 480.5 90">') == math.ceil(480.5 * 11 / 16) + 1 == 332
    assert min_display_width("<svg id='a'>") == 0


def test_each_drawing_gets_its_minimum_width_and_only_the_listed_ones_scroll_on_a_phone(bank, page):
    scrolling = set()
    for q in (q for q in bank.questions if q.diagrams):
        for drawing in page(f"questions/{q.id}/").select(".ftp-diagram-drawing"):
            width = float(drawing.find("svg")["viewbox"].split()[2])
            expected = math.ceil(width * 11 / 16) + 1
            assert re.fullmatch(rf"--ftp-min-width: {expected}px", drawing["style"]), (q.id, drawing["style"])
            flagged = drawing.has_attr("data-scrolls")
            assert flagged == (expected > PHONE_COLUMN_PX) == (drawing.get("tabindex") == "0"), q.id
            if flagged:
                scrolling.add(q.id)
    assert scrolling <= SCROLL_ON_A_PHONE, (
        f"{sorted(scrolling - SCROLL_ON_A_PHONE)}: labels would be under 11 px on a phone, so the drawing scrolls "
        "there; redraw it at most 480 px wide (short lines, stacked branches) or list it in SCROLL_ON_A_PHONE"
    )
    assert scrolling >= SCROLL_ON_A_PHONE, "listed diagrams that fit a phone now: remove them from the list"


@pytest.fixture(scope="module")
def undrawn_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    bank = project / "data" / "questions.yaml"
    lines = bank.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip() == "mermaid: |") + 1  # the diagram's first line
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    lines.insert(first + 1, f'{indent}  NEW["A node nobody has drawn yet"] --> NEW2["Second"]\n')
    bank.write_text("".join(lines))
    return build_site(project, tmp_path_factory.mktemp("site"))


def test_an_undrawn_diagram_falls_back_to_mermaid_in_the_browser(undrawn_site):
    pages = [p for p in Path(undrawn_site, "questions").glob("*/index.html") if "A node nobody" in p.read_text()]
    assert len(pages) == 1
    html = BeautifulSoup(pages[0].read_text(), "html.parser")
    assert html.select_one("figure.ftp-diagram pre.mermaid")
    assert any("assets/vendor/mermaid/mermaid.min.js" in s.get("src", "") for s in html.find_all("script"))
