"""The service worker's source, rendered from a Jinja template with this build's precache list.

Plain Python + Jinja, no MkDocs. Workbox's runtime is vendored (docs/assets/vendor/workbox, copied by
`make vendor` from the npm packages pinned in package.json) and loaded with importScripts, so the
build itself stays Python-only: it hashes the built files and writes the list into the worker.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .precache import Entry

WORKER_FILENAME = "sw.js"
WORKBOX_DIR = "assets/vendor/workbox"
# The production builds, in dependency order (each attaches itself to `self.workbox`).
WORKBOX_SCRIPTS = tuple(
    f"{WORKBOX_DIR}/workbox-{name}.prod.js" for name in ("core", "routing", "strategies", "precaching")
)


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # JavaScript: every value goes through `tojson`
    )


def service_worker(entries: list[Entry]) -> str:
    """The worker that precaches `entries` (url, revision, integrity) and waits for the reader to update."""
    listed = [{"url": e.url, "revision": e.revision, "integrity": e.integrity} for e in entries]
    return _env().get_template("sw.js.j2").render(entries=listed, workbox=WORKBOX_SCRIPTS)


def retired_service_worker() -> str:
    """For `mkdocs serve`: removes a worker that a built site served at the same address left behind."""
    return _env().get_template("sw-retired.js.j2").render()
