from __future__ import annotations

import csv
from pathlib import Path

import yaml

from tally.synth import write_big_list


def test_big_list_streams_requested_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    mapping_path = write_big_list(path, 1500, seed=3)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert len(body) == 1500
    assert [r[0] for r in body[:3]] == ["1", "2", "3"]
    mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8"))
    assert set(mapping["fields"].values()) <= set(header)
    assert all(r[1].count(" ") >= 1 for r in body)  # surname-first full names
    again = tmp_path / "again.csv"
    write_big_list(again, 1500, seed=3)
    assert again.read_bytes() == path.read_bytes()
