"""Per-app holder of the estimates panel: cached per data version, second opinion in the
background.

The log-linear figures take well under a second and are computed on the request (then cached
until the data version moves). LCMCR takes seconds, so a page never waits for it: the first
view after the capture table changes starts one background thread that computes it into the
panel's cache file (:func:`tally.estimate.panel.second_opinion`) and shows "being computed";
the next view after it finishes shows it. An app may set ``app.state.estimates_settings`` to a
:class:`~tally.estimate.panel.PanelSettings` (interval level, sampler length) before serving.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace

from fastapi import Request

from tally.estimate.panel import (
    EstimatesPanel,
    PanelSettings,
    build_panel,
    cache_path,
    second_opinion,
)
from tally.estimate.table import CaptureTable
from tally.store import Store
from tally.web.deps import context

log = logging.getLogger(__name__)
_CREATE = threading.Lock()


@dataclass
class EstimatesService:
    store: Store
    settings: PanelSettings
    _panel: tuple[object, EstimatesPanel] | None = field(default=None, repr=False)
    _worker: threading.Thread | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _failed: object | None = field(default=None, repr=False)

    def computing(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def panel(self, version: object) -> EstimatesPanel:
        """The panel for this data version; starts the second opinion when it is missing."""
        with self._lock:
            cached = self._panel
            stale = cached is None or cached[0] != version or (
                cached[1].second_status == "pending" and not self.computing()
            )
            if not stale and cached is not None:
                return cached[1]
            built = build_panel(self.store, self.settings, run_lcmcr=False)
            if built.second_status == "pending" and self._failed == version:
                built = replace(built, second_status="failed")
            self._panel = (version, built)
            if built.second_status == "pending" and built.table is not None \
                    and not self.computing():
                self._start(built.table, version)
            return built

    def _start(self, table: CaptureTable, version: object) -> None:
        def work() -> None:
            try:
                second_opinion(table, self.settings, cache_path(self.store), compute=True)
            except Exception:  # a failed background job must not kill the server
                log.exception("LCMCR second opinion failed")
                self._failed = version

        self._worker = threading.Thread(target=work, name="tally-lcmcr", daemon=True)
        self._worker.start()


def service(request: Request) -> EstimatesService:
    """The app's service, created on first use."""
    state = request.app.state
    with _CREATE:
        found = getattr(state, "estimates_service", None)
        if not isinstance(found, EstimatesService):
            settings = getattr(state, "estimates_settings", None)
            found = EstimatesService(context(request).store,
                                     settings if isinstance(settings, PanelSettings)
                                     else PanelSettings())
            state.estimates_service = found
    return found
