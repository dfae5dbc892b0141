"""Chart geometry: turn numbers into SVG coordinates. The template draws them.

Only the arithmetic lives here (scales, ticks, bar and line positions), so a
chart's data and its drawing cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

# A narrow drawing, so that on a 390 px phone (about 330 px of column) the labels still show at
# about 11 px: the page's CSS sets the text size in these units (site.css, .ftp-chart).
WIDTH, HEIGHT = 420, 300
MARGIN = {"left": 62, "right": 22, "top": 24, "bottom": 64}


@dataclass(frozen=True)
class Scale:
    lo: float
    hi: float
    start: float  # pixel for lo
    end: float  # pixel for hi

    def __call__(self, value: float) -> float:
        span = (self.hi - self.lo) or 1.0
        return round(self.start + (value - self.lo) / span * (self.end - self.start), 2)


def _plot_box():
    return (MARGIN["left"], WIDTH - MARGIN["right"], HEIGHT - MARGIN["bottom"], MARGIN["top"])


def line_chart(series, x_ticks, y_ticks, x_label, y_label, markers=()):
    """series: [{"name", "css", "points": [(x, y), ...]}]; ticks: [(value, label)]."""
    left, right, bottom, top = _plot_box()
    xs = [v for v, _ in x_ticks]
    ys = [v for v, _ in y_ticks]
    sx, sy = Scale(min(xs), max(xs), left, right), Scale(min(ys), max(ys), bottom, top)
    return {
        "kind": "line",
        "width": WIDTH,
        "height": HEIGHT,
        "box": {"left": left, "right": right, "top": top, "bottom": bottom},
        "x_label": x_label,
        "y_label": y_label,
        "x_ticks": [{"pos": sx(v), "label": label} for v, label in x_ticks],
        "y_ticks": [{"pos": sy(v), "label": label} for v, label in y_ticks],
        "series": [{**s, "path": " ".join(f"{sx(x)},{sy(y)}" for x, y in s["points"])} for s in series],
        "markers": [{"x": sx(x), "y": sy(y), "label": label} for x, y, label in markers],
    }


def bar_chart(bars, y_ticks, y_label, segment_names=()):
    """Stacked vertical bars. bars: [{"label", "segments": [value, ...], "total_label"}]."""
    left, right, bottom, top = _plot_box()
    ys = [v for v, _ in y_ticks]
    sy = Scale(min(ys), max(ys), bottom, top)
    slot = (right - left) / len(bars)
    width = slot * 0.5
    drawn = []
    for i, bar in enumerate(bars):
        x = left + slot * i + (slot - width) / 2
        base, rects = 0.0, []
        for n, value in enumerate(bar["segments"]):
            y0, y1 = sy(base), sy(base + value)
            rects.append({"x": round(x, 2), "y": y1, "w": round(width, 2), "h": round(y0 - y1, 2), "n": n})
            base += value
        drawn.append(
            {
                "label": bar["label"],
                "center": round(x + width / 2, 2),
                "rects": rects,
                "total_label": bar["total_label"],
                "top": sy(base),
            }
        )
    return {
        "kind": "bar",
        "width": WIDTH,
        "height": HEIGHT,
        "box": {"left": left, "right": right, "top": top, "bottom": bottom},
        "y_label": y_label,
        "x_label": "",
        "y_ticks": [{"pos": sy(v), "label": label} for v, label in y_ticks],
        "bars": drawn,
        "segment_names": list(segment_names),
    }


def grid_chart(panels, x_label, y_label, segment_names=()):
    """Side-by-side square grids (e.g. attention masks). panels: [{"title", "cells": [[css or None, ...], ...]}]."""
    n = max(len(p["cells"]) for p in panels)
    gap = 48
    cell = min((WIDTH - MARGIN["left"] - MARGIN["right"] - gap * (len(panels) - 1)) / len(panels), 230) // n
    size = cell * n
    left = (WIDTH - size * len(panels) - gap * (len(panels) - 1)) / 2
    top = 40
    drawn = []
    for i, panel in enumerate(panels):
        x0 = left + i * (size + gap)
        cells = [
            {"x": round(x0 + col * cell, 2), "y": round(top + row * cell, 2), "css": css or "off"}
            for row, line in enumerate(panel["cells"])
            for col, css in enumerate(line)
        ]
        drawn.append({"title": panel["title"], "x": round(x0, 2), "y": top, "size": size, "cells": cells})
    return {
        "kind": "grid",
        "width": WIDTH,
        "height": top + size + 40,
        "cell": cell,
        "panels": drawn,
        "x_label": x_label,
        "y_label": y_label,
        "segment_names": list(segment_names),
    }
