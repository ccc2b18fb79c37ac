"""The region table: 83 Russian federal subjects plus six Ukrainian regions (ISO 3166-2 codes).

Russian subjects carry their ``RU-`` codes; Crimea, Sevastopol and the four regions Russia claimed
to annex in 2022 keep their Ukrainian ``UA-`` codes, as ISO 3166-2 has them. The data lives in
``data/regions.csv`` and is read once, on first use.
"""

from __future__ import annotations

import csv
import enum
from dataclasses import dataclass
from functools import cache
from importlib import resources


class RegionStatus(enum.StrEnum):
    """How a region stands with respect to Russia."""

    RUSSIA = "ru"
    """A federal subject of Russia (ISO 3166-2:RU)."""
    ANNEXED_2014 = "annexed_2014"
    """Ukrainian territory occupied and claimed by Russia in 2014 (Crimea, Sevastopol)."""
    ANNEXED_2022 = "annexed_2022"
    """Ukrainian region claimed by Russia in September 2022 (Donetsk, Luhansk, Zaporizhzhia,
    Kherson)."""


@dataclass(frozen=True, slots=True)
class Region:
    """One region. ``code`` is its ISO 3166-2 code (``RU-BU``, ``UA-43``)."""

    code: str
    name_ru: str
    """Full Russian name with its type: «Республика Бурятия», «Курская область»."""
    short_ru: str
    """Short Russian form used in news: «Бурятия», «Курская», «Кубань»."""
    type_ru: str
    """Type of subject in Russian: «республика», «край», «область», «автономный округ», ..."""
    name_en: str
    short_en: str
    """Short English form as used in published lists ("Kursk", "North Ossetia")."""
    federal_district: str
    """Russian federal district («Центральный», ...); empty where none is assigned in our data
    (the four regions claimed in 2022)."""
    capital_ru: str
    capital_en: str
    status: RegionStatus
    adjectives_ru: tuple[str, ...]
    """Masculine nominative adjectives used in news for the region («курский»); may be empty."""

    @property
    def is_annexed_2014(self) -> bool:
        return self.status is RegionStatus.ANNEXED_2014

    @property
    def is_annexed_2022(self) -> bool:
        return self.status is RegionStatus.ANNEXED_2022

    @property
    def iso_suffix(self) -> str:
        """The code without its country prefix for Russian subjects ("BU"), whole for UA- codes."""
        return self.code[3:] if self.code.startswith("RU-") else self.code


def data_text(name: str) -> str:
    """The text of a file in ``tally/gazetteer/data/``."""
    data = resources.files("tally.gazetteer").joinpath("data")
    return data.joinpath(name).read_text(encoding="utf-8")


@cache
def _table() -> dict[str, Region]:
    rows = csv.DictReader(data_text("regions.csv").splitlines())
    table: dict[str, Region] = {}
    for row in rows:
        adjectives = tuple(a for a in row["adjectives_ru"].split(";") if a)
        region = Region(
            code=row["code"],
            name_ru=row["name_ru"],
            short_ru=row["short_ru"],
            type_ru=row["type_ru"],
            name_en=row["name_en"],
            short_en=row["short_en"],
            federal_district=row["federal_district"],
            capital_ru=row["capital_ru"],
            capital_en=row["capital_en"],
            status=RegionStatus(row["status"]),
            adjectives_ru=adjectives,
        )
        if region.code in table:
            raise ValueError(f"regions.csv: duplicate code {region.code}")
        table[region.code] = region
    return table


def regions() -> list[Region]:
    """All 89 regions, in the order of ``data/regions.csv`` (alphabetical by code, RU- first)."""
    return list(_table().values())


def get(code: str) -> Region:
    """The region with this ISO 3166-2 code; ``KeyError`` naming the code if there is none."""
    try:
        return _table()[code]
    except KeyError:
        raise KeyError(
            f"no region with ISO 3166-2 code {code!r} in the gazetteer "
            "(expected e.g. 'RU-BU' or 'UA-43'; use lookup()/resolve() for names)"
        ) from None
