"""Clusters of mentions under constraints.

Must-link pairs (a reviewer said "same person") are always joined; cannot-link pairs (a
reviewer said "different persons", or two rows of a list whose rows are distinct persons)
are never in one cluster. Candidate links are applied strongest first, and a link that would
put a cannot-link pair together is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class Clusters:
    """Union-find over mention ids with per-cluster sets of cannot-link partners."""

    parent: dict[int, int] = field(default_factory=dict)
    members: dict[int, set[int]] = field(default_factory=dict)
    # root -> group tags that must stay unique within a cluster (distinct-persons sources)
    tags: dict[int, dict[int, int]] = field(default_factory=dict)
    cannot: dict[int, set[int]] = field(default_factory=dict)  # mention -> mentions

    def add(self, item: int, distinct_group: int | None = None) -> None:
        if item in self.parent:
            return
        self.parent[item] = item
        self.members[item] = {item}
        self.tags[item] = {distinct_group: 1} if distinct_group is not None else {}

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def forbid(self, a: int, b: int) -> None:
        self.forbid_all(((a, b),))

    def forbid_all(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Forbid each pair whose two items are both known (a tight loop: at 1M mentions
        there are millions of these)."""
        parent, partners = self.parent, self.cannot
        for a, b in pairs:
            if a in parent and b in parent:
                if a in partners:
                    partners[a].add(b)
                else:
                    partners[a] = {b}
                if b in partners:
                    partners[b].add(a)
                else:
                    partners[b] = {a}

    def allowed(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if set(self.tags[ra]) & set(self.tags[rb]):
            return False
        small, big = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        big_members = self.members[big]
        return not any(self.cannot.get(m, set()) & big_members for m in self.members[small])

    def union(self, a: int, b: int, *, force: bool = False) -> bool:
        """Join the clusters of a and b; refused (False) when a constraint forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and not self.allowed(a, b):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        for tag, n in self.tags.pop(rb).items():
            self.tags[ra][tag] = self.tags[ra].get(tag, 0) + n
        return True

    def groups(self) -> list[set[int]]:
        return [set(m) for m in self.members.values()]


def resolve(
    decisions: Iterable[tuple[str, int, int]],
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[str, int, int]]]:
    """(must, cannot, overruled) from pair decisions given newest first.

    The newest decision wins: an older "same" that would join a pair a newer decision keeps
    apart, or an older "different" between mentions that newer decisions join (even through
    other mentions), is overruled — not applied, and returned so it can be shown to reviewers.
    """
    c = Clusters()
    must: list[tuple[int, int]] = []
    cannot: list[tuple[int, int]] = []
    overruled: list[tuple[str, int, int]] = []
    for kind, a, b in decisions:
        c.add(a)
        c.add(b)
        if kind == "same":
            if c.union(a, b):
                must.append((a, b))
            else:
                overruled.append((kind, a, b))
        elif kind == "different":
            if c.find(a) == c.find(b):
                overruled.append((kind, a, b))
            else:
                c.forbid(a, b)
                cannot.append((a, b))
    return must, cannot, overruled


def build(
    items: Mapping[int, int | None],
    must: Iterable[tuple[int, int]],
    cannot: Iterable[tuple[int, int]],
    candidates: Iterable[tuple[int, int, float]],
) -> Clusters:
    """Cluster ``items`` (mention id -> distinct-group tag or None).

    Reviewer decisions win over list distinctness: a must-link between two rows of a
    distinct-persons list is applied (a human looked at it).
    """
    c = Clusters()
    for item, group in items.items():
        c.add(item, group)
    c.forbid_all(cannot)
    for a, b in must:
        if a in c.parent and b in c.parent:
            c.union(a, b, force=True)
    # strongest first; ties by ids, so the result does not depend on the order the pairs
    # arrive in (DuckDB returns them in thread order)
    for a, b, _p in sorted(candidates, key=lambda t: (-t[2], t[0], t[1])):
        if a in c.parent and b in c.parent:
            c.union(a, b)
    return c
