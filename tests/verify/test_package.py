"""Evidence packages: exported, verified offline, and every kind of tampering is named."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tally.store import Store
from tally.verify import decisions as dec
from tally.verify.package import ExportError, export
from tally.verify.package_check import check

from .conftest import Seeder


@pytest.fixture
def package(store: Store, seed: Seeder, tmp_path: Path) -> Path:
    a, pid = seed.mention("a", "Иванов Сергей погиб под Бахмутом", last_name="Иванов",
                          url="https://t.me/a/1")
    b, _ = seed.mention("b", "Иванов Сергей Петрович погиб", last_name="Иванов", person=pid,
                        prob=0.7)
    with store.engine.begin() as conn:
        dec.record(conn, "same", "olga", mention_a=a, mention_b=b)
        dec.record(conn, "confirm", "olga", person_id=pid, reason="некролог")
    out = tmp_path / "p.zip"
    manifest = export(store, pid, out, "admin")
    assert manifest["person_id"] == pid and len(manifest["files"]) == 7
    return out


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            if name in change:
                if change[name] is not None:
                    zout.writestr(name, change[name])  # type: ignore[arg-type]
            else:
                zout.writestr(name, zin.read(name))
        for name, data in change.items():
            if name not in zin.namelist() and data is not None:
                zout.writestr(name, data)
    return dst


def test_intact_package(package: Path) -> None:
    assert check(package) == []
    with zipfile.ZipFile(package) as zf:
        audit = json.loads(zf.read("audit.json"))
        decisions = json.loads(zf.read("decisions.json"))
        docs = [n for n in zf.namelist() if n.startswith("documents/")]
    assert {e["action"] for e in audit} >= {"decision.same", "decision.confirm"}
    assert [d["kind"] for d in decisions] == ["same", "confirm"] and len(docs) == 2


def test_tampering_is_found(package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as zf:
        doc = next(n for n in zf.namelist() if n.startswith("documents/"))
        audit = json.loads(zf.read("audit.json"))
        manifest = json.loads(zf.read("manifest.json"))
    changed = _rewrite(package, tmp_path / "1.zip", {doc: b"forged text"})
    assert any("changed" in p and doc in p for p in check(changed))
    removed = _rewrite(package, tmp_path / "2.zip", {doc: None})
    assert any("missing" in p for p in check(removed))
    audit[0]["actor"] = "mallory"
    body = json.dumps(audit).encode()
    import hashlib
    manifest["files"]["audit.json"] = hashlib.sha256(body).hexdigest()
    forged = _rewrite(package, tmp_path / "3.zip", {"audit.json": body,
                                                    "manifest.json": json.dumps(manifest).encode()})
    assert any("audit event" in p for p in check(forged))
    extra = _rewrite(package, tmp_path / "4.zip", {"notes.txt": b"hi"})
    assert check(extra) == ["notes.txt is in the zip but not in the manifest"]
    (tmp_path / "5.zip").write_bytes(b"not a zip")
    assert "not a readable zip" in check(tmp_path / "5.zip")[0]


def test_unknown_person(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export(store, 999, tmp_path / "x.zip", "admin")
