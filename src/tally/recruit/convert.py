"""Turn one CSV row into an indicator, by the mapping. Strict: a cell that does not fit is a
:class:`~tally.ingest.errors.RowProblem` naming file, line and column, never absorbed."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tally.ingest.errors import RowProblem, problem
from tally.ingest.readers import RawRow
from tally.model import Grade, PartialDate
from tally.recruit.kinds import Kind
from tally.recruit.mapping import (
    DATE_FIELDS,
    NUMBER_FIELDS,
    IndicatorMapping,
)
from tally.recruit.places import PlaceError, resolve_country, resolve_region

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


class CellError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    kind: str
    unit: str
    region: str | None = None
    country: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    as_of: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    published_at: str | None = None
    scope: str | None = None
    citation: str | None = None
    source_url: str | None = None
    grade: str = Grade.REPORTED.value
    note: str | None = None

    def as_values(self) -> dict[str, Any]:
        return asdict(self)


def parse_number(text: str) -> float:
    """Digits with an optional decimal point; spaces as thousands separators are allowed."""
    compact = text.replace(" ", "").replace("\u00a0", "").replace("_", "")
    if not _NUMBER.match(compact):
        raise CellError(f"{text!r} is not a number (digits and a decimal point only)")
    return float(compact)


def _kind(value: str) -> str:
    try:
        return Kind(value.strip().lower()).value
    except ValueError as exc:
        raise CellError(f"{value!r} is not an indicator kind ({', '.join(Kind)})") from exc


def _grade(value: str) -> str:
    try:
        return Grade(value.strip().lower()).value
    except ValueError as exc:
        raise CellError(f"{value!r} is not a grade ({', '.join(Grade)})") from exc


def _date(value: str) -> str:
    try:
        return str(PartialDate.parse(value))
    except ValueError as exc:
        raise CellError(str(exc)) from exc


def _place(fn: Any, value: str) -> str:
    try:
        return str(fn(value))
    except PlaceError as exc:
        raise CellError(str(exc)) from exc


class IndicatorConverter:
    def __init__(self, mapping: IndicatorMapping, path: Path) -> None:
        self.mapping = mapping
        self.path = path
        self.missing = frozenset(mapping.missing)
        self.values = {f: {k.strip().lower(): v for k, v in t.items()}
                       for f, t in mapping.values.items()}
        self.extract = {f: re.compile(p) for f, p in mapping.extract.items()}
        self.rules = [(r.column, re.compile(r.match, re.IGNORECASE), r.kind.value)
                      for r in mapping.kind_rules]

    def _clean(self, field: str, raw: str) -> str | None:
        value = raw.strip()
        if value in self.missing:
            return None
        table = self.values.get(field)
        if table is not None:
            value = table.get(value.lower(), value)
            if value in self.missing:
                return None
        pattern = self.extract.get(field)
        if pattern is not None:
            found = pattern.search(value)
            if found is None:
                raise CellError(f"{value!r} does not match the mapping's pattern for {field}")
            value = found.group(1) if pattern.groups else found.group(0)
        return value

    def _convert(self, field: str, value: str) -> Any:
        if field in NUMBER_FIELDS:
            return parse_number(value)
        if field in DATE_FIELDS:
            return _date(value)
        if field == "region":
            return _place(resolve_region, value)
        if field == "country":
            return _place(resolve_country, value)
        if field == "kind":
            return _kind(value)
        if field == "grade":
            return _grade(value)
        if field == "currency":
            if not re.fullmatch(r"[A-Za-z]{3}", value):
                raise CellError(f"{value!r} is not an ISO 4217 currency code")
            return value.upper()
        return value

    def _cell(self, row: RawRow, field: str, columns: str | list[str]) -> Any:
        if isinstance(columns, list):
            parts = [row.values.get(c, "").strip() for c in columns]
            text = "; ".join(p for p in parts if p and p not in self.missing)
            return text or None
        value = self._clean(field, row.values.get(columns, ""))
        return None if value is None else self._convert(field, value)

    def _rule_kind(self, row: RawRow) -> str | None:
        for column, pattern, kind in self.rules:
            if pattern.search(row.values.get(column, "")):
                return kind
        return None

    def __call__(self, row: RawRow) -> IndicatorRow | RowProblem:
        out: dict[str, Any] = {"grade": self.mapping.grade.value}
        if self.mapping.kind is not None:
            out["kind"] = self.mapping.kind.value
        for field, value in self.mapping.constants.items():
            try:
                out[field] = self._convert(field, value)
            except CellError as exc:
                return problem(self.path, row.line, None, f"constant {field}: {exc}")
        for field, columns in self.mapping.fields.items():
            try:
                value = self._cell(row, field, columns)
            except CellError as exc:
                return problem(self.path, row.line, str(columns), str(exc))
            if value is not None:
                out[field] = value
        if self.rules:
            kind = self._rule_kind(row)
            if kind is not None:
                out["kind"] = kind
        return self._check(row, out)

    def _check(self, row: RawRow, out: dict[str, Any]) -> IndicatorRow | RowProblem:
        def bad(field: str, message: str) -> RowProblem:
            column = self.mapping.fields.get(field)
            return problem(self.path, row.line, None if column is None else str(column), message)

        if "kind" not in out:
            cols = sorted({c for c, _, _ in self.rules})
            return problem(self.path, row.line, ", ".join(cols) or None,
                           "no kind rule matches this row; add a rule to the mapping")
        if all(out.get(f) is None for f in NUMBER_FIELDS):
            return bad("value", "no value, low or high is given")
        low, mid, high = out.get("low"), out.get("value"), out.get("high")
        known = [v for v in (low, mid, high) if v is not None]
        if known != sorted(known):
            return bad("value", f"low <= value <= high does not hold: {low}, {mid}, {high}")
        start, end = out.get("valid_from"), out.get("valid_to")
        if start and end and PartialDate.parse(start).earliest() > PartialDate.parse(end).latest():
            return bad("valid_to", f"valid_to {end} is before valid_from {start}")
        if not out.get("region") and not out.get("country"):
            return bad("region", "neither a region nor a country is given")
        return IndicatorRow(**out)
