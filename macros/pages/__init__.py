"""Layer 2 - pages: which pages exist (`plan`) and their Markdown (`render` + `templates/`).

Plain Python and Jinja; never imports MkDocs.
"""

from .plan import PlannedPage, SitePlan
from .render import render, render_page

__all__ = ["PlannedPage", "SitePlan", "render", "render_page"]
