"""The field's terms are defined once, in the bank, and explained wherever they appear."""

from __future__ import annotations

import re


def test_glossary_page_defines_every_term_once_with_a_stable_anchor(bank, page):
    html = page("glossary/")
    for g in bank.glossary:
        anchor = re.sub(r"[^a-z0-9]+", "-", g.term.lower()).strip("-")
        entry = html.find(id=anchor)
        assert entry is not None, g.term
        text = " ".join(entry.get_text().split())
        assert text.startswith(g.term) and " ".join(g.definition.split())[:40] in text
        if g.expansion:
            assert g.expansion in text
        if g.question:
            assert entry.find("a", href=f"../questions/{g.question}/")


def test_terms_carry_their_definition_as_a_tooltip_on_every_kind_of_page(bank, page):
    """Where a page first uses the term (macros/pages/terms.py); glossary-terms.js lends it to the later uses."""
    lora = next(g for g in bank.glossary if g.term == "LoRA")
    for path in ("questions/lora/", "questions/quantization-and-qlora/", "levels/intermediate/", "cheat-sheet/"):
        tips = [t for t in page(path).find_all("abbr", string="LoRA") if not t.find_parent(hidden=True)]
        assert len(tips) > 1, path
        assert tips[0]["title"] == f"{lora.expansion}: {lora.definition}", path
        assert not any(t.has_attr("title") for t in tips[1:]), f"{path}: the definition is repeated"


def test_every_use_of_a_term_shows_its_definition_in_the_browser(tab, server, bank):
    lora = next(g for g in bank.glossary if g.term == "LoRA")
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    terms = tab.locator(".md-content abbr").filter(has_text=re.compile(r"^LoRA$"))
    assert terms.count() > 1
    definitions = {
        terms.nth(i).get_attribute("data-ftp-definition") or terms.nth(i).get_attribute("title")
        for i in range(terms.count())
    }
    assert definitions == {f"{lora.expansion}: {lora.definition}"}
    mounted = tab.locator(".md-content abbr[data-ftp-definition]").filter(has_text=re.compile(r"^LoRA$"))
    assert mounted.count() > 1, "later uses get the popup too"
    tab.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    mounted.last.focus()
    assert lora.definition[:40] in tab.locator(".ftp-term-tip").text_content()


def test_tooltips_stay_out_of_code_and_diagrams(page, bank):
    for q in bank.questions:
        html = page(f"questions/{q.id}/")
        assert not html.select("pre abbr, code abbr, svg abbr, math abbr"), q.id


def test_glossary_terms_are_search_tags_of_the_question_that_explains_them(bank, site):
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    tags = {d["location"]: d.get("tags", []) for d in docs if "tags" in d}
    for g in bank.glossary:
        if g.question:
            assert g.term in tags[f"questions/{g.question}/"], g.term
