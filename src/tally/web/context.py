"""What the app holds for its life: the store, denominators, map shapes, a cache.

The dashboard's figures are cached per data version (:func:`tally.stats.data_version`,
which moves with every import, link run, grading run and review decision), so a page view
costs three primary-key lookups until the data change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from tally import stats
from tally.publish import dashboard, geo
from tally.store import Store


@dataclass
class WebContext:
    store: Store
    denominators: stats.Denominators | None = None
    geojson: Path | None = None
    _dash: tuple[tuple[int, int, int], dashboard.Dashboard] | None = field(default=None,
                                                                          repr=False)
    _shapes: tuple[int, int, tuple[geo.ShapePath, ...]] | None = field(default=None,
                                                                      repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _pages: dict[tuple[object, ...], bytes] = field(default_factory=dict, repr=False)

    def version(self) -> tuple[int, int, int]:
        with self.store.engine.connect() as conn:
            return stats.data_version(conn)

    def cached_page(self, key: tuple[object, ...]) -> bytes | None:
        """A rendered page for ``key`` (which must include the data version)."""
        return self._pages.get(key)

    def keep_page(self, key: tuple[object, ...], body: bytes) -> None:
        if len(self._pages) > 64:  # old versions and languages: start again
            self._pages.clear()
        self._pages[key] = body

    def dashboard(self) -> dashboard.Dashboard:
        with self.store.engine.connect() as conn:
            version = stats.data_version(conn)
            cached = self._dash
            if cached is not None and cached[0] == version:
                return cached[1]
            with self._lock:
                if self._dash is not None and self._dash[0] == version:
                    return self._dash[1]
                built = dashboard.build(conn, self.denominators)
                self._dash = (version, built)
                return built

    def shapes(self) -> tuple[int, int, tuple[geo.ShapePath, ...]] | None:
        if self.geojson is None:
            return None
        if self._shapes is None:
            self._shapes = geo.svg_paths(geo.load_regions(self.geojson).values())
        return self._shapes
