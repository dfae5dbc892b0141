"""The app's icons (home screen, task bar, splash screen), drawn at build time with Pillow.

Plain Python + Pillow, no MkDocs. Two kinds, as the web app manifest spec defines them: `any`
(a rounded tile with a transparent corner) and `maskable` (full bleed: the platform cuts its own
shape, so the mark stays inside the central circle of 80% diameter, the spec's safe zone).
Pillow's bundled font (Aileron) draws the letters: nothing to ship, nothing fetched.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

TILE, INK = "#4051b5", "#ffffff"  # Material's indigo primary (the header), white as on the header
MARK = "FT"
SAFE_ZONE = 0.8  # maskable icons: what matters lies within a circle of 80% of the icon's width


@dataclass(frozen=True)
class Icon:
    filename: str  # under assets/icons/
    size: int
    purpose: str  # "any" or "maskable", as in the manifest's `icons[].purpose`


ICONS = (
    Icon("icon-192.png", 192, "any"),
    Icon("icon-512.png", 512, "any"),
    Icon("icon-maskable-512.png", 512, "maskable"),
    Icon("apple-touch-icon-180.png", 180, "maskable"),  # iOS rounds the corners itself, like a mask
)


def draw_icon(size: int, purpose: str) -> Image.Image:
    """The mark on an indigo tile; for `maskable`, full bleed with the mark inside the safe zone."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if purpose == "maskable":
        pen.rectangle([0, 0, size, size], fill=TILE)
        box = size * SAFE_ZONE / 2**0.5  # the square inscribed in the safe circle
    else:
        pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 6, fill=TILE)
        box = size * 0.78
    font = ImageFont.load_default(size=max(8, int(box * 0.62)))
    left, top, right, bottom = pen.textbbox((0, 0), MARK, font=font)
    rule, gap = max(1, size // 48), size * 0.06  # a short rule under the letters, as on a book's spine
    height = (bottom - top) + gap + rule  # letters and rule, centred together
    x = (size - (right - left)) / 2 - left
    y = (size - height) / 2 - top
    pen.text((x, y), MARK, font=font, fill=INK)
    y_rule = (size - height) / 2 + (bottom - top) + gap
    pen.rectangle([size * 0.34, y_rule, size * 0.66, y_rule + rule], fill=INK)
    return image


@functools.cache  # `mkdocs serve` rebuilds in the same process: draw once
def icon_png(icon: Icon) -> bytes:
    """The icon as PNG bytes (deterministic: the same build writes the same bytes)."""
    out = io.BytesIO()
    draw_icon(icon.size, icon.purpose).save(out, format="PNG", compress_level=6)
    return out.getvalue()
