"""Rows of the tabular sources: the official regional list and the volunteers' aggregator list.

Each builder also returns the list-import mapping (``*.mapping.yaml``) that describes its
columns, so the importer can read the file without guessing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

from tally.model import Channel
from tally.synth.mentions import Mention
from tally.synth.names_ethnic import FOREIGN
from tally.synth.people import Person
from tally.synth.regions import regions
from tally.synth.typos import typo

OFFICIAL = "official_list"
AGGREGATOR = "aggregator_list"

OFFICIAL_COLUMNS = {
    "ru": ("№", "ФИО", "Дата рождения", "Дата гибели", "Регион", "Населённый пункт",
           "Воинская часть", "Звание"),
    "en": ("No", "Full name", "Date of birth", "Date of death", "Region", "Settlement",
           "Military unit", "Rank"),
}
_OFFICIAL_FIELDS = ("full_name", "birth_date", "death_date", "region", "settlement", "unit",
                    "rank")


def official_row(p: Person, number: int, rng: random.Random) -> tuple[list[str], dict[str, str]]:
    """One official-list row and the facts it states."""
    assert p.region is not None
    facts = {"last_name": p.last_name, "first_name": p.first_name, "patronymic": p.patronymic,
             "full_name": f"{p.last_name} {p.first_name} {p.patronymic}".strip(),
             "region": p.region.code}
    if rng.random() < 0.75:
        born = p.birth.strftime("%d.%m.%Y")
        facts["birth_date"] = p.birth.isoformat()
    else:
        born = str(p.birth.year)
        facts["birth_date"] = born
    if rng.random() < 0.85:
        died = p.death.strftime("%d.%m.%Y")
        facts["death_date"] = p.death.isoformat()
    else:
        died = p.death.strftime("%m.%Y")
        facts["death_date"] = p.death.strftime("%Y-%m")
    settlement = p.settlement.name if p.settlement and rng.random() < 0.7 else ""
    unit = p.unit.nom if rng.random() < 0.6 else ""
    for key, value in (("settlement", settlement), ("unit", unit), ("rank", p.rank)):
        if value:
            facts[key] = value
    if p.rank:
        facts["is_officer"] = "true" if p.is_officer else "false"
    row = [str(number), facts["full_name"], born, died, rng.choice(p.region.list_forms),
           settlement, unit, p.rank]
    return row, facts


def official_mapping(lang: str) -> dict[str, Any]:
    cols = OFFICIAL_COLUMNS[lang]
    region_values = {form: r.code for r in regions() for form in r.list_forms}
    return {
        "id": cols[0],
        "distinct_persons": True,
        "source_type": "official",
        "fields": dict(zip(_OFFICIAL_FIELDS, cols[1:], strict=True)),
        "name_order": "last_first",
        "date_formats": ["%d.%m.%Y", "%m.%Y", "%Y"],
        "values": {"region": region_values},
        "missing": [""],
    }


def official_rows(persons: Sequence[Person], seed: int) -> Iterator[tuple[list[str], Mention]]:
    rng = random.Random(f"tally-synth:{seed}:official")
    ordered = sorted(persons, key=lambda p: (p.region_code, p.death, p.pid))
    for number, p in enumerate(ordered, start=1):
        row, facts = official_row(p, number, rng)
        yield row, Mention(OFFICIAL, str(number), p, facts["full_name"], facts)


AGGREGATOR_COLUMNS = ("id", "name", "born", "died", "region", "citizenship", "category", "unit",
                      "sources")
_CATEGORY = {
    Channel.MOBILIZED: "mobilized", Channel.VOLUNTEER: "volunteer", Channel.PRISONER: "convict",
    Channel.PMC: "PMC", Channel.PROFESSIONAL: "regular", Channel.CONSCRIPT: "conscript",
    Channel.SECURITY: "police",
}
_COUNTRY_EN = {"RU": "Russia", "NP": "Nepal", "IN": "India", "CU": "Cuba", "TJ": "Tajikistan",
               "UZ": "Uzbekistan", "KZ": "Kazakhstan", "BY": "Belarus", "UA": "Ukraine",
               "SY": "Syria", "LK": "Sri Lanka", "GH": "Ghana"}
assert set(_COUNTRY_EN) == {"RU"} | {g.country for g in FOREIGN}


def aggregator_mapping() -> dict[str, Any]:
    return {
        "id": "id",
        "distinct_persons": False,
        "source_type": "aggregator",
        "fields": {"full_name": "name", "birth_date": "born", "death_date": "died",
                   "region": "region", "citizenship": "citizenship", "channel": "category",
                   "unit": "unit", "urls": "sources"},
        "name_order": "last_first",
        "date_formats": ["%Y-%m-%d", "%d.%m.%Y", "%Y-%m", "%Y"],
        "values": {
            "channel": {v: k.value for k, v in _CATEGORY.items()},
            "region": {r.short_en: r.code for r in regions()},
            "citizenship": {v: k for k, v in _COUNTRY_EN.items()},
        },
        "split": {"urls": "\\s+"},
        "missing": ["", "NA", "unknown"],
    }


def aggregator_row(p: Person, row_id: str, urls: list[str], rng: random.Random
                   ) -> tuple[list[str], dict[str, str], str]:
    """(row, facts, name as written) for one aggregator record."""
    last, first, patr = p.last_name, p.first_name, p.patronymic
    if rng.random() < 0.25:
        which = rng.randrange(3 if patr else 2)
        if which == 0:
            last = typo(last, rng)
        elif which == 1:
            first = typo(first, rng)
        else:
            patr = typo(patr, rng)
    if rng.random() < 0.3:
        patr = ""
    parts = [first, last, patr] if rng.random() < 0.06 else [last, first, patr]  # swapped order
    name = " ".join(x for x in parts if x)
    facts = {"full_name": name, "last_name": last, "first_name": first, "patronymic": patr}
    roll = rng.random()
    born = "" if roll < 0.3 else str(p.birth.year) if roll < 0.8 else p.birth.strftime("%d.%m.%Y")
    if born:
        facts["birth_date"] = born if len(born) == 4 else p.birth.isoformat()
    roll = rng.random()
    died = "" if roll < 0.1 else p.death.strftime("%Y-%m") if roll < 0.3 else p.death.isoformat()
    if died:
        facts["death_date"] = died
    region = p.region.short_en if p.region else ""
    if region:
        facts["region"] = p.region_code
    category = _CATEGORY[p.channel] if rng.random() < 0.8 else "unknown"
    if category != "unknown":
        facts["channel"] = p.channel.value
    facts["citizenship"] = p.citizenship
    unit = p.unit.short if rng.random() < 0.4 else ""
    if unit:
        facts["unit"] = unit
    sep = "\n" if rng.random() < 0.5 else " "
    row = [row_id, name, born, died, region, _COUNTRY_EN[p.citizenship], category, unit,
           sep.join(urls)]
    return row, {k: v for k, v in facts.items() if v}, name
