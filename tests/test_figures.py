"""The computed figures, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import pytest

from macros.figures import accumulation, curves, lora, memory, schedule


def test_llama2_7b_parameter_count_from_its_shape():
    # 32 x (4 x 4096^2 + 3 x 4096 x 11008 + 2 x 4096) + 2 x 32000 x 4096 + 4096
    assert lora.LLAMA2_7B.total_params() == 6_738_415_616


def test_lora_params_for_one_matrix_and_for_the_model():
    one_layer_q = lora.ModelShape("one", 4096, 11008, 1, 0)
    assert lora.lora_params(one_layer_q, 8, ("q_proj",)) == 8 * (4096 + 4096) == 65_536
    rows = {(r["rank"], r["targets"]): r for r in lora.data()}
    assert rows[(8, "q_proj, v_proj")]["params"] == 4_194_304
    assert rows[(16, "all 7 linear layers")]["params"] == 39_976_960
    assert round(rows[(16, "all 7 linear layers")]["percent"], 2) == 0.59


def test_memory_budget_7b():
    full, lo, qlo = memory.data()
    assert full["parts"]["base or full model"] == pytest.approx(112.0)
    assert lo["parts"]["base or full model"] == pytest.approx(14.0)
    assert lo["parts"]["LoRA adapters + their state"] == pytest.approx(0.6396, abs=1e-4)
    assert qlo["parts"]["base or full model"] == pytest.approx(3.5)
    assert pytest.approx(0.127, abs=5e-4) == memory.DOUBLE_QUANT_BITS  # QLoRA paper, section 3
    assert qlo["parts"]["quantization constants"] == pytest.approx(0.111, abs=1e-3)


def test_schedule_warmup_peak_and_decay():
    assert schedule.warmup_then_cosine(0) == 0
    assert schedule.warmup_then_cosine(50) == pytest.approx(1e-4)
    assert schedule.warmup_then_cosine(100) == pytest.approx(2e-4)
    assert schedule.warmup_then_cosine(550) == pytest.approx(1e-4)  # halfway through the decay
    assert schedule.warmup_then_cosine(1000) == pytest.approx(0, abs=1e-12)
    assert schedule.warmup_then_linear(550) == pytest.approx(1e-4)


def test_overfitting_curves_turn_up_after_the_early_stopping_epoch():
    best = curves.best_epoch()
    assert 0 < best < curves.EPOCHS
    assert curves.val_loss(best + 2) > curves.val_loss(best)
    assert curves.train_loss(best + 2) < curves.train_loss(best)


def test_effective_batch():
    assert {accumulation.effective_batch(*s) for s in accumulation.SETUPS} == {32}


def test_figure_tables_are_the_text_alternative_of_every_chart():
    from macros.figures import FIGURES

    for fid, make in FIGURES.items():
        fig = make()
        assert fig["id"] == fid and fig["title"] and fig["summary"] and fig["table"]["rows"]
        assert all(len(row) == len(fig["table"]["columns"]) for row in fig["table"]["rows"])
        if fig["chart"]:
            assert all(not math.isnan(t["pos"]) for t in fig["chart"]["y_ticks"])


def test_zero_stages_reproduce_the_zero_paper_figure_1():
    """7.5B parameters, K = 12, 64 GPUs: 120, 31.4, 16.6 and 1.9 GB (Rajbhandari et al., 2020, Figure 1)."""
    from macros.figures import zero

    got = [zero.per_gpu_gb(7_500_000_000, stage, 64) for stage in range(4)]
    assert got == pytest.approx([120.0, 31.41, 16.64, 1.875], abs=0.01)
    assert zero.per_gpu_gb(7_500_000_000, 3, 1) == pytest.approx(120.0)  # one GPU: nothing to shard
    with pytest.raises(ValueError):
        zero.per_gpu_gb(1, 4, 8)


def test_zero_figure_for_llama_3_1_8b():
    from macros.figures import zero

    # 32 x (2 x 4096^2 + 2 x 4096 x 1024 + 3 x 4096 x 14336 + 2 x 4096) + 2 x 128256 x 4096 + 4096
    assert zero.PARAMS == 8_030_261_248
    at8 = {r["stage"]: round(r["gb"][8], 1) for r in zero.data()}
    assert at8 == {0: 128.5, 1: 44.2, 2: 30.1, 3: 16.1}  # 16 Psi; 4 Psi + 1.5 Psi; 2 Psi + 1.75 Psi; 2 Psi
    assert zero.per_gpu_gb(70_000_000_000, 3, 8) == pytest.approx(140.0)
    assert zero.per_gpu_gb(70_000_000_000, 3, 16) == pytest.approx(70.0)


def test_zero_answer_quotes_the_numbers_the_figure_computes():
    from pathlib import Path

    from macros.bank.loader import load_bank
    from macros.figures import FIGURES, zero

    bank = load_bank(Path(__file__).resolve().parents[1] / "data" / "questions.yaml", frozenset(FIGURES))
    (q,) = [q for q in bank.questions if q.id == "multi-gpu-fsdp-and-zero"]
    text = " ".join(v for _, v in q.answer if v)
    for r in zero.data():
        assert f"{r['gb'][8]:.1f} GB" in text
    assert "140 GB per" in text and "70 GB on 16" in text
