from __future__ import annotations

import pytest

from tally.link.dates import DEATH_WINDOW_START, birth_years


@pytest.mark.parametrize(("birth", "age", "death", "expected"), [
    ("1990-03-04", None, None, (1990, 1990)),
    ("1990", 30, "2023-05", (1990, 1990)),
    (None, 30, "2023-05-14", (1992, 1993)),
    (None, 30, None, (DEATH_WINDOW_START - 31, 2025 - 30)),  # death somewhere 2022..2025
    (None, None, "2023", None),
    (None, 150, "2023", None),
])
def test_birth_years(birth: str | None, age: int | None, death: str | None,
                     expected: tuple[int, int] | None) -> None:
    assert birth_years(birth, age, death, last_year=2025) == expected
