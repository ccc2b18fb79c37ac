"""Import-time name normalisation: clean, split, exact key."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.names.normal import clean, fold, name_key, split_full_name


@given(st.text())
def test_clean_collapses_white_space_like_the_regex_rule(value: str) -> None:
    expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    assert clean(value) == expected


@given(st.text())
def test_split_parts_rejoin_to_the_clean_name(value: str) -> None:
    parts = split_full_name(value)
    joined = " ".join(parts[k] for k in ("last_name", "first_name", "patronymic") if k in parts)
    assert joined == clean(value)


@pytest.mark.parametrize(
    ("full", "order", "expected"),
    [
        ("Иванов Иван Иванович", "last_first", ("Иванов", "Иван", "Иванович")),
        ("  Иванов\t Иван  ", "last_first", ("Иванов", "Иван", None)),
        ("Алиев Рашид Гасан оглы", "last_first", ("Алиев", "Рашид", "Гасан оглы")),
        ("John Smith", "first_last", ("Smith", "John", None)),
        ("Иванов", "last_first", ("Иванов", None, None)),
        ("", "last_first", (None, None, None)),
    ],
)
def test_split_full_name(full: str, order: str, expected: tuple[str | None, ...]) -> None:
    parts = split_full_name(full, order)
    assert tuple(parts.get(k) for k in ("last_name", "first_name", "patronymic")) == expected


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("Ёлкин", "Пётр", "Семёнович"), "елкин|петр|семенович"),
        (("Оюн-оол", "Айдыс", None), "оюноол|айдыс|"),
        (("SMITH", "John", None), "smith|john|"),
        ((None, "Иван", "Иванович"), None),
    ],
)
def test_name_key(parts: tuple[str | None, str | None, str | None], key: str | None) -> None:
    assert name_key(*parts) == key
    if key is not None:
        assert key.split("|")[0] == fold(parts[0] or "")
