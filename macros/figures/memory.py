"""GPU memory of a fine-tuning run: weights, gradients, optimizer state and activations.

One plain-Python estimate (`calculate`, with `estimate`, `activation_bytes`, `logits_bytes`) feeds
the figures, the answers' numbers and the calculator's worked cases; docs/assets/calc/memory.js
is the same formulas for the interactive calculator, tested equal on a grid. Assumptions,
stated so anyone can check them:

- Full fine-tuning with AdamW in mixed precision (Rajbhandari et al., 2020, ZeRO,
  section 3.1): 2 bytes of bf16/fp16 weights + 2 of 16-bit gradients + K bytes of
  optimizer state, K = 12 for Adam (fp32 master weights 4, first moment 4, second
  moment 4): 16 bytes per parameter. 8-bit Adam keeps both moments in 1 byte each
  (Dettmers et al., 2021), plus one fp32 absmax per block of 256 values in bitsandbytes 0.50
  (K = 4 + 2 x (1 + 4/256)); SGD with momentum keeps one fp32 buffer (K = 4 + 4). Pure bf16
  training (no master copy) keeps 2 + 2 bytes and bf16 moments; fp32 training 4 + 4 and fp32
  moments (torch.optim creates each moment like its parameter; bitsandbytes' 32-bit paged AdamW
  keeps fp32 moments). Paged optimizers hold the same bytes, but can be evicted to CPU memory
  when the GPU runs short.
- LoRA: the frozen base in bf16 = 2 bytes per parameter, no gradient, no optimizer
  state. Adapters train in fp32 (PEFT upcasts them by default): 4 bytes of weights,
  4 of gradients and the optimizer's moments (8 for AdamW): 16 bytes per adapter parameter.
- QLoRA: the frozen base in 4-bit NF4 = 0.5 byte per parameter, plus the quantization
  constants after double quantization, 8/64 + 32/(64*256) = 0.127 bits per parameter
  (Dettmers et al., 2023, section 3); adapters as in LoRA. Given a model's shape, only the decoder
  blocks' linear layers are 4-bit: Transformers keeps the output head, and bitsandbytes the
  embeddings, norms and biases, in 16-bit. From a parameter count alone, every weight is 4-bit.
- ZeRO (Rajbhandari et al., 2020, section 5) on N GPUs: stage 1 divides the optimizer states
  (master copy included) by N, stage 2 the gradients too, stage 3 the weights too.
- Activations of one decoder layer stored for the backward pass, with 16-bit
  activations (Korthikanti et al., 2022, eq. 1, a GPT-style block with a 4h MLP and
  dropout): s*b*h*(34 + 5*a*s/h) bytes, sequence length s, micro-batch b, hidden size h,
  a heads. The 5*a*s^2*b part is the attention score matrices; FlashAttention never
  stores them (Dao et al., 2022), which leaves 34*s*b*h. Full activation checkpointing
  keeps only each layer's 16-bit input, 2*s*b*h bytes per layer, and recomputes one
  layer at a time during the backward pass, so one layer's full activations are live
  on top. A Llama block (SwiGLU MLP 2.7h wide, RMSNorm, no dropout) differs in the
  constant, not the shape: in Transformers 5.24 it saves about 46*s*b*h bytes per layer
  besides the attention scores (measured by the gradient-checkpointing answer's snippet),
  so for Llama shapes these numbers are lower bounds.
- Output logits: the loss saves s*b*V fp32 log-probabilities for the backward pass
  (transformers upcasts the logits before the cross-entropy). While the loss runs, the
  16-bit logits (2 bytes) and their fp32 copy (4 bytes) are alive too: about 10*s*b*V at
  the peak. The calculator counts the peak; activations and logits are per GPU (its micro-batch)
  and need the model's shape.

Not counted: the CUDA context, allocator fragmentation, temporary buffers. GB = 10^9 bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .lora import LLAMA2_7B, ModelShape, lora_params
from .svg import bar_chart

GB = 1e9
PARAMS = 7_000_000_000
WEIGHT_BYTES = {"bf16": 2, "fp32": 4, "nf4": 0.5}
MASTER_WEIGHT_BYTES = 4  # fp32 copy that mixed precision updates (full fine-tuning only)
ADAPTER_BYTES = 4  # LoRA adapters are trained in fp32
NF4_BITS = 4
DOUBLE_QUANT_BITS = 8 / 64 + 32 / (64 * 256)  # per parameter, QLoRA section 3
BNB_BLOCK = 256  # bitsandbytes 0.50 keeps one fp32 absmax per 256 values of each 8-bit optimizer state
ADAPTER_PARAMS = lora_params(LLAMA2_7B, 16, tuple(LLAMA2_7B.projections()))  # r=16, all linear

# Precision of full fine-tuning: bytes of the stored weights (and of their gradients), of each optimizer
# moment, and whether an fp32 master copy is kept. "mixed" is the ZeRO paper's mixed-precision Adam.
PRECISIONS = {
    "mixed": {"weight": 2, "moment": 4, "master": MASTER_WEIGHT_BYTES},
    "bf16": {"weight": 2, "moment": 2, "master": 0},
    "fp32": {"weight": 4, "moment": 4, "master": 0},
}
# Optimizers: moments kept per trainable parameter, and the bytes of one moment (None: the parameter's
# own precision, as torch.optim does with zeros_like). Paged variants hold the same bytes on the GPU
# but can be evicted to CPU memory under pressure (bitsandbytes' unified-memory pages).
OPTIMIZERS = {
    "adamw": {"moments": 2, "moment_bytes": None},
    "paged-adamw": {"moments": 2, "moment_bytes": 4},  # bitsandbytes' 32-bit states are fp32 whatever the weights
    "adamw-8bit": {"moments": 2, "moment_bytes": 1 + 4 / BNB_BLOCK},
    "paged-adamw-8bit": {"moments": 2, "moment_bytes": 1 + 4 / BNB_BLOCK},
    "sgd-momentum": {"moments": 1, "moment_bytes": None},
    "sgd": {"moments": 0, "moment_bytes": None},
}
METHODS = ("full", "lora", "qlora")
ZERO_STAGES = (0, 1, 2, 3)


def state_bytes(optimizer: str, param_bytes: float) -> float:
    """Bytes of optimizer moments per trainable parameter whose stored precision is `param_bytes`."""
    opt = OPTIMIZERS[optimizer]
    return opt["moments"] * (param_bytes if opt["moment_bytes"] is None else opt["moment_bytes"])


OPTIMIZER_STATE_BYTES = {name: state_bytes(name, 4) for name in OPTIMIZERS}  # moments of an fp32 parameter


@dataclass(frozen=True)
class Estimate:
    """Bytes for each kind of training state; `total` is their sum."""

    weights: float
    gradients: float
    optimizer: float
    activations: float = 0.0

    @property
    def total(self) -> float:
        return self.weights + self.gradients + self.optimizer + self.activations


def estimate(
    method: str,
    params: int,
    adapter_params: int = 0,
    optimizer: str = "adamw",
    activations: float = 0.0,
) -> Estimate:
    """Bytes to fine-tune a model of `params` parameters with method "full", "lora" or "qlora" (one GPU)."""
    r = calculate({"params": params, "method": method, "adapter_params": adapter_params, "optimizer": optimizer})
    return Estimate(r["weights"], r["gradients"], r["optimizer"], activations)


def activation_bytes(
    shape: ModelShape,
    seq_len: int,
    micro_batch: int = 1,
    checkpointing: bool = False,
    flash_attention: bool = True,
) -> float:
    """Activations the backward pass needs, for all decoder layers (Korthikanti et al., 2022)."""
    s, b, h, a = seq_len, micro_batch, shape.hidden, shape.heads
    one_layer = 34 * s * b * h + (0 if flash_attention else 5 * a * s * s * b)
    if checkpointing:
        return shape.layers * 2 * s * b * h + one_layer
    return shape.layers * one_layer


LOGITS_SAVED_BYTES = 4  # fp32 log-probabilities kept for the backward pass
LOGITS_PEAK_BYTES = 2 + 4 + 4  # + the 16-bit logits and their fp32 copy while the loss runs


def logits_bytes(shape: ModelShape, seq_len: int, micro_batch: int = 1, peak: bool = False) -> float:
    """Memory of the output logits: saved for backward, or at the peak while the loss is computed."""
    per_value = LOGITS_PEAK_BYTES if peak else LOGITS_SAVED_BYTES
    return per_value * seq_len * micro_batch * shape.vocab


def shape_of(spec: Mapping[str, Any] | ModelShape | None) -> ModelShape | None:
    if spec is None or isinstance(spec, ModelShape):
        return spec
    return ModelShape(**spec)


def calculate(inputs: Mapping[str, Any]) -> dict[str, float]:
    """Bytes per GPU of each kind of training state, for one calculator input.

    The reference of docs/assets/calc/memory.js, which computes the same numbers in the same order
    (tests/test_calculator.py compares them on a grid). `inputs` is what the calculator's form holds:
    `shape` (a ModelShape's fields) or `params` (a count alone, then no activations or logits);
    `method` full/lora/qlora; `precision` mixed/bf16/fp32; `optimizer`; for adapters `rank` and
    `targets` (with a shape) or `adapter_params`; `zero_stage` and `gpus`; `seq_len`, `micro_batch`,
    `checkpointing`, `flash_attention`.
    """
    shape = shape_of(inputs.get("shape"))
    params = shape.total_params() if shape else inputs["params"]
    method, optimizer = inputs["method"], inputs.get("optimizer", "adamw")
    precision = PRECISIONS[inputs.get("precision", "mixed")]
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if method == "full":
        trainable = params
        weights = precision["weight"] * params
        gradients = precision["weight"] * params
        states = precision["master"] * params + state_bytes(optimizer, precision["moment"]) * params
    else:
        if shape:
            trainable = lora_params(shape, inputs["rank"], tuple(inputs["targets"]))
        else:
            trainable = inputs.get("adapter_params", 0)
        if method == "lora":
            frozen = (4 if inputs.get("precision") == "fp32" else 2) * params
        elif shape:  # bitsandbytes quantizes the blocks' linear layers; embeddings, head, norms stay 16-bit
            quantized = shape.linear_weights()
            frozen = quantized * (NF4_BITS + DOUBLE_QUANT_BITS) / 8 + 2 * (params - quantized)
        else:
            frozen = params * (NF4_BITS + DOUBLE_QUANT_BITS) / 8
        weights = frozen + ADAPTER_BYTES * trainable
        gradients = ADAPTER_BYTES * trainable
        states = state_bytes(optimizer, ADAPTER_BYTES) * trainable
    stage, gpus = inputs.get("zero_stage", 0), inputs.get("gpus", 1)
    if stage not in ZERO_STAGES:
        raise ValueError(f"ZeRO stage must be 0-3, got {stage}")
    # ZeRO (Rajbhandari et al., 2020): stage 1 shards optimizer states, 2 also gradients, 3 also weights.
    if stage >= 1:
        states = states / gpus
    if stage >= 2:
        gradients = gradients / gpus
    if stage >= 3:
        weights = weights / gpus
    activations = logits = 0
    if shape:
        s, b = inputs.get("seq_len", 2048), inputs.get("micro_batch", 1)
        ckpt, flash = inputs.get("checkpointing", False), inputs.get("flash_attention", True)
        activations = activation_bytes(shape, s, b, ckpt, flash)
        logits = logits_bytes(shape, s, b, peak=True)
    return {
        "params": params,
        "trainable": trainable,
        "weights": weights,
        "gradients": gradients,
        "optimizer": states,
        "activations": activations,
        "logits": logits,
        "total": weights + gradients + states + activations + logits,
    }


def data(params: int = PARAMS) -> list[dict]:
    """Memory per setup, in GB, split into frozen base, trainable state and adapters."""
    full = estimate("full", params)
    lora = estimate("lora", params, ADAPTER_PARAMS)
    qlora = estimate("qlora", params, ADAPTER_PARAMS)
    adapters = (lora.total - params * WEIGHT_BYTES["bf16"]) / GB
    return [
        {
            "setup": "Full fine-tuning (AdamW, mixed precision)",
            "short": "Full FT",
            "parts": {
                "base or full model": full.total / GB,
                "quantization constants": 0.0,
                "LoRA adapters + their state": 0.0,
            },
        },
        {
            "setup": "LoRA (bf16 base, r=16 on all linear layers)",
            "short": "LoRA",
            "parts": {
                "base or full model": params * WEIGHT_BYTES["bf16"] / GB,
                "quantization constants": 0.0,
                "LoRA adapters + their state": adapters,
            },
        },
        {
            "setup": "QLoRA (NF4 base with double quantization, same adapters)",
            "short": "QLoRA",
            "parts": {
                "base or full model": params * NF4_BITS / 8 / GB,
                "quantization constants": params * DOUBLE_QUANT_BITS / 8 / GB,
                "LoRA adapters + their state": (qlora.total - params * (NF4_BITS + DOUBLE_QUANT_BITS) / 8) / GB,
            },
        },
    ]


def figure() -> dict:
    rows = data()
    for r in rows:
        r["total"] = sum(r["parts"].values())
    names = list(rows[0]["parts"])
    chart = bar_chart(
        [
            {"label": r["short"], "segments": list(r["parts"].values()), "total_label": f"{r['total']:.1f} GB"}
            for r in rows
        ],
        y_ticks=[(v, f"{v}") for v in range(0, 121, 20)],
        y_label="GPU memory (GB)",
        segment_names=names,
    )
    return {
        "id": "finetune-memory-7b",
        "title": "Memory to fine-tune a 7B model, before activations",
        "summary": (
            f"Full fine-tuning needs about {rows[0]['total']:.0f} GB, LoRA about {rows[1]['total']:.1f} GB "
            f"and QLoRA about {rows[2]['total']:.2f} GB for weights, gradients and optimizer state."
        ),
        "chart": chart,
        "table": {
            "columns": ["Setup", *[n.capitalize() for n in names], "Total"],
            "rows": [[r["setup"], *[f"{v:.2f} GB" for v in r["parts"].values()], f"{r['total']:.2f} GB"] for r in rows],
        },
        "note": "16 bytes per parameter for mixed-precision AdamW; 2 bytes for a bf16 base; 0.5 byte for NF4 "
        f"plus {DOUBLE_QUANT_BITS:.3f} bits of quantization constants; adapters: {ADAPTER_PARAMS:,} parameters "
        "at 16 bytes each. Activations, CUDA context and fragmentation come on top. GB = 10^9 bytes.",
    }
