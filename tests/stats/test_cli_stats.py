from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import _build
from tally.settings import Settings
from tally.store import open_store
from tally.store.schema import persons


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TALLY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TALLY_DATABASE_URL", raising=False)
    store = open_store(Settings(data_dir=tmp_path), create=True)
    now = datetime.now(UTC)
    rows = [{"region": r, "created_at": now, "updated_at": now, "grade": "confirmed",
             "n_mentions": 1, "n_sources": 1} for r in ("RU-BU", "RU-BU", "RU-TY", None)]
    with store.engine.begin() as conn:
        conn.execute(persons.insert(), rows)
    (tmp_path / "den.csv").write_text("code,men\nBU,100000\nTY,50000\n", encoding="utf-8")
    return tmp_path


def test_region_per_capita_csv(data_dir: Path) -> None:
    result = CliRunner().invoke(_build(), [
        "stats", "region", "--per-capita", "--denominator", str(data_dir / "den.csv"),
        "--denominator-region-column", "code", "--denominator-value-column", "men",
        "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = {line.split(",")[0]: line.split(",") for line in result.output.splitlines()}
    assert lines["RU-BU"][1:4] == ["2", "100000", "2.0"]
    assert lines["RU-TY"][1:4] == ["1", "50000", "2.0"]
    assert lines["RU-AL"][1:3] == ["0", "no denominator"]  # listed, not dropped
    assert lines["unknown"][1] == "1"


def test_json_and_errors(data_dir: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(_build(), ["stats", "channel", "--format", "json"])
    assert out.exit_code == 0
    assert json.loads(out.output)["unknown"] == 4
    bad = runner.invoke(_build(), ["stats", "channel", "--per-capita"])
    assert bad.exit_code == 1
    bad = runner.invoke(_build(), ["stats", "region", "--grade", "maybe"])
    assert bad.exit_code == 1
