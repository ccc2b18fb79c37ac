"""``tally link`` through the typer app: persons are made and can be searched at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import _build
from tally.publish.person_list import PersonFilter, list_persons
from tally.store import Store

POSTS = ["Погиб младший сержант Кузнецов Алексей Николаевич из Курской области.",
         "Погиб ефрейтор Николай Андреевич Васильев."]


@pytest.mark.parametrize("method", ["exact", "splink"])
def test_linked_persons_are_searchable(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    monkeypatch.setenv("TALLY_DATA_DIR", str(store.settings.data_dir))
    monkeypatch.setenv("TALLY_DATABASE_URL", store.settings.db_url)
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in POSTS),
                    encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(_build(), ["import", "posts", str(path), "--source", "news"]
                         ).exit_code == 0
    result = runner.invoke(_build(), ["link", "--method", method])
    assert result.exit_code == 0, result.output
    assert "search index: 2 persons" in result.output
    with store.engine.connect() as conn:
        found = list_persons(conn, PersonFilter(query="Алексея Кузнецова"))  # as a post writes it
    assert [p.last_name for p in found.items] == ["Кузнецов"]
