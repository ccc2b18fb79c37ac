"""Capture histories from the store: which sources found each linked person.

Each live person (not merged into another, not discounted by a reviewer) is one individual;
each source is one list. A person's stratum is read from the person view: region, month of
death (``YYYY-MM``; persons dated only to the year, or undated, fall in ``unknown``) or
recruitment channel.

A source of type ``aggregator`` compiles its records from other sources (a database that
collects obituaries and official lists), so it is not an independent list: finding a person
there mostly means another list found them. Multiple systems estimation treats every list as
a separate attempt to capture the deaths, so aggregators are left out of the capture
histories unless ``include_derived`` is set; :func:`derived_sources` names them. A person
only an aggregator names is then one of the deaths the independent lists missed — counted
in the estimate, not in the observed part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection, select

from tally.estimate.table import CaptureTable
from tally.model import SourceType
from tally.store import Store
from tally.store.schema import mentions, person_mentions, persons, sources

STRATA = ("region", "month", "channel")
#: source types whose records are compiled from other sources: not independent lists
DERIVED_TYPES = (SourceType.AGGREGATOR.value,)


def derived_sources(conn: Connection) -> list[str]:
    """Names of the sources left out by default (compilations of other sources)."""
    return list(conn.execute(
        select(sources.c.name).where(sources.c.type.in_(DERIVED_TYPES)).order_by(sources.c.name)
    ).scalars())


def _records(
    conn: Connection, by: str | None, include_derived: bool = False
) -> Iterator[tuple[int, str, str]]:
    if by is not None and by not in STRATA:
        raise ValueError(f"--by must be one of {', '.join(STRATA)}, not {by!r}")
    stratum = {
        None: persons.c.id, "region": persons.c.region, "month": persons.c.death_date,
        "channel": persons.c.channel,
    }[by]
    query = (
        select(persons.c.id, sources.c.name, stratum)
        .join(person_mentions, person_mentions.c.person_id == persons.c.id)
        .join(mentions, mentions.c.id == person_mentions.c.mention_id)
        .join(sources, sources.c.id == mentions.c.source_id)
        .where(
            persons.c.merged_into.is_(None),
            persons.c.grade != "discounted",  # shown wrong by a reviewer: not a death
            mentions.c.superseded_at.is_(None),
        )
    )
    if not include_derived:
        query = query.where(sources.c.type.not_in(DERIVED_TYPES))
    for pid, source, value in conn.execute(query):
        if by is None:
            label = ""
        elif by == "month":
            label = value[:7] if value and len(value) >= 7 else "unknown"
        else:
            label = value or "unknown"
        yield pid, source, label


def capture_tables(
    store: Store, by: str | None = None, include_derived: bool = False
) -> dict[str, CaptureTable]:
    """One capture table per stratum (a single one keyed "" without ``by``).

    Every table has the same lists: all sources that found anyone, in name order —
    aggregators only with ``include_derived``.
    """
    with store.engine.connect() as conn:
        return tables_from(conn, by, include_derived)


def tables_from(
    conn: Connection, by: str | None = None, include_derived: bool = False
) -> dict[str, CaptureTable]:
    """:func:`capture_tables` on an open connection."""
    rows = list(_records(conn, by, include_derived))
    names = sorted({source for _, source, _ in rows})
    if len(names) < 2:
        left_out = [] if include_derived else derived_sources(conn)
        hint = (f"; left out as compilations of other sources: {', '.join(left_out)} "
                "(--include-derived uses them)" if left_out else "")
        raise ValueError(
            f"estimation needs at least two sources holding linked persons; the store has "
            f"{len(names)} ({', '.join(names) or 'none'}){hint} — import more sources, "
            "run `tally link`"
        )
    grouped: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pid, source, label in rows:
        grouped[label].append((pid, source))
    return {
        label: CaptureTable.from_records(records, lists=names, stratum=label or None)
        for label, records in sorted(grouped.items())
    }


def capture_table(store: Store, include_derived: bool = False) -> CaptureTable | None:
    """The whole store as one capture table; None when fewer than two sources hold persons."""
    try:
        return capture_tables(store, include_derived=include_derived)[""]
    except (ValueError, KeyError):
        return None
