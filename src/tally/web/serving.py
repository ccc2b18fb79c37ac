"""The app as uvicorn's worker processes build it: ``tally serve --workers N``.

uvicorn starts each worker by importing :func:`app_from_environment`, so everything a
worker needs comes from the environment: the store from the usual ``TALLY_*`` settings,
the serve options (map shapes, denominators) as JSON in ``TALLY_SERVE_OPTIONS``. Each
worker opens its own engines (a read-only one for the public pages, see
:mod:`tally.web.reader`) and shares the dashboard's figures through the data dir.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi import FastAPI

from tally.settings import Settings
from tally.stats import Denominators
from tally.store import open_store

OPTIONS_VARIABLE = "TALLY_SERVE_OPTIONS"


@dataclass(frozen=True)
class ServeOptions:
    geojson: str | None = None
    denominator: str | None = None
    denominator_region_column: str = "region"
    denominator_value_column: str = "value"
    warm_every: float | None = 5.0

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ServeOptions:
        return cls(**json.loads(text)) if text else cls()

    def denominators(self) -> Denominators | None:
        if not self.denominator:
            return None
        return Denominators.from_csv(Path(self.denominator), self.denominator_region_column,
                                     self.denominator_value_column)


def default_workers() -> int:
    """One worker per core this process may use (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def app_from_environment() -> FastAPI:
    from tally.web import create_app

    options = ServeOptions.from_json(os.environ.get(OPTIONS_VARIABLE, ""))
    store = open_store(Settings())
    return create_app(store, denominators=options.denominators(),
                      geojson=Path(options.geojson) if options.geojson else None,
                      warm_every=options.warm_every)
