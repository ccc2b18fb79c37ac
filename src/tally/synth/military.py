"""Ranks and units for synthetic persons."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tally.model import Channel

#: (Russian rank, English rank, is officer)
RANKS: tuple[tuple[str, str, bool], ...] = (
    ("рядовой", "private", False),
    ("ефрейтор", "lance corporal", False),
    ("младший сержант", "junior sergeant", False),
    ("сержант", "sergeant", False),
    ("старший сержант", "senior sergeant", False),
    ("старшина", "sergeant major", False),
    ("прапорщик", "warrant officer", False),
    ("старший прапорщик", "senior warrant officer", False),
    ("младший лейтенант", "junior lieutenant", True),
    ("лейтенант", "lieutenant", True),
    ("старший лейтенант", "senior lieutenant", True),
    ("капитан", "captain", True),
    ("майор", "major", True),
    ("подполковник", "lieutenant colonel", True),
    ("полковник", "colonel", True),
)
RANK_EN = {ru: en for ru, en, _ in RANKS}
OFFICER = {ru for ru, _, officer in RANKS if officer}

_ENLISTED_W = (50, 14, 10, 9, 7, 3, 5, 2)
_OFFICER_W = (4, 30, 28, 18, 10, 6, 4)
_OFFICER_SHARE = {
    Channel.PROFESSIONAL: 0.2,
    Channel.VOLUNTEER: 0.04,
    Channel.MOBILIZED: 0.03,
    Channel.SECURITY: 0.15,
}


def _pick(rng: random.Random, items: tuple[str, ...], weights: tuple[int, ...]) -> str:
    return rng.choices(items, weights)[0]


def sample_rank(rng: random.Random, channel: Channel, age: int) -> str:
    """A rank, or "" when the person had none (most prisoners and PMC fighters).

    Officers' ranks are capped by age (no 24-year-old lieutenant colonels).
    """
    if channel in (Channel.PRISONER, Channel.PMC):
        return "рядовой" if rng.random() < 0.15 else ""
    if channel == Channel.CONSCRIPT:
        return "рядовой" if rng.random() < 0.8 else "ефрейтор"
    if rng.random() < _OFFICER_SHARE.get(channel, 0.0):
        officer_ranks = tuple(r for r, _, o in RANKS if o)
        cap = 2 if age < 25 else 4 if age < 31 else 5 if age < 38 else len(officer_ranks)
        return _pick(rng, officer_ranks[:cap], _OFFICER_W[:cap])
    return _pick(rng, tuple(r for r, _, o in RANKS if not o), _ENLISTED_W)


@dataclass(frozen=True, slots=True)
class Unit:
    nom: str  # «37-я отдельная мотострелковая бригада»
    gen: str  # «37-й отдельной мотострелковой бригады»
    loc: str  # «37-й отдельной мотострелковой бригаде» (в ...)
    short: str  # «37-я бригада», «в/ч 12345»
    en: str  # "the 37th brigade"


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_BRIGADE_ADJ = (
    ("отдельная мотострелковая", "отдельной мотострелковой", "motorized rifle brigade"),
    ("отдельная гвардейская мотострелковая", "отдельной гвардейской мотострелковой",
     "guards motorized rifle brigade"),
    ("отдельная десантно-штурмовая", "отдельной десантно-штурмовой", "air assault brigade"),
    ("отдельная бригада морской пехоты", "отдельной бригады морской пехоты",
     "naval infantry brigade"),
)


def military_unit(number: int) -> Unit:
    text = f"в/ч {number}"
    return Unit(text, text, text, text, f"military unit {number}")


def brigade(number: int, kind: int) -> Unit:
    nom_adj, obl_adj, en = _BRIGADE_ADJ[kind]
    if "бригада" in nom_adj:  # «61-я отдельная бригада морской пехоты»
        nom = f"{number}-я {nom_adj}"
        obl = f"{number}-й {obl_adj}"
        loc = obl.replace("бригады", "бригаде")
        return Unit(nom, obl, loc, f"{number}-я бригада", f"the {_ordinal_en(number)} {en}")
    return Unit(f"{number}-я {nom_adj} бригада", f"{number}-й {obl_adj} бригады",
                f"{number}-й {obl_adj} бригаде", f"{number}-я бригада",
                f"the {_ordinal_en(number)} {en}")


def regiment(number: int) -> Unit:
    return Unit(f"{number}-й мотострелковый полк", f"{number}-го мотострелкового полка",
                f"{number}-м мотострелковом полку", f"{number}-й полк",
                f"the {_ordinal_en(number)} motorized rifle regiment")


WAGNER = Unit("ЧВК «Вагнер»", "ЧВК «Вагнер»", "ЧВК «Вагнер»", "ЧВК «Вагнер»", "the Wagner group")
STORM_Z = Unit("отряд «Шторм Z»", "отряда «Шторм Z»", "отряде «Шторм Z»", "Шторм Z",
               "a Storm-Z unit")
STORM_V = Unit("отряд «Шторм V»", "отряда «Шторм V»", "отряде «Шторм V»", "Шторм V",
               "a Storm-V unit")
REDUT = Unit("ЧВК «Редут»", "ЧВК «Редут»", "ЧВК «Редут»", "ЧВК «Редут»", "the Redut company")
ROSGVARDIA = Unit("Росгвардия", "Росгвардии", "Росгвардии", "Росгвардия", "Rosgvardia")


def unit_pool(rng: random.Random, size: int) -> tuple[Unit, ...]:
    """``size`` random regular units (military unit numbers, brigades, regiments)."""
    out: list[Unit] = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.45:
            out.append(military_unit(rng.randrange(10000, 99999)))
        elif roll < 0.85:
            out.append(brigade(rng.randrange(1, 200), rng.randrange(len(_BRIGADE_ADJ))))
        else:
            out.append(regiment(rng.randrange(100, 1500)))
    return tuple(out)

