"""The relational schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Partial dates are stored as text ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` so they sort and
keep their precision. JSON-ish values (spans, confidence, URLs, payloads) are stored as text.
Migrations in ``tally/store/migrations`` must produce exactly this schema (a test checks).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("type", String(32), nullable=False, default="unknown"),
    Column("url", Text),
    # a published list whose rows are already distinct persons: linkage never merges two
    Column("distinct_persons", Boolean, nullable=False, default=False),
    # the compilers confirmed each death (e.g. the Mediazona/BBC list): one row is confirmation
    Column("confirms", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published_at", String(32)),  # partial date or ISO datetime, as the source gives it
    Column("captured_at", DateTime(timezone=True)),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("size", Integer, nullable=False),
    # small documents (a list row) keep their bytes inline; larger ones live in objects/
    Column("content", LargeBinary),
    Column("parent_sha256", String(64)),  # the file a row or message came from
    Column("locator", String(200)),  # where in the parent: "line 12", "message 345"
    Column("note", Text),  # e.g. a count of deaths given without names
    Column("text", Text),  # the text extraction read (mention spans point into it)
    # an index, not a table constraint, so a bulk load can set it aside (store.bulk)
    Index("uq_documents_sha256_source_id", "sha256", "source_id", unique=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("ordinal", Integer, nullable=False, default=0),  # nth person in the document
    Column("record_key", String(200)),  # the list's own record id
    Column("version", Integer, nullable=False, default=1),
    Column("superseded_at", DateTime(timezone=True)),  # a newer version of the record exists
    Column("full_name", Text),
    Column("last_name", String(200)),
    Column("first_name", String(200)),
    Column("patronymic", String(200)),
    Column("name_key", String(400)),  # normalised matching key (script- and case-free)
    Column("birth_date", String(10)),
    Column("death_date", String(10)),
    Column("age", Integer),
    Column("region", String(10)),
    Column("settlement", String(200)),
    Column("unit", String(200)),
    Column("rank", String(100)),
    Column("is_officer", Boolean),
    Column("channel", String(20)),
    Column("citizenship", String(2)),
    Column("urls", Text),  # JSON list
    Column("spans", Text),  # JSON {field: [start, end]}
    Column("confidence", Text),  # JSON {field: x}
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "ordinal", "version"),
    Index("ix_mentions_source_record", "source_id", "record_key"),
    Index("ix_mentions_name_key", "name_key"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("merged_into", Integer, ForeignKey("persons.id")),  # set when a merge retired it
    Column("grade", String(16), nullable=False, default="reported"),
    Column("grade_reason", Text),
    # the person view: best-supported value per fact (derived from statements)
    Column("last_name", String(200)),
    Column("first_name", String(200)),
    Column("patronymic", String(200)),
    Column("birth_date", String(10)),
    Column("death_date", String(10)),
    Column("age", Integer),
    Column("region", String(10)),
    Column("settlement", String(200)),
    Column("unit", String(200)),
    Column("rank", String(100)),
    Column("is_officer", Boolean),
    Column("channel", String(20)),
    Column("citizenship", String(2)),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Index("ix_persons_region", "region"),
    Index("ix_persons_death_date", "death_date"),
    Index("ix_persons_grade", "grade"),
)

person_mentions = Table(
    "person_mentions",
    metadata,
    Column("mention_id", Integer, ForeignKey("mentions.id"), primary_key=True),
    Column("person_id", Integer, ForeignKey("persons.id"), nullable=False),
    Column("match_probability", Float),
    Column("link_run_id", Integer, ForeignKey("link_runs.id")),
    Index("ix_person_mentions_person", "person_id"),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", Integer, ForeignKey("persons.id"), nullable=False),
    Column("prop", String(40), nullable=False),
    Column("value", Text, nullable=False),
    Column("mention_id", Integer, ForeignKey("mentions.id")),  # the evidence, or
    Column("decision_id", Integer, ForeignKey("decisions.id")),  # a reviewer's correction
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_statements_person", "person_id", "prop"),
)

link_runs = Table(
    "link_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("method", String(40), nullable=False),
    Column("params", Text),  # JSON
    Column("n_mentions", Integer),
    Column("n_persons", Integer),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("mention_a", Integer, ForeignKey("mentions.id")),
    Column("mention_b", Integer, ForeignKey("mentions.id")),
    Column("person_id", Integer, ForeignKey("persons.id")),
    Column("prop", String(40)),
    Column("value", Text),
    Column("reason", Text),
    Column("user", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # decisions are appended, never updated in place: a superseded one gets deleted_at
    Column("deleted_at", DateTime(timezone=True)),
    Index("ix_decisions_mentions", "mention_a", "mention_b"),
    Index("ix_decisions_person", "person_id"),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("ts", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("subject", String(200)),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)
