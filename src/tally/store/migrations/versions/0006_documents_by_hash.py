"""documents: unique key led by the hash, kept as a plain unique index

Revision ID: 0006
Revises: 0005

The unique key (source_id, sha256) becomes the unique index (sha256, source_id): the same
rule, and the document page (looked up by hash alone) uses it instead of scanning the table.
As an index rather than a table constraint it can be set aside while a large list is loaded
and rebuilt at the end of the same transaction (:mod:`tally.store.bulk`).
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint("uq_documents_source_id_sha256", type_="unique")
    op.create_index(
        "uq_documents_sha256_source_id", "documents", ["sha256", "source_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_documents_sha256_source_id", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.create_unique_constraint("uq_documents_source_id_sha256", ["source_id", "sha256"])
