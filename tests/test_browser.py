"""What a reader does, in Debian's Chromium: search, reveal, see diagrams; nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


# Material's search box posts every version of the query (one per letter typed) to its search worker,
# which answers them in order. This wrapper, installed before the page loads, records which query the
# latest answer belongs to, so a test waits for the answer to the whole term, however slow the machine.
WORKER_PROBE = """(() => {
  if (window.__ftpProbe) return;
  const Base = window.Worker;
  window.__ftpProbe = {asked: [], answered: null};
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", e => {
        if (e.data && e.data.type === 3) window.__ftpProbe.answered = window.__ftpProbe.asked.shift();
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.__ftpProbe.asked.push(message.data);
      return super.postMessage(message, ...rest);
    }
  };
})()"""


def search(tab, server, term: str, fresh: bool = True) -> list[str]:
    """Type into Material's search box like a reader and return the result links, best first.

    `fresh=False` reuses a tab that already shows the site with its index built: the box is cleared
    and the next term typed, as a reader does between two searches (saves loading the page each time)."""
    box = tab.locator("input.md-search__input")
    if fresh or not tab.url.startswith(server):
        tab.add_init_script(WORKER_PROBE)
        tab.goto(server, wait_until="networkidle")
    else:
        box.fill("")
    box.click()
    # Material builds the index in a web worker; type only once it says it is ready.
    tab.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
        timeout=15_000,
    )
    box.press_sequentially(term, delay=20)
    # Wait for the worker's answer to the whole term, then for the list to be drawn from it (Material
    # renders on the next frames; the list must also stay the same for a moment).
    tab.wait_for_function("t => window.__ftpProbe.answered === t", arg=box.input_value(), timeout=30_000)
    tab.wait_for_function(
        """() => {
            const now = [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href).join(' ')
              + document.querySelector('.md-search-result__meta').textContent;
            const w = window.__ftpSearchWait ||= {last: null, since: 0};
            if (now !== w.last) { w.last = now; w.since = performance.now(); return false; }
            return performance.now() - w.since > 300;
        }""",
        polling=50,
        timeout=10_000,
    )
    tab.evaluate("() => { delete window.__ftpSearchWait; }")
    links = tab.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [href.split(server)[-1] for href in links]


def test_searching_qlora_lands_on_the_qlora_question_first(local_page, server):
    hits = search(local_page, server, "QLoRA")
    assert hits[0].startswith("questions/quantization-and-qlora/")
    assert local_page.blocked == []


def test_opening_the_hint_reveals_it(local_page, server, bank):
    local_page.goto(server + "questions/lora/")
    hint = local_page.locator("details.ftp-hint")
    body = hint.locator("p").first
    assert not body.is_visible()
    hint.locator("summary").click()
    assert body.is_visible()
    assert " ".join(bank.questions[5].hint.split())[:60] in " ".join(body.inner_text().split())
    assert local_page.blocked == []


def test_diagrams_are_drawn_inline_and_visible(local_page, server, bank):
    with_diagram = next(q for q in bank.questions if q.diagrams)
    local_page.goto(server + f"questions/{with_diagram.id}/")
    local_page.locator("details.ftp-answer summary").click()
    drawings = local_page.locator(".ftp-diagram-drawing svg")
    assert drawings.count() == len(with_diagram.diagrams)
    assert all(drawings.nth(i).bounding_box()["height"] > 40 for i in range(drawings.count()))
    assert local_page.blocked == []


def test_every_page_type_loads_with_nothing_requested_elsewhere(local_page, server, bank):
    """Home, listings, topics, every question page, cheat sheet and glossary: all local, all rendered."""
    paths = [
        "",
        "levels/beginner/",
        "categories/scenario/",
        "topics/",
        "topics/peft/",
        "questions/",
        "cheat-sheet/",
        "glossary/",
        *[f"questions/{q.id}/" for q in bank.questions],
    ]
    for path in paths:
        response = local_page.goto(server + path, wait_until="networkidle")
        assert response.ok, path
        q = next((q for q in bank.questions if path == f"questions/{q.id}/"), None)
        if q:
            assert local_page.locator(".ftp-diagram-drawing svg").count() == len(q.diagrams), path
    assert local_page.blocked == []


def test_no_page_needs_the_diagram_script_when_every_diagram_is_drawn(page, bank):
    for path in ["", *[f"questions/{q.id}/" for q in bank.questions]]:
        assert not any("mermaid" in s.get("src", "") for s in page(path).find_all("script")), path
