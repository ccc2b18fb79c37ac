"""Regions (ISO 3166-2) and countries (ISO 3166-1 alpha-2) for indicator rows.

A cell that already is an ISO 3166-2 code is taken as is; a bare Russian subdivision code
(``ALT``, as in Bessudnov's data) gets its ``RU-`` prefix; anything else goes to the
gazetteer (:func:`tally.gazetteer.resolve`), whose error names close matches.
"""

from __future__ import annotations

from functools import lru_cache


class PlaceError(ValueError):
    pass


@lru_cache(maxsize=1)
def _subdivision_codes() -> frozenset[str]:
    import pycountry

    return frozenset(
        str(s.code) for s in pycountry.subdivisions if s.country_code in ("RU", "UA")
    )


@lru_cache(maxsize=4096)
def resolve_region(text: str) -> str:
    value = text.strip()
    codes = _subdivision_codes()
    if value.upper() in codes:
        return value.upper()
    if f"RU-{value.upper()}" in codes and value.isascii() and value.isalpha():
        return f"RU-{value.upper()}"
    try:
        from tally.gazetteer import UnknownRegion, resolve
    except ImportError as exc:  # the gazetteer is an optional part of a partial install
        raise PlaceError(f"unknown region {value!r} (use an ISO 3166-2 code)") from exc
    try:
        return str(resolve(value))
    except UnknownRegion as exc:
        raise PlaceError(str(exc)) from exc


@lru_cache(maxsize=1024)
def resolve_country(text: str) -> str:
    import pycountry

    value = text.strip()
    if len(value) == 2 and value.isalpha():
        found = pycountry.countries.get(alpha_2=value.upper())
        if found:
            return str(found.alpha_2)
    try:
        return str(pycountry.countries.lookup(value).alpha_2)
    except LookupError as exc:
        raise PlaceError(f"unknown country {value!r} (use ISO 3166-1 codes)") from exc
