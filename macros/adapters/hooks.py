"""MkDocs hooks: the thin glue that turns the page plan into in-memory pages.

on_config: load the bank (fail the build with a readable message) and set the nav.
on_files:  add one generated File per planned page; nothing is written to docs/.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs imports this file by path; make the project's `macros` package importable.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from mkdocs.structure.files import File, Files  # noqa: E402

from macros.adapters.build import build_for  # noqa: E402
from macros.pages import render_page  # noqa: E402
from macros.pages.mathml import MathMLExtension  # noqa: E402


def on_config(config):
    build = build_for(config)
    config.nav = build.plan.nav()
    config.markdown_extensions.append(MathMLExtension())
    return config


def on_files(files: Files, config) -> Files:
    build = build_for(config)
    for page in build.plan.pages(build.figure_html):
        files.append(File.generated(config, page.src_uri, content=render_page(page)))
    return files
