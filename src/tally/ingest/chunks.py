"""Split a CSV/TSV file between reader processes by bytes, at row boundaries.

Each reader walks the whole file as raw bytes (cheap: counting quotes and line breaks) and
decodes and parses only its own chunks, instead of parsing every row and skipping the
others'. A chunk is about CHUNK_BYTES and ends after a line break at which an even number of
double quotes has been met since the chunk's start: outside any quoted field, so a quoted
cell holding a line break is never cut.

That rule is a guess where a quote stands inside an unquoted cell (``Ив"анов``, which the
csv module reads as a literal quote). The guess is checked: the reader of a chunk parses it
from a row boundary, so it knows whether the chunk ends at one; when the last row runs past
the end (the csv module meets the end inside a quoted field), it raises :class:`Resplit`
naming the chunk's start, a true row boundary, and the caller reads on from there without
chunks. Chunks are handed to the writer in file order, so nothing after a wrong guess has
been written when the guess is found out.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tally.ingest.errors import InputError, problem
from tally.ingest.readers import RawRow, decode_error, width_error

#: bytes of a chunk: one chunk is one batch for the writer (about 6,000 rows of a typical list)
CHUNK_BYTES = 1 << 20
_READ = 1 << 16
#: the csv module's message for a file (here: a chunk) ending inside a quoted field
_EOF_IN_QUOTES = "unexpected end of data"


class Resplit(Exception):
    """A chunk's last row runs past its end: read on from byte ``offset`` (line ``line``),
    the chunk's start, without chunks."""

    def __init__(self, offset: int, line: int) -> None:
        super().__init__(f"a row runs past the chunk starting at byte {offset}")
        self.offset, self.line = offset, line


@dataclass(frozen=True, slots=True)
class Chunk:
    number: int  # 0-based, in file order
    offset: int  # byte offset of its first line
    line: int  # line number of its first line
    data: bytes
    last: bool  # the file ends with this chunk


def byte_splittable(encoding: str) -> bool:
    """Can a file in ``encoding`` be split by bytes: is every line break, double quote and
    delimiter one ASCII byte that no other character's bytes contain?"""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    if name in ("utf-8", "utf-8-sig", "ascii"):
        return True
    try:  # a single-byte encoding that keeps ASCII's control characters and punctuation
        every = bytes(range(256)).decode(name, errors="replace")
        return len(every) == 256 and b'\n\r",;\t'.decode(name) == '\n\r",;\t'
    except (UnicodeDecodeError, LookupError):
        return False


def line_breaks(data: bytes) -> int:
    """Lines ended in ``data``, counted as the readers count them (``\\n``, ``\\r\\n``, ``\\r``)."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _end(buf: bytes, size: int) -> int | None:
    """Where the chunk at the start of ``buf`` ends: after the first ``\\n`` at or past
    ``size - 1`` with an even number of quotes before it; None if ``buf`` has none yet."""
    i = size - 1
    quotes = buf.count(b'"', 0, i)
    while True:
        j = buf.find(b"\n", i)
        if j < 0:
            return None
        quotes += buf.count(b'"', i, j)
        if quotes % 2 == 0:
            return j + 1
        i = j + 1


def chunks(path: Path, offset: int, line: int, size: int = 0) -> Iterator[Chunk]:
    """The chunks of ``path`` from byte ``offset`` (a row boundary on line ``line``) on,
    about ``size`` (default CHUNK_BYTES) bytes each; at least one."""
    size = max(1, size or CHUNK_BYTES)
    with path.open("rb") as fh:
        fh.seek(offset)
        buf, eof, number = b"", False, 0
        while True:
            end = _end(buf, size) if len(buf) >= size else None
            while end is None and not eof:
                more = fh.read(max(size, _READ))
                eof = not more
                buf += more
                end = _end(buf, size) if len(buf) >= size else None
            if end is None:
                end = len(buf)  # the end of the file
            if end == 0:  # the end of the file: a file of no rows has one empty chunk
                if number == 0:
                    yield Chunk(0, offset, line, b"", True)
                return
            data, buf = buf[:end], buf[end:]
            yield Chunk(number, offset, line, data, eof and not buf)
            number, offset, line = number + 1, offset + end, line + line_breaks(data)


def chunk_rows(
    path: Path, chunk: Chunk, encoding: str, delimiter: str, header: list[str]
) -> Iterator[RawRow]:
    """The rows of ``chunk``, as :func:`tally.ingest.readers.read_rows` gives them (blank
    rows left out, the same errors on the same lines); :class:`Resplit` when its last row
    runs past its end."""
    data, first = chunk.data, chunk.line
    decode = "utf-8" if encoding.replace("_", "-").lower() == "utf-8-sig" else encoding
    undecodable: InputError | None = None
    try:
        text = data.decode(decode)
    except UnicodeDecodeError as exc:  # the rows before the bad line first, then the error
        undecodable = decode_error(path, first + line_breaks(data[: exc.start]), encoding, exc)
        text = data[: data.rfind(b"\n", 0, exc.start) + 1].decode(decode)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    width, done = len(header), 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if str(exc) == _EOF_IN_QUOTES and undecodable is not None:
                raise undecodable from None
            if str(exc) == _EOF_IN_QUOTES and not chunk.last:
                raise Resplit(chunk.offset, chunk.line) from None
            raise InputError(problem(path, first + done, None, f"malformed CSV: {exc}")) from exc
        start, done = first + done, reader.line_num
        if not "".join(cells).strip():  # a blank line, or only blank cells
            continue
        if len(cells) != width:
            raise width_error(path, start, len(cells), width)
        yield RawRow(start, dict(zip(header, cells, strict=True)))
    if undecodable is not None:
        raise undecodable
