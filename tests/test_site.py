"""The real site, built strictly once per session, read back as HTML."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from macros.bank import ANSWER_RULES

SEED_IDS = """
full-fine-tuning-vs-feature-extraction tokenizer-must-match-model catastrophic-forgetting-basics learning-rate
training-vs-validation-loss lora prompt-templates-for-instruction-data quantization-and-qlora gradient-accumulation
learning-rate-warmup sft-vs-dpo mitigating-catastrophic-forgetting continuous-improvement-loop model-merging
compliance-in-regulated-domains legal-domain-with-limited-data fine-tuned-model-worse-than-base fine-tuning-on-a-budget
experiment-tracking-with-wandb structuring-a-fine-tuning-project explaining-to-non-technical-stakeholders
learning-from-a-failed-project
""".split()


def text(el) -> str:
    """Visible text with whitespace folded and heading permalink signs removed."""
    folded = " ".join(el.get_text(" ").replace("¶", " ").split())
    # get_text(" ") puts spaces around an <abbr> (glossary term): drop them before punctuation and inside brackets
    return re.sub(r"(?<=\() | (?=\))| (?=[?!.,;:](?:\s|$))", "", folded)


def test_the_bank_keeps_the_22_seed_questions_in_their_order(bank):
    """New questions may sit between them; a seed question is never dropped, renamed or reordered."""
    ids = [q.id for q in bank.questions]
    assert [i for i in ids if i in SEED_IDS] == SEED_IDS


def test_every_question_has_its_own_page(bank, page):
    for q in bank.questions:
        html = page(f"questions/{q.id}/")
        # Inline text, joined without separators: glossary <abbr> tags sit inside words like "LoRA's".
        assert " ".join(html.find("h1").get_text().replace("¶", " ").split()) == " ".join(q.question.split())
        hint, answer = html.select("details.ftp-hint"), html.select("details.ftp-answer")
        assert len(hint) == 1 and len(answer) == 1, q.id
        assert not hint[0].has_attr("open") and not answer[0].has_attr("open"), "hint and answer start collapsed"
        assert text(hint[0].find("summary")) == "Hint"
        headings = [text(h).rstrip("¶").strip() for h in answer[0].find_all("h2")]
        kind = {"concepts": "technical", "workflow-tools": "technical"}.get(q.category, q.category)
        expected = [heading for _, heading in ANSWER_RULES[kind].sections]
        assert headings[: len(expected)] == expected, q.id
        meta = html.select_one("p.ftp-meta")
        hrefs = [a["href"] for a in meta.find_all("a")]
        assert f"../../levels/{q.level}/" in hrefs and f"../../categories/{q.category}/" in hrefs
        assert all(f"../../topics/{t}/" in hrefs for t in q.topics)


def test_question_pages_link_related_and_neighbours_in_the_same_level(bank, page):
    first = page("questions/lora/").select_one("nav.ftp-pager")  # first intermediate question
    assert first.select_one(".ftp-prev") is None
    for level in {q.level for q in bank.questions}:  # neighbours: the same level, in bank order
        same = [q.id for q in bank.questions if q.level == level]
        for i, qid in enumerate(same):
            pager = page(f"questions/{qid}/").select_one("nav.ftp-pager")
            prev, nxt = pager.select_one(".ftp-prev a"), pager.select_one(".ftp-next a")
            assert (prev and prev["href"]) == (f"../{same[i - 1]}/" if i else None), qid
            assert (nxt and nxt["href"]) == (f"../{same[i + 1]}/" if i + 1 < len(same) else None), qid
    for q in bank.questions:
        section = page(f"questions/{q.id}/").find("h2", id="related-questions")
        links = [a["href"] for a in section.find_next("ul").find_all("a")] if q.related else []
        assert links == [f"../{r}/" for r in q.related], q.id


def test_a_related_link_works_both_ways(bank, page):
    """A writes B under related; B's page links back to A even when B's own list does not name it."""
    related = {q.id: q.related for q in bank.questions}
    one_way = [(a, b) for a, rs in related.items() for b in rs if a not in related[b]]
    assert one_way, "the bank has one-way links (pages at the cap of ten); this test needs one"
    for a, b in one_way:
        section = page(f"questions/{b}/").select_one("#related-questions ~ details.ftp-linked-from")
        assert section and f"../{a}/" in [x["href"] for x in section.find_all("a")], (a, b)
    for q in bank.questions:  # and a page never links back to a question it already lists
        back = page(f"questions/{q.id}/").select_one("details.ftp-linked-from")
        assert not back or not {x["href"] for x in back.find_all("a")} & {f"../{r}/" for r in q.related}


@pytest.mark.parametrize("group", ["level", "category"])
def test_listing_pages_show_their_questions_with_hints_but_not_answers(bank, page, group):
    ids = {q.level if group == "level" else q.category for q in bank.questions}
    for gid in ids:
        html = page(f"{'levels' if group == 'level' else 'categories'}/{gid}/")
        members = [q for q in bank.questions if getattr(q, group) == gid]
        headings = html.select("article h2[id]")
        assert [h["id"] for h in headings] == [q.id for q in members], "anchors are the question ids"
        assert len(html.select("details.ftp-hint")) == len(members)
        assert not html.select("details.ftp-answer"), "full answers live on question pages only"
        for q in members:
            assert html.select_one(f'a[href="../../questions/{q.id}/"]')


def test_topic_pages_and_index(bank, page):
    index = page("topics/")
    for t in bank.topics:
        members = [q.id for q in bank.questions if t.id in q.topics]
        assert index.select_one(f'a[href="{t.id}/"]'), t.id
        assert [h["id"] for h in page(f"topics/{t.id}/").select("article h2[id]")] == members


def test_all_questions_table(bank, page):
    rows = page("questions/").select("article table tbody tr")
    assert [r.find_all("td")[1].find("a")["href"] for r in rows] == [f"{q.id}/" for q in bank.questions]


def test_cheat_sheet_has_every_question_hint_and_key_points(bank, page):
    cards = page("cheat-sheet/").select("section.ftp-card")
    assert len(cards) == len(bank.questions)
    for card, q in zip(cards, bank.questions, strict=True):
        body = " ".join(card.get_text().split())  # no separator: tooltips (<abbr>) sit inside sentences
        assert " ".join(q.hint.split()) in body
        assert all(" ".join(p.split()) in body for p in q.key_points)
        assert f"questions/{q.id}/" in card.find("a", href=re.compile("questions/"))["href"]


@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_each_level_has_its_own_cheat_sheet(bank, page, level):
    sheet = page(f"cheat-sheet/{level}/")
    ids = [c.find("h2")["id"] for c in sheet.select("section.ftp-card")]
    assert ids == [q.id for q in bank.questions if q.level == level]
    assert not sheet.select(".ftp-card strong") or "Hint." not in sheet.get_text()  # key points only
    links = {a["href"] for a in sheet.select(".ftp-sheets a")}
    assert "../" in links and {f"../{lv}/" for lv in ("beginner", "intermediate", "advanced") if lv != level} <= links


def test_home_counts_come_from_the_bank(bank, page):
    home = page("")
    body = text(home.find("article"))
    assert f"{len(bank.questions)} questions" in body
    for table in home.select("article table")[:2]:
        for row in table.select("tbody tr"):
            name, count = text(row.find_all("td")[0]), int(text(row.find_all("td")[1]))
            matches = [q for q in bank.questions if name in (_title(bank, q.level), _title(bank, q.category))]
            assert count == len(matches), name


def _title(bank, gid):
    return next(x.title for x in [*bank.levels, *bank.categories] if x.id == gid)


def test_navigation_holds_levels_and_categories_but_not_question_pages(page):
    nav = page("").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert any("levels/beginner/" in h for h in hrefs) and any("categories/scenario/" in h for h in hrefs)
    assert not any(re.search(r"questions/[a-z]", h) for h in hrefs)


def test_search_index_holds_answers_once(site):
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    locations = {d["location"].split("#")[0] for d in docs if "Kaiming" in d["text"] or "low-rank" in d["text"]}
    assert "questions/lora/" in locations


def test_formulas_are_mathml_not_raw_latex(page):
    html = page("questions/lora/")
    assert html.select("span.arithmatex math, div.arithmatex math")
    assert not [el for el in html.select(".arithmatex") if "\\(" in el.get_text() or "\\[" in el.get_text()]


def test_computed_figures_appear_where_the_bank_asks(bank, page):
    for q in bank.questions:
        html = page(f"questions/{q.id}/")
        assert [f["id"] for f in html.select("figure.ftp-figure")] == [f"figure-{f}" for f in q.figures]
        assert len(html.select("figure.ftp-diagram .ftp-diagram-drawing svg")) == len(q.diagrams)


def test_every_internal_link_and_anchor_resolves(site):
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    ids_cache: dict[str, set[str]] = {}
    broken = []
    for rel, path in pages.items():
        html = path.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', html):
            if href.startswith(("http:", "https:", "mailto:", "data:", "javascript:")):
                continue
            target = urlsplit(urljoin("http://x/" + rel, href))
            file = target.path.lstrip("/")
            file = file + "index.html" if file.endswith("/") or file == "" else file
            if file not in pages and not (site / file).exists():
                broken.append(f"{rel}: {href}")
                continue
            if target.fragment and file in pages:
                if file not in ids_cache:
                    ids_cache[file] = set(re.findall(r'id="([^"]+)"', pages[file].read_text(encoding="utf-8")))
                if target.fragment not in ids_cache[file]:
                    broken.append(f"{rel}: {href} (missing anchor)")
    assert broken == []


def test_nothing_loads_from_a_third_party_host(site):
    offenders = []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, url in re.findall(r'<(script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', html):
            if tag == "link" and re.search(r'rel="(canonical|alternate)"', html):
                continue
            offenders.append(f"{path.name}: {url}")
    assert offenders == []


def test_no_markdown_attribute_leaks_into_the_html(site):
    leaks = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if re.search(r"<(?!code)[a-z]+[^>]* markdown(=\"[^\"]*\")?[ >]", p.read_text(encoding="utf-8"))
    ]
    assert leaks == []


def test_no_page_points_at_a_markdown_source_file(site):
    """MkDocs rewrites Markdown links to pages; an address put into an attribute by hand (a data-* link that a
    script follows) is not rewritten, so `../index.md` would lead the reader to a missing file."""
    from bs4 import BeautifulSoup

    wrong = []
    for path in site.rglob("*.html"):
        for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for name, value in tag.attrs.items():
                if isinstance(value, str) and re.search(r"(^|/)[\w.-]+\.md(#|$)", value):
                    wrong.append((str(path.relative_to(site)), name, value))
    assert wrong == []


@pytest.mark.parametrize("url", ["", "questions/lora/", "cheat-sheet/", "practice/"])
def test_no_script_blocks_the_parser_and_materials_bundle_runs_before_the_pages_modules(page, url):
    # Material writes its bundle as a plain script; run where the parser met it, it often delayed the first paint
    # of the page's text by ~100 ms (Lighthouse LCP 3.8 s instead of 2.0 s). overrides/main.html defers it.
    scripts = page(url).find_all("script", src=True)
    blocking = [s["src"] for s in scripts if not s.has_attr("defer") and s.get("type") != "module"]
    assert blocking == []
    names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
    bundle = next(i for i, n in enumerate(names) if n.startswith("bundle."))
    modules = [i for i, s in enumerate(scripts) if s.get("type") == "module"]
    assert modules and bundle < min(modules), names
