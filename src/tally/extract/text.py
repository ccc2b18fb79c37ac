"""Sentence and clause boundaries and word tokens, by regular expression (fast)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SENT_END = re.compile(r"(?=[.!?…\n])"  # a cheap test first: most places are no sentence end
                       r"(?<![А-ЯЁA-Z]\.)(?<!\bг\.)(?<!\bс\.)(?<!\bд\.)(?<!\bп\.)(?<!\bг\.р\.)"
                       r"(?<!\bр\.)(?<!\bул\.)(?<!\bпос\.)(?<!\bсм\.)(?<!\bим\.)"
                       r"(?:[.!?…]+[\"»”)]*\s+|\n+)")
WORD = re.compile(r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]+)*")


@dataclass(frozen=True, slots=True)
class Sentences:
    """Start offsets of the sentences of a text."""

    starts: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, text: str) -> Sentences:
        starts = [0] + [m.end() for m in _SENT_END.finditer(text)]
        return cls(tuple(sorted(set(starts))), len(text))

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def bounds(self, idx: int) -> tuple[int, int]:
        end = self.starts[idx + 1] if idx + 1 < len(self.starts) else self.length
        return self.starts[idx], end
