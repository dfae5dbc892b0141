"""The memory calculator: the browser's formulas equal the Python reference, the page works without
JavaScript, and a reader who changes the inputs reads the right breakdown (1280 and 390 px, axe)."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path

import pytest
from test_accessibility import AXE, axe_violations

from macros.figures import calculator, memory
from macros.figures.models import LLAMA31_8B, PRESETS, QWEN25_7B

ROOT = Path(__file__).resolve().parents[1]
MEMORY_JS = ROOT / "docs" / "assets" / "calc" / "memory.js"
PAGE = "questions/fine-tuning-memory-budget/"
KEYS = ("params", "trainable", "weights", "gradients", "optimizer", "activations", "logits", "total")
ALL = list(calculator.TARGET_CHOICES)

# Runs memory.js's calculate() on every case read from stdin; prints the results as JSON.
NODE_SCRIPT = """
import { calculate } from %s;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => calculate(c))));
"""


def run_js(cases: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node (v20) is needed to evaluate docs/assets/calc/memory.js; it is installed with the test tools")
    script = NODE_SCRIPT % json.dumps(MEMORY_JS.as_uri())
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def grid() -> list[dict]:
    """Every method x precision x optimizer x ZeRO stage on two shapes, plus 3,000 random mixes of everything."""
    tied = {"name": "tied test shape", "hidden": 896, "intermediate": 4864, "layers": 24, "vocab": 151_936}
    tied |= {"heads": 14, "kv_heads": 2, "qkv_bias": True, "tied": True}
    shapes = [asdict(s) for s in PRESETS.values()] + [tied]
    methods, precisions, optimizers = memory.METHODS, list(memory.PRECISIONS), list(memory.OPTIMIZERS)
    cases = [
        {
            "shape": shape,
            "method": m,
            "precision": p,
            "optimizer": o,
            "zero_stage": z,
            "gpus": 8,
            "rank": 16,
            "targets": ALL,
            "seq_len": 4096,
            "micro_batch": 2,
            "checkpointing": True,
        }
        for shape in (asdict(LLAMA31_8B), asdict(QWEN25_7B))
        for m in methods
        for p in precisions
        for o in optimizers
        for z in memory.ZERO_STAGES
    ]
    rng = random.Random(17)
    for _ in range(3000):
        case = {
            "method": rng.choice(methods),
            "precision": rng.choice(precisions),
            "optimizer": rng.choice(optimizers),
            "zero_stage": rng.choice(memory.ZERO_STAGES),
            "gpus": rng.choice((1, 2, 3, 8, 64, 512)),
        }
        if rng.random() < 0.2:  # a parameter count alone
            case |= {"params": rng.randrange(10**6, 10**12), "adapter_params": rng.randrange(0, 10**9)}
        else:
            case |= {
                "shape": rng.choice(shapes),
                "rank": rng.choice((1, 8, 16, 64, 256)),
                "targets": rng.sample(ALL, rng.randint(1, len(ALL))),
                "seq_len": rng.choice((1, 512, 2048, 4096, 8192, 32_768, 131_072)),
                "micro_batch": rng.choice((1, 2, 4, 16)),
                "checkpointing": rng.random() < 0.5,
                "flash_attention": rng.random() < 0.5,
            }
        cases.append(case)
    return cases + [c["inputs"] for c in calculator.cases()]


def test_javascript_and_python_compute_the_same_bytes_on_a_grid():
    cases = grid()
    js = run_js(cases)
    assert len(js) == len(cases) > 3400
    exact = 0
    for case, got in zip(cases, js, strict=True):
        want = memory.calculate(case)
        assert set(got) == set(KEYS)
        for key in KEYS:
            assert abs(got[key] - want[key]) <= 1, (key, case, got[key], want[key])  # within one byte
        exact += all(got[k] == want[k] for k in KEYS)
    assert exact == len(cases), f"{len(cases) - exact} cases differ by rounding only"


def test_javascript_rejects_what_python_rejects():
    node = shutil.which("node")
    assert node, "node is needed"
    for bad in ({"params": 1, "method": "prefix"}, {"params": 1, "method": "full", "optimizer": "lion"}):
        with pytest.raises((ValueError, KeyError)):
            memory.calculate(bad)
        script = f"import {{ calculate }} from {json.dumps(MEMORY_JS.as_uri())}; calculate({json.dumps(bad)});"
        done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=False)
        assert done.returncode != 0 and "Error" in done.stderr


def test_the_reference_by_hand_for_llama_3_1_8b():
    p = LLAMA31_8B.total_params()
    assert p == 8_030_261_248
    s, h, v = 2048, 4096, 128_256
    full = memory.calculate({"shape": asdict(LLAMA31_8B), "method": "full", "seq_len": s})
    assert (full["weights"], full["gradients"], full["optimizer"]) == (2 * p, 2 * p, 12 * p)  # ZeRO: 2 + 2 + 12
    assert full["activations"] == 32 * 34 * s * h  # FlashAttention: no 5as^2b term
    assert full["logits"] == 10 * s * v
    zero3 = memory.calculate({"shape": asdict(LLAMA31_8B), "method": "full", "zero_stage": 3, "gpus": 8})
    assert zero3["weights"] + zero3["gradients"] + zero3["optimizer"] == 16 * p / 8
    lora = memory.calculate({"shape": asdict(LLAMA31_8B), "method": "lora", "rank": 16, "targets": ALL})
    # per layer 16 x (q 8192 + k 5120 + v 5120 + o 8192 + 3 x 18432), 32 layers
    assert lora["trainable"] == 32 * 16 * (8192 + 5120 + 5120 + 8192 + 3 * 18432) == 41_943_040
    assert lora["weights"] == 2 * p + 4 * lora["trainable"] and lora["optimizer"] == 8 * lora["trainable"]
    qlora = memory.calculate({"shape": asdict(LLAMA31_8B), "method": "qlora", "rank": 16, "targets": ALL})
    linear = 32 * (2 * h * h + 2 * h * 1024 + 3 * h * 14336)
    assert LLAMA31_8B.linear_weights() == linear == 6_979_321_856
    nf4 = linear * (4 + 8 / 64 + 32 / (64 * 256)) / 8
    assert qlora["weights"] == nf4 + 2 * (p - linear) + 4 * lora["trainable"]  # head and embeddings in bf16
    eight_bit = memory.calculate({"params": 7_000_000_000, "method": "full", "optimizer": "adamw-8bit"})
    assert eight_bit["optimizer"] == 7e9 * (4 + 2 * (1 + 4 / 256))
    paged = memory.calculate({"params": 10, "method": "full", "precision": "bf16", "optimizer": "paged-adamw"})
    torch_adamw = memory.calculate({"params": 10, "method": "full", "precision": "bf16", "optimizer": "adamw"})
    assert (paged["optimizer"], torch_adamw["optimizer"]) == (80, 40)  # bnb: fp32 states; torch: like the bf16 weights
    by_count = memory.calculate({"params": 7_000_000_000, "method": "full"})
    assert by_count["activations"] == by_count["logits"] == 0  # no shape, no activation estimate


def test_the_figure_and_the_calculator_share_one_set_of_formulas():
    """The 7B figure's bars are calculate() from a parameter count; the worked cases are calculate() too."""
    full, lora, qlora = memory.data()
    by_count = memory.calculate({"params": memory.PARAMS, "method": "full"})
    assert full["parts"]["base or full model"] == pytest.approx(by_count["total"] / memory.GB)
    lora_calc = memory.calculate({"params": memory.PARAMS, "method": "lora", "adapter_params": memory.ADAPTER_PARAMS})
    assert sum(lora["parts"].values()) == pytest.approx(lora_calc["total"] / memory.GB)
    q = memory.calculate({"params": memory.PARAMS, "method": "qlora", "adapter_params": memory.ADAPTER_PARAMS})
    assert sum(qlora["parts"].values()) == pytest.approx(q["total"] / memory.GB)
    fig = calculator.figure()
    for row, case in zip(fig["table"]["rows"], calculator.cases(), strict=True):
        assert row[0] == case["label"] and row[-1] == calculator.gb(memory.calculate(case["inputs"])["total"])


# ---- the built page, without JavaScript ------------------------------------------------------------


def test_the_page_shows_the_worked_cases_and_assumptions_and_hides_the_form(page):
    html = page(PAGE)
    fig = html.select_one("figure#figure-memory-calculator")
    assert fig is not None
    assert fig.select_one("form#calc-form").has_attr("hidden") and fig.select_one("#calc-result").has_attr("hidden")
    table = fig.select("table")[-1]
    shown = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert shown == calculator.figure()["table"]["rows"]
    assert [li.get_text() for li in fig.select("ul.ftp-calc__assumptions li")] == calculator.ASSUMPTIONS
    data = json.loads(fig.select_one("script#calc-data").string)
    assert data["presets"] == {hub_id: asdict(shape) for hub_id, shape in PRESETS.items()}
    assert [o["value"] for o in fig.select("#calc-model option")] == [*PRESETS, "custom", "params"]
    # every form control has a label
    for control in fig.select("input, select"):
        assert fig.select_one(f'label[for="{control["id"]}"]'), control["id"]
    scripts = [s.get("src", "") for s in html.select("script[type=module]")]
    assert any(s.endswith("assets/calc/view.js") for s in scripts)


def test_other_pages_do_not_load_the_calculator(page):
    html = page("questions/lora/")
    assert not html.select("[data-ftp-calc]")
    assert not [s for s in html.select("script[src], link[href]") if "assets/calc/" in (s.get("src") or s["href"])]


# ---- in the browser ---------------------------------------------------------------------------------

in_browser = pytest.mark.browser


def open_calculator(tab, server):
    tab.goto(server + PAGE, wait_until="networkidle")
    tab.locator("details.ftp-answer > summary").click()
    tab.locator("#calc-form").wait_for(state="visible")


def shown(tab) -> dict[str, str]:
    return {k: tab.locator(f'[data-calc-out="{k}"]').inner_text() for k in (*calculator.PARTS, "total")}


def expected(inputs: dict) -> dict[str, str]:
    r = memory.calculate(inputs)
    return {k: calculator.gb(r[k]) for k in (*calculator.PARTS, "total")}


@in_browser
def test_changing_the_inputs_updates_the_breakdown(tab, server):
    open_calculator(tab, server)
    base = {"shape": asdict(LLAMA31_8B), "rank": 16, "targets": ALL, "seq_len": 2048, "checkpointing": True}
    assert shown(tab) == expected(base | {"method": "lora"})  # the defaults
    status = tab.locator("#calc-status")
    assert status.get_attribute("role") == "status"
    assert "20.18 GB" in status.inner_text()

    tab.select_option("#calc-method", "full")
    tab.select_option("#calc-zero", "3")
    tab.fill("#calc-gpus", "8")
    assert shown(tab) == expected(base | {"method": "full", "zero_stage": 3, "gpus": 8})
    assert tab.locator("#calc-rank").is_hidden()  # no adapters in full fine-tuning

    tab.select_option("#calc-method", "qlora")
    tab.select_option("#calc-optimizer", "paged-adamw-8bit")
    tab.uncheck("#calc-ckpt")
    tab.fill("#calc-seq", "8192")
    tab.uncheck("#calc-target-gate_proj")
    targets = [t for t in ALL if t != "gate_proj"]
    want = base | {"method": "qlora", "optimizer": "paged-adamw-8bit", "zero_stage": 3, "gpus": 8}
    want |= {"checkpointing": False, "seq_len": 8192, "targets": targets}
    assert shown(tab) == expected(want)
    assert tab.locator("#calc-precision").is_hidden()  # QLoRA's base is NF4 whatever the precision

    tab.select_option("#calc-model", "Qwen/Qwen2.5-7B")
    assert tab.input_value("#calc-hidden") == "3584" and tab.is_checked("#calc-qkv_bias")
    assert shown(tab) == expected(want | {"shape": asdict(QWEN25_7B)})

    tab.fill("#calc-layers", "14")  # an edited preset becomes a custom shape
    assert tab.input_value("#calc-model") == "custom"
    assert shown(tab) == expected(want | {"shape": asdict(QWEN25_7B) | {"layers": 14}})


@in_browser
def test_a_parameter_count_alone_and_a_bad_input(tab, server):
    open_calculator(tab, server)
    tab.select_option("#calc-model", "params")
    tab.select_option("#calc-method", "full")
    tab.fill("#calc-params", "70")
    assert tab.locator("#calc-hidden").is_hidden() and tab.locator("#calc-seq").is_hidden()  # no shape: no activations
    got = shown(tab)
    r = memory.calculate({"params": 70_000_000_000, "method": "full"})
    assert got["total"] == calculator.gb(r["total"]) == "1120.00 GB"
    assert "needs the model's shape" in got["activations"]
    assert "before activations" in tab.locator("#calc-status").inner_text()

    tab.select_option("#calc-model", "meta-llama/Llama-3.1-8B")
    tab.fill("#calc-gpus", "0")
    assert "at least 1" in tab.locator("#calc-status").inner_text()
    assert tab.get_attribute("#calc-gpus", "aria-invalid") == "true"
    assert shown(tab)["total"] == "—"
    tab.fill("#calc-gpus", "2")
    assert tab.get_attribute("#calc-gpus", "aria-invalid") == "false"
    assert shown(tab)["total"].endswith(" GB")


@in_browser
def test_without_javascript_the_worked_cases_show_and_the_form_stays_hidden(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(server + PAGE)
        tab.locator("details.ftp-answer > summary").click()
        assert tab.locator("#calc-form").is_hidden() and tab.locator("#calc-result").is_hidden()
        cases = tab.locator("#figure-memory-calculator table").last
        assert cases.is_visible() and calculator.figure()["table"]["rows"][0][0] in cases.inner_text()
    finally:
        context.close()


TOO_WIDE = """() => {
  const vw = document.documentElement.clientWidth;
  const inScroller = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('#figure-memory-calculator, #figure-memory-calculator *')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > vw + 1 && !inScroller(e); })
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));
}"""


@in_browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_calculator_fits_the_screen_and_has_no_axe_violations(tab_at, server, width):
    tab = tab_at(width)
    open_calculator(tab, server)
    tab.select_option("#calc-method", "lora")  # every adapter field shown
    assert tab.evaluate(TOO_WIDE) == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    box = tab.locator("#calc-gpus").bounding_box()
    assert box["height"] >= 36, "inputs big enough to tap"
    tab.add_script_tag(path=str(AXE))
    for scheme in ("default", "slate"):
        tab.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        result = tab.evaluate("async () => await axe.run('#figure-memory-calculator', {resultTypes: ['violations']})")
        violations = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
        assert violations == [], json.dumps(violations, indent=1)
    if width == 1280:  # and on the whole page (at 390 px older formulas and figure tables scroll unfocusably)
        assert axe_violations(tab) == []


def test_search_indexes_the_caption_but_not_the_form(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    with_calculator = [d for d in docs if "Memory calculator. Fully fine-tuning" in d["text"]]
    assert len(with_calculator) == 4  # the four questions that show it
    assert not [d["location"] for d in docs if "Tied embeddings" in d["text"] or "What the calculator" in d["text"]]


@in_browser
def test_on_paper_the_worked_cases_print_and_the_form_does_not(tab, server):
    open_calculator(tab, server)
    tab.emulate_media(media="print")
    assert tab.locator("#calc-form").is_hidden() and tab.locator("#calc-result").is_hidden()
    cases = tab.locator(".ftp-calc__cases")
    assert cases.is_visible()
    assert tab.evaluate("getComputedStyle(document.querySelector('.ftp-calc__scroll')).overflowX") == "visible"
