"""What a reader does, in Debian's Chromium: search, reveal, see diagrams; nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def search(tab, server, term: str) -> list[str]:
    """Type into Material's search box like a reader and return the result links, best first."""
    tab.goto(server, wait_until="networkidle")
    box = tab.locator("input.md-search__input")
    box.click()
    # Material builds the index in a web worker; type only once it says it is ready.
    tab.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
        timeout=15_000,
    )
    box.press_sequentially(term, delay=20)
    results = tab.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=10_000)
    return [href.split(server)[-1] for href in results.evaluate_all("els => els.map(e => e.href)")]


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


def test_diagrams_render_from_the_self_hosted_mermaid(local_page, server, bank):
    with_diagram = next(q for q in bank.questions if q.diagrams)
    local_page.goto(server + f"questions/{with_diagram.id}/")
    local_page.locator("details.ftp-answer summary").click()
    # Material swaps each <pre class="mermaid"> source for a <div class="mermaid"> holding the drawn
    # diagram (in a closed shadow root), so: no source left, and every diagram has a real height.
    local_page.wait_for_function(
        "() => !document.querySelector('.ftp-diagram pre.mermaid') && "
        "[...document.querySelectorAll('.ftp-diagram div.mermaid')]"
        ".every(el => el.getBoundingClientRect().height > 40)",
        timeout=20_000,
    )
    assert local_page.locator(".ftp-diagram div.mermaid").count() == len(with_diagram.diagrams)
    assert local_page.blocked == []
