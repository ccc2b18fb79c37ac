"""Finding region, capital and city mentions in free text (Russian or English).

The text is cut into word tokens (:mod:`tally.gazetteer.normalise`) and scanned left to right
against a token trie of every name form; at each word the longest form that fits is taken, and
matches never overlap. Rules:

* A match starts at the start of a word and ends at the end of a word; the parts of a
  hyphenated word are not words on their own, so «Тула» never matches in «Тулаев» or
  «Тула-Тулаев», and «Сахалин» not in «Южно-Сахалинск».
* Words of a multi-word name may be separated only by up to 3 non-word characters, with no line
  break («Республике Саха (Якутия)», "St. Petersburg").
* kind ``city`` and single-word Latin names need a capital first letter (so "perm" or «орёл» in
  lower case is not a place); kind ``adjective`` needs a lower-case first letter («курский
  губернатор», not the surname «Курский» or «Курская» starting a sentence).
* Names that are also common words, first names or surnames («Орёл», «Киров», «Курган»,
  «Владимир», «Артём», «Грозный», «Шахты», "Vladimir", declined «Одинцова» ...) are accepted only
  right after a place word: «из», «в», «во», «на», «под», «г.», «город…», «жител…»,
  «уроженец/уроженка…», «родом из», "from", "in", "of", "near", "city", "town", "native".
* Names that could mean more than one region («Мирный», «Советск», «Железногорск», "Altai") are
  not in the index at all (see :mod:`tally.gazetteer.index`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tally.gazetteer.index import Target, name_index
from tally.gazetteer.names import Kind
from tally.gazetteer.normalise import spans_and_tokens

HitKind = Literal["region", "city", "adjective"]

_PLACE_WORDS = frozenset(
    {"из", "в", "во", "на", "под", "г", "гор", "город", "города", "городе", "городу", "городом",
     "from", "in", "of", "near", "city", "town", "native"}
)
_PLACE_PREFIXES = ("жител", "уроженец", "уроженк", "уроженц", "урожен")
_MAX_GAP = 3
_HYPHENS = "-‐‑"


@dataclass(frozen=True, slots=True)
class RegionHit:
    """One mention: ``text[start:end] == surface``."""

    code: str
    start: int
    end: int
    surface: str
    kind: HitKind


def _after_place_word(norms: list[str], i: int) -> bool:
    if i == 0:
        return False
    prev = norms[i - 1]
    return prev in _PLACE_WORDS or prev.startswith(_PLACE_PREFIXES)


def _case_ok(target: Target, surface: str, n_tokens: int) -> bool:
    first = surface[0]
    if target.kind is Kind.ADJECTIVE:
        return first.islower()
    if target.kind is Kind.CITY or (target.latin and n_tokens == 1):
        return first.isupper()
    return True


def find_in_text(text: str) -> list[RegionHit]:
    """Region, capital and city mentions in ``text``, in order, with exact character spans."""
    index = name_index().text
    starts, ends, norms = spans_and_tokens(text)
    hits: list[RegionHit] = []
    n = len(norms)
    i = 0
    while i < n:
        candidates = index.get(norms[i])
        if candidates is None:
            i += 1
            continue
        start = starts[i]
        if start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum():
            i += 1
            continue
        taken = 0
        for key, target in candidates:
            length = len(key)
            if i + length > n or tuple(norms[i:i + length]) != key:
                continue
            end = ends[i + length - 1]
            if end < len(text) - 1 and text[end] in _HYPHENS and text[end + 1].isalnum():
                continue
            if not all(_gap_ok(text, ends[j], starts[j + 1])
                       for j in range(i, i + length - 1)):
                continue
            if end < len(text) and text[end] == ")" and "(" in text[start:end]:
                end += 1  # «Республике Саха (Якутия)»: close the bracket the name opened
            surface = text[start:end]
            if not _case_ok(target, surface, length):
                continue
            if target.needs_context and not _after_place_word(norms, i):
                continue
            hits.append(RegionHit(target.code, start, end, surface, _label(target.kind)))
            taken = length
            break
        i += taken or 1
    return hits


def _gap_ok(text: str, a: int, b: int) -> bool:
    return b - a <= _MAX_GAP and "\n" not in text[a:b]


def _label(kind: Kind) -> HitKind:
    if kind is Kind.REGION:
        return "region"
    if kind is Kind.CITY:
        return "city"
    return "adjective"
