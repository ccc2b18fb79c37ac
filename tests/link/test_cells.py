"""Date, age and region cells as spreadsheets hold them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.link import cells

RU_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря")
EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December")


@pytest.mark.parametrize(("cell", "expected"), [
    ("1990", "1990"), ("1990-03", "1990-03"), ("1990-03-12", "1990-03-12"),
    ("1990-3-5", "1990-03-05"), ("2022/09/01", "2022-09-01"),
    ("2023-05-14T00:00:00", "2023-05-14"), ("2023-05-14 00:00:00", "2023-05-14"),
    ("12.03.1990", "1990-03-12"), ("2.3.1990", "1990-03-02"), ("12.03.1990г.", "1990-03-12"),
    ("23/04/1990", "1990-04-23"), ("04/23/1990", "1990-04-23"), ("12-03-1990", "1990-03-12"),
    ("12.03.90", "1990-03-12"), ("03.1990", "1990-03"), ("3/1990", "1990-03"),
    ("12 марта 1990", "1990-03-12"), ("12 марта 1990 г.", "1990-03-12"),
    ("1 сентября 2022 года", "2022-09-01"), ("март 1990", "1990-03"), ("июнь 2023", "2023-06"),
    ("в марте 1990", "1990-03"), ("12 мар 1990", "1990-03-12"),
    ("March 12, 1990", "1990-03-12"), ("12 March 1990", "1990-03-12"),
    ("Sept 2022", "2022-09"), ("in March 1990", "1990-03"),
    ("1990 г.р.", "1990"), ("1990г.р.", "1990"), ("1990 г.", "1990"), ("~1990", "1990"),
    ("около 1990", "1990"), ("c. 1990", "1990"), ("(1990)", "1990"), ("1990?", "1990"),
    # not dates: never guessed
    ("31.02.1990", None), ("1990-02-30", None), ("abc", None), ("", None), ("   ", None),
    ("1990-е", None), ("12.13.14.15", None), ("Smarch 1990", None), (None, None),
])
def test_date_cells(cell: str | None, expected: str | None) -> None:
    assert cells.iso_date(cell) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
def test_a_date_written_any_usual_way_reads_back(day: date) -> None:
    iso = day.isoformat()
    for cell in (iso, day.strftime("%d.%m.%Y"), f"{day.day}.{day.month}.{day.year}",
                 f"{day.day} {RU_GENITIVE[day.month - 1]} {day.year} г.",
                 f"{EN[day.month - 1]} {day.day}, {day.year}",
                 f"{day.day} {EN[day.month - 1]} {day.year}"):
        assert cells.iso_date(cell) == iso, cell
    assert cells.iso_date(day.strftime("%m.%Y")) == iso[:7]


@pytest.mark.parametrize(("cell", "expected"), [
    ("35", 35), ("35.0", 35), ("35 лет", 35), ("33 года", 33), ("35 years", 35),
    ("35 y.o.", 35), ("~35", 35), (35, 35), (35.0, 35), (float("nan"), None), ("", None),
    ("30-35", None), ("200", None), ("много", None), (None, None),
])
def test_age_cells(cell: object, expected: int | None) -> None:
    assert cells.age_years(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("Республика Бурятия", "RU-BU"), ("Бурятия", "RU-BU"), ("Buryatia", "RU-BU"),
    ("RU-BU", "RU-BU"), ("Краснодарский кр.", "RU-KDA"), ("Atlantis", "ATLANTIS"),
])
def test_region_cells_meet_on_the_gazetteer_code(cell: str, expected: str) -> None:
    assert cells.region_key(cell) == expected


def test_unreadable_cells_are_named() -> None:
    note = cells.unreadable("birth_date", ["1990", "abc", None, "", "abc", "31.02.1990"],
                           cells.iso_date)
    assert note is not None
    assert note.startswith("3 birth_date value(s)")
    assert "'abc'" in note and "'31.02.1990'" in note
    assert cells.unreadable("birth_date", ["1990", None], cells.iso_date) is None
