"""Run every snippet of the bank in the answer stack: `python -m answers.harness.run IN.json OUT.json`.

IN.json is a list of {"id", "lang", "code"}; OUT.json gets, in the same order, {"id", "ok",
"checked", "output", "error", "seconds"}. The heavy libraries are imported once; each snippet then
runs in a forked child with its own temporary working directory, so snippets cannot see each
other's files or globals. Two children run at a time, one thread each.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = int(os.environ.get("ANSWERS_TIMEOUT", "300"))
PARALLEL = int(os.environ.get("ANSWERS_PARALLEL", "2"))


def _cache_dir() -> Path:
    """The stand-in hub cache, rebuilt only when the stand-ins or the stack change."""
    here = Path(__file__).parent
    key = hashlib.sha256()
    for name in ("hub.py", "tiny.py"):
        key.update((here / name).read_bytes())
    key.update((ROOT / "answers" / "requirements.txt").read_bytes())
    cache = ROOT / ".cache" / "answers-hub" / key.hexdigest()[:16]
    if not (cache / ".complete").exists():
        cache.mkdir(parents=True, exist_ok=True)
        # In a separate process: the parent must not start torch's thread pool before it forks.
        code = "import sys; from pathlib import Path; from answers.harness.tiny import write_hub_cache; "
        code += "write_hub_cache(Path(sys.argv[1]))"
        subprocess.run([sys.executable, "-c", code, str(cache)], check=True, cwd=ROOT, capture_output=True)
        (cache / ".complete").touch()
    return cache


def _environment(cache: Path) -> None:
    os.environ.update(
        HF_HUB_OFFLINE="1",
        HF_DATASETS_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        HF_HUB_CACHE=str(cache),
        HF_HUB_DISABLE_TELEMETRY="1",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        TOKENIZERS_PARALLELISM="false",
        WANDB_MODE="offline",
        WANDB_SILENT="true",
        DISABLE_MLFLOW_INTEGRATION="TRUE",
        OMP_NUM_THREADS="1",
        PYTHONHASHSEED="0",
    )


def _child(snippet: dict, workdir: Path) -> None:
    """Runs in the forked process: never returns."""
    status = 1
    out = os.open(workdir / ".stdout", os.O_WRONLY | os.O_CREAT)
    os.dup2(out, 1)
    os.dup2(out, 2)
    try:
        os.chdir(workdir)
        os.environ["HF_DATASETS_CACHE"] = str(workdir / ".hf-datasets")
        os.environ["WANDB_DIR"] = str(workdir)
        from answers.harness.checks import CHECKS
        from answers.harness.hub import FILES

        for name, rows in FILES.items():
            (workdir / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
        _write_spacy_pipelines(snippet["code"], workdir)
        lang = snippet["lang"]
        if lang == "python":
            import torch

            torch.set_num_threads(1)
            torch.manual_seed(0)
            code = compile(snippet["code"], f"<{snippet['id']}>", "exec")
            exec(code, {"__name__": "__main__"})
            checked = "executed"
        else:
            checked = CHECKS[lang](snippet["code"], workdir)
        (workdir / ".checked").write_text(checked)
        status = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _write_spacy_pipelines(code: str, workdir: Path) -> None:
    """spaCy loads a pipeline from a folder of that name: give presidio its stand-in there."""
    from answers.harness.hub import SPACY_PIPELINES

    for name, patterns in SPACY_PIPELINES.items():
        if name in code or "presidio" in code:
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("entity_ruler").add_patterns(patterns)
            nlp.to_disk(workdir / name)


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def run_all(snippets: list[dict]) -> list[dict]:
    cache = _cache_dir()
    _environment(cache)
    from answers.harness import patches

    patches.apply_all()  # also imports torch, transformers, peft, trl, datasets once, before forking
    import peft  # noqa: F401

    results: dict[int, dict] = {}
    running: dict[int, tuple[int, Path, float]] = {}
    queue = list(enumerate(snippets))
    with tempfile.TemporaryDirectory(prefix="answers-") as tmp:
        while queue or running:
            while queue and len(running) < PARALLEL:
                index, snippet = queue.pop(0)
                workdir = Path(tmp) / f"{index:03d}"
                workdir.mkdir()
                pid = os.fork()
                if pid == 0:
                    _child(snippet, workdir)
                running[pid] = (index, workdir, time.monotonic())
            for pid, (index, workdir, started) in list(running.items()):
                done, status = os.waitpid(pid, os.WNOHANG)
                elapsed = time.monotonic() - started
                if not done and elapsed < TIMEOUT_S:
                    continue
                if not done:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                del running[pid]
                log = (workdir / ".stdout").read_text(errors="replace") if (workdir / ".stdout").exists() else ""
                ok = bool(done) and os.waitstatus_to_exitcode(status) == 0
                results[index] = {
                    "id": snippets[index]["id"],
                    "ok": ok,
                    "checked": (workdir / ".checked").read_text() if ok else "",
                    "output": _tail(log, 40),
                    "error": "" if ok else (_tail(log) if done else f"timed out after {TIMEOUT_S} s\n{_tail(log)}"),
                    "seconds": round(elapsed, 2),
                }
            time.sleep(0.05)
    return [results[i] for i in range(len(snippets))]


def main(argv: list[str]) -> int:
    snippets = json.loads(Path(argv[1]).read_text())
    Path(argv[2]).write_text(json.dumps(run_all(snippets), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
