"""Read posts and pages: Telegram Desktop exports, HTML pages, WARC files, plain text, JSONL.

Each reader yields :class:`Post` objects: the raw bytes kept as evidence, the text to extract
from, and where and when it was published. Readers stream (WARC, JSONL) and refuse hostile
input with a clear error: binary junk, a post over :data:`MAX_POST_BYTES`, broken JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tally.ingest.encoding import detect_bytes
from tally.ingest.errors import InputError, problem

MAX_POST_BYTES = 5 * 1024 * 1024  # one post or page; larger is not a post
POST_FORMATS = ("telegram", "html", "warc", "text", "jsonl")


@dataclass(frozen=True, slots=True)
class Post:
    raw: bytes  # the evidence, as captured
    text: str  # what extraction reads
    media_type: str
    locator: str  # where in the file: "message 12", "record 3", "line 7", "file"
    url: str | None = None
    published: str | None = None  # ISO date or datetime, as the source gives it
    title: str | None = None


def guess_post_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".warc", ".gz") and (".warc" in path.name.lower()):
        return "warc"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "telegram"
    if suffix in (".txt", ".text", ".md"):
        return "text"
    raise InputError(
        problem(path, None, None, f"unknown post format {path.suffix!r}"),
        "use a Telegram result.json, .html, .warc(.gz), .txt or .jsonl, or pass --format",
    )


def _decode(path: Path, data: bytes, where: str, encoding: str | None = None) -> str:
    if b"\x00" in data[:65536]:
        raise InputError(problem(path, None, None, f"{where}: binary data, not text"))
    enc = encoding or detect_bytes(data[: 1 << 20])
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(problem(path, None, None, f"{where}: cannot decode as {enc}")) from exc
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(problem(path, None, None, f"{where}: binary data, not text"))
    return text


def _check_size(path: Path, size: int, where: str) -> None:
    if size > MAX_POST_BYTES:
        raise InputError(
            problem(
                path,
                None,
                None,
                f"{where} is {size / 1e6:.1f} MB; a post or page may be at most "
                f"{MAX_POST_BYTES / 1e6:.0f} MB",
            )
        )


def read_posts(path: Path, fmt: str | None = None) -> Iterator[Post]:
    fmt = fmt or guess_post_format(path)
    readers = {
        "telegram": _telegram,
        "html": _html_file,
        "warc": _warc,
        "text": _text,
        "jsonl": _jsonl,
    }
    if fmt not in readers:
        raise InputError(
            problem(path, None, None, f"unknown post format {fmt!r}"),
            f"use one of {', '.join(POST_FORMATS)}",
        )
    return readers[fmt](path)


def _text(path: Path) -> Iterator[Post]:
    _check_size(path, path.stat().st_size, "the file")
    raw = path.read_bytes()
    yield Post(raw, _decode(path, raw, "the file"), "text/plain", "file", title=path.name)


def telegram_text(value: Any) -> str:
    """A message's text: a string, or a list of strings and entity objects with "text"."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            v if isinstance(v, str) else str(v.get("text", ""))
            for v in value
            if isinstance(v, str | dict)
        )
    return ""


def _telegram(path: Path) -> Iterator[Post]:
    size = path.stat().st_size
    if size > 512 * 1024 * 1024:
        raise InputError(
            problem(path, None, None, "a Telegram export over 512 MB"), "split the export by date"
        )
    raw = path.read_bytes()
    try:
        data = json.loads(_decode(path, raw, "the export"))
    except json.JSONDecodeError as exc:
        raise InputError(problem(path, exc.lineno, None, f"invalid JSON: {exc.msg}")) from exc
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise InputError(
            problem(path, 1, None, 'not a Telegram Desktop export (no "messages" list)')
        )
    channel = data.get("name") or path.stem
    username = data.get("username")
    for index, msg in enumerate(data["messages"], start=1):
        if not isinstance(msg, dict) or msg.get("type", "message") != "message":
            continue
        text = telegram_text(msg.get("text"))
        if not text.strip():
            continue
        body = json.dumps(msg, ensure_ascii=False, sort_keys=True).encode("utf-8")
        _check_size(path, len(body), f"message {msg.get('id', index)}")
        mid = msg.get("id", index)
        url = f"https://t.me/{username}/{mid}" if username else None
        yield Post(
            body,
            text,
            "application/vnd.telegram.message+json",
            f"message {mid}",
            url=url,
            published=str(msg.get("date") or "") or None,
            title=str(channel),
        )


def html_post(path: Path, raw: bytes, where: str, url: str | None = None) -> Post | None:
    """Main text, title and date of an HTML page (trafilatura); None for an empty page."""
    import trafilatura

    html = _decode(path, raw, where)
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    if extracted is None:
        return None
    doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = doc.get("text") or ""
    if not text.strip():
        return None
    return Post(
        raw,
        text,
        "text/html",
        where,
        url=url or doc.get("url"),
        published=doc.get("date"),
        title=doc.get("title"),
    )


def _html_file(path: Path) -> Iterator[Post]:
    _check_size(path, path.stat().st_size, "the page")
    post = html_post(path, path.read_bytes(), "file")
    if post is None:
        raise InputError(problem(path, None, None, "the page has no main text"))
    yield post


def _warc(path: Path) -> Iterator[Post]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as fh:
        try:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                raw = record.content_stream().read(MAX_POST_BYTES + 1)
                _check_size(path, len(raw), f"record {number} ({url})")
                post = html_post(path, raw, f"record {number}", url)
                if post is not None:
                    date = record.rec_headers.get_header("WARC-Date")
                    yield Post(
                        post.raw,
                        post.text,
                        post.media_type,
                        post.locator,
                        post.url,
                        post.published or (date[:10] if date else None),
                        post.title,
                    )
        except ArchiveLoadFailed as exc:
            raise InputError(problem(path, None, None, f"not a readable WARC file: {exc}")) from exc


def _jsonl(path: Path) -> Iterator[Post]:
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            _check_size(path, len(line), f"line {number}")
            try:
                obj = json.loads(_decode(path, line, f"line {number}", "utf-8"))
            except json.JSONDecodeError as exc:
                raise InputError(problem(path, number, None, f"invalid JSON: {exc.msg}")) from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise InputError(
                    problem(path, number, None, 'expected an object with a "text" string')
                )
            yield Post(
                line.rstrip(b"\r\n"),
                obj["text"],
                "application/json",
                f"line {number}",
                url=obj.get("url"),
                published=obj.get("date") or obj.get("published"),
                title=obj.get("title"),
            )
