"""Evidence packages: one person with everything that supports it, in a zip, checkable offline.

Layout: ``manifest.json`` (format, person, the chain head at export time, and the sha256 of
every other file), ``person.json``, ``mentions.json``, ``documents.json`` (metadata and sha256
of each document), ``documents/<sha256>`` (the raw bytes), ``decisions.json`` and
``audit.json`` (the audit events about the person, its mentions and decisions, each with its
hash and the hash before it). The bytes are the evidence as archived: the package is for
verification, not for publication (it is not redacted; exporting it is an admin action).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, or_, select

from tally.store import Store
from tally.store.schema import (
    audit_events,
    decisions,
    documents,
    mentions,
    person_mentions,
    persons,
    sources,
)
from tally.verify import audit
from tally.verify.tables import fact_grades

FORMAT = "tally-evidence/1"


class ExportError(ValueError):
    """The person does not exist or a document's bytes are missing."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def _rows(result: Any, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in r._mapping.items() if k not in drop} for r in result]


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()


def collect(store: Store, conn: Connection, person_id: int) -> dict[str, bytes]:
    """The files of the package (name -> bytes), without the manifest."""
    person = conn.execute(select(persons).where(persons.c.id == person_id)).first()
    if person is None:
        raise ExportError(f"no person {person_id}")
    mrows = _rows(conn.execute(
        select(mentions, person_mentions.c.match_probability)
        .join(person_mentions, person_mentions.c.mention_id == mentions.c.id)
        .where(person_mentions.c.person_id == person_id).order_by(mentions.c.id)))
    mids = [m["id"] for m in mrows]
    doc_ids = sorted({m["document_id"] for m in mrows})
    docs = conn.execute(
        select(documents, sources.c.name.label("source_name"), sources.c.type.label("source_type"))
        .join(sources, sources.c.id == documents.c.source_id)
        .where(documents.c.id.in_(doc_ids)).order_by(documents.c.id)).all()
    files: dict[str, bytes] = {}
    for d in docs:
        raw = d.content if d.content is not None else _object(store, d.sha256)
        files[f"documents/{d.sha256}"] = raw
    drows = [{k: _plain(v) for k, v in d._mapping.items() if k != "content"} for d in docs]
    dec = _rows(conn.execute(select(decisions).where(or_(
        decisions.c.person_id == person_id, decisions.c.mention_a.in_(mids),
        decisions.c.mention_b.in_(mids))).order_by(decisions.c.id)))
    subjects = {f"person:{person_id}", *(f"mention:{m}" for m in mids)}
    events = [e for e in _rows(conn.execute(select(audit_events).order_by(audit_events.c.seq)))
              if e["subject"] in subjects or _about_pair(e["subject"], set(mids))]
    files["person.json"] = _json({**{k: _plain(v) for k, v in person._mapping.items()},
                                  "fact_grades": _rows(conn.execute(
                                      select(fact_grades).where(
                                          fact_grades.c.person_id == person_id)))})
    files["mentions.json"] = _json(mrows)
    files["documents.json"] = _json(drows)
    files["decisions.json"] = _json(dec)
    files["audit.json"] = _json(events)
    return files


def _about_pair(subject: str | None, mids: set[int]) -> bool:
    if not subject or not subject.startswith("mentions:"):
        return False
    try:
        return bool({int(x) for x in subject[9:].split(",")} & mids)
    except ValueError:
        return False


def _object(store: Store, sha: str) -> bytes:
    path = store.objects.path(sha)
    if not path.exists():
        raise ExportError(f"the bytes of document {sha} are missing from the object store")
    return path.read_bytes()


def export(store: Store, person_id: int, out: Path, actor: str) -> dict[str, Any]:
    """Write the package to ``out``; appends an audit event; returns the manifest."""
    with store.engine.begin() as conn:
        files = collect(store, conn, person_id)
        head = conn.execute(select(audit_events.c.seq, audit_events.c.hash)
                            .order_by(audit_events.c.seq.desc()).limit(1)).first()
        manifest = {
            "format": FORMAT, "person_id": person_id,
            "exported_at": datetime.now(UTC).isoformat(), "exported_by": actor,
            "chain_head": {"seq": head.seq, "hash": head.hash} if head else None,
            "files": {name: hashlib.sha256(data).hexdigest()
                      for name, data in sorted(files.items())},
        }
        audit.append(conn, actor, "evidence.export", f"person:{person_id}",
                     {"manifest_sha256": hashlib.sha256(_json(manifest)).hexdigest(),
                      "files": len(files)})
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", _json(manifest))
        for name, data in sorted(files.items()):
            zf.writestr(name, data)
    return manifest
