"""Exports of the bank for other tools: an Anki deck, JSON and CSV.

Plain Python (genanki, csv, json); never imports MkDocs. The adapter asks for
`exports(bank, permalink)` once per build and publishes each file under
`downloads/` of the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from macros.bank import Bank

from .anki import DECK_FILENAME, anki_deck, note_guid
from .tabular import CSV_COLUMNS, questions_csv, questions_json

JSON_FILENAME = "questions.json"
CSV_FILENAME = "questions.csv"


@dataclass(frozen=True)
class Export:
    filename: str  # under downloads/
    content: bytes


def exports(
    bank: Bank,
    permalink: Callable[[str], str],
    timestamp: float | None = None,
    answer_stack: dict[str, str] | None = None,
    answer_versions: dict[str, dict] | None = None,
) -> list[Export]:
    """Every download, built from the validated bank; `permalink(qid)` is a question's absolute address."""
    return [
        Export(DECK_FILENAME, anki_deck(bank, permalink, timestamp)),
        Export(JSON_FILENAME, questions_json(bank, answer_stack, answer_versions)),
        Export(CSV_FILENAME, questions_csv(bank, permalink)),
    ]


__all__ = [
    "CSV_COLUMNS",
    "CSV_FILENAME",
    "DECK_FILENAME",
    "JSON_FILENAME",
    "Export",
    "anki_deck",
    "exports",
    "note_guid",
    "questions_csv",
    "questions_json",
]
