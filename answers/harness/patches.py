"""What the harness changes in the libraries so a reader's snippet runs on a CPU in seconds.

Only three things, all applied before a snippet starts:

1. Training runs shrink: every `TrainingArguments` (and TRL's configs, which subclass it) is
   built with `max_steps=2`, batch sizes and accumulation of at most 2, logging/eval/save every
   step, no reporting, no data-loader workers and no torch.compile. GRPO-style configs also
   sample 2 completions of at most 8 tokens. The snippet's text is not changed.
2. GPU-only attention kernels become their CPU equivalent: `attn_implementation` set to a
   FlashAttention variant loads with "sdpa" instead. (bitsandbytes 4-bit loading and its 8-bit and
   paged optimizers have CPU paths in the pinned release, so they run as written.)
3. `datasets.load_dataset(<hub id>)` returns the stand-in rows of hub.DATASETS.

Model and tokenizer ids need no patch: tiny.py writes stand-ins into the Hugging Face cache.
"""

from __future__ import annotations

import contextlib
import functools

SHRINK_MAX = {
    "per_device_train_batch_size": 2,
    "per_device_eval_batch_size": 2,
    "gradient_accumulation_steps": 2,
    "max_completion_length": 8,
    "num_generations": 2,
}
SHRINK_SET = {
    "max_steps": 2,
    "report_to": "none",
    "dataloader_num_workers": 0,
    "torch_compile": False,
    "push_to_hub": False,
    "dataloader_pin_memory": False,
    "bf16": False,  # mixed precision needs a GPU here; the maths is the same in fp32
    "fp16": False,
}
EVERY_STEP = ("logging_steps", "eval_steps", "save_steps")


def shrink_training_kwargs(kwargs: dict, fields: set[str]) -> dict:
    """The arguments a config is really built with: same meaning, CPU-sized."""
    out = dict(kwargs)
    for name, cap in SHRINK_MAX.items():
        if name in fields and isinstance(out.get(name), int) and out[name] > cap:
            out[name] = cap
    for name, value in SHRINK_SET.items():
        if name in fields:
            out[name] = value
    for name in EVERY_STEP:
        if name in fields and isinstance(out.get(name), (int, float)) and out[name] > 1:
            out[name] = 1
    if "warmup_steps" in fields and isinstance(out.get("warmup_steps"), int) and out["warmup_steps"] > 1:
        out["warmup_steps"] = 1
    if "num_generations" in fields:
        out.setdefault("num_generations", SHRINK_MAX["num_generations"])
        out.setdefault("max_completion_length", SHRINK_MAX["max_completion_length"])
        out["per_device_train_batch_size"] = out["num_generations"]
        for derived in ("generation_batch_size", "steps_per_generation"):  # recomputed from the above
            if derived in fields:
                out[derived] = None
    return out


def _wrap_init(cls) -> None:
    import dataclasses

    if "__init__" not in cls.__dict__ or getattr(cls.__init__, "_harness", False):
        return
    original = cls.__init__
    fields = {f.name for f in dataclasses.fields(cls)}

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        original(self, *args, **shrink_training_kwargs(kwargs, fields))

    __init__._harness = True
    cls.__init__ = __init__


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def patch_training_arguments() -> None:
    import transformers
    import trl
    import trl.trainer

    for name in dir(trl):
        if name.endswith("Config"):
            with contextlib.suppress(Exception):  # an optional extra that is not installed
                getattr(trl, name)
    _wrap_init(transformers.TrainingArguments)
    for sub in _all_subclasses(transformers.TrainingArguments):
        _wrap_init(sub)


def patch_attention() -> None:
    from transformers import PreTrainedModel

    original = PreTrainedModel.get_correct_attn_implementation

    @functools.wraps(original)
    def get_correct_attn_implementation(self, requested_attention, *args, **kwargs):
        if str(requested_attention or "").startswith("flash_attention"):
            requested_attention = "sdpa"  # the CPU kernel computing the same attention
        return original(self, requested_attention, *args, **kwargs)

    PreTrainedModel.get_correct_attn_implementation = get_correct_attn_implementation


def patch_datasets() -> None:
    import datasets

    from answers.harness.hub import DATASETS

    original = datasets.load_dataset

    @functools.wraps(original)
    def load_dataset(path, *args, split=None, **kwargs):
        if path not in DATASETS:
            return original(path, *args, split=split, **kwargs)
        table = datasets.Dataset.from_list(DATASETS[path])
        if split is None:
            return datasets.DatasetDict({"train": table, "test": table})
        return table

    datasets.load_dataset = load_dataset


def apply_all() -> None:
    patch_training_arguments()
    patch_attention()
    patch_datasets()
