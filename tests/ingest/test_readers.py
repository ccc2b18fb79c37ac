"""Readers report progress in bytes: the reports add up to the file's size."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.ingest.readers import read_rows


@pytest.mark.parametrize("rows", [0, 1, 255, 256, 257, 1000])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_progress_adds_up_to_the_file_size(tmp_path: Path, fmt: str, rows: int) -> None:
    path = tmp_path / f"f.{fmt}"
    if fmt == "csv":
        lines = ["id,name"] + [f"{i},Иванов {i}" for i in range(rows)]
    else:
        lines = [f'{{"id": "{i}", "name": "Иванов {i}"}}' for i in range(max(rows, 1))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[int] = []
    _, found = read_rows(path, fmt, None, seen.append)
    assert sum(1 for _ in found) == (rows if fmt == "csv" else max(rows, 1))
    assert sum(seen) == path.stat().st_size
    assert all(n > 0 for n in seen)
