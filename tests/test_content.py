"""The answers themselves: required parts, references, formulas and quoted figures.

The code snippets are run in the answer stack by tests/test_answer_snippets.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.bank import ANSWER_RULES, load_bank
from macros.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))
KINDS = {c.id: c.kind for c in BANK.categories}


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_answer_has_every_part_its_kind_requires(question):
    rules = ANSWER_RULES[KINDS[question.category]]
    assert all(getattr(question.answer, name) for name, _ in rules.sections)
    assert 2 <= len(question.follow_ups) <= 4
    assert len(question.references) >= rules.min_references
    assert all(r.url.startswith("https://") for r in question.references)
    assert 3 <= len(question.key_points) <= 5


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_math_never_looks_like_an_html_tag(question):
    """`y_{<t}` starts a tag for Markdown's HTML parser and silently breaks the page: write `y_{< t}`."""
    for _, markdown in question.answer:
        for math in re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+)\$", markdown or "", re.S):
            assert not re.search(r"<[A-Za-z/!?]", "".join(math)), math


def test_answers_quote_the_numbers_their_figures_compute():
    """Text and figure come from the same computation, so they cannot drift apart unnoticed."""
    from macros.figures import eval_ci, lora, memory

    rows = {(r["rank"], r["targets"]): r["params"] for r in lora.data()}
    full_ft = round(sum(memory.data()[0]["parts"].values()))
    quoted = {
        "lora-trainable-params": [f"{rows[(8, 'q_proj, v_proj')]:,}", f"{rows[(16, 'all 7 linear layers')]:,}"],
        "finetune-memory-7b": [f"{full_ft} GB"],
        "eval-ci-width": [
            f"{n:,}"
            for var in (eval_ci.var_paired(), eval_ci.var_unpaired())
            for n in (eval_ci.items_to_exclude_zero(var), eval_ci.items_for_power(var))
        ],
    }
    numbers = computed_numbers()
    assert set(numbers) <= {q.id for q in BANK.questions}
    for q in BANK.questions:
        text = " ".join(v for _, v in q.answer if v)
        for number in numbers.get(q.id, []):
            assert number in text, f"{q.id} does not quote the computed {number}"
        for figure in q.figures:
            for number in quoted.get(figure, []):
                assert number in text, f"{q.id} shows {figure} but does not quote {number}"


def computed_numbers() -> dict[str, list[str]]:
    """Numbers the answers quote in prose, formatted as they appear, from the code that computes them."""
    from dataclasses import replace

    from macros.figures import activations, dedup, memory, precision
    from macros.figures.lora import LLAMA2_7B

    gb = 1e9
    p, adapters = memory.PARAMS, memory.ADAPTER_PARAMS

    def act(s, ckpt, flash):
        return memory.activation_bytes(LLAMA2_7B, s, 1, ckpt, flash) / gb

    llama3 = replace(LLAMA2_7B, vocab=128_256)
    targets = list(LLAMA2_7B.projections())
    qlora_llama2 = memory.calculate({"shape": LLAMA2_7B, "method": "qlora", "rank": 16, "targets": targets})
    at = {name: dict(points) for name, points in activations.data().items()}
    return {
        "fine-tuning-memory-budget": [
            f"{memory.estimate('full', p).total / gb:.0f} GB",
            f"{memory.estimate('full', p, optimizer='adamw-8bit').total / gb:.0f} GB",
            f"{adapters:,}",
            f"{memory.estimate('lora', p, adapters).total / gb:.2f} GB",
            f"{memory.estimate('qlora', p, adapters).total / gb:.2f} GB",
            f"{sum(qlora_llama2[k] for k in ('weights', 'gradients', 'optimizer')) / gb:.2f} GB",  # real shape
            f"{act(2048, False, False):.1f} GB",
            f"{act(2048, False, True):.2f} GB",
            f"{act(2048, True, True):.2f} GB",
            f"{memory.logits_bytes(LLAMA2_7B, 2048) / gb:.2f} GB",
            f"{memory.logits_bytes(llama3, 2048) / gb:.2f} GB",
        ],
        "optimizers-for-fine-tuning": [
            f"{memory.estimate('full', p).total / gb:.0f} GB",
            f"{memory.estimate('full', p, optimizer='adamw-8bit').total / gb:.0f} GB",
            f"{8 * adapters / gb:.2f} GB",
            f"{2 * adapters / gb:.2f} GB",
        ],
        "mixed-precision-training": [f"{fmt.max:,.0f}" for fmt in precision.data() if fmt.max < 1e6],
        "gradient-checkpointing-and-flashattention": [
            f"{at['eager attention, no checkpointing'][4096]:.0f} GB",
            f"{at['FlashAttention, no checkpointing'][4096]:.1f} GB",
            f"{at['FlashAttention + checkpointing'][4096]:.2f} GB",
        ],
        "data-quality-and-deduplication": [
            f"{dedup.candidate_probability(0.8, 14, 8):.1%}",
            f"{dedup.candidate_probability(0.5, 14, 8):.1%}",
            f"steepest near {dedup.threshold(14, 8):.2f}",
        ],
    }
