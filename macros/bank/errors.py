"""Errors a broken bank produces: one line per problem, naming file, line, question id and field.

The build shows these to the person editing `data/questions.yaml`, so each
message must be enough to find and fix the problem without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the bank, located as precisely as we can."""

    message: str
    question_id: str | None = None
    field: str | None = None
    line: int | None = None

    def render(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        parts = [where]
        if self.question_id:
            parts.append(f"question '{self.question_id}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class BankError(Exception):
    """The bank cannot be used; carries every problem found, not just the first."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        lines = [p.render(self.path) for p in self.problems]
        head = f"The question bank {self.path} has {len(lines)} problem(s):"
        return "\n".join([head, *("  - " + line for line in lines)])
