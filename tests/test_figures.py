"""The computed figures, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import pytest

from macros.figures import accumulation, curves, eval_ci, lora, memory, schedule


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


def test_adapter_sizes_quoted_for_multi_lora_serving():
    all_linear = lora.lora_params(lora.LLAMA2_7B, 16, tuple(lora.LLAMA2_7B.projections()))
    assert all_linear * 2 / 1e6 == pytest.approx(80.0, abs=0.1)  # MB in 16-bit
    assert 100 * all_linear * 2 / 1e9 == pytest.approx(8.0, abs=0.01)  # a hundred adapters, GB
    assert lora.lora_params(lora.LLAMA2_7B, 8, ("q_proj", "v_proj")) * 2 / 1e6 == pytest.approx(8.4, abs=0.02)
    assert lora.LLAMA2_7B.total_params() * 2 / 1e9 == pytest.approx(13.5, abs=0.03)  # the base in 16-bit
    # deploying-quantized-fine-tunes: 4-bit codes + a 16-bit scale per 128 weights = 4.125 bits per weight
    assert lora.LLAMA2_7B.total_params() * (4 + 16 / 128) / 8 / 1e9 == pytest.approx(3.5, abs=0.03)


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


def test_eval_ci_width_against_hand_computed_intervals():
    # Var(d) for d in {-1, 0, 1}: P(d != 0) - E[d]^2 = 0.08 - 0.02^2
    assert eval_ci.var_paired() == pytest.approx(0.0796)
    assert eval_ci.var_unpaired() == pytest.approx(0.7 * 0.3 + 0.72 * 0.28)
    rows = {r["n"]: r for r in eval_ci.data()}
    # n = 1000: 1.96 x sqrt(0.21 / 1000) = 0.0284; sqrt(0.4116 / 1000) = 0.02029; sqrt(0.0796 / 1000) = 0.00892
    assert rows[1000]["single"] == pytest.approx(0.0284, abs=1e-4)
    assert rows[1000]["unpaired"] == pytest.approx(0.0398, abs=1e-4)
    assert rows[1000]["paired"] == pytest.approx(0.0175, abs=1e-4)
    assert rows[10000]["paired"] == pytest.approx(rows[100]["paired"] / 10)  # 100x the items, 1/10 the width
    # 1.96^2 x 0.4116 / 0.02^2 = 3952.9 and 1.96^2 x 0.0796 / 0.02^2 = 764.5
    assert eval_ci.items_to_exclude_zero(eval_ci.var_unpaired()) == 3953
    assert eval_ci.items_to_exclude_zero(eval_ci.var_paired()) == 765
    # HumanEval's 164 problems at 80%: 1.96 x sqrt(0.16 / 164) = 0.0612
    assert eval_ci.half_width(eval_ci.var_single(0.8), 164) == pytest.approx(0.0612, abs=1e-4)
    # 80% power: (1.96 + 0.8416)^2 x Var / 0.02^2
    assert eval_ci.items_for_power(eval_ci.var_unpaired()) == 8077
    assert eval_ci.items_for_power(eval_ci.var_paired()) == 1562


def test_figure_tables_are_the_text_alternative_of_every_chart():
    from macros.figures import FIGURES

    for fid, make in FIGURES.items():
        fig = make()
        assert fig["id"] == fid and fig["title"] and fig["summary"] and fig["table"]["rows"]
        assert all(len(row) == len(fig["table"]["columns"]) for row in fig["table"]["rows"])
        if fig["chart"]:
            assert all(not math.isnan(t["pos"]) for t in fig["chart"]["y_ticks"])
