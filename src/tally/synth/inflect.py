"""Put Russian names (and short phrases such as ranks) into grammatical cases.

pymorphy3 is asked for the parse with the right grammeme (Surn, Name or Patr) and the right
gender; words it does not know (e.g. «Дашиев», «Хабибуллин», «Ондар») are inflected by rule.
Surnames in -ко, -их/-ых and vowel-final foreign surnames do not decline; non-Russian
consonant-final surnames decline for men and not for women.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pymorphy3

Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
CASES: tuple[Case, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
Kind = Literal["Surn", "Name", "Patr"]

_SIBILANTS = "жшчщц"
_VELARS = "гкх"
_INDECLINABLE_ENDINGS = ("о", "е", "э", "и", "у", "ю", "ых", "их")
# Patronymics in -ич stressed on the ending take -ом in the instrumental.
_STRESSED_ICH = ("Ильич", "Кузьмич", "Фомич", "Лукич")


@lru_cache(maxsize=1)
def _analyzer() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _restore_case(original: str, lowered: str) -> str:
    """Copy the capitals of ``original`` onto ``lowered`` (same length prefix)."""
    out = list(lowered)
    for i, ch in enumerate(original[: len(out)]):
        if ch.isupper():
            out[i] = out[i].upper()
    return "".join(out)


def _from_dictionary(word: str, kind: Kind, sex: str, case: Case) -> str | None:
    gender = "masc" if sex == "M" else "femn"
    for parse in _analyzer().parse(word):
        tag = parse.tag
        if not parse.is_known or kind not in tag or "nomn" not in tag or "Fixd" in tag:
            continue
        if tag.gender != gender or tag.number != "sing":
            continue
        form = parse.inflect({case})
        if form is None:
            return None
        return _restore_case(word, form.word)
    return None


def _noun_rule(word: str, sex: str, case: Case) -> str:
    """Declension rules for names the dictionary does not know."""
    table: dict[Case, str]
    if sex == "F":
        if word.endswith("ия"):
            stem = word[:-1]
            table = {"gent": "и", "datv": "и", "accs": "ю", "ablt": "ей", "loct": "и"}
        elif word.endswith(("а", "я")):
            stem, last = word[:-1], word[-1]
            soft = last == "я" or stem[-1] in _SIBILANTS
            gen = "и" if soft or stem[-1] in _VELARS else "ы"
            table = {"gent": gen, "datv": "е", "accs": "ю" if last == "я" else "у",
                     "ablt": "ей" if soft else "ой", "loct": "е"}
        else:
            return word  # feminine consonant-final names and surnames do not decline
        return stem + table[case]
    if word.endswith(("а", "я")):
        stem, last = word[:-1], word[-1]
        soft = last == "я" or stem[-1] in _SIBILANTS
        gen = "и" if soft or stem[-1] in _VELARS else "ы"
        table = {"gent": gen, "datv": "е", "accs": "ю" if last == "я" else "у",
                 "ablt": "ей" if soft else "ой", "loct": "е"}
        return stem + table[case]
    if word.endswith(("й", "ь")):
        stem = word[:-1]
        table = {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"}
        return stem + table[case]
    ins = "ем" if word[-1] in _SIBILANTS else "ом"
    table = {"gent": "а", "datv": "у", "accs": "а", "ablt": ins, "loct": "е"}
    return word + table[case]


def _surname_rule(word: str, sex: str, case: Case) -> str:
    if sex == "F":
        if word.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return word[:-1] + ("у" if case == "accs" else "ой")
        if word.endswith(("ская", "цкая")):
            return word[:-2] + ("ую" if case == "accs" else "ой")
        return word
    if word.endswith(("ов", "ев", "ёв", "ин", "ын")):
        table = {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}
        return word + table[case]
    if word.endswith(("ский", "цкий")):
        table = {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": "им", "loct": "ом"}
        return word[:-2] + table[case]
    return _noun_rule(word, sex, case)


def _indeclinable(word: str) -> bool:
    return word.endswith(_INDECLINABLE_ENDINGS)


@lru_cache(maxsize=65536)
def inflect_surname(word: str, sex: str, case: Case) -> str:
    """``word`` is the nominative surname in the form of ``sex`` (Иванов / Иванова)."""
    if case == "nomn" or _indeclinable(word):
        return word
    if sex == "F" and not word.endswith("а") and not word.endswith("ая"):
        return word  # Ковальчук, Ондар (women): no declension
    return _from_dictionary(word, "Surn", sex, case) or _surname_rule(word, sex, case)


@lru_cache(maxsize=65536)
def inflect_first_name(word: str, sex: str, case: Case) -> str:
    if case == "nomn" or _indeclinable(word):
        return word
    return _from_dictionary(word, "Name", sex, case) or _noun_rule(word, sex, case)


@lru_cache(maxsize=65536)
def inflect_patronymic(word: str, case: Case) -> str:
    if case == "nomn":
        return word
    if word.endswith("на"):
        table = {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"}
        return word[:-1] + table[case]
    if word.endswith("ич"):
        ins = "ом" if word.endswith(_STRESSED_ICH) else "ем"
        table = {"gent": "а", "datv": "у", "accs": "а", "ablt": ins, "loct": "е"}
        return word + table[case]
    return word


def feminine_surname(masculine: str) -> str:
    """Иванов → Иванова, Троицкий → Троицкая; other surnames keep their form."""
    if masculine.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return masculine + "а"
    if masculine.endswith(("ский", "цкий")):
        return masculine[:-2] + "ая"
    if masculine.endswith("ой"):
        return masculine[:-2] + "ая"
    return masculine


@lru_cache(maxsize=4096)
def inflect_phrase(phrase: str, case: Case) -> str:
    """Inflect a short masculine phrase word by word («старший сержант» → «старшего сержанта»)."""
    if case == "nomn":
        return phrase
    out = []
    for word in phrase.split():
        form = None
        for parse in _analyzer().parse(word):
            tag = parse.tag
            if tag.POS in ("ADJF", "NOUN") and "nomn" in tag and tag.number == "sing":
                wanted = {case, "anim"} if tag.POS == "ADJF" and case == "accs" else {case}
                form = parse.inflect(wanted)
                if form is not None:
                    break
        out.append(_restore_case(word, form.word) if form else word)
    return " ".join(out)
