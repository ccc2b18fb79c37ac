"""extract() never crashes, and spans are inside the text (name parts inside the whole name)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tally.extract import extract

_PIECES = st.sampled_from([
    "Рядовой ", "Иван ", "Петрович ", "Сидоров ", "погиб ", "14 мая ", "2024 ", "г.р. ",
    "мобилизован ", "уроженец Бурятии ", "Ему было 34 года. ", "«Шторм Z» ", "в/ч 12345 ",
    "гражданин Непала ", "Private ", "Ivan Petrov, 34, ", "was killed ", "\n", "🕯", "—", ".",
    "Смирновой ", "Анна ", "(10.05.1996 – 11.08.2024) ", "И.П. ", "мать ", "Глава района ",
])


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=40).map("".join)),
    st.sampled_from(["auto", "ru", "en"]),
    st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1))),
)
def test_never_crashes_and_spans_are_inside(text: str, lang: str, published: date | None) -> None:
    result = extract(text, lang=lang, published=published)
    for person in result.persons:
        for field, (start, end) in person.spans.items():
            assert 0 <= start <= end <= len(text), field
            assert 0.0 <= person.confidence[field] <= 1.0
        if "full_name" in person.spans:
            start, end = person.spans["full_name"]
            for part in ("last_name", "first_name", "patronymic"):
                if part in person.spans:  # each part lies inside the whole name
                    s, e = person.spans[part]
                    assert start <= s < e <= end, part
