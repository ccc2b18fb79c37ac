"""Stream rows out of CSV, TSV, XLSX, JSON and JSONL files, each with its line number.

Readers never hold a whole file in memory, except JSON arrays (use JSONL for big lists).
Undecodable bytes and malformed structure raise :class:`InputError` naming file and line.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tally.ingest.encoding import detect
from tally.ingest.errors import InputError, problem

FORMATS = ("csv", "tsv", "xlsx", "json", "jsonl")
csv.field_size_limit(1 << 24)


@dataclass(frozen=True, slots=True)
class RawRow:
    line: int
    values: dict[str, str]


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("ndjson",):
        return "jsonl"
    if suffix in ("txt",):
        return "csv"
    if suffix not in FORMATS:
        raise InputError(
            problem(path, None, None, f"unknown list format {path.suffix!r}"),
            "use .csv, .tsv, .xlsx, .json or .jsonl, or pass --format",
        )
    return suffix


class _Progress:
    """Reports how many bytes of the file were consumed: every EVERY rows, and at the end."""

    EVERY = 256

    def __init__(self, raw: IO[bytes], callback: Callable[[int], None] | None) -> None:
        self.raw, self.callback, self.last, self.rows = raw, callback, 0, 0

    def tick(self) -> None:
        self.rows += 1
        if self.rows % self.EVERY == 0:
            self.flush()

    def flush(self) -> None:
        if self.callback is not None and not self.raw.closed:
            pos = self.raw.tell()
            if pos != self.last:
                self.callback(pos - self.last)
                self.last = pos


def read_rows(
    path: Path,
    fmt: str | None = None,
    encoding: str | None = None,
    on_bytes: Callable[[int], None] | None = None,
    wanted: Callable[[int], bool] | None = None,
    start: tuple[int, int] | None = None,
) -> tuple[list[str], Iterator[RawRow]]:
    """(header, rows). The header is read eagerly so a mapping can be checked first.

    ``wanted``: called with each row's number (0-based, blank lines not counted); a CSV/TSV
    row it refuses comes without values (a reader preparing only some rows reads past the
    others cheaply). Other formats give every row its values. ``start``: (byte offset, line
    number) of a row boundary of a CSV/TSV file to read the rows from, instead of the first
    row (rows are numbered from there)."""
    fmt = fmt or guess_format(path)
    if fmt == "xlsx":
        return _xlsx(path)
    enc = encoding or detect(path)
    if fmt in ("csv", "tsv"):
        return _csv(path, enc, "\t" if fmt == "tsv" else None, on_bytes, wanted, start)
    if fmt == "jsonl":
        return _jsonl(path, enc, on_bytes)
    if fmt == "json":
        return _json(path, enc)
    raise InputError(problem(path, None, None, f"unknown format {fmt!r}"))


def decode_error(path: Path, line: int, enc: str, exc: UnicodeDecodeError) -> InputError:
    return InputError(
        problem(path, line, None, f"cannot decode as {enc}: {exc.reason}"),
        "pass --encoding if the detected encoding is wrong",
    )


_NO_VALUES: dict[str, str] = {}


def _csv(
    path: Path,
    enc: str,
    delimiter: str | None,
    on_bytes: Callable[[int], None] | None,
    wanted: Callable[[int], bool] | None = None,
    start: tuple[int, int] | None = None,
) -> tuple[list[str], Iterator[RawRow]]:
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=enc, newline="")
    try:
        header, delimiter, _first = _header(path, enc, text, delimiter)
    except InputError:
        raw.close()
        raise
    progress = _Progress(raw, on_bytes)
    if start is not None:  # on from a row boundary: a fresh decoder at its offset
        text.detach()
        raw.seek(start[0])
        text = io.TextIOWrapper(raw, encoding=enc, newline="")
        progress.last = start[0]
    before = 1 if start is None else start[1] - 1

    def rows() -> Iterator[RawRow]:
        lines, read = iter(text), [before]  # physical lines read: the header's too
        pending: list[str] = []  # a line read ahead, for the csv module to parse

        def source() -> Iterator[str]:
            while True:
                text_line = pending.pop() if pending else next(lines, None)
                if text_line is None:
                    return
                read[0] += 1
                yield text_line

        reader = csv.reader(source(), delimiter=delimiter, strict=True)
        number, width = -1, len(header)
        try:
            while True:
                start = read[0] + 1
                if wanted is not None and not wanted(number + 1):
                    try:
                        text_line = next(lines, None)
                    except UnicodeDecodeError as exc:
                        raise decode_error(path, start, enc, exc) from exc
                    if text_line is None:
                        return
                    if '"' not in text_line:  # one line, one row: no need to parse it
                        read[0] += 1
                        count = text_line.count(delimiter) + 1
                        if (  # a blank line, or only blank cells (a letter or digit first: not)
                            not text_line[:1].isalnum()
                            and not text_line.replace(delimiter, "").strip()
                        ):
                            continue
                        if count != width:
                            raise width_error(path, start, count, width)
                        number += 1
                        yield RawRow(start, _NO_VALUES)
                        progress.tick()
                        continue
                    pending.append(text_line)  # quoted: the csv module reads it
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    raise decode_error(path, start, enc, exc) from exc
                except csv.Error as exc:
                    raise InputError(problem(path, start, None, f"malformed CSV: {exc}")) from exc
                if not "".join(cells).strip():  # a blank line, or only blank cells
                    continue
                if len(cells) != width:
                    raise width_error(path, start, len(cells), width)
                number += 1
                if wanted is None or wanted(number):
                    yield RawRow(start, dict(zip(header, cells, strict=True)))
                else:
                    yield RawRow(start, _NO_VALUES)
                progress.tick()
        finally:
            progress.flush()
            raw.close()

    return header, rows()


def _header(
    path: Path, enc: str, text: io.TextIOWrapper, delimiter: str | None
) -> tuple[list[str], str, str]:
    """The header read from ``text``, the delimiter (guessed when None) and the line."""
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise decode_error(path, 1, enc, exc) from exc
    if not first.strip():
        raise InputError(problem(path, 1, None, "the file is empty or has no header line"))
    if delimiter is None:
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d])
    header = next(csv.reader([first], delimiter=delimiter))
    header = [h.strip() for h in header]
    _check_header(path, header)
    return header, delimiter, first


def csv_head(path: Path, fmt: str, enc: str) -> tuple[list[str], str, int]:
    """A CSV/TSV file's header, its delimiter and the bytes of its header line (the line
    break included), for an encoding in which a line break is one byte."""
    with path.open("rb") as raw:
        bom = raw.read(3) == codecs.BOM_UTF8
        raw.seek(0)
        text = io.TextIOWrapper(raw, encoding=enc, newline="")
        header, delimiter, first = _header(path, enc, text, "\t" if fmt == "tsv" else None)
        text.detach()
    if codecs.lookup(enc).name == "utf-8-sig":  # the decoder drops the BOM
        return header, delimiter, len(first.encode("utf-8")) + (3 if bom else 0)
    return header, delimiter, len(first.encode(enc))


def width_error(path: Path, line: int, cells: int, width: int) -> InputError:
    return InputError(problem(path, line, None, f"{cells} cells where the header has {width}"))


def _check_header(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if not name:
            raise InputError(problem(path, 1, None, "the header has an empty column name"))
        if name in seen:
            raise InputError(problem(path, 1, name, "the header names this column twice"))
        seen.add(name)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def _xlsx(path: Path) -> tuple[list[str], Iterator[RawRow]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(problem(path, None, None, f"not a readable XLSX file: {exc}")) from exc
    sheet = wb.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    try:
        header = [_cell(v).strip() for v in next(it)]
    except StopIteration as exc:
        wb.close()
        raise InputError(problem(path, 1, None, "the sheet is empty")) from exc
    while header and not header[-1]:
        header.pop()
    _check_header(path, header)

    def rows() -> Iterator[RawRow]:
        try:
            for number, cells in enumerate(it, start=2):
                values = [_cell(v) for v in cells[: len(header)]]
                if all(not v.strip() for v in values):
                    continue
                values += [""] * (len(header) - len(values))
                yield RawRow(number, dict(zip(header, values, strict=True)))
        finally:
            wb.close()

    return header, rows()


def _object_row(path: Path, line: int, obj: Any) -> dict[str, str]:
    if not isinstance(obj, dict):
        raise InputError(problem(path, line, None, "expected a JSON object per record"))
    return {str(k): _json_cell(v) for k, v in obj.items()}


def _json_cell(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(_json_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _cell(value)


def _jsonl(
    path: Path, enc: str, on_bytes: Callable[[int], None] | None
) -> tuple[list[str], Iterator[RawRow]]:
    raw = path.open("rb")
    text = io.TextIOWrapper(raw, encoding=enc)
    progress = _Progress(raw, on_bytes)

    def parse(number: int, line: str) -> dict[str, str]:
        try:
            return _object_row(path, number, json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(problem(path, number, None, f"invalid JSON: {exc.msg}")) from exc

    lines = enumerate(text, start=1)
    first: tuple[int, dict[str, str]] | None = None
    try:
        for number, line in lines:
            if line.strip():
                first = (number, parse(number, line))
                break
    except UnicodeDecodeError as exc:
        raw.close()
        raise decode_error(path, 1, enc, exc) from exc
    if first is None:
        raw.close()
        raise InputError(problem(path, 1, None, "the file has no records"))
    header = list(first[1])

    def rows() -> Iterator[RawRow]:
        assert first is not None
        yield RawRow(first[0], first[1])
        number = first[0]
        try:
            for number, line in lines:
                if line.strip():
                    yield RawRow(number, parse(number, line))
                    progress.tick()
        except UnicodeDecodeError as exc:
            raise decode_error(path, number + 1, enc, exc) from exc
        finally:
            progress.flush()
            raw.close()

    return header, rows()


def _json(path: Path, enc: str) -> tuple[list[str], Iterator[RawRow]]:
    try:
        data = json.loads(path.read_text(encoding=enc))
    except UnicodeDecodeError as exc:
        raise decode_error(path, 1, enc, exc) from exc
    except json.JSONDecodeError as exc:
        raise InputError(problem(path, exc.lineno, None, f"invalid JSON: {exc.msg}")) from exc
    if isinstance(data, dict):  # {"records": [...]} or similar: take the one list inside
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise InputError(problem(path, 1, None, "expected a JSON array of records"))
        data = lists[0]
    if not isinstance(data, list) or not data:
        raise InputError(problem(path, 1, None, "expected a non-empty JSON array of records"))
    header: list[str] = []
    for obj in data:
        if isinstance(obj, dict):
            header.extend(k for k in obj if k not in header)

    def rows() -> Iterator[RawRow]:
        for index, obj in enumerate(data):
            yield RawRow(index + 1, _object_row(path, index + 1, obj))

    return header, rows()
