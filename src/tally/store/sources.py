"""Sources: where documents come from."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, select

from tally.model import SourceType
from tally.store.schema import sources


def get_or_create(
    conn: Connection,
    name: str,
    *,
    type: SourceType = SourceType.UNKNOWN,
    url: str | None = None,
    distinct_persons: bool = False,
    confirms: bool = False,
) -> int:
    """The id of source ``name``; created with the given attributes when new.

    An existing source keeps its type, except that ``distinct_persons`` can be switched on.
    """
    row = conn.execute(select(sources).where(sources.c.name == name)).first()
    if row is not None:
        if distinct_persons and not row.distinct_persons:
            conn.execute(
                sources.update().where(sources.c.id == row.id).values(distinct_persons=True)
            )
        if confirms and not row.confirms:
            conn.execute(sources.update().where(sources.c.id == row.id).values(confirms=True))
        if type is not SourceType.UNKNOWN and row.type != type.value:
            conn.execute(sources.update().where(sources.c.id == row.id).values(type=type.value))
        return int(row.id)
    result = conn.execute(
        sources.insert().values(
            name=name,
            type=type.value,
            url=url,
            distinct_persons=distinct_persons,
            confirms=confirms,
            created_at=datetime.now(UTC),
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])
