"""Read posts and pages: Telegram Desktop exports, HTML pages, WARC files, plain text, JSONL.

Each reader yields :class:`Post`: the raw bytes kept as evidence, the text to extract from, and
where and when it was published. Telegram exports (message by message), WARC (record by record)
and JSONL (line by line) are streamed; a page or text file is one post, capped like every post
at :data:`MAX_POST_BYTES`. Hostile input is refused with an error naming its place (file, line,
message id or WARC record). Nothing here executes or fetches anything: trafilatura gets the HTML
as a string, never a URL, and drops scripts; the raw bytes stay as evidence.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from tally.ingest.encoding import detect_bytes
from tally.ingest.errors import InputError, problem

MAX_POST_BYTES = 5 * 1024 * 1024  # one post or page; larger is not a post
POST_FORMATS = ("telegram", "html", "warc", "text", "jsonl")
_SNIFF = 65536
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF-": "a PDF document", b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "a gzip file", b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive", b"SQLite format 3\x00": "an SQLite database",
    b"\x7fELF": "an executable",
}  # fmt: skip
_PARTIAL = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")
_TG_TYPE = "application/vnd.telegram.message+json"
_TG_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.-]{2,40})""")
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.-]{2,40})", re.I)


@dataclass(frozen=True, slots=True)
class Post:
    raw: bytes  # the evidence, as captured
    text: str  # what extraction reads
    media_type: str
    locator: str  # where in the file: "message 12", "record 3", "line 7", "file"
    url: str | None = None
    published: str | None = None  # ISO date or datetime, as the source gives it
    title: str | None = None
    note: str | None = None  # e.g. "forwarded from <channel>"
    captured: str | None = None  # ISO datetime the page was archived (WARC-Date)


def _fail(
    path: Path, where: str, message: str, line: int | None = None, hint: str = ""
) -> InputError:
    if where and where != f"line {line}":  # the line is named once
        message = f"{where}: {message}"
    return InputError(problem(path, line, None, message), hint)


def guess_post_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "telegram"
    if suffix in (".txt", ".text", ".md"):
        return "text"
    hint = "use a Telegram result.json, .html, .warc(.gz), .txt or .jsonl, or pass --format"
    raise _fail(path, "", f"unknown post format {path.suffix!r}", hint=hint)


def binary_kind(data: bytes) -> str | None:
    """What a byte string is when it is not text (a PNG, a ZIP, ...), or None for text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:_SNIFF]:
        return "binary data"
    return None


def _decode(
    path: Path, data: bytes, where: str, encoding: str | None = None, line: int | None = None
) -> str:
    kind = binary_kind(data)
    if kind:
        raise _fail(path, where, f"{kind}, not text", line)
    enc = encoding or detect_bytes(data[: 1 << 20])
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise _fail(path, where, f"cannot decode as {enc} (byte {exc.start})", line) from exc
    sample = text[:_SNIFF]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 100):
        raise _fail(path, where, "binary data, not text", line)
    return text


def _check_size(path: Path, size: int, where: str, line: int | None = None) -> None:
    if size > MAX_POST_BYTES:
        message = f"over {MAX_POST_BYTES / 1e6:.0f} MB ({size / 1e6:.1f} MB or more)"
        raise _fail(path, where, message + "; a post or page may not be that large", line)


def _is_date(value: str) -> bool:
    return bool(_PARTIAL.fullmatch(value) or datetime.fromisoformat(value))


def _iso(path: Path, value: Any, where: str, line: int | None = None) -> str | None:
    """An ISO date (``2023``, ``2023-05``, ``2023-05-14``) or datetime, checked; None if absent."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str) and len(value) <= 32 and _is_date(value):
            return value
    except ValueError:
        pass
    raise _fail(path, where, f"date {value!r} is not an ISO date or datetime", line)


def read_posts(path: Path, fmt: str | None = None) -> Iterator[Post]:
    """The posts in ``path``, read lazily; errors are raised when reached (InputError)."""
    fmt = fmt or guess_post_format(path)
    readers = {"telegram": _telegram, "html": _html_file, "warc": _warc}
    readers.update(text=_text, jsonl=_jsonl)
    if fmt not in readers:
        hint = f"use one of {', '.join(POST_FORMATS)}"
        raise _fail(path, "", f"unknown post format {fmt!r}", hint=hint)
    if path.stat().st_size == 0:
        raise _fail(path, "", "the file is empty")
    return readers[fmt](path)


def _text(path: Path) -> Iterator[Post]:
    _check_size(path, path.stat().st_size, "the file")
    raw = path.read_bytes()
    text = _decode(path, raw, "the file")
    if not text.strip():
        raise _fail(path, "the file", "no text")
    yield Post(raw, text, "text/plain", "file", title=path.name)


# --- Telegram Desktop export -------------------------------------------------------------


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


class _JsonStream:
    """Reads one JSON document value by value, keeping only the current value in memory.

    Enough of a pull parser for ``{"name": ..., "messages": [{...}, {...}]}``: the caller walks
    the punctuation with :meth:`take`, and :meth:`value` decodes one complete value.
    """

    CHUNK = 1 << 16

    def __init__(self, path: Path, fh: IO[str]) -> None:
        self.path, self.fh = path, fh
        self.buf, self.pos, self.eof = "", 0, False
        self.mark, self.mark_line = 0, 1  # line number at buffer offset ``mark``
        self.decoder = json.JSONDecoder()

    def line(self, pos: int | None = None) -> int:
        pos = self.pos if pos is None else pos
        if pos >= self.mark:  # count forward from the mark: linear over the whole file
            self.mark_line += self.buf.count("\n", self.mark, pos)
            self.mark = pos
            return self.mark_line
        return self.mark_line - self.buf.count("\n", pos, self.mark)

    def _fill(self, size: int) -> bool:
        if self.eof:
            return False
        self.mark_line, self.mark = self.line(), 0
        self.buf, self.pos = self.buf[self.pos :], 0
        try:
            chunk = self.fh.read(size)
        except UnicodeDecodeError as exc:
            raise _fail(self.path, "", f"not UTF-8 ({exc.reason})", self.line()) from exc
        self.buf += chunk
        self.eof = not chunk
        return bool(chunk)

    def peek(self) -> str:
        """The next non-blank character ('' at the end), without consuming it."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or not self._fill(self.CHUNK):
                return self.buf[self.pos : self.pos + 1]

    def take(self, allowed: str) -> str:
        found = self.peek()
        if not found or found not in allowed:
            shown = repr(found) if found else "the end of the file"
            expected = " or ".join(allowed)
            raise _fail(
                self.path, "", f"invalid JSON: expected {expected}, found {shown}", self.line()
            )
        self.pos += 1
        return found

    def value(self, where: str) -> Any:
        self.peek()
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                pending = len(self.buf) - self.pos
                error = _fail(self.path, where, f"invalid JSON: {exc.msg}", self.line(exc.pos))
                if pending > MAX_POST_BYTES:  # characters, so at least as many bytes
                    if exc.pos + 64 < len(self.buf) and not exc.msg.startswith("Unterminated"):
                        raise error from exc
                    _check_size(self.path, pending, where, self.line())
                if not self._fill(max(self.CHUNK, pending)):
                    raise error from exc
                continue
            if end == len(self.buf) and self._fill(self.CHUNK):
                continue  # a number may go on in the next chunk
            self.pos = end
            return obj


def _telegram(path: Path) -> Iterator[Post]:
    with path.open("rb") as binary:
        kind = binary_kind(binary.read(_SNIFF))
        if kind:
            raise _fail(path, "", f"{kind}, not a Telegram export")
        binary.seek(0)
        stream = _JsonStream(path, io.TextIOWrapper(binary, encoding="utf-8-sig"))
        if stream.peek() != "{":
            raise _fail(path, "", "not a Telegram Desktop export (not a JSON object)", 1)
        stream.take("{")
        header: dict[str, Any] = {}
        seen_messages = False
        more = stream.peek() != "}"
        if not more:
            stream.take("}")
        while more:
            key = stream.value("a key")
            if not isinstance(key, str):
                raise _fail(path, "", "invalid JSON: object keys are strings", stream.line())
            stream.take(":")
            if key == "messages" and stream.peek() == "[":
                seen_messages = True
                yield from _telegram_messages(path, stream, header)
            else:
                header[key] = stream.value(f"the {key!r} field")
            more = stream.take(",}") == ","
        if stream.peek():
            raise _fail(path, "", "invalid JSON: extra data after the export", stream.line())
    if not seen_messages:
        hint = "export one chat or channel as JSON from Telegram Desktop"
        raise _fail(path, "", 'not a Telegram Desktop export (no "messages" list)', hint=hint)


def _telegram_messages(path: Path, stream: _JsonStream, header: dict[str, Any]) -> Iterator[Post]:
    """The messages; ``name`` and ``username`` count only before them (as Telegram writes)."""
    channel = header.get("name") if isinstance(header.get("name"), str) else path.stem
    username = header.get("username")
    if username is not None and not _TG_USERNAME.fullmatch(str(username)):
        raise _fail(path, "", f"{username!r} is not a Telegram username")
    stream.take("[")
    index = 0
    while stream.peek() != "]":
        index += 1
        line = stream.line()
        msg = stream.value(f"message #{index}")
        post = _telegram_post(path, msg, index, line, channel, username)
        if post is not None:
            yield post
        if stream.take(",]") == "]":
            return
    stream.take("]")


def _telegram_post(
    path: Path, msg: Any, index: int, line: int, channel: str | None, username: str | None
) -> Post | None:
    if not isinstance(msg, dict):
        raise _fail(path, f"message #{index}", "not a JSON object", line)
    mid = msg.get("id")
    if not isinstance(mid, int) or isinstance(mid, bool):
        raise _fail(path, f"message #{index}", 'no integer "id"', line)
    where = f"message {mid}"
    if msg.get("type", "message") != "message":
        return None  # service messages: channel created, message pinned, ...
    value = msg.get("text", msg.get("text_entities", ""))
    for part in value if isinstance(value, list) else [value]:
        if not isinstance(part.get("text", "") if isinstance(part, dict) else part, str):
            raise _fail(path, where, '"text": not a string or list of strings and entities', line)
    text = telegram_text(value)
    if not text.strip():
        return None  # a photo or sticker without a caption
    body = json.dumps(msg, ensure_ascii=False, sort_keys=True).encode("utf-8")
    _check_size(path, len(body), where, line)
    forwarded = msg.get("forwarded_from")
    url = f"https://t.me/{username}/{mid}" if username else None
    note = f"forwarded from {forwarded}" if isinstance(forwarded, str) and forwarded else None
    published = _iso(path, msg.get("date"), where, line)
    return Post(body, text, _TG_TYPE, where, url, published, channel, note)


# --- HTML and WARC -----------------------------------------------------------------------


def _charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def html_charset(raw: bytes) -> str | None:
    """The charset a page declares (``<meta charset>``, http-equiv or XML declaration)."""
    head = raw[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _charset(found.group(1).decode("ascii")) if found else None


def _decode_html(path: Path, raw: bytes, where: str, declared: str | None) -> str:
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = None  # a byte-order mark wins over any declaration
    for enc in (_charset(declared), html_charset(raw)):
        if enc:
            try:
                return _decode(path, raw, where, enc)
            except InputError:
                continue  # a wrong declaration: fall back to detection
    return _decode(path, raw, where)


def html_post(
    path: Path, raw: bytes, where: str, url: str | None = None, charset: str | None = None
) -> Post | None:
    """Main text, title and date of an HTML page (trafilatura); None for a page without text.

    ``charset`` is the one an HTTP header declared; the page's own ``<meta charset>`` is next,
    then detection. trafilatura gets the decoded string (never a URL, so it fetches nothing).
    """
    import trafilatura

    html = _decode_html(path, raw, where, charset)
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_images=False,
        include_links=False, favor_precision=True, deduplicate=False,
    )  # fmt: skip
    if extracted is None:
        return None
    doc = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = doc.get("text") or ""
    if not text.strip():
        return None
    try:
        published = _iso(path, doc.get("date"), where)
    except InputError:
        published = None  # a page's guessed date is a hint, not input to refuse
    return Post(raw, text, "text/html", where, url or doc.get("url"), published, doc.get("title"))


def _html_file(path: Path) -> Iterator[Post]:
    _check_size(path, path.stat().st_size, "the page")
    post = html_post(path, path.read_bytes(), "file")
    if post is None:
        raise _fail(path, "the page", "no main text found")
    yield post


def _warc(path: Path) -> Iterator[Post]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        number = 0
        records = ArchiveIterator(fh)
        while True:
            where = f"WARC record {number + 1}"
            try:
                record = next(records, None)
                if record is None:
                    break
                number += 1
                post = _warc_post(path, record, where)
                _drain(path, record, where)
            except InputError:
                raise
            except Exception as exc:  # warcio raises many kinds on a damaged file
                message = f"not a readable WARC record ({type(exc).__name__}: {exc})"
                raise _fail(path, where, message) from exc
            if post is not None:
                yield post
        end = int(getattr(records, "offset", 0) or 0)
        fh.seek(end)
        if fh.read(4096).strip():  # warcio stops quietly at a cut-off record
            raise _fail(path, f"WARC record {number + 1}", f"truncated or damaged (byte {end})")
        if number == 0:
            raise _fail(path, "", "no WARC records")


def _drain(path: Path, record: Any, where: str) -> None:
    """Read the rest of a record; a record shorter than its Content-Length is cut off."""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    missing = getattr(stream, "limit", 0)
    if missing:
        raise _fail(path, where, f"truncated ({missing} bytes of the record missing)")


def _warc_post(path: Path, record: Any, where: str) -> Post | None:
    headers = record.rec_headers
    if record.rec_type is None or headers.get_header("Content-Length") is None:
        raise _fail(path, where, "no WARC-Type or Content-Length: a damaged record")
    url = headers.get_header("WARC-Target-URI")
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        ctype = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            return None  # redirects and error pages are not the page
    elif record.rec_type == "resource":
        ctype = headers.get_header("Content-Type") or ""
    else:
        return None  # warcinfo, request, metadata, revisit
    if "html" not in ctype.lower():
        return None
    label = f"{where} ({url})" if url else where
    length = headers.get_header("Content-Length")
    if length and length.isdigit():
        _check_size(path, int(length) - 16384, label)  # HTTP headers are not the page
    raw = record.content_stream().read(MAX_POST_BYTES + 1)
    _check_size(path, len(raw), label)
    _drain(path, record, where)
    found = _HTTP_CHARSET.search(ctype)
    post = html_post(path, raw, where, url, found.group(1) if found else None)
    if post is None:
        return None
    captured = (headers.get_header("WARC-Date") or "").replace("Z", "+00:00")
    return replace(post, captured=_iso(path, captured, where))


# --- JSONL -------------------------------------------------------------------------------


def _jsonl(path: Path) -> Iterator[Post]:
    with path.open("rb") as fh:
        number = 0
        while line := fh.readline(MAX_POST_BYTES + 1):
            number += 1
            if len(line) > MAX_POST_BYTES:
                _check_size(path, len(line), f"line {number}", number)
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            post = _jsonl_post(path, line, number)
            if post is not None:
                yield post


def _jsonl_post(path: Path, line: bytes, number: int) -> Post | None:
    where = f"line {number}"
    try:
        obj = json.loads(_decode(path, line, where, "utf-8", number))
    except json.JSONDecodeError as exc:
        raise _fail(path, where, f"invalid JSON: {exc.msg} (column {exc.colno})", number) from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise _fail(path, where, 'expected an object with a "text" string', number)
    for key in ("url", "title"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise _fail(path, where, f'"{key}" must be a string', number)
    if not obj["text"].strip():
        return None
    text, url, title = obj["text"], obj.get("url"), obj.get("title")
    published = _iso(path, obj.get("date", obj.get("published")), where, number)
    return Post(line.rstrip(b"\r\n"), text, "application/json", where, url, published, title)
