"""Shared fixtures: one strict in-process build of the real site per session, and a local server."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.bank import load_bank
from macros.figures import FIGURES
from scripts.project_copy import copy_project  # noqa: F401 - re-exported for the tests

ROOT = Path(__file__).resolve().parents[1]


def build_site(project: Path, site_dir: Path) -> Path:
    """Build `project` strictly into `site_dir` with MkDocs' own API; warnings fail the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def bank():
    return load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def page(site):
    """Parsed HTML of a built page by its URL path, e.g. page("questions/lora/")."""

    @functools.cache
    def load(url_path: str) -> BeautifulSoup:
        return BeautifulSoup((site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")

    return load


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 (a random free port) for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable}: apt-get install chromium (or set CHROMIUM)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def local_page(browser, server):
    """A fresh browser tab that may only talk to the local server; other requests are blocked and recorded.
    No service worker: it would precache the whole site (8 MB) in every test; tests/test_offline.py
    covers the worker itself."""
    context = browser.new_context(service_workers="block")
    blocked: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith((server, "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.blocked = blocked
    yield tab
    context.close()


@pytest.fixture
def tab(local_page):
    """A local tab that also records script errors: every test ends with none and nothing blocked."""
    errors: list[str] = []
    local_page.on("pageerror", lambda err: errors.append(str(err)))
    yield local_page
    assert errors == []
    assert local_page.blocked == []


@pytest.fixture
def tab_at(browser, server):
    """A tab of the given width (and context options) that may only talk to the local server."""
    contexts = []

    def make(width: int, **options):
        options.setdefault("service_workers", "block")  # as in local_page
        context = browser.new_context(viewport={"width": width, "height": 844}, **options)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
