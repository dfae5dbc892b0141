"""A bank written by an attacker runs no script anywhere: pages, navigation, search results, the cheat
sheet, the mock interview and the exports (Chromium with a dialog listener, every non-local request blocked).

Every plain-text field of tests/fixtures/hostile/questions.yaml carries a payload; the test builds the real
project with that bank, opens every page, types into search, runs the mock interview, and fails on any
dialog, any element with an `on*` attribute or any `javascript:` URL (our own templates have none).
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import shutil
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import _QuietHandler, build_site, copy_project

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).parent / "fixtures" / "hostile" / "questions.yaml"

# Every element carrying an event handler or a script URL, described for the failure message.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]+/g, '').toLowerCase();
      if (name.startsWith('on') || value.startsWith('javascript:') || value.startsWith('data:text/html')) {
        found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 60)}">`);
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-project"))
    shutil.copyfile(HOSTILE, project / "data" / "questions.yaml")
    return build_site(project, tmp_path_factory.mktemp("hostile-site"))


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(hostile_site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture
def guarded(browser, hostile_server):
    """A tab that records every dialog (and dismisses it) and may only talk to the local server."""
    context = browser.new_context()
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(hostile_server) else route.abort()
    )
    tab = context.new_page()
    tab.dialogs = []

    def on_dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    context.close()


def pages_of(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)).replace(".", "") for p in site.rglob("index.html"))


def assert_clean(tab, where: str) -> None:
    tab.wait_for_timeout(150)  # let onerror/onload handlers of broken images fire
    assert tab.dialogs == [], f"{where}: script ran: {tab.dialogs}"
    assert tab.evaluate(INJECTED) == [], f"{where}: injected attributes"


def test_no_page_runs_script_or_carries_injected_handlers(guarded, hostile_site, hostile_server):
    names = pages_of(hostile_site)
    assert len(names) > 10
    for name in names:
        guarded.goto(hostile_server + (name + "/" if name else ""), wait_until="load")
        # Open every hint and answer, so nothing hides in a closed <details>.
        guarded.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert_clean(guarded, name or "home")


def test_search_results_run_no_script(guarded, hostile_server):
    guarded.goto(hostile_server, wait_until="networkidle")
    box = guarded.locator("input.md-search__input")
    for term in ("Alpha", "img", "onerror", "Lvl", "Def"):
        box.click()
        box.fill("")
        box.press_sequentially(term, delay=20)
        guarded.wait_for_timeout(600)
        assert_clean(guarded, f"search {term!r}")


def test_the_mock_interview_runs_no_script(guarded, hostile_server):
    guarded.goto(hostile_server + "practice/", wait_until="load")
    guarded.locator("[data-ftp-practice-setup] button[type=submit]").click()
    for _ in range(2):
        guarded.locator('[data-ftp-do="hint"]').click()
        guarded.locator('[data-ftp-do="answer"]').click()
        assert_clean(guarded, "practice")
        guarded.locator('[data-ftp-do="got"]').click()
    assert_clean(guarded, "practice summary")


def test_plain_text_shows_as_text_never_as_markup_math_or_list(hostile_site):
    page = BeautifulSoup((hostile_site / "questions" / "alpha" / "index.html").read_text(), "html.parser")
    assert page.find("h1").get_text().startswith('What is Alpha? { onclick="alert(1)" tabindex=0 }')
    hint = page.select_one("details.ftp-hint")
    assert "- $\\alpha$ <img src=x" in hint.get_text()
    assert not hint.find(["math", "ul", "ol", "img", "a"]), "the hint became markup"
    points = page.select(".ftp-key-points li")
    assert points[0].get_text() == '1. list <img src=x onerror=alert("key-point")>'
    assert not any(p.find(["math", "ol", "img", "a", "code"]) for p in points)
    hrefs = [a["href"] for a in page.select("#references ~ ol a")]
    assert hrefs and all(h.startswith("https://example.com/") and "{" not in h and "[" not in h for h in hrefs)


def test_exports_carry_no_spreadsheet_formulas(hostile_site):
    rows = list(csv.reader(io.StringIO((hostile_site / "downloads" / "questions.csv").read_text(encoding="utf-8"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"formula in CSV cell {cell!r}"
    data = json.loads((hostile_site / "downloads" / "questions.json").read_text(encoding="utf-8"))
    assert data["questions"][1]["question"].startswith("=HYPERLINK"), "JSON keeps the text as written"


def test_a_question_id_that_is_an_object_property_counts_like_any_other(guarded, hostile_server):
    """`constructor` is a valid slug; study mode keeps marks in a null-prototype map, so it is just a key."""
    guarded.goto(hostile_server, wait_until="load")
    count = (
        "() => Object.fromEntries([...document.querySelectorAll('[data-ftp-count]')]"
        ".map(c => [c.dataset.ftpCount, c.textContent]))"
    )
    counts = guarded.evaluate(count)
    assert counts["level:beginner:new"] == "3" and counts["level:beginner:got"] == "0", counts
    guarded.goto(hostile_server + "questions/constructor/", wait_until="load")
    guarded.locator("details.ftp-answer > summary").click()
    guarded.locator('[data-ftp-grade="good"]').click()
    guarded.goto(hostile_server, wait_until="load")
    counts = guarded.evaluate(count)
    assert (counts["level:beginner:got"], counts["level:beginner:new"]) == ("1", "2"), counts
    assert guarded.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith("1 / 3")
