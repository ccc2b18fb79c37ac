"""Plain name normalisation used on import: split a full name, build a simple exact key.

The key folds case, ``ё`` to ``е``, dashes and spaces; it is the foundation's exact-match
key. Cross-script and fuzzy keys live in :mod:`tally.names.keys`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_LETTER = re.compile(r"[^\w]+")


def clean(value: str) -> str:
    """Collapse white space and strip; keep the letters as written."""
    return " ".join(unicodedata.normalize("NFC", value).split())


@lru_cache(maxsize=1 << 16)
def fold(value: str) -> str:
    """Case-, ё- and punctuation-insensitive form of one name part."""
    value = unicodedata.normalize("NFC", value).casefold().replace("ё", "е")
    return _NOT_LETTER.sub("", value)


def split_full_name(full: str, order: str = "last_first") -> dict[str, str]:
    """``Иванов Иван Иванович`` → last, first, patronymic (``first_last`` for Western order).

    Two words give last and first; more than three keep the rest in the patronymic
    (``Алиев Рашид Гасан оглы``).
    """
    words = unicodedata.normalize("NFC", full).split()
    if not words:
        return {}
    if order == "first_last":
        if len(words) == 1:
            return {"last_name": words[0]}
        if len(words) == 2:
            return {"first_name": words[0], "last_name": words[1]}
        return {"first_name": words[0], "patronymic": " ".join(words[1:-1]), "last_name": words[-1]}
    out = {"last_name": words[0]}
    if len(words) > 1:
        out["first_name"] = words[1]
    if len(words) > 2:
        out["patronymic"] = " ".join(words[2:])
    return out


def name_key(last: str | None, first: str | None, patronymic: str | None = None) -> str | None:
    """``ivanov|ivan|ivanovich``-style exact key; None without a surname."""
    if not last:
        return None
    return f"{fold(last)}|{fold(first or '')}|{fold(patronymic or '')}"
