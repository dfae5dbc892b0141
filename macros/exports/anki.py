"""The Anki deck: one note per question, built with genanki.

Front: the question with its level and category. Back: the hint, the key
points and a link to the full answer. Tags: `level::<id>`, `category::<id>`,
`topic::<id>`. Each note's GUID (what Anki matches on import) is derived from
the question id, and the model and deck ids are constants, so importing a newer
deck updates the reader's cards (and keeps their review history) instead of
adding duplicates. Card templates and field markup live in `templates/`.
"""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import genanki
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from macros.bank import Bank, Question

DECK_FILENAME = "fine-tuning-interview-prep.apkg"
DECK_NAME = "Fine-Tuning Interview Prep"
# Fixed forever: changing either makes Anki treat a new deck as a different one.
MODEL_ID = 1_607_392_319
DECK_ID = 2_059_400_110
GUID_NAMESPACE = "fine-tuning-interview-prep"
FIELDS = ("Question", "Level", "Category", "Topics", "Hint", "KeyPoints", "Link", "Id")

TEMPLATES = Path(__file__).parent / "templates"


def note_guid(question_id: str) -> str:
    """The note's stable identity in Anki, from the question id alone."""
    return genanki.guid_for(GUID_NAMESPACE, question_id)


def tags(q: Question) -> list[str]:
    return [f"level::{q.level}", f"category::{q.category}", *(f"topic::{t}" for t in q.topics)]


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True, trim_blocks=True)


def _field(name: str, **context) -> str:
    """A field's HTML from its template (auto-escaped: bank text always shows as text)."""
    return _templates().get_template(f"field_{name}.html.j2").render(**context).strip()


def _model() -> genanki.Model:
    card = {
        "name": "Question",
        "qfmt": (TEMPLATES / "card_front.html").read_text(encoding="utf-8"),
        "afmt": (TEMPLATES / "card_back.html").read_text(encoding="utf-8"),
    }
    return genanki.Model(
        MODEL_ID,
        f"{DECK_NAME} question",
        fields=[{"name": f} for f in FIELDS],
        templates=[card],
        css=(TEMPLATES / "card.css").read_text(encoding="utf-8"),
    )


def _note(model: genanki.Model, bank: Bank, q: Question, permalink: Callable[[str], str]) -> genanki.Note:
    levels = {lv.id: lv.title for lv in bank.levels}
    categories = {c.id: c.title for c in bank.categories}
    topics = {t.id: t.title for t in bank.topics}
    fields = {
        "Question": _field("text", text=q.question),
        "Level": _field("text", text=levels[q.level]),
        "Category": _field("text", text=categories[q.category]),
        "Topics": _field("text", text=", ".join(topics[t] for t in q.topics)),
        "Hint": _field("text", text=q.hint),
        "KeyPoints": _field("key_points", points=q.key_points),
        "Link": _field("text", text=permalink(q.id)),
        "Id": _field("text", text=q.id),
    }
    return genanki.Note(model=model, fields=[fields[f] for f in FIELDS], tags=tags(q), guid=note_guid(q.id))


def anki_deck(bank: Bank, permalink: Callable[[str], str], timestamp: float | None = None) -> bytes:
    """The `.apkg` file's bytes. `timestamp` (default: now) is the notes' modification time."""
    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description=(TEMPLATES / "deck_description.html").read_text().strip())
    for q in bank.questions:
        deck.add_note(_note(model, bank, q, permalink))
    package = genanki.Package(deck)
    timestamp = time.time() if timestamp is None else timestamp
    # What genanki's write_to_file does, in a directory that is removed afterwards.
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        conn.close()
        out = io.BytesIO()
        # Entries dated `timestamp`, not the temporary file's mtime or now: reproducible builds.
        stamp = time.gmtime(max(timestamp, 315532800))[:6]  # zip dates start in 1980
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as apkg:
            for name, data in (("collection.anki2", db_path.read_bytes()), ("media", json.dumps({}))):
                apkg.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
