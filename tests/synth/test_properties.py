"""Invariants of generated names, dates and typos (Hypothesis)."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tally.synth.inflect import CASES, inflect_first_name, inflect_surname
from tally.synth.names_ethnic import ETHNIC
from tally.synth.names_ru import MALE_FIRST
from tally.synth.patronymic import patronymic
from tally.synth.people import PopulationGenerator
from tally.synth.timeline import END, START
from tally.synth.typos import typo

CYRILLIC = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[а-яё]+)?$")
FATHERS = sorted({n for n, _ in MALE_FIRST} | {f for g in ETHNIC.values() for f in g.fathers})


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_generated_names_are_cyrillic(seed: int) -> None:
    for p in PopulationGenerator(seed).people(40):
        assert CYRILLIC.match(p.last_name), p
        if p.citizenship in ("RU", "BY", "UA", "TJ", "UZ", "KZ"):
            assert CYRILLIC.match(p.patronymic), p
        assert START <= p.death <= END
        assert 18 <= p.age <= 63
        for case in CASES:
            assert CYRILLIC.match(inflect_surname(p.last_name, p.sex, case))
            assert CYRILLIC.match(inflect_first_name(p.first_name, p.sex, case))


@given(father=st.sampled_from(FATHERS), sex=st.sampled_from(["M", "F"]))
def test_patronymic_is_cyrillic(father: str, sex: str) -> None:
    out = patronymic(father, sex)
    assert CYRILLIC.match(out)
    assert out.endswith(("ич", "на"))


@given(word=st.sampled_from(["Иванов", "Фёдоров", "Сергеевич", "Кузнецова", "Ли"]),
       seed=st.integers(min_value=0, max_value=10**6))
def test_typo_is_a_small_edit(word: str, seed: int) -> None:
    out = typo(word, random.Random(seed))
    assert out and out[0] == word[0]
    assert abs(len(out) - len(word)) <= 1
