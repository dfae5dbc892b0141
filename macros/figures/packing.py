"""The attention mask of a packed row: block-diagonal versus one causal mask over the whole row.

Three examples of 5, 3 and 4 tokens share one row of 12. A query token i may attend
to key token j when j <= i (causal) and, with per-example position ids or
cu_seqlens, only when both belong to the same example.
"""

from __future__ import annotations

from itertools import accumulate

from .svg import grid_chart

LENGTHS = (5, 3, 4)


def example_of(lengths=LENGTHS) -> list[int]:
    return [n for n, length in enumerate(lengths) for _ in range(length)]


def position_ids(lengths=LENGTHS) -> list[int]:
    """Positions restart at 0 for each example, as TRL's padding-free collator writes them."""
    return [p for length in lengths for p in range(length)]


def masks(lengths=LENGTHS) -> tuple[list[list[bool]], list[list[bool]]]:
    """(block-diagonal causal, causal over the row): mask[i][j] is True when query i sees key j."""
    ex = example_of(lengths)
    n = len(ex)
    causal = [[j <= i for j in range(n)] for i in range(n)]
    block = [[causal[i][j] and ex[i] == ex[j] for j in range(n)] for i in range(n)]
    return block, causal


def figure() -> dict:
    block, causal = masks()
    ex = example_of()
    n = len(ex)

    def css(mask):
        return [[("seg0" if ex[i] == ex[j] else "seg1") if mask[i][j] else None for j in range(n)] for i in range(n)]

    leaks = sum(causal[i][j] and not block[i][j] for i in range(n) for j in range(n))
    starts = [0, *accumulate(LENGTHS)][:-1]
    chart = grid_chart(
        [
            {"title": "per-example positions (block-diagonal)", "cells": css(block)},
            {"title": "one causal mask over the row", "cells": css(causal)},
        ],
        x_label="key token (left to right)",
        y_label="query token",
        segment_names=["attends within its own example", "attends to another example (contamination)"],
    )
    return {
        "id": "packed-attention-mask",
        "title": f"Attention masks of one packed row holding examples of {', '.join(map(str, LENGTHS))} tokens",
        "summary": (
            f"With per-example position ids each example attends only to its own earlier tokens: three triangles "
            f"on the diagonal. One causal mask over the whole row lets later examples see earlier ones: "
            f"{leaks} of the {sum(map(sum, causal))} allowed query-key pairs cross an example boundary."
        ),
        "chart": chart,
        "table": {
            "columns": [
                "Query token",
                "Example",
                "Position id",
                "Block-diagonal: sees keys",
                "Causal over row: sees keys",
            ],
            "rows": [[i, ex[i] + 1, position_ids()[i], f"{starts[ex[i]]}-{i}", f"0-{i}"] for i in range(n)],
        },
        "note": "Computed from the example lengths. Token indices count from 0 along the packed row; position ids "
        "restart at 0 for each example, which is how the padding-free path tells the kernels where examples begin.",
    }
