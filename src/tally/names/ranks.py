"""Military and police ranks: find them in text in any case, name them in the nominative.

Ranks are stop-words for name recognition (natasha takes «Рядовой» for a surname), and a fact
of their own: the nominative rank and whether it is an officer's rank (лейтенант and above;
младший лейтенант is an officer, прапорщик and мичман are not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_ADJ = r"(?:ий|ой|его|ого|ему|ому|им|ым|ем|ом)"
_NOUN = r"(?:а|у|ом|е|ы|ов)?"
_FEM_A = r"(?:а|ы|е|у|ой)"

#: (nominative, regex of its forms, officer?) — longer ranks first.
_RU: tuple[tuple[str, str, bool], ...] = (
    ("генерал армии", rf"генерал{_NOUN}\s+армии", True),
    ("генерал-полковник", rf"генерал{_NOUN}-полковник{_NOUN}", True),
    ("генерал-лейтенант", rf"генерал{_NOUN}-лейтенант{_NOUN}", True),
    ("генерал-майор", rf"генерал{_NOUN}-майор{_NOUN}", True),
    ("контр-адмирал", rf"контр-адмирал{_NOUN}", True),
    ("вице-адмирал", rf"вице-адмирал{_NOUN}", True),
    ("капитан-лейтенант", rf"капитан{_NOUN}-лейтенант{_NOUN}", True),
    ("капитан 1 ранга", rf"капитан{_NOUN}\s+(?:1|первого)(?:-го)?\s+ранга", True),
    ("капитан 2 ранга", rf"капитан{_NOUN}\s+(?:2|второго)(?:-го)?\s+ранга", True),
    ("капитан 3 ранга", rf"капитан{_NOUN}\s+(?:3|третьего)(?:-го)?\s+ранга", True),
    ("младший лейтенант", rf"младш{_ADJ}\s+лейтенант{_NOUN}", True),
    ("старший лейтенант", rf"старш{_ADJ}\s+лейтенант{_NOUN}", True),
    ("младший сержант", rf"младш{_ADJ}\s+сержант{_NOUN}", False),
    ("старший сержант", rf"старш{_ADJ}\s+сержант{_NOUN}", False),
    ("старший прапорщик", rf"старш{_ADJ}\s+прапорщик{_NOUN}", False),
    ("старший мичман", rf"старш{_ADJ}\s+мичман{_NOUN}", False),
    ("старший матрос", rf"старш{_ADJ}\s+матрос{_NOUN}", False),
    ("главный корабельный старшина", rf"главн{_ADJ}\s+корабельн{_ADJ}\s+старшин{_FEM_A}", False),
    ("главный старшина", rf"главн{_ADJ}\s+старшин{_FEM_A}", False),
    ("подполковник", rf"подполковник{_NOUN}", True),
    ("полковник", rf"полковник{_NOUN}", True),
    ("лейтенант", rf"лейтенант{_NOUN}", True),
    ("капитан", rf"капитан{_NOUN}", True),
    ("майор", rf"майор{_NOUN}", True),
    ("адмирал", rf"адмирал{_NOUN}", True),
    ("генерал", rf"генерал{_NOUN}", True),
    ("прапорщик", rf"прапорщик{_NOUN}", False),
    ("мичман", rf"мичман{_NOUN}", False),
    ("старшина", rf"старшин{_FEM_A}", False),
    ("сержант", rf"сержант{_NOUN}", False),
    ("ефрейтор", rf"ефрейтор{_NOUN}", False),
    ("матрос", rf"матрос{_NOUN}", False),
    ("рядовой", r"рядов(?:ой|ого|ому|ым|ом|ые|ых|ыми)", False),
)

_EN: tuple[tuple[str, bool], ...] = (
    ("colonel general", True),
    ("lieutenant general", True),
    ("major general", True),
    ("lieutenant colonel", True),
    ("captain third rank", True),
    ("captain second rank", True),
    ("captain first rank", True),
    ("junior lieutenant", True),
    ("senior lieutenant", True),
    ("first lieutenant", True),
    ("second lieutenant", True),
    ("senior warrant officer", False),
    ("warrant officer", False),
    ("junior sergeant", False),
    ("senior sergeant", False),
    ("staff sergeant", False),
    ("lance corporal", False),
    ("lieutenant", True),
    ("colonel", True),
    ("captain", True),
    ("major", True),
    ("general", True),
    ("sergeant", False),
    ("corporal", False),
    ("private", False),
    ("sailor", False),
)

_OFFICER: dict[str, bool] = {name: off for name, _, off in _RU} | dict(_EN)


@dataclass(frozen=True, slots=True)
class RankHit:
    """A rank found in text: its span, nominative form and officer flag."""

    start: int
    end: int
    rank: str
    is_officer: bool


@cache
def _ru_pattern() -> re.Pattern[str]:
    alts = "|".join(f"(?P<r{i}>{rx})" for i, (_, rx, _) in enumerate(_RU))
    prefix = r"(?:гвардии\s+)?"
    return re.compile(rf"(?<![\w-]){prefix}(?:{alts})(?![\w-])", re.IGNORECASE)


@cache
def _en_pattern() -> re.Pattern[str]:
    alts = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name, _ in _EN)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


def find_ranks(text: str, *, english: bool = False) -> list[RankHit]:
    """Every rank in ``text`` (Russian in any case, or English), left to right."""
    out: list[RankHit] = []
    if english:
        for m in _en_pattern().finditer(text):
            name = " ".join(m.group(0).lower().split())
            out.append(RankHit(m.start(), m.end(), name, _OFFICER[name]))
        return out
    for m in _ru_pattern().finditer(text):
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        name = _RU[idx][0]
        out.append(RankHit(m.start(), m.end(), name, _RU[idx][2]))
    return out


def is_officer(rank: str) -> bool | None:
    """Officer flag of a nominative rank (``None`` when the rank is unknown)."""
    return _OFFICER.get(" ".join(rank.lower().split()))


@cache
def _stop_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"^(?:{_ru_pattern().pattern}|{_en_pattern().pattern}|гвардии)$", re.IGNORECASE
    )


def is_rank_word(word: str) -> bool:
    """True when ``word`` alone is (a form of) a rank word or «гвардии»."""
    w = word.strip(".,:;«»\"'()").lower()
    if not w:
        return False
    if w in {"гвардии", "младший", "старший", "младшего", "старшего", "младшим", "старшим",
             "главный", "junior", "senior", "lance", "staff", "first", "second", "warrant"}:
        return True
    return bool(_stop_pattern().match(w))
