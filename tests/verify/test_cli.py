"""The verify commands, end to end through the typer app."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import _build
from tally.store import Store

from .conftest import Seeder


@pytest.fixture
def env(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("TALLY_DATA_DIR", str(sqlite_store.settings.data_dir))
    monkeypatch.setenv("TALLY_DATABASE_URL", sqlite_store.settings.db_url)
    return sqlite_store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(_build(), list(args))
    return result.exit_code, result.output


def test_users_confirm_discount_and_evidence(env: Store, tmp_path: Path) -> None:
    seed = Seeder(env)
    _a, pid = seed.mention("a", "Иванов погиб", last_name="Иванов")
    seed.mention("b", "Иванов Сергей погиб", last_name="Иванов", person=pid, prob=0.5)
    assert run("user", "add", "olga", "--role", "reviewer", "--password", "long enough pw")[0] == 0
    code, out = run("user", "add", "olga", "--role", "viewer", "--password", "long enough pw")
    assert code == 1 and "exists" in out
    assert run("user", "role", "olga", "admin")[0] == 0
    assert run("user", "passwd", "olga", "--password", "short")[0] == 1
    code, out = run("review", "queue")
    assert code == 0 and "1 pair(s) waiting" in out
    code, out = run("confirm", str(pid), "--by", "olga")
    assert code == 0 and "confirmed" in out
    code, out = run("discount", str(pid), "--reason", "в плену", "--by", "olga")
    assert code == 0 and "discounted" in out and "в плену" in out
    package = tmp_path / "p.zip"
    assert run("evidence", "export", str(pid), str(package))[0] == 0
    assert run("evidence", "verify", str(package)) == (0, "ok: p.zip is intact\n")
    broken = tmp_path / "b.zip"
    with zipfile.ZipFile(package) as zin, zipfile.ZipFile(broken, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, b"{}" if name == "person.json" else zin.read(name))
    code, out = run("evidence", "verify", str(broken))
    assert code == 1 and "person.json was changed" in out
    code, out = run("audit", "verify")
    assert code == 0 and "chain intact" in out
