"""MkDocs hooks: the thin glue that turns the page plan into in-memory pages.

on_config: load the bank (fail the build with a readable message) and set the nav.
on_files:  add one generated File per planned page; nothing is written to docs/.
           The bank's exports (Anki deck, JSON, CSV) are generated files under downloads/ too.
on_post_build: write the link-preview images (cached in .cache/cards between builds), then the
           service worker with the hashes of every precached file (macros/adapters/offline.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# MkDocs imports this file by path; make the project's `macros` package importable.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros.adapters import offline  # noqa: E402
from macros.adapters.build import BANK_PATH, build_for  # noqa: E402
from macros.adapters.es_modules import module_imports  # noqa: E402
from macros.adapters.reproducible import build_date, pin_build_time  # noqa: E402
from macros.bank import Problem  # noqa: E402
from macros.cards import write_cards  # noqa: E402
from macros.exports import exports  # noqa: E402
from macros.pages import render_page  # noqa: E402
from macros.pages.mathml import SECTION_FIELDS, MathMLExtension  # noqa: E402
from macros.pages.slots import SlotExtension  # noqa: E402
from macros.pages.terms import FirstUseExtension  # noqa: E402
from macros.pages.urls import download_uri  # noqa: E402

# One instance, so on_page_markdown can tell it which page (question) it is converting.
_MATH = MathMLExtension(error=PluginError)


def on_page_markdown(markdown, page, config, files):
    """Name the page in formula errors: the bank file, question id and field, or the hand-written file."""
    qid = page.meta.get("question_id")

    def where(section):
        if qid:
            return Problem("", question_id=qid, field=SECTION_FIELDS.get(section, section)).render(str(BANK_PATH))[:-2]
        return f"docs/{page.file.src_uri}" + (f": section '{section}'" if section else "")

    _MATH.where = where
    return markdown


def on_startup(command, dirty):
    offline.remember_command(command)  # `mkdocs serve` gets no real service worker


def on_config(config):
    config.extra["offline_app_page"] = offline.page_settings(config)
    # The modules each kind of study page's entry (docs/assets/study/page-<kind>.js) imports, to preload.
    assets = Path(config.docs_dir) / "assets"
    config.extra["study_preload"] = {
        page.stem.removeprefix("page-"): module_imports(assets, f"study/{page.name}")
        for page in sorted((assets / "study").glob("page-*.js"))
    }
    pin_build_time(Path(config.config_file_path).resolve().parent)  # reproducible builds
    build = build_for(config)
    config.nav = build.plan.nav()
    config.mdx_configs.setdefault("abbr", {})["glossary"] = build.plan.glossary_tooltips()
    config.markdown_extensions.append(_MATH)
    config.markdown_extensions.append(SlotExtension(build.diagram_svgs))
    config.markdown_extensions.append(FirstUseExtension())  # a definition once per page (macros/pages/terms.py)
    return config


def on_files(files: Files, config) -> Files:
    build = build_for(config)
    copy = offline.offline_copy(config)  # the zip to open from disk, when this build makes one
    if copy:
        files.append(copy)
    pages = build.plan.pages(
        build.figure_html, build.diagram_svgs, offline_copy_size=copy and len(copy.content_bytes), built_on=build_date()
    )
    for page in pages:
        files.append(File.generated(config, page.src_uri, content=render_page(page)))
    # SOURCE_DATE_EPOCH (reproducible builds) fixes the deck's modification time; otherwise now.
    stamp = float(os.environ["SOURCE_DATE_EPOCH"]) if os.environ.get("SOURCE_DATE_EPOCH") else None
    for export in exports(build.bank, build.plan.permalink, stamp, build.answer_stack, build.answer_versions):
        files.append(File.generated(config, download_uri(export.filename), content=export.content))
    for file in offline.generated_files(config):  # web app manifest and icons
        files.append(file)
    return files


def on_post_build(config) -> None:
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "cards"
    write_cards(build_for(config).plan.cards(), Path(config.site_dir) / "assets" / "cards", cache)
    offline.write_worker(config)  # last: it hashes the files written before it
