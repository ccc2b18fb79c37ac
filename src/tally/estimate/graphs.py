"""Decomposable (chordal) graphs on a few nodes, as cliques and separators.

Used by :mod:`tally.estimate.dga` to average over every decomposable graphical model of the
lists (Madigan & York 1997). Nodes are list indices ``0 .. J-1``. A decomposable graph factorises
as ``prod(cliques) / prod(separators)``; the separators are the intersections along a junction
tree (a maximum-weight spanning tree of the clique graph). Empty separators, between the
connected components, are dropped: their marginal likelihood is one.

With J = 3, 4, 5 there are 8, 61 and 822 such graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

Edge = tuple[int, int]


@dataclass(frozen=True)
class DecomposableGraph:
    """One decomposable graph: its edges, maximal cliques and junction-tree separators."""

    n_nodes: int
    edges: frozenset[Edge]
    cliques: tuple[frozenset[int], ...]
    separators: tuple[frozenset[int], ...]

    def label(self, names: list[str] | None = None) -> str:
        """Cliques in dga/log-linear bracket notation, e.g. ``[12][3]`` or ``[EXH,ABA][OSCE]``."""
        parts = []
        for clique in sorted(self.cliques, key=lambda c: sorted(c)):
            members = sorted(clique)
            if names is None:
                parts.append("".join(str(i + 1) for i in members))
            else:
                parts.append(",".join(names[i] for i in members))
        return "".join(f"[{p}]" for p in parts)


def _neighbours(n_nodes: int, edges: frozenset[Edge]) -> list[set[int]]:
    adj: list[set[int]] = [set() for _ in range(n_nodes)]
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    return adj


def is_chordal(n_nodes: int, edges: frozenset[Edge]) -> bool:
    """True when the graph has a perfect elimination ordering (remove simplicial vertices)."""
    adj = _neighbours(n_nodes, edges)
    remaining = set(range(n_nodes))
    while remaining:
        for v in sorted(remaining):
            nb = adj[v] & remaining
            if all(b in adj[a] for a, b in combinations(sorted(nb), 2)):
                remaining.remove(v)
                break
        else:
            return False
    return True


def maximal_cliques(n_nodes: int, edges: frozenset[Edge]) -> list[frozenset[int]]:
    """All maximal cliques, by brute force over node subsets (fine for a handful of nodes)."""
    adj = _neighbours(n_nodes, edges)
    cliques: list[frozenset[int]] = []
    for size in range(n_nodes, 0, -1):
        for subset in combinations(range(n_nodes), size):
            if all(b in adj[a] for a, b in combinations(subset, 2)):
                s = frozenset(subset)
                if not any(s < c for c in cliques):
                    cliques.append(s)
    return cliques


def junction_separators(cliques: list[frozenset[int]]) -> list[frozenset[int]]:
    """Non-empty separators of a junction tree (Kruskal's maximum-weight spanning tree)."""
    pairs = sorted(
        combinations(range(len(cliques)), 2),
        key=lambda p: -len(cliques[p[0]] & cliques[p[1]]),
    )
    parent = list(range(len(cliques)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    separators = []
    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
            sep = cliques[i] & cliques[j]
            if sep:
                separators.append(sep)
    return separators


@cache
def decomposable_graphs(n_nodes: int) -> tuple[DecomposableGraph, ...]:
    """Every decomposable graph on ``n_nodes`` labelled nodes (2 ≤ n_nodes ≤ 6)."""
    if not 2 <= n_nodes <= 6:
        raise ValueError(f"decomposable graph enumeration supports 2..6 lists, not {n_nodes}")
    all_edges = list(combinations(range(n_nodes), 2))
    graphs = []
    for mask in range(1 << len(all_edges)):
        edges = frozenset(e for k, e in enumerate(all_edges) if mask >> k & 1)
        if not is_chordal(n_nodes, edges):
            continue
        cliques = maximal_cliques(n_nodes, edges)
        graphs.append(
            DecomposableGraph(
                n_nodes=n_nodes,
                edges=edges,
                cliques=tuple(cliques),
                separators=tuple(junction_separators(cliques)),
            )
        )
    return tuple(graphs)
