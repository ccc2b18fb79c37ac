"""Per-fact grades (migration 0005): a fact can be contested while the death is confirmed.

One row per live person and graded fact; rewritten whenever the person is graded again.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text

from tally.store.schema import metadata

fact_grades = Table(
    "fact_grades",
    metadata,
    Column("person_id", Integer, ForeignKey("persons.id"), primary_key=True),
    Column("prop", String(40), primary_key=True),
    Column("grade", String(16), nullable=False),
    Column("value", Text),  # the value the grade is about (None when contested)
    Column("reason", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
