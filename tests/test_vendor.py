"""Self-hosted assets are the exact files of the npm packages pinned in package.json."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_vendored_mermaid_matches_the_pinned_package():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["mermaid"]
    installed = ROOT / "node_modules" / "mermaid"
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendored = ROOT / "docs" / "assets" / "vendor" / "mermaid"
    assert (vendored / "mermaid.min.js").read_bytes() == (installed / "dist" / "mermaid.min.js").read_bytes(), (
        "run `make vendor` and commit the result"
    )
    assert f"mermaid {pinned}" in (vendored / "VERSION").read_text()


def test_vendored_ts_fsrs_matches_the_pinned_package():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["ts-fsrs"]
    installed = ROOT / "node_modules" / "ts-fsrs"
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendored = ROOT / "docs" / "assets" / "vendor" / "ts-fsrs"
    assert (vendored / "ts-fsrs.js").read_bytes() == (installed / "dist" / "index.mjs").read_bytes(), (
        "run `make vendor` and commit the result"
    )
    assert (vendored / "LICENSE").read_bytes() == (installed / "LICENSE").read_bytes()
    assert f"ts-fsrs {pinned}" in (vendored / "VERSION").read_text()
