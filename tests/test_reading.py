"""Reading on a desktop (1280 px) and a phone (390 px), measured as displayed in Debian's Chromium:
text sizes, diagram and chart labels, formulas, the phone contents box, glossary terms, listings."""

from __future__ import annotations

import functools
import http.server
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_accessibility import AXE

from conftest import build_site, copy_project

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = [1280, 390]
MIN_LABEL_PX = 11

# Size of a label as displayed: its font size times the scale of the SVG it is drawn in.
LABEL_SIZES = """sel => [...document.querySelectorAll(sel)]
  .filter(t => t.textContent.trim() && t.getBoundingClientRect().height > 0)
  .map(t => { const m = t.closest('svg').getScreenCTM();
               return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); })"""

# Elements whose right edge is past the viewport, other than inside a box that scrolls or clips.
TOO_WIDE = """() => {
  const vw = document.documentElement.clientWidth;
  const inScroller = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('body *')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 1 && !inScroller(e); })
    .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : ''));
}"""


def open_all(tab):
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("width", WIDTHS)
def test_hint_and_answer_read_at_body_size_and_code_at_the_body_code_size(tab_at, server, width):
    tab = tab_at(width)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    open_all(tab)
    size = "sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
    body = tab.evaluate(size, ".md-content > .md-typeset > p")
    assert body == 16
    assert tab.evaluate(size, "details.ftp-hint p") == body
    assert tab.evaluate(size, "details.ftp-answer p") == body
    assert tab.evaluate(size, "details.ftp-answer li") == body
    assert tab.evaluate(size, "details.ftp-answer pre code") == pytest.approx(0.85 * body)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path",
    ["", "questions/", "levels/intermediate/", "glossary/", "cheat-sheet/", "questions/lora/", "questions/sft-vs-dpo/"],
)
def test_no_element_is_wider_than_the_viewport(tab_at, server, width, path):
    tab = tab_at(width)
    tab.goto(server + path, wait_until="networkidle")
    open_all(tab)
    assert tab.evaluate(TOO_WIDE) == []


# Drawings that scroll sideways in the page: whether it fits, how far it can scroll, and whether Tab reaches it.
SCROLLERS = """() => [...document.querySelectorAll('.ftp-diagram-drawing')]
  .filter(d => d.scrollWidth > d.clientWidth + 1)
  .map(d => ({label: d.getAttribute('aria-label'), tabindex: d.tabIndex, flagged: d.hasAttribute('data-scrolls')}))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_diagram_reads_in_the_page_with_labels_of_at_least_11_px(tab_at, server, bank, width):
    """No viewer: the drawing as the page shows it. One too wide to fit the column at 11 px scrolls
    sideways inside its own box, reachable with Tab, and nothing sticks out of the viewport; light and dark."""
    tab = tab_at(width)
    scrolled = []
    for q in (q for q in bank.questions if q.diagrams):
        tab.goto(server + f"questions/{q.id}/", wait_until="networkidle")
        open_all(tab)
        sizes = tab.evaluate(LABEL_SIZES, ".ftp-diagram-drawing svg text, .ftp-diagram-drawing svg foreignObject span")
        assert sizes and min(sizes) >= MIN_LABEL_PX, (q.id, round(min(sizes or [0]), 1))
        assert tab.evaluate(TOO_WIDE) == [], q.id
        for s in tab.evaluate(SCROLLERS):
            assert s["tabindex"] == 0 and s["flagged"], (q.id, s)
            scrolled.append(q.id)
        # Dark mode puts the drawing on a white panel: it must not take width from the drawing.
        tab.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        dark = tab.evaluate(LABEL_SIZES, ".ftp-diagram-drawing svg text, .ftp-diagram-drawing svg foreignObject span")
        assert min(dark) >= MIN_LABEL_PX, (q.id, "dark", round(min(dark), 1))
        assert all(s["flagged"] for s in tab.evaluate(SCROLLERS)), (q.id, "dark")
    if width >= 1280:
        assert scrolled == [], "a desktop column fits every drawing at 11 px"


@pytest.fixture(scope="module")
def wide_diagram_site(tmp_path_factory):
    """A copy of the project whose first diagram gains a row of four long boxes (about 900 px wide,
    too wide for any phone at 11 px), drawn by the real `make diagrams` script, built and served."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(ROOT / "scripts", project / "scripts")
    bank = project / "data" / "questions.yaml"
    lines = bank.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.strip() == "mermaid: |") + 1
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    row = " & ".join(f'WIDE{n}["Branch {n}: a label long enough"]' for n in range(1, 5))
    lines.insert(first + 1, f'{indent}  WIDE["One source"] --> {row}\n')
    bank.write_text("".join(lines))
    subprocess.run([sys.executable, "scripts/render_diagrams.py"], cwd=project, check=True, capture_output=True)
    site = build_site(project, tmp_path_factory.mktemp("site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_diagram_too_wide_for_a_phone_scrolls_sideways_in_its_box_at_11_px(browser, wide_diagram_site, bank, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(wide_diagram_site) else r.abort())
    tab = context.new_page()
    qid = next(q.id for q in bank.questions if q.diagrams)
    tab.goto(wide_diagram_site + f"questions/{qid}/", wait_until="networkidle")
    tab.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    open_all(tab)
    drawing = tab.locator(".ftp-diagram-drawing").first
    assert drawing.get_attribute("data-scrolls") is not None and drawing.get_attribute("tabindex") == "0"
    assert tab.evaluate(SCROLLERS) == [{"label": drawing.get_attribute("aria-label"), "tabindex": 0, "flagged": True}]
    sizes = tab.evaluate(LABEL_SIZES, ".ftp-diagram-drawing svg text")
    assert min(sizes) >= MIN_LABEL_PX
    assert tab.evaluate(TOO_WIDE) == []
    assert "radial-gradient" in drawing.evaluate("d => getComputedStyle(d).backgroundImage"), "edge shadows"
    drawing.focus()
    assert drawing.evaluate("d => getComputedStyle(d).outlineStyle") != "none", "visible focus"
    tab.keyboard.press("ArrowRight")
    expect(drawing).not_to_have_js_property("scrollLeft", 0)
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate("async () => (await axe.run('figure.ftp-diagram', {resultTypes: ['violations']})).violations")
    assert [v["id"] for v in found] == [], "scrollable-region-focusable and the rest, on the figure"
    tab.emulate_media(media="print")
    assert tab.evaluate(SCROLLERS) == [], "on paper it fits the column"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_diagram_opens_full_screen_with_labels_of_at_least_11_px(tab_at, server, bank, width):
    tab = tab_at(width)
    for q in (q for q in bank.questions if q.diagrams):
        qid = q.id
        tab.goto(server + f"questions/{qid}/", wait_until="networkidle")
        tab.locator("details.ftp-answer > summary").click()
        opener = tab.locator(".ftp-viewer-open").first
        opener.focus()
        tab.keyboard.press("Enter")  # keyboard: the button; a tap on the drawing does the same
        dialog = tab.locator("dialog.ftp-viewer")
        assert dialog.is_visible(), qid
        sizes = tab.evaluate(LABEL_SIZES, "dialog.ftp-viewer svg text, dialog.ftp-viewer svg foreignObject span")
        assert sizes and min(sizes) >= MIN_LABEL_PX, (qid, min(sizes or [0]))
        assert "100 %" in dialog.locator("output").text_content()
        tab.keyboard.press("+")
        assert "150 %" in dialog.locator("output").text_content()
        tab.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert tab.evaluate("() => document.activeElement.classList.contains('ftp-viewer-open')"), "focus returns"
        # The dialog's close event (which moves the drawing back) is a task of its own: wait for it.
        expect(tab.locator(".ftp-diagram-drawing svg")).to_have_count(len(q.diagrams))


def test_a_tap_on_a_drawing_opens_the_viewer_on_a_phone(tab_at, server):
    tab = tab_at(390, has_touch=True, is_mobile=True)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    tab.locator("details.ftp-answer > summary").tap()
    tab.locator(".ftp-diagram-drawing").first.tap()
    assert tab.locator("dialog.ftp-viewer").is_visible()
    tab.locator("dialog.ftp-viewer [data-close]").tap()
    assert not tab.locator("dialog.ftp-viewer").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_labels_are_at_least_11_px_as_displayed(tab_at, server, bank, width):
    tab = tab_at(width)
    for q in bank.questions:
        if not q.figures:
            continue
        tab.goto(server + f"questions/{q.id}/", wait_until="networkidle")
        open_all(tab)
        sizes = tab.evaluate(LABEL_SIZES, ".ftp-chart text")
        if sizes:
            assert min(sizes) >= MIN_LABEL_PX, (q.id, min(sizes))


def test_chart_ticks_are_plain_numbers(page, bank):
    for q in bank.questions:
        for text in page(f"questions/{q.id}/").select(".ftp-chart text"):
            assert not re.search(r"\de-\d", text.get_text()), (q.id, text.get_text())


def test_formulas_use_the_self_hosted_math_font(tab_at, server):
    font = ROOT / "docs" / "assets" / "fonts" / "stix-math.woff2"
    assert font.read_bytes()[:4] == b"wOF2"
    assert (font.parent / "LICENSE.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1
    tab = tab_at(390)
    fonts = []
    tab.on("response", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    open_all(tab)
    tab.wait_for_function("() => document.fonts.check('16px \"STIX Math\"')")
    tab.evaluate("() => document.fonts.ready")
    assert tab.evaluate("() => getComputedStyle(document.querySelector('math')).fontFamily").startswith('"STIX Math"')
    assert any(u.startswith(server) and u.endswith("assets/fonts/stix-math.woff2") for u in fonts)
    # A display formula wider than the column scrolls inside its own box.
    assert tab.evaluate("() => getComputedStyle(document.querySelector('div.arithmatex')).overflowX") == "auto"


def test_pages_without_formulas_do_not_fetch_the_math_font(tab_at, server):
    tab = tab_at(1280)
    fonts = []
    tab.on("request", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
    tab.goto(server + "glossary/", wait_until="networkidle")
    assert fonts == []


def test_phones_get_a_contents_box_that_opens_the_answer_at_the_section(tab_at, server):
    desktop = tab_at(1280)
    desktop.goto(server + "questions/lora/", wait_until="networkidle")
    assert not desktop.locator("nav.ftp-toc").is_visible(), "the desktop has Material's sidebar"
    tab = tab_at(390)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    toc = tab.locator("nav.ftp-toc")
    assert toc.is_visible()
    links = toc.locator("a").all_text_contents()
    assert links[:3] == ["Hint", "Short answer", "How it works"] and "Follow-ups" in links
    toc.get_by_role("link", name="How it works").click()
    tab.wait_for_function("() => document.querySelector('#answer').open")
    top = tab.evaluate("() => document.querySelector('#how-it-works').getBoundingClientRect().top")
    assert 0 <= top < 200


@pytest.mark.parametrize("width", WIDTHS)
def test_glossary_terms_show_their_definition_on_focus_and_close_on_escape(tab_at, server, bank, width):
    lora = next(g for g in bank.glossary if g.term == "LoRA")
    tab = tab_at(width)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    term = tab.locator("h1 abbr")
    term.focus()
    tip = tab.locator(".ftp-term-tip")
    assert tip.is_visible()
    assert lora.definition[:40] in tip.text_content()
    assert tab.evaluate("() => document.activeElement.tagName") == "ABBR"
    described = tab.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert described == f"{lora.expansion}: {lora.definition}"
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    tab.keyboard.press("Escape")
    assert not tip.is_visible()


def test_glossary_terms_open_with_a_tap(tab_at, server):
    tab = tab_at(390, has_touch=True, is_mobile=True)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    tab.locator("h1 abbr").tap()
    assert tab.locator(".ftp-term-tip").is_visible()
    tab.locator("h1 abbr").tap()
    assert not tab.locator(".ftp-term-tip").is_visible(), "a second tap closes it"


def test_glossary_page_separates_term_expansion_definition_with_a_jump_list(page, bank):
    html = page("glossary/")
    jump = html.select_one("nav.ftp-az")
    targets = [a["href"] for a in jump.select("a")]
    assert targets, "A-Z jump list"
    for href in targets:
        assert html.find(id=href[1:]).name == "h2"
    for g in bank.glossary:
        entry = html.find(id=re.sub(r"[^a-z0-9]+", "-", g.term.lower()).strip("-"))
        assert entry.parent.name == "dl"
        assert entry.select_one("dt dfn").get_text() == g.term
        if g.expansion:
            assert entry.select_one("dt .ftp-glossary__expansion").get_text() == g.expansion
        assert " ".join(g.definition.split())[:40] in " ".join(entry.select_one("dd").get_text().split())


def test_listing_headings_link_to_their_question_and_nothing_links_to_the_page_itself(page, bank, site):
    for path in ("levels/intermediate/", "categories/concepts/", "topics/peft/"):
        html = page(path)
        rows = html.select(".ftp-row")
        assert rows
        for row in rows:
            qid = row["data-question-id"]
            assert row.select_one("h2 > a")["href"] == f"../../questions/{qid}/"
            for a in row.select(".ftp-meta a"):
                target = posixpath.normpath(posixpath.join(path, a["href"])) + "/"
                assert target != path, (path, a.get_text(), "links to the page it is on")
    assert "Level: Intermediate" in page("levels/intermediate/").select_one(".ftp-row .ftp-meta").get_text()


def test_every_question_with_its_mark_shows_one_arrow(tab_at, server):
    tab = tab_at(390)
    tab.goto(server, wait_until="networkidle")
    summary = tab.locator(".ftp-progress-details > summary")
    assert summary.is_visible()
    assert summary.evaluate("s => getComputedStyle(s).display") != "list-item"
    assert summary.evaluate("s => getComputedStyle(s, '::after').content") != "none", "Material's own arrow"


# Every layout shift during a load, with what moved (the score Lighthouse sums as CLS).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) {
  if (!e.hadRecentInput) window.__shifts.push({ value: e.value, moved: e.sources.map(s => s.node
    ? s.node.nodeName + (s.node.id ? '#' + s.node.id : '') + '.' + String(s.node.className || '') : '?') });
}}).observe({ type: 'layout-shift', buffered: true });
"""


@pytest.mark.parametrize(
    "path",
    [
        "questions/lora/",
        "questions/fine-tuning-memory-budget/",  # the memory calculator
        "",
        "levels/beginner/",
        "categories/scenario/",
        "topics/peft/",
        "practice/",
        "interview/",
        "interview/candidate/",
        "cheat-sheet/",
        "glossary/",
    ],
)
def test_scripts_arriving_late_do_not_move_what_a_phone_reader_sees_first(tab_at, server, path):
    # "Copy link" is shown by a deferred script above the fold: it moved the page 58 px down and made
    # Lighthouse's layout shift 0.03-0.14 (site.css lays it out from the first paint instead).
    tab = tab_at(390)
    tab.add_init_script(RECORD_SHIFTS)
    assert tab.goto(server + path, wait_until="networkidle").ok
    tab.wait_for_timeout(500)  # the study widgets render after the modules load
    shifts = tab.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.01, shifts
