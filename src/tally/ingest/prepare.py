"""Read, convert and hash list rows in batches — inline, or in a worker process.

On a large file the worker process reads and converts while the importing process writes to
the database, so the two halves of the work overlap on two cores. Batches travel through a
bounded queue, so memory stays flat however large the file. Errors in the worker come back
as the same :class:`InputError` the inline path raises.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import queue as queue_module
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from tally.ingest.convert import RowConverter
from tally.ingest.errors import InputError, RowProblem
from tally.ingest.mapping import Mapping
from tally.ingest.readers import RawRow, read_rows
from tally.model import MENTION_FIELDS

BATCH = 5000
PARALLEL_BYTES = 4 << 20  # files larger than this are prepared in a worker process
QUEUE_BATCHES = 4


#: mention columns a list row fills, at the end of a prepared row's mention values: the
#: mention facts and the exact-match name key
MENTION_COLUMNS = (*MENTION_FIELDS, "name_key")


#: documents columns of a prepared row's document values
DOC_VALUE_COLUMNS = ("sha256", "size", "content", "locator")
#: mentions columns of a prepared row's mention values
MENTION_VALUE_COLUMNS = ("record_key", "urls", *MENTION_COLUMNS)

#: One row ready to store, as a plain tuple (cheap to send between processes):
#: ``(line, record key, sha256, document values, mention values)`` — the values in the
#: order of DOC_VALUE_COLUMNS and MENTION_VALUE_COLUMNS.
Prepared = tuple[int, str, str, tuple[Any, ...], tuple[Any, ...]]


@dataclass(slots=True)
class Batch:
    items: list[Prepared] = field(default_factory=list)
    rows: int = 0  # rows read, skipped ones included
    skipped: list[RowProblem] = field(default_factory=list)
    nbytes: int = 0  # bytes of the file consumed


def prepare_rows(
    rows: Iterator[RawRow], convert: RowConverter, skip: bool, consumed: list[int]
) -> Iterator[Batch]:
    """Batches of prepared rows; ``consumed[0]`` is kept at the bytes read so far."""
    batch, reported, read = Batch(), 0, 0
    items, sha256, dumps, columns = batch.items, hashlib.sha256, orjson.dumps, MENTION_COLUMNS
    for row in rows:
        read += 1
        result = convert(row)
        if isinstance(result, RowProblem):
            if not skip:
                raise InputError(result, "fix the row or the mapping, or pass --skip-bad-rows")
            batch.skipped.append(result)
            continue
        key, values = result
        content = dumps(row.values)  # the row's canonical bytes (convert.row_bytes)
        sha = sha256(content).hexdigest()
        # rows without an id are keyed by their content: re-importing them adds nothing
        key = key or f"sha256:{sha}"
        urls = values.get("urls")
        line = row.line
        items.append(
            (
                line,
                key,
                sha,
                (sha, len(content), content, f"line {line}"),
                (key, json.dumps(urls) if urls else None, *map(values.get, columns)),
            )
        )
        if len(items) >= BATCH:
            batch.rows, read = read, 0
            batch.nbytes, reported = consumed[0] - reported, consumed[0]
            yield batch
            batch = Batch()
            items = batch.items
    batch.rows = read
    batch.nbytes = consumed[0] - reported
    yield batch


def _counter(consumed: list[int]) -> Callable[[int], None]:
    def add(n: int) -> None:
        consumed[0] += n

    return add


def _inline(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool
) -> Iterator[Batch]:
    consumed = [0]
    _, rows = read_rows(path, fmt, encoding, _counter(consumed))
    yield from prepare_rows(rows, RowConverter(mapping, path), skip, consumed)


def _worker(
    path: Path,
    fmt: str,
    encoding: str | None,
    mapping: dict[str, Any],
    skip: bool,
    out: Any,
) -> None:
    watch = threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True)
    watch.start()
    try:
        for batch in _inline(path, fmt, encoding, Mapping.model_validate(mapping), skip):
            out.put(("batch", batch))
        out.put(("done", None))
    except InputError as exc:
        out.put(("input", (exc.problem, exc.hint)))
    except BaseException:
        out.put(("crash", traceback.format_exc()))


def _end_with_parent(parent: int) -> None:
    """End this reader process once the importing process is gone (killed): nobody reads
    its queue any more, and a full queue, or the flush of its last batch at exit, would keep
    it waiting forever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _parallel(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool
) -> Iterator[Batch]:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue(maxsize=QUEUE_BATCHES)
    proc = ctx.Process(
        target=_worker, args=(path, fmt, encoding, mapping.model_dump(), skip, out), daemon=True
    )
    proc.start()
    try:
        while True:
            try:
                kind, payload = out.get(timeout=1.0)
            except queue_module.Empty:
                if not proc.is_alive():
                    raise RuntimeError(
                        f"the reader process for {path.name} died (exit code {proc.exitcode})"
                    ) from None
                continue
            if kind == "batch":
                yield payload
            elif kind == "done":
                return
            elif kind == "input":
                found, hint = payload
                raise InputError(found, hint)
            else:
                raise RuntimeError(f"reading {path.name} failed:\n{payload}")
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(timeout=5)
        out.close()


def prepared_batches(
    path: Path,
    fmt: str,
    encoding: str | None,
    mapping: Mapping,
    skip: bool,
    parallel: bool | None = None,
) -> Iterator[Batch]:
    """Batches for ``path``; ``parallel`` None means: a worker process for large files."""
    if parallel is None:
        parallel = fmt != "xlsx" and path.stat().st_size > PARALLEL_BYTES
    if parallel and "fork" in multiprocessing.get_all_start_methods():
        return _parallel(path, fmt, encoding, mapping, skip)
    return _inline(path, fmt, encoding, mapping, skip)
