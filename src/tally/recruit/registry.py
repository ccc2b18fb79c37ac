"""Reading the indicators registry: listing, history of one value, and conflicts.

A conflict is two or more indicators of the same kind, for the same place and the same claim
date, whose figures differ. All of them are kept and shown, each with its source; nothing is
averaged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from tally.model import PartialDate
from tally.recruit.tables import indicators
from tally.store.schema import documents, sources


@dataclass(frozen=True, slots=True)
class Indicator:
    id: int
    kind: str
    unit: str
    region: str | None
    country: str | None
    value: float | None
    low: float | None
    high: float | None
    currency: str | None
    as_of: str | None
    valid_from: str | None
    valid_to: str | None
    published_at: str | None
    scope: str | None
    citation: str | None
    source_url: str | None
    grade: str
    note: str | None
    source: str
    locator: str | None
    conflicts_with: tuple[int, ...] = ()

    @property
    def place(self) -> str:
        return self.region or self.country or ""

    @property
    def claim_date(self) -> str | None:
        """The date the figure is about: start of validity, else as-of, else publication."""
        return self.valid_from or self.as_of or self.published_at

    @property
    def figures(self) -> tuple[float | None, float | None, float | None]:
        return (self.low, self.value, self.high)

    @property
    def central(self) -> float | None:
        """The central value, or the middle of the range when only a range is given."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    @property
    def conflict(self) -> bool:
        return bool(self.conflicts_with)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["conflicts_with"] = list(self.conflicts_with)
        out["claim_date"] = self.claim_date
        out["conflict"] = self.conflict
        return out


def date_key(text: str | None) -> date:
    """Sort key of a partial date (its first day); undated sorts last."""
    return PartialDate.parse(text).earliest() if text else date.max


def _query() -> Any:
    return (
        select(indicators, sources.c.name.label("source_name"), documents.c.locator)
        .join(sources, sources.c.id == indicators.c.source_id)
        .join(documents, documents.c.id == indicators.c.document_id)
    )


def _from_row(row: Any) -> Indicator:
    return Indicator(
        id=row.id, kind=row.kind, unit=row.unit, region=row.region, country=row.country,
        value=row.value, low=row.low, high=row.high, currency=row.currency, as_of=row.as_of,
        valid_from=row.valid_from, valid_to=row.valid_to, published_at=row.published_at,
        scope=row.scope, citation=row.citation, source_url=row.source_url, grade=row.grade,
        note=row.note, source=row.source_name, locator=row.locator,
    )


def mark_conflicts(items: list[Indicator]) -> list[Indicator]:
    """The same indicators, each with the ids of those that contradict it."""
    groups: dict[tuple[str, str, str | None], list[Indicator]] = defaultdict(list)
    for item in items:
        groups[(item.kind, item.place, item.claim_date)].append(item)
    clashes: dict[int, tuple[int, ...]] = {}
    for group in groups.values():
        for item in group:
            others = tuple(o.id for o in group if o.figures != item.figures)
            if others and item.claim_date is not None:
                clashes[item.id] = others
    return [replace(i, conflicts_with=clashes.get(i.id, ())) for i in items]


def list_indicators(
    conn: Connection,
    *,
    kind: str | None = None,
    region: str | None = None,
    country: str | None = None,
) -> list[Indicator]:
    """Indicators (optionally of one kind/place), ordered by kind, place and date."""
    query = _query()
    if kind:
        query = query.where(indicators.c.kind == kind)
    if region:
        query = query.where(indicators.c.region == region)
    if country:
        query = query.where(indicators.c.country == country)
    # a conflict's partners share kind and place, so filtering never separates them
    marked = mark_conflicts([_from_row(r) for r in conn.execute(query)])
    return sorted(marked, key=lambda i: (i.kind, i.place, date_key(i.claim_date), i.id))


def history(conn: Connection, kind: str, place: str) -> list[Indicator]:
    """One kind's values for one region (or a country's national figure), oldest first."""
    query = _query().where(indicators.c.kind == kind)
    if len(place) == 2:
        query = query.where(indicators.c.country == place.upper(), indicators.c.region.is_(None))
    else:
        query = query.where(indicators.c.region == place.upper())
    items = mark_conflicts([_from_row(r) for r in conn.execute(query)])
    return sorted(items, key=lambda i: (date_key(i.claim_date), i.id))


def conflicts(conn: Connection) -> list[Indicator]:
    return [i for i in list_indicators(conn) if i.conflict]
