"""Markdown extension: turn Arithmatex's math into MathML at build time.

Arithmatex (generic mode) finds `$...$` and `$$...$$` and wraps the LaTeX in
`span.arithmatex` / `div.arithmatex`. This tree processor replaces that LaTeX
with MathML from latex2mathml, so formulas render in the browser and in print
with no math script and no third-party request. A formula latex2mathml cannot
convert fails the build with the formula in the message: nothing is swallowed.
"""

from __future__ import annotations

import html

from latex2mathml.converter import convert
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_WRAPS = ((r"\(", r"\)", "inline"), (r"\[", r"\]", "block"))


class MathError(ValueError):
    """A formula that cannot be rendered; the message quotes it."""


def latex_to_mathml(latex: str, display: str) -> str:
    try:
        return convert(latex.strip(), display=display)
    except Exception as err:  # latex2mathml raises many types; report them all the same way
        raise MathError(f"cannot render the formula {latex.strip()!r}: {err}") from None


class _MathMLTreeprocessor(Treeprocessor):
    def run(self, root):
        for el in root.iter():
            if "arithmatex" not in el.get("class", "").split() or not el.text:
                continue
            text = html.unescape(el.text.strip())
            for start, end, display in _WRAPS:
                if text.startswith(start) and text.endswith(end):
                    mathml = latex_to_mathml(text[len(start) : -len(end)], display)
                    el.text = self.md.htmlStash.store(mathml)
                    # Out of the search index: its text would show in results as a run of symbols.
                    el.set("data-search-exclude", "true")
                    break


class MathMLExtension(Extension):
    def extendMarkdown(self, md):
        # After inline patterns (20) have created the arithmatex elements.
        md.treeprocessors.register(_MathMLTreeprocessor(md), "mathml", 15)


def makeExtension(**kwargs):
    """Lets a mkdocs.yml name this module under markdown_extensions (the benchmark's plain site does)."""
    return MathMLExtension(**kwargs)
