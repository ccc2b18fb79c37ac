"""Input for ``tally extract``: a plain text, or JSON Lines of ``{"id","text","published"}``.

Bad input is refused with an :class:`InputError` that names the line: binary data, text larger
than :data:`MAX_BYTES`, a line that is not a JSON object with a string ``text``, or a
``published`` that is not ``YYYY-MM-DD``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000


class InputError(ValueError):
    """Input that cannot be extracted from; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Record:
    id: str | None
    text: str
    published: date | None


def decode(data: bytes, *, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data):,} bytes is more than the limit of {MAX_BYTES:,}")
    if b"\x00" in data:
        raise InputError(f"{name}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}, line {line}: not UTF-8 text ({exc.reason})") from None


def parse_date(value: object, *, where: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: published must be a YYYY-MM-DD string")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{where}: published {value!r} is not YYYY-MM-DD") from None


def records(text: str, *, name: str, jsonl: bool, published: date | None) -> Iterator[Record]:
    """The records of an input; ``published`` is the default publication date."""
    if not jsonl:
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(f"{name}: text of {len(text):,} characters is more than "
                             f"{MAX_TEXT_CHARS:,}; split it")
        yield Record(None, text, published)
        return
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}, line {no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(f'{where}: expected an object with a string "text"')
        if len(obj["text"]) > MAX_TEXT_CHARS:
            raise InputError(f"{where}: text longer than {MAX_TEXT_CHARS:,} characters")
        rid = obj.get("id")
        yield Record(None if rid is None else str(rid), obj["text"],
                     parse_date(obj.get("published"), where=where) or published)
