"""How RoPE context-extension methods slow each rotary frequency, for Llama 2 7B stretched 4x.

RoPE rotates dimension pair i of a query/key by position * theta_i with theta_i = b^(-2i/d)
(Su et al., 2021). To run at s times the trained length L:
- position interpolation (Chen et al., 2023) divides every theta_i by s;
- NTK-aware scaling raises the base to b * s^(d/(d-2)), so pair 0 is unchanged and the slowest pair
  is divided by exactly s;
- YaRN (Peng et al., 2023) keeps pairs that turn more than beta_fast = 32 times within L, divides
  pairs that turn less than beta_slow = 1 time by s, and blends linearly in between, by dimension
  index, as transformers' `_compute_yarn_parameters` does (floor/ceil of the boundary dimensions).
The chart plots theta_i / theta_i' : 1 means unchanged, s means fully interpolated.
"""

from __future__ import annotations

import math

from .svg import line_chart

HEAD_DIM, BASE, TRAINED, FACTOR = 128, 10_000.0, 4096, 4.0  # Llama 2 7B: 4,096 -> 16,384 tokens
BETA_FAST, BETA_SLOW = 32, 1


def theta(i: int, d: int = HEAD_DIM, base: float = BASE) -> float:
    return base ** (-2 * i / d)


def wavelength(i: int) -> float:
    """Tokens for one full turn of pair i."""
    return 2 * math.pi / theta(i)


def pi_scale(i: int, s: float = FACTOR) -> float:
    return s


def ntk_scale(i: int, s: float = FACTOR, d: int = HEAD_DIM) -> float:
    """theta_i / theta_i' with base b' = b * s^(d/(d-2)): s^(2i/(d-2))."""
    return s ** (2 * i / (d - 2))


def _correction_dim(rotations: float, d: int = HEAD_DIM, base: float = BASE, trained: int = TRAINED) -> float:
    """The (fractional) pair index whose frequency turns `rotations` times within the trained length."""
    return d * math.log(trained / (rotations * 2 * math.pi)) / (2 * math.log(base))


def yarn_bounds() -> tuple[int, int]:
    low = max(math.floor(_correction_dim(BETA_FAST)), 0)
    high = min(math.ceil(_correction_dim(BETA_SLOW)), HEAD_DIM - 1)
    return low, high


def yarn_scale(i: int, s: float = FACTOR) -> float:
    low, high = yarn_bounds()
    ramp = min(max((i - low) / (high - low), 0.0), 1.0)  # 0: keep the frequency, 1: interpolate
    return 1.0 / (ramp / s + (1.0 - ramp))


def yarn_attention_factor(s: float = FACTOR) -> float:
    """YaRN's factor on cos/sin, so on queries and keys: 0.1 ln s + 1 (the logits get its square)."""
    return 0.1 * math.log(s) + 1.0


PAIRS = range(HEAD_DIM // 2)
TABLE_PAIRS = (0, 10, 20, 30, 40, 46, 63)


def figure() -> dict:
    low, high = yarn_bounds()
    series = [
        {"name": "position interpolation", "css": "s1", "points": [(i, pi_scale(i)) for i in PAIRS]},
        {"name": "NTK-aware (base raised)", "css": "s2", "points": [(i, ntk_scale(i)) for i in PAIRS]},
        {"name": "YaRN (ramp by wavelength)", "css": "s3", "points": [(i, yarn_scale(i)) for i in PAIRS]},
    ]
    chart = line_chart(
        series=series,
        x_ticks=[(v, str(v)) for v in range(0, 64, 8)] + [(63, "63")],
        y_ticks=[(v, f"{v}x") for v in range(5)],
        x_label="rotary dimension pair i (fast, short wavelength -> slow, long wavelength)",
        y_label="frequency slowed by",
        markers=[(low, 1.0, f"YaRN keeps pairs 0-{low}"), (high, FACTOR, f"interpolates from {high}")],
    )
    return {
        "id": "rope-scaling",
        "title": (
            f"How much each RoPE frequency is slowed to run a {TRAINED:,}-token model at "
            f"{int(FACTOR * TRAINED):,} tokens (head dim {HEAD_DIM}, base {BASE:,.0f}, factor {FACTOR:g})"
        ),
        "summary": (
            f"Position interpolation slows all {len(PAIRS)} pairs {FACTOR:g}x, crowding nearby positions. "
            f"NTK-aware scaling leaves the fastest pair alone and slows the others progressively, up to "
            f"{ntk_scale(PAIRS[-1]):.2f}x for the slowest. YaRN keeps pairs 0-{low} (more than {BETA_FAST} turns "
            f"within {TRAINED:,} tokens) unchanged, interpolates pairs {high}-{PAIRS[-1]} (under {BETA_SLOW} turn) "
            f"by {FACTOR:g}x, and ramps in between; it also multiplies the rotated queries and keys by "
            f"{yarn_attention_factor():.3f}, so attention logits by {yarn_attention_factor() ** 2:.2f}."
        ),
        "chart": chart,
        "table": {
            "columns": ["Pair i", "Wavelength (tokens)", "Turns in 4,096 tokens", "PI", "NTK-aware", "YaRN"],
            "rows": [
                [
                    i,
                    f"{wavelength(i):,.0f}",
                    f"{TRAINED / wavelength(i):.2f}",
                    f"{pi_scale(i):.2f}x",
                    f"{ntk_scale(i):.2f}x",
                    f"{yarn_scale(i):.2f}x",
                ]
                for i in TABLE_PAIRS
            ],
        },
        "note": "Computed at build time from the RoPE formulas; the YaRN ramp follows transformers' implementation "
        "(beta_fast 32, beta_slow 1, ramp over the dimension index).",
    }
