"""The code snippets of the answers, as data: which question, which section, which language.

The tests hand them to the answer-stack harness (answers/), which executes every Python snippet
and checks every config snippet with its own tool; the pages use the same list to say which
library versions their code was checked with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Bank, Question

FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<code>.*?)^(?P=indent)```", re.S | re.M)
PROSE_LANGUAGES = frozenset({"", "text", "console-output", "mermaid"})  # shown, not run


@dataclass(frozen=True)
class Snippet:
    question: str
    section: str
    number: int  # 1-based position among the section's snippets
    lang: str
    code: str

    @property
    def id(self) -> str:
        return f"{self.question}.{self.section}.{self.number}"

    @property
    def runs(self) -> bool:
        return self.lang not in PROSE_LANGUAGES


def question_snippets(question: Question) -> list[Snippet]:
    found = []
    for section, markdown in question.answer:
        for number, m in enumerate(FENCE.finditer(markdown or ""), start=1):
            code = "\n".join(line.removeprefix(m["indent"]) for line in m["code"].splitlines()) + "\n"
            found.append(Snippet(question.id, section, number, m["lang"].lower(), code))
    return found


def bank_snippets(bank: Bank) -> list[Snippet]:
    return [s for q in bank.questions for s in question_snippets(q)]
