"""The installable, offline app: web app manifest, icons and service worker (issue 17).

Layer 2 (no MkDocs): the adapter (macros/adapters/hooks.py) adds the manifest and icons as generated
files and, after the build, writes the service worker with the hashes of the built files.
"""

from .disk_copy import COPY_FILENAME, FOLDER, zip_site
from .icons import ICONS, Icon, icon_png
from .manifest import ICONS_DIR, MANIFEST_FILENAME, icon_uri, web_manifest
from .precache import Entry, precache_entries, precached, total_bytes
from .worker import WORKBOX_SCRIPTS, WORKER_FILENAME, retired_service_worker, service_worker

# Browser chrome colours (<meta name="theme-color">): the header in light mode, the page in dark mode
# (Material's indigo header and its slate background; tests/test_offline.py compares with the browser).
THEME_COLORS = {"light": "#4051b5", "dark": "#1e2129"}

__all__ = [
    "COPY_FILENAME",
    "FOLDER",
    "ICONS",
    "ICONS_DIR",
    "MANIFEST_FILENAME",
    "THEME_COLORS",
    "WORKBOX_SCRIPTS",
    "WORKER_FILENAME",
    "Entry",
    "Icon",
    "icon_png",
    "icon_uri",
    "precache_entries",
    "precached",
    "retired_service_worker",
    "service_worker",
    "total_bytes",
    "web_manifest",
    "zip_site",
]
