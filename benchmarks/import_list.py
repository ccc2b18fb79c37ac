"""Benchmark: list import into SQLite (and PostgreSQL when reachable).

Generates SYNTHETIC official-style lists (``tally.synth.write_big_list``) of 100,000 and
1,000,000 rows, imports each into a fresh store in a child process, and reports rows per
second and the child's peak resident memory. Flat memory means the 1M-row peak is close to
the 100k-row peak. Re-import (all rows unchanged) is timed too.

    python benchmarks/import_list.py [--sizes 100000,1000000] [--postgres]

Writes docs/benchmarks/import_list.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "benchmarks" / "import_list.md"
PG_URL = os.environ.get(
    "TALLY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from tally.settings import Settings
from tally.store import open_store
from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
path, mapping, data_dir, url, repeat = sys.argv[1:6]
store = open_store(Settings(data_dir=Path(data_dir), database_url=url), create=True)
m = load_mapping(Path(mapping))
out = {}
def child_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime
for run in range(int(repeat)):
    t, c, r = time.perf_counter(), time.process_time(), child_cpu()
    report = import_list(store, Path(path), "bench", m)
    out[f"run{run}"] = {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                        "reader_cpu": child_cpu() - r, **report.as_dict()}
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["reader_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(out))
"""


def _pg_schema_url(schema: str) -> str:
    import sqlalchemy

    engine = sqlalchemy.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


def _drop_pg(schema: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    engine.dispose()


def run(sizes: list[int], postgres: bool) -> list[dict[str, object]]:
    from tally.synth import write_big_list

    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            csv_path = Path(tmp) / f"list_{size}.csv"
            t = time.perf_counter()
            mapping = write_big_list(csv_path, size, seed=7)
            gen = time.perf_counter() - t
            mb = csv_path.stat().st_size / 1e6
            print(f"generated {size:,} rows ({mb:.0f} MB) in {gen:.0f} s", flush=True)
            backends = [("SQLite", f"sqlite:///{Path(tmp) / f'db_{size}.sqlite'}")]
            if postgres:
                backends.append(("PostgreSQL", _pg_schema_url(f"bench_import_{size}")))
            for name, url in backends:
                load_before = os.getloadavg()[0]
                proc = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        CHILD,
                        str(csv_path),
                        str(mapping),
                        str(Path(tmp) / f"data_{name}_{size}"),
                        url,
                        "2",
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if proc.returncode != 0:
                    raise SystemExit(proc.stderr[-3000:])
                out = json.loads(proc.stdout.strip().splitlines()[-1])
                first, second = out["run0"], out["run1"]
                results.append(
                    {
                        "backend": name,
                        "rows": size,
                        "file_mb": mb,
                        "seconds": first["seconds"],
                        "rows_per_s": size / first["seconds"],
                        "cpu_s": first["cpu"],
                        "reader_cpu_s": first["reader_cpu"],
                        "load": f"{load_before:.1f}–{os.getloadavg()[0]:.1f}",
                        "reimport_s": second["seconds"],
                        "reimport_added": second["added"],
                        "peak_rss_mb": out["peak_rss_mb"],
                        "reader_peak_rss_mb": out["reader_peak_rss_mb"],
                    }
                )
                print(json.dumps(results[-1]), flush=True)
                if name == "PostgreSQL":
                    _drop_pg(f"bench_import_{size}")
    return results


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| backend | rows | file | import (wall) | rows/s (wall) | CPU: writer + readers "
        "| re-import (adds) | peak RSS: writer, reader | load average (before–after) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['backend']} | {r['rows']:,} | {r['file_mb']:.0f} MB | {r['seconds']:.1f} s "
            f"| {r['rows_per_s']:,.0f} | {r['cpu_s']:.1f} s + {r['reader_cpu_s']:.1f} s "
            f"| {r['reimport_s']:.1f} s ({r['reimport_added']}) "
            f"| {r['peak_rss_mb']:.0f} MB, {r['reader_peak_rss_mb']:.0f} MB | {r['load']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the table")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = run(sizes, args.postgres)
    md = (
        "## List import\n\n"
        f"SYNTHETIC official-style lists (`tally.synth.write_big_list`), one transaction per "
        "file, every row a Document (its bytes) and a Mention; measured on a "
        f"{os.cpu_count()}-core machine ({platform.machine()}, "
        f"Python {platform.python_version()}), "
        f"{time.strftime('%Y-%m-%d')}. Goal: >= 50,000 rows/s into SQLite, peak memory flat.\n"
        "A file over 4 MB is read and converted in reader processes while the importing "
        "process writes. A large first import into SQLite: the CSV file is cut into chunks "
        "of about 1 MB at row boundaries, two readers each parse and prepare every other "
        "chunk and hand it over as a small SQLite database (through a file in /dev/shm), "
        "which the writer copies "
        "with `INSERT ... SELECT`, with the indexes set aside and rebuilt at the end of the "
        "same transaction (the rebuild, the check for repeated record ids and the commit are "
        "inside the timed import). Otherwise one reader hands over pickled rows. Re-import: "
        "the same file again, every row looked up and found unchanged. CPU: the importing "
        "(writer) process, and its reader processes together.\n\n" + table(results) + "\n"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
