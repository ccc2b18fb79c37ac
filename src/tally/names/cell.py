"""A person's name as a spreadsheet cell holds it, without what is not the name.

Compilers put more than the name into a "full name" cell: a rank («рядовой Иванов Сергей»),
a call sign or nickname in brackets or quotes («Иванов Сергей (позывной «Серый»)»), the age
or birth year after a comma («Иванов Сергей, 35 лет», «…, 1990 г.р.»), initials written
together ("Ivanov S.P."). :func:`name_only` keeps the words of the name, in order, and
:func:`split_initials` separates full words from initials so that «Иванов Сергей П.» reads as
surname, given name and patronymic initial.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tally.names.keys import is_initial
from tally.names.ranks import is_rank_word

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_QUOTED = re.compile(r"«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|\"[^\"]*\"")
_GLUED_INITIALS = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_]\.)")
#: Words that end the name part of a cell: «лет», «г.р.», "years", "born", «погиб», …
_STOP = re.compile(
    r"^(?:лет|года?|г\.р\.?|гр\.?|род\.?|родился|уроженец|уроженка|погиб|погибла|"
    r"умер|years?|yo|y\.o\.|born|killed|died|aged?)$",
    re.IGNORECASE,
)
#: Abbreviated ranks («мл. сержант», "Pvt.", "Sgt.").
_RANK_ABBREVIATIONS = frozenset({
    "мл", "ст", "ряд", "ефр", "серж", "прап", "лейт", "капт", "подп", "полк", "ген", "гв",
    "pvt", "pfc", "spc", "cpl", "sgt", "ssgt", "lt", "capt", "cpt", "maj", "col", "gen",
})
#: Words of ranks in the form a list writes them (nominative), Russian and English.
_RANK_WORDS = frozenset({
    "рядовой", "ефрейтор", "младший", "старший", "сержант", "старшина", "прапорщик",
    "лейтенант", "капитан", "майор", "подполковник", "полковник", "генерал", "матрос",
    "мичман", "главный", "корабельный", "гвардии", "армии", "private", "corporal", "sergeant",
    "lieutenant", "captain", "major", "colonel", "general", "sailor", "junior", "senior",
    "staff", "lance", "warrant", "officer", "first", "second",
})
_CALL_SIGN = re.compile(r"^(?:позывной|позывным|call[- ]?sign|callsign|aka|nickname)$",
                        re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def name_only(cell: str) -> str:
    """The words of the name in ``cell`` (rank, call sign, age, notes dropped).

    A comma between names stays a separator ("Ivanov, Ivan" → "Ivanov Ivan"); a word with a
    digit, or an age or birth word, ends the name.
    """
    text = _BRACKETS.sub(" ", cell)
    text = _QUOTED.sub(" ", text)
    text = _GLUED_INITIALS.sub(r"\1. ", text)
    words: list[str] = []
    for raw in text.replace(",", " , ").replace(";", " , ").split():
        if raw == ",":
            if len([w for w in words if not _is_rank(w)]) >= 2:
                break  # «Иванов Сергей, Бурятия»: after two names, a comma ends the name
            continue  # "Ivanov, Ivan": the comma separates surname and given name
        word = raw.strip(":;«»\"'“”„")
        if not word:
            continue
        if any(ch.isdigit() for ch in word) or _STOP.match(word) or _CALL_SIGN.match(word):
            if words:
                break
            continue
        words.append(word)
    start, end = 0, len(words)
    while start < end and _is_rank(words[start]):
        start += 1
    while end > start and _is_rank(words[end - 1]):
        end -= 1
    kept = words[start:end]
    if not [w for w in kept if not is_initial(w)]:
        kept = words  # a name that is all rank words («Капитан Майор») is left alone
    return " ".join(kept)


def _is_rank(word: str) -> bool:
    """A rank word as a cell puts it before or after a name: «рядовой», «гвардии», «мл.» —
    not an inflected form («Майоров» is a surname before it is "of majors")."""
    low = word.lower().rstrip(".")
    return low in _RANK_ABBREVIATIONS or (low in _RANK_WORDS and is_rank_word(word))


def split_initials(words: list[str]) -> tuple[list[str], list[str]]:
    """(full words, initials) of a name's words, each in their order."""
    full = [w for w in words if not is_initial(w)]
    initials = [w for w in words if is_initial(w)]
    return full, initials
