"""Prepared batches: split between reader processes, or staged as databases, the same rows."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tally.ingest import chunks, prepare
from tally.ingest.errors import InputError
from tally.ingest.mapping import Mapping
from tally.ingest.prepare import Batch, Part, _inline, prepared_batches

from .conftest import flat, rows_of

MAPPING = Mapping.model_validate(
    {
        "id": "id",
        "fields": {"full_name": "ФИО", "death_date": "Погиб"},
        "date_formats": ["%d.%m.%Y", "%Y"],
    }
)


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "ФИО", "Погиб"])
        out.writerows(rows)
    return path


def _rows(n: int, bad: tuple[int, ...] = ()) -> list[list[str]]:
    rows = [[str(i), f"Иванов{i} Сергей", "2023"] for i in range(n)]
    for i in bad:
        rows[i][2] = "никогда"
    return rows


def _summary(batches: list[Batch]) -> list[tuple[Any, ...]]:
    return [(b.rows, b.nbytes, [p.line for p in b.skipped], flat(b)) for b in batches]


def _in_turn(parts: list[list[Batch]]) -> list[Batch]:
    """Batches of several readers, taken from each in turn (as the writer does)."""
    out: list[Batch] = []
    for i in range(max(len(p) for p in parts)):
        out.extend(p[i] for p in parts if i < len(p))
    return out


@pytest.mark.parametrize("n", [0, 1, 6, 7, 20])
@pytest.mark.parametrize("of", [1, 2, 3])
@pytest.mark.parametrize("staged", [False, True], ids=["tuples", "staged"])
def test_readers_in_turn_give_the_batches_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int, of: int, staged: bool
) -> None:
    monkeypatch.setattr(prepare, "BATCH", 3)
    path = _write(tmp_path / "l.csv", _rows(n, bad=(4,) if n > 4 else ()))
    one = list(_inline(path, "csv", None, MAPPING, True))
    parts = [
        list(_inline(path, "csv", None, MAPPING, True, Part(i, of, staged))) for i in range(of)
    ]
    assert _summary(_in_turn(parts)) == _summary(one)
    assert sum(b.rows for b in one) == n
    assert sum(b.nbytes for b in one) == path.stat().st_size


@pytest.mark.parametrize("chunked", [False, True], ids=["batches", "chunks"])
@pytest.mark.parametrize("bad", [1, 4, 7], ids=["first reader", "second reader", "third"])
def test_the_first_bad_row_is_raised_whichever_reader_met_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: int, chunked: bool
) -> None:
    monkeypatch.setattr(prepare, "BATCH", 3)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 60)  # two or three rows a chunk
    path = _write(tmp_path / "l.csv", _rows(12, bad=(bad, 10)))
    with pytest.raises(InputError) as info:
        list(
            prepared_batches(
                path, "csv", None, MAPPING, False, True, staged=True, readers=3, chunked=chunked
            )
        )
    assert (info.value.problem.line, info.value.problem.column) == (bad + 2, "Погиб")


@pytest.mark.parametrize(
    ("chunked", "before"),
    [(False, 8), (True, 9)],
    ids=["batches of two rows", "chunks of one row"],
)
def test_a_malformed_line_is_raised_once_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunked: bool, before: int
) -> None:
    monkeypatch.setattr(prepare, "BATCH", 2)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 1)  # a chunk ends at the first line break
    path = _write(tmp_path / "l.csv", _rows(9))
    with path.open("a", encoding="utf-8") as fh:
        fh.write("99,too,many,cells\n")
    got: list[Batch] = []
    with pytest.raises(InputError, match="4 cells where the header has 3") as info:
        for batch in prepared_batches(
            path, "csv", None, MAPPING, False, True, readers=2, chunked=chunked
        ):
            got.append(batch)
    assert info.value.problem.line == 11
    assert sum(b.rows for b in got) == before  # every complete batch before the bad line


@pytest.mark.parametrize("chunk_bytes", [1, 50, 200, 1 << 20])
@pytest.mark.parametrize("chunked", [False, True], ids=["batches", "chunks"])
def test_worker_processes_give_the_inline_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunked: bool, chunk_bytes: int
) -> None:
    monkeypatch.setattr(prepare, "BATCH", 4)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", chunk_bytes)
    path = _write(tmp_path / "l.csv", _rows(30, bad=(5, 21)))
    inline = list(prepared_batches(path, "csv", None, MAPPING, True, False, staged=True))
    forked = list(
        prepared_batches(
            path, "csv", None, MAPPING, True, True, staged=True, readers=2, chunked=chunked
        )
    )
    assert rows_of(forked) == rows_of(inline)
    assert [p.line for b in forked for p in b.skipped] == [7, 23]
    if not chunked:  # the same batches, too
        assert _summary(forked) == _summary(inline)


_ORPHAN = """
import os, sys
from pathlib import Path
import tally.ingest.chunks as chunks
import tally.ingest.prepare as prepare
from tally.ingest.mapping import Mapping
prepare.BATCH, prepare.QUEUE_BATCHES, chunks.CHUNK_BYTES = 2, 1, int(sys.argv[2])
mapping = Mapping.model_validate({"id": "id", "fields": {"full_name": "ФИО"}})
batches = prepare.prepared_batches(Path(sys.argv[1]), "csv", None, mapping, False, True,
                                   staged=sys.argv[3] == "staged", readers=2)
next(batches)
import multiprocessing
print(os.getpid(), " ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
os._exit(0)  # dies without closing anything, as a killed import would
"""


@pytest.mark.parametrize(
    ("rows", "chunk_bytes", "kind"),
    # three chunks of ~1,000 rows: pickled, each is more than a pipe holds
    [(3000, 28_000, "tuples"), (400, 40, "staged")],
    ids=["readers done, last batch unsent", "readers waiting for room"],
)
def test_readers_end_when_the_importing_process_dies(
    tmp_path: Path, rows: int, chunk_bytes: int, kind: str
) -> None:
    path = _write(tmp_path / "l.csv", _rows(rows))
    done = subprocess.run(
        [sys.executable, "-c", _ORPHAN, str(path), str(chunk_bytes), kind],
        capture_output=True,
        text=True,
        timeout=60,
    )
    importer, *pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2, done.stderr
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)
    # the staged batches in transit went with them
    assert not list(Path(prepare._spool_root()).glob(f"tally-stage-{importer}-*"))


def test_staged_files_of_a_dead_importer_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    mine = Path(prepare._spool_dir())
    left = mine.parent / f"tally-stage-{int(dead.stdout)}-x"
    left.mkdir()
    (left / "0-1.db").write_bytes(b"staged")
    again = Path(prepare._spool_dir())
    assert not left.exists()
    assert mine.exists() and again.exists()  # this process is alive: its folders stay
    mine.rmdir()
    again.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
