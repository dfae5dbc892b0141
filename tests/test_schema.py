"""The published JSON Schema matches the model, and the real bank passes it (what editors check as you type)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from macros.bank.schema import bank_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "questions.schema.json"


def test_committed_schema_is_up_to_date():
    assert SCHEMA.read_text() == schema_text(), "run `make schema` and commit the result"


def test_the_bank_validates_against_the_schema():
    bank = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text())
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(bank)


def test_the_schema_rejects_a_misspelled_field():
    bank = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text())
    bank["questions"][0]["hnit"] = "typo"
    errors = list(jsonschema.Draft202012Validator(bank_schema()).iter_errors(bank))
    assert any("hnit" in e.message for e in errors)


def test_the_bank_file_points_editors_at_the_schema():
    first_line = (ROOT / "data" / "questions.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/questions.schema.json"
