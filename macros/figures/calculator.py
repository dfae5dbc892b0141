"""The memory calculator: worked cases computed at build time, and the form's choices and defaults.

The numbers come from `memory.calculate`, the same function the figures use; the browser runs
docs/assets/calc/memory.js, which tests/test_calculator.py keeps equal to it. Without JavaScript
the page shows the worked cases and the assumptions; the form stays hidden until its script runs.
"""

from __future__ import annotations

from dataclasses import asdict

from .lora import ModelShape
from .memory import GB, OPTIMIZERS, PRECISIONS, ZERO_STAGES, calculate
from .models import LLAMA31_8B, LLAMA31_70B, PRESETS

FIGURE_ID = "memory-calculator"
TEMPLATE = "calculator.html.j2"
TARGET_CHOICES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
METHOD_LABELS = {"full": "Full fine-tuning", "lora": "LoRA", "qlora": "QLoRA (4-bit NF4 base)"}
PRECISION_LABELS = {
    "mixed": "bf16 mixed (fp32 master copy)",
    "bf16": "Pure bf16",
    "fp32": "fp32",
}
OPTIMIZER_LABELS = {
    "adamw": "AdamW",
    "adamw-8bit": "AdamW 8-bit (bitsandbytes)",
    "paged-adamw": "Paged AdamW (bitsandbytes)",
    "paged-adamw-8bit": "Paged AdamW 8-bit (bitsandbytes)",
    "sgd-momentum": "SGD with momentum",
    "sgd": "SGD without momentum",
}
STAGE_LABELS = {
    0: "None (plain data parallel)",
    1: "ZeRO-1: optimizer states",
    2: "ZeRO-2: + gradients",
    3: "ZeRO-3 / FSDP full shard: + weights",
}
PARTS = {  # result key -> row label, in the order shown
    "weights": "Weights",
    "gradients": "Gradients",
    "optimizer": "Optimizer states",
    "activations": "Activations",
    "logits": "Output logits (peak at the loss)",
}
ALL_LINEAR = list(TARGET_CHOICES)
DEFAULTS = {
    "model": "meta-llama/Llama-3.1-8B",
    "method": "lora",
    "precision": "mixed",
    "optimizer": "adamw",
    "rank": 16,
    "targets": ALL_LINEAR,
    "zero_stage": 0,
    "gpus": 1,
    "seq_len": 2048,
    "micro_batch": 1,
    "checkpointing": True,
    "flash_attention": True,
    "params_billions": 7,
    "adapter_millions": 40,
}
ASSUMPTIONS = [
    "Full fine-tuning in bf16 mixed precision keeps 2 bytes of weights, 2 of gradients and 12 of optimizer "
    "state per parameter (fp32 master copy and AdamW's two fp32 moments): 16 bytes, as in the ZeRO paper. "
    "Pure bf16 keeps 2 + 2 bytes and bf16 moments; fp32 keeps 4 + 4 bytes and fp32 moments.",
    "8-bit AdamW stores each moment in 1 byte plus an fp32 scale per block of 256 values (bitsandbytes 0.50; "
    "tensors of fewer than 4,096 values keep fp32 moments, ignored here). bitsandbytes' paged AdamW keeps fp32 "
    "moments; paged optimizers hold the same bytes on the GPU but can move them to CPU memory when it runs short.",
    "LoRA: the frozen base stays in bf16 (fp32 if you pick fp32), with no gradient and no optimizer state; "
    "each adapter parameter, r·(d_in + d_out) per adapted matrix, is kept in fp32 with an fp32 gradient and "
    "the optimizer's moments (16 bytes with AdamW), as PEFT does by default.",
    "QLoRA: the decoder blocks' linear layers in 4-bit NF4 with double quantization, 4.127 bits per weight; "
    "the embeddings, output head and norms stay in bf16 (PEFT's prepare_model_for_kbit_training upcasts them to "
    "fp32: 2 bytes more each). With a parameter count alone, every weight is 4-bit.",
    "ZeRO on N GPUs divides optimizer states by N from stage 1, gradients from stage 2 and weights at stage 3; "
    "activations are per GPU and not divided.",
    "Activations: s·b·h·(34 + 5·a·s/h) bytes per layer for 16-bit activations (Korthikanti et al., 2022, a "
    "GPT-3 block); FlashAttention drops the 5·a·s²·b attention scores; gradient checkpointing keeps 2·s·b·h "
    "bytes per layer plus one layer being recomputed. A Llama-style block (SwiGLU, RMSNorm) stores somewhat "
    "more, so read activations as a lower bound.",
    "Output logits at the loss: 10·s·b·V bytes (16-bit logits, their fp32 copy and the saved fp32 "
    "log-probabilities). Fused cross-entropy kernels avoid most of it.",
    "Not counted: the CUDA context, allocator fragmentation and temporary buffers; measure with "
    "torch.cuda.max_memory_allocated(). GB = 10^9 bytes.",
]


def _case(label: str, shape: ModelShape, **setup) -> dict:
    inputs = {"shape": asdict(shape), "seq_len": 2048, "micro_batch": 1, "flash_attention": True} | setup
    return {"label": label, "inputs": inputs, "result": calculate(inputs)}


def cases() -> list[dict]:
    """Worked cases at 2,048 tokens, micro-batch 1, FlashAttention: the table shown with or without JavaScript."""
    adapters = {"rank": 16, "targets": ALL_LINEAR}
    return [
        _case("Llama 3.1 8B, full fine-tuning, AdamW, 1 GPU", LLAMA31_8B, method="full"),
        _case(
            "Llama 3.1 8B, full fine-tuning, AdamW, ZeRO-3 on 8 GPUs, checkpointing",
            LLAMA31_8B,
            method="full",
            zero_stage=3,
            gpus=8,
            checkpointing=True,
        ),
        _case(
            "Llama 3.1 8B, full fine-tuning, 8-bit AdamW, 1 GPU, checkpointing",
            LLAMA31_8B,
            method="full",
            optimizer="adamw-8bit",
            checkpointing=True,
        ),
        _case("Llama 3.1 8B, LoRA r=16 on all linear layers, 1 GPU", LLAMA31_8B, method="lora", **adapters),
        _case(
            "Llama 3.1 8B, LoRA r=16 on all linear layers, 1 GPU, checkpointing",
            LLAMA31_8B,
            method="lora",
            checkpointing=True,
            **adapters,
        ),
        _case(
            "Llama 3.1 8B, QLoRA r=16 on all linear layers, paged 8-bit AdamW, checkpointing",
            LLAMA31_8B,
            method="qlora",
            optimizer="paged-adamw-8bit",
            checkpointing=True,
            **adapters,
        ),
        _case(
            "Llama 3.1 70B, QLoRA r=16 on all linear layers, paged 8-bit AdamW, checkpointing",
            LLAMA31_70B,
            method="qlora",
            optimizer="paged-adamw-8bit",
            checkpointing=True,
            **adapters,
        ),
    ]


def gb(value: float) -> str:
    return f"{value / GB:.2f} GB"


def figure() -> dict:
    rows = cases()
    by_label = {r["label"]: r["result"] for r in rows}
    full, zero3, qlora70 = by_label[rows[0]["label"]], by_label[rows[1]["label"]], by_label[rows[-1]["label"]]
    lora_ckpt = by_label[rows[4]["label"]]
    return {
        "id": FIGURE_ID,
        "template": TEMPLATE,
        "chart": None,
        "title": "Memory calculator",
        "summary": (
            f"Fully fine-tuning Llama 3.1 8B with AdamW on one GPU needs about {gb(full['total'])} at 2,048 tokens; "
            f"ZeRO-3 on 8 GPUs with checkpointing brings it to {gb(zero3['total'])} per GPU; LoRA with checkpointing "
            f"needs {gb(lora_ckpt['total'])}, and QLoRA fits Llama 3.1 70B in {gb(qlora70['total'])}."
        ),
        "table": {
            "columns": ["Setup", "Weights", "Gradients", "Optimizer states", "Activations + logits", "Total per GPU"],
            "rows": [
                [
                    r["label"],
                    *[gb(r["result"][k]) for k in ("weights", "gradients", "optimizer")],
                    gb(r["result"]["activations"] + r["result"]["logits"]),
                    gb(r["result"]["total"]),
                ]
                for r in rows
            ],
        },
        "note": "Estimates from the formulas below, not measurements; 2,048 tokens, micro-batch 1, FlashAttention.",
        "assumptions": ASSUMPTIONS,
        "parts": PARTS,
        "form": {
            "presets": [
                {"id": hub_id, "label": f"{shape.name} ({shape.total_params() / 1e9:.2f}B)"}
                for hub_id, shape in PRESETS.items()
            ],
            "methods": METHOD_LABELS,
            "precisions": {k: PRECISION_LABELS[k] for k in PRECISIONS},
            "optimizers": {k: OPTIMIZER_LABELS[k] for k in OPTIMIZERS},
            "stages": {k: STAGE_LABELS[k] for k in ZERO_STAGES},
            "targets": TARGET_CHOICES,
            "defaults": DEFAULTS,
            "shape": asdict(PRESETS[DEFAULTS["model"]]),
        },
        # What the browser module reads (embedded as JSON): the shapes of the presets.
        "data": {"presets": {hub_id: asdict(shape) for hub_id, shape in PRESETS.items()}},
    }
