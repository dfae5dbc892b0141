"""Quick-check drills: true and false statements made from a question's own text.

Layer 1 (plain Python, no MkDocs). Each key point is a true statement. Each item of "What weak
answers get wrong" is a false one: its bold lead is the misconception (inside quotes it is a
claim, without quotes a way of answering), the rest of the item explains why it is wrong.
Behavioral questions have "Red flags" instead: each item is a way of answering a strong answer
avoids. A section whose items cannot be split is a bank problem, reported like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .errors import Problem

# Which answer section holds the mistakes, by the question's kind (see rules.ANSWER_RULES).
MISTAKE_SECTIONS = {"technical": "weak_answers", "scenario": "weak_answers", "behavioral": "red_flags"}

_BOLD_LEAD = re.compile(r"\*\*(?P<lead>.+?)\*\*(?P<rest>.*)", re.S)
_QUOTED = re.compile(r'^["“](?P<claim>[^"“”]+)["”][.,;:!?]?$')


@dataclass(frozen=True)
class Statement:
    """One line of a drill. `text` and `explanation` are Markdown (key points: plain text)."""

    text: str
    true: bool
    kind: Literal["claim", "practice"]  # a claim about the world, or a way of answering
    source: Literal["key_point", "weak_answer", "red_flag"]
    explanation: str = ""


class DrillError(ValueError):
    """An item the drill cannot split; the message says which and how to write it."""


def bullet_items(markdown: str) -> list[str]:
    """The items of a flat Markdown bullet list (`- ` at the margin, continuation lines indented)."""
    items: list[str] = []
    for number, line in enumerate(markdown.strip().splitlines(), start=1):
        if line.startswith(("- ", "* ")):
            items.append(line[2:].strip())
        elif not line.strip():
            continue
        elif line.startswith((" ", "\t")) and items:
            items[-1] += "\n" + line.strip()
        else:
            raise DrillError(f"line {number} of the section is not part of a bullet list: {_quote(line)}")
    if not items:
        raise DrillError("the section has no bullet items ('- ' at the start of a line)")
    return items


def weak_answer_statement(item: str, number: int = 1) -> Statement:
    """`**"Misconception."** Why it is wrong.` -> a false claim; `**Doing X.** Why not.` -> a false practice."""
    match = _BOLD_LEAD.fullmatch(item)
    if not match or not match["rest"].strip():
        raise DrillError(
            f"item {number} {_quote(item)} has no bold lead to split off: write it as "
            '- **"The misconception."** Why it is wrong.'
        )
    lead, rest = match["lead"].strip(), match["rest"].strip()
    quoted = _QUOTED.match(lead)
    if quoted:
        claim = quoted["claim"].strip()
        claim += "" if claim.endswith((".", "?", "!")) else "."
        return Statement(text=claim, true=False, kind="claim", source="weak_answer", explanation=rest)
    return Statement(text=lead, true=False, kind="practice", source="weak_answer", explanation=rest)


def drill(question, kind: str) -> list[Statement]:
    """Every statement of a question's drill, key points first (the page shuffles them)."""
    statements = [Statement(text=p, true=True, kind="claim", source="key_point") for p in question.key_points]
    section = MISTAKE_SECTIONS[kind]
    markdown = getattr(question.answer, section)
    if markdown is None:
        return statements
    items = bullet_items(markdown)
    if section == "red_flags":
        return statements + [Statement(text=i, true=False, kind="practice", source="red_flag") for i in items]
    return statements + [weak_answer_statement(item, n) for n, item in enumerate(items, start=1)]


def drill_problems(question, kind: str, line: int | None) -> list[Problem]:
    """The bank problem a question's drill has, if any (checked with the rest of the bank)."""
    section = MISTAKE_SECTIONS[kind]
    try:
        drill(question, kind)
    except DrillError as err:
        return [
            Problem(
                f"cannot make the quick-check drill: {err}",
                question_id=question.id,
                field=f"answer.{section}",
                line=line,
            )
        ]
    return []


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"
