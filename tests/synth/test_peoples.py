"""Name pools of peoples of Russia: derived surnames, long tails, clan names."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from tally.synth import peoples

CYRILLIC = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[а-яё]+)?$")


@pytest.mark.parametrize(("forebear", "group", "surname"), [
    ("Сафа", "tatar", "Сафин"),
    ("Хабибулла", "tatar", "Хабибуллин"),
    ("Яхья", "tatar", "Яхин"),
    ("Кутлугильде", "bashkir", "Кутлугильдин"),
    ("Кильдибай", "bashkir", "Кильдибаев"),
    ("Гарип", "tatar", "Гарипов"),
    ("Гали", "tatar", "Галиев"),
    ("Гаджи", "dagestani", "Гаджиев"),
    ("Магомед", "dagestani", "Магомедов"),
    ("Муса", "chechen", "Мусаев"),
    ("Цырен", "buryat", "Цыренов"),
    ("Батуй", "buryat", "Батуев"),
    ("Бадма", "buryat", "Бадмаев"),
    ("Юлдаш", "bashkir", "Юлдашев"),
    ("Кара-оол", "tuvan", None),
])
def test_derive(forebear: str, group: str, surname: str | None) -> None:
    assert peoples.derive(forebear, group) == surname


def test_pools_are_long_tailed_and_well_formed() -> None:
    groups = peoples.groups()
    assert set(groups) == {"tatar", "bashkir", "dagestani", "chechen", "buryat", "tuvan",
                           "ossetian"}
    for key, g in groups.items():
        assert len(set(g.surnames)) == len(g.surnames), key
        for name in (*g.surnames, *g.first, *g.fathers, *g.female):
            assert CYRILLIC.match(name), (key, name)
        assert len(g.first) >= 40, key
    for key in ("tatar", "bashkir", "dagestani", "chechen", "buryat"):
        assert len(groups[key].surnames) > 200, key
        assert not any(s.lower() in {"кужакужин", "цыренцыренов"} for s in groups[key].surnames)


def test_attested_derived_surnames_rank_before_unattested() -> None:
    g = peoples.groups()["tatar"]
    known = peoples.attested()
    head = 37  # the hand list of common Tatar surnames comes first
    ranks = [s.lower() in known for s in g.surnames[head:]]
    first_unattested = ranks.index(False)
    assert all(ranks[:first_unattested]) and not any(ranks[first_unattested:])


def test_tuvan_surnames_are_few_clans_with_mongush_first() -> None:
    sampler = peoples.samplers("tuvan").surname
    rng = random.Random(3)
    counts = Counter(sampler.pick(rng) for _ in range(20_000))
    top, n = counts.most_common(1)[0]
    assert top == "Монгуш"
    assert 0.08 < n / 20_000 < 0.25
    assert len(counts) <= 40


def test_common_surname_share_is_realistic() -> None:
    rng = random.Random(5)
    for key in ("tatar", "bashkir", "buryat", "chechen"):
        sampler = peoples.samplers(key).surname
        counts = Counter(sampler.pick(rng) for _ in range(20_000))
        share = counts.most_common(1)[0][1] / 20_000
        assert 0.005 < share < 0.04, (key, share)  # Сафин ~1.3 % of Tatars; was 1/16 each
