"""The scenario file of the manpower and cost model (see docs/recruitment.md).

Every input states where it comes from: a ``source`` (URL or citation) or
``assumption: true`` with a ``note``. An input without either is refused. An input may
instead be drawn from the registry (``from_indicators``), which supplies its own source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

#: Model inputs, in display order, with their units.
INPUT_UNITS: dict[str, str] = {
    "target_force": "persons",
    "initial_force": "persons",
    "killed_per_month": "persons/month",
    "badly_wounded_per_month": "persons/month",
    "missing_per_month": "persons/month",
    "discharged_per_month": "persons/month",
    "gap_months": "months",
    "federal_bonus": "RUB/recruit",
    "monthly_salary": "RUB/person/month",
    "death_payment": "RUB/death",
    "missing_paid_share": "share",
    "injury_payment": "RUB/badly wounded",
    "budget_per_year": "RUB/year",
}


class ScenarioError(ValueError):
    pass


class FromIndicators(BaseModel):
    """A monthly rate from two cumulative figures in the registry: (to − from) / months."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kind: str
    citation: str  # a substring of the indicators' citation, to pick one series
    start: str = Field(alias="from")
    end: str = Field(alias="to")


class FromCounts(BaseModel):
    """A monthly rate from Tally's own named count: persons whose month of death falls in
    [from, to), divided by the months — a floor, since the named list misses deaths."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: str = Field(alias="from")  # YYYY-MM
    end: str = Field(alias="to")  # YYYY-MM, exclusive
    grade: str = "confirmed"  # or "all"
    # multiply by N̂/n from multiple systems estimation over the store's sources
    scale_by_estimate: bool = False


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: float | None = None
    source: str | None = None
    assumption: bool = False
    note: str | None = None
    from_indicators: FromIndicators | None = None
    from_counts: FromCounts | None = None

    @model_validator(mode="after")
    def _provenance(self) -> Input:
        if self.from_indicators is not None or self.from_counts is not None:
            return self
        if self.value is None:
            raise ValueError("give a value (or from_indicators / from_counts)")
        if self.value < 0:
            raise ValueError(f"must not be negative, got {self.value}")
        if self.source and self.source.strip():
            return self
        if self.assumption and self.note and self.note.strip():
            return self
        raise ValueError(
            "state where this figure comes from: `source:` (URL or citation), or "
            "`assumption: true` with a `note:` saying why"
        )

    @property
    def number(self) -> float:
        if self.value is None:
            raise ScenarioError("input not resolved from the registry yet")
        return self.value

    def provenance(self) -> str:
        if self.source:
            return self.source
        return f"assumption: {self.note}"


class MixEntry(BaseModel):
    """Recruits from one region (or 'other'): their share and the regional bonus there."""

    model_config = ConfigDict(extra="forbid")

    region: str
    share: Input
    bonus: Input


class Inputs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    target_force: Input
    initial_force: Input
    killed_per_month: Input
    badly_wounded_per_month: Input
    missing_per_month: Input
    discharged_per_month: Input
    gap_months: Input
    federal_bonus: Input
    monthly_salary: Input
    death_payment: Input
    missing_paid_share: Input
    injury_payment: Input
    budget_per_year: Input


class Variant(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = None
    inputs: dict[str, Input] = {}
    regional_mix: list[MixEntry] | None = None


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    start: str = "2025-01"  # first month, YYYY-MM
    months: int = Field(12, ge=1, le=600)
    inputs: Inputs
    regional_mix: list[MixEntry]
    variants: dict[str, Variant] = {}

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        _check_mix(self.regional_mix)
        for name, variant in self.variants.items():
            unknown = sorted(set(variant.inputs) - set(INPUT_UNITS))
            if unknown:
                raise ValueError(f"variant {name!r}: unknown input(s) {unknown}")
            if variant.regional_mix is not None:
                _check_mix(variant.regional_mix)
        if not _month_ok(self.start):
            raise ValueError(f"start must be YYYY-MM, got {self.start!r}")
        return self

    def variant(self, name: str) -> Scenario:
        """The scenario with one variant's inputs put in place (no variants of its own)."""
        v = self.variants[name]
        inputs = self.inputs.model_copy(update=v.inputs)
        return self.model_copy(update={
            "name": f"{self.name} — {name}", "inputs": inputs, "variants": {},
            "regional_mix": v.regional_mix if v.regional_mix is not None else self.regional_mix,
        })

    def numbers(self) -> dict[str, float]:
        return {k: getattr(self.inputs, k).number for k in INPUT_UNITS}


def _month_ok(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 2 and len(parts[0]) == 4 and parts[0].isdigit() and \
        parts[1].isdigit() and 1 <= int(parts[1]) <= 12


def _check_mix(mix: list[MixEntry]) -> None:
    if not mix:
        raise ValueError("regional_mix needs at least one entry")
    if any(e.share.from_indicators or e.bonus.from_indicators for e in mix):
        raise ValueError("regional_mix figures must be given, not drawn from the registry")
    total = sum(e.share.number for e in mix)
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"regional_mix shares must add up to 1, they add up to {total:g}")


def load_scenario(path: Path) -> Scenario:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScenarioError(f"cannot read scenario {path}: {exc}") from exc
    return parse_scenario(data, str(path))


def parse_scenario(data: Any, where: str = "scenario") -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: a scenario must be a YAML object")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = [f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in exc.errors()]
        raise ScenarioError(f"{where}: invalid scenario:\n  " + "\n  ".join(lines)) from exc
