"""The answer stack's versions, read from answers/requirements.txt, so pages never type them by hand.

Plain Python. A page whose code imports a library says which pinned version the tests ran it
against; the file is the single place those versions are written.
"""

from __future__ import annotations

import re
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


def load_answer_stack(path: Path) -> dict[str, str]:
    """Distribution name -> pinned version of the direct dependencies (the lines before the transitive ones)."""
    versions: dict[str, str] = {}
    if not path.exists():
        return versions
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("# Transitive"):
            break
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
        versions[req.name.lower()] = pins[0]
    return versions


def versions_for(snippets: list[Snippet], stack: dict[str, str]) -> list[tuple[str, str]]:
    """The (library, version) pairs a page's Python snippets use, main libraries first."""
    used = set()
    for s in snippets:
        if s.lang == "python":
            used |= {IMPORT_TO_DISTRIBUTION.get(m, m).lower() for m in IMPORT.findall(s.code)}
    if not used & set(stack):
        return []
    names = [n for n in ALWAYS_NAMED if n in stack] + sorted(n for n in used if n in stack and n not in ALWAYS_NAMED)
    return [(n, stack[n]) for n in names]
