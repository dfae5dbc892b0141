"""Memory for weights, gradients and optimizer state when fine-tuning a 7B model.

Activations are excluded: they depend on batch size and sequence length.
Bytes per parameter, stated so anyone can check them:
- full fine-tuning with AdamW in mixed precision: 2 (bf16 weights) + 2 (bf16
  gradients) + 4 (fp32 master weights) + 4 + 4 (fp32 Adam first and second
  moments) = 16 bytes (Rajbhandari et al., 2020, ZeRO, section 3.1);
- LoRA: frozen base in bf16 = 2 bytes; adapters train like full fine-tuning;
- QLoRA: base in 4-bit NF4 = 0.5 byte, plus the quantization constants after
  double quantization: 8/64 + 32/(64*256) = 0.127 bits (Dettmers et al., 2023).
GB here means 10^9 bytes.
"""

from __future__ import annotations

from .lora import LLAMA2_7B, lora_params
from .svg import bar_chart

PARAMS = 7_000_000_000
ADAM_MIXED_BYTES = {"bf16 weights": 2, "bf16 gradients": 2, "fp32 master weights": 4, "Adam moments (fp32)": 8}
NF4_BITS = 4
DOUBLE_QUANT_BITS = 8 / 64 + 32 / (64 * 256)  # per parameter, QLoRA section 3
ADAPTER_PARAMS = lora_params(LLAMA2_7B, 16, tuple(LLAMA2_7B.projections()))  # r=16, all linear


def data(params: int = PARAMS) -> list[dict]:
    """Memory per setup, in GB, split into frozen base, trainable state and adapters."""
    full = params * sum(ADAM_MIXED_BYTES.values())
    adapters = ADAPTER_PARAMS * sum(ADAM_MIXED_BYTES.values())
    lora_base = params * 2
    qlora_base = params * NF4_BITS / 8
    qlora_consts = params * DOUBLE_QUANT_BITS / 8
    gb = 1e9
    return [
        {
            "setup": "Full fine-tuning (AdamW, mixed precision)",
            "short": "Full FT",
            "parts": {
                "base or full model": full / gb,
                "quantization constants": 0.0,
                "LoRA adapters + their state": 0.0,
            },
        },
        {
            "setup": "LoRA (bf16 base, r=16 on all linear layers)",
            "short": "LoRA",
            "parts": {
                "base or full model": lora_base / gb,
                "quantization constants": 0.0,
                "LoRA adapters + their state": adapters / gb,
            },
        },
        {
            "setup": "QLoRA (NF4 base with double quantization, same adapters)",
            "short": "QLoRA",
            "parts": {
                "base or full model": qlora_base / gb,
                "quantization constants": qlora_consts / gb,
                "LoRA adapters + their state": adapters / gb,
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
