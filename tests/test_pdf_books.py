"""The PDF books: the book pages in the built site, then the PDFs scripts/pdf_books.py prints, read back with pypdf.

Stated limits, at 62 questions (measured: see README "Reading, printing, sharing"): a book has at most 3.5 A4
pages per question it holds, plus 3 (title and contents), and at most 250 kB per question; the cheat sheets keep
the limits of tests/test_print.py (all levels: one page per four questions; a level: at most four pages).
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import IndirectObject
from test_quality import html_problems

from scripts.pdf_books import human_size, print_books, refresh_service_worker, structure_elements

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ["beginner", "intermediate", "advanced"]
PAGES_PER_QUESTION, FRONT_PAGES = 3.5, 3
BYTES_PER_QUESTION = 250_000
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url: what the test build links to
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def book_file(level: str | None) -> str:
    return f"fine-tuning-interview-prep{'-' + level if level else ''}.pdf"


def sheet_file(level: str | None) -> str:
    return f"fine-tuning-interview-prep-cheat-sheet{'-' + level if level else ''}.pdf"


def questions_of(bank, level):
    return [q for q in bank.questions if level in (None, q.level)]


def build_date() -> str:
    """What the build printed: the build (tests/conftest.py, in this process) pinned SOURCE_DATE_EPOCH."""
    return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC).date().isoformat()


# ---- the book pages of the built site (no browser) ------------------------------------------------


@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_book_page_holds_every_question_of_its_level_with_the_whole_answer(page, bank, level):
    book = page(f"book/{level}/" if level else "book/")
    articles = book.select("article.ftp-book-question")
    assert [a.h3["id"] for a in articles] == [
        q.id for lv in LEVELS for q in questions_of(bank, level) if q.level == lv
    ], "every question once, grouped by level in bank order"
    in_order = sorted(questions_of(bank, level), key=lambda q: LEVELS.index(q.level))
    for q, article in zip(in_order, articles, strict=True):
        text = squash(article.get_text())  # glossary tooltips split the text into elements
        assert squash(q.hint) in text and squash(q.key_points[-1]) in text
        assert "Follow-upquestions" in text and squash(q.follow_ups[-1].question) in text
        for ref in q.references:
            assert article.find("a", href=ref.url), f"{q.id}: reference {ref.url}"
        assert article.find("a", class_="ftp-book-permalink", href=f"{SITE_URL}questions/{q.id}/")
        assert len(article.select(".ftp-diagram")) == len(q.diagrams), q.id
        assert len(article.select("figure.ftp-figure")) == len(q.figures), q.id
    levels = [h2["id"] for h2 in book.select("section.ftp-book-level > h2")]
    assert levels == [f"level-{lv}" for lv in LEVELS if lv in (level or lv)]
    contents = book.select_one("nav.ftp-book-contents")
    assert [a["href"] for a in contents.select("li li a")] == [f"#{a.h3['id']}" for a in articles]
    colophon = fold(book.select_one(".ftp-book-colophon").get_text(" "))
    assert f"Built on {build_date()}" in colophon
    assert book.select_one(".ftp-book-colophon").find("a", href=CC_BY, string="CC BY 4.0")


def test_book_pages_stay_out_of_the_nav_and_the_search_index(page, site):
    nav = [a["href"] for a in page("").select("nav.md-nav a[href]")]
    assert not [h for h in nav if "book/" in h]
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"book/' not in index.replace(" ", "")


def test_downloads_page_without_the_pdf_step_links_to_no_pdf(page, site):
    downloads = page("downloads/")
    section = downloads.select_one("[data-ftp-pdf-books]")
    assert not downloads.select('a[href$=".pdf"]'), "never a link to a PDF the build did not make"
    assert not list((site / "downloads").glob("*.pdf"))
    slots = [s["data-ftp-pdf"] for s in section.select("[data-ftp-pdf]")]
    assert slots == [f(lv) for lv in [None, *LEVELS] for f in (book_file, sheet_file)]
    assert "make pdf" in section.select_one("[data-ftp-pdf-pending]").get_text()
    sources = [tr.find("a")["href"] for tr in section.select("tr") if tr.find("a")]
    kinds = ("book", "cheat-sheet")
    assert sources == [f"../{kind}/{lv + '/' if lv else ''}" for lv in [None, *LEVELS] for kind in kinds]


def pins(text: str) -> dict[str, str]:
    return {
        name.lower().replace("_", "-"): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.MULTILINE)
    }


def test_deploy_prints_the_pdfs_after_the_build_from_a_hash_checked_lock():
    steps = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    build = next(i for i, r in enumerate(runs) if "mkdocs build" in r)
    install = next(i for i, r in enumerate(runs) if "-r requirements-pdf.lock" in r)
    printing = next(i for i, r in enumerate(runs) if "scripts/pdf_books.py site" in r)
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert build < printing < upload and install < printing
    assert "--require-hashes" in runs[install] and "--no-deps" in runs[install]
    wanted = pins((ROOT / "requirements-pdf.in").read_text())
    locked = pins((ROOT / "requirements-pdf.lock").read_text())
    assert wanted.items() <= locked.items(), "requirements-pdf.lock is out of date: run `make lock`"
    dev = pins((ROOT / "requirements-dev.txt").read_text()) | pins((ROOT / "requirements.txt").read_text())
    assert all(dev.get(name, version) == version for name, version in locked.items()), "same versions as the tests"
    lock_text = (ROOT / "requirements-pdf.lock").read_text()
    assert lock_text.count("--hash=sha256:") >= len(locked)


def test_after_the_pdf_step_the_service_worker_precaches_the_rewritten_downloads_page(site, tmp_path):
    """The PDF step rewrites downloads/index.html after the build; sw.js must be hashed again, or the browser
    rejects the page's new bytes against the old integrity hash and the offline app never installs."""
    from macros.offline import precache_entries

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "downloads" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>PDF, 1.0 MB</p></body>"), "utf-8")
    fresh = next(e for e in precache_entries(copy) if e.url == "downloads/index.html")
    assert fresh.integrity not in (copy / "sw.js").read_text(encoding="utf-8")
    refresh_service_worker(copy)
    assert fresh.integrity in (copy / "sw.js").read_text(encoding="utf-8")


# ---- the PDFs, printed by Chromium --------------------------------------------------------------


@pytest.fixture(scope="session")
def pdfs(browser, server, site, tmp_path_factory):
    """Run the PDF step on a copy of the built downloads/ (the pages themselves come from the server)."""
    out = tmp_path_factory.mktemp("pdf-site")
    shutil.copytree(site / "downloads", out / "downloads")
    printed = {p.filename: p for p in print_books(browser, server, out)}
    readers = {name: PdfReader(out / "downloads" / name) for name in printed}
    return out, printed, readers


_texts: dict[int, list[str]] = {}


def page_texts(reader: PdfReader) -> list[str]:
    """The text of each page (extracted once per file: the full book takes seconds)."""
    if id(reader) not in _texts:
        _texts[id(reader)] = [fold(p.extract_text()) for p in reader.pages]
    return _texts[id(reader)]


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """The bookmarks as (depth, title, page index), in order."""
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += outline(reader, item, depth + 1)
        else:
            out.append((depth, fold(item.title), reader.get_destination_page_number(item)))
    return out


def link_annotations(reader: PdfReader) -> list[tuple[int, dict]]:
    links = []
    for index, pdf_page in enumerate(reader.pages):
        for annot in pdf_page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link":
                links.append((index, annot))
    return links


@pytest.mark.browser
def test_downloads_page_lists_every_pdf_with_its_size_and_page_count(pdfs):
    out, printed, readers = pdfs
    assert len(printed) == 8
    markup = (out / "downloads" / "index.html").read_text(encoding="utf-8")
    assert html_problems(markup) == [], "the page the script rewrote is still well-formed HTML"
    downloads = BeautifulSoup(markup, "html.parser")
    assert not downloads.select("[data-ftp-pdf]") and not downloads.select("[data-ftp-pdf-pending]")
    for name, book in printed.items():
        link = downloads.find("a", href=name)
        assert link is not None and link.has_attr("download"), name
        size = (out / "downloads" / name).stat().st_size
        assert size == book.size and len(readers[name].pages) == book.pages
        assert link.get_text() == f"PDF, {human_size(size)}, {book.pages} page{'s' if book.pages != 1 else ''}"


@pytest.mark.browser
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_book_page_count_and_size_stay_within_the_stated_limits(pdfs, bank, level):
    _, printed, _ = pdfs
    book, count = printed[book_file(level)], len(questions_of(bank, level))
    assert book.pages <= PAGES_PER_QUESTION * count + FRONT_PAGES, f"{book.pages} pages for {count} questions"
    assert book.size <= BYTES_PER_QUESTION * count, f"{human_size(book.size)} for {count} questions"
    sheet = printed[sheet_file(level)]
    assert sheet.pages <= (4 if level else -(-len(bank.questions) // 4)), f"cheat sheet: {sheet.pages} pages"


@pytest.mark.browser
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_book_outline_has_each_level_and_each_question_at_its_page(pdfs, bank, level):
    _, _, readers = pdfs
    reader = readers[book_file(level)]
    texts = page_texts(reader)
    marks = outline(reader)
    numbers = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    for lv in LEVELS if level is None else [level]:
        depth, _, start = next(m for m in marks if m[1] == lv.capitalize())
        assert depth == 1, f"{lv}: a level is a top bookmark under the book's title"
        assert texts[start].startswith(lv.capitalize()) or lv.capitalize() in texts[start][:200]
    for q in questions_of(bank, level):
        title = fold(f"{numbers[q.id]}. {q.question}")
        mark = next((m for m in marks if squash(m[1]) == squash(title)), None)
        assert mark, f"{q.id} has no bookmark"
        depth, _, target = mark
        assert depth == 2, f"{q.id}: a question is a bookmark under its level"
        assert squash(title)[:40] in squash(texts[target]), f"{q.id}: the bookmark opens the page it starts on"
        assert f"questions/{q.id}/" in squash(texts[target]), f"{q.id}: its permalink is printed under its heading"


@pytest.mark.browser
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_cheat_sheet_outline_has_each_question(pdfs, bank, level):
    _, _, readers = pdfs
    reader = readers[sheet_file(level)]
    numbers = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    marks = outline(reader)
    assert marks[0][:2] == (0, f"Cheat sheet: {level.capitalize()}" if level else "Cheat sheet")
    texts = page_texts(reader)
    for q in questions_of(bank, level):
        title = fold(f"{numbers[q.id]}. {q.question}")
        _, _, target = next((m for m in marks if squash(m[1]) == squash(title)), (0, "", -1))
        assert target >= 0, f"{q.id} has no bookmark"
        assert squash(title)[:40] in squash(texts[target])


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["book", "sheet"])
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_permalinks_are_links_to_the_live_pages_and_no_link_points_at_the_print_server(
    pdfs, bank, site, server, kind, level
):
    _, _, readers = pdfs
    reader = readers[(book_file if kind == "book" else sheet_file)(level)]
    texts = page_texts(reader)
    links = link_annotations(reader)
    uris = [(index, a["/A"]["/URI"]) for index, a in links if "/URI" in a.get("/A", {})]
    assert uris, "links survive printing"
    assert not [u for _, u in uris if u.startswith(server)], "a link to the local server the page was printed from"
    for _, uri in uris:
        if uri.startswith(SITE_URL):  # a page of this site: it exists in the build
            path = uri[len(SITE_URL) :].split("#")[0]
            assert (site / path / "index.html").exists() or (site / path).is_file(), uri
    numbers = {q.id: n for n, q in enumerate(bank.questions, start=1)}
    for q in questions_of(bank, level):
        permalink = f"{SITE_URL}questions/{q.id}/"
        pages = [index for index, uri in uris if uri == permalink]
        assert pages, f"{q.id}: its permalink is a link"
        title = squash(f"{numbers[q.id]}. {q.question}")[:40]
        starts = [i for i in pages if title in squash(texts[i]) and permalink in squash(texts[i])]
        assert starts, f"{q.id}: the permalink is a link, printed as text, on the page the question starts"


@pytest.mark.browser
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_contents_links_jump_inside_the_book(pdfs, bank, level):
    _, _, readers = pdfs
    reader = readers[book_file(level)]
    named = reader.named_destinations
    internal = [a for _, a in link_annotations(reader) if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    count = len(questions_of(bank, level)) + (3 if level is None else 1)
    assert len(internal) >= count, "one link per question and level in the contents"
    for annot in internal:
        dest = annot.get("/Dest") or annot["/A"]["/D"]
        if isinstance(dest, IndirectObject):
            dest = dest.get_object()
        if not isinstance(dest, list):
            assert str(dest) in named, f"dangling internal link {dest}"


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["book", "sheet"])
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_every_page_carries_the_build_date_and_licence_and_the_text_is_real(pdfs, bank, kind, level):
    _, _, readers = pdfs
    reader = readers[(book_file if kind == "book" else sheet_file)(level)]
    texts = page_texts(reader)
    for number, text in enumerate(texts, start=1):
        assert f"built {build_date()}" in text, f"page {number}: build date"
        assert "CC BY 4.0" in text and "creativecommons.org/licenses/by/4.0" in text, f"page {number}: licence"
        assert f"page {number} of {len(texts)}" in text
    if kind == "book":
        assert f"Built on {build_date()}" in texts[0]
    everything = squash(" ".join(texts))
    for q in questions_of(bank, level):  # searchable, copyable text, not pictures of text
        assert squash(q.key_points[0][:40]) in everything, q.id
    assert (reader.metadata or {}).get("/Title"), "the document has a title"


@pytest.mark.browser
@pytest.mark.parametrize("level", [None, *LEVELS], ids=lambda lv: lv or "all")
def test_no_formula_figure_table_or_code_block_is_split_across_pages(pdfs, page, level):
    """The tagged PDF says on which pages each element's content lies: every one must lie on one page."""
    _, _, readers = pdfs
    elements = list(structure_elements(readers[book_file(level)], {"/Figure", "/Table", "/Code"}))
    split = [(kind, alt[:60], sorted(pages)) for kind, alt, pages in elements if len(pages) > 1]
    assert split == []
    html = page(f"book/{level}/" if level else "book/")
    formulas = [alt for kind, alt, _ in elements if kind == "/Figure" and alt.startswith("Formula: ")]
    assert len(formulas) == len(html.select('math[display="block"]')), "every display formula is tagged"
    assert len([k for k, _, _ in elements if k == "/Table"]) >= len(html.select("article table"))
    diagrams = [alt for kind, alt, _ in elements if kind == "/Figure" and not alt.startswith("Formula: ")]
    assert len(diagrams) >= len(html.select(".ftp-diagram")), "every diagram is a tagged figure"
