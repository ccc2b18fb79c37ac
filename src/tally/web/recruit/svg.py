"""Chart geometry for inline SVG (attributes only: the CSP forbids inline styles)."""

from __future__ import annotations

from dataclasses import dataclass

W, H, PAD = 640, 320, 48


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    y: float
    w: float
    h: float
    label: str
    value: str
    flag: bool = False


def _scale(lo: float, hi: float, a: float, b: float) -> tuple[float, float]:
    span = (hi - lo) or 1.0
    k = (b - a) / span
    return k, a - lo * k


def scatter(points: list[tuple[float, float, str]]) -> list[Mark]:
    if not points:
        return []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    kx, bx = _scale(min(xs), max(xs), PAD, W - PAD)
    ky, by = _scale(0, max(ys) or 1.0, H - PAD, PAD)
    return [Mark(kx * x + bx, ky * y + by, 4, 4, label, f"{x:,.0f}; {y:,.1f}")
            for x, y, label in points]


def hbars(rows: list[tuple[str, float, bool]], bar: int = 18) -> list[Mark]:
    top = max((v for _, v, _ in rows), default=1.0) or 1.0
    return [Mark(160, i * (bar + 6) + 4, (W - 200) * v / top, bar, label, f"{v:,.2f}", flag)
            for i, (label, v, flag) in enumerate(rows)]


def tornado(rows: list[tuple[str, float, float]], base: float, bar: int = 18) -> list[Mark]:
    """(label, metric at −x%, metric at +x%) → a bar from the lower to the higher value."""
    if not rows:
        return []
    lo = min(min(a, b) for _, a, b in rows)
    hi = max(max(a, b) for _, a, b in rows)
    k, b0 = _scale(lo, hi, 200, W - 20)
    out = []
    for i, (label, a, b) in enumerate(rows):
        left, right = sorted((a, b))
        out.append(Mark(k * left + b0, i * (bar + 6) + 4, max(k * (right - left), 1), bar,
                        label, f"{(right - left) / 1e9:,.1f} bn"))
    return out


def polyline(values: list[float | None], vmax: float) -> str:
    """Points for an SVG polyline over equally spaced x; gaps are skipped."""
    n = max(len(values) - 1, 1)
    ky, by = _scale(0, vmax or 1.0, H - PAD, PAD)
    return " ".join(f"{PAD + (W - 2 * PAD) * i / n:.1f},{ky * v + by:.1f}"
                    for i, v in enumerate(values) if v is not None)
