"""Russian surnames with a realistic, long-tailed frequency distribution.

Real Russian surnames are many and individually rare. Evidence used for the shape:

* Balanovskaya & Balanovsky, *Русский генофонд на Русской равнине* (2007), ch. 7: about
  14,000 distinct surnames (each with at least five bearers in a region) among ~1 million
  rural Russians, only 250 of them found in all five regions, and the list still growing with
  every new population studied;
* regional registry counts (FMS, Kemerovo oblast, ~2.7 million people, reported 2014):
  Иванов ~20,000 bearers (~0.7 %), Кузнецов ~14,000, Попов ~11,800, Васильев ~8,500 —
  the most common surname is around 1 % of the population, not 10 %.

The pool is the hand-ordered common surnames of :data:`tally.synth.names_ru.SURNAMES` (most
frequent first) followed by the masculine surnames of the OpenCorpora dictionary shipped with
``pymorphy3-dicts-ru`` (``data/surnames_opencorpora.txt``: lemmas tagged ``Surn,masc``,
CC BY-SA, opencorpora.org) in a fixed pseudo-random order. Weights follow a Zipf–Mandelbrot
law ``1 / (rank + OFFSET)``; with ~8,500 surnames the most common one is drawn for ~1.3 % of
men and a 200,000-person population shows several thousand distinct surnames. The real
tail is longer still (fewer collisions than here), so this pool errs on the hard side for
linkage.
"""

from __future__ import annotations

import random
from functools import cache
from importlib import resources

from tally.synth.names_ru import SURNAMES
from tally.synth.sampling import Weighted

#: Zipf–Mandelbrot offset: the top surname's share is 1 / ((1 + OFFSET) · H), H ≈ 6.7 here.
OFFSET = 10.0


@cache
def pool() -> tuple[str, ...]:
    """Every surname of the pool, in rank order (masculine nominative, capitalised)."""
    text = resources.files("tally.synth").joinpath("data/surnames_opencorpora.txt").read_text(
        "utf-8")
    head = list(dict.fromkeys(SURNAMES))
    known = {s.lower().replace("ё", "е") for s in head}
    tail = sorted({w.strip().capitalize() for w in text.split() if w.strip()}
                  - set(head))
    tail = [w for w in tail if w.lower().replace("ё", "е") not in known]
    random.Random("tally-synth:surname-tail").shuffle(tail)
    return (*head, *tail)


def weights(n: int, offset: float = OFFSET) -> list[float]:
    return [1.0 / (i + 1 + offset) for i in range(n)]


def sampler() -> Weighted[str]:
    names = pool()
    return Weighted(names, weights(len(names)))
