"""The downloads built from the bank: the Anki deck read back from its SQLite collection, JSON and CSV."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from macros.bank import Bank
from macros.bank.stack import load_answer_stack
from macros.exports import CSV_COLUMNS, anki_deck
from macros.exports.anki import DECK_ID, DECK_NAME, FIELDS, MODEL_ID


def fold(text: str) -> str:
    return " ".join(text.split())


def read_apkg(content: bytes, tmp_path: Path) -> dict:
    """Open an .apkg like Anki does: a zip holding `collection.anki2`, an SQLite database."""
    with zipfile.ZipFile(io.BytesIO(content)) as apkg:
        assert set(apkg.namelist()) == {"collection.anki2", "media"}
        assert json.loads(apkg.read("media")) == {}
        db = tmp_path / f"collection-{hashlib.sha1(content).hexdigest()}.anki2"
        db.write_bytes(apkg.read("collection.anki2"))
    with sqlite3.connect(db) as conn:
        notes = conn.execute("SELECT id, guid, mid, mod, tags, flds, sfld FROM notes ORDER BY id").fetchall()
        cards = conn.execute("SELECT nid, did FROM cards").fetchall()
        models, decks = (json.loads(v) for v in conn.execute("SELECT models, decks FROM col").fetchone())
    return {
        "notes": [
            {"id": n[0], "guid": n[1], "mid": n[2], "mod": n[3], "tags": n[4].split(), "fields": n[5].split("\x1f")}
            for n in notes
        ],
        "cards": cards,
        "models": models,
        "decks": decks,
    }


@pytest.fixture(scope="module")
def deck(site, tmp_path_factory):
    return read_apkg(
        (site / "downloads" / "fine-tuning-interview-prep.apkg").read_bytes(), tmp_path_factory.mktemp("apkg")
    )


def expected_guid(question_id: str) -> str:
    """genanki.guid_for("fine-tuning-interview-prep", id), written out: a base-91 encoding of a SHA-256 prefix.

    Recomputed here independently, so the test fails if the GUID stops being a pure function of the id."""
    digits = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
    number = int(hashlib.sha256(f"fine-tuning-interview-prep__{question_id}".encode()).hexdigest()[:16], 16)
    out = []
    while number:
        number, rem = divmod(number, len(digits))
        out.append(digits[rem])
    return "".join(reversed(out))


def test_the_deck_has_one_note_per_question_with_its_fields_and_tags(bank, deck):
    notes = {n["fields"][FIELDS.index("Id")]: n for n in deck["notes"]}
    assert list(notes) == [q.id for q in bank.questions], "one note per question, in study order"
    titles = {x.id: x.title for x in [*bank.levels, *bank.categories, *bank.topics]}
    for q in bank.questions:
        note = notes[q.id]
        fields = dict(zip(FIELDS, note["fields"], strict=True))
        for name, value in [
            ("Question", fold(q.question)),
            ("Level", titles[q.level]),
            ("Category", titles[q.category]),
            ("Topics", ", ".join(titles[t] for t in q.topics)),
            ("Hint", fold(q.hint)),
        ]:
            assert "<" not in fields[name] and html.unescape(fields[name]) == value, (q.id, name)
        points = re.findall(r"<li>(.*?)</li>", fields["KeyPoints"])
        assert [html.unescape(p) for p in points] == [fold(p) for p in q.key_points]
        assert re.fullmatch(rf"https?://[^/]+/(?:.+/)?questions/{q.id}/", fields["Link"]), fields["Link"]
        assert sorted(note["tags"]) == sorted(
            [f"level::{q.level}", f"category::{q.category}", *(f"topic::{t}" for t in q.topics)]
        )
        assert note["mid"] == MODEL_ID


def test_note_guids_are_derived_from_the_question_ids(bank, deck):
    guids = {n["fields"][FIELDS.index("Id")]: n["guid"] for n in deck["notes"]}
    assert guids == {q.id: expected_guid(q.id) for q in bank.questions}
    assert len(set(guids.values())) == len(guids)


def test_ids_stay_the_same_across_builds_edits_and_reordering(bank, tmp_path):
    """What makes re-importing a newer deck update cards instead of duplicating them."""
    first = read_apkg(anki_deck(bank, lambda qid: f"https://a.example/questions/{qid}/", 1_700_000_000), tmp_path)
    edited = [
        q.model_copy(update={"question": q.question + " (edited)", "hint": "New hint."})
        for q in reversed(bank.questions)
    ]
    later_bank = Bank.model_validate(bank.model_copy(update={"questions": edited}).model_dump())
    later = read_apkg(anki_deck(later_bank, lambda qid: f"https://b.example/questions/{qid}/", 1_800_000_000), tmp_path)

    def by_id(d):
        return {n["fields"][FIELDS.index("Id")]: n for n in d["notes"]}

    a, b = by_id(first), by_id(later)
    assert {k: v["guid"] for k, v in a.items()} == {k: v["guid"] for k, v in b.items()}
    assert all(b[k]["mod"] > a[k]["mod"] for k in a), "a newer deck's notes are newer, so Anki updates them"
    assert b["lora"]["fields"][0].endswith("(edited)")
    assert set(first["models"]) == set(later["models"]) == {str(MODEL_ID)}
    assert str(DECK_ID) in first["decks"] and str(DECK_ID) in later["decks"]


def test_model_templates_and_deck(deck):
    model = deck["models"][str(MODEL_ID)]
    assert [f["name"] for f in model["flds"]] == list(FIELDS)
    (card,) = model["tmpls"]
    assert "{{Question}}" in card["qfmt"] and "{{Level}}" in card["qfmt"] and "{{Category}}" in card["qfmt"]
    assert all(f"{{{{{f}}}}}" in card["afmt"] for f in ("Hint", "KeyPoints", "Link"))
    assert "{{Hint}}" not in card["qfmt"], "the hint is on the back"
    assert deck["decks"][str(DECK_ID)]["name"] == DECK_NAME
    assert {did for _, did in deck["cards"]} == {DECK_ID}
    assert sorted(nid for nid, _ in deck["cards"]) == sorted(n["id"] for n in deck["notes"]), "one card per note"


def test_bank_text_is_escaped_in_the_deck(bank, tmp_path):
    tricky = bank.questions[0].model_copy(update={"question": 'Is <b>bold</b> & "quoted" text safe?'})
    changed = bank.model_copy(update={"questions": [tricky, *bank.questions[1:]]})
    notes = read_apkg(anki_deck(changed, lambda qid: f"https://x/{qid}/", 1_700_000_000), tmp_path)["notes"]
    first = notes[0]["fields"][0]
    assert "<b>" not in first and first == "Is &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34; text safe?"


def test_json_holds_the_whole_validated_bank(bank, site):
    data = json.loads((site / "downloads" / "questions.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schema" / "questions.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
    assert data["about"]["license"] == "CC-BY-4.0"
    assert data["about"]["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    # The same versions the question pages name, from answers/requirements.txt.
    assert data["about"]["code_checked_with"] == load_answer_stack(ROOT / "answers" / "requirements.txt").direct
    assert {"torch", "transformers", "peft", "trl"} <= set(data["about"]["code_checked_with"])
    round_trip = Bank.model_validate(data).model_copy(update={"about": None, "answer_versions": None})
    assert round_trip == bank, "the JSON round-trips to the bank"


def test_csv_holds_every_question(bank, site):
    raw = (site / "downloads" / "questions.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["id"] for r in rows] == [q.id for q in bank.questions]
    for n, (row, q) in enumerate(zip(rows, bank.questions, strict=True), start=1):
        assert int(row["number"]) == n
        assert (row["level"], row["category"]) == (q.level, q.category)
        assert row["topics"].split("; ") == q.topics
        assert row["question"] == fold(q.question) and row["hint"] == fold(q.hint)
        assert row["key_points"].split("\n") == [fold(p) for p in q.key_points]
        assert row["url"].endswith(f"/questions/{q.id}/")


def test_download_page_links_and_explains_each_file(page, site):
    downloads = page("downloads/")
    article = downloads.find("article")
    hrefs = {a["href"] for a in article.find_all("a", href=True)}
    for name in ("fine-tuning-interview-prep.apkg", "questions.json", "questions.csv"):
        assert name in hrefs, name
        assert (site / "downloads" / name).stat().st_size > 1000, name
    assert {h["id"] for h in article.find_all("h2")} >= {"anki", "json", "csv"}
    text = "".join(article.get_text().split())
    assert "tag:level::beginner" in text and ",".join(CSV_COLUMNS) in text
    nav = [a["href"] for a in page("").select("nav.md-nav--primary a[href]")]
    assert any(h.endswith("downloads/") for h in nav) and any(h.endswith("practice/") for h in nav)


def test_the_deck_is_reproducible_for_a_given_timestamp(bank):
    def build(stamp):
        return anki_deck(bank, lambda qid: f"https://x/questions/{qid}/", stamp)

    assert build(1_700_000_000) == build(1_700_000_000)
    assert build(1_700_000_000) != build(1_700_000_001)
