"""The question bank as validated, immutable Python objects.

Layer 1 of the site: plain Python and pydantic, no MkDocs. Everything the
pages need is computed from these objects; nothing downstream re-reads YAML.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
# No backslash before the quote: JSON Schema patterns are ECMAScript regexes, where `\"` is invalid.
Url = Annotated[str, StringConstraints(pattern="^https?://[^\\s<>\"']+$")]
Kind = Literal["technical", "scenario", "behavioral"]


class _Strict(BaseModel):
    """Unknown (misspelled) fields are errors, and objects never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    id: Slug
    title: Text
    description: Text


class Category(_Strict):
    id: Slug
    title: Text
    description: Text
    kind: Kind = Field(description="Which answer sections its questions must have.")


class Topic(_Strict):
    id: Slug
    title: Text
    description: Text


class Reference(_Strict):
    title: Text
    url: Url


class FollowUp(_Strict):
    question: Text
    answer: Text


class Diagram(_Strict):
    title: Text
    alt: Text = Field(description="Text alternative: what the diagram shows, in words.")
    mermaid: Text


class Answer(_Strict):
    """Markdown sections; which ones a question needs depends on its category's kind."""

    short: Text | None = None
    how_it_works: Text | None = None
    numbers: Text | None = None
    plan: Text | None = None
    measurements: Text | None = None
    trade_offs: Text | None = None
    weak_answers: Text | None = None
    structure: Text | None = None
    example: Text | None = None
    listen_for: Text | None = None
    red_flags: Text | None = None


class Question(_Strict):
    id: Slug = Field(description="Stable slug; the permalink. Never rename it.")
    level: Slug
    category: Slug
    topics: list[Slug] = Field(min_length=1)
    question: Text
    hint: Text = Field(description="Plain text rubric of a great answer; also the link preview.")
    key_points: list[Text] = Field(min_length=3, max_length=5)
    answer: Answer
    follow_ups: list[FollowUp] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    diagrams: list[Diagram] = Field(default_factory=list)
    figures: list[Slug] = Field(default_factory=list)


class GlossaryEntry(_Strict):
    """A term of the field, defined once; shown as a tooltip wherever it appears and on the glossary page."""

    term: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^\S(.*\S)?$")]
    expansion: Text | None = Field(default=None, description="What an abbreviation stands for.")
    definition: Text = Field(description="One or two plain-text sentences.")
    question: Slug | None = Field(default=None, description="The question that explains the term.")


class Bank(_Strict):
    levels: list[Level] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    questions: list[Question] = Field(min_length=1)
