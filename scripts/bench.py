"""Build-time benchmark: the project against a plain Material site of the same pages.

    .venv/bin/python scripts/bench.py [--sizes 22,200,1000] [--runs 3]

For each size, a synthetic bank is derived from data/questions.yaml: the real
questions repeated with new ids (`lora-2`, `lora-3`, ...), their `related`
links kept inside the same copy, so every answer has the real bank's length,
Markdown, formulas, diagrams and figures. Each bank is built twice, in fresh
temporary folders, with `mkdocs build --strict` in a subprocess:

- project: this repository's mkdocs.yml, hooks and macros, with the synthetic bank;
- plain:   the same pages written out once as static Markdown files under docs/
           and the same theme, Markdown extensions and nav, with no hooks and no
           mkdocs-macros: what Material costs on its own for this content. "The same
           pages" means the same content: the drawn diagrams pasted in as SVG, the
           glossary as abbreviation tooltips in mkdocs.yml, formulas to MathML by the
           same Markdown extension. So the ratio measures our machinery (loading the
           bank, planning and rendering pages, exports, cards), not the content.

It prints a table (median build time over --runs, ratio to plain, site size,
search-index size, per-question cost) and checks the targets: at the largest
size the project costs at most 1.2x the plain build, and its time grows
linearly (the marginal cost per question between the two largest sizes is at
most 1.5x the one between the two smallest). It exits 1 when a target is missed.
Plain Python, printed numbers: speed targets live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.bank import load_bank  # noqa: E402
from macros.diagrams import rendered_svgs  # noqa: E402
from macros.figures import FIGURES, render_figures  # noqa: E402
from macros.pages import SitePlan, render, render_page  # noqa: E402
from scripts.project_copy import copy_project  # noqa: E402

MKDOCS = Path(sys.executable).with_name("mkdocs")
RATIO_TARGET = 1.2
LINEARITY_TARGET = 1.5


# ---- synthetic banks ---------------------------------------------------------------------


def _suffix(copy: int) -> str:
    return f"-{copy + 1}" if copy else ""


def synthetic_bank(size: int) -> dict:
    """The real bank's questions repeated to `size` entries, each copy with its own ids."""
    raw = yaml.load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    seed = raw["questions"]
    ids = [seed[n % len(seed)]["id"] + _suffix(n // len(seed)) for n in range(size)]
    known = set(ids)
    questions = []
    for n, qid in enumerate(ids):
        copy = n // len(seed)
        entry = dict(seed[n % len(seed)], id=qid)
        if copy:
            entry["question"] = f"{entry['question']} (variant {copy + 1})"
            # A search phrase finds one question: each copy gets its own (same length, same words).
            entry["search_phrases"] = [f"{p} v{copy + 1}" for p in entry.get("search_phrases", [])]
        # Related links stay inside the same copy; a partial last copy drops the missing ones.
        entry["related"] = [r + _suffix(copy) for r in entry.get("related", []) if r + _suffix(copy) in known]
        questions.append(entry)
    # A bank smaller than the real one keeps every glossary term, minus links to questions it lacks.
    glossary = [
        g if g.get("question") in known else {k: v for k, v in g.items() if k != "question"}
        for g in raw.get("glossary", [])
    ]
    return {**raw, "glossary": glossary, "questions": questions}


def write_project(dest: Path, bank: dict) -> Path:
    """A copy of the project with the synthetic bank."""
    copy_project(dest)
    text = yaml.dump(bank, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
    (dest / "data" / "questions.yaml").write_text(text, encoding="utf-8")
    return dest


def write_plain(dest: Path, project: Path) -> Path:
    """The same pages as static Markdown in a plain Material site: no hooks, no macros."""
    dest.mkdir(parents=True)
    bank = load_bank(project / "data" / "questions.yaml", frozenset(FIGURES))
    plan = SitePlan(bank)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    svgs = rendered_svgs(bank, project / "data" / "diagrams")
    for page in plan.pages(render_figures(bank), svgs):
        path = dest / "docs" / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        text = render_page(page)
        for key, svg in svgs.items():  # paste each drawing in, as a static site would
            text = text.replace(f'data-ftp-svg="{key}"></div>', f">{svg}</div>")
        path.write_text(text, encoding="utf-8")
    home = dest / "docs" / "index.md"
    overview = render("overview.md.j2", overview=plan.overview("index.md"))
    home_text = home.read_text(encoding="utf-8").replace("{{ bank_overview() }}", overview)
    home.write_text(home_text.replace("render_macros: true\n", ""), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = (
        config.split("\nplugins:")[0]
        + "\nplugins:\n  - search\n"
        + "\nmarkdown_extensions:"
        + (config.split("\nmarkdown_extensions:")[1])
    )
    glossary = yaml.safe_dump({"abbr": {"glossary": plan.glossary_tooltips()}}, allow_unicode=True, width=1000)
    config = config.replace("\n  - abbr\n", "\n  - " + glossary.replace("\n", "\n    ").rstrip() + "\n", 1)
    config = config.replace("\n  - pymdownx.arithmatex:", "\n  - macros.pages.mathml\n  - pymdownx.arithmatex:", 1)
    config += "\nnav:\n" + yaml.safe_dump(plan.nav(), allow_unicode=True, sort_keys=False, indent=2)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


# ---- measuring ---------------------------------------------------------------------------


@dataclass
class Result:
    seconds: float
    first: float  # the first build, with empty caches (the link-preview cards are drawn then)
    site_bytes: int
    index_bytes: int
    pages: int


def build_once(project: Path, site: Path) -> float:
    shutil.rmtree(site, ignore_errors=True)
    # PYTHONPATH: the plain site names our MathML Markdown extension in its mkdocs.yml.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build of {project} failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed


def measure(project: Path, site: Path, runs: int) -> Result:
    times = [build_once(project, site) for _ in range(runs)]
    files = [p for p in site.rglob("*") if p.is_file()]
    return Result(
        seconds=statistics.median(times),
        first=times[0],
        site_bytes=sum(p.stat().st_size for p in files),
        index_bytes=(site / "search" / "search_index.json").stat().st_size,
        pages=sum(1 for p in files if p.suffix == ".html"),
    )


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.machine()}"
    )


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="22,200,1000", help="bank sizes, comma-separated (default: 22,200,1000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per size and site; the median counts (default: 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    print(f"Machine: {machine()}")
    print(f"Median of {args.runs} `mkdocs build --strict` runs per row, each in a fresh process.\n")
    work = Path(tempfile.mkdtemp(prefix="ftp-bench-"))
    rows: dict[int, tuple[Result, Result]] = {}
    try:
        for size in sizes:
            project = write_project(work / f"project-{size}", synthetic_bank(size))
            plain = write_plain(work / f"plain-{size}", project)
            ours = measure(project, work / f"site-{size}", args.runs)
            base = measure(plain, work / f"plain-site-{size}", args.runs)
            rows[size] = (ours, base)
            print(f"  built {size} questions: project {ours.seconds:.2f} s, plain {base.seconds:.2f} s", flush=True)
    finally:
        if args.keep:
            print(f"kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    header = (
        "| Questions | Pages | Project build | Plain Material | Ratio | First build (cold) | Site size "
        "| Search index | Per question |"
    )
    print("\n" + header)
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, (ours, base) in rows.items():
        print(
            f"| {size} | {ours.pages} | {ours.seconds:.2f} s | {base.seconds:.2f} s | "
            f"{ours.seconds / base.seconds:.2f}x | {ours.first:.2f} s | "
            f"{mb(ours.site_bytes)} | {mb(ours.index_bytes)} | "
            f"{ours.seconds / size * 1000:.1f} ms |"
        )

    failures = []
    largest = sizes[-1]
    ratio = rows[largest][0].seconds / rows[largest][1].seconds
    print(f"\nRatio to plain at {largest} questions: {ratio:.2f}x (target <= {RATIO_TARGET}x)")
    if ratio > RATIO_TARGET:
        failures.append(f"ratio {ratio:.2f}x > {RATIO_TARGET}x")
    if len(sizes) >= 3:
        (a, b), (c, d) = sizes[:2], sizes[-2:]
        first = (rows[b][0].seconds - rows[a][0].seconds) / (b - a)
        last = (rows[d][0].seconds - rows[c][0].seconds) / (d - c)
        growth = last / first if first > 0 else float("inf")
        print(
            f"Marginal cost per question: {first * 1000:.1f} ms ({a}->{b}), {last * 1000:.1f} ms ({c}->{d}); "
            f"growth {growth:.2f}x (linear if <= {LINEARITY_TARGET}x)"
        )
        if growth > LINEARITY_TARGET:
            failures.append(f"marginal cost grows {growth:.2f}x > {LINEARITY_TARGET}x")
    if failures:
        print("TARGETS MISSED: " + "; ".join(failures))
        return 1
    print("Targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
