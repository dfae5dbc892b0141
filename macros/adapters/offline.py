"""MkDocs side of the offline app (macros/offline): generated manifest and icons, the worker after the build.

`mkdocs serve` must not be broken by a service worker: in serve mode the pages do not register one, and
sw.js is a retired worker that removes any worker a built site served earlier at the same address left
(macros/offline/templates/sw-retired.js.j2). A config with `extra: {offline_app: false}` (the copy to
open from disk, mkdocs.offline.yml) gets neither manifest nor worker: file:// has no service workers.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from macros.offline import (
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
)

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
