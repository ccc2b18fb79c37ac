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

import pandas as pd

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
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        a, b = int(a), int(b)
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _edges(pairs: pd.DataFrame, threshold: float,
           links: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    strong = pairs[pairs["match_probability"] >= threshold]
    out = list(zip(strong["unique_id_l"].tolist(), strong["unique_id_r"].tolist(), strict=True))
    return out + [(int(a), int(b)) for a, b in links]


def contradictions(frame: pd.DataFrame, pairs: pd.DataFrame, params: model.Params,
                   threshold: float, *, floor: float = FLOOR,
                   links: Iterable[tuple[int, int]] = (), touching: Collection[int] | None = None,
                   engine: backend.Engine = "duckdb", spark: Any = None) -> pd.DataFrame:
    """Blocked pairs scoring below ``floor`` inside components of links ≥ ``threshold``.

    ``touching`` limits the work to components containing one of these mentions (an
    incremental run: only components a new mention joined can have changed).
    """
    comp = components(_edges(pairs, threshold, links))
    if touching is not None:
        keep = {comp[m] for m in touching if m in comp}
        comp = {m: c for m, c in comp.items() if c in keep}
    if not comp:
        return pd.DataFrame(columns=backend.PAIR_COLUMNS)
    members = frame[frame["unique_id"].isin(comp.keys())].copy()
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
    parts = [f for f in frames if not f.empty]
    if not parts:
        return pd.DataFrame(columns=backend.PAIR_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.drop_duplicates(["unique_id_l", "unique_id_r"], keep="first").reset_index(
        drop=True)
