"""Interviewer mode (interview/ and interview/candidate/) in Chromium: one code, two views, one device or two."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from tests.test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def fold(text: str) -> str:
    return " ".join(text.split())


def create(tab, server, *, levels=None, count=4, timer_minutes=2) -> str:
    """Create an interview on the interviewer's page; returns its code."""
    tab.goto(server + "interview/", wait_until="networkidle")
    if levels is not None:
        for box in tab.locator("[data-ftp-setup] input[name=level]").all():
            box.set_checked(box.get_attribute("value") in levels)
    tab.locator("[data-ftp-setup] input[name=count]").fill(str(count))
    tab.locator("[data-ftp-setup] select[name=timer]").select_option(label=f"{timer_minutes} minutes")
    tab.get_by_role("button", name="Create the interview").click()
    code = tab.locator("[data-ftp-ready] [data-ftp-code]").inner_text()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}", code), code
    return code


def current_id(tab) -> str:
    return tab.locator("[data-ftp-stage] .ftp-interview-item").get_attribute("data-question-id")


def walk(tab, n: int) -> list[str]:
    ids = []
    for i in range(n):
        ids.append(current_id(tab))
        if i < n - 1:
            tab.get_by_role("button", name="Next question").click()
    return ids


def rubric_texts(bank, qid: str) -> list[str]:
    """Text that only the interviewer may see: key points, weak answers, follow-ups and their answers."""
    q = next(q for q in bank.questions if q.id == qid)
    texts = list(q.key_points) + [f.question for f in q.follow_ups]
    mistakes = q.answer.weak_answers or q.answer.red_flags
    texts += [re.sub(r"[*\"“”]", "", line).strip()[:40] for line in mistakes.splitlines() if line.startswith("- ")]
    return texts


# ---- the pure modules ---------------------------------------------------------------------------


def test_the_seeded_order_is_the_one_shared_links_already_carry(tab, server):
    """Interviewer mode and the mock interview draw questions with docs/assets/lib/seeded.js. Its results are
    pinned (computed with study.js's own functions before the split), so a link such as practice/?seed=abc
    sent last month still serves the same questions."""
    tab.goto(server + "practice/", wait_until="networkidle")
    got = tab.evaluate(
        """async () => {
            const seeded = await import('../assets/lib/seeded.js');
            const practice = await import('../assets/study/practice.js');
            const ids = Array.from({length: 62}, (_, i) => 'q' + i);
            return {order: seeded.shuffled(ids, 'abc').slice(0, 8), k: seeded.hashSeed('K7Q2'),
                    u: seeded.hashSeed('ünïcödé'), same: practice.shuffled === seeded.shuffled};
        }"""
    )
    assert got == {
        "order": ["q14", "q3", "q11", "q37", "q52", "q35", "q7", "q44"],
        "k": 1120782960,
        "u": 2632344214,
        "same": True,
    }


def test_code_round_trips_and_rejects_typos(tab, server):
    tab.goto(server + "interview/", wait_until="networkidle")
    result = tab.evaluate(
        """async () => {
            const c = await import('./../assets/interview/code.js');
            const cases = [
                {seed: 0, levels: 1, count: 1, timer: 0},
                {seed: 1048575, levels: 7, count: 32, timer: 7},
                {seed: 123456, levels: 5, count: 5, timer: 3},
            ];
            const trips = cases.map(s => JSON.stringify(c.decode(c.encode(s, 3), 3)) === JSON.stringify(s));
            const code = c.encode(cases[2], 3);
            let caught = 0, tried = 0;
            for (let i = 0; i < code.length; i++) {
                if (code[i] === '-') continue;
                for (const ch of c.ALPHABET) {
                    if (ch === code[i]) continue;
                    tried++;
                    if (c.decode(code.slice(0, i) + ch + code.slice(i + 1), 3) === null) caught++;
                }
            }
            return {trips, code, lower: JSON.stringify(c.decode(code.toLowerCase().replace('-', ' '), 3)),
                    caught, tried, noLevel: (() => { try { c.encode({...cases[0], levels: 0}, 3); return 'no error'; }
                    catch (e) { return e.message; } })()};
        }"""
    )
    assert result["trips"] == [True, True, True]
    assert result["lower"] == json.dumps({"seed": 123456, "levels": 5, "count": 5, "timer": 3}, separators=(",", ":"))
    # A 4-bit check: about 15 in 16 single-character typos are caught.
    assert result["caught"] / result["tried"] > 0.85, result
    assert result["noLevel"] == "pick at least one level"


# ---- two devices: the same code gives the same questions in the same order ---------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_candidate_and_interviewer_links_give_the_same_questions_in_the_same_order(tab_at, server, bank, width):
    interviewer = tab_at(width)
    code = create(interviewer, server, levels={"intermediate", "advanced"}, count=4)
    links = {v: interviewer.locator(f"[data-ftp-link={v}]").get_attribute("href") for v in ("candidate", "interviewer")}
    assert links["candidate"].endswith(f"interview/candidate/?code={code}")
    assert links["interviewer"].endswith(f"interview/?code={code}")
    interviewer.get_by_role("button", name="Start the interview").click()
    asked = walk(interviewer, 4)
    levels = {q.id: q.level for q in bank.questions}
    assert len(set(asked)) == 4 and all(levels[i] in ("intermediate", "advanced") for i in asked)

    candidate = tab_at(width)  # a second device: its own browser context, nothing shared
    candidate.goto(links["candidate"], wait_until="networkidle")
    assert f"Interview {code}" in candidate.locator("[data-ftp-code]").inner_text()
    assert walk(candidate, 4) == asked
    assert candidate.get_by_role("button", name="Next question").is_disabled()
    assert "last question" in candidate.locator("[data-ftp-announce]").inner_text()

    other = tab_at(width)
    other.goto(links["interviewer"], wait_until="networkidle")
    other.get_by_role("button", name="Start the interview").click()
    assert walk(other, 4) == asked
    for tab in (interviewer, candidate):
        widest = tab.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.md-content *')].filter(e => e.offsetParent)"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= width, f"an element is wider than the {width} px viewport"
    interviewer.screenshot(path=f"/tmp/interviewer-run-{width}.png", full_page=True)
    candidate.screenshot(path=f"/tmp/interviewer-candidate-{width}.png", full_page=True)


def squash(text: str) -> str:
    """Letters and digits only: compares text across tags (glossary terms are <abbr> elements)."""
    return re.sub(r"\W+", "", text.lower())


def test_the_candidates_page_holds_no_rubric_hint_or_answer(page, bank):
    text = squash(page("interview/candidate/").select_one("article").get_text(" "))
    questions = squash(" ".join(q.question for q in bank.questions))
    for q in bank.questions:
        assert squash(q.question) in text
        for secret in [q.hint, *rubric_texts(bank, q.id)]:
            if squash(secret) in questions:  # a short follow-up such as "GPTQ or AWQ?" may quote a question
                continue
            assert squash(secret)[:30] not in text, f"{q.id}: the candidate's page shows {secret!r}"
    # The interviewer's page reads the rubric from each question's page when the interview opens.
    templates = page("interview/").select_one("template[data-ftp-rubric-template]")
    assert templates is not None and "Rubric: key points you heard" in templates.decode_contents()


def test_a_mistyped_code_is_explained_and_a_typed_code_opens_the_interview(tab, server):
    tab.goto(server + "interview/candidate/?code=ZZZZ-ZZZ", wait_until="networkidle")
    assert "not an interview code" in tab.locator("[data-ftp-join-status]").inner_text()
    tab.goto(server + "interview/", wait_until="networkidle")
    tab.get_by_role("button", name="Create the interview").click()
    code = tab.locator("[data-ftp-ready] [data-ftp-code]").inner_text()
    tab.goto(server + "interview/candidate/", wait_until="networkidle")
    tab.get_by_label("Interview code").fill(code.lower().replace("-", ""))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Open the interview").click()
    assert tab.url.endswith(f"?code={code}") and tab.locator("[data-ftp-stage] .ftp-interview-question").is_visible()


# ---- one device: the toggle hides the rubric -----------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_the_toggle_shows_the_candidate_only_the_question_and_the_timer(tab_at, server, bank, width):
    tab = tab_at(width)
    create(tab, server)
    tab.get_by_role("button", name="Start the interview").click()
    qid = current_id(tab)
    body = tab.locator("body")
    assert fold(rubric_texts(bank, qid)[0]) in fold(body.inner_text())
    toggle = tab.get_by_role("button", name="Show the candidate's screen")
    toggle.click()
    shown = fold(body.inner_text())
    for secret in rubric_texts(bank, qid):
        assert fold(secret)[:40] not in shown, f"the candidate's screen shows {secret!r}"
    assert not tab.get_by_role("button", name="Next question").is_visible()
    assert tab.locator("[data-ftp-run] [data-ftp-timer]").is_visible()
    assert tab.locator("[data-ftp-stage] .ftp-interview-question").is_visible()
    tab.screenshot(path=f"/tmp/interviewer-toggle-{width}.png")
    tab.reload(wait_until="networkidle")
    for secret in rubric_texts(bank, qid):
        assert fold(secret)[:40] not in fold(body.inner_text()), "a reload keeps the candidate's screen"
    back = tab.get_by_role("button", name="Back to the interviewer's screen")
    assert back.get_attribute("aria-pressed") == "true"
    back.click()
    assert tab.locator("[data-ftp-stage] [data-ftp-rubric]").is_visible()


def test_the_timer_counts_down_and_says_when_time_is_up(tab, server):
    tab.clock.install()
    create(tab, server, timer_minutes=2)
    tab.clock.pause_at(tab.evaluate("() => Date.now()") + 1000)  # from here on, time moves only when told
    tab.get_by_role("button", name="Start the interview").click()
    timer = tab.locator("[data-ftp-run] [data-ftp-timer]")
    assert timer.inner_text() == "2:00 left"
    tab.clock.run_for("01:05")
    assert timer.inner_text() == "0:55 left"
    tab.clock.run_for("01:10")
    assert timer.inner_text() == "Time is up +0:15"
    tab.get_by_role("button", name="Next question").click()
    assert timer.inner_text() == "2:00 left", "each question has its own clock"
    tab.get_by_role("button", name="Previous question").click()
    assert timer.inner_text() == "Time is up +0:15", "and keeps it when the interview goes back"


# ---- the scorecard, its print, and a reload ------------------------------------------------------


def score_questions(tab, n: int) -> list[str]:
    ids = []
    for i in range(n):
        ids.append(current_id(tab))
        points = tab.locator("[data-ftp-stage] [data-ftp-point]")
        for k in range(i % points.count() + 1):
            points.nth(k).check()
        tab.locator("[data-ftp-stage] [data-ftp-score]").nth(i % 4).check()
        tab.locator("[data-ftp-stage] [data-ftp-notes]").fill(f"Notes on answer {i + 1}: clear on the mechanism.")
        if i < n - 1:
            tab.get_by_role("button", name="Next question").click()
    return ids


def test_scorecards_add_up_survive_a_reload_and_print_one_whole_card_per_question(tab, server, bank, browser):
    code = create(tab, server, count=4)
    tab.get_by_role("button", name="Start the interview").click()
    ids = score_questions(tab, 4)
    tab.reload(wait_until="networkidle")  # sessionStorage keeps the marks under the code
    assert (
        tab.locator("[data-ftp-stage] [data-ftp-notes]").input_value() == "Notes on answer 4: clear on the mechanism."
    )
    tab.get_by_role("button", name="End and see the scorecards").click()
    cards = tab.locator(".ftp-scorecard")
    assert cards.count() == 4
    questions = {q.id: q for q in bank.questions}
    totals = 0
    for i, qid in enumerate(ids):
        q = questions[qid]
        card = fold(cards.nth(i).inner_text())
        heard = min(i + 1, len(q.key_points))
        totals += heard
        assert card.startswith(f"{i + 1}. {fold(q.question)}")
        assert (
            f"Key points heard: {heard} of {len(q.key_points)} points ({round(100 * heard / len(q.key_points))}%)"
            in card
        )
        assert f"Overall: {i % 4 + 1} of 4" in card
        assert f"Notes on answer {i + 1}" in card
        assert card.count("✓ Heard:") == heard and card.count("✗ Not heard:") == len(q.key_points) - heard
    all_points = sum(len(questions[q].key_points) for q in ids)
    assert f"key points heard {totals} of {all_points}" in tab.locator("[data-ftp-total]").inner_text()
    assert "average score 2.5 of 4 over 4 scored questions" in tab.locator("[data-ftp-total]").inner_text()

    pdf = tab.pdf(format="A4")
    pages = [fold(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    everything = " ".join(pages)
    assert code in everything
    for i, qid in enumerate(ids):
        holding = [n for n, text in enumerate(pages) if f"Notes on answer {i + 1}" in text]
        assert len(holding) == 1
        assert fold(questions[qid].question)[:50] in pages[holding[0]], f"scorecard {i + 1} is split across pages"
    for absent in ("Print the scorecards", "Create the interview", "Rubric: key points you heard", "listen for"):
        assert absent not in everything, f"{absent!r} must not print"
    assert len(pages) <= 4, f"4 scorecards should fit on a few pages, got {len(pages)}"


# ---- without JavaScript, accessibility ---------------------------------------------------------


def test_without_javascript_the_pages_say_so_and_show_no_controls(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    for path in ("interview/", "interview/candidate/"):
        tab.goto(server + path)
        assert tab.locator("[data-ftp-needs-js]").is_visible()
        assert tab.locator(".ftp-interview-ui:visible").count() == 0
        assert not tab.locator("[data-ftp-bank]").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_in_any_state_of_either_view(tab, server, scheme):
    def check(where: str):
        tab.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        tab.evaluate("() => document.querySelectorAll('[data-ftp-stage] details').forEach(d => d.open = true)")
        tab.mouse.move(0, 0)
        tab.wait_for_timeout(400)  # past Material's 250 ms button transitions
        violations = axe_violations(tab)
        assert violations == [], f"{where}: " + json.dumps(violations, indent=1)

    tab.goto(server + "interview/", wait_until="networkidle")
    check("setup")
    tab.get_by_role("button", name="Create the interview").click()
    check("links")
    candidate = tab.locator("[data-ftp-link=candidate]").get_attribute("href")
    tab.get_by_role("button", name="Start the interview").click()
    check("running, interviewer")
    tab.get_by_role("button", name="Show the candidate's screen").click()
    check("running, candidate on one device")
    tab.get_by_role("button", name="Back to the interviewer's screen").click()
    tab.get_by_role("button", name="End and see the scorecards").click()
    check("scorecards")
    tab.goto(candidate, wait_until="networkidle")
    check("candidate's page")
    tab.goto(server + "interview/candidate/", wait_until="networkidle")
    check("candidate's page without a code")
