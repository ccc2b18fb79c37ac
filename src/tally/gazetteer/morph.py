"""Russian case forms of place names and adjectives, made with pymorphy3.

A name is a list of words. The words that agree with each other — leading adjectives, the head
noun, and adjectives right after it («Ростов Великий») — are put into each case together, in the
head's number; words after that stay as they are, as appositions do in official names
(«в Республике Саха (Якутия)», «Республики Марий Эл»). Because news also inflects appositions
(«в Республике Бурятии»), a second variant inflects every later place-name noun too. Hyphenated
words are left to pymorphy3, which inflects their last part («Ханты-Мансийском»).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse

CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct", "loc2")


@cache
def analyzer() -> MorphAnalyzer:
    """The shared pymorphy3 analyser (loaded on first use, about half a second)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _is_word(w: str) -> bool:
    return any(ch.isalpha() for ch in w)


def _pick(word: str, pos: str, number: str | None = None) -> Parse | None:
    """The nominative parse of ``word`` as part of speech ``pos``, place names first."""
    best: Parse | None = None
    best_score = -1
    for p in analyzer().parse(word):
        tag = p.tag
        if pos != tag.POS or tag.case != "nomn":
            continue
        if number is not None and tag.number not in (number, None):
            continue
        score = 0
        if "Geox" in tag:
            score += 4
        if "Name" in tag or "Surn" in tag or "Patr" in tag:
            score -= 4
        if pos == "ADJF" and "Poss" in tag:
            score += 1
        if score > best_score:
            best, best_score = p, score
    return best


def _inflect(p: Parse, case: str, number: str, gender: str | None) -> str | None:
    grammemes = {case}
    if p.tag.POS == "ADJF":
        grammemes.add(number)
        if number == "sing" and gender:
            grammemes.add(gender)
        if case == "accs" and (number == "plur" or gender == "masc"):
            grammemes.add("inan")  # place names are inanimate: «в Нижний Новгород»
    elif number == "plur" and p.tag.number == "sing":
        grammemes.add("plur")
    form = p.inflect(grammemes)
    if form is None and case == "loc2":
        return None
    if form is None and case != "nomn":
        form = p.inflect({case})
    return form.word if form is not None else None


def _group(words: list[str], start: int) -> tuple[list[int], Parse | None, dict[int, Parse]]:
    """The agreeing group that starts at ``start``: (indices, head parse, parse per index)."""
    parses: dict[int, Parse] = {}
    idx: list[int] = []
    i = start
    while i < len(words) and _is_word(words[i]):
        nxt_is_word = i + 1 < len(words) and _is_word(words[i + 1])
        adj = _pick(words[i], "ADJF") if nxt_is_word else None
        if adj is not None and (
            _pick(words[i], "NOUN") is None or _pick(words[i + 1], "NOUN") is not None
        ):
            parses[i] = adj
            idx.append(i)
            i += 1
            continue
        break
    if i >= len(words) or not _is_word(words[i]):
        return idx, None, parses
    number = None
    if idx:
        number = parses[idx[-1]].tag.number
    head = _pick(words[i], "NOUN", number) or _pick(words[i], "NOUN")
    if head is None:
        return idx, None, parses
    parses[i] = head
    idx.append(i)
    j = i + 1
    while j < len(words) and _is_word(words[j]):
        post = _pick(words[j], "ADJF")
        if post is None or _pick(words[j], "NOUN") is not None:
            break
        parses[j] = post
        idx.append(j)
        j += 1
    return idx, head, parses


def _case_forms(words: list[str], inflect_appositions: bool) -> set[str]:
    groups: list[tuple[list[int], Parse, dict[int, Parse]]] = []
    idx, head, parses = _group(words, 0)
    if head is None:
        return set()
    groups.append((idx, head, parses))
    if inflect_appositions:
        k = max(idx) + 1
        while k < len(words):
            if not _is_word(words[k]):
                k += 1
                continue
            g_idx, g_head, g_parses = _group(words, k)
            if g_head is not None and "Geox" in g_head.tag and "Fixd" not in g_head.tag:
                groups.append((g_idx, g_head, g_parses))
                k = max(g_idx) + 1
            else:
                k += 1
    out: set[str] = set()
    for case in CASES:
        new = list(words)
        ok = True
        for g_idx, g_head, g_parses in groups:
            number = "plur" if g_head.tag.number == "plur" else "sing"
            gender = g_head.tag.gender
            if any(g_parses[i].tag.number == "plur" for i in g_idx):
                number = "plur"
            for i in g_idx:
                w = _inflect(g_parses[i], case, number, gender)
                if w is None:
                    ok = False
                    break
                new[i] = w
            if not ok:
                break
        if ok:
            out.add(" ".join(new).lower())
    return out


def _hyphenated_noun_adjective(name: str) -> list[str] | None:
    """«Каменск-Шахтинский» → ["Каменск", "Шахтинский"]; None for other names."""
    parts = name.split("-")
    if " " in name or len(parts) != 2:
        return None
    if _pick(parts[0], "NOUN") is None or _pick(parts[1], "ADJF") is None:
        return None
    return parts


def case_forms(name: str) -> set[str]:
    """Lower-case case forms of a place name (with the name itself); never empty."""
    forms = {name.lower()}
    parts = _hyphenated_noun_adjective(name)
    if parts is not None:  # pymorphy3 would inflect only the last part
        forms |= {f.replace(" ", "-") for f in _case_forms(parts, inflect_appositions=False)}
        return forms
    words = name.replace("(", " ( ").replace(")", " ) ").split()
    forms |= _case_forms(words, inflect_appositions=False)
    forms |= _case_forms(words, inflect_appositions=True)
    return forms


def adjective_forms(adjective: str) -> set[str]:
    """All full forms (gender, number, case) of an adjective given in the masculine nominative."""
    p = _pick(adjective, "ADJF")
    if p is None:
        return {adjective.lower()}
    return {f.word for f in p.lexeme if f.tag.POS == "ADJF"}


def all_case_forms(names: Iterable[str]) -> set[str]:
    """Union of :func:`case_forms` over ``names``."""
    out: set[str] = set()
    for n in names:
        out |= case_forms(n)
    return out
