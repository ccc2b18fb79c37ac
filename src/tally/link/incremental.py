"""Incremental clustering: cluster again only what a change can reach.

Clustering (:func:`tally.link.clusters.build`) works component by component: a link joins
two clusters only along a pair ≥ the threshold or a must-link, and a constraint only matters
between clusters being joined, so the clusters inside one component of those links depend on
that component's pairs, decisions and members alone. An incremental run adds pairs only
around new mentions (and low pairs inside the components they joined), so a component that
holds none of the following is clustered exactly as in the previous run, and its mentions
keep their stored persons:

* a new mention, or one without a stored person;
* a mention named in a reviewer decision (a new decision, or one a newer one overrules);
* a fellow member (stored person) of any of these, or of a mention that is no longer current
  (a superseded list row): the links that held its person together may be gone.

At 1M mentions this takes clustering from ~45 s (millions of links and contradictions) to the
few thousand mentions around the new ones.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

import pandas as pd

from tally.link import scoring

Cluster = Callable[[dict[int, int | None], list[tuple[int, int]], list[tuple[int, int]],
                    pd.DataFrame, float], list[set[int]]]


def seeds(items: Collection[int], new: Iterable[int], stored: Mapping[int, int],
          decided: Iterable[tuple[int, int]]) -> set[int]:
    """Current mentions whose clusters may change (see the module doc)."""
    out = {int(m) for m in new}
    for a, b in decided:
        out.update((a, b))
    out.update(m for m in items if m not in stored)
    persons = {stored[m] for m in out if m in stored}
    persons.update(p for m, p in stored.items() if m not in items)
    out.update(m for m, p in stored.items() if p in persons)
    return {m for m in out if m in items}


def affected(pairs: pd.DataFrame, threshold: float, must: Iterable[tuple[int, int]],
             start: set[int]) -> set[int]:
    """``start`` and every mention in a component (links ≥ threshold, must-links) with one."""
    comp = scoring.component_labels(*scoring.strong_edges(pairs, threshold, must))
    labels = comp.reindex(list(start)).dropna().unique()
    return start | {int(m) for m in comp.index[comp.isin(labels)]}


def recluster(items: Mapping[int, int | None], must: list[tuple[int, int]],
              cannot: list[tuple[int, int]], pairs: pd.DataFrame, threshold: float,
              reach: set[int], stored: Mapping[int, int], cluster: Cluster,
              ) -> tuple[list[set[int]], pd.DataFrame]:
    """(clusters of every current mention, the pairs among ``reach``).

    Mentions outside ``reach`` keep their stored persons; ``cluster`` is run on ``reach``.
    """
    kept: dict[int, set[int]] = {}
    for m in items:
        if m not in reach:
            kept.setdefault(stored[m], set()).add(m)
    inside = pairs[pairs["unique_id_l"].isin(reach) & pairs["unique_id_r"].isin(reach)]
    sub = {m: items[m] for m in reach if m in items}
    fresh = cluster(sub, [p for p in must if p[0] in reach and p[1] in reach],
                    [p for p in cannot if p[0] in reach and p[1] in reach], inside, threshold)
    return [*kept.values(), *fresh], inside
