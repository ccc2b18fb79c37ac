"""A CSV/TSV file split between readers by bytes gives the rows the whole-file reader gives."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.ingest import chunks, prepare
from tally.ingest.chunks import Resplit, byte_splittable, chunk_rows
from tally.ingest.errors import InputError
from tally.ingest.mapping import Mapping
from tally.ingest.prepare import prepared_batches
from tally.ingest.readers import RawRow, csv_head, read_rows

from .conftest import rows_of

MAPPING = Mapping.model_validate(
    {"id": "a", "missing_id": "content_hash", "fields": {"full_name": "b", "unit": "c"}}
)


def _outcome(path: Path, fmt: str, chunked: bool | None, staged: bool = True) -> Any:
    """What the readers give: the rows, or the error (its place and message)."""
    try:
        batches = list(
            prepared_batches(
                path,
                fmt,
                None,
                MAPPING,
                True,
                chunked is not None,
                staged=staged,
                readers=2,
                chunked=chunked,
            )
        )
    except InputError as exc:
        return ("error", exc.problem.line, exc.problem.message)
    return rows_of(batches)


@pytest.mark.parametrize(
    ("encoding", "splittable"),
    [
        ("utf-8", True),
        ("utf-8-sig", True),
        ("cp1251", True),
        ("koi8_r", True),
        ("ascii", True),
        ("utf-16", False),
        ("shift_jis", False),
        ("no-such-codec", False),
    ],
)
def test_which_encodings_split_by_bytes(encoding: str, splittable: bool) -> None:
    assert byte_splittable(encoding) is splittable


HEADER = "a,b,c"
FILES = {
    "plain": "1,Иванов Иван,ч1\n2,Петров Пётр,ч2\n3,Сидоров Сидор,ч3\n",
    "quoted line breaks": (
        '1,"Иванов\nИван",ч1\n2,"a ""q"" b\n\nc",ч2\n3,"x\r\ny",ч3\n4,Петров,"ч\n4"\n'
    ),
    "crlf": "1,Иванов,ч1\r\n2,Петров,ч2\r\n\r\n3,Сидоров,ч3\r\n",
    "bare cr": "1,Иванов,ч1\r2,Петров,ч2\r3,Сидоров,ч3\r",
    "blank lines and cells": "\n1,Иванов,ч1\n\n , ,\n2,Петров,ч2\n\n",
    "no last line break": "1,Иванов,ч1\n2,Петров,ч2",
    # a quote inside an unquoted cell is literal: the quote count misleads the split, and a
    # chunk then ends inside the quoted cell further on — read on without chunks from there
    "literal quote": '1,Ив"анов,ч1\n2,Петров,ч2\n3,"a\nb\nc\nd",ч3\n4,Сидоров,ч4\n5,x,"y\nz"\n',
    "width error": "1,Иванов,ч1\n2,Петров\n3,Сидоров,ч3\n",
    "unclosed quote at the end": '1,Иванов,ч1\n2,"Петров,ч2\n',
    "bad quoting": '1,Иванов,ч1\n2,"Пет"ров,ч2\n',
}


@pytest.mark.parametrize("chunk_bytes", [1, 7, 30, 1 << 20])
@pytest.mark.parametrize("name", list(FILES))
def test_chunks_give_the_rows_of_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, chunk_bytes: int
) -> None:
    monkeypatch.setattr(chunks, "CHUNK_BYTES", chunk_bytes)
    path = tmp_path / "l.csv"
    path.write_bytes(f"{HEADER}\n{FILES[name]}".encode())
    assert _outcome(path, "csv", True) == _outcome(path, "csv", None)


@pytest.mark.parametrize(
    ("encoding", "fmt", "delimiter"),
    [("utf-8-sig", "csv", ","), ("cp1251", "csv", ";"), ("koi8_r", "tsv", "\t")],
)
def test_chunks_in_other_encodings_and_delimiters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, fmt: str, delimiter: str
) -> None:
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 25)
    text = FILES["quoted line breaks"].replace(",", delimiter)
    path = tmp_path / f"l.{fmt}"
    path.write_bytes(f"{HEADER.replace(',', delimiter)}\r\n{text}".encode(encoding))
    assert csv_head(path, fmt, encoding)[:2] == (["a", "b", "c"], delimiter)
    chunked, whole = _outcome(path, fmt, True), _outcome(path, fmt, None)
    assert chunked == whole
    assert chunked[0] == 4 and chunked[1] == path.stat().st_size


def test_a_misleading_quote_is_found_out_at_the_chunk_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "l.csv"
    plain = "".join(f"{i},Иванов,ч\n" for i in range(10, 15))
    path.write_bytes(f"{HEADER}\n{plain}{FILES['literal quote']}".encode())
    _header, delimiter, head = csv_head(path, "csv", "utf-8")
    read: list[RawRow] = []
    with pytest.raises(Resplit) as info:
        for chunk in chunks.chunks(path, head, 2, 30):
            whole_chunk = list(chunk_rows(path, chunk, "utf-8", delimiter, ["a", "b", "c"]))
            read.extend(whole_chunk)
    # it names the start of the chunk: the rows before it, then those read on from there
    assert info.value.offset > head and info.value.line > 2
    _, rest = read_rows(path, "csv", "utf-8", start=(info.value.offset, info.value.line))
    both = [*read, *rest]
    assert [r.values["a"] for r in both] == [*map(str, range(10, 15)), *"12345"]
    _, whole = read_rows(path, "csv", "utf-8")
    assert both == list(whole)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 30)
    assert _outcome(path, "csv", True) == _outcome(path, "csv", None)


def test_an_undecodable_byte_is_reported_on_its_line_after_the_rows_before_it(
    tmp_path: Path,
) -> None:
    rows = "".join(f"{i},Иванов{i},ч\n" for i in range(1000))  # past the header's read
    data = f"{HEADER}\n{rows}".encode() + b"1000,\xff\xfe,x\n" + b"1001,a,b\n"
    path = tmp_path / "l.csv"
    path.write_bytes(data)
    _header, delimiter, head = csv_head(path, "csv", "utf-8")
    (chunk,) = list(chunks.chunks(path, head, 2, 1 << 20))
    got: list[RawRow] = []
    with pytest.raises(InputError, match="cannot decode as utf-8") as info:
        for row in chunk_rows(path, chunk, "utf-8", delimiter, ["a", "b", "c"]):
            got.append(row)
    assert info.value.problem.line == 1002
    assert [r.line for r in got] == list(range(2, 1002))


_CELL = st.lists(
    st.sampled_from(["a", "Ж", " ", ",", '"', "\n", "\r\n", "\r", "x"]), max_size=6
).map("".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(st.tuples(_CELL, _CELL, _CELL), max_size=25),
    literal=st.lists(st.integers(0, 24), max_size=2),
    terminator=st.sampled_from(["\n", "\r\n"]),
    chunk_bytes=st.integers(1, 80),
)
def test_any_split_gives_the_rows_of_the_whole_file(
    tmp_path: Path,
    rows: list[tuple[str, str, str]],
    literal: list[int],
    terminator: str,
    chunk_bytes: int,
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=terminator)
    writer.writerow(["a", "b", "c"])
    for i, row in enumerate(rows):
        if i in literal:  # a quote inside an unquoted cell: the split's guess goes wrong
            out.write(f'{i},Ив"анов,x{terminator}')
        writer.writerow(row)
    path = tmp_path / "h.csv"
    path.write_bytes(out.getvalue().encode())
    old = chunks.CHUNK_BYTES
    chunks.CHUNK_BYTES = chunk_bytes
    try:
        assert _outcome(path, "csv", True) == _outcome(path, "csv", None)
        assert _outcome(path, "csv", True, staged=False) == _outcome(path, "csv", None, False)
    finally:
        chunks.CHUNK_BYTES = old


def test_batches_stay_one_per_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 40)
    monkeypatch.setattr(prepare, "BATCH", 2)  # not used for chunks
    path = tmp_path / "l.csv"
    path.write_bytes(("a,b,c\n" + "".join(f"{i},Иванов,ч\n" for i in range(30))).encode())
    batches = list(
        prepared_batches(
            path, "csv", None, MAPPING, False, True, staged=True, readers=2, chunked=True
        )
    )
    assert len(batches) > 2
    assert all(b.rows > 2 for b in batches[:-1])
    assert sum(b.rows for b in batches) == 30
