"""Age, unit, citizenship, rank, region and settlement."""

from __future__ import annotations

from datetime import date

import pytest

from tally.extract import extract
from tally.extract.facts import find_ages, find_citizenship, find_units


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Ему было 34 года.", 34),
        ("Ей было 32 года.", 32),
        ("Смирнову было 29 лет.", 29),
        ("Им оказался 25-летний Даниил.", 25),
        ("Андрей Ткаченко (39 лет) погиб.", 39),
        ("Ivan Petrov, 34, was killed.", 34),
        ("He was killed aged 41.", 41),
        ("a 33-year-old captain", 33),
        ("служил более 20 лет", None),
        ("Офицер с тридцатилетним стажем", None),
    ],
)
def test_age(text: str, age: int | None) -> None:
    got = [int(h.value) for h in find_ages(text)]
    assert got == ([] if age is None else [age])


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("служил в в/ч 12345", "в/ч 12345"),
        ("служил в 5-й гвардейской танковой бригаде", "5-я гвардейская танковая бригада"),
        ("воевал в 155-й бригаде морской пехоты", "155-я бригада морской пехоты"),
        ("штурмовик «Шторм Z»", "«Шторм Z»"),
        ("боец ЧВК «Вагнер»", "ЧВК «Вагнер»"),
        ("of the 200th Motor Rifle Brigade", "200th Motor Rifle Brigade"),
    ],
)
def test_unit(text: str, unit: str) -> None:
    assert [h.value for h in find_units(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Гражданин Непала Рам Тапа", "NP"),
        ("гражданин Индии", "IN"),
        ("Гражданин Кубы", "CU"),
        ("гражданин Таджикистана", "TJ"),
        ("Гражданка Узбекистана", "UZ"),
        ("гражданин Киргизии", "KG"),
        ("гражданин Белоруссии", "BY"),
        ("гражданин Шри-Ланки", "LK"),
        ("гражданин Сомали", "SO"),
        ("гражданин Молдовы", "MD"),
        ("A Nepali national, Ram Thapa", "NP"),
        ("a Sri Lankan national", "LK"),
        ("Kazakh citizen Yerlan", "KZ"),
    ],
)
def test_citizenship(text: str, code: str) -> None:
    assert [h.value for h in find_citizenship(text)] == [code]


@pytest.mark.parametrize(
    ("text", "rank", "officer"),
    [
        ("Рядовой Иван Петров погиб.", "рядовой", False),
        ("Простились с младшим лейтенантом Игорем Шевчуком, он погиб.", "младший лейтенант", True),
        ("Прапорщик Марат Зиннатуллин погиб.", "прапорщик", False),
        ("Погиб гвардии старший лейтенант Михаил Черных.", "старший лейтенант", True),
        ("Senior Lieutenant Mikhail Chernykh died.", "senior lieutenant", True),
    ],
)
def test_rank_attached(text: str, rank: str, officer: bool) -> None:
    (person,) = extract(text).persons
    assert (person.rank, person.is_officer) == (rank, officer)


def test_region_and_settlement_of_home_not_of_battle() -> None:
    text = ("Уроженец Бурятии Баир Цыренов погиб 2 марта под Бахмутом. "
            "Прощание прошло в Кяхте.")
    (person,) = extract(text, published=date(2024, 3, 19)).persons
    assert person.region == "RU-BU"
    assert person.settlement == "Кяхта"


def test_facts_attach_to_the_right_person() -> None:
    text = ("Рядовой Ринат Галиев (1990 г.р.) был мобилизован, погиб 3 мая. Сержант Артур "
            "Хабибуллин, 27 лет, заключил контракт и погиб 7 мая.")
    a, b = extract(text, published=date(2024, 5, 22)).persons
    assert (a.rank, str(a.birth_date), str(a.death_date), a.channel) == (
        "рядовой", "1990", "2024-05-03", "mobilized")
    assert (b.rank, b.age, str(b.death_date), b.channel) == (
        "сержант", 27, "2024-05-07", "volunteer")
