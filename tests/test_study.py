"""Study mode in Debian's Chromium: self-test marks that persist, progress export/import/reset, corrupt
storage, the "still to review" filter, and the seeded mock interview; nothing leaves 127.0.0.1."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

KEY = "ftp-study"


def stored(tab) -> dict:
    return json.loads(tab.evaluate(f"localStorage.getItem('{KEY}')") or "null")


# The two marks of the first study mode as FSRS ratings: "Got it" is Good, "Review again" is Again.
RATING_BUTTON = {"got": "good", "review": "again"}
RATING_VALUE = {"got": 3, "review": 1}


def grade(tab, server, qid: str, status: str, tick: int | None = None) -> None:
    """Grade a question on its page: `status` is got (Good), review (Again) or an FSRS rating's name."""
    tab.goto(server + f"questions/{qid}/")
    tab.locator("details.ftp-answer > summary").click()
    if tick is not None:
        tab.locator("[data-ftp-point]").nth(tick).check()
    tab.locator(f'[data-ftp-grade="{RATING_BUTTON.get(status, status)}"]').click()


def last_rating(tab, qid: str) -> int:
    return stored(tab)["questions"][qid]["reviews"][-1]["rating"]


def home_counts(tab, server) -> dict[str, str]:
    tab.goto(server)
    return tab.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-ftp-count]')]"
        ".map(el => [el.dataset.ftpCount, el.textContent]))"
    )


# ---- question pages ------------------------------------------------------------------------------


def test_grading_waits_for_the_answer_and_the_mark_survives_a_reload(tab, server, bank):
    q = next(q for q in bank.questions if q.id == "lora")
    tab.goto(server + "questions/lora/")
    grading = tab.locator("[data-ftp-grading]")
    assert not grading.is_visible(), "no grading before the answer is revealed"
    tab.locator("details.ftp-answer > summary").click()
    checklist = tab.locator(".ftp-checklist label")
    assert [" ".join(t.split()) for t in checklist.all_inner_texts()] == [" ".join(p.split()) for p in q.key_points]
    tab.locator("[data-ftp-point]").nth(1).check()
    tab.locator('[data-ftp-grade="again"]').click()
    assert "Saved: Again. Next review tomorrow" in tab.locator(".ftp-self-test [data-ftp-message]").inner_text()

    tab.reload()
    assert tab.locator(".ftp-self-test [data-ftp-badge]").inner_text() == "Review again"
    tab.locator("details.ftp-answer > summary").click()
    assert tab.locator('[data-ftp-grade="again"]').get_attribute("aria-pressed") == "true"
    assert [b.is_checked() for b in tab.locator("[data-ftp-point]").all()] == [
        i == 1 for i in range(len(q.key_points))
    ], "the ticked key point is remembered with the mark"
    entry = stored(tab)["questions"]["lora"]
    assert entry["reviews"][-1]["rating"] == 1 and entry["points"] == [1]
    assert stored(tab)["version"] == 2


# ---- home and listing pages ----------------------------------------------------------------------


def test_level_page_counts_and_filters_to_what_is_left_to_review(tab, server, bank):
    beginner = [q.id for q in bank.questions if q.level == "beginner"]
    grade(tab, server, beginner[0], "got")
    grade(tab, server, beginner[1], "review")
    tab.goto(server + "levels/beginner/")
    summary = tab.locator("[data-ftp-list] [data-ftp-summary]").inner_text()
    n = len(beginner)
    assert summary == f"1 / {n} got it · 1 to review again · {n - 2} not studied yet"
    rows = tab.locator(".ftp-row")
    assert rows.count() == n and all(r.is_visible() for r in rows.all())
    assert tab.locator(f'.ftp-row[data-question-id="{beginner[0]}"] [data-ftp-badge]').inner_text() == "Got it"

    tab.locator("[data-ftp-filter]").check()
    visible = [r.get_attribute("data-question-id") for r in rows.all() if r.is_visible()]
    assert visible == beginner[1:], "only what is still to review (marked or not studied) stays"

    # The filter follows the reader to the next listing page, in this tab.
    tab.goto(server + "categories/concepts/")
    assert tab.locator("[data-ftp-filter]").is_checked()


def test_home_shows_progress_per_level_and_category(tab, server, bank):
    grade(tab, server, "lora", "got")
    grade(tab, server, "sft-vs-dpo", "review")
    counts = home_counts(tab, server)
    lora = next(q for q in bank.questions if q.id == "lora")
    dpo = next(q for q in bank.questions if q.id == "sft-vs-dpo")
    for level in bank.levels:
        members = [q for q in bank.questions if q.level == level.id]
        got = sum(q is lora for q in members)
        review = sum(q is dpo for q in members)
        assert counts[f"level:{level.id}:got"] == str(got)
        assert counts[f"level:{level.id}:review"] == str(review)
        assert counts[f"level:{level.id}:new"] == str(len(members) - got - review)
    assert counts[f"category:{lora.category}:got"] == "1"
    total = len(bank.questions)
    assert tab.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith(f"1 / {total} got it")


# ---- export, reset, import -----------------------------------------------------------------------


def test_export_reset_import_round_trip(tab, server, tmp_path):
    grade(tab, server, "lora", "got", tick=0)
    grade(tab, server, "model-merging", "review")
    before = stored(tab)["questions"]
    tab.goto(server)

    with tab.expect_download() as download:
        tab.locator('[data-ftp-action="export"]').click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert exported.name.startswith("fine-tuning-interview-progress-") and exported.suffix == ".json"
    assert data["format"] == "ftp-study-progress" and data["version"] == 2
    assert data["questions"] == before

    tab.once("dialog", lambda d: d.dismiss())
    tab.locator('[data-ftp-action="reset"]').click()
    assert stored(tab)["questions"] == before, "cancelling the confirmation keeps everything"

    tab.once("dialog", lambda d: d.accept())
    tab.locator('[data-ftp-action="reset"]').click()
    assert stored(tab) is None
    assert tab.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith("0 / ")

    with tab.expect_file_chooser() as chooser:
        tab.locator('[data-ftp-action="import"]').click()
    chooser.value.set_files(str(exported))
    tab.wait_for_function(
        "() => /Imported/.test(document.querySelector('[data-ftp-list=home] [data-ftp-message]').textContent)"
    )
    assert stored(tab)["questions"] == before
    assert tab.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith("1 / ")
    tab.goto(server + "questions/model-merging/")
    assert tab.locator(".ftp-self-test [data-ftp-badge]").inner_text() == "Review again"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("this is not json", "not a JSON file"),
        ('{"format": "something-else", "version": 1, "questions": {}}', "not a progress file from this site"),
        ('{"format": "ftp-study-progress", "version": 99, "questions": {}}', "different version"),
    ],
)
def test_a_bad_import_file_is_refused_with_a_clear_message(tab, server, tmp_path, content, reason):
    grade(tab, server, "lora", "got")
    before = stored(tab)
    bad = tmp_path / "progress.json"
    bad.write_text(content)
    tab.goto(server)
    with tab.expect_file_chooser() as chooser:
        tab.locator('[data-ftp-action="import"]').click()
    chooser.value.set_files(str(bad))
    message = tab.locator("[data-ftp-list=home] [data-ftp-message]")
    message.filter(has_text="could not be imported").wait_for()
    assert reason in message.inner_text() and "Nothing was changed" in message.inner_text()
    assert stored(tab) == before


# ---- corrupt storage -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["{corrupt", '["an", "array"]', '{"format": "ftp-study-progress", "version": 0}'])
def test_corrupt_or_foreign_storage_is_ignored_with_a_notice(tab, server, value):
    tab.goto(server + "questions/lora/")
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    tab.reload()
    notice = tab.locator(".ftp-self-test [data-ftp-message]")
    assert "could not be read" in notice.inner_text() and "ignored" in notice.inner_text()
    # The page still works: grading starts afresh, and the unreadable value is kept aside.
    tab.locator("details.ftp-answer > summary").click()
    tab.locator('[data-ftp-grade="good"]').click()
    assert last_rating(tab, "lora") == 3
    assert tab.evaluate(f"localStorage.getItem('{KEY}.unreadable')") == value
    tab.goto(server)
    assert tab.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith("1 / ")


def test_unknown_entries_in_storage_are_dropped_not_trusted(tab, server):
    tab.goto(server)
    value = {
        "format": "ftp-study-progress",
        "version": 1,
        "questions": {"lora": {"status": "got"}, "sft-vs-dpo": {"status": "maybe"}, "<img>": {"status": "got"}},
    }
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(value)])
    tab.reload()
    assert tab.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith("1 / ")
    assert tab.locator("[data-ftp-list=home] [data-ftp-message]").inner_text() == ""


# ---- the mock interview --------------------------------------------------------------------------

MASK = 0xFFFFFFFF


def seeded_order(ids: list[str], seed: str) -> list[str]:
    """The practice page's order, recomputed: FNV-1a of the seed, mulberry32, Fisher-Yates."""
    h = 2166136261
    for ch in seed:
        h = ((h ^ ord(ch)) * 16777619) & MASK
    state = h

    def random() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = ((state ^ (state >> 15)) * (1 | state)) & MASK
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & MASK)) & MASK) ^ t
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    out = list(ids)
    for i in range(len(out) - 1, 0, -1):
        j = int(random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def serve_all(tab, grades: list[str]) -> list[str]:
    """Answer every question by keyboard alone (H, A, then G or R); return the ids served."""
    served = []
    for status in grades:
        current = tab.locator("[data-ftp-current-question]")
        served.append(current.get_attribute("data-ftp-current-question"))
        hint = current.locator('[data-ftp-part="hint"]')
        assert not hint.is_visible()
        tab.keyboard.press("h")
        assert hint.is_visible() and not current.locator('[data-ftp-part="answer"]').is_visible()
        tab.keyboard.press("a")
        assert current.locator('[data-ftp-part="answer"] input[type=checkbox]').count() >= 3, "checklist"
        tab.keyboard.press("g" if status == "got" else "r")
    return served


def test_a_seeded_interview_serves_the_expected_questions_and_sums_up_the_grades(tab, server, bank):
    pool = [q.id for q in bank.questions if q.level in ("intermediate", "advanced") and q.category != "behavioral"]
    assert len(pool) > 5
    tab.goto(
        server + "practice/?level=intermediate,advanced&category=concepts,scenario,workflow-tools&count=5&seed=mock-42"
    )
    assert tab.locator("[data-ftp-practice-status]").inner_text() == f"{len(pool)} questions match."
    tab.locator("[data-ftp-practice-setup] button[type=submit]").focus()
    tab.keyboard.press("Enter")

    grades = ["got", "review", "got", "review", "review"]
    served = serve_all(tab, grades)
    assert served == seeded_order(pool, "mock-42")[:5]

    summary = tab.locator("[data-ftp-practice-summary]")
    assert summary.locator("[data-ftp-score]").inner_text() == "You got 2 of 5."
    review_ids = [li.get_attribute("data-question-id") for li in summary.locator("[data-ftp-review-list] li").all()]
    got_ids = [li.get_attribute("data-question-id") for li in summary.locator("[data-ftp-got-list] li").all()]
    assert review_ids == [s for s, g in zip(served, grades, strict=True) if g == "review"]
    assert got_ids == [s for s, g in zip(served, grades, strict=True) if g == "got"]
    href = summary.locator(f'[data-ftp-review-list] li[data-question-id="{review_ids[0]}"] a').get_attribute("href")
    assert href == f"../questions/{review_ids[0]}/"

    # The grades feed the progress everywhere.
    ratings = {k: v["reviews"][-1]["rating"] for k, v in stored(tab)["questions"].items()}
    assert ratings == {s: RATING_VALUE[g] for s, g in zip(served, grades, strict=True)}

    # The address now reproduces the set: open it afresh, start, and the same questions come in the same order.
    link = summary.locator("[data-ftp-share-link]").get_attribute("href")
    assert "seed=mock-42" in link and "count=5" in link
    tab.goto(link)
    tab.locator("[data-ftp-practice-setup] button[type=submit]").click()
    assert serve_all(tab, ["got"] * 5) == served


def test_an_unseeded_interview_gets_a_seed_and_the_timer_counts_down(tab, server, bank):
    tab.clock.install()
    tab.goto(server + "practice/")
    tab.locator("[data-ftp-practice-setup] select[name=timer]").select_option("60")
    tab.locator("[data-ftp-practice-setup] input[name=count]").fill("2")
    tab.locator("[data-ftp-practice-setup] button[type=submit]").click()
    seed = tab.evaluate("new URLSearchParams(location.search).get('seed')")
    assert seed and len(seed) >= 4
    timer = tab.locator("[data-ftp-timer]")
    assert timer.inner_text() == "1:00 left"
    tab.clock.run_for(30_000)
    assert timer.inner_text() == "0:30 left"
    tab.clock.run_for(31_000)
    assert timer.inner_text() == "Time is up"
    assert "Time is up" in tab.locator("[data-ftp-practice-announce]").inner_text()
    served = tab.locator("[data-ftp-current-question]").get_attribute("data-ftp-current-question")
    assert served == seeded_order([q.id for q in bank.questions], seed)[0]


def test_the_interview_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        tab.goto(server + "practice/?count=2&seed=phone")
        tab.locator("[data-ftp-practice-setup] button[type=submit]").tap()
        tab.locator('[data-ftp-do="answer"]').tap()
        for name in ("got", "review", "end"):
            box = tab.locator(f'[data-ftp-do="{name}"]').bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 360, name
            assert box["height"] >= 40, f"{name} is big enough to tap"
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling"
    finally:
        context.close()


# ---- without JavaScript --------------------------------------------------------------------------


def test_pages_stay_readable_without_javascript(browser, server, bank):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(server + "questions/lora/")
        assert tab.locator("details.ftp-answer").count() == 1
        assert tab.locator(".ftp-self-test").count() == 0
        assert not tab.locator("button[data-ftp-copy]").is_visible(), "no copy button that cannot copy"
        assert not tab.locator("[data-ftp-toc-grade]").is_visible()
        tab.goto(server + "levels/beginner/")
        assert all(r.is_visible() for r in tab.locator(".ftp-row").all())
        assert not tab.locator("[data-ftp-list]").is_visible(), "no dead controls"
        tab.goto(server + "practice/")
        assert tab.locator("[data-ftp-needs-js]").is_visible()
        assert not tab.locator("[data-ftp-practice-setup]").is_visible()
        tab.goto(server)
        assert not tab.locator("[data-ftp-list=home]").is_visible()
    finally:
        context.close()


def study_entries(soup) -> list[str]:
    return [s["src"].rsplit("/", 1)[-1] for s in soup.find_all("script", src=True) if "assets/study/" in s["src"]]


def test_study_script_loads_only_where_it_is_used(page):
    assert study_entries(page("questions/lora/")) == ["page-question.js"]
    assert study_entries(page("practice/")) == ["page-practice.js"]
    assert study_entries(page("")) == ["page-home.js"]
    assert study_entries(page("levels/beginner/")) == ["page-listing.js"]
    assert study_entries(page("cheat-sheet/")) == []
    for url in ("questions/lora/", "practice/", ""):
        script = page(url).find("script", src=lambda s: s and "assets/study/" in s)
        assert script["type"] == "module", "module scripts are deferred"
    assert not page("downloads/").find("link", href=lambda s: s and s.endswith("assets/study.css"))
