"""Answer versions: a content hash per answer on its page and in questions.json, the date it changed from
the committed record (data/answer-changes.yaml), and a build that refuses an answer edited without `make stamp`."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, build_site, copy_project
from macros.bank.versions import answer_hash, dump_changes, load_changes, stamp

RECORD = ROOT / "data" / "answer-changes.yaml"


def test_every_answer_of_the_bank_is_recorded_with_its_current_hash(bank):
    record = load_changes(RECORD)
    stale = [q.id for q in bank.questions if record.get(q.id, {}).get("hash") != answer_hash(q)]
    assert stale == [], "run `make stamp` and commit data/answer-changes.yaml"
    assert set(record) == {q.id for q in bank.questions}, "no entry for a removed question"
    assert RECORD.read_text(encoding="utf-8") == dump_changes(record), "the file is as `make stamp` writes it"


def test_the_hash_follows_what_a_reader_studies_and_nothing_else(bank):
    q = next(q for q in bank.questions if q.references and q.follow_ups)
    h = answer_hash(q)
    assert re.fullmatch(r"[0-9a-f]{16}", h)
    assert answer_hash(q.model_copy(update={"references": q.references[:-1]})) == h, "a fixed link is not a new answer"
    assert answer_hash(q.model_copy(update={"hint": q.hint + " More."})) == h
    assert answer_hash(q.model_copy(update={"key_points": [*q.key_points[:-1], "Changed."]})) != h
    assert answer_hash(q.model_copy(update={"follow_ups": q.follow_ups[:-1]})) != h
    section = q.answer.model_copy(update={"short": (q.answer.short or "") + " And one more sentence."})
    assert answer_hash(q.model_copy(update={"answer": section})) != h


def test_stamp_dates_only_new_and_changed_answers(bank):
    old = dt.date(2026, 11, 1)
    record = {q.id: {"hash": answer_hash(q), "changed": old} for q in bank.questions}
    first, second = bank.questions[0].id, bank.questions[1].id
    record[first]["hash"] = "0" * 16
    del record[second]
    record["gone"] = {"hash": "1" * 16, "changed": old}
    updated, touched = stamp(bank, record, dt.date(2026, 12, 1))
    assert touched == [first, second]
    assert updated[first]["changed"] == updated[second]["changed"] == dt.date(2026, 12, 1)
    assert {updated[q.id]["changed"] for q in bank.questions[2:]} == {old}
    assert "gone" not in updated and list(updated) == [q.id for q in bank.questions]


def test_question_page_home_practice_and_json_carry_the_hash_and_the_date(page, site, bank):
    record = load_changes(RECORD)
    q = next(q for q in bank.questions if q.id == "lora")
    mount = page("questions/lora/").select_one(".ftp-study[data-question-id=lora]")
    assert mount["data-answer-hash"] == answer_hash(q)
    assert mount["data-answer-changed"] == record["lora"]["changed"].isoformat()
    stamp_line = page("questions/lora/").select_one(".ftp-answer .ftp-answer-version time")
    assert stamp_line["datetime"] == record["lora"]["changed"].isoformat()
    home = page("").select_one("[data-ftp-list=home] li[data-question-id=lora]")
    assert home["data-answer-hash"] == answer_hash(q)
    practice = page("practice/").select_one(".ftp-practice-item[data-question-id=lora]")
    assert practice["data-answer-hash"] == answer_hash(q)
    versions = json.loads((site / "downloads" / "questions.json").read_text(encoding="utf-8"))["answer_versions"]
    assert versions["lora"] == {"hash": answer_hash(q), "changed": record["lora"]["changed"].isoformat()}
    assert set(versions) == {x.id for x in bank.questions}


def test_an_answer_edited_without_stamping_fails_the_build_until_make_stamp(tmp_path, caplog, bank):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "questions.yaml"
    q = bank.questions[0]
    text = path.read_text(encoding="utf-8")
    point = q.key_points[0]
    assert text.count(point) >= 1
    path.write_text(text.replace(point, point + " (revised)", 1), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert f"data/answer-changes.yaml: question '{q.id}': the answer changed" in caplog.text
    assert "run `make stamp`" in caplog.text

    # The stamping script, run on the copy, records the new version with the given date; the build passes.
    (project / "scripts").mkdir()
    script = (ROOT / "scripts" / "stamp_answers.py").read_text(encoding="utf-8")
    (project / "scripts" / "stamp_answers.py").write_text(script, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "scripts/stamp_answers.py", "--date", "2026-12-24"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"1 answer(s) stamped 2026-12-24 ({q.id})" in out
    site = build_site(project, tmp_path / "site")
    html = (site / "questions" / q.id / "index.html").read_text(encoding="utf-8")
    assert 'data-answer-changed="2026-12-24"' in html and "24 December 2026" in html
