"""person search vocabulary: every distinct index term, for fast prefix search

Revision ID: 0007
Revises: 0006

``person_search_terms`` holds each distinct term of ``person_search`` once, in byte order
(PostgreSQL: ``COLLATE "C"``), so a typed prefix ("серг") is expanded into the exact terms
it starts (сергей, сергеевич) with one B-tree range read; an OR of exact terms is then
matched lazily in id order, where a native prefix query first merges every matching
posting list (see ``tally.publish.search_query``). Kept up to date by
``tally.publish.search_index``; filled here from the existing index.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TABLE person_search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")
        op.execute("CREATE VIRTUAL TABLE temp.person_search_vocab "
                   "USING fts5vocab(main, 'person_search', 'row')")
        op.execute("INSERT INTO person_search_terms(term) "
                   "SELECT term FROM temp.person_search_vocab")
        op.execute("DROP TABLE temp.person_search_vocab")
        return
    op.execute('CREATE TABLE person_search_terms (term TEXT COLLATE "C" PRIMARY KEY)')
    op.execute("INSERT INTO person_search_terms(term) "
               "SELECT word FROM ts_stat('SELECT tsv FROM person_search')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS person_search_terms")
