"""MkDocs side of the offline app (macros/offline): generated manifest and icons, the worker after the build.

`mkdocs serve` must not be broken by a service worker: in serve mode the pages do not register one, and
sw.js is a retired worker that removes any worker a built site served earlier at the same address left
(macros/offline/templates/sw-retired.js.j2). A config with `extra: {offline_app: false}` (the copy to
open from disk, mkdocs.offline.yml) gets neither manifest nor worker: file:// has no service workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from macros.offline import (
    COPY_FILENAME,
    ICONS,
    MANIFEST_FILENAME,
    THEME_COLORS,
    WORKER_FILENAME,
    icon_png,
    icon_uri,
    precache_entries,
    retired_service_worker,
    service_worker,
    web_manifest,
    zip_site,
)
from macros.pages.urls import download_uri

OFFLINE_CONFIG = "mkdocs.offline.yml"

# The command MkDocs started with. Kept here, not in the hooks module: MkDocs re-imports the hooks
# file for every rebuild of `mkdocs serve`, but calls on_startup only once.
_command = {"name": "build"}


def remember_command(command: str) -> None:
    _command["name"] = command


def enabled(config) -> bool:
    return bool(config.extra.get("offline_app", True))


def serving() -> bool:
    return _command["name"] == "serve"


def page_settings(config) -> dict:
    """What overrides/main.html needs: whether to link the manifest and register the worker, the colours."""
    on = enabled(config)
    return {
        "manifest": MANIFEST_FILENAME if on else "",
        "register": on and not serving(),
        "theme_colors": THEME_COLORS,
        "touch_icon": icon_uri("apple-touch-icon-180.png") if on else "",
    }


def generated_files(config) -> list[File]:
    if not enabled(config):
        return []
    manifest = web_manifest(config.site_name, "FT Interview Prep", config.site_description or "")
    files = [File.generated(config, MANIFEST_FILENAME, content=manifest)]
    files += [File.generated(config, icon_uri(icon.filename), content=icon_png(icon)) for icon in ICONS]
    return files


def write_worker(config) -> None:
    """After every other file is written (search index included), hash them into sw.js."""
    if not enabled(config):
        return
    site = Path(config.site_dir)
    source = retired_service_worker() if serving() else service_worker(precache_entries(site))
    (site / WORKER_FILENAME).write_text(source, encoding="utf-8")


def offline_copy(config) -> File | None:
    """With `extra.offline_copy` (OFFLINE_COPY=1: `make offline`, the deploy), the zip to open from disk.

    Built by MkDocs in a child process from mkdocs.offline.yml (same pages, `use_directory_urls: false`,
    Material's offline plugin), so nothing of this build's state is shared. Not under `mkdocs serve`.
    """
    if not config.extra.get("offline_copy") or serving():
        return None
    root = Path(config.config_file_path).resolve().parent
    env = {k: v for k, v in os.environ.items() if k != "OFFLINE_COPY"}
    with tempfile.TemporaryDirectory(prefix="ftp-offline-") as tmp:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / OFFLINE_CONFIG)]
        done = subprocess.run([*cmd, "-d", tmp], cwd=root, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PluginError(f"The offline copy ({OFFLINE_CONFIG}) failed to build:\n{done.stderr[-3000:]}")
        stamp = float(os.environ["SOURCE_DATE_EPOCH"]) if os.environ.get("SOURCE_DATE_EPOCH") else None
        content = zip_site(Path(tmp), stamp)
    return File.generated(config, download_uri(COPY_FILENAME), content=content)
