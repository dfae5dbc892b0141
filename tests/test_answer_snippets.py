"""Every code snippet of every answer runs against the pinned answer stack (answers/requirements.txt).

Python snippets are executed to completion by the harness in answers/ (tiny stand-in models on CPU,
offline); config snippets are checked by the tool that reads them (DVC, mergekit, make, bash).
A failure names the question, the answer section and the library's error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from answers.client import run_in_answer_stack
from answers.harness.checks import CHECKS
from macros.bank import load_bank
from macros.bank.snippets import bank_snippets
from macros.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
ANSWERS_PYTHON = Path(os.environ.get("ANSWERS_PYTHON", ROOT / ".venv-answers" / "bin" / "python"))
BANK = load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))
SNIPPETS = [s for s in bank_snippets(BANK) if s.runs]


@pytest.fixture(scope="session")
def results() -> dict[str, dict]:
    if not ANSWERS_PYTHON.exists():
        pytest.fail(f"the answer stack is not installed at {ANSWERS_PYTHON}: run `make answers-stack`")
    return run_in_answer_stack(SNIPPETS, ANSWERS_PYTHON)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_snippet_runs_in_the_answer_stack(snippet, results):
    result = results[snippet.id]
    assert result["ok"], (
        f"question '{snippet.question}', answer section '{snippet.section}', {snippet.lang} snippet "
        f"{snippet.number} failed in the answer stack:\n{result['error']}"
    )


@pytest.mark.parametrize("snippet", [s for s in SNIPPETS if s.lang == "python"], ids=lambda s: s.id)
def test_python_snippet_checks_something(snippet):
    """Running to the end is not enough: each snippet asserts a number or behaviour the answer relies on."""
    assert re.search(r"^\s*assert\b", snippet.code, re.M), f"{snippet.id}: add an assert on what the prose claims"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_no_hand_typed_api_versions(snippet):
    """The page states the pinned stack; a version typed into a comment drifts from it."""
    assert not re.search(r"#\s*API:", snippet.code), f"{snippet.id}: drop the '# API:' comment"


def test_every_language_has_a_checker():
    languages = {s.lang for s in SNIPPETS}
    checked = {"python", *CHECKS}
    assert languages <= checked, f"no checker for {languages - checked}: add one to answers/harness/checks.py"


def test_pages_with_code_name_the_pinned_stack(page):
    """The versions on the page come from answers/requirements.txt, not from a hand-typed comment."""
    from macros.bank.stack import ML_LIBRARIES, load_answer_stack

    stack = load_answer_stack(ROOT / "answers" / "requirements.txt").pinned
    assert {"torch", "transformers", "peft", "trl", "datasets", "numpy"} <= set(stack)
    python = [s for s in SNIPPETS if s.lang == "python"]
    for q in BANK.questions:
        note = page(f"questions/{q.id}/").select_one(".ftp-stack")
        mine = [s for s in python if s.question == q.id]
        if not mine:
            assert note is None, q.id
            continue
        assert note is not None, f"{q.id} has code but does not name the stack"
        text = note.get_text(" ", strip=True)
        code = "\n".join(s.code for s in mine)
        if any(re.search(rf"^\s*(from|import)\s+{lib.replace('-', '_')}\b", code, re.M) for lib in ML_LIBRARIES):
            for name in ("transformers", "peft", "trl"):
                assert f"{name} {stack[name]}" in text, (q.id, text)
        if re.search(r"^\s*(from|import)\s+numpy\b", code, re.M):
            assert f"numpy {stack['numpy']}" in text, (q.id, text)
