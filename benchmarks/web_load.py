"""Web load benchmark: person search and dashboard latency at 1,000,000 persons.

SYNTHETIC FILL: persons rows (and their search-index rows) are generated directly in bulk
from small pools of Russian names, regions, channels and dates; they are not real people and
did not pass through import/link/grade. The server is ``tally serve --workers N`` (uvicorn
worker processes) in a subprocess; the load generator (httpx async, in this process) talks
to it over loopback only, with two kinds of bounded load:

* closed loop: C clients, each sending its next request when the previous one answered
  (1 client shows the service time; 50 clients show throughput, latency ≈ 50 / req/s);
* open loop: a fixed arrival rate (default 50 requests/s: 50 users each asking once a
  second) for T seconds, whatever the server's speed; latency is measured from each
  request's scheduled start, so a slow server cannot hide its queue. At most 500 requests
  may be in flight; more would count as errors.

On a 2-core machine the load generator and the server share the cores (and other jobs may
too: the load average and CPU times are recorded with every row).

    PYTHONPATH=src .venv/bin/python benchmarks/web_load.py [--persons 1000000]
        [--clients 50] [--rate 50] [--seconds 30] [--closed-seconds 15]
        [--workers 2] [--backend sqlite|postgres|both] [--out PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from tally.publish.search_index import add_terms
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
           "mongush", "алиев рустам", "fedorov", "жамсуев", "кузнецов с", "ivan"]
MAX_IN_FLIGHT = 500


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
            add_terms(conn, search)
        conn.execute(text("ANALYZE"))
    store.engine.dispose()
    return time.perf_counter() - start


def change_data(url: str) -> None:
    """A new person (as an import would add): the data version moves."""
    engine = create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        top = int(conn.execute(text("SELECT max(id) FROM persons")).scalar() or 0)
        conn.execute(persons.insert(), [{
            "id": top + 1, "created_at": now, "updated_at": now, "grade": "confirmed",
            "last_name": "Тестов", "first_name": "Тест", "death_date": "2024-01-01",
            "region": "RU-BU", "n_mentions": 1, "n_sources": 1}])
    engine.dispose()


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and all its live descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    family, total = {pid}, 0.0
    changed = True
    while changed:
        changed = False
        for child, (parent, _cpu) in stats.items():
            if parent in family and child not in family:
                family.add(child)
                changed = True
    for member in family:
        total += stats.get(member, (0, 0.0))[1]
    return total


@dataclass
class Row:
    backend: str
    what: str
    load: str
    requests: int
    seconds: float
    p50: float
    p95: float
    errors: int
    loadavg: tuple[float, float]
    server_cpu: float
    client_cpu: float

    def markdown(self) -> str:
        return (f"| {self.backend} | {self.what} | {self.load} | {self.requests:,} "
                f"| {self.requests / self.seconds:,.1f} | {self.p50:.1f} | {self.p95:.1f} "
                f"| {self.errors} | {self.loadavg[0]:.1f} → {self.loadavg[1]:.1f} "
                f"| {self.server_cpu:.1f} | {self.client_cpu:.1f} |")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def _get(http: httpx.AsyncClient, path: str) -> int:
    try:
        return (await http.get(path)).status_code
    except httpx.HTTPError:  # dropped connection or timeout: an error, not a crash
        return -1


async def closed_loop(base: str, paths: list[str], clients: int, seconds: float
                      ) -> tuple[list[float], int]:
    lat: list[float] = []
    errors = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        i = random.randrange(len(paths))
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            status = await _get(http, paths[i % len(paths)])
            lat.append((time.perf_counter() - t0) * 1000)
            errors += status != 200
            i += 1

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        until = time.perf_counter() + seconds
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return lat, errors


async def open_loop(base: str, paths: list[str], rate: float, seconds: float
                    ) -> tuple[list[float], int]:
    """``rate`` requests per second at fixed intervals; latency from the scheduled start."""
    lat: list[float] = []
    errors = 0
    in_flight = 0

    async def one(http: httpx.AsyncClient, path: str, due: float) -> None:
        nonlocal errors, in_flight
        in_flight += 1
        status = await _get(http, path)
        in_flight -= 1
        lat.append((time.perf_counter() - due) * 1000)
        errors += status != 200

    limits = httpx.Limits(max_connections=MAX_IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        start = time.perf_counter()
        tasks = []
        total = int(rate * seconds)
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if in_flight >= MAX_IN_FLIGHT:
                errors += 1  # the bound: refused, counted as an error
                continue
            tasks.append(asyncio.create_task(one(http, paths[i % len(paths)], due)))
        await asyncio.gather(*tasks)
    return lat, errors


def _closed(base: str, paths: list[str], clients: int, seconds: float
            ) -> tuple[list[float], int]:
    return asyncio.run(closed_loop(base, paths, clients, seconds))


def _open(base: str, paths: list[str], rate: float, seconds: float
          ) -> tuple[list[float], int]:
    return asyncio.run(open_loop(base, paths, rate, seconds))


def measure(backend: str, what: str, load: str, server: int, seconds: float,
            run: Callable[[], tuple[list[float], int]]) -> Row:
    before, cpu0, client0 = os.getloadavg()[0], _proc_cpu(server), time.process_time()
    t0 = time.perf_counter()
    lat, errors = run()
    elapsed = time.perf_counter() - t0
    row = Row(backend, what, load, len(lat), max(elapsed, seconds), pct(lat, 50),
              pct(lat, 95), errors, (before, os.getloadavg()[0]), _proc_cpu(server) - cpu0,
              time.process_time() - client0)
    print(row.markdown(), flush=True)
    return row


def _wait_up(base: str) -> None:
    for _ in range(1200):
        try:
            httpx.get(f"{base}/api/openapi.json", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.25)
    raise RuntimeError("the server did not start")


def run_backend(name: str, url: str, data_dir: Path, args: argparse.Namespace
                ) -> tuple[list[Row], list[str]]:
    fill_s = fill(url, args.persons, data_dir)
    port = _port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TALLY_DATA_DIR": str(data_dir),
           "TALLY_DATABASE_URL": url}
    proc = subprocess.Popen([sys.executable, "-m", "tally", "serve", "--port", str(port),
                             "--workers", str(args.workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base)
        t0 = time.perf_counter()
        httpx.get(f"{base}/", timeout=600)
        cold = time.perf_counter() - t0
        rows: list[Row] = []
        cases = {
            "person search (/api/persons?q=…)": [f"/api/persons?q={q}" for q in QUERIES],
            "search page (/search?q=…)": [f"/search?q={q}" for q in QUERIES],
            "dashboard page (/)": ["/", "/?lang=en", "/?map=rate"],
        }
        for label, paths in cases.items():
            for clients in (1, args.clients):
                rows.append(measure(
                    name, label, f"closed, {clients} client{'s' if clients > 1 else ''}",
                    proc.pid, args.closed_seconds,
                    partial(_closed, base, paths, clients, args.closed_seconds)))
            rows.append(measure(
                name, label, f"open, {args.rate:g} req/s", proc.pid, args.seconds,
                partial(_open, base, paths, args.rate, args.seconds)))
        change_data(url)
        t0 = time.perf_counter()
        httpx.get(f"{base}/", timeout=600)
        changed = time.perf_counter() - t0
        notes = [f"{name}: fill {args.persons:,} persons {fill_s:.0f} s; first dashboard "
                 f"after start {cold:.1f} s; first dashboard after a data change "
                 f"{changed:.1f} s (figures recomputed: three table scans)"]
        return rows, notes
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--closed-seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks" / "web_load.md")
    args = parser.parse_args()
    rows: list[Row] = []
    notes: list[str] = []
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        if args.backend in ("sqlite", "both"):
            folder = Path(tmp) / "sqlite"
            got = run_backend("SQLite", f"sqlite:///{folder / 'tally.db'}", folder, args)
            rows += got[0]
            notes += got[1]
        if args.backend in ("postgres", "both"):
            schema = f"tally_bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(PG_URL)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                url = f"{PG_URL}?options=-csearch_path%3D{schema}"
                got = run_backend("PostgreSQL", url, Path(tmp) / "pg", args)
                rows += got[0]
                notes += got[1]
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    write(args, rows, notes, load0)


def write(args: argparse.Namespace, rows: list[Row], notes: list[str],
          load0: tuple[float, float, float]) -> None:
    header = ["| backend | what | load | requests | req/s | p50 ms | p95 ms | errors "
              "| load avg (1 min) before → after | server CPU s | client CPU s |",
              "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|"]
    section = "\n".join([
        "## Web load (dashboard and person search)", "",
        f"Synthetic fill of {args.persons:,} persons rows (generated directly, not real "
        f"people, not through import/link). `tally serve --workers {args.workers}` in a "
        f"subprocess; httpx clients over loopback. Closed loop: 1 and {args.clients} "
        f"clients for {args.closed_seconds:.0f} s. Open loop: {args.rate:g} requests/s at "
        f"fixed intervals for {args.seconds:.0f} s (latency from the scheduled start; at "
        f"most {MAX_IN_FLIGHT} in flight). **2-core machine** shared by the server, the load "
        f"generator and other jobs (load average {load0[0]:.1f} / {load0[1]:.1f} / "
        f"{load0[2]:.1f} at the start).", "",
        *header, *(r.markdown() for r in rows), "",
        *(f"- {n}" for n in notes), "",
        "Targets: person search p95 ≤ 50 ms, dashboard p95 ≤ 300 ms, at 50 concurrent "
        "users. The open-loop rows model that: 50 users each asking once a second. The "
        "closed-loop 50-client rows are a saturation test (every client asks again at "
        "once), so their latency is ≈ 50 / throughput and says how many requests per "
        "second the machine can serve, not what a user waits.", ""])
    print(section)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(section, encoding="utf-8")


if __name__ == "__main__":
    main()
