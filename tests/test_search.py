"""Searching a term in Material's search box lands on the question about it first (Chromium, typed like a reader)."""

from __future__ import annotations

import pytest
from test_browser import search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_tab(browser, server):
    """One tab for all the expected-first queries: the index is built once, each query clears the box."""
    context = browser.new_context(service_workers="block")
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
    "RLHF": "rlhf-with-ppo",
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
    # A second list, written as unseen queries once the first search phrases were in (38 of 61 then landed
    # first; the phrases were tuned on them too). Grow both lists with every new question.
    "catastrophic forgetting": "catastrophic-forgetting-basics",
    "how to avoid forgetting": "mitigating-catastrophic-forgetting",
    "replay old data": "mitigating-catastrophic-forgetting",
    "validation loss goes up": "training-vs-validation-loss",
    "early stopping": "training-vs-validation-loss",
    "low-rank adaptation": "lora",
    "LoRA rank": "lora-hyperparameters-and-variants",
    "lora alpha": "lora-hyperparameters-and-variants",
    "4-bit": "quantization-and-qlora",
    "effective batch size": "gradient-accumulation",
    "warmup steps": "learning-rate-warmup",
    "how much VRAM do I need": "fine-tuning-memory-budget",
    "bf16": "mixed-precision-training",
    "activation checkpointing": "gradient-checkpointing-and-flashattention",
    "padding": "sequence-packing",
    "paged optimizer": "optimizers-for-fine-tuning",
    "preference optimization": "sft-vs-dpo",
    "DeepSpeed": "multi-gpu-fsdp-and-zero",
    "retrieval augmented generation": "fine-tune-vs-rag-vs-prompting",
    "memorization": "epochs-and-memorization",
    "gradient clipping": "loss-spikes-and-nans",
    "loss goes to NaN": "loss-spikes-and-nans",
    "KL penalty": "rlhf-with-ppo",
    "reward over-optimization": "reward-hacking",
    "on-policy": "online-vs-offline-preference-tuning",
    "iterative DPO": "online-vs-offline-preference-tuning",
    "best-of-n": "rejection-sampling-fine-tuning",
    "chain of thought": "reasoning-distillation",
    "model soup": "model-merging",
    "statistical significance": "eval-statistics",
    "judge bias": "llm-as-a-judge",
    "human evaluation": "evaluating-a-fine-tuned-model",
    "serve many LoRA adapters": "multi-lora-serving",
    "vLLM": "multi-lora-serving",
    "quantize after fine-tuning": "deploying-quantized-fine-tunes",
    "HIPAA": "compliance-in-regulated-domains",
    "law firm": "legal-domain-with-limited-data",
    "fine-tuned model worse than base": "fine-tuned-model-worse-than-base",
    "cheap fine-tuning": "fine-tuning-on-a-budget",
    "contrastive loss": "embedding-model-fine-tuning",
    "tool calling": "tool-use-fine-tuning",
    "long context": "long-context-extension",
    "multimodal": "vision-language-fine-tuning",
    "GPU utilization": "slow-multi-gpu-training",
    "wandb": "experiment-tracking-with-wandb",
    "reproducibility": "structuring-a-fine-tuning-project",
    "refusals": "safety-after-fine-tuning",
    "data contamination": "benchmark-contamination",
    "membership inference": "privacy-and-memorization",
    "flattery": "sycophancy-after-feedback-training",
    "deployment gate": "release-gate-for-fine-tuned-models",
    "failed project": "learning-from-a-failed-project",
    "data flywheel": "continuous-improvement-loop",
    "synthetic data": "synthetic-data-and-distillation",
    "hallucination": "fine-tuning-new-knowledge",
    "JSON": "structured-output-fine-tuning",
    "special tokens": "tokenizer-must-match-model",
    "frozen backbone": "full-fine-tuning-vs-feature-extraction",
    "linear probe": "full-fine-tuning-vs-feature-extraction",
    "loss masking": "prompt-templates-for-instruction-data",
    "verifier": "grpo-and-rlvr",
    # Plain-English phrasings, so that every question has at least three queries (tuned on these too).
    "why does fine-tuning make the model forget": "catastrophic-forgetting-basics",
    "LR": "learning-rate",
    "how to format instruction data": "prompt-templates-for-instruction-data",
    "batch does not fit in GPU memory": "gradient-accumulation",
    "SFT": "sft-vs-dpo",
    "learn from production feedback": "continuous-improvement-loop",
    "improve the model over time": "continuous-improvement-loop",
    "proxy reward goes up but quality drops": "reward-hacking",
    "teach a small model to reason": "reasoning-distillation",
    "healthcare data privacy": "compliance-in-regulated-domains",
    "legal documents small dataset": "legal-domain-with-limited-data",
    "fine-tune for a law firm": "legal-domain-with-limited-data",
    "users say the new model is worse": "fine-tuned-model-worse-than-base",
    "regression after fine-tuning": "fine-tuned-model-worse-than-base",
    "fine-tune on a small budget": "fine-tuning-on-a-budget",
    "project layout for fine-tuning": "structuring-a-fine-tuning-project",
    "test data leaked into training": "benchmark-contamination",
    "should the new model replace production": "release-gate-for-fine-tuned-models",
    "talked the team out of fine-tuning": "arguing-against-fine-tuning",
    "which experiments to run first": "prioritizing-experiments-with-limited-compute",
    "prioritize experiments": "prioritizing-experiments-with-limited-compute",
    "explain to a non-technical audience": "explaining-to-non-technical-stakeholders",
    "explain a technical idea to a manager": "explaining-to-non-technical-stakeholders",
    "project that failed": "learning-from-a-failed-project",
    "lessons from a failure": "learning-from-a-failed-project",
    # A held-out list of 48 queries written on 2026-12-01 before looking at the phrases: 39 landed first,
    # 45 in the top three. These misses were clear enough to fix (phrases in the bank); the ambiguous ones
    # ("overfitting with too many epochs" finds the loss-curves question first) are left as they are.
    "how much VRAM to fine-tune 7B": "fine-tuning-memory-budget",
    "activation recomputation": "gradient-checkpointing-and-flashattention",
    "attention mask across documents": "sequence-packing",
    "needle in a haystack": "long-context-extension",
    "jailbreak after fine-tuning": "safety-after-fine-tuning",
    "AWQ after merging LoRA": "deploying-quantized-fine-tunes",
    "pushed back on fine-tuning": "arguing-against-fine-tuning",
    "reward overoptimization": "reward-hacking",
}

# Terms for which the cheat sheet and the listing pages used to fill places 2-4.
COMMON = ["LoRA", "QLoRA", "learning rate", "tokenizer", "DPO", "gradient accumulation"]
LISTINGS = ("cheat-sheet/", "levels/", "categories/", "topics/", "questions/?", "questions/#")


# Typed into the search box like a reader: single words, abbreviations and the multi-word queries that
# used to miss ("learning rate", "reward model", "model collapse"...). The full lists below go straight
# to Material's own search worker in the same browser, which is what the box does, only without typing.
TYPED = [
    "QLoRA",
    "learning rate",
    "reward model",
    "model collapse",
    "fine-tune an embedding model",
    "multi-GPU training hangs",
    "W&B",
    "quantisation",
    "which parts of a VLM to freeze",
    "best-of-n",
]


@pytest.mark.parametrize("term", TYPED)
def test_typing_a_query_lands_on_the_right_question_first(search_tab, server, term):
    hits = search(search_tab, server, term, fresh=False)
    assert hits[0].startswith(f"questions/{EXPECTED[term]}/"), hits[:3]


@pytest.fixture(scope="module")
def engine(browser, server):
    """Material's search worker (the script the search box talks to), set up in a page of the built site
    with the site's own index; `engine(query)` returns the result pages, best first."""
    context = browser.new_context(service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    tab = context.new_page()
    tab.goto(server)
    tab.evaluate(
        """async () => {
            const config = JSON.parse(document.getElementById("__config").textContent);
            const index = await (await fetch(new URL("search/search_index.json", location.href))).json();
            const worker = new Worker(new URL(config.search, location.href));
            const reply = () => new Promise(ok => worker.addEventListener("message", e => ok(e.data), {once: true}));
            worker.postMessage({type: 0, data: {...index, options: {suggest: false}}});  // SETUP
            await reply();  // READY
            window.__ftpQuery = async query => {
                worker.postMessage({type: 2, data: query});  // QUERY
                const result = await reply();  // RESULT: groups of [page, its sections...], best first
                return result.data.items.map(group => group[0].location.split("#")[0]);
            };
        }"""
    )
    yield lambda query: tab.evaluate("q => window.__ftpQuery(q)", query)
    context.close()


def test_every_question_has_at_least_three_realistic_queries(bank):
    """Its key term, its abbreviation or another name, and a plain-English phrasing (issues 14 and 15)."""
    counts = {q.id: sum(1 for qid in EXPECTED.values() if qid == q.id) for q in bank.questions}
    assert not {qid: n for qid, n in counts.items() if n < 3}


def test_every_expected_query_lands_on_its_question_first(engine):
    misses = {t: engine(t)[:3] for t, qid in EXPECTED.items() if not engine(t)[0].startswith(f"questions/{qid}/")}
    assert not misses, f"{len(misses)} of {len(EXPECTED)} queries miss: {misses}"


def test_each_search_phrase_in_the_bank_finds_its_own_question_first(engine, bank):
    phrases = {p: q.id for q in bank.questions for p in q.search_phrases}
    assert len(phrases) > 2 * len(bank.questions)
    misses = {p: engine(p)[:3] for p, qid in phrases.items() if not engine(p)[0].startswith(f"questions/{qid}/")}
    assert not misses, f"search phrases that find another question first (data/questions.yaml): {misses}"


def test_the_box_and_the_worker_agree(search_tab, server, engine):
    for term in ("reward model", "GRPO", "stakeholders"):
        # The box lists each page with its matching sections; keep the pages, without the ?h= highlight.
        pages = dict.fromkeys(hit.split("?")[0].split("#")[0] for hit in search(search_tab, server, term, fresh=False))
        assert list(pages)[:3] == engine(term)[:3]


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
