"""Effective batch size = micro-batch x accumulation steps x data-parallel GPUs."""

from __future__ import annotations

SETUPS = ((4, 8, 1), (2, 16, 1), (4, 4, 2), (1, 8, 4))


def effective_batch(micro_batch: int, accumulation_steps: int, gpus: int) -> int:
    return micro_batch * accumulation_steps * gpus


def figure() -> dict:
    return {
        "id": "grad-accumulation-steps",
        "title": "Four ways to reach an effective batch of 32 sequences",
        "summary": (
            "Each row updates the weights once per 32 sequences; only memory per GPU and time per update differ."
        ),
        "chart": None,
        "table": {
            "columns": [
                "Micro-batch per GPU",
                "Accumulation steps",
                "GPUs",
                "Effective batch",
                "Forward/backward passes per update, per GPU",
            ],
            "rows": [[m, a, g, effective_batch(m, a, g), a] for m, a, g in SETUPS],
        },
        "note": "Effective batch = micro-batch x accumulation steps x GPUs. Computed at build time.",
    }
