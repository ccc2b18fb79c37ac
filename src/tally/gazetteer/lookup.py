"""Whole-string region lookup: ``lookup`` (None when unknown) and ``resolve`` (raises).

Accepted: ISO codes ("RU-BU", "ua-43"), Russian-subject codes without the prefix in capitals
("BU", "ALT" — capitals only, so the word "tom" is not Tomsk Oblast), and every name form the
index holds (Russian in all cases, English and romanised forms). Matching ignores case, «ё»/«е»,
dashes, dots, brackets and apostrophes. There is no fuzzy matching: near misses only become
*suggestions* in :class:`UnknownRegion`.
"""

from __future__ import annotations

import difflib
import re

from tally.gazetteer.index import name_index
from tally.gazetteer.normalise import name_key
from tally.gazetteer.region import _table

_ISO_RE = re.compile(r"(?i)(?:RU|UA)-[A-Z0-9]{1,3}")
_SUFFIX_RE = re.compile(r"[A-Z]{2,3}")


class UnknownRegion(ValueError):
    """A region name that the gazetteer does not know (or that could mean several regions)."""

    def __init__(self, name: str, suggestions: list[str], ambiguous: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        if ambiguous:
            msg = f"ambiguous region name {name!r}: could be {', '.join(ambiguous)}"
        else:
            msg = f"unknown region name {name!r}"
        if suggestions:
            msg += "; did you mean: " + "; ".join(suggestions)
        super().__init__(msg)


def _code_of(name: str) -> str | None:
    stripped = name.strip()
    table = _table()
    if _ISO_RE.fullmatch(stripped):
        code = stripped.upper()
        return code if code in table else None
    if _SUFFIX_RE.fullmatch(stripped) and f"RU-{stripped}" in table:
        return f"RU-{stripped}"
    return None


def lookup(name: str) -> str | None:
    """The ISO 3166-2 code for a region name, form or code; None if unknown or ambiguous."""
    code = _code_of(name)
    if code is not None:
        return code
    target = name_index().lookup.get(name_key(name))
    return target.code if target is not None else None


def suggestions(name: str, n: int = 5) -> list[str]:
    """A few known names close to ``name``, as "Name (CODE)"."""
    index = name_index()
    key = name_key(name)
    if not key:
        return []
    prefix = key + " "
    starting = sorted(k for k in index.lookup if k.startswith(prefix))
    close = starting + difflib.get_close_matches(key, index.lookup.keys(), n=n * 3, cutoff=0.7)
    out: list[str] = []
    seen: set[str] = set()
    for k in close:
        target = index.lookup[k]
        label = f"{target.surface} ({target.code})"
        if target.code not in seen:
            seen.add(target.code)
            out.append(label)
        if len(out) == n:
            break
    return out


def resolve(name: str) -> str:
    """Like :func:`lookup` but raises :class:`UnknownRegion` (with suggestions) when unknown."""
    code = lookup(name)
    if code is not None:
        return code
    ambiguous = name_index().ambiguous.get(name_key(name), ())
    raise UnknownRegion(name, suggestions(name), ambiguous)
