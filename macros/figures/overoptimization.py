"""Reward over-optimisation: proxy reward keeps rising while gold reward peaks and falls.

Gao, Schulman and Hilton (2023) measured the score of a "gold" reward model while a policy was
optimised against a smaller proxy reward model, and fitted it as a function of
d = sqrt(KL(pi || pi_init)):

    best-of-n:  R_bon(d) = d (alpha_bon - beta_bon d)
    RL (PPO):   R_RL(d)  = d (alpha_RL  - beta_RL log d)

The paper's fitted coefficients change with the proxy RM's size, its data and the policy, and
none of them is reproduced here: the coefficients below are ILLUSTRATIVE (chosen to show the
shapes), and the figure's title, summary and note say so. The proxy curve is a stated model too:
the best-of-n law without its over-optimisation term (beta = 0), so the gap between proxy and gold
is exactly beta_bon d^2.
"""

from __future__ import annotations

import math

from .svg import line_chart

ALPHA_BON, BETA_BON = 1.0, 0.25  # illustrative
ALPHA_RL, BETA_RL = 0.6, 0.3  # illustrative; smaller alpha: RL gains less gold reward per unit of KL
D_MAX = 4.0
Y_MAX = 2.0  # the proxy line leaves the chart at d = 2; the table gives its values


def gold_bon(d: float, alpha: float = ALPHA_BON, beta: float = BETA_BON) -> float:
    return d * (alpha - beta * d)


def gold_rl(d: float, alpha: float = ALPHA_RL, beta: float = BETA_RL) -> float:
    return 0.0 if d == 0 else d * (alpha - beta * math.log(d))


def proxy_bon(d: float, alpha: float = ALPHA_BON) -> float:
    """The stated proxy model: the best-of-n law with beta = 0 (no over-optimisation term)."""
    return alpha * d


def peak_bon(alpha: float = ALPHA_BON, beta: float = BETA_BON) -> tuple[float, float]:
    """(d, gold) at the best-of-n optimum: dR/dd = alpha - 2 beta d = 0."""
    d = alpha / (2 * beta)
    return d, gold_bon(d, alpha, beta)


def peak_rl(alpha: float = ALPHA_RL, beta: float = BETA_RL) -> tuple[float, float]:
    """(d, gold) at the RL optimum: dR/dd = alpha - beta (log d + 1) = 0, so gold = beta d."""
    d = math.exp(alpha / beta - 1)
    return d, gold_rl(d, alpha, beta)


def bon_kl(n: int) -> float:
    """The usual analytic KL of best-of-n from the base policy, log n - (n - 1)/n (an upper bound:
    Beirami et al., 2024)."""
    return math.log(n) - (n - 1) / n


def bon_n_for_kl(kl: float) -> float:
    """The n whose bon_kl(n) equals kl (bon_kl grows with n), by bisection on log n."""
    if kl <= 0:
        return 1.0
    lo, hi = 0.0, kl + 2.0  # log n; bon_kl(e^(kl+2)) > kl
    for _ in range(200):
        mid = (lo + hi) / 2
        n = math.exp(mid)
        if mid - (n - 1) / n < kl:
            lo = mid
        else:
            hi = mid
    return math.exp((lo + hi) / 2)


TABLE_D = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)


def data() -> list[dict]:
    return [
        {
            "d": d,
            "kl": d * d,
            "n": bon_n_for_kl(d * d),
            "proxy": proxy_bon(d),
            "gold_bon": gold_bon(d),
            "gold_rl": gold_rl(d),
        }
        for d in TABLE_D
    ]


def figure() -> dict:
    xs = [i / 20 for i in range(int(D_MAX * 20) + 1)]
    d_bon, r_bon = peak_bon()
    d_rl, r_rl = peak_rl()
    chart = line_chart(
        series=[
            {
                "name": "proxy RM score (best-of-n, stated model)",
                "css": "s1",
                "points": [(x, proxy_bon(x)) for x in xs if proxy_bon(x) <= Y_MAX],
            },
            {"name": "gold RM score, best-of-n", "css": "s2", "points": [(x, gold_bon(x)) for x in xs]},
            {"name": "gold RM score, RL", "css": "s3", "points": [(x, gold_rl(x)) for x in xs]},
        ],
        x_ticks=[(v / 2, f"{v / 2:g}") for v in range(int(D_MAX * 2) + 1)],
        y_ticks=[(v / 2, f"{v / 2:g}") for v in range(int(Y_MAX * 2) + 1)],
        x_label="d = sqrt(KL from the initial policy, nats)",
        y_label="reward (gold RM units)",
        markers=[
            (d_bon, r_bon, f"best-of-n peak, d = {d_bon:g}"),
            (d_rl, r_rl, f"RL peak, d = {d_rl:.2f}"),
        ],
    )
    rows = data()
    return {
        "id": "reward-overoptimization",
        "title": "Reward over-optimisation from Gao et al.'s functional forms (illustrative coefficients)",
        "summary": (
            f"With illustrative coefficients (not the paper's fits): the proxy score keeps rising with the "
            f"distance d from the initial policy. The gold score under "
            f"best-of-n, d({ALPHA_BON:g} - {BETA_BON:g}d), peaks at d = {d_bon:g} (KL {d_bon**2:g} nats, about "
            f"best-of-{bon_n_for_kl(d_bon**2):.0f}) and is back to 0 at d = {ALPHA_BON / BETA_BON:g}; under RL, "
            f"d({ALPHA_RL:g} - {BETA_RL:g} log d), it peaks at d = {d_rl:.2f} (KL {d_rl**2:.1f} nats) at "
            f"{r_rl:.2f} and falls much more slowly (a d log d penalty instead of d squared)."
        ),
        "chart": chart,
        "table": {
            "columns": ["d", "KL (nats)", "best-of-n: n", "Proxy score", "Gold, best-of-n", "Gold, RL"],
            "rows": [
                [
                    f"{r['d']:g}",
                    f"{r['kl']:g}",
                    f"{r['n']:,.0f}" if r["n"] < 1e6 else f"{r['n']:.1e}",
                    f"{r['proxy']:.2f}",
                    f"{r['gold_bon']:.2f}",
                    f"{r['gold_rl']:.2f}",
                ]
                for r in rows
            ],
        },
        "note": (
            f"Functional forms from Gao, Schulman and Hilton (2023); coefficients are illustrative "
            f"(alpha_bon = {ALPHA_BON:g}, beta_bon = {BETA_BON:g}, alpha_RL = {ALPHA_RL:g}, beta_RL = {BETA_RL:g}), "
            "not the paper's fits, which depend on its proxy-RM size, data and policy. The proxy line is a stated "
            "model (the best-of-n law with beta = 0); it leaves the chart at d = 2. n solves log n - (n - 1)/n = KL, "
            "the usual "
            "best-of-n KL formula, which is an upper bound (Beirami et al., 2024). Computed at build time."
        ),
    }
