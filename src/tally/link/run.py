"""Probabilistic linkage of the store's current mentions (``tally link``).

A run: features for current mentions (cached; an incremental run computes them for new
mentions only) → a trained model (per collection, retrained with ``full`` or when missing;
collections under :data:`MIN_TRAINING_ROWS` use the shipped default parameters) → scored
pairs (a full run scores every blocked pair, keeping low scores as evidence against a
merge; an incremental run scores new mentions against each other and against existing
mentions sharing a block, then reuses the stored scores) → clusters under reviewer
decisions and distinct-persons lists (:mod:`tally.link.clusters`) → persons with stable ids
(:mod:`tally.link.persist`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from tally.link import clusters, engine, exact, features, model, persist, scoring
from tally.link import incremental as incremental_
from tally.link.files import LinkFiles, default_params
from tally.store import Store
from tally.store.schema import link_runs, mentions, sources
from tally.verify import audit

MIN_TRAINING_ROWS = 2_000
MATCH_THRESHOLD = 0.5
#: A scored pair below this is evidence of two different persons: their clusters never join
#: (stops single-linkage chains such as many «Иванов Александр» through one vague mention).
CONTRADICTION = scoring.FLOOR
_FIELDS = ("full_name", "last_name", "first_name", "patronymic", "birth_date", "death_date",
           "age", "region", "settlement", "unit")


@dataclass(frozen=True)
class RunOptions:
    engine: engine.Engine = "duckdb"
    full: bool = False
    threshold: float = MATCH_THRESHOLD
    actor: str = "cli"


def load_mentions(conn: Connection, only: Iterable[int] | None = None
                  ) -> list[dict[str, Any]]:
    """Current mentions as records (``unique_id`` = mention id, ``grp`` = distinct source);
    ``only``: just these ids (read in chunks, by id)."""
    query = (
        select(mentions.c.id, *[mentions.c[f] for f in _FIELDS], mentions.c.source_id,
               sources.c.distinct_persons)
        .join(sources, sources.c.id == mentions.c.source_id)
        .where(mentions.c.superseded_at.is_(None))
    )
    queries = [query] if only is None else [
        query.where(mentions.c.id.in_(chunk)).order_by(mentions.c.id)
        for chunk in persist.chunks(sorted(only), 5_000)]
    # plain tuples, not mappings: at 1M mentions the per-row mapping access took seconds
    out = []
    for q in queries:
        for mid, *values, source_id, distinct in conn.execute(q):
            rec = dict(zip(_FIELDS, values, strict=True))
            rec["unique_id"] = mid
            rec["grp"] = source_id if distinct else None
            out.append(rec)
    return out


def load_items(conn: Connection) -> dict[int, int | None]:
    """Current mention id -> distinct-persons group (its source) or None."""
    query = (
        select(mentions.c.id, mentions.c.source_id, sources.c.distinct_persons)
        .join(sources, sources.c.id == mentions.c.source_id)
        .where(mentions.c.superseded_at.is_(None))
    )
    rows = persist.raw_rows(conn, query)
    return {mid: (sid if distinct else None) for mid, sid, distinct in rows}


def _features(files: LinkFiles, conn: Connection, full: bool
              ) -> tuple[dict[int, int | None], pd.DataFrame, pd.DataFrame, int | None]:
    """(current mention -> group, all current features, features of mentions not seen before,
    how many rows to append to the cache: None to write it whole).

    Only mentions missing from the feature cache are read in full (an incremental run: the
    new ones), unless they are most of the collection.
    """
    cached = None if full else files.load_frame(files.features)
    if cached is not None and not set(features.FEATURE_COLUMNS) <= set(cached.columns):
        cached = None  # written by an older feature set: recompute
    stale = True
    if cached is None:
        records = load_mentions(conn)
        groups = {int(r["unique_id"]): r["grp"] for r in records}
        known: set[int] = set()
    else:
        groups = load_items(conn)
        current = cached["unique_id"].isin(list(groups))
        stale = not bool(current.all())
        cached = cached[current]
        known = set(cached["unique_id"].tolist())
        missing = [m for m in groups if m not in known]
        records = (load_mentions(conn, missing) if len(missing) * 2 <= len(groups)
                   else [r for r in load_mentions(conn) if int(r["unique_id"]) not in known])
    new = features.build(records)
    frames = [f for f in (cached, new) if f is not None and not f.empty]
    every = pd.concat(frames, ignore_index=True) if frames else new
    every["grp"] = every["unique_id"].map(groups).astype("Int64")
    return groups, every, new, None if stale else len(new)


def _params(files: LinkFiles, frame: pd.DataFrame, opts: RunOptions) -> Any:
    params = None if opts.full else files.load_params()
    if params is not None and not model.fits(params):
        params = None  # saved by an older model version: retrain
    if params is None:
        named = int(frame["surname"].notna().sum())
        params = (engine.train(frame, engine=opts.engine) if named >= MIN_TRAINING_ROWS
                  else default_params())
        files.save_params(params)
    return params


def score(files: LinkFiles, every: pd.DataFrame, new: pd.DataFrame, params: Any,
          opts: RunOptions, must: list[tuple[int, int]] | None = None,
          ) -> tuple[pd.DataFrame, bool, int | None]:
    """Scored pairs of current mentions, whether the run was incremental, and how many rows
    at the end are new (None: stored pairs were dropped, write them whole).

    Kept: pairs scoring ≥ :data:`CONTRADICTION`, and lower ones only inside what strong links
    and must-links would join (:mod:`tally.link.scoring`; the clusters are the same as with
    every blocked pair kept).
    """
    links = must or []
    old_pairs = None if opts.full else files.load_frame(files.pairs)
    if old_pairs is None or opts.engine == "spark":
        return scoring.score(every, params, opts.threshold, floor=CONTRADICTION, links=links,
                             engine=opts.engine), False, None
    ids = set(every["unique_id"].tolist())
    current = old_pairs["unique_id_l"].isin(ids) & old_pairs["unique_id_r"].isin(ids)
    stale = not bool(current.all())
    old_pairs = old_pairs[current]
    new_ids = set(new["unique_id"].tolist())
    every = engine.with_block_keys(every[every["surname"].notna()])
    new = every[every["unique_id"].isin(new_ids)]
    existing = every[~every["unique_id"].isin(new_ids)]
    tf = {c: engine.term_frequencies(every, c) for c in engine.TF_COLUMNS}
    fresh = engine.predict_new(new, engine.candidates(new, existing), params, tf, 0.0)
    pairs = scoring.extend(old_pairs, fresh)
    low = scoring.contradictions(every, pairs, params, opts.threshold, floor=CONTRADICTION,
                                 links=links, touching=new_ids)
    out = scoring.extend(pairs, low)  # stored rows first, none dropped: the rest is new
    return out, True, None if stale else len(out) - len(old_pairs)


def link_probabilistic(store: Store, opts: RunOptions | None = None) -> exact.LinkReport:
    opts = opts or RunOptions()
    files = LinkFiles(store.settings.data_dir)
    with store.engine.begin() as conn:
        items, every, new, new_features = _features(files, conn, opts.full)
    params = _params(files, every, opts)
    with store.engine.connect() as conn:
        must, _cannot, _overruled = exact.resolved_pairs(conn)
    pairs, incremental, new_pairs = score(files, every, new, params, opts, must)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        run = conn.execute(link_runs.insert().values(
            started_at=now, method="splink", params=json.dumps(
                {"engine": opts.engine, "threshold": opts.threshold,
                 "incremental": incremental})))
        pk = run.inserted_primary_key
        assert pk is not None
        run_id = int(pk[0])
        must, cannot, overruled = exact.resolved_pairs(conn)
        stored = persist.current_membership(conn) if incremental else {}
        if incremental and _same_threshold(conn, run_id, opts.threshold):
            decided = [*must, *cannot, *((a, b) for _kind, a, b in overruled)]
            start = incremental_.seeds(items.keys(), new["unique_id"].tolist(), stored, decided)
            reach = incremental_.affected(pairs, opts.threshold, must, start)
            groups, near = incremental_.recluster(items, must, cannot, pairs, opts.threshold,
                                                  reach, stored, cluster)
            changed: set[int] | None = reach
            near_groups = [g for g in groups if next(iter(g)) in reach]  # the others: no rows
        else:
            groups = cluster(items, must, cannot, pairs, opts.threshold)
            near, changed, near_groups = pairs, None, groups
        persist.save(conn, groups, run_id, best_probability(near, near_groups),
                     stored if incremental else None, changed)
        report = exact.LinkReport(run_id, len(items), len(groups), len(items) - len(groups))
        conn.execute(link_runs.update().where(link_runs.c.id == run_id).values(
            finished_at=datetime.now(UTC), n_mentions=report.mentions,
            n_persons=report.persons))
        audit.append(conn, opts.actor, "link.run", f"run {run_id}",
                     {**report.as_dict(), "method": "splink", "incremental": incremental,
                      "overruled_decisions": [list(d) for d in overruled]})
    files.extend_frame(every, new_features, files.features)
    files.extend_frame(pairs, new_pairs, files.pairs)
    return report


def _same_threshold(conn: Connection, run_id: int, threshold: float) -> bool:
    """Were the stored persons made by a probabilistic run with this threshold (reusable)?"""
    row = conn.execute(select(link_runs.c.method, link_runs.c.params).where(
        link_runs.c.id < run_id, link_runs.c.finished_at.is_not(None))
        .order_by(link_runs.c.id.desc()).limit(1)).first()
    if row is None or row[0] != "splink" or not row[1]:
        return False
    return bool(json.loads(row[1]).get("threshold") == threshold)


def cluster(items: dict[int, int | None], must: list[tuple[int, int]],
            cannot: list[tuple[int, int]], pairs: pd.DataFrame, threshold: float,
            ) -> list[set[int]]:
    """Clusters from scored pairs under decisions, distinct lists and scored contradictions."""
    low = pairs[pairs["match_probability"] < min(CONTRADICTION, threshold)]
    strong = pairs[pairs["match_probability"] >= threshold]
    # streamed, not listed: at 1M mentions there are millions of contradictions
    contradictions = ((int(a), int(b)) for a, b in zip(
        low["unique_id_l"].to_numpy(), low["unique_id_r"].to_numpy(), strict=True))
    result = clusters.build(items, must, chain(cannot, contradictions),
                            strong.itertuples(index=False, name=None))
    return result.groups()


def best_probability(pairs: pd.DataFrame, groups: list[set[int]]) -> dict[int, float]:
    """Per mention, the highest match probability to another member of its cluster."""
    where = {m: i for i, g in enumerate(groups) for m in g}
    best: dict[int, float] = {}
    for a, b, p in pairs.itertuples(index=False, name=None):
        if p < CONTRADICTION:
            continue
        if where.get(a) is not None and where.get(a) == where.get(b):
            best[a] = max(best.get(a, 0.0), p)
            best[b] = max(best.get(b, 0.0), p)
    return best
