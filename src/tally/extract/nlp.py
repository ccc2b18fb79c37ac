"""natasha's NER model, loaded lazily once per process (it ships inside natasha's wheels).

The tagger is called on the text directly: natasha's ``Doc.segment`` (razdel tokens and
sentences) only serves to attach tokens to the spans afterwards, which extraction does not use,
so it is skipped. A text with no capitalised Cyrillic word after its first word and no death
word cannot hold a person to report, and is not tagged at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class NerSpan:
    start: int
    end: int
    type: str


#: a capitalised Cyrillic word that does not start the text
_INNER_CAP = re.compile(r"(?<=[^\s])\s+[«\"(]?[А-ЯЁ][а-яёА-ЯЁ]")
_DEATH_WORD = re.compile(r"погиб|гибел|убит|скончал|умер|смерт|памят|похорон|простил|пал\b",
                         re.IGNORECASE)


@cache
def _tagger() -> Any:
    """natasha's NER tagger, with numpy's BLAS held to one thread in this process: its
    matrices are small, and on a 2-core machine shared with other work the BLAS threads spin
    and make NER 10-20x slower (measured by benchmarks/extract.py)."""
    from natasha import NewsEmbedding, NewsNERTagger
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    return NewsNERTagger(NewsEmbedding())


def may_name_someone(text: str) -> bool:
    """False for a text with no inner capitalised Cyrillic word and no death word."""
    return bool(_INNER_CAP.search(text) or _DEATH_WORD.search(text))


def ner_spans(text: str) -> list[NerSpan]:
    """natasha's NER spans (PER, LOC, ORG) of a Russian text."""
    if not text.strip() or not may_name_someone(text):
        return []
    markup = _tagger()(text)
    return [NerSpan(s.start, s.stop, s.type) for s in markup.spans]


def clear_word_caches() -> None:
    """Empty the per-word caches (pymorphy3 parses, inflections), as in a fresh process; the
    loaded models stay. Benchmarks call it so that repeated passes over the same texts are not
    timed with every word already looked up."""
    from tally.extract import places
    from tally.names import morph

    morph._parses.cache_clear()
    morph._tagged.cache_clear()
    morph._inflect.cache_clear()
    places._parses.cache_clear()
    places._settlement_lemma.cache_clear()
