"""The web app manifest: what makes the site installable as an app (name, icons, colours, scope).

Plain Python, no MkDocs. Every URL in it is relative: the spec resolves `start_url`, `scope`, `id`
and the icons' `src` against the manifest's own URL, and the manifest sits at the site's root, so the
same file works on 127.0.0.1:8000/ and under a GitHub Pages project path (`https://user.github.io/repo/`).
"""

from __future__ import annotations

import json

from .icons import ICONS, TILE

MANIFEST_FILENAME = "manifest.webmanifest"
ICONS_DIR = "assets/icons"
BACKGROUND = "#ffffff"  # the splash screen behind the icon, as the light theme's page


def icon_uri(filename: str) -> str:
    return f"{ICONS_DIR}/{filename}"


def web_manifest(name: str, short_name: str, description: str) -> str:
    """The manifest as JSON text (keys sorted, so two builds write the same bytes)."""
    manifest = {
        "id": "./",
        "name": name,
        "short_name": short_name,
        "description": " ".join(description.split()),
        "lang": "en",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": TILE,
        "icons": [
            {"src": icon_uri(i.filename), "sizes": f"{i.size}x{i.size}", "type": "image/png", "purpose": i.purpose}
            for i in ICONS
            if not i.filename.startswith("apple-")
        ],
    }
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
