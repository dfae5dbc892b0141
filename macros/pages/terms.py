"""Markdown extension: a glossary term's definition once per page, on its first use.

Markdown's abbreviations put the whole definition in a `title` on every occurrence of a term: 4,537
tooltips at 62 questions, 3,318 of them repeating one already on the same page (0.58 MB of the offline
app's precache). This tree processor, run after them, keeps the `title` on the first visible occurrence
of each term and leaves the later ones as bare `<abbr>`: docs/assets/glossary-terms.js gives every
occurrence its popup from the page's first one, and without JavaScript the first use carries the native
tooltip, as a book defines a term where it first appears. Occurrences inside a `hidden` element keep
their title and do not count as the first. Plain Python-Markdown, no MkDocs.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class _FirstUseTreeprocessor(Treeprocessor):
    def run(self, root):
        self._walk(root, set(), hidden=False)

    def _walk(self, el, seen: set[tuple[str, str]], hidden: bool) -> None:
        hidden = hidden or el.get("hidden") is not None
        for child in el:
            if child.tag == "abbr" and child.get("title") is not None and not hidden:
                key = (child.text or "", child.get("title"))
                if key in seen:
                    del child.attrib["title"]
                seen.add(key)
            self._walk(child, seen, hidden)


class FirstUseExtension(Extension):
    def extendMarkdown(self, md):
        # After the abbreviations (priority 7) have wrapped every term.
        md.treeprocessors.register(_FirstUseTreeprocessor(md), "ftp-first-use", 6)
