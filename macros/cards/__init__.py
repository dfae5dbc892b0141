"""Link-preview images (Open Graph cards): one 1200x630 PNG per question, plus one for the site.

Plain Python + Pillow, no MkDocs. Pillow's bundled scalable font (Aileron, Pillow >= 10.1)
means no font files to ship and nothing fetched at build time. Cards are cached by a hash of
what they show, so a rebuild only draws the cards whose text changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND, BAND, INK, MUTED = "#ffffff", "#3f51b5", "#1a1a1a", "#5c5c5c"
LAYOUT_VERSION = "1"  # bump when the drawing changes, to invalidate cached cards


@dataclass(frozen=True)
class Card:
    slug: str  # file name without .png
    kicker: str  # small line above the title, e.g. "Intermediate · Concepts"
    title: str
    footer: str


def _pieces(word: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than the card, cut into pieces that fit (a long URL or identifier)."""
    pieces, piece = [], ""
    for char in word:
        if piece and font.getlength(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    words = [p for w in text.split() for p in (_pieces(w, font, width) if font.getlength(w) > width else [w])]
    for word in words:
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _fit_title(text: str, width: int, max_height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font size (64 down to 32) at which the title fits the box."""
    for size in range(64, 31, -4):
        font = ImageFont.load_default(size=size)
        lines = _wrap(text, font, width)
        if len(lines) * size * 1.25 <= max_height:
            return font, lines
    font = ImageFont.load_default(size=32)
    lines = _wrap(text, font, width)
    keep = int(max_height // 40)
    return font, [*lines[: keep - 1], lines[keep - 1].rstrip(".,;:") + " …"] if len(lines) > keep else lines


def draw(card: Card) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, WIDTH, 20], fill=BAND)
    pen.text((MARGIN, 64), card.kicker, font=ImageFont.load_default(size=30), fill=BAND)
    font, lines = _fit_title(card.title, WIDTH - 2 * MARGIN, 380)
    y = 130
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=INK)
        y += int(font.size * 1.25)
    pen.line([MARGIN, HEIGHT - 96, WIDTH - MARGIN, HEIGHT - 96], fill="#dddddd", width=2)
    pen.text((MARGIN, HEIGHT - 76), card.footer, font=ImageFont.load_default(size=28), fill=MUTED)
    return image


def _key(card: Card) -> str:
    return hashlib.sha256("\x00".join([LAYOUT_VERSION, card.kicker, card.title, card.footer]).encode()).hexdigest()


def _draw_to(card: Card, path: Path) -> None:
    """Write atomically under a unique temporary name: two builds at once never share a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            draw(card).save(out, format="PNG", compress_level=6)  # `optimize` would cost 0.1 s a card
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _publish(card: Card, cached: Path, target: Path) -> None:
    """Copy the cached card to the site; draw it there if the cache vanished meanwhile (.cache removed)."""
    try:
        shutil.copyfile(cached, target)
    except FileNotFoundError:
        _draw_to(card, target)


def write_cards(cards: list[Card], out_dir: Path, cache_dir: Path) -> None:
    """Write `<slug>.png` for every card into out_dir, drawing only those not in the cache.

    Missing cards are drawn on a thread pool: Pillow releases the GIL while it rasterises
    text and compresses, so a cold build (a fresh CI machine) uses every core.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = {card.slug: cache_dir / f"{_key(card)}.png" for card in cards}
    missing = [card for card in cards if not cached[card.slug].exists()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(lambda card: _draw_to(card, cached[card.slug]), missing))
    for card in cards:
        _publish(card, cached[card.slug], out_dir / f"{card.slug}.png")
