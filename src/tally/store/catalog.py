"""Every table Tally defines, gathered on one MetaData (for migrations and schema checks).

Feature packages define their tables next to their code (``tally.recruit.tables``, ...) on
:data:`tally.store.schema.metadata`; importing this module registers them all. Tables that
SQLAlchemy cannot describe (the SQLite FTS5 search index and its shadow tables) are created
by raw SQL in their migration and left out of comparisons by :func:`include_object`.
"""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy import MetaData

from tally.store.schema import metadata

FEATURE_TABLES = ("tally.auth.tables", "tally.verify.tables", "tally.recruit.tables")
RAW_SQL_TABLES = ("person_search",)


def full_metadata() -> MetaData:
    for name in FEATURE_TABLES:
        importlib.import_module(name)
    return metadata


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Skip the raw-SQL search index (and FTS5's shadow tables) in schema comparisons."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return not (table and table.startswith(RAW_SQL_TABLES))
