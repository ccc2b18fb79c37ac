"""find_in_text: mentions with exact spans, the context and capitalisation rules, invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.gazetteer import RegionHit, find_in_text

Hit = tuple[str, str, str]  # code, surface, kind

CASES: list[tuple[str, list[Hit]]] = [
    ("уроженец Бурятии", [("RU-BU", "Бурятии", "region")]),
    ("житель Курской области", [("RU-KRS", "Курской области", "region")]),
    ("Родился в Республике Саха (Якутия).", [("RU-SA", "Республике Саха (Якутия)", "region")]),
    ("из Ставропольского края", [("RU-STA", "Ставропольского края", "region")]),
    ("служил в Приморье, жил на Кубани",
     [("RU-PRI", "Приморье", "region"), ("RU-KDA", "Кубани", "region")]),
    ("Забайкалье, Ямал и Югра", [("RU-ZAB", "Забайкалье", "region"),
                                 ("RU-YAN", "Ямал", "region"), ("RU-KHM", "Югра", "region")]),
    ("из Чечни; Чеченской Республики", [("RU-CE", "Чечни", "region"),
                                       ("RU-CE", "Чеченской Республики", "region")]),
    ("мобилизован в ДНР, погиб в ЛНР", [("UA-14", "ДНР", "region"), ("UA-09", "ЛНР", "region")]),
    ("из Улан-Удэ", [("RU-BU", "Улан-Удэ", "city")]),
    ("в Екатеринбурге", [("RU-SVE", "Екатеринбурге", "city")]),
    ("жителя Магнитогорска", [("RU-CHE", "Магнитогорска", "city")]),
    ("родом из Кызыла", [("RU-TY", "Кызыла", "city")]),
    ("из Махачкалы", [("RU-DA", "Махачкалы", "city")]),
    ("в Нижнем Новгороде", [("RU-NIZ", "Нижнем Новгороде", "city")]),
    ("в Набережных Челнах", [("RU-TA", "Набережных Челнах", "city")]),
    ("из Ростова-на-Дону", [("RU-ROS", "Ростова-на-Дону", "city")]),
    ("из Каменска-Шахтинского", [("RU-ROS", "Каменска-Шахтинского", "city")]),
    ("в Каменске-Уральском", [("RU-SVE", "Каменске-Уральском", "city")]),
    ("в Петропавловске-Камчатском", [("RU-KAM", "Петропавловске-Камчатском", "city")]),
    ("из Тольятти и Сочи", [("RU-SAM", "Тольятти", "city"), ("RU-KDA", "Сочи", "city")]),
    ("Ханты-Мансийский автономный округ — Югра",
     [("RU-KHM", "Ханты-Мансийский автономный округ — Югра", "region")]),
    ("в Москве и Московской области",
     [("RU-MOW", "Москве", "region"), ("RU-MOS", "Московской области", "region")]),
    ("из Санкт-Петербурга и Ленинградской области",
     [("RU-SPE", "Санкт-Петербурга", "region"), ("RU-LEN", "Ленинградской области", "region")]),
    ("Республика Алтай и Алтайский край",
     [("RU-AL", "Республика Алтай", "region"), ("RU-ALT", "Алтайский край", "region")]),
    ("Тюменская область, ХМАО и ЯНАО", [("RU-TYU", "Тюменская область", "region"),
                                       ("RU-KHM", "ХМАО", "region"),
                                       ("RU-YAN", "ЯНАО", "region")]),
    ("курский губернатор", [("RU-KRS", "курский", "adjective")]),
    ("бурятский военный", [("RU-BU", "бурятский", "adjective")]),
    # English
    ("a soldier from Buryatia", [("RU-BU", "Buryatia", "region")]),
    ("a resident of the Kursk region", [("RU-KRS", "Kursk region", "region")]),
    ("born in St. Petersburg", [("RU-SPE", "St. Petersburg", "region")]),
    ("from Ulan-Ude", [("RU-BU", "Ulan-Ude", "city")]),
    ("Republic of North Ossetia – Alania", [("RU-SE", "Republic of North Ossetia – Alania",
                                              "region")]),
    # ambiguous one-word names need a place word before them
    ("Орёл летал над полем", []),
    ("уроженец г. Орла", [("RU-ORL", "Орла", "city")]),
    ("в городе Орле", [("RU-ORL", "Орле", "city")]),
    ("Иван Орлов", []),
    ("Владимир Петров", []),
    ("Владимир Петров из Владимира", [("RU-VLA", "Владимира", "city")]),
    ("Курган и Киров", []),
    ("жители Кургана", [("RU-KGN", "Кургана", "city")]),
    ("грозный вид", []),
    ("из Грозного", [("RU-CE", "Грозного", "city")]),
    ("Артём Сидоров", []),
    ("Одинцова Анна из Одинцово", [("RU-MOS", "Одинцово", "city")]),
    ("Vladimir Putin visited Kirov", []),
    ("a native of Kirov", [("RU-KIR", "Kirov", "region")]),
    # capitalisation rules
    ("Курская дуга", []),  # an adjective starting a sentence or a name is not counted
    ("Сергей Курский", []),
    ("perm wave", []),
    # never inside a longer word
    ("Тулаев", []),
    ("Тула-Тулаев", []),
    ("Южно-Сахалинск", [("RU-SAK", "Южно-Сахалинск", "city")]),
    ("Москва-река", []),
    ("Курскинский", []),
    ("Крымов", []),
    # multi-word names are not matched across line breaks
    ("Курской\nобласти", []),
    ("Республика\nБурятия", [("RU-BU", "Бурятия", "region")]),
]


def _triples(hits: list[RegionHit]) -> list[Hit]:
    return [(h.code, h.surface, h.kind) for h in hits]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_in_text(text: str, expected: list[Hit]) -> None:
    hits = find_in_text(text)
    assert _triples(hits) == expected
    for h in hits:
        assert text[h.start:h.end] == h.surface


def test_spans_in_a_longer_text() -> None:
    text = (
        "Стало известно о гибели Ивана Петрова (1990 г. р.) из Улан-Удэ. Он был уроженцем "
        "Республики Бурятия, служил в Ханты-Мансийске, а похоронен в Курской области."
    )
    hits = find_in_text(text)
    assert [h.code for h in hits] == ["RU-BU", "RU-BU", "RU-KHM", "RU-KRS"]
    assert all(text[h.start:h.end] == h.surface for h in hits)
    assert [h.start for h in hits] == sorted(h.start for h in hits)


def test_lowercased_text_finds_regions_but_not_cities() -> None:
    # Documented trade-off: cities need a capital letter, region names do not.
    assert _triples(find_in_text("из курской области, из улан-удэ")) == [
        ("RU-KRS", "курской области", "region")
    ]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes_and_spans_are_exact(text: str) -> None:
    hits = find_in_text(text)
    last_end = 0
    for h in hits:
        assert 0 <= h.start < h.end <= len(text)
        assert text[h.start:h.end] == h.surface
        assert h.start >= last_end  # ordered, non-overlapping
        last_end = h.end
        assert h.kind in ("region", "city", "adjective")


_WORDS = ["Бурятии", "Курской", "области", "из", "в", "Улан-Удэ", "Орла", "Тула", "ев",
          "-", " ", ", ", "\n", "Kursk", "region", "from", "Тулаев", "Москве", "(", ")"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_hits_start_and_end_on_word_boundaries(parts: list[str]) -> None:
    text = "".join(parts)
    for h in find_in_text(text):
        assert text[h.start:h.end] == h.surface
        before = text[h.start - 1] if h.start else " "
        after = text[h.end] if h.end < len(text) else " "
        assert not before.isalnum() and not after.isalnum()
        if before == "-":
            assert h.start < 2 or not text[h.start - 2].isalnum()
        if after == "-":
            assert h.end + 1 >= len(text) or not text[h.end + 1].isalnum()


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="абвгдежзиклмнопрстуфхцчшщыэюя", min_size=1, max_size=8))
def test_no_hit_inside_a_longer_word(suffix: str) -> None:
    for name in ("Тула", "Курск", "Москва", "Бурятия", "Курской области"):
        glued = name + suffix
        assert all(h.end - h.start <= len(glued) for h in find_in_text(glued))
        assert not any(h.end == len(name) for h in find_in_text(glued))
