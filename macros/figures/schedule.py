"""Learning-rate schedules: linear warmup, then cosine or linear decay to zero.

The formulas follow transformers' `get_cosine_schedule_with_warmup` (half a
cosine period) and `get_linear_schedule_with_warmup`.
"""

from __future__ import annotations

import math

from .svg import line_chart

PEAK, WARMUP, TOTAL = 2e-4, 100, 1000


def warmup_then_cosine(step: int, peak: float = PEAK, warmup: int = WARMUP, total: int = TOTAL) -> float:
    if step < warmup:
        return peak * step / max(1, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    return peak * max(0.0, 0.5 * (1.0 + math.cos(math.pi * progress)))


def warmup_then_linear(step: int, peak: float = PEAK, warmup: int = WARMUP, total: int = TOTAL) -> float:
    if step < warmup:
        return peak * step / max(1, warmup)
    return peak * max(0.0, (total - step) / max(1, total - warmup))


TABLE_STEPS = (0, 50, 100, 325, 550, 775, 1000)


def figure() -> dict:
    steps = range(0, TOTAL + 1, 10)
    chart = line_chart(
        series=[
            {"name": "warmup + cosine decay", "css": "s1", "points": [(s, warmup_then_cosine(s) * 1e4) for s in steps]},
            {"name": "warmup + linear decay", "css": "s2", "points": [(s, warmup_then_linear(s) * 1e4) for s in steps]},
        ],
        x_ticks=[(v, str(v)) for v in range(0, TOTAL + 1, 200)],
        y_ticks=[(v / 2, f"{v / 2:g}") for v in range(5)],
        x_label="optimizer step",
        y_label="learning rate (\u00d7 10\u207b\u2074)",  # "x 10^-4": ticks read 0 to 2
        markers=[(WARMUP, PEAK * 1e4, f"end of warmup (step {WARMUP})")],
    )
    return {
        "id": "lr-schedule",
        "title": f"Linear warmup for {WARMUP} steps to a peak of {PEAK:g}, then decay over {TOTAL:,} steps",
        "summary": (
            f"The rate climbs linearly from 0 to {PEAK:g} over the first {WARMUP} steps, then falls to 0 by "
            f"step {TOTAL:,}: along half a cosine, or along a straight line."
        ),
        "chart": chart,
        "table": {
            "columns": ["Step", "Warmup + cosine", "Warmup + linear"],
            "rows": [[s, f"{warmup_then_cosine(s):.2e}", f"{warmup_then_linear(s):.2e}"] for s in TABLE_STEPS],
        },
        "note": "Values computed at build time with the same formulas as transformers' schedulers.",
    }
