"""Check a drawn diagram (data/diagrams/*.svg) against an allow-list before it is inlined in a page.

The drawings are committed files, so a pull request could slip a `<script>` or an `onload=` into
one. Every element and attribute must be one Mermaid draws (`ELEMENTS`, `ATTRIBUTES`), every
`url(...)` must point inside the drawing (`url(#...)`), and the `<style>` text may not contain
`<` (inside `<svg>` a browser parses style text as markup) or load anything. Parsed with the
standard library's HTML parser because Mermaid serialises SVG as HTML (`<br>` unclosed).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "style", "marker", "path", "polygon", "polyline", "line", "rect", "circle",
        "ellipse", "text", "tspan", "title", "desc", "foreignobject", "div", "span", "p", "br",
    }
)  # fmt: skip
ATTRIBUTES = frozenset(
    {
        "id", "class", "style", "role", "width", "height", "viewbox", "xmlns", "transform", "d", "points",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "fill", "stroke",
        "stroke-width", "stroke-dasharray", "font-style", "font-weight", "font-size", "font-family",
        "text-anchor", "dominant-baseline", "alignment-baseline", "marker-end", "marker-start",
        "markerheight", "markerunits", "markerwidth", "orient", "refx", "refy", "preserveaspectratio",
        "aria-roledescription", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
        "data-edge", "data-et", "data-id", "data-look", "data-points", "opacity", "fill-opacity", "stroke-opacity",
    }
)  # fmt: skip
NAMESPACES = frozenset({"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"})
_URL = re.compile(r"url\(\s*(?!['\"]?#)", re.IGNORECASE)
_LOADS = re.compile(r"@import|expression\(|javascript:|behavior:", re.IGNORECASE)


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_style = False

    def _where(self) -> str:
        line, column = self.getpos()
        return f"line {line}, column {column + 1}"

    def handle_starttag(self, tag, attrs):
        if tag not in ELEMENTS:
            self.problems.append(f"element <{tag}> is not allowed ({self._where()})")
        for name, value in attrs:
            value = value or ""
            if name not in ATTRIBUTES:
                self.problems.append(f"attribute '{name}' on <{tag}> is not allowed ({self._where()})")
            elif name == "xmlns" and value not in NAMESPACES:
                self.problems.append(f"namespace '{value}' is not allowed ({self._where()})")
            elif _URL.search(value) or _LOADS.search(value):
                self.problems.append(f"attribute '{name}' on <{tag}> loads or runs something ({self._where()})")
        self.in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.in_style = False

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style and ("<" in data or _URL.search(data) or _LOADS.search(data)):
            self.problems.append(f"the <style> text loads something or holds markup ({self._where()})")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction is not allowed ({self._where()})")

    def unknown_decl(self, data):
        self.problems.append(f"declaration <![{data[:20]}...]> is not allowed ({self._where()})")

    def handle_decl(self, decl):
        self.problems.append(f"declaration <!{decl[:20]}> is not allowed ({self._where()})")


def svg_problems(svg: str) -> list[str]:
    """What in `svg` is not on the allow-list; empty when the drawing is safe to inline."""
    if not svg.lstrip().startswith("<svg"):
        return ["the file must start with <svg"]
    checker = _Checker()
    checker.feed(svg)
    checker.close()
    return checker.problems
