"""Normalisation shared by name lookup and text search.

A name or a text is cut into word tokens (letters and digits; an apostrophe inside a word is
kept and then dropped, so "Arkhangel'sk" is one token). Everything else — spaces, hyphens and
dashes, dots, brackets, quotes — only separates tokens. Each token is case-folded, «ё» becomes
«е», Latin diacritics are dropped and "saint" is spelt "st". So "St.Petersburg",
"St Petersburg" and "Saint-Petersburg" all become ``st petersburg``.
"""

from __future__ import annotations

import re
import unicodedata

TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")
_LATIN_EXTENDED = re.compile(r"[\u00c0-\u024f]")
_TOKEN_SYNONYMS = {"saint": "st", "sankt": "sankt"}


def _strip_latin_diacritics(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_SPECIAL = re.compile(r"[\u00c0-\u024f'’ʼ`]")


def norm_token(token: str) -> str:
    """Normalise one token as :data:`TOKEN_RE` cut it from a text."""
    t = token.lower()
    if "ё" in t:
        t = t.replace("ё", "е")
    if _SPECIAL.search(t):
        # NFKD would also split «й» into «и» + breve; only Latin letters are decomposed.
        t = "".join(
            _strip_latin_diacritics(ch) if "\u00c0" <= ch <= "\u024f" else ch for ch in t
        ).translate(_APOSTROPHES)
    return _TOKEN_SYNONYMS.get(t, t)


def spans_and_tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """Start offsets, end offsets and normalised tokens of ``text`` (offsets into ``text``)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters change length when lowered («İ»)
        matches = list(TOKEN_RE.finditer(text))
        return ([m.start() for m in matches], [m.end() for m in matches],
                [norm_token(m.group()) for m in matches])
    lowered = lowered.replace("ё", "е")
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    special = _SPECIAL.search(lowered) is not None
    synonyms = _TOKEN_SYNONYMS
    for m in TOKEN_RE.finditer(lowered):
        starts.append(m.start())
        ends.append(m.end())
        t = m.group()
        norms.append(norm_token(t) if special else synonyms.get(t, t))
    return starts, ends, norms


def tokens(text: str) -> list[str]:
    """The normalised tokens of ``text``."""
    return [norm_token(m.group()) for m in TOKEN_RE.finditer(text)]


_STRESS = str.maketrans("", "", "\u0301\u0300")


def name_key(name: str) -> str:
    """The lookup key of a name: its normalised tokens joined by single spaces.

    Stress marks («Респу́блика») are dropped first, so they do not split words.
    """
    return " ".join(tokens(name.translate(_STRESS)))
