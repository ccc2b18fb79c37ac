"""The store: relational data (SQLite or PostgreSQL) plus content-addressed evidence objects."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from tally.settings import Settings
from tally.store.db import StoreError, check_current, make_engine, upgrade
from tally.store.objects import ObjectStore

__all__ = ["Store", "StoreError", "open_store"]


@dataclass
class Store:
    settings: Settings
    engine: Engine
    objects: ObjectStore = field(init=False)

    def __post_init__(self) -> None:
        self.objects = ObjectStore(self.settings.objects_dir)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def open_store(settings: Settings, *, create: bool = False) -> Store:
    """Open the store; with ``create`` make or upgrade the schema, else require it current."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.db_url)
    if create:
        upgrade(engine)
    else:
        check_current(engine)
    return Store(settings, engine)
