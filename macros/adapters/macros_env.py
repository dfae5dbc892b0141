"""mkdocs-macros glue: the few macros hand-written pages (docs/*.md) may call."""

from __future__ import annotations

from macros.adapters.build import build_for
from macros.pages import render


def define_env(env) -> None:
    @env.macro
    def bank_overview() -> str:
        """Counts per level and category, with links; for the home page."""
        page_uri = env.page.file.src_uri
        return render("overview.md.j2", overview=build_for(env.conf).plan.overview(page_uri))

    @env.macro
    def study_panel() -> str:
        """The reader's progress (filled in by docs/assets/study.js); for the home page."""
        page_uri = env.page.file.src_uri
        return render("study_panel.md.j2", panel=build_for(env.conf).plan.study_panel(page_uri))
