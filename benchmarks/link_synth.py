"""Linkage benchmark corpus from ``tally synth``: mention records and the truth behind them.

``truth_mentions.csv`` holds, per mention, the true person and the facts the document states,
normalised the way a perfect extractor would give them (nominative names, diminutives resolved
to the full first name, initials leaving ``first_name`` empty, aggregator typos kept, English
names in the printed Latin form). :func:`expected_rows` turns them into linkage records.

:func:`categories` tags a true pair with what makes it hard (for per-category recall).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

FIELDS = ("last_name", "first_name", "patronymic", "birth_date", "death_date", "age", "region",
          "settlement", "unit")


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


Rows = list[dict[str, Any]]


def expected_rows(corpus: Path, keep_raw: bool = True) -> tuple[Rows, dict[int, int], Rows]:
    """(records, unique_id -> person number, raw truth rows) from ``truth_mentions.csv``.

    ``keep_raw=False`` leaves the raw rows out (at 1M mentions they take gigabytes).
    """
    rows: list[dict[str, Any]] = []
    truth: dict[int, int] = {}
    raw: list[dict[str, Any]] = []
    people: dict[str, int] = {}
    with (corpus / "truth_mentions.csv").open(encoding="utf-8") as fh:
        for uid, rec in enumerate(csv.DictReader(fh)):
            row: dict[str, Any] = {"unique_id": uid}
            for f in FIELDS:
                row[f] = _clean(rec.get(f))
            if row["last_name"] and not row["first_name"]:
                row["first_name"], row["patronymic"] = _initials(rec.get("surface") or "")
            rows.append(row)
            truth[uid] = people.setdefault(rec["person_id"], len(people))
            if keep_raw:
                raw.append(rec)
    return rows, truth, raw


_INITIAL = re.compile(r"\b([A-ZА-ЯЁ])\.")


def _initials(surface: str) -> tuple[str | None, str | None]:
    """Initials printed in the surface (``Т.А. Романову`` → ``Т.``, ``А.``).

    The truth file leaves ``first_name`` empty for initials; the extractor keeps them.
    """
    found = [m.group(1) + "." for m in _INITIAL.finditer(surface)]
    return (found[0] if found else None), (found[1] if len(found) > 1 else None)


def _latin(text: str | None) -> bool:
    letters = [c for c in text or "" if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


def _has_birth(rec: dict[str, Any]) -> bool:
    return bool(_clean(rec.get("birth_date")) or _clean(rec.get("age")))


def tags(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """What makes the true pair (a, b) hard; "plain" when nothing does."""
    from tally.names.diminutives import full_names
    from tally.names.keys import surname_key

    out: set[str] = set()
    if not _clean(a.get("last_name")) or not _clean(b.get("last_name")):
        out.add("no name")
    if not _clean(a.get("first_name")) or not _clean(b.get("first_name")):
        out.add("initial only")
    if _latin(a.get("last_name")) != _latin(b.get("last_name")):
        out.add("transliterated")
    elif _latin(a.get("last_name")) and _latin(b.get("last_name")):
        out.add("both Latin")
    la, lb = surname_key(_clean(a.get("last_name"))), surname_key(_clean(b.get("last_name")))
    if la and lb and la != lb and not (_latin(a.get("last_name")) or _latin(b.get("last_name"))):
        out.add("surname differs (typo)")
    if not _has_birth(a) or not _has_birth(b):
        out.add("missing birth")
    for rec in (a, b):
        surface = (rec.get("surface") or "").split()
        first = _clean(rec.get("first_name"))
        if (first and surface and not any(w.startswith(first[:4]) for w in surface)
                and any(full_names(w) for w in surface)):
            out.add("diminutive")
    return out or {"plain"}
