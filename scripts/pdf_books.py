"""Print the PDF books and cheat sheets of a built site into its downloads/: `make pdf`, after `make build`.

Chromium (Debian's, through Playwright; never a downloaded browser) prints the pages the build generated
for it (book/, book/<level>/, cheat-sheet/, cheat-sheet/<level>/) with the site's print style: a tagged PDF
whose outline comes from the headings (levels, then questions), with real text and links. Which files to
make comes from the built downloads page: the page plan lists each PDF there (`data-ftp-pdf`), next to a
link to the page it prints. This script then writes each file's size and page count into that page with
BeautifulSoup, so a site built without this step says the PDFs are missing instead of linking to nothing.

Usage: python scripts/pdf_books.py [SITE_DIR]   (default: site; CHROMIUM=/path picks the browser)
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.exports.tabular import CONTENT_LICENSE  # noqa: E402
from macros.pages import render  # noqa: E402

DOWNLOADS = Path("downloads") / "index.html"
PAPER = "A4"
ATTEMPTS = 3  # Chromium sometimes tags only part of a long page on a busy machine: print it again
TIMEOUT_MS = 300_000  # loading and laying out the full book takes a minute on a busy 2-core machine
HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")
# Prepare each page as soon as it is parsed (long before it prints, so Chromium's accessibility tree, which
# the PDF's tags come from, is settled). Relative links would point at the local server the pages are printed
# from: make them absolute against the page's canonical address (site_url); links to a place in the same
# page stay internal PDF links. Chromium tags MathML as plain text, so each display formula becomes a tagged
# figure whose alternative text is the formula (readers of the PDF hear it; tests find it on one page).
PREPARE = """document.addEventListener("DOMContentLoaded", () => {
  const canonical = document.querySelector('link[rel="canonical"]');
  const base = canonical ? canonical.href : location.href;
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!href.startsWith("#")) a.setAttribute("href", new URL(href, base).href);
  }
  for (const math of document.querySelectorAll('math[display="block"]')) {
    math.parentElement.setAttribute("role", "figure");
    math.parentElement.setAttribute("aria-label", "Formula: " + math.textContent.replace(/\\s+/g, " ").trim());
  }
});"""


@dataclass(frozen=True)
class Printed:
    filename: str
    source: str  # the page's URL it was printed from
    size: int  # bytes
    pages: int


def human_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"


@contextmanager
def serving(site_dir: Path):
    """The built site on 127.0.0.1 (a free port), as the browser must load it: over HTTP, not file://."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def footer(built_on: str, site_name: str) -> str:
    return render(
        "pdf_footer.html.j2",
        site_name=site_name,
        built_on=built_on,
        license_name="CC BY 4.0",
        license_url=CONTENT_LICENSE.license_url.removeprefix("https://").rstrip("/"),
    )


# What must be tagged: the headings printed (the outline is made of them) and the display formulas.
EXPECTED_TAGS = """() => document.fonts.ready.then(() => ({
  headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(h => h.getClientRects().length).length,
  formulas: document.querySelectorAll('[role="figure"][aria-label^="Formula: "]').length,
}))"""


def structure_elements(reader: PdfReader, kinds: set[str]):
    """(kind, alternative text, indexes of the pages its content is on) of every tagged element of `kinds`."""
    page_index = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}

    def children(element):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if kid is not None:
                yield kid.get_object()

    def pages_of(element, pg=None) -> set[int]:
        pg = element.get("/Pg", pg)
        found: set[int] = set()
        for kid in children(element):
            if isinstance(kid, int):  # marked content on the element's page
                found.add(page_index[pg.idnum])
            elif "/S" in kid:
                found |= pages_of(kid, pg)
            elif kid.get("/Type") == "/MCR":
                found.add(page_index[(kid.get("/Pg") or pg).idnum])
        return found

    def walk(element):
        if element.get("/S") in kinds:  # and look inside: a computed figure holds a table
            yield element["/S"], str(element.get("/Alt", "")), pages_of(element)
        for kid in children(element):
            if not isinstance(kid, int) and "/S" in kid:
                yield from walk(kid)

    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is not None:
        yield from walk(root.get_object())


def missing_tags(pdf: bytes, expected: dict[str, int]) -> str:
    """What the PDF's tags lack of the page's headings and display formulas ("" when complete)."""
    found = list(structure_elements(PdfReader(io.BytesIO(pdf)), {*HEADINGS, "/Figure"}))
    headings = sum(kind in HEADINGS for kind, _, _ in found)
    formulas = sum(kind == "/Figure" and alt.startswith("Formula: ") for kind, alt, _ in found)
    if (headings, formulas) == (expected["headings"], expected["formulas"]):
        return ""
    return f"{headings} of {expected['headings']} headings and {formulas} of {expected['formulas']} formulas tagged"


def print_page(browser, url: str, footer_html: str) -> bytes:
    """One page printed as the reader's print dialog would, plus an outline, tags and a footer."""
    problem = ""
    for _ in range(ATTEMPTS):
        context = browser.new_context()
        context.add_init_script(PREPARE)
        try:
            tab = context.new_page()
            tab.set_default_timeout(TIMEOUT_MS)
            tab.goto(url, wait_until="networkidle")
            tab.emulate_media(media="print")
            expected = tab.evaluate(EXPECTED_TAGS)
            pdf = tab.pdf(
                format=PAPER,
                tagged=True,
                outline=True,
                print_background=False,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer_html,
            )
        finally:
            context.close()
        if not (problem := missing_tags(pdf, expected)):
            return pdf
        print(f"{url}: {problem}; printing it again", file=sys.stderr)
    raise SystemExit(f"{url}: the PDF's tags stay incomplete after {ATTEMPTS} attempts ({problem})")


def print_books(browser, base_url: str, site_dir: Path) -> list[Printed]:
    """Print every PDF the downloads page of `site_dir` lists (pages loaded from `base_url`), write them
    into its downloads/ and replace each placeholder by a link with the file's size and page count."""
    page_path = site_dir / DOWNLOADS
    soup = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
    section = soup.select_one("[data-ftp-pdf-books]")
    if section is None:
        raise SystemExit(f"{page_path}: no PDF list ([data-ftp-pdf-books]); is this a build of this project?")
    site_name = soup.select_one('meta[property="og:site_name"]')["content"]
    footer_html = footer(section["data-ftp-built"], site_name)
    downloads_url = urljoin(base_url, "downloads/")
    printed = []
    for slot in section.select("[data-ftp-pdf]"):
        filename = slot["data-ftp-pdf"]
        source = urljoin(downloads_url, slot.find_parent("tr").find("a")["href"])
        pdf = print_page(browser, source, footer_html)
        (page_path.parent / filename).write_bytes(pdf)
        result = Printed(filename, source, len(pdf), len(PdfReader(io.BytesIO(pdf)).pages))
        printed.append(result)
        link = soup.new_tag("a", href=filename, download="")
        link.string = f"PDF, {human_size(result.size)}, {result.pages} page{'s' if result.pages != 1 else ''}"
        slot.replace_with(link)
    for pending in section.select("[data-ftp-pdf-pending]"):
        pending.decompose()
    page_path.write_text(str(soup), encoding="utf-8")
    return printed


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site_dir = Path(argv[1] if len(argv) > 1 else "site")
    if not (site_dir / DOWNLOADS).exists():
        print(f"{site_dir / DOWNLOADS} not found: build the site first (make build)", file=sys.stderr)
        return 1
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        print(f"Chromium not found at {executable}: apt-get install chromium (or set CHROMIUM)", file=sys.stderr)
        return 1
    with serving(site_dir) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        try:
            printed = print_books(browser, base_url, site_dir)
        finally:
            browser.close()
    for book in printed:
        print(f"{site_dir / 'downloads' / book.filename}: {human_size(book.size)}, {book.pages} page(s)")
    refresh_service_worker(site_dir)
    return 0


def refresh_service_worker(site_dir: Path) -> None:
    """The downloads page changed after the build (its PDF sizes): hash the files into sw.js again, or the
    worker would precache the page under its old integrity hash, the browser would reject the new bytes
    and the offline app would never install."""
    from macros.offline import WORKER_FILENAME, precache_entries, service_worker

    worker = site_dir / WORKER_FILENAME
    if worker.exists():
        worker.write_text(service_worker(precache_entries(site_dir)), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
