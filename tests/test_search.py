"""Searching a term in Material's search box lands on the question about it first (Chromium, typed like a reader)."""

from __future__ import annotations

import pytest
from test_browser import search

pytestmark = pytest.mark.browser

# term typed -> the question that must come first
EXPECTED = {
    "QLoRA": "quantization-and-qlora",
    "LoRA": "lora",
    "learning rate": "learning-rate",
    "DVC": "structuring-a-fine-tuning-project",
    "EWC": "mitigating-catastrophic-forgetting",
    "warmup": "learning-rate-warmup",
    "gradient accumulation": "gradient-accumulation",
    "chat template": "prompt-templates-for-instruction-data",
    "PEFT": "lora",
    "W&B": "experiment-tracking-with-wandb",
    "Weights and Biases": "experiment-tracking-with-wandb",
    "RLHF": "sft-vs-dpo",
    "NF4": "quantization-and-qlora",
    "DPO": "sft-vs-dpo",
    "tokenizer": "tokenizer-must-match-model",
    "overfitting": "training-vs-validation-loss",
    "TIES": "model-merging",
    "spot instances": "fine-tuning-on-a-budget",
    "GDPR": "compliance-in-regulated-domains",
    "feature extraction": "full-fine-tuning-vs-feature-extraction",
    "model collapse": "continuous-improvement-loop",
    # British spellings (the site writes both): macros/pages/spelling.py
    "quantisation": "quantization-and-qlora",
    "tokeniser": "tokenizer-must-match-model",
    "regularisation": "catastrophic-forgetting-basics",
    # a plural the page does not use ("stakeholder"), found through the permalink's words
    "stakeholders": "explaining-to-non-technical-stakeholders",
    "reward model": "sft-vs-dpo",
    "model merging": "model-merging",
    "merge adapters": "model-merging",
    "learning rate warmup": "learning-rate-warmup",
}

# Terms for which the cheat sheet and the listing pages used to fill places 2-4.
COMMON = ["LoRA", "QLoRA", "learning rate", "tokenizer", "DPO", "gradient accumulation"]
LISTINGS = ("cheat-sheet/", "levels/", "categories/", "topics/", "questions/?", "questions/#")


@pytest.mark.parametrize("term", EXPECTED)
def test_search_lands_on_the_right_question_first(local_page, server, term):
    hits = search(local_page, server, term)
    assert hits[0].startswith(f"questions/{EXPECTED[term]}/"), hits[:3]


@pytest.mark.parametrize("term", COMMON)
def test_cheat_sheet_and_listings_never_take_the_first_places(local_page, server, term):
    hits = [h for h in search(local_page, server, term) if h]
    assert not [h for h in hits[:4] if h.startswith(LISTINGS)], hits[:4]


def test_results_never_show_a_hint_key_point_or_answer(local_page, server, bank):
    search(local_page, server, "LoRA")
    shown = " ".join(local_page.locator(".md-search-result").inner_text().split())
    lora = next(q for q in bank.questions if q.id == "lora")
    assert "How does LoRA fine-tune" in shown, "the question itself is shown"
    for secret in (lora.hint, *lora.key_points, lora.answer.short):
        assert " ".join(secret.split())[:40] not in shown
