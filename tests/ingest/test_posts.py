"""Post readers: Telegram exports, HTML pages, WARC files, plain text, JSONL; hostile input."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.ingest import posts as posts_module
from tally.ingest.errors import InputError
from tally.ingest.posts import (
    Post,
    guess_post_format,
    html_charset,
    read_posts,
    telegram_text,
)

SAMPLES = Path(__file__).parent / "samples"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
OBITUARY = (
    "С глубоким прискорбием сообщаем, что в ходе специальной военной операции погиб наш "
    "земляк, ефрейтор Цыренов Аюр Баирович, 1989 года рождения, уроженец села Мухоршибирь."
)


def _posts(path: Path, fmt: str | None = None) -> list[Post]:
    return list(read_posts(path, fmt))


def _error(path: Path, fmt: str | None = None) -> str:
    with pytest.raises(InputError) as info:
        _posts(path, fmt)
    return str(info.value)


# --- format guessing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("result.json", "telegram"),
        ("page.HTML", "html"),
        ("page.htm", "html"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("note.txt", "text"),
        ("feed.jsonl", "jsonl"),
        ("feed.ndjson", "jsonl"),
    ],
)
def test_format_is_guessed_from_the_name(name: str, fmt: str) -> None:
    assert guess_post_format(Path(name)) == fmt


@pytest.mark.parametrize("name", ["photo.png", "archive.gz", "list.csv", "noext"])
def test_unknown_format_is_refused_with_a_hint(name: str) -> None:
    with pytest.raises(InputError, match="unknown post format"):
        guess_post_format(Path(name))


# --- Telegram ------------------------------------------------------------------------------


def test_telegram_export_with_entities_service_messages_and_captions() -> None:
    got = _posts(SAMPLES / "telegram_result.json")
    # 1 and 6 are service messages, 4 a photo without a caption
    assert [p.locator for p in got] == ["message 2", "message 3", "message 5", "message 7"]
    by_id = {p.locator: p for p in got}
    assert by_id["message 3"].text == (
        "В ходе специальной военной операции погиб Дашиев Баир Цыренович, 1994 года рождения, "
        "житель Улан-Удэ. Подробнее: сайт администрации. #помним @pamyat_example"
    )
    assert by_id["message 5"].text.startswith("В Кяхте похоронили младшего сержанта Николая")
    assert by_id["message 2"].url == "https://t.me/pamyat_example/2"
    assert by_id["message 3"].published == "2023-05-18T08:05:12"
    assert by_id["message 3"].title == "Память Бурятии (синтетический)"
    assert by_id["message 5"].note == "forwarded from Вести Кяхты (синтетический)"
    assert by_id["message 2"].note is None
    raw = json.loads(by_id["message 5"].raw)  # the whole message is the evidence
    assert raw["forwarded_from"] == "Вести Кяхты (синтетический)"
    assert raw["photo"].startswith("photos/")
    assert "https://ulan-ude.example/news/123" in by_id["message 3"].raw.decode()
    assert all(p.media_type == "application/vnd.telegram.message+json" for p in got)


def test_telegram_without_username_has_no_urls_and_text_entities_suffice(tmp_path: Path) -> None:
    export = {
        "name": "Группа",
        "type": "private_group",
        "id": 5,
        "messages": [
            {
                "id": 10,
                "type": "message",
                "date": "2024-01-02T03:04:05",
                "text_entities": [
                    {"type": "plain", "text": "Погиб "},
                    {"type": "bold", "text": "Иванов Иван"},
                ],
            }
        ],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    (post,) = _posts(path)
    assert (post.text, post.url, post.locator) == ("Погиб Иванов Иван", None, "message 10")


_KINDS = st.sampled_from(["bold", "hashtag", "mention", "text_link", "italic"])
_ENTITY = st.builds(lambda t, k: {"type": k, "text": t}, st.text(max_size=20), _KINDS)
_TEXT = st.text(max_size=40) | st.lists(st.text(max_size=20) | _ENTITY, max_size=5)
_SCALAR = st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
_MESSAGE = st.fixed_dictionaries(
    {"id": st.integers(1, 10**9), "type": st.sampled_from(["message", "service"])},
    optional={
        "text": _TEXT,
        "date": st.sampled_from(["2023-05-16T12:30:00", "2024-02-29T00:00:00"]),
        "forwarded_from": st.text(min_size=1, max_size=10),
        "photo": st.just("photos/p.jpg"),
        "n": _SCALAR,
    },
)


@settings(max_examples=60, deadline=None)
@given(
    messages=st.lists(_MESSAGE, max_size=6),
    extra=st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=30), max_size=3),
    indent=st.sampled_from([None, 0, 1, 2]),
    chunk=st.integers(1, 64),
)
def test_streamed_telegram_equals_whole_document_parse(
    tmp_path_factory: pytest.TempPathFactory,
    messages: list[dict[str, Any]],
    extra: dict[str, Any],
    indent: int | None,
    chunk: int,
) -> None:
    for key in ("messages", "username", "name"):
        extra.pop(key, None)
    doc = {"name": "Канал", **extra, "messages": messages, "after": [1, 2.5e3, "x"]}
    path = tmp_path_factory.mktemp("tg") / "result.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=indent), encoding="utf-8")
    with mock.patch.object(posts_module._JsonStream, "CHUNK", chunk):
        got = _posts(path)
    expected = [
        (f"message {m['id']}", telegram_text(m.get("text", "")))
        for m in messages
        if m["type"] == "message" and telegram_text(m.get("text", "")).strip()
    ]
    assert [(p.locator, p.text) for p in got] == expected
    for post in got:
        assert json.loads(post.raw)["id"] == int(post.locator.split()[1])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"name": "x"}', 'no "messages" list'),
        ("[1, 2]", "line 1: not a Telegram Desktop export"),
        ('{"messages": [\n{"id": 1, "text": "a"},\n{"id": 2, "text": "b",}\n]}', "line 3"),
        ('{"messages": [\n{"id": 1, "text": "Погиб"}', "line 2: invalid JSON"),
        ('{"messages": []} trailing', "extra data"),
        ('{"messages": [{"id": 7, "text": "Погиб", "date": "вчера"}]}', "message 7: date"),
        ('{"messages": [{"text": "Погиб"}]}', 'message #1: no integer "id"'),
        ('{"messages": [{"id": 3, "text": 42}]}', 'message 3: "text": not a string'),
        ('{"messages": [{"id": 3, "text": [{"text": 1}]}]}', 'message 3: "text": not a string'),
        ('{"username": "a b", "messages": []}', "not a Telegram username"),
        ('{"messages": ["hello"]}', "message #1: not a JSON object"),
    ],
)
def test_broken_telegram_export_names_the_place(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "result.json"
    path.write_text(content, encoding="utf-8")
    assert expected in _error(path)


def test_telegram_export_in_cp1251_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes('{"messages": [{"id": 1, "text": "Погиб"}]}'.encode("cp1251"))
    assert "not UTF-8" in _error(path)


# --- HTML ----------------------------------------------------------------------------------


def test_html_page_yields_the_article_only() -> None:
    (post,) = _posts(SAMPLES / "page_boilerplate.html")
    assert post.title == "В Кургане простились с погибшим добровольцем"
    assert post.published == "2024-03-07"
    assert post.text.startswith("В Кургане простились с добровольцем Алексеем Викторовичем")
    assert "Рябковском кладбище" in post.text
    for boilerplate in (
        "cookie",  # the banner
        "Политика",  # the menu
        "Читайте также",  # the sidebar
        "Все права защищены",  # the footer
        "Скриптов",  # inside <script>
        "СКРИПТ",
        "dataLayer",
        "trackRead",
        "counter.example",
    ):
        assert boilerplate not in post.text
    assert b"<script>" in post.raw  # the evidence is kept as captured


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[:2]))
        raise OSError("network access during import")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


def test_html_import_fetches_nothing(no_network: list[str], tmp_path: Path) -> None:
    page = (SAMPLES / "page_boilerplate.html").read_text(encoding="utf-8")
    hostile = page.replace(
        "<head>",
        '<head><meta http-equiv="refresh" content="0; url=https://evil.example/">'
        '<link rel="import" href="https://evil.example/x.html">'
        '<iframe src="https://evil.example/frame"></iframe>',
    )
    path = tmp_path / "page.html"
    path.write_text(hostile, encoding="utf-8")
    (post,) = _posts(path)
    assert "Морозовым" in post.text
    warc = _write_warc(tmp_path / "c.warc", [_response("https://kurgan.example/a", hostile)])
    assert len(_posts(warc)) == 1
    assert no_network == []


def test_cp1251_page_with_meta_charset() -> None:
    (post,) = _posts(SAMPLES / "page_cp1251.html")
    assert "погиб старший сержант Ондар Айдыс Оюн-оолович" in post.text
    assert post.title == "Вечная память"
    assert "Главная" not in post.text


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="windows-1251">', "cp1251"),
        ("<meta charset=koi8-r>", "koi8_r"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">', "koi8_r"),
        ('<meta charset="utf-8">', "cp1251"),  # a wrong declaration: detection decides
        ("", "cp1251"),  # none: detection
    ],
)
def test_html_charsets(tmp_path: Path, declaration: str, encoding: str) -> None:
    html = (
        f"<html><head>{declaration}<title>Память</title></head><body><article>"
        f"<p>{OBITUARY}</p><p>{OBITUARY}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(encoding))
    (post,) = _posts(path)
    assert "ефрейтор Цыренов Аюр Баирович" in post.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1251">', "cp1251"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>", "koi8-r"),
        (b'<?xml version="1.0" encoding="windows-1251"?><html>', "cp1251"),
        (b'<meta charset="no-such-charset">', None),
        (b"<p>charset=cp1251 in the text is not a declaration</p>", None),
    ],
)
def test_html_charset_declarations(head: bytes, expected: str | None) -> None:
    assert html_charset(head + b"<title>x</title>") == expected


def test_html_without_main_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>alert('x')</script></body></html>", encoding="utf-8")
    assert "no main text" in _error(path)


# --- WARC ----------------------------------------------------------------------------------


Record = tuple[str, str, bytes, str, str]  # WARC-Type, URL, payload, content type, HTTP status


def _response(
    url: str, html: str | bytes, ctype: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> Record:
    return ("response", url, html.encode() if isinstance(html, str) else html, ctype, status)


def _write_warc(path: Path, records: list[Record], gz: bool = False) -> Path:
    """A WARC as crawlers write it: warcinfo, then request + response pairs, metadata, ..."""
    from warcio.statusandheaders import StatusAndHeaders as Headers
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "tally-tests"}))
        for kind, url, body, ctype, status in records:
            if kind == "response":
                get = Headers("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
                w.write_record(w.create_warc_record(url, "request", http_headers=get))
                http = Headers(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                when = {"WARC-Date": "2024-03-08T10:00:00Z"}
                record = w.create_warc_record(
                    url, kind, payload=io.BytesIO(body), http_headers=http, warc_headers_dict=when
                )
            else:
                record = w.create_warc_record(
                    url, kind, payload=io.BytesIO(body), warc_content_type=ctype
                )
            w.write_record(record)
    return path


def _page(text: str, title: str = "Новости") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Главная</a></nav>"
        f"<article><h1>{title}</h1><p>{text}</p><p>{text}</p></article>"
        "<footer>© Редакция</footer></body></html>"
    )


NAMSARAEV = OBITUARY.replace("Цыренов Аюр", "Намсараев Олег")


def _crawl() -> list[Record]:
    return [
        _response("https://news.example/a", _page(OBITUARY, "Прощание")),
        _response("https://news.example/logo.png", PNG, ctype="image/png"),
        _response("https://news.example/old", _page("Moved"), status="301 Moved Permanently"),
        _response(
            "https://news.example/missing", _page("Страница не найдена"), status="404 Not Found"
        ),
        ("metadata", "https://news.example/a", b"outlink: /b", "application/warc-fields", ""),
        _response(
            "https://news.example/b",
            _page(OBITUARY.replace("Цыренов Аюр", "Доржиев Баир")).encode("cp1251"),
            ctype="text/html; charset=windows-1251",
        ),
        ("resource", "https://news.example/c", _page(NAMSARAEV).encode(), "text/html", ""),
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_keeps_only_html_pages(tmp_path: Path, gz: bool) -> None:
    path = _write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), _crawl(), gz=gz)
    got = _posts(path)
    assert [p.url for p in got] == [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/c",
    ]
    assert "Цыренов Аюр" in got[0].text and "Главная" not in got[0].text
    assert "Доржиев Баир" in got[1].text  # decoded by the HTTP header's charset
    assert "Намсараев Олег" in got[2].text
    assert got[0].captured == "2024-03-08T10:00:00+00:00"
    assert got[0].title == "Прощание"
    assert got[0].raw.startswith(b"<html>")  # the payload, without HTTP headers
    assert all(p.locator.startswith("WARC record ") for p in got)


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("keep", [i / 20 for i in range(1, 20)])
def test_truncated_warc_is_refused_naming_the_record(tmp_path: Path, gz: bool, keep: float) -> None:
    path = _write_warc(tmp_path / "crawl.warc", _crawl(), gz=gz)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    assert re.search(r"WARC record \d+: (truncated|not a readable|no WARC-Type)", _error(path))


# --- plain text ----------------------------------------------------------------------------


def test_cp1251_text_sample() -> None:
    (post,) = _posts(SAMPLES / "obituary_cp1251.txt")
    assert "ефрейтор Цыренов Аюр Баирович, 1989 года рождения" in post.text
    assert post.raw == (SAMPLES / "obituary_cp1251.txt").read_bytes()
    assert post.title == "obituary_cp1251.txt"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(OBITUARY.encode(encoding))
    (post,) = _posts(path)
    assert post.text == OBITUARY


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_sample() -> None:
    got = _posts(SAMPLES / "posts.jsonl")
    assert [p.locator for p in got] == ["line 1", "line 2", "line 5"]  # 3 blank, 4 empty text
    assert got[0].url == "https://news.example/2023/06/05/badmaev"
    assert (got[0].published, got[0].title) == ("2023-06-05", "Простились с сержантом")
    assert got[2].published == "2024-03-06T09:15:00+00:00"
    assert json.loads(got[1].raw)["text"] == got[1].text


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1).filter(str.strip), min_size=1, max_size=5))
def test_jsonl_text_round_trips(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    path = tmp_path_factory.mktemp("jl") / "p.jsonl"
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [p.text for p in _posts(path)] == texts


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"text": "a"}', '{"text": "b"', '{"text": "c"}'], "line 2: invalid JSON"),
        (['{"text": "a"}', "[1, 2]"], 'line 2: expected an object with a "text" string'),
        (['{"text": 5}'], "line 1: expected an object"),
        (['{"text": "a", "date": "14 мая"}'], "line 1: date '14 мая' is not an ISO date"),
        (['{"text": "a", "date": "2023-02-30"}'], "line 1: date"),
        (['{"text": "a", "url": 5}'], 'line 1: "url" must be a string'),
    ],
)
def test_bad_jsonl_names_the_line(tmp_path: Path, lines: list[str], expected: str) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert expected in _error(path)


# --- streaming -------------------------------------------------------------------------------


def _peak(posts: Iterator[Post]) -> tuple[int, int]:
    tracemalloc.start()
    try:
        n = sum(1 for _ in posts)
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_jsonl_and_telegram_stream(tmp_path: Path) -> None:
    text = "Погиб рядовой. " * 400  # ~ 11 KB a post, ~ 3.3 MB a file
    jsonl = tmp_path / "big.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for _ in range(300):
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    tg = tmp_path / "result.json"
    with tg.open("w", encoding="utf-8") as fh:
        fh.write('{"name": "c", "messages": [')
        fh.write(",".join(json.dumps({"id": i, "text": text}) for i in range(300)))
        fh.write("]}")
    for path in (jsonl, tg):
        n, peak = _peak(read_posts(path))
        assert n == 300
        assert peak < 2_000_000, (
            f"{path.name}: {peak} bytes at peak for a {path.stat().st_size} B file"
        )


def test_warc_streams_past_records_it_skips(tmp_path: Path) -> None:
    blob = os.urandom(1_000_000)
    records = [_response(f"https://x.example/{i}.png", blob, "image/png") for i in range(12)]
    path = _write_warc(
        tmp_path / "c.warc", [*records, _response("https://x.example/a", _page(OBITUARY))]
    )
    n, peak = _peak(read_posts(path))
    assert n == 1
    assert peak < 3_000_000


def test_posts_come_before_a_later_error(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"text": "a"}\n{"text": "b"}\nnot json\n', encoding="utf-8")
    posts = read_posts(path)
    assert [next(posts).text, next(posts).text] == ["a", "b"]
    with pytest.raises(InputError, match="line 3"):
        next(posts)
