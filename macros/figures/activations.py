"""Activation memory against sequence length, with and without checkpointing and FlashAttention.

The numbers come from `memory.activation_bytes` (Korthikanti et al., 2022, for a
Llama-2-7B-shaped model: 32 layers, hidden size 4096, 32 heads, micro-batch 1,
16-bit activations), so this chart and the memory-budget answer cannot disagree. The
formula's constant is a GPT-3 block's; `memory.py` says how a Llama block differs.
"""

from __future__ import annotations

from .lora import LLAMA2_7B
from .memory import GB, activation_bytes
from .svg import line_chart

SEQ_LENS = (512, 1024, 2048, 4096, 8192)
Y_MAX = 40  # GB; the eager-attention curve leaves the chart and is given in the table
SETUPS = (
    ("eager attention, no checkpointing", "s1", False, False),
    ("FlashAttention, no checkpointing", "s2", False, True),
    ("eager attention + checkpointing", "s3", True, False),
    ("FlashAttention + checkpointing", "s4", True, True),
)


def data(seq_lens=SEQ_LENS) -> dict[str, list[tuple[int, float]]]:
    """GB of activations per setup at each sequence length."""
    return {
        name: [(s, activation_bytes(LLAMA2_7B, s, 1, ckpt, flash) / GB) for s in seq_lens]
        for name, _, ckpt, flash in SETUPS
    }


def figure() -> dict:
    table = data()
    curve = data(range(256, 8193, 256))
    chart = line_chart(
        series=[
            {"name": name, "css": css, "points": [(x, y) for x, y in curve[name] if y <= Y_MAX]}
            for name, css, _, _ in SETUPS
        ],
        x_ticks=[(v, f"{v:,}") for v in range(0, 8193, 2048)],
        y_ticks=[(v, f"{v} GB") for v in range(0, Y_MAX + 1, 10)],
        x_label="sequence length (tokens, micro-batch 1)",
        y_label="activation memory",
    )
    at = {name: dict(points) for name, points in table.items()}
    return {
        "id": "activation-memory-vs-sequence",
        "title": "Activation memory of a 7B model against sequence length",
        "summary": (
            f"At 4,096 tokens the stored activations take about {at[SETUPS[0][0]][4096]:.0f} GB with eager attention, "
            f"{at[SETUPS[1][0]][4096]:.1f} GB with FlashAttention, and {at[SETUPS[3][0]][4096]:.1f} GB with "
            "FlashAttention plus activation checkpointing. Without FlashAttention the memory grows with the square "
            "of the length (even checkpointed, the layer being recomputed holds its attention scores); "
            "with it, linearly."
        ),
        "chart": chart,
        "table": {
            "columns": ["Sequence length", *[name[0].upper() + name[1:] for name, *_ in SETUPS]],
            "rows": [[f"{s:,}", *[f"{at[name][s]:.2f} GB" for name, *_ in SETUPS]] for s in SEQ_LENS],
        },
        "note": "Estimate, not a measurement: s·b·h·(34 + 5·a·s/h) bytes per layer (Korthikanti et al., 2022, "
        "derived for a GPT-3 block), without the 5·a·s²·b attention scores under FlashAttention; checkpointing "
        "keeps 2·s·b·h bytes per layer plus one layer being recomputed. Llama-2-7B shape (32 layers, h = 4096, "
        "a = 32), 16-bit activations; a real Llama block (SwiGLU, RMSNorm) stores about a third more, so read "
        "the uncheckpointed curves as lower bounds. Weights, optimizer state and logits not included. "
        "GB = 10^9 bytes.",
    }
