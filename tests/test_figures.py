"""The computed figures, checked against numbers worked out by hand."""

from __future__ import annotations

import math

import pytest

from macros.figures import (
    accumulation,
    activations,
    curves,
    dedup,
    eval_ci,
    lora,
    memory,
    overoptimization,
    packing,
    precision,
    schedule,
)


def test_llama2_7b_parameter_count_from_its_shape():
    # 32 x (4 x 4096^2 + 3 x 4096 x 11008 + 2 x 4096) + 2 x 32000 x 4096 + 4096
    assert lora.LLAMA2_7B.total_params() == 6_738_415_616


def test_preset_shapes_give_the_parameter_counts_transformers_reports():
    from macros.figures import models

    # Counted with the answer stack (Transformers 5.24): AutoModelForCausalLM.from_config(<config.json values>)
    # on the meta device, sum of numel() over parameters.
    expected = {
        "meta-llama/Llama-3.1-8B": 8_030_261_248,
        "Qwen/Qwen2.5-7B": 7_615_616_512,
        "mistralai/Mistral-7B-v0.1": 7_241_732_096,
        "meta-llama/Llama-2-7b-hf": 6_738_415_616,
        "meta-llama/Llama-3.1-70B": 70_553_706_496,
    }
    assert {hub_id: shape.total_params() for hub_id, shape in models.PRESETS.items()} == expected
    # Grouped-query attention: Llama 3.1 8B's k and v project to 8 heads of 128
    assert models.LLAMA31_8B.projections()["k_proj"] == (4096, 1024)


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


def test_estimate_bytes_per_parameter_for_each_method():
    gb = 1e9
    full = memory.estimate("full", 7_000_000_000)
    assert (full.weights, full.gradients, full.optimizer) == (14e9, 14e9, 84e9)  # 2 + 2 + 12 bytes (ZeRO, K = 12)
    # 8-bit AdamW: two 1-byte moments plus bitsandbytes' fp32 absmax per block of 256 values: 4 + 2 x (1 + 4/256)
    assert memory.estimate("full", 7_000_000_000, optimizer="adamw-8bit").total / gb == pytest.approx(70.21875)
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
    llama3 = lora.ModelShape("Llama-3-vocab", 4096, 14336, 32, 128_256)
    assert round(memory.logits_bytes(llama3, 2048) / 1e9, 2) == 1.05  # saved for backward
    assert round(memory.logits_bytes(llama3, 2048, peak=True) / 1e9, 2) == 2.63  # 2 + 4 + 4 bytes at the loss


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
            assert all(not math.isnan(t["pos"]) for t in fig["chart"].get("y_ticks", []))


def test_overoptimization_forms_and_peaks_by_hand():
    o = overoptimization
    # best-of-n: d (1 - 0.25 d) peaks where 1 - 0.5 d = 0, at d = 2, gold 2 x 0.5 = 1; back to 0 at d = 4
    assert o.peak_bon() == (2.0, 1.0)
    assert o.gold_bon(4.0) == 0.0 and o.gold_bon(1.0) == 0.75
    # RL: d (0.6 - 0.3 log d) peaks where 0.6 - 0.3 (log d + 1) = 0, at d = e, gold 0.3 e
    d_rl, r_rl = o.peak_rl()
    assert d_rl == pytest.approx(math.e) and r_rl == pytest.approx(0.3 * math.e)
    assert o.gold_rl(1.0) == pytest.approx(0.6)  # log 1 = 0
    # the proxy (beta = 0) keeps rising; the gap to gold is exactly beta d^2
    assert o.proxy_bon(3.0) - o.gold_bon(3.0) == pytest.approx(0.25 * 9)
    # best-of-n KL: log n - (n - 1)/n; n = 1 is the base policy, n = 2 gives log 2 - 1/2
    assert o.bon_kl(1) == 0.0 and o.bon_kl(2) == pytest.approx(math.log(2) - 0.5)
    assert o.bon_kl(round(o.bon_n_for_kl(4.0))) == pytest.approx(4.0, abs=0.01)  # about best-of-147
    assert round(o.bon_n_for_kl(4.0)) == 147
    rows = {r["d"]: r for r in o.data()}
    assert rows[2.0]["gold_bon"] > rows[3.0]["gold_bon"] and rows[3.0]["proxy"] > rows[2.0]["proxy"]


def test_overoptimization_chart_stays_inside_its_axes():
    chart = overoptimization.figure()["chart"]
    ys = [y for s in chart["series"] for _, y in s["points"]]
    assert min(ys) >= 0 and max(ys) <= overoptimization.Y_MAX


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


# qa-modal
def test_contrastive_batch_by_hand():
    from macros.figures import contrastive

    rows = contrastive.data(batch=3, hard_per_query=1)
    # q2's row over [p1 p2 p3 n1 n2 n3]: target p2, two in-batch negatives, three hard negatives
    assert rows[1]["kinds"] == ["in-batch negative", "positive", "in-batch negative"] + ["hard negative"] * 3
    assert contrastive.negatives_per_query(3) == 5 == 3 * 2 - 1
    assert contrastive.negatives_per_query(64) == 127
    assert contrastive.negatives_per_query(4, hard_per_query=0) == 3  # pairs only: B - 1
    fig = contrastive.figure()
    assert "7 negatives, 3 of them" in fig["summary"] and "127 negatives" in fig["summary"]
    assert fig["table"]["rows"][0] == ["q1", "p1", "p2, p3, p4", "n1 + n2, n3, n4"]


def test_rope_scaling_by_hand():
    from macros.figures import rope

    # pair i of a 128-dim head turns 4096 * 10000^(-2i/128) / (2 pi) times in 4,096 tokens:
    # 32 turns at i = 20.94, 1 turn at i = 45.03 -> YaRN keeps 0-20, interpolates from 46 (floor, ceil)
    assert rope.yarn_bounds() == (20, 46)
    assert rope.yarn_scale(0) == rope.yarn_scale(20) == 1.0 and rope.yarn_scale(46) == rope.yarn_scale(63) == 4.0
    assert abs(rope.yarn_scale(33) - 1 / (0.5 / 4 + 0.5)) < 1e-12  # halfway up the ramp: 1.6x
    assert rope.ntk_scale(0) == 1.0 and abs(rope.ntk_scale(63) - 4.0) < 1e-12  # 4^(126/126)
    assert abs(rope.wavelength(0) - 2 * 3.141592653589793) < 1e-9  # the fastest pair turns every 6.28 tokens
    assert abs(rope.yarn_attention_factor() - 1.1386) < 1e-4  # 0.1 ln 4 + 1
    fig = rope.figure()
    assert "keeps pairs 0-20" in fig["summary"] and "interpolates pairs 46-63" in fig["summary"]
    assert "logits by 1.30" in fig["summary"]  # 1.1386 squared: queries and keys are both scaled


def test_overoptimization_says_its_coefficients_are_illustrative():
    # The coefficients are not Gao et al.'s fits: the title, the summary (the chart's accessible
    # description) and the note must all say so, and the note must name the values used.
    fig = overoptimization.figure()
    for text in (fig["title"], fig["summary"], fig["note"]):
        assert "illustrative" in text
    assert "alpha_bon = 1, beta_bon = 0.25, alpha_RL = 0.6, beta_RL = 0.3" in fig["note"]


def test_overoptimization_rl_falls_more_slowly_than_best_of_n_after_its_peak():
    # Past its peak the RL form loses d log d, best-of-n loses d^2: one unit of d beyond each peak,
    # best-of-n has dropped by beta_bon = 0.25 (1.0 -> 0.75), RL by far less.
    o = overoptimization
    d_bon, r_bon = o.peak_bon()
    d_rl, r_rl = o.peak_rl()
    drop_bon = r_bon - o.gold_bon(d_bon + 1)
    drop_rl = r_rl - o.gold_rl(d_rl + 1)
    assert drop_bon == pytest.approx(0.25) and 0 < drop_rl < drop_bon / 2
