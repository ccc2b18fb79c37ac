"""Comparison features of mention records."""

from __future__ import annotations

import pytest

from tally.link import features


@pytest.mark.parametrize(("death", "month"), [
    ("2023-05-14", 2023 * 12 + 4),
    ("2023-05", 2023 * 12 + 4),
    ("2023-12-31", 2023 * 12 + 11),
    ("2023", None),
    (None, None),
])
def test_death_month(death: str | None, month: int | None) -> None:
    row = features.feature_row({"unique_id": 1, "last_name": "Иванов", "death_date": death})
    assert row["death_month"] == month


def test_build_is_columnar_and_typed() -> None:
    rows = [
        {"unique_id": 1, "last_name": "Иванов", "first_name": "Серёжа", "death_date": "2023-05"},
        {"unique_id": 2, "full_name": "Sergei Ivanov", "birth_date": "1990"},
        {"unique_id": 3, "first_name": "Саша"},
    ]
    frame = features.build(rows)
    assert list(frame.columns) == list(features.FEATURE_COLUMNS)
    assert frame["surname"].tolist()[:2] == ["ivanov", "ivanov"]
    assert frame["given_canon"].iloc[0] == ["sergei"]
    assert frame["surname"].isna().iloc[2] and frame["given"].isna().iloc[2]
    assert str(frame["death_month"].dtype) == "Int64"
    assert features.build([]).empty


@pytest.mark.parametrize(("last", "first", "surname", "given"), [
    ("Aleksandr", "Ivanov", "ivanov", "aleksandr"),  # columns swapped: put right
    ("Александру", "Михайлову", "mihailov", "aleksandr"),  # inflected, swapped
    ("Сергей", "Фролов", "frolov", "sergei"),
    ("Лев", "Толстой", "tolstoi", "lev"),
    ("Иванов", "Сергей", "ivanov", "sergei"),  # not swapped: left alone
    ("Ivanov", "Aleksandr", "ivanov", "aleksandr"),
    ("Roman", "Petrov", "petrov", "roman"),
    ("Roman", "Ivan", "roman", "ivan"),  # both given names: as entered
    ("Монгуш", "Айдын", "mongush", "aidin"),  # names pymorphy3 does not know keep their columns
    ("Иванова", "Ивана", "ivanov", "ivan"),  # inflected: nominatives, columns kept
])
def test_swapped_name_columns_are_put_right(last: str, first: str, surname: str,
                                             given: str) -> None:
    row = features.feature_row({"unique_id": 1, "last_name": last, "first_name": first},
                               lemmatize=True)
    assert (row["surname"], row["given"]) == (surname, given)


@pytest.mark.parametrize(("full", "surname", "given"), [
    ("Ivanov Deis", "ivanov", "deis"),  # a typo in the given name: the surname's shape decides
    ("Fomin Andrjuxa", "fomin", "andriuksa"),
    ("Bureruk Aleksey", "bureruk", "aleksei"),  # «Bureruk» only looks like Борис coarsely
    ("Горовине Максиме", "gorovin", "maksime"),  # inflected, roles put right
    ("Sergei Ivanov", "ivanov", "sergei"),
    ("Ivanov Sergei", "ivanov", "sergei"),
    ("Константин Иванов", "ivanov", "konstantin"),  # -ин ending, but a given name
    ("Гончарво Лев", "goncharvo", "lev"),  # a typo in the surname, read as the name
])
def test_two_word_full_names_get_their_roles(full: str, surname: str, given: str) -> None:
    row = features.feature_row({"unique_id": 1, "full_name": full}, lemmatize=True)
    assert (row["surname"], row["given"]) == (surname, given)
