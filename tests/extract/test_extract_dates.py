"""Birth and death dates as partial dates; years resolved from the publication date."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tally.extract.dates import find_dates
from tally.extract.pipeline import extract
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


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Сергей Ломов погиб 10 августа. В тот же день погиб Артём Кузин.",
         ["2023-08-10", "2023-08-10"]),
        ("14 мая в Кяхте прошло прощание. В этот же день погиб Иван Доржиев.",
         ["2024-05-14"]),
        ("Ivan Petrov was killed on May 14. Oleg Sidorov died on the same day.",
         ["2024-05-14", "2024-05-14"]),
        ("В тот же день погиб рядовой Сергей Мальцев.", []),  # no day named before
    ],
)
def test_same_day_takes_the_day_named_before(text: str, deaths: list[str]) -> None:
    hits = find_dates(text, date(2024, 6, 2))
    assert [str(h.value) for h in hits if h.kind == "death"] == deaths


def test_same_day_gives_the_second_man_the_first_mans_date() -> None:
    from tally.extract import extract

    text = ("Сергей Николаевич Ломов погиб 10 августа. В тот же день погиб Артём Кузин из "
            "Новомосковска.")
    persons = extract(text, published=date(2023, 8, 25)).persons
    assert [(p.last_name, str(p.death_date)) for p in persons] == [
        ("Ломов", "2023-08-10"), ("Кузин", "2023-08-10")]


@pytest.mark.parametrize(
    "text",
    ["погиб в конце марта 2024 года", "В начале марта 2024 погиб", "погиб марта 2024"],
)
def test_month_and_year_span_includes_its_leading_words(text: str) -> None:
    (hit,) = find_dates(text, date(2024, 6, 2))
    assert (str(hit.value), text[hit.start:hit.end].split()[-2:]) == ("2024-03", ["марта", "2024"])
    assert not re.search(r"(?:конце|начале)\s*$", text[:hit.start])


@pytest.mark.parametrize(
    ("text", "birth", "death"),
    [
        # birth year and death month in the same year: the birth date is a misreading
        ("Иванов Сергей Петрович, 2001 г.р., погиб в мае 2001 года.", None, "2001-05"),
        ("Иванов Сергей Петрович (1990 г.р.) погиб 5 мая 2023 года.", "1990", "2023-05-05"),
    ],
)
def test_birth_not_before_the_year_of_death_is_dropped(
    text: str, birth: str | None, death: str
) -> None:
    (facts,) = extract(text, lang="ru").persons
    assert (str(facts.birth_date) if facts.birth_date else None) == birth
    assert str(facts.death_date) == death
