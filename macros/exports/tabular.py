"""The bank as JSON (the validated model, as the JSON Schema describes it) and as CSV (one row per question)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from macros.bank import Bank

CSV_COLUMNS = ("id", "number", "level", "category", "topics", "question", "hint", "key_points", "url")
LIST_SEPARATOR = "; "  # topics (slugs) in one cell
POINT_SEPARATOR = "\n"  # key points in one cell, one per line


def questions_json(bank: Bank) -> bytes:
    """The whole bank as validated, with absent answer sections left out; valid against the bank's JSON Schema."""
    data = bank.model_dump(mode="json", exclude_none=True)
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
                " ".join(q.question.split()),
                " ".join(q.hint.split()),
                POINT_SEPARATOR.join(" ".join(p.split()) for p in q.key_points),
                permalink(q.id),
            ]
        )
    return out.getvalue().encode("utf-8")
