"""Attach facts to persons: nearest mention in the same sentence, else the person in focus.

A sentence that speaks of several at once («Оба — жители Башкирии», "Both were mobilised")
gives its facts to everyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tally.extract.text import Sentences

_ALL = re.compile(
    r"(?<![а-яёa-z])(?:оба|обе|все\s+трое|все\s+двое|все|двое|трое|двух|троих|both|"
    r"all\s+three|two|three)(?![а-яёa-z])",
    re.I,
)


@dataclass(slots=True)
class Anchor:
    """Where a person is named in the text (full mentions and back-references)."""

    person: int
    start: int
    end: int


@dataclass(slots=True)
class Assigner:
    text: str
    anchors: list[Anchor]
    sentences: Sentences = field(init=False)
    n_persons: int = 0

    def __post_init__(self) -> None:
        self.sentences = Sentences.of(self.text)
        self.anchors.sort(key=lambda a: a.start)
        self.n_persons = len({a.person for a in self.anchors})

    def owners(self, start: int, end: int) -> list[tuple[int, float]]:
        """Persons a fact at [start, end) belongs to, with a confidence factor."""
        if not self.anchors:
            return []
        if self.n_persons == 1:
            return [(self.anchors[0].person, 1.0)]
        sidx = self.sentences.index(start)
        s0, s1 = self.sentences.bounds(sidx)
        if _ALL.search(self.text[s0:s1]):
            return [(p, 0.8) for p in sorted({a.person for a in self.anchors})]
        same = [a for a in self.anchors if s0 <= a.start < s1]
        if same:
            def dist(a: Anchor) -> float:
                if a.end <= start:
                    gap = self.text[a.end:start]
                    penalty = 2.0 if re.search(r"[;:]|\s(?:и|а|and)\s", gap) else 1.0
                    return (start - a.end) * penalty
                return (a.start - end) * 1.6

            best = min(same, key=dist)
            return [(best.person, 0.85)]
        before = [a for a in self.anchors if a.end <= start]
        if before:
            return [(before[-1].person, 0.6)]
        return [(self.anchors[0].person, 0.5)]
