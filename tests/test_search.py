"""Searching a term in Material's search box lands on the question about it first (Chromium, typed like a reader)."""

from __future__ import annotations

import pytest
from test_browser import search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_tab(browser, server):
    """One tab for all the expected-first queries: the index is built once, each query clears the box."""
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    yield context.new_page()
    context.close()


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
    "model collapse": "synthetic-data-and-distillation",
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
    "estimate GPU memory": "fine-tuning-memory-budget",
    "memory for full fine-tuning": "fine-tuning-memory-budget",
    "mixed precision": "mixed-precision-training",
    "fp16": "mixed-precision-training",
    "loss scaling": "mixed-precision-training",
    "gradient checkpointing": "gradient-checkpointing-and-flashattention",
    "FlashAttention": "gradient-checkpointing-and-flashattention",
    "SDPA": "gradient-checkpointing-and-flashattention",
    "sequence packing": "sequence-packing",
    "position ids packing": "sequence-packing",
    "pack short examples together": "sequence-packing",
    "AdamW": "optimizers-for-fine-tuning",
    "GaLore": "optimizers-for-fine-tuning",
    "8-bit optimizer": "optimizers-for-fine-tuning",
    # qa-eval
    "paired bootstrap": "eval-statistics",
    "CLT": "eval-statistics",
    "eval difference noise": "eval-statistics",
    "LLM judge": "llm-as-a-judge",
    "position bias": "llm-as-a-judge",
    "verbosity bias": "llm-as-a-judge",
    "regression suite": "evaluating-a-fine-tuned-model",
    "pass@k": "evaluating-a-fine-tuned-model",
    "did the fine-tune help": "evaluating-a-fine-tuned-model",
    "Punica": "multi-lora-serving",
    "SGMV": "multi-lora-serving",
    "hundreds of adapters": "multi-lora-serving",
    "GPTQ": "deploying-quantized-fine-tunes",
    "AWQ": "deploying-quantized-fine-tunes",
    "merge and quantize": "deploying-quantized-fine-tunes",
    # qa-rl2
    "reward hacking": "reward-hacking",
    "OAIF": "online-vs-offline-preference-tuning",
    "rejection sampling": "rejection-sampling-fine-tuning",
    "RFT": "rejection-sampling-fine-tuning",
    "reasoning distillation": "reasoning-distillation",
    # qa-safety
    "benchmark contamination": "benchmark-contamination",
    "differential privacy": "privacy-and-memorization",
    "machine unlearning": "privacy-and-memorization",
    "release gate": "release-gate-for-fine-tuned-models",
    "limited GPU time": "prioritizing-experiments-with-limited-compute",
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
    # qa-modal
    "hard negatives": "embedding-model-fine-tuning",
    "InfoNCE": "embedding-model-fine-tuning",
    "fine-tune an embedding model": "embedding-model-fine-tuning",
    "function calling": "tool-use-fine-tuning",
    "BFCL": "tool-use-fine-tuning",
    "train a model to call tools": "tool-use-fine-tuning",
    "YaRN": "long-context-extension",
    "RoPE": "long-context-extension",
    "extend the context window": "long-context-extension",
    "vision-language model": "vision-language-fine-tuning",
    "LLaVA": "vision-language-fine-tuning",
    "which parts of a VLM to freeze": "vision-language-fine-tuning",
    "NCCL": "slow-multi-gpu-training",
    "low GPU utilization": "slow-multi-gpu-training",
    "multi-GPU training hangs": "slow-multi-gpu-training",
    # British spellings (the site writes both): macros/pages/spelling.py
    "quantisation": "quantization-and-qlora",
    "tokeniser": "tokenizer-must-match-model",
    "regularisation": "catastrophic-forgetting-basics",
    # a plural the page does not use ("stakeholder"), found through the permalink's words
    "stakeholders": "explaining-to-non-technical-stakeholders",
    "reward model": "reward-model-training",
    "model merging": "model-merging",
    "merge adapters": "model-merging",
    "learning rate warmup": "learning-rate-warmup",
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
    # the lead: questions whose writers found no query
    "XSTest": "safety-after-fine-tuning",
    "safety after fine-tuning": "safety-after-fine-tuning",
    "argue against fine-tuning": "arguing-against-fine-tuning",
    "simpler than fine-tuning": "arguing-against-fine-tuning",
    "Bradley-Terry": "reward-model-training",
    "embedding model": "embedding-model-fine-tuning",
    "NCCL timeout": "slow-multi-gpu-training",
    "learning rate schedule": "learning-rate",
    "training on model-generated data": "synthetic-data-and-distillation",
    # qa-syco
    "sycophancy": "sycophancy-after-feedback-training",
    "thumbs up feedback": "sycophancy-after-feedback-training",
    "model agrees with wrong claims": "sycophancy-after-feedback-training",
}

# Known misses at 62 questions, kept as strict expected failures so a ranking fix shows up at once:
# lunr scores each word of a two-word query on its own, so a page that says "reinforcement learning"
# and "pass rate" often enough outranks the learning-rate question, and any title with "model" in it
# competes for "reward model". Fixing the ranking (per-question search phrases) is open work.
KNOWN_MISSES = {
    "learning rate",
    "model collapse",
    "reward model",
    "fine-tune an embedding model",
    "multi-GPU training hangs",
}

# Terms for which the cheat sheet and the listing pages used to fill places 2-4.
COMMON = ["LoRA", "QLoRA", "learning rate", "tokenizer", "DPO", "gradient accumulation"]
LISTINGS = ("cheat-sheet/", "levels/", "categories/", "topics/", "questions/?", "questions/#")


@pytest.mark.parametrize(
    "term",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="ranking: see KNOWN_MISSES"))
        if t in KNOWN_MISSES
        else t
        for t in EXPECTED
    ],
)
def test_search_lands_on_the_right_question_first(search_tab, server, term):
    hits = search(search_tab, server, term, fresh=False)
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
