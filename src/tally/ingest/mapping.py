"""The mapping file that tells the list importer how a list's columns become Tally fields.

Example (the Bessudnov list, docs/mappings/bessudnov_2023.yaml)::

    id: id                       # the record id column
    distinct_persons: true       # rows are already distinct persons: never merged
    source_type: aggregator
    fields: {birth_date: birthYear, death_date: deathConfirmedDate, region: region,
             channel: unitType, urls: source}
    values: {channel: {inmates: prisoner, conscripted: conscript}}
    extract: {urls: 'https?://\\S+'}  # keep what a regex finds in a cell (several values)
    missing: ["", "NA", "removed"]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from tally.model import MENTION_FIELDS, SourceType

LIST_FIELDS = frozenset(MENTION_FIELDS) | {"urls"}
MULTI_FIELDS = frozenset({"urls"})
DEFAULT_DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%Y-%m", "%m.%Y", "%Y"]


class MappingError(ValueError):
    pass


M = TypeVar("M", bound=BaseModel)


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    # a row with an empty id: refuse it (error), or key it by the sha256 of its content
    missing_id: Literal["error", "content_hash"] = "error"
    distinct_persons: bool = False
    confirms: bool = False
    source_type: SourceType | None = None
    fields: dict[str, str]
    name_order: Literal["last_first", "first_last"] = "last_first"
    date_formats: list[str] = DEFAULT_DATE_FORMATS
    values: dict[str, dict[str, str]] = {}
    split: dict[str, str] = {}
    extract: dict[str, str] = {}
    missing: list[str] = ["", "NA", "N/A", "n/a", "null", "None", "-", "—"]

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - LIST_FIELDS)
        if unknown:
            raise ValueError(f"unknown Tally field(s) {unknown}; known: {sorted(LIST_FIELDS)}")
        if not value:
            raise ValueError("map at least one column")
        return value

    @field_validator("split", "extract")
    @classmethod
    def _regexes(cls, value: dict[str, str]) -> dict[str, str]:
        for name, pattern in value.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{name}: bad regular expression {pattern!r}: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _names(self) -> Mapping:
        if "full_name" in self.fields and "last_name" in self.fields:
            raise ValueError("map either full_name or last_name/first_name/patronymic, not both")
        return self

    def columns(self) -> set[str]:
        cols = set(self.fields.values())
        if self.id:
            cols.add(self.id)
        return cols

    def check_header(self, header: list[str]) -> list[str]:
        """The mapped columns missing from ``header``."""
        return sorted(self.columns() - set(header))


def load_mapping(path: Path) -> Mapping:
    return load_model(path, Mapping)


def load_model(path: Path, model: type[M]) -> M:
    """Read a YAML mapping file into ``model``; every problem is one :class:`MappingError`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(f"cannot read mapping {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise MappingError(f"{path}: a mapping must be a YAML object with at least `fields:`")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = [f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in exc.errors()]
        raise MappingError(f"{path}: invalid mapping:\n  " + "\n  ".join(lines)) from exc
