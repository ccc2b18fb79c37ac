"""CLI smoke tests: `tally indicators ...` and `tally model ...` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tally.cli import recruit as cli
from tally.store import Store

runner = CliRunner()
CSV = (
    "place,kind,amount,from,outlet,url\n"
    "RU-BEL,signup_bonus_regional,3000000,2024-10-07,Outlet B,https://b.example/2\n"
    "RU-BEL,signup_bonus_regional,2500000,2024-10-07,Outlet C,https://c.example/3\n"
    "RU-BEL,signup_bonus_regional,800000,2024-03,Outlet A,https://a.example/1\n"
)
MAPPING = """
source: cli test
fields: {region: place, kind: kind, value: amount, valid_from: from, citation: outlet,
         source_url: url}
constants: {unit: RUB, currency: RUB, country: RU}
"""


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(cli, "store", lambda create=False: store)
    app = typer.Typer()
    cli.register(app)
    return app


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data, mapping = tmp_path / "b.csv", tmp_path / "m.yaml"
    data.write_text(CSV, encoding="utf-8")
    mapping.write_text(MAPPING, encoding="utf-8")
    return data, mapping


def test_import_list_history(app: typer.Typer, files: tuple[Path, Path]) -> None:
    data, mapping = files
    result = runner.invoke(app, ["indicators", "import", str(data), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    assert "imported 3 indicator(s)" in result.output
    listed = runner.invoke(app, ["indicators", "list", "--region", "ru-bel", "--json"])
    rows = json.loads(listed.output)
    assert [r["conflict"] for r in rows] == [False, True, True]
    table = runner.invoke(app, ["indicators", "list", "--conflicts"])
    assert "2 indicator(s)" in table.output and "conflicts" in table.output
    hist = runner.invoke(app, ["indicators", "history", "signup_bonus_regional", "RU-BEL",
                               "--json"])
    assert [r["value"] for r in json.loads(hist.output)] == [800000, 3000000, 2500000]


def test_bad_file_fails_clearly(app: typer.Typer, files: tuple[Path, Path]) -> None:
    data, mapping = files
    data.write_text(CSV.replace("800000", "8OO000"), encoding="utf-8")
    result = runner.invoke(app, ["indicators", "import", str(data), "-m", str(mapping)])
    assert result.exit_code == 1
    assert "b.csv" in result.output and "'amount'" in result.output
    assert "Nothing was stored" in result.output
    listed = runner.invoke(app, ["indicators", "list", "--json"])
    assert json.loads(listed.output) == []


def test_model_run_and_sensitivity(app: typer.Typer, example: Path) -> None:
    run = runner.invoke(app, ["model", "run", str(example), "--json"])
    assert run.exit_code == 0, run.output
    results = json.loads(run.output)
    assert len(results) == 4  # base and three variants
    assert results[0]["yearly_cost"] > results[1]["yearly_cost"]  # the 195k variant is cheaper
    table = runner.invoke(app, ["model", "run", str(example)])
    assert "share of budget" in table.output
    sens = runner.invoke(app, ["model", "sensitivity", str(example), "--json"])
    swings = [r["swing"] for r in json.loads(sens.output)["rows"]]
    assert swings == sorted(swings, reverse=True)


def test_model_refuses_unsourced_input(app: typer.Typer, tmp_path: Path, example: Path) -> None:
    text = example.read_text(encoding="utf-8").replace(
        "    source: \"federal one-time payment doubled", "    sauce: \"federal", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["model", "run", str(path)])
    assert result.exit_code == 1
    assert "inputs.federal_bonus" in result.output
