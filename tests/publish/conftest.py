"""Stores for the publishing tests: persons rows inserted directly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tally.settings import Settings
from tally.store import Store, open_store
from tally.store.schema import persons


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(Settings(data_dir=tmp_path / "data"), create=True)


@pytest.fixture
def add_persons(store: Store) -> Callable[[list[dict[str, Any]]], None]:
    def add(rows: list[dict[str, Any]]) -> None:
        now = datetime.now(UTC)
        base = {"created_at": now, "updated_at": now, "grade": "confirmed", "n_mentions": 1,
                "n_sources": 1, "merged_into": None, "last_name": None, "first_name": None,
                "patronymic": None, "birth_date": None, "death_date": None, "region": None,
                "channel": None, "citizenship": None, "age": None, "is_officer": None}
        with store.engine.begin() as conn:
            conn.execute(persons.insert(), [{**base, **r} for r in rows])

    return add
