"""From one question to the next (docs/assets/study-next.js), in Chromium at 1280 and 390 px."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def level_siblings(bank, qid):
    q = next(q for q in bank.questions if q.id == qid)
    return [x.id for x in bank.questions if x.level == q.level]


@pytest.mark.parametrize("width", [1280, 390])
def test_grading_by_keyboard_offers_the_next_question_not_studied_and_a_mark_can_be_cleared(
    tab_at, server, bank, width
):
    siblings = level_siblings(bank, "lora")
    after = siblings[siblings.index("lora") + 1]
    tab = tab_at(width)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    tab.keyboard.press("h")
    assert tab.evaluate("() => document.querySelector('details.ftp-hint').open")
    tab.keyboard.press("a")
    assert tab.evaluate("() => document.querySelector('details.ftp-answer').open")
    tab.keyboard.press("g")
    assert tab.evaluate("() => ftpStudy.status('lora')") == "got"
    link = tab.locator(".ftp-self-test .ftp-next-question a")
    assert link.is_visible() and link.get_attribute("href") == f"../{after}/"
    assert "not studied yet" in tab.locator(".ftp-self-test .ftp-next-question").inner_text()
    box = link.bounding_box()
    assert box["x"] + box["width"] <= width
    clear = tab.get_by_role("button", name="Clear mark")
    assert clear.is_visible()
    clear.click()
    assert tab.evaluate("() => ftpStudy.status('lora')") == "new"
    assert not clear.is_visible(), "nothing left to clear"
    tab.keyboard.press("r")
    assert tab.evaluate("() => ftpStudy.status('lora')") == "review"
    with tab.expect_navigation():
        tab.keyboard.press("n")
    assert tab.url.endswith(f"questions/{after}/")


def test_next_question_skips_what_is_got_and_falls_back_to_what_is_to_review(tab_at, server, bank):
    siblings = level_siblings(bank, "lora")
    others = [s for s in siblings if s != "lora"]
    tab = tab_at(1280)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    # Mark every other question of the level "got", except the last one: "review".
    tab.evaluate(
        """([ids, review]) => {
            const data = JSON.parse(localStorage.getItem(ftpStudy.storageKey) || 'null');
            const questions = {};
            const updated = new Date().toISOString();
            for (const id of ids) questions[id] = {status: id === review ? 'review' : 'got', updated};
            const base = data || {format: 'ftp-study-progress', version: 1};
            localStorage.setItem(ftpStudy.storageKey, JSON.stringify({...base, questions}));
        }""",
        [others, others[-1]],
    )
    stored = tab.evaluate("() => localStorage.getItem(ftpStudy.storageKey)")
    tab.reload(wait_until="networkidle")
    if tab.evaluate(f"() => ftpStudy.status('{others[-1]}')") != "review":
        pytest.fail(f"test setup did not reach the store: {stored}")
    tab.keyboard.press("a")
    tab.keyboard.press("g")
    assert tab.locator(".ftp-next-question a").get_attribute("href") == f"../{others[-1]}/"
    assert "to review again" in tab.locator(".ftp-next-question").inner_text()


def test_listing_offers_the_next_question_and_the_filter_hides_it_from_the_table_of_contents(tab_at, server, bank):
    siblings = level_siblings(bank, "lora")
    tab = tab_at(1280)
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    tab.keyboard.press("a")
    tab.keyboard.press("g")
    tab.goto(server + "levels/intermediate/", wait_until="networkidle")
    first_new = next(s for s in siblings if s != "lora")
    nxt = tab.locator("[data-ftp-list] .ftp-next-question a")
    assert nxt.get_attribute("href") == f"../../questions/{first_new}/"
    toc = tab.locator('.md-nav--secondary a[href="#lora"]')
    assert toc.last.is_visible()
    tab.locator("[data-ftp-filter]").check()
    assert not tab.locator(".ftp-row[data-question-id='lora']").is_visible()
    assert all(not toc.nth(i).is_visible() for i in range(toc.count())), "hidden from the table of contents too"
    tab.locator("[data-ftp-filter]").uncheck()
    assert toc.last.is_visible()


def test_the_mock_interview_survives_a_reload_draws_only_what_is_not_got_and_sums_up_the_time(tab_at, server, bank):
    tab = tab_at(390)
    tab.clock.install()
    first = bank.questions[0].id
    tab.goto(server + f"questions/{first}/", wait_until="networkidle")
    tab.keyboard.press("a")
    tab.keyboard.press("g")  # one question is "Got it": the interview must not serve it
    tab.goto(server + "practice/", wait_until="networkidle")
    setup = tab.locator("[data-ftp-practice-setup]")
    setup.locator("input[name=notgot]").check()
    assert setup.locator("[data-ftp-practice-status]").inner_text() == f"{len(bank.questions) - 1} questions match."
    setup.locator("input[name=count]").fill(str(len(bank.questions)))
    setup.locator("button[type=submit]").click()
    current = tab.locator("[data-ftp-current-question]")
    served = [current.get_attribute("data-ftp-current-question")]
    tab.clock.run_for(65_000)
    tab.keyboard.press("a")
    tab.keyboard.press("r")
    served.append(current.get_attribute("data-ftp-current-question"))
    tab.reload(wait_until="networkidle")
    assert tab.locator("[data-ftp-practice-run]").is_visible(), "the interview goes on after a reload"
    assert current.get_attribute("data-ftp-current-question") == served[1]
    assert "Question 2 of" in tab.locator("[data-ftp-position]").inner_text()
    tab.clock.run_for(5_000)
    tab.keyboard.press("a")
    tab.keyboard.press("g")
    tab.get_by_role("button", name="End the interview").click()
    summary = tab.locator("[data-ftp-practice-summary]")
    assert summary.locator("[data-ftp-score]").inner_text().startswith("You answered 2 of")
    assert first not in served
    spent = summary.locator("[data-ftp-time-spent]").inner_text()
    assert spent.startswith("Time spent: 1 min ") and "per question on average" in spent
