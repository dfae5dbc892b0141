"""Render planned pages to Markdown (and HTML fragments) with Jinja templates.

Layer 2b. Templates under `templates/` hold all markup. `*.md.j2` produce
Markdown and are not auto-escaped; plain-text fields go through `md_text`.
`*.html.j2` produce HTML and are auto-escaped. Undefined names are errors.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .plan import PlannedPage

TEMPLATES = Path(__file__).parent / "templates"

# Characters that would turn plain text into Markdown or HTML markup: inline syntax, attribute lists
# (`{...}`), links and images, list and heading markers. Python-Markdown un-escapes each of them.
# Brackets and parentheses become entities, not backslash escapes: `\(` and `\[` open Arithmatex math.
_MD_SPECIAL = re.compile(r"([\\`*_{}#+\-.!|])")
_MD_ENTITIES = str.maketrans({"(": "&#40;", ")": "&#41;", "[": "&#91;", "]": "&#93;", "$": "&#36;"})


def md_text(value: str) -> str:
    """Plain text made safe to place inline in Markdown: shown literally, never as markup.

    HTML's special characters become entities, Markdown's get a backslash, and `$` an entity,
    so Arithmatex sees no formula. Whitespace collapses to one line: no block can start.
    """
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).translate(_MD_ENTITIES)


def md_attr(value: str) -> str:
    """Plain text for a quoted admonition title or attribute inside Markdown."""
    return md_text(value).replace('"', "&quot;")


def html_text(value: str) -> str:
    """Plain text for places that take HTML as it is (the navigation, the theme's titles)."""
    return html.escape(" ".join(str(value).split()), quote=True)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2", "svg.j2"), default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_text"] = md_text
    env.filters["md_attr"] = md_attr
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


# Material prints these front-matter values into <title>, the header and <meta> tags without
# escaping them (it treats them as HTML), so our plain text is escaped once, here.
_HTML_META = ("title", "description")
# libyaml's safe dumper: the same YAML as yaml.safe_dump, several times faster (one dump per page).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    """YAML front matter (dumped by PyYAML, so any text is quoted correctly), HTML-safe for the theme."""
    safe = {k: html.escape(v, quote=True) if k in _HTML_META else v for k, v in meta.items()}
    text = yaml.dump(safe, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + text + "---\n\n"


def render_page(page: PlannedPage) -> str:
    """The full Markdown source of a generated page, front matter included."""
    return front_matter(page.meta) + render(page.template, **page.context)
