"""Russian given names, their diminutives and their Ukrainian/Belarusian/Latin forms.

The table (``data/given_names.csv``, hand-written) lists about 180 common given names with
their everyday and regional forms: Саша/Шура → Александр (and Александра), Серёжа → Сергей,
Лёша → Алексей, Женя → Евгений and Евгения, Олександр → Александр, Michail → Михаил. Every
form is looked up by its folded cross-script spelling, so ``Sasha`` and ``Саша`` meet.
A form can belong to several names (Слава: Вячеслав, Владислав, Святослав, Ярослав…).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from tally.names.translit import coarse_key, to_folded_latin


@cache
def _table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    text = resources.files("tally.names").joinpath("data/given_names.csv").read_text("utf-8")
    rows = []
    for row in csv.DictReader(text.splitlines()):
        rows.append((row["name"], row["sex"], tuple(row["variants"].split())))
    return tuple(rows)


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Folded form -> full names (Cyrillic), full names first when a form is itself a name."""
    full: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for name, _sex, variants in _table():
        full.setdefault(to_folded_latin(name), []).append(name)
        for form in variants:
            key = to_folded_latin(form)
            if name not in other.setdefault(key, []):
                other[key].append(name)
    out: dict[str, tuple[str, ...]] = {}
    for key in full.keys() | other.keys():
        names = full.get(key, []) + [n for n in other.get(key, []) if n not in full.get(key, [])]
        out[key] = tuple(names)
    return out


@cache
def _coarse_index() -> dict[str, tuple[str, ...]]:
    """Coarse key -> full names, only where the coarse key is unambiguous among forms."""
    by_coarse: dict[str, set[tuple[str, ...]]] = {}
    for key, names in _index().items():
        by_coarse.setdefault(coarse_key(key), set()).add(names)
    return {k: next(iter(v)) for k, v in by_coarse.items() if len(v) == 1}


def full_names(form: str) -> tuple[str, ...]:
    """The full given names a form may stand for (``Женя`` → Евгений, Евгения); () if unknown.

    A spelling folding cannot place (German ``Schenja``) is tried by its coarse key when that
    points to one entry only.
    """
    key = to_folded_latin(form)
    found = _index().get(key)
    if found is not None:
        return found
    return _coarse_index().get(coarse_key(key), ())


def is_given_name(form: str) -> bool:
    """Is ``form`` spelled as a given name or one of its forms in the table (no fuzzy match:
    ``Bureruk`` shares a consonant skeleton with Борис but is no given name)?"""
    return to_folded_latin(form) in _index()


def canonical_keys(form: str) -> tuple[str, ...]:
    """Folded keys of the full names a form stands for; the form's own key when unknown.

    ``Саша``, ``Sasha``, ``Олександр`` and ``Aleksandr`` all contain ``aleksandr``.
    """
    names = full_names(form)
    if not names:
        key = to_folded_latin(form)
        return (key,) if key else ()
    return tuple(dict.fromkeys(to_folded_latin(n) for n in names))


def sex_of(name: str) -> str | None:
    """"m" or "f" for a full name in the table (by folded spelling), else None."""
    key = to_folded_latin(name)
    sexes = {sex for full, sex, _v in _table() if to_folded_latin(full) == key}
    return sexes.pop() if len(sexes) == 1 else None
