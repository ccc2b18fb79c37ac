"""Region polygons from a user's GeoJSON, projected to SVG paths for the choropleth.

Natural Earth's admin-1 file swaps the two Moscow codes (RU-MOW carries Moscow *Oblast*'s
names, RU-MOS Moscow *city*'s). :func:`load_regions` checks the names and puts the codes
right: ISO 3166-2 says RU-MOW is the city and RU-MOS the oblast.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CODE_KEYS = ("iso_3166_2", "ISO_3166_2", "code", "iso")
NAME_KEYS = ("name_ru", "name_en", "name", "NAME")


class GeoJSONError(ValueError):
    pass


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # lon/lat rings


def _code(props: dict[str, Any]) -> str | None:
    for key in CODE_KEYS:
        value = props.get(key)
        if isinstance(value, str) and "-" in value:
            return value.strip().upper()
    return None


def _names(props: dict[str, Any]) -> str:
    return " ".join(str(props.get(k) or "") for k in NAME_KEYS).casefold()


def _is_oblast(names: str) -> bool:
    return "oblast" in names or "област" in names


def moscow_swapped(shapes: dict[str, dict[str, Any]]) -> bool:
    """True when RU-MOW is named like the oblast and RU-MOS like the city."""
    mow, mos = shapes.get("RU-MOW"), shapes.get("RU-MOS")
    if mow is None or mos is None:
        return False
    return _is_oblast(_names(mow)) and not _is_oblast(_names(mos))


def _rings(geometry: dict[str, Any]) -> Iterator[tuple[tuple[float, float], ...]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for polygon in polygons:
        for ring in polygon:
            yield tuple((float(p[0]), float(p[1])) for p in ring)


def load_regions(path: Path) -> dict[str, RegionShape]:
    """Region code → shape; fixes the Natural Earth Moscow swap (detected by the names)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GeoJSONError(f"{path}: not a readable GeoJSON file: {exc}") from exc
    props: dict[str, dict[str, Any]] = {}
    geoms: dict[str, dict[str, Any]] = {}
    for feature in data.get("features", []):
        p = feature.get("properties") or {}
        code = _code(p)
        if code:
            props[code] = p
            geoms[code] = feature.get("geometry") or {}
    if not props:
        raise GeoJSONError(f"{path}: no feature has an ISO 3166-2 code in {CODE_KEYS}")
    if moscow_swapped(props):
        props["RU-MOW"], props["RU-MOS"] = props["RU-MOS"], props["RU-MOW"]
        geoms["RU-MOW"], geoms["RU-MOS"] = geoms["RU-MOS"], geoms["RU-MOW"]
    return {
        code: RegionShape(code, str(p.get("name_en") or p.get("name") or code),
                          tuple(_rings(geoms[code])))
        for code, p in props.items()
    }


def _project(lon: float, lat: float) -> tuple[float, float]:
    """A simple conic-like view of Russia: longitudes east of the antimeridian wrap."""
    if lon < 0:
        lon += 360
    x = (lon - 100) * math.cos(math.radians(lat)) * 0.9 + (lon - 100) * 0.1
    return x, -lat


@dataclass(frozen=True)
class ShapePath:
    code: str
    name: str
    d: str


def svg_paths(shapes: Iterable[RegionShape], width: int = 900) -> tuple[int, int,
                                                                        tuple[ShapePath, ...]]:
    """(width, height, paths) fitting all shapes; coordinates rounded to 0.1 px."""
    projected = {s.code: [[_project(x, y) for x, y in ring] for ring in s.rings]
                 for s in shapes}
    names = {s.code: s.name for s in shapes}
    xs = [p[0] for rings in projected.values() for ring in rings for p in ring]
    ys = [p[1] for rings in projected.values() for ring in rings for p in ring]
    if not xs:
        return width, 10, ()
    scale = width / ((max(xs) - min(xs)) or 1)
    height = math.ceil((max(ys) - min(ys)) * scale)
    x0, y0 = min(xs), min(ys)
    out = []
    for code, rings in sorted(projected.items()):
        parts = []
        for ring in rings:
            pts = [(round((x - x0) * scale, 1), round((y - y0) * scale, 1)) for x, y in ring]
            dedup = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
            if len(dedup) >= 3:
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in dedup) + "Z")
        out.append(ShapePath(code, names[code], "".join(parts)))
    return width, height, tuple(out)
