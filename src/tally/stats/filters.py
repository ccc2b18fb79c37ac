"""Which persons a figure counts: grade, date of death range, source.

Only persons that were not merged into another (``merged_into IS NULL``) are ever counted.
A date range keeps persons whose death date is known and whose *earliest possible day*
(``2023`` → 2023-01-01, ``2023-05`` → 2023-05-01) lies inside the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, literal, select

from tally.model import Grade
from tally.store.schema import mentions, person_mentions, persons, sources

#: Grade filter values: one grade, or ``all`` (every grade, discounted persons included).
GRADES: tuple[str, ...] = (*(g.value for g in Grade), "all")


@dataclass(frozen=True)
class StatsFilter:
    grade: str = Grade.CONFIRMED.value
    date_from: date | None = None
    date_to: date | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if self.grade not in GRADES:
            raise ValueError(f"grade must be one of {', '.join(GRADES)}; got {self.grade!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from is after date_to")

    def describe(self) -> str:
        """What the figure counts, in words (English; the web translates the parts)."""
        who = "persons" if self.grade == "all" else f"{self.grade} persons"
        parts = [f"{who} (one per person, merged duplicates excluded)"]
        if self.date_from or self.date_to:
            parts.append(
                f"died {self.date_from.isoformat() if self.date_from else '…'}"
                f" to {self.date_to.isoformat() if self.date_to else '…'}"
            )
        if self.source:
            parts.append(f"named by source {self.source!r}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "grade": self.grade,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "source": self.source,
        }

    def key(self) -> tuple[str, str | None, str | None, str | None]:
        d = self.to_dict()
        return (d["grade"], d["date_from"], d["date_to"], d["source"])


def unindexed(column: ColumnElement[str]) -> ColumnElement[str]:
    """A text column as an expression no index matches (``column || ''``, same values).

    Grouping by a bare indexed column makes SQLite walk that index and fetch every row at
    random (10 s instead of 1 s at 1,000,000 persons); grouping by this reads the table in
    order. PostgreSQL plans both the same way.
    """
    return column.op("||")(literal(""))


def earliest_day(column: ColumnElement[str]) -> ColumnElement[str]:
    """SQL for the earliest day of a partial-date text column (same on SQLite/PostgreSQL)."""
    return column + func.substr(literal("-01-01"), func.length(column) - 3)


def where(flt: StatsFilter) -> ColumnElement[bool]:
    """The WHERE clause for ``flt`` over the persons table."""
    clauses: list[ColumnElement[bool]] = [persons.c.merged_into.is_(None)]
    if flt.grade != "all":
        clauses.append(persons.c.grade == flt.grade)
    if flt.date_from or flt.date_to:
        clauses.append(persons.c.death_date.is_not(None))
        day = earliest_day(persons.c.death_date)
        if flt.date_from:
            clauses.append(day >= flt.date_from.isoformat())
        if flt.date_to:
            clauses.append(day <= flt.date_to.isoformat())
    if flt.source:
        clauses.append(
            exists(
                select(literal(1))
                .select_from(
                    person_mentions.join(mentions, mentions.c.id == person_mentions.c.mention_id)
                    .join(sources, sources.c.id == mentions.c.source_id)
                )
                .where(person_mentions.c.person_id == persons.c.id, sources.c.name == flt.source)
            )
        )
    return and_(*clauses)
