"""Listing and searching persons: newest first, keyset pages, a capped count.

A page is the ``per_page`` newest live persons (highest id first) matching a filter, after
an optional cursor (``after``: the last id of the previous page), so page *n* costs the same
as page 1. Name searches run in the full-text index's own id order (see
:mod:`tally.publish.search_query`) and stop after the page. The number of matches is
counted only on request and only up to :data:`COUNT_CAP` ("1,000+"), never over all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, text

from tally.publish.search_query import SearchPlan, plan
from tally.stats.filters import GRADES

MAX_PER_PAGE = 200
#: Matches are counted up to this many; more is shown as "1,000+".
COUNT_CAP = 1000
_COLUMNS = ("id", "grade", "last_name", "first_name", "patronymic", "birth_date",
            "death_date", "region", "channel")


@dataclass(frozen=True)
class PersonFilter:
    query: str | None = None
    region: str | None = None
    channel: str | None = None
    grade: str = "all"

    def __post_init__(self) -> None:
        if self.grade not in GRADES:
            raise ValueError(f"grade must be one of {', '.join(GRADES)}")


@dataclass(frozen=True)
class PersonSummary:
    id: int
    grade: str
    last_name: str | None
    first_name: str | None
    patronymic: str | None
    birth_date: str | None
    death_date: str | None
    region: str | None
    channel: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PersonPage:
    """``total`` (when asked for) counts the matches up to :data:`COUNT_CAP`; ``total_more``
    says there are more than that. ``next_after`` is the cursor of the next page (None on
    the last)."""

    items: tuple[PersonSummary, ...]
    page: int
    per_page: int
    has_more: bool
    total: int | None = None
    total_more: bool = False

    @property
    def next_after(self) -> int | None:
        return self.items[-1].id if self.has_more and self.items else None

    def to_dict(self) -> dict[str, Any]:
        return {"items": [p.to_dict() for p in self.items], "page": self.page,
                "per_page": self.per_page, "has_more": self.has_more, "total": self.total,
                "total_more": self.total_more, "next_after": self.next_after}


def _from_where(dialect: str, flt: PersonFilter, found: SearchPlan | None
                ) -> tuple[str, str, dict[str, Any]]:
    """(FROM … WHERE …, the id column to order by, parameters) for ``flt``."""
    params: dict[str, Any] = {}
    where = ["p.merged_into IS NULL"]
    for name in ("grade", "region", "channel"):
        value = getattr(flt, name)
        if value and not (name == "grade" and value == "all"):
            where.append(f"p.{name} = :{name}")
            params[name] = value
    if found is None:
        return "FROM persons p WHERE " + " AND ".join(where), "p.id", params
    params["match"] = found.match
    for i, like in enumerate(found.likes):
        where.append(f"(' ' || s.names) LIKE :like{i} ESCAPE '\\'")
        params[f"like{i}"] = like
    if dialect == "sqlite":  # CROSS JOIN: the index drives, in its rowid order
        head = ("FROM person_search s CROSS JOIN persons p ON p.id = s.rowid "
                "WHERE person_search MATCH :match")
        key = "s.rowid"
    else:
        head = ("FROM person_search s JOIN persons p ON p.id = s.person_id "
                "WHERE s.tsv @@ to_tsquery('simple', :match)")
        key = "s.person_id"
    return head + " AND " + " AND ".join(where), key, params


def count_capped(conn: Connection, flt: PersonFilter, cap: int = COUNT_CAP
                 ) -> tuple[int, bool]:
    """(matches up to ``cap``, whether there are more)."""
    found = plan(conn, flt.query) if flt.query else None
    if flt.query and (found is None or found.empty):
        return 0, False
    body, _key, params = _from_where(conn.dialect.name, flt, found)
    n = int(conn.execute(text(f"SELECT count(*) FROM (SELECT 1 {body} LIMIT :cap) AS c"),
                         {**params, "cap": cap + 1}).scalar_one())
    return min(n, cap), n > cap


def list_persons(
    conn: Connection, flt: PersonFilter, page: int = 1, per_page: int = 50,
    after: int | None = None, count: bool = False,
) -> PersonPage:
    """One page of live persons matching ``flt``, highest id first.

    With ``after``, the page starts below that id (keyset paging: as fast at any depth);
    otherwise ``page`` skips ``(page - 1) * per_page`` rows (kept for old links; deep pages
    cost more). With ``count``, the matches are counted up to :data:`COUNT_CAP` (on
    PostgreSQL that reads the index for every match of a common name: tens of ms).
    """
    page = max(page, 1)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    found = plan(conn, flt.query) if flt.query else None
    if flt.query and (found is None or found.empty):
        return PersonPage((), page, per_page, False, 0 if count else None)
    body, key, params = _from_where(conn.dialect.name, flt, found)
    if after is not None:
        body += f" AND {key} < :after"
        params["after"] = after
    offset = 0 if after is not None else (page - 1) * per_page
    cols = ", ".join(f"p.{c}" for c in _COLUMNS)
    sql = f"SELECT {cols} {body} ORDER BY {key} DESC LIMIT :limit OFFSET :offset"
    rows = [PersonSummary(*r) for r in conn.execute(
        text(sql), {**params, "limit": per_page + 1, "offset": offset}).all()]
    items = tuple(rows[:per_page])
    has_more = len(rows) > per_page
    if not count:
        return PersonPage(items, page, per_page, has_more)
    if after is None and offset == 0 and not has_more:
        return PersonPage(items, page, per_page, False, len(items))  # all on this page
    total, more = count_capped(conn, flt)
    return PersonPage(items, page, per_page, has_more, total, more)
