"""Cyrillic → Latin and the folding of Latin romanisations onto one spelling.

Russian names reach us in Cyrillic and in many romanisations: passports (ICAO 9303:
``Iurii``), BGN/PCGN (``Yuriy``), GOST 7.79 (``Jurij``), Wikipedia (``Yury``), German
(``Juri Schukow``), Polish (``Jurij Pietrow``), Ukrainian-style (``Oleksiy``). Instead of
guessing the scheme, both sides are reduced to one *folded* Latin spelling: Cyrillic is
transliterated by a fixed table, and every Latin spelling (including that one) goes through
the same rewrite rules, which collapse the choices the schemes differ on (``y``/``j``/``i``,
``kh``/``ch``/``h``, ``ts``/``z``/``c``, ``w``/``v``, doubled letters, soft signs).

German and Polish spellings are recognised by their letters (``w``, ``sch``, ``cz``, ``sz``,
``ł``…) because in them ``ch`` is ``х`` while in English-style schemes it is ``ч``; a lone
``cz`` is read the GOST 7.79-B way (``ц``), since Polish spellings of Russian names nearly always
show ``w`` or ``sz`` too.
Known limits: GOST 7.79-B writes ``х`` as ``x``, which is read as ``кс`` except at the start of
a word; German ``sch`` for ``ж`` folds to ``sh`` (the coarse key in :mod:`tally.names.keys`
bridges that).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR_TO_LAT: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian and Belarusian letters
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}

# Letters with diacritics used by GOST 7.79-A, ISO 9, Czech/Polish/Baltic-style spellings.
_DIACRITICS: dict[str, str] = {
    "ž": "zh", "š": "sh", "č": "ch", "ŝ": "sh", "ż": "zh", "ź": "z", "ś": "s", "ć": "c",
    "ł": "l", "ń": "n", "ó": "o", "ё": "e", "ë": "e", "ä": "ia", "ü": "iu", "ö": "e",
    "ǎ": "a", "ĭ": "i", "ǐ": "i", "è": "e", "é": "e", "ê": "e", "â": "ia", "û": "iu",
    "ß": "ss",
}

_GERMAN_POLISH = re.compile(r"w|sch|sz|ł|ż|ś|ć|ń")
_POLISH = re.compile(r"cz|sz|ie|rz|ł|ż|ś|ć|ń")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NOT_LATIN = re.compile(r"[^a-z]+")

# (pattern, replacement) applied in order; GERMAN_POLISH rules run only in that mode.
_GERMAN_POLISH_RULES: tuple[tuple[str, str], ...] = (
    ("schtsch", "sh"), ("szcz", "sh"), ("tsch", "\x01"), ("sch", "sh"), ("sz", "sh"),
    ("cz", "\x01"), ("ch", "h"), ("\x01", "ch"), ("w", "v"), ("ss", "s"),
    ("ts", "c"),
)
# German ``z`` is ``ц`` (``Saizew``); Polish ``z`` is ``з`` (``Kuzniecow``).
_GERMAN_RULES: tuple[tuple[str, str], ...] = (("tz", "c"), ("z", "c"))
_ENGLISH_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("shh", "sh"), ("sch", "sh"), ("tch", "ch"), ("tc", "c"),
    ("ts", "c"), ("tz", "c"), ("cz", "c"), ("w", "v"),
)
_COMMON_RULES: tuple[tuple[str, str], ...] = (
    ("ph", "f"), ("ck", "k"), ("q", "k"), ("ou", "u"), ("j", "y"),
    ("ya", "ia"), ("yu", "iu"), ("ye", "e"), ("yo", "e"), ("yi", "i"), ("y", "i"),
    ("ie", "e"), ("io", "e"), ("iy", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def is_german_polish(text: str) -> bool:
    """Spelled the German or Polish way (``w``, ``sch``, ``cz``, ``sz``, ``ł``…)?"""
    return bool(_GERMAN_POLISH.search(text.casefold()))


def cyrillic_to_latin(text: str) -> str:
    """Lower-case Latin for Cyrillic letters by one fixed table; other characters kept."""
    return "".join(_CYR_TO_LAT.get(ch, ch) for ch in text.casefold())


def _strip_diacritics(text: str) -> str:
    out = "".join(_DIACRITICS.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", out)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def fold_latin(word: str, german_polish: bool | None = None) -> str:
    """One romanised name part folded to the common spelling (``Yuriy``, ``Jurij`` → ``iuri``).

    ``german_polish`` forces the reading of ``ch`` (``х``) and ``z`` (``ц``); by default it is
    detected from the word itself.
    """
    text = unicodedata.normalize("NFC", word).casefold()
    if german_polish is None:
        german_polish = is_german_polish(text)
    once = _fold_once(text, german_polish)
    # a rewrite can create a new match (Cyrillic «кх» → "kh"): fold to a fixed point
    while True:
        again = _fold_once(once, False)
        if again == once:
            return once
        once = again


def _fold_once(text: str, german_polish: bool) -> str:
    text = _strip_diacritics(text)
    text = _NOT_LATIN.sub("", text)
    if text.startswith("x"):
        text = "h" + text[1:]
    text = text.replace("x", "ks").replace("kh", "h")
    rules = _GERMAN_POLISH_RULES if german_polish else _ENGLISH_RULES
    if german_polish and not _POLISH.search(text):
        rules = rules + _GERMAN_RULES
    for old, new in rules:
        text = text.replace(old, new)
    for old, new in _COMMON_RULES:
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


@lru_cache(maxsize=200_000)
def to_folded_latin(word: str, german_polish: bool | None = None) -> str:
    """Any spelling of a name part, Cyrillic or Latin, folded (``Юрий`` → ``iuri``)."""
    if has_cyrillic(word):
        return fold_latin(cyrillic_to_latin(word), False)
    return fold_latin(word, german_polish)


_COARSE: tuple[tuple[str, str], ...] = (
    ("zh", "S"), ("sh", "S"), ("ch", "C"), ("c", "s"), ("z", "s"), ("f", "v"), ("h", "H"),
    ("g", "G"), ("k", "K"),
)
_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=200_000)
def coarse_key(key: str) -> str:
    """Phonetic skeleton of a folded spelling: ``zhukov`` and ``shukov`` → ``SKv``.

    ж/ш, ц/з/с and ф/в fall together (German ``z`` is ``ц``, Polish ``z`` is ``з``, so
    ``Morozow`` meets ``Морозов`` either way) and vowels after the first letter are dropped.
    """
    if not key:
        return ""
    first = "a" if key[0] in "aeiouy" else ""
    text = key
    for old, new in _COARSE:
        text = text.replace(old, new)
    text = _VOWELS.sub("", text)
    return _DOUBLE.sub(r"\1", first + text)


def romanise(text: str, scheme: str) -> str:
    """Romanise Cyrillic with a named iuliia scheme (``icao_doc_9303``, ``bgn_pcgn``, …)."""
    import iuliia

    return str(iuliia.schemas.get(scheme).translate(text))
