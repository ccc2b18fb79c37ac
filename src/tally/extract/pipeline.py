"""``extract(text)``: persons and their facts from one post or page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from tally.extract.assign import Anchor, Assigner
from tally.extract.channel import find_channel_cues, resolve
from tally.extract.civilian import is_civilian
from tally.extract.dates import find_dates
from tally.extract.en_names import en_mentions
from tally.extract.facts import Hit, find_ages, find_citizenship, find_units
from tally.extract.persons import NameMention, _key_fn, ru_mentions
from tally.extract.places import find_regions, find_settlements, settlement_lemma
from tally.extract.result import ExtractionResult
from tally.extract.roles import death_pattern, died_after
from tally.model import Channel, MentionFacts, PartialDate
from tally.names.ranks import RankHit, find_ranks

_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")
_COUNT = re.compile(
    r"(?:погибл[аио]?|похоронили|гибели|пришли\s+извещения\s+о\s+гибели|killed|buried|dead|"
    r"deaths?\s+of|named\s+dead|не\s+назвав)[^.\n]{0,80}?(?<![\d,])(?P<n>\d{1,6}|трое|двое|"
    r"three|two)(?![\d,])\s*(?:[а-яёa-z]+\s+){0,2}?(?P<w>жител[а-яё]*|военнослужащ[а-яё]*|"
    r"человек[а-яё]*|участник[а-яё]*|бойц[а-яё]*|servicemen|men|soldiers|people)"
    r"|(?P<n2>\d{1,6})\s+(?:жителей|военнослужащих|участников|человек)[^.\n]{0,60}"
    r"(?:погибл|похорон)|(?:count|число)[^.\n]{0,40}?(?P<n3>\d{1,3}(?:,\d{3})+|\d+)",
    re.I,
)


def detect_lang(text: str) -> str:
    cyr = len(_CYR.findall(text[:5000]))
    lat = len(_LAT.findall(text[:5000]))
    return "ru" if cyr >= lat else "en"


def extract(text: str, *, lang: str = "auto", published: date | None = None) -> ExtractionResult:
    """Persons named in ``text`` as dead, with their facts, spans and confidences."""
    if lang not in ("auto", "ru", "en"):
        raise ValueError(f"lang must be ru, en or auto, not {lang!r}")
    if lang == "auto":
        lang = detect_lang(text)
    english = lang == "en"
    mentions = en_mentions(text) if english else ru_mentions(text)
    persons, anchors = _group(text, [m for m in mentions if not m.dropped])
    result = ExtractionResult()
    if not persons:
        note = _count_note(text)
        if note:
            result.notes.append(note)
        return result
    assigner = Assigner(text, anchors)
    sinks = [m for m in mentions if m.dropped]
    _attach_facts(text, english, published, persons, assigner, sinks)
    key_fn = _key_fn()
    for i, facts in enumerate(persons):
        own = sorted({assigner.sentence_of(a.start) for a in anchors if a.person == i})
        if is_civilian(facts, [text[s0:s1] for s0, s1 in own]):
            continue
        result.persons.append(facts)
        result.name_keys.append(_name_key(key_fn, facts))
    return result


def _name_key(key_fn: object | None, facts: MentionFacts) -> str | None:
    if not callable(key_fn):
        return None
    try:
        value = key_fn(" ".join(p for p in (facts.last_name, facts.first_name,
                                             facts.patronymic) if p))
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _count_note(text: str) -> str | None:
    m = _COUNT.search(text)
    if not m:
        return None
    n = m.group("n") or m.group("n2") or m.group("n3")
    return f"count without names: {n} ({' '.join(m.group(0).split())})"


def _same(a: MentionFacts, m: NameMention) -> bool:
    p = m.parts
    if _first_and_patronymic(a, m):
        return True
    if not a.last_name or not p.last:
        if p.last is None and p.first and a.first_name:
            if a.patronymic and p.patronymic and not _initial(a.patronymic) and \
                    _stem(a.patronymic) != _stem(p.patronymic):
                return False
            return a.first_name.casefold() == p.first.casefold()
        return False
    if _stem(a.last_name) != _stem(p.last):
        return False
    return not (a.first_name and p.first and a.first_name[0].casefold() != p.first[0].casefold())


def _first_and_patronymic(a: MentionFacts, m: NameMention) -> bool:
    """«Айдыс Оюн-оолович служил…» after «Монгуш Айдыс Оюн-оолович»: a later reference by first
    name and patronymic, which the name parser may read as a first name and a surname."""
    p = m.parts
    if p.last and p.patronymic:
        return False  # a full name of its own («Иван Петрович Орлов»)
    patr = p.patronymic or p.last
    if not (a.patronymic and a.first_name and p.first and patr) or _initial(a.patronymic):
        return False
    return _stem(a.patronymic) == _stem(patr) and _stem(a.first_name) == _stem(p.first)


def _initial(s: str) -> bool:
    return s.endswith(".")


def _stem(s: str) -> str:
    s = s.casefold().replace("ё", "е")
    return re.sub(r"(?:а|я)$", "", s)


def _group(text: str, mentions: list[NameMention]) -> tuple[list[MentionFacts], list[Anchor]]:
    persons: list[MentionFacts] = []
    anchors: list[Anchor] = []
    # full names first, then back-references (a surname or first name alone)
    full = [m for m in mentions if m.parts.last and (m.parts.first or m.parts.patronymic)]
    partial = [m for m in mentions if m not in full]
    for m in full:
        idx = next((i for i, p in enumerate(persons) if _same(p, m)), None)
        if idx is None:
            persons.append(_new_person(m))
            idx = len(persons) - 1
        else:
            _improve(persons[idx], m)
        anchors.append(Anchor(idx, m.start, m.end))
    for m in partial:
        idx = next((i for i, p in enumerate(persons) if _same(p, m)), None)
        if idx is None and not full and m.parts.first and not m.parts.last \
                and _says_died(text, m):
            persons.append(_new_person(m, 0.4))  # «погиб мой брат Константин»
            idx = len(persons) - 1
        if idx is not None:
            anchors.append(Anchor(idx, m.start, m.end))
    anchors.extend(_back_refs(text, persons, anchors))
    return persons, anchors


def _back_refs(text: str, persons: list[MentionFacts], anchors: list[Anchor]) -> list[Anchor]:
    """Surname or first-name words elsewhere in the text («Смирнову было 29 лет»)."""
    out: list[Anchor] = []
    taken = {(a.start, a.end) for a in anchors}
    for i, p in enumerate(persons):
        for name in (p.last_name, p.first_name):
            if not name or len(name) < 3 or name.endswith("."):
                continue
            stem = re.escape(name[: max(3, len(name) - 2)])
            for m in re.finditer(rf"(?<![\w-]){stem}[а-яёa-z]{{0,4}}(?![\w-])", text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                out.append(Anchor(i, m.start(), m.end()))
    return out


def _says_died(text: str, m: NameMention) -> bool:
    """A lone first name counts only in a sentence that says it died."""
    before = re.split(r"[.!?\n]", text[max(0, m.start - 60):m.start])[-1]
    return bool(death_pattern(m.parts.gender).search(before)) or died_after(
        text, m.end, len(text), m.parts.gender)


def _new_person(m: NameMention, conf: float | None = None) -> MentionFacts:
    p = m.parts
    facts = MentionFacts(full_name=m.full or m.surface, last_name=p.last, first_name=p.first,
                         patronymic=p.patronymic)
    if conf is None:
        conf = 0.9 if p.last and p.first else 0.6
    facts.spans["full_name"] = (m.start, m.end)
    facts.confidence["full_name"] = conf
    for name in ("last_name", "first_name", "patronymic"):
        if getattr(facts, name) is not None:
            facts.spans[name] = m.part_spans.get(name, (m.start, m.end))
            facts.confidence[name] = conf
    return facts


def _improve(facts: MentionFacts, m: NameMention) -> None:
    """A later mention may add a patronymic or a full first name (after initials)."""
    p = m.parts
    if _first_and_patronymic(facts, m):
        return  # «Айдыс Оюн-оолович»: adds nothing (its «surname» is the patronymic)
    changed = False
    if p.patronymic and (facts.patronymic is None or facts.patronymic.endswith(".")):
        facts.patronymic = p.patronymic
        facts.spans["patronymic"] = m.part_spans.get("patronymic", (m.start, m.end))
        facts.confidence["patronymic"] = 0.8
        changed = True
    if p.first and (facts.first_name is None or facts.first_name.endswith(".")):
        facts.first_name = p.first
        facts.spans["first_name"] = m.part_spans.get("first_name", (m.start, m.end))
        facts.confidence["first_name"] = 0.8
        changed = True
    if changed and p.last and m.full:
        facts.full_name = m.full
        facts.spans["full_name"] = (m.start, m.end)


def _attach_facts(text: str, english: bool, published: date | None,
                  persons: list[MentionFacts], assigner: Assigner,
                  sinks: list[NameMention]) -> None:
    def put(field: str, value: Any, start: int, end: int, conf: float,
            owners: list[tuple[int, float]] | None = None) -> None:
        for idx, factor in owners if owners is not None else assigner.owners(start, end):
            facts = persons[idx]
            c = round(conf * factor, 3)
            if getattr(facts, field) is None or c > facts.confidence.get(field, 0.0):
                setattr(facts, field, value)
                facts.spans[field] = (start, end)
                facts.confidence[field] = c

    for d in find_dates(text, published):
        field = "birth_date" if d.kind == "birth" else "death_date"
        put(field, d.value, d.start, d.end, d.confidence)
    for h in find_ages(text):
        put("age", int(h.value), h.start, h.end, h.confidence)
    for h in find_units(text):
        put("unit", h.value, h.start, h.end, h.confidence)
    for h in find_citizenship(text):
        put("citizenship", h.value, h.start, h.end, h.confidence)
    _attach_ranks(text, english, persons, assigner, sinks, put)
    _attach_places(text, english, persons, assigner, put)
    _attach_channel(text, persons, assigner)
    _fix_dates(persons, published)


Put = Callable[..., None]


def _attach_ranks(text: str, english: bool, persons: list[MentionFacts], assigner: Assigner,
                  sinks: list[NameMention], put: Put) -> None:
    for r in find_ranks(text, english=english):
        follows = text[r.end:r.end + 3]
        if any(0 <= s.start - r.end <= 2 for s in sinks):
            continue
        adjacent = [a for a in assigner.anchors if 0 <= a.start - r.end <= 3]
        if adjacent:
            put("rank", r.rank, r.start, r.end, 0.95, [(adjacent[0].person, 1.0)])
            put("is_officer", r.is_officer, r.start, r.end, 0.95, [(adjacent[0].person, 1.0)])
            continue
        if english and not re.match(r"\s+[A-Z]", follows) and not _en_rank_apposition(text, r):
            continue
        put("rank", r.rank, r.start, r.end, 0.7)
        put("is_officer", r.is_officer, r.start, r.end, 0.7)


def _en_rank_apposition(text: str, r: RankHit) -> bool:
    """«a mobilised private from Ulan-Ude», «rose to the rank of captain»: a rank as a noun."""
    before = text[max(0, r.start - 30):r.start]
    after = text[r.end:r.end + 12]
    return bool(re.search(r"\b(?:a|an|the)\s+(?:[a-z]+\s+)?$|rank\s+of\s+$", before)) and bool(
        re.match(r"\s*(?:[,.;)]|(?:from|of|in|who|with|serving|and)\b)", after))


def _attach_places(text: str, english: bool, persons: list[MentionFacts], assigner: Assigner,
                   put: Put) -> None:
    regions = find_regions(text)
    taken = [(h.start, h.end) for h, _ in regions] + [(a.start, a.end) for a in assigner.anchors]
    for h, kind in regions:
        if kind == "skip":
            continue
        put("region", h.value, h.start, h.end, h.confidence)
        if kind in ("city", "capital"):
            name = text[h.start:h.end] if english else settlement_lemma(
                text[h.start:h.end], explicit=True)
            if name:
                put("settlement", name, h.start, h.end, h.confidence)
    for h in find_settlements(text, english=english):
        if any(s <= h.start < e or h.start <= s < h.end for s, e in taken):
            continue
        put("settlement", h.value, h.start, h.end, h.confidence)


def _attach_channel(text: str, persons: list[MentionFacts], assigner: Assigner) -> None:
    per_person: dict[int, list[tuple[Hit, int]]] = {}
    for hit, prio in find_channel_cues(text):
        for idx, _ in assigner.owners(hit.start, hit.end):
            per_person.setdefault(idx, []).append((hit, prio))
    for idx, cues in per_person.items():
        resolved = resolve(cues)
        if resolved is None:
            continue
        hit, channel = resolved
        facts = persons[idx]
        facts.channel = Channel(channel)
        facts.spans["channel"] = (hit.start, hit.end)
        facts.confidence["channel"] = hit.confidence


def _fix_dates(persons: list[MentionFacts], published: date | None) -> None:
    for facts in persons:
        b, d = facts.birth_date, facts.death_date
        # born in the year of death or later: not a soldier's birth date (a misread date)
        if b is not None and d is not None and b.year >= d.year:
            facts.birth_date = None
            facts.spans.pop("birth_date", None)
            facts.confidence.pop("birth_date", None)
        if d is not None and published is not None and d.earliest() > published:
            facts.death_date = None
            facts.spans.pop("death_date", None)
            facts.confidence.pop("death_date", None)


__all__ = ["PartialDate", "detect_lang", "extract"]
