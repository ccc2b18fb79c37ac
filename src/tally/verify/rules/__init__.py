"""Grading rules kept as configuration: a YAML methodology, validated on load."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from tally.model import SourceType

DEFAULT_RULES = Path(__file__).parent / "default.yaml"

FACT_PROPS = frozenset({"death_date", "birth_date", "age", "region", "settlement", "unit",
                        "rank", "is_officer", "channel", "citizenship", "last_name",
                        "first_name", "patronymic"})


class RulesError(ValueError):
    """The rules file is missing, not YAML, or breaks the schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceTypeRule(_Strict):
    confirms: bool = False
    label: str = ""


class Independence(_Strict):
    same_source: bool = True
    same_url: bool = True
    text_similarity: float = Field(default=0.8, ge=0, le=1)
    shingle_words: int = Field(default=5, ge=1, le=20)
    # shorter texts (a list row) are never compared by text
    min_words: int = Field(default=20, ge=1)


class Confirmation(_Strict):
    independent_sources: int = Field(default=2, ge=1)
    confirming_type: bool = True
    confirming_list: bool = True
    reviewer: bool = True


class Rules(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    version: int = 1
    source_types: dict[SourceType, SourceTypeRule]
    independence: Independence = Field(default_factory=Independence)
    confirmation: Confirmation = Field(default_factory=Confirmation)
    denial_patterns: list[str] = []
    denial_window: int = Field(default=200, ge=0)
    graded_facts: list[str] = []
    key_facts: list[str] = []

    @field_validator("source_types")
    @classmethod
    def _all_types(cls, value: dict[SourceType, SourceTypeRule]
                   ) -> dict[SourceType, SourceTypeRule]:
        missing = set(SourceType) - set(value)
        if missing:
            raise ValueError(f"source_types must cover every type; missing {sorted(missing)}")
        return value

    @field_validator("denial_patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for p in value:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"denial pattern {p!r} is not a regular expression: {exc}")\
                    from exc
        return value

    @field_validator("graded_facts", "key_facts")
    @classmethod
    def _known_facts(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in FACT_PROPS]
        if unknown:
            raise ValueError(f"unknown facts {unknown}; known: {sorted(FACT_PROPS)}")
        return value

    @cached_property
    def denial(self) -> re.Pattern[str] | None:
        if not self.denial_patterns:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.denial_patterns), re.IGNORECASE)

    def confirming_types(self) -> frozenset[str]:
        return frozenset(t.value for t, r in self.source_types.items() if r.confirms)


def load_rules(path: Path | None = None) -> Rules:
    """The rules in ``path`` (default: the shipped methodology)."""
    path = path or DEFAULT_RULES
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"cannot read grading rules {path}: {exc}") from exc
    try:
        return Rules.model_validate(data)
    except ValueError as exc:
        raise RulesError(f"grading rules {path} are invalid: {exc}") from exc
