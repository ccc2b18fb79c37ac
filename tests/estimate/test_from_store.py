"""Capture histories from the store (src/tally/estimate/from_store.py), and ``tally estimate
--from-db``: lists are sources, individuals are linked persons, compilations are left out."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import _build
from tally.estimate import CaptureTable
from tally.estimate.from_store import capture_tables, derived_sources, tables_from
from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
from tally.link.exact import link_exact
from tally.model import SourceType
from tally.store import Store

SURNAMES = ("Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов")
FIRST = ("Иван", "Пётр", "Алексей", "Сергей", "Дмитрий", "Андрей", "Олег", "Николай")
MAPPING = """\
id: id
distinct_persons: true
fields: {last_name: last, first_name: first, birth_date: born}
date_formats: ["%Y-%m-%d"]
"""
#: three independent lists and an aggregator that copies most of what they hold
LISTS = {"A": 0.5, "B": 0.4, "C": 0.3}


def _held(seed: int) -> dict[str, list[int]]:
    rng = random.Random(seed)
    held: dict[str, list[int]] = {name: [] for name in (*LISTS, "agg")}
    for i in range(len(SURNAMES) * len(FIRST)):
        on = {name for name, p in LISTS.items() if rng.random() < p}
        if (rng.random() < 0.9) if on else i % 3 == 0:  # some only the aggregator names
            on.add("agg")
        for name in on:
            held[name].append(i)
    return held


def _fill(store: Store, folder: Path, held: dict[str, list[int]]) -> None:
    (folder / "m.yaml").write_text(MAPPING, encoding="utf-8")
    mapping = load_mapping(folder / "m.yaml")
    for name, people in held.items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["id", "last", "first", "born"])
            for i in people:
                born = f"19{70 + i % 25}-01-01"
                out.writerow([f"{name}{i}", SURNAMES[i % 8], FIRST[i // 8], born])
        kind = SourceType.AGGREGATOR if name == "agg" else SourceType.OFFICIAL
        import_list(store, path, name, mapping, source_type=kind)
    link_exact(store)


def _truth(held: dict[str, list[int]], names: list[str]) -> CaptureTable:
    records = [(i, name) for name in names for i in held[name]]
    return CaptureTable.from_records(records, lists=sorted(names))


def test_aggregators_are_left_out_unless_asked_for(store: Store, tmp_path: Path) -> None:
    held = _held(3)
    _fill(store, tmp_path, held)
    table = capture_tables(store)[""]
    assert table == _truth(held, ["A", "B", "C"])
    assert table.n < len(set().union(*held.values()))  # aggregator-only persons are unseen
    everything = capture_tables(store, include_derived=True)[""]
    assert everything == _truth(held, ["A", "B", "C", "agg"])
    with store.engine.connect() as conn:
        assert derived_sources(conn) == ["agg"]


def test_too_few_independent_lists_names_what_was_left_out(store: Store, tmp_path: Path) -> None:
    held = _held(5)
    _fill(store, tmp_path, {"A": held["A"], "agg": held["agg"]})
    with store.engine.connect() as conn, pytest.raises(ValueError, match="agg"):
        tables_from(conn)


def test_cli_from_db(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    held = _held(11)
    _fill(store, tmp_path, held)
    monkeypatch.setenv("TALLY_DATA_DIR", str(store.settings.data_dir))
    monkeypatch.setenv("TALLY_DATABASE_URL", store.settings.db_url)
    runner = CliRunner()
    plain = runner.invoke(_build(), ["estimate", "--from-db", "--json"])
    assert plain.exit_code == 0, plain.output
    assert "left out as compilations of other sources: agg" in plain.stderr
    got = json.loads(plain.stdout)
    assert got["n_observed"] == _truth(held, ["A", "B", "C"]).n
    wide = runner.invoke(_build(), ["estimate", "--from-db", "--json", "--include-derived"])
    assert wide.exit_code == 0, wide.output
    assert json.loads(wide.stdout)["n_observed"] == len(set().union(*held.values()))
