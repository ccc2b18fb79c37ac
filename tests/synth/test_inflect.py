"""Case forms of names, checked by hand against Russian grammar."""

from __future__ import annotations

import pytest

from tally.synth.inflect import (
    feminine_surname,
    inflect_first_name,
    inflect_patronymic,
    inflect_phrase,
    inflect_surname,
)

SURNAMES = [
    # (nominative, sex, case, expected)
    ("Иванов", "M", "gent", "Иванова"),
    ("Иванов", "M", "ablt", "Ивановым"),
    ("Иванова", "F", "gent", "Ивановой"),
    ("Иванова", "F", "accs", "Иванову"),
    ("Соловьёв", "M", "datv", "Соловьёву"),
    ("Троицкий", "M", "gent", "Троицкого"),
    ("Троицкая", "F", "accs", "Троицкую"),
    ("Дашиев", "M", "ablt", "Дашиевым"),  # not in the dictionary: by rule
    ("Хабибуллин", "M", "loct", "Хабибуллине"),
    ("Хабибуллина", "F", "datv", "Хабибуллиной"),
    ("Шевченко", "M", "gent", "Шевченко"),  # -ко does not decline
    ("Черных", "M", "datv", "Черных"),  # -их/-ых do not decline
    ("Черных", "F", "ablt", "Черных"),
    ("Дурново", "M", "gent", "Дурново"),
    ("Ондар", "F", "datv", "Ондар"),  # women: consonant-final surnames do not decline
    ("Ондар", "M", "gent", "Ондара"),  # men: they do (cf. «с Владиславом Ховалыгом»)
    ("Ковальчук", "M", "ablt", "Ковальчуком"),
    ("Ковальчук", "F", "gent", "Ковальчук"),
    ("Лукашевич", "M", "ablt", "Лукашевичем"),
    ("Асанте", "M", "datv", "Асанте"),
]
FIRST_NAMES = [
    ("Пётр", "M", "gent", "Петра"),
    ("Лев", "M", "datv", "Льву"),
    ("Павел", "M", "ablt", "Павлом"),
    ("Илья", "M", "ablt", "Ильёй"),
    ("Никита", "M", "gent", "Никиты"),
    ("Баир", "M", "ablt", "Баиром"),
    ("Дашинима", "M", "gent", "Дашинимы"),
    ("Аюша", "M", "ablt", "Аюшей"),
    ("Бато", "M", "datv", "Бато"),
    ("Наталья", "F", "gent", "Натальи"),
    ("Мария", "F", "datv", "Марии"),
    ("Сэсэг", "F", "ablt", "Сэсэг"),
]
PATRONYMICS = [
    ("Иванович", "gent", "Ивановича"),
    ("Ильич", "ablt", "Ильичом"),
    ("Никитич", "ablt", "Никитичем"),
    ("Оюн-оолович", "datv", "Оюн-ооловичу"),
    ("Ивановна", "ablt", "Ивановной"),
    ("Ильинична", "gent", "Ильиничны"),
]


@pytest.mark.parametrize(("word", "sex", "case", "expected"), SURNAMES)
def test_surname(word: str, sex: str, case: str, expected: str) -> None:
    assert inflect_surname(word, sex, case) == expected


@pytest.mark.parametrize(("word", "sex", "case", "expected"), FIRST_NAMES)
def test_first_name(word: str, sex: str, case: str, expected: str) -> None:
    assert inflect_first_name(word, sex, case) == expected


@pytest.mark.parametrize(("word", "case", "expected"), PATRONYMICS)
def test_patronymic(word: str, case: str, expected: str) -> None:
    assert inflect_patronymic(word, case) == expected


@pytest.mark.parametrize(
    ("masculine", "feminine"),
    [("Иванов", "Иванова"), ("Соловьёв", "Соловьёва"), ("Ильин", "Ильина"),
     ("Троицкий", "Троицкая"), ("Шевченко", "Шевченко"), ("Ковальчук", "Ковальчук"),
     ("Ондар", "Ондар")],
)
def test_feminine_surname(masculine: str, feminine: str) -> None:
    assert feminine_surname(masculine) == feminine


@pytest.mark.parametrize(
    ("rank", "case", "expected"),
    [("рядовой", "ablt", "рядовым"), ("младший сержант", "gent", "младшего сержанта"),
     ("старшина", "datv", "старшине"), ("старший лейтенант", "ablt", "старшим лейтенантом")],
)
def test_rank_phrase(rank: str, case: str, expected: str) -> None:
    assert inflect_phrase(rank, case) == expected
