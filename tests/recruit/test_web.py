"""The recruitment pages render from the store; the model form works without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.recruit.importer import import_indicators
from tally.recruit.mapping import IndicatorMapping
from tally.store import Store
from tally.web import create_app
from tally.web.recruit.routes import default_scenario

MAPPING = IndicatorMapping.model_validate({
    "source": "web test",
    "fields": {"kind": "kind", "region": "region", "value": "value", "as_of": "date",
               "citation": "who", "unit": "unit"},
    "constants": {"country": "RU", "currency": "RUB"},
})
ROWS = """kind,region,value,date,who,unit
signup_bonus_federal,,400000,2024-08-01,Decree,RUB
signup_bonus_regional,RU-TA,1000000,2024-09,Outlet A,RUB
signup_bonus_regional,RU-TA,1200000,2024-09,Outlet B,RUB
avg_wage,RU-TA,80000,2024,Rosstat,RUB/month
population,RU-TA,1000000,2021,Census,persons
population,RU-BU,300000,2021,Census,persons
population,RU-TY,100000,2021,Census,persons
mean_income,RU-TA,40000,,Bessudnov,RUB/month
mean_income,RU-BU,25000,,Bessudnov,RUB/month
mean_income,RU-TY,15000,,Bessudnov,RUB/month
death_estimate,,5,2024-10,Estimator <b>,persons
"""


@pytest.fixture
def client(store: Store, tmp_path: Path, add_persons: Callable[..., None]) -> TestClient:
    path = tmp_path / "web.csv"
    path.write_text(ROWS, encoding="utf-8")
    import_indicators(store, path, MAPPING)
    add_persons(*[{"region": r, "channel": "volunteer", "death_date": "2024-09-01",
                   "citizenship": "KZ" if r == "RU-TY" else "RU"}
                  for r in ("RU-TA", "RU-BU", "RU-BU", "RU-TY")])
    return TestClient(create_app(store))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/recruit/indicators", "conflicts with"),
        ("/recruit/bonus-wage", "chart-bonus-wage"),
        ("/recruit/deaths-income", "Spearman"),
        ("/recruit/channels", "incentives"),
        ("/recruit/named", "Estimator &lt;b&gt;"),  # source text is escaped
        ("/recruit/model", "Recalculate"),
    ],
)
def test_pages_render(client: TestClient, path: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert expected in response.text


def _cost(html: str) -> float:
    found = re.search(r"Yearly cost: <strong>([\d,.]+) bn RUB", html)
    assert found is not None
    return float(found.group(1).replace(",", ""))


def test_model_form_posts_and_rerenders(client: TestClient) -> None:
    base = _cost(client.get("/recruit/model").text)
    salary = default_scenario().numbers()["monthly_salary"]
    dearer = client.post("/recruit/model", data={"monthly_salary": str(salary * 2)})
    assert dearer.status_code == 200
    # doubling the salary adds 12 × 700,000 × salary to the yearly cost at steady state
    assert _cost(dearer.text) == pytest.approx(base + 12 * 700_000 * salary / 1e9, abs=0.1)
    assert "entered on the model page" in dearer.text
    bad = client.post("/recruit/model", data={"monthly_salary": "lots"})
    assert "is not a number" in bad.text and _cost(bad.text) == pytest.approx(base)


def test_packaged_scenario_is_the_documented_example(example: Path) -> None:
    packaged = Path(__file__).resolve().parents[2] / "src/tally/web/recruit/default_scenario.yaml"
    assert packaged.read_text(encoding="utf-8") == example.read_text(encoding="utf-8")
