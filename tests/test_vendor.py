"""Self-hosted assets are the exact files of the npm packages pinned in package.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "docs" / "assets" / "vendor"


@dataclass(frozen=True)
class Vendored:
    """One folder of docs/assets/vendor/ and the npm files `make vendor` copies into it."""

    folder: str
    pin: str  # the package.json entry whose version VERSION names ("<folder> <version>")
    files: dict[str, tuple[str, str]]  # vendored name -> (npm package, its path inside the package)
    # A package without a LICENSE file: its notice is the opening lines of the file, copied as LICENSE.
    notice_lines: int = 0
    notice_says: tuple[bytes, ...] = field(default=())


WORKBOX_MODULES = ("core", "routing", "strategies", "precaching")

PACKAGES = [
    Vendored("mermaid", "mermaid", {"mermaid.min.js": ("mermaid", "dist/mermaid.min.js")}),
    # sw.js imports Workbox's production builds and the pages import workbox-window. core, routing and
    # strategies are exact dependencies of workbox-precaching (not in package.json): they share its version.
    Vendored(
        "workbox",
        "workbox-precaching",
        {f"workbox-{m}.prod.js": (f"workbox-{m}", f"build/workbox-{m}.prod.js") for m in WORKBOX_MODULES}
        | {"workbox-window.prod.mjs": ("workbox-window", "build/workbox-window.prod.mjs")},
    ),
    # The copy opened from disk runs the search worker through this shim instead of Material's unpkg link.
    Vendored("iframe-worker", "iframe-worker", {"shim.js": ("iframe-worker", "shim/index.js")}),
    Vendored("ts-fsrs", "ts-fsrs", {"ts-fsrs.js": ("ts-fsrs", "dist/index.mjs")}),
    Vendored(
        "qrcode-generator",
        "qrcode-generator",
        {"qrcode.js": ("qrcode-generator", "dist/qrcode.mjs")},
        notice_lines=16,
        notice_says=(b"Licensed under the MIT license", b"Copyright (c) 2009 Kazuhiko Arase"),
    ),
]


@pytest.mark.parametrize("vendored", PACKAGES, ids=lambda v: v.folder)
def test_vendored_copy_matches_the_pinned_package(vendored: Vendored):
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    folder = VENDOR / vendored.folder
    for name, (package, path) in vendored.files.items():
        installed = ROOT / "node_modules" / package
        version = json.loads((installed / "package.json").read_text())["version"]
        assert version == pinned.get(package, pinned[vendored.pin]), f"{package}: not the pinned version"
        assert (folder / name).read_bytes() == (installed / path).read_bytes(), (
            f"{vendored.folder}/{name}: run `make vendor` and commit the result"
        )
        if not vendored.notice_lines:
            assert (folder / "LICENSE").read_bytes() == (installed / "LICENSE").read_bytes(), f"{package}: LICENSE"
    if vendored.notice_lines:
        ((package, path),) = vendored.files.values()  # the notice is the opening comment of the one file
        source = (ROOT / "node_modules" / package / path).read_bytes()
        notice = b"".join(source.splitlines(keepends=True)[: vendored.notice_lines])
        assert all(phrase in notice for phrase in vendored.notice_says), notice
        assert (folder / "LICENSE").read_bytes() == notice
    assert f"{vendored.folder} {pinned[vendored.pin]}" in (folder / "VERSION").read_text()
    assert sorted(p.name for p in folder.iterdir()) == sorted([*vendored.files, "LICENSE", "VERSION"])


def test_every_vendored_folder_is_checked():
    """A new folder under docs/assets/vendor/ needs its row in PACKAGES."""
    assert sorted(p.name for p in VENDOR.iterdir()) == sorted(v.folder for v in PACKAGES)
