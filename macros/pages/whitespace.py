"""Collapse the indentation Material's templates leave in every page, without changing what a reader sees.

Material's Jinja templates indent every nav entry, icon and block: about 6 kB of blank lines and spaces per
page, 0.6 MB of the offline app's precache at 62 questions. A run of whitespace that holds a line break
is, in normal HTML text, the same as one line break, so each such run becomes a single newline. Left
exactly as they are: the content of <pre>, <textarea>, <script> and <style> (whitespace there is
meaningful), every tag with its attribute values, and whitespace without a line break. Only the
characters HTML calls whitespace count (never a no-break space). Plain Python, no MkDocs.
"""

from __future__ import annotations

import re

# Elements whose text keeps every character: cut out whole, from the opening tag to the closing one.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
# A tag (or comment/doctype), with quoted attribute values that may hold ">" or line breaks.
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_RUN = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")


def _collapse_text(fragment: str) -> str:
    pieces = _TAG.split(fragment)
    # split() with one group: even indexes are text between tags, odd ones the tags themselves.
    return "".join(piece if i % 2 else _RUN.sub("\n", piece) for i, piece in enumerate(pieces))


def collapse_whitespace(html: str) -> str:
    """The page with every line-breaking whitespace run in its text shortened to one newline."""
    parts = _VERBATIM.split(html)
    # split() with two groups yields text, verbatim element, tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_collapse_text(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
