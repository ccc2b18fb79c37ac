"""Name mentions in a text: natasha's PER spans (Russian) or capitalised runs (English), with
rank words stripped, lemmatised, and filtered: relatives, officials and journalists are not the
dead person unless the clause says they died.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from tally.extract.roles import case_hint, died_later, gender_hint, keep, possessor
from tally.names.morph import NameParts, lemmatize_name
from tally.names.ranks import is_rank_word


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    surface: str
    parts: NameParts
    dropped: bool = False  # a relative, official or journalist: not a person to report
    part_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each of last_name, first_name, patronymic is written in the text."""
    full: str | None = None
    """The whole name in the nominative, in the order written (``surface`` when None)."""


_TOKEN = re.compile(
    r"[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})*(?![а-яё])|"
    r"(?:(?<![\w-])(?:аль|эль|ибн|бин|абу)-)?"
    r"[А-ЯЁA-Z][а-яёa-z]*(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]*)*\.?|[А-ЯЁA-Z]\."
)
_INITIALS_NAME = re.compile(r"(?P<n>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)")
_UPPER_NAME = re.compile(
    r"(?P<n>[А-ЯЁ]{3,}(?:-[А-ЯЁ]{2,})?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|ич))"
)
_TRIPLE = re.compile(
    r"(?P<n>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+"
    r"[А-ЯЁ][а-яё]+(?:-[а-яё]+)?(?:вич|вна|ична|ич)(?:а|у|ем|ом|е|ы|ой)?)"
)
def _tokens(surface: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _TOKEN.finditer(surface)]


def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip rank words and stray words from a candidate span; None when nothing is left."""
    cut = re.search(r"\s[—–-]\s|,|\n", text[start:end])
    if cut:
        end = start + cut.start()
    toks = _tokens(text[start:end])
    while toks and (
        is_rank_word(toks[0][1])
        or toks[0][1].lower() in {"гвардии", "the"}
        or (len(toks) > 2 and _not_name_word(toks[0][1]))
    ):
        toks.pop(0)
    while toks and is_rank_word(toks[-1][1]):
        toks.pop()
    if not toks:
        return None
    s = start + toks[0][0]
    last_off, last_tok = toks[-1]
    e = start + last_off + len(last_tok)
    if last_tok.endswith(".") and not re.fullmatch(r"[А-ЯЁA-Z]\.", last_tok):
        e -= 1
    return s, e


def _not_name_word(word: str) -> bool:
    """A capitalised word that is no part of a name: «Вспоминаем», «Омска», «ФСБ», «Эл»."""
    from tally.names.morph import _analyzer, _parses

    if word.isupper() and len(word) <= 4:
        return True
    if len(word) <= 2:
        return True
    parses = _parses(word)
    if any(t in p.tag for p in parses[:3] for t in ("Name", "Surn", "Patr")):
        return False
    if any("Geox" in p.tag and p.tag.case == "nomn" for p in parses[:3]):
        return False  # «Рам Бахадур Тапа»: a foreign name that is also a place's nominative
    return bool(_analyzer().word_is_known(word.lower()))


def ru_mentions(text: str) -> list[NameMention]:
    from tally.extract.nlp import ner_spans

    spans: list[tuple[int, int]] = [(s.start, s.end) for s in ner_spans(text) if s.type == "PER"]
    for rx in (_UPPER_NAME, _INITIALS_NAME, _TRIPLE):
        for m in rx.finditer(text):
            s, e = m.start("n"), m.end("n")
            spans = [sp for sp in spans if not (s <= sp[0] and sp[1] <= e)]
            if not any(sp[0] <= s and e <= sp[1] for sp in spans):
                spans.append((s, e))
    out = []
    for start, end in _merge_adjacent(text, sorted(spans)):
        cleaned = clean_span(text, start, end)
        if cleaned is None:
            continue
        s, e = cleaned
        words, places = _words(text, s, e)
        parts = lemmatize_name(words, gender_hint=gender_hint(text, s, e),
                               case_hint=case_hint(text, s))
        where = _part_spans(parts, places)
        out.append(NameMention(s, e, text[s:e], parts, part_spans=where,
                               full=nominative_full(parts, where)))
    return mark_dropped(text, out, english=False)


def _words(text: str, s: int, e: int) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The name's words (initials merged: «И.П.») and where each is (an initial each)."""
    words: list[str] = []
    places: list[list[tuple[int, int]]] = []
    upper = any(w.isupper() and len(w) > 2 for _, w in _tokens(text[s:e]))
    for off, w in _tokens(text[s:e]):
        start = s + off
        if re.fullmatch(r"[А-ЯЁ]\.", w):
            if words and re.fullmatch(r"(?:[А-ЯЁ]\.)+", words[-1]):
                words[-1] += w
                places[-1].append((start, start + 2))
                continue
        else:
            w = w.rstrip(".")
        if upper and w.isupper() and len(w) > 2:
            w = w.title()
        words.append(w)
        places.append([(start, start + len(w))])
    return words, places


def _part_spans(parts: NameParts,
                places: list[list[tuple[int, int]]]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    used: dict[int, int] = {}  # initials: the next letter of a merged «И.П.» token
    for name, idx in zip(("last_name", "first_name", "patronymic"), parts.where, strict=True):
        if not idx or any(i >= len(places) for i in idx):
            continue
        if len(idx) == 1 and len(places[idx[0]]) > 1:
            k = used.get(idx[0], 0)
            used[idx[0]] = k + 1
            out[name] = places[idx[0]][min(k, len(places[idx[0]]) - 1)]
            continue
        out[name] = (places[idx[0]][0][0], places[idx[-1]][-1][1])
    return out


def nominative_full(parts: NameParts, spans: dict[str, tuple[int, int]]) -> str | None:
    """The nominative parts in the order the text writes them («Сидоров И.П.»)."""
    values = {"last_name": parts.last, "first_name": parts.first, "patronymic": parts.patronymic}
    order = sorted((span, values[name]) for name, span in spans.items() if values[name])
    out = ""
    for _, value in order:
        assert value is not None
        glue = "" if out.endswith(".") and re.fullmatch(r"[А-ЯЁA-Z]\.", value) else " "
        out = f"{out}{glue}{value}" if out else value
    return out or None


def mark_dropped(text: str, mentions: list[NameMention], *, english: bool) -> list[NameMention]:
    """Mark officials, journalists and relatives (see :mod:`tally.extract.roles`)."""
    out: list[NameMention] = []
    for i, m in enumerate(mentions):
        prev = mentions[i - 1] if i > 0 else None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        prev_poss = prev is not None and possessor(text, prev.start, prev.parts.case)
        if possessor(text, m.start, m.parts.case) or keep(
            text, m, m.parts.gender, prev, nxt, english=english, prev_possessor=prev_poss
        ):
            out.append(m)
            continue
        others = [(o.start, o.end) for o in mentions if o is not m and not _same_person(o, m)]
        if died_later(text, m.parts.first, m.end, others):
            out.append(m)
            continue
        out.append(NameMention(m.start, m.end, m.surface, m.parts, dropped=True))
    return out


def _merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans natasha split inside one name («Александрой Владимировной | Мельник»)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and re.fullmatch(r"[ \t]+", text[out[-1][1]:s]) and \
                len(text[out[-1][0]:e].split()) <= 3 and \
                re.search(r"(?:вич|вн|ичн)[а-яё]{0,3}$", text[out[-1][0]:out[-1][1]]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _same_person(a: NameMention, b: NameMention) -> bool:
    pa, pb = a.parts, b.parts
    if pa.last and pb.last and pa.last[:4].casefold() != pb.last[:4].casefold():
        return False
    return not (pa.first and pb.first and pa.first[:3].casefold() != pb.first[:3].casefold())


@cache
def _key_fn() -> object | None:
    try:
        from tally.names import keys  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    return getattr(keys, "name_key", None)
