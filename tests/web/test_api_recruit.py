"""``/api/recruit/...`` returns what :mod:`tally.recruit` computes for the same store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection

from tally.recruit.channels import channel_mix, foreign_nationals
from tally.recruit.correlation import deaths_vs_income
from tally.recruit.flows import simulate
from tally.recruit.importer import import_indicators
from tally.recruit.mapping import IndicatorMapping
from tally.recruit.ratio import bonus_to_wage
from tally.recruit.registry import conflicts, list_indicators
from tally.recruit.sensitivity import sensitivity
from tally.store import Store
from tally.web import create_app
from tally.web.recruit.routes import default_scenario

MAPPING = IndicatorMapping.model_validate({
    "source": "api test",
    "fields": {"kind": "kind", "region": "region", "value": "value", "as_of": "date",
               "citation": "who", "unit": "unit", "source_url": "url"},
    "constants": {"country": "RU", "currency": "RUB"},
})
ROWS = """kind,region,value,date,who,unit,url
signup_bonus_federal,,195000,2023-01,Decree,RUB,https://a.example/1
signup_bonus_federal,,400000,2024-08-01,Decree,RUB,https://a.example/2
signup_bonus_regional,RU-BU,1000000,2024-09,Outlet A,RUB,https://b.example/1
signup_bonus_regional,RU-BU,1200000,2024-09,Outlet B,RUB,https://c.example/1
signup_bonus_regional,RU-TY,500000,2024-10,Outlet C,RUB,
avg_wage,RU-BU,80000,2024,Rosstat,RUB/month,
avg_wage,RU-TY,60000,2024,Rosstat,RUB/month,
population,RU-BU,300000,2021,Census,persons,
population,RU-TY,100000,2021,Census,persons,
population,RU-MOW,4000000,2021,Census,persons,
mean_income,RU-BU,25000,,Bessudnov,RUB/month,
mean_income,RU-TY,15000,,Bessudnov,RUB/month,
mean_income,RU-MOW,90000,,Bessudnov,RUB/month,
"""
N_ROWS = ROWS.count("\n") - 1


@pytest.fixture
def client(sqlite_filled: Store, tmp_path: Path) -> TestClient:
    path = tmp_path / "indicators.csv"
    path.write_text(ROWS, encoding="utf-8")
    import_indicators(sqlite_filled, path, MAPPING)
    return TestClient(create_app(sqlite_filled))


def _library(store: Store, compute: Callable[[Connection], Any]) -> Any:
    with store.engine.connect() as conn:
        return compute(conn)


def test_indicators_page_and_filters(client: TestClient, sqlite_filled: Store) -> None:
    everything = _library(sqlite_filled, list_indicators)
    assert len(everything) == N_ROWS
    body = client.get("/api/recruit/indicators").json()
    assert body == {"items": [i.to_dict() for i in everything], "total": N_ROWS,
                    "limit": 100, "offset": 0}
    page = client.get("/api/recruit/indicators", params={"limit": 3, "offset": 2}).json()
    assert page["items"] == [i.to_dict() for i in everything[2:5]]
    assert page["total"] == N_ROWS
    bu = client.get("/api/recruit/indicators",
                    params={"kind": "signup_bonus_regional", "region": "ru-bu"}).json()
    expected = _library(sqlite_filled, lambda c: list_indicators(
        c, kind="signup_bonus_regional", region="RU-BU"))
    assert bu["items"] == [i.to_dict() for i in expected] and bu["total"] == 2
    assert all(i["conflict"] for i in bu["items"])


def test_conflicts(client: TestClient, sqlite_filled: Store) -> None:
    body = client.get("/api/recruit/indicators/conflicts").json()
    expected = _library(sqlite_filled, conflicts)
    assert body["items"] == [i.to_dict() for i in expected]
    assert {i["value"] for i in body["items"]} == {1_000_000, 1_200_000}


@pytest.mark.parametrize(
    ("path", "compute"),
    [
        ("/api/recruit/bonus-wage", lambda c: bonus_to_wage(c).to_dict()),
        ("/api/recruit/deaths-income", lambda c: deaths_vs_income(c).to_dict()),
        ("/api/recruit/deaths-income?grade=confirmed",
         lambda c: deaths_vs_income(c, grade="confirmed").to_dict()),
        ("/api/recruit/channels", lambda c: {
            "mix": channel_mix(c).to_dict(),
            "foreign_nationals": [f.to_dict() for f in foreign_nationals(c)]}),
    ],
)
def test_analyses_match_library(client: TestClient, sqlite_filled: Store, path: str,
                                compute: Callable[[Connection], Any]) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.json() == _library(sqlite_filled, compute)


def test_analyses_have_content(client: TestClient) -> None:
    """The comparisons above are not between two empty results."""
    ratio = client.get("/api/recruit/bonus-wage").json()
    assert {r["place"] for r in ratio["rows"]} == {"RU-BU", "RU-TY"}
    ty = next(r for r in ratio["rows"] if r["place"] == "RU-TY")
    assert ty["ratio"] == pytest.approx((500_000 + 400_000) / (12 * 60_000))
    corr = client.get("/api/recruit/deaths-income").json()
    assert corr["pearson"]["n"] == 3 and corr["spearman"]["coefficient"] is not None
    foreign = client.get("/api/recruit/channels").json()["foreign_nationals"]
    assert foreign == [{"country": "TJ", "counts": {"pmc": 1}, "total": 1}]


@pytest.mark.parametrize("params", [{}, {"metric": "budget_share", "pct": 20}])
def test_model_is_the_default_scenario(client: TestClient, params: dict[str, Any]) -> None:
    body = client.get("/api/recruit/model", params=params).json()
    base = default_scenario()
    assert body["result"] == simulate(base).to_dict()
    assert body["variants"] == {v: simulate(base.variant(v)).to_dict() for v in base.variants}
    tornado = sensitivity(base, pct=float(params.get("pct", 10)),
                          metric=params.get("metric", "yearly_cost"))
    assert body["sensitivity"] == tornado.to_dict()
    swings = [r["swing"] for r in body["sensitivity"]["rows"]]
    assert swings == sorted(swings, reverse=True) and body["result"]["yearly_cost"] > 0


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/recruit/indicators", {"kind": "bogus"}),
        ("/api/recruit/indicators", {"region": "Tatarstan"}),
        ("/api/recruit/indicators", {"limit": 0}),
        ("/api/recruit/indicators", {"limit": 501}),
        ("/api/recruit/indicators", {"offset": -1}),
        ("/api/recruit/indicators/conflicts", {"limit": "many"}),
        ("/api/recruit/deaths-income", {"grade": "nope"}),
        ("/api/recruit/channels", {"grade": "nope"}),
        ("/api/recruit/model", {"pct": 0}),
        ("/api/recruit/model", {"pct": 100}),
        ("/api/recruit/model", {"metric": "deaths"}),
    ],
)
def test_bad_parameters_are_422(client: TestClient, path: str,
                                params: dict[str, Any]) -> None:
    assert client.get(path, params=params).status_code == 422


def test_read_only_and_in_openapi(client: TestClient) -> None:
    assert client.post("/api/recruit/indicators").status_code == 405
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {p for p in paths if p.startswith("/api/recruit/")} == {
        "/api/recruit/indicators", "/api/recruit/indicators/conflicts",
        "/api/recruit/bonus-wage", "/api/recruit/deaths-income", "/api/recruit/channels",
        "/api/recruit/model"}


def test_schema_holds_with_indicators(client: TestClient) -> None:
    """schemathesis over the recruit operations on a store that has indicators (the
    suite-wide run in test_web_api.py sees an empty registry)."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.core.result import Ok

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    operations = [o.ok() for o in schema.get_all_operations()
                  if isinstance(o, Ok) and o.ok().path.startswith("/api/recruit/")]
    assert len(operations) == 6
    for operation in operations:
        @given(operation.as_strategy())
        @settings(max_examples=5, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            case.call_and_validate()

        check()
