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
        data = path.read_bytes()
    except OSError as err:
        raise BankError(shown, [Problem(f"cannot read the file: {err.strerror}")]) from None
    text = _decode(data, shown)
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


def _decode(data: bytes, shown: str) -> str:
    """The file as text; a file saved in another encoding is named with the first bad byte's place."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = (
            f"not valid UTF-8: byte 0x{data[err.start]:02x} at line {line}, column {column} "
            "(saved as Windows-1252 or Latin-1?); save the file as UTF-8"
        )
        raise BankError(shown, [Problem(message, line=line)]) from None


def _question_lines(raw: dict) -> list[int | None]:
    return [getattr(q, "line", None) for q in raw.get("questions") or []]


def _problem_from(error: dict, raw: dict) -> Problem:
    """Turn one pydantic error into a Problem naming the question id and the field."""
    loc = list(error["loc"])
    message = _message(error)
    question_id, line, container = None, None, raw
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        entry = (raw.get("questions") or [])[loc[1]]
        if isinstance(entry, dict):
            question_id = entry.get("id") if isinstance(entry.get("id"), str) else f"#{loc[1] + 1}"
            if len(question_id) > 60:  # the id itself is the problem: name the entry, not 300 characters
                question_id = f"#{loc[1] + 1}"
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


_PATTERNS = {
    "url": "must be an https:// address without spaces",
    "term": "use letters, digits, spaces and & + . / ' - only, starting and ending with a letter or digit",
}
_SLUG = "must be a slug: lower-case letters and digits, joined by single hyphens"


def _message(error: dict) -> str:
    """pydantic's message, said the way the person editing the YAML needs it."""
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx") or {}
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden" and loc:
        return f"unknown field '{loc[-1]}' (misspelled?)"
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(last, _SLUG)
    if kind in ("string_too_long", "too_long"):
        length = len(error["input"]) if isinstance(error.get("input"), (str, list)) else "more"
        unit = "characters" if kind == "string_too_long" else "items"
        return f"too long: at most {ctx.get('max_length')} {unit}, has {length}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return _FRIENDLY.get(kind, error["msg"])


def _has(container: dict | list, key: object) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(key, int) and 0 <= key < len(container)
