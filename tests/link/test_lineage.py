"""Mention lineages: list records by (source, record key), post persons by (document, ordinal)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection

from tally.link.lineage import all_versions, current_of, inherited_persons, resolve_pair
from tally.store import Store
from tally.store.schema import documents, mentions, person_mentions, persons, sources

NOW = datetime.now(UTC)


def _insert(conn: Connection, table: object, **values: object) -> int:
    pk = conn.execute(table.insert().values(**values)).inserted_primary_key  # type: ignore[attr-defined]
    assert pk is not None
    return int(pk[0])


def _doc(conn: Connection, sid: int, sha: str) -> int:
    return _insert(conn, documents, sha256=sha, source_id=sid, media_type="text/plain",
                   imported_at=NOW, size=1)


def _mention(conn: Connection, doc: int, sid: int, ordinal: int, version: int,
             current: bool, key: str | None = None) -> int:
    return _insert(conn, mentions, document_id=doc, source_id=sid, ordinal=ordinal,
                   version=version, record_key=key, created_at=NOW,
                   superseded_at=None if current else NOW)


@pytest.mark.parametrize("backend", ["store", "pg_store"])
def test_lineages(backend: str, request: pytest.FixtureRequest) -> None:
    store: Store = request.getfixturevalue(backend)
    with store.engine.begin() as conn:
        sid = _insert(conn, sources, name="s", type="unknown", distinct_persons=False,
                      confirms=False, created_at=NOW)
        post = _doc(conn, sid, "p")
        p0v1 = _mention(conn, post, sid, 0, 1, False)
        p0v2 = _mention(conn, post, sid, 0, 2, False)
        p0v3 = _mention(conn, post, sid, 0, 3, True)
        p1v1 = _mention(conn, post, sid, 1, 1, False)  # retired: no current version
        r1 = _mention(conn, _doc(conn, sid, "r1"), sid, 0, 1, False, key="42")
        r2 = _mention(conn, _doc(conn, sid, "r2"), sid, 0, 2, True, key="42")
        pid = _insert(conn, persons, created_at=NOW, updated_at=NOW, grade="reported",
                      n_mentions=1, n_sources=1)
        conn.execute(person_mentions.insert().values(mention_id=p0v1, person_id=pid))
        resolved = current_of(conn, [p0v1, p0v2, p0v3, p1v1, r1, r2, 999])
        assert resolved == {p0v1: p0v3, p0v2: p0v3, p0v3: p0v3, p1v1: None, r1: r2, r2: r2}
        assert resolve_pair(resolved, p0v1, r1) == (p0v3, r2)
        assert resolve_pair(resolved, p0v1, p1v1) is None
        assert resolve_pair(resolved, p0v1, p0v2) is None  # one mention, not a pair
        assert all_versions(conn, [p0v3]) == {p0v1, p0v2, p0v3}
        assert all_versions(conn, [r2]) == {r1, r2}
        assert inherited_persons(conn) == [(p0v3, pid)]
        assert inherited_persons(conn, [p0v3, r2]) == [(p0v3, pid)]  # only these mentions
        assert inherited_persons(conn, [r2]) == []
        assert inherited_persons(conn, []) == []
