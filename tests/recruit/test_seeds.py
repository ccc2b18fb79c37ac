"""The shipped mappings import the shared seed files (skipped without ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.recruit.importer import import_indicators
from tally.recruit.mapping import load_mapping
from tally.recruit.ratio import bonus_to_wage
from tally.recruit.registry import conflicts, history
from tally.store import Store

MAPPINGS = Path(__file__).resolve().parents[2] / "docs" / "mappings"
SEEDS = [
    ("bonuses/signup_bonus_facts_from_news_DERIVED.csv", "bonuses_news.yaml", 20),
    ("bonuses/regional_avg_wage_partial_DERIVED.csv", "wages_partial.yaml", 16),
    ("losses/external_estimates.csv", "external_estimates.yaml", 36),
    ("losses/bessudnov/regionCharacteristics.csv", "bessudnov_income.yaml", 85),
    ("losses/bessudnov/census2021_nMen16-615.csv", "bessudnov_men_16_61.yaml", 85),
]


@pytest.fixture
def seeded(store: Store, shared_data: Path) -> Store:
    for data, mapping, rows in SEEDS:
        report = import_indicators(store, shared_data / data, load_mapping(MAPPINGS / mapping))
        assert report.rows == rows
    return store


def test_seed_files_import_and_show_conflicts(seeded: Store) -> None:
    with seeded.engine.connect() as conn:
        clashes = conflicts(conn)
        federal = history(conn, "signup_bonus_federal", "RU")
        ratios = bonus_to_wage(conn)
    # two estimates for end-2024 disagree: probate registry 160-165k vs weekly series 202,741
    end_2024 = {(i.low, i.value, i.high) for i in clashes if i.claim_date == "2024-12-31"}
    assert (160_000, None, 165_000) in end_2024 and (177_685, 202_741, 227_796) in end_2024
    assert [i.value for i in federal] == [195_000, 400_000]
    by_place = {r.place for r in ratios.rows}
    assert {"RU-MOW", "RU-KHM", "RU-MOS", "RU"} <= by_place
    moscow = next(r for r in ratios.rows if r.place == "RU-MOW")
    assert moscow.ratio == pytest.approx((1_900_000 + 195_000) / (12 * 171_302))
