"""Settling the name entries into the two indexes that lookup and text search use.

One key (a tuple of normalised tokens) must lead to one region or to none. Where entries for one
key name different regions, the highest :class:`~tally.gazetteer.names.Kind` wins if it names a
single region (a region name beats a city beats an adjective); otherwise the key is *ambiguous*:
it is left out of the index and kept in :attr:`NameIndex.ambiguous` so errors can explain it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from tally.gazetteer.names import Kind, NameEntry, all_entries


@dataclass(frozen=True, slots=True)
class Target:
    """What a key leads to."""

    code: str
    kind: Kind
    surface: str
    needs_context: bool
    latin: bool


@dataclass(frozen=True, slots=True)
class NameIndex:
    lookup: dict[str, Target]
    """Space-joined key → target, for whole-string lookup."""
    text: dict[str, list[tuple[tuple[str, ...], Target]]]
    """First token → (key, target) pairs, longest key first, for text search."""
    ambiguous: dict[str, tuple[str, ...]]
    """Space-joined key → the codes it could mean (left out of both indexes)."""


def _settle(entries: list[NameEntry]) -> Target | tuple[str, ...]:
    top = max(e.kind for e in entries)
    best = [e for e in entries if e.kind == top]
    codes = sorted({e.code for e in best})
    if len(codes) > 1:
        return tuple(codes)
    return Target(
        code=codes[0],
        kind=top,
        surface=best[0].surface,
        needs_context=all(e.needs_context for e in best),
        latin=all(e.latin for e in best),
    )


@cache
def name_index() -> NameIndex:
    """Build the indexes (once; about a second, most of it pymorphy3)."""
    for_lookup: dict[tuple[str, ...], list[NameEntry]] = defaultdict(list)
    for_text: dict[tuple[str, ...], list[NameEntry]] = defaultdict(list)
    for e in all_entries():
        if not e.key:
            continue
        if e.in_lookup:
            for_lookup[e.key].append(e)
        if e.in_text:
            for_text[e.key].append(e)
    lookup: dict[str, Target] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, entries in for_lookup.items():
        settled = _settle(entries)
        if isinstance(settled, Target):
            lookup[" ".join(key)] = settled
        else:
            ambiguous[" ".join(key)] = settled
    text: dict[str, list[tuple[tuple[str, ...], Target]]] = defaultdict(list)
    for key, entries in for_text.items():
        settled = _settle(entries)
        if isinstance(settled, Target):
            text[key[0]].append((key, settled))
        else:
            ambiguous.setdefault(" ".join(key), settled)
    for candidates in text.values():
        candidates.sort(key=lambda kt: -len(kt[0]))
    return NameIndex(lookup=lookup, text=dict(text), ambiguous=ambiguous)
