"""A small store filled by the real pipeline (import → link → grade → search index)."""

from __future__ import annotations

import csv
import json
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, text

from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
from tally.link.exact import link_exact
from tally.publish import search_index
from tally.settings import Settings
from tally.stats import Denominators
from tally.store import Store, open_store
from tally.verify import grade as grading
from tally.web import create_app

PG_URL = os.environ.get("TALLY_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")

ROWS = [
    # id, last, first, patronymic, born, died, region, channel, citizenship, url
    ("1", "Иванов", "Пётр", "Сергеевич", "1990", "2022-10-03", "RU-BU", "mobilized", "RU",
     "https://example.org/a"),
    ("2", "Ёлкин", "Иван", "", "1985", "2022-10-05", "RU-BU", "volunteer", "RU", ""),
    ("3", "Цыренов", "Баир", "Олегович", "", "2022-11", "RU-TY", "prisoner", "",
     "https://example.org/b"),
    ("4", "Rahimov", "Dilshod", "", "1999", "2023", "RU-MOW", "pmc", "TJ", ""),
    ("5", "<script>alert(1)</script>", "Zed", "", "", "", "", "", "", ""),
]
MAPPING = """\
id: id
distinct_persons: true
confirms: true
source_type: aggregator
fields: {last_name: last, first_name: first, patronymic: patronymic, birth_date: born,
         death_date: died, region: region, channel: channel, citizenship: citizenship,
         urls: url}
date_formats: ["%Y-%m-%d", "%Y-%m", "%Y"]
missing: [""]
"""


def fill(store: Store, folder: Path) -> None:
    data = folder / "list.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "last", "first", "patronymic", "born", "died", "region",
                         "channel", "citizenship", "url"])
        writer.writerows(ROWS)
    mapping = folder / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    import_list(store, data, "test-list", load_mapping(mapping))
    link_exact(store)
    grading.grade_all(store)
    search_index.refresh(store)


def _pg_store(tmp: Path) -> Iterator[Store]:
    schema = f"tally_web_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    store = open_store(Settings(data_dir=tmp, database_url=f"{PG_URL}?options=-csearch_path%3D"
                                f"{schema}"), create=True)
    try:
        yield store
    finally:
        store.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def filled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        store = open_store(Settings(data_dir=tmp_path / "data"), create=True)
        fill(store, tmp_path)
        yield store
    else:
        for store in _pg_store(tmp_path / "data"):
            fill(store, tmp_path)
            yield store


@pytest.fixture
def sqlite_filled(tmp_path: Path) -> Store:
    store = open_store(Settings(data_dir=tmp_path / "data"), create=True)
    fill(store, tmp_path)
    return store


DENOMINATORS = Denominators({"RU-BU": 100_000, "RU-TY": 50_000}, "test denominators")


@pytest.fixture
def app(sqlite_filled: Store) -> FastAPI:
    return create_app(sqlite_filled, denominators=DENOMINATORS)


_DATA = re.compile(r'<script type="application/json" id="data-([\w-]+)">(.*?)</script>', re.S)


def _embedded(html: str) -> dict[str, Any]:
    return {name: json.loads(body) for name, body in _DATA.findall(html)}


@pytest.fixture
def embedded() -> Callable[[str], dict[str, Any]]:
    """Reads the JSON a page embeds for its charts (``<script type="application/json">``)."""
    return _embedded
