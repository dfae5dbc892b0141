"""Build-time figures: numbers computed by code, drawn as SVG charts with a data table.

Plain Python + Jinja. Each figure module exposes `data()` (the computed numbers,
unit-tested) and the registry maps a figure id (used in the bank's `figures:`)
to a function returning the template context.
"""

from __future__ import annotations

from . import (
    accumulation,
    activations,
    calculator,
    contrastive,
    curves,
    dedup,
    eval_ci,
    lora,
    memory,
    overoptimization,
    packing,
    precision,
    rope,
    schedule,
    zero,
)

FIGURES = {
    "lora-trainable-params": lora.figure,
    "finetune-memory-7b": memory.figure,
    "lr-schedule": schedule.figure,
    "overfitting-curves": curves.figure,
    "grad-accumulation-steps": accumulation.figure,
    "activation-memory-vs-sequence": activations.figure,
    "float-formats": precision.figure,
    "packed-attention-mask": packing.figure,
    "eval-ci-width": eval_ci.figure,
    "reward-overoptimization": overoptimization.figure,
    "zero-memory-per-gpu": zero.figure,
    "contrastive-batch": contrastive.figure,
    "rope-scaling": rope.figure,
    "minhash-lsh-s-curve": dedup.figure,
    calculator.FIGURE_ID: calculator.figure,  # a figure with a form: its own template
}


def render_figure(figure_id: str, paper: bool = False) -> str:
    """paper: the version for the PDF books, where a figure with a form (the calculator) shows only what
    prints: its caption, worked cases and assumptions."""
    from macros.pages.render import render  # here, not at the top: the page plan imports calculator's figure id

    fig = FIGURES[figure_id]()
    return render(fig.get("template", "figure.html.j2"), fig=fig, paper=paper)


def render_figures(bank) -> dict[str, str]:
    """HTML for every figure the bank uses, each computed once per build."""
    used = {f for q in bank.questions for f in q.figures}
    return {f: render_figure(f) for f in sorted(used)}
