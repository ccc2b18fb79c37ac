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
import socket
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

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


APP = "tally.web.serving:app_from_environment"


def listening_socket(config: Any) -> socket.socket:
    """uvicorn's socket for several workers, with Nagle's algorithm off.

    uvicorn makes it as ``socket.socket(family)`` (protocol 0), so asyncio does not know the
    accepted connections are TCP and leaves Nagle on; a response written in two parts then
    waits for the client's delayed ACK: +40 ms a request (measured with httpx, 44 ms against
    1.7 ms). Linux passes TCP_NODELAY on to every accepted connection."""
    sock: socket.socket = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def run(host: str, port: int, workers: int) -> None:
    """Serve until stopped: one process, or a supervisor and ``workers`` processes."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers,
                            log_level="warning")
    if workers <= 1:
        uvicorn.Server(config).run()
        return
    Multiprocess(config, sockets=[listening_socket(config)]).run()
