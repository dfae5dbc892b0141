"""Export the bank's JSON Schema, so editors can check questions.yaml as people type.

`python -m macros.bank.schema > schema/questions.schema.json` (or `make schema`);
a test fails when the committed file is out of date.
"""

from __future__ import annotations

import json

from .model import Bank


def bank_schema() -> dict:
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Fine-Tuning Interview Prep question bank"
    return schema


def schema_text() -> str:
    return json.dumps(bank_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
