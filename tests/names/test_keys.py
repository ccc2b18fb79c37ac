from __future__ import annotations

import pytest

from tally.names.keys import coarse_key, given_keys, is_initial, name_keys, surname_key


@pytest.mark.parametrize(("a", "b"), [
    ("Иванова", "Иванов"), ("Ivanova", "Иванов"), ("Pietrowa", "Петров"),
    ("Ковальская", "Ковальский"), ("Kovalskaya", "Ковальский"), ("Ивановым", "Иванов"),
    ("Соколову", "Соколов"), ("Невского", "Невский"), ("Ильиной", "Ильин"),
])
def test_feminine_and_inflected_surnames_meet(a: str, b: str) -> None:
    assert surname_key(a) == surname_key(b)


@pytest.mark.parametrize(("a", "b"), [("Иванов", "Петров"), ("Белых", "Белов")])
def test_surnames_stay_apart(a: str, b: str) -> None:
    assert surname_key(a) != surname_key(b)


@pytest.mark.parametrize(("name", "parts"), [
    (("Петров", "Иван", "Сергеевич"), ("petrov", "ivan", "sergevich")),
    (("Petrov", "Ivan", "Sergeyevich"), ("petrov", "ivan", "sergevich")),
    (("Pietrow", "Iwan", "Siergiejewicz"), ("petrov", "ivan", "sergevich")),
    (("Petrov", "Ivan", "Sergeevich"), ("petrov", "ivan", "sergevich")),
])
def test_name_keys_across_scripts(name: tuple[str, str, str], parts: tuple[str, ...]) -> None:
    keys = name_keys(*name)
    assert (keys.surname, keys.given, keys.patronymic) == parts


def test_initials_are_not_names() -> None:
    keys = name_keys("Петров", "И.", "С.")
    assert keys.given == "" and keys.given_initial == "i" and keys.patronymic_initial == "s"
    assert is_initial("И.") and is_initial("I") and not is_initial("Ив")


def test_diminutive_shares_a_canonical_key() -> None:
    assert set(given_keys("Серёжа")) & set(given_keys("Sergey"))
    assert set(given_keys("Женя")) >= {given_keys("Евгения")[0], given_keys("Евгений")[0]}


def test_coarse_key_bridges_ukrainian_forms() -> None:
    assert coarse_key("oleksi") == coarse_key("aleksei")
