"""Redaction of document text and fields for public pages and exports.

Phones, e-mails and addresses are replaced whole; relatives' names after a kinship word are
replaced and the kinship word kept («мать [имя]»), so the text still reads. The function is
pure; :func:`redact` returns the text and what it removed (kinds and original spans).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tally.privacy import patterns

PLACEHOLDER = {
    "phone": "[телефон]",
    "email": "[email]",
    "address": "[адрес]",
    "relative": "[имя]",
}

#: fields of a record that are free text and must be redacted before publication
TEXT_FIELDS = frozenset({"text", "title", "note", "content", "body", "caption"})


@dataclass(frozen=True)
class Redaction:
    text: str
    removed: list[tuple[str, int, int]] = field(default_factory=list)  # (kind, start, end)

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def _phone_digits_ok(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    if len(digits) == 11:
        return digits[0] in "78"
    if len(digits) == 10:  # a mobile number written without its prefix: 9xx xxx-xx-xx
        return digits[0] == "9" or match.lstrip().startswith("(")
    return False


def _spans(text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for m in patterns.EMAIL.finditer(text):
        found.append(("email", m.start(), m.end()))
    for m in patterns.PHONE.finditer(text):
        if _phone_digits_ok(m.group()):
            found.append(("phone", m.start(), m.end()))
    for m in patterns.ADDRESS.finditer(text):
        if re.search(r"\d", m.group()):
            found.append(("address", m.start(), m.end()))
    for m in patterns.HOUSE.finditer(text):
        found.append(("address", m.start(), m.end()))
    for m in patterns.KIN_NAME.finditer(text):
        found.append(("relative", m.start(1), m.end(1)))
    return _merge(found)


def _merge(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping spans become one (the earlier-starting, longer one names it)."""
    out: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(found, key=lambda t: (t[1], -t[2])):
        if out and start < out[-1][2]:
            k, s, e = out[-1]
            out[-1] = (k, s, max(e, end))
        else:
            out.append((kind, start, end))
    return out


def redact(text: str) -> Redaction:
    spans = _spans(text)
    if not spans:
        return Redaction(text)
    parts: list[str] = []
    pos = 0
    for kind, start, end in spans:
        parts.append(text[pos:start])
        parts.append(PLACEHOLDER[kind])
        pos = end
    parts.append(text[pos:])
    return Redaction("".join(parts), spans)


def redact_text(text: str | None) -> str | None:
    return None if text is None else redact(text).text


def redact_fields(record: Mapping[str, Any], text_fields: frozenset[str] = TEXT_FIELDS
                  ) -> dict[str, Any]:
    """A copy of ``record`` with its free-text fields redacted (other fields as they are)."""
    out = dict(record)
    for key, value in record.items():
        if key in text_fields and isinstance(value, str):
            out[key] = redact(value).text
        elif key in text_fields and isinstance(value, bytes):
            out[key] = redact(value.decode("utf-8", "replace")).text
    return out
