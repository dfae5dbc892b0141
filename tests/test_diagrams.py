"""Diagrams are drawn ahead of time (make diagrams); a diagram without a drawing still works, in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project
from macros.diagrams import RENDERED_DIR, diagram_key, svg_id


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
