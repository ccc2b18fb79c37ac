"""Match the persons a re-extraction found in a document to the mentions stored for it.

Pure functions over mention rows (dicts of mention columns, as :func:`mention_row` writes
them). A new person continues the lineage of the stored mention that names the same person:
the same name key, or a name written at an overlapping place in the text (the text is the
same, so spans compare). The order of persons is not trusted, so an extractor that finds one
more or one fewer person does not shift the others. Matching is one to one; among candidates
an unchanged mention wins, then a current one over a retired one, then the same position.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tally.verify.evidence import name_span

#: Columns a re-extraction may change; a mention equal on all of them is left untouched.
COMPARED = (
    "full_name", "last_name", "first_name", "patronymic", "name_key", "birth_date",
    "death_date", "age", "region", "settlement", "unit", "rank", "is_officer", "channel",
    "citizenship", "urls", "spans", "confidence",
)
_JSON = frozenset({"urls", "spans", "confidence"})


@dataclass(frozen=True)
class Stored:
    """The newest version of one (document, ordinal): current, or retired when superseded."""

    id: int
    ordinal: int
    version: int
    current: bool
    row: Mapping[str, Any]


def _value(column: str, value: Any) -> Any:
    if column not in _JSON:
        return value
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    return None if value in (None, [], {}) else value


def same_facts(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """True when the two rows agree on every column a re-extraction writes."""
    return all(_value(c, old.get(c)) == _value(c, new.get(c)) for c in COMPARED)


def _span(row: Mapping[str, Any]) -> tuple[int, int] | None:
    spans = _value("spans", row.get("spans"))
    return name_span(spans) if isinstance(spans, dict) and spans else None


def _named(row: Mapping[str, Any]) -> bool:
    return bool(row.get("name_key")) or _span(row) is not None


def same_person(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Same name key, or name spans that overlap."""
    if old.get("name_key") and old.get("name_key") == new.get("name_key"):
        return True
    a, b = _span(old), _span(new)
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _score(old: Stored, index: int, new: Mapping[str, Any]) -> tuple[int, ...] | None:
    if same_person(old.row, new):
        named = 1
    elif not _named(old.row) and not _named(new) and old.ordinal == index:
        named = 0  # neither has a name: only the same position can tell
    else:
        return None
    key = int(bool(old.row.get("name_key")) and old.row.get("name_key") == new.get("name_key"))
    return (named, int(old.current and same_facts(old.row, new)), int(old.current), key,
            int(old.ordinal == index))


def match(stored: Sequence[Stored], found: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """New person index -> position in ``stored`` of the mention it continues (one to one)."""
    scored = []
    for i, new in enumerate(found):
        for j, old in enumerate(stored):
            s = _score(old, i, new)
            if s is not None:
                scored.append((s, i, j))
    scored.sort(key=lambda t: (tuple(-x for x in t[0]), abs(stored[t[2]].ordinal - t[1]),
                               t[1], t[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _s, i, j in scored:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out
