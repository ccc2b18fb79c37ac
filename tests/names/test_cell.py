"""Names in spreadsheet cells: what is not the name is dropped."""

from __future__ import annotations

import pytest

from tally.link import features
from tally.names.cell import name_only


@pytest.mark.parametrize(("cell", "expected"), [
    ("Иванов Сергей Петрович", "Иванов Сергей Петрович"),
    ("Иванов Сергей Петрович (позывной «Серый»)", "Иванов Сергей Петрович"),
    ("Иванов Сергей «Серый» Петрович", "Иванов Сергей Петрович"),
    ("Иванов Сергей Петрович, позывной Серый", "Иванов Сергей Петрович"),
    ("Сергей Иванов, 35 лет", "Сергей Иванов"),
    ("Иванов Сергей Петрович, 1990 г.р.", "Иванов Сергей Петрович"),
    ("Иванов Сергей, Бурятия", "Иванов Сергей"),
    ("рядовой Иванов Сергей Петрович", "Иванов Сергей Петрович"),
    ("гв. рядовой Иванов Сергей", "Иванов Сергей"),
    ("мл. сержант Иванов И.И.", "Иванов И. И."),
    ("Pvt. Sergei Ivanov", "Sergei Ivanov"),
    ("Ivanov, Ivan", "Ivanov Ivan"),
    ("Ivanov S.P.", "Ivanov S. P."),
    ("Петров-Водкин Кузьма", "Петров-Водкин Кузьма"),
    ("Капитан", "Капитан"),  # nothing but a rank word: left alone
])
def test_name_only(cell: str, expected: str) -> None:
    assert name_only(cell) == expected


@pytest.mark.parametrize(("cell", "surname", "given", "patr_initial"), [
    ("Иванов Сергей П.", "ivanov", "sergei", "p"),
    ("Ivanov Sergey P.", "ivanov", "sergei", "p"),
    ("Sergei P. Ivanov", "ivanov", "sergei", "p"),
    ("Ivanov S.P.", "ivanov", None, "p"),
    ("Иванов С. П.", "ivanov", None, "p"),
    ("рядовой Иванов Сергей Петрович (позывной «Серый»)", "ivanov", "sergei", "p"),
    ("Сергея Иванова, 35 лет", "ivanov", "sergei", None),
])
def test_full_name_cells_give_the_name_keys(
    cell: str, surname: str, given: str | None, patr_initial: str | None
) -> None:
    row = features.feature_row({"unique_id": 1, "full_name": cell}, lemmatize=True)
    assert (row["surname"], row["given"], row["patr_initial"]) == (surname, given, patr_initial)
    assert row["given_initials"] == ["s"]


@pytest.mark.parametrize(("cell", "surname", "given", "initials", "patronymic"), [
    ("Колин Е. Алексеевич", "kolin", None, ["e"], "aleksevich"),
    ("Абрамович А. Алексеевич", "abramovich", None, ["a"], "aleksevich"),
    ("G. Sergeevich Pavlov", "pavlov", None, ["g"], "sergevich"),
    ("Николаев Г.", "nikolaev", None, ["g"], None),  # «г.» after a name is an initial
    ("Майоров Сергей", "maerov", "sergei", ["s"], None),  # a surname, not "of majors"
    ("Капитанов Иван", "kapitanov", "ivan", ["i"], None),
])
def test_initials_and_words_keep_their_roles(
    cell: str, surname: str, given: str | None, initials: list[str], patronymic: str | None
) -> None:
    row = features.feature_row({"unique_id": 1, "full_name": cell}, lemmatize=True)
    assert (row["surname"], row["given"], row["given_initials"], row["patronymic"]) == (
        surname, given, initials, patronymic)


def test_a_full_name_read_in_the_wrong_roles_is_put_right() -> None:
    # pymorphy3 takes the diminutive «Никитка» for the surname
    row = features.feature_row({"unique_id": 1, "full_name": "Кузнецов Никитка"}, lemmatize=True)
    assert (row["surname"], row["given"]) == ("kuznecov", "nikitka")
    assert row["canon0"] == "nikita"
