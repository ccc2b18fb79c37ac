"""The synthetic surname pool is long-tailed like real Russian surnames."""

from __future__ import annotations

import random
from collections import Counter

from tally.synth import surnames
from tally.synth.names_ru import SURNAMES


def test_pool_is_large_unique_and_keeps_the_common_head() -> None:
    pool = surnames.pool()
    assert len(pool) > 8_000
    assert len(set(pool)) == len(pool)
    head = tuple(dict.fromkeys(SURNAMES))
    assert pool[: len(head)] == head
    assert all(s[:1].isupper() for s in pool)
    assert pool == surnames.pool()  # deterministic


def test_most_common_surname_is_about_one_percent() -> None:
    sampler = surnames.sampler()
    rng = random.Random(1)
    counts = Counter(sampler.pick(rng) for _ in range(100_000))
    top, n = counts.most_common(1)[0]
    assert top == "Иванов"
    assert 0.008 < n / 100_000 < 0.018  # ~1.2 %; the old pool gave 10 %
    assert len(counts) > 5_000  # tens of distinct surnames per hundred persons


def test_weights_fall_with_rank() -> None:
    w = surnames.weights(100)
    assert w == sorted(w, reverse=True)
    assert w[0] == 1 / (1 + surnames.OFFSET)
