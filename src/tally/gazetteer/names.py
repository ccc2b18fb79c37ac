"""Every name form the gazetteer knows, as :class:`NameEntry` rows, before conflicts are settled.

Sources, in ``data/``: ``regions.csv`` (official and short names, adjectives, capitals),
``aliases.csv`` (informal and romanised names), ``cities.csv`` (other cities); plus the
romanised ISO names from pycountry. Russian names are put into every case with pymorphy3
(:mod:`tally.gazetteer.morph`); English names are taken as written, with generated type variants
("Kursk Oblast", "Kursk region", "Republic of Buryatia").
"""

from __future__ import annotations

import csv
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tally.gazetteer.morph import adjective_forms, analyzer, case_forms
from tally.gazetteer.normalise import tokens
from tally.gazetteer.region import Region, data_text, regions


class Kind(enum.IntEnum):
    """What a name names; a higher value wins when one form could be several kinds."""

    ADJECTIVE = 1
    CITY = 2
    REGION = 3


@dataclass(frozen=True, slots=True)
class NameEntry:
    key: tuple[str, ...]
    """Normalised tokens."""
    code: str
    kind: Kind
    surface: str
    """The name as written in the data (for messages and suggestions)."""
    in_lookup: bool
    """Usable by ``lookup()`` (whole-string names: lists, CSV columns)."""
    in_text: bool
    """Usable by ``find_in_text()``."""
    needs_context: bool = False
    """In text, only after a place word («из», «в», «г.», «жителя», "from", ...)."""
    latin: bool = False


_ABBREVIATIONS = (
    (re.compile(r"\bобласт\w*"), "обл"),
    (re.compile(r"\bкрай\b"), "кр"),
    (re.compile(r"\bреспублик\w*"), "респ"),
    (re.compile(r"\bавтономн\w* округ\w*"), "ао"),
    (re.compile(r"\bавтономн\w* област\w*"), "ао"),
)
_EN_TYPES: dict[str, tuple[str, ...]] = {
    "область": ("{} Oblast", "{} Region", "{} Province", "{} oblast region"),
    "край": ("{} Krai", "{} Kray", "{} Territory", "{} Region"),
    "республика": ("Republic of {}", "{} Republic", "Respublika {}"),
    "автономный округ": ("{} Autonomous Okrug", "{} Autonomous District", "{} AO", "{} Okrug"),
    "автономная область": ("{} Autonomous Oblast", "{} AO"),
}
_EN_NEEDS_CONTEXT = frozenset({"vladimir", "kirov", "kurgan", "orel", "artyom", "engels"})
_NEUTER_TOWN = re.compile(r"(?:ово|ево|ёво|ино|ыно)$")


def _key(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


def _ru_forms(name: str) -> set[str]:
    forms = case_forms(name)
    for form in list(forms):
        for pattern, short in _ABBREVIATIONS:
            if pattern.search(form):
                forms.add(pattern.sub(short, form))
    return forms


def _is_adjective(word: str) -> bool:
    return any(p.tag.POS == "ADJF" and p.tag.case == "nomn" for p in analyzer().parse(word))


def _region_entries(r: Region) -> Iterator[NameEntry]:
    names = [r.name_ru, *r.name_ru.split(" — ")]
    if r.type_ru.startswith("город"):
        names += [f"город {r.short_ru}", f"г. {r.short_ru}"]
    for name in names:
        for form in _ru_forms(name):
            yield NameEntry(_key(form), r.code, Kind.REGION, name, True, True)
    short_is_adj = " " not in r.short_ru and _is_adjective(r.short_ru)
    for form in case_forms(r.short_ru) if not short_is_adj else {r.short_ru}:
        yield NameEntry(_key(form), r.code, Kind.REGION, r.short_ru, True, not short_is_adj)
    for adj in r.adjectives_ru:
        for form in adjective_forms(adj):
            yield NameEntry(_key(form), r.code, Kind.ADJECTIVE, adj, True, True)
    en_names = {r.name_en, r.short_en}
    for template in _EN_TYPES.get(r.type_ru, ()):
        base = r.short_en
        if not any(w in base for w in ("Oblast", "Krai", "Republic", "Okrug")):
            en_names.add(template.format(base))
    for name in en_names:
        key = _key(name)
        context = key in {(w,) for w in _EN_NEEDS_CONTEXT}
        yield NameEntry(key, r.code, Kind.REGION, name, True, True, context, latin=True)


def _pycountry_entries() -> Iterator[NameEntry]:
    import pycountry

    subdivisions: list[Any] = pycountry.subdivisions.get(country_code="RU")  # type: ignore[no-untyped-call]
    for sub in subdivisions:
        names = {sub.name}
        if ", " in sub.name:
            base, typ = sub.name.split(", ", 1)
            # The bare base ("Altay") is left out: GADM and Natural Earth use it for the krai.
            names.add(f"{typ} {base}")
        for name in names:
            yield NameEntry(_key(name), sub.code, Kind.REGION, name, True, True, latin=True)


def _alias_entries() -> Iterator[NameEntry]:
    for row in csv.DictReader(data_text("aliases.csv").splitlines()):
        code, alias = row["code"], row["alias"]
        if row["lang"] == "ru":
            for form in _ru_forms(alias):
                yield NameEntry(_key(form), code, Kind.REGION, alias, True, True)
        else:  # "en", or "en_lookup" for names too common as words to look for in text
            in_text = row["lang"] == "en"
            yield NameEntry(_key(alias), code, Kind.REGION, alias, True, in_text, latin=True)


def _city_entries() -> Iterator[NameEntry]:
    rows: dict[str, tuple[str, str, bool]] = {}
    for r in regions():
        rows[r.capital_ru] = (r.code, r.capital_en, False)
    for row in csv.DictReader(data_text("cities.csv").splitlines()):
        rows[row["name_ru"]] = (row["code"], row["name_en"], row["context_only"] == "1")
    for name, (code, name_en, context) in rows.items():
        neuter_town = " " not in name and _NEUTER_TOWN.search(name) is not None
        for form in case_forms(name):
            # Declined forms of «Одинцово», «Иваново» («Одинцова») are also surnames.
            declined = neuter_town and form != name.lower()
            yield NameEntry(_key(form), code, Kind.CITY, name, False, True, context or declined)
        if name_en:
            yield NameEntry(_key(name_en), code, Kind.CITY, name_en, False, True, context, True)


def all_entries() -> Iterator[NameEntry]:
    """Every name form from every source (unsettled: one key may name several regions)."""
    for r in regions():
        yield from _region_entries(r)
    yield from _alias_entries()
    yield from _pycountry_entries()
    yield from _city_entries()
