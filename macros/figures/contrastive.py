"""The logit matrix of one contrastive batch: in-batch negatives plus one mined hard negative per query.

A batch holds B (query, positive, hard negative) triplets. Each query is scored against every
document in the batch, the B positives first and then the B hard negatives, as
sentence-transformers' MultipleNegativesRankingLoss concatenates them; the softmax over that row of
B * (1 + k) candidates must put the query's own positive first, so every other cell is a negative.
"""

from __future__ import annotations

from .svg import grid_chart

BATCH = 4  # queries (and triplets) in the drawn batch
HARD_PER_QUERY = 1  # mined hard negatives per query (k)

POSITIVE, IN_BATCH, HARD = "positive", "in-batch negative", "hard negative"


def cell_kind(query: int, column: int, batch: int = BATCH) -> str:
    """What document `column` is for `query` in the (B x B(1 + k)) logit matrix."""
    if column < batch:
        return POSITIVE if column == query else IN_BATCH
    return HARD


def negatives_per_query(batch: int, hard_per_query: int = HARD_PER_QUERY) -> int:
    """Every candidate except the own positive: B(1 + k) - 1."""
    return batch * (1 + hard_per_query) - 1


def data(batch: int = BATCH, hard_per_query: int = HARD_PER_QUERY) -> list[dict]:
    columns = batch * (1 + hard_per_query)
    rows = []
    for q in range(batch):
        kinds = [cell_kind(q, c, batch) for c in range(columns)]
        rows.append(
            {
                "query": q,
                "kinds": kinds,
                "in_batch": kinds.count(IN_BATCH),
                "own_hard": hard_per_query,
                "other_hard": kinds.count(HARD) - hard_per_query,
            }
        )
    return rows


def figure() -> dict:
    rows = data()
    css = {POSITIVE: "seg0", IN_BATCH: "seg1", HARD: "seg2"}
    b = BATCH
    chart = grid_chart(
        [
            {"title": "vs the batch's positives p1-p4", "cells": [[css[k] for k in r["kinds"][:b]] for r in rows]},
            {"title": "vs the batch's hard negatives n1-n4", "cells": [[css[k] for k in r["kinds"][b:]] for r in rows]},
        ],
        x_label="document (column of the logit matrix)",
        y_label="query",
        segment_names=["own positive (the target)", "another query's positive", "mined hard negative"],
    )
    big = 64
    return {
        "id": "contrastive-batch",
        "title": f"One contrastive batch of {b} (query, positive, hard negative) triplets",
        "summary": (
            f"Each query is scored against all {b * (1 + HARD_PER_QUERY)} documents of the batch: its own positive "
            f"(the diagonal on the left) and {negatives_per_query(b)} negatives, {b - 1} of them other queries' "
            f"positives and {b} mined hard negatives (its own and the other queries'). At batch size {big} the same "
            f"triplets give each query {negatives_per_query(big)} negatives for the price of {big} mined texts."
        ),
        "chart": chart,
        "table": {
            "columns": ["Query", "Target column", "In-batch negatives", "Hard negatives (own + others')"],
            "rows": [
                [
                    f"q{r['query'] + 1}",
                    f"p{r['query'] + 1}",
                    ", ".join(f"p{c + 1}" for c in range(b) if c != r["query"]),
                    f"n{r['query'] + 1} + " + ", ".join(f"n{c + 1}" for c in range(b) if c != r["query"]),
                ]
                for r in rows
            ],
        },
        "note": "Computed from the batch layout MultipleNegativesRankingLoss uses: the positives, then the hard "
        "negatives, concatenated into one candidate list shared by every query in the batch.",
    }
