"""The page plan: which pages the bank produces, their paths, titles and template data.

Layer 2a. Python decides everything here (grouping, ordering, slugs, relative
links); templates only loop and format. No MkDocs imports: the adapter turns
each `PlannedPage` into an in-memory MkDocs file.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass, field
from typing import Any

from macros.bank import ANSWER_RULES, Bank, Question
from macros.bank.drills import MISTAKE_SECTIONS, drill
from macros.bank.model import Diagram, glossary_anchor
from macros.bank.snippets import question_snippets
from macros.bank.stack import ML_LIBRARIES, versions_for
from macros.bank.versions import answer_hash
from macros.cards import Card
from macros.diagrams import PHONE_COLUMN_PX, diagram_key, min_display_width
from macros.exports import CSV_COLUMNS, CSV_FILENAME, DECK_FILENAME, JSON_FILENAME
from macros.exports.tabular import CONTENT_LICENSE
from macros.figures.calculator import FIGURE_ID as CALCULATOR_FIGURE
from macros.offline.disk_copy import COPY_FILENAME, FOLDER
from macros.pages.spelling import search_words

from .urls import (
    ALL_QUESTIONS,
    CHEAT_SHEET,
    DOWNLOADS,
    GLOSSARY,
    HOME,
    INTERVIEW,
    INTERVIEW_CANDIDATE,
    PRACTICE,
    TOPICS_INDEX,
    book_uri,
    category_uri,
    cheat_sheet_uri,
    download_uri,
    level_uri,
    link,
    page_url,
    question_uri,
    topic_uri,
)

DESCRIPTION_LIMIT = 200  # characters; what chat apps show of a link preview
PRACTICE_COUNTS = (3, 5, 10)  # questions per mock interview offered by default (the form also takes any number)
PRACTICE_TIMERS = (1, 2, 3, 5)  # minutes per question
# Interviewer mode: minutes per question a code can name (its index takes 3 bits: at most 8 choices, 0 = none),
# and questions per interview (5 bits: 1-32). docs/assets/interview/code.js packs them into the short code.
INTERVIEW_TIMERS = (0, 2, 3, 5, 7, 10, 15, 20)
INTERVIEW_MAX_COUNT = 32
INTERVIEW_DEFAULT_COUNT = 5
RUBRIC_WEIGHT = 1  # points per key point: the bank does not rank its key points, so they weigh the same
# The interviewer's overall score of one answer, 1-4, with what each step means.
INTERVIEW_SCORES = (
    (1, "Missed it", "the core idea was absent or wrong"),
    (2, "Partial", "some key points, with gaps or errors"),
    (3, "Solid", "most key points, correct, no weak-answer mistakes"),
    (4, "Strong", "every key point, with numbers and trade-offs, and the follow-ups held up"),
)
LISTING_SEARCH_BOOST = 0.1  # listing pages repeat question titles; search should offer the question first
PDF_PREFIX = "fine-tuning-interview-prep"  # downloads/<prefix>[-<level>].pdf and <prefix>-cheat-sheet[-<level>].pdf


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Collapse whitespace and cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def diagram_item(diagram: Diagram, key: str, svg: str | None) -> dict[str, Any]:
    """What _diagram.md.j2 needs: the drawing's key (None: not drawn yet, Mermaid draws it in the
    browser) and the narrowest width that keeps its labels readable; a drawing that needs more
    than a phone's column scrolls sideways there, so it is made keyboard-focusable."""
    width = min_display_width(svg) if svg is not None else 0
    return {
        "kind": "diagram",
        "diagram": diagram,
        "key": key if svg is not None else None,
        "fence": fence_for(diagram.mermaid),
        "min_width": width,
        "scrolls": width > PHONE_COLUMN_PX,
    }


def fence_for(source: str) -> str:
    """A code fence longer than any run of backticks in `source`, so the source cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    return "`" * max(3, longest + 1)


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(iso: str | None) -> str | None:
    """'2026-12-01' -> '1 December 2026' (English whatever the machine's locale)."""
    if not iso:
        return None
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def nav_title(text: str) -> str:
    """A nav title safe to print as HTML. MkDocs' and Material's templates print it raw in the navigation
    but escaped (`| e`) in the footer's aria-label, so only what could be markup is escaped: `<`, `>`,
    quotes and an `&` that starts an entity. "Data & formatting" stays as it is in both places."""
    text = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", " ".join(text.split()))
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def scoped_figure(html: str, qid: str) -> str:
    """A computed figure with its ids (and the references to them) made unique to one question: a book puts
    every question's copy of a shared figure on one page. The figure's HTML is rendered once per build."""
    found = re.search(r'<figure class="ftp-figure[^"]*" id="figure-([^"]+)"', html)
    if not found:
        return html
    return re.sub(rf'(?<=[" ])figure-{re.escape(found[1])}(?=[-" ])', f"figure-{found[1]}--{qid}", html)


@functools.cache
def _paper_figure(figure_id: str) -> str | None:
    """A figure with a form (the memory calculator) prints as its worked cases: the books hold that version,
    without the form, its script data or ids that would repeat on every question that shows it."""
    if figure_id != CALCULATOR_FIGURE:
        return None
    from macros.figures import render_figure  # the figures import this module's neighbours: import when used

    return render_figure(figure_id, paper=True)


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str  # path under docs/, e.g. "questions/lora.md"
    template: str  # Markdown template that renders the body
    meta: dict[str, Any]  # front matter: title, description, ...
    context: dict[str, Any] = field(default_factory=dict)


class SitePlan:
    """Everything derived from one bank, computed once per build."""

    def __init__(
        self,
        bank: Bank,
        site_url: str = "",
        site_name: str = "Fine-Tuning Interview Prep",
        answer_stack: dict[str, str] | None = None,
        answer_versions: dict[str, dict] | None = None,
    ):
        self.bank = bank
        # Content hash of each answer (a grade stores it) and, once recorded by `make stamp`, its date.
        self.answer_hash = {q.id: answer_hash(q) for q in bank.questions}
        recorded = answer_versions or {}
        self.answer_changed = {
            qid: recorded[qid]["changed"].isoformat()
            for qid, h in self.answer_hash.items()
            if qid in recorded and recorded[qid]["hash"] == h
        }
        self.answer_stack = answer_stack or {}  # library -> version the snippets are tested with
        self.site_name = site_name
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.levels = {lv.id: lv for lv in bank.levels}
        self.categories = {c.id: c for c in bank.categories}
        self.topics = {t.id: t for t in bank.topics}
        self.questions = {q.id: q for q in bank.questions}
        self.by_level = {lid: [q for q in bank.questions if q.level == lid] for lid in self.levels}
        self.by_category = {cid: [q for q in bank.questions if q.category == cid] for cid in self.categories}
        self.by_topic = {tid: [q for q in bank.questions if tid in q.topics] for tid in self.topics}
        self.number = {q.id: n for n, q in enumerate(bank.questions, start=1)}
        self.search_tags: dict[str, list[str]] = {}
        for g in bank.glossary:
            if g.question:
                self.search_tags.setdefault(g.question, []).append(g.term)
        # Questions that list this one as related although it does not list them: shown on its page, so a
        # link written once in the bank works both ways (a page lists at most ten of its own).
        self.linked_from: dict[str, list[str]] = {q.id: [] for q in bank.questions}
        for q in bank.questions:
            for r in q.related:
                if r in self.questions and q.id not in self.questions[r].related:
                    self.linked_from[r].append(q.id)
        # Position of each question within its level (list.index per page made the plan quadratic).
        self._level_position = {q.id: i for group in self.by_level.values() for i, q in enumerate(group)}

    # ---- summaries shared by several pages -------------------------------------------

    def permalink(self, qid: str) -> str:
        return f"{self.site_url}questions/{qid}/"

    def question_row(self, q: Question, from_uri: str) -> dict[str, Any]:
        """What any listing needs to show one question, with links relative to `from_uri`."""
        return {
            "id": q.id,
            "number": self.number[q.id],
            "answer_hash": self.answer_hash[q.id],
            "question": q.question,
            "hint": q.hint,
            "key_points": q.key_points,
            "url": link(from_uri, question_uri(q.id)),
            "permalink": self.permalink(q.id),
            # `here`: the link would point at the listing it is shown on; templates print plain text instead.
            "level": self._group_link(self.levels[q.level].title, from_uri, level_uri(q.level)),
            "category": self._group_link(self.categories[q.category].title, from_uri, category_uri(q.category)),
            "topics": [self._group_link(self.topics[t].title, from_uri, topic_uri(t)) for t in q.topics],
        }

    @staticmethod
    def _group_link(title: str, from_uri: str, target: str) -> dict[str, Any]:
        return {"title": title, "url": link(from_uri, target), "here": target == from_uri}

    def overview(self, from_uri: str) -> dict[str, Any]:
        """Counts per level and category, for the home page."""

        def group(items, uri, members):
            return [
                {
                    "title": x.title,
                    "description": x.description,
                    "url": link(from_uri, uri(x.id)),
                    "count": len(members[x.id]),
                }
                for x in items
            ]

        return {
            "total": len(self.bank.questions),
            "levels": group(self.bank.levels, level_uri, self.by_level),
            "categories": group(self.bank.categories, category_uri, self.by_category),
            "topics": group(self.bank.topics, topic_uri, self.by_topic),
            "links": {
                "all": link(from_uri, ALL_QUESTIONS),
                "topics": link(from_uri, TOPICS_INDEX),
                "cheat_sheet": link(from_uri, CHEAT_SHEET),
            },
        }

    # ---- the pages ---------------------------------------------------------------------

    def pages(
        self,
        figure_html: dict[str, str] | None = None,
        diagram_svgs: dict[str, str] | None = None,
        offline_copy_size: int | None = None,
        built_on: str = "",
    ) -> list[PlannedPage]:
        """figure_html: figure id -> HTML; diagram_svgs: diagram key -> SVG drawn ahead of time;
        offline_copy_size: bytes of the zip to open from disk, when this build publishes one;
        built_on: the build's date (ISO, from SOURCE_DATE_EPOCH), printed in the books."""
        figure_html, diagram_svgs = figure_html or {}, diagram_svgs or {}
        pages = [self._question_page(q, figure_html, diagram_svgs) for q in self.bank.questions]
        pages += self._books({p.meta["question_id"]: p.context for p in pages}, built_on)
        pages += [self._listing(level_uri(lv.id), lv, self.by_level[lv.id], "level") for lv in self.bank.levels]
        pages += [
            self._listing(category_uri(c.id), c, self.by_category[c.id], "category") for c in self.bank.categories
        ]
        pages += [self._listing(topic_uri(t.id), t, self.by_topic[t.id], "topic") for t in self.bank.topics]
        pages += [self._topics_index(), self._all_questions(), *self._cheat_sheets(), self._glossary()]
        pages += [self._practice(), self._interview(), self._interview_candidate()]
        pages += [self._downloads(offline_copy_size, built_on)]
        return pages

    def glossary_tooltips(self) -> dict[str, str]:
        """Term -> tooltip text, for Markdown's abbr extension: every page explains the terms it uses."""
        return {g.term: f"{g.expansion}: {g.definition}" if g.expansion else g.definition for g in self.bank.glossary}

    def _glossary(self) -> PlannedPage:
        entries = [
            {
                "term": g.term,
                "anchor": glossary_anchor(g.term),
                "letter": g.term[0].upper() if g.term[0].isalpha() else "#",  # the A-Z jump list
                "expansion": g.expansion,
                "definition": g.definition,
                "question": self.question_row(self.questions[g.question], GLOSSARY) if g.question else None,
            }
            for g in sorted(self.bank.glossary, key=lambda g: g.term.lower())
        ]
        return PlannedPage(
            src_uri=GLOSSARY,
            template="glossary.md.j2",
            meta={"title": "Glossary", "description": "The abbreviations and terms of LLM fine-tuning, defined once."},
            context={"entries": entries, "alphabet": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
        )

    def cards(self) -> list[Card]:
        """One link-preview image per question, plus the site's own (named in overrides/main.html)."""
        footer = f"{self.site_name} · hint and expert answer inside"
        site = Card("site", "Interview questions for LLM fine-tuning engineers", self.site_name, footer)
        return [site] + [
            Card(q.id, f"{self.levels[q.level].title} · {self.categories[q.category].title}", q.question, footer)
            for q in self.bank.questions
        ]

    def nav(self) -> list[dict[str, Any]]:
        """Levels and categories are the navigation; question pages stay out of it."""
        return [
            {"Home": HOME},
            {"Levels": [{nav_title(lv.title): level_uri(lv.id)} for lv in self.bank.levels]},
            {"Categories": [{nav_title(c.title): category_uri(c.id)} for c in self.bank.categories]},
            {"Topics": TOPICS_INDEX},
            {"All questions": ALL_QUESTIONS},
            {"Mock interview": PRACTICE},
            {"Interviewer mode": INTERVIEW},
            {"Cheat sheet": CHEAT_SHEET},
            {"Glossary": GLOSSARY},
            {"Downloads": DOWNLOADS},
        ]

    def _question_page(self, q: Question, figure_html: dict[str, str], diagram_svgs: dict[str, str]) -> PlannedPage:
        uri = question_uri(q.id)
        kind = self.categories[q.category].kind
        sections = [
            {"id": name, "heading": heading, "markdown": getattr(q.answer, name), "after": []}
            for name, heading in ANSWER_RULES[kind].sections
        ]
        # Diagrams follow the mechanism; computed figures follow the numbers they show.
        diagram_slot = next((s for s in sections if s["id"] in ("how_it_works", "plan", "example")), sections[-1])
        figure_slot = next((s for s in sections if s["id"] == "numbers"), diagram_slot)
        drawn = [(d, diagram_key(d.mermaid)) for d in q.diagrams]
        diagram_slot["after"] += [diagram_item(d, key, diagram_svgs.get(key)) for d, key in drawn]
        figure_slot["after"] += [
            {"kind": "figure", "id": f, "html": figure_html[f]} for f in q.figures if f in figure_html
        ]
        siblings = self.by_level[q.level]
        pos = self._level_position[q.id]
        checked_with = versions_for(question_snippets(q), self.answer_stack)  # the libraries its code imports
        return PlannedPage(
            src_uri=uri,
            template="question.md.j2",
            meta={
                "title": q.question,
                "description": shorten(q.hint),
                "question_id": q.id,
                # Load Mermaid in the browser only for a diagram not yet drawn ahead of time (make diagrams).
                "diagrams": any(key not in diagram_svgs for _, key in drawn),
                # The full-screen viewer (docs/assets/diagram-viewer.js) for diagrams drawn ahead of time.
                "drawings": any(key in diagram_svgs for _, key in drawn),
                # Material indexes `tags` far above the text (mkdocs.yml sets the weight) and shows them only
                # with its tags plugin, which we do not use: the glossary terms this question explains (only
                # the short terms: a long form such as "Reinforcement learning from ..." would make "learning
                # rate" match it) and the phrases readers type to find it (`search_phrases` in the bank).
                "tags": [*self.search_tags.get(q.id, []), *q.search_phrases],
                "study": "question",  # overrides/main.html loads docs/assets/study/page-question.js
                "next_question": True,  # and docs/assets/study-next.js
                # The memory calculator's script and styles (docs/assets/calc/), only where it is shown.
                "calculator": CALCULATOR_FIGURE in q.figures,
                "drill": True,  # and the quick check (docs/assets/drill.js)
            },
            context={
                "q": self.question_row(q, uri),
                "drill": self.drill(q),
                "sections": sections,
                "search_words": search_words(
                    " ".join(
                        [q.question, q.hint, *q.key_points, *(sec["markdown"] for sec in sections)]
                        + [f"{f.question} {f.answer}" for f in q.follow_ups]
                    ),
                    q.id,
                ),
                "follow_ups": q.follow_ups,
                "references": q.references,
                "related": [self.question_row(self.questions[r], uri) for r in q.related],
                "linked_from": [self.question_row(self.questions[r], uri) for r in self.linked_from[q.id]],
                "level_order": [other.id for other in siblings],  # where "Next question" looks
                "previous": self._neighbour(uri, siblings[pos - 1]) if pos > 0 else None,
                "next": self._neighbour(uri, siblings[pos + 1]) if pos + 1 < len(siblings) else None,
                "checked_with": checked_with,
                "checked_on_stand_ins": any(name in ML_LIBRARIES for name, _ in checked_with),
                "answer_changed": self.answer_changed.get(q.id),  # ISO date, or None before `make stamp`
                "answer_changed_text": long_date(self.answer_changed.get(q.id)),
            },
        )

    def drill(self, q: Question) -> list:
        """The quick check's statements in a fixed mixed order (seeded by the id: every build the same),
        so neither the true nor the false ones come in a block."""
        statements = drill(q, self.categories[q.category].kind)
        shuffle = random.Random(f"drill:{q.id}").shuffle
        for _ in range(100):  # a mix with no run of more than three true or three false in a row
            shuffle(statements)
            if not re.search(r"(.)\1\1\1", "".join("T" if s.true else "F" for s in statements)):
                break
        return statements

    @staticmethod
    def _neighbour(from_uri: str, other: Question) -> dict[str, str]:
        return {"question": other.question, "url": link(from_uri, question_uri(other.id))}

    def _listing(self, uri: str, group, questions: list[Question], kind: str) -> PlannedPage:
        return PlannedPage(
            src_uri=uri,
            template="listing.md.j2",
            meta={
                "title": group.title,
                "description": shorten(group.description),
                "study": "listing",  # docs/assets/study/page-listing.js
                "next_question": True,
                # Rank a listing below the question pages it lists (Material multiplies its score).
                "search": {"boost": LISTING_SEARCH_BOOST},
            },
            context={
                "group": group,
                "kind": kind,
                "questions": [self.question_row(q, uri) for q in questions],
            },
        )

    def _topics_index(self) -> PlannedPage:
        return PlannedPage(
            src_uri=TOPICS_INDEX,
            template="topics.md.j2",
            meta={
                "title": "Topics",
                "description": "Every question of the bank, grouped by subject.",
                "search": {"boost": LISTING_SEARCH_BOOST},
            },
            context={"overview": self.overview(TOPICS_INDEX)},
        )

    def _all_questions(self) -> PlannedPage:
        return PlannedPage(
            src_uri=ALL_QUESTIONS,
            template="all_questions.md.j2",
            meta={
                "title": "All questions",
                "description": "Every question with its level, category and topics.",
                "search": {"boost": LISTING_SEARCH_BOOST},
            },
            context={"questions": [self.question_row(q, ALL_QUESTIONS) for q in self.bank.questions]},
        )

    def _cheat_sheets(self) -> list[PlannedPage]:
        """The full sheet and one per level: the night before, print only the level you interview at."""
        levels = [None, *self.levels]
        return [self._cheat_sheet(lid, levels) for lid in levels]

    def _cheat_sheet(self, level_id: str | None, levels: list[str | None]) -> PlannedPage:
        uri = cheat_sheet_uri(level_id)
        level = self.levels[level_id] if level_id else None
        questions = self.by_level[level_id] if level_id else self.bank.questions
        others = [
            {"title": self.levels[other].title if other else "All levels", "url": link(uri, cheat_sheet_uri(other))}
            for other in levels
            if other != level_id
        ]
        return PlannedPage(
            src_uri=uri,
            template="cheat_sheet.md.j2",
            meta={
                "title": f"Cheat sheet: {level.title}" if level else "Cheat sheet",
                "description": (
                    f"Every {level.title.lower()} question with its key points, on a few printable pages."
                    if level
                    else "Every question with its hint and key points, on a few printable pages."
                ),
                "search": {"exclude": True},  # it repeats the question pages' text; search finds those
            },
            context={
                "level": level,
                "others": others,
                "questions": [self.question_row(q, uri) for q in questions],
                "site_name": self.site_name,
                "site_url": self.site_url,
            },
        )

    # ---- the books: full answers one after another, printed to PDF after the build ---------

    def pdf_books(self) -> list[dict[str, str]]:
        """Every PDF the downloads page offers: its file under downloads/, title and the page it prints.

        scripts/pdf_books.py finds them on the built downloads page, so this list is their one source."""
        books = []
        for lid in [None, *self.levels]:
            level = f" ({self.levels[lid].title})" if lid else ""
            suffix = f"-{lid}" if lid else ""
            count = len(self.by_level[lid]) if lid else len(self.bank.questions)
            books.append(
                {
                    "title": f"Book{level}",
                    "what": f"{count} questions with their full answers, diagrams, figures and references",
                    "filename": f"{PDF_PREFIX}{suffix}.pdf",
                    "source": book_uri(lid),
                }
            )
            books.append(
                {
                    "title": f"Cheat sheet{level}",
                    "what": f"{count} questions with their {'key points' if lid else 'hints and key points'}",
                    "filename": f"{PDF_PREFIX}-cheat-sheet{suffix}.pdf",
                    "source": cheat_sheet_uri(lid),
                }
            )
        return books

    def _books(self, answers: dict[str, dict[str, Any]], built_on: str) -> list[PlannedPage]:
        """The full book and one per level. answers: question id -> its question page's context."""
        return [self._book(lid, answers, built_on) for lid in [None, *self.levels]]

    @staticmethod
    def _book_sections(qid: str, sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The question page's answer sections, with its computed figures' ids made unique to the question."""
        return [
            section
            | {
                "after": [
                    extra | {"html": scoped_figure(_paper_figure(extra["id"]) or extra["html"], qid)}
                    if extra["kind"] == "figure"
                    else extra
                    for extra in section["after"]
                ]
            }
            for section in sections
        ]

    def _book(self, level_id: str | None, answers: dict[str, dict[str, Any]], built_on: str) -> PlannedPage:
        uri = book_uri(level_id)
        level = self.levels[level_id] if level_id else None
        title = f"{self.site_name}: {level.title}" if level else self.site_name
        groups = [
            {
                "level": lv,
                "questions": [
                    {
                        "q": self.question_row(q, uri),
                        "sections": self._book_sections(q.id, answers[q.id]["sections"]),
                        **{
                            key: answers[q.id][key]
                            for key in ("follow_ups", "references", "checked_with", "checked_on_stand_ins")
                        },
                    }
                    for q in self.by_level[lv.id]
                ],
            }
            for lv in self.bank.levels
            if lv.id in (level_id or lv.id) and self.by_level[lv.id]
        ]
        return PlannedPage(
            src_uri=uri,
            template="book.md.j2",
            meta={
                "title": title,
                "description": (f"Every {level.title.lower()} question" if level else "Every question")
                + " with its full answer, on pages made for printing (the PDF books on the downloads page).",
                "search": {"exclude": True},  # it repeats the question pages' text; search finds those
                "hide": ["navigation", "toc"],  # its own contents list; hundreds of headings would swamp the toc
            },
            context={
                "title": title,
                "level": level,
                "groups": groups,
                "total": sum(len(g["questions"]) for g in groups),
                "built_on": built_on,
                "site_url": self.site_url,
                "license_url": CONTENT_LICENSE.license_url,
                "downloads": link(uri, DOWNLOADS),
            },
        )

    # ---- study mode: progress on home, the mock interview, the downloads ------------------

    def study_panel(self, from_uri: str) -> dict[str, Any]:
        """The home page's progress panel: every question with its groups, and the groups to count by."""
        return {
            "groups": [
                *(
                    {"key": f"level:{lv.id}", "title": f"Level: {lv.title}", "url": link(from_uri, level_uri(lv.id))}
                    for lv in self.bank.levels
                ),
                *(
                    {"key": f"category:{c.id}", "title": c.title, "url": link(from_uri, category_uri(c.id))}
                    for c in self.bank.categories
                ),
            ],
            "questions": [
                self.question_row(q, from_uri) | {"level_id": q.level, "category_id": q.category}
                for q in self.bank.questions
            ],
            "links": {"practice": link(from_uri, PRACTICE), "downloads": link(from_uri, DOWNLOADS)},
            "levels": [{"id": lv.id, "title": lv.title} for lv in self.bank.levels],  # "Due today" per level
        }

    def _practice(self) -> PlannedPage:
        def choices(items, members):
            return [{"id": x.id, "title": x.title, "count": len(members[x.id])} for x in items if members[x.id]]

        items = []
        for q in self.bank.questions:
            field_name, heading = ANSWER_RULES[self.categories[q.category].kind].sections[0]
            items.append(
                self.question_row(q, PRACTICE)
                | {
                    "level_id": q.level,
                    "category_id": q.category,
                    "topic_ids": q.topics,
                    # The section itself is read from the question page (its heading's anchor, question.md.j2).
                    "first_section": {"heading": heading, "anchor": field_name.replace("_", "-")},
                }
            )
        return PlannedPage(
            src_uri=PRACTICE,
            template="practice.md.j2",
            meta={
                "title": "Mock interview",
                "description": "Questions one at a time in random order, with an optional timer; grade yourself "
                "and see what to review.",
                "study": "practice",  # docs/assets/study/page-practice.js
                "search": {"exclude": True},  # it repeats the question pages' text; search finds those
            },
            context={
                "levels": choices(self.bank.levels, self.by_level),
                "categories": choices(self.bank.categories, self.by_category),
                "topics": choices(self.bank.topics, self.by_topic),
                "counts": [n for n in PRACTICE_COUNTS if n < len(self.bank.questions)],
                "total": len(self.bank.questions),
                "timers": PRACTICE_TIMERS,
                "items": items,
                "links": {
                    "home": link(PRACTICE, HOME),
                    "home_url": page_url(PRACTICE, HOME),  # for a data attribute: MkDocs rewrites only Markdown links
                    "cheat_sheet": link(PRACTICE, CHEAT_SHEET),
                },
            },
        )

    # ---- interviewer mode: two views of one seeded interview ------------------------------------

    def _interview_settings(self, from_uri: str) -> dict[str, Any]:
        """What both views must agree on to turn a code into the same questions in the same order."""
        return {
            "levels": [{"id": lv.id, "title": lv.title, "count": len(self.by_level[lv.id])} for lv in self.bank.levels],
            "timers": INTERVIEW_TIMERS,
            "max_count": min(INTERVIEW_MAX_COUNT, len(self.bank.questions)),
            "default_count": min(INTERVIEW_DEFAULT_COUNT, len(self.bank.questions)),
            "links": {
                "interviewer": link(from_uri, INTERVIEW),
                "candidate": link(from_uri, INTERVIEW_CANDIDATE),
                "practice": link(from_uri, PRACTICE),
                "cheat_sheet": link(from_uri, CHEAT_SHEET),
            },
        }

    def _interview(self) -> PlannedPage:
        items = []
        for q in self.bank.questions:
            kind = self.categories[q.category].kind
            mistakes = MISTAKE_SECTIONS[kind]
            items.append(
                self.question_row(q, INTERVIEW)
                | {
                    "level_id": q.level,
                    # The rubric (its key points), these and the follow-ups are read from the question page.
                    "mistakes": {
                        "heading": "Red flags to listen for"
                        if mistakes == "red_flags"
                        else "Weak answers to listen for",
                        "anchor": mistakes.replace("_", "-"),
                    },
                }
            )
        return PlannedPage(
            src_uri=INTERVIEW,
            template="interview.md.j2",
            meta={
                "title": "Interviewer mode",
                "description": "Practise in pairs: the candidate sees the question and the timer, the interviewer "
                "the rubric, the weak answers to listen for, the follow-ups and a printable scorecard.",
                "interview": "interviewer",  # overrides/main.html loads docs/assets/interview/interviewer.js
                "search": {"exclude": True},  # it repeats the question pages' text; search finds those
            },
            context=self._interview_settings(INTERVIEW)
            | {"items": items, "scores": INTERVIEW_SCORES, "rubric_weight": RUBRIC_WEIGHT},
        )

    def _interview_candidate(self) -> PlannedPage:
        """The candidate's page holds the questions only: no rubric, hint or answer reaches that device."""
        items = [self.question_row(q, INTERVIEW_CANDIDATE) | {"level_id": q.level} for q in self.bank.questions]
        return PlannedPage(
            src_uri=INTERVIEW_CANDIDATE,
            template="interview_candidate.md.j2",
            meta={
                "title": "Interviewer mode: candidate",
                "description": "The candidate's view of a practice interview: one question at a time and the timer.",
                "interview": "candidate",  # overrides/main.html loads docs/assets/interview/candidate.js
                "search": {"exclude": True},
            },
            context=self._interview_settings(INTERVIEW_CANDIDATE) | {"items": items},
        )

    def _downloads(self, offline_copy_size: int | None = None, built_on: str = "") -> PlannedPage:
        return PlannedPage(
            src_uri=DOWNLOADS,
            template="downloads.md.j2",
            meta={
                "title": "Downloads",
                "description": "The whole question bank as an Anki deck, JSON and CSV, rebuilt with the site.",
            },
            context={
                "total": len(self.bank.questions),
                "files": {
                    "anki": link(DOWNLOADS, download_uri(DECK_FILENAME)),
                    "json": link(DOWNLOADS, download_uri(JSON_FILENAME)),
                    "csv": link(DOWNLOADS, download_uri(CSV_FILENAME)),
                },
                "csv_columns": CSV_COLUMNS,
                "offline_copy": offline_copy_size
                and {
                    "href": link(DOWNLOADS, download_uri(COPY_FILENAME)),
                    "mb": f"{offline_copy_size / 1e6:.1f}",
                    "folder": FOLDER,
                },
                "built_on": built_on,  # the PDF script prints it in each page's footer
                "books": [book | {"page": link(DOWNLOADS, book["source"])} for book in self.pdf_books()],
                "levels": self.bank.levels,
                "categories": self.bank.categories,
                "home": link(DOWNLOADS, HOME),
            },
        )
