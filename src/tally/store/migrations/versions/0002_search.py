"""person search index

Revision ID: 0002
Revises: 0001

A full-text index over person names, filled by ``tally.publish.search_index.refresh``.
SQLite: an FTS5 virtual table whose rowid is the person id. PostgreSQL: a table with a
generated ``tsvector`` column and a GIN index. The index text is already folded (lower
case, ё → е) and holds the nominative name, the surface forms from mentions and a Latin
transliteration.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE person_search USING fts5("
            "names, tokenize = 'unicode61 remove_diacritics 2')"
        )
        return
    op.execute(
        "CREATE TABLE person_search ("
        " person_id INTEGER PRIMARY KEY,"
        " names TEXT NOT NULL,"
        " tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', names)) STORED)"
    )
    op.execute("CREATE INDEX ix_person_search_tsv ON person_search USING GIN (tsv)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS person_search")
