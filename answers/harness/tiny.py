"""Tiny, randomly initialised stand-ins for hub checkpoints, written into a Hugging Face cache.

Each stand-in has the real architecture (Llama, Qwen2, GPT-2, BERT...) with a few small layers,
and a byte-level BPE tokenizer trained here on a few sentences, with the special tokens and (where
the real checkpoint has one) the exact chat template TRL ships for that model family. Nothing is
downloaded, and the files sit where `huggingface_hub` looks for a cached repo, so library code
loads them through its normal path with HF_HUB_OFFLINE=1.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from answers.harness.hub import ADAPTERS, DATASETS, MODELS, Model

TINY = {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4}

# family -> (config class name, special tokens, bos, eos, pad, unk, extra config)
FAMILIES: dict[str, dict] = {
    "llama": {
        "config": "LlamaConfig",
        "specials": ["<unk>", "<s>", "</s>"],
        "bos": "<s>",
        "eos": "</s>",
        "unk": "<unk>",
        "extra": {"num_key_value_heads": 4},
    },
    "llama3": {
        "config": "LlamaConfig",
        "bos": "<|begin_of_text|>",
        "eos": "<|eot_id|>",
        "pad": "<|finetune_right_pad_id|>",
        "specials": [
            "<|begin_of_text|>",
            "<|end_of_text|>",
            "<|start_header_id|>",
            "<|end_header_id|>",
            "<|eot_id|>",
            "<|eom_id|>",
            "<|python_tag|>",
            "<|finetune_right_pad_id|>",
        ],
        "extra": {"num_key_value_heads": 2},
    },
    "mistral": {
        "config": "MistralConfig",
        "specials": ["<unk>", "<s>", "</s>"],
        "bos": "<s>",
        "eos": "</s>",
        "unk": "<unk>",
        "extra": {"num_key_value_heads": 2},
    },
    "qwen2": {
        "config": "Qwen2Config",
        "eos": "<|im_end|>",
        "pad": "<|endoftext|>",
        "specials": ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<tool_call>", "</tool_call>"],
        "extra": {"num_key_value_heads": 2, "tie_word_embeddings": True},
    },
    "qwen3": {
        "config": "Qwen3Config",
        "eos": "<|im_end|>",
        "pad": "<|endoftext|>",
        "specials": [
            "<|endoftext|>",
            "<|im_start|>",
            "<|im_end|>",
            "<tool_call>",
            "</tool_call>",
            "<think>",
            "</think>",
            "<tool_response>",
            "</tool_response>",
        ],
        "extra": {"num_key_value_heads": 2, "head_dim": 16, "tie_word_embeddings": True},
    },
    "gpt2": {
        "config": "GPT2Config",
        "specials": ["<|endoftext|>"],
        "bos": "<|endoftext|>",
        "eos": "<|endoftext|>",
        "extra": {},
    },
    "bert": {
        "config": "BertConfig",
        "specials": ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
        "pad": "[PAD]",
        "unk": "[UNK]",
        "cls": "[CLS]",
        "sep": "[SEP]",
        "mask": "[MASK]",
        "extra": {},
    },
}


def _family(model: Model) -> str:
    return "llama3" if model.family == "llama" and (model.chat_template or "").startswith("llama3") else model.family


def _corpus() -> list[str]:
    """Every string of the dataset stand-ins plus some plain prose, so the BPE has real merges."""
    texts = [
        "Fine-tuning adapts a pretrained model to a task with a small learning rate.",
        "LoRA trains two low-rank matrices beside a frozen weight; the base stays unchanged.",
        "The quick brown fox jumps over the lazy dog. 0 1 2 3 4 5 6 7 8 9 + - * / = #",
        "unbelievable tokenization works on bytes, so no text is ever out of vocabulary.",
    ]

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(DATASETS)
    return texts


def build_tokenizer(family: str, chat_template: str | None):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    spec = FAMILIES[family]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=600, special_tokens=spec["specials"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(_corpus(), trainer)
    if family == "bert":
        cls, sep = spec["cls"], spec["sep"]
        tok.post_processor = processors.TemplateProcessing(
            single=f"{cls} $A {sep}",
            pair=f"{cls} $A {sep} $B {sep}",
            special_tokens=[(cls, tok.token_to_id(cls)), (sep, tok.token_to_id(sep))],
        )
    kwargs = {k: spec[k] + "" for k in ("bos", "eos", "pad", "unk", "cls", "sep", "mask") if k in spec}
    names = {
        "bos": "bos_token",
        "eos": "eos_token",
        "pad": "pad_token",
        "unk": "unk_token",
        "cls": "cls_token",
        "sep": "sep_token",
        "mask": "mask_token",
    }
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, **{names[k]: v for k, v in kwargs.items()})
    if chat_template:
        import trl

        fast.chat_template = (Path(trl.__file__).parent / "chat_templates" / f"{chat_template}.jinja").read_text(
            encoding="utf-8"
        )
    return fast


def build_model(family: str, kind: str, vocab_size: int, tokenizer):
    import torch
    import transformers

    spec = FAMILIES[family]
    config_cls = getattr(transformers, spec["config"])
    special_ids = {
        f"{k}_token_id": tokenizer.convert_tokens_to_ids(spec[k]) for k in ("bos", "eos", "pad") if k in spec
    }
    if family == "gpt2":
        config = config_cls(n_embd=64, n_layer=2, n_head=4, n_positions=1024, vocab_size=vocab_size, **special_ids)
    else:
        config = config_cls(vocab_size=vocab_size, max_position_embeddings=2048, **TINY, **spec["extra"], **special_ids)
    torch.manual_seed(0)
    if kind == "sequence-classification" or kind == "embedding":
        return transformers.AutoModel.from_config(config)
    return transformers.AutoModelForCausalLM.from_config(config)


def _snapshot(cache: Path, repo_id: str, repo_type: str = "model") -> Path:
    """The folder huggingface_hub resolves `repo_id` at revision `main` to, created empty."""
    folder = cache / f"{repo_type}s--{repo_id.replace('/', '--')}"
    commit = hashlib.sha1(repo_id.encode()).hexdigest()
    (folder / "refs").mkdir(parents=True, exist_ok=True)
    (folder / "refs" / "main").write_text(commit)
    snapshot = folder / "snapshots" / commit
    snapshot.mkdir(parents=True, exist_ok=True)
    return snapshot


def write_hub_cache(cache: Path) -> None:
    """Write every stand-in of hub.py into `cache` (the HF_HUB_CACHE folder)."""
    from peft import LoraConfig, get_peft_model

    built = {}
    for repo_id, model in MODELS.items():
        family = _family(model)
        tokenizer = build_tokenizer(family, model.chat_template)
        net = build_model(family, model.kind, len(tokenizer), tokenizer)
        snapshot = _snapshot(cache, repo_id)
        net.save_pretrained(snapshot)
        tokenizer.save_pretrained(snapshot)
        if model.kind == "embedding":
            (snapshot / "modules.json").write_text(
                json.dumps(
                    [
                        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                    ]
                )
            )
            (snapshot / "1_Pooling").mkdir(exist_ok=True)
            (snapshot / "1_Pooling" / "config.json").write_text(
                json.dumps({"word_embedding_dimension": net.config.hidden_size, "pooling_mode_mean_tokens": True})
            )
        built[repo_id] = (net, snapshot)
    for adapter_id, base_id in ADAPTERS.items():
        net, base_snapshot = built[base_id]
        peft_model = get_peft_model(net, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]))
        snapshot = _snapshot(cache, adapter_id)
        peft_model.save_pretrained(snapshot)
        config_path = snapshot / "adapter_config.json"
        config = json.loads(config_path.read_text())
        config["base_model_name_or_path"] = base_id
        config_path.write_text(json.dumps(config, indent=2))
        built[base_id] = (peft_model.unload(), base_snapshot)
