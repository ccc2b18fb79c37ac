"""The migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tally.store import Store
from tally.store.catalog import full_metadata, include_object
from tally.store.db import current_revision, head_revision, upgrade


def test_migrations_match_metadata(store: Store) -> None:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        diff = compare_metadata(ctx, full_metadata())
    assert diff == []


def test_upgrade_is_idempotent(store: Store) -> None:
    before, after = upgrade(store.engine)
    assert before == after == head_revision(store.engine)
    assert current_revision(store.engine) == head_revision(store.engine)


def test_latest_migration_downgrades_and_upgrades_again(store: Store) -> None:
    from alembic import command

    from tally.store.db import _alembic_config

    cfg = _alembic_config(store.engine)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    assert current_revision(store.engine) == "0005"
    upgrade(store.engine)
    assert current_revision(store.engine) == head_revision(store.engine)
    test_migrations_match_metadata(store)
