"""An illustrative (synthetic) pair of loss curves showing overfitting.

Not measured data: two smooth functions chosen to show the pattern. Training
loss keeps falling; validation loss falls, bottoms out, then rises. Early
stopping keeps the checkpoint at the validation minimum.
"""

from __future__ import annotations

import math

from .svg import line_chart

EPOCHS = 12


def train_loss(epoch: float) -> float:
    return 0.3 + 1.9 * math.exp(-0.45 * epoch)


def val_loss(epoch: float) -> float:
    return 0.75 + 1.45 * math.exp(-0.55 * epoch) + 0.012 * epoch**2


def best_epoch(epochs: int = EPOCHS) -> int:
    """The whole epoch with the lowest validation loss: where early stopping keeps the model."""
    return min(range(epochs + 1), key=val_loss)


def figure() -> dict:
    xs = [e / 4 for e in range(EPOCHS * 4 + 1)]
    best = best_epoch()
    chart = line_chart(
        series=[
            {"name": "training loss", "css": "s1", "points": [(x, train_loss(x)) for x in xs]},
            {"name": "validation loss", "css": "s2", "points": [(x, val_loss(x)) for x in xs]},
        ],
        x_ticks=[(v, str(v)) for v in range(0, EPOCHS + 1, 2)],
        y_ticks=[(v / 2, f"{v / 2:g}") for v in range(6)],
        x_label="epoch",
        y_label="loss",
        markers=[(best, val_loss(best), f"early stopping: epoch {best}")],
    )
    return {
        "id": "overfitting-curves",
        "title": "The overfitting pattern (illustrative curves, not measured data)",
        "summary": (
            f"Training loss falls every epoch. Validation loss falls until epoch {best}, then rises while "
            "training loss keeps falling: the model is memorising the training set. Early stopping keeps "
            f"the epoch-{best} checkpoint."
        ),
        "chart": chart,
        "table": {
            "columns": ["Epoch", "Training loss", "Validation loss"],
            "rows": [[e, f"{train_loss(e):.2f}", f"{val_loss(e):.2f}"] for e in range(0, EPOCHS + 1, 2)],
        },
        "note": "Synthetic curves drawn to show the shape; real curves are noisier.",
    }
