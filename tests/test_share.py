"""Sharing a link: every page unfurls in chat apps with the right title, description, URL and image."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PIL import Image

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default when SITE_URL is not set


def meta(html, key):
    tags = html.find_all("meta", attrs={"property": key}) + html.find_all("meta", attrs={"name": key})
    assert len(tags) == 1, f"{key} appears {len(tags)} times"
    return tags[0]["content"]


def plain(text: str) -> str:
    return " ".join(text.split())


def test_question_pages_unfurl_with_question_hint_and_permalink(bank, page, site):
    for q in bank.questions:
        html = page(f"questions/{q.id}/")
        permalink = f"{SITE_URL}questions/{q.id}/"
        assert meta(html, "og:title") == meta(html, "twitter:title") == plain(q.question)
        description = meta(html, "og:description")
        assert description == meta(html, "twitter:description") == meta(html, "description")
        assert len(description) <= 200
        assert plain(q.hint).startswith(description.rstrip("…"))
        assert not re.search(r"\*\*|__|`|<[a-z/]|\]\(", description), "plain text: no Markdown, no HTML"
        assert meta(html, "og:url") == permalink
        assert html.find("link", rel="canonical")["href"] == permalink
        assert meta(html, "og:type") == "article"
        assert meta(html, "og:image") == meta(html, "twitter:image") == f"{SITE_URL}assets/cards/{q.id}.png"
        with Image.open(site / "assets" / "cards" / f"{q.id}.png") as card:
            assert card.size == (1200, 630)


@pytest.mark.parametrize("path", ["", "levels/beginner/", "categories/behavioral/", "topics/", "cheat-sheet/"])
def test_every_page_type_has_one_of_each_share_tag(page, path):
    html = page(path)
    # theme-color comes once per colour scheme (its `media`), every other tag once
    names = [(m.get("property") or m.get("name"), m.get("media")) for m in html.find_all("meta")]
    duplicated = [n for n, count in Counter(names).items() if n[0] and count > 1]
    assert duplicated == []
    for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card", "description"):
        assert meta(html, key)
    assert meta(html, "og:image").endswith(".png")


def test_copy_link_button_carries_the_permalink(page):
    button = page("questions/lora/").select_one("button[data-ftp-copy]")
    assert button["data-ftp-copy"] == f"{SITE_URL}questions/lora/"
    # hidden without JavaScript (site.css), shown from the first paint with it: tests/test_study.py
    assert "ftp-js-only" in button["class"]


@pytest.mark.browser
def test_copy_link_puts_the_permalink_on_the_clipboard(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto(server + "questions/lora/")
        button = tab.locator("button[data-ftp-copy]")
        button.click()
        assert tab.evaluate("() => navigator.clipboard.readText()") == f"{SITE_URL}questions/lora/"
        assert button.inner_text() == "Link copied"
    finally:
        context.close()
