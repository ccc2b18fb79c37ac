"""Latin spellings of Russian names as English-language outlets print them.

Schemes from the ``iuliia`` package (BGN/PCGN, ICAO Doc 9303 as in passports, GOST 7.79
system B, Wikipedia) plus hand-written German and Polish conventions ("Iwan Pietrow").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

Scheme = Literal["bgn_pcgn", "icao", "gost_779_b", "wikipedia", "german", "polish"]
SCHEMES: tuple[Scheme, ...] = ("bgn_pcgn", "icao", "gost_779_b", "wikipedia", "german", "polish")

_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}
_POLISH = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "ż", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
    "щ": "szcz", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
_VOWELS = "аеёиоуыэюяьъй"
_SOFTENING = "еёиюяь"


def _german(word: str) -> str:
    out = []
    for i, ch in enumerate(word.lower()):
        prev = word[i - 1].lower() if i else ""
        if ch == "е" and (not prev or prev in _VOWELS):
            out.append("je")
        elif ch == "й" and i == len(word) - 1 and prev == "и":
            out.append("j")
        else:
            out.append(_GERMAN.get(ch, ch))
    return "".join(out)


def _polish(word: str) -> str:
    out = []
    low = word.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch == "е":
            out.append("je" if not prev or prev in _VOWELS else "e" if prev == "л" else "ie")
        elif ch == "л" and nxt == "л":
            out.append("l" if low[i + 2 : i + 3] in tuple(_SOFTENING) else "ł")
        elif ch == "л" and nxt in _SOFTENING:
            out.append("l")
        elif ch == "ю" and (not prev or prev in _VOWELS):
            out.append("ju")
        elif ch == "я" and (not prev or prev in _VOWELS):
            out.append("ja")
        elif ch == "ь" and prev in "нсзц":
            out.append("")
        else:
            out.append(_POLISH.get(ch, ch))
    return "".join(out)


def _capitalize(text: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in text.split("-"))


@lru_cache(maxsize=65536)
def transliterate(word: str, scheme: Scheme) -> str:
    """One Cyrillic name in Latin letters (capitalised)."""
    if scheme == "german":
        return _capitalize(_german(word))
    if scheme == "polish":
        return _capitalize(_polish(word))
    import iuliia

    schema = {
        "bgn_pcgn": iuliia.BGN_PCGN,
        "icao": iuliia.ICAO_DOC_9303,
        "gost_779_b": iuliia.GOST_779_ALT,
        "wikipedia": iuliia.WIKIPEDIA,
    }[scheme]
    out: str = schema.translate(word)
    # iuliia's BGN/PCGN leaves "ё" after a soft sign untouched; BGN/PCGN writes "ë" there.
    return out.replace("ё", "ë").replace("Ё", "Ë")
