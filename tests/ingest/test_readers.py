"""Readers report progress in bytes: the reports add up to the file's size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tally.ingest.errors import InputError
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


@pytest.mark.parametrize("every", [1, 2, 3])
def test_rows_not_wanted_keep_their_line_but_no_values(tmp_path: Path, every: int) -> None:
    path = tmp_path / "f.csv"
    path.write_text('id,name\n1,"a\nb"\n\n2,c\n3,d\n4,e\n', encoding="utf-8")
    _, everything = read_rows(path, "csv")
    _, some = read_rows(path, "csv", wanted=lambda n: n % every == 0)
    full, partial = list(everything), list(some)
    assert [r.line for r in full] == [r.line for r in partial] == [2, 5, 6, 7]
    for number, (a, b) in enumerate(zip(full, partial, strict=True)):
        assert b.values == (a.values if number % every == 0 else {})


_CELL = st.sampled_from(["", " ", "a", "Иванов", '"q"', '"a,b"', '"x\ny"', "1", 'say "hi"'])


def _outcome(path: Path, wanted: Callable[[int], bool] | None) -> list[object]:
    """Lines and values of every row, then the error message if reading stops on one."""
    out: list[object] = []
    try:
        for row in read_rows(path, "csv", wanted=wanted)[1]:
            out.append((row.line, row.values))
    except InputError as exc:
        out.append(str(exc))
    return out


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.lists(_CELL, min_size=1, max_size=4).map(",".join), max_size=12
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
    every=st.integers(min_value=1, max_value=3),
)
@example(lines=["1,a,b", ",,", " , ,", "2,c,d", "3,e"], newline="\r\n", every=2)
@example(lines=["1,a,b", '2,"x\ny",c', "3,e,f", '4,"a,b"', "5,,"], newline="\n", every=2)
def test_rows_read_past_are_the_rows_parsed(
    tmp_path: Path, lines: list[str], newline: str, every: int
) -> None:
    path = tmp_path / "h.csv"
    path.write_text(newline.join(["id,name,x", *lines]) + newline, encoding="utf-8", newline="")
    full = _outcome(path, None)
    parted = _outcome(path, lambda n: n % every == 0)
    assert len(parted) == len(full)
    for number, (a, b) in enumerate(zip(full, parted, strict=True)):
        if isinstance(a, str) or number % every == 0:
            assert b == a
        else:
            assert isinstance(a, tuple) and b == (a[0], {})
