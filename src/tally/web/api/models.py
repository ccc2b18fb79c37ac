"""Response models of the JSON API (they define the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class PersonSummaryModel(BaseModel):
    id: int
    grade: str
    last_name: str | None
    first_name: str | None
    patronymic: str | None
    birth_date: str | None
    death_date: str | None
    region: str | None
    channel: str | None


class PersonPageModel(BaseModel):
    items: list[PersonSummaryModel]
    page: int
    per_page: int
    has_more: bool
    total: int | None = Field(None, description="Matches counted up to 1,000 (with count=true)")
    total_more: bool = Field(False, description="More matches than `total`")
    next_after: int | None = Field(None, description="Pass as `after` for the next page")


class SourceRefModel(BaseModel):
    source: str
    source_type: str
    document_sha256: str
    url: str | None
    title: str | None
    published_at: str | None
    urls: list[str]


class PersonModel(BaseModel):
    id: int
    name: str
    grade: str
    grade_reason: str | None
    facts: dict[str, Any]
    n_sources: int
    merged_into: int | None
    sources: list[SourceRefModel]


class SourceModel(BaseModel):
    name: str
    type: str
    url: str | None
    confirms: bool
    distinct_persons: bool
    mentions: int


class CountRowModel(BaseModel):
    key: str
    count: int


class FilterModel(BaseModel):
    grade: str
    date_from: str | None
    date_to: str | None
    source: str | None


class TallyModel(BaseModel):
    dimension: str
    counts: str
    as_of: str | None
    filter: FilterModel
    rows: list[CountRowModel]
    unknown: int
    total: int
    notes: dict[str, int]


class RateRowModel(BaseModel):
    key: str
    count: int
    denominator: int | None
    rate: float | None
    low: float | None
    high: float | None


class RateTableModel(BaseModel):
    dimension: str
    counts: str
    as_of: str | None
    filter: FilterModel
    rows: list[RateRowModel]
    unknown: int
    total: int
    per: int
    denominator: str
    interval: str


class CrossTabModel(BaseModel):
    rows_dimension: str
    cols_dimension: str
    counts: str
    as_of: str | None
    filter: FilterModel
    row_keys: list[str]
    col_keys: list[str]
    cells: dict[str, dict[str, int]]
    total: int


class HeadlineModel(BaseModel):
    as_of: str | None
    by_grade: dict[str, int]
    confirmed: int
    reported: int
    total: int
    counts: str
