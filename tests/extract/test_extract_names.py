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
        ("🕯 СИДОРЕНКО Павел Юрьевич, 1983 г.р., погиб 18 января в зоне СВО.",
         [("Сидоренко", "Павел", "Юрьевич")]),
        ("Гражданин Колумбии Хосе Луис Перес Гарсия подписал контракт и погиб 2 июня.",
         [("Перес Гарсия", "Хосе Луис", None)]),
        ("Погибла санинструктор Александра Белова, ей было 27 лет.",
         [("Белова", "Александра", None)]),
        ("Похоронили Александра Кравцова, мобилизованного из Новокузнецка.",
         [("Кравцов", "Александр", None)]),
        ("Администрация района сообщает о гибели Бадмы Очирова, 1992 года рождения.",
         [("Очиров", "Бадма", None)]),
        ("Гражданин Ганы Кваме Асанте погиб в зоне СВО.", [("Асанте", "Кваме", None)]),
        ("В Саратове простились со старшим сержантом Александрой Владимировной Мельник. Она "
         "погибла 9 марта в зоне СВО.", [("Мельник", "Александра", "Владимировна")]),
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


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Вчера простились с рядовым Иваном Петровичем Сидоровым.",
         {"last_name": "Сидоровым", "first_name": "Иваном", "patronymic": "Петровичем"}),
        ("Погиб Сидоров Иван Петрович, 1990 г.р.",
         {"last_name": "Сидоров", "first_name": "Иван", "patronymic": "Петрович"}),
        ("Сидоров И.П., рядовой, погиб 2 января 2024 года.",
         {"last_name": "Сидоров", "first_name": "И.", "patronymic": "П."}),
        ("Погиб Ермаков Д. С., рядовой.",
         {"last_name": "Ермаков", "first_name": "Д.", "patronymic": "С."}),
        ("🕯 СИДОРЕНКО Павел Юрьевич, 1983 г.р., погиб 18 января.",
         {"last_name": "СИДОРЕНКО", "first_name": "Павел", "patronymic": "Юрьевич"}),
        ("Гражданин Колумбии Хосе Луис Перес Гарсия погиб 2 июня.",
         {"last_name": "Перес Гарсия", "first_name": "Хосе Луис"}),
        ("Private Ivan Petrov, 34, from Buryatia was killed on May 14.",
         {"last_name": "Petrov", "first_name": "Ivan"}),
    ],
)
def test_each_name_part_points_at_its_own_words(text: str, parts: dict[str, str]) -> None:
    (person,) = extract(text, published=PUB).persons
    got = {f: text[s:e] for f, (s, e) in person.spans.items()
           if f in ("last_name", "first_name", "patronymic")}
    assert got == parts


@pytest.mark.parametrize(
    ("text", "full_name", "surface"),
    [
        ("Вчера простились с рядовым Иваном Петровичем Сидоровым.", "Иван Петрович Сидоров",
         "Иваном Петровичем Сидоровым"),
        ("Подтверждена гибель Алексея Смирнова в зоне СВО.", "Алексей Смирнов",
         "Алексея Смирнова"),
        ("В Саратове простились со старшим сержантом Александрой Владимировной Мельник.",
         "Александра Владимировна Мельник", "Александрой Владимировной Мельник"),
        ("Погиб Сидоров Иван Петрович, 1990 г.р.", "Сидоров Иван Петрович",
         "Сидоров Иван Петрович"),
        ("Сидоров И.П., рядовой, погиб 2 января 2024 года.", "Сидоров И.П.", "Сидоров И.П."),
        ("🕯 СИДОРЕНКО Павел Юрьевич погиб 18 января.", "Сидоренко Павел Юрьевич",
         "СИДОРЕНКО Павел Юрьевич"),
    ],
)
def test_full_name_is_nominative_and_its_span_the_surface(text: str, full_name: str,
                                                          surface: str) -> None:
    (person,) = extract(text, published=PUB).persons
    start, end = person.spans["full_name"]
    assert (person.full_name, text[start:end]) == (full_name, surface)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Рядовой Монгуш Айдыс Оюн-оолович погиб 13 сентября. Айдыс Оюн-оолович служил в "
         "55-й бригаде.", [("Монгуш", "Айдыс", "Оюн-Оолович")]),
        ("Погиб Сидоров Иван Петрович. Иван Петрович был мобилизован в 2022 году.",
         [("Сидоров", "Иван", "Петрович")]),
        ("Сегодня простились с Очировым Бадмой Цыреновичем. Бадма Цыренович служил в "
         "Кяхте.", [("Очиров", "Бадма", "Цыренович")]),
        ("Погибли Иван Петрович Сидоров и Иван Сергеевич Орлов. Иван Сергеевич служил "
         "в Туве.", [("Сидоров", "Иван", "Петрович"), ("Орлов", "Иван", "Сергеевич")]),
        # the same first name and patronymic with another surname is another man
        ("Погибли Иван Петрович Сидоров и Иван Петрович Орлов.",
         [("Сидоров", "Иван", "Петрович"), ("Орлов", "Иван", "Петрович")]),
    ],
)
def test_first_name_and_patronymic_refer_back_to_the_same_man(
        text: str, names: list[tuple[str, str, str | None]]) -> None:
    got = [(p.last_name, p.first_name, p.patronymic) for p in extract(text, published=PUB).persons]
    assert got == names


def test_fact_after_a_first_name_and_patronymic_goes_to_the_man() -> None:
    text = ("Рядовой Монгуш Айдыс Оюн-оолович погиб 13 сентября. Айдыс Оюн-оолович служил в "
            "55-й бригаде.")
    (person,) = extract(text, published=PUB).persons
    assert person.unit == "55-я бригада"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Гражданин Непала Рам Бахадур Тапа погиб в Запорожской области.",
         ("Тапа", "Рам Бахадур")),
        ("Гражданин Сирии Ахмад аль-Хасан погиб в ноябре 2024 года.", ("аль-Хасан", "Ахмад")),
        ("Гражданин Непала Бикаш Раи погиб в марте.", ("Раи", "Бикаш")),
        ("Кубинец Яндри Родригес Фернандес погиб 11 ноября.", ("Родригес Фернандес", "Яндри")),
        ("Гражданин Шри-Ланки Нуван Перера подписал контракт и погиб.", ("Перера", "Нуван")),
    ],
)
def test_foreign_names(text: str, name: tuple[str, str]) -> None:
    got = [(p.last_name, p.first_name) for p in extract(text, published=PUB).persons]
    assert got == [name]
