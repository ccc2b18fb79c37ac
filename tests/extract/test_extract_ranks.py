"""Rank words in all cases, nominative form and officer flag."""

from __future__ import annotations

import pytest

from tally.names.ranks import find_ranks, is_officer, is_rank_word


@pytest.mark.parametrize(
    ("text", "rank", "officer"),
    [
        ("рядовой", "рядовой", False),
        ("рядовым", "рядовой", False),
        ("младшего сержанта", "младший сержант", False),
        ("младшим лейтенантом", "младший лейтенант", True),
        ("гвардии старшего лейтенанта", "старший лейтенант", True),
        ("прапорщиком", "прапорщик", False),
        ("старшиной", "старшина", False),
        ("капитаном 3 ранга", "капитан 3 ранга", True),
        ("генерал-майора", "генерал-майор", True),
        ("подполковника", "подполковник", True),
        ("ефрейтора", "ефрейтор", False),
    ],
)
def test_russian_ranks(text: str, rank: str, officer: bool) -> None:
    (hit,) = find_ranks(f"Простились с {text} Ивановым.")
    assert (hit.rank, hit.is_officer) == (rank, officer)


@pytest.mark.parametrize(
    ("text", "rank"),
    [("Junior Sergeant", "junior sergeant"), ("Lieutenant Colonel", "lieutenant colonel"),
     ("Private", "private"), ("Warrant officer", "warrant officer")],
)
def test_english_ranks(text: str, rank: str) -> None:
    (hit,) = find_ranks(f"{text} Ivan Petrov", english=True)
    assert hit.rank == rank


def test_officer_flags_and_stop_words() -> None:
    assert is_officer("младший лейтенант") is True
    assert is_officer("прапорщик") is False
    assert is_officer("маршал-неизвестный") is None
    assert is_rank_word("Рядовой") and is_rank_word("сержантом") and not is_rank_word("Иван")
