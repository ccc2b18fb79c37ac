"""Reading capture tables from CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.estimate.io import parse_capture_rows, read_capture_csv, read_capture_csv_strata
from tally.estimate.table import CaptureTableError, all_patterns


def test_aggregated_with_freq(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b,freq\n1,0,3\n0,1,4\n1,1,2\n1,1,1\n")
    t = read_capture_csv(path)
    assert t.lists == ("a", "b")
    assert t.as_dict() == {(0, 1): 4, (1, 0): 3, (1, 1): 3}


def test_individual_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("x,y,z\n1,0,0\n1,0,0\n0,1,1\n\n")
    t = read_capture_csv(path)
    assert t.n == 3
    assert t.count((1, 0, 0)) == 2


def test_zero_row_with_zero_count_is_ignored() -> None:
    t = parse_capture_rows(["A", "B", "count"], [["0", "0", "0"], ["1", "1", "5"]])
    assert t.n == 5


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (["A", "B", "count"], [["0", "0", "7"]], "all list columns are 0"),
        (["A", "B"], [["0", "0"]], "all list columns are 0"),
        (["A", "B", "count"], [["1", "2", "7"]], "not 0 or 1"),
        (["A", "B", "count"], [["1", "yes", "7"]], "not 0 or 1"),
        (["A", "B", "count"], [["1", "0", "-3"]], "negative count"),
        (["A", "B", "count"], [["1", "0", "2.5"]], "not an integer"),
        (["A", "B", "count"], [["1", "0", "many"]], "not a number"),
        (["A", "count"], [["1", "4"]], "at least 2 list columns"),
        (["A", "B", "count"], [["1", "0"]], "2 fields"),
    ],
)
def test_rejects_bad_input(header: list[str], rows: list[list[str]], message: str) -> None:
    with pytest.raises(CaptureTableError, match=message):
        parse_capture_rows(header, rows)


def test_strata(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("region,A,B,count\nN,1,0,2\nS,1,1,5\nN,0,1,1\n")
    tables = read_capture_csv_strata(path, "region")
    assert list(tables) == ["N", "S"]
    assert tables["N"].n == 3 and tables["N"].stratum == "N"
    with pytest.raises(CaptureTableError, match="2 strata"):
        read_capture_csv(path, stratum_column="region")


@given(
    st.integers(2, 4).flatmap(
        lambda j: st.lists(st.integers(0, 50), min_size=2**j - 1, max_size=2**j - 1)
    )
)
def test_aggregated_round_trip(counts: list[int]) -> None:
    j = (len(counts) + 1).bit_length() - 1
    header = [f"L{i}" for i in range(j)] + ["Count"]
    rows = [[*map(str, p), str(c)] for p, c in zip(all_patterns(j), counts, strict=True)]
    t = parse_capture_rows(header, rows)
    assert list(t.counts) == counts


@given(st.text(min_size=1, max_size=4).filter(lambda s: s.strip() not in ("0", "1", "0.0", "1.0")))
def test_any_non_binary_cell_is_rejected(cell: str) -> None:
    with pytest.raises(CaptureTableError):
        parse_capture_rows(["A", "B", "count"], [[cell, "1", "1"]])


def test_shared_hare_is_68_animals(shared_data: Path) -> None:
    t = read_capture_csv(shared_data / "mse" / "rcapture_hare_individual.csv")
    assert t.n == 68 and t.n_lists == 6
