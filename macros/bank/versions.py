"""Answer versions: a content hash per answer and the date it last changed, from a committed record.

A reader's grade stores the hash of the answer it was given against; when the hash on the page differs,
the study script tells the reader the answer was updated and puts the question back in the due queue.
The date comes from `data/answer-changes.yaml` (id -> hash and date), which `make stamp` updates and the
build checks, so two builds of one commit agree and the build never asks git.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import yaml

from .errors import BankError, Problem
from .model import Bank, Question

HASH_LENGTH = 16  # hex digits of SHA-256: 64 bits, plenty to tell one revision from the next
STAMP_HINT = "run `make stamp` to record the new version (and commit data/answer-changes.yaml)"


def answer_content(q: Question) -> dict:
    """What a reader studies: the question, its key points, the answer sections and the follow-ups.

    Hints, references, topics and diagrams are left out: fixing a link or a tag is not a new answer."""
    return {
        "question": q.question,
        "key_points": list(q.key_points),
        "answer": q.answer.model_dump(mode="json", exclude_none=True),
        "follow_ups": [f.model_dump(mode="json") for f in q.follow_ups],
    }


def answer_hash(q: Question) -> str:
    """SHA-256 of the canonical JSON of `answer_content` (sorted keys, UTF-8), shortened."""
    canonical = json.dumps(answer_content(q), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def load_changes(path: Path) -> dict[str, dict]:
    """The record {id: {"hash": str, "changed": date}}; a missing file is an empty record."""
    shown = str(path)
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise BankError(shown, [Problem(f"not valid YAML: {err}")]) from None
    raw = raw or {}
    entries = raw.get("answers") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        raise BankError(shown, [Problem("the file must be a mapping with an 'answers:' mapping; " + STAMP_HINT)])
    problems = []
    record = {}
    for qid, entry in entries.items():
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("hash"), str)
            and isinstance(entry.get("changed"), dt.date)
            and set(entry) == {"hash", "changed"}
        )
        if not ok:
            problems.append(Problem("needs exactly 'hash' (text) and 'changed' (a YYYY-MM-DD date)", question_id=qid))
            continue
        record[str(qid)] = {"hash": entry["hash"], "changed": entry["changed"]}
    if problems:
        raise BankError(shown, problems)
    return record


def check_changes(bank: Bank, record: dict[str, dict], shown: str) -> None:
    """Fail when an answer's content no longer matches its recorded hash (it changed without a new date).

    Questions not in the record yet (a new question, a copy of the bank in a test) pass and show no date;
    tests/test_answer_versions.py makes sure the real bank has all of them recorded."""
    problems = [
        Problem(
            f"the answer changed (hash {answer_hash(q)}, recorded {record[q.id]['hash']}); {STAMP_HINT}",
            question_id=q.id,
        )
        for q in bank.questions
        if q.id in record and record[q.id]["hash"] != answer_hash(q)
    ]
    if problems:
        raise BankError(shown, problems)


def stamp(bank: Bank, record: dict[str, dict], today: dt.date) -> tuple[dict[str, dict], list[str]]:
    """The record brought up to date: new or changed answers get `today`, removed questions go.

    Returns the new record (in bank order) and the ids whose entry was added or changed."""
    updated = {}
    touched = []
    for q in bank.questions:
        h = answer_hash(q)
        if q.id in record and record[q.id]["hash"] == h:
            updated[q.id] = record[q.id]
        else:
            updated[q.id] = {"hash": h, "changed": today}
            touched.append(q.id)
    return updated, touched


def dump_changes(record: dict[str, dict]) -> str:
    """The record as the committed YAML file (one short mapping per question, bank order)."""
    lines = [
        "# Answer versions: the content hash of each answer and the date it last changed.",
        "# Written by `make stamp` (scripts/stamp_answers.py); the build fails when a hash is out of date.",
        "answers:",
    ]
    for qid, entry in record.items():
        lines.append(f"  {qid}: {{hash: '{entry['hash']}', changed: {entry['changed'].isoformat()}}}")
    return "\n".join(lines) + "\n"
