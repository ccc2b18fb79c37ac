"""Names: nominative parts from inflected text, ranks stripped, roles filtered, no duplicates."""

from __future__ import annotations

from datetime import date

import pytest

from tally.extract import extract

PUB = date(2024, 6, 2)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Сегодня простились с Иваном Петровичем Сидоровым. Он погиб 14 мая.",
         [("Сидоров", "Иван", "Петрович")]),
        ("Подтверждена гибель Алексея Смирнова в зоне СВО.", [("Смирнов", "Алексей", None)]),
        ("Погиб Сидоров Иван Петрович, 1990 г.р.", [("Сидоров", "Иван", "Петрович")]),
        ("Сидоров И.П., рядовой, погиб 2 января 2024 года.", [("Сидоров", "И.", "П.")]),
        ("Младший сержант Алексей Викторович Смирнов погиб 14 мая.",
         [("Смирнов", "Алексей", "Викторович")]),
        ("Рядовой Монгуш Аян Кара-оолович погиб 13 сентября.",
         [("Монгуш", "Аян", "Кара-Оолович")]),
        ("Ефрейтор Наталья Викторовна Ковалёва погибла 21 мая при обстреле.",
         [("Ковалёва", "Наталья", "Викторовна")]),
        ("Private Ivan Petrov, 34, from Buryatia was killed on May 14.",
         [("Petrov", "Ivan", None)]),
    ],
)
def test_names(text: str, names: list[tuple[str, str, str | None]]) -> None:
    got = [(p.last_name, p.first_name, p.patronymic) for p in extract(text, published=PUB).persons]
    assert got == names


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Погиб рядовой Максим Седых. Глава района Иван Петров выразил соболезнования семье.",
         ["Седых"]),
        ("Мать погибшего, Ирина Кириллова, рассказала, что Денис Кириллов погиб 3 мая.",
         ["Кириллов"]),
        ("Мой муж, Денис Кравченко, погиб 28 июля под Бахмутом.", ["Кравченко"]),
        ("Гибель Алексея Смирнова подтвердили. Напомним, ранее сообщалось, что Алексей Смирнов "
         "пропал без вести.", ["Смирнов"]),
        ("Сегодня в мэрии прошёл приём граждан. Мэр Олег Смирнов обсудил ремонт дорог.", []),
        ("Погибли двое: Антон Сергеевич Гусев и Дмитрий Алексеевич Орлов.", ["Гусев", "Орлов"]),
        ("Governor Alexander Osipov did not name the men killed on Monday.", []),
    ],
)
def test_who_is_the_dead_person(text: str, dead: list[str]) -> None:
    assert [p.last_name for p in extract(text, published=PUB).persons] == dead


def test_count_without_names_is_a_note() -> None:
    result = extract("В районе погибли 12 жителей, их имена не называются.", published=PUB)
    assert result.persons == []
    assert any("12" in note for note in result.notes)


def test_name_span_is_the_surface() -> None:
    text = "Вчера простились с рядовым Иваном Петровичем Сидоровым."
    person = extract(text).persons[0]
    start, end = person.spans["last_name"]
    assert text[start:end] == person.full_name == "Иваном Петровичем Сидоровым"
