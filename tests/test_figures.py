"""The computed figures, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import pytest

from macros.figures import accumulation, activations, curves, dedup, lora, memory, packing, precision, schedule


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


def test_estimate_bytes_per_parameter_for_each_method():
    gb = 1e9
    full = memory.estimate("full", 7_000_000_000)
    assert (full.weights, full.gradients, full.optimizer) == (14e9, 14e9, 84e9)  # 2 + 2 + 12 bytes (ZeRO, K = 12)
    assert memory.estimate("full", 7_000_000_000, optimizer="adamw-8bit").total / gb == pytest.approx(70.0)
    lo = memory.estimate("lora", 7_000_000_000, adapter_params=1_000_000)
    assert lo.total == 14e9 + 16 * 1_000_000  # bf16 base + 16 bytes per fp32 adapter parameter
    qlo = memory.estimate("qlora", 7_000_000_000, adapter_params=memory.ADAPTER_PARAMS)
    assert qlo.total / gb == pytest.approx(3.5 + 0.1111 + 0.6396, abs=1e-3)


def test_activation_bytes_by_hand():
    shape = lora.LLAMA2_7B  # 32 layers, h = 4096, a = 32
    sbh = 2048 * 4096
    eager = 32 * (34 * sbh + 5 * 32 * 2048**2)
    assert memory.activation_bytes(shape, 2048, 1, checkpointing=False, flash_attention=False) == eager
    assert memory.activation_bytes(shape, 2048) == 32 * 34 * sbh  # FlashAttention drops the s^2 term
    assert memory.activation_bytes(shape, 2048, checkpointing=True) == 32 * 2 * sbh + 34 * sbh
    assert memory.activation_bytes(shape, 4096, 2) == 4 * memory.activation_bytes(shape, 2048)  # linear in s and b
    assert round(eager / 1e9, 1) == 30.6
    assert memory.logits_bytes(shape, 2048) == 4 * 2048 * 32000


def test_activation_chart_points_stay_on_the_chart():
    rows = activations.data()
    assert rows["FlashAttention + checkpointing"][-1][1] < rows["FlashAttention, no checkpointing"][-1][1]
    chart = activations.figure()["chart"]
    assert all(len(s["points"]) >= 2 for s in chart["series"])
    assert max(y for s in chart["series"] for _, y in s["points"]) <= activations.Y_MAX


def test_float_formats_match_the_numbers_worked_out_by_hand():
    f = {fmt.name: fmt for fmt in precision.data()}
    # torch.finfo gives the same values (the mixed-precision answer's snippet asserts them)
    assert f["fp16"].max == 65504 and f["fp16"].smallest_normal == 2**-14 and f["fp16"].smallest_subnormal == 2**-24
    assert f["fp16"].eps == 2**-10
    assert f["bf16"].max == pytest.approx(3.3895e38, rel=1e-4) and f["bf16"].smallest_normal == 2**-126
    assert f["bf16"].eps == 2**-7
    assert f["fp32"].max == pytest.approx(3.4028e38, rel=1e-4) and f["fp32"].eps == 2**-23
    assert f["fp8 E4M3"].max == 448 and f["fp8 E4M3"].smallest_normal == 2**-6 and f["fp8 E4M3"].eps == 0.125
    assert f["fp8 E5M2"].max == 57344 and f["fp8 E5M2"].smallest_subnormal == 2**-16
    assert {fmt.bits for fmt in f.values()} == {32, 16, 8}


def test_packed_masks_by_hand():
    block, causal = packing.masks((2, 1))
    assert block == [[True, False, False], [True, True, False], [False, False, True]]
    assert causal == [[True, False, False], [True, True, False], [True, True, True]]
    assert packing.position_ids((5, 3, 4)) == [0, 1, 2, 3, 4, 0, 1, 2, 0, 1, 2, 3]  # as TRL's collator writes them
    # 12 x 13 / 2 = 78 causal pairs; crossing: 3 queries x 5 keys + 4 queries x 8 keys = 47
    assert "47 of the 78" in packing.figure()["summary"]


def test_minhash_lsh_candidate_probability_by_hand():
    # 0.8^8 = 0.16777; (1 - 0.16777)^14 = 0.07645; so 1 - 0.07645 = 0.92355 (datatrove notes 0.924)
    assert dedup.candidate_probability(0.8, 14, 8) == pytest.approx(0.92355, abs=1e-5)
    # 0.5^8 = 1/256; 1 - (255/256)^14 = 0.05332
    assert dedup.candidate_probability(0.5, 14, 8) == pytest.approx(0.05332, abs=1e-5)
    assert dedup.candidate_probability(1.0, 14, 8) == 1 and dedup.candidate_probability(0.0, 14, 8) == 0
    assert dedup.threshold(14, 8) == pytest.approx(0.7190, abs=1e-4)  # (1/14)^(1/8)
    summary = dedup.figure()["summary"]
    assert "0.8 become candidates 92.4%" in summary and "0.5 only 5.3%" in summary and "0.72" in summary


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
            assert all(not math.isnan(t["pos"]) for t in fig["chart"].get("y_ticks", []))
