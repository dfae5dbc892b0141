"""GPU memory of a fine-tuning run: weights, gradients, optimizer state and activations.

One plain-Python estimate (`estimate`, `activation_bytes`, `logits_bytes`) feeds the
figures, the answers' numbers and, later, an interactive calculator. Assumptions,
stated so anyone can check them:

- Full fine-tuning with AdamW in mixed precision (Rajbhandari et al., 2020, ZeRO,
  section 3.1): 2 bytes of bf16/fp16 weights + 2 of 16-bit gradients + K bytes of
  optimizer state, K = 12 for Adam (fp32 master weights 4, first moment 4, second
  moment 4): 16 bytes per parameter. 8-bit Adam keeps both moments in 1 byte each
  (Dettmers et al., 2021: K = 4 + 2); SGD with momentum keeps one fp32 buffer (K = 4 + 4).
- LoRA: the frozen base in bf16 = 2 bytes per parameter, no gradient, no optimizer
  state. Adapters train in fp32 (PEFT upcasts them by default): 4 bytes of weights,
  4 of gradients and the optimizer's moments (8 for AdamW): 16 bytes per adapter parameter.
- QLoRA: the frozen base in 4-bit NF4 = 0.5 byte per parameter, plus the quantization
  constants after double quantization, 8/64 + 32/(64*256) = 0.127 bits per parameter
  (Dettmers et al., 2023, section 3); adapters as in LoRA.
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
  the peak.

Not counted: the CUDA context, allocator fragmentation, temporary buffers. GB = 10^9 bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lora import LLAMA2_7B, ModelShape, lora_params
from .svg import bar_chart

GB = 1e9
PARAMS = 7_000_000_000
WEIGHT_BYTES = {"bf16": 2, "fp32": 4, "nf4": 0.5}
OPTIMIZER_STATE_BYTES = {"adamw": 8, "adamw-8bit": 2, "sgd-momentum": 4}  # moments only, per trainable parameter
MASTER_WEIGHT_BYTES = 4  # fp32 copy that mixed precision updates (full fine-tuning only)
ADAPTER_BYTES = 4  # LoRA adapters are trained in fp32
NF4_BITS = 4
DOUBLE_QUANT_BITS = 8 / 64 + 32 / (64 * 256)  # per parameter, QLoRA section 3
ADAPTER_PARAMS = lora_params(LLAMA2_7B, 16, tuple(LLAMA2_7B.projections()))  # r=16, all linear


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
    """Bytes to fine-tune a model of `params` parameters with method "full", "lora" or "qlora"."""
    state = OPTIMIZER_STATE_BYTES[optimizer]
    if method == "full":
        return Estimate(2 * params, 2 * params, (MASTER_WEIGHT_BYTES + state) * params, activations)
    base_bits = {"lora": 8 * WEIGHT_BYTES["bf16"], "qlora": NF4_BITS + DOUBLE_QUANT_BITS}[method]
    return Estimate(
        weights=params * base_bits / 8 + ADAPTER_BYTES * adapter_params,
        gradients=ADAPTER_BYTES * adapter_params,
        optimizer=state * adapter_params,
        activations=activations,
    )


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
