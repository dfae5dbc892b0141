"""Config snippets (YAML, Makefile, shell, JSON, TOML) checked by the tool that reads them.

A dvc.yaml goes through DVC itself, a mergekit config through mergekit's own pydantic model, a
Makefile through `make -n`, shell through `bash -n`. A YAML file read only by the reader's own code
(an experiment config) is parsed safely and must be a mapping.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path


def _run(cmd: list[str], cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` failed:\n{done.stdout}{done.stderr}")
    print(done.stdout, end="")


def check_yaml(code: str, cwd: Path) -> str:
    import yaml

    data = yaml.safe_load(code)
    if isinstance(data, dict) and "stages" in data:
        (cwd / "dvc.yaml").write_text(code)
        _run([sys.executable, "-m", "dvc", "init", "--no-scm", "-q"], cwd)
        _run([sys.executable, "-m", "dvc", "stage", "list"], cwd)
        return "dvc stage list (DVC parsed and validated dvc.yaml)"
    if isinstance(data, dict) and "merge_method" in data:
        from mergekit.config import MergeConfiguration

        MergeConfiguration.model_validate(data)
        return "mergekit MergeConfiguration.model_validate"
    if not isinstance(data, dict):
        raise ValueError(f"expected a YAML mapping, got {type(data).__name__}")
    return "yaml.safe_load (a mapping)"


def check_makefile(code: str, cwd: Path) -> str:
    (cwd / "Makefile").write_text(code)
    targets = re.findall(r"^([A-Za-z][\w.-]*):", code, re.M)
    _run(["make", "-n", *[t for t in targets if t != ".PHONY"]], cwd)
    return f"make -n {' '.join(targets)}"


def check_shell(code: str, cwd: Path) -> str:
    (cwd / "snippet.sh").write_text(code)
    _run(["bash", "-n", "snippet.sh"], cwd)
    return "bash -n"


def check_json(code: str, cwd: Path) -> str:
    json.loads(code)
    return "json.loads"


def check_toml(code: str, cwd: Path) -> str:
    tomllib.loads(code)
    return "tomllib.loads"


CHECKS = {
    "yaml": check_yaml,
    "yml": check_yaml,
    "makefile": check_makefile,
    "make": check_makefile,
    "bash": check_shell,
    "sh": check_shell,
    "shell": check_shell,
    "json": check_json,
    "toml": check_toml,
}
