"""natasha's NER: called on the text directly, and skipped on texts that cannot name anyone."""

from __future__ import annotations

import pytest

from tally.extract.nlp import clear_word_caches, may_name_someone, ner_spans
from tally.names import morph


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("погиб в зоне сво", True),  # a death word
        ("Вчера прошёл концерт, Иван пел.", True),  # a capitalised word after the first
        ("Скорбим. Вечная память", True),
        ("Вчера прошёл концерт.", False),
        ("all lower case english text", False),
        ("", False),
    ],
)
def test_may_name_someone(text: str, expected: bool) -> None:
    assert may_name_someone(text) is expected


def test_ner_finds_a_person_and_skips_a_text_without_one() -> None:
    text = "Вчера в Кяхте простились с Иваном Петровичем Сидоровым."
    per = [text[s.start:s.end] for s in ner_spans(text) if s.type == "PER"]
    assert per == ["Иваном Петровичем Сидоровым"]
    assert ner_spans("вчера прошёл концерт.") == []


def test_clear_word_caches_empties_the_parse_cache() -> None:
    morph._parses("Сидоров")
    assert morph._parses.cache_info().currsize > 0
    clear_word_caches()
    assert morph._parses.cache_info().currsize == 0
