from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tally import stats
from tally.gazetteer import tile_grid
from tally.publish.dashboard import build
from tally.store import Store
from tally.web import create_app

DENOMINATORS = stats.Denominators({"RU-BU": 100_000, "RU-TY": 50_000}, "test denominators")


def test_dashboard_embeds_the_numbers_of_tally_stats(
    filled: Store, embedded: Callable[[str], dict[str, Any]]
) -> None:
    client = TestClient(create_app(filled, denominators=DENOMINATORS))
    page = client.get("/")
    assert page.status_code == 200
    data = embedded(page.text)
    with filled.engine.connect() as conn:
        expected = build(conn, DENOMINATORS).chart_data()
        regions = stats.by_region(conn).as_mapping()
    for name in ("headline", "weekly", "age", "shares", "regions", "rates"):
        assert data[name] == expected[name], name
    assert data["foreign"]["rows"] == [{"key": "TJ", "count": 1}]
    assert {r["key"]: r["count"] for r in data["regions"]["rows"] if r["count"]} == regions
    assert data["headline"]["confirmed"] == 5
    assert data["regions"]["unknown"] == 1  # the person without a region
    assert data["weekly"]["cells"]["2022-10-03"] == {"mobilized": 1, "volunteer": 1}
    rates = {r["key"]: r for r in data["rates"]["rows"]}
    assert rates["RU-BU"]["rate"] == pytest.approx(2.0)
    assert rates["RU-MOW"]["rate"] is None  # listed, with no denominator


@pytest.mark.parametrize(
    ("query", "words"),
    [("", ["подтверждённых смертей", "По регионам"]),
     ("?lang=en", ["confirmed deaths", "By region"]),
     ("?lang=xx", ["подтверждённых смертей"])],
)
def test_languages(app: FastAPI, query: str, words: list[str]) -> None:
    html = TestClient(app).get("/" + query).text
    for word in words:
        assert word in html
    assert '<html lang="' + ("en" if "en" in query else "ru") + '">' in html


@pytest.mark.parametrize(("mode", "shown", "hidden"),
                         [("count", "map-tiles-count", "map-tiles-rate"),
                          ("rate", "map-tiles-rate", "map-tiles-count")])
def test_tile_map_has_one_square_per_region_and_switches(
    app: FastAPI, mode: str, shown: str, hidden: str
) -> None:
    html = TestClient(app).get(f"/?map={mode}").text
    for svg_id in (shown, hidden):
        start = html.index(f'id="{svg_id}"')
        svg = html[start:html.index("</svg>", start)]
        assert svg.count('class="tile"') == len(tile_grid())
        assert (svg_id == hidden) == (" hidden>" in svg[:400])


def test_every_chart_has_a_table_and_no_external_assets(app: FastAPI) -> None:
    html = TestClient(app).get("/?lang=en").text
    assert html.count("<details") >= 5
    assert "cdn" not in html.lower()
    for attr in ('src="http', 'href="//', 'src="//'):
        assert attr not in html


def test_choropleth_from_geojson(sqlite_filled: Store, shared_data: object) -> None:
    from pathlib import Path

    assert isinstance(shared_data, Path)
    geo = shared_data / "regions" / "naturalearth_50m_admin1_RUS.geojson"
    app = create_app(sqlite_filled, denominators=DENOMINATORS, geojson=geo)
    html = TestClient(app).get("/?lang=en").text
    assert 'id="map-geo-count"' in html and 'id="map-geo-rate"' in html
    start = html.index('id="map-geo-count"')
    svg = html[start:html.index("</svg>", start)]
    assert svg.count("<path") == 85
    # RU-BU has 2 persons, the maximum: darkest class
    assert 'class="q6" data-code="RU-BU"' in svg


def test_untrusted_text_is_escaped(app: FastAPI) -> None:
    client = TestClient(app)
    for path in ("/search?q=Zed&lang=en", "/search?q=%3Cscript%3E"):
        html = client.get(path).text
        assert "<script>alert(1)</script>" not in html
    found = client.get("/api/persons", params={"q": "zed"}).json()["items"]
    assert len(found) == 1
    person = client.get(f"/persons/{found[0]['id']}").text
    assert "<script>alert(1)</script>" not in person
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person


def test_pages_send_a_content_security_policy(app: FastAPI) -> None:
    response = TestClient(app).get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert TestClient(app).get("/static/app.js").status_code == 200
