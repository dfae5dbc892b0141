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
    # qa-rl
    "GRPO": "grpo-and-rlvr",
    "RLVR": "grpo-and-rlvr",
    "verifiable rewards": "grpo-and-rlvr",
    "KTO": "dpo-variants",
    "SimPO": "dpo-variants",
    "PPO": "rlhf-with-ppo",
    "RewardBench": "reward-model-training",
    "PRM": "reward-model-training",
    "ORPO": "dpo-variants",
    # qa-efficiency
    "memory budget": "fine-tuning-memory-budget",
    "how much GPU memory to fine-tune": "fine-tuning-memory-budget",
    "mixed precision": "mixed-precision-training",
    "fp16": "mixed-precision-training",
    "loss scaling": "mixed-precision-training",
    "gradient checkpointing": "gradient-checkpointing-and-flashattention",
    "FlashAttention": "gradient-checkpointing-and-flashattention",
    "SDPA": "gradient-checkpointing-and-flashattention",
    "sequence packing": "sequence-packing",
    "padding-free": "sequence-packing",
    "pack short examples together": "sequence-packing",
    "AdamW": "optimizers-for-fine-tuning",
    "GaLore": "optimizers-for-fine-tuning",
    "8-bit optimizer": "optimizers-for-fine-tuning",
    # qa-data
    "deduplication": "data-quality-and-deduplication",
    "MinHash": "data-quality-and-deduplication",
    "remove near-duplicate examples": "data-quality-and-deduplication",
    "constrained decoding": "structured-output-fine-tuning",
    "structured output": "structured-output-fine-tuning",
    "force the model to output valid JSON": "structured-output-fine-tuning",
    "new knowledge": "fine-tuning-new-knowledge",
    "SliCK": "fine-tuning-new-knowledge",
    "can fine-tuning teach new facts": "fine-tuning-new-knowledge",
    "distillation": "synthetic-data-and-distillation",
    "GKD": "synthetic-data-and-distillation",
    "teacher student distillation": "synthetic-data-and-distillation",
    "continued pretraining": "continued-pretraining",
    "DAPT": "continued-pretraining",
    "continue pretraining on domain text": "continued-pretraining",
}


@pytest.mark.parametrize("term", EXPECTED)
def test_search_lands_on_the_right_question_first(local_page, server, term):
    hits = search(local_page, server, term)
    assert hits[0].startswith(f"questions/{EXPECTED[term]}/"), hits[:3]
