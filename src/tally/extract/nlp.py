"""natasha's models, loaded lazily once per process (they ship inside its wheels)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True, slots=True)
class NerSpan:
    start: int
    end: int
    type: str


@cache
def _models() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def ner_spans(text: str) -> list[NerSpan]:
    """natasha's NER spans (PER, LOC, ORG) of a Russian text."""
    from natasha import Doc

    segmenter, tagger = _models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [NerSpan(s.start, s.stop, s.type) for s in doc.spans]
