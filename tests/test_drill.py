"""The quick check on every question page: statements from the bank, answered true or false in Chromium."""

from __future__ import annotations

import re

import pytest

from macros.bank.drills import Statement, bullet_items, drill, weak_answer_statement
from tests.test_accessibility import AXE


def kinds(bank):
    return {c.id: c.kind for c in bank.categories}


def test_every_question_yields_true_and_false_statements(bank):
    for q in bank.questions:
        statements = drill(q, kinds(bank)[q.category])
        true = [s.text for s in statements if s.true]
        false = [s for s in statements if not s.true]
        assert true == list(q.key_points), q.id
        assert len(false) >= 3, f"{q.id}: only {len(false)} false statements"
        for s in false:
            assert s.text.strip(), q.id
            if s.source == "weak_answer":
                assert s.explanation.strip(), f"{q.id}: '{s.text}' has no explanation"


def test_a_quoted_misconception_is_a_claim_and_the_rest_its_explanation():
    assert weak_answer_statement('**"LoRA prevents forgetting."** It reduces it.') == Statement(
        text="LoRA prevents forgetting.", true=False, kind="claim", source="weak_answer", explanation="It reduces it."
    )
    unquoted = weak_answer_statement("**Trusting nvidia-smi alone.** It shows reserved memory.")
    assert (unquoted.text, unquoted.kind, unquoted.explanation) == (
        "Trusting nvidia-smi alone.",
        "practice",
        "It shows reserved memory.",
    )
    assert bullet_items("- one\n  continued\n- two") == ["one\ncontinued", "two"]


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def words(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", value).split())


def test_each_question_page_has_its_drill_below_grade_yourself_with_every_answer_explained(bank, page):
    for q in bank.questions:
        html = page(f"questions/{q.id}/")
        details = html.select_one("details#quick-check.ftp-drill")
        assert details is not None and not details.has_attr("open"), q.id
        grade = html.select_one("#grade-yourself")
        assert grade.find_next("details", id="quick-check") is details, "the drill comes after Grade yourself"
        items = details.select("[data-ftp-drill-item]")
        statements = drill(q, kinds(bank)[q.category])
        assert len(items) == len(statements), q.id
        truths = [item["data-ftp-truth"] for item in items]
        assert sorted(truths) == sorted("true" if s.true else "false" for s in statements)
        runs = "".join(t[0] for t in truths)
        assert "tttt" not in runs and "ffff" not in runs, f"{q.id}: true and false must be mixed, got {runs}"
        for item in items:
            answer = text(item.select_one("[data-ftp-drill-answer]"))
            assert answer.startswith("True." if item["data-ftp-truth"] == "true" else "False."), answer
            assert len(answer) > len("False. "), q.id
        shown = {i.select_one(".ftp-drill__statement").get_text() for i in items}
        for point in q.key_points:
            assert any(words(point) in words(s) for s in shown), f"{q.id}: key point missing: {point}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_answering_true_or_false_shows_the_verdict_the_explanation_and_the_score(tab_at, server, width):
    tab = tab_at(width)
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.goto(server + "questions/tokenizer-must-match-model/", wait_until="networkidle")
    tab.locator("details#quick-check > summary").click()
    items = tab.locator("[data-ftp-drill-item]")
    total = items.count()
    assert total >= 6
    first = items.nth(0)
    assert not first.locator("[data-ftp-drill-answer]").is_visible(), "the answer waits for the reader's pick"
    truths = [items.nth(i).get_attribute("data-ftp-truth") for i in range(total)]
    # Answer the first wrongly, the rest rightly.
    wrong = "false" if truths[0] == "true" else "true"
    first.locator(f"[data-ftp-choice='{wrong}']").click()
    assert first.locator("[data-ftp-drill-verdict]").inner_text() == "Not quite:"
    explanation = first.locator("[data-ftp-drill-answer]")
    assert explanation.is_visible()
    assert explanation.inner_text().split(" ", 2)[2].startswith(("True.", "False."))
    assert first.locator("[data-ftp-choice]").nth(0).is_disabled()
    score = tab.locator("[data-ftp-drill-score]")
    assert score.inner_text() == f"0 of 1 right so far; {total - 1} to go."
    for i in range(1, total):
        items.nth(i).locator(f"[data-ftp-choice='{truths[i]}']").click()
        assert items.nth(i).locator("[data-ftp-drill-verdict]").inner_text() == "Right:"
    assert score.inner_text() == f"You got {total - 1} of {total} right."
    for scheme in ("default", "slate"):  # answered, with a pressed and a focused button
        tab.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        tab.wait_for_timeout(400)
        tab.add_script_tag(path=str(AXE))
        found = tab.evaluate("async () => (await axe.run('#quick-check', {resultTypes: ['violations']})).violations")
        assert [v["id"] for v in found] == [], scheme
    again = tab.get_by_role("button", name="Try the quick check again")
    box = again.bounding_box()
    assert box["x"] + box["width"] <= width
    widest = tab.evaluate(
        "() => Math.max(...[...document.querySelectorAll('#quick-check *')].map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= width, f"something in the drill is wider than the {width} px viewport"
    again.click()
    assert not first.locator("[data-ftp-drill-answer]").is_visible() and not score.is_visible()
    tab.screenshot(path=f"/tmp/interviewer-drill-{width}.png", full_page=False)
    assert errors == []


@pytest.mark.browser
def test_without_javascript_the_drill_reads_as_a_list_with_its_answers(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "questions/lora/")
    tab.locator("details#quick-check > summary").click()
    assert tab.locator("[data-ftp-drill-answer]").first.is_visible()
    assert not tab.locator("[data-ftp-drill-choices]").first.is_visible(), "no dead buttons without the script"
    context.close()
