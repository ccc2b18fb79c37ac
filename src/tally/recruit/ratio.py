"""Bonus-to-wage ratio: how many years of local wages one sign-up pays.

``ratio = (regional + federal bonus) / (12 × average monthly wage)`` per region and date.
The federal payment is the one in force on the bonus's claim date; a ``signup_bonus_total``
already includes it. The wage is the region's ``avg_wage`` nearest in time (an undated wage
is used but flagged). Conflicting bonus figures each get their own row: nothing is averaged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection

from tally.model import PartialDate
from tally.recruit.kinds import REGIONAL_BONUS_KINDS, Kind
from tally.recruit.registry import Indicator, date_key, list_indicators

BONUS_KINDS = frozenset({*REGIONAL_BONUS_KINDS, Kind.SIGNUP_BONUS_TOTAL,
                         Kind.SIGNUP_BONUS_REGIONAL_AVG})


@dataclass(frozen=True, slots=True)
class BonusWageRatio:
    place: str
    date: str
    kind: str
    regional: float
    federal: float
    wage: float
    wage_date: str | None
    ratio: float  # years of wages
    federal_ambiguous: bool  # the federal payment changed within the claim date's precision
    bonus_id: int
    wage_id: int
    conflict: bool
    source_url: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BonusWageReport:
    rows: tuple[BonusWageRatio, ...]
    skipped: tuple[tuple[int, str], ...]  # (indicator id, why no ratio)

    def to_dict(self) -> dict[str, Any]:
        return {
            "formula": "(regional + federal bonus) / (12 × monthly average wage)",
            "rows": [r.to_dict() for r in self.rows],
            "skipped": [{"id": i, "reason": why} for i, why in self.skipped],
        }


def federal_in_force(federal: list[Indicator], when: str) -> tuple[Indicator | None, bool]:
    """The federal payment in force at the start of ``when``, and whether it changed within
    ``when`` (e.g. a claim dated only ``2024`` straddles the August 2024 increase)."""
    day = PartialDate.parse(when)
    dated = sorted((f for f in federal if f.claim_date), key=lambda f: date_key(f.claim_date))
    current: Indicator | None = None
    ambiguous = False
    for item in dated:
        start = date_key(item.claim_date)
        if start <= day.earliest():
            current = item
        elif start <= day.latest():
            ambiguous = True
    return current, ambiguous


def _nearest(wages: list[Indicator], when: str) -> Indicator | None:
    if not wages:
        return None
    target = PartialDate.parse(when).earliest()

    def distance(w: Indicator) -> tuple[int, int]:
        if not w.claim_date:
            return (1, 0)  # undated wages only when nothing dated exists
        return (0, abs((date_key(w.claim_date) - target).days))

    return min(wages, key=distance)


def bonus_to_wage(conn: Connection) -> BonusWageReport:
    items = list_indicators(conn)
    federal = [i for i in items if i.kind == Kind.SIGNUP_BONUS_FEDERAL and i.central is not None]
    wages: dict[str, list[Indicator]] = {}
    for item in items:
        if item.kind == Kind.AVG_WAGE and item.central:
            wages.setdefault(item.place, []).append(item)
    rows: list[BonusWageRatio] = []
    skipped: list[tuple[int, str]] = []
    for bonus in (i for i in items if i.kind in BONUS_KINDS):
        when, amount = bonus.claim_date, bonus.central
        if not when or amount is None:
            skipped.append((bonus.id, "the bonus has no date or no value"))
            continue
        wage = _nearest(wages.get(bonus.place, []), when)
        if wage is None or wage.central is None:
            skipped.append((bonus.id, f"no average wage for {bonus.place}"))
            continue
        fed_value, ambiguous = 0.0, False
        if bonus.kind != Kind.SIGNUP_BONUS_TOTAL:
            fed, ambiguous = federal_in_force(federal, when)
            if fed is None or fed.central is None:
                skipped.append((bonus.id, f"no federal payment known in force on {when}"))
                continue
            fed_value = fed.central
        rows.append(BonusWageRatio(
            place=bonus.place, date=when, kind=bonus.kind, regional=amount, federal=fed_value,
            wage=wage.central, wage_date=wage.claim_date,
            ratio=(amount + fed_value) / (12 * wage.central), federal_ambiguous=ambiguous,
            bonus_id=bonus.id, wage_id=wage.id, conflict=bonus.conflict,
            source_url=bonus.source_url,
        ))
    rows.sort(key=lambda r: (r.place, date_key(r.date), r.bonus_id))
    return BonusWageReport(tuple(rows), tuple(skipped))



