"""Birth and death dates as partial dates; years resolved from the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from tally.extract.dates import find_dates
from tally.model import PartialDate


def _dates(text: str, published: str | None = "2024-06-02") -> dict[str, str]:
    pub = date.fromisoformat(published) if published else None
    return {h.kind: str(h.value) for h in find_dates(text, pub)}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Иван родился в 1991 году.", "2024-06-02", {"birth": "1991"}),
        ("Погиб 14 мая в зоне СВО.", "2024-06-02", {"death": "2024-05-14"}),
        ("Погиб 14 мая в зоне СВО.", "2024-03-01", {"death": "2023-05-14"}),
        ("погиб в конце марта 2024 года", "2024-04-18", {"death": "2024-03"}),
        ("Сидоров И.П., 1995 г.р., погиб 2 января 2024 года.", "2024-01-15",
         {"birth": "1995", "death": "2024-01-02"}),
        ("Алиев Руслан (10.05.1996 – 11.08.2024)", "2024-09-01",
         {"birth": "1996-05-10", "death": "2024-08-11"}),
        ("Дата гибели — 12.08.2024.", "2024-09-01", {"death": "2024-08-12"}),
        ("родилась 3 марта 1985 года в Омске", "2024-01-01", {"birth": "1985-03-03"}),
        ("was killed in Ukraine on May 14, officials said", "2024-06-05",
         {"death": "2024-05-14"}),
        ("Rinat Galiev (born 1990) was killed on August 3", "2023-09-05",
         {"birth": "1990", "death": "2023-08-03"}),
        ("died on February 5, 2024, according to", "2024-03-01", {"death": "2024-02-05"}),
        ("Прощание состоится 16 июля в Доме офицеров.", "2024-07-14", {}),
        ("Он был мобилизован в сентябре 2022 года.", "2024-07-14", {}),
        ("Погиб 14 мая.", None, {}),  # no year and no publication date: unknown
    ],
)
def test_find_dates(text: str, published: str | None, expected: dict[str, str]) -> None:
    assert _dates(text, published) == expected


def test_death_is_never_after_publication() -> None:
    (hit,) = find_dates("погиб 31 декабря", date(2024, 12, 30))
    assert hit.value == PartialDate(2023, 12, 31)
