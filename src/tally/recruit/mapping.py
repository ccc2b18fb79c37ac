"""The mapping file that tells ``tally indicators import`` how a CSV's columns become
indicator fields. Example (docs/mappings/bonuses_news.yaml)::

    source: "bonuses: facts from news (hand-extracted)"
    source_type: national_media
    kind_rules:                       # first rule that matches decides the kind
      - {column: region_en, match: '^FEDERAL$', kind: signup_bonus_federal}
      - {column: payment_scope, match: 'regional', kind: signup_bonus_regional}
    fields: {value: payment_rub, region: iso_3166_2, valid_from: valid_from,
             source_url: source_url, note: [notes, payment_scope]}
    constants: {unit: RUB, currency: RUB, country: RU}
    extract: {as_of: '^\\d{4}(?:-\\d{2}){0,2}'}   # keep what the regex finds
    values: {region: {RU: ""}}         # translate cells before conversion ("" = missing)
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from tally.ingest.mapping import MappingError, load_model
from tally.model import Grade, SourceType
from tally.recruit.kinds import Kind

NUMBER_FIELDS = frozenset({"value", "low", "high"})
DATE_FIELDS = frozenset({"as_of", "valid_from", "valid_to", "published_at"})
TEXT_FIELDS = frozenset({"scope", "citation", "source_url", "note"})
CODE_FIELDS = frozenset({"region", "country", "unit", "currency", "kind", "grade"})
FIELDS = NUMBER_FIELDS | DATE_FIELDS | TEXT_FIELDS | CODE_FIELDS

__all__ = ["IndicatorMapping", "MappingError", "load_mapping"]


class KindRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    column: str
    match: str  # a regular expression, searched case-insensitively
    kind: Kind

    @field_validator("match")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad regular expression {value!r}: {exc}") from exc
        return value


class IndicatorMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str | None = None
    source_type: SourceType = SourceType.UNKNOWN
    grade: Grade = Grade.REPORTED
    kind: Kind | None = None
    kind_rules: list[KindRule] = []
    fields: dict[str, str | list[str]]
    constants: dict[str, str] = {}
    extract: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    missing: list[str] = ["", "NA", "N/A", "n/a", "null", "None", "-", "—"]

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        unknown = sorted(set(value) - FIELDS)
        if unknown:
            raise ValueError(f"unknown indicator field(s) {unknown}; known: {sorted(FIELDS)}")
        for name, cols in value.items():
            if isinstance(cols, list) and name not in TEXT_FIELDS:
                raise ValueError(f"{name}: only text fields {sorted(TEXT_FIELDS)} join columns")
        return value

    @field_validator("constants")
    @classmethod
    def _known_constants(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - FIELDS)
        if unknown:
            raise ValueError(f"unknown indicator field(s) {unknown}; known: {sorted(FIELDS)}")
        return value

    @field_validator("extract")
    @classmethod
    def _regexes(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{name}: bad regular expression {pattern!r}: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _complete(self) -> IndicatorMapping:
        given = set(self.fields) | set(self.constants)
        if not (given & NUMBER_FIELDS):
            raise ValueError("map at least one of value, low, high")
        if not (self.kind or self.kind_rules or "kind" in given):
            raise ValueError("give `kind:`, `kind_rules:` or map a kind column")
        if "unit" not in given:
            raise ValueError("give the unit (a column under fields or a constant)")
        if not given & {"region", "country"}:
            raise ValueError("map a region or a country (a column or a constant)")
        return self

    def columns(self) -> set[str]:
        cols: set[str] = {rule.column for rule in self.kind_rules}
        for value in self.fields.values():
            cols.update([value] if isinstance(value, str) else value)
        return cols

    def check_header(self, header: list[str]) -> list[str]:
        """The mapped columns missing from ``header``."""
        return sorted(self.columns() - set(header))


def load_mapping(path: Path) -> IndicatorMapping:
    return load_model(path, IndicatorMapping)
