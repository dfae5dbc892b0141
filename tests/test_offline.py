"""The installable offline app (issue 17): manifest and installability, the precache list, reading,
searching and grading with the network off after one visit, and a new deploy that waits for the reader.

The site is built from a copy of the project into its own directory and served from there, so a test
can deploy a new version into the same directory (the session's `site` stays as it is).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from test_accessibility import axe_violations
from test_browser import search

from conftest import build_site, copy_project
from macros.adapters import offline as offline_adapter
from macros.offline import COPY_FILENAME, FOLDER, ICONS, THEME_COLORS, precache_entries, total_bytes

LIMIT = 10_000_000  # issue 17: at most about 10 MB precached at 62 questions
# Ten pages a reader opens offline: home, listings, question pages, glossary, practice.
PAGES = {
    "": "Fine-Tuning Interview Prep",
    "questions/": "All questions",
    "levels/beginner/": "Beginner",
    "categories/scenario/": "Scenario",
    "topics/": "Topics",
    "questions/lora/": "LoRA",
    "questions/learning-rate/": "learning rate",
    "cheat-sheet/": "Cheat sheet",
    "glossary/": "Glossary",
    "practice/": "Mock interview",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """A project copy, its built site and a server on that directory: (project, site, url)."""
    project = copy_project(tmp_path_factory.mktemp("app-project"))
    os.environ["OFFLINE_COPY"] = "1"  # as the deploy builds: with the zip to open from disk
    try:
        site = build_site(project, tmp_path_factory.mktemp("app-site"))
    finally:
        del os.environ["OFFLINE_COPY"]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield project, site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _worker_list(site: Path) -> list[dict]:
    source = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(source.split("const PRECACHE = ", 1)[1].split(";\n", 1)[0])


# ---- build output ------------------------------------------------------------------------------------


def test_precache_lists_what_reading_needs_with_content_hashes_and_fits_the_budget(app):
    _, site, _ = app
    listed = {e["url"]: e for e in _worker_list(site)}
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    # every page but the books' (printed to PDF: 5 MB of HTML that the question pages already hold)
    books = {p for p in pages if p.startswith("book/")}
    assert books, "the build has the books' pages"
    assert pages - books - {"downloads/index.html"} - set(listed) == set(), "every page is precached"
    assert not books & set(listed)
    modules = {
        p.relative_to(site).as_posix() for p in (site / "assets").rglob("*.js") if "vendor/mermaid" not in str(p)
    }
    modules |= {p.relative_to(site).as_posix() for p in (site / "assets").rglob("*.mjs")}
    # lunr's language packs (English is in the search worker) and the shim only the copy on disk loads
    modules -= {u for u in modules if u.startswith(("assets/javascripts/lunr/", "assets/vendor/iframe-worker/"))}
    styles = {p.relative_to(site).as_posix() for p in (site / "assets").rglob("*.css")}
    wanted = modules | styles | {"search/search_index.json", "assets/fonts/stix-math.woff2", "manifest.webmanifest"}
    assert wanted - set(listed) == set()
    assert not [u for u in listed if u.startswith(("assets/cards/", "assets/vendor/mermaid/")) or u.endswith(".map")]
    assert [u for u in listed if u.startswith("downloads/")] == ["downloads/index.html"], "no download is precached"
    for url, entry in listed.items():
        data = (site / url).read_bytes()
        assert entry["revision"] == hashlib.sha256(data).hexdigest()[:20], url
    size = total_bytes(precache_entries(site))
    print(f"precache: {len(listed)} files, {size / 1e6:.2f} MB")
    assert size <= LIMIT, f"precache is {size / 1e6:.2f} MB, budget {LIMIT / 1e6:.0f} MB"


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _answer_parts(page: BeautifulSoup) -> dict[str, str]:
    """A question page's first answer section, weak answers (or red flags) and first follow-up answer, as text."""

    def section(heading) -> str:
        text = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h1", "h2"):
                break
            text.append(sibling.get_text(" "))
        return " ".join(text)

    answer = page.select_one("details#answer")
    follow_up = answer.select_one(".ftp-followup-item")
    follow_up.find("strong").decompose()  # the follow-up's question; its answer follows
    return {
        "first section": section(answer.find("h2")),
        "weak answers": section(answer.select_one("h2#weak-answers, h2#red-flags")),
        "follow-up answer": follow_up.get_text(" "),
    }


def test_each_answer_is_precached_once_in_its_own_question_page(app, bank):
    """The mock interview and interviewer mode read answers from the question pages (assets/lib/question-page.js)
    instead of holding their own copies of the bank, so the precache grows by about one page per question."""
    _, site, _ = app
    pages = {
        e["url"]: _squash(BeautifulSoup((site / e["url"]).read_text(encoding="utf-8"), "html.parser").get_text(" "))
        for e in _worker_list(site)
        if e["url"].endswith(".html")
    }
    for q in bank.questions:
        own = f"questions/{q.id}/index.html"
        parts = _answer_parts(BeautifulSoup((site / own).read_text(encoding="utf-8"), "html.parser"))
        for name, text in parts.items():
            words = _squash(text)
            assert len(words) > 80, (q.id, name)
            snippet = words[len(words) // 2 - 40 : len(words) // 2 + 40]
            holders = [url for url, page_text in pages.items() if snippet in page_text]
            assert holders == [own], f"{q.id}: its {name} is precached in {holders}"


def test_manifest_icons_and_theme_colours(app):
    _, site, _ = app
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == manifest["scope"] == "./", "relative: works under a GitHub Pages sub-path"
    assert manifest["display"] == "standalone" and manifest["name"] == "Fine-Tuning Interview Prep"
    assert len(manifest["short_name"]) <= 18
    by_purpose = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= by_purpose
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO((site / icon["src"]).read_bytes()))
        assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
    maskable = Image.open(site / next(i["src"] for i in manifest["icons"] if i["purpose"] == "maskable"))
    assert maskable.convert("RGBA").getpixel((0, 0))[3] == 255, "a maskable icon is full bleed"
    html = (site / "questions" / "lora" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in html
    for scheme, color in THEME_COLORS.items():
        assert f'<meta name="theme-color" media="(prefers-color-scheme: {scheme})" content="{color}">' in html
    assert len(ICONS) == 4


@pytest.mark.browser
def test_theme_colours_match_the_header_in_light_and_the_page_in_dark(browser, app):
    _, _, url = app
    for scheme, css in (("light", ".md-header"), ("dark", "body")):
        context = browser.new_context(color_scheme=scheme, service_workers="block")
        tab = context.new_page()
        tab.goto(url)
        rgb = tab.evaluate(f"getComputedStyle(document.querySelector('{css}')).backgroundColor")
        context.close()
        hex_color = THEME_COLORS[scheme].lstrip("#")
        assert rgb == "rgb({}, {}, {})".format(*(int(hex_color[i : i + 2], 16) for i in (0, 2, 4)))


@pytest.mark.browser
def test_chromium_finds_the_site_installable(browser, app, tmp_path):
    """Lighthouse 12 has no installability audit any more: ask Chromium itself (DevTools protocol).

    A persistent profile, because Chromium never offers to install from an incognito-like context."""
    _, _, url = app
    context = _persistent(browser, tmp_path)
    try:
        tab = context.new_page()
        tab.goto(url)
        tab.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
        cdp = context.new_cdp_session(tab)
        assert cdp.send("Page.getAppManifest")["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


def _persistent(browser, tmp_path):
    return browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    )


# ---- the browser modules, unit by unit ---------------------------------------------------------------


@pytest.mark.browser
def test_update_prompt_module_reports_reload_and_later_and_site_root_handles_sub_paths(browser, app):
    url = app[2]
    context = browser.new_context(service_workers="block")
    try:
        tab = context.new_page()
        tab.goto(url + "questions/lora/")
        result = tab.evaluate(
            """async () => {
                const { askToUpdate } = await import('../../assets/update-prompt.js');
                const { siteRoot } = await import('../../assets/offline.js');
                const prompt = document.getElementById('ftp-update');
                const later = askToUpdate(prompt);
                const shown = !prompt.hidden;
                prompt.querySelector('[data-update=later]').click();
                const laterAnswer = await later;
                const hiddenAfterLater = prompt.hidden;
                const reload = askToUpdate(prompt);
                prompt.querySelector('[data-update=reload]').click();
                return {
                    shown, laterAnswer, hiddenAfterLater, reloadAnswer: await reload,
                    disabled: prompt.querySelector('[data-update=reload]').disabled,
                    none: await askToUpdate(null),
                    root: siteRoot('https://user.github.io/repo/assets/offline.js').href,
                };
            }"""
        )
        assert result == {
            "shown": True,
            "laterAnswer": False,
            "hiddenAfterLater": True,
            "reloadAnswer": True,
            "disabled": True,
            "none": False,
            "root": "https://user.github.io/repo/",
        }
    finally:
        context.close()


# ---- offline after one visit -------------------------------------------------------------------------


def _controlled(tab) -> None:
    """Wait until the service worker has precached everything, activated and controls the tab."""
    tab.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)


@pytest.mark.browser
def test_after_one_visit_pages_search_diagrams_and_study_mode_work_offline(browser, app):
    url = app[2]
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    try:
        tab.goto(url)
        _controlled(tab)
        context.set_offline(True)
        assert tab.evaluate("navigator.onLine") is False
        for path, words in PAGES.items():
            response = tab.goto(url + path)
            assert response.ok and response.from_service_worker, path
            assert words.lower() in tab.title().lower() + tab.locator("h1").first.inner_text().lower(), path
            assert tab.evaluate("document.styleSheets.length") >= 3, f"{path}: styles come from the cache too"

        results = search(tab, url, "QLoRA")
        assert results and results[0].split("?")[0].endswith("questions/quantization-and-qlora/")
        tab.locator(".md-search-result__item > a").first.click()  # a result link carries ?h=... (highlight)
        tab.wait_for_url("**/questions/quantization-and-qlora/**")
        assert "QLoRA" in tab.title()

        tab.goto(url + "questions/lora/")
        tab.locator("details.ftp-answer > summary").click()
        assert tab.locator(".ftp-diagram-drawing svg").first.bounding_box()["height"] > 40, "drawn diagram offline"
        tab.locator('[data-ftp-grade="good"]').click()
        assert "Saved" in tab.locator(".ftp-self-test [data-ftp-message]").inner_text()
        tab.goto(url)
        saved = json.loads(tab.evaluate("localStorage.getItem('ftp-study')"))["questions"]["lora"]
        assert saved["reviews"][-1]["rating"] == 3, "graded Good (FSRS), offline"

        # The mock interview and interviewer mode read each question from its precached page.
        tab.goto(url + "practice/?count=2&seed=offline")
        tab.locator("[data-ftp-practice-setup] button[type=submit]").click()
        tab.locator('[data-ftp-do="answer"]').click()
        answer = tab.locator('[data-ftp-current-question] [data-ftp-part="answer"]')
        assert answer.locator("input[data-ftp-point]").count() >= 3 and len(answer.inner_text()) > 300
        tab.goto(url + "interview/")
        tab.get_by_role("button", name="Create the interview").click()
        tab.get_by_role("button", name="Start the interview").click()
        stage = tab.locator("[data-ftp-stage]")
        assert stage.locator("[data-ftp-point]").count() >= 3 and stage.locator("details.ftp-followup").count() >= 2
        assert errors == []
    finally:
        context.close()


# ---- the copy to open from disk -------------------------------------------------------------------------


def test_downloads_page_links_the_zip_with_its_size(app):
    _, site, _ = app
    html = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    mb = (site / "downloads" / COPY_FILENAME).stat().st_size / 1e6
    assert f'href="{COPY_FILENAME}">Download the copy to open from disk (.zip, {mb:.1f} MB)</a>' in html


@pytest.mark.browser
def test_the_zip_opened_from_disk_navigates_and_searches(browser, app, tmp_path):
    _, site, _ = app
    with zipfile.ZipFile(site / "downloads" / COPY_FILENAME) as archive:
        names = archive.namelist()
        assert all(n.startswith(f"{FOLDER}/") for n in names)
        assert not [n for n in names if "/assets/cards/" in n or n.endswith(".map")]
        archive.extractall(tmp_path)
    home = tmp_path / FOLDER / "index.html"
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        tab = context.new_page()
        tab.goto(home.as_uri())
        assert tab.evaluate("location.protocol") == "file:"
        tab.locator("article a[href$='levels/beginner.html']").first.click()
        tab.wait_for_url("**/levels/beginner.html")
        tab.locator("article a[href*='../questions/']").first.click()
        tab.wait_for_url("**/questions/*.html")
        assert tab.locator("details.ftp-answer").count() == 1, "a question page, read from disk"

        tab.goto(home.as_uri())
        box = tab.locator("input.md-search__input")
        box.click()
        tab.wait_for_function(
            "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
            timeout=15_000,
        )
        box.press_sequentially("QLoRA", delay=20)
        first = tab.locator(".md-search-result__item > a").first
        first.wait_for(timeout=15_000)
        assert "questions/quantization-and-qlora.html" in first.get_attribute("href")
        first.click()
        tab.wait_for_url("**/questions/quantization-and-qlora.html*")
        assert "QLoRA" in tab.title()
        assert [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
    finally:
        context.close()


# ---- mkdocs serve and new deploys (these two rewrite the served site: keep them last) -----------------


def _cache_keys(tab) -> set[str]:
    return set(
        tab.evaluate(
            """async () => {
                const urls = [];
                for (const name of await caches.keys())
                    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
                return urls;
            }"""
        )
    )


@pytest.mark.browser
def test_mkdocs_serve_registers_no_worker_and_retires_one_left_at_its_address(browser, app, tmp_path):
    project, site, url = app
    offline_adapter.remember_command("serve")  # what MkDocs' on_startup says under `mkdocs serve`
    try:
        served = build_site(project, tmp_path / "serve-site")
    finally:
        offline_adapter.remember_command("build")
    assert "assets/offline.js" not in (served / "index.html").read_text(encoding="utf-8")
    retired = (served / "sw.js").read_text(encoding="utf-8")
    assert "importScripts" not in retired and "unregister" in retired

    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(url)
        _controlled(tab)
        assert _cache_keys(tab), "the built site's worker precached it"
        shutil.copytree(served, site, dirs_exist_ok=True)  # `mkdocs serve` now answers at this address
        tab.goto(url + "questions/")  # a navigation makes the browser check sw.js: it finds the retired one
        # It removes itself and reloads the tab. Wait without navigating: the browser postpones the update
        # check while the worker is busy, and a navigation every second kept it busy for the whole 90 s.
        gone = "navigator.serviceWorker.getRegistrations().then(r => !r.length && !navigator.serviceWorker.controller)"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            tab.wait_for_timeout(1000)
            try:
                if tab.evaluate(gone):
                    break
            except PlaywrightError:  # the worker reloaded the tab during the check
                continue
        response = tab.goto(url)
        assert tab.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
        assert _cache_keys(tab) == set(), "its caches are gone"
        assert "offline.js" not in tab.content(), "the page is the dev server's"
        assert response.ok and not response.from_service_worker
    finally:
        context.close()
        build_site(project, site)  # the built site again, for the next test


@pytest.mark.browser
def test_a_new_deploy_waits_for_the_prompt_then_every_tab_uses_only_the_new_version(browser, app):
    project, site, url = app
    stylesheet = "async () => (await fetch('assets/site.css')).text()"
    context = browser.new_context()
    errors: list[str] = []
    try:
        tab, other = context.new_page(), context.new_page()
        for t in (tab, other):
            t.on("pageerror", lambda err: errors.append(str(err)))
        tab.goto(url)
        _controlled(tab)
        other.goto(url + "questions/lora/")
        assert other.evaluate("navigator.serviceWorker.controller !== null")

        # A new deploy: the home page and a stylesheet change, rebuilt into the served directory.
        with (project / "docs" / "index.md").open("a", encoding="utf-8") as out:
            out.write("\n\nDeploy marker: version two.\n")
        with (project / "docs" / "assets" / "site.css").open("a", encoding="utf-8") as out:
            out.write("\n/* deploy marker: version two */\n")
        build_site(project, site)

        tab.goto(url + "questions/")  # a navigation makes the browser check sw.js; the new one installs
        prompt = tab.locator("#ftp-update")
        prompt.wait_for(state="visible", timeout=60_000)
        assert " ".join(prompt.inner_text().split()) == "A new version of this site is available. Reload Later"

        # Until the reader accepts, every file still comes from the version this tab started with.
        tab.goto(url)
        prompt.wait_for(state="visible", timeout=30_000)
        assert "version two" not in tab.locator("article").inner_text()
        assert "version two" not in tab.evaluate(stylesheet)
        assert axe_violations(tab) == [], "the update prompt passes axe"
        for width in (1280, 390):
            tab.set_viewport_size({"width": width, "height": 844})
            box = prompt.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"prompt fits at {width} px"
            tab.screenshot(path=str(Path(os.environ.get("FTP_SCREENSHOTS", site.parent)) / f"update-{width}.png"))

        with tab.expect_navigation(), other.expect_navigation():
            tab.locator("[data-update=reload]").click()
        assert "version two" in tab.locator("article").inner_text()
        assert "version two" in tab.evaluate(stylesheet)
        assert other.evaluate("performance.getEntriesByType('navigation')[0].type") == "reload", (
            "the other open tab reloads too, so it never mixes old and new files"
        )
        expected = {f"{url}{e['url']}?__WB_REVISION__={e['revision']}" for e in _worker_list(site)}
        assert _cache_keys(tab) == expected, "the cache holds exactly the new version's files"
        assert not prompt.is_visible()
        assert errors == []
    finally:
        context.close()
