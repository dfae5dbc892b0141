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
    # qa-scale
    "ZeRO": "multi-gpu-fsdp-and-zero",
    "FSDP": "multi-gpu-fsdp-and-zero",
    "shard optimizer states across GPUs": "multi-gpu-fsdp-and-zero",
    "DoRA": "lora-hyperparameters-and-variants",
    "rsLoRA": "lora-hyperparameters-and-variants",
    "target modules": "lora-hyperparameters-and-variants",
    "RAG": "fine-tune-vs-rag-vs-prompting",
    "fine-tune or RAG": "fine-tune-vs-rag-vs-prompting",
    "epochs": "epochs-and-memorization",
    "how many epochs": "epochs-and-memorization",
    "NaN loss": "loss-spikes-and-nans",
    "loss spike": "loss-spikes-and-nans",
}


@pytest.mark.parametrize("term", EXPECTED)
def test_search_lands_on_the_right_question_first(local_page, server, term):
    hits = search(local_page, server, term)
    assert hits[0].startswith(f"questions/{EXPECTED[term]}/"), hits[:3]
