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


def test_vendored_workbox_matches_the_pinned_packages():
    """sw.js imports Workbox's production builds and the pages import workbox-window: the npm files as published."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    vendored = ROOT / "docs" / "assets" / "vendor" / "workbox"
    files = {f"workbox-{m}": f"workbox-{m}.prod.js" for m in ("core", "routing", "strategies", "precaching")}
    files["workbox-window"] = "workbox-window.prod.mjs"
    for package, name in files.items():
        installed = ROOT / "node_modules" / package
        version = json.loads((installed / "package.json").read_text())["version"]
        # core, routing and strategies are exact dependencies of workbox-precaching, so they share its version
        assert version == pinned.get(package, pinned["workbox-precaching"]), package
        assert (vendored / name).read_bytes() == (installed / "build" / name).read_bytes(), "run `make vendor`"
        assert (installed / "LICENSE").read_bytes() == (vendored / "LICENSE").read_bytes(), f"{package}: MIT, same text"
    assert f"workbox {pinned['workbox-precaching']}" in (vendored / "VERSION").read_text()
    assert sorted(p.name for p in vendored.iterdir()) == sorted([*files.values(), "LICENSE", "VERSION"])


def test_vendored_iframe_worker_shim_matches_the_pinned_package():
    """The copy opened from disk runs the search worker through this shim instead of Material's unpkg link."""
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["iframe-worker"]
    installed = ROOT / "node_modules" / "iframe-worker"
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendored = ROOT / "docs" / "assets" / "vendor" / "iframe-worker"
    assert (vendored / "shim.js").read_bytes() == (installed / "shim" / "index.js").read_bytes(), "run `make vendor`"
    assert (vendored / "LICENSE").read_bytes() == (installed / "LICENSE").read_bytes()
    assert f"iframe-worker {pinned}" in (vendored / "VERSION").read_text()


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


def test_vendored_qrcode_generator_matches_the_pinned_package():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["qrcode-generator"]
    installed = ROOT / "node_modules" / "qrcode-generator"
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendored = ROOT / "docs" / "assets" / "vendor" / "qrcode-generator"
    source = (installed / "dist" / "qrcode.mjs").read_bytes()
    assert (vendored / "qrcode.js").read_bytes() == source, "run `make vendor` and commit the result"
    # The package ships no LICENSE file: its MIT notice is the file's opening comment, copied as LICENSE.
    notice = b"".join(source.splitlines(keepends=True)[:16])
    assert b"Licensed under the MIT license" in notice and b"Copyright (c) 2009 Kazuhiko Arase" in notice
    assert (vendored / "LICENSE").read_bytes() == notice
    assert f"qrcode-generator {pinned}" in (vendored / "VERSION").read_text()
