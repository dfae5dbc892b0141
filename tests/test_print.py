"""Printing, as a reader does it: Chromium prints to PDF (JavaScript on and off); we read the text back."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def print_pdf(browser, url: str, *, javascript: bool, paper: str = "A4") -> list[str]:
    """Print `url` like the browser's print dialog would; return the text of each page."""
    context = browser.new_context(java_script_enabled=javascript)
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        tab.emulate_media(media="print")
        if javascript:
            tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        pdf = tab.pdf(format=paper, print_background=False)
    finally:
        context.close()
    return [fold(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def page_of(pages: list[str], snippet: str) -> int:
    snippet = fold(snippet)
    hits = [i for i, text in enumerate(pages) if snippet in text]
    assert hits, f"not printed: {snippet!r}"
    return hits[0]


SHEETS = [None, "beginner", "intermediate", "advanced"]  # the full sheet, then one per level


def assert_whole_cards(pages: list[str], questions, numbers, hints: bool = True) -> None:
    """Each question starts, shows its URL, hint and last key point on one page: never split."""
    for q in questions:
        start = page_of(pages, f"{numbers[q.id]}. {q.question}"[:60])
        assert page_of(pages, f"questions/{q.id}/") == start, f"{q.id}: its URL is printed with it"
        if hints:
            assert page_of(pages, q.hint[:50]) == start
        assert page_of(pages, q.key_points[-1][:40]) == start, f"{q.id} is split across two pages"


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize("level", SHEETS, ids=lambda lv: lv or "all")
def test_cheat_sheets_print_whole_questions_on_few_a4_pages(browser, server, bank, javascript, level):
    """The full sheet (hints and key points): at most one A4 page per four questions; a level's sheet
    (key points): at most four pages."""
    questions = [q for q in bank.questions if level in (None, q.level)]
    numbers = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    pages = print_pdf(browser, server + (f"cheat-sheet/{level}/" if level else "cheat-sheet/"), javascript=javascript)
    limit = 4 if level else -(-len(bank.questions) // 4)
    assert len(pages) <= limit, f"{len(pages)} pages for {len(questions)} questions (limit {limit})"
    assert "Fine-Tuning Interview Prep · cheat sheet" in pages[0]
    everything = " ".join(pages)
    for chrome in ("Table of contents", "Search", "Print the cheat sheet", "Made with", "Also:"):
        assert chrome not in everything, f"screen-only element printed: {chrome}"
    assert_whole_cards(pages, questions, numbers, hints=level is None)  # a level's sheet: key points only


def test_cheat_sheet_also_prints_complete_on_us_letter(browser, server, bank):
    everything = " ".join(print_pdf(browser, server + "cheat-sheet/", javascript=False, paper="Letter"))
    assert all(fold(q.key_points[-1][:40]) in everything for q in bank.questions)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_question_page_prints_hint_answer_and_diagram(browser, server, bank, javascript):
    lora = next(q for q in bank.questions if q.id == "lora")
    everything = " ".join(print_pdf(browser, server + "questions/lora/", javascript=javascript))
    assert fold(lora.hint[:60]) in everything, "the hint is expanded on paper"
    assert "Short answer" in everything and "What weak answers get wrong" in everything
    assert "4,194,304" in everything, "the computed figure is printed"
    assert fold(lora.diagrams[0].title) in everything, "the diagram's caption (its text alternative) is printed"
    assert "flowchart" not in everything, "never the raw Mermaid source"
    first_label = re.search(r'"([^"<]+)', lora.diagrams[0].mermaid)[1][:12]
    assert fold(first_label) in everything, "the drawn diagram itself is printed"


def test_print_button_opens_the_print_dialog(browser, server):
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(server + "cheat-sheet/", wait_until="networkidle")
        tab.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        tab.get_by_role("button", name="Print the cheat sheet").click()
        assert tab.evaluate("() => window.printed") == 1
    finally:
        context.close()


def test_print_button_stays_hidden_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(server + "cheat-sheet/")
        assert not tab.locator("button[data-ftp-print]").is_visible()
    finally:
        context.close()


def page_fill(pdf_page, margins_pt: float = 74) -> float:
    """How much of the printable height of a PDF page carries text (top line to bottom line)."""
    ys: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            ys.append(cm[5] + tm[5] * cm[3] if cm[3] else tm[5])

    pdf_page.extract_text(visitor_text=visit)
    return (max(ys) - min(ys)) / (float(pdf_page.mediabox.height) - margins_pt)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_question_page_fills_its_first_printed_page_and_prints_its_permalink(browser, server, bank, javascript):
    lora = next(q for q in bank.questions if q.id == "lora")
    context = browser.new_context(java_script_enabled=javascript)
    try:
        tab = context.new_page()
        tab.goto(server + "questions/lora/", wait_until="networkidle")
        tab.emulate_media(media="print")
        if javascript:
            tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    finally:
        context.close()
    first = fold(reader.pages[0].extract_text())
    assert page_fill(reader.pages[0]) >= 0.8, "the answer starts on page 1 instead of leaving it mostly empty"
    assert "questions/lora/" in first.split(fold(lora.hint[:30]))[0], "the permalink is printed under the title"
    assert "Short answer" in first and fold(lora.key_points[0][:40]) in first
    everything = " ".join(fold(p.extract_text()) for p in reader.pages)
    for screen_only in ("answer out loud first", "On this page", "Enlarge diagram", "Copy link"):
        assert screen_only not in everything
