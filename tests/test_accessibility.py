"""axe-core (npm, pinned) finds no accessibility violations on any page type, in light and dark mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

PAGE_TYPES = {
    "home": "",
    "level": "levels/beginner/",
    "category": "categories/scenario/",
    "topic": "topics/peft/",
    "topics": "topics/",
    "all questions": "questions/",
    "question with diagram and figure": "questions/lora/",
    "question without diagram": "questions/learning-rate/",
    "behavioral question": "questions/explaining-to-non-technical-stakeholders/",
    "cheat sheet": "cheat-sheet/",
    "book (the PDF books' page)": "book/beginner/",
    "glossary": "glossary/",
    "mock interview": "practice/",
    "interviewer mode": "interview/",
    "interviewer mode, candidate": "interview/candidate/",
    "downloads": "downloads/",
}


def axe_violations(tab) -> list[dict]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violations(local_page, server, name, scheme):
    local_page.goto(server + PAGE_TYPES[name], wait_until="networkidle")
    local_page.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    # Open every hint and answer, so their content is checked too.
    local_page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    local_page.wait_for_timeout(300)
    violations = axe_violations(local_page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize(
    "path", ["questions/lora/", "questions/full-fine-tuning-vs-feature-extraction/", "questions/dpo-variants/"]
)
def test_on_a_phone_every_box_that_scrolls_sideways_takes_the_keyboard(tab_at, server, path):
    """Wide tables and formulas scroll inside their box at 390 px: each gets a tab stop (axe clean), and the
    arrow keys scroll it."""
    tab = tab_at(390)
    tab.goto(server + path, wait_until="networkidle")
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    stops = tab.locator("[data-ftp-scroll-stop]")
    # This page has a box wider than a phone. reader.js marks every such box in one pass, 100 ms after the
    # last toggle (longer on a loaded machine).
    expect(stops.first).to_be_attached(timeout=10_000)
    violations = axe_violations(tab)
    assert violations == [], json.dumps(violations, indent=1)
    box = stops.first
    box.focus()
    tab.keyboard.press("ArrowRight")
    expect(box).not_to_have_js_property("scrollLeft", 0)


def test_hint_and_answer_open_by_keyboard_with_visible_focus(local_page, server):
    local_page.goto(server + "questions/lora/", wait_until="networkidle")
    summary = local_page.locator("details.ftp-hint > summary")
    summary.focus()
    outline = summary.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert not outline.startswith("none"), f"focus must be visible, got {outline}"
    local_page.keyboard.press("Enter")
    assert local_page.locator("details.ftp-hint").evaluate("d => d.open")
    answer = local_page.locator("details.ftp-answer > summary")
    answer.focus()
    local_page.keyboard.press("Space")
    assert local_page.locator("details.ftp-answer").evaluate("d => d.open")


def test_search_partial_override_differs_from_materials_only_by_the_accessible_name():
    from material import templates

    original = (Path(templates.__file__).parent / "partials" / "search.html").read_text().splitlines()[3:]
    ours = (Path(__file__).resolve().parents[1] / "overrides" / "partials" / "search.html").read_text().splitlines()[2:]
    changed = [(a, b) for a, b in zip(original, ours, strict=True) if a != b]
    assert changed == [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        )
    ]
