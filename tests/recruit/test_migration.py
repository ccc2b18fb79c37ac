"""Migration 0004 creates exactly the indicators table of tally.recruit.tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tally.recruit.tables import indicators
from tally.settings import Settings
from tally.store import open_store
from tally.store.db import MIGRATIONS
from tally.store.schema import metadata


def test_migration_matches_table(tmp_path: Path) -> None:
    if not (MIGRATIONS / "versions" / "0004_indicators.py").exists():
        pytest.skip("migration 0004 is not installed yet (waits for 0003)")
    store = open_store(Settings(data_dir=tmp_path), create=True)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    ours = [d for d in diffs if indicators.name in repr(d)]
    assert ours == []
