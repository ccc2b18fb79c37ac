"""Analyses against values worked out by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tally.recruit.channels import channel_mix, foreign_nationals
from tally.recruit.correlation import deaths_vs_income
from tally.recruit.importer import import_indicators
from tally.recruit.mapping import IndicatorMapping
from tally.recruit.named import named_vs_estimates
from tally.recruit.ratio import bonus_to_wage
from tally.store import Store

MAPPING = IndicatorMapping.model_validate({
    "source": "test",
    "fields": {"kind": "kind", "region": "region", "value": "value", "as_of": "date",
               "source_url": "url", "unit": "unit"},
    "constants": {"country": "RU", "currency": "RUB"},
})


def load(store: Store, tmp_path: Path, rows: list[str]) -> None:
    path = tmp_path / "ind.csv"
    path.write_text("kind,region,value,date,url,unit\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    import_indicators(store, path, MAPPING)


AddPersons = Callable[..., None]


def region_deaths(region: str, n: int) -> list[dict[str, object]]:
    return [{"region": region} for _ in range(n)]


BONUSES = [
    "signup_bonus_federal,,195000,2022-11,f1,RUB",
    "signup_bonus_federal,,400000,2024-08-01,f2,RUB",
    "signup_bonus_regional,RU-TA,1050000,2024-07-23,t1,RUB",
    "signup_bonus_regional,RU-TA,500000,2024-09,t2,RUB",
    "signup_bonus_regional,RU-TA,700000,2024,t3,RUB",
    "signup_bonus_total,RU-BEL,3000000,2024-10-07,b1,RUB",
    "signup_bonus_regional,RU-DA,500000,2024-07,d1,RUB",  # no wage for Dagestan
    "avg_wage,RU-TA,80000,2024,w1,RUB/month",
    "avg_wage,RU-BEL,60000,,w2,RUB/month",
]


def test_bonus_to_wage_by_hand(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, BONUSES)
    with store.engine.connect() as conn:
        report = bonus_to_wage(conn)
    got = {(r.place, r.date): r for r in report.rows}
    # (regional + federal in force) / (12 × wage)
    assert got[("RU-TA", "2024-07-23")].ratio == pytest.approx((1_050_000 + 195_000) / 960_000)
    assert got[("RU-TA", "2024-09")].ratio == pytest.approx((500_000 + 400_000) / 960_000)
    # a total already includes the federal part; the undated wage is used
    bel = got[("RU-BEL", "2024-10-07")]
    assert (bel.federal, bel.wage_date) == (0, None)
    assert bel.ratio == pytest.approx(3_000_000 / 720_000)
    # '2024' straddles the August increase: the payment at its start, flagged ambiguous
    year = got[("RU-TA", "2024")]
    assert (year.federal, year.federal_ambiguous) == (195_000, True)
    assert not got[("RU-TA", "2024-09")].federal_ambiguous
    assert [why for _, why in report.skipped] == ["no average wage for RU-DA"]


def test_deaths_vs_income_by_hand(add_persons: AddPersons, store: Store, tmp_path: Path) -> None:
    load(store, tmp_path, [
        "population,RU-ALT,1000,2021,p,persons", "population,RU-AMU,2000,2021,p,persons",
        "population,RU-ARK,4000,2021,p,persons", "population,RU-AST,1000,2021,p,persons",
        "mean_income,RU-ALT,10,,i,RUB/month", "mean_income,RU-AMU,20,,i,RUB/month",
        "mean_income,RU-ARK,30,,i,RUB/month", "mean_income,RU-AST,40,,i,RUB/month",
    ])
    add_persons(*region_deaths("RU-ALT", 1), *region_deaths("RU-AMU", 4),
                *region_deaths("RU-ARK", 4), *region_deaths("RU-AST", 3),
                *region_deaths("RU-TY", 2), {"region": "RU-AST", "merged_into": 1})
    with store.engine.connect() as conn:
        result = deaths_vs_income(conn, per=100_000)
    assert [(p.region, p.deaths, p.rate) for p in result.points] == [
        ("RU-ALT", 1, 100), ("RU-AMU", 4, 200), ("RU-ARK", 4, 100), ("RU-AST", 3, 300)]
    # x = 10,20,30,40; y = 100,200,100,300: Σdxdy = 2500, Σdx² = 500, Σdy² = 27500
    assert result.pearson.coefficient == pytest.approx(2500 / (500 * 27500) ** 0.5)
    # ranks: x 1,2,3,4; y 1.5,3,1.5,4 → Σ = 3, Σdx² = 5, Σdy² = 4.5
    assert result.spearman.coefficient == pytest.approx(3 / (5 * 4.5) ** 0.5)
    assert result.pearson.n == 4
    assert result.left_out == ("RU-TY",)
    assert result.to_dict()["chart"]["type"] == "scatter"


def test_channel_mix_before_and_after(
    add_persons: AddPersons, store: Store, tmp_path: Path
) -> None:
    load(store, tmp_path, BONUSES[:2])
    add_persons(
        {"death_date": "2024-06-03", "channel": "volunteer"},
        *[{"death_date": "2024-06", "channel": "mobilized"} for _ in range(3)],
        *[{"death_date": "2024-08-10", "channel": "volunteer"} for _ in range(3)],
        {"death_date": "2024-09", "channel": "prisoner"},
        {"death_date": "2024-09", "channel": None},
        {"death_date": "2022-01", "channel": "volunteer"},  # outside a 12-month window
        {"death_date": "2024", "channel": "volunteer"},  # no month: not placed
    )
    with store.engine.connect() as conn:
        mix = channel_mix(conn, change=date(2024, 8, 1), window_months=12)
    assert (mix.before.volunteers, mix.before.known) == (1, 4)
    assert (mix.after.volunteers, mix.after.known) == (3, 4)
    assert mix.after.share == 0.75
    months = {m.month: m for m in mix.months}
    assert months["2024-09"].known == 1 and months["2024-09"].counts["unknown"] == 1
    assert [e["value"] for e in mix.incentives] == [195_000, 400_000]


def test_foreign_nationals_by_country_and_channel(add_persons: AddPersons, store: Store) -> None:
    add_persons(
        *[{"citizenship": "KZ", "channel": "volunteer"} for _ in range(2)],
        {"citizenship": "KZ", "channel": "prisoner"},
        {"citizenship": "IN", "channel": None},
        {"citizenship": "RU", "channel": "volunteer"},
    )
    with store.engine.connect() as conn:
        rows = foreign_nationals(conn)
    assert [(r.country, r.counts, r.total) for r in rows] == [
        ("KZ", {"volunteer": 2, "prisoner": 1}, 3), ("IN", {"unknown": 1}, 1)]


def test_named_count_against_estimates(
    add_persons: AddPersons, store: Store, tmp_path: Path
) -> None:
    load(store, tmp_path, [
        "named_count,,5,2024-06-21,n,persons", "death_estimate,,20,2024-07,e,persons",
    ])
    add_persons(*[{"death_date": "2024-05-02"} for _ in range(2)],
                *[{"death_date": "2024-06"} for _ in range(3)],
                {"death_date": "2024-07-31"}, {"death_date": None})
    with store.engine.connect() as conn:
        result = named_vs_estimates(conn)
    assert result.cumulative == (("2024-05", 2), ("2024-06", 5), ("2024-07", 6))
    assert result.undated == 1
    named, est = result.estimates
    assert (named.named_by_then, named.named_share) == (5, 1.0)
    assert (est.named_by_then, est.named_share) == (6, pytest.approx(0.3))
