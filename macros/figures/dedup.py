"""MinHash LSH: the probability that two documents become a near-duplicate candidate.

One MinHash value of two shingle sets agrees with probability equal to their Jaccard
similarity s (Broder, 1997). LSH splits a signature of b * r hashes into b bands of r rows
and calls two documents candidates when all r rows of at least one band agree:
P(candidate) = 1 - (1 - s^r)^b, an S-curve whose steepest point sits near (1/b)^(1/r).
The default setting is datatrove's MinhashConfig (14 buckets of 8 hashes over word
5-grams), the one used to deduplicate FineWeb (Penedo et al., 2024).
"""

from __future__ import annotations

from .svg import line_chart

SETTINGS = {
    "14 bands x 8 rows (FineWeb, datatrove default)": (14, 8),
    "20 bands x 5 rows (looser)": (20, 5),
}
TABLE_SIMILARITIES = (0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9)


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Chance that at least one band of `rows` MinHash values matches exactly."""
    return 1 - (1 - similarity**rows) ** bands


def threshold(bands: int, rows: int) -> float:
    """The similarity where the S-curve is steepest, approximately (1/b)^(1/r)."""
    return (1 / bands) ** (1 / rows)


def figure() -> dict:
    (b1, r1), (b2, r2) = SETTINGS.values()
    grid = [i / 100 for i in range(101)]
    chart = line_chart(
        series=[
            {"name": name, "css": css, "points": [(s, candidate_probability(s, b, r)) for s in grid]}
            for (name, (b, r)), css in zip(SETTINGS.items(), ("s1", "s2"), strict=True)
        ],
        x_ticks=[(v / 10, f"{v / 10:.1f}") for v in range(0, 11, 2)],
        y_ticks=[(v / 4, f"{v * 25}%") for v in range(5)],
        x_label="Jaccard similarity of the two shingle sets",
        y_label="chance of being a candidate pair",
        markers=[(threshold(b1, r1), candidate_probability(threshold(b1, r1), b1, r1), f"{threshold(b1, r1):.2f}")],
    )
    p = {s: candidate_probability(s, b1, r1) for s in TABLE_SIMILARITIES}
    return {
        "id": "minhash-lsh-s-curve",
        "title": "MinHash LSH turns Jaccard similarity into a soft threshold",
        "summary": (
            f"With {b1} bands of {r1} hashes ({b1 * r1} in all), pairs at similarity 0.8 become candidates "
            f"{p[0.8]:.1%} of the time, pairs at 0.5 only {p[0.5]:.1%}; the curve is steepest near "
            f"{threshold(b1, r1):.2f}. {b2} bands of {r2} move that point down to {threshold(b2, r2):.2f}."
        ),
        "chart": chart,
        "table": {
            "columns": ["Jaccard similarity", f"{b1} x {r1}", f"{b2} x {r2}"],
            "rows": [
                [f"{s:.2f}", f"{p[s]:.1%}", f"{candidate_probability(s, b2, r2):.1%}"] for s in TABLE_SIMILARITIES
            ],
        },
        "note": "P(candidate) = 1 - (1 - s^r)^b, computed at build time; candidates are then usually "
        "checked with the exact Jaccard similarity before one of them is dropped.",
    }
