"""``tally estimate`` command (src/tally/cli/estimate.py)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from tally.cli.estimate import register


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer in multi-command mode
        """Unused."""

    return app


def test_json_output(shared_data: Path) -> None:
    path = shared_data / "mse" / "rcapture_HIV.csv"
    result = CliRunner().invoke(_app(), ["estimate", str(path), "--model", "c1:c2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert round(data["N"], 1) == 12318.5
    assert data["method"] == "loglinear"


def test_rich_output_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("A,B,count\n1,0,80\n0,1,60\n1,1,20\n")
    ok = CliRunner().invoke(_app(), ["estimate", str(path), "--method", "chapman"])
    assert ok.exit_code == 0 and "chapman" in ok.output
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,count\n0,0,5\n")
    fail = CliRunner().invoke(_app(), ["estimate", str(bad)])
    assert fail.exit_code == 2
    assert "all list columns are 0" in fail.output
