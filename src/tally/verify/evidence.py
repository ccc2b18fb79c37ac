"""What grading looks at: one piece of evidence per mention of a person."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_ARCHIVE_ORG = re.compile(r"^(?:https?://)?web\.archive\.org/web/[^/]+/(.+)$", re.I)


@dataclass(frozen=True)
class Evidence:
    """One mention of a person, with what the grading rules need about its source."""

    mention_id: int
    source_id: int
    source_type: str = "unknown"
    source_confirms: bool = False  # a list whose compilers confirmed each death
    urls: tuple[str, ...] = ()
    text: str | None = None  # the document text
    name_span: tuple[int, int] | None = None
    facts: Mapping[str, str] = field(default_factory=dict)


def normalise_url(url: str) -> str:
    """One spelling per page: archived copies point at the original, no scheme, no www."""
    url = url.strip()
    m = _ARCHIVE_ORG.match(url)
    if m:
        url = m.group(1)
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if host == "t.me" and path.startswith("/s/"):
        path = path[2:]
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def name_span(spans: Mapping[str, list[int]] | None) -> tuple[int, int] | None:
    if not spans:
        return None
    keys = [k for k in ("full_name", "last_name", "first_name", "patronymic") if k in spans]
    if not keys:
        return None
    return min(spans[k][0] for k in keys), max(spans[k][1] for k in keys)
