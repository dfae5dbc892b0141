"""How the 95% confidence interval of an accuracy difference shrinks with the eval-set size.

A stated model, not measured data: model A answers 70% of items correctly and model B 72%;
on a paired eval (both models on the same items) they disagree on 8% of items, B alone right on
5% and A alone right on 3%. Normal-approximation (CLT) intervals, half-width 1.96 x SE:

- one model's accuracy: SE = sqrt(p (1 - p) / n);
- difference, scored as two independent samples: SE = sqrt((pA qA + pB qB) / n);
- difference, paired per item: SE = sd(d_i) / sqrt(n), with d_i = score_B - score_A in {-1, 0, 1},
  so Var(d) = (b + c) - (c - b)^2 where b, c are the two discordant rates.
"""

from __future__ import annotations

import math

from .svg import line_chart

Z95 = 1.959963984540054  # the 97.5% quantile of the standard normal
Z80 = 0.8416212335729143  # the 80% quantile: 80% power
P_A, P_B = 0.70, 0.72
ONLY_A, ONLY_B = 0.03, 0.05  # discordant rates: A right and B wrong, B right and A wrong
GAP = P_B - P_A
SIZES = (100, 200, 500, 1000, 2000, 5000, 10000)


def var_single(p: float = P_A) -> float:
    return p * (1 - p)


def var_unpaired(pa: float = P_A, pb: float = P_B) -> float:
    return pa * (1 - pa) + pb * (1 - pb)


def var_paired(only_a: float = ONLY_A, only_b: float = ONLY_B) -> float:
    return (only_a + only_b) - (only_b - only_a) ** 2


def half_width(variance: float, n: int) -> float:
    """Half the width of the 95% normal-approximation interval of a mean over n items."""
    return Z95 * math.sqrt(variance / n)


def items_to_exclude_zero(variance: float, gap: float = GAP) -> int:
    """Smallest n whose 95% interval around the observed gap no longer reaches zero."""
    return math.floor(Z95**2 * variance / gap**2) + 1


def items_for_power(variance: float, gap: float = GAP) -> int:
    """Items needed to detect a true gap with 80% power at a two-sided 5% level: (z + z_power)^2 Var / gap^2."""
    return math.ceil((Z95 + Z80) ** 2 * variance / gap**2)


def data() -> list[dict]:
    return [
        {
            "n": n,
            "single": half_width(var_single(), n),
            "unpaired": half_width(var_unpaired(), n),
            "paired": half_width(var_paired(), n),
        }
        for n in SIZES
    ]


def _pts(value: float) -> str:
    return f"±{100 * value:.1f}"


def figure() -> dict:
    rows = data()
    xs = [10 ** (2 + k / 20) for k in range(41)]  # 100 ... 10,000, evenly spaced on a log axis
    unpaired_n, paired_n = items_to_exclude_zero(var_unpaired()), items_to_exclude_zero(var_paired())
    chart = line_chart(
        series=[
            {
                "name": "difference, paired per item",
                "css": "s1",
                "points": [(math.log10(n), 100 * half_width(var_paired(), n)) for n in xs],
            },
            {
                "name": "difference, as two independent samples",
                "css": "s2",
                "points": [(math.log10(n), 100 * half_width(var_unpaired(), n)) for n in xs],
            },
        ],
        x_ticks=[(math.log10(n), f"{n:,}") for n in (100, 300, 1000, 3000, 10000)],
        y_ticks=[(v, f"±{v}") for v in range(0, 15, 2)],
        x_label="items in the eval set (log scale)",
        y_label="95% half-width, points",
        markers=[
            (math.log10(paired_n), 100 * GAP, f"paired: n = {paired_n:,}"),
            (math.log10(unpaired_n), 100 * GAP, f"unpaired: n = {unpaired_n:,}"),
        ],
    )
    return {
        "id": "eval-ci-width",
        "title": "How precisely an eval set measures a 2-point gap (stated model: 70% vs 72% accuracy)",
        "summary": (
            f"The 95% interval narrows with the square root of the number of items. Scored as two independent "
            f"samples, the gap's interval only stops reaching zero at {unpaired_n:,} items; paired per item, with "
            f"the models disagreeing on {100 * (ONLY_A + ONLY_B):.0f}% of items, {paired_n:,} items are enough."
        ),
        "chart": chart,
        "table": {
            "columns": [
                "Items n",
                "One model's accuracy (70%)",
                "Difference, unpaired",
                "Difference, paired (8% discordant)",
            ],
            "rows": [[f"{r['n']:,}", _pts(r["single"]), _pts(r["unpaired"]), _pts(r["paired"])] for r in rows],
        },
        "note": "Half-widths in percentage points, 1.96 standard errors (normal approximation), computed at build "
        "time from the stated accuracies and disagreement rates; the CLT understates the width below a few hundred "
        "items (Bowyer et al., 2025).",
    }
