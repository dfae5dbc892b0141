"""Shapes of named models, copied from each model's published config.json on the Hugging Face Hub.

Each field is the config's value (hidden_size, intermediate_size, num_hidden_layers,
num_attention_heads, num_key_value_heads, vocab_size, tie_word_embeddings; Qwen2 models
have attention biases on q, k and v). tests/test_figures.py checks the parameter counts they
give against the counts Transformers reports for the same configs.
"""

from __future__ import annotations

from .lora import LLAMA2_7B, ModelShape

LLAMA31_8B = ModelShape("Llama-3.1-8B", hidden=4096, intermediate=14336, layers=32, vocab=128_256, heads=32, kv_heads=8)
LLAMA31_70B = ModelShape(
    "Llama-3.1-70B", hidden=8192, intermediate=28672, layers=80, vocab=128_256, heads=64, kv_heads=8
)
QWEN25_7B = ModelShape(
    "Qwen2.5-7B", hidden=3584, intermediate=18944, layers=28, vocab=152_064, heads=28, kv_heads=4, qkv_bias=True
)
MISTRAL_7B = ModelShape(
    "Mistral-7B-v0.1", hidden=4096, intermediate=14336, layers=32, vocab=32_000, heads=32, kv_heads=8
)

# Hub id -> shape: the calculator's model choices, in the order shown.
PRESETS: dict[str, ModelShape] = {
    "meta-llama/Llama-3.1-8B": LLAMA31_8B,
    "Qwen/Qwen2.5-7B": QWEN25_7B,
    "mistralai/Mistral-7B-v0.1": MISTRAL_7B,
    "meta-llama/Llama-2-7b-hf": LLAMA2_7B,
    "meta-llama/Llama-3.1-70B": LLAMA31_70B,
}
