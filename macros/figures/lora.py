"""LoRA trainable-parameter counts for a Llama-2-7B-shaped model.

A LoRA adapter on a weight W of shape (d_out x d_in) adds B (d_out x r) and
A (r x d_in): r * (d_in + d_out) trainable parameters (Hu et al., 2021).
The shape is Llama 2 7B's published configuration (Touvron et al., 2023):
hidden size 4096, MLP size 11008, 32 layers, 32 attention heads, vocabulary 32000,
untied embeddings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .svg import bar_chart


@dataclass(frozen=True)
class ModelShape:
    """A decoder's shape, with the field meanings of its config.json (Llama / Qwen2 / Mistral layout)."""

    name: str
    hidden: int  # hidden_size
    intermediate: int  # intermediate_size
    layers: int  # num_hidden_layers
    vocab: int  # vocab_size
    heads: int = 32  # num_attention_heads
    kv_heads: int | None = None  # num_key_value_heads (grouped-query attention); None: as many as heads
    qkv_bias: bool = False  # Qwen2 adds biases to the query, key and value projections
    tied: bool = False  # tie_word_embeddings: the output head reuses the input embedding

    @property
    def head_dim(self) -> int:
        return self.hidden // self.heads

    def projections(self) -> dict[str, tuple[int, int]]:
        """(d_in, d_out) of every linear layer in one decoder block."""
        h, m = self.hidden, self.intermediate
        kv = (self.kv_heads or self.heads) * self.head_dim
        return {
            "q_proj": (h, h),
            "k_proj": (h, kv),
            "v_proj": (h, kv),
            "o_proj": (h, h),
            "gate_proj": (h, m),
            "up_proj": (h, m),
            "down_proj": (m, h),
        }

    def linear_weights(self) -> int:
        """Weights of the decoder blocks' linear layers: what 4-bit quantization (QLoRA) stores as NF4."""
        return self.layers * sum(i * o for i, o in self.projections().values())

    def total_params(self) -> int:
        proj = self.projections()
        biases = sum(proj[p][1] for p in ("q_proj", "k_proj", "v_proj")) if self.qkv_bias else 0
        norms = 2 * self.hidden
        embeddings = (1 if self.tied else 2) * self.vocab * self.hidden  # input embedding (+ untied output head)
        return self.linear_weights() + self.layers * (biases + norms) + embeddings + self.hidden  # + final norm


LLAMA2_7B = ModelShape("Llama-2-7B", hidden=4096, intermediate=11008, layers=32, vocab=32000)
TARGETS = {"q_proj, v_proj": ("q_proj", "v_proj"), "all 7 linear layers": tuple(LLAMA2_7B.projections())}
RANKS = (8, 16, 64)


def lora_params(shape: ModelShape, rank: int, targets: tuple[str, ...]) -> int:
    proj = shape.projections()
    return shape.layers * sum(rank * (proj[t][0] + proj[t][1]) for t in targets)


def data(shape: ModelShape = LLAMA2_7B) -> list[dict]:
    total = shape.total_params()
    return [
        {"rank": r, "targets": label, "params": (n := lora_params(shape, r, mods)), "percent": 100 * n / total}
        for label, mods in TARGETS.items()
        for r in RANKS
    ]


def figure() -> dict:
    rows = data()
    top = max(r["params"] for r in rows) / 1e6
    ceiling = 40 * (int(top // 40) + 1)
    chart = bar_chart(
        [
            {
                "label": f"r={r['rank']}, {'q,v' if r['targets'].startswith('q_proj') else 'all'}",
                "segments": [r["params"] / 1e6],
                "total_label": f"{r['params'] / 1e6:.1f}M",
            }
            for r in rows
        ],
        y_ticks=[(v, f"{v}M") for v in range(0, ceiling + 1, 40)],
        y_label="trainable parameters",
        segment_names=["LoRA A and B"],
    )
    return {
        "id": "lora-trainable-params",
        "title": f"LoRA trainable parameters on {LLAMA2_7B.name} ({LLAMA2_7B.total_params() / 1e9:.2f}B parameters)",
        "summary": (
            f"Rank 8 on the query and value projections trains {rows[0]['params']:,} parameters "
            f"({rows[0]['percent']:.2f}% of the model); rank 16 on all seven linear layers trains "
            f"{rows[4]['params']:,} ({rows[4]['percent']:.2f}%)."
        ),
        "chart": chart,
        "table": {
            "columns": ["Rank r", "Adapted layers", "Trainable parameters", "Share of the model"],
            "rows": [[r["rank"], r["targets"], f"{r['params']:,}", f"{r['percent']:.3f}%"] for r in rows],
        },
        "note": "Each adapted d_out x d_in matrix adds r x (d_in + d_out) parameters, in each of the 32 layers. "
        "Computed at build time from the model's shape.",
    }
