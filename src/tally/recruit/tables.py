"""The indicators table, on the shared schema metadata (migration 0004 creates it).

One row is one dated claim from one row of an imported file: the row's bytes are a Document
(the evidence) and the file is archived in the object store. Conflicting claims are all kept;
conflicts are found at query time (see :mod:`tally.recruit.conflicts`), never averaged away.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from tally.store.schema import metadata

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("region", String(10)),  # ISO 3166-2, or
    Column("country", String(2)),  # ISO 3166-1 alpha-2 for national figures
    Column("value", Float),  # the central value (None when only a range is given)
    Column("low", Float),
    Column("high", Float),
    Column("unit", String(40), nullable=False),
    Column("currency", String(3)),
    Column("as_of", String(10)),  # partial date the claim refers to
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
    Column("published_at", String(10)),
    Column("scope", Text),  # what exactly is counted, as the source words it
    Column("citation", Text),  # who said it (publication, organisation)
    Column("source_url", Text),
    Column("grade", String(16), nullable=False),
    Column("note", Text),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id"),
    Index("ix_indicators_kind_region", "kind", "region"),
    Index("ix_indicators_kind_country", "kind", "country"),
)
