"""Chart geometry for server-rendered SVG: numbers in, positioned shapes out.

The shapes are drawn by the Jinja2 macros in ``templates/charts.html`` (autoescaped), both
by the dashboard and by the static report, so every chart works without JavaScript.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

STEPS = 6  # colour classes q1..q6 for maps; q0 is zero, "nodata" has no value


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    series: str
    label: str
    value: float


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rects: tuple[Rect, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[str, ...]


def nice_max(value: float) -> float:
    """The smallest 1/2/5 × 10^k at or above ``value`` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def stacked_columns(
    categories: Sequence[str], series: Mapping[str, Sequence[float]], *,
    width: int = 720, height: int = 260, label_every: int = 1, percent: bool = False,
) -> Chart:
    """Columns per category, stacked by series (``percent``: each column sums to 100)."""
    left, bottom, top = 48, 24, 8
    n = max(len(categories), 1)
    totals = [sum(s[i] for s in series.values()) for i in range(len(categories))]
    ymax = 100.0 if percent else nice_max(max(totals, default=0))
    plot_h = height - bottom - top
    step = (width - left) / n
    rects: list[Rect] = []
    for i, cat in enumerate(categories):
        y = float(height - bottom)
        for name, values in series.items():
            value = values[i]
            shown = (100 * value / totals[i] if totals[i] else 0.0) if percent else value
            h = plot_h * shown / ymax
            if h > 0:
                y -= h
                rects.append(Rect(round(left + i * step, 2), round(y, 2),
                                  round(max(step * 0.9, 0.5), 2), round(h, 2), name, cat,
                                  round(shown, 2)))
    x_ticks = tuple(Tick(round(left + (i + 0.45) * step, 2), c)
                    for i, c in enumerate(categories) if i % max(label_every, 1) == 0)
    y_ticks = tuple(Tick(round(height - bottom - plot_h * f, 2),
                         _fmt(ymax * f) + ("%" if percent else "")) for f in (0, 0.5, 1))
    return Chart(width, height, tuple(rects), x_ticks, y_ticks, tuple(series))


def bars(rows: Sequence[tuple[str, float]], *, width: int = 720, bar: int = 18) -> Chart:
    """Horizontal bars, one per row, in the given order."""
    left, right = 160, 60
    height = max(len(rows), 1) * (bar + 4) + 4
    vmax = nice_max(max((v for _, v in rows), default=0))
    rects = tuple(
        Rect(left, 4 + i * (bar + 4), round((width - left - right) * v / vmax, 2), bar,
             "count", label, v)
        for i, (label, v) in enumerate(rows)
    )
    return Chart(width, height, rects, (), (), ("count",))


def scale_class(value: float | None, vmax: float) -> str:
    """Colour class of a map value: ``nodata``, ``q0`` (zero) or ``q1``…``q6``."""
    if value is None:
        return "nodata"
    if value <= 0 or vmax <= 0:
        return "q0"
    return f"q{min(STEPS, 1 + int(STEPS * value / vmax * 0.999999))}"


@dataclass(frozen=True)
class Tile:
    code: str
    x: int
    y: int
    short: str
    name: str
    value: float | None
    css: str


@dataclass(frozen=True)
class TileMap:
    width: int
    height: int
    size: int
    tiles: tuple[Tile, ...]
    vmax: float


def tile_map(
    grid: Mapping[str, tuple[int, int]], values: Mapping[str, float | None],
    names: Mapping[str, str], size: int = 46,
) -> TileMap:
    """One equal square per region at its grid cell, coloured by ``values``."""
    vmax = max((v for v in values.values() if v is not None), default=0.0)
    cols = max((c for c, _ in grid.values()), default=0) + 1
    rows = max((r for _, r in grid.values()), default=0) + 1
    tiles = tuple(
        Tile(code, col * size, row * size, code.split("-", 1)[-1], names.get(code, code),
             values.get(code), scale_class(values.get(code), vmax))
        for code, (col, row) in sorted(grid.items())
    )
    return TileMap(cols * size, rows * size, size, tiles, vmax)


def legend(vmax: float) -> tuple[tuple[str, str], ...]:
    """(css class, range text) for each colour step."""
    out = [("q0", "0")]
    for i in range(1, STEPS + 1):
        out.append((f"q{i}", f"{_fmt(vmax * (i - 1) / STEPS)}–{_fmt(vmax * i / STEPS)}"))
    return tuple(out)
