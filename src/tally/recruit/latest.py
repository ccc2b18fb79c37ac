"""Pick one figure per region from the registry: the most recent claim of a kind."""

from __future__ import annotations

from sqlalchemy import Connection

from tally.recruit.registry import Indicator, date_key, list_indicators


def latest_by_region(conn: Connection, kind: str) -> dict[str, Indicator]:
    """Region → the indicator of ``kind`` with the latest claim date (undated counts as
    oldest; ties go to the last imported)."""
    out: dict[str, Indicator] = {}
    for item in list_indicators(conn, kind=kind):
        if not item.region or item.central is None:
            continue
        old = out.get(item.region)
        if old is None or _age(item) >= _age(old):
            out[item.region] = item
    return out


def _age(item: Indicator) -> tuple[int, object, int]:
    if not item.claim_date:
        return (0, 0, item.id)
    return (1, date_key(item.claim_date), item.id)
