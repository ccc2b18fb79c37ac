"""Redaction of data about the living: a table of cases and a property over phone formats."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.privacy.redact import redact, redact_fields

CASES = [
    ("Звоните маме: +7 (912) 345-67-89.", ["+7 (912) 345-67-89"], "[телефон]"),
    ("тел. 8 912 345 67 89, 89123456789, 8-912-345-67-89", ["345 67 89", "89123456789",
                                                             "8-912-345-67-89"], "[телефон]"),
    ("Городской: 8 (3012) 45-67-89", ["45-67-89"], "[телефон]"),
    ("мобильный 912 345-67-89", ["345-67-89"], "[телефон]"),
    ("пишите ivanova.olga@mail.ru или olga_1990@yandex.ru", ["ivanova", "olga_1990"], "[email]"),
    ("Адрес: ул. Ленина, д. 5, кв. 12, Улан-Удэ", ["Ленина", "д. 5", "кв. 12"], "[адрес]"),
    ("проживал по адресу улица 50 лет Октября 3-12", ["Октября 3-12"], "[адрес]"),
    ("пр-т Мира, 10", ["Мира"], "[адрес]"),
    ("У него остались мать Ольга Ивановна и жена Мария.", ["Ольга", "Ивановна", "Мария"],
     "мать [имя]"),
    ("Соболезнования вдове Анне Петровой", ["Анне", "Петровой"], "вдове [имя]"),
    ("сына Дмитрия и дочь Анну", ["Дмитрия", "Анну"], "дочь [имя]"),
    ("His wife Anna and his mother Maria Smith were told.", ["Anna", "Maria", "Smith"],
     "wife [имя]"),
    ("Брат погибшего Алексей рассказал", ["Алексей"], "Брат погибшего [имя]"),
]

KEPT = [
    "Иванов Сергей Петрович, 1990 г.р., погиб 12 мая 2023 года.",
    "В/ч 12345, 200 человек, 37-я бригада.",
    "Родился 14.05.1990 в селе Кижинга Республики Бурятия.",
    "Погиб в 2023 году. Ему было 32 года.",
    "Мужчина служил по контракту с 2015 года.",
]


@pytest.mark.parametrize(("text", "gone", "present"), CASES)
def test_removed(text: str, gone: list[str], present: str) -> None:
    out = redact(text)
    assert out.changed
    for piece in gone:
        assert piece not in out.text
    assert present in out.text


@pytest.mark.parametrize("text", KEPT)
def test_kept(text: str) -> None:
    assert redact(text).text == text


def test_fields() -> None:
    record = {"text": "жена Мария, тел. 89123456789", "title": "Мать Ольга",
              "last_name": "Иванов", "age": 32}
    out = redact_fields(record)
    assert out["last_name"] == "Иванов" and out["age"] == 32
    assert "Мария" not in out["text"] and "89123456789" not in out["text"]
    assert "Ольга" not in out["title"]


SEP = st.sampled_from(["", " ", "-", " - ", "."])


@st.composite
def phones(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(st.sampled_from(["9", "3", "4", "8"])) + draw(
        st.text("0123456789", min_size=2, max_size=2))
    rest = draw(st.text("0123456789", min_size=7, max_size=7))
    prefix = draw(st.sampled_from(["+7", "8", "7", "+7 ", "8 ", "+ 7"]))
    s1, s2, s3 = draw(SEP), draw(SEP), draw(SEP)
    bracket = draw(st.booleans())
    area = f"({code})" if bracket else code
    joint = draw(st.sampled_from(["", " "])) if bracket else draw(SEP)
    number = f"{prefix}{joint}{area}{joint}{rest[:3]}{s1}{rest[3:5]}{s2}{rest[5:]}"
    del s3
    return number, code + rest


WORDS = st.lists(st.sampled_from(["Звоните", "по", "номеру", "call", "мать", "тел.", ":",
                                  "или", "пишите", "Иванов", "погиб", ","]), max_size=6)


@given(phones(), WORDS, WORDS)
@settings(max_examples=300, deadline=None)
def test_phones_always_removed(phone: tuple[str, str], before: list[str],
                               after: list[str]) -> None:
    number, digits = phone
    text = " ".join([*before, number, *after])
    out = redact(text).text
    assert number not in out
    assert digits not in re.sub(r"\D", "", out)
