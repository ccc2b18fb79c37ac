"""What the app holds for its life: the store, a read-only engine, denominators, map
shapes, and caches.

The dashboard's figures are cached per data version (:mod:`tally.web.figures`; the
version moves with every import, link run, grading run and review decision), and so are
its rendered pages, so a page view costs three primary-key lookups until the data change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from tally import stats
from tally.publish import dashboard, geo
from tally.store import Store
from tally.web.figures import FigureCache, Version
from tally.web.reader import read_engine

MAX_PAGES = 64


@dataclass
class WebContext:
    store: Store
    denominators: stats.Denominators | None = None
    geojson: Path | None = None
    reader: Engine = field(init=False, repr=False)
    figures: FigureCache = field(init=False, repr=False)
    _shapes: tuple[int, int, tuple[geo.ShapePath, ...]] | None = field(default=None,
                                                                      repr=False)
    _pages: dict[tuple[object, ...], bytes] = field(default_factory=dict, repr=False)
    _pages_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.reader = read_engine(self.store)
        self.figures = FigureCache(self.reader, self.store.settings.data_dir / "cache",
                                   self.denominators)

    def version(self) -> Version:
        return self.figures.version()

    def cached_page(self, key: tuple[object, ...]) -> bytes | None:
        """A rendered page for ``key`` (which must include the data version)."""
        return self._pages.get(key)

    def keep_page(self, key: tuple[object, ...], body: bytes) -> None:
        with self._pages_lock:
            if len(self._pages) >= MAX_PAGES:  # old versions and languages: start again
                self._pages.clear()
            self._pages[key] = body

    def dashboard(self, version: Version | None = None) -> dashboard.Dashboard:
        return self.figures.get(version)

    def shapes(self) -> tuple[int, int, tuple[geo.ShapePath, ...]] | None:
        if self.geojson is None:
            return None
        if self._shapes is None:
            self._shapes = geo.svg_paths(geo.load_regions(self.geojson).values())
        return self._shapes

    def close(self) -> None:
        if self.reader is not self.store.engine:
            self.reader.dispose()
