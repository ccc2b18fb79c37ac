"""Read capture tables from CSV.

Two layouts are accepted:

* **aggregated** — 0/1 list columns plus a ``count`` or ``freq`` column (case-insensitive);
  one row per pattern (repeated patterns are summed);
* **individual** — 0/1 list columns only, one row per individual (each row counts 1).

Every column other than the count column and the optional stratum column is a list column.
Errors name the row (1-based, header = row 1) and column.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from tally.estimate.table import CaptureTable, CaptureTableError, Pattern

COUNT_COLUMNS = ("count", "freq")


def read_capture_csv(path: str | Path, stratum_column: str | None = None) -> CaptureTable:
    """Read one capture table; with ``stratum_column`` the file must hold a single stratum."""
    tables = read_capture_csv_strata(path, stratum_column) if stratum_column else None
    if tables is not None:
        if len(tables) != 1:
            raise CaptureTableError(
                f"{path}: {len(tables)} strata in column {stratum_column!r}; "
                "use read_capture_csv_strata"
            )
        return next(iter(tables.values()))
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise CaptureTableError(f"{path}: empty file")
    return parse_capture_rows(rows[0], rows[1:])


def read_capture_csv_strata(path: str | Path, stratum_column: str) -> dict[str, CaptureTable]:
    """Read one capture table per value of ``stratum_column`` (in order of first appearance)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise CaptureTableError(f"{path}: empty file")
    header = [h.strip() for h in rows[0]]
    if stratum_column not in header:
        raise CaptureTableError(f"{path}: no column {stratum_column!r} in {header}")
    s_idx = header.index(stratum_column)
    groups: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows[1:]:
        if row and len(row) > s_idx:
            groups[row[s_idx].strip()].append(row[:s_idx] + row[s_idx + 1 :])
    sub_header = header[:s_idx] + header[s_idx + 1 :]
    return {
        name: parse_capture_rows(sub_header, group, stratum=name) for name, group in groups.items()
    }


def parse_capture_rows(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    stratum: str | None = None,
) -> CaptureTable:
    """Parse CSV-like rows (strings) into a :class:`CaptureTable`; see the module docstring."""
    names = [h.strip() for h in header]
    lowered = [h.lower() for h in names]
    count_idx = next((lowered.index(c) for c in COUNT_COLUMNS if c in lowered), None)
    list_idx = [i for i in range(len(names)) if i != count_idx]
    lists = [names[i] for i in list_idx]
    if len(lists) < 2:
        raise CaptureTableError(f"need at least 2 list columns, found {lists}")
    if len(set(lists)) != len(lists):
        raise CaptureTableError(f"duplicate list column names in {lists}")
    tally: dict[Pattern, int] = defaultdict(int)
    for line_no, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank line
        if len(row) != len(names):
            raise CaptureTableError(f"row {line_no}: {len(row)} fields, header has {len(names)}")
        pattern = tuple(_binary(row[i], line_no, names[i]) for i in list_idx)
        count = 1 if count_idx is None else _count(row[count_idx], line_no, names[count_idx])
        if not any(pattern):
            if count == 0:
                continue  # an explicit zero for the unobserved cell is harmless
            raise CaptureTableError(
                f"row {line_no}: all list columns are 0 with count {count}; individuals on no "
                "list cannot be observed (that cell is what is estimated) — remove the row"
            )
        tally[pattern] += count
    return CaptureTable.from_counts(lists, tally, stratum=stratum)


def _binary(cell: str, line_no: int, column: str) -> int:
    value = cell.strip()
    if value in ("0", "1"):
        return int(value)
    if value in ("0.0", "1.0"):
        return int(float(value))
    raise CaptureTableError(
        f"row {line_no}, column {column!r}: {cell!r} is not 0 or 1 (list columns must be 0/1)"
    )


def _count(cell: str, line_no: int, column: str) -> int:
    value = cell.strip()
    try:
        number = float(value)
    except ValueError:
        raise CaptureTableError(
            f"row {line_no}, column {column!r}: {cell!r} is not a number"
        ) from None
    if not math.isfinite(number) or number != int(number):
        raise CaptureTableError(f"row {line_no}, column {column!r}: {cell!r} is not an integer")
    if number < 0:
        raise CaptureTableError(f"row {line_no}, column {column!r}: negative count {cell!r}")
    return int(number)
