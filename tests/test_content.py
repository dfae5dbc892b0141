"""The answers themselves: required parts, references, formulas and quoted figures.

The code snippets are run in the answer stack by tests/test_answer_snippets.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.bank import ANSWER_RULES, load_bank
from macros.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))
KINDS = {c.id: c.kind for c in BANK.categories}


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_answer_has_every_part_its_kind_requires(question):
    rules = ANSWER_RULES[KINDS[question.category]]
    assert all(getattr(question.answer, name) for name, _ in rules.sections)
    assert 2 <= len(question.follow_ups) <= 4
    assert len(question.references) >= rules.min_references
    assert all(r.url.startswith("https://") for r in question.references)
    assert 3 <= len(question.key_points) <= 5


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_math_never_looks_like_an_html_tag(question):
    """`y_{<t}` starts a tag for Markdown's HTML parser and silently breaks the page: write `y_{< t}`."""
    for _, markdown in question.answer:
        for math in re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+)\$", markdown or "", re.S):
            assert not re.search(r"<[A-Za-z/!?]", "".join(math)), math


def test_answers_quote_the_numbers_their_figures_compute():
    """Text and figure come from the same computation, so they cannot drift apart unnoticed."""
    from macros.figures import lora, memory

    rows = {(r["rank"], r["targets"]): r["params"] for r in lora.data()}
    full_ft = round(sum(memory.data()[0]["parts"].values()))
    quoted = {
        "lora-trainable-params": [f"{rows[(8, 'q_proj, v_proj')]:,}", f"{rows[(16, 'all 7 linear layers')]:,}"],
        "finetune-memory-7b": [f"{full_ft} GB"],
    }
    for q in BANK.questions:
        text = " ".join(v for _, v in q.answer if v)
        for figure in q.figures:
            for number in quoted.get(figure, []):
                assert number in text, f"{q.id} shows {figure} but does not quote {number}"
