"""Attach facts to persons: the person named in the fact's own clause, else the nearest mention
in the same sentence, else the person in focus.

A clause is a stretch of a sentence between commas, semicolons, colons, dashes, «и»/"and" and
line breaks, with a parenthesis kept whole: in «рядовой Федоров (1990), ефрейтор Ильин (1985)»
each year belongs to the name in its own clause. A sentence that speaks of several at once
(«Оба — жители Башкирии», "Both were mobilised") gives its facts to everyone, except facts
that sit in a clause of their own person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from tally.extract.text import Sentences

_ALL = re.compile(
    r"(?<![а-яёa-z])(?:оба|обе|все\s+трое|все\s+двое|все|двое|трое|двух|трёх|трех|троих|"
    r"четверо|both|all\s+three|all\s+of\s+them|two|three)(?![а-яёa-z])",
    re.I,
)
_CLAUSE_CUT = re.compile(r"[,;:]|\s[—–-]\s|\s(?:и|а|and)\s|\n")


@dataclass(slots=True)
class Anchor:
    """Where a person is named in the text (full mentions and back-references)."""

    person: int
    start: int
    end: int


def clause_bounds(text: str, s0: int, s1: int, pos: int) -> tuple[int, int]:
    """The clause of sentence ``[s0, s1)`` around ``pos``; parentheses are not cut."""
    depth = 0
    cuts: list[int] = []
    for m in re.finditer(r"[()]|" + _CLAUSE_CUT.pattern, text[s0:s1]):
        tok = m.group(0)
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            cuts.append(s0 + m.start())
            cuts.append(s0 + m.end())
    i = bisect_right(cuts, pos)
    lo = cuts[i - 1] if i > 0 else s0
    hi = cuts[i] if i < len(cuts) else s1
    if i % 2 == 1:  # inside a cut mark itself
        return pos, pos
    return lo, hi


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

    def sentence_of(self, pos: int) -> tuple[int, int]:
        return self.sentences.bounds(self.sentences.index(pos))

    def owners(self, start: int, end: int) -> list[tuple[int, float]]:
        """Persons a fact at [start, end) belongs to, with a confidence factor."""
        if not self.anchors:
            return []
        if self.n_persons == 1:
            return [(self.anchors[0].person, 1.0)]
        s0, s1 = self.sentence_of(start)
        same = [a for a in self.anchors if s0 <= a.start < s1]
        c0, c1 = clause_bounds(self.text, s0, s1, start)
        own = [a for a in same if c0 <= a.start < c1 and not (a.start <= start < a.end)]
        if own:
            before = [a for a in own if a.end <= start]
            best = before[-1] if before else own[0]
            return [(best.person, 0.9)]
        every = _ALL.search(self.text, s0, s1)
        if every and (not same or start >= every.start() or c0 <= every.start() < c1):
            return [(p, 0.8) for p in sorted({a.person for a in self.anchors})]
        if same:
            def dist(a: Anchor) -> float:
                if a.end <= start:
                    gap = self.text[a.end:start]
                    penalty = 2.0 if re.search(r"[;:]|\s(?:и|а|and)\s", gap) else 1.0
                    return (start - a.end) * penalty
                ahead = self.text[end:a.start]
                cut = re.search(r"[,;]|\s(?:и|and)\s", ahead)
                return (a.start - end) * (6.4 if cut else 1.6)

            best = min(same, key=dist)
            return [(best.person, 0.85)]
        before = [a for a in self.anchors if a.end <= start]
        if before:
            return [(before[-1].person, 0.6)]
        return [(self.anchors[0].person, 0.5)]
