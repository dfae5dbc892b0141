"""The one place a build loads the bank and plans the site, shared by hooks and macros.

MkDocs loads the hooks module and mkdocs-macros loads `define_env` separately;
both ask this module, so the YAML is parsed and validated once per change of
the file, not once per caller. `mkdocs serve` sees edits because the cache key
includes the file's modification time and size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from macros.bank import Bank, BankError, load_bank
from macros.bank.stack import load_answer_stack
from macros.bank.versions import check_changes, load_changes
from macros.diagrams import rendered_svgs
from macros.figures import FIGURES, render_figures
from macros.pages import SitePlan

BANK_PATH = Path("data") / "questions.yaml"
ANSWER_STACK_PATH = Path("answers") / "requirements.txt"  # the versions every snippet is tested with
ANSWER_CHANGES_PATH = Path("data") / "answer-changes.yaml"  # each answer's hash and change date (make stamp)


@dataclass(frozen=True)
class Build:
    bank: Bank
    plan: SitePlan
    figure_html: dict[str, str]
    diagram_svgs: dict[str, str]
    answer_stack: dict[str, str]  # the direct dependencies of the answers' code, for the exports
    answer_versions: dict[str, dict]  # question id -> {"hash", "changed"}: checked against the bank


_cache: dict[tuple, Build] = {}


def bank_path(config_file: str) -> Path:
    return Path(config_file).resolve().parent / BANK_PATH


def current_build(config_file: str, site_url: str, site_name: str) -> Build:
    """Load, validate and plan, reusing the result while the bank file and the drawings are unchanged."""
    path = bank_path(config_file)
    drawings = path.parent / "diagrams"  # data/diagrams/, written by `make diagrams`
    stat = path.stat() if path.exists() else None
    drawn = drawings.stat().st_mtime_ns if drawings.exists() else None  # a new or removed drawing changes it
    stack_file = path.parents[1] / ANSWER_STACK_PATH
    stack_stat = stack_file.stat().st_mtime_ns if stack_file.exists() else None
    changes_file = path.parents[1] / ANSWER_CHANGES_PATH
    changes_stat = changes_file.stat().st_mtime_ns if changes_file.exists() else None
    key = (str(path), stat and stat.st_mtime_ns, stat and stat.st_size, drawn, stack_stat, changes_stat)
    key += (site_url, site_name)
    if key not in _cache:
        _cache.clear()
        bank = load_bank(path, known_figures=frozenset(FIGURES))
        versions = load_changes(changes_file)
        check_changes(bank, versions, str(ANSWER_CHANGES_PATH))
        stack = load_answer_stack(stack_file)
        _cache[key] = Build(
            bank=bank,
            plan=SitePlan(bank, site_url, site_name, stack.pinned, versions),
            figure_html=render_figures(bank),
            diagram_svgs=rendered_svgs(bank, drawings),
            answer_stack=stack.direct,
            answer_versions=versions,
        )
    return _cache[key]


def build_for(config) -> Build:
    """The current build for a MkDocs config; a broken bank becomes a clean build error."""
    try:
        return current_build(config.config_file_path, config.site_url or "", config.site_name)
    except BankError as err:
        raise PluginError(str(err)) from None
