"""Markdown extension: turn Arithmatex's math into MathML at build time.

Arithmatex (generic mode) finds `$...$` and `$$...$$` and wraps the LaTeX in
`span.arithmatex` / `div.arithmatex`. This tree processor replaces that LaTeX
with MathML from latex2mathml, so formulas render in the browser and in print
with no math script and no third-party request. Every formula must convert cleanly:
latex2mathml quietly accepts unbalanced braces (`\\frac{g`) and unknown commands
(`\\foo` comes out as the text "\\foo"), so those are checked too. A formula that
fails names the page (the question id), the answer section and the formula.
"""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

from latex2mathml.converter import convert
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from macros.bank import ANSWER_RULES

_WRAPS = ((r"\(", r"\)", "inline"), (r"\[", r"\]", "block"))
# A backslash command latex2mathml did not know survives as text inside <mi>/<mo>/<mtext>.
_LEFT_OVER_COMMAND = re.compile(r">[^<]*\\[A-Za-z]+[^<]*<")
# MathML elements with a fixed number of children: fewer means LaTeX left an argument out (`\\frac{g}`).
_ARITY = {"mfrac": 2, "msup": 2, "msub": 2, "msubsup": 3, "mroot": 2, "munder": 2, "mover": 2, "munderover": 3}
# Section heading (as the template writes it) -> the bank field it comes from.
SECTION_FIELDS = {heading: f"answer.{name}" for rules in ANSWER_RULES.values() for name, heading in rules.sections}
SECTION_FIELDS["Follow-up questions"] = "follow_ups"


class MathError(ValueError):
    """A formula that cannot be rendered; the message quotes it."""


def _balanced(latex: str) -> bool:
    depth = 0
    for token in re.findall(r"\\.|[{}]", latex):
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            return False
    return depth == 0


def latex_to_mathml(latex: str, display: str) -> str:
    latex = latex.strip()
    if not _balanced(latex):
        raise MathError(f"cannot render the formula {latex!r}: unbalanced braces {{ }}")
    try:
        mathml = convert(latex, display=display)
    except Exception as err:  # latex2mathml raises many types; report them all the same way
        raise MathError(f"cannot render the formula {latex!r}: {err}") from None
    if found := _LEFT_OVER_COMMAND.search(mathml):
        command = re.search(r"\\[A-Za-z]+", found.group()).group()
        raise MathError(f"cannot render the formula {latex!r}: unknown command {command}")
    for el in ElementTree.fromstring(mathml).iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in _ARITY and len(el) != _ARITY[tag]:
            raise MathError(
                f"cannot render the formula {latex!r}: <{tag}> needs {_ARITY[tag]} arguments, got {len(el)}"
            )
    return mathml


class _MathMLTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: MathMLExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        section = None
        for el in root.iter():
            if el.tag == "h2" and el.text:
                section = re.sub(r"\s*\{[^}]*\}\s*$", "", el.text).strip()
            if "arithmatex" not in el.get("class", "").split() or not el.text:
                continue
            text = html.unescape(el.text.strip())
            for start, end, display in _WRAPS:
                if text.startswith(start) and text.endswith(end):
                    try:
                        mathml = latex_to_mathml(text[len(start) : -len(end)], display)
                    except MathError as err:
                        raise self.extension.fail(str(err), section) from None
                    el.text = self.md.htmlStash.store(mathml)
                    # Out of the search index: its text would show in results as a run of symbols.
                    el.set("data-search-exclude", "true")
                    break


class MathMLExtension(Extension):
    """`error`: the exception type a bad formula raises (the MkDocs adapter passes its PluginError).

    `where(section)` names the page being converted; the adapter sets it before each page.
    """

    def __init__(self, error: type[Exception] = MathError, **kwargs):
        self.error = error
        self.where = lambda section: section and f"section '{section}'"
        super().__init__(**kwargs)

    def fail(self, message: str, section: str | None) -> Exception:
        where = self.where(section)
        return self.error(f"{where}: {message}" if where else message)

    def extendMarkdown(self, md):
        # After inline patterns (20) have created the arithmatex elements.
        md.treeprocessors.register(_MathMLTreeprocessor(md, self), "mathml", 15)


def makeExtension(**kwargs):
    """Lets a mkdocs.yml name this module under markdown_extensions (the benchmark's plain site does)."""
    return MathMLExtension(**kwargs)
