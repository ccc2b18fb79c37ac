"""Scored pairs for clustering without materialising every blocked pair.

Clustering (:func:`tally.link.run.cluster`) needs the pairs at or above a floor (matches,
the review band, best probabilities) and, as evidence *against* a merge, the low-scored pairs
inside what would otherwise become one cluster. A low pair between two mentions that no
strong link or must-link chain connects can never matter, so scoring runs in two passes:

1. every blocked pair, keeping only those scoring ≥ ``floor`` (Splink's prediction threshold:
   the rest are never written out — at 1M mentions they were most of the 20 GB);
2. the components of links ≥ ``threshold`` (plus must-links) with two or more mentions are
   scored again — every pair inside a component of at most :data:`WHOLE_COMPONENT_MAX`
   mentions, the blocked pairs inside larger ones (``l.comp = r.comp AND rule``) — keeping
   the pairs below ``floor``: the only low pairs that can constrain a cluster.

Clusters are those of every blocked pair kept, except that more contradictions are seen (pairs
inside a would-be cluster that no blocking rule brings together). Term frequencies for the
second pass are counted on the whole collection, so a pair scores the same in both passes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from tally.link import engine as backend
from tally.link import model

#: The lowest score kept from the first pass, and the "contradiction" line of clustering (was
#: 0.01; 0.1 chosen on the synth corpus: fewer namesake chains, see docs/linkage.md).
FLOOR = 0.1
#: Would-be clusters up to this size have *every* pair of members scored in the second pass,
#: not only the blocked ones: two namesakes with different birth years, death months, regions
#: and patronymics share no blocking key, yet a vague mention can chain them (at 1M mentions
#: this halved precision). Larger components keep to the blocked pairs (bounded work).
WHOLE_COMPONENT_MAX = 200


def components(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Mention -> smallest mention id of its connected component (only mentions in edges)."""
    pairs = list(edges)
    left = np.array([int(a) for a, _b in pairs], dtype="int64")
    right = np.array([int(b) for _a, b in pairs], dtype="int64")
    return {int(k): int(v) for k, v in component_labels(left, right).items()}


def component_labels(left: np.ndarray, right: np.ndarray) -> pd.Series:
    """Like :func:`components`, vectorised: a Series mention id -> smallest id of its component
    (scipy's connected components; at 1M mentions a Python union-find took 5 s)."""
    if len(left) == 0:
        return pd.Series(dtype="int64")
    codes, uniques = pd.factorize(np.concatenate([left, right]))
    n, k = len(uniques), len(left)
    graph = coo_matrix((np.ones(k, dtype=np.int8), (codes[:k], codes[k:])), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    ids = pd.Series(np.asarray(uniques, dtype="int64"))
    smallest = ids.groupby(labels).transform("min").to_numpy()
    return pd.Series(smallest, index=ids.to_numpy())


def strong_edges(pairs: pd.DataFrame, threshold: float,
                 links: Iterable[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(left ids, right ids) of pairs ≥ ``threshold`` plus must-links."""
    strong = pairs[pairs["match_probability"] >= threshold]
    extra = [(int(a), int(b)) for a, b in links]
    left = np.concatenate([strong["unique_id_l"].to_numpy(dtype="int64"),
                           np.array([a for a, _b in extra], dtype="int64")])
    right = np.concatenate([strong["unique_id_r"].to_numpy(dtype="int64"),
                            np.array([b for _a, b in extra], dtype="int64")])
    return left, right


def contradictions(frame: pd.DataFrame, pairs: pd.DataFrame, params: model.Params,
                   threshold: float, *, floor: float = FLOOR,
                   links: Iterable[tuple[int, int]] = (), touching: Collection[int] | None = None,
                   engine: backend.Engine = "duckdb", spark: Any = None) -> pd.DataFrame:
    """Blocked pairs scoring below ``floor`` inside components of links ≥ ``threshold``.

    ``touching`` limits the work to components containing one of these mentions (an
    incremental run: only components a new mention joined can have changed).
    """
    comp = component_labels(*strong_edges(pairs, threshold, links))
    if touching is not None:
        keep = comp.reindex(list(touching)).dropna().unique()
        comp = comp[comp.isin(keep)]
    if comp.empty:
        return pd.DataFrame(columns=backend.PAIR_COLUMNS)
    members = frame[frame["unique_id"].isin(comp.index)].copy()
    ids = members["unique_id"].map(comp).astype("int64")
    size = ids.map(ids.value_counts())
    # small would-be clusters: every pair; larger ones: the blocked pairs only
    members["comp_all"] = ids.where(size <= WHOLE_COMPONENT_MAX).astype("Int64")
    members["comp"] = ids.where(size > WHOLE_COMPONENT_MAX).astype("Int64")
    tf = {c: backend.term_frequencies(frame, c) for c in backend.TF_COLUMNS}
    rules = ("l.comp_all = r.comp_all",
             *(f"l.comp = r.comp AND ({rule})" for rule in model.BLOCKING_RULES))
    low = backend.predict(members, params, 0.0, engine, spark, blocking=rules, tf=tf)
    return low[low["match_probability"] < floor].reset_index(drop=True)


def score(frame: pd.DataFrame, params: model.Params, threshold: float, *,
          floor: float = FLOOR, links: Iterable[tuple[int, int]] = (),
          engine: backend.Engine = "duckdb", spark: Any = None) -> pd.DataFrame:
    """Pairs ≥ ``floor`` plus the low pairs that can keep a cluster apart (see module doc)."""
    floor = min(floor, threshold)
    links = list(links)
    frame = backend.with_block_keys(frame[frame["surname"].notna()])
    kept = backend.predict(frame, params, floor, engine, spark)
    low = contradictions(frame, kept, params, threshold, floor=floor, links=links,
                         engine=engine, spark=spark)
    return merge(kept, low)


def merge(*frames: pd.DataFrame) -> pd.DataFrame:
    """The pairs of ``frames`` in order, each pair once (its first row kept)."""
    parts = [f for f in frames if not f.empty]
    if not parts:
        return pd.DataFrame(columns=backend.PAIR_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.drop_duplicates(["unique_id_l", "unique_id_r"], keep="first").reset_index(
        drop=True)


def extend(stored: pd.DataFrame, *frames: pd.DataFrame) -> pd.DataFrame:
    """``merge(stored, *frames)`` for ``stored`` without repeated pairs: only the few stored
    rows whose two mentions both occur in ``frames`` are compared (at 1M mentions
    deduplicating every stored pair took 1 s per merge)."""
    later = merge(*frames)
    if later.empty:
        return stored.reset_index(drop=True)
    if stored.empty:
        return later
    ids = pd.unique(np.concatenate([later["unique_id_l"].to_numpy(dtype="int64"),
                                    later["unique_id_r"].to_numpy(dtype="int64")]))
    near = stored[stored["unique_id_l"].isin(ids) & stored["unique_id_r"].isin(ids)]
    fresh = ~pd.MultiIndex.from_frame(later[["unique_id_l", "unique_id_r"]].astype("int64")).isin(
        pd.MultiIndex.from_frame(near[["unique_id_l", "unique_id_r"]].astype("int64")))
    return pd.concat([stored, later[fresh]], ignore_index=True)
