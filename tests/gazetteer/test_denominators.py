"""Shipped population denominators, their gaps, and the CSV loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.gazetteer import (
    DenominatorFileError,
    denominator_gaps,
    denominators,
    load_denominator_csv,
    regions,
)

CENSUS_2010_TOTAL = 142_856_536  # Rosstat: population of Russia at the 2010 census


def test_population_covers_the_83_russian_subjects() -> None:
    pop = denominators()
    assert set(pop) == {r.code for r in regions() if r.code.startswith("RU-")}
    assert all(d.value > 0 for d in pop.values())
    assert all(d.year == 2010 and "2010 census" in d.counts for d in pop.values())
    assert all("Rosstat" in d.source for d in pop.values())


def test_population_adds_up_to_the_census_total() -> None:
    assert sum(d.value for d in denominators().values()) == CENSUS_2010_TOTAL


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("RU-MOW", 11_503_501),
        ("RU-MOS", 7_095_120),
        ("RU-SPE", 4_879_566),
        ("RU-ARK", 1_185_536),  # without the Nenets okrug
        ("RU-NEN", 42_090),
        ("RU-TYU", 1_340_608),  # without the Khanty-Mansi and Yamal okrugs
        ("RU-KHM", 1_532_243),
        ("RU-YAN", 522_904),
        ("RU-CHU", 50_526),
    ],
)
def test_population_figures(code: str, value: int) -> None:
    assert denominators()[code].value == value


def test_gaps_are_explicit() -> None:
    gaps = denominator_gaps()
    assert set(gaps) == {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}
    assert all(reason for reason in gaps.values())
    assert not set(gaps) & set(denominators())


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="population"):
        denominators("men_18_60")


def test_census_2021_men_file_loads_all_85(shared_data: Path) -> None:
    path = shared_data / "losses" / "bessudnov" / "census2021_nMen16-615.csv"
    table = load_denominator_csv(path, "regNameISO", "nMen16_615_2021", year=2021)
    assert len(table) == 85
    assert table["RU-ALT"].value == 593_766
    assert table["RU-ALT"].year == 2021
    assert {"UA-43", "UA-40"} <= set(table)


def test_loader_reports_every_bad_row_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text(
        "region,n\nБурятия,100\nAtlantis,5\nКурская область,abc\nRU-BU,7\nKursk Oblsat,1\n",
        encoding="utf-8",
    )
    with pytest.raises(DenominatorFileError) as info:
        load_denominator_csv(path, "region", "n")
    err = info.value
    assert err.path == path
    assert len(err.problems) == 4
    text = str(err)
    assert str(path) in text
    assert "line 3: region='Atlantis'" in text
    assert "line 4: n='abc' is not a count" in text
    assert "line 5: region='RU-BU' is RU-BU, already given on line 2" in text
    assert "line 6: region='Kursk Oblsat'" in text and "RU-KRS" in text


def test_loader_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text("name,n\nБурятия,1\n", encoding="utf-8")
    with pytest.raises(DenominatorFileError, match="missing column"):
        load_denominator_csv(path, "region", "n")


def test_loader_ok(tmp_path: Path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text("region,n\nБурятия,100\nKursk,2 000\n", encoding="utf-8")
    table = load_denominator_csv(path, "region", "n", counts="men", source="test")
    assert {c: d.value for c, d in table.items()} == {"RU-BU": 100, "RU-KRS": 2000}
    assert table["RU-BU"].counts == "men"
