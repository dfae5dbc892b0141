"""What each kind of question must contain, and the cross-reference checks.

These rules span several objects (a question and its category, a `related`
id and the rest of the bank), so they live here rather than in one model.
Section titles are defined once here and reused by the page templates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .drills import drill_problems
from .errors import Problem
from .model import Bank, Question, glossary_anchor


@dataclass(frozen=True)
class KindRules:
    sections: tuple[tuple[str, str], ...]  # (field, heading) in reading order
    min_references: int
    min_follow_ups: int


ANSWER_RULES: dict[str, KindRules] = {
    "technical": KindRules(
        sections=(
            ("short", "Short answer"),
            ("how_it_works", "How it works"),
            ("numbers", "Numbers worth knowing"),
            ("weak_answers", "What weak answers get wrong"),
        ),
        min_references=2,
        min_follow_ups=2,
    ),
    "scenario": KindRules(
        sections=(
            ("short", "Short answer"),
            ("plan", "The plan, in priority order"),
            ("measurements", "What to measure"),
            ("trade_offs", "Trade-offs and risks"),
            ("weak_answers", "What weak answers get wrong"),
        ),
        min_references=2,
        min_follow_ups=2,
    ),
    "behavioral": KindRules(
        sections=(
            ("structure", "How to structure the answer"),
            ("example", "A worked example"),
            ("listen_for", "What interviewers listen for"),
            ("red_flags", "Red flags"),
        ),
        min_references=0,
        min_follow_ups=2,
    ),
}


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


def check_bank(bank: Bank, lines: dict[str, int], known_figures: frozenset[str]) -> list[Problem]:
    """Every cross-object problem in a structurally valid bank."""
    problems: list[Problem] = []
    sections = {"levels": "level", "categories": "category", "topics": "topic", "questions": "question"}
    for section, singular in sections.items():
        for dup in _duplicates(item.id for item in getattr(bank, section)):
            problems.append(
                Problem(f"duplicate {singular} id '{dup}'; ids must be unique", question_id=None, field="id")
            )
    for question in bank.questions:
        problems.extend(_check_question(bank, question, lines.get(question.id), known_figures))
    question_ids = {q.id for q in bank.questions}
    owner: dict[str, str] = {}
    for question in bank.questions:
        for phrase in question.search_phrases:
            first = owner.setdefault(phrase.lower(), question.id)
            if first != question.id:
                problems.append(
                    Problem(
                        f"search phrase '{phrase}' is also a search phrase of '{first}'; a phrase finds one question",
                        question_id=question.id,
                        field="search_phrases",
                        line=lines.get(question.id),
                    )
                )
    for dup in _duplicates(entry.term for entry in bank.glossary):
        problems.append(Problem(f"glossary term '{dup}' is defined twice", field="glossary"))
    problems.extend(_check_glossary_terms(bank))
    for entry in bank.glossary:
        if entry.question and entry.question not in question_ids:
            problems.append(
                Problem(
                    f"glossary term '{entry.term}' points at question '{entry.question}', which does not exist",
                    field="glossary",
                )
            )
    return problems


# Words of Python-Markdown's placeholders for stashed HTML (formulas, diagrams, code): a term
# matching one would make the abbr extension rewrite the placeholder and wipe what it stands for.
MARKDOWN_PLACEHOLDER_WORDS = ("wzxhzdk", "klzzwxh")


def _check_glossary_terms(bank: Bank) -> Iterator[Problem]:
    """Terms are matched in the text of every page: each must be a word, not markup, with its own anchor."""
    anchors: dict[str, str] = {}
    for entry in bank.glossary:
        term = entry.term
        if not any(ch.isalpha() for ch in term):
            yield Problem(f"glossary term '{term}' must contain a letter", field="glossary")
        lowered = term.lower()
        if any(word in lowered for word in MARKDOWN_PLACEHOLDER_WORDS):
            yield Problem(f"glossary term '{term}' would match inside Markdown's placeholders", field="glossary")
        anchor = glossary_anchor(term)
        if not anchor:
            yield Problem(f"glossary term '{term}' gives an empty anchor; use letters or digits", field="glossary")
        elif anchor in anchors and anchors[anchor] != term:
            yield Problem(
                f"glossary terms '{anchors[anchor]}' and '{term}' share the anchor '#{anchor}'; rename one",
                field="glossary",
            )
        anchors.setdefault(anchor, term)


# Words on nearly every page: as a search tag (weighted far above the text) such a word would pull this
# question to the top of every query that contains it ("safety after fine-tuning", "did the fine-tune help").
SEARCH_PHRASE_BANNED_WORDS = frozenset({"fine", "tune", "tuned", "tunes", "tuning", "finetune", "finetuning"})


def _search_phrase_problems(phrases: list[str]) -> Iterator[str]:
    for dup in _duplicates(p.lower() for p in phrases):
        yield f"search phrase '{dup}' is listed twice"
    for phrase in phrases:
        words = set(re.split(r"[\s\-]+", phrase.lower()))
        if banned := sorted(words & SEARCH_PHRASE_BANNED_WORDS):
            yield (
                f"search phrase '{phrase}' contains '{banned[0]}', a word on almost every page; "
                "name what is specific to this question"
            )


def _check_question(bank: Bank, q: Question, line: int | None, known_figures: frozenset[str]) -> Iterator[Problem]:
    def problem(field: str, message: str) -> Problem:
        return Problem(message, question_id=q.id, field=field, line=line)

    levels = {level.id for level in bank.levels}
    categories = {c.id: c for c in bank.categories}
    topics = {t.id for t in bank.topics}
    question_ids = {other.id for other in bank.questions}

    if q.level not in levels:
        yield problem("level", f"unknown level '{q.level}'; known levels: {', '.join(sorted(levels))}")
    for topic in q.topics:
        if topic not in topics:
            yield problem("topics", f"unknown topic '{topic}'; define it under 'topics:' first")
    for dup in _duplicates(q.topics):
        yield problem("topics", f"topic '{dup}' is listed twice")
    for rel in q.related:
        if rel == q.id:
            yield problem("related", "a question cannot be related to itself")
        elif rel not in question_ids:
            yield problem("related", f"related question '{rel}' does not exist")
    yield from (problem("search_phrases", m) for m in _search_phrase_problems(q.search_phrases))
    for fig in q.figures:
        if fig not in known_figures:
            yield problem("figures", f"unknown figure '{fig}'; known: {', '.join(sorted(known_figures))}")

    category = categories.get(q.category)
    if category is None:
        known = ", ".join(sorted(categories))
        yield problem("category", f"unknown category '{q.category}'; known categories: {known}")
        return
    rules = ANSWER_RULES[category.kind]
    wanted = [name for name, _ in rules.sections]
    for name in wanted:
        if getattr(q.answer, name) is None:
            yield problem(f"answer.{name}", f"missing; a {category.kind} answer needs: {', '.join(wanted)}")
    yield from drill_problems(q, category.kind, line)  # every weak answer must split into statement and reason
    for name, value in q.answer:
        if value is not None and name not in wanted:
            yield problem(f"answer.{name}", f"not used by {category.kind} answers; use: {', '.join(wanted)}")
    if len(q.references) < rules.min_references:
        yield problem("references", f"needs at least {rules.min_references} references, has {len(q.references)}")
    if len(q.follow_ups) < rules.min_follow_ups:
        yield problem("follow_ups", f"needs at least {rules.min_follow_ups} follow-ups, has {len(q.follow_ups)}")
