"""Check an evidence package offline: every file against the manifest, every document's bytes
against its sha256, the links between person, mentions, documents and decisions, and every
audit event's hash against its content and the hash before it."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from tally.verify.audit import event_hash
from tally.verify.package import FORMAT

REQUIRED = ("person.json", "mentions.json", "documents.json", "decisions.json", "audit.json")


def check(path: Path) -> list[str]:
    """Problems found, in plain words; empty when the package is intact."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return [f"not a readable zip file: {exc}"]
    with zf:
        names = set(zf.namelist())
        if "manifest.json" not in names:
            return ["manifest.json is missing"]
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except ValueError as exc:
            return [f"manifest.json is not JSON: {exc}"]
        problems: list[str] = []
        if manifest.get("format") != FORMAT:
            problems.append(f"unknown format {manifest.get('format')!r} (expected {FORMAT})")
        listed: dict[str, str] = manifest.get("files", {})
        for name, digest in sorted(listed.items()):
            if name not in names:
                problems.append(f"{name} is listed in the manifest but missing")
            elif hashlib.sha256(zf.read(name)).hexdigest() != digest:
                problems.append(f"{name} was changed: its sha256 does not match the manifest")
        for name in sorted(names - set(listed) - {"manifest.json"}):
            problems.append(f"{name} is in the zip but not in the manifest")
        missing = [n for n in REQUIRED if n not in names]
        problems += [f"{n} is missing" for n in missing]
        if missing:
            return problems
        try:
            data = {n: json.loads(zf.read(n)) for n in REQUIRED}
        except ValueError as exc:
            return [*problems, f"a data file is not JSON: {exc}"]
        problems += _documents(zf, names, data["documents.json"])
        problems += _links(manifest, data)
        problems += _events(data["audit.json"])
    return problems


def _documents(zf: zipfile.ZipFile, names: set[str], docs: list[dict[str, Any]]) -> list[str]:
    out = []
    for d in docs:
        name = f"documents/{d['sha256']}"
        if name not in names:
            out.append(f"the bytes of document {d['id']} ({d['sha256'][:12]}…) are missing")
        elif hashlib.sha256(zf.read(name)).hexdigest() != d["sha256"]:
            out.append(f"document {d['id']}: its bytes do not hash to its sha256")
    return out


def _links(manifest: dict[str, Any], data: dict[str, Any]) -> list[str]:
    out = []
    person = data["person.json"]
    if person.get("id") != manifest.get("person_id"):
        out.append("person.json is not the person the manifest names")
    doc_ids = {d["id"] for d in data["documents.json"]}
    mids = {m["id"] for m in data["mentions.json"]}
    for m in data["mentions.json"]:
        if m["document_id"] not in doc_ids:
            out.append(f"mention {m['id']} points to document {m['document_id']}, not included")
    for d in data["decisions.json"]:
        if d["person_id"] != person.get("id") and not ({d["mention_a"], d["mention_b"]} & mids):
            out.append(f"decision {d['id']} is about neither the person nor its mentions")
    return out


def _events(events: list[dict[str, Any]]) -> list[str]:
    out = []
    for e in events:
        digest = event_hash(e["prev_hash"], e["seq"], datetime.fromisoformat(e["ts"]),
                            e["actor"], e["action"], e["subject"], e["payload"])
        if digest != e["hash"]:
            out.append(f"audit event {e['seq']} was changed after it was written")
    return out
