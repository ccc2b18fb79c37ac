"""The region table: codes against pycountry, names, statuses, federal districts."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest

from tally.gazetteer import Region, RegionStatus, get, regions

UA_CODES = {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}


def test_89_regions_with_unique_codes() -> None:
    codes = [r.code for r in regions()]
    assert len(codes) == 89
    assert len(set(codes)) == 89


def test_russian_codes_are_exactly_pycountrys() -> None:
    iso_ru = {s.code for s in pycountry.subdivisions.get(country_code="RU")}
    assert len(iso_ru) == 83
    ours = {r.code for r in regions() if r.code.startswith("RU-")}
    assert ours == iso_ru


def test_ukrainian_codes_exist_in_iso() -> None:
    ours = {r.code for r in regions() if r.code.startswith("UA-")}
    assert ours == UA_CODES
    for code in ours:
        assert pycountry.subdivisions.get(code=code) is not None


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("RU-BU", RegionStatus.RUSSIA),
        ("UA-43", RegionStatus.ANNEXED_2014),
        ("UA-40", RegionStatus.ANNEXED_2014),
        ("UA-14", RegionStatus.ANNEXED_2022),
        ("UA-09", RegionStatus.ANNEXED_2022),
        ("UA-23", RegionStatus.ANNEXED_2022),
        ("UA-65", RegionStatus.ANNEXED_2022),
    ],
)
def test_status(code: str, status: RegionStatus) -> None:
    region = get(code)
    assert region.status is status
    assert region.is_annexed_2014 == (status is RegionStatus.ANNEXED_2014)
    assert region.is_annexed_2022 == (status is RegionStatus.ANNEXED_2022)


@pytest.mark.parametrize(
    ("code", "name_ru", "short_ru", "type_ru", "capital_ru", "district"),
    [
        ("RU-BU", "Республика Бурятия", "Бурятия", "республика", "Улан-Удэ", "Дальневосточный"),
        ("RU-KRS", "Курская область", "Курская", "область", "Курск", "Центральный"),
        ("RU-KHM", "Ханты-Мансийский автономный округ — Югра", "Югра", "автономный округ",
         "Ханты-Мансийск", "Уральский"),
        ("RU-TY", "Республика Тыва", "Тыва", "республика", "Кызыл", "Сибирский"),
        ("RU-MOW", "Москва", "Москва", "город федерального значения", "Москва", "Центральный"),
        ("RU-SA", "Республика Саха (Якутия)", "Якутия", "республика", "Якутск",
         "Дальневосточный"),
        ("RU-CE", "Чеченская Республика", "Чечня", "республика", "Грозный", "Северо-Кавказский"),
    ],
)
def test_names(
    code: str, name_ru: str, short_ru: str, type_ru: str, capital_ru: str, district: str
) -> None:
    r = get(code)
    assert (r.name_ru, r.short_ru, r.type_ru, r.capital_ru, r.federal_district) == (
        name_ru, short_ru, type_ru, capital_ru, district
    )


def test_federal_district_sizes() -> None:
    sizes = Counter(r.federal_district for r in regions() if r.code.startswith("RU-"))
    assert sizes == {
        "Центральный": 18, "Северо-Западный": 11, "Южный": 6, "Северо-Кавказский": 7,
        "Приволжский": 14, "Уральский": 6, "Сибирский": 10, "Дальневосточный": 11,
    }


def test_every_region_is_filled_in() -> None:
    for r in regions():
        assert isinstance(r, Region)
        for field in (r.name_ru, r.short_ru, r.type_ru, r.name_en, r.short_en, r.capital_ru,
                      r.capital_en):
            assert field.strip() == field and field, (r.code, field)


def test_iso_suffix() -> None:
    assert get("RU-ALT").iso_suffix == "ALT"
    assert get("UA-43").iso_suffix == "UA-43"


@pytest.mark.parametrize("bad", ["RU-XX", "BU", "Бурятия", ""])
def test_get_unknown_raises_clear_key_error(bad: str) -> None:
    with pytest.raises(KeyError, match="ISO 3166-2 code"):
        get(bad)
