"""The figures of the dashboard's estimates panel, computed here and only rendered by the web.

The panel always shows the **named count** (persons in the store, merged duplicates and
discounted persons excluded) beside the estimate, so that an estimate is never read without
the count it is built on. From the store it builds the capture table over sources (each source
is one list, each live person one individual: :func:`tally.estimate.from_store.capture_tables`)
and reports:

* the default estimate: log-linear, model chosen by BIC, multinomial profile interval;
* a second opinion: LCMCR (latent classes, so heterogeneity is modelled), with the library's
  default sampler settings. It takes seconds, so it is cached in
  ``DATA_DIR/cache/estimates-lcmcr.json`` keyed by a hash of the capture table, the settings,
  the level and the seed: the result is a deterministic function of these, so a cached value
  is right whatever happened in the store since, and is recomputed only when the table changes
  (a link run, a review decision). :func:`build_panel` with ``run_lcmcr=False`` reads the cache
  only (the web app then computes it in the background);
* the lists and their sizes, the capture patterns, the assumptions in plain words (as codes
  with values, translated by the presentation layer) and warnings.

Fewer than three sources holding persons: the panel refuses, with the reason, and shows only
the named count and the lists. More than :data:`MAX_LISTS` sources: the smallest are pooled
into one list, "other sources" (the number of log-linear models grows as ``2**C(J, 2)``).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tally.estimate.lcmcr import LcmcrSettings, estimate_lcmcr
from tally.estimate.loglinear import estimate_loglinear
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable
from tally.store import Store
from tally.store.schema import link_runs, persons

MIN_LISTS = 3
MAX_LISTS = 5
#: name of the list the smallest sources are pooled into when there are more than MAX_LISTS
OTHER = "other sources"
#: a list is "small" below this many persons, or below SMALL_SHARE of everyone observed
SMALL_LIST = 10
SMALL_SHARE = 0.01
#: an estimate or bound above this multiple of the observed count is flagged
FAR_ABOVE = 10.0
#: competing models: within this much BIC of the best, with N differing by more than MODEL_SPREAD
CLOSE_BIC = 2.0
MODEL_SPREAD = 0.10
RHAT_MAX = 1.1
CACHE_FILE = "estimates-lcmcr.json"


@dataclass(frozen=True)
class PanelSettings:
    """What the panel computes. ``lcmcr=None`` turns the second opinion off."""

    level: float = 0.95
    lcmcr: LcmcrSettings | None = field(default_factory=LcmcrSettings)
    seed: int = 2024


@dataclass(frozen=True)
class Note:
    """An assumption or warning: a stable ``code`` and the values its sentence needs."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "values": dict(self.values)}


@dataclass(frozen=True)
class ListSize:
    name: str
    size: int
    only: int  # persons on this list and no other


@dataclass(frozen=True)
class EstimatesPanel:
    """Everything the panel shows. ``second_status``: done, pending, off or failed."""

    named: int
    confirmed: int
    observed: int
    lists: tuple[ListSize, ...]
    pooled: tuple[str, ...]
    table: CaptureTable | None
    estimate: Estimate | None
    interactions: tuple[tuple[str, ...], ...]
    second_opinion: Estimate | None
    second_status: str
    assumptions: tuple[Note, ...]
    warnings: tuple[Note, ...]
    refusal: Note | None
    link_method: str | None

    def patterns(self) -> list[dict[str, Any]]:
        """Capture patterns with their counts, in the table's canonical order."""
        if self.table is None:
            return []
        lists = self.table.lists
        return [
            {"pattern": "".join(map(str, p)), "lists": [lists[j] for j, v in enumerate(p) if v],
             "count": c}
            for p, c in zip(self.table.patterns, self.table.counts, strict=True)
        ]

    def to_dict(self) -> dict[str, Any]:
        """Strict-JSON-safe dict (infinite bounds become ``None``)."""
        return {
            "named": self.named,
            "confirmed": self.confirmed,
            "observed": self.observed,
            "lists": [asdict(item) for item in self.lists],
            "pooled": list(self.pooled),
            "patterns": self.patterns(),
            "estimate": None if self.estimate is None else _brief(self.estimate),
            "interactions": [list(t) for t in self.interactions],
            "second_opinion": None if self.second_opinion is None else _brief(self.second_opinion),
            "second_status": self.second_status,
            "assumptions": [n.to_dict() for n in self.assumptions],
            "warnings": [n.to_dict() for n in self.warnings],
            "refusal": None if self.refusal is None else self.refusal.to_dict(),
            "link_method": self.link_method,
        }


def _brief(est: Estimate) -> dict[str, Any]:
    keep = ("criterion", "models_compared", "top_models", "rhat", "ess", "chains",
            "draws_per_chain", "burnin", "thinning", "seed")
    out = est.to_dict()
    out["diagnostics"] = {k: v for k, v in out["diagnostics"].items() if k in keep}
    return out


# -- the capture table ------------------------------------------------------------------------


def pool_lists(
    table: CaptureTable, max_lists: int = MAX_LISTS
) -> tuple[CaptureTable, tuple[str, ...]]:
    """Keep the ``max_lists - 1`` largest lists, pool the rest into :data:`OTHER`."""
    if table.n_lists <= max_lists:
        return table, ()
    sizes = table.list_sizes()
    order = sorted(table.lists, key=lambda name: (-sizes[name], name))
    keep, pooled = order[: max_lists - 1], tuple(sorted(order[max_lists - 1 :]))
    idx = [table.lists.index(name) for name in keep]
    rest = [table.lists.index(name) for name in pooled]
    counts: dict[tuple[int, ...], int] = {}
    for pattern, count in zip(table.patterns, table.counts, strict=True):
        key = (*(pattern[i] for i in idx), int(any(pattern[i] for i in rest)))
        counts[key] = counts.get(key, 0) + count
    return CaptureTable.from_counts((*keep, OTHER), counts), pooled


def list_sizes(table: CaptureTable) -> tuple[ListSize, ...]:
    sizes = table.list_sizes()
    only = {name: table.count(tuple(int(k == j) for k in range(table.n_lists)))
            for j, name in enumerate(table.lists)}
    return tuple(ListSize(name, sizes[name], only[name]) for name in table.lists)


def label_terms(label: str, lists: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A Ball-style model label (``[12 13]``) as interaction terms of list names."""
    body = label.strip().strip("[]")
    if body == "independence":
        return ()
    return tuple(tuple(lists[int(d) - 1] for d in term) for term in body.split())


def interactions(est: Estimate, lists: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The chosen model's interaction terms as list names."""
    return label_terms(str(est.diagnostics.get("model_label", "[independence]")), lists)


# -- the second opinion, cached ---------------------------------------------------------------


def _cache_key(table: CaptureTable, settings: PanelSettings) -> str:
    assert settings.lcmcr is not None
    text = json.dumps({"lists": table.lists, "counts": table.counts, "level": settings.level,
                       "seed": settings.seed, "lcmcr": asdict(settings.lcmcr)}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def cache_path(store: Store) -> Path:
    return store.settings.data_dir / "cache" / CACHE_FILE


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def second_opinion(
    table: CaptureTable, settings: PanelSettings, cache: Path, *, compute: bool = True
) -> Estimate | None:
    """LCMCR on ``table``: from the cache, else computed (and cached) when ``compute``."""
    if settings.lcmcr is None:
        return None
    key = _cache_key(table, settings)
    entries = _read_cache(cache)
    if key in entries:
        return _from_dict(entries[key])
    if not compute:
        return None
    est = estimate_lcmcr(table, level=settings.level, seed=settings.seed,
                         **asdict(settings.lcmcr))
    entries = {k: v for k, v in _read_cache(cache).items() if k != key}
    entries = dict(list(entries.items())[-7:])  # a few tables (levels, settings) at most
    entries[key] = est.to_dict()
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(entries, allow_nan=False), encoding="utf-8")
    tmp.replace(cache)
    return est


def _from_dict(data: dict[str, Any]) -> Estimate:
    values = dict(data)
    for key in ("lower", "upper", "N"):
        if values.get(key) is None:
            values[key] = math.inf
    return Estimate(**values)


# -- assumptions and warnings -----------------------------------------------------------------


def _assumptions(est: Estimate | None, terms: tuple[tuple[str, ...], ...], link_method: str | None,
                 pooled: tuple[str, ...], n_lists: int) -> tuple[Note, ...]:
    notes = [Note("closed"), Note("linkage", {"method": link_method or "none"})]
    if est is not None:
        named_terms = [" × ".join(t) for t in terms]
        notes.append(Note("dependence", {"terms": named_terms, "lists": n_lists}))
        notes.append(Note("highest_order", {"lists": n_lists}))
    notes += [Note("heterogeneity"), Note("catchable")]
    if pooled:
        notes.append(Note("pooled", {"sources": list(pooled), "count": len(pooled)}))
    return tuple(notes)


def _bound_warnings(est: Estimate, observed: int, which: str) -> list[Note]:
    if math.isinf(est.upper):
        return [Note("unbounded", {"method": which})]
    if est.upper > FAR_ABOVE * observed:
        return [Note("far_above", {"method": which, "upper": est.upper,
                                   "ratio": est.upper / max(observed, 1)})]
    return []


def warnings_for(panel_lists: tuple[ListSize, ...], observed: int, named: int, discounted: int,
                 est: Estimate | None, second: Estimate | None) -> list[Note]:
    """Warnings about the lists and the estimates (see the module's thresholds)."""
    notes: list[Note] = []
    lists = tuple(item.name for item in panel_lists)
    small = max(SMALL_LIST, SMALL_SHARE * observed)
    for item in panel_lists:
        if item.size < small:
            notes.append(Note("small_list", {"list": item.name, "size": item.size}))
        if item.size > 0 and item.only == item.size:
            notes.append(Note("no_overlap", {"list": item.name}))
    if named != observed:
        notes.append(Note("named_differs", {"named": named, "observed": observed}))
    if discounted:
        notes.append(Note("discounted_included", {"count": discounted}))
    if est is not None:
        notes += _bound_warnings(est, observed, "loglinear")
        best_bic = min((m["bic"] for m in est.diagnostics.get("top_models", [])), default=None)
        for m in est.diagnostics.get("top_models", [])[1:]:
            close = best_bic is not None and m["bic"] - best_bic <= CLOSE_BIC
            if close and abs(m["N"] - est.N) > MODEL_SPREAD * est.N:
                terms = [" × ".join(t) for t in label_terms(m["model"], lists)]
                notes.append(Note("model_uncertainty", {"model": terms, "N": m["N"]}))
                break
    if second is not None:
        notes += _bound_warnings(second, observed, "lcmcr")
        rhat = second.diagnostics.get("rhat")
        if isinstance(rhat, float) and rhat > RHAT_MAX:
            notes.append(Note("lcmcr_unconverged", {"rhat": rhat}))
        if est is not None and not est.lower <= second.N <= est.upper:
            notes.append(Note("methods_disagree", {"loglinear": est.N, "lcmcr": second.N}))
    return notes


# -- the panel --------------------------------------------------------------------------------


def _counts(store: Store) -> tuple[dict[str, int], str | None]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(persons.c.grade, func.count())
                            .where(persons.c.merged_into.is_(None)).group_by(persons.c.grade))
        by_grade = {str(grade): int(n) for grade, n in rows}
        method = conn.execute(select(link_runs.c.method)
                              .order_by(link_runs.c.id.desc()).limit(1)).scalar()
    return by_grade, None if method is None else str(method)


def build_panel(
    store: Store, settings: PanelSettings | None = None, *, run_lcmcr: bool = True
) -> EstimatesPanel:
    """The panel's figures. ``run_lcmcr=False`` reads the second opinion from the cache only
    (``second_status`` is then ``pending`` when it is not there yet)."""
    from tally.estimate.from_store import capture_tables, derived_sources

    settings = settings or PanelSettings()
    by_grade, link_method = _counts(store)
    with store.engine.connect() as conn:
        left_out = derived_sources(conn)
    derived = (Note("derived", {"sources": left_out}),) if left_out else ()
    discounted = by_grade.get("discounted", 0)
    named = sum(by_grade.values()) - discounted
    try:
        full: CaptureTable | None = capture_tables(store)[""]
    except (ValueError, KeyError):
        full = None
    table, pooled = pool_lists(full) if full is not None else (None, ())
    lists = list_sizes(table) if table is not None else ()
    observed = table.n if table is not None else 0
    common: dict[str, Any] = {"named": named, "confirmed": by_grade.get("confirmed", 0),
                              "observed": observed, "lists": lists, "pooled": pooled,
                              "table": table, "link_method": link_method}
    if table is None or table.n_lists < MIN_LISTS:
        held = 0 if table is None else table.n_lists
        refusal = Note("too_few_lists", {"lists": held, "needed": MIN_LISTS,
                                         "names": [item.name for item in lists]})
        return EstimatesPanel(**common, estimate=None, interactions=(), second_opinion=None,
                              second_status="off", assumptions=derived, warnings=(),
                              refusal=refusal)
    try:
        est: Estimate | None = estimate_loglinear(table, criterion="bic", level=settings.level)
    except ValueError:
        est = None
    terms = interactions(est, table.lists) if est is not None else ()
    second, status = _second(store, table, settings, run_lcmcr)
    warnings = warnings_for(lists, observed, named, discounted, est, second)
    if est is None:
        warnings.insert(0, Note("loglinear_failed"))
    return EstimatesPanel(
        **common, estimate=est, interactions=terms, second_opinion=second, second_status=status,
        assumptions=(*_assumptions(est, terms, link_method, pooled, table.n_lists), *derived),
        warnings=tuple(warnings), refusal=None,
    )


def _second(store: Store, table: CaptureTable, settings: PanelSettings,
            run: bool) -> tuple[Estimate | None, str]:
    if settings.lcmcr is None:
        return None, "off"
    try:
        est = second_opinion(table, settings, cache_path(store), compute=run)
    except (ValueError, FloatingPointError):
        return None, "failed"
    return est, "done" if est is not None else "pending"
