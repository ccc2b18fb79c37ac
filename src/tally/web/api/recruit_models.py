"""Response models of ``/api/recruit/...``: the ``to_dict`` shapes of :mod:`tally.recruit`."""

from __future__ import annotations

from pydantic import BaseModel


class IndicatorModel(BaseModel):
    id: int
    kind: str
    unit: str
    region: str | None
    country: str | None
    value: float | None
    low: float | None
    high: float | None
    currency: str | None
    as_of: str | None
    valid_from: str | None
    valid_to: str | None
    published_at: str | None
    scope: str | None
    citation: str | None
    source_url: str | None
    grade: str
    note: str | None
    source: str
    locator: str | None
    conflicts_with: list[int]
    claim_date: str | None
    conflict: bool


class IndicatorPageModel(BaseModel):
    items: list[IndicatorModel]
    total: int
    limit: int
    offset: int


class BonusWageRowModel(BaseModel):
    place: str
    date: str
    kind: str
    regional: float
    federal: float
    wage: float
    wage_date: str | None
    ratio: float
    federal_ambiguous: bool
    bonus_id: int
    wage_id: int
    conflict: bool
    source_url: str | None


class SkippedModel(BaseModel):
    id: int
    reason: str


class BonusWageModel(BaseModel):
    formula: str
    rows: list[BonusWageRowModel]
    skipped: list[SkippedModel]


class RegionPointModel(BaseModel):
    region: str
    deaths: int
    population: float
    rate: float
    income: float


class CorrelationModel(BaseModel):
    method: str
    coefficient: float | None
    p_value: float | None
    n: int


class ChartModel(BaseModel):
    type: str
    x: str
    y: str
    x_label: str
    y_label: str


class DeathsIncomeModel(BaseModel):
    per: int
    grade: str
    points: list[RegionPointModel]
    pearson: CorrelationModel
    spearman: CorrelationModel
    left_out: list[str]
    chart: ChartModel


class MonthMixModel(BaseModel):
    month: str
    counts: dict[str, int]
    known: int
    volunteer_share: float | None


class WindowModel(BaseModel):
    label: str
    first: str | None
    last: str | None
    volunteers: int
    known: int
    share: float | None


class IncentiveModel(BaseModel):
    date: str | None
    kind: str
    value: float | None
    source_url: str | None


class ChannelMixModel(BaseModel):
    change: str
    months: list[MonthMixModel]
    before: WindowModel
    after: WindowModel
    incentives: list[IncentiveModel]
    basis: str


class ForeignRowModel(BaseModel):
    country: str
    counts: dict[str, int]
    total: int


class ChannelsModel(BaseModel):
    mix: ChannelMixModel
    foreign_nationals: list[ForeignRowModel]


class ModelInputModel(BaseModel):
    value: float
    unit: str
    provenance: str
    assumption: bool
    share: float | None = None
    share_provenance: str | None = None


class YearModel(BaseModel):
    index: int
    first: str
    last: str
    months: int
    recruits: float
    outflow: float
    costs: dict[str, float]
    budget: float
    cost: float
    budget_share: float | None


class StepModel(BaseModel):
    month: str
    stock_start: float
    recruits: float
    killed: float
    badly_wounded: float
    missing: float
    discharged: float
    stock_end: float
    bonuses: float
    salaries: float
    deaths: float
    injuries: float
    outflow: float
    cost: float


class ModelResultModel(BaseModel):
    name: str
    bonus_per_recruit: float
    total_cost: float
    yearly_cost: float
    budget_share: float | None
    inputs: dict[str, ModelInputModel]
    years: list[YearModel]
    steps: list[StepModel]


class TornadoRowModel(BaseModel):
    input: str
    base_value: float
    low_value: float
    high_value: float
    metric_low: float
    metric_high: float
    swing: float


class TornadoChartModel(BaseModel):
    type: str
    sorted_by: str


class SensitivityModel(BaseModel):
    scenario: str
    metric: str
    pct: float
    base: float
    rows: list[TornadoRowModel]
    chart: TornadoChartModel


class ScenarioRunModel(BaseModel):
    result: ModelResultModel
    variants: dict[str, ModelResultModel]
    sensitivity: SensitivityModel
