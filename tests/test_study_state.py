"""Study mode against bad state (Chromium): a hostile address, storage that is full of an unreadable value
or refuses to save, imports with unknown ids or dates in other time zones. Each ends with a true message."""

from __future__ import annotations

import json

import pytest
from test_study import KEY, grade, last_rating, stored

pytestmark = pytest.mark.browser

MESSAGE = "[data-ftp-list=home] [data-ftp-message]"


def progress(questions: dict) -> str:
    return json.dumps({"format": "ftp-study-progress", "version": 1, "questions": questions})


def import_file(tab, server, path) -> str:
    tab.goto(server)
    with tab.expect_file_chooser() as chooser:
        tab.locator('[data-ftp-action="import"]').click()
    chooser.value.set_files(str(path))
    tab.wait_for_function(f"() => document.querySelector('{MESSAGE}').textContent.trim() !== ''")
    return tab.locator(MESSAGE).inner_text()


@pytest.mark.parametrize("query", ["?timer=%22", "?timer=%22%5D%20x", "?timer=0'&count=abc&level=%22"])
def test_a_hostile_address_still_shows_the_mock_interview(tab, server, query):
    tab.goto(server + "practice/" + query)
    setup = tab.locator("[data-ftp-practice-setup]")
    setup.wait_for(state="visible")
    assert setup.locator("select[name=timer]").input_value() == "0"
    setup.locator("button[type=submit]").click()
    tab.locator("[data-ftp-practice-run]").wait_for(state="visible")


def test_an_unreadable_value_filling_the_storage_does_not_block_saving(tab, server):
    tab.goto(server + "questions/lora/")
    # The longest value this origin's storage takes, found by bisection; then fill it with garbage.
    room = tab.evaluate(
        """() => { let lo = 1, hi = 1 << 24;
          while (lo < hi) { const mid = (lo + hi + 1) >> 1;
            try { localStorage.setItem('probe', 'x'.repeat(mid)); lo = mid; } catch (e) { hi = mid - 1; } }
          localStorage.removeItem('probe'); return lo; }"""
    )
    tab.evaluate("([k, n]) => localStorage.setItem(k, '{' + 'x'.repeat(n))", [KEY, room - 1000])
    tab.reload()
    tab.locator("details.ftp-answer > summary").click()
    tab.locator('[data-ftp-grade="good"]').click()
    assert last_rating(tab, "lora") == 3
    notice = tab.locator(".ftp-self-test [data-ftp-message]").inner_text()
    assert "storage is full" not in notice and notice.startswith("Saved")
    assert tab.evaluate(f"localStorage.getItem('{KEY}.unreadable')") is None, "the copy that did not fit is gone"


def test_an_import_the_browser_will_not_save_is_not_reported_as_success(tab, server, tmp_path):
    grade(tab, server, "lora", "got")
    before = stored(tab)
    path = tmp_path / "progress.json"
    path.write_text(progress({"model-merging": {"status": "review", "updated": "2026-11-30T10:00:00Z"}}))
    tab.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }")
    message = import_file(tab, server, path)
    assert "could not be imported" in message and "Nothing was changed" in message and "Imported" not in message
    assert tab.locator("[data-ftp-list=home] [data-ftp-summary]").inner_text().startswith("1 / ")
    assert stored(tab) == before


def test_an_import_with_unknown_question_ids_says_what_it_skipped(tab, server, tmp_path):
    path = tmp_path / "progress.json"
    path.write_text(
        progress({"lora": {"status": "got", "updated": "2026-11-30T10:00:00Z"}, "no-such-question": {"status": "got"}})
    )
    message = import_file(tab, server, path)
    assert "progress for 1 question(s) updated" in message
    assert "1 entry for questions this site does not have (no-such-question) were kept aside" in message
    assert set(stored(tab)["questions"]) == {"lora"}
    assert set(stored(tab)["aside"]) == {"no-such-question"}, "kept, apart from the progress"


def test_the_more_recent_mark_wins_by_time_not_by_spelling(tab, server, tmp_path):
    tab.goto(server)
    mine = {"lora": {"status": "review", "updated": "2026-11-30T12:00:00.000Z"}}
    tab.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, progress(mine)])
    path = tmp_path / "progress.json"
    # 13:00 at UTC+2 is 11:00 UTC: older, although "13" sorts after "12"; a date that is not one never wins.
    path.write_text(
        progress(
            {
                "lora": {"status": "got", "updated": "2026-11-30T13:00:00+02:00"},
                "model-merging": {"status": "got", "updated": "9999-not-a-date"},
            }
        )
    )
    import_file(tab, server, path)
    data = stored(tab)["questions"]
    assert data["lora"]["reviews"] == [{"rating": 1, "at": "2026-11-30T12:00:00.000Z", "hash": None}]
    assert data["model-merging"]["reviews"] == [{"rating": 3, "at": None, "hash": None}], "no date: oldest"
