"""The question bank as validated, immutable Python objects.

Layer 1 of the site: plain Python and pydantic, no MkDocs. Everything the
pages need is computed from these objects; nothing downstream re-reads YAML.

Every text field has one of four types, and the type decides how it may be used:

- `PlainText`: shown literally everywhere (pages, navigation, search, meta tags, cards,
  exports). The page layer escapes it for Markdown and HTML (`macros/pages/render.py`
  `md_text`); it never becomes markup, math or a list.
- `TrustedMarkdown`: answer sections and follow-up answers. Rendered as Markdown with raw
  HTML allowed, so a change to one is reviewed like code (see CONTRIBUTING.md).
- `HttpsUrl`: an https:// address, parsed and re-serialised with every character outside
  RFC 3986 percent-encoded; rendered only inside an escaped `href`.
- `Slug` (ids) and `GlossaryTerm` (a restricted set of characters, see `rules.py`).

Lengths are limited so a typo (a pasted file, a 300-character id) is reported, not a crash
of the filesystem or the preview-card drawing.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# Characters of no text: C0/C1 controls (except tab and newline), and the private markers
# Python-Markdown uses for its placeholders (STX, ETX), which would let text forge one.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_controls(value: str) -> str:
    if found := _CONTROL.search(value):
        raise ValueError(f"contains the control character U+{ord(found.group()):04X}; remove it")
    return value


def plain_text(max_length: int) -> object:
    """Literal text of at most `max_length` characters: escaped wherever it is shown."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_no_controls),
        Field(json_schema_extra={"x-text": "plain"}),
    ]


def trusted_markdown(max_length: int) -> object:
    """Markdown with raw HTML allowed: reviewed like code, never for fields a preview or the nav shows."""
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_no_controls),
        Field(json_schema_extra={"x-text": "trusted-markdown"}),
    ]


# Characters RFC 3986 allows in a URL (unreserved, reserved but the IPv6 brackets, and `%`);
# everything else is percent-encoded when the address is re-serialised.
_URL_SAFE = "-._~:/?#@!$&'()*+,;=%"
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


def _https_url(value: str) -> str:
    """Parse, check and re-serialise: https only, a plain host name, no user name, no spaces."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as err:
        raise ValueError(f"not a valid address: {err}") from None
    if parts.scheme.lower() != "https":
        raise ValueError("must start with https:// (no http, javascript: or other schemes)")
    host = (parts.hostname or "").lower()
    if parts.username is not None or parts.password is not None or not _HOST.match(host):
        raise ValueError("must name a host such as example.com, without a user name")
    netloc = f"{host}:{port}" if port is not None else host
    path, query, fragment = (quote(p, safe=_URL_SAFE) for p in (parts.path or "/", parts.query, parts.fragment))
    return urlunsplit(("https", netloc, path if parts.path else "", query, fragment))


HttpsUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000, pattern=r"^https://\S+$"),
    AfterValidator(_https_url),
]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]

# Terms are matched in every page's text by Markdown's abbr extension: letters, digits and a few
# joining characters only (no markup), starting and ending with a letter or digit (see rules.py).
GlossaryTerm = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=40, pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9 &+./'-]*[A-Za-z0-9+])?$"
    ),
]

Kind = Literal["technical", "scenario", "behavioral"]

Title = plain_text(120)
Description = plain_text(600)
Sentence = plain_text(1000)
Section = trusted_markdown(20_000)


def _mermaid(value: str) -> str:
    _no_controls(value)
    return value


MermaidSource = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000), AfterValidator(_mermaid)
]


def glossary_anchor(term: str) -> str:
    """The glossary page's anchor of a term: lower-case letters and digits joined by hyphens."""
    folded = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


class _Strict(BaseModel):
    """Unknown (misspelled) fields are errors, and objects never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    id: Slug
    title: Title
    description: Description


class Category(_Strict):
    id: Slug
    title: Title
    description: Description
    kind: Kind = Field(description="Which answer sections its questions must have.")


class Topic(_Strict):
    id: Slug
    title: Title
    description: Description


class Reference(_Strict):
    title: plain_text(300)
    url: HttpsUrl


class FollowUp(_Strict):
    question: plain_text(300)
    answer: trusted_markdown(5000)


class Diagram(_Strict):
    title: Title
    alt: Sentence = Field(description="Text alternative: what the diagram shows, in words.")
    mermaid: MermaidSource


class Answer(_Strict):
    """Trusted Markdown sections; which ones a question needs depends on its category's kind."""

    short: Section | None = None
    how_it_works: Section | None = None
    numbers: Section | None = None
    plan: Section | None = None
    measurements: Section | None = None
    trade_offs: Section | None = None
    weak_answers: Section | None = None
    structure: Section | None = None
    example: Section | None = None
    listen_for: Section | None = None
    red_flags: Section | None = None


class Question(_Strict):
    id: Slug = Field(description="Stable slug; the permalink. Never rename it.")
    level: Slug
    category: Slug
    topics: list[Slug] = Field(min_length=1, max_length=10)
    question: plain_text(300)
    hint: Sentence = Field(description="Plain text rubric of a great answer; also the link preview.")
    key_points: list[plain_text(300)] = Field(min_length=3, max_length=5)
    answer: Answer
    follow_ups: list[FollowUp] = Field(default_factory=list, max_length=10)
    references: list[Reference] = Field(default_factory=list, max_length=20)
    related: list[Slug] = Field(default_factory=list, max_length=10)
    search_phrases: list[plain_text(60)] = Field(
        default_factory=list,
        max_length=8,
        description="What a reader types to find this question (e.g. 'learning rate warmup'); indexed as search tags.",
    )
    diagrams: list[Diagram] = Field(default_factory=list, max_length=5)
    figures: list[Slug] = Field(default_factory=list, max_length=5)


class GlossaryEntry(_Strict):
    """A term of the field, defined once; shown as a tooltip wherever it appears and on the glossary page."""

    term: GlossaryTerm
    expansion: Title | None = Field(default=None, description="What an abbreviation stands for.")
    definition: Description = Field(description="One or two plain-text sentences.")
    question: Slug | None = Field(default=None, description="The question that explains the term.")


class About(_Strict):
    """What the exported data is and its licence: set by the JSON export, never written in the bank file."""

    title: Title
    license: Literal["CC-BY-4.0"] = Field(description="SPDX id of the content's licence.")
    license_url: HttpsUrl
    attribution: Description = Field(description="How to credit the content when you reuse it.")
    code_checked_with: dict[str, str] | None = Field(
        default=None, description="Library -> version every code snippet of the answers is tested against."
    )


class AnswerVersion(_Strict):
    """One answer's version, set by the JSON export from data/answer-changes.yaml, never written in the bank."""

    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] = Field(
        description="SHA-256 (first 16 hex digits) of the question, key points, answer sections and follow-ups."
    )
    changed: str | None = Field(default=None, description="Date (YYYY-MM-DD) the answer last changed.")


class Bank(_Strict):
    about: About | None = Field(default=None, description="Filled in by the JSON export; leave it out of the bank.")
    answer_versions: dict[Slug, AnswerVersion] | None = Field(
        default=None, description="Question id -> answer version; filled in by the JSON export, leave it out."
    )
    levels: list[Level] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    questions: list[Question] = Field(min_length=1)
