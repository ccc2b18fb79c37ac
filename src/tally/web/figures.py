"""The dashboard's figures, computed once per data version and shared by all workers.

Computing them scans the persons table (seconds at 1,000,000 persons), so they are kept:
in memory for this process, and in ``<data dir>/cache/`` for the other worker processes
of the same server, keyed by the database, the data version
(:func:`tally.stats.data_version`, which moves with every import, link run, grading run
and review decision) and the denominators. A file lock makes one worker compute while the
others wait and then read its result. :class:`Warmer` recomputes in the background soon
after the data change, so a visitor rarely waits for it.

The cache files are pickles written and read only by the server itself, in the data
directory the operator controls (whoever can write there can change the data anyway).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine

from tally import stats
from tally.publish import dashboard

Version = tuple[int, int, int]

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process lock, each computes
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a+b") as fh:
        if fcntl is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class FigureCache:
    """``get()`` returns the dashboard for the current data version."""

    def __init__(self, engine: Engine, folder: Path | None,
                 denominators: stats.Denominators | None) -> None:
        self.engine = engine
        self.denominators = denominators
        self.folder = folder
        self._held: tuple[Version, dashboard.Dashboard] | None = None
        self._lock = threading.Lock()
        self.computed = 0  # how many times this process computed (for tests and logs)
        ident = repr((engine.url.render_as_string(hide_password=True),
                      denominators.label if denominators else None,
                      sorted(denominators.values.items()) if denominators else None))
        self._prefix = "dashboard-" + hashlib.sha256(ident.encode()).hexdigest()[:16]

    def version(self) -> Version:
        with self.engine.connect() as conn:
            return stats.data_version(conn)

    def _path(self, version: Version) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{self._prefix}-{'-'.join(map(str, version))}.pickle"

    def _load(self, path: Path | None) -> dashboard.Dashboard | None:
        if path is None or not path.exists():
            return None
        try:
            with path.open("rb") as fh:
                found = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        return found if isinstance(found, dashboard.Dashboard) else None

    def _store(self, path: Path, built: dashboard.Dashboard) -> None:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for old in path.parent.glob(f"{self._prefix}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)

    def _compute(self) -> dashboard.Dashboard:
        self.computed += 1
        with self.engine.connect() as conn:
            return dashboard.build(conn, self.denominators)

    def get(self, version: Version | None = None) -> dashboard.Dashboard:
        version = version or self.version()
        held = self._held
        if held is not None and held[0] == version:
            return held[1]
        with self._lock:
            held = self._held
            if held is not None and held[0] == version:
                return held[1]
            built = self._shared(version)
            self._held = (version, built)
            return built

    def _shared(self, version: Version) -> dashboard.Dashboard:
        path = self._path(version)
        found = self._load(path)
        if found is not None or path is None:
            return found or self._compute()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = path.parent / f"{self._prefix}.lock"
            with _file_lock(lock):
                found = self._load(path)  # another worker may have finished meanwhile
                if found is not None:
                    return found
                built = self._compute()
                self._store(path, built)
                return built
        except OSError:  # read-only data dir: compute for this process alone
            return self._compute()


class Warmer:
    """Calls ``refresh`` every ``every`` seconds in a daemon thread until stopped."""

    def __init__(self, refresh: Callable[[], object], every: float) -> None:
        self._refresh = refresh
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tally-warmer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(Exception):  # a failed refresh is retried next time
                self._refresh()
            self._stop.wait(self._every)
