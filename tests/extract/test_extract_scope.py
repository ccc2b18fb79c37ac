"""Who is the dead person, and which facts are theirs: roles, civilians, clause scope, negation."""

from __future__ import annotations

from datetime import date

import pytest

from tally.extract import extract

PUB = date(2024, 6, 1)


@pytest.mark.parametrize(
    ("text", "lang", "dead"),
    [
        ("Journalist Maria Ivanova, who covered the funeral, said Sergeant Pavel Kuznetsov died "
         "on 12 January.", "en", ["Kuznetsov"]),
        ("Governor Radiy Khabirov laid flowers at the grave of Ilnur Sabirov, who died in "
         "August.", "en", ["Sabirov"]),
        ("Kremlin spokesman Dmitry Peskov declined to comment on the death of Major General "
         "Vitaly Gerasimov.", "en", ["Gerasimov"]),
        ("Как сообщил глава района Алексей Ивашкин, рядовой Солбон Дашиев погиб 2 марта.", "ru",
         ["Дашиев"]),
        ("Жена Ильи Маркова Екатерина написала, что муж погиб 1 мая.", "ru", ["Марков"]),
        ("Жительница Горловки Ольга Симоненко погибла при обстреле рынка 21 января.", "ru", []),
        ("Russian shelling killed 58-year-old Hanna Kovalenko in Kherson on Tuesday.", "en", []),
        ("При ударе по Шебекино погиб водитель Андрей Литвинов. В тот же день в зоне СВО погиб "
         "рядовой Сергей Мальцев.", "ru", ["Мальцев"]),
    ],
)
def test_who_is_dead(text: str, lang: str, dead: list[str]) -> None:
    assert [p.last_name for p in extract(text, lang=lang, published=PUB).persons] == dead


def test_lone_first_name_in_a_relatives_post_has_low_confidence() -> None:
    persons = extract("Погиб мой брат Константин. Ему был 31 год.", published=PUB).persons
    assert [(p.last_name, p.first_name, p.age) for p in persons] == [(None, "Константин", 31)]
    assert persons[0].confidence["first_name"] < 0.5


def test_lone_first_name_without_death_is_not_a_person() -> None:
    assert extract("Константин рассказал о поездке в Кяхту.", published=PUB).persons == []


@pytest.mark.parametrize(
    ("text", "lang", "years"),
    [
        ("Погибли трое: рядовой Федоров Николай Иванович (1990), ефрейтор Ильин Дмитрий "
         "Сергеевич (1985) и сержант Бадмаев Саян Олегович (1979).", "ru",
         ["1990", "1985", "1979"]),
        ("The dead include Oleg Fedorov (1990), a mobilised man from Tver, and Igor Ilyin (1985), "
         "a contract soldier from Ryazan.", "en", ["1990", "1985"]),
    ],
)
def test_birth_years_stay_with_their_person(text: str, lang: str, years: list[str]) -> None:
    persons = extract(text, lang=lang, published=PUB).persons
    assert [str(p.birth_date) for p in persons] == years


def test_english_places_stay_with_their_person() -> None:
    text = ("The dead include Oleg Fedorov (1990), a mobilised man from Tver, and Igor Ilyin "
            "(1985), a contract soldier from Ryazan.")
    got = [(p.region, p.settlement) for p in extract(text, lang="en", published=PUB).persons]
    assert got == [("RU-TVE", "Tver"), ("RU-RYA", "Ryazan")]


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Андрей Ерёмин не был заключённым: он ушёл добровольцем. Погиб 5 апреля.", "volunteer"),
        ("Сергей Тимофеев не мобилизован, а добровольцем подписал контракт. Он погиб 14 июля.",
         "volunteer"),
        ("Никита Барышев был не контрактником, а срочником. Погиб 6 августа.", "conscript"),
    ],
)
def test_negated_channel_cue_is_ignored(text: str, channel: str) -> None:
    persons = extract(text, published=PUB).persons
    assert [p.channel.value if p.channel else None for p in persons] == [channel]


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [
        ("Ruslan Zakirov was born in 1993 in Naberezhnye Chelny. He was killed on March 3.", "en",
         "birth_date", "1993"),
        ("Ruslan Zakirov was born in 1993 in Naberezhnye Chelny. He was killed on March 3.", "en",
         "settlement", "Naberezhnye Chelny"),
        ("Bair Tsyrenov, a mobilised private from Ulan-Ude, was killed in October.", "en", "rank",
         "private"),
        ("Павел Сомов погиб в 2023 году.", "ru", "death_date", "2023"),
        ("Уроженец Оренбургской области Максим Гаврилов работал на стройке в Москве. Погиб 11 "
         "февраля.", "ru", "region", "RU-ORE"),
        ("Денис Шульгин жил в посёлке Пласт, был мобилизован, погиб 20 марта.", "ru", "settlement",
         "Пласт"),
        ("Глеб Носков из Кирова погиб 2 февраля, его похоронили в Москве.", "ru", "region",
         "RU-KIR"),
    ],
)
def test_fact(text: str, lang: str, field: str, value: str) -> None:
    person = extract(text, lang=lang, published=PUB).persons[0]
    got = getattr(person, field)
    assert (str(got) if got is not None else None) == value


def test_work_place_is_not_a_settlement() -> None:
    text = "Уроженец Оренбургской области Максим Гаврилов работал на стройке в Москве. Погиб."
    assert extract(text, published=PUB).persons[0].settlement is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Новости Бурятии. Рядовой Иван Петров погиб 14 мая в зоне СВО.", None),
        ("УЛАН-УДЭ, 5 мая. Рядовой Иван Петров погиб в зоне СВО.", None),
        ("Улан-Удэ — Рядовой Иван Петров погиб в зоне СВО.", None),
        ("Бурятия онлайн: рядовой Иван Петров погиб 14 мая.", None),
        ("По данным издания «Вести Башкортостана», Ильнур Сабиров погиб 2 мая.", None),
        ("УЛАН-УДЭ, 5 мая. Рядовой Иван Петров, житель Кяхты, погиб в зоне СВО.", "RU-BU"),
        ("Новости Бурятии. Уроженец Тувы Аян Монгуш погиб 14 мая.", "RU-TY"),
        ("Житель Бурятии Иван Петров погиб 14 мая.", "RU-BU"),
    ],
)
def test_the_outlets_place_is_not_the_soldiers_home(text: str, region: str | None) -> None:
    (person,) = extract(text, published=PUB).persons
    assert person.region == region


@pytest.mark.parametrize(
    "text",
    ["Ион Чобану подписал контракт в Москве осенью 2022 г., погиб 30 января.",
     "Хосе Перес, подписавший контракт с российской армией в Туле, погиб 2 ноября."],
)
def test_where_a_contract_was_signed_is_not_home(text: str) -> None:
    (person,) = extract(text, published=PUB).persons
    assert (person.region, person.settlement) == (None, None)
