"""Done-when of publishing: the Bessudnov list, imported by the real pipeline and served,
shows the region, channel and month figures counted here straight from the CSV."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
from tally.link.exact import link_exact
from tally.publish import search_index
from tally.settings import Settings
from tally.stats import Denominators
from tally.store import open_store
from tally.verify import grade as grading
from tally.web import create_app

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CHANNELS = {"professional army": "professional", "inmates": "prisoner",
            "volunteers": "volunteer", "conscripted": "conscript",
            "private military company": "pmc", "police / national guard / FSB": "security"}


def _iso(code: str) -> str:
    return code if "-" in code else f"RU-{code}"


@pytest.fixture(scope="module")
def expected(shared_data: Path) -> dict[str, Counter[str]]:
    """Counts made with the csv module only, regions via the author's own crosswalks.

    ``regNames.csv`` swaps Crimea (ISO UA-43) and Sevastopol (UA-40); the census file has
    them right, so its codes win and regNames.csv fills in the rest.
    """
    folder = shared_data / "losses" / "bessudnov"
    with (folder / "regNames.csv").open(encoding="utf-8") as fh:
        codes = {r["regNameEng"]: _iso(r["regNameISO"]) for r in csv.DictReader(fh)}
    with (folder / "census2021_nMen16-615.csv").open(encoding="utf-8") as fh:
        codes.update({r["regNameEng"]: _iso(r["regNameISO"]) for r in csv.DictReader(fh)})
    assert codes["Crimea"] == "UA-43" and codes["Sevastopol"] == "UA-40"
    out: dict[str, Counter[str]] = {"region": Counter(), "channel": Counter(),
                                    "month": Counter()}
    with (folder / "dfFatalitiesAnonymised.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out["region"][codes.get(row["region"], "unknown")] += 1
            out["channel"][CHANNELS.get(row["unitType"], "unknown")] += 1
            out["month"][row["deathConfirmedDate"][:7] or "unknown"] += 1
    return out


@pytest.fixture(scope="module")
def client(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_store(Settings(data_dir=tmp_path_factory.mktemp("bessudnov")), create=True)
    mapping = load_mapping(REPO / "docs" / "mappings" / "bessudnov_2023.yaml")
    import_list(store, shared_data / "losses" / "bessudnov" / "dfFatalitiesAnonymised.csv",
                "bessudnov-2023-04", mapping)
    link_exact(store)
    grading.grade_all(store)
    search_index.refresh(store)
    denominators = Denominators.from_csv(
        shared_data / "losses" / "bessudnov" / "census2021_nMen16-615.csv", "regNameISO",
        "nMen16_615_2021")
    app = create_app(store, denominators=denominators)
    with TestClient(app) as test_client:
        yield test_client
    store.engine.dispose()


def _with_unknown(data: dict[str, Any], key: str = "rows") -> Counter[str]:
    counts = Counter({r["key"]: r["count"] for r in data[key] if r["count"]})
    if data["unknown"]:
        counts["unknown"] += data["unknown"]
    return counts


def test_region_figures(client: TestClient, expected: dict[str, Counter[str]],
                        embedded: Callable[[str], dict[str, Any]]) -> None:
    page = embedded(client.get("/").text)
    assert page["headline"]["confirmed"] == 20_253
    assert _with_unknown(page["regions"]) == expected["region"]
    api = client.get("/api/stats/region").json()
    assert _with_unknown(api) == expected["region"]
    rates = {r["key"]: r for r in page["rates"]["rows"]}
    assert rates["RU-TY"]["count"] == expected["region"]["RU-TY"]
    assert rates["RU-TY"]["rate"] == pytest.approx(
        expected["region"]["RU-TY"] / 92_884 * 100_000)


def test_channel_and_month_figures(client: TestClient, expected: dict[str, Counter[str]],
                                   embedded: Callable[[str], dict[str, Any]]) -> None:
    page = embedded(client.get("/?lang=en").text)
    shares = page["shares"]["cells"]
    months = Counter({m: sum(c.values()) for m, c in shares.items()})
    assert months == expected["month"]
    channels: Counter[str] = Counter()
    for cells in shares.values():
        channels.update(cells)
    assert +channels == expected["channel"]
    api = client.get("/api/stats/channel").json()
    assert _with_unknown(api) == expected["channel"]
