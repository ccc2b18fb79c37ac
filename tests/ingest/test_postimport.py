"""Post import into the store: documents, mentions with spans, notes, idempotency, atomicity."""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

import tally.extract
from tally.ingest.errors import InputError
from tally.ingest.postimport import INLINE_BYTES, import_posts
from tally.ingest.posts import MAX_POST_BYTES
from tally.model import SourceType
from tally.store import Store
from tally.store.schema import audit_events, documents, mentions, sources
from tally.verify.audit import verify_chain

SAMPLES = Path(__file__).parent / "samples"
SIDOROV = "Простились с рядовым Иваном Петровичем Сидоровым, уроженцем Бурятии, погибшим 14 мая."
TABLES = (sources, documents, mentions, audit_events)


def _jsonl(path: Path, *records: dict[str, Any]) -> Path:
    lines = (json.dumps(r, ensure_ascii=False) for r in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in TABLES
        }


def _object_files(store: Store) -> list[Path]:
    root = store.objects.root
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _rows(store: Store, table: Any) -> list[Any]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(select(table).order_by(table.c[table.primary_key.columns.keys()[0]]))
        )


def _assert_spans_point_into_text(store: Store) -> int:
    texts = {d.id: d.text for d in _rows(store, documents)}
    checked = 0
    for m in _rows(store, mentions):
        for name, (start, end) in json.loads(m.spans).items():
            piece = texts[m.document_id][start:end]
            assert piece.strip() and piece == piece.strip(), (name, piece)
            checked += 1
    return checked


# --- on both databases -----------------------------------------------------------------------


def test_russian_post_is_one_mention_with_spans(store: Store, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "p.jsonl", {"text": SIDOROV, "url": "https://t.me/c/1", "date": "2023-05-16"}
    )
    report = import_posts(store, path, "memorial", source_type=SourceType.RELATIVES)
    assert (report.posts, report.added, report.persons) == (1, 1, 1)
    (doc,) = _rows(store, documents)
    assert doc.text == SIDOROV
    assert doc.locator == "line 1" and doc.url == "https://t.me/c/1"
    assert doc.published_at == "2023-05-16" and doc.media_type == "application/json"
    assert json.loads(doc.content)["text"] == SIDOROV  # small: inline
    (m,) = _rows(store, mentions)
    assert (m.last_name, m.first_name, m.patronymic) == ("Сидоров", "Иван", "Петрович")
    assert m.region == "RU-BU" and m.document_id == doc.id
    assert m.death_date == "2023-05-14"  # the year comes from the post's date
    assert m.name_key is not None
    spans = json.loads(m.spans)
    assert "Сидоровым" in SIDOROV[slice(*spans["last_name"])]
    assert SIDOROV[slice(*spans["region"])] == "Бурятии"
    assert set(json.loads(m.confidence)) >= {"last_name", "region"}
    (src,) = _rows(store, sources)
    assert (src.name, src.type) == ("memorial", "relatives")
    (event,) = _rows(store, audit_events)
    payload = json.loads(event.payload)
    assert event.action == "import.posts" and payload["file"] == "p.jsonl"
    assert len(payload["file_sha256"]) == 64 and payload["persons"] == 1
    with store.engine.connect() as conn:
        assert verify_chain(conn) == []


def test_reimport_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = SAMPLES / "telegram_result.json"
    first = import_posts(store, path, "tg")
    before = _counts(store)
    again = import_posts(store, path, "tg")
    assert (again.posts, again.added, again.unchanged, again.persons) == (
        first.posts,
        0,
        first.posts,
        0,
    )
    after = _counts(store)
    assert after == {**before, "audit_events": before["audit_events"] + 1}  # the attempt is logged
    assert import_posts(store, path, "another source").added == first.posts  # per source


def _big_post(tmp_path: Path, tail: dict[str, Any] | str) -> Path:
    """A JSONL file: a post large enough for the object store, then ``tail``."""
    # the page source makes the record large; the text stays short (extraction is slow on long text)
    big = {"text": SIDOROV, "html": "<p>Вечная память.</p>" * (INLINE_BYTES // 20)}
    lines = [json.dumps(big, ensure_ascii=False), json.dumps({"text": SIDOROV + " Ещё."})]
    lines.append(tail if isinstance(tail, str) else json.dumps(tail, ensure_ascii=False))
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_refused_file_stores_nothing(store: Store, tmp_path: Path) -> None:
    path = _big_post(tmp_path, '{"text": "broken')
    with pytest.raises(InputError, match=r"posts.jsonl, line 3: invalid JSON"):
        import_posts(store, path, "news")
    assert _counts(store) == dict.fromkeys(("sources", "documents", "mentions", "audit_events"), 0)
    assert _object_files(store) == []


def test_failure_half_way_stores_nothing_and_keeps_what_was_there(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_posts(store, SAMPLES / "posts.jsonl", "news")  # existing data must survive
    before, objects_before = _counts(store), _object_files(store)
    real = tally.extract.extract
    calls: list[str] = []

    def flaky(text: str, **kwargs: Any) -> Any:
        calls.append(text)
        if len(calls) == 3:
            raise RuntimeError("extraction crashed")
        return real(text, **kwargs)

    monkeypatch.setattr(tally.extract, "extract", flaky)
    path = _big_post(tmp_path, {"text": SIDOROV + " Третий пост."})
    with pytest.raises(RuntimeError, match="extraction crashed"):
        import_posts(store, path, "news")
    assert len(calls) == 3  # two posts (one in the object store) were written before
    assert _counts(store) == before
    assert _object_files(store) == objects_before


def test_large_post_lives_in_the_object_store(store: Store, tmp_path: Path) -> None:
    path = _big_post(tmp_path, {"text": "Третий."})
    import_posts(store, path, "news")
    big = next(d for d in _rows(store, documents) if d.locator == "line 1")
    assert big.content is None and big.size > INLINE_BYTES
    raw = path.read_bytes().split(b"\n")[0]
    assert store.objects.get(big.sha256) == raw
    assert [p.name for p in _object_files(store)] == [big.sha256[2:]]


# --- the format matrix (SQLite) ----------------------------------------------------------------


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (SAMPLES / "page_boilerplate.html").read_bytes()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in (
            ("https://kurgan.example/morozov", page, "text/html; charset=utf-8"),
            ("https://kurgan.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
            ("https://kurgan.example/cp", (SAMPLES / "page_cp1251.html").read_bytes(), "text/html"),
        ):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
            )
    return path


@pytest.mark.parametrize(
    ("name", "posts", "last_names", "notes"),
    [
        ("telegram_result.json", 4, {"Сидоров", "Дашиев", "Будаев"}, 2),  # a count, a forward
        ("page_boilerplate.html", 1, {"Морозов"}, 0),
        ("page_cp1251.html", 1, {"Ондар"}, 0),
        ("obituary_cp1251.txt", 1, {"Цыренов"}, 0),
        ("posts.jsonl", 3, {"Бадмаев", "Kuznetsov"}, 1),
        ("crawl.warc.gz", 2, {"Морозов", "Ондар"}, 0),
    ],
)
def test_every_format_imports(
    sqlite_store: Store,
    tmp_path: Path,
    name: str,
    posts: int,
    last_names: set[str],
    notes: int,
) -> None:
    path = _warc(tmp_path / name) if name.endswith(".warc.gz") else SAMPLES / name
    report = import_posts(sqlite_store, path, "s")
    assert report.posts == report.added == posts
    docs = _rows(sqlite_store, documents)
    assert len(docs) == posts and all(d.text and d.sha256 for d in docs)
    # <=: extraction (tally.extract) also makes a phantom person of a later "Имя Отчество"
    assert last_names <= {m.last_name for m in _rows(sqlite_store, mentions)}
    assert sum(d.note is not None for d in docs) == notes
    assert _assert_spans_point_into_text(sqlite_store) >= len(last_names)


def test_notes_keep_counts_and_forwards(sqlite_store: Store) -> None:
    import_posts(sqlite_store, SAMPLES / "telegram_result.json", "tg")
    notes = {d.locator: d.note for d in _rows(sqlite_store, documents)}
    assert notes["message 5"] == "forwarded from Вести Кяхты (синтетический)"
    assert notes["message 7"] is not None and "count without names: 12" in notes["message 7"]
    assert notes["message 2"] is None
    urls = {d.locator: d.url for d in _rows(sqlite_store, documents)}
    assert urls["message 3"] == "https://t.me/pamyat_example/3"


def test_html_with_scripts_is_imported_without_them(sqlite_store: Store) -> None:
    import_posts(sqlite_store, SAMPLES / "page_boilerplate.html", "kurgan")
    (doc,) = _rows(sqlite_store, documents)
    assert b"<script>" in doc.content  # the evidence, as captured (never rendered here)
    assert "Скриптов" not in doc.text and "gtag" not in doc.text
    assert (doc.title, doc.published_at, doc.media_type) == (
        "В Кургане простились с погибшим добровольцем",
        "2024-03-07",
        "text/html",
    )
    assert {m.last_name for m in _rows(sqlite_store, mentions)} == {"Морозов"}


def test_warc_capture_time_is_kept(sqlite_store: Store, tmp_path: Path) -> None:
    import_posts(sqlite_store, _warc(tmp_path / "c.warc.gz"), "crawl")
    docs = _rows(sqlite_store, documents)
    assert all(d.captured_at is not None for d in docs)
    assert {d.url for d in docs} == {"https://kurgan.example/morozov", "https://kurgan.example/cp"}


def _oversized_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = b"<html><body><p>" + b"x" * (MAX_POST_BYTES + 10) + b"</p></body></html>"
        writer.write_record(
            writer.create_warc_record(
                "https://big.example/", "response", payload=io.BytesIO(body), http_headers=http
            )
        )


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
BIG = MAX_POST_BYTES + 1000


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("posts.txt", SIDOROV)
    return buf.getvalue()


def _bytes(data: bytes) -> Any:
    return lambda p: p.write_bytes(data)


@pytest.mark.parametrize(
    ("name", "write", "expected"),
    [
        # a post over the size cap, in every format
        ("huge.txt", _bytes(b"a " * (BIG // 2)), "huge.txt: the file: over 5 MB"),
        ("huge.html", _bytes(b"<p>" + b"x" * BIG), "huge.html: the page: over 5 MB"),
        (
            "huge.jsonl",
            lambda p: p.write_text('{"text": "a"}\n{"text": "' + "б" * BIG + '"}\n'),
            "huge.jsonl, line 2: over 5 MB",
        ),
        (
            "result.json",
            lambda p: p.write_text(
                '{"messages": [{"id": 1, "text": "a"}, {"id": 2, "text": "' + "б" * BIG + '"}]}'
            ),
            "result.json, line 1: message 2: over 5 MB",
        ),
        (
            "huge.warc",
            _oversized_warc,
            "huge.warc: WARC record 1 (https://big.example/): over 5 MB",
        ),
        # binary junk
        ("image.txt", _bytes(PNG), "image.txt: the file: a PNG image, not text"),
        ("image.html", _bytes(PNG), "image.html: file: a PNG image, not text"),
        ("archive.txt", _bytes(_zip()), "archive.txt: the file: a ZIP archive"),
        ("random.txt", _bytes(os.urandom(4096)), "random.txt: the file:"),
        ("random.html", _bytes(os.urandom(4096)), "random.html: file:"),
        (
            "random.json",
            _bytes(os.urandom(4096)),
            "random.json: binary data, not a Telegram export",
        ),
        ("random.warc", _bytes(random.Random(7).randbytes(4096)), "random.warc: WARC record 1: "),
        ("text.warc", _bytes(b"just text\nno archive\n"), "text.warc: WARC record 1: not a read"),
        ("controls.txt", _bytes(bytes(range(1, 32)) * 50), "controls.txt: the file: binary data"),
        (
            "junk.jsonl",
            _bytes(b'{"text": "a"}\n' + PNG.replace(b"\n", b"") + b"\n"),
            "junk.jsonl, line 2: binary data, not text",
        ),
        ("empty.txt", _bytes(b""), "empty.txt: the file is empty"),
        ("blank.txt", _bytes(b" \n\n "), "blank.txt: the file: no text"),
        ("scripts.html", _bytes(b"<script>alert(1)</script>"), "scripts.html: the page: no main"),
        # broken structure
        ("bad.jsonl", _bytes(b'{"text": "a"}\n{"text": }\n'), "bad.jsonl, line 2: invalid JSON"),
        (
            "dated.json",
            lambda p: p.write_text(
                '{"messages": [{"id": 1, "text": "Погиб"}, {"id": 2, "text": "x", "date": "вчера"}'
                "]}"
            ),
            "dated.json, line 1: message 2: date",
        ),
    ],
)
def test_hostile_input_is_refused_and_nothing_is_stored(
    sqlite_store: Store, tmp_path: Path, name: str, write: Any, expected: str
) -> None:
    path = tmp_path / name
    write(path)
    with pytest.raises(InputError) as info:
        import_posts(sqlite_store, path, "hostile")
    assert expected in str(info.value)
    assert set(_counts(sqlite_store).values()) == {0}
    assert _object_files(sqlite_store) == []


def test_bad_lang_is_refused_before_anything(sqlite_store: Store) -> None:
    with pytest.raises(ValueError, match="lang"):
        import_posts(sqlite_store, SAMPLES / "posts.jsonl", "s", lang="de")
    assert set(_counts(sqlite_store).values()) == {0}


# --- the command ---------------------------------------------------------------------------------


def test_cli_imports_and_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tally.cli import _build

    monkeypatch.setenv("TALLY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TALLY_DATABASE_URL", raising=False)
    runner = CliRunner()
    assert runner.invoke(_build(), ["init"]).exit_code == 0
    args = ["import", "posts", str(SAMPLES / "telegram_result.json"), "--source", "tg"]
    ok = runner.invoke(_build(), [*args, "--source-type", "relatives"])
    assert ok.exit_code == 0, ok.output
    assert "4 posts, 4 new" in ok.output and "3 persons" in ok.output
    junk = tmp_path / "junk.txt"
    junk.write_bytes(PNG)
    bad = runner.invoke(_build(), ["import", "posts", str(junk), "--source", "x"])
    assert bad.exit_code != 0
    assert "a PNG image" in bad.output and "Nothing was stored" in bad.output
