"""The bank as JSON (the validated model, as the JSON Schema describes it) and as CSV (one row per question)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from macros.bank import Bank
from macros.bank.model import About, AnswerVersion
from macros.bank.versions import answer_hash

CSV_COLUMNS = ("id", "number", "level", "category", "topics", "question", "hint", "key_points", "url")
LIST_SEPARATOR = "; "  # topics (slugs) in one cell
POINT_SEPARATOR = "\n"  # key points in one cell, one per line
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Bank text for a spreadsheet cell: a leading apostrophe keeps a would-be formula as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


CONTENT_LICENSE = About(
    title="Fine-Tuning Interview Prep question bank",
    license="CC-BY-4.0",
    license_url="https://creativecommons.org/licenses/by/4.0/",
    attribution="Fine-Tuning Interview Prep contributors, licensed under CC BY 4.0; link to the question you reuse.",
)


def questions_json(
    bank: Bank, answer_stack: dict[str, str] | None = None, answer_versions: dict[str, dict] | None = None
) -> bytes:
    """The whole bank as validated, with absent answer sections left out and, under `about`, its licence
    and the library versions its code is tested with; under `answer_versions` each answer's content hash
    and the date it last changed (when recorded); valid against the bank's JSON Schema."""
    about = CONTENT_LICENSE.model_copy(update={"code_checked_with": answer_stack or None})
    recorded = answer_versions or {}
    versions = {}
    for q in bank.questions:
        h = answer_hash(q)
        changed = recorded[q.id]["changed"].isoformat() if recorded.get(q.id, {}).get("hash") == h else None
        versions[q.id] = AnswerVersion(hash=h, changed=changed)
    data = bank.model_copy(update={"about": about, "answer_versions": versions}).model_dump(
        mode="json", exclude_none=True
    )
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def questions_csv(bank: Bank, permalink: Callable[[str], str]) -> bytes:
    """One row per question in study order; RFC 4180 quoting, UTF-8, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, q in enumerate(bank.questions, start=1):
        writer.writerow(
            [
                q.id,
                number,
                q.level,
                q.category,
                LIST_SEPARATOR.join(q.topics),
                cell(" ".join(q.question.split())),
                cell(" ".join(q.hint.split())),
                cell(POINT_SEPARATOR.join(" ".join(p.split()) for p in q.key_points)),
                permalink(q.id),
            ]
        )
    return out.getvalue().encode("utf-8")
