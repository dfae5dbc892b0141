"""Spaced repetition in Chromium: FSRS due dates equal ts-fsrs's own for the same ratings and times, v1 progress
migrates, a changed answer comes back with a notice, import merges (newer wins, unknown ids kept aside), due
counts per level on home and practice/, the study plan's numbers, and axe at 1280 and 390 px.

Time is fixed with Playwright's clock and the time zone is UTC, so every date below is reproducible. Expected
FSRS values come from running the vendored ts-fsrs (tests/test_vendor.py: byte-equal to the pinned npm package)
in the same browser, never from numbers copied by hand."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

import pytest
from test_accessibility import AXE, axe_violations
from test_study import KEY, stored

from conftest import ROOT
from macros.adapters.es_modules import module_imports

pytestmark = pytest.mark.browser

FSRS = "assets/vendor/ts-fsrs/ts-fsrs.js"
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clocked(browser, server):
    """A UTC tab at 1280 px whose clock is fixed (tab.at(datetime) moves it); only the local server is reachable."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.at = lambda when: tab.clock.set_fixed_time(when)
    tab.at(START)
    yield tab
    context.close()
    assert errors == []


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ts_fsrs_cards(tab, server, steps: list[tuple[int, str]]) -> list[dict]:
    """The cards ts-fsrs itself gives for ratings at times, starting from a new card, with the site's one
    setting (no minute-long learning steps, docs/assets/study/schedule.js)."""
    return tab.evaluate(
        """async ([url, steps]) => {
            const { fsrs, createEmptyCard } = await import(url);
            const f = fsrs({ enable_short_term: false });
            let card = createEmptyCard(new Date(steps[0][1]));
            const out = [];
            for (const [rating, at] of steps) {
                card = f.next(card, new Date(at), rating).card;
                out.push({ due: card.due.toISOString(), stability: card.stability, difficulty: card.difficulty,
                           reps: card.reps, lapses: card.lapses, state: card.state });
            }
            return out;
        }""",
        [server + FSRS, steps],
    )


def axe_in(tab, selector: str) -> list[dict]:
    """axe-core's violations inside one part of the page."""
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (sel) => await axe.run(document.querySelector(sel), {resultTypes: ['violations']})", selector
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def set_state(tab, value: dict) -> None:
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(value)])


def v1(questions: dict) -> dict:
    return {"format": "ftp-study-progress", "version": 1, "questions": questions}


# ---- FSRS through the grading widget ---------------------------------------------------------------


def test_due_dates_after_a_sequence_of_ratings_equal_ts_fsrs(clocked, server):
    tab = clocked
    ratings = [("good", 3), ("again", 1), ("hard", 2), ("easy", 4)]
    when = START
    steps = []
    for name, value in ratings:
        tab.at(when)
        tab.goto(server + "questions/lora/")
        tab.locator("details.ftp-answer > summary").click()
        tab.locator(f'[data-ftp-grade="{name}"]').click()
        steps.append((value, iso(when)))
        card = stored(tab)["questions"]["lora"]["card"]
        when = datetime.fromisoformat(card["due"].replace("Z", "+00:00"))  # review it the day it is due
    expected = ts_fsrs_cards(tab, server, steps)
    entry = stored(tab)["questions"]["lora"]
    assert [r["rating"] for r in entry["reviews"]] == [v for _, v in ratings]
    assert [r["at"] for r in entry["reviews"]] == [at for _, at in steps]
    final = entry["card"]
    for name in ("due", "stability", "difficulty", "reps", "lapses", "state"):
        assert final[name] == expected[-1][name], name
    # Each intermediate due date too: the review times above are ts-fsrs's due dates one after the other.
    assert [at for _, at in steps[1:]] == [c["due"] for c in expected[:-1]]
    # The page says when, in days and as a date.
    due = datetime.fromisoformat(expected[-1]["due"].replace("Z", "+00:00"))
    days = (due.date() - datetime.fromisoformat(steps[-1][1].replace("Z", "+00:00")).date()).days
    text = tab.locator("[data-ftp-next-due]").inner_text()
    assert text == f"Next review: in {days} days, {due:%a} {due.day} {due:%b}."


def test_keys_1_to_4_grade_and_the_checklist_suggests_a_rating(clocked, server):
    tab = clocked
    tab.goto(server + "questions/lora/", wait_until="networkidle")
    tab.keyboard.press("a")
    points = tab.locator("[data-ftp-point]")
    suggestion = tab.locator("[data-ftp-suggestion]")
    assert suggestion.inner_text().startswith("Suggested: Again (you ticked 0 of")
    points.nth(0).check()
    assert suggestion.inner_text().startswith("Suggested: Hard (you ticked 1 of")
    for i in range(points.count()):
        points.nth(i).check()
    assert suggestion.inner_text().startswith("Suggested: Good")
    assert "md-button--primary" in tab.locator('[data-ftp-grade="good"]').get_attribute("class")
    tab.keyboard.press("2")
    assert stored(tab)["questions"]["lora"]["reviews"][-1]["rating"] == 2
    tab.keyboard.press("4")
    assert [r["rating"] for r in stored(tab)["questions"]["lora"]["reviews"]] == [2, 4]
    tab.get_by_role("button", name="Clear mark").click()
    assert "lora" not in stored(tab)["questions"]


# ---- migration from version 1 ----------------------------------------------------------------------


def test_version_1_progress_migrates_on_first_load(clocked, server):
    tab = clocked
    got_at, review_at = "2026-11-20T10:00:00.000Z", "2026-11-30T08:00:00.000Z"
    old = v1(
        {
            "lora": {"status": "got", "updated": got_at, "points": [0, 2]},
            "sft-vs-dpo": {"status": "review", "updated": review_at},
        }
    )
    tab.goto(server)
    set_state(tab, old)
    tab.reload()
    data = stored(tab)
    assert data["format"] == "ftp-study-progress" and data["version"] == 2
    assert json.loads(tab.evaluate(f"localStorage.getItem('{KEY}.v1')")) == old, "the v1 value is kept aside"
    lora, dpo = data["questions"]["lora"], data["questions"]["sft-vs-dpo"]
    assert lora["reviews"] == [{"rating": 3, "at": got_at, "hash": None}] and lora["points"] == [0, 2]
    assert dpo["reviews"] == [{"rating": 1, "at": review_at, "hash": None}]
    [good] = ts_fsrs_cards(tab, server, [(3, got_at)])
    [again] = ts_fsrs_cards(tab, server, [(1, review_at)])
    assert lora["card"]["due"] == good["due"] and lora["card"]["stability"] == good["stability"]
    assert dpo["card"]["due"] == again["due"] and dpo["card"]["difficulty"] == again["difficulty"]
    # Both are due by now (1 December): Good on 20 November and Again on 30 November.
    due = tab.locator("[data-ftp-due] [data-ftp-due-list] li")
    assert sorted(li.get_attribute("data-question-id") for li in due.all()) == ["lora", "sft-vs-dpo"]
    assert tab.locator("[data-ftp-list=home] [data-ftp-message]").inner_text() == ""
    tab.reload()
    assert stored(tab) == data, "migrated once; loading again changes nothing"


# ---- answers that changed ------------------------------------------------------------------------


def test_a_changed_answer_returns_to_the_queue_with_a_notice_and_its_date(clocked, server, page):
    tab = clocked
    mount = page("questions/lora/").select_one(".ftp-study[data-question-id=lora]")
    tab.goto(server + "questions/lora/")
    tab.locator("details.ftp-answer > summary").click()
    tab.locator('[data-ftp-grade="good"]').click()
    entry = stored(tab)["questions"]["lora"]
    assert entry["reviews"][-1]["hash"] == mount["data-answer-hash"], "the grade stores the answer's hash"
    assert tab.locator("[data-ftp-changed]").is_hidden()
    tab.goto(server)
    assert tab.locator("[data-ftp-due-list] li").count() == 0

    # The bank's answer changes after the grade: the stored hash is now an older one.
    data = stored(tab)
    data["questions"]["lora"]["reviews"][-1]["hash"] = "0123456789abcdef"
    set_state(tab, data)
    tab.reload()
    item = tab.locator("[data-ftp-due-list] li[data-question-id=lora]")
    assert "This answer was updated since you studied it" in item.inner_text()
    assert tab.locator("[data-ftp-due-total]").inner_text() == "1 question is due today."
    tab.goto(server + "questions/lora/")
    notice = tab.locator("[data-ftp-changed]")
    changed = datetime.fromisoformat(mount["data-answer-changed"])
    assert notice.inner_text() == (
        f"This answer was updated since you studied it (on {changed.day} {changed:%B %Y}): it is back in your reviews."
    )
    assert tab.locator(".ftp-self-test [data-ftp-badge]").inner_text() == "Review again"
    # Studying it again against the new answer clears the notice and the queue.
    tab.locator("details.ftp-answer > summary").click()
    tab.locator('[data-ftp-grade="good"]').click()
    assert notice.is_hidden()
    tab.goto(server)
    assert tab.locator("[data-ftp-due-list] li").count() == 0


# ---- import merges ---------------------------------------------------------------------------------


def test_import_merges_newer_review_wins_and_unknown_ids_are_kept_aside(clocked, server, tmp_path):
    tab = clocked
    for qid in ("lora", "model-merging"):
        tab.goto(server + f"questions/{qid}/")
        tab.locator("details.ftp-answer > summary").click()
        tab.locator('[data-ftp-grade="good"]').click()
    tab.goto(server)
    with tab.expect_download() as download:
        tab.locator('[data-ftp-action="export"]').click()
    exported = json.loads(download.value.path().read_text())
    assert exported["version"] == 2 and set(exported["questions"]) == {"lora", "model-merging"}
    assert exported == {**tab.evaluate("() => ftpStudy.exportState()"), "exported": exported["exported"]}

    # A file from another device: lora graded Again later (wins), model-merging earlier (loses), one new
    # question, one id this site does not have.
    theirs = json.loads(json.dumps(exported))
    later = iso(START + timedelta(hours=5))
    theirs["questions"]["lora"]["reviews"].append({"rating": 1, "at": later, "hash": None})
    theirs["questions"]["model-merging"]["reviews"][-1]["at"] = iso(START - timedelta(days=2))
    theirs["questions"]["sft-vs-dpo"] = theirs["questions"]["lora"]
    theirs["questions"]["no-such-question"] = theirs["questions"]["model-merging"]
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(theirs))
    with tab.expect_file_chooser() as chooser:
        tab.locator('[data-ftp-action="import"]').click()
    chooser.value.set_files(str(path))
    message = tab.locator("[data-ftp-list=home] [data-ftp-message]")
    message.filter(has_text="Imported").wait_for()
    text = message.inner_text()
    assert "progress for 2 question(s) updated" in text and "1 kept as they were" in text
    assert "1 entry for questions this site does not have (no-such-question) were kept aside" in text
    data = stored(tab)
    assert data["questions"]["lora"]["reviews"][-1] == {"rating": 1, "at": later, "hash": None}
    assert data["questions"]["model-merging"] == exported["questions"]["model-merging"], "mine was more recent"
    assert set(data["questions"]) == {"lora", "model-merging", "sft-vs-dpo"}
    assert set(data["aside"]) == {"no-such-question"}

    # The same merge through the API a "move my progress" link will call: nothing new the second time.
    report = tab.evaluate("(obj) => ftpStudy.mergeState(obj)", theirs)
    assert report == {"saved": True, "added": 0, "updated": 0, "kept": 3, "unknown": ["no-such-question"]}
    assert tab.evaluate("() => ftpStudy.mergeState({format: 'x'})") == {
        "error": "it is not a progress file from this site"
    }


# ---- due today, per level --------------------------------------------------------------------------


def test_due_counts_per_level_on_home_and_practice_and_practising_them(clocked, server, bank):
    tab = clocked
    by_level = {lv.id: [q.id for q in bank.questions if q.level == lv.id] for lv in bank.levels}
    beginner, intermediate, advanced = (by_level[lv.id] for lv in bank.levels)
    marks = {
        beginner[0]: {"status": "got", "updated": iso(START - timedelta(days=10))},
        beginner[1]: {"status": "got", "updated": iso(START)},
        beginner[2]: {"status": "review", "updated": iso(START - timedelta(days=1))},
        intermediate[0]: {"status": "got", "updated": iso(START - timedelta(days=5))},
        advanced[0]: {"status": "review", "updated": iso(START)},
    }
    tab.goto(server)
    set_state(tab, v1(marks))
    tab.reload()
    cards = {qid: tab.evaluate(f"() => ftpStudy.entry('{qid}').card.due") for qid in marks}
    tomorrow = datetime(2026, 12, 2, tzinfo=UTC)
    due = {qid for qid, d in cards.items() if datetime.fromisoformat(d.replace("Z", "+00:00")) < tomorrow}
    assert beginner[1] not in due and advanced[0] not in due, "graded today: not due today"
    expected = {lv: sum(q in due for q in ids) for lv, ids in by_level.items()}
    counts = tab.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-ftp-due-count]')]"
        ".map(el => [el.dataset.ftpDueCount, Number(el.textContent)]))"
    )
    assert counts == expected
    table = tab.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-ftp-count$=\":due\"]')]"
        ".map(el => [el.dataset.ftpCount, Number(el.textContent)]))"
    )
    assert {lv: table[f"level:{lv}:due"] for lv in by_level} == expected
    listed = {li.get_attribute("data-question-id") for li in tab.locator("[data-ftp-due-list] li").all()}
    assert listed == due

    tab.goto(server + "practice/")
    assert tab.locator("[data-ftp-due-total]").inner_text() == f"{len(due)} questions are due today."
    button = tab.locator('[data-ftp-do="due"]')
    assert button.inner_text() == f"Practise the {len(due)} due questions"
    button.click()
    served = set()
    for _ in due:
        served.add(tab.locator("[data-ftp-current-question]").get_attribute("data-ftp-current-question"))
        tab.keyboard.press("a")
        tab.keyboard.press("g")
    assert served == due
    tab.goto(server)
    assert tab.locator("[data-ftp-due-total]").inner_text() == "Nothing is due today."


# ---- the study plan --------------------------------------------------------------------------------


def test_study_plan_for_an_interview_date(clocked, server, bank):
    tab = clocked
    tab.goto(server)
    [first_good] = ts_fsrs_cards(tab, server, [(3, iso(START.replace(hour=12)))])
    gap = (datetime.fromisoformat(first_good["due"].replace("Z", "+00:00")).date() - START.date()).days
    interview = START.date() + timedelta(days=14)
    tab.locator("[data-ftp-plan] > summary").click()
    tab.locator("[data-ftp-plan-date]").fill(interview.isoformat())
    tab.locator("[data-ftp-plan-date]").dispatch_event("change")
    total = len(bank.questions)
    per_day = math.ceil(total / (14 - gap))
    summary = tab.locator("[data-ftp-plan-summary]").inner_text()
    assert summary.startswith(f"14 days to study before {interview.day} December 2026. ")
    assert f"See {per_day} new questions a day ({total} not studied yet)" in summary
    assert f"after {gap} days" in tab.locator("[data-ftp-plan-result]").inner_text(), "says what twice assumes"
    rows = [
        [c.inner_text() for c in row.locator("td").all()] for row in tab.locator("[data-ftp-plan-table] tbody tr").all()
    ]
    assert len(rows) == 14 and rows[0][0] == "Tue 1 Dec" and rows[-1][0] == "Mon 14 Dec"
    fresh = [int(r[1]) for r in rows]
    reviews = [int(r[2]) for r in rows]
    assert sum(fresh) == total and max(fresh) == per_day
    last_new = max(i for i, n in enumerate(fresh) if n)
    assert last_new + gap <= 13, "the last new questions still get their second look before the interview"
    assert reviews[:gap] == [0] * gap
    for day in range(gap, 14):
        assert reviews[day] >= fresh[day - gap], f"day {day}: the questions first seen {gap} days earlier come back"
    tab.reload()
    assert tab.locator("[data-ftp-plan-date]").input_value() == interview.isoformat(), "the date is remembered"
    tab.locator("[data-ftp-plan] > summary").click()
    tab.locator("[data-ftp-plan-date]").fill(START.date().isoformat())
    tab.locator("[data-ftp-plan-date]").dispatch_event("change")
    assert tab.locator("[data-ftp-plan-summary]").inner_text() == "Pick a date after today."


# ---- accessibility and phones ----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("url", ["", "practice/", "questions/lora/"])
def test_the_new_ui_has_no_axe_violations_and_fits_the_width(browser, server, url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, timezone_id="UTC")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    try:
        tab = context.new_page()
        tab.clock.set_fixed_time(START)
        tab.goto(server)
        # Something due, something changed, and a plan: every new part of the UI is on screen.
        set_state(tab, v1({"lora": {"status": "got", "updated": iso(START - timedelta(days=9))}}))
        tab.reload()
        data = stored(tab)
        data["questions"]["lora"]["reviews"][-1]["hash"] = "0123456789abcdef"
        set_state(tab, data)
        tab.evaluate("() => localStorage.setItem('ftp-study-plan-date', '2026-12-20')")
        tab.goto(server + url, wait_until="networkidle")
        tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        tab.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        if url == "questions/lora/":
            assert tab.locator("[data-ftp-changed]").is_visible() and tab.locator("[data-ftp-grading]").is_visible()
        elif url == "":
            assert tab.locator("[data-ftp-plan-table]").is_visible() and tab.locator("[data-ftp-due-list]").is_visible()
        else:
            assert tab.locator('[data-ftp-do="due"]').is_visible()
        tab.wait_for_timeout(200)
        if url == "questions/lora/" and width == 390:
            # At 390 px the answer's wide formulas and tables scroll sideways and axe asks for them to be
            # focusable: a content issue of the page, not of study mode (reported to the lead). Check the study UI.
            violations = axe_in(tab, "#grade-yourself")
        else:
            violations = axe_violations(tab)
        assert violations == [], violations
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    finally:
        context.close()


# ---- the pure modules, imported in Chromium --------------------------------------------------------


def test_store_validation_and_merge_rules(clocked, server):
    tab = clocked
    tab.goto(server + "practice/")
    result = tab.evaluate(
        """async (base) => {
            const s = await import(base + "assets/study/store.js");
            const sched = await import(base + "assets/study/schedule.js");
            const at = (iso, rating = 3) => ({ card: sched.review(null, rating, new Date(iso)),
                                                reviews: [{ rating, at: iso, hash: null }] });
            const v2 = (questions, aside = {}) => ({ format: s.FORMAT, version: 2, questions, aside });
            const bad = s.validate(v2({ "lora": { card: { due: "soon" }, reviews: [{ rating: 3, at: "x" }] },
                                        "Bad Id": at("2026-11-01T00:00:00Z"),
                                        "learning-rate": { ...at("2026-11-01T00:00:00Z"), reviews: [{ rating: 7 }] },
                                        "model-merging": at("2026-11-01T00:00:00Z") }));
            const long = at("2026-11-01T00:00:00Z");
            long.reviews = Array.from({ length: 30 }, (_, n) =>
                ({ rating: 3, at: new Date(Date.UTC(2026, 0, n + 1)).toISOString(), hash: "0123456789abcdef" }));
            // 13:00 at UTC+2 is 11:00 UTC: older than 12:00 UTC, although "13" sorts after "12".
            const mine = s.validate(v2({ "lora": at("2026-11-30T12:00:00.000Z") })).data;
            const theirs = s.validate(v2({ "lora": at("2026-11-30T13:00:00+02:00", 1),
                                           "gone": at("2026-11-30T00:00:00Z") })).data;
            const { data, report } = s.merge(mine, theirs, new Set(["lora"]));
            return {
                kept: Object.keys(bad.data.questions),
                history: s.validate(v2({ "lora": long })).data.questions["lora"].reviews.length,
                lastOfHistory: s.validate(v2({ "lora": long })).data.questions["lora"].reviews.at(-1).at,
                winner: data.questions["lora"].reviews[0].rating,
                aside: Object.keys(data.aside), inQuestions: Object.keys(data.questions), report,
                noVersion: s.validate({ format: s.FORMAT, version: 3, questions: {} }).error,
            };
        }""",
        server,
    )
    assert result["kept"] == ["model-merging"], "a bad card, id or rating is dropped, never trusted"
    assert result["history"] == 20 and result["lastOfHistory"] == "2026-01-30T00:00:00.000Z", "the newest 20"
    assert result["winner"] == 3, "compared as times, not as text"
    assert result["aside"] == ["gone"] and result["inQuestions"] == ["lora"]
    assert result["report"] == {"added": 0, "updated": 0, "kept": 1, "unknown": ["gone"]}
    assert "different version" in result["noVersion"]


def test_relative_dates_count_calendar_days(clocked, server):
    tab = clocked
    tab.goto(server + "practice/")
    texts = tab.evaluate(
        """async (base) => {
            const w = await import(base + "assets/study/when.js");
            const now = new Date("2026-12-01T23:30:00Z");
            return ["2026-12-01T08:00:00Z", "2026-11-20T08:00:00Z", "2026-12-02T00:10:00Z", "2026-12-04T09:00:00Z"]
                .map((d) => w.relativeDue(new Date(d), now));
        }""",
        server,
    )
    assert texts == ["today", "today", "tomorrow, Wed 2 Dec", "in 3 days, Fri 4 Dec"]


def imports_of(entry: str) -> list[str]:
    return module_imports(ROOT / "docs" / "assets", f"study/{entry}")


def test_the_import_reader_follows_every_level_and_both_kinds_of_path(tmp_path):
    (tmp_path / "study").mkdir()
    (tmp_path / "lib").mkdir()
    (tmp_path / "study" / "page-x.js").write_text(
        'import { a } from "./a.js";\nimport {\n  b,\n} from "../lib/b.js";\n'
    )
    (tmp_path / "study" / "a.js").write_text('export { c } from "./c.js";\nconst s = "import x from ./no.js";\n')
    (tmp_path / "study" / "c.js").write_text("export const c = 1;\n")
    (tmp_path / "lib" / "b.js").write_text('import { a } from "../study/a.js";\n')
    assert module_imports(tmp_path, "study/page-x.js") == ["lib/b.js", "study/a.js", "study/c.js"]


@pytest.mark.parametrize(
    ("url", "entry"),
    [("questions/lora/", "question"), ("levels/beginner/", "listing"), ("", "home"), ("practice/", "practice")],
)
def test_each_entry_preloads_exactly_what_it_imports(page, url, entry):
    soup = page(url)
    links = soup.find_all("link", rel="modulepreload")
    preloaded = sorted(link["href"].split("assets/", 1)[1] for link in links)
    assert preloaded == imports_of(f"page-{entry}.js")
    # At the default (high) priority they delay the stylesheets and the first paint (overrides/main.html).
    assert {link.get("fetchpriority") for link in links} == {"low"}
    script = soup.find("script", src=lambda s: s and "assets/study/page-" in s)
    assert script["src"].endswith(f"assets/study/page-{entry}.js")
