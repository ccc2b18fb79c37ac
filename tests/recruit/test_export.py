"""``tally indicators export``: the registry's rows, as CSV or JSON, with their evidence."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import select
from typer.testing import CliRunner

from tally.cli import recruit as cli
from tally.recruit.export import COLUMNS, export_format, export_indicators
from tally.recruit.importer import import_indicators
from tally.recruit.mapping import IndicatorMapping
from tally.recruit.registry import list_indicators
from tally.store import Store
from tally.store.schema import documents

MAPPING = IndicatorMapping.model_validate({
    "source": "export test",
    "fields": {"region": "place", "kind": "kind", "value": "amount", "valid_from": "from",
               "valid_to": "to", "citation": "outlet", "source_url": "url"},
    "constants": {"unit": "RUB", "currency": "RUB", "country": "RU"},
})
ROWS = (
    "place,kind,amount,from,to,outlet,url\n"
    "RU-BEL,signup_bonus_regional,3000000,2024-10-07,,Outlet B,https://b.example/2\n"
    "RU-BEL,signup_bonus_regional,2500000,2024-10-07,,Outlet C,https://c.example/3\n"
    "RU-BEL,signup_bonus_regional,800000,2024-03,2024-10-06,Outlet A,https://a.example/1\n"
    "RU-TA,avg_wage,80000,2024,,\"Rosstat, \"\"wages\"\"\",\n"
)


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "in.csv"
    path.write_text(ROWS, encoding="utf-8")
    import_indicators(store, path, MAPPING)
    return store


def _sha256s(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return {str(s) for s in conn.execute(select(documents.c.sha256)).scalars()}


def test_csv_holds_every_row_with_evidence(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with filled.engine.connect() as conn:
        n = export_indicators(conn, out, [])
        items = list_indicators(conn)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert n == len(rows) == len(items) == 4
    assert tuple(rows[0]) == COLUMNS
    assert [int(r["id"]) for r in rows] == [i.id for i in items]
    by_value = {float(r["value"]): r for r in rows}
    assert by_value[3_000_000]["conflict"] == "true"
    assert by_value[800_000]["conflict"] == "false"
    assert by_value[800_000]["valid_to"] == "2024-10-06"
    assert by_value[80_000]["citation"] == 'Rosstat, "wages"'
    assert by_value[80_000]["source_url"] == "" and by_value[3_000_000]["currency"] == "RUB"
    assert {r["document_sha256"] for r in rows} <= _sha256s(filled)
    assert all(len(r["document_sha256"]) == 64 for r in rows)


def test_json_equals_registry_and_filters_kind(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with filled.engine.connect() as conn:
        n = export_indicators(conn, out, ["avg_wage"])
        wage = list_indicators(conn, kind="avg_wage")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert n == len(data) == 1
    assert {k: v for k, v in data[0].items() if k != "document_sha256"} == {
        k: v for k, v in wage[0].to_dict().items() if k in COLUMNS}
    assert data[0]["document_sha256"] in _sha256s(filled)


def test_empty_registry_is_valid_json(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "none.json"
    with store.engine.connect() as conn:
        assert export_indicators(conn, out) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("name", "fmt"), [("a.csv", "csv"), ("B.JSON", "json"),
                                           ("a.xlsx", None), ("csv", None)])
def test_format_from_suffix(name: str, fmt: str | None) -> None:
    if fmt is None:
        with pytest.raises(ValueError, match=r"\.csv or \.json"):
            export_format(Path(name))
    else:
        assert export_format(Path(name)) == fmt


@pytest.fixture
def app(filled: Store, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(cli, "store", lambda create=False: filled)
    app = typer.Typer()
    cli.register(app)
    return app


@pytest.mark.parametrize(
    ("args", "code", "rows"),
    [
        ([], 0, 4),
        (["--kind", "signup_bonus_regional"], 0, 3),
        (["--kind", "avg_wage", "--kind", "signup_bonus_regional"], 0, 4),
        (["--kind", "nonsense"], 1, None),
    ],
)
def test_cli_export(app: typer.Typer, tmp_path: Path, args: list[str], code: int,
                    rows: int | None) -> None:
    out = tmp_path / "reg.csv"
    result = CliRunner().invoke(app, ["indicators", "export", str(out), *args])
    assert result.exit_code == code, result.output
    if rows is None:
        assert not out.exists()
    else:
        assert f"wrote {rows} indicator(s)" in result.output
        with out.open(encoding="utf-8", newline="") as fh:
            assert len(list(csv.DictReader(fh))) == rows


def test_cli_refuses_other_formats(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["indicators", "export", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1 and not (tmp_path / "x.xlsx").exists()
