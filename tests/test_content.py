"""The answers themselves: required parts, references, and every code or config snippet checked.

Snippets that need only the standard library or this project's own dependencies are executed.
Snippets for libraries we do not install must say which version's API they follow (`# API: lib X.Y`).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from macros.bank import ANSWER_RULES, load_bank
from macros.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))
KINDS = {c.id: c.kind for c in BANK.categories}
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<code>.*?)^(?P=indent)```", re.S | re.M)
DVC_STAGE_KEYS = {
    "cmd",
    "wdir",
    "deps",
    "params",
    "outs",
    "metrics",
    "plots",
    "frozen",
    "always_changed",
    "meta",
    "desc",
    "vars",
    "foreach",
    "do",
    "matrix",
}


def snippets(lang: str):
    for q in BANK.questions:
        for name, markdown in q.answer:
            for m in FENCE.finditer(markdown or ""):
                if m["lang"] == lang:
                    code = "\n".join(line.removeprefix(m["indent"]) for line in m["code"].splitlines())
                    yield pytest.param(code, id=f"{q.id}.{name}")


def _imports(code: str) -> set[str]:
    return set(re.findall(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", code, re.M))


def _installed(module: str) -> bool:
    return module in sys.stdlib_module_names or importlib.util.find_spec(module) is not None


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_answer_has_every_part_its_kind_requires(question):
    rules = ANSWER_RULES[KINDS[question.category]]
    assert all(getattr(question.answer, name) for name, _ in rules.sections)
    assert 2 <= len(question.follow_ups) <= 4
    assert len(question.references) >= rules.min_references
    assert all(r.url.startswith("https://") for r in question.references)
    assert 3 <= len(question.key_points) <= 5


@pytest.mark.parametrize("code", list(snippets("python")))
def test_python_snippets_compile_and_run_or_name_their_api_version(code):
    compiled = compile(code, "<snippet>", "exec")
    foreign = sorted(m for m in _imports(code) if not _installed(m))
    if not foreign:
        exec(compiled, {"__name__": "snippet"})  # only stdlib / project dependencies: run it
        return
    api = " ".join(re.findall(r"#\s*API:\s*(.+)", code)).lower()
    assert re.search(r"\d+\.(\d+|x)", api), "name the version whose API the snippet follows: # API: lib X.Y"
    missing = [m for m in foreign if m.split("_")[0].lower() not in api]
    assert not missing, f"the # API: comment must name the version of {missing}"


@pytest.mark.parametrize("code", list(snippets("yaml")))
def test_yaml_snippets_parse_and_dvc_stages_have_the_keys_dvc_expects(code):
    data = yaml.safe_load(code)
    if isinstance(data, dict) and "stages" in data:
        for name, stage in data["stages"].items():
            assert "cmd" in stage, name
            assert set(stage) <= DVC_STAGE_KEYS, f"{name}: {set(stage) - DVC_STAGE_KEYS}"


@pytest.mark.parametrize("code", list(snippets("makefile")))
def test_makefile_snippets_indent_recipes_with_tabs(code):
    for line in code.splitlines():
        if line.startswith(" ") and line.strip() and not line.strip().startswith("#"):
            pytest.fail(f"recipe line must start with a tab: {line!r}")


def test_there_are_snippets_to_check():
    assert len(list(snippets("python"))) >= 5 and list(snippets("yaml"))


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_math_never_looks_like_an_html_tag(question):
    """`y_{<t}` starts a tag for Markdown's HTML parser and silently breaks the page: write `y_{< t}`."""
    for _, markdown in question.answer:
        for math in re.findall(r"\$\$(.+?)\$\$|\$([^$\n]+)\$", markdown or "", re.S):
            assert not re.search(r"<[A-Za-z/!?]", "".join(math)), math


def test_answers_quote_the_numbers_their_figures_compute():
    """Text and figure come from the same computation, so they cannot drift apart unnoticed."""
    from macros.figures import eval_ci, lora, memory

    rows = {(r["rank"], r["targets"]): r["params"] for r in lora.data()}
    full_ft = round(sum(memory.data()[0]["parts"].values()))
    quoted = {
        "lora-trainable-params": [f"{rows[(8, 'q_proj, v_proj')]:,}", f"{rows[(16, 'all 7 linear layers')]:,}"],
        "finetune-memory-7b": [f"{full_ft} GB"],
        "eval-ci-width": [
            f"{n:,}"
            for var in (eval_ci.var_paired(), eval_ci.var_unpaired())
            for n in (eval_ci.items_to_exclude_zero(var), eval_ci.items_for_power(var))
        ],
    }
    for q in BANK.questions:
        text = " ".join(v for _, v in q.answer if v)
        for figure in q.figures:
            for number in quoted.get(figure, []):
                assert number in text, f"{q.id} shows {figure} but does not quote {number}"
