from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tally.cli import _build


def test_synth_command_writes_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(_build(), ["synth", str(tmp_path / "c"), "--people", "150",
                                           "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC" in result.output
    assert (tmp_path / "c" / "truth.csv").read_text(encoding="utf-8").count("\n") == 151


def test_synth_rows_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(_build(), ["synth", str(tmp_path / "big"), "--rows-only", "200"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "big" / "official_list.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 201
    assert (tmp_path / "big" / "official_list.mapping.yaml").exists()
