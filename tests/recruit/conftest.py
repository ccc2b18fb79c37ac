"""A fresh store per test (SQLite in a temporary folder) with the recruit tables."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tally.recruit.scenario import INPUT_UNITS, Scenario, parse_scenario
from tally.settings import Settings
from tally.store import Store, open_store
from tally.store.schema import persons

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "scenario_700k.yaml"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    st = open_store(Settings(data_dir=tmp_path / "data"), create=True)
    yield st
    st.engine.dispose()


@pytest.fixture
def example() -> Path:
    """The shipped example scenario."""
    return EXAMPLE


def sourced(value: float) -> dict[str, Any]:
    return {"value": value, "source": "test"}


def _small(**overrides: float) -> Scenario:
    """target 100, start 90; per month killed 2, wounded 1, missing 1, discharged 1;
    federal 10 + half the recruits from a region paying 20 → 20 per recruit."""
    values = {
        "target_force": 100, "initial_force": 90, "killed_per_month": 2,
        "badly_wounded_per_month": 1, "missing_per_month": 1, "discharged_per_month": 1,
        "gap_months": 1, "federal_bonus": 10, "monthly_salary": 1, "death_payment": 100,
        "missing_paid_share": 0.5, "injury_payment": 10, "budget_per_year": 12000,
    }
    values.update(overrides)
    assert set(values) == set(INPUT_UNITS)
    return parse_scenario({
        "name": "small", "start": "2024-11", "months": 2,
        "inputs": {k: sourced(v) for k, v in values.items()},
        "regional_mix": [
            {"region": "RU-AAA", "share": sourced(0.5), "bonus": sourced(20)},
            {"region": "other", "share": sourced(0.5), "bonus": sourced(0)},
        ],
    })


@pytest.fixture
def small() -> Callable[..., Scenario]:
    return _small


@pytest.fixture
def add_persons(store: Store) -> Callable[..., None]:
    """Insert persons straight into the store (analysis tests need no linkage)."""

    def add(*rows: dict[str, object]) -> None:
        now = datetime.now(UTC)
        base = {"created_at": now, "updated_at": now, "grade": "confirmed", "n_mentions": 1,
                "n_sources": 1, "region": None, "channel": None, "death_date": None,
                "citizenship": None, "merged_into": None}
        with store.engine.begin() as conn:
            conn.execute(persons.insert(), [{**base, **row} for row in rows])

    return add
