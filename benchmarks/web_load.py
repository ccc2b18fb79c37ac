"""Web load benchmark: person search and dashboard latency at 1,000,000 persons.

SYNTHETIC FILL: persons rows (and their search-index rows) are generated directly in bulk
from small pools of Russian names, regions, channels and dates; they are not real people and
did not pass through import/link/grade. The server (uvicorn, one worker) runs in a
subprocess; a bounded load generator (httpx async, N concurrent clients for T seconds, over
loopback only) measures latencies. On a 2-core machine the load generator and the server
share the cores, so the figures are conservative.

    PYTHONPATH=src .venv/bin/python benchmarks/web_load.py [--persons 1000000]
        [--clients 50] [--seconds 30] [--backend sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tally.publish.search_text import index_text
from tally.settings import Settings
from tally.store import open_store
from tally.store.schema import persons

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("TALLY_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LAST = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
        "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
        "Павлов", "Козлов", "Степанов", "Николаев", "Цыренов", "Дамбаев", "Ондар", "Монгуш",
        "Хасанов", "Алиев", "Гусейнов", "Магомедов", "Батуев", "Жамсуев"]
FIRST = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Иван", "Максим", "Евгений",
         "Николай", "Баир", "Аяс", "Рустам", "Артём", "Владимир", "Павел"]
PATR = ["Александрович", "Сергеевич", "Иванович", "Петрович", "Николаевич", "Викторович"]
CHANNELS = ["professional", "volunteer", "mobilized", "prisoner", "pmc", "conscript",
            "security", None]
QUERIES = ["иванов", "Petrov", "цыренов баир", "ondar", "Smirnov Aleksandr", "кузнецов серг",
           "mongush", "алиев рустам", "fedorov", "жамсуев"]


def fill(url: str, n: int, data_dir: Path) -> float:
    from tally.gazetteer import regions

    store = open_store(Settings(data_dir=data_dir, database_url=url), create=True)
    codes = [r.code for r in regions()]
    rng = random.Random(7)
    start = time.perf_counter()
    now = datetime.now(UTC)
    batch = 20_000
    with store.engine.begin() as conn:
        for lo in range(0, n, batch):
            rows, search = [], []
            for i in range(lo + 1, min(n, lo + batch) + 1):
                last, first, patr = rng.choice(LAST), rng.choice(FIRST), rng.choice(PATR)
                died = date(2022, 2, 24) + timedelta(days=rng.randrange(1300))
                precision = rng.random()
                death = (died.isoformat() if precision < 0.85 else died.isoformat()[:7]
                         if precision < 0.95 else None)
                rows.append({
                    "id": i, "created_at": now, "updated_at": now,
                    "grade": "confirmed" if rng.random() < 0.9 else "reported",
                    "last_name": last, "first_name": first, "patronymic": patr,
                    "birth_date": str(rng.randrange(1960, 2004)), "death_date": death,
                    "age": None, "region": rng.choice(codes) if rng.random() < 0.97 else None,
                    "channel": rng.choice(CHANNELS),
                    "citizenship": "RU" if rng.random() < 0.99 else rng.choice(["TJ", "UZ"]),
                    "n_mentions": 1, "n_sources": 1,
                })
                search.append({"pid": i, "names": index_text([last, first, patr])})
            conn.execute(persons.insert(), rows)
            sql = ("INSERT INTO person_search(rowid, names) VALUES (:pid, :names)"
                   if store.dialect == "sqlite" else
                   "INSERT INTO person_search(person_id, names) VALUES (:pid, :names)")
            conn.execute(text(sql), search)
        conn.execute(text("ANALYZE"))
    store.engine.dispose()
    return time.perf_counter() - start


SERVER = """
import sys, uvicorn
from pathlib import Path
from tally.settings import Settings
from tally.stats import Denominators
from tally.store import open_store
from tally.web import create_app
store = open_store(Settings(data_dir=Path(sys.argv[1]), database_url=sys.argv[2]))
uvicorn.run(create_app(store), host="127.0.0.1", port=int(sys.argv[3]), log_level="warning")
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _client(http: httpx.AsyncClient, paths: list[str], until: float,
                  out: list[float], errors: list[int]) -> None:
    i = random.randrange(len(paths))
    while time.perf_counter() < until:
        t0 = time.perf_counter()
        try:
            r = await http.get(paths[i % len(paths)])
            status = r.status_code
        except httpx.TransportError:  # dropped connection: an error, not a crash
            status = -1
        out.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            errors.append(status)
        i += 1


async def load(base: str, paths: list[str], clients: int, seconds: float
               ) -> tuple[list[float], list[int]]:
    lat: list[float] = []
    errors: list[int] = []
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(_client(http, paths, until, lat, errors)
                               for _ in range(clients)))
    return lat, errors


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def run_backend(name: str, url: str, data_dir: Path, args: argparse.Namespace) -> list[str]:
    fill_s = fill(url, args.persons, data_dir)
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(data_dir), url, str(port)],
                            env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(f"{base}/api/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        t0 = time.perf_counter()
        httpx.get(f"{base}/", timeout=600)
        cold = time.perf_counter() - t0
        rows = []
        cases = {
            "person search (/api/persons?q=…)": [f"/api/persons?q={q}" for q in QUERIES],
            "search page (/search?q=…)": [f"/search?q={q}" for q in QUERIES],
            "dashboard page (/)": ["/", "/?lang=en", "/?map=rate"],
        }
        for label, paths in cases.items():
            for clients in (1, args.clients):
                lat, errors = asyncio.run(load(base, paths, clients, args.seconds))
                rows.append(f"| {name} | {label} | {clients} | {len(lat):,} "
                            f"| {len(lat) / args.seconds:,.0f} | {pct(lat, 50):.1f} "
                            f"| {pct(lat, 95):.1f} | {len(errors)} |")
        rows.append(f"| {name} | fill {args.persons:,} persons: {fill_s:.0f} s; first "
                    f"dashboard (aggregates computed, then cached): {cold:.1f} s | | | | | | |")
        return rows
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    header = ["| backend | what | clients | requests | req/s | p50 ms | p95 ms | errors |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.backend in ("sqlite", "both"):
            folder = Path(tmp) / "sqlite"
            rows += run_backend("SQLite", f"sqlite:///{folder / 'tally.db'}", folder, args)
            print(*rows, sep="\n", flush=True)
        if args.backend in ("postgres", "both"):
            schema = f"tally_bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                url = f"{PG_URL}?options=-csearch_path%3D{schema}"
                rows += run_backend("PostgreSQL", url, Path(tmp) / "pg", args)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    section = "\n".join([
        "## Web load (dashboard and person search)", "",
        f"Synthetic fill of {args.persons:,} persons rows (generated directly, not real "
        "people, not through import/link). uvicorn with one worker in a subprocess; "
        f"1 and {args.clients} concurrent httpx clients for {args.seconds:.0f} s per row, over "
        "loopback. **2-core machine** shared by the server, the load generator and other "
        "work; the dashboard is served from aggregates cached per data version "
        "(recomputed after any import, link, grading or decision).", "",
        *header, *rows, "",
        "Targets: person search p95 ≤ 50 ms, dashboard p95 ≤ 300 ms. With a closed loop "
        "of N clients against one worker, latency ≈ N / throughput: the 1-client rows show "
        "the service time, the N-client rows the queueing on 2 cores.", ""])
    print(section)
    out = REPO / "docs" / "benchmarks" / "web_load.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(section, encoding="utf-8")


if __name__ == "__main__":
    main()
