"""How a person's name is written in a text: style (order, initials, diminutive) and case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tally.synth.inflect import (
    Case,
    inflect_first_name,
    inflect_patronymic,
    inflect_phrase,
    inflect_surname,
)
from tally.synth.names_ru import FEMALE_FIRST, MALE_FIRST
from tally.synth.people import Person

Style = Literal["fpl", "lfp", "fl", "lf", "l_init", "init_l", "f", "dim", "dim_l"]
#: Styles whose rendering states the full first name / the patronymic.
STATES_FIRST: frozenset[str] = frozenset({"fpl", "lfp", "fl", "lf", "f", "dim", "dim_l"})
STATES_PATR: frozenset[str] = frozenset({"fpl", "lfp"})
STATES_LAST: frozenset[str] = frozenset({"fpl", "lfp", "fl", "lf", "l_init", "init_l", "dim_l"})

_DIMINUTIVES = dict(MALE_FIRST) | dict(FEMALE_FIRST)


def diminutives(first_name: str) -> tuple[str, ...]:
    return _DIMINUTIVES.get(first_name, ())


def _initial(word: str) -> str:
    return word[0] + "." if word else ""


@dataclass(frozen=True, slots=True)
class NameWriter:
    person: Person
    style: Style
    diminutive: str = ""

    def inflects(self) -> bool:
        """False when a diminutive such as «Игорёк» is only safe in the nominative."""
        return not self.diminutive or self.diminutive.endswith(("а", "я"))

    def __call__(self, case: Case = "nomn") -> str:
        p = self.person
        sex = p.sex
        last = inflect_surname(p.last_name, sex, case)
        first_word = self.diminutive or p.first_name
        first = inflect_first_name(first_word, sex, case) if self.inflects() else first_word
        patr = inflect_patronymic(p.patronymic, case) if p.patronymic else ""
        initials = _initial(p.first_name) + _initial(p.patronymic)
        parts: list[str]
        match self.style:
            case "fpl":
                parts = [first, patr, last]
            case "lfp":
                parts = [last, first, patr]
            case "fl" | "dim_l":
                parts = [first, last]
            case "lf":
                parts = [last, first]
            case "l_init":
                parts = [last, initials]
            case "init_l":
                parts = [initials, last]
            case "f" | "dim":
                parts = [first]
        return " ".join(x for x in parts if x)


def rank_phrase(rank: str, case: Case) -> str:
    return inflect_phrase(rank, case) if rank else ""
