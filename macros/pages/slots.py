"""Markdown extension: drop finished HTML (the pre-drawn diagram SVGs) into marked slots.

A template writes `<div data-ftp-svg="KEY"></div>`; this tree processor puts the SVG for KEY
there through Python-Markdown's HTML stash, so no later Markdown step (abbreviation tooltips,
for one) can rewrite text inside the drawing. An unknown key fails the build.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class _SlotTreeprocessor(Treeprocessor):
    def __init__(self, md, svgs: dict[str, str]):
        super().__init__(md)
        self.svgs = svgs

    def run(self, root):
        for el in root.iter("div"):
            key = el.get("data-ftp-svg")
            if key is None:
                continue
            if key not in self.svgs:
                raise KeyError(f"no drawing for diagram {key}; run `make diagrams`")
            del el.attrib["data-ftp-svg"]
            el.text = self.md.htmlStash.store(self.svgs[key])


class SlotExtension(Extension):
    def __init__(self, svgs: dict[str, str], **kwargs):
        self.svgs = svgs
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before the abbreviation tooltips (priority 7) and alongside MathML (15).
        md.treeprocessors.register(_SlotTreeprocessor(md, self.svgs), "ftp-slots", 16)
