"""Where every generated page lives, and relative links between them.

Plain functions and constants shared by the page plan and the adapter: one place to change a URL.
"""

from __future__ import annotations

import functools
import posixpath


def link(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """Relative Markdown link between two source files, so MkDocs validates it."""
    return _relpath(to_uri, posixpath.dirname(from_uri)) + (f"#{anchor}" if anchor else "")


def page_url(from_uri: str, to_uri: str) -> str:
    """The relative address of a page as the built site serves it (`../` for `index.md`), for HTML
    attributes that MkDocs does not rewrite the way it rewrites Markdown links."""
    rel = link(from_uri, to_uri)
    if rel == "index.md" or rel.endswith("/index.md"):
        rel = rel[: -len("index.md")]
    return rel or "./"


@functools.cache
def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the plan's normalized relative URIs, without its os.getcwd() per call.

    A 1,000-question build makes ~70,000 links; posixpath.relpath made them a third of the hooks' time.
    """
    to, frm = path.split("/"), start.split("/") if start else []
    common = len(posixpath.commonprefix([to, frm]))
    return "/".join([".."] * (len(frm) - common) + to[common:]) or "."


def question_uri(qid: str) -> str:
    return f"questions/{qid}.md"


def level_uri(lid: str) -> str:
    return f"levels/{lid}.md"


def category_uri(cid: str) -> str:
    return f"categories/{cid}.md"


def topic_uri(tid: str) -> str:
    return f"topics/{tid}.md"


def cheat_sheet_uri(level_id: str | None = None) -> str:
    """The full cheat sheet, or the one of a level (printable on a few pages of its own)."""
    return f"cheat-sheet/{level_id}.md" if level_id else CHEAT_SHEET


def book_uri(level_id: str | None = None) -> str:
    """The printable book of full answers (all levels, or one): printed to PDF by scripts/pdf_books.py."""
    return f"book/{level_id}.md" if level_id else BOOK


HOME = "index.md"
TOPICS_INDEX = "topics/index.md"
ALL_QUESTIONS = "questions/index.md"
CHEAT_SHEET = "cheat-sheet.md"
BOOK = "book/index.md"
GLOSSARY = "glossary.md"
PRACTICE = "practice/index.md"
INTERVIEW = "interview/index.md"  # interviewer mode: the interviewer's view (and both views on one device)
INTERVIEW_CANDIDATE = "interview/candidate/index.md"  # the candidate's own link: question and timer only
DOWNLOADS = "downloads/index.md"


def download_uri(filename: str) -> str:
    """Where an export is published (the adapter adds it as a generated file)."""
    return posixpath.join(posixpath.dirname(DOWNLOADS), filename)
