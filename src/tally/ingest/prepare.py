"""Read, convert and hash list rows in batches — inline, or in worker processes.

On a large file reader processes read and convert while the importing process writes to
the database, so the work overlaps on the cores. Batches travel through bounded queues, so
memory stays flat however large the file. Errors in a reader come back as the same
:class:`InputError` the inline path raises, the first in the file first.

A batch is either a list of :data:`Prepared` tuples (pickled between processes) or, for a
bulk load into SQLite, the rows as a small SQLite database (:mod:`tally.ingest.stage`) the
writer copies with ``INSERT ... SELECT``. Two readers then share the file: each reads it all
(cheaply past the other's rows) and prepares every other batch.
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
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson

from tally.ingest import stage
from tally.ingest.convert import RowConverter
from tally.ingest.errors import InputError, RowProblem
from tally.ingest.mapping import Mapping
from tally.ingest.readers import RawRow, read_rows
from tally.ingest.stage import NULL
from tally.model import MENTION_FIELDS

BATCH = 5000
PARALLEL_BYTES = 4 << 20  # files larger than this are prepared in a worker process
QUEUE_BATCHES = 4
#: reader processes for a large file whose rows are staged (a bulk load into SQLite): a
#: reader then costs about twice the writer per row, so two readers and the writer share
#: the cores; each reads the whole file but prepares only every other batch
READERS = 2


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
    #: staged batches: the prepared rows as a SQLite database (tally.ingest.stage), columns
    #: STAGE_COLUMNS, instead of ``items``; ``staged_rows`` of them
    staged: bytes | None = None
    staged_rows: int = 0


#: columns of a staged batch: the document values, then the mention values
STAGE_COLUMNS = (*DOC_VALUE_COLUMNS, *MENTION_VALUE_COLUMNS)


@dataclass(frozen=True, slots=True)
class Part:
    """Which batches a reader prepares: batch ``i`` (every BATCH rows read make one) when
    ``i % of == index``; the others it only reads past. ``staged``: batches as databases."""

    index: int = 0
    of: int = 1
    staged: bool = False

    def prepares(self, batch_number: int) -> bool:
        """Does this reader prepare batch ``batch_number`` (0-based)?"""
        return batch_number % self.of == self.index

    def wants_row(self, row_number: int) -> bool:
        """Does row ``row_number`` (0-based, as :func:`read_rows` counts) fall in one of
        this reader's batches?"""
        return self.prepares(row_number // BATCH)


def prepare_rows(
    rows: Iterator[RawRow],
    convert: RowConverter,
    skip: bool,
    consumed: list[int],
    part: Part = Part(),
) -> Iterator[Batch]:
    """Batches of prepared rows, one per BATCH rows read (those of ``part`` only);
    ``consumed[0]`` is kept at the bytes read so far."""
    number, read, reported, size = 0, 0, 0, BATCH
    mine = part.prepares(0)
    batch = Batch()
    items: list[Any] = batch.items
    sha256, dumps, columns, staged = hashlib.sha256, orjson.dumps, MENTION_COLUMNS, part.staged
    nulls = repeat(NULL)
    for row in rows:
        if read == size:  # the batch is complete: hand it over, or pass it by
            if mine:
                yield _finish(batch, read, consumed[0] - reported, staged)
            number, read, reported = number + 1, 0, consumed[0]
            mine = part.prepares(number)
            batch = Batch()
            items = batch.items
        read += 1
        if not mine:
            continue
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
        urls_text = json.dumps(urls) if urls else None
        if staged:  # a missing value as NaN, which SQLite stores as NULL: binds faster
            items.append(
                (sha, len(content), content, f"line {line}", key, urls_text or NULL,
                 *map(values.get, columns, nulls))
            )
            continue
        items.append(
            (
                line,
                key,
                sha,
                (sha, len(content), content, f"line {line}"),
                (key, urls_text, *map(values.get, columns)),
            )
        )
    if mine:
        yield _finish(batch, read, consumed[0] - reported, staged)


def _finish(batch: Batch, read: int, nbytes: int, staged: bool) -> Batch:
    batch.rows, batch.nbytes = read, nbytes
    if staged:
        batch.staged = stage.build(STAGE_COLUMNS, batch.items)
        batch.staged_rows, batch.items = len(batch.items), []
    return batch


def _counter(consumed: list[int]) -> Callable[[int], None]:
    def add(n: int) -> None:
        consumed[0] += n

    return add


def _inline(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool, part: Part = Part()
) -> Iterator[Batch]:
    consumed = [0]
    wanted = part.wants_row if part.of > 1 else None
    _, rows = read_rows(path, fmt, encoding, _counter(consumed), wanted)
    yield from prepare_rows(rows, RowConverter(mapping, path), skip, consumed, part)


def _worker(
    path: Path,
    fmt: str,
    encoding: str | None,
    mapping: dict[str, Any],
    skip: bool,
    part: Part,
    out: Any,
) -> None:
    watch = threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True)
    watch.start()
    try:
        for batch in _inline(path, fmt, encoding, Mapping.model_validate(mapping), skip, part):
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
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool, part: Part
) -> Iterator[Batch]:
    """``part.of`` reader processes, each preparing every ``part.of``-th batch; the batches
    are taken from them in turn, so they come in file order. A reader meets a malformed
    line too when reading past it, but reports it only after its earlier batches, so the
    first error in the file is the one raised."""
    ctx = multiprocessing.get_context("fork")
    readers = []
    for index in range(part.of):
        out = ctx.Queue(maxsize=QUEUE_BATCHES)
        mine = Part(index, part.of, part.staged)
        args = (path, fmt, encoding, mapping.model_dump(), skip, mine, out)
        proc = ctx.Process(target=_worker, args=args, daemon=True)
        proc.start()
        readers.append((proc, out))
    try:
        number = 0
        while True:
            proc, out = readers[number % part.of]
            try:
                kind, payload = out.get(timeout=1.0)
            except queue_module.Empty:
                if not proc.is_alive():
                    raise RuntimeError(
                        f"the reader process for {path.name} died (exit code {proc.exitcode})"
                    ) from None
                continue
            if kind == "batch":
                number += 1
                yield payload
            elif kind == "done":
                return
            elif kind == "input":
                found, hint = payload
                raise InputError(found, hint)
            else:
                raise RuntimeError(f"reading {path.name} failed:\n{payload}")
    finally:
        for proc, _ in readers:
            if proc.is_alive():
                proc.terminate()
        for proc, out in readers:
            proc.join(timeout=5)
            out.close()


def prepared_batches(
    path: Path,
    fmt: str,
    encoding: str | None,
    mapping: Mapping,
    skip: bool,
    parallel: bool | None = None,
    *,
    staged: bool = False,
    readers: int | None = None,
) -> Iterator[Batch]:
    """Batches for ``path``; ``parallel`` None means: reader processes for large files
    (``readers`` of them; None: READERS when ``staged``, else one). ``staged``: batches as
    SQLite databases (:mod:`tally.ingest.stage`)."""
    if parallel is None:
        parallel = fmt != "xlsx" and path.stat().st_size > PARALLEL_BYTES
    if parallel and "fork" in multiprocessing.get_all_start_methods():
        # tuples: the writer is the busier side, one reader keeps up with it
        count = max(1, readers if readers is not None else READERS if staged else 1)
        return _parallel(path, fmt, encoding, mapping, skip, Part(0, count, staged))
    return _inline(path, fmt, encoding, mapping, skip, Part(staged=staged))
