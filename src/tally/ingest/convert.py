"""Turn one list row into mention values, by the mapping. Strict: a value that does not fit
is a :class:`RowProblem`, never silently absorbed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

from tally.ingest.errors import RowProblem, problem
from tally.ingest.mapping import Mapping
from tally.ingest.readers import RawRow
from tally.model import Channel, PartialDate
from tally.names.normal import name_key, split_full_name

Converter = Callable[[str], Any]
_TRUE = {"1", "true", "yes", "да", "y", "officer", "офицер"}
_FALSE = {"0", "false", "no", "нет", "n"}


class RowError(ValueError):
    pass


_MISSING: Any = object()  # a translated value that means "missing"
_MEMO_SIZE = 4096  # per column; a full memo starts again (memory stays flat)


def row_bytes(row: RawRow) -> bytes:
    """The canonical bytes of a row: its cells as a compact UTF-8 JSON object, in column order
    (what ``json.dumps(values, ensure_ascii=False, separators=(",", ":"))`` gives, faster)."""
    return orjson.dumps(row.values)


def _precision_of(fmt: str) -> str:
    return "day" if "%d" in fmt else "month" if ("%m" in fmt or "%b" in fmt) else "year"


_DIRECTIVES = {"%Y": r"(?P<y>\d{4})", "%m": r"(?P<m>\d{1,2})", "%d": r"(?P<d>\d{1,2})"}


@lru_cache(maxsize=64)
def _format_regex(fmt: str) -> re.Pattern[str] | None:
    """A regex for formats made only of %Y, %m, %d and literals; None for anything else."""
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] == "%":
            directive = fmt[i : i + 2]
            if directive not in _DIRECTIVES:
                return None
            out.append(_DIRECTIVES[directive])
            i += 2
        else:
            out.append(re.escape(fmt[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _parse_one(value: str, fmt: str) -> PartialDate | None:
    pattern = _format_regex(fmt)
    if pattern is None:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            return None
        year, month, day = parsed.year, parsed.month, parsed.day
    else:
        m = pattern.match(value)
        if m is None:
            return None
        parts = m.groupdict()
        year = int(parts["y"]) if "y" in parts else 1900
        month = int(parts["m"]) if "m" in parts else 1
        day = int(parts["d"]) if "d" in parts else 1
    precision = _precision_of(fmt)
    try:
        return PartialDate(
            year, month if precision != "year" else None, day if precision == "day" else None
        )
    except ValueError:
        return None


def parse_date(value: str, formats: list[str] | tuple[str, ...]) -> PartialDate:
    """The first format that reads ``value``; precision follows the format (%Y, %m, %d)."""
    for fmt in formats:
        found = _parse_one(value, fmt)
        if found is not None:
            return found
    raise RowError(f"{value!r} is not a date in any of the formats {formats}")


@lru_cache(maxsize=1 << 16)
def _date_text(value: str, formats: tuple[str, ...]) -> str:
    """``parse_date`` as text, cached: real lists repeat their dates thousands of times."""
    return str(parse_date(value, formats))


@lru_cache(maxsize=4096)
def _region(value: str) -> str:
    from tally.gazetteer import UnknownRegion, resolve

    try:
        return resolve(value)
    except UnknownRegion as exc:
        raise RowError(str(exc)) from exc


@lru_cache(maxsize=1024)
def _country(value: str) -> str:
    import pycountry

    if len(value) == 2 and value.isalpha():
        found = pycountry.countries.get(alpha_2=value.upper())
        if found:
            return str(found.alpha_2)
    try:
        return str(pycountry.countries.lookup(value).alpha_2)
    except LookupError as exc:
        raise RowError(
            f"unknown country {value!r} (use ISO 3166-1 codes or English names)"
        ) from exc


def _channel(value: str) -> str:
    try:
        return Channel(value.strip().lower()).value
    except ValueError as exc:
        known = ", ".join(c.value for c in Channel)
        raise RowError(
            f"{value!r} is not a recruitment channel ({known}); "
            "translate it under `values: channel:` in the mapping"
        ) from exc


def _int(value: str) -> int:
    try:
        number = int(float(value))
    except ValueError as exc:
        raise RowError(f"{value!r} is not a whole number") from exc
    if not 0 <= number <= 120:
        raise RowError(f"age {number} is out of range")
    return number


def _bool(value: str) -> bool:
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise RowError(f"{value!r} is not yes/no")


class RowConverter:
    def __init__(self, mapping: Mapping, path: Path) -> None:
        self.mapping = mapping
        self.path = path
        self.missing = frozenset(mapping.missing)
        self.split = {f: re.compile(p) for f, p in mapping.split.items()}
        self.extract = {f: re.compile(p) for f, p in mapping.extract.items()}
        dates = tuple(mapping.date_formats)
        converters: dict[str, Converter] = {
            "birth_date": lambda v: _date_text(v, dates),
            "death_date": lambda v: _date_text(v, dates),
            "age": _int,
            "region": _region,
            "channel": _channel,
            "citizenship": _country,
            "is_officer": _bool,
        }
        tables = {
            f: {k.strip().lower(): v for k, v in t.items()} for f, t in mapping.values.items()
        }
        # one step per mapped column: (field, column, value table or None, converter or None,
        # memo of cell -> stored value or None): lists repeat their dates, regions and units
        self.plan: list[
            tuple[str, str, dict[str, str] | None, Converter | None, dict[str, Any] | None]
        ] = []
        for field, column in mapping.fields.items():
            if field == "urls":
                continue
            table, conv = tables.get(field) or None, converters.get(field)
            memo: dict[str, Any] | None = {} if table or conv else None
            self.plan.append((field, column, table, conv, memo))
        self.urls_column = mapping.fields.get("urls")

    def _multi(self, field: str, value: str) -> list[str]:
        if field in self.extract:
            return [m.group(0) for m in self.extract[field].finditer(value)]
        if field in self.split:
            return [v for v in self.split[field].split(value) if v and v not in self.missing]
        return [value]

    def _resolve(self, value: str, table: dict[str, str] | None, conv: Converter | None) -> Any:
        """The stored value of a non-missing cell: the mapping's translation, then the
        converter; _MISSING when the translation means "missing"."""
        if table is not None:
            value = table.get(value.lower(), value)
            if value in self.missing:
                return _MISSING
        return value if conv is None else conv(value)

    def __call__(self, row: RawRow) -> tuple[str | None, dict[str, Any]] | RowProblem:
        out: dict[str, Any] = {}
        m = self.mapping
        cells = row.values
        missing = self.missing
        for field, column, table, conv, memo in self.plan:
            value = cells.get(column, "").strip()
            if value in missing:
                continue
            if memo is None:
                out[field] = value
                continue
            found = memo.get(value, _MISSING)
            if found is _MISSING:
                try:
                    found = self._resolve(value, table, conv)
                except RowError as exc:
                    return problem(self.path, row.line, column, str(exc))
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[value] = found
            if found is not _MISSING:
                out[field] = found
        if self.urls_column is not None:
            raw = cells.get(self.urls_column, "").strip()
            if raw not in missing:
                out["urls"] = self._multi("urls", raw)
        if "full_name" in out:
            parts = split_full_name(out["full_name"], m.name_order)
            for part, val in parts.items():
                out.setdefault(part, val)
        if out.get("last_name") and not out.get("full_name"):
            out["full_name"] = " ".join(
                p for p in (out.get("last_name"), out.get("first_name"), out.get("patronymic")) if p
            )
        out["name_key"] = name_key(
            out.get("last_name"), out.get("first_name"), out.get("patronymic")
        )
        record_id: str | None = None
        if m.id:
            record_id = row.values.get(m.id, "").strip() or None
            if record_id is None and m.missing_id == "error":
                return problem(
                    self.path,
                    row.line,
                    m.id,
                    "the record id is empty (set `missing_id: content_hash` in the "
                    "mapping to key such rows by their content)",
                )
        return record_id, out
