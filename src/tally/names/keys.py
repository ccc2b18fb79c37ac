"""Cross-script comparison keys for Russian names.

* :func:`part_key` — one name part, Cyrillic or any romanisation, folded to one Latin spelling
  (``Юрий``, ``Yuriy``, ``Iurii``, ``Jurij`` → ``iuri``; see :mod:`tally.names.translit`).
* :func:`surname_key` — the same for a surname, gender-neutral and case-neutral
  (``Иванова``, ``Ивановым`` → ``ivanov``; ``Ковальская`` → ``kovalski``), so a wife's or an
  inflected form still meets.
* :func:`coarse_key` — a phonetic skeleton of a folded key (consonant classes, vowels after the
  first letter dropped), bridging what folding cannot decide (``Schukow``/``Zhukov``,
  ``Khrushchev``/``Chruschtschow``, ``Oleksiy``/``Aleksei``).
* :func:`given_keys` — the full names a given name or diminutive stands for.
* :func:`NameKeys` / :func:`name_keys` — all of them for one person's name, reading German or
  Polish spelling from the whole name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tally.names.diminutives import canonical_keys
from tally.names.translit import coarse_key, is_german_polish, to_folded_latin

__all__ = ["NameKeys", "coarse_key", "given_keys", "initial", "is_initial", "name_keys",
           "part_key", "surname_key"]

_FEMININE = (("skaia", "ski"), ("ckaia", "cki"), ("aia", "i"), ("ova", "ov"), ("eva", "ev"),
             ("ina", "in"), ("ska", "ski"))


def part_key(word: str | None, german_polish: bool | None = None) -> str:
    """One name part folded across scripts; "" for None or no letters."""
    return to_folded_latin(word, german_polish) if word else ""


# Oblique cases of -ов/-ев/-ин and -ский surnames (Соколовым, Петрову, Борисове, Невского).
_CASE_ENDING = re.compile(r"(ov|ev|in)(a|u|im|e|oi|om)$")
_ADJ_CASE_ENDING = re.compile(r"(sk|ck)(ogo|omu|im|om|oi|uiu)$")


@lru_cache(maxsize=200_000)
def _masculine(key: str) -> str:
    if len(key) >= 6:
        key = _ADJ_CASE_ENDING.sub(r"\1i", key)
        key = _CASE_ENDING.sub(r"\1", key)
    for fem, masc in _FEMININE:
        if key.endswith(fem) and len(key) > len(fem) + 2:
            return key[: -len(fem)] + masc
    return key


def surname_key(word: str | None, german_polish: bool | None = None) -> str:
    """Folded, gender-neutral surname (``Петрова``/``Pietrowa`` → ``petrov``)."""
    return _masculine(part_key(word, german_polish))


def given_keys(word: str | None) -> tuple[str, ...]:
    """Folded keys of the full given names ``word`` may stand for (diminutives resolved)."""
    if not word or is_initial(word):
        return ()
    return canonical_keys(word)


def is_initial(word: str) -> bool:
    """``И.``, ``I`` or ``И`` — an initial rather than a name."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) == 1


def initial(word: str | None, german_polish: bool | None = None) -> str:
    """First letter of the folded spelling (``Юрий`` → ``i``, ``Yuri`` → ``i``)."""
    return part_key(word, german_polish)[:1]


@dataclass(frozen=True, slots=True)
class NameKeys:
    surname: str
    surname_coarse: str
    given: str  # folded given name as written ("" for an initial)
    given_canonical: tuple[str, ...]  # full names it may stand for
    given_initial: str
    patronymic: str
    patronymic_initial: str

    @property
    def has_name(self) -> bool:
        return bool(self.surname)


def name_keys(last: str | None, first: str | None, patronymic: str | None) -> NameKeys:
    """Every comparison key of one name; German/Polish spelling is read from the whole name."""
    whole = " ".join(p for p in (last, first, patronymic) if p)
    gp = is_german_polish(whole)
    surname = surname_key(last, gp)
    given = "" if first is None or is_initial(first) else part_key(first, gp)
    patr = "" if patronymic is None or is_initial(patronymic) else part_key(patronymic, gp)
    return NameKeys(
        surname=surname,
        surname_coarse=coarse_key(surname),
        given=given,
        given_canonical=given_keys(first) if given else (),
        given_initial=initial(first, gp),
        patronymic=patr,
        patronymic_initial=initial(patronymic, gp),
    )
