"""The one table of stand-ins: which hub id becomes which tiny local model or dataset.

Snippets in the bank name real checkpoints and datasets, as a reader would. The harness never
downloads: before the snippets run it writes a tiny randomly initialised model (and tokenizer)
for every model id below into a private Hugging Face cache under that same id, and sets
HF_HUB_OFFLINE=1, so `from_pretrained("meta-llama/Llama-2-7b-hf")` loads the stand-in unchanged.
`load_dataset(id)` returns the rows of the dataset's stand-in in the same format.

Adding a snippet that uses a new checkpoint or dataset: add its id here, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Model:
    family: str  # an architecture in tiny.FAMILIES
    chat_template: str | None = None  # a template shipped with TRL (trl/chat_templates/<name>.jinja)
    kind: str = "causal-lm"  # or "sequence-classification", "embedding"


MODELS: dict[str, Model] = {
    "meta-llama/Llama-2-7b-hf": Model("llama"),
    "meta-llama/Llama-2-7b-chat-hf": Model("llama"),
    "meta-llama/Llama-3.1-8B": Model("llama", "llama3_1"),
    "meta-llama/Llama-3.1-8B-Instruct": Model("llama", "llama3_1"),
    "meta-llama/Llama-3.2-1B-Instruct": Model("llama", "llama3_2"),
    "mistralai/Mistral-7B-v0.1": Model("mistral"),
    "Qwen/Qwen2.5-0.5B": Model("qwen2", "qwen2_5"),
    "Qwen/Qwen2.5-0.5B-Instruct": Model("qwen2", "qwen2_5"),
    "Qwen/Qwen2.5-1.5B": Model("qwen2", "qwen2_5"),
    "Qwen/Qwen2.5-1.5B-Instruct": Model("qwen2", "qwen2_5"),
    "Qwen/Qwen2.5-7B-Instruct": Model("qwen2", "qwen2_5"),
    "Qwen/Qwen3-0.6B": Model("qwen3", "qwen3"),
    "Qwen/Qwen3-8B": Model("qwen3", "qwen3"),
    "openai-community/gpt2": Model("gpt2"),
    "google-bert/bert-base-uncased": Model("bert", kind="sequence-classification"),
    "sentence-transformers/all-MiniLM-L6-v2": Model("bert", kind="embedding"),
    "BAAI/bge-base-en-v1.5": Model("bert", kind="embedding"),
}

# Adapters on the hub, written as LoRA adapters of the given base model (ids used in answers).
ADAPTERS: dict[str, str] = {
    "org/legal-lora": "meta-llama/Llama-2-7b-hf",
    "org/support-lora": "meta-llama/Llama-2-7b-hf",
}

_CHAT = [
    [
        {"role": "system", "content": "You are a concise support bot."},
        {"role": "user", "content": "How do I reset my password?"},
        {"role": "assistant", "content": "Open Settings, then Security, then Reset password."},
    ],
    [
        {"role": "user", "content": "What is two plus three?"},
        {"role": "assistant", "content": "Two plus three is five."},
    ],
    [
        {"role": "user", "content": "Name a prime number above ten."},
        {"role": "assistant", "content": "Eleven is a prime number."},
        {"role": "user", "content": "And one above twenty?"},
        {"role": "assistant", "content": "Twenty-three."},
    ],
    [
        {"role": "user", "content": "Translate 'thank you' into French."},
        {"role": "assistant", "content": "Merci."},
    ],
]

_PREFERENCE = [
    {
        "prompt": [{"role": "user", "content": "Summarise: the meeting moved to Friday."}],
        "chosen": [{"role": "assistant", "content": "The meeting is now on Friday."}],
        "rejected": [{"role": "assistant", "content": "Meetings are important for teams."}],
    },
    {
        "prompt": [{"role": "user", "content": "What is the capital of France?"}],
        "chosen": [{"role": "assistant", "content": "Paris."}],
        "rejected": [{"role": "assistant", "content": "Lyon, I think."}],
    },
    {
        "prompt": [{"role": "user", "content": "Is 17 prime?"}],
        "chosen": [{"role": "assistant", "content": "Yes, 17 is prime."}],
        "rejected": [{"role": "assistant", "content": "No, 17 is even."}],
    },
    {
        "prompt": [{"role": "user", "content": "Give one word for happy."}],
        "chosen": [{"role": "assistant", "content": "Joyful."}],
        "rejected": [{"role": "assistant", "content": "Sad."}],
    },
]

_MATH = [
    {"prompt": [{"role": "user", "content": "What is 2 + 3? Answer with a number."}], "answer": "5"},
    {"prompt": [{"role": "user", "content": "What is 4 * 2? Answer with a number."}], "answer": "8"},
    {"prompt": [{"role": "user", "content": "What is 9 - 6? Answer with a number."}], "answer": "3"},
    {"prompt": [{"role": "user", "content": "What is 10 / 5? Answer with a number."}], "answer": "2"},
]

# Dataset stand-ins: rows in the same columns as the real dataset's train split.
DATASETS: dict[str, list[dict]] = {
    "trl-lib/Capybara": [{"messages": m} for m in _CHAT],
    "HuggingFaceH4/ultrachat_200k": [{"messages": m} for m in _CHAT],
    "trl-lib/ultrafeedback_binarized": _PREFERENCE,
    "HuggingFaceH4/ultrafeedback_binarized": _PREFERENCE,
    "openai/gsm8k": [
        {"question": "Ann has 2 apples and buys 3 more. How many?", "answer": "2 + 3 = 5\n#### 5"},
        {"question": "Bob has 8 pens and gives away 5. How many?", "answer": "8 - 5 = 3\n#### 3"},
    ],
    "trl-lib/DeepMath-103K": _MATH,
}

# Files a snippet reads as if they were the reader's own (created in its working directory).
FILES: dict[str, list[dict]] = {
    "train.jsonl": [{"prompt": m[-2]["content"], "completion": m[-1]["content"]} for m in _CHAT],
    "chat.jsonl": [{"messages": m} for m in _CHAT],
}

# spaCy pipelines by name (what presidio loads for NER): a blank English pipeline whose entity
# ruler knows the names the snippets use, written into the snippet's working directory.
SPACY_PIPELINES: dict[str, list[dict]] = {
    "en_core_web_lg": [{"label": "PERSON", "pattern": "John Smith"}, {"label": "PERSON", "pattern": "Jane Doe"}],
}
