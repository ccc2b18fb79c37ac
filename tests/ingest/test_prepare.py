"""Prepared batches from a reader process (src/tally/ingest/prepare.py)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

_ORPHAN = """
import os, sys
from pathlib import Path
import tally.ingest.prepare as prepare
from tally.ingest.mapping import Mapping
prepare.BATCH, prepare.QUEUE_BATCHES = 2, 1
mapping = Mapping.model_validate({"id": "id", "fields": {"full_name": "ФИО"}})
batches = prepare.prepared_batches(Path(sys.argv[1]), "csv", None, mapping, False, True)
next(batches)
import multiprocessing
print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
os._exit(0)  # dies without closing anything, as a killed import would
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize(
    "rows", [4, 400], ids=["reader done, last batch unsent", "reader waiting for room"]
)
def test_the_reader_ends_when_the_importing_process_dies(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "l.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "ФИО"])
        out.writerows([str(i), f"Иванов{i} Сергей"] for i in range(rows))
    done = subprocess.run(
        [sys.executable, "-c", _ORPHAN, str(path)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
    )
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 1, done.stderr
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _alive(pids[0]):
        time.sleep(0.1)
    assert not _alive(pids[0])
