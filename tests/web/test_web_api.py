from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from tally import stats
from tally.store import Store


@pytest.mark.parametrize("kind", ["region", "channel", "age", "citizenship", "officer",
                                  "day", "week", "month"])
def test_stats_api_matches_tally_stats(app: FastAPI, sqlite_filled: Store, kind: str) -> None:
    body = TestClient(app).get(f"/api/stats/{kind}", params={"grade": "all"}).json()
    flt = stats.StatsFilter(grade="all")
    with sqlite_filled.engine.connect() as conn:
        if kind in ("day", "week", "month"):
            expected = stats.by_death_date(conn, flt, kind)
        else:
            fn = {"region": stats.by_region, "channel": stats.by_channel, "age": stats.by_age,
                  "citizenship": stats.by_citizenship, "officer": stats.officers}[kind]
            expected = fn(conn, flt)
    rows = {r["key"]: r["count"] for r in body["rows"] if r["count"]}
    assert rows == {k: v for k, v in expected.as_mapping().items() if v}
    assert body["unknown"] == expected.unknown and body["as_of"] is not None


def test_per_capita_and_crosstab(app: FastAPI) -> None:
    client = TestClient(app)
    rates = client.get("/api/stats/region/per-capita").json()
    by_key = {r["key"]: r for r in rates["rows"]}
    assert by_key["RU-BU"]["count"] == 2 and by_key["RU-BU"]["rate"] == pytest.approx(2.0)
    assert by_key["RU-TY"]["rate"] == pytest.approx(2.0)
    assert "Garwood" in rates["interval"]
    cross = client.get("/api/stats/crosstab/region-channel").json()
    assert cross["cells"]["RU-BU"] == {"mobilized": 1, "volunteer": 1}
    assert client.get("/api/stats/region", params={"grade": "nope"}).status_code == 422
    bad = client.get("/api/stats/region", params={"date_from": "2023-01-01",
                                                  "date_to": "2022-01-01"})
    assert bad.status_code == 422


def test_persons_and_sources_api(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/api/persons", params={"per_page": 2}).json()
    assert len(page["items"]) == 2 and page["has_more"]
    one = client.get(f"/api/persons/{page['items'][0]['id']}").json()
    assert set(one) >= {"facts", "sources", "grade", "name"}
    assert "decisions" not in one and "spans" not in str(one)
    sources = client.get("/api/sources").json()
    assert sources == [{"name": "test-list", "type": "aggregator", "url": None,
                        "confirms": True, "distinct_persons": True, "mentions": 5}]
    assert client.get("/api/persons/424242").status_code == 404
    assert client.post("/api/persons").status_code == 405  # read-only


def test_openapi_schema_holds_under_schemathesis(app: FastAPI) -> None:
    """Every operation, a bounded number of generated requests, all schemathesis checks."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:
        @given(operation.as_strategy())
        @settings(max_examples=6, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        check()
