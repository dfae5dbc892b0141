"""Read `data/questions.yaml` into a validated `Bank`, or fail with every problem named.

The one entry point the rest of the project uses: `load_bank(path)`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import BankError, Problem
from .model import Bank
from .rules import check_bank
from .yaml_loader import LineDict, load_yaml

_FRIENDLY = {
    "missing": "required field is missing",
    "string_too_short": "must not be empty",
    "extra_forbidden": "unknown field (misspelled?)",
}


def load_bank(path: str | Path, known_figures: frozenset[str] = frozenset()) -> Bank:
    """Parse and validate the bank; raise BankError listing every problem found."""
    path = Path(path)
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise BankError(shown, [Problem(f"cannot read the file: {err.strerror}")]) from None
    raw = load_yaml(text, shown)
    if not isinstance(raw, dict):
        raise BankError(shown, [Problem("the file must be a mapping with a 'questions:' list", line=1)])
    try:
        bank = Bank.model_validate(raw)
    except ValidationError as err:
        raise BankError(shown, [_problem_from(e, raw) for e in err.errors()]) from None
    lines = {q.id: line for q, line in zip(bank.questions, _question_lines(raw), strict=True)}
    problems = check_bank(bank, lines, known_figures)
    if problems:
        raise BankError(shown, problems)
    return bank


def _question_lines(raw: dict) -> list[int | None]:
    return [getattr(q, "line", None) for q in raw.get("questions") or []]


def _problem_from(error: dict, raw: dict) -> Problem:
    """Turn one pydantic error into a Problem naming the question id and the field."""
    loc = list(error["loc"])
    message = _FRIENDLY.get(error["type"], error["msg"])
    if error["type"] == "extra_forbidden" and loc:
        message = f"unknown field '{loc[-1]}' (misspelled?)"
    question_id, line, container = None, None, raw
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        entry = (raw.get("questions") or [])[loc[1]]
        if isinstance(entry, dict):
            question_id = entry.get("id") if isinstance(entry.get("id"), str) else f"#{loc[1] + 1}"
            line = getattr(entry, "line", None)
            container = entry
        else:
            question_id = f"#{loc[1] + 1}"
        loc = loc[2:]
    # Point at the deepest mapping we can find, for the most precise line.
    for part in loc:
        nxt = container[part] if isinstance(container, (dict, list)) and _has(container, part) else None
        if isinstance(nxt, LineDict):
            line = nxt.line
        container = nxt
    field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")
    if question_id is None and not loc:
        field = None
    return Problem(message, question_id=question_id, field=field or None, line=line)


def _has(container: dict | list, key: object) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(key, int) and 0 <= key < len(container)
