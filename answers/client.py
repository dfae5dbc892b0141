"""Hand snippets to the answer stack from the site's own venv (tests, scripts/answers_report.py).

Standard library only: the caller runs in `.venv`, the harness in `.venv-answers`; they talk through
two JSON files. Returns the harness's results keyed by snippet id.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_in_answer_stack(snippets, python: Path) -> dict[str, dict]:
    """Run `snippets` (objects with .id, .lang, .code) with the answer stack's `python`."""
    with tempfile.TemporaryDirectory(prefix="answers-in-") as tmp:
        given, got = Path(tmp) / "snippets.json", Path(tmp) / "results.json"
        given.write_text(json.dumps([{"id": s.id, "lang": s.lang, "code": s.code} for s in snippets]))
        subprocess.run([str(python), "-m", "answers.harness.run", str(given), str(got)], cwd=ROOT, check=True)
        return {r["id"]: r for r in json.loads(got.read_text())}
