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
# Relative links would point at the local server the pages are printed from: make them absolute, against
# the page's canonical address (site_url). Links to a place in the same page stay internal PDF links.
ABSOLUTE_LINKS = """() => {
  const canonical = document.querySelector('link[rel="canonical"]');
  const base = canonical ? canonical.href : location.href;
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!href.startsWith("#")) a.setAttribute("href", new URL(href, base).href);
  }
  return document.fonts.ready.then(() => true);
}"""


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


def print_page(browser, url: str, footer_html: str) -> bytes:
    """One page printed as the reader's print dialog would, plus an outline, tags and a footer."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        tab.emulate_media(media="print")
        tab.evaluate(ABSOLUTE_LINKS)
        return tab.pdf(
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
        print(f"{site_dir / 'downloads' / book.filename}: {human_size(book.size)}, {book.pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
