"""List import: real data, idempotency, versions, encodings, bad rows, interruption."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tally.ingest.errors import InputError
from tally.ingest.listimport import import_list
from tally.ingest.mapping import Mapping, load_mapping
from tally.store import Store
from tally.store.schema import audit_events, documents, mentions, sources

REPO = Path(__file__).resolve().parents[2]
MAPPINGS = REPO / "docs" / "mappings"

SIMPLE = Mapping.model_validate(
    {
        "id": "id",
        "fields": {
            "full_name": "ФИО",
            "birth_date": "Родился",
            "death_date": "Погиб",
            "region": "Регион",
            "channel": "Категория",
        },
        "date_formats": ["%d.%m.%Y", "%m.%Y", "%Y"],
        "values": {"channel": {"мобилизованный": "mobilized", "доброволец": "volunteer"}},
    }
)
HEADER = ["id", "ФИО", "Родился", "Погиб", "Регион", "Категория"]
ROWS = [
    ["1", "Иванов Сергей Петрович", "12.03.1991", "05.2023", "Бурятия", "мобилизованный"],
    ["2", "Смирнова Анна Игоревна", "1988", "14.05.2024", "Курская область", "доброволец"],
    ["3", "Ондар Айдыс Оюн-оолович", "", "2023", "Тыва", ""],
]


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _count(store: Store, table=mentions) -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_values_are_parsed_with_precision(store: Store, tmp_path: Path) -> None:
    report = import_list(store, _write(tmp_path / "l.csv", ROWS), "list", SIMPLE)
    assert (report.rows, report.added, report.unchanged) == (3, 3, 0)
    with store.engine.connect() as conn:
        got = {r.record_key: r for r in conn.execute(select(mentions))}
    assert got["1"].last_name == "Иванов" and got["1"].patronymic == "Петрович"
    assert (got["1"].birth_date, got["1"].death_date) == ("1991-03-12", "2023-05")
    assert (got["2"].birth_date, got["2"].death_date) == ("1988", "2024-05-14")
    assert got["1"].region == "RU-BU" and got["2"].region == "RU-KRS" and got["3"].region == "RU-TY"
    assert (got["1"].channel, got["2"].channel, got["3"].channel) == (
        "mobilized",
        "volunteer",
        None,
    )
    assert got["3"].birth_date is None


def test_reimport_adds_nothing_and_changed_row_is_a_new_version(
    store: Store, tmp_path: Path
) -> None:
    path = _write(tmp_path / "l.csv", ROWS)
    import_list(store, path, "list", SIMPLE)
    again = import_list(store, path, "list", SIMPLE)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 3)
    assert _count(store) == 3
    changed = [[*ROWS[0][:3], "06.05.2023", *ROWS[0][4:]], *ROWS[1:]]
    third = import_list(store, _write(tmp_path / "l2.csv", changed), "list", SIMPLE)
    assert (third.added, third.changed, third.unchanged) == (0, 1, 2)
    with store.engine.connect() as conn:
        versions = conn.execute(
            select(mentions.c.version, mentions.c.death_date, mentions.c.superseded_at)
            .where(mentions.c.record_key == "1")
            .order_by(mentions.c.version)
        ).all()
    assert [(v, d) for v, d, _ in versions] == [(1, "2023-05"), (2, "2023-05-06")]
    assert versions[0][2] is not None and versions[1][2] is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_russian_encodings_are_detected(sqlite_store: Store, tmp_path: Path, encoding: str) -> None:
    import_list(sqlite_store, _write(tmp_path / "l.csv", ROWS, encoding), "list", SIMPLE)
    with sqlite_store.engine.connect() as conn:
        names = set(conn.execute(select(mentions.c.last_name)).scalars())
    assert names == {"Иванов", "Смирнова", "Ондар"}


def test_a_bad_row_refuses_the_whole_file(store: Store, tmp_path: Path) -> None:
    bad = [*ROWS, ["4", "Петров Пётр", "31.02.1990", "2023", "Бурятия", ""]]
    path = _write(tmp_path / "bad.csv", bad)
    with pytest.raises(InputError) as info:
        import_list(store, path, "list", SIMPLE)
    assert info.value.problem.line == 5 and info.value.problem.column == "Родился"
    assert "bad.csv, line 5" in str(info.value)
    assert _count(store) == 0 and _count(store, documents) == 0 and _count(store, sources) == 0
    assert _count(store, audit_events) == 0
    assert [p for p in store.objects.root.rglob("*") if p.is_file()] == []


def test_skip_bad_rows_lists_every_skipped_row(store: Store, tmp_path: Path) -> None:
    bad = [
        *ROWS,
        ["4", "Петров Пётр", "1990", "2023", "Нарния", ""],
        ["5", "Сидоров Иван", "1990", "2023", "Бурятия", "наёмник"],
    ]
    report = import_list(
        store, _write(tmp_path / "bad.csv", bad), "list", SIMPLE, skip_bad_rows=True
    )
    assert [(p.line, p.column) for p in report.skipped] == [(5, "Регион"), (6, "Категория")]
    assert "Нарния" in report.skipped[0].message
    assert report.added == 3 and _count(store) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,ФИО\n1,Иванов\n", "not in the file"),
        ('id,ФИО,Родился,Погиб,Регион,Категория\n1,"Иванов,2000\n', "line 2"),
        ("id,ФИО,Родился,Погиб,Регион,Категория\n1,Иванов,2000\n", "3 cells"),
        ("", "empty"),
    ],
)
def test_malformed_files_are_refused(
    sqlite_store: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "m.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_list(sqlite_store, path, "list", SIMPLE)
    assert _count(sqlite_store) == 0


def test_duplicate_ids_with_different_data_are_refused(sqlite_store: Store, tmp_path: Path) -> None:
    rows = [*ROWS, ["1", "Иванов Сергей Петрович", "12.03.1991", "06.2023", "Бурятия", ""]]
    with pytest.raises(InputError, match="appears twice"):
        import_list(sqlite_store, _write(tmp_path / "d.csv", rows), "list", SIMPLE)
    assert _count(sqlite_store) == 0


def test_interrupted_import_leaves_nothing(tmp_path: Path) -> None:
    """Kill an import half-way with SIGKILL: the database holds none of its rows."""
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for i in range(400_000):
            writer.writerow([str(i), f"Иванов{i} Сергей Петрович", "1991", "2023", "Бурятия", ""])
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "id: id\n"
        "fields: {full_name: ФИО, birth_date: Родился, death_date: Погиб, region: Регион}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "TALLY_DATA_DIR": str(tmp_path / "data")}
    env.pop("TALLY_DATABASE_URL", None)
    tally = [sys.executable, "-m", "tally"]
    subprocess.run([*tally, "init"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen(
        [*tally, "import", "list", str(big), "--source", "big", "--mapping", str(mapping)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db = tmp_path / "data" / "tally.db"
    deadline = time.monotonic() + 60
    # wait until the import has written into the database (the WAL grows), then kill it
    wal = db.with_name("tally.db-wal")
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2_000_000):
        time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    from tally.settings import Settings
    from tally.store import open_store

    s = open_store(Settings(data_dir=tmp_path / "data"))
    assert _count(s) == 0 and _count(s, documents) == 0 and _count(s, sources) == 0


def test_bessudnov_list_imports_completely_and_idempotently(
    store: Store, shared_data: Path
) -> None:
    path = shared_data / "losses" / "bessudnov" / "dfFatalitiesAnonymised.csv"
    mapping = load_mapping(MAPPINGS / "bessudnov_2023.yaml")
    first = import_list(store, path, "bessudnov-2023-04", mapping)
    assert (first.rows, first.added, len(first.skipped)) == (20_253, 20_253, 0)
    second = import_list(store, path, "bessudnov-2023-04", mapping)
    assert (second.added, second.changed, second.unchanged) == (0, 0, 20_253)
    assert _count(store) == 20_253
    with store.engine.connect() as conn:
        row = conn.execute(select(mentions).where(mentions.c.record_key == "3478")).one()
        no_region = conn.execute(
            select(func.count()).select_from(mentions).where(mentions.c.region.is_(None))
        ).scalar_one()
    assert (row.birth_date, row.death_date, row.region, row.channel, row.age) == (
        "1996",
        "2022-02-26",
        "RU-DA",
        "professional",
        26,
    )
    assert row.last_name is None and row.name_key is None  # "removed" means missing
    assert (
        row.urls == '["https://archive.ph/LE8Up", "https://archive.ph/qYhsU", '
        '"https://archive.ph/tXS9b"]'
    )
    assert no_region == 358


def test_earlier_release_imports(sqlite_store: Store, shared_data: Path) -> None:
    """The Dec 2022 release has id 107330 on two different rows: refused, then skipped."""
    path = shared_data / "losses" / "bessudnov" / "dfCasualtiesAnonymised_Dec2022.csv"
    mapping = load_mapping(MAPPINGS / "bessudnov_2022.yaml")
    with pytest.raises(InputError, match="line 8435: record id '107330' appears twice"):
        import_list(sqlite_store, path, "bessudnov-2022-12", mapping)
    assert _count(sqlite_store) == 0
    report = import_list(sqlite_store, path, "bessudnov-2022-12", mapping, skip_bad_rows=True)
    assert (report.rows, report.added, [p.line for p in report.skipped]) == (9_592, 9_591, [8435])
    again = import_list(sqlite_store, path, "bessudnov-2022-12", mapping, skip_bad_rows=True)
    assert (again.added, again.unchanged) == (0, 9_591)


def test_worker_process_path_gives_the_same_result(sqlite_store: Store, tmp_path: Path) -> None:
    rows = [[str(i), f"Иванов{i} Сергей", "1991", "2023", "Бурятия", ""] for i in range(12_000)]
    path = _write(tmp_path / "w.csv", rows)
    report = import_list(sqlite_store, path, "w", SIMPLE, parallel=True)
    assert (report.rows, report.added) == (12_000, 12_000)
    again = import_list(sqlite_store, path, "w", SIMPLE, parallel=False)
    assert (again.added, again.unchanged) == (0, 12_000)


def test_worker_process_reports_a_bad_row_and_stores_nothing(
    sqlite_store: Store, tmp_path: Path
) -> None:
    rows = [[str(i), f"Иванов{i} Сергей", "1991", "2023", "Бурятия", ""] for i in range(9_000)]
    rows[7_000][4] = "Атлантида"
    with pytest.raises(InputError) as info:
        import_list(sqlite_store, _write(tmp_path / "w.csv", rows), "w", SIMPLE, parallel=True)
    assert (info.value.problem.line, info.value.problem.column) == (7_002, "Регион")
    assert _count(sqlite_store) == 0


def _spread_rows() -> list[list[str]]:
    """12 rows; rows 10 and 11 repeat the ids of rows 1 and 2, several batches later."""
    rows = [[str(i), f"Иванов{i} Сергей", "1991", "2023", "Бурятия", ""] for i in range(10)]
    rows.append(list(rows[1]))  # the same row again: nothing new
    rows.append(["2", "Другой Человек", "1990", "2024", "Тыва", ""])  # same id, other data
    return rows


@pytest.mark.parametrize("bulk", [False, True], ids=["indexes live", "indexes set aside"])
@pytest.mark.parametrize("skip", [False, True], ids=["refuse", "skip bad rows"])
def test_repeated_ids_are_caught_across_batches(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool, skip: bool
) -> None:
    import tally.ingest.listimport as listimport
    import tally.ingest.prepare as prepare

    monkeypatch.setattr(prepare, "BATCH", 3)
    monkeypatch.setattr(listimport, "BULK_ROWS", 1 if bulk else 10**9)
    path = _write(tmp_path / "r.csv", _spread_rows())
    if not skip:
        with pytest.raises(InputError, match="appears twice") as info:
            import_list(store, path, "r", SIMPLE, parallel=False)
        assert info.value.problem.line == 13
        assert _count(store) == _count(store, documents) == 0
        return
    report = import_list(store, path, "r", SIMPLE, parallel=False, skip_bad_rows=True)
    assert (report.rows, report.added, report.unchanged) == (12, 10, 1)
    assert [p.line for p in report.skipped] == [13]
    assert _count(store) == 10
    assert _count(store, documents) == 11  # ten rows and the file itself
    again = import_list(store, path, "r", SIMPLE, parallel=False, skip_bad_rows=True)
    assert (again.added, again.unchanged, len(again.skipped)) == (0, 11, 1)


def _stored(store: Store) -> list[tuple[object, ...]]:
    """Every stored row document and mention, without ids and times."""
    skip = {"id", "document_id", "imported_at", "created_at", "source_id"}
    with store.engine.connect() as conn:
        docs = conn.execute(
            select(*[c for c in documents.c if c.name not in skip])
            .where(documents.c.locator != "file")
            .order_by(documents.c.locator)
        ).all()
        ments = conn.execute(
            select(*[c for c in mentions.c if c.name not in skip]).order_by(mentions.c.record_key)
        ).all()
    return [tuple(r) for r in (*docs, *ments)]


@pytest.mark.parametrize("parallel", [False, True], ids=["inline", "reader processes"])
def test_staged_bulk_load_stores_what_the_checked_way_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    import tally.ingest.chunks as chunks
    import tally.ingest.listimport as listimport
    import tally.ingest.prepare as prepare
    from tally.settings import Settings
    from tally.store import open_store

    monkeypatch.setattr(prepare, "BATCH", 4)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 60)  # reader processes: a few rows a chunk
    rows = _spread_rows()
    rows[5][4] = "Атлантида"  # a bad row, skipped; so is the different row with id 2
    path = _write(tmp_path / "s.csv", rows)
    stored = []
    for bulk in (False, True):
        monkeypatch.setattr(listimport, "BULK_ROWS", 1 if bulk else 10**9)
        settings = Settings(
            data_dir=tmp_path / f"d{bulk}", database_url=f"sqlite:///{tmp_path / f'{bulk}.db'}"
        )
        store = open_store(settings, create=True)
        report = import_list(store, path, "s", SIMPLE, parallel=parallel, skip_bad_rows=True)
        assert report.as_dict() | {"file_sha256": ""} == {
            "source": "s",
            "file_sha256": "",
            "rows": 12,
            "added": 9,
            "changed": 0,
            "unchanged": 1,
            "skipped": 2,
        }
        stored.append(_stored(store))
        store.engine.dispose()
    assert stored[0] == stored[1]
    assert len(stored[0]) == 18
