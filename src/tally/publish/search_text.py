"""The text a person is found by: folded names in Cyrillic and Latin, and query parsing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits, as the index tokenizes
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str) -> str:
    """Lower case, ё → е, accents off Latin letters (é → e; й stays й): index and query form."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.category(char) == "Mn" and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).replace("ё", "е")


@lru_cache(maxsize=65_536)
def latin(word: str) -> str:
    """A Latin transliteration (iuliia's Wikipedia scheme) of a Cyrillic word."""
    if not _CYRILLIC.search(word):
        return word
    import iuliia

    return str(iuliia.WIKIPEDIA.translate(word))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def index_text(names: Iterable[str | None]) -> str:
    """All distinct folded words of ``names`` plus their transliterations, space-separated."""
    out: dict[str, None] = {}
    for name in names:
        if not name:
            continue
        for word in words(name):
            out.setdefault(word)
            out.setdefault(fold(latin(word)))
    return " ".join(out)


#: (case ending, nominative ending) of Russian names — «Ивана Петрова», «Сергею», «Ильи»,
#: «Смирновой», «Ковальского», «Петровичем». Longest endings first.
_CASE_ENDINGS = tuple(sorted((
    ("ого", "ий"), ("ому", "ий"), ("ым", ""), ("им", "ий"), ("ой", "а"), ("ую", "ая"),
    ("ем", ""), ("ем", "й"), ("ом", ""), ("ей", "я"), ("ой", "ий"),
    ("а", ""), ("у", ""), ("е", ""), ("я", "й"), ("ю", "й"), ("е", "й"), ("и", "я"),
    ("ы", "а"), ("е", "а"), ("у", "а"), ("ой", "ая"), ("ей", "а"),
    ("ogo", "iy"), ("omu", "iy"), ("ym", ""), ("om", ""), ("em", ""), ("oy", "a"),
    ("oi", "a"), ("a", ""), ("u", ""), ("e", ""), ("ya", "y"), ("yu", "y"), ("i", "ya"),
), key=lambda pair: -len(pair[0])))


def nominative_candidates(word: str) -> list[str]:
    """Forms ``word`` may be an inflection of, by name endings — to be kept only where the
    index holds them («петрова» → петров, «сергея» → сергей, «смирновой» → смирнова)."""
    out: dict[str, None] = {}
    for ending, nominative in _CASE_ENDINGS:
        stem = word[: len(word) - len(ending)]
        if word.endswith(ending) and len(stem) >= 2:
            out.setdefault(stem + nominative)
    out.pop(word, None)
    return list(out)


def query_terms(query: str, limit: int = 6) -> list[str]:
    """The folded words of a user's query (at most ``limit``), for prefix matching."""
    return words(query)[:limit]
