from __future__ import annotations

import csv
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from followthemoney import model

from tally.publish import exports, ftm
from tally.store import Store

PEOPLE = [
    {"last_name": "Иванов", "first_name": "Пётр", "patronymic": "Сергеевич",
     "birth_date": "1990", "death_date": "2022-10", "region": "RU-BU", "channel": "mobilized",
     "citizenship": "RU", "is_officer": True, "age": 32},
    {"last_name": "Rahimov", "citizenship": "TJ", "grade": "reported"},
    {"last_name": "Дубль", "merged_into": 1},  # retired duplicate: not exported
]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_formats(store: Store, add_persons: Callable[[list[dict[str, Any]]], None],
                        tmp_path: Path, fmt: str) -> None:
    add_persons(PEOPLE)
    report = exports.export(store, fmt, tmp_path / "out")
    suffix = {"csv": "csv", "json": "jsonl", "parquet": "parquet"}[fmt]
    assert report.files == {f"persons.{suffix}": 2, f"statements.{suffix}": 0}
    path = tmp_path / "out" / f"persons.{suffix}"
    if fmt == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
    elif fmt == "json":
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    else:
        rows = pq.read_table(path).to_pylist()
    assert [r["last_name"] for r in rows] == ["Иванов", "Rahimov"]
    assert str(rows[0]["death_date"]) == "2022-10"


def test_ftm_entities_validate(store: Store, add_persons: Callable[[list[dict[str, Any]]], None],
                               tmp_path: Path) -> None:
    add_persons(PEOPLE)
    out = tmp_path / "entities.json"
    assert ftm.export(store, out) == 2
    entities = [json.loads(line) for line in out.open(encoding="utf-8")]
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.name == "Person"
        assert proxy.schema.validate(data) is None
    first = model.get_proxy(entities[0])
    assert first.get("firstName") == ["Пётр"] and first.get("fatherName") == ["Сергеевич"]
    assert first.get("deathDate") == ["2022-10"] and first.get("nationality") == ["ru"]
    assert first.get("name") == ["Иванов Пётр Сергеевич"]


def _peak_kib(store: Store, out: Path) -> float:
    tracemalloc.start()
    exports.export(store, "csv", out)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def test_exports_stream(store: Store, add_persons: Callable[[list[dict[str, Any]]], None],
                        tmp_path: Path) -> None:
    row = {"last_name": "Иванов" * 5, "first_name": "Пётр", "region": "RU-BU"}
    add_persons([row] * 12_000)
    small = _peak_kib(store, tmp_path / "a")
    add_persons([row] * 48_000)  # five times the rows
    large = _peak_kib(store, tmp_path / "b")
    assert large < small * 1.5, (small, large)  # memory does not grow with the rows
