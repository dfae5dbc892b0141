"""The answer stack's versions, read from answers/requirements.txt, so pages never type them by hand.

Plain Python. A page whose code imports a library says which pinned version the tests ran it
against; the file is the single place those versions are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from .errors import BankError, Problem
from .snippets import Snippet

# Import names that differ from the distribution's name on PyPI.
IMPORT_TO_DISTRIBUTION = {
    "presidio_analyzer": "presidio-analyzer",
    "presidio_anonymizer": "presidio-anonymizer",
    "sentence_transformers": "sentence-transformers",
}
ALWAYS_NAMED = ("torch", "transformers", "peft", "trl")  # named on every page with code, in this order
IMPORT = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.M)


@dataclass(frozen=True)
class AnswerStack:
    """The pins of answers/requirements.txt, read once: the pages name any of them, the exports the direct ones."""

    direct: dict[str, str]  # distribution name -> version: the lines before "# Transitive dependencies"
    pinned: dict[str, str]  # every pinned package (numpy, scipy... that snippets import as well)


def load_answer_stack(path: Path) -> AnswerStack:
    """Parse the file once; a line that is not an exact `==` pin is a build error naming file and line."""
    direct: dict[str, str] = {}
    pinned: dict[str, str] = {}
    if not path.exists():
        return AnswerStack(direct, pinned)
    transitive = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        transitive = transitive or line.startswith("# Transitive")
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            req = Requirement(text)
        except InvalidRequirement as err:
            raise BankError(str(path), [Problem(f"not a pinned requirement: {err}", line=number)]) from None
        pins = [s.version for s in req.specifier if s.operator == "=="]
        if len(pins) != 1:
            raise BankError(str(path), [Problem(f"'{req.name}' must be pinned exactly with ==", line=number)])
        pinned[req.name.lower()] = pins[0]
        if not transitive:
            direct[req.name.lower()] = pins[0]
    return AnswerStack(direct, pinned)


ML_LIBRARIES = frozenset(
    {"torch", "transformers", "peft", "trl", "datasets", "accelerate", "bitsandbytes", "sentence-transformers"}
)


def versions_for(snippets: list[Snippet], stack: dict[str, str]) -> list[tuple[str, str]]:
    """The (library, version) pairs a page's Python snippets run with: the main libraries first when
    the page uses any of them, then the other pinned packages it imports; plain Python says so."""
    python = [s for s in snippets if s.lang == "python"]
    if not python:
        return []
    used = set()
    for s in python:
        used |= {IMPORT_TO_DISTRIBUTION.get(m, m).lower().replace("_", "-") for m in IMPORT.findall(s.code)}
    names = [n for n in ALWAYS_NAMED if n in stack] if used & ML_LIBRARIES else []
    names += sorted(n for n in used if n in stack and n not in names)
    return [(n, stack[n]) for n in names] or [("the Python standard library", "")]
