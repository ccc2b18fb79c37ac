"""Mention records → comparison features (the columns the Splink model compares).

Input rows carry any of ``full_name, last_name, first_name, patronymic, birth_date,
death_date, age, region, settlement, unit`` plus ``unique_id`` and ``grp`` (the
distinct-persons group, or None). Names are lemmatised to the nominative when asked (Cyrillic
only), split from ``full_name`` when no parts are given, and reduced to cross-script keys
(:mod:`tally.names.keys`). Rows without a surname keep ``surname`` null and are never linked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd

from tally.link.cells import age_years, iso_date, region_key
from tally.link.dates import birth_years, day_range
from tally.names.cell import name_only, split_initials
from tally.names.diminutives import full_names, is_given_name
from tally.names.keys import NameKeys, is_initial, name_keys
from tally.names.normal import clean, fold
from tally.names.translit import has_cyrillic

FEATURE_COLUMNS: tuple[str, ...] = (
    "unique_id", "surname", "surname_coarse", "given", "given_canon", "canon0", "init0",
    "given_initials", "patronymic", "patr_initial", "birth_lo", "birth_hi", "birth_day",
    "death_lo", "death_hi", "death_prec", "death_month", "region", "unit", "grp",
)
_PATR_ENDINGS = ("vich", "vna", "ich", "ichna", "ogli", "kizi", "uli", "ovych", "ivna")


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return _clean_text(str(value))


@lru_cache(maxsize=1 << 18)
def _clean_text(value: str) -> str | None:
    return clean(value) or None


def _looks_patronymic(word: str) -> bool:
    from tally.names.translit import to_folded_latin

    return to_folded_latin(word).endswith(_PATR_ENDINGS)


def split_latin(full: str) -> tuple[str | None, str | None, str | None]:
    """(last, first, patronymic) of a Latin-script full name, by patronymic and known names."""
    words = [w for w in full.replace(",", " ").split() if w]
    initials = [w for w in words if is_initial(w)]
    words = [w for w in words if not is_initial(w)]
    if initials:
        return (" ".join(words) or None, initials[0],
                initials[1] if len(initials) > 1 else None)
    if not words:
        return None, None, None
    if len(words) == 1:
        return words[0], None, None
    if len(words) >= 3:
        if _looks_patronymic(words[1]):
            return " ".join(words[2:]), words[0], words[1]
        if _looks_patronymic(words[-1]):
            return words[0], words[1], " ".join(words[2:])
        return words[-1], " ".join(words[:-1]), None
    a, b = words
    if is_given_name(a) != is_given_name(b):
        return (b, a, None) if is_given_name(a) else (a, b, None)
    if surname_shaped(a) != surname_shaped(b):  # "Ivanov Deis": a typo in the given name
        return (a, b, None) if surname_shaped(a) else (b, a, None)
    if full_names(a) and not full_names(b):
        return b, a, None
    if full_names(b) and not full_names(a):
        return a, b, None
    return b, a, None  # Western order is the usual one in Latin script


def _mostly_cyrillic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(has_cyrillic(ch) for ch in letters) * 2 > len(letters)


@lru_cache(maxsize=500_000)
def _name(
    full: str | None, last: str | None, first: str | None, patr: str | None, lemmatize: bool
) -> NameKeys:
    if not (last or first or patr) and full:
        last, first, patr = _full_name_parts(full)
    elif lemmatize and any(p and _mostly_cyrillic(p) for p in (last, first, patr)):
        last, first, patr = _column_lemmas(last, first, patr)
    if _swapped(last, first):  # "Aleksandr" in the surname column, "Ivanov" in the given
        last, first = first, last
    return name_keys(last, first, patr)


Parts = tuple[str | None, str | None, str | None]


def _full_name_parts(full: str) -> Parts:
    """(surname, given name, patronymic) of a full-name cell."""
    tokens = name_only(full).split()
    words, initials = split_initials(tokens)
    if len(words) != 2 or len(initials) != 1:  # a surname with initials, or no initials
        words, initials = tokens, []
    elif is_initial(tokens[1]) and full_names(tokens[0]) and not _looks_patronymic(tokens[2]):
        return tokens[2], tokens[0], tokens[1]  # "Sergei P. Ivanov"
    elif is_initial(tokens[1]):  # «Колин Е. Алексеевич»: surname, initial, patronymic
        return tokens[0], tokens[1], tokens[2]
    elif is_initial(tokens[0]) and _looks_patronymic(tokens[1]):
        return tokens[2], tokens[0], tokens[1]  # "G. Sergeevich Pavlov"
    last: str | None
    first: str | None
    patr: str | None
    if _mostly_cyrillic(" ".join(words)):
        from tally.names import morph

        parts = morph.lemmatize_name(words)
        last, first, patr = parts.last, parts.first, parts.patronymic
    else:
        last, first, patr = split_latin(" ".join(words))
    if initials:  # «Иванов Сергей П.», "Sergei P. Ivanov": the initial is the patronymic
        first, patr = first or initials[0], patr or initials[-1]
    if (last and first and is_given_name(last) and not is_given_name(first)
            and not _looks_patronymic(first)):
        last, first = first, last  # «Гончарво Лев»: a typo in the surname, read as the name
    return last, first, patr


def _column_lemmas(last: str | None, first: str | None, patr: str | None) -> Parts:
    """Nominatives of names given in separate columns, each kept in its column.

    pymorphy3 only gives each word's nominative here: it would read «Монгуш» / «Айдын» as
    given name / surname (Айдын is unknown to it), but the columns say which word is which.
    """
    from tally.names import morph

    given = [p for p in (last, first, patr) if p]
    parts = morph.lemmatize_name(given)
    lemma: dict[int, str] = {}
    for text, where in zip((parts.last, parts.first, parts.patronymic), parts.where,
                           strict=True):
        words = text.split() if text else []
        if len(words) == len(where):
            lemma.update(zip(where, words, strict=True))
    if len(lemma) == len(given) and all(" " not in g for g in given):
        it = iter(range(len(given)))
        last, first, patr = (lemma[next(it)] if p else p for p in (last, first, patr))
        return last, first, patr
    return parts.last or last, parts.first or first, parts.patronymic or patr


#: Endings of Russian and Ukrainian surnames, also inflected (folded Latin): Иванов,
#: Иванову, Иванове, Ивановым; Фомин, Фомину; Шевченко; Ковальчук; Толстой.
_SURNAME_ENDINGS = ("ov", "ev", "in", "yn", "ova", "eva", "ina", "ovu", "evu", "inu", "ove",
                    "eve", "ine", "ovym", "evym", "inym", "ovim", "evim", "inim", "ski", "kii",
                    "skogo", "skomu", "oi", "aia", "enko", "ko", "uk", "iuk", "ets")


@lru_cache(maxsize=1 << 16)
def surname_shaped(word: str) -> bool:
    """Does ``word`` end like a Russian or Ukrainian surname and is no known given name
    (Мартин and Константин end in -ин too)?"""
    from tally.names.translit import to_folded_latin

    return (to_folded_latin(word).endswith(_SURNAME_ENDINGS) and not is_given_name(word)
            and not _looks_patronymic(word))


def _swapped(last: str | None, first: str | None) -> bool:
    """Were surname and given name entered in each other's columns (or read in each other's
    roles)? Only when the surname is a given name's form and not shaped like a surname, and
    the given name is shaped like a surname («Монгуш Айдын» stays: Айдын is unknown to the
    table, but Монгуш is no given name). A swapped pair otherwise meets only on the model's
    "swapped" level, which knows nothing of how common the name is."""
    if not last or not first or " " in last or " " in first:
        return False
    return surname_shaped(first) and not surname_shaped(last) and bool(full_names(last))


def _initials(keys: NameKeys) -> list[str]:
    out = {keys.given_initial} | {k[:1] for k in keys.given_canonical}
    return sorted(x for x in out if x)


_NAME_COLUMNS = ("surname", "surname_coarse", "given", "given_canon", "canon0", "given_initials",
                 "init0", "patronymic", "patr_initial")


@lru_cache(maxsize=500_000)
def _name_features(full: str | None, last: str | None, first: str | None, patr: str | None,
                   lemmatize: bool) -> tuple[Any, ...]:
    """The name columns of :data:`FEATURE_COLUMNS` (in :data:`_NAME_COLUMNS` order)."""
    keys = _name(full, last, first, patr, lemmatize)
    if not keys.has_name:
        return (None,) * len(_NAME_COLUMNS)
    canon = keys.given_canonical
    return (
        keys.surname or None,
        keys.surname_coarse or None,
        keys.given or None,
        list(canon) or None,
        canon[0] if canon else None,
        _initials(keys) or None,
        canon[0][:1] if canon else keys.given_initial or None,
        keys.patronymic or None,
        keys.patronymic_initial or None,
    )


@lru_cache(maxsize=1 << 16)
def _month(ordinal: int) -> int:
    """Months since year 0 of a day (a blocking key: same calendar month of death)."""
    day = date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


def _region(text: str | None) -> str | None:
    return region_key(text) if text else None


@lru_cache(maxsize=1 << 16)
def _unit(text: str | None) -> str | None:
    return fold(text) or None if text else None


def feature_row(row: Mapping[str, Any], lemmatize: bool = False) -> dict[str, Any]:
    """Features of one record (see :data:`FEATURE_COLUMNS`)."""
    out: dict[str, Any] = {"unique_id": int(row["unique_id"])}
    names = _name_features(_text(row.get("full_name")), _text(row.get("last_name")),
                           _text(row.get("first_name")), _text(row.get("patronymic")), lemmatize)
    out.update(zip(_NAME_COLUMNS, names, strict=True))  # lists shared by equal names: read-only
    age_int = age_years(row.get("age"))
    birth_text = iso_date(_text(row.get("birth_date")))
    death_text = iso_date(_text(row.get("death_date")))
    years = birth_years(birth_text, age_int, death_text)
    death = day_range(death_text)
    birth = day_range(birth_text)
    grp = row.get("grp")
    out.update({
        "birth_lo": years[0] if years else None,
        "birth_hi": years[1] if years else None,
        "birth_day": str(birth_text)[:10] if birth and birth.precision == "day" else None,
        "death_lo": death.lo if death else None,
        "death_hi": death.hi if death else None,
        "death_prec": death.precision if death else None,
        "death_month": _month(death.lo) if death and death.precision != "year" else None,
        "region": _region(_text(row.get("region"))),
        "unit": _unit(_text(row.get("unit"))),
        "grp": None if grp is None or grp != grp else int(grp),
    })
    return out


def clear_caches() -> None:
    for fn in (_name_features, _name, _clean_text, _month, _unit):
        fn.cache_clear()


def build(rows: Iterable[Mapping[str, Any]], lemmatize: bool = False) -> pd.DataFrame:
    """A features frame with typed columns (nullable integers, lists of strings).

    Filled column by column (one list per column, not one dict per row): at 1M mentions
    the per-row dicts alone took over a gigabyte.
    """
    columns: dict[str, list[Any]] = {c: [] for c in FEATURE_COLUMNS}
    for r in rows:
        for col, value in feature_row(r, lemmatize).items():
            columns[col].append(value)
    frame = pd.DataFrame(columns, columns=list(FEATURE_COLUMNS))
    del columns
    clear_caches()  # they pay off within one build; at 1M mentions they hold ~0.5 GB
    for col in ("birth_lo", "birth_hi", "death_lo", "death_hi", "death_month", "grp"):
        frame[col] = frame[col].astype("Int64")
    frame["unique_id"] = frame["unique_id"].astype("int64")
    return frame
