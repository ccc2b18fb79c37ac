"""Whole-string lookup and resolve: Russian forms in all cases, English forms, codes, files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.gazetteer import Region, UnknownRegion, lookup, regions, resolve

RUSSIAN = [
    # official names in several cases
    ("Республика Бурятия", "RU-BU"),
    ("Республики Бурятия", "RU-BU"),
    ("в Республике Бурятия", None),  # a preposition is not part of a name
    ("Республике Бурятии", "RU-BU"),
    ("Бурятии", "RU-BU"),
    ("Бурятией", "RU-BU"),
    ("Курская область", "RU-KRS"),
    ("Курской области", "RU-KRS"),
    ("Курскую область", "RU-KRS"),
    ("Курской областью", "RU-KRS"),
    ("Курская обл.", "RU-KRS"),
    ("Курская", "RU-KRS"),
    ("Республике Саха (Якутия)", "RU-SA"),
    ("Республики Саха (Якутия)", "RU-SA"),
    ("Якутии", "RU-SA"),
    ("Ставропольского края", "RU-STA"),
    ("Ставропольском крае", "RU-STA"),
    ("Ставрополье", "RU-STA"),
    ("Ханты-Мансийский автономный округ — Югра", "RU-KHM"),
    ("Ханты-Мансийского автономного округа - Югры", "RU-KHM"),
    ("Ханты-Мансийском автономном округе", "RU-KHM"),
    ("ХМАО", "RU-KHM"),
    ("Югры", "RU-KHM"),
    ("Ямало-Ненецкого автономного округа", "RU-YAN"),
    ("Ямале", "RU-YAN"),
    ("Ненецкого автономного округа", "RU-NEN"),
    ("Тюменской области", "RU-TYU"),
    ("Приморье", "RU-PRI"),
    ("Приморском крае", "RU-PRI"),
    ("Кубани", "RU-KDA"),
    ("Забайкалье", "RU-ZAB"),
    ("Забайкальского края", "RU-ZAB"),
    ("Чечня", "RU-CE"),
    ("Чечни", "RU-CE"),
    ("Чеченской Республики", "RU-CE"),
    ("ДНР", "UA-14"),
    ("Донецкой Народной Республики", "UA-14"),
    ("ЛНР", "UA-09"),
    ("Луганской области", "UA-09"),
    ("Запорожской области", "UA-23"),
    ("Херсонщины", "UA-65"),
    ("Крыму", "UA-43"),
    ("Республики Крым", "UA-43"),
    ("Севастополе", "UA-40"),
    ("Москва", "RU-MOW"),
    ("Москвы", "RU-MOW"),
    ("г. Москва", "RU-MOW"),
    ("Московская область", "RU-MOS"),
    ("Подмосковья", "RU-MOS"),
    ("Санкт-Петербурга", "RU-SPE"),
    ("Санкт Петербург", "RU-SPE"),
    ("Ленинградской области", "RU-LEN"),
    ("Ленинграда", "RU-SPE"),
    ("Алтай", "RU-AL"),
    ("Республики Алтай", "RU-AL"),
    ("Алтайского края", "RU-ALT"),
    ("Республика Северная Осетия — Алания", "RU-SE"),
    ("Северной Осетии", "RU-SE"),
    ("Кабардино-Балкарской Республики", "RU-KB"),
    ("Кабардино-Балкарии", "RU-KB"),
    ("Карачаево-Черкесии", "RU-KC"),
    ("Республики Марий Эл", "RU-ME"),
    ("Чувашской Республики", "RU-CU"),
    ("Еврейской автономной области", "RU-YEV"),
    ("ЕАО", "RU-YEV"),
    ("Кузбасса", "RU-KEM"),
    ("Читинской области", "RU-ZAB"),
    ("Пермской области", "RU-PER"),
    ("ёжики", None),
    ("Курскоя", None),
]

ENGLISH = [
    ("North Ossetia", "RU-SE"),
    ("Yevreyskaya", "RU-YEV"),
    ("Jewish Autonomous Oblast", "RU-YEV"),
    ("St.Petersburg", "RU-SPE"),
    ("St Petersburg", "RU-SPE"),
    ("Saint Petersburg", "RU-SPE"),
    ("saint-petersburg", "RU-SPE"),
    ("Moscow", "RU-MOW"),
    ("Moscow Oblast", "RU-MOS"),
    ("Moscow Region", "RU-MOS"),
    ("Altai Republic", "RU-AL"),
    ("Altai Krai", "RU-ALT"),
    ("Gorno-Altay", "RU-AL"),
    ("Altay", "RU-ALT"),  # GADM / Natural Earth convention
    ("Sakha", "RU-SA"),
    ("Yakutia", "RU-SA"),
    ("Sakha (Yakutia)", "RU-SA"),
    ("Zabaykalsky", "RU-ZAB"),
    ("Zabaykal'ye", "RU-ZAB"),
    ("Kabardino-Balkaria", "RU-KB"),
    ("Kabardino-Balkar Republic", "RU-KB"),
    ("Kabardin-Balkar", "RU-KB"),
    ("Crimea", "UA-43"),
    ("Sevastopol", "UA-40"),
    ("Khanty-Mansi", "RU-KHM"),
    ("Khanty-Mansiysk Autonomous Okrug", "RU-KHM"),
    ("Yamal-Nenets", "RU-YAN"),
    ("Yamalo-Nenets", "RU-YAN"),
    ("Bashkiria", "RU-BA"),
    ("Chuvash Republic", "RU-CU"),
    ("Nizhni Novgorod", "RU-NIZ"),
    ("Nizhny Novgorod Oblast", "RU-NIZ"),
    ("Orel", "RU-ORL"),
    ("Oryol", "RU-ORL"),
    ("Tver'", "RU-TVE"),
    ("Tver", "RU-TVE"),
    ("Kursk region", "RU-KRS"),
    ("Republic of Buryatia", "RU-BU"),
    ("Primor'ye", "RU-PRI"),
    ("Mariy-El", "RU-ME"),
    ("DPR", "UA-14"),
    ("Zaporizhzhia", "UA-23"),
    ("Kherson Oblast", "UA-65"),
    ("Altayskiy kray", "RU-ALT"),  # pycountry's romanised ISO name
    ("Severnaya Osetiya, Respublika", "RU-SE"),
    ("Altai", None),  # republic or krai: ambiguous
    ("Atlantis", None),
]

CODES = [
    ("RU-BU", "RU-BU"),
    ("ru-bu", "RU-BU"),
    (" RU-ALT ", "RU-ALT"),
    ("ALT", "RU-ALT"),
    ("AMU", "RU-AMU"),
    ("BU", "RU-BU"),
    ("UA-43", "UA-43"),
    ("ua-40", "UA-40"),
    ("RU-XYZ", None),
    ("UA-99", None),
    ("tom", None),  # suffix codes only in capitals
]


@pytest.mark.parametrize(("name", "code"), RUSSIAN + ENGLISH + CODES)
def test_lookup(name: str, code: str | None) -> None:
    assert lookup(name) == code


@pytest.mark.parametrize("region", regions(), ids=lambda r: r.code)
def test_every_region_finds_itself(region: Region) -> None:
    for name in (region.code, region.name_ru, region.short_ru, region.name_en, region.short_en):
        assert lookup(name) == region.code, name


@pytest.mark.parametrize("name", ["Курской области", "КУРСКОЙ ОБЛАСТИ", "курской  области"])
def test_case_and_space_insensitive(name: str) -> None:
    assert lookup(name) == "RU-KRS"


def test_yo_folding_and_diacritics() -> None:
    assert lookup("Орёл") is None  # a city, not a region name: lookup is for region names
    assert lookup("Подмосковьё") == lookup("Подмосковье") == "RU-MOS"
    assert lookup("Oryol") == lookup("Orël") == "RU-ORL"
    assert lookup("Респу́блика Ингуше́тия") == "RU-IN"  # stress marks


def test_resolve_returns_code() -> None:
    assert resolve("Бурятия") == "RU-BU"


def test_resolve_unknown_has_suggestions() -> None:
    with pytest.raises(UnknownRegion) as info:
        resolve("Kursk Oblsat")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.name == "Kursk Oblsat"
    assert any("RU-KRS" in s for s in err.suggestions)
    assert "Kursk Oblsat" in str(err)


def test_resolve_ambiguous_names_candidates() -> None:
    with pytest.raises(UnknownRegion) as info:
        resolve("Altai")
    err = info.value
    codes = " ".join(err.suggestions)
    assert "RU-AL" in codes and "RU-ALT" in codes


def test_resolve_nonsense_has_no_suggestions() -> None:
    with pytest.raises(UnknownRegion) as info:
        resolve("qqqqqqqq")
    assert info.value.suggestions == []


def _column(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [row[column] for row in csv.DictReader(f)]


def test_all_bessudnov_region_values_resolve(shared_data: Path) -> None:
    path = shared_data / "losses" / "bessudnov" / "dfFatalitiesAnonymised.csv"
    values = {v for v in _column(path, "region") if v}
    assert len(values) == 85
    codes = {v: resolve(v) for v in values}
    assert len(set(codes.values())) == 85  # one value per region, none merged
    assert codes["Yevreyskaya"] == "RU-YEV"
    assert codes["North Ossetia"] == "RU-SE"
    assert codes["Sakha"] == "RU-SA"
    assert codes["Moscow"] == "RU-MOW"
    assert codes["Moscow Oblast"] == "RU-MOS"
    assert codes["St.Petersburg"] == "RU-SPE"
    assert codes["Crimea"] == "UA-43"
    assert codes["Sevastopol"] == "UA-40"
    assert codes["Altai Republic"] == "RU-AL"
    assert codes["Altai Krai"] == "RU-ALT"
    assert codes["Zabaykalsky"] == "RU-ZAB"
    assert codes["Khanty-Mansi"] == "RU-KHM"
    assert codes["Kabardino-Balkaria"] == "RU-KB"
    assert codes["Tyumen"] == "RU-TYU"


def test_census_file_russian_english_and_iso_columns_agree(shared_data: Path) -> None:
    path = shared_data / "losses" / "bessudnov" / "census2021_nMen16-615.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 85
    for row in rows:
        iso = resolve(row["regNameISO"])
        assert resolve(row["region"]) == iso, row
        assert resolve(row["regNameEng"]) == iso, row


def test_regnames_crosswalk(shared_data: Path) -> None:
    path = shared_data / "losses" / "bessudnov" / "regNames.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        by_name = resolve(row["regName"])
        assert resolve(row["regNameEng"]) == by_name, row
        if not row["regNameISO"].startswith("UA-"):  # the file swaps UA-40 and UA-43
            assert resolve(row["regNameISO"]) == by_name, row


NATURAL_EARTH_ERRORS = {"RU-MOW", "RU-MOS", "RU-ALT", "RU-MAG"}  # swapped or garbled in the file


def test_natural_earth_names(shared_data: Path) -> None:
    path = shared_data / "regions" / "naturalearth_50m_admin1_RUS_attributes.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 85
    for row in rows:
        code = row["iso_3166_2"]
        if code in NATURAL_EARTH_ERRORS:  # names swapped or garbled in the data itself
            continue
        for column in ("name", "name_en", "name_ru"):  # name_local is garbled in places
            assert lookup(row[column]) == code, (column, row[column])


def test_gadm_names_of_2010_census(shared_data: Path) -> None:
    path = shared_data / "regions" / "population_2010_census.csv"
    names = _column(path, "NAME_1")
    codes = {n: lookup(n) for n in names}
    assert None not in codes.values(), [n for n, c in codes.items() if c is None]
    assert codes["Adygey"] == "RU-AD"
    assert codes["Altay"] == "RU-ALT"
    assert codes["Gorno-Altay"] == "RU-AL"
    assert codes["Moscow City"] == "RU-MOW"
    # GADM's "Moskva" is Moscow *Oblast*; ISO's romanised "Moskva" is the city, and ISO wins.
    assert codes["Moskva"] == "RU-MOW"
    assert len(set(codes.values())) == len(names) - 1


_DASHES = ["-", "‐", "–", "—", " - ", " "]


@settings(max_examples=150, deadline=None)
@given(
    region=st.sampled_from(regions()),
    field=st.sampled_from(["name_ru", "short_ru", "name_en", "short_en"]),
    upper=st.booleans(),
    yo=st.booleans(),
    dash=st.sampled_from(_DASHES),
    pad=st.sampled_from(["", " ", "  ", "\t"]),
)
def test_lookup_ignores_case_dashes_yo_and_padding(
    region: Region, field: str, upper: bool, yo: bool, dash: str, pad: str
) -> None:
    name = getattr(region, field)
    variant = name.replace(" — ", dash).replace("-", dash)
    if yo:
        variant = variant.replace("е", "ё", 1)
    variant = variant.upper() if upper else variant.lower()
    assert lookup(pad + variant + pad) == region.code, variant
