"""A broken bank fails with one readable line per problem: file, line, question id, field, what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.bank import BankError, load_bank
from macros.bank.stack import load_answer_stack

BANKS = Path(__file__).parent / "fixtures" / "banks"

CASES = {
    "missing_field": ":9: question 'alpha': field 'hint': required field is missing",
    "empty_text": ":9: question 'alpha': field 'hint': must not be empty",
    "duplicate_id": ": field 'id': duplicate question id 'alpha'; ids must be unique",
    "unknown_level": ":9: question 'alpha': field 'level': unknown level 'expert'; known levels: beginner",
    "unknown_category": (
        ":28: question 'beta': field 'category': unknown category 'stories'; known categories: behavioral, concepts"
    ),
    "unknown_topic": ":9: question 'alpha': field 'topics': unknown topic 'lora'; define it under 'topics:' first",
    "unknown_related": ":9: question 'alpha': field 'related': related question 'gamma' does not exist",
    "unknown_field": ":9: question 'alpha': field 'hnit': unknown field 'hnit' (misspelled?)",
    "duplicate_key": (
        ":15: question 'alpha': duplicate key 'hint' (first defined on line 14); "
        "YAML would silently keep only the last one"
    ),
    "not_utf8": (
        ":14: not valid UTF-8: byte 0xe9 at line 14, column 28 (saved as Windows-1252 or Latin-1?); "
        "save the file as UTF-8"
    ),
    "yaml_set": ":12: question 'alpha': field 'topics': a set (!!set) has no order; use a list",
    "list_as_key": ":15: question 'alpha': a key must be a plain name, not a list",
    "deep_nesting": (
        ":27: question 'alpha': field 'related': nested more than 20 levels deep; the bank never needs that"
    ),
    "long_id": ":9: question '#1': field 'id': too long: at most 60 characters, has 299",
    "long_question": ":9: question 'alpha': field 'question': too long: at most 300 characters, has 409",
    "url_not_https": ":26: question 'alpha': field 'references[1].url': must be an https:// address without spaces",
    "url_with_user": (
        ":26: question 'alpha': field 'references[1].url': must name a host such as example.com, without a user name"
    ),
    "control_character": ":9: question 'alpha': field 'hint': contains the control character U+0002; remove it",
    "glossary_markup_term": (
        ":9: field 'glossary[0].term': use letters, digits, spaces and & + . / ' - only, "
        "starting and ending with a letter or digit"
    ),
    "glossary_placeholder_term": (
        ": field 'glossary': glossary term 'wzxhzdk' would match inside Markdown's placeholders"
    ),
    "glossary_anchor_collision": (
        ": field 'glossary': glossary terms 'Lo-RA' and 'Lo RA' share the anchor '#lo-ra'; rename one"
    ),
    "glossary_no_letter": ": field 'glossary': glossary term '42' must contain a letter",
    "yaml_syntax": ":14: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
    "missing_section": (
        ":9: question 'alpha': field 'answer.numbers': missing; "
        "a technical answer needs: short, how_it_works, numbers, weak_answers"
    ),
    "too_few_references": ":9: question 'alpha': field 'references': needs at least 2 references, has 1",
    "glossary_unknown_question": (
        ": field 'glossary': glossary term 'LoRA' points at question 'gamma', which does not exist"
    ),
    "glossary_duplicate_term": ": field 'glossary': glossary term 'LoRA' is defined twice",
    "drill_unsplittable": (
        ":9: question 'alpha': field 'answer.weak_answers': cannot make the quick-check drill: "
        "item 2 'Thinking alpha is beta, which it is not.' has no bold lead to split off: "
        'write it as - **"The misconception."** Why it is wrong.'
    ),
    "drill_not_a_list": (
        ":9: question 'alpha': field 'answer.weak_answers': cannot make the quick-check drill: "
        "line 1 of the section is not part of a bullet list: 'Weak answers confuse alpha with beta.'"
    ),
}


def test_valid_fixture_loads():
    bank = load_bank(BANKS / "valid.yaml")
    assert [q.id for q in bank.questions] == ["alpha", "beta"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_bank_names_file_line_question_and_field(case):
    path = BANKS / f"{case}.yaml"
    with pytest.raises(BankError) as caught:
        load_bank(path)
    problems = [line.strip() for line in str(caught.value).splitlines()[1:]]
    assert problems == [f"- {path}{CASES[case]}"]


def test_unknown_figure_is_rejected(tmp_path):
    path = _variant(tmp_path, "related: [beta]", "related: [beta]\n    figures: [nope]")
    with pytest.raises(BankError, match="field 'figures': unknown figure 'nope'; known: lr-schedule"):
        load_bank(path, frozenset({"lr-schedule"}))


def test_every_cross_reference_problem_is_reported_not_just_the_first(tmp_path):
    path = _variant(tmp_path, "related: [beta]", "related: [gamma]", "category: behavioral", "category: stories")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert [(p.question_id, p.field) for p in caught.value.problems] == [("alpha", "related"), ("beta", "category")]


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(BankError, match="cannot read the file"):
        load_bank(tmp_path / "nope.yaml")


def test_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n")
    with pytest.raises(BankError, match=r":1: the file must be a mapping with a 'questions:' list"):
        load_bank(path)


def test_the_answer_stack_is_read_once_into_direct_and_every_pin(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# comment\ntorch==2.13.0\nPEFT==0.21.2  # why\n# Transitive dependencies\nnumpy==2.4.6\n")
    stack = load_answer_stack(path)
    assert stack.direct == {"torch": "2.13.0", "peft": "0.21.2"}
    assert stack.pinned == {"torch": "2.13.0", "peft": "0.21.2", "numpy": "2.4.6"}


@pytest.mark.parametrize("line", ["numpy>=2", "numpy==2.4.6 !bad"])
def test_a_loose_pin_in_the_answer_stack_names_file_and_line(tmp_path, line):
    path = tmp_path / "requirements.txt"
    path.write_text(f"torch==2.13.0\n# Transitive dependencies\n{line}\n")  # a transitive line is checked too
    with pytest.raises(BankError, match=r"requirements.txt:3: (not a pinned requirement|'numpy' must be pinned)"):
        load_answer_stack(path)


def _variant(tmp_path: Path, *replacements: str) -> Path:
    """The valid fixture with (old, new) pairs of text replaced, written under tmp_path."""
    text = (BANKS / "valid.yaml").read_text()
    for old, new in zip(replacements[::2], replacements[1::2], strict=True):
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "bank.yaml"
    path.write_text(text)
    return path


def test_a_url_is_re_serialised_so_it_cannot_break_out_of_a_link(tmp_path):
    path = _variant(tmp_path, 'url: "https://huggingface.co/docs/peft"', 'url: "https://HF.co/a){x}[y] z\'"')
    with pytest.raises(BankError, match="must be an https:// address"):
        load_bank(path)  # a space is refused
    path = _variant(tmp_path, 'url: "https://huggingface.co/docs/peft"', 'url: "https://HF.co/a){onclick=x}[y]<b>"')
    assert load_bank(path).questions[0].references[1].url == "https://hf.co/a)%7Bonclick=x%7D%5By%5D%3Cb%3E"


def test_a_search_phrase_must_name_what_is_specific_to_its_question(tmp_path):
    path = _variant(tmp_path, "related: [beta]", 'related: [beta]\n    search_phrases: ["alpha fine-tuning"]')
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert [(p.question_id, p.field) for p in caught.value.problems] == [("alpha", "search_phrases")]
    assert "search phrase 'alpha fine-tuning' contains 'fine', a word on almost every page" in str(caught.value)


def test_two_questions_cannot_share_a_search_phrase(tmp_path):
    path = _variant(
        tmp_path,
        "related: [beta]",
        'related: [beta]\n    search_phrases: ["greek letters"]',
        "  - id: beta\n",
        '  - id: beta\n    search_phrases: ["Greek letters"]\n',
    )
    with pytest.raises(BankError, match="search phrase 'Greek letters' is also a search phrase of 'alpha'"):
        load_bank(path)
