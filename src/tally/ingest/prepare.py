"""Read, convert and hash list rows in batches — inline, or in worker processes.

On a large file reader processes read and convert while the importing process writes to
the database, so the work overlaps on the cores. Batches travel through bounded queues, so
memory stays flat however large the file. Errors in a reader come back as the same
:class:`InputError` the inline path raises, the first in the file first.

A batch is either a list of :data:`Prepared` tuples (pickled between processes) or, for a
bulk load into SQLite, the rows as a small SQLite database (:mod:`tally.ingest.stage`) the
writer copies with ``INSERT ... SELECT``. Two readers then share the file: a CSV/TSV file in
an encoding whose line breaks and quotes are single bytes is cut into chunks of about a
megabyte at row boundaries (:mod:`tally.ingest.chunks`), one batch each, and each reader
parses only every other chunk; other files each reader reads whole (cheaply past the other's
rows), preparing every other batch.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import queue as queue_module
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson

from tally.ingest import stage
from tally.ingest.chunks import Resplit, byte_splittable, chunk_rows, chunks
from tally.ingest.convert import RowConverter
from tally.ingest.encoding import detect
from tally.ingest.errors import InputError, RowProblem
from tally.ingest.mapping import Mapping
from tally.ingest.readers import RawRow, csv_head, read_rows
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
    #: ``staged_columns`` (those of STAGE_COLUMNS the mapping can fill), instead of
    #: ``items``; ``staged_rows`` of them
    staged: bytes | None = None
    staged_rows: int = 0
    staged_columns: tuple[str, ...] = ()


#: columns of a staged batch: the document values, then the mention values
STAGE_COLUMNS = (*DOC_VALUE_COLUMNS, *MENTION_VALUE_COLUMNS)


def filled_columns(mapping: Mapping) -> tuple[str, ...]:
    """The mention value columns (MENTION_VALUE_COLUMNS, in order) that rows converted by
    ``mapping`` can fill: a staged batch leaves out the others, which stay NULL."""
    fields = {*mapping.fields, "record_key", "name_key"}
    if "full_name" in fields:  # split into its parts
        fields.update(("last_name", "first_name", "patronymic"))
    if "last_name" in fields:  # joined into a full name
        fields.add("full_name")
    return tuple(c for c in MENTION_VALUE_COLUMNS if c in fields)


@dataclass(frozen=True, slots=True)
class Part:
    """Which batches a reader prepares: batch ``i`` (every BATCH rows read make one, or
    with ``chunked`` every chunk of the file) when ``i % of == index``; the others it only
    reads past. ``staged``: batches as databases. ``start``: (byte offset, line) of the row
    boundary of a CSV/TSV file to read on from, instead of its first row."""

    index: int = 0
    of: int = 1
    staged: bool = False
    chunked: bool = False
    start: tuple[int, int] | None = None

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
    size: int = 0,
) -> Iterator[Batch]:
    """Batches of prepared rows, one per ``size`` (default BATCH) rows read (those of
    ``part`` only); ``consumed[0]`` is kept at the bytes read so far."""
    number, read, reported, size = 0, 0, 0, size or BATCH
    mine = part.prepares(0)
    batch = Batch()
    items: list[Any] = batch.items
    sha256, dumps, columns, staged = hashlib.sha256, orjson.dumps, MENTION_COLUMNS, part.staged
    nulls = repeat(NULL)
    # staged rows hold only the columns the mapping can fill: fewer values to bind
    filled = filled_columns(convert.mapping)
    with_urls = "urls" in filled
    staged_columns = (*DOC_VALUE_COLUMNS, *filled)
    facts = tuple(c for c in filled if c not in ("record_key", "urls"))
    for row in rows:
        if read == size:  # the batch is complete: hand it over, or pass it by
            if mine:
                yield _finish(batch, read, consumed[0] - reported, staged, staged_columns)
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
            if with_urls:
                items.append(
                    (sha, len(content), content, f"line {line}", key, urls_text or NULL,
                     *map(values.get, facts, nulls))
                )  # fmt: skip
            else:
                items.append(
                    (sha, len(content), content, f"line {line}", key,
                     *map(values.get, facts, nulls))
                )  # fmt: skip
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
        yield _finish(batch, read, consumed[0] - reported, staged, staged_columns)


def _finish(batch: Batch, read: int, nbytes: int, staged: bool, columns: tuple[str, ...]) -> Batch:
    batch.rows, batch.nbytes = read, nbytes
    if staged:
        batch.staged = stage.build(columns, batch.items)
        batch.staged_rows, batch.items = len(batch.items), []
        batch.staged_columns = columns
    return batch


def _counter(consumed: list[int]) -> Callable[[int], None]:
    def add(n: int) -> None:
        consumed[0] += n

    return add


def _inline(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool, part: Part = Part()
) -> Iterator[Batch]:
    if part.chunked:
        yield from _chunked(path, fmt, encoding, mapping, skip, part)
        return
    consumed = [0]
    wanted = part.wants_row if part.of > 1 else None
    _, rows = read_rows(path, fmt, encoding, _counter(consumed), wanted, part.start)
    yield from prepare_rows(rows, RowConverter(mapping, path), skip, consumed, part)


def _chunked(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool, part: Part
) -> Iterator[Batch]:
    """One batch per chunk of ``path`` that ``part`` prepares; :class:`Resplit` when a
    chunk does not end at a row boundary."""
    enc = encoding or detect(path)
    header, delimiter, head = csv_head(path, fmt, enc)
    convert, whole = RowConverter(mapping, path), Part(staged=part.staged)
    for chunk in chunks(path, head, 2):
        if part.prepares(chunk.number):
            consumed = [len(chunk.data) + (head if chunk.number == 0 else 0)]
            rows = chunk_rows(path, chunk, enc, delimiter, header)
            try:
                yield from prepare_rows(rows, convert, skip, consumed, whole, sys.maxsize)
            except Resplit:
                if chunk.number == 0:  # nothing handed over yet: the whole file again
                    raise Resplit(0, 1) from None
                raise


def _worker(
    path: Path,
    fmt: str,
    encoding: str | None,
    mapping: dict[str, Any],
    skip: bool,
    part: Part,
    out: Any,
    spool: str,
) -> None:
    watch = threading.Thread(target=_end_with_parent, args=(os.getppid(), spool), daemon=True)
    watch.start()
    try:
        batches = _inline(path, fmt, encoding, Mapping.model_validate(mapping), skip, part)
        for number, batch in enumerate(batches):
            if batch.staged is None:
                out.put(("batch", batch))
                continue
            # the staged rows go through a file in memory (tmpfs), not pickled down the pipe
            name = os.path.join(spool, f"{part.index}-{number}.db")
            with open(name, "wb") as fh:
                fh.write(batch.staged)
            batch.staged = None
            out.put(("spooled", (batch, name)))
        out.put(("done", None))
    except InputError as exc:
        out.put(("input", (exc.problem, exc.hint)))
    except Resplit as exc:
        out.put(("resplit", (exc.offset, exc.line)))
    except BaseException:
        out.put(("crash", traceback.format_exc()))


def _end_with_parent(parent: int, spool: str) -> None:
    """End this reader process once the importing process is gone (killed): nobody reads
    its queue any more, and a full queue, or the flush of its last batch at exit, would keep
    it waiting forever. The staged files left behind go too."""
    while os.getppid() == parent:
        time.sleep(0.5)
    shutil.rmtree(spool, ignore_errors=True)
    os._exit(1)


_SPOOL = "tally-stage-"


def _spool_dir() -> str:
    """A new folder for staged batches in transit: in memory (/dev/shm) where there is one.
    Its name holds this process's id: folders left by an importing process that was killed
    after its readers had ended are removed here."""
    where = _spool_root()
    for name in os.listdir(where):
        pid = name.removeprefix(_SPOOL).split("-", 1)[0]
        if name.startswith(_SPOOL) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(where, name), ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"{_SPOOL}{os.getpid()}-", dir=where)


def _spool_root() -> str:
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else tempfile.gettempdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _parallel(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool, part: Part
) -> Iterator[Batch]:
    """``part.of`` reader processes, each preparing every ``part.of``-th batch; the batches
    are taken from them in turn, so they come in file order. A reader meets a malformed
    line too when reading past it, but reports it only after its earlier batches, so the
    first error in the file is the one raised. When a chunk turns out not to end at a row
    boundary, new readers read on from its start without chunks."""
    while True:
        resplit = yield from _in_turn(path, fmt, encoding, mapping, skip, part)
        if resplit is None:
            return
        part = Part(0, part.of, part.staged, start=resplit if resplit[0] else None)


def _in_turn(
    path: Path, fmt: str, encoding: str | None, mapping: Mapping, skip: bool, part: Part
) -> Generator[Batch, None, tuple[int, int] | None]:
    """The batches of one set of readers (see :func:`_parallel`); returns where to read on
    from without chunks, or None at the end of the file."""
    ctx = multiprocessing.get_context("fork")
    readers = []
    spool = _spool_dir()
    for index in range(part.of):
        out = ctx.Queue(maxsize=QUEUE_BATCHES)
        mine = Part(index, part.of, part.staged, part.chunked, part.start)
        args = (path, fmt, encoding, mapping.model_dump(), skip, mine, out, spool)
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
            if kind == "spooled":
                payload, name = payload
                with open(name, "rb") as fh:
                    payload.staged = fh.read()
                os.unlink(name)
                kind = "batch"
            if kind == "batch":
                number += 1
                yield payload
            elif kind == "done":
                return None
            elif kind == "resplit":
                offset, line = payload
                return (int(offset), int(line))
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
        shutil.rmtree(spool, ignore_errors=True)


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
    chunked: bool | None = None,
) -> Iterator[Batch]:
    """Batches for ``path``; ``parallel`` None means: reader processes for large files
    (``readers`` of them; None: READERS when ``staged``, else one). ``staged``: batches as
    SQLite databases (:mod:`tally.ingest.stage`). ``chunked``: reader processes split a
    CSV/TSV file by bytes (:mod:`tally.ingest.chunks`); None: staged batches of a file
    whose encoding allows it."""
    if parallel is None:
        parallel = fmt != "xlsx" and path.stat().st_size > PARALLEL_BYTES
    if parallel and "fork" in multiprocessing.get_all_start_methods():
        # tuples: the writer is the busier side, one reader keeps up with it
        count = max(1, readers if readers is not None else READERS if staged else 1)
        if chunked is None:  # staged batches only: a tuple batch's row count stays BATCH,
            # so the writer's look-ups keep one statement per shape in the driver's cache
            chunked = staged and fmt in ("csv", "tsv") and byte_splittable(encoding or detect(path))
        return _parallel(path, fmt, encoding, mapping, skip, Part(0, count, staged, chunked))
    return _inline(path, fmt, encoding, mapping, skip, Part(staged=staged))
