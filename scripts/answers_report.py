"""Every code snippet of the bank: what it checks and how long it takes in the answer stack.

Run: .venv/bin/python scripts/answers_report.py   (needs .venv-answers: `make answers-stack`)
Prints one row per snippet (question, section, language, seconds, the asserts or the tool that
checked it) and the wall time of the whole run, the number the README and the note quote.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answers.client import run_in_answer_stack  # noqa: E402
from macros.bank import load_bank  # noqa: E402
from macros.bank.snippets import bank_snippets  # noqa: E402
from macros.figures import FIGURES  # noqa: E402

PYTHON = os.environ.get("ANSWERS_PYTHON", str(ROOT / ".venv-answers" / "bin" / "python"))


def main() -> int:
    snippets = [s for s in bank_snippets(load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))) if s.runs]
    started = time.monotonic()
    results = run_in_answer_stack(snippets, Path(PYTHON))
    wall = time.monotonic() - started
    print("| Snippet | Lang | Result | Seconds | What it checks |")
    print("|---|---|---|---:|---|")
    for s in snippets:
        r = results[s.id]
        if s.lang == "python":
            asserts = [line.strip()[7:] for line in s.code.splitlines() if re.match(r"\s*assert\b", line)]
            what = "; ".join(a.split("  #")[0].strip() for a in asserts)
        else:
            what = r["checked"] or "-"
        print(f"| `{s.id}` | {s.lang} | {'ok' if r['ok'] else 'FAILED'} | {r['seconds']:.1f} | {what} |")
    failed = [i for i, r in results.items() if not r["ok"]]
    print(f"\n{len(snippets)} snippets, {len(failed)} failed, harness wall time {wall:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
