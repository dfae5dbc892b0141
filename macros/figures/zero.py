"""Per-GPU memory for model states under ZeRO stages 0-3 (Rajbhandari et al., 2020, section 5).

Mixed-precision Adam keeps, per parameter: 2 bytes of fp16/bf16 weights, 2 bytes of
fp16/bf16 gradients and K = 12 bytes of optimizer state (fp32 master weights, first
and second moments). With Psi parameters and N_d data-parallel GPUs, each GPU holds:
- stage 0 (plain data parallel, DDP): (2 + 2 + K) * Psi
- stage 1 (optimizer states sharded): 2 * Psi + 2 * Psi + K * Psi / N_d
- stage 2 (+ gradients sharded):      2 * Psi + (2 + K) * Psi / N_d
- stage 3 (+ parameters sharded):     (2 + 2 + K) * Psi / N_d
Activations, temporary buffers and fragmentation come on top. GB = 10^9 bytes.
"""

from __future__ import annotations

from .memory import calculate
from .models import LLAMA31_8B
from .svg import bar_chart

STAGES = {
    0: "No sharding (DDP)",
    1: "ZeRO-1: optimizer states",
    2: "ZeRO-2: + gradients",
    3: "ZeRO-3 / FSDP full shard: + parameters",
}
GPU_COUNTS = (1, 2, 4, 8, 16, 64)
CHART_GPUS = 8
PART_NAMES = ("bf16 parameters", "bf16 gradients", "optimizer states (fp32 copy, Adam m and v)")
PARAMS = LLAMA31_8B.total_params()  # from its config (macros/figures/models.py)


def per_gpu_parts(params: int, stage: int, gpus: int) -> dict[str, float]:
    """Bytes per GPU for parameters, gradients and optimizer states at a ZeRO stage (memory.calculate)."""
    if stage not in STAGES:
        raise ValueError(f"ZeRO stage must be 0-3, got {stage}")
    r = calculate({"params": params, "method": "full", "precision": "mixed", "zero_stage": stage, "gpus": gpus})
    return dict(zip(PART_NAMES, (r["weights"], r["gradients"], r["optimizer"]), strict=True))


def per_gpu_gb(params: int, stage: int, gpus: int) -> float:
    return sum(per_gpu_parts(params, stage, gpus).values()) / 1e9


def data(params: int = PARAMS) -> list[dict]:
    """One row per stage: the GB per GPU for every GPU count."""
    return [
        {"stage": s, "label": label, "gb": {n: per_gpu_gb(params, s, n) for n in GPU_COUNTS}}
        for s, label in STAGES.items()
    ]


def figure() -> dict:
    rows = data()
    at = {r["stage"]: r["gb"][CHART_GPUS] for r in rows}
    chart = bar_chart(
        [
            {
                "label": "DDP" if s == 0 else f"ZeRO-{s}",
                "segments": [v / 1e9 for v in per_gpu_parts(PARAMS, s, CHART_GPUS).values()],
                "total_label": f"{at[s]:.1f} GB",
            }
            for s in STAGES
        ],
        y_ticks=[(v, f"{v} GB") for v in range(0, 141, 20)],
        y_label=f"per GPU, {CHART_GPUS} GPUs",
        segment_names=PART_NAMES,
    )
    return {
        "id": "zero-memory-per-gpu",
        "title": "Per-GPU memory to fully fine-tune Llama 3.1 8B with mixed-precision AdamW, by ZeRO stage",
        "summary": (
            f"On {CHART_GPUS} GPUs each one holds {at[0]:.1f} GB of model states with plain data parallelism, "
            f"{at[1]:.1f} GB with ZeRO-1, {at[2]:.1f} GB with ZeRO-2 and {at[3]:.1f} GB with ZeRO-3 "
            "(FSDP full sharding), before activations."
        ),
        "chart": chart,
        "table": {
            "columns": ["Stage (what is sharded)", *[f"{n} GPU{'s' if n > 1 else ''}" for n in GPU_COUNTS]],
            "rows": [[r["label"], *[f"{r['gb'][n]:.1f} GB" for n in GPU_COUNTS]] for r in rows],
        },
        "note": f"{PARAMS:,} parameters; per parameter 2 bytes of weights, 2 of gradients and 12 of optimizer "
        "state (fp32 master copy, Adam first and second moments), the ZeRO paper's accounting. Activations, "
        "temporary buffers, the CUDA context and fragmentation come on top. GB = 10^9 bytes.",
    }
